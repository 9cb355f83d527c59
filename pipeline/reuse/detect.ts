/**
 * Reuse detection: for every paragraph, the earlier paragraphs that share its wording.
 *
 * Decision: candidates, then alignment, then one best source.
 * 1. Candidates come from the shingle index (shingles.ts): two paragraphs of the same language
 *    meet through at least `minRareShared` shared shingles carried by fewer than `maxDf`
 *    paragraphs, and are aligned only if they share at least `minShared` shingles in all (6 for
 *    Chinese: a 30-character passage with three edits keeps at least 9 of its 5-character
 *    shingles). No pair of paragraphs is ever compared without that evidence.
 * 2. Each candidate is aligned (core/wording/align.ts); the passages found decide the kind:
 *    `verbatim` the same units (same text up to width, spacing and punctuation), `near` the whole
 *    paragraphs align with at least `nearMin` of the longer one equal, else `partial`.
 *    Lengths are counted in characters for Chinese (a unit weighs its length: "2021" is 4) and
 *    in words for English: `minPassage` 20 characters or 6 words, `minUnits` 10 or 4; a
 *    partial link also needs wording outside formulas, or formulas joined anew (core/wording/formula.ts).
 * 3. Direction: the earlier document by date (then by symbol) is `from`; inside one document the
 *    earlier paragraph. A paragraph is never linked to its own parent or subparagraphs, source
 *    notes and list entries take no part, and texts under `minUnits` units are too short to say.
 * 4. One best source per passage: a later paragraph's links are taken best first (score, then
 *    verbatim > near > partial, then the earliest source); a link whose passages are already
 *    covered by a better one is not exported but kept as an "also in" source for the lineage.
 */

import {
  type AlignOptions,
  alignPair,
  type Passage,
  type Positions,
  type SharedShingles,
  type Side,
} from "../../core/wording/align.ts";
import { type FormulaRun, formulaThreshold, formulaUnits } from "../../core/wording/formula.ts";
import {
  alignTexts,
  type LangOptions,
  type Marks,
  MEASURE_DEFAULTS,
  type MeasureOptions,
  prepare,
  weightsOf,
} from "../../core/wording/measure.ts";
import { type Tokens, tokenize } from "../../core/wording/tokens.ts";
import type { DocumentRecord, Lang, Paragraph } from "../../schemas/index.ts";
import { knownRuns } from "../paragraph-runs.ts";
import type { Postings } from "./postings.ts";
import { nameIndex, referenceMarks } from "./references.ts";
import {
  buildShingleIndex,
  frequentHashes,
  postingsOfIndex,
  type ShingleIndex,
  windowDf,
} from "./shingles.ts";

export type { LangOptions } from "../../core/wording/measure.ts";

/** The measure's settings (core/wording/measure.ts) and the candidate search's own. */
export interface ReuseOptions extends MeasureOptions {
  /**
   * Shingles carried by this many paragraphs or more propose no candidate pair (they still count
   * towards `minShared` and seed the alignment). Bounds the candidate search, as passim's max-df.
   */
  maxDf: number;
  /** Shared shingles under `maxDf` that make two paragraphs meet. */
  minRareShared: number;
  /** Smallest share of the longer paragraph that must align for `near`. */
  nearMin: number;
  /** Formula document-frequency threshold; default formulaThreshold(paragraphs taking part). */
  formulaDf?: number;
  /**
   * Skip, undiffed, a candidate pair whose shared shingles cover too little wording outside
   * formulas to hold any link (see AlignOptions.minCovered). Default on; off only to show, in
   * tests, that the bound changes no link.
   */
  coverBound?: boolean;
  /**
   * Compare every pair of same-language paragraphs instead of asking the shingle index: the
   * exact reference the benchmark and the property tests check the index against. Quadratic.
   */
  exhaustive?: boolean;
}

export const DEFAULT_OPTIONS: ReuseOptions = {
  ...MEASURE_DEFAULTS,
  maxDf: 32,
  minRareShared: 3,
  nearMin: 0.8,
};

export interface DetectInput {
  paragraphs: Paragraph[];
  documents: DocumentRecord[];
  /** In-text citation spans ([start, end) of the text) by paragraph id (see references.ts). */
  references?: ReadonlyMap<string, readonly (readonly [number, number])[]>;
  /** Registered names: documents' titles and short titles, bodies' names (see references.ts). */
  names?: readonly string[];
}

/** A link before it is written: indices into the input paragraphs, passages in units. */
export interface RawLink {
  from: number;
  to: number;
  kind: "verbatim" | "near" | "partial";
  /** Passages with `a` = from, `b` = to. */
  passages: Passage[];
  score: number;
  formula: boolean;
}

export interface Detected {
  /** Best-source links, ordered by `to` then `from` reading order. */
  links: RawLink[];
  /** Links whose passages a better source already carries ("also in"). */
  redundant: RawLink[];
  tokens: (Tokens | null)[];
  /** Formula mark of each unit of each paragraph taking part. */
  formula: (Uint8Array | null)[];
  /** Frequent formula windows of each paragraph taking part, by start unit (see core/wording/formula.ts). */
  frequent: (Uint8Array | null)[];
  /** Reference units of each paragraph taking part, null when it has none (see references.ts). */
  ref: (Uint8Array | null)[];
  /** Formula passages of each paragraph taking part. */
  formulaRuns: FormulaRun[][];
  /** Reading rank of each paragraph: date, symbol, position. */
  rank: Uint32Array;
  formulaDf: number;
  /**
   * The formula windows: hashes (core/wording/shingle.ts) of every window carried by at least
   * `formulaDf` paragraphs, sorted. The search index ships them, so search discounts a pasted
   * text's formulas with the same list.
   */
  formulaWindows: Uint32Array;
  stats: { eligible: number; shingles: number; candidates: number; aligned: number };
}

/**
 * What a cold detection leaves for the next build to start from (incremental.ts), filled in when
 * asked: the postings of shingles and formula windows, the candidate pairs, and which pairs the
 * verbatim-copy pass aligned.
 */
export interface DetectTrace {
  shingles: Postings;
  windows: Postings;
  /** Candidate pairs of the shingle search, [lower index, higher index] flattened. */
  pairs: number[];
  /** Pairs the verbatim-copy pass aligned, [source, copy] flattened. */
  copies: number[];
  /** The links the verbatim-copy pass found (the others came from the shingle search). */
  copyLinks: Set<RawLink>;
}

const KIND_RANK = { verbatim: 0, near: 1, partial: 2 } as const;

/** The date the reading order gives a document without a record: after every dated one. */
export const UNDATED = "9999-99-99";

/** The reading order of the corpus: document date, then symbol, then position in the document. */
export function readingRank(paragraphs: Paragraph[], documents: DocumentRecord[]): Uint32Array {
  const date = new Map(documents.map((d) => [`${d.symbol}|${d.lang}`, d.date]));
  // A document's paragraphs stand together, so the date and the symbol are looked up, ranked and
  // sorted once per run of one document (a few thousand), not once per paragraph: the sort of
  // every paragraph by (date, symbol, seq) cost a build after one change some 200 ms at 200k
  // paragraphs. The order is the same: runs sorted by (date, symbol), then within runs of equal
  // (date, symbol) — a document's two languages may share both — paragraphs by (seq, position).
  // The runs when the parse knows them (paragraph-runs.ts): a build after a change then reads the
  // paragraphs of a group of runs only when their `seq`s are not the run's first one counted up.
  const known = knownRuns(paragraphs);
  const runStart: number[] = [];
  if (known) for (const r of known) runStart.push(r.from);
  for (let i = 0; !known && i < paragraphs.length; i++) {
    const p = paragraphs[i]!;
    const prev = paragraphs[i - 1];
    if (!prev || prev.doc !== p.doc || prev.lang !== p.lang) runStart.push(i);
  }
  runStart.push(paragraphs.length);
  const runs = runStart.length - 1;
  const head = (r: number): { doc: string; lang: string } => known?.[r] ?? paragraphs[runStart[r]!]!;
  /** Paragraph `i`'s `seq`, of run `r`: counted from the run's first when they follow one another. */
  const seqOf = (r: number, i: number): number => {
    const k = known?.[r];
    return k?.ordered && k.lastSeq - k.firstSeq === k.to - k.from - 1
      ? k.firstSeq + (i - k.from)
      : paragraphs[i]!.seq;
  };
  const dateRank = ranksOf(
    Array.from({ length: runs }, (_, r) => date.get(`${head(r).doc}|${head(r).lang}`) ?? UNDATED),
  );
  const docRank = ranksOf(Array.from({ length: runs }, (_, r) => head(r).doc));
  const order = Array.from({ length: runs }, (_, r) => r);
  order.sort((x, y) => dateRank[x]! - dateRank[y]! || docRank[x]! - docRank[y]! || x - y);
  const rank = new Uint32Array(paragraphs.length);
  let next = 0;
  for (let g = 0; g < runs; ) {
    // Runs of equal (date, symbol): their paragraphs ordered by (seq, position) together.
    let end = g + 1;
    while (
      end < runs &&
      dateRank[order[end]!] === dateRank[order[g]!] &&
      docRank[order[end]!] === docRank[order[g]!]
    )
      end++;
    const members: number[] = [];
    const seqs: number[] = [];
    for (let r = g; r < end; r++)
      for (let i = runStart[order[r]!]!; i < runStart[order[r]! + 1]!; i++) {
        members.push(i);
        seqs.push(seqOf(order[r]!, i));
      }
    let ordered = true;
    for (let j = 1; j < members.length && ordered; j++)
      ordered = seqs[j - 1]! < seqs[j]! || (seqs[j - 1] === seqs[j] && members[j - 1]! < members[j]!);
    const at = members.map((_, j) => j);
    if (!ordered) at.sort((x, y) => seqs[x]! - seqs[y]! || members[x]! - members[y]!);
    for (const j of at) rank[members[j]!] = next++;
    g = end;
  }
  return rank;
}

/** Each string's rank among the distinct ones in localeCompare order (equal when it says 0). */
function ranksOf(keys: readonly string[]): Uint32Array {
  const distinct = [...new Set(keys)].sort((x, y) => x.localeCompare(y));
  const rankOf = new Map<string, number>();
  let r = 0;
  distinct.forEach((k, i) => {
    if (i > 0 && distinct[i - 1]!.localeCompare(k) !== 0) r++;
    rankOf.set(k, r);
  });
  return Uint32Array.from(keys, (k) => rankOf.get(k)!);
}

/** True when one paragraph encloses the other (a chapeau and its items share no text anyway). */
export function related(byId: Map<string, Paragraph>, a: Paragraph, b: Paragraph): boolean {
  if (a.doc !== b.doc || a.lang !== b.lang) return false;
  for (let p: Paragraph | undefined = a; p; p = p.parent ? byId.get(p.parent) : undefined) {
    if (p.id === b.id) return true;
  }
  for (let p: Paragraph | undefined = b; p; p = p.parent ? byId.get(p.parent) : undefined) {
    if (p.id === a.id) return true;
  }
  return false;
}

/** Hash of a paragraph's whole units: verbatim copies meet through it (with their length). */
export function idsHash(u: Int32Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < u.length; i++) h = Math.imul(h ^ u[i]!, 0x01000193);
  return h >>> 0;
}

export function sameUnits(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** What detection reads of a paragraph before the citations are known. */
export type ShingleSource = Pick<Paragraph, "kind" | "lang" | "text">;

/** The units of every paragraph taking part (null for the others): long enough, not a note. */
function eligibleUnits(
  paragraphs: readonly ShingleSource[],
  options: ReuseOptions,
): { tokens: (Tokens | null)[]; units: (Int32Array | null)[]; eligible: number } {
  const n = paragraphs.length;
  const tokens: (Tokens | null)[] = new Array(n).fill(null);
  const units: (Int32Array | null)[] = new Array(n).fill(null);
  let eligible = 0;
  for (let p = 0; p < n; p++) {
    const para = paragraphs[p]!;
    if (para.kind !== "paragraph") continue;
    const t = tokenize(para.text);
    if (t.ids.length < options[para.lang].minUnits) continue;
    tokens[p] = t;
    units[p] = t.ids;
    eligible++;
  }
  return { tokens, units, eligible };
}

/**
 * The formula windows of a corpus, as detection finds them (Detected.formulaWindows), without
 * detecting reuse: for a search index built apart from the reuse stage (the search benchmark).
 */
export function formulaWindowsOf(
  paragraphs: readonly Paragraph[],
  options: ReuseOptions = DEFAULT_OPTIONS,
): Uint32Array {
  const { units, eligible } = eligibleUnits(paragraphs, options);
  const w = Uint8Array.from(paragraphs, (p) => options[p.lang].formulaWindow);
  return frequentHashes(windowDf(units, w), options.formulaDf ?? formulaThreshold(eligible));
}

/**
 * What detection computes from the texts alone, before it needs the cite stage's citations: the
 * units, the shingle index, the formula windows' counts and marks, the units' weights. A cold
 * build computes it on a worker thread while the cite stage runs (worker.ts); every array is a
 * typed array or a view of one, so it travels back by transfer.
 */
export interface Shingled {
  /** The settings it was computed with (shinglingKey). */
  key: string;
  tokens: (Tokens | null)[];
  eligible: number;
  /** Shingle length of each paragraph, in units. */
  k: Uint8Array;
  /** Formula window of each paragraph, in units. */
  w: Uint8Array;
  index: ShingleIndex;
  /** The formula windows' counts (shingles.ts windowDf), with their postings when kept. */
  windows: ReturnType<typeof windowDf>;
  formulaDf: number;
  formula: (Uint8Array | null)[];
  frequent: (Uint8Array | null)[];
  formulaRuns: FormulaRun[][];
  formulaWindows: Uint32Array;
  weight: (Uint8Array | null)[];
}

/**
 * Compute what detection reads of the texts alone (Shingled). Pure.
 * @param keep keep the formula windows' postings (what the next build starts from)
 */
export function shingleCorpus(
  paragraphs: readonly ShingleSource[],
  options: ReuseOptions = DEFAULT_OPTIONS,
  keep = false,
): Shingled {
  const { tokens, units, eligible } = eligibleUnits(paragraphs, options);
  const k = Uint8Array.from(paragraphs, (p) => options[p.lang].k);
  const index = buildShingleIndex(units, k);
  const formulaDf = options.formulaDf ?? formulaThreshold(eligible);
  // Formulas are counted over longer windows, in an index of their own that is dropped at once.
  const w = Uint8Array.from(paragraphs, (p) => options[p.lang].formulaWindow);
  const windows = windowDf(units, w, keep);
  const formulaFound = units.map((u, p) =>
    u
      ? formulaUnits(windows.df.subarray(windows.off[p]!, windows.off[p + 1]!), u.length, w[p]!, formulaDf)
      : null,
  );
  return {
    key: shinglingKey(options),
    tokens,
    eligible,
    k,
    w,
    index,
    windows,
    formulaDf,
    formula: formulaFound.map((f) => f?.mark ?? null),
    frequent: formulaFound.map((f) => f?.frequent ?? null),
    formulaRuns: formulaFound.map((f) => f?.runs ?? []),
    formulaWindows: frequentHashes(windows, formulaDf),
    weight: tokens.map((t, p) => (t ? weightsOf(t, paragraphs[p]!.lang) : null)),
  };
}

/**
 * The settings Shingled depends on, as a string: what a Shingled computed elsewhere (the worker)
 * must have been computed with to stand for the one detection would compute.
 */
export function shinglingKey(options: ReuseOptions): string {
  const of = (l: LangOptions) => [l.minUnits, l.k, l.formulaWindow];
  return JSON.stringify([of(options.zh), of(options.en), options.formulaDf ?? null]);
}

/**
 * Detect reuse across the corpus (see the module header). Pure.
 * @param trace filled in with what the next build starts from, when given
 */
export function detectReuse(
  input: DetectInput,
  options: ReuseOptions = DEFAULT_OPTIONS,
  trace?: Partial<DetectTrace>,
  shingled?: Shingled | null,
): Detected {
  const { paragraphs } = input;
  const n = paragraphs.length;
  const rank = readingRank(paragraphs, input.documents);
  const langOf = (p: number): Lang => paragraphs[p]!.lang;
  const opt = (p: number): LangOptions => options[langOf(p)];

  // Computed ahead (on the worker, beside the cite stage) when it fits this corpus and these
  // settings, with the postings the trace needs; else here.
  const ahead =
    shingled &&
    shingled.key === shinglingKey(options) &&
    shingled.tokens.length === n &&
    shingled.k.length === n &&
    (!trace || shingled.windows.postings !== null)
      ? shingled
      : null;
  const {
    tokens,
    eligible,
    w,
    index,
    windows,
    formulaDf,
    formula,
    frequent,
    formulaRuns,
    formulaWindows,
    weight,
  } = ahead ?? shingleCorpus(paragraphs, options, trace !== undefined);
  const units = tokens.map((t) => t?.ids ?? null);
  if (trace) {
    trace.shingles = postingsOfIndex(index);
    trace.windows = windows.postings!;
    trace.pairs = [];
    trace.copies = [];
    trace.copyLinks = new Set();
  }
  const byId = new Map(paragraphs.map((p) => [p.id, p]));
  const names = nameIndex(input.names ?? []);
  const ref = tokens.map((t, p) =>
    t ? referenceMarks(t, input.references?.get(paragraphs[p]!.id), names) : null,
  );
  const side = (p: number): Side => ({
    ids: units[p]!,
    groups: index.group.subarray(index.off[p]!, index.off[p + 1]!),
    formula: formula[p]!,
    frequent: frequent[p]!,
    window: w[p]!,
    weight: weight[p]!,
    ref: ref[p],
  });

  // The shingles two paragraphs can share (df >= 2) and those that can propose a pair
  // (2 <= df < maxDf), marked at their flat positions: the walk and the count of shared shingles
  // below read the mark in sequence and skip the rest (most shingles are carried by one
  // paragraph) without looking up their group at random in the index.
  const mark = new Uint8Array(index.off[n]!);
  for (let g = 0; g + 1 < index.groupStart.length; g++) {
    const df = index.df[g]!;
    if (df < 2) continue;
    const bits = df < options.maxDf ? SHARED | PROPOSES : SHARED;
    for (let y = index.groupStart[g]!; y < index.groupStart[g + 1]!; y++) mark[index.order[y]!] = bits;
  }
  const table = new PositionsTable(index, mark);
  // Each paragraph's language and document as numbers: the walk compares them for every pair it
  // meets, and only paragraphs of one document can enclose each other (related).
  const langCode = Uint8Array.from(paragraphs, (p) => (p.lang === "zh" ? 0 : 1));
  const docs = new Map<string, number>();
  const docCode = Uint32Array.from(paragraphs, (p) => {
    let d = docs.get(p.doc);
    if (d === undefined) {
      d = docs.size;
      docs.set(p.doc, d);
    }
    return d;
  });
  const shared: SharedShingles = { at: new Int32Array(1024), n: 0 };
  const found: RawLink[] = [];
  const count = new Uint32Array(n);
  const touched: number[] = [];
  let candidates = 0;
  for (let p = 0; p < n; p++) {
    if (!units[p]) continue;
    touched.length = 0;
    if (options.exhaustive) {
      for (let q = p + 1; q < n; q++) {
        if (!units[q]) continue;
        touched.push(q);
        count[q] = options.minRareShared;
      }
    } else
      for (let x = index.off[p]!; x < index.off[p + 1]!; x++) {
        if (!(mark[x]! & PROPOSES)) continue;
        const g = index.group[x]!;
        // Postings are in paragraph order: only those after p's own can be later paragraphs.
        for (let y = index.rank[x]! + 1; y < index.groupStart[g + 1]!; y++) {
          const q = index.postings[y]!;
          if (q <= p) continue;
          if (count[q] === 0) touched.push(q);
          count[q]!++;
        }
      }
    let positions: Positions | null = null;
    let sideP: Side | null = null;
    for (const q of touched) {
      const rare = count[q]!;
      count[q] = 0;
      if (rare < options.minRareShared || langCode[q] !== langCode[p]) continue;
      if (docCode[q] === docCode[p] && related(byId, paragraphs[p]!, paragraphs[q]!)) continue;
      positions ??= table.of(p);
      // Cheap before aligning: enough shared shingles of any frequency (the alignment starts
      // from the ones found here).
      if (sharedShingles(positions, index, mark, q, shared) < opt(p).minShared) continue;
      candidates++;
      trace?.pairs?.push(p, q);
      sideP ??= side(p);
      const link = linkOf(p, q, sideP, side(q), positions, options, rank, langOf(p), shared);
      if (link) found.push(link);
    }
  }
  // Verbatim copies meet whatever their shingles' frequency: a norm quoted word for word in more
  // than maxDf paragraphs has no rare shingle left to meet through, yet each copy has a source.
  const seen = new Set(found.map((l) => Math.min(l.from, l.to) * n + Math.max(l.from, l.to)));
  const copies = new Map<string, number[]>();
  for (let p = 0; p < n; p++) {
    const u = units[p];
    if (!u) continue;
    const key = `${langOf(p)}|${u.length}|${idsHash(u)}`;
    const list = copies.get(key);
    if (list) list.push(p);
    else copies.set(key, [p]);
  }
  for (const members of copies.values()) {
    if (members.length < 2) continue;
    const src = members.reduce((a, b) => (rank[a]! < rank[b]! ? a : b));
    const positions = table.of(src);
    for (const m of members) {
      if (m === src || seen.has(Math.min(src, m) * n + Math.max(src, m))) continue;
      if (!sameUnits(units[src]!, units[m]!) || related(byId, paragraphs[src]!, paragraphs[m]!)) continue;
      candidates++;
      trace?.copies?.push(src, m);
      const link = linkOf(src, m, side(src), side(m), positions, options, rank, langOf(src));
      if (link) {
        found.push(link);
        trace?.copyLinks?.add(link);
      }
    }
  }
  const { kept, redundant } = bestSources(found, rank, weight, options, langOf);
  return {
    links: kept,
    redundant,
    tokens,
    formula,
    frequent,
    ref,
    formulaRuns,
    rank,
    formulaDf,
    formulaWindows,
    stats: { eligible, shingles: index.off[n]!, candidates, aligned: found.length },
  };
}

/** Marks of a flat shingle position: its group is carried by two paragraphs or more. */
const SHARED = 1;
/** And by fewer than maxDf: it proposes candidate pairs. */
const PROPOSES = 2;

/**
 * How many of q's shingles the current paragraph shares, their starts in q written to `out`.
 * A shingle no other paragraph carries is never looked up (`mark`, SHARED).
 */
function sharedShingles(
  positions: Positions,
  index: ShingleIndex,
  mark: Uint8Array,
  q: number,
  out: SharedShingles,
): number {
  const from = index.off[q]!;
  const to = index.off[q + 1]!;
  if (out.at.length < to - from) out.at = new Int32Array(Math.max(to - from, out.at.length * 2));
  const at = out.at;
  let n = 0;
  for (let x = from; x < to; x++) if (mark[x]! & SHARED && positions.has(index.group[x]!)) at[n++] = x - from;
  out.n = n;
  return n;
}

/**
 * The positions of one paragraph's shingle groups at a time, over the whole index: a group is
 * the current paragraph's when its stamp says so, and its positions are a list of that
 * paragraph. Asking for another paragraph's positions replaces the last one's (the candidate
 * loop works on one paragraph at a time). The stamps cost two integers per group, once, where a
 * Map per paragraph was hashed once per shingle of every candidate. Only groups that another
 * paragraph carries too are stamped: the others can be no other paragraph's, and are never asked.
 */
class PositionsTable implements Positions {
  private readonly stamp: Int32Array;
  private readonly slot: Int32Array;
  private lists: number[][] | null = null;
  private paragraph = -1;
  /** Stamps are call numbers, not paragraphs: a paragraph asked for again is stamped anew. */
  private current = -1;
  /** `mark`: the flat positions' marks (SHARED): a group no other paragraph carries is never asked for. */
  constructor(
    private readonly index: ShingleIndex,
    private readonly mark: Uint8Array,
  ) {
    this.stamp = new Int32Array(index.df.length).fill(-1);
    this.slot = new Int32Array(index.df.length);
  }
  /**
   * Paragraph p's positions (valid until the next call). Only stamped here: most paragraphs'
   * candidates are turned away on `has` alone, and the lists are made at the first `get`.
   */
  of(p: number): Positions {
    const { index, stamp, mark } = this;
    const now = ++this.current;
    for (let x = index.off[p]!; x < index.off[p + 1]!; x++)
      if (mark[x]! & SHARED) stamp[index.group[x]!] = now;
    this.paragraph = p;
    this.lists = null;
    return this;
  }
  has(group: number): boolean {
    return this.stamp[group] === this.current;
  }
  get(group: number): readonly number[] | undefined {
    if (this.stamp[group] !== this.current) return undefined;
    this.lists ??= this.listsOf(this.paragraph);
    return this.lists[this.slot[group]!];
  }
  /** The current paragraph's positions by group, each group's slot set (its stamp is current). */
  private listsOf(p: number): number[][] {
    const { index, slot, mark } = this;
    const lists: number[][] = [];
    // A group's slot is set at its first occurrence in p: all to "none yet" (-1) before.
    for (let x = index.off[p]!; x < index.off[p + 1]!; x++) slot[index.group[x]!] = -1;
    for (let x = index.off[p]!, s = 0; x < index.off[p + 1]!; x++, s++) {
      if (!(mark[x]! & SHARED)) continue;
      const g = index.group[x]!;
      if (slot[g] === -1) {
        slot[g] = lists.length;
        lists.push([s]);
      } else lists[slot[g]!]!.push(s);
    }
    return lists;
  }
}

/**
 * The alignment's settings for a language, made once per settings object (linkOf runs per pair;
 * settings objects are made whole, never changed in place).
 */
const alignCache = new WeakMap<ReuseOptions, Partial<Record<Lang, AlignOptions>>>();

function alignOptionsOf(options: ReuseOptions, lang: Lang): AlignOptions {
  let byLang = alignCache.get(options);
  if (!byLang) {
    byLang = {};
    alignCache.set(options, byLang);
  }
  const cached = byLang[lang];
  if (cached) return cached;
  const lo = options[lang];
  const align: AlignOptions = {
    k: lo.k,
    minPassage: Math.min(lo.minUnits, lo.minPassage),
    maxGap: lo.maxGap,
    minIdentity: options.minIdentity,
    minMatches: lo.minShared,
    // Half of the least informative (or joined) wording any kind of link needs: on the seed and
    // at 50k paragraphs it changes no link (3 of 6,933 at 200k), while most candidate pairs that
    // share only boilerplate are never diffed (detection at 200k: 18.1 s with it, 24.5 s without).
    minCovered: options.coverBound === false ? 0 : Math.floor(Math.min(lo.minUnits, lo.minInformative) / 2),
    minCoveredJoined: options.coverBound === false ? 0 : Math.floor(lo.minJoined / 2),
  };
  byLang[lang] = align;
  return align;
}

/**
 * Align a candidate pair and classify it; null when it shares no passage that counts.
 * @param shared q's shingles that p shares, when the caller found them (alignPair's `shared`)
 */
export function linkOf(
  p: number,
  q: number,
  sp: Side,
  sq: Side,
  positions: Positions,
  options: ReuseOptions,
  rank: Uint32Array,
  lang: Lang,
  shared?: SharedShingles,
): RawLink | null {
  const lo = options[lang];
  const align = alignOptionsOf(options, lang);
  let passages = alignPair(sp, sq, positions, align, shared);
  if (!passages.length) return null;
  const na = sp.ids.length;
  const nb = sq.ids.length;
  const equal = passages.reduce((s, x) => s + x.equal, 0);
  const informative = passages.reduce((s, x) => s + x.informativeWeight, 0);
  let kind: RawLink["kind"];
  if (sameUnits(sp.ids, sq.ids)) kind = "verbatim";
  else if (equal / Math.max(na, nb) >= options.nearMin) kind = "near";
  else kind = "partial";
  if (kind === "partial") {
    // A partial link stands on passages of its own: wording outside formulas, or formulas
    // joined the same way in both texts (core/wording/formula.ts).
    passages = passages.filter((x) => x.equalWeight >= lo.minPassage);
    const stands = (x: Passage) =>
      x.informativeWeight >= lo.minInformative || (lo.minJoined > 0 && x.joinedWeight >= lo.minJoined);
    if (!passages.some(stands)) return null;
  } else if (informative < lo.minUnits) return null;
  const formula = passages.some((x) => x.informative < x.equal);
  const score = kind === "verbatim" ? 1 : Math.min(1, informativeOf(passages) / Math.min(na, nb));
  const forward = rank[p]! < rank[q]!;
  return {
    from: forward ? p : q,
    to: forward ? q : p,
    kind,
    passages: forward ? passages : passages.map(swap).sort((x, y) => x.b0 - y.b0 || x.a0 - y.a0),
    score: Math.round(score * 1000) / 1000,
    formula,
  };
}

function informativeOf(passages: Passage[]): number {
  return passages.reduce((s, x) => s + x.informative, 0);
}

function swap(x: Passage): Passage {
  return { ...x, a0: x.b0, a1: x.b1, b0: x.a0, b1: x.a1 };
}

/** Keep one best source per passage of each later paragraph (see the module header). */
export function bestSources(
  found: RawLink[],
  rank: Uint32Array,
  weights: (Uint8Array | null)[],
  options: ReuseOptions,
  langOf: (p: number) => Lang,
): { kept: RawLink[]; redundant: RawLink[] } {
  const byTo = new Map<number, RawLink[]>();
  for (const l of found) {
    const list = byTo.get(l.to);
    if (list) list.push(l);
    else byTo.set(l.to, [l]);
  }
  const kept: RawLink[] = [];
  const redundant: RawLink[] = [];
  for (const to of [...byTo.keys()].sort((x, y) => rank[x]! - rank[y]!)) {
    const list = byTo
      .get(to)!
      .sort(
        (x, y) => y.score - x.score || KIND_RANK[x.kind] - KIND_RANK[y.kind] || rank[x.from]! - rank[y.from]!,
      );
    const weight = weights[to]!;
    const covered = new Uint8Array(weight.length);
    const lo = options[langOf(to)];
    for (const l of list) {
      // Fresh wording is counted as the thresholds are: a partial link's by weight, a copy's in units.
      let fresh = 0;
      let freshWeight = 0;
      for (const x of l.passages)
        for (let j = x.b0; j < x.b1; j++)
          if (!covered[j]) {
            fresh++;
            freshWeight += weight[j]!;
          }
      if (l.kind === "partial" ? freshWeight >= lo.minPassage : fresh >= lo.minUnits) {
        kept.push(l);
        for (const x of l.passages) covered.fill(1, x.b0, x.b1);
      } else redundant.push(l);
    }
  }
  const order = (x: RawLink, y: RawLink) => rank[x.to]! - rank[y.to]! || rank[x.from]! - rank[y.from]!;
  return { kept: kept.sort(order), redundant: redundant.sort(order) };
}

export type { Marks } from "../../core/wording/measure.ts";

/** The marks detection computed for paragraph p. */
export function marksOf(detected: Detected, p: number): Marks {
  return { formula: detected.formula[p]!, frequent: detected.frequent[p]!, ref: detected.ref[p] };
}

/**
 * Align two paragraphs outside the index (for a link carried over from the other language):
 * their shingles are hashed afresh and the same alignment runs. Returns the passages, `a` = the
 * earlier paragraph; empty when the two texts share no passage that counts.
 */
export function passagesBetween(
  a: Tokens,
  b: Tokens,
  marksA: Marks,
  marksB: Marks,
  lang: Lang,
  options: ReuseOptions = DEFAULT_OPTIONS,
): Passage[] {
  const lo = options[lang];
  return alignTexts(
    prepare(a, marksA, lang, lo.k, lo.formulaWindow),
    prepare(b, marksB, lang, lo.k, lo.formulaWindow),
    {
      k: lo.k,
      minPassage: lo.minPassage,
      maxGap: lo.maxGap,
      minIdentity: options.minIdentity,
      minMatches: lo.minShared,
    },
  );
}
