/**
 * Footnote notes meet their markers.
 *
 * Decision: a note attaches to the earliest waiting marker with the same mark. Markers always
 * precede their notes on a page, so this works across numbering restarts (annex A's own ¹²³)
 * without knowing where pages end. A mark waiting twice is one note cited twice, unless another
 * note with the same mark follows in the same block of notes (then they are two notes numbered
 * alike). A note with no marker takes plain digits glued to the text as its marker when exactly
 * one such run stands on its page; otherwise it is kept on the preceding paragraph and warned.
 */
import type { Footnote } from "../../../schemas/index.ts";
import { diag } from "../../diagnostics.ts";
import type { Block } from "../blocks.ts";
import { readDefinition } from "../footnotes.ts";
import { at, type ParseState, recordHeading, sourceOf } from "./state.ts";

/**
 * Attach the note `body` with mark `mark` (number `n`, null for "*") found in block `index`.
 */
export function define(
  s: ParseState,
  mark: string,
  n: number | null,
  body: string,
  block: Block,
  index: number,
): void {
  const k = s.waiting.findIndex((p) => p.ref.mark === mark);
  const source = sourceOf(s, block);
  if (k < 0 && n !== null && inferMarker(s, mark, n, body, source)) return;
  if (k < 0) {
    unreferenced(s, mark, n, body, block, source);
    return;
  }
  const sameMark = s.waiting.filter((q) => q.ref.mark === mark);
  const takers = laterNoteAlike(s, mark, index) ? sameMark.slice(0, 1) : sameMark;
  if (takers.length > 1) {
    s.diagnostics.push(
      diag(
        "parse/footnote-repeated",
        at(s, takers[1]!.line, takers[1]!.column),
        `Marker ${mark} stands ${takers.length} times before its note; the note is attached at each place.`,
        "Nothing to do if the document cites the same note again; otherwise renumber the markers.",
      ),
    );
  }
  for (const p of takers) {
    s.waiting.splice(s.waiting.indexOf(p), 1);
    const note: Footnote = { mark, n, text: body, at: p.ref.at, source };
    if ("draft" in p.owner) s.drafts[p.owner.draft]!.footnotes.push(note);
    else s.headings[p.owner.heading]!.footnotes.push(note);
  }
}

/** Another note with this mark follows in the same block of notes (the blocks after `index`). */
function laterNoteAlike(s: ParseState, mark: string, index: number): boolean {
  const { blocks } = s.input;
  let alike = false;
  for (let j = index + 1; j < blocks.length; j++) {
    const t = blocks[j]!.text.trim();
    if (t === "") continue;
    const d = readDefinition(t);
    if (!d) break;
    if (d.mark === mark) alike = true;
  }
  return alike;
}

/** A note no marker waits for: kept on the open (or last) paragraph, or as a heading if none. */
function unreferenced(
  s: ParseState,
  mark: string,
  n: number | null,
  body: string,
  block: Block,
  source: Footnote["source"],
): void {
  s.diagnostics.push(
    diag(
      "parse/footnote-unreferenced",
      at(s, block.line, block.column),
      `Footnote ${mark} has no marker before it; its text is kept on the preceding paragraph.`,
      `Check that the marker ${mark} stands in the text it annotates.`,
    ),
  );
  const owner = s.open ?? (s.drafts.length ? s.drafts.length - 1 : null);
  if (owner !== null) {
    const d = s.drafts[owner]!;
    d.footnotes.push({ mark, n, text: body, at: d.text.length, source });
  } else {
    recordHeading(s, body, "plain", `note-${mark}`, source);
  }
}

/**
 * A note with no marker: a PDF's text layer often prints the marker as plain digits glued to the
 * word or punctuation before it ("advice,2", "Declaration4 and"). Look for exactly one such digit
 * run, equal to the note's number, on the page the note closes; take it as the marker.
 */
function inferMarker(
  s: ParseState,
  mark: string,
  n: number,
  body: string,
  source: Footnote["source"],
): boolean {
  const re = new RegExp(`(?<=[,;.:)\u201d\u2019\\p{Ll}])${n}(?=[\\s,.;:]|$)`, "gu");
  const hits: { d: number; index: number }[] = [];
  for (let d = s.page.start; d < s.drafts.length; d++) {
    for (const m of s.drafts[d]!.text.matchAll(re)) hits.push({ d, index: m.index });
  }
  if (hits.length !== 1) return false;
  const { d, index } = hits[0]!;
  const draft = s.drafts[d]!;
  const len = String(n).length;
  draft.text = draft.text.slice(0, index) + draft.text.slice(index + len);
  for (const f of draft.footnotes) if (f.at > index) f.at -= len;
  for (const p of s.waiting)
    if ("draft" in p.owner && p.owner.draft === d && p.ref.at > index) p.ref.at -= len;
  draft.footnotes.push({ mark, n, text: body, at: index, source });
  draft.footnotes.sort((a, b) => a.at - b.at);
  s.diagnostics.push(
    diag(
      "parse/footnote-marker-inferred",
      at(s, draft.line),
      `Footnote ${n}'s marker is printed as the plain digits "${n}" glued to the text; read as the marker and removed from the text.`,
      `Write the marker as a superscript (${mark}) in the corpus file to make this explicit.`,
    ),
  );
  return true;
}

/** Markers still waiting at the end of the document: warned, each where it stands. */
export function reportUnresolved(s: ParseState): void {
  for (const p of s.waiting) {
    s.diagnostics.push(
      diag(
        "parse/footnote-unresolved",
        at(s, p.line, p.column),
        `Footnote marker ${p.ref.mark} has no note after it.`,
        "Add the footnote text after the paragraph (as its own line starting with the marker).",
      ),
    );
  }
}
