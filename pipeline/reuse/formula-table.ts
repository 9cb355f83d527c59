/**
 * The formula passages of the corpus, as `formulas.json` lists them (formula.ts says what a
 * formula is), kept in a table that a build after one changed document updates instead of
 * recounting (incremental.ts).
 *
 * What `formulas.json` says of a passage: its text (from its first carrier in reading order), how
 * many paragraphs carry it ("paragraphs": the smallest document frequency of the formula windows
 * it is made of, the largest over its languages), and three examples (its first carriers).
 * Passages are told apart by their units, so the same formula with other punctuation is one.
 *
 * Decisions:
 * - A passage's count depends only on its units and the window counts, not on which paragraph
 *   carries it: all its windows are frequent (a run is maximal), so the count is the minimum of
 *   their document frequencies, computed once per passage and language and recomputed only for
 *   passages holding a window whose count changed.
 * - Each paragraph keeps its runs as (start, end, key): a paragraph's runs change only when its
 *   text or the frequency class of one of its windows changes; what the list counts of the runs
 *   (`ListCounts`) is kept too and moved by the touched paragraphs' runs (a pass over every run
 *   was some 50 ms of a build after one change at 200k paragraphs).
 * - The runs are columns, not objects: (start, end, key) triples in one Uint32Array, each
 *   paragraph's from `runStart[p]`, as the memo keeps them. A build after a change takes them as
 *   the memo's bytes and makes new columns by copying the untouched paragraphs' ranges around the
 *   touched ones' runs (`runColumns`); an object per run was some 800,000 objects decoded and
 *   encoded again at every build at 200k paragraphs, for the few runs a change reaches.
 * - Keys are looked up by a hash of their units and checked unit by unit, never trusted to the
 *   hash alone. Each key's hash is kept beside it (`keyHash`, in the memo too): the lookup a
 *   build after one change makes of the keys its few hundred runs may have (`keyRunsOf`) reads
 *   the hashes, where hashing the units of every key (125,000 keys, 1.6 million units at 200k
 *   paragraphs) was some 0.1 s of that build.
 */
import type { FormulaRun } from "../../core/wording/formula.ts";
import { shingleHash } from "../../core/wording/shingle.ts";
import type { Tokens } from "../../core/wording/tokens.ts";
import type { FormulasFile, Lang } from "../../schemas/index.ts";

export type Formula = FormulasFile["formulas"][number];

/** How many formula passages `formulas.json` lists. */
export const FORMULA_LIST = 200;

/** A formula passage of one paragraph: units [start, end) and the passage's key. */
export interface KeyedRun {
  start: number;
  end: number;
  key: number;
}

/**
 * The table: every formula passage's units, its counts by language, and each paragraph's runs.
 * The columns are typed arrays with room to grow (`keys` says how many keys there are): a build
 * after a change takes them as the memo reads them back (views of its file, memo-file.ts), where
 * plain arrays meant converting some 1.6 million numbers at 200k paragraphs at every build.
 */
export interface FormulaTable {
  /** How many keys (passages) the table holds. */
  keys: number;
  /** Units of every key, flat: key k is `units[keyStart[k]] .. units[keyStart[k + 1]]`. */
  units: Int32Array;
  /** At least `keys + 1` entries. */
  keyStart: Uint32Array;
  /** The key's count among Chinese and English paragraphs (0: not computed, or none there). */
  dfZh: Uint32Array;
  dfEn: Uint32Array;
  /** The hash of each key's units (`unitsHash`), at least `keys` entries. */
  keyHash: Uint32Array;
  /**
   * Each paragraph's runs, in reading order of the paragraph: paragraph p's are the triples
   * (start, end, key) `r` of `runs[3r .. 3r + 2]` for r from `runStart[p]` to `runStart[p + 1]`
   * (none for most). One entry per paragraph and one more; `runs` holds exactly the triples.
   */
  runStart: Uint32Array;
  runs: Uint32Array;
  /** Keys by a hash of their units (several keys may share a hash); made when first needed. */
  byHash: Map<number, number[]> | null;
}

/** Runs of no paragraph, shared: what `runColumns` is given for a paragraph that has none. */
export const NO_RUNS = new Uint32Array(0);

/** `a` with room for at least `need` entries (doubling, so that appends cost no copy each). */
function room<T extends Int32Array | Uint32Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  const out = new (a.constructor as new (n: number) => T)(Math.max(need, 2 * a.length, 16));
  out.set(a);
  return out;
}

/**
 * FNV-1a over units, cut to 30 bits: a small integer to the engine, where a 32-bit hash above
 * 2^30 is a heap number made for every lookup (the table's lookups were a tenth of a cold reuse
 * stage). Keys are checked unit by unit anyway, so a coarser hash changes no key.
 */
function unitsHash(u: ArrayLike<number>, s: number, e: number): number {
  let h = 0x811c9dc5;
  for (let i = s; i < e; i++) h = Math.imul(h ^ (u[i] as number), 0x01000193);
  return h & 0x3fffffff;
}

/** An empty table for `n` paragraphs (none has runs). */
export function emptyTable(n: number): FormulaTable {
  return {
    keys: 0,
    units: new Int32Array(0),
    keyStart: new Uint32Array(1),
    dfZh: new Uint32Array(0),
    dfEn: new Uint32Array(0),
    keyHash: new Uint32Array(0),
    runStart: new Uint32Array(n + 1),
    runs: NO_RUNS,
    byHash: null,
  };
}

/**
 * The run columns of `n` paragraphs, paragraph p's runs being `runsOf(p)` (flat triples, as
 * `keyRuns` gives them): two passes, the lengths then the copies, so nothing is made per run.
 */
export function runColumns(
  n: number,
  runsOf: (p: number) => Uint32Array,
): Pick<FormulaTable, "runStart" | "runs"> {
  const runStart = new Uint32Array(n + 1);
  let total = 0;
  for (let p = 0; p < n; p++) {
    runStart[p] = total;
    total += runsOf(p).length / 3;
  }
  runStart[n] = total;
  const runs = new Uint32Array(total * 3);
  for (let p = 0; p < n; p++) {
    const r = runsOf(p);
    if (r.length) runs.set(r, runStart[p]! * 3);
  }
  return { runStart, runs };
}

/**
 * The run columns of `n` paragraphs, paragraph p's being old paragraph `from[p]`'s runs in `old`
 * when `from[p]` is not negative, else `fresh.get(p)` (or none): runColumns for a build after a
 * change, copying the carried runs by ranges rather than a view of each paragraph's.
 */
export function carriedRunColumns(
  old: Pick<FormulaTable, "runStart" | "runs">,
  from: Int32Array,
  fresh: ReadonlyMap<number, Uint32Array>,
): Pick<FormulaTable, "runStart" | "runs"> {
  const n = from.length;
  const runStart = new Uint32Array(n + 1);
  let total = 0;
  for (let p = 0; p < n; p++) {
    runStart[p] = total;
    const o = from[p]!;
    total += o >= 0 ? old.runStart[o + 1]! - old.runStart[o]! : (fresh.get(p)?.length ?? 0) / 3;
  }
  runStart[n] = total;
  const runs = new Uint32Array(total * 3);
  for (let p = 0; p < n; ) {
    const o = from[p]!;
    if (o < 0) {
      const r = fresh.get(p);
      if (r) runs.set(r, 3 * runStart[p]!);
      p++;
      continue;
    }
    // Paragraphs carried from consecutive old ones (nearly all of them, between the changed
    // documents) have their runs in one range of the old columns: copied in one piece, where
    // copying them number by number was 0.1 s of a build after one change at 200k paragraphs.
    let q = p + 1;
    while (q < n && from[q] === o + (q - p)) q++;
    runs.set(old.runs.subarray(3 * old.runStart[o]!, 3 * old.runStart[o + (q - p)]!), 3 * runStart[p]!);
    p = q;
  }
  return { runStart, runs };
}

/**
 * carriedRunColumns written into `old`'s own columns, when that needs no copy: each paragraph is
 * the old one of its number or fresh (`from[p]` is p or -1), and each fresh one has as many runs
 * as the old one had (a changed document whose paragraphs kept their number and their count of
 * formula runs). True when done; false, with `old` untouched, otherwise.
 *
 * Decision: new columns are 10 MB at 200k paragraphs, and memory first written costs on this
 * kind of machine (a fault a page: some 50 ms of CPU for those 10 MB, measured) far more than
 * the copy; the memo's columns are the build's to consume (incremental.ts), so they are written.
 */
export function carriedInPlace(
  old: Pick<FormulaTable, "runStart" | "runs">,
  from: Int32Array,
  fresh: ReadonlyMap<number, Uint32Array>,
): boolean {
  const n = from.length;
  if (old.runStart.length !== n + 1) return false;
  for (let p = 0; p < n; p++) {
    const o = from[p]!;
    if (o === p) continue;
    if (o !== -1 || (fresh.get(p)?.length ?? 0) !== 3 * (old.runStart[p + 1]! - old.runStart[p]!))
      return false;
  }
  for (const [p, r] of fresh) if (from[p] === -1) old.runs.set(r, 3 * old.runStart[p]!);
  return true;
}

/** Paragraph p's runs as the table holds them (flat triples, a view of its columns). */
export function runsAt(t: FormulaTable, p: number): Uint32Array {
  return t.runs.subarray(3 * t.runStart[p]!, 3 * t.runStart[p + 1]!);
}

/** Paragraph p's runs as objects (for tests, and for the few runs a reader decodes). */
export function keyedRunsAt(t: FormulaTable, p: number): KeyedRun[] {
  const r = runsAt(t, p);
  const out: KeyedRun[] = [];
  for (let i = 0; i < r.length; i += 3) out.push({ start: r[i]!, end: r[i + 1]!, key: r[i + 2]! });
  return out;
}

/**
 * The lookup of keys by hash, made from the keys when first asked (a table read back has none);
 * with `only`, of the keys whose hash is among those alone (see `keyRunsOf`).
 */
function byHashOf(t: FormulaTable, only: ReadonlySet<number> | null = null): Map<number, number[]> {
  if (t.byHash && !only) return t.byHash;
  const m = new Map<number, number[]>();
  for (let k = 0; k < t.keys; k++) {
    const h = t.keyHash[k]!;
    if (only && !only.has(h)) continue;
    const list = m.get(h);
    if (list) list.push(k);
    else m.set(h, [k]);
  }
  if (!only) t.byHash = m;
  return m;
}

/** The key of units `ids[s .. e)`, added when new. */
export function keyOf(t: FormulaTable, ids: Int32Array, s: number, e: number): number {
  return keyIn(t, byHashOf(t), ids, s, e);
}

/** keyOf, through `byHash`, which holds every key of hash `unitsHash(ids, s, e)`. */
function keyIn(
  t: FormulaTable,
  byHash: Map<number, number[]>,
  ids: Int32Array,
  s: number,
  e: number,
): number {
  const h = unitsHash(ids, s, e);
  const list = byHash.get(h);
  if (list)
    next: for (const k of list) {
      const a = t.keyStart[k]!;
      if (t.keyStart[k + 1]! - a !== e - s) continue;
      for (let i = 0; i < e - s; i++) if (t.units[a + i] !== ids[s + i]) continue next;
      return k;
    }
  const k = t.keys;
  const at = t.keyStart[k]!;
  t.units = room(t.units, at + e - s);
  t.units.set(ids.subarray(s, e), at);
  t.keyStart = room(t.keyStart, k + 2);
  t.keyStart[k + 1] = at + e - s;
  // Fresh room is zero, but a column read back may hold more than `keys` entries: say it.
  t.dfZh = room(t.dfZh, k + 1);
  t.dfEn = room(t.dfEn, k + 1);
  t.dfZh[k] = 0;
  t.dfEn[k] = 0;
  t.keyHash = room(t.keyHash, k + 1);
  t.keyHash[k] = h;
  t.keys = k + 1;
  if (list) list.push(k);
  else byHash.set(h, [k]);
  return k;
}

/**
 * A paragraph's runs (formula.ts's, with their counts) under their keys, as flat triples for
 * `runColumns`; keys are added as met, so paragraphs are given in ascending order (the keys'
 * numbering is then a cold build's). The count of a run is its key's count in the paragraph's
 * language (see the module header).
 */
export function keyRuns(t: FormulaTable, ids: Int32Array, runs: FormulaRun[], lang: Lang): Uint32Array {
  return keyRunsIn(t, byHashOf(t), ids, runs, lang);
}

function keyRunsIn(
  t: FormulaTable,
  byHash: Map<number, number[]>,
  ids: Int32Array,
  runs: FormulaRun[],
  lang: Lang,
): Uint32Array {
  const out = new Uint32Array(runs.length * 3);
  runs.forEach((r, i) => {
    const key = keyIn(t, byHash, ids, r.start, r.end);
    (lang === "zh" ? t.dfZh : t.dfEn)[key] = r.df;
    out[3 * i] = r.start;
    out[3 * i + 1] = r.end;
    out[3 * i + 2] = key;
  });
  return out;
}

/**
 * keyRuns over several paragraphs (in ascending order), for a table read back: the lookup by
 * hash is made of the keys whose hash one of these runs has, not of every key. A build after one
 * change keys a few hundred runs; a lookup of the 125,000 keys at 200k paragraphs (a map and an
 * array each) was some 100 ms of its CPU. The lookup is not kept: it knows only these hashes.
 */
export function keyRunsOf(
  t: FormulaTable,
  paragraphs: ReadonlyArray<{ ids: Int32Array; runs: FormulaRun[]; lang: Lang }>,
): Uint32Array[] {
  let byHash = t.byHash;
  if (!byHash) {
    const wanted = new Set<number>();
    for (const x of paragraphs) for (const r of x.runs) wanted.add(unitsHash(x.ids, r.start, r.end));
    byHash = byHashOf(t, wanted);
  }
  return paragraphs.map((x) => keyRunsIn(t, byHash, x.ids, x.runs, x.lang));
}

/** The count of key k's `w`-unit windows (their least document frequency, `dfOf` each). */
function countOf(t: FormulaTable, k: number, w: number, dfOf: (h: number) => number): number {
  const a = t.keyStart[k]!;
  const e = t.keyStart[k + 1]!;
  let min = Number.POSITIVE_INFINITY;
  for (let s = a; s + w <= e; s++) min = Math.min(min, dfOf(shingleHash(t.units, s, w)));
  return min === Number.POSITIVE_INFINITY ? 0 : min;
}

/**
 * After window counts changed: recount every key holding one of the `changed` windows, in each
 * language whose window length is given (`w.zh`, `w.en`), from the updated counts (`dfOf`).
 *
 * Every window of every key is hashed (some 1.5 million at 200k paragraphs, at every build after
 * a change): each hash is first looked up in a table of bits indexed by its low bits, which
 * holds every changed hash's, and only a hash found there in the set itself (the set's lookup
 * for every window was most of the 0.15 s this took). The bits only sieve: the set decides.
 */
export function recount(
  t: FormulaTable,
  changed: ReadonlySet<number>,
  w: Record<Lang, number>,
  dfOf: (h: number) => number,
): void {
  if (!changed.size) return;
  const sieve = new Uint8Array(SIEVE_BITS >>> 3);
  for (const h of changed) sieve[(h & (SIEVE_BITS - 1)) >>> 3]! |= 1 << (h & 7);
  const holds = (a: number, e: number, width: number): boolean => {
    for (let s = a; s + width <= e; s++) {
      const h = shingleHash(t.units, s, width);
      if (sieve[(h & (SIEVE_BITS - 1)) >>> 3]! & (1 << (h & 7)) && changed.has(h)) return true;
    }
    return false;
  };
  for (let k = 0; k < t.keys; k++) {
    const a = t.keyStart[k]!;
    const e = t.keyStart[k + 1]!;
    if (t.dfZh[k] && holds(a, e, w.zh)) t.dfZh[k] = countOf(t, k, w.zh, dfOf);
    if (t.dfEn[k] && holds(a, e, w.en)) t.dfEn[k] = countOf(t, k, w.en, dfOf);
  }
}

/** The size of recount's sieve, in bits (a power of two: 64 kB, a few thousand hashes in it). */
const SIEVE_BITS = 1 << 19;

/**
 * What the formula list reads of the runs, by key: how many paragraphs carry it in each language
 * (a paragraph carrying it twice counts once; the languages also say which of its counts is
 * read), and its first three carriers in reading order (its examples, the first of them the one
 * whose text is listed). A build keeps them for the next (incremental.ts), which updates them
 * from its touched paragraphs' runs (`updatedCounts`), where `listCounts` is a pass over every
 * run of the corpus.
 */
export interface ListCounts {
  /** Carriers of each key among Chinese and English paragraphs, at least `keys` entries. */
  carZh: Uint32Array;
  carEn: Uint32Array;
  /** Each key's first three carriers by reading rank (-1: none), three entries a key. */
  examples: Int32Array;
}

/** The counts of every run of `t` (see ListCounts). */
export function listCounts(t: FormulaTable, langOf: (p: number) => Lang, rank: Uint32Array): ListCounts {
  const keys = t.keys;
  const carZh = new Uint32Array(keys);
  const carEn = new Uint32Array(keys);
  const lastSeen = new Int32Array(keys).fill(-1);
  // The three carriers first in reading order (a key's examples), kept as the runs are read: a
  // second pass over every run of the corpus for the chosen keys' carriers cost as much as this one.
  const examples = new Int32Array(3 * keys).fill(-1);
  const { runStart, runs } = t;
  const n = runStart.length - 1;
  for (let p = 0; p < n; p++) {
    const from = runStart[p]!;
    const to = runStart[p + 1]!;
    if (from === to) continue;
    const carriers = langOf(p) === "zh" ? carZh : carEn;
    for (let r = from; r < to; r++) {
      const k = runs[3 * r + 2]!;
      if (lastSeen[k] === p) continue;
      lastSeen[k] = p;
      carriers[k]!++;
      keepExample(examples, 3 * k, p, rank);
    }
  }
  return { carZh, carEn, examples };
}

/** A touched paragraph's runs (flat triples, keyed) and its language, in one numbering. */
export interface TouchedRuns {
  p: number;
  lang: Lang;
  runs: Uint32Array;
}

/** The distinct keys of flat run triples. */
function keysOf(runs: Uint32Array): Set<number> {
  const out = new Set<number>();
  for (let r = 2; r < runs.length; r += 3) out.add(runs[r]!);
  return out;
}

/**
 * The counts `c` of the table before a change (`had` keys, the old numbering) made the counts of
 * the table after it (`keys` keys, the new numbering), from the touched paragraphs' runs before
 * (`before`, old numbering) and after (`after`, new numbering): their keys' carriers moved, their
 * examples taken out and put in again by rank. `c`'s columns are written (the memo's, consumed).
 *
 * A paragraph that stands as one of the new (`remap`, `oldOf`) and carries a key before and after
 * keeps its place among the key's examples: its order among the others did not move (a
 * paragraph whose place in the reading order may have moved is changed, incremental.ts).
 *
 * Null when a key lost one of its examples while it has carriers beyond them: which carrier comes
 * next is known only to a pass over every run (`listCounts`), which the caller then makes. A
 * changed paragraph is among a formula's first three carriers for few formulas (the bench's
 * change: none), so the pass is seldom made.
 */
export function updatedCounts(
  c: ListCounts,
  had: number,
  keys: number,
  before: readonly TouchedRuns[],
  after: readonly TouchedRuns[],
  remap: Int32Array,
  oldOf: Int32Array,
  rank: Uint32Array,
): ListCounts | null {
  const carZh = room(c.carZh, keys);
  const carEn = room(c.carEn, keys);
  const examples = room(c.examples, 3 * keys);
  // The keys this build added (a column kept in memory may have room past them, holding others').
  carZh.fill(0, had, keys);
  carEn.fill(0, had, keys);
  examples.fill(-1, 3 * had, 3 * keys);
  const keysAfter = new Map(after.map((x) => [x.p, keysOf(x.runs)]));
  const keysBefore = new Map(before.map((x) => [x.p, keysOf(x.runs)]));
  const lost: number[] = [];
  for (const x of before) {
    const carriers = x.lang === "zh" ? carZh : carEn;
    const now = remap[x.p]! >= 0 ? keysAfter.get(remap[x.p]!) : undefined;
    for (const k of keysBefore.get(x.p)!) {
      if (now?.has(k)) continue;
      carriers[k]!--;
      const at = examples.subarray(3 * k, 3 * k + 3).indexOf(x.p);
      if (at < 0) continue;
      for (let j = 3 * k + at; j < 3 * k + 2; j++) examples[j] = examples[j + 1]!;
      examples[3 * k + 2] = -1;
      lost.push(k);
    }
  }
  for (const k of lost) {
    let shown = 0;
    for (let j = 0; j < 3; j++) if (examples[3 * k + j]! >= 0) shown++;
    if (carZh[k]! + carEn[k]! > shown) return null;
  }
  for (let j = 0; j < 3 * had; j++) {
    const e = examples[j]!;
    if (e < 0) continue;
    // Every example left is a paragraph that stands: one that does not is a memo not to trust.
    if (remap[e]! < 0) return null;
    examples[j] = remap[e]!;
  }
  for (const x of after) {
    const carriers = x.lang === "zh" ? carZh : carEn;
    const was = oldOf[x.p]! >= 0 ? keysBefore.get(oldOf[x.p]!) : undefined;
    for (const k of keysAfter.get(x.p)!) {
      if (was?.has(k)) continue;
      carriers[k]!++;
      keepExample(examples, 3 * k, x.p, rank);
    }
  }
  return { carZh, carEn, examples };
}

/**
 * The formula passages most carried, as `formulas.json` lists them: by count, then by carriers,
 * then by text (ties, as a stable sort leaves them: by the first carrier's reading rank).
 * @param c the counts of the runs (`listCounts`); @param idOf each paragraph's id; @param rank its
 * reading rank; @param textOf the text of units [start, end) of paragraph p (from its tokens)
 */
export function formulaList(
  t: FormulaTable,
  c: ListCounts,
  idOf: (p: number) => string,
  rank: Uint32Array,
  textOf: (p: number, start: number, end: number) => string,
  limit = FORMULA_LIST,
): Formula[] {
  const keys = t.keys;
  const { carZh, carEn, examples } = c;
  // The live keys in a typed column, not pushed onto a list: some 125,000 of them at 200k
  // paragraphs, where the list and the counts taken from it (Array.from with a mapping, the
  // iterator's slow path) were a third of this function in a build after one change.
  const df = new Uint32Array(keys);
  const carriers = new Uint32Array(keys);
  const liveAll = new Uint32Array(keys);
  let liveCount = 0;
  for (let k = 0; k < keys; k++) {
    carriers[k] = carZh[k]! + carEn[k]!;
    if (!carriers[k]) continue;
    df[k] = Math.max(carZh[k] ? t.dfZh[k]! : 0, carEn[k] ? t.dfEn[k]! : 0);
    liveAll[liveCount++] = k;
  }
  const live = liveAll.subarray(0, liveCount);
  // Only the first `limit` in this order and their ties are read: the keys below the limit-th
  // count are left out before sorting (a stable sort of the rest is the same prefix).
  const ranked = live.length > limit ? atLeast(live, df, limit) : Array.from(live);
  ranked.sort((x, y) => df[y]! - df[x]! || carriers[y]! - carriers[x]!);
  // Texts only where they can decide: the first `limit` and whatever ties with the last of them.
  let end = Math.min(limit, ranked.length);
  if (end > 0) {
    const last = ranked[end - 1]!;
    while (end < ranked.length && df[ranked[end]!] === df[last] && carriers[ranked[end]!] === carriers[last])
      end++;
  }
  const top = ranked.slice(0, end).map((k) => {
    // The key's first run in its first carrier, looked for among that paragraph's few runs.
    const p = examples[3 * k]!;
    let r = t.runStart[p]!;
    while (r < t.runStart[p + 1]! && t.runs[3 * r + 2] !== k) r++;
    if (r === t.runStart[p + 1])
      throw new Error(`formula list: paragraph ${p} is the first carrier of a key it does not carry`);
    const run = r - t.runStart[p]!;
    return { k, text: textOf(p, t.runs[3 * r]!, t.runs[3 * r + 1]!), rank: rank[p]!, run };
  });
  top.sort(
    (x, y) =>
      df[y.k]! - df[x.k]! ||
      carriers[y.k]! - carriers[x.k]! ||
      x.text.localeCompare(y.text) ||
      x.rank - y.rank ||
      x.run - y.run,
  );
  const chosen = top.slice(0, limit);
  return chosen.map((c) => ({
    text: c.text,
    paragraphs: df[c.k]!,
    examples: [...examples.subarray(3 * c.k, 3 * c.k + 3)].filter((p) => p >= 0).map(idOf),
  }));
}

/**
 * Paragraph `p` among a key's three examples at `at` (-1 where none yet), kept in reading order:
 * a carrier goes before one of a higher rank only, so of equal ranks the one met first (the
 * lower index) stays first, as a stable sort by rank of the carriers would leave them.
 */
function keepExample(examples: Int32Array, at: number, p: number, rank: Uint32Array): void {
  let i = 3;
  while (i > 0 && (examples[at + i - 1]! < 0 || rank[p]! < rank[examples[at + i - 1]!]!)) i--;
  if (i === 3) return;
  for (let j = 2; j > i; j--) examples[at + j] = examples[at + j - 1]!;
  examples[at + i] = p;
}

/**
 * The keys of `live` (in its order) whose count is at least the `limit`-th largest: every key
 * that sorting by count, then carriers, can place among the first `limit` or tie with the last
 * of them. The counts sorted as numbers, no comparator.
 */
function atLeast(live: Uint32Array, df: Uint32Array, limit: number): number[] {
  if (limit <= 0) return [];
  const counts = new Uint32Array(live.length);
  for (let i = 0; i < live.length; i++) counts[i] = df[live[i]!]!;
  counts.sort();
  const least = counts[counts.length - limit]!;
  const out: number[] = [];
  for (let i = 0; i < live.length; i++) if (df[live[i]!]! >= least) out.push(live[i]!);
  return out;
}

/**
 * The texts formulaList read of its carriers, by `textKey`: what a build keeps for the next
 * (incremental.ts `ReuseMemo.formulaTexts`). Only the passages listed and their ties, some 200.
 */
export type FormulaTexts = Map<string, string>;

/** A passage's place: the carrier's id and the passage's units [start, end). */
const textKey = (id: string, start: number, end: number) => `${id}|${start}|${end}`;

/**
 * `textOf` for formulaList, taking the text of a carrier that `stands` from `carried` (the texts
 * the build before read) and noting every text given in `kept`, for the build after.
 *
 * Decision: after one change the passages listed are nearly all first carried by paragraphs that
 * did not change, and reading their text (each a paragraph of another document, read alone from
 * the parse cache, and its tokens) was most of the formula list's cost: some 80 ms at 200k
 * paragraphs for some 200 texts. A paragraph that stands has its id and text (its key,
 * incremental.ts `paragraphKeys`), so the text of the same units of it is the same; a paragraph
 * that changed, or came, is read.
 */
export function textsKept(
  textOf: (p: number, start: number, end: number) => string,
  idOf: (p: number) => string,
  carried: ReadonlyMap<string, string> | null,
  stands: (p: number) => boolean,
): { textOf: (p: number, start: number, end: number) => string; kept: FormulaTexts } {
  const kept: FormulaTexts = new Map();
  return {
    kept,
    textOf: (p, start, end) => {
      const key = textKey(idOf(p), start, end);
      const text = (carried && stands(p) ? carried.get(key) : undefined) ?? textOf(p, start, end);
      kept.set(key, text);
      return text;
    },
  };
}

/** The text of units [start, end) of a paragraph's text, given its tokens. */
export function unitsText(text: string, tokens: Tokens, start: number, end: number): string {
  return text.slice(tokens.start[start]!, tokens.end[end - 1]!);
}
