/**
 * Blocks -> paragraphs: the structural reading of a UN document.
 *
 * One pass over the blocks with a small state: the current part (body, annex, nested annex,
 * appendix, preamble), the heading stack, the open numbering levels of the current paragraph
 * (23 -> (f) -> (一)), the numbering of each part (to tell a restart from a gap), the footnote
 * markers waiting for their definitions, and whether a page's footnote block (or a running header)
 * has just interrupted the text.
 *
 * Decisions, each from the real seed:
 * - A footnote definition attaches to the earliest waiting marker with the same mark. Markers
 *   always precede their notes on a page, so this works across numbering restarts (annex A's own
 *   ¹²³) without knowing where pages end.
 * - After a footnote block, an unnumbered block that is not a heading continues the paragraph the
 *   footnotes interrupted (A/78/265 has eight such breaks, one right after a full stop: 37 (c)).
 * - A label that continues no open list ((一) then "(c)" in annex 23 (f)) keeps its printed text,
 *   takes the next value of the innermost list, and is warned about: it must not become a second 23 (c).
 * - A plain heading followed by a subparagraph that continues the open list (annex A para 13) is a
 *   heading inside that paragraph: it joins the heading path without closing the list.
 * - Numbering that restarts at 1 inside a part opens a scope: "D/next-steps" under a "Recommended
 *   next steps" heading of section D, else "list-2", "list-3" (and the first list becomes "list-1").
 */

import { addressOf, anchorOf, idOf, partAddress } from "../../core/address/address.ts";
import type { Diagnostic, Footnote, Heading, Lang, Paragraph } from "../../schemas/index.ts";
import { diag } from "../diagnostics.ts";
import type { Block } from "./blocks.ts";
import { type MarkerRef, readDefinition, takeMarkers } from "./footnotes.ts";
import {
  cjkToNumber,
  firstValue,
  type Label,
  type LabelStyle,
  labelIsIrregular,
  nextValue,
  readLabel,
  toRoman,
} from "./labels.ts";

export interface StructureInput {
  file: string;
  /** Line in the file of the Markdown's first line, minus one. */
  lineOffset: number;
  doc: string;
  lang: Lang;
  title: string;
  isResolution: boolean;
  blocks: Block[];
}

export interface StructureOutput {
  paragraphs: Paragraph[];
  headings: Heading[];
  parts: string[][];
  diagnostics: Diagnostic[];
}

interface Draft {
  part: string[];
  scope: string | null;
  num: string[];
  label: string;
  text: string;
  footnotes: Footnote[];
  headings: string[];
  parent: number | null;
  line: number;
  endLine: number;
  kind: Paragraph["kind"];
  flags: Set<Paragraph["flags"][number]>;
  /** Preamble position, entry position or source-note owner, for addressing. */
  ordinal?: number;
}

interface Level {
  style: LabelStyle;
  value: string;
  draft: number;
}

interface Numbering {
  mainLast: number;
  scope: string | null;
  scopeLast: number;
  lists: number;
  /** Drafts numbered in the main sequence, in case the part turns out to hold several lists. */
  mainDrafts: number[];
}

type HeadingKind = "part" | "title" | "chapter" | "section" | "plain" | "inner";
const LEVEL: Record<HeadingKind, number> = { part: 1, title: 2, chapter: 3, section: 4, plain: 5, inner: 6 };

const NEXT_STEPS = /^(建议的后续步骤|建议采取的下一步行动|建议的下一步(行动)?|recommended next steps)$/i;
const DOC_LIST = /(工作文件清单|文件清单|list of (the )?(working|position) papers|list of documents)/i;
const TERMINAL = /[。；：.;:!?！？”"’』」)）\]］]$/;
const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’《》]/;

/** Annex headings: "附件", "附件*", "附件一", "附件 A", "Annex", "Annex I", "ANNEX B". */
function readAnnex(text: string): string | null | undefined {
  let m = /^附件\s*([一二三四五六七八九十]{1,3}|[A-Z]|\d{1,2})?$/.exec(text);
  if (m) {
    const v = m[1];
    if (!v) return null;
    const n = cjkToNumber(v);
    return n !== null ? toRoman(n).toUpperCase() : v;
  }
  m = /^annex\s*([IVXLC]{1,6}|[A-Z]|\d{1,2})?$/i.exec(text);
  if (m) return m[1] ? m[1].toUpperCase() : null;
  return undefined;
}

function isAppendix(text: string): boolean {
  return (
    /^(附录|appendix)(\s+[A-Z0-9IVX]+)?$/i.test(text) || /的附录$/.test(text) || /^appendix to\b/i.test(text)
  );
}

function isChapter(text: string): boolean {
  return /^[一二三四五六七八九十]{1,3}\s*[.．、]\s*\S/.test(text) || /^[IVXL]{2,6}\.\s+\S/.test(text);
}

function sectionLetter(text: string): string | null {
  const m = /^([A-Z])\s*[.．]\s*\S/.exec(text);
  return m ? m[1]! : null;
}

export function buildStructure(input: StructureInput): StructureOutput {
  const { blocks, file, lineOffset, doc, lang } = input;
  const diagnostics: Diagnostic[] = [];
  const drafts: Draft[] = [];
  const headings: (Heading & { kind: HeadingKind })[] = [];
  const parts: string[][] = [[]];
  const at = (line: number, column = 1) => ({ file, line: line + lineOffset, column });
  const asterisk = blocks.some((b) => b.kind === "bullet" && b.bullet === "*");

  let part: string[] = [];
  let stack: { level: number; text: string; kind: HeadingKind }[] = [];
  let levels: Level[] = [];
  const numbering = new Map<string, Numbering>();
  let entryMode = false;
  let preamble = false;
  let preambleCount = 0;
  let pendingEntry: { title: string; line: number } | null = null;
  let entryCount = 0;
  /** Index of the paragraph the text last added to, while no heading has intervened. */
  let open: number | null = null;
  /** A footnote block or page artifact stands between `open` and the next block. */
  let broken = false;
  let breakCause = "a page's footnotes";
  let lastWasDefinition = false;
  let sincePart = 0;
  let chapterRoman = 0;
  const pending: {
    ref: MarkerRef;
    owner: { draft: number } | { heading: number };
    line: number;
    column: number;
  }[] = [];

  const numberingOf = (p: string[]) => {
    const key = p.join("\u0000");
    let n = numbering.get(key);
    if (!n) {
      n = { mainLast: 0, scope: null, scopeLast: 0, lists: 1, mainDrafts: [] };
      numbering.set(key, n);
    }
    return n;
  };

  const setPart = (next: string[]) => {
    part = next;
    parts.push(next);
    levels = [];
    open = null;
    broken = false;
    entryMode = false;
    preamble = false;
    sincePart = 0;
    chapterRoman = 0;
    stack = [];
  };

  const addRefs = (
    refs: MarkerRef[],
    owner: { draft: number } | { heading: number },
    block: Block,
    base = 0,
  ) => {
    for (const ref of refs) {
      pending.push({
        ref: { ...ref, at: ref.at + base },
        owner,
        line: block.line,
        column: block.column + ref.sourceOffset,
      });
    }
  };

  const pushHeading = (text: string, kind: HeadingKind, block: Block, refs: MarkerRef[]) => {
    const level = LEVEL[kind];
    // A new section ends the "Recommended next steps" list of the previous one.
    if (kind === "section" || kind === "chapter") {
      const nb = numberingOf(part);
      if (nb.scope?.endsWith("next-steps")) nb.scope = null;
    }
    if (kind !== "part") stack = stack.filter((h) => h.level < level);
    if (kind !== "part") stack.push({ level, text, kind });
    const k = headings.filter((h) => h.part.join("/") === part.join("/")).length + 1;
    const h: Heading & { kind: HeadingKind } = {
      text,
      depth: level,
      part: [...part],
      anchor: `${anchorOf(partAddress(part))}-h${k}`,
      footnotes: [],
      source: { file, line: block.line + lineOffset, endLine: block.endLine + lineOffset },
      kind,
    };
    headings.push(h);
    addRefs(refs, { heading: headings.length - 1 }, block);
    open = null;
    broken = false;
  };

  const newDraft = (
    d: Omit<Draft, "footnotes" | "flags" | "headings"> & { flags?: Draft["flags"] },
  ): number => {
    drafts.push({
      ...d,
      footnotes: [],
      headings: stack.map((h) => h.text),
      flags: d.flags ?? new Set(),
    });
    sincePart++;
    return drafts.length - 1;
  };

  /** Attach a footnote definition to the earliest waiting marker with the same mark. */
  const define = (mark: string, n: number | null, body: string, block: Block, index: number) => {
    const k = pending.findIndex((p) => p.ref.mark === mark);
    const source = { file, line: block.line + lineOffset, endLine: block.endLine + lineOffset };
    if (k < 0 && n !== null && inferMarker(mark, n, body, source)) return;
    if (k < 0) {
      diagnostics.push(
        diag(
          "parse/footnote-unreferenced",
          at(block.line, block.column),
          `Footnote ${mark} has no marker before it; its text is kept on the preceding paragraph.`,
          `Check that the marker ${mark} stands in the text it annotates.`,
        ),
      );
      const owner = open ?? (drafts.length ? drafts.length - 1 : null);
      if (owner !== null) {
        const d = drafts[owner]!;
        d.footnotes.push({ mark, n, text: body, at: d.text.length, source });
      } else {
        headings.push({
          text: body,
          depth: LEVEL.plain,
          part: [...part],
          anchor: `${anchorOf(partAddress(part))}-note-${mark}`,
          footnotes: [],
          source,
          kind: "plain",
        });
      }
      return;
    }
    // The same mark waiting twice: two notes numbered alike (a restart) if another note with this
    // mark follows in the same block of notes; otherwise one note cited twice, as end notes are.
    const sameMark = pending.filter((q) => q.ref.mark === mark);
    let laterNoteAlike = false;
    for (let j = index + 1; j < blocks.length; j++) {
      const t = blocks[j]!.text.trim();
      if (t === "") continue;
      const d = readDefinition(t);
      if (!d) break;
      if (d.mark === mark) laterNoteAlike = true;
    }
    const takers = laterNoteAlike ? sameMark.slice(0, 1) : sameMark;
    if (takers.length > 1) {
      diagnostics.push(
        diag(
          "parse/footnote-repeated",
          at(takers[1]!.line, takers[1]!.column),
          `Marker ${mark} stands ${takers.length} times before its note; the note is attached at each place.`,
          "Nothing to do if the document cites the same note again; otherwise renumber the markers.",
        ),
      );
    }
    for (const p of takers) {
      pending.splice(pending.indexOf(p), 1);
      const note: Footnote = { mark, n, text: body, at: p.ref.at, source };
      if ("draft" in p.owner) drafts[p.owner.draft]!.footnotes.push(note);
      else headings[p.owner.heading]!.footnotes.push(note);
    }
  };

  /** Drafts created since the last footnote block: the text of the current page. */
  let pageStart = 0;

  /**
   * A note with no marker: a PDF's text layer often prints the marker as plain digits glued to the
   * word or punctuation before it ("advice,2", "Declaration4 and"). Look for exactly one such digit
   * run, equal to the note's number, on the page the note closes; take it as the marker.
   */
  const inferMarker = (mark: string, n: number, body: string, source: Footnote["source"]): boolean => {
    const re = new RegExp(`(?<=[,;.:)\u201d\u2019\\p{Ll}])${n}(?=[\\s,.;:]|$)`, "gu");
    const hits: { d: number; index: number }[] = [];
    for (let d = pageStart; d < drafts.length; d++) {
      for (const m of drafts[d]!.text.matchAll(re)) hits.push({ d, index: m.index });
    }
    if (hits.length !== 1) return false;
    const { d, index } = hits[0]!;
    const draft = drafts[d]!;
    const len = String(n).length;
    draft.text = draft.text.slice(0, index) + draft.text.slice(index + len);
    for (const f of draft.footnotes) if (f.at > index) f.at -= len;
    for (const p of pending)
      if ("draft" in p.owner && p.owner.draft === d && p.ref.at > index) p.ref.at -= len;
    draft.footnotes.push({ mark, n, text: body, at: index, source });
    draft.footnotes.sort((a, b) => a.at - b.at);
    diagnostics.push(
      diag(
        "parse/footnote-marker-inferred",
        at(draft.line),
        `Footnote ${n}'s marker is printed as the plain digits "${n}" glued to the text; read as the marker and removed from the text.`,
        `Write the marker as a superscript (${mark}) in the corpus file to make this explicit.`,
      ),
    );
    return true;
  };

  const isArtifact = (text: string, known: string[]): boolean => {
    const t = text.trim();
    if (/^(\d{1,3}(\s*\/\s*\d{1,3})?|\d{2}-\d{5}(\s*\([A-Z]\))?(\s+\d{6})?|\*\d{7}\*)$/.test(t)) return true;
    if (t === doc) return true;
    // A repeated title is a running header only where it cuts a sentence in two: a heading that
    // recurs between paragraphs ("Recommended next steps") is a heading.
    if (open === null) return false;
    const prev = drafts[open]!.text.trim();
    if (TERMINAL.test(prev) || /[,，]$/.test(prev)) return false;
    if (t.length < 20 || t.length > 160 || TERMINAL.test(t)) return false;
    const norm = (s: string) => s.toLowerCase().replace(/\s+/g, " ").trim();
    const nt = norm(t);
    if (norm(input.title).startsWith(nt)) return true;
    return known.some((k) => {
      const nk = norm(k).replace(/^\d+\/\d+\.\s*/, "");
      return nk === nt;
    });
  };

  /** Heading kind of a block, or null if it reads as a paragraph. */
  const headingKind = (text: string, block: Block): HeadingKind | null => {
    const firstTitle = sincePart === 0 && !stack.some((h) => h.kind === "title");
    if (block.kind === "heading") return firstTitle ? "title" : "plain";
    if (block.kind === "bullet") return null;
    if (readAnnex(text) !== undefined || isAppendix(text)) return "part";
    if (/^(the general assembly|大会)\s*[,，]?$/i.test(text)) return "title";
    const zh = lang === "zh" || CJK.test(text.slice(0, 4));
    const max = zh ? 48 : 160;
    if (text.length === 0 || text.length > max || (zh && text.includes("\n"))) return null;
    if (TERMINAL.test(text) || /[，,；;]$/.test(text)) return null;
    if (/^[[［(（]/.test(text)) return null;
    if (zh && /[。；]/.test(text)) return null;
    if (!zh && /^[a-z]/.test(text)) return null;
    if (isChapter(text)) return "chapter";
    const letter = sectionLetter(text);
    if (letter) {
      // "I." and "V." open chapters when a roman sequence expects them; otherwise they are sections.
      if ((letter === "I" && chapterRoman === 0 && !stack.some((h) => h.kind === "section")) || false)
        return "chapter";
      return "section";
    }
    return firstTitle ? "title" : "plain";
  };

  /** Assign a subparagraph label to a level of the open list. */
  const placeLabel = (
    label: Label,
    block: Block,
  ): { num: string[]; parent: number | null; renumbered: boolean } | null => {
    if (levels.length === 0) return null;
    const innermost = drafts[levels[levels.length - 1]!.draft]!;
    const colon = /[:：]$/.test(innermost.text.trim());
    const candidates: { style: LabelStyle; value: string }[] = [{ style: label.style, value: label.value }];
    if (label.roman) candidates.push({ style: "roman", value: label.roman });
    const startOf = (c: { style: LabelStyle; value: string }) => c.value === firstValue(c.style);
    const expected = (depth: number, c: { style: LabelStyle; value: string }) => {
      const lv = levels[depth]!;
      const sameFamily =
        lv.style === c.style ||
        (lv.style === "cjk" && c.style === "roman") ||
        (lv.style === "roman" && c.style === "cjk");
      return sameFamily && nextValue(lv.style, lv.value) === c.value;
    };
    const openNew = (c: { style: LabelStyle; value: string }) => {
      const parent = levels[levels.length - 1]!.draft;
      return { depth: levels.length, style: c.style, value: c.value, parent };
    };
    let choice: { depth: number; style: LabelStyle; value: string; parent: number } | null = null;
    // A chapeau ending with a colon announces a new list: prefer opening one.
    if (colon && levels.length > 0) {
      const c = candidates.find(
        (c) => startOf(c) && !levels.some((l) => l.style === c.style && l.draft === levels.at(-1)!.draft),
      );
      if (c && levels[levels.length - 1]!.style !== c.style) choice = openNew(c);
    }
    if (!choice) {
      for (let d = levels.length - 1; d >= 1 && !choice; d--) {
        for (const c of candidates) {
          if (expected(d, c)) {
            choice = { depth: d, style: levels[d]!.style, value: c.value, parent: levels[d - 1]!.draft };
            break;
          }
        }
      }
    }
    if (!choice) {
      const c = candidates.find(startOf);
      if (
        c &&
        !levels.some((l, i) => i > 0 && (l.style === c.style || (l.style === "cjk" && c.style === "roman")))
      ) {
        choice = openNew(c);
      }
    }
    if (!choice) {
      // Continues no open list: keep the printed text, take the next value of the innermost list.
      if (levels.length === 1) {
        const c = candidates[0]!;
        choice = openNew(c);
      } else {
        const d = levels.length - 1;
        const lv = levels[d]!;
        const value = nextValue(lv.style, lv.value);
        const top = drafts[levels[0]!.draft]!;
        const expect = levels
          .slice(1)
          .map((l) => `"${printedOf(l.style, nextValue(l.style, l.value))}"`)
          .reverse()
          .join(" or ");
        diagnostics.push(
          diag(
            "parse/numbering-irregular",
            at(block.line, block.column),
            `Subparagraph "${label.printed}" continues no open list here (expected ${expect}); its text is kept as printed and it is numbered ${[...top.num, ...levels.slice(1, d).map((l) => l.value), value].join(" ")} in sequence.`,
            "If the source document really prints this label, nothing to do; if the conversion changed it, correct the label in the corpus file.",
          ),
        );
        levels = levels.slice(0, d);
        levels.push({ style: lv.style, value, draft: -1 });
        return { num: levelsNum(), parent: levels[d - 1]!.draft, renumbered: true };
      }
    }
    levels = levels.slice(0, choice.depth);
    levels.push({ style: choice.style, value: choice.value, draft: -1 });
    return { num: levelsNum(), parent: choice.parent, renumbered: false };
  };

  const levelsNum = () => levels.map((l, i) => (i === 0 ? drafts[l.draft]!.num[0]! : l.value));

  const printedOf = (style: LabelStyle, value: string) => {
    if (style === "cjk") {
      const cjk = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
      const n = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"].indexOf(value) + 1;
      return `(${cjk[n] ?? value})`;
    }
    return style === "number" ? `${value}.` : `(${value})`;
  };

  /** Scope for a top-level number, deciding between continuation, restart and gap. */
  const placeNumber = (
    n: number,
    block: Block,
  ): { scope: string | null; renumbered: boolean; value: number } => {
    const nb = numberingOf(part);
    if (nb.scope !== null && n === nb.scopeLast + 1) {
      nb.scopeLast = n;
      return { scope: nb.scope, renumbered: false, value: n };
    }
    if (n === nb.mainLast + 1) {
      nb.mainLast = n;
      nb.scope = null;
      return { scope: null, renumbered: false, value: n };
    }
    if (n === 1) {
      const nextSteps = [...stack].reverse().find((h) => h.kind !== "inner");
      let scope: string;
      if (nextSteps && NEXT_STEPS.test(nextSteps.text)) {
        const sec = [...stack].reverse().find((h) => h.kind === "section");
        const letter = sec ? sectionLetter(sec.text) : null;
        scope = letter ? `${letter}/next-steps` : "next-steps";
      } else {
        nb.lists++;
        scope = `list-${nb.lists}`;
      }
      nb.scope = scope;
      nb.scopeLast = 1;
      return { scope, renumbered: false, value: 1 };
    }
    const last = nb.scope !== null ? nb.scopeLast : nb.mainLast;
    if (n > last + 1) {
      diagnostics.push(
        diag(
          "parse/numbering-gap",
          at(block.line, block.column),
          `Paragraph ${n} follows paragraph ${last}: ${n - last - 1} number(s) are missing.`,
          "Check the conversion for a lost paragraph; if the source skips numbers, nothing to do.",
        ),
      );
      if (nb.scope !== null) nb.scopeLast = n;
      else nb.mainLast = n;
      return { scope: nb.scope, renumbered: false, value: n };
    }
    const value = last + 1;
    diagnostics.push(
      diag(
        "parse/numbering-irregular",
        at(block.line, block.column),
        `Paragraph number ${n} repeats or goes back (the previous was ${last}); the text is kept as printed and numbered ${value} in sequence.`,
        "Correct the number in the corpus file if the conversion changed it.",
      ),
    );
    if (nb.scope !== null) nb.scopeLast = value;
    else nb.mainLast = value;
    return { scope: nb.scope, renumbered: true, value };
  };

  const join = (a: string, b: string) => {
    const x = a.at(-1) ?? "";
    const y = b[0] ?? "";
    return CJK.test(x) && CJK.test(y) ? "" : " ";
  };

  const stitch = (target: number, text: string, refs: MarkerRef[], block: Block, cause: string) => {
    const d = drafts[target]!;
    const glue = join(d.text, text);
    const base = d.text.length + glue.length;
    d.text += glue + text;
    d.endLine = block.endLine;
    d.flags.add("stitched");
    addRefs(refs, { draft: target }, block, base);
    diagnostics.push(
      diag(
        "parse/page-break-stitched",
        at(block.line, block.column),
        `Text after ${cause} continues ${describe(d)}; joined into one paragraph.`,
      ),
    );
  };

  const describe = (d: Draft) => {
    const where = d.part.length ? `${d.part.join(", ")}, ` : "";
    return d.num.length
      ? `${where}paragraph ${d.num.join(" ")}`
      : `the unnumbered paragraph at line ${d.line + lineOffset}`;
  };

  const knownHeadings = () => headings.map((h) => h.text);

  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    const raw = block.text.trim();
    if (raw === "") continue;
    if (block.html) {
      diagnostics.push(
        diag(
          "parse/html-ignored",
          at(block.line, block.column),
          "Raw HTML in the text is kept as literal text and never rendered.",
          "Remove the markup from the corpus file if it came from a conversion.",
        ),
      );
    }

    // Footnote definitions: "¹ text", or "* text" when a "*" marker waits for its note.
    const def = readDefinition(raw);
    if (def && block.kind !== "heading") {
      lastWasDefinition = true;
      define(def.mark, def.n, def.body.trim(), block, i);
      if (open !== null) {
        broken = true;
        breakCause = "a page's footnotes";
      }
      continue;
    }
    if (block.kind === "bullet" && block.bullet === "*" && pending.some((p) => p.ref.mark === "*")) {
      define("*", null, raw, block, i);
      if (open !== null) {
        broken = true;
        breakCause = "a page's footnotes";
      }
      continue;
    }

    if (lastWasDefinition) pageStart = drafts.length;
    lastWasDefinition = false;
    const { text, refs } = takeMarkers(raw, asterisk);
    const clean = text.trim();

    // Part headings: annex, nested annex, appendix.
    const annex = block.kind === "bullet" ? undefined : readAnnex(clean);
    if (annex !== undefined || (block.kind !== "bullet" && isAppendix(clean))) {
      let next: string[];
      if (annex === undefined) next = [...part.filter((p) => p !== "appendix"), "appendix"];
      else {
        const label = annex === null ? "annex" : `annex ${annex}`;
        const parentIsPlainAnnex = part[0] === "annex" && annex !== null;
        next = parentIsPlainAnnex ? ["annex", label] : [label];
      }
      setPart(next);
      pushHeading(clean, "part", block, refs);
      continue;
    }

    // Lists of documents (annex D): entries are a title line and a submitter line.
    if (entryMode) {
      if (/^[(（].*[)）]$/s.test(clean) && entryCount === 0 && !pendingEntry) {
        const k = newDraft({
          part: [...part],
          scope: null,
          num: [],
          label: "",
          text: clean,
          parent: null,
          line: block.line,
          endLine: block.endLine,
          kind: "paragraph",
        });
        addRefs(refs, { draft: k }, block);
        continue;
      }
      const lines = clean
        .split("\n")
        .map((l) => l.trim())
        .filter(Boolean);
      let lineNo = block.line;
      for (const l of lines) {
        if (!pendingEntry) pendingEntry = { title: l, line: lineNo };
        else {
          entryCount++;
          newDraft({
            part: [...part],
            scope: null,
            num: [],
            label: "",
            text: `${pendingEntry.title}\n${l}`,
            parent: null,
            line: pendingEntry.line,
            endLine: lineNo,
            kind: "entry",
            ordinal: entryCount,
          });
          pendingEntry = null;
        }
        lineNo++;
      }
      continue;
    }

    // Page artifacts: running headers, symbol lines, job numbers, page numbers.
    if (block.kind !== "bullet" && !readLabel(clean) && isArtifact(clean, knownHeadings())) {
      diagnostics.push(
        diag(
          "parse/page-artifact",
          at(block.line, block.column),
          `"${clean}" looks like a running header or page number of the original, not text; dropped.`,
          "If it is real text, give it punctuation or move it into the paragraph it belongs to.",
        ),
      );
      if (open !== null) {
        broken = true;
        breakCause = "a running header";
      }
      continue;
    }

    const label = block.kind === "heading" ? null : readLabel(clean);

    // Continuation after a page's footnotes.
    if (!label && broken && open !== null && block.kind !== "heading") {
      const prev = drafts[open]!;
      const prevText = prev.text.trim();
      const endsOpen = !TERMINAL.test(prevText) && !/[,，]$/.test(prevText);
      const lower = /^[a-z,;:)]/.test(clean);
      const zh = lang === "zh";
      const hk = headingKind(clean, block);
      let continues: boolean;
      if (prev.kind !== "paragraph") continues = false;
      else if (endsOpen) continues = true;
      else if (zh) continues = hk === null && !prev.flags.has("preamble");
      else continues = lower;
      if (continues) {
        stitch(open, text.trim(), refs, block, breakCause);
        broken = false;
        continue;
      }
    }
    broken = false;

    // A bare page break (a blank line and nothing else) inside a sentence: the paragraph ends on a
    // word, not on punctuation, and what follows cannot start a paragraph of its own.
    if (!label && open !== null && block.kind === "text" && drafts[open]!.kind === "paragraph") {
      const prevText = drafts[open]!.text.trim();
      const endsOnWord = /[\p{L}\p{N}]$/u.test(prevText) && !/\n/.test(prevText);
      const hk = headingKind(clean, block);
      const continues =
        endsOnWord &&
        (lang === "zh"
          ? hk === null && drafts[open]!.num.length > 0
          : /^[a-z]/.test(clean) ||
            (hk === null && /\b(and|or|of|the|in|to|for|with|on|by|a|an|its|their|as)$/i.test(prevText)));
      if (continues) {
        stitch(open, text.trim(), refs, block, "a page break");
        continue;
      }
    }

    if (!label) {
      const hk = headingKind(clean, block);
      if (hk && hk !== "part") {
        let kind = hk;
        if (kind === "plain" && levels.length > 0) {
          // A heading inside a paragraph's list (annex A para 13): look at what follows it.
          for (let j = i + 1; j < blocks.length; j++) {
            const nb = blocks[j]!.text.trim();
            if (!nb || readDefinition(nb)) continue;
            const nl = readLabel(nb);
            if (nl && nl.style !== "number" && nl.value !== firstValue(nl.style)) kind = "inner";
            else if (nl && nl.style !== "number") kind = "inner";
            if (!nl && headingKind(nb, blocks[j]!) === "plain") continue;
            break;
          }
        }
        if (kind === "plain") {
          // A plain line right before a chapter heading is the title the chapters sit under.
          const nextText =
            blocks
              .slice(i + 1)
              .find((b) => b.text.trim() !== "")
              ?.text.trim() ?? "";
          if (isChapter(nextText) || /^I\.\s+\S/.test(nextText)) kind = "title";
        }
        if (kind === "chapter" && /^[IVXL]+\./.test(clean)) chapterRoman++;
        if (kind === "title" && /^(the general assembly|大会)/i.test(clean) && input.isResolution) {
          preamble = true;
          preambleCount = 0;
        }
        if (DOC_LIST.test(clean) && part.length > 0) entryMode = true;
        pushHeading(clean, kind, block, refs);
        if (kind !== "inner") {
          // A heading ends the open paragraph's list only if a new number follows; keep `levels`.
        }
        continue;
      }

      // Source notes: a bracketed reference right after the paragraph it sources (annex B).
      if (/^[[［][^\n]*[\]］]$/.test(clean) && open !== null && /段|para|A\/|报告|report/i.test(clean)) {
        const owner: number = open;
        const k = newDraft({
          part: [...part],
          scope: null,
          num: [],
          label: "",
          text: clean,
          parent: owner,
          line: block.line,
          endLine: block.endLine,
          kind: "source-note",
        });
        addRefs(refs, { draft: k }, block);
        // The note does not interrupt the list, and a page break after it still belongs to the owner.
        open = owner;
        continue;
      }

      // An unnumbered paragraph: a preambular paragraph, an introduction, a bullet principle.
      let dpart = [...part];
      let num: string[] = [];
      const flags = new Set<Paragraph["flags"][number]>();
      if (preamble && part.length === 0) {
        preambleCount++;
        dpart = ["preamble"];
        num = [String(preambleCount)];
        flags.add("preamble");
      }
      const k = newDraft({
        part: dpart,
        scope: null,
        num,
        label: "",
        text: clean,
        parent: null,
        line: block.line,
        endLine: block.endLine,
        kind: "paragraph",
        flags,
      });
      if (dpart[0] === "preamble" && !parts.some((p) => p[0] === "preamble")) parts.push(["preamble"]);
      addRefs(refs, { draft: k }, block);
      levels = [];
      open = k;
      continue;
    }

    // A labelled paragraph. Offsets of markers shift by what the label took.
    const body = text.trim().slice(label.length);
    const shift = text.length - text.trimStart().length + label.length;
    const bodyRefs = refs.map((r) => ({ ...r, at: Math.max(0, r.at - shift) }));
    if (label.style === "number" && !/^[(（]/.test(label.printed)) {
      if (preamble) preamble = false;
      const placed = placeNumber(Number(label.value), block);
      const flags = new Set<Paragraph["flags"][number]>();
      if (placed.renumbered) flags.add("renumbered");
      if (labelIsIrregular(label)) {
        diagnostics.push(
          diag(
            "parse/numbering-irregular",
            at(block.line, block.column),
            `Label "${label.printed}" lacks the full stop its siblings have; read as number ${label.value}.`,
            "Nothing to do unless the conversion dropped text here.",
          ),
        );
      }
      const k = newDraft({
        part: [...part],
        scope: placed.scope,
        num: [String(placed.value)],
        label: label.printed,
        text: body,
        parent: null,
        line: block.line,
        endLine: block.endLine,
        kind: "paragraph",
        flags,
      });
      if (placed.scope === null) numberingOf(part).mainDrafts.push(k);
      addRefs(bodyRefs, { draft: k }, block);
      levels = [{ style: "number", value: String(placed.value), draft: k }];
      open = k;
      continue;
    }

    const placed = placeLabel(label, block);
    if (!placed) {
      // A subparagraph label with no numbered paragraph open (a list directly under a heading).
      const k = newDraft({
        part: [...part],
        scope: null,
        num: [label.value],
        label: label.printed,
        text: body,
        parent: null,
        line: block.line,
        endLine: block.endLine,
        kind: "paragraph",
      });
      addRefs(bodyRefs, { draft: k }, block);
      levels = [{ style: "number", value: label.value, draft: k }];
      open = k;
      continue;
    }
    const topDraft = drafts[levels[0]!.draft]!;
    const flags = new Set<Paragraph["flags"][number]>();
    if (placed.renumbered) flags.add("renumbered");
    const k = newDraft({
      part: [...part],
      scope: topDraft.scope,
      num: placed.num,
      label: label.printed,
      text: body,
      parent: placed.parent,
      line: block.line,
      endLine: block.endLine,
      kind: "paragraph",
      flags,
    });
    levels[levels.length - 1]!.draft = k;
    addRefs(bodyRefs, { draft: k }, block);
    open = k;
  }

  if (pendingEntry) {
    entryCount++;
    diagnostics.push(
      diag(
        "parse/list-entry-incomplete",
        at(pendingEntry.line),
        `List entry "${pendingEntry.title}" has no submitter line after it; kept as an entry without one.`,
        "Add the submitter line (the State or group) below the title.",
      ),
    );
    newDraft({
      part: [...part],
      scope: null,
      num: [],
      label: "",
      text: pendingEntry.title,
      parent: null,
      line: pendingEntry.line,
      endLine: pendingEntry.line,
      kind: "entry",
      ordinal: entryCount,
    });
  }

  for (const p of pending) {
    diagnostics.push(
      diag(
        "parse/footnote-unresolved",
        at(p.line, p.column),
        `Footnote marker ${p.ref.mark} has no note after it.`,
        "Add the footnote text after the paragraph (as its own line starting with the marker).",
      ),
    );
  }

  // A part whose numbering restarted holds several lists: its first list is "list-1".
  for (const nb of numbering.values()) {
    if (nb.lists > 1) for (const k of nb.mainDrafts) drafts[k]!.scope = "list-1";
  }
  for (const d of drafts) {
    if (d.parent !== null && d.scope === null) d.scope = drafts[d.parent]!.scope;
  }
  // Subparagraphs inherit their top paragraph's scope even when set after them.
  for (const d of drafts) {
    if (d.kind === "paragraph" && d.num.length > 1) {
      let p = d.parent;
      while (p !== null && drafts[p]!.parent !== null && drafts[p]!.kind === "paragraph")
        p = drafts[p]!.parent;
      if (p !== null) d.scope = drafts[p]!.scope;
    }
  }

  const paragraphs = finish(drafts, { file, lineOffset, doc, lang }, diagnostics);
  const cleanHeadings: Heading[] = headings.map(({ kind: _kind, ...h }) => h);
  const uniqueParts: string[][] = [];
  for (const p of parts) if (!uniqueParts.some((q) => q.join("/") === p.join("/"))) uniqueParts.push(p);
  return { paragraphs, headings: cleanHeadings, parts: uniqueParts, diagnostics };
}

function finish(
  drafts: Draft[],
  ctx: { file: string; lineOffset: number; doc: string; lang: Lang },
  diagnostics: Diagnostic[],
): Paragraph[] {
  const ids: string[] = [];
  const seen = new Set<string>();
  const unnumbered = new Map<string, number>();
  const addresses: string[] = [];
  for (const d of drafts) {
    let address: string;
    if (d.kind === "source-note" && d.parent !== null) address = `${addresses[d.parent]}/source`;
    else if (d.kind === "entry")
      address = `${d.part.map((p) => p.toLowerCase().replace(/\s+/g, "-")).join("/")}/e${d.ordinal}`;
    else if (d.num.length) address = addressOf(d.part, d.scope, d.num);
    else {
      const key = d.part.join("/");
      const n = (unnumbered.get(key) ?? 0) + 1;
      unnumbered.set(key, n);
      address = addressOf(d.part, null, [], n);
    }
    if (seen.has(address)) {
      let k = 2;
      while (seen.has(`${address}~${k}`)) k++;
      diagnostics.push(
        diag(
          "parse/numbering-irregular",
          { file: ctx.file, line: d.line + ctx.lineOffset, column: 1 },
          `Address ${address} is already taken by an earlier paragraph; this one becomes ${address}~${k}.`,
          "Check the numbering of the paragraphs around this line.",
        ),
      );
      address = `${address}~${k}`;
    }
    seen.add(address);
    addresses.push(address);
    ids.push(idOf(ctx.doc, ctx.lang, address));
  }
  return drafts.map((d, k) => ({
    id: ids[k]!,
    address: addresses[k]!,
    anchor: anchorOf(addresses[k]!),
    doc: ctx.doc,
    lang: ctx.lang,
    part: d.part,
    scope: d.scope,
    num: d.num,
    label: d.label,
    text: d.text,
    footnotes: d.footnotes,
    headings: d.headings,
    parent: d.parent === null ? null : ids[d.parent]!,
    seq: k,
    source: { file: ctx.file, line: d.line + ctx.lineOffset, endLine: d.endLine + ctx.lineOffset },
    kind: d.kind,
    flags: [...d.flags].sort(),
  }));
}
