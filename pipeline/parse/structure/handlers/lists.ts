/**
 * Handlers for a list of documents (the seed's annex D: 81 working papers): each entry is a title
 * line then a submitter line, with a blank line between them or not, since the conversion is
 * inconsistent about it. Entries are drafted as `entry` paragraphs that working-papers.ts reads.
 *
 * Decisions: footnote markers in an entry stay where they stand (title or submitter line) and
 * meet their notes like any other; entries are numbered per part, and a title still waiting for
 * its submitter when the part ends is closed in its own part, so a second list never continues
 * the first one's numbering.
 */
import { diag } from "../../../diagnostics.ts";
import type { Block } from "../../blocks.ts";
import type { MarkerRef } from "../../footnotes.ts";
import { addRefs, at, extendPages, newDraft, type ParseState, pagesOf } from "../state.ts";
import type { Handler } from "./types.ts";

/** A bracketed note under the list's heading, before its first entry: an unnumbered paragraph. */
export const listNote: Handler<"listNote"> = (s, { text, refs, block }) => {
  const k = newDraft(s, {
    part: [...s.part],
    scope: null,
    num: [],
    label: "",
    text,
    parent: null,
    block,
    kind: "paragraph",
  });
  addRefs(s, refs, { draft: k }, block);
};

/** One line of an entry block, trimmed, with the markers that stand in it (offsets into the line). */
interface EntryLine {
  text: string;
  refs: MarkerRef[];
  /** Line in the Markdown. */
  line: number;
}

/** Cut a block's marker-free text into trimmed lines, each with its own markers. */
function entryLines(text: string, refs: MarkerRef[], block: Block): EntryLine[] {
  const out: EntryLine[] = [];
  let start = 0;
  let lineNo = block.line;
  for (const raw of text.split("\n")) {
    const end = start + raw.length;
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed) {
      out.push({
        text: trimmed,
        line: lineNo,
        refs: refs
          .filter((r) => r.at >= start && r.at <= end)
          .map((r) => ({ ...r, at: Math.min(trimmed.length, Math.max(0, r.at - start - lead)) })),
      });
    }
    start = end + 1;
    lineNo++;
  }
  return out;
}

/** Each line pairs with the title line waiting before it, or waits as a title for its submitter. */
export const entry: Handler<"entry"> = (s, { text, refs, block }) => {
  for (const l of entryLines(text, refs, block)) {
    const waiting = s.entries.waiting;
    if (!waiting) {
      s.entries.waiting = { title: l.text, line: l.line, refs: l.refs, block, pages: pagesOf(block) };
      continue;
    }
    s.entries.count++;
    const k = newDraft(s, {
      part: [...s.part],
      scope: null,
      num: [],
      label: "",
      text: `${waiting.title}\n${l.text}`,
      parent: null,
      block,
      line: waiting.line,
      pages: waiting.pages,
      kind: "entry",
      ordinal: s.entries.count,
    });
    const d = s.drafts[k]!;
    d.endLine = l.line;
    if (waiting.block !== block) extendPages(d, block);
    addRefs(s, waiting.refs, { draft: k }, waiting.block);
    addRefs(s, l.refs, { draft: k }, block, waiting.title.length + 1);
    s.entries.waiting = null;
  }
};

/**
 * A title still waiting for its submitter (at the end of the document, or of its part) is an
 * entry without one.
 */
export function closeEntries(s: ParseState): void {
  const waiting = s.entries.waiting;
  if (!waiting) return;
  s.entries.waiting = null;
  s.entries.count++;
  s.diagnostics.push(
    diag(
      "parse/list-entry-incomplete",
      at(s, waiting.line),
      `List entry "${waiting.title}" has no submitter line after it; kept as an entry without one.`,
      "Add the submitter line (the State or group) below the title.",
    ),
  );
  const k = newDraft(s, {
    part: [...s.part],
    scope: null,
    num: [],
    label: "",
    text: waiting.title,
    parent: null,
    block: waiting.block,
    line: waiting.line,
    pages: waiting.pages,
    kind: "entry",
    ordinal: s.entries.count,
  });
  s.drafts[k]!.endLine = waiting.line;
  addRefs(s, waiting.refs, { draft: k }, waiting.block);
}
