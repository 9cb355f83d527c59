/**
 * Alignment of one candidate pair: where exactly two paragraphs share wording.
 *
 * Decision: seed, then diff. The shingles the two paragraphs share mark the stretches of each
 * that can match (coverage); only those stretches, paired through their shared shingles, are
 * handed to the `diff` package's Myers diff (run as myers.ts: the same steps on typed arrays),
 * never the whole paragraphs, so an unrelated 400-character remainder costs nothing (a
 * whole-paragraph diff of unrelated texts costs ~80 ms, a diff of two near-copies ~1 ms). The
 * diff's equal runs, split wherever an edit is longer than `maxGap` units, are the shared
 * passages; a passage counts when it has at least `minPassage` equal units and at least
 * `minIdentity` of its length is equal.
 *
 * Tie rule: the diff pairs as many units as can be paired, but where several alignments pair as
 * many, which one Myers returns is an accident of its search (a word the first text uses twice,
 * "… and inclusive manner, and Member States agreed …", is paired at its first place, apart from
 * the words after it). `joinRuns` then moves an equal run over a one-sided edit to join its
 * neighbour wherever the same units stand there, the longer result first: runs kept together, as
 * a reader would pair them, and as the passage rules (a passage starts and ends on a run of three
 * units) need them.
 */
import { diffUnits } from "./myers.ts";

/** `Side.ref` under the words of an in-text citation: never joined wording, and no weight towards a link. */
export const REF_CITATION = 1;
/** `Side.ref` under a registered title or name: the same (a name also over a citation's mark). */
export const REF_NAME = 2;

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
  /** `equal` and `informative` weighed by the units' lengths in the text (see Side.weight). */
  equalWeight: number;
  informativeWeight: number;
  /**
   * Weight of the equal units that are informative or lie under a formula window's worth of
   * shared wording that is itself rare: formulas joined the same way in both texts (see
   * formula.ts, "joined formulas").
   */
  joinedWeight: number;
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
  /** Fewest shared shingles between two stretches for them to be diffed. */
  minMatches: number;
  /**
   * Fewest units' weight of B, outside formulas, that the shared shingles must cover for the
   * pair to be diffed at all (0: no bound). Equal wording the diff finds outside shared shingles
   * lies in runs shorter than k between edits, so a pair whose shingles cover little wording
   * outside formulas all but never holds a passage that counts: such pairs (two texts that share
   * only boilerplate) end here, undiffed.
   */
  minCovered?: number;
  /**
   * Or: fewest units' weight of B that the shared shingles cover and that could be joined
   * wording (see Passage.joinedWeight; 0: joined wording makes no link).
   */
  minCoveredJoined?: number;
}

/** One side of the pair: unit ids, shingle groups, and the formula mark of each unit. */
export interface Side {
  ids: Int32Array;
  groups: Uint32Array;
  /** 1 for a unit under a frequent window (see formula.ts). */
  formula: Uint8Array;
  /** 1 at unit s when the formula window starting there is frequent. */
  frequent: Uint8Array;
  /** The formula window, in units. */
  window: number;
  /**
   * A unit of a reference (see references.ts), or null: `REF_CITATION` under the words of an
   * in-text citation, `REF_NAME` under a registered title or name.
   */
  ref?: Uint8Array | null;
  /**
   * What each unit counts for in the length thresholds: for Chinese its length in characters
   * (a Han character 1, "2021" 4), so thresholds read as characters whatever the mix; for
   * English 1 (thresholds in words).
   */
  weight: Uint8Array;
}

/**
 * True when some rare formula window through unit j is made of shingles both texts share:
 * only then can j be joined wording (a window in an equal run of the diff is such a window).
 */
function mayJoin(b: Side, j: number, shared: Uint8Array, k: number): boolean {
  const last = Math.min(j, b.ids.length - b.window);
  next: for (let s = Math.max(0, j - b.window + 1); s <= last; s++) {
    if (b.frequent[s]) continue;
    for (let x = s; x <= s + b.window - k; x++) if (!shared[x]) continue next;
    return true;
  }
  return false;
}

/**
 * Stretches of covered units among the first `length`, merged across gaps of at most `gap`:
 * [start, end) pairs. `stretchOf`, when given, is set to each covered unit's stretch.
 */
function stretches(cover: Uint8Array, length: number, gap: number, stretchOf?: Int32Array): number[] {
  const out: number[] = [];
  let s = -1;
  let last = -1;
  for (let i = 0; i < length; i++) {
    if (!cover[i]) continue;
    if (s >= 0 && i - last - 1 <= gap) last = i;
    else {
      if (s >= 0) out.push(s, last + 1);
      s = i;
      last = i;
    }
    if (stretchOf) stretchOf[i] = out.length / 2;
  }
  if (s >= 0) out.push(s, last + 1);
  return out;
}

/**
 * Scratch arrays for alignPair, grown to the longest paragraph seen: the reuse stage aligns
 * millions of candidate pairs, and fresh arrays for each were a good share of its garbage.
 */
let scratchCoverA = new Uint8Array(1024);
let scratchCoverB = new Uint8Array(1024);
let scratchShared = new Uint8Array(1024);
let scratchStretchA = new Int32Array(1024);
let scratchStretchB = new Int32Array(1024);
let scratchAt = new Int32Array(1024);

function reserve(na: number, nb: number): void {
  const need = Math.max(na, nb);
  if (scratchCoverA.length >= need) return;
  const size = Math.max(need, scratchCoverA.length * 2);
  scratchCoverA = new Uint8Array(size);
  scratchCoverB = new Uint8Array(size);
  scratchShared = new Uint8Array(size);
  scratchStretchA = new Int32Array(size);
  scratchStretchB = new Int32Array(size);
  scratchAt = new Int32Array(size);
}

/** Mark in `cover` (its first `n` units) the units under the shingles starting at `at[0 .. count)`. */
function cover(mark: Uint8Array, n: number, at: Int32Array, count: number, k: number): void {
  mark.fill(0, 0, n);
  for (let x = 0; x < count; x++) mark.fill(1, at[x]!, Math.min(at[x]! + k, n));
}

/**
 * Where each shingle group of A stands in A (start units, ascending): a Map does, and so does
 * the reuse stage's table over its whole shingle index (a typed-array lookup instead of hashing,
 * for the millions of candidate pairs of a large corpus).
 */
export interface Positions {
  has(group: number): boolean;
  get(group: number): readonly number[] | undefined;
}

/**
 * B's shingles that A shares, as a caller that counted them found them: `at[0 .. n)` are their
 * start units in B, ascending (every j with `positionsA.has(b.groups[j])`, none left out).
 */
export interface SharedShingles {
  at: Int32Array;
  n: number;
}

/**
 * The passages two paragraphs share. `positionsA` maps each shingle group of A to its positions
 * (built once per paragraph by the caller and reused across its candidates); `shared`, when the
 * caller has it, spares looking up each shingle of B in it again.
 */
export function alignPair(
  a: Side,
  b: Side,
  positionsA: Positions,
  opt: AlignOptions,
  shared?: SharedShingles,
): Passage[] {
  const na = a.ids.length;
  const nb = b.ids.length;
  const k = opt.k;
  reserve(na, nb);
  const coverA = scratchCoverA;
  const coverB = scratchCoverB;
  let at: Int32Array;
  let count: number;
  if (shared) ({ at, n: count } = shared);
  else {
    at = scratchAt;
    count = 0;
    for (let j = 0; j < b.groups.length; j++) if (positionsA.has(b.groups[j]!)) at[count++] = j;
  }
  if (!count) return [];
  // First what B's shared shingles cover, which alone decides whether the pair is diffed at all
  // (most candidate pairs end there); A's side only for the pairs that go on. The weight outside
  // formulas is summed over the covered units, each once (the starts ascend), not over all of B,
  // and nothing is marked for a pair that ends here.
  const formula = b.formula;
  const weight = b.weight;
  let covered = 0;
  for (let x = 0, end = 0; x < count; x++) {
    const j = at[x]!;
    const stop = Math.min(j + k, nb);
    for (let u = Math.max(j, end); u < stop; u++) if (!formula[u]) covered += weight[u]!;
    if (stop > end) end = stop;
  }
  if (opt.minCovered && covered < opt.minCovered) {
    if (!opt.minCoveredJoined) return [];
    cover(coverB, nb, at, count, k);
    // Shingles of B that A shares, by start: joined wording lies under windows made of them.
    const sharedB = scratchShared.fill(0, 0, nb);
    for (let x = 0; x < count; x++) sharedB[at[x]!] = 1;
    let joinable = 0;
    for (let j = 0; j < nb; j++)
      if (coverB[j] && formula[j] && mayJoin(b, j, sharedB, k)) joinable += weight[j]!;
    if (covered + joinable < opt.minCoveredJoined) return [];
  } else cover(coverB, nb, at, count, k);
  coverA.fill(0, 0, na);
  const matches: number[] = [];
  for (let x = 0; x < count; x++) {
    const j = at[x]!;
    for (const i of positionsA.get(b.groups[j]!)!) {
      matches.push(i, j);
      coverA.fill(1, i, Math.min(i + k, na));
    }
  }
  const stretchA = scratchStretchA;
  const stretchB = scratchStretchB;
  const stA = stretches(coverA, na, opt.k, stretchA);
  const stB = stretches(coverB, nb, opt.k, stretchB);
  // Pair the stretches that share shingles; a pair is diffed once, and only when it shares
  // enough shingles to hold a passage (chance sharing of a common term or two is not diffed).
  const pairs = new Map<number, number>();
  for (let m = 0; m < matches.length; m += 2) {
    const key = stretchA[matches[m]!]! * 65536 + stretchB[matches[m + 1]!]!;
    pairs.set(key, (pairs.get(key) ?? 0) + 1);
  }
  const out: Passage[] = [];
  for (const key of [...pairs.keys()].sort((x, y) => x - y)) {
    if (pairs.get(key)! < opt.minMatches) continue;
    const ra = Math.floor(key / 65536);
    const rb = key % 65536;
    // A margin of k units each side: an edit within k units of a passage's end leaves no whole
    // shingle after it, so the words beyond it are not covered; the diff finds them.
    const a0 = Math.max(0, stA[2 * ra]! - opt.k);
    const a1 = Math.min(na, stA[2 * ra + 1]! + opt.k);
    const b0 = Math.max(0, stB[2 * rb]! - opt.k);
    const b1 = Math.min(nb, stB[2 * rb + 1]! + opt.k);
    if (Math.min(a1 - a0, b1 - b0) < opt.minPassage) continue;
    out.push(...passagesOf(a, b, a0, a1, b0, b1, opt));
  }
  return dedupe(out);
}

/** An equal run: `n` units from unit `a` of the first text and `b` of the second. */
export interface Run {
  a: number;
  b: number;
  n: number;
}

/** True when units [x, x + n) and [y, y + n) of `ids` are the same. */
function same(ids: Int32Array, x: number, y: number, n: number): boolean {
  for (let t = 0; t < n; t++) if (ids[x + t] !== ids[y + t]) return false;
  return true;
}

/**
 * The tie rule (module header): the equal runs of a diff of `a` and `b`, in order, with every run
 * that can join a neighbour across a one-sided edit joined to it. Two runs with units missing from
 * one text only between them (B's run `r` right before B's run `s`, units of A between) are one
 * run when `r`'s units also stand right before `s` in A (r moved forward), or `s`'s right after
 * `r` (s moved back); the other text the same way. Each join pairs as many units as before, each
 * with an equal unit, in order. Of the joins open, the one making the longest run is made first
 * (ties: the one moving fewer units, then the first), then the rest are looked at again.
 */
export function joinRuns(a: Int32Array, b: Int32Array, runs: readonly Run[]): Run[] {
  const out = runs.map((r) => ({ a: r.a, b: r.b, n: r.n }));
  for (;;) {
    let best = -1;
    let bestLength = 0;
    let bestMoved = 0;
    let forward = false;
    for (let x = 0; x + 1 < out.length; x++) {
      const r = out[x]!;
      const s = out[x + 1]!;
      const gapA = s.a - r.a - r.n;
      const gapB = s.b - r.b - r.n;
      // Only a one-sided edit: with units of both texts between them, the runs stay apart.
      if (gapA > 0 === gapB > 0) continue;
      const [ids, rAt, sAt] = gapA > 0 ? [a, r.a, s.a] : [b, r.b, s.b];
      const length = r.n + s.n;
      if (length < bestLength) continue;
      // r moved forward to stand right before s, or s moved back to stand right after r.
      const fwd = same(ids, sAt - r.n, rAt, r.n);
      const back = same(ids, rAt + r.n, sAt, s.n);
      if (!fwd && !back) continue;
      const moved = fwd && back ? Math.min(r.n, s.n) : fwd ? r.n : s.n;
      if (length === bestLength && moved >= bestMoved) continue;
      best = x;
      bestLength = length;
      bestMoved = moved;
      forward = fwd && (!back || r.n <= s.n);
    }
    if (best < 0) return out;
    const r = out[best]!;
    const s = out[best + 1]!;
    const joined = forward ? { a: s.a - r.n, b: s.b - r.n, n: r.n + s.n } : { a: r.a, b: r.b, n: r.n + s.n };
    out.splice(best, 2, joined);
  }
}

/**
 * A diff's operation over unit ids, as the `diff` package's diffArrays gives it: `count` units
 * added, removed or equal. Not schemas/reuse.ts's DiffOp (a text diff for the site), hence the name.
 */
export interface UnitDiffOp {
  count?: number;
  added?: boolean;
  removed?: boolean;
  value: readonly unknown[];
}

/**
 * A diff of units [a0, …) of `a` and [b0, …) of `b` with the tie rule applied (joinRuns): the
 * same operations where no run can join another, else the operations of the joined runs.
 */
export function joinOps(
  ops: readonly UnitDiffOp[],
  a: Int32Array,
  b: Int32Array,
  a0: number,
  b0: number,
): readonly UnitDiffOp[] {
  const equal: Run[] = [];
  let i = a0;
  let j = b0;
  for (const op of ops) {
    const n = op.count ?? op.value.length;
    if (op.added) j += n;
    else if (op.removed) i += n;
    else {
      equal.push({ a: i, b: j, n });
      i += n;
      j += n;
    }
  }
  if (equal.length < 2) return ops;
  const joined = joinRuns(a, b, equal);
  if (joined.length === equal.length) return ops;
  const out: UnitDiffOp[] = [];
  const none: readonly unknown[] = [];
  let x = a0;
  let y = b0;
  for (const r of [...joined, { a: i, b: j, n: 0 }]) {
    if (r.a > x) out.push({ count: r.a - x, removed: true, value: none });
    if (r.b > y) out.push({ count: r.b - y, added: true, value: none });
    if (r.n) out.push({ count: r.n, value: none });
    x = r.a + r.n;
    y = r.b + r.n;
  }
  return out;
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
  // Stretches that hold a passage differ by its edits and the margins; give up on pairs that
  // differ by much more (Myers' cost grows with the edit distance, and such a pair holds no
  // passage of the identity asked for).
  const longer = Math.max(a1 - a0, b1 - b0);
  const diff = diffUnits(
    a.ids,
    a0,
    a1,
    b.ids,
    b0,
    b1,
    Math.ceil((1 - opt.minIdentity) * longer * 2) + 4 * opt.k,
  );
  if (!diff) return [];
  const ops = joinOps(diff, a.ids, b.ids, a0, b0);
  // The diff's equal runs, with their positions.
  const runs: { i: number; j: number; n: number; info: number; w: number; infoW: number; joinW: number }[] =
    [];
  let i = a0;
  let j = b0;
  for (const op of ops) {
    const n = op.count ?? op.value.length;
    if (op.added) j += n;
    else if (op.removed) i += n;
    else {
      let info = 0;
      let w = 0;
      let infoW = 0;
      let joinW = 0;
      // A reference in either text (references.ts) is never joined wording; nextRef[r] is the
      // first reference unit at or after r in the run (n when none).
      let nextRef: Int32Array | null = null;
      if (a.ref || b.ref) {
        nextRef = new Int32Array(n + 1).fill(n);
        for (let r = n - 1; r >= 0; r--) nextRef[r] = a.ref?.[i + r] || b.ref?.[j + r] ? r : nextRef[r + 1]!;
      }
      // A window inside the equal run is wording both texts share; when it is rare (and holds
      // no reference), the units under it count as joined even if each is also under some
      // frequent window.
      let s = j;
      let rareUntil = -1;
      for (let t = j; t < j + n; t++) {
        for (; s <= t && s <= j + n - b.window; s++)
          if (!b.frequent[s] && (!nextRef || nextRef[s - j]! >= s - j + b.window)) rareUntil = s + b.window;
        const wt = b.weight[t]!;
        w += wt;
        const isRef = nextRef !== null && nextRef[t - j] === t - j;
        if (!b.formula[t]) {
          info++;
          // A reference (in either text: a registered title or name, or the words of a citation
          // the cite stage found) is not agreed language: it weighs nothing towards a link, as
          // formula units do not, so two paragraphs that share only a document's title, or cite
          // two articles of one charter, are not linked. It still counts in `info`, which marks
          // formulas (the `formula` flag keeps its meaning) and the score, and is shown in diffs.
          if (!a.ref?.[i + t - j] && !b.ref?.[t]) infoW += wt;
          if (!isRef) joinW += wt;
        } else if (t < rareUntil) joinW += wt;
      }
      runs.push({ i, j, n, info, w, infoW, joinW });
      i += n;
      j += n;
    }
  }
  // A passage starts and ends on an equal run of at least three units: a stray common
  // character matched just outside a passage (the diff aligns what it can) is not part of it.
  const edge = Math.min(3, opt.k);
  const out: Passage[] = [];
  let first = -1;
  let last = -1;
  const close = () => {
    if (first < 0) return;
    let equal = 0;
    let informative = 0;
    let equalWeight = 0;
    let informativeWeight = 0;
    let joinedWeight = 0;
    for (let r = first; r <= last; r++) {
      equal += runs[r]!.n;
      informative += runs[r]!.info;
      equalWeight += runs[r]!.w;
      informativeWeight += runs[r]!.infoW;
      joinedWeight += runs[r]!.joinW;
    }
    const x = runs[first]!;
    const y = runs[last]!;
    const cur: Passage = {
      a0: x.i,
      a1: y.i + y.n,
      b0: x.j,
      b1: y.j + y.n,
      equal,
      informative,
      equalWeight,
      informativeWeight,
      joinedWeight,
    };
    const identity = equal / Math.max(cur.a1 - cur.a0, cur.b1 - cur.b0);
    if (equalWeight >= opt.minPassage && identity >= opt.minIdentity) {
      out.push(cur);
    }
    first = -1;
  };
  for (let r = 0; r < runs.length; r++) {
    const run = runs[r]!;
    if (first >= 0) {
      const prev = runs[r - 1]!;
      const gapA = run.i - (prev.i + prev.n);
      const gapB = run.j - (prev.j + prev.n);
      if (gapA > opt.maxGap || gapB > opt.maxGap) close();
    }
    if (first < 0) {
      if (run.n < edge) continue;
      first = r;
    }
    if (run.n >= edge) last = r;
  }
  close();
  return out;
}

/** Stretch pairs can overlap when a passage recurs; keep each (a0, b0) passage once. */
function dedupe(list: Passage[]): Passage[] {
  if (list.length < 2) return list;
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
