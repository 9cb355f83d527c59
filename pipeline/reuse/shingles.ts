/**
 * The shingle index: every run of k consecutive matching units (a shingle) of every paragraph,
 * hashed, sorted and grouped, so that paragraphs sharing wording meet without comparing all pairs.
 *
 * Decision: a flat inverted index in typed arrays, built by a two-pass radix sort of 32-bit
 * shingle hashes. At 200k paragraphs there are ~20M shingles; a Map of arrays would hold tens of
 * millions of boxed numbers, the typed arrays hold five integers per shingle. Grouping equal
 * hashes gives each shingle its document frequency (the number of paragraphs that carry it),
 * which is what marks formulas (see core/wording/formula.ts) and what bounds the candidate search: a shingle
 * carried by `maxDf` paragraphs or more never proposes a pair.
 */
import { shingleHash } from "../../core/wording/shingle.ts";
import type { Postings } from "./postings.ts";

/** The index over all paragraphs. Paragraph `p`'s shingles are `off[p]` .. `off[p + 1]`. */
export interface ShingleIndex {
  /** Number of paragraphs. */
  n: number;
  /** Offsets of each paragraph's shingles in the flat arrays (length n + 1). */
  off: Uint32Array;
  /** Group (distinct shingle) of each flat shingle position. */
  group: Uint32Array;
  /** Paragraph of each flat shingle position. */
  paraOf: Uint32Array;
  /** Flat positions sorted by group; group g is `order[groupStart[g]]` .. `order[groupStart[g + 1]]`. */
  order: Uint32Array;
  /** Where each flat position stands in `order`: the postings after it are later paragraphs. */
  rank: Uint32Array;
  /** The paragraph of each entry of `order`, stored in that order so a walk reads memory in sequence. */
  postings: Uint32Array;
  groupStart: Uint32Array;
  /** Distinct paragraphs carrying each group. */
  df: Uint32Array;
  /** The hash of each group: groups are in ascending hash order (the radix sort's). */
  hash: Uint32Array;
}

/**
 * Build the index. `units[p]` are paragraph p's unit ids (null: the paragraph takes no part),
 * `k[p]` its shingle length in units.
 */
export function buildShingleIndex(units: (Int32Array | null)[], k: Uint8Array): ShingleIndex {
  const { off, hash, paraOf } = hashAll(units, k);
  const n = units.length;
  const total = off[n]!;
  const { order, sorted } = radixSort(hash);
  // Group equal hashes; positions inside a group are in flat order, so paragraphs ascend.
  const group = new Uint32Array(total);
  const rank = new Uint32Array(total);
  const postings = new Uint32Array(total);
  const starts = new Uint32Array(total + 1);
  const dfs = new Uint32Array(total);
  const hashes = new Uint32Array(total);
  let g = -1;
  let prevHash = -1;
  let prevPara = -1;
  for (let y = 0; y < total; y++) {
    const x = order[y]!;
    const h = sorted[y]!;
    if (h !== prevHash) {
      g++;
      starts[g] = y;
      hashes[g] = h;
      prevHash = h;
      prevPara = -1;
    }
    group[x] = g;
    rank[x] = y;
    const p = paraOf[x]!;
    postings[y] = p;
    if (p !== prevPara) {
      dfs[g]!++;
      prevPara = p;
    }
  }
  starts[g + 1] = total;
  return {
    n,
    off,
    group,
    paraOf,
    order,
    rank,
    postings,
    groupStart: starts.slice(0, g + 2),
    df: dfs.slice(0, g + 1),
    hash: hashes.slice(0, g + 1),
  };
}

/** The index's postings as the next build keeps them (postings.ts): the same arrays, shared. */
export function postingsOfIndex(index: ShingleIndex): Postings {
  return { hash: index.hash, start: index.groupStart, post: index.postings, df: index.df };
}

/**
 * Only the document frequency of each window (the formula count): the same hashing and sorting,
 * without the postings the candidate search needs, so the second index costs little memory.
 * Returns the offsets of each paragraph's windows, the df and the hash at each flat position;
 * with `keep`, also the windows' postings, which the next build starts from (incremental.ts).
 */
export function windowDf(
  units: (Int32Array | null)[],
  w: Uint8Array,
  keep = false,
): { off: Uint32Array; df: Uint32Array; hash: Uint32Array; postings: Postings | null } {
  const { off, hash, paraOf } = hashAll(units, w);
  const total = off[units.length]!;
  const { order, sorted } = radixSort(hash);
  const df = new Uint32Array(total);
  // One walk over the sorted windows gives both each window's df and, kept, the postings (one
  // group of equal hashes after another, paragraphs ascending inside each).
  const post = keep ? new Uint32Array(total) : null;
  const hashes = keep ? new Uint32Array(total) : null;
  const starts = keep ? new Uint32Array(total + 1) : null;
  const dfs = keep ? new Uint32Array(total) : null;
  let g = -1;
  let start = 0;
  while (start < total) {
    const h = sorted[start]!;
    let end = start;
    let count = 0;
    let prevPara = -1;
    while (end < total && sorted[end] === h) {
      const p = paraOf[order[end]!]!;
      if (post) post[end] = p;
      if (p !== prevPara) {
        count++;
        prevPara = p;
      }
      end++;
    }
    for (let y = start; y < end; y++) df[order[y]!] = count;
    if (starts && hashes && dfs) {
      g++;
      starts[g] = start;
      hashes[g] = h;
      dfs[g] = count;
    }
    start = end;
  }
  let kept: Postings | null = null;
  if (post && starts && hashes && dfs) {
    starts[g + 1] = total;
    kept = { hash: hashes.slice(0, g + 1), start: starts.slice(0, g + 2), post, df: dfs.slice(0, g + 1) };
  }
  return { off, df, hash, postings: kept };
}

/**
 * The hashes of the windows carried by at least `threshold` paragraphs (the formula windows),
 * sorted, each once: what search needs to discount a pasted text's formulas as detection does.
 */
export function frequentHashes(
  windows: { df: Uint32Array; hash: Uint32Array },
  threshold: number,
): Uint32Array {
  const out: number[] = [];
  for (let x = 0; x < windows.df.length; x++) if (windows.df[x]! >= threshold) out.push(windows.hash[x]!);
  const sorted = Uint32Array.from(out).sort();
  let n = 0;
  for (let i = 0; i < sorted.length; i++)
    if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[n++] = sorted[i]!;
  return sorted.slice(0, n);
}

/** Hash every shingle of every paragraph into flat arrays. */
function hashAll(
  units: (Int32Array | null)[],
  k: Uint8Array,
): { off: Uint32Array; hash: Uint32Array; paraOf: Uint32Array } {
  const n = units.length;
  const off = new Uint32Array(n + 1);
  for (let p = 0; p < n; p++) {
    const u = units[p];
    const count = u ? Math.max(0, u.length - k[p]! + 1) : 0;
    off[p + 1] = off[p]! + count;
  }
  const total = off[n]!;
  const hash = new Uint32Array(total);
  const paraOf = new Uint32Array(total);
  for (let p = 0; p < n; p++) {
    const u = units[p];
    if (!u) continue;
    const kp = k[p]!;
    for (let x = off[p]!, s = 0; x < off[p + 1]!; x++, s++) {
      hash[x] = shingleHash(u, s, kp);
      paraOf[x] = p;
    }
  }
  return { off, hash, paraOf };
}

/**
 * Indices 0..n-1 sorted by key (stable), by two 16-bit counting passes. The first pass carries
 * each key beside its index, so the second reads keys in sequence instead of gathering them at
 * random (tens of millions of cache misses at 200k paragraphs): half the CPU for the same order.
 */
export function radixOrder(key: Uint32Array): Uint32Array {
  return radixSort(key).order;
}

/** radixOrder, with the keys in that order too (`sorted[y] = key[order[y]]`), read in sequence. */
function radixSort(key: Uint32Array): { order: Uint32Array; sorted: Uint32Array } {
  const n = key.length;
  const tmp = new Uint32Array(n);
  const tmpKey = new Uint32Array(n);
  const out = new Uint32Array(n);
  const sortedKey = new Uint32Array(n);
  const low = new Uint32Array(65537);
  const high = new Uint32Array(65537);
  for (let i = 0; i < n; i++) {
    const k = key[i]!;
    low[(k & 0xffff) + 1]!++;
    high[(k >>> 16) + 1]!++;
  }
  for (let b = 0; b < 65536; b++) {
    low[b + 1]! += low[b]!;
    high[b + 1]! += high[b]!;
  }
  for (let i = 0; i < n; i++) {
    const k = key[i]!;
    const y = low[k & 0xffff]!++;
    tmp[y] = i;
    tmpKey[y] = k;
  }
  for (let y = 0; y < n; y++) {
    const k = tmpKey[y]!;
    const z = high[k >>> 16]!++;
    out[z] = tmp[y]!;
    sortedKey[z] = k;
  }
  return { order: out, sorted: sortedKey };
}
