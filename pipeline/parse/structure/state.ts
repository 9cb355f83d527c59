/**
 * The parse state: everything the structural reading of a document remembers between two blocks,
 * in one typed object that the classifier reads and the handlers change.
 *
 * Decision: state is explicit and grouped by what it tracks (where we are, what is open, what waits
 * for what), so a handler's effect can be read from its writes, and a new layout (national papers'
 * hierarchies, articles) adds a field here and a handler, not another local in a long loop. The
 * operations below are the ones several handlers share; each resets or records exactly what the
 * reading of UN documents needs (see docs/design.md, "The parser").
 */

import { anchorOf, partAddress, STATE_PART } from "../../../core/address/address.ts";
import type { Diagnostic, Footnote, Heading, Lang, Paragraph } from "../../../schemas/index.ts";
import type { Block } from "../blocks.ts";
import type { MarkerRef } from "../footnotes.ts";
import type { LabelStyle, OutlineStyle } from "../labels.ts";

/** What the structure builder is given: one document's blocks and what its front matter says. */
export interface StructureInput {
  /** Repository-relative path of the corpus file, for positions and diagnostics. */
  file: string;
  /** Line in the file of the Markdown's first line, minus one. */
  lineOffset: number;
  /** The document's symbol, for ids ("A/78/265"); a line that is only the symbol is page furniture. */
  doc: string;
  lang: Lang;
  /** The document's title; a line that repeats its start inside a sentence is a running header. */
  title: string;
  /** A resolution or decision: "The General Assembly," opens a preamble. */
  isResolution: boolean;
  /**
   * A national paper (status national, type position paper, or keyed by an id): its outline is
   * read as national papers number it (decimal, 一、/（一）/1./（1）/①, a short labelled line as a
   * heading). A State's section of a compendium is read the same way.
   */
  national?: boolean;
  /** A compendium of national contributions: a heading that is a State's name opens its section. */
  compendium?: boolean;
  /** The Markdown's blocks in reading order (blocks.ts). */
  blocks: Block[];
}

/** What it returns: the parse stage's output. */
export interface StructureOutput {
  paragraphs: Paragraph[];
  headings: Heading[];
  /** The parts in reading order, each once, each an English label path ([] = main body). */
  parts: string[][];
  diagnostics: Diagnostic[];
}

/** A paragraph being read: what it becomes once every paragraph's address is known (finish.ts). */
export interface Draft {
  part: string[];
  /** A numbering scope inside the part ("list-2", "D/next-steps"), or null for the main sequence. */
  scope: string | null;
  /** Number path: ["23", "f", "ii"]; a preambular paragraph's position; [] when unnumbered. */
  num: string[];
  /** The label as printed ("23.", "(二)"), "" when none. */
  label: string;
  text: string;
  footnotes: Footnote[];
  /** The heading path when the paragraph opened. */
  headings: string[];
  /** Index of the enclosing draft (a subparagraph's paragraph, a source note's owner). */
  parent: number | null;
  /** Lines in the Markdown (not yet offset to the file). */
  line: number;
  endLine: number;
  kind: Paragraph["kind"];
  flags: Set<Paragraph["flags"][number]>;
  /** Preamble position, entry position or source-note owner, for addressing. */
  ordinal?: number;
  /**
   * The key of the numbered section the paragraph stands in ("2.1", "1.2", "2.A"), from the
   * numbered headings on its path; null outside any. Unnumbered paragraphs are counted within it.
   */
  section: string | null;
  /** Bullet items of the paragraph, offsets into `text`. */
  items: Item[];
  /** Pages of the original the paragraph stands on, when the corpus file marks them. */
  pages: { first: number; last: number } | null;
}

/** A bullet item kept inside the paragraph that introduces it. */
export interface Item {
  /** 1-based position among the paragraph's items. */
  n: number;
  /** The bullet as printed: "-", "•", "–", "▪", "o". */
  mark: string;
  /** Offsets (UTF-16 code units) of the item's text in the paragraph's `text`. */
  start: number;
  end: number;
}

/** One open level of the current paragraph's numbering: 23 -> (f) -> (一). */
export interface Level {
  style: LabelStyle;
  /** The value last taken at this level ("f"); for the top level, the paragraph's number. */
  value: string;
  /** The draft that holds this level's current item (-1 until it is created). */
  draft: number;
}

/** How a part's top-level numbers have run, to tell a continuation from a restart or a gap. */
export interface Numbering {
  /** Last number of the part's main sequence. */
  mainLast: number;
  /** The restarted sequence now running ("list-2", "D/next-steps"), or null. */
  scope: string | null;
  scopeLast: number;
  /** Sequences seen in the part: above 1, the first becomes "list-1". */
  lists: number;
  /** Drafts numbered in the main sequence, in case the part turns out to hold several lists. */
  mainDrafts: number[];
  /** Numbering restarted where a numbered section began: each section's paragraphs are scoped by it. */
  sectionScoped: boolean;
  /** The numbered section the last top-level number stood in. */
  lastSection: string | null;
}

/**
 * Kinds of heading, outermost first; their order gives the heading depth (LEVEL). A national
 * paper's numbered heading ("numbered") takes its depth from its place in the outline instead, and
 * a line of a paper's front (its date, its place, "[Original: English]") is a "dateline", recorded
 * but never on the heading path.
 */
export type HeadingKind =
  | "part"
  | "title"
  | "chapter"
  | "section"
  | "plain"
  | "inner"
  | "numbered"
  | "dateline"
  | "article";
export const LEVEL: Record<HeadingKind, number> = {
  part: 1,
  title: 2,
  chapter: 3,
  section: 4,
  plain: 5,
  inner: 6,
  numbered: 3,
  dateline: 2,
  // Deepest but an article's own title (ARTICLE_TITLE): a chapter's title line (plain) stays above
  // the articles under it.
  article: 6,
};

/** The level of an article's title line ("Use of terms" under "Article 2"): under the article. */
export const ARTICLE_TITLE = 7;

/** Where a numbered heading stands in the outline. */
export interface SectionPlace {
  /** The family of its label, so that the next label of the family replaces it. */
  style: OutlineStyle;
  /** Its key's components: ["2","1"] for 2.1, ["1","2"] for 一、 > （二）. */
  path: string[];
  /** Its label as printed. */
  label: string;
}

/** A heading on the current heading path. */
export interface OpenHeading {
  level: number;
  text: string;
  kind: HeadingKind;
  /** A numbered heading's place in the outline. */
  section?: SectionPlace;
  /**
   * How many drafts there were when the heading opened: any beyond are under it. A paragraph can
   * close a heading as its sibling only once the heading holds something (closeNumberedSibling).
   */
  drafts?: number;
}

/** A heading as recorded, with the kind the builder read it as (dropped from the output). */
export type KindedHeading = Heading & { kind: HeadingKind };

/** Where a footnote marker stands: in a paragraph's text or in a heading. */
export type MarkerOwner = { draft: number } | { heading: number };

/** A footnote marker whose note has not come yet. */
export interface WaitingMarker {
  ref: MarkerRef;
  owner: MarkerOwner;
  /** Where the marker stands in the Markdown, for a diagnostic if no note comes. */
  line: number;
  column: number;
}

export interface ParseState {
  /** The input, unchanged. */
  readonly input: StructureInput;
  /** The document defines "*" notes, so a "*" glued to a word is a marker. */
  readonly asterisk: boolean;

  // What has been read so far.
  readonly drafts: Draft[];
  readonly headings: KindedHeading[];
  /** Every part entered, in order, repeats included (deduplicated at the end). */
  readonly parts: string[][];
  readonly diagnostics: Diagnostic[];

  /**
   * The current part: [] (main body), ["annex"], ["annex", "annex A"], ["annex A", "appendix"]…
   * A resolution's preambular paragraphs go to ["preamble"] while this stays []. An article's
   * paragraphs are its part: ["article 19"], ["annex", "article 19"].
   */
  part: string[];
  /** Drafts made since the current part began (0: the next heading may be its title). */
  sincePart: number;
  /** Roman chapters ("I.", "II.") seen in the current part. */
  chapterRoman: number;
  /** The heading path, outermost first (the part's own heading excluded). */
  stack: OpenHeading[];
  /** Numbering of each part, keyed by its path. */
  readonly numbering: Map<string, Numbering>;
  /** Open numbering levels of the current paragraph, outermost first ([] when none is open). */
  levels: Level[];
  /** Index of the paragraph the text last added to, while no heading has intervened. */
  open: number | null;

  /**
   * A resolution's preamble: open after "The General Assembly," until the first number; `count`
   * numbers its paragraphs by position.
   */
  preamble: {
    open: boolean;
    count: number;
    /**
     * Opened by a "Preamble" / "序言" heading, which heads a preamble in any part (a convention in
     * an annex: `annex/preamble/2`); "The General Assembly," opens one in the main body only.
     */
    headed: boolean;
  };

  /**
   * The article being read: its part is `container` plus "article N"; `outer` is the heading path
   * above the articles (the document's title, the chapter), which each article keeps.
   */
  article: { container: string[]; outer: OpenHeading[] } | null;
  /** The previous block was an article's or a chapter's heading: a title line may follow it. */
  unitTitle: boolean;

  /** A list of documents (annex D): entries are read as title line + submitter line. */
  entries: {
    /** The current part's heading announced a list of documents. */
    open: boolean;
    /** A title line waiting for its submitter line, with the footnote markers it carries. */
    waiting: { title: string; line: number; refs: MarkerRef[]; block: Block; pages: Draft["pages"] } | null;
    /** Entries read so far in the current part (addresses `e<n>` are the part's). */
    count: number;
  };

  /** Bullet items being read into the paragraph that introduced them. */
  items: { draft: number } | null;

  /**
   * A paper's front: after its title and before its first paragraph or heading, a date line and a
   * place line are datelines.
   */
  front: boolean;

  /** Page furniture between two halves of a paragraph. */
  page: {
    /** A footnote block or page artefact stands between `open` and the next block. */
    broken: boolean;
    /** What broke it, for the stitch's diagnostic. */
    cause: string;
    /** The previous block was a footnote note. */
    inNotes: boolean;
    /** First draft of the current page: drafts since the last block of notes. */
    start: number;
  };

  /** Footnote markers waiting for their notes, in reading order. */
  readonly waiting: WaitingMarker[];
}

/** The state before the first block: main body, nothing open, nothing waiting. */
export function createState(input: StructureInput): ParseState {
  return {
    input,
    asterisk: input.blocks.some((b) => b.kind === "bullet" && b.bullet === "*"),
    drafts: [],
    headings: [],
    parts: [[]],
    diagnostics: [],
    part: [],
    sincePart: 0,
    chapterRoman: 0,
    stack: [],
    numbering: new Map(),
    levels: [],
    open: null,
    preamble: { open: false, count: 0, headed: false },
    article: null,
    unitTitle: false,
    entries: { open: false, waiting: null, count: 0 },
    items: null,
    front: false,
    page: { broken: false, cause: "a page's footnotes", inNotes: false, start: 0 },
    waiting: [],
  };
}

/** A position in the corpus file for a line of the Markdown. */
export function at(state: ParseState, line: number, column = 1) {
  return { file: state.input.file, line: line + state.input.lineOffset, column };
}

/** Lines of a block in the corpus file. */
export function sourceOf(state: ParseState, block: Block) {
  const { file, lineOffset } = state.input;
  return { file, line: block.line + lineOffset, endLine: block.endLine + lineOffset };
}

/**
 * Whether top-level number `n` continues the current part's numbering (the restarted sequence
 * running, or the main one), as placeNumber would place it without a gap, restart or repeat.
 * Reads only: the classifier asks it.
 */
export function continuesNumbering(state: ParseState, n: number): boolean {
  const nb = state.numbering.get(state.part.join("\u0000"));
  if (!nb) return n === 1;
  return (nb.scope !== null && n === nb.scopeLast + 1) || n === nb.mainLast + 1;
}

/** The numbering record of part `p`, created on first use. */
export function numberingOf(state: ParseState, p: string[]): Numbering {
  const key = p.join("\u0000");
  let n = state.numbering.get(key);
  if (!n) {
    n = {
      mainLast: 0,
      scope: null,
      scopeLast: 0,
      lists: 1,
      mainDrafts: [],
      sectionScoped: false,
      lastSection: null,
    };
    state.numbering.set(key, n);
  }
  return n;
}

/**
 * Enter a part: nothing of the previous part stays open (its lists, its headings, a preamble or a
 * list of documents, its entries' numbering). The preamble's count is the document's and carries
 * over. A title still waiting for its submitter was closed in its own part by the caller.
 */
export function enterPart(state: ParseState, next: string[]): void {
  state.part = next;
  state.parts.push(next);
  state.levels = [];
  state.open = null;
  state.items = null;
  state.page.broken = false;
  state.entries.open = false;
  state.entries.count = 0;
  state.preamble.open = false;
  state.article = null;
  state.sincePart = 0;
  state.chapterRoman = 0;
  state.stack = [];
}

/** True where the outline is read as a national paper's: the whole paper, or a State's section. */
export function isNational(state: ParseState): boolean {
  return state.input.national === true || state.part.some((p) => p.startsWith(STATE_PART));
}

/** The key of the numbered section now open ("2.1"), from the numbered headings on the path. */
export function currentSection(state: ParseState): string | null {
  for (let k = state.stack.length - 1; k >= 0; k--) {
    const place = state.stack[k]!.section;
    if (place) return place.path.join(".");
  }
  return null;
}

/** Record where the markers of `block` stand; `base` shifts their offsets into an existing text. */
export function addRefs(
  state: ParseState,
  refs: MarkerRef[],
  owner: MarkerOwner,
  block: Block,
  base = 0,
): void {
  for (const ref of refs) {
    state.waiting.push({
      ref: { ...ref, at: ref.at + base },
      owner,
      line: block.line,
      column: block.column + ref.sourceOffset,
    });
  }
}

/** The pages a block stands on, when the corpus file marks them. */
export function pagesOf(block: Block): Draft["pages"] {
  return block.page === undefined ? null : { first: block.page, last: block.pageEnd ?? block.page };
}

/** Draft a paragraph under the current heading path, from `block`; returns its index. */
export function newDraft(
  state: ParseState,
  d: Omit<Draft, "footnotes" | "flags" | "headings" | "section" | "items" | "pages" | "line" | "endLine"> & {
    flags?: Draft["flags"];
    block: Block;
    line?: number;
    pages?: Draft["pages"];
  },
): number {
  // Built field by field (no rest and spread): a draft per paragraph is the parser's hottest path.
  const { block } = d;
  const draft: Draft = {
    part: d.part,
    scope: d.scope,
    num: d.num,
    label: d.label,
    text: d.text,
    footnotes: [],
    headings: state.stack.map((h) => h.text),
    parent: d.parent,
    line: d.line ?? block.line,
    endLine: block.endLine,
    kind: d.kind,
    flags: d.flags ?? new Set(),
    section: currentSection(state),
    items: [],
    pages: d.pages === undefined ? pagesOf(block) : d.pages,
  };
  if (d.ordinal !== undefined) draft.ordinal = d.ordinal;
  state.drafts.push(draft);
  state.sincePart++;
  state.front = false;
  state.items = null;
  return state.drafts.length - 1;
}

/** Extend a draft's pages to where `block` ends. */
export function extendPages(draft: Draft, block: Block): void {
  const p = pagesOf(block);
  if (!p) return;
  draft.pages = draft.pages ? { first: draft.pages.first, last: Math.max(draft.pages.last, p.last) } : p;
}

/** Record a heading of the current part; `anchorSuffix` names it within the part. */
export function recordHeading(
  state: ParseState,
  text: string,
  kind: HeadingKind,
  anchorSuffix: string,
  source: Footnote["source"],
  extra: { depth?: number; section?: SectionPlace; page?: number } = {},
): number {
  const h: KindedHeading = {
    text,
    depth: extra.depth ?? LEVEL[kind],
    part: [...state.part],
    anchor: `${anchorOf(partAddress(state.part))}-${anchorSuffix}`,
    footnotes: [],
    source,
    kind,
  };
  if (extra.section) {
    h.label = extra.section.label;
    h.section = extra.section.path.join(".");
  }
  if (kind === "dateline") h.role = "dateline";
  if (state.part.at(-1)?.startsWith(STATE_PART) && kind === "part") h.role = "state";
  if (extra.page !== undefined) h.page = extra.page;
  state.headings.push(h);
  return state.headings.length - 1;
}
