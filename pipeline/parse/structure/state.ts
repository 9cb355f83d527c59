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

import { anchorOf, partAddress } from "../../../core/address/address.ts";
import type { Diagnostic, Footnote, Heading, Lang, Paragraph } from "../../../schemas/index.ts";
import type { Block } from "../blocks.ts";
import type { MarkerRef } from "../footnotes.ts";
import type { LabelStyle } from "../labels.ts";

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
}

/** Kinds of heading, outermost first; their order gives the heading depth (LEVEL). */
export type HeadingKind = "part" | "title" | "chapter" | "section" | "plain" | "inner";
export const LEVEL: Record<HeadingKind, number> = {
  part: 1,
  title: 2,
  chapter: 3,
  section: 4,
  plain: 5,
  inner: 6,
};

/** A heading on the current heading path. */
export interface OpenHeading {
  level: number;
  text: string;
  kind: HeadingKind;
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
   * A resolution's preambular paragraphs go to ["preamble"] while this stays [].
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
  preamble: { open: boolean; count: number };

  /** A list of documents (annex D): entries are read as title line + submitter line. */
  entries: {
    /** The current part's heading announced a list of documents. */
    open: boolean;
    /** A title line waiting for its submitter line. */
    waiting: { title: string; line: number } | null;
    /** Entries read so far in the document. */
    count: number;
  };

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
    preamble: { open: false, count: 0 },
    entries: { open: false, waiting: null, count: 0 },
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

/** The numbering record of part `p`, created on first use. */
export function numberingOf(state: ParseState, p: string[]): Numbering {
  const key = p.join("\u0000");
  let n = state.numbering.get(key);
  if (!n) {
    n = { mainLast: 0, scope: null, scopeLast: 0, lists: 1, mainDrafts: [] };
    state.numbering.set(key, n);
  }
  return n;
}

/**
 * Enter a part: nothing of the previous part stays open (its lists, its headings, a preamble or a
 * list of documents). The preamble's count and the entries' count and waiting title are the
 * document's, not the part's, and carry over.
 */
export function enterPart(state: ParseState, next: string[]): void {
  state.part = next;
  state.parts.push(next);
  state.levels = [];
  state.open = null;
  state.page.broken = false;
  state.entries.open = false;
  state.preamble.open = false;
  state.sincePart = 0;
  state.chapterRoman = 0;
  state.stack = [];
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

/** Draft a paragraph under the current heading path; returns its index. */
export function newDraft(
  state: ParseState,
  d: Omit<Draft, "footnotes" | "flags" | "headings"> & { flags?: Draft["flags"] },
): number {
  state.drafts.push({
    ...d,
    footnotes: [],
    headings: state.stack.map((h) => h.text),
    flags: d.flags ?? new Set(),
  });
  state.sincePart++;
  return state.drafts.length - 1;
}

/** Record a heading of the current part; `anchorSuffix` names it within the part. */
export function recordHeading(
  state: ParseState,
  text: string,
  kind: HeadingKind,
  anchorSuffix: string,
  source: Footnote["source"],
): number {
  state.headings.push({
    text,
    depth: LEVEL[kind],
    part: [...state.part],
    anchor: `${anchorOf(partAddress(state.part))}-${anchorSuffix}`,
    footnotes: [],
    source,
    kind,
  });
  return state.headings.length - 1;
}
