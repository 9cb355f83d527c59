/**
 * Alignment of one candidate pair: where exactly two paragraphs share wording.
 *
 * Decision: seed, then diff. The shingles the two paragraphs share mark the stretches of each
 * that can match (coverage); only those stretches, paired through their shared shingles, are
 * handed to `diffArrays` from the `diff` package (Myers), never the whole paragraphs, so an
 * unrelated 400-character remainder costs nothing (a whole-paragraph diff of unrelated texts
 * costs ~80 ms, a diff of two near-copies ~1 ms). The diff's equal runs, split wherever an edit
 * is longer than `maxGap` units, are the shared passages; a passage counts when it has at least
 * `minPassage` equal units and at least `minIdentity` of its length is equal.
 */
import { diffArrays } from "diff";

/** A shared passage, in unit indices: [a0, a1) of the first paragraph, [b0, b1) of the second. */
export interface Passage {
  a0: number;
  a1: number;
  b0: number;
  b1: number;
  /** Units the diff found equal inside the passage. */
  equal: number;
  /** Equal units that are not inside a formula of the second paragraph (see formula.ts). */
  informative: number;
  /** Equal units that are not even common terms of the second paragraph (see formula.ts). */
  rare: number;
}

export interface AlignOptions {
  /** Shingle length in units. */
  k: number;
  /** Fewest equal units for a passage. */
  minPassage: number;
  /** Longest edit (units, either side) inside one passage. */
  maxGap: number;
  /** Smallest share of equal units in a passage (equal / longer side). */
  minIdentity: number;
}

/** One side of the pair: unit ids, shingle groups, and the formula mark of each unit. */
export interface Side {
  ids: Int32Array;
  groups: Uint32Array;
  formula: Uint8Array;
  common: Uint8Array;
}

/** Stretches of covered units, merged across gaps of at most `gap`: [start, end) pairs. */
function stretches(cover: Uint8Array, gap: number): number[] {
  const out: number[] = [];
  let s = -1;
  let last = -1;
  for (let i = 0; i < cover.length; i++) {
    if (!cover[i]) continue;
    if (s >= 0 && i - last - 1 <= gap) last = i;
    else {
      if (s >= 0) out.push(s, last + 1);
      s = i;
      last = i;
    }
  }
  if (s >= 0) out.push(s, last + 1);
  return out;
}

function whichStretch(st: number[], i: number): number {
  for (let r = 0; r < st.length; r += 2) if (i >= st[r]! && i < st[r + 1]!) return r / 2;
  return -1;
}

/**
 * The passages two paragraphs share. `positionsA` maps each shingle group of A to its positions
 * (built once per paragraph by the caller and reused across its candidates).
 */
export function alignPair(a: Side, b: Side, positionsA: Map<number, number[]>, opt: AlignOptions): Passage[] {
  const coverA = new Uint8Array(a.ids.length);
  const coverB = new Uint8Array(b.ids.length);
  const matches: number[] = [];
  for (let j = 0; j < b.groups.length; j++) {
    const at = positionsA.get(b.groups[j]!);
    if (!at) continue;
    for (const i of at) {
      matches.push(i, j);
      coverA.fill(1, i, i + opt.k);
      coverB.fill(1, j, j + opt.k);
    }
  }
  if (!matches.length) return [];
  const stA = stretches(coverA, opt.k);
  const stB = stretches(coverB, opt.k);
  // Pair the stretches that share shingles; each pair is diffed once.
  const pairs = new Set<number>();
  for (let m = 0; m < matches.length; m += 2) {
    const ra = whichStretch(stA, matches[m]!);
    const rb = whichStretch(stB, matches[m + 1]!);
    pairs.add(ra * 65536 + rb);
  }
  const out: Passage[] = [];
  for (const key of [...pairs].sort((x, y) => x - y)) {
    const ra = Math.floor(key / 65536);
    const rb = key % 65536;
    const a0 = stA[2 * ra]!;
    const a1 = stA[2 * ra + 1]!;
    const b0 = stB[2 * rb]!;
    const b1 = stB[2 * rb + 1]!;
    if (Math.min(a1 - a0, b1 - b0) < opt.minPassage) continue;
    out.push(...passagesOf(a, b, a0, a1, b0, b1, opt));
  }
  return dedupe(out);
}

/** Diff two stretches and cut the result into passages at long edits. */
function passagesOf(
  a: Side,
  b: Side,
  a0: number,
  a1: number,
  b0: number,
  b1: number,
  opt: AlignOptions,
): Passage[] {
  const ops = diffArrays(Array.from(a.ids.subarray(a0, a1)), Array.from(b.ids.subarray(b0, b1)));
  const out: Passage[] = [];
  let i = a0;
  let j = b0;
  let cur: Passage | null = null;
  let gapA = 0;
  let gapB = 0;
  const close = () => {
    if (cur && cur.equal >= opt.minPassage) {
      const longer = Math.max(cur.a1 - cur.a0, cur.b1 - cur.b0);
      if (cur.equal / longer >= opt.minIdentity) out.push(cur);
    }
    cur = null;
  };
  for (const op of ops) {
    const n = op.count ?? op.value.length;
    if (op.added) {
      j += n;
      gapB += n;
    } else if (op.removed) {
      i += n;
      gapA += n;
    } else {
      if (cur && (gapA > opt.maxGap || gapB > opt.maxGap)) close();
      if (!cur) cur = { a0: i, a1: i, b0: j, b1: j, equal: 0, informative: 0, rare: 0 };
      let info = 0;
      let rare = 0;
      for (let t = 0; t < n; t++) {
        if (!b.formula[j + t]) info++;
        if (!b.common[j + t]) rare++;
      }
      cur.rare += rare;
      cur.a1 = i + n;
      cur.b1 = j + n;
      cur.equal += n;
      cur.informative += info;
      i += n;
      j += n;
      gapA = 0;
      gapB = 0;
    }
  }
  close();
  return out;
}

/** Stretch pairs can overlap when a passage recurs; keep each (a0, b0) passage once. */
function dedupe(list: Passage[]): Passage[] {
  const seen = new Set<string>();
  const out: Passage[] = [];
  for (const p of list) {
    const key = `${p.a0}:${p.a1}:${p.b0}:${p.b1}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(p);
  }
  return out.sort((x, y) => x.b0 - y.b0 || x.a0 - y.a0);
}
