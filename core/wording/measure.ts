/**
 * The measure of shared wording, one piece of code for the reuse stage (which links paragraphs
 * by it) and for search (which ranks paragraphs by how much of a pasted text they carry): the
 * units (tokens.ts), the per-language lengths below, the formula discount (formula.ts), and the
 * alignment into shared passages (align.ts).
 *
 * Lengths are counted in characters for Chinese (a unit weighs its length: "2021" is 4) and in
 * words for English; the numbers below are the reuse stage's (its module header says why each is
 * what it is), and search asks for the same ones, shortened only where a query itself is shorter.
 */
import type { Lang } from "../../schemas/common.ts";
import { type AlignOptions, alignPair, joinRuns, type Passage, type Side } from "./align.ts";
import { diffUnits } from "./myers.ts";
import { shingleHashes } from "./shingle.ts";
import type { Tokens } from "./tokens.ts";

/**
 * The measure's version: what a kept result (the reuse stage's memo) was measured with. Raised
 * whenever the same texts and settings can measure differently: 2, the alignment's tie rule
 * (align.ts, joinRuns) and citations weighing nothing towards a link.
 */
export const MEASURE_VERSION = 2;

/** Per-language settings of the measure. */
export interface LangOptions {
  /** Shingle length in units (characters for zh, words for en). */
  k: number;
  /** Fewest units for a paragraph to take part, and for a verbatim or near copy to count. */
  minUnits: number;
  /** Fewest equal units (outside formulas) of a partial passage. */
  minPassage: number;
  /** Longest edit inside one passage, in units. */
  maxGap: number;
  /** Window (units) over which formulas are counted (see formula.ts). */
  formulaWindow: number;
  /** Fewest equal units outside formulas in a partial link's best passage (see formula.ts). */
  minInformative: number;
  /** Fewest shingles (of any frequency) a candidate pair must share before it is aligned. */
  minShared: number;
  /**
   * Or: fewest units' weight of a partial link's best passage that are informative or under a
   * rare window both texts share (formulas joined the same way; see formula.ts). 0: not used.
   */
  minJoined: number;
}

/** The measure's settings: one set per language, and the identity a passage needs. */
export interface MeasureOptions {
  zh: LangOptions;
  en: LangOptions;
  /** Smallest share of equal units inside a passage. */
  minIdentity: number;
}

export const MEASURE_DEFAULTS: MeasureOptions = {
  zh: {
    k: 5,
    minUnits: 10,
    minPassage: 20,
    maxGap: 8,
    formulaWindow: 6,
    minShared: 6,
    minInformative: 15,
    minJoined: 22,
  },
  en: {
    k: 3,
    minUnits: 4,
    minPassage: 6,
    maxGap: 4,
    formulaWindow: 3,
    minShared: 3,
    minInformative: 5,
    minJoined: 0,
  },
  minIdentity: 0.7,
};

/** Unit weights (see Side.weight): characters for Chinese, 1 for English. */
export function weightsOf(t: Tokens, lang: Lang): Uint8Array {
  const w = new Uint8Array(t.ids.length);
  if (lang === "en") return w.fill(1);
  for (let i = 0; i < w.length; i++) w[i] = Math.min(255, t.end[i]! - t.start[i]!);
  return w;
}

/** A text's formula and reference marks (see Side). */
export type Marks = Pick<Side, "formula" | "frequent" | "ref">;

/** A text ready to be aligned: its units, their weights and marks, its shingles by start unit. */
export interface Prepared extends Marks {
  tokens: Tokens;
  weight: Uint8Array;
  groups: Uint32Array;
  /** The formula window, in units. */
  window: number;
}

/** Prepare a text's units for alignment with shingles of `k` units. */
export function prepare(tokens: Tokens, marks: Marks, lang: Lang, k: number, window: number): Prepared {
  return { ...marks, tokens, weight: weightsOf(tokens, lang), groups: shingleHashes(tokens.ids, k), window };
}

/** Each shingle of a prepared text by its positions: alignPair's index of the first text. */
export function positionsOf(p: Prepared): Map<number, number[]> {
  const positions = new Map<number, number[]>();
  p.groups.forEach((h, s) => {
    const list = positions.get(h);
    if (list) list.push(s);
    else positions.set(h, [s]);
  });
  return positions;
}

/**
 * The passages two prepared texts share, `a` first (its positions may be given, to reuse them
 * across many `b`): the alignment the reuse stage runs inside its index, run on two texts alone.
 */
export function alignTexts(
  a: Prepared,
  b: Prepared,
  opt: AlignOptions,
  positionsA: Map<number, number[]> = positionsOf(a),
): Passage[] {
  const side = (p: Prepared): Side => ({
    ids: p.tokens.ids,
    groups: p.groups,
    formula: p.formula,
    frequent: p.frequent,
    ref: p.ref,
    window: p.window,
    weight: p.weight,
  });
  return alignPair(side(a), side(b), positionsA, opt);
}

/** A run of equal units inside a passage: `n` units from unit `a` of the first text and `b` of the second. */
export interface EqualRun {
  a: number;
  b: number;
  n: number;
}

/**
 * The equal runs inside one passage (the diff alignPair made, made again on the passage alone,
 * with the same tie rule): what a reader sees marked as shared, edits left unmarked.
 */
export function equalRuns(a: Int32Array, b: Int32Array, x: Passage): EqualRun[] {
  const out: EqualRun[] = [];
  let i = x.a0;
  let j = x.b0;
  for (const op of diffUnits(a, x.a0, x.a1, b, x.b0, x.b1)!) {
    const n = op.count ?? op.value.length;
    if (op.added) j += n;
    else if (op.removed) i += n;
    else {
      out.push({ a: i, b: j, n });
      i += n;
      j += n;
    }
  }
  // The tie rule alignPair applies (align.ts), so the runs drawn are the runs measured.
  return out.length > 1 ? joinRuns(a, b, out) : out;
}

/**
 * Units [s, e) of a prepared text, as a prepared text of their own (views, no copies): its
 * shingles are those that start and end inside.
 */
export function slicePrepared(p: Prepared, s: number, e: number, k: number): Prepared {
  return {
    tokens: {
      ids: p.tokens.ids.subarray(s, e),
      start: p.tokens.start.subarray(s, e),
      end: p.tokens.end.subarray(s, e),
    },
    weight: p.weight.subarray(s, e),
    formula: p.formula.subarray(s, e),
    frequent: p.frequent.subarray(s, e),
    ref: p.ref ? p.ref.subarray(s, e) : null,
    groups: p.groups.subarray(s, Math.max(s, e - k + 1)),
    window: p.window,
  };
}
