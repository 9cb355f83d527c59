/**
 * Postings as a build sees them (incremental.ts): a base kept from an earlier build, less the
 * paragraphs removed since, plus a delta holding the postings of the paragraphs added since.
 *
 * Decision: the base (millions of postings at 200k paragraphs) is written once, when a cold build
 * or a compaction makes it, and then only read; what a build after a change writes is the delta
 * and the bookkeeping: which base paragraph is which paragraph now, and how many removed
 * paragraphs each hash had. Renumbering and rewriting the whole base at every build cost more
 * than everything else the incremental reuse stage does. When the delta and the removed
 * paragraphs grow past a tenth of the base, the build compacts: one merge into a new base.
 */
import { type DfChange, emptyPostings, findHash, mergePostings, type Postings } from "./postings.ts";

/** The live postings of one kind (shingles, or formula windows). */
export interface LivePostings {
  /** Postings in the numbering of the build that made the base. */
  base: Postings;
  /** An id of the base (its content's hash), so a memo can name the base it stands on. */
  baseId: string;
  /** Base paragraph -> paragraph of the current build (-1: removed since). */
  toCurrent: Int32Array;
  /** Removed base paragraphs carrying each hash (distinct paragraphs). */
  dead: Map<number, number>;
  /** Postings of removed base paragraphs, all told. */
  deadPostings: number;
  /** Postings of the paragraphs added since the base, in the current numbering. */
  delta: Postings;
}

/** Live postings whose base is `base`, in its own numbering, nothing removed or added yet. */
export function liveOf(base: Postings, baseId: string, paragraphs: number): LivePostings {
  return {
    base,
    baseId,
    toCurrent: Int32Array.from({ length: paragraphs }, (_, i) => i),
    dead: new Map(),
    deadPostings: 0,
    delta: emptyPostings(),
  };
}

/** Document frequency of `h`. */
export function liveDf(s: LivePostings, h: number): number {
  const g = findHash(s.base, h);
  const d = findHash(s.delta, h);
  return (g < 0 ? 0 : s.base.df[g]! - (s.dead.get(h) ?? 0)) + (d < 0 ? 0 : s.delta.df[d]!);
}

/** Call `fn` with the current paragraph of every occurrence of `h` (a paragraph as often as it has it). */
export function forEachOccurrence(s: LivePostings, h: number, fn: (p: number) => void): void {
  const g = findHash(s.base, h);
  if (g >= 0)
    for (let y = s.base.start[g]!; y < s.base.start[g + 1]!; y++) {
      const p = s.toCurrent[s.base.post[y]!]!;
      if (p >= 0) fn(p);
    }
  const d = findHash(s.delta, h);
  if (d >= 0) for (let y = s.delta.start[d]!; y < s.delta.start[d + 1]!; y++) fn(s.delta.post[y]!);
}

/** The distinct paragraphs carrying `h`, ascending. */
export function liveCarriers(s: LivePostings, h: number): number[] {
  const out = new Set<number>();
  forEachOccurrence(s, h, (p) => out.add(p));
  return [...out].sort((a, b) => a - b);
}

/**
 * The next build's postings: `remap` takes the current numbering to the next (-1: removed),
 * `added` holds the postings of the paragraphs added (next numbering). Returns every hash whose
 * document frequency changed.
 */
export function updateLive(
  s: LivePostings,
  remap: Int32Array,
  added: Postings,
): { live: LivePostings; changed: DfChange[] } {
  const toCurrent = new Int32Array(s.toCurrent.length);
  let newlyDead = 0;
  const dying = new Uint8Array(s.toCurrent.length);
  for (let b = 0; b < toCurrent.length; b++) {
    const p = s.toCurrent[b]!;
    toCurrent[b] = p < 0 ? -1 : remap[p]!;
    if (p >= 0 && toCurrent[b]! < 0) {
      dying[b] = 1;
      newlyDead++;
    }
  }
  // Which hashes the base paragraphs removed now carried: one reading pass over the base.
  const dead = new Map(s.dead);
  const deadMoved = new Map<number, number>();
  let deadPostings = s.deadPostings;
  if (newlyDead) {
    // One pass over the postings alone, the hash of a hit found by bisecting the list starts:
    // most hashes have one posting, so a loop over hashes then postings (4 million of each at
    // 200k paragraphs) cost several times this loop over 11 million numbers. Hits come in the
    // order of their hashes, a hash's postings together, so the counts are the same.
    const { hash, start, post } = s.base;
    let g = -1;
    let end = 0;
    let prev = -1;
    let n = 0;
    const flush = () => {
      if (!n) return;
      deadMoved.set(hash[g]!, n);
      dead.set(hash[g]!, (dead.get(hash[g]!) ?? 0) + n);
    };
    for (let y = 0; y < post.length; y++) {
      const b = post[y]!;
      if (!dying[b]) continue;
      deadPostings++;
      if (y >= end) {
        flush();
        g = listOf(start, y);
        end = start[g + 1]!;
        prev = -1;
        n = 0;
      }
      if (b !== prev) n++;
      prev = b;
    }
    flush();
  }
  const delta = mergePostings(s.delta, remap, added);
  const deltaBefore = new Map(delta.changed.map((c) => [c.hash, c]));
  const next: LivePostings = {
    base: s.base,
    baseId: s.baseId,
    toCurrent,
    dead,
    deadPostings,
    delta: delta.postings,
  };
  const changed: DfChange[] = [];
  for (const h of new Set([...deadMoved.keys(), ...deltaBefore.keys()])) {
    const g = findHash(s.base, h);
    const base = g < 0 ? 0 : s.base.df[g]!;
    const dm = deltaBefore.get(h);
    const deltaDf = dm ? dm.after : dfIn(delta.postings, h);
    const before = base - (s.dead.get(h) ?? 0) + (dm ? dm.before : deltaDf);
    const after = base - (dead.get(h) ?? 0) + deltaDf;
    if (before !== after) changed.push({ hash: h, before, after });
  }
  return { live: next, changed };
}

/** The list `g` whose postings `start[g] .. start[g + 1] - 1` hold posting `y`. */
function listOf(start: Uint32Array, y: number): number {
  let lo = 0;
  let hi = start.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (start[mid]! <= y) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function dfIn(p: Postings, h: number): number {
  const g = findHash(p, h);
  return g < 0 ? 0 : p.df[g]!;
}

/**
 * Whether the delta and the removed paragraphs have grown enough to merge into a new base: past
 * `share` of the base's postings (a tenth by default).
 */
export function wantsCompaction(s: LivePostings, share = 0.1): boolean {
  return s.delta.post.length + s.deadPostings > s.base.post.length * share;
}

/** One merge into a base in the current numbering (`paragraphs` of them). */
export function compact(s: LivePostings, paragraphs: number, baseId: string): LivePostings {
  const merged = mergePostings(s.base, s.toCurrent, s.delta).postings;
  return liveOf(merged, baseId, paragraphs);
}
