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

/**
 * A base of postings as the live postings ask it: by hash, by base paragraph, or whole.
 *
 * Decision: a base kept from an earlier build is read by range (memo-file.ts `baseOfFile`), so a
 * build after one change reads of its 90 MB what it looks up: the lists of the hashes its
 * changed paragraphs carry, and the hashes the removed paragraphs carried (the forward list, one
 * range per paragraph). Only a compaction asks for the whole base. A base made in this build is
 * in memory (`memoryBase`).
 */
export interface Base {
  /** The paragraphs of the build that made it (their postings are numbered 0 .. paragraphs - 1). */
  readonly paragraphs: number;
  /** Distinct hashes. */
  readonly hashes: number;
  /** Postings, all told. */
  readonly postings: number;
  /** The list of hash `h` (an opaque number), or -1 when no base paragraph carries it. */
  find(h: number): number;
  /** Distinct paragraphs of list `g`. */
  df(g: number): number;
  /** The paragraph of each occurrence of list `g`, ascending. */
  list(g: number): Uint32Array;
  /** The hashes base paragraph `b` carries, ascending, a hash as often as it occurs there. */
  carried(b: number): Uint32Array;
  /** The whole base. */
  whole(): Postings;
}

/**
 * Thrown by a base read by range whose bytes turn out not to be what its header says (a file
 * cut short or changed since its stamp vouched for it): the stage then runs cold and says so.
 */
export class BaseUnreadable extends Error {
  constructor(what: string) {
    super(`a base of postings could not be read (${what})`);
  }
}

/**
 * Base paragraph -> its hashes (the forward list): `start` has one more entry than paragraphs,
 * `hash` holds each paragraph's hashes ascending, with repeats (one per posting).
 */
export interface Forward {
  start: Uint32Array;
  hash: Uint32Array;
}

/** The forward list of `p`, whose postings are of paragraphs `0 .. paragraphs - 1`. */
export function forwardOf(p: Postings, paragraphs: number): Forward {
  const start = new Uint32Array(paragraphs + 1);
  for (let y = 0; y < p.post.length; y++) start[p.post[y]! + 1]!++;
  for (let b = 0; b < paragraphs; b++) start[b + 1]! += start[b]!;
  const at = start.slice(0, paragraphs);
  const hash = new Uint32Array(p.post.length);
  // Lists in ascending hash order, so each paragraph's hashes come out ascending.
  for (let g = 0; g < p.hash.length; g++)
    for (let y = p.start[g]!, end = p.start[g + 1]!; y < end; y++) hash[at[p.post[y]!]!++] = p.hash[g]!;
  return { start, hash };
}

/**
 * A base held in memory (made by this build, or read whole because its file had to be checked
 * in full); its forward list is made when first asked for, unless given.
 */
export function memoryBase(p: Postings, paragraphs: number, forward: Forward | null = null): Base {
  return new MemoryBase(p, paragraphs, forward);
}

/** A base in memory (`memoryBase`): a class, so two of the same postings compare equal. */
class MemoryBase implements Base {
  constructor(
    private p: Postings,
    readonly paragraphs: number,
    private forward: Forward | null,
  ) {}

  get hashes(): number {
    return this.p.hash.length;
  }

  get postings(): number {
    return this.p.post.length;
  }

  find(h: number): number {
    return findHash(this.p, h);
  }

  df(g: number): number {
    return this.p.df[g]!;
  }

  list(g: number): Uint32Array {
    return this.p.post.subarray(this.p.start[g]!, this.p.start[g + 1]!);
  }

  carried(b: number): Uint32Array {
    this.forward ??= forwardOf(this.p, this.paragraphs);
    return this.forward.hash.subarray(this.forward.start[b]!, this.forward.start[b + 1]!);
  }

  whole(): Postings {
    return this.p;
  }
}

/** The live postings of one kind (shingles, or formula windows). */
export interface LivePostings {
  /** Postings in the numbering of the build that made the base. */
  base: Base;
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
export function liveOf(base: Base, baseId: string, paragraphs: number): LivePostings {
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
  const g = s.base.find(h);
  const d = findHash(s.delta, h);
  return (g < 0 ? 0 : s.base.df(g) - (s.dead.get(h) ?? 0)) + (d < 0 ? 0 : s.delta.df[d]!);
}

/** Call `fn` with the current paragraph of every occurrence of `h` (a paragraph as often as it has it). */
export function forEachOccurrence(s: LivePostings, h: number, fn: (p: number) => void): void {
  const g = s.base.find(h);
  if (g >= 0)
    for (const b of s.base.list(g)) {
      const p = s.toCurrent[b]!;
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
  // The base paragraphs removed now, listed (ascending) as met, not flagged for a second pass
  // over the base's numbering.
  const toCurrent = new Int32Array(s.toCurrent.length);
  const dying: number[] = [];
  for (let b = 0; b < toCurrent.length; b++) {
    const p = s.toCurrent[b]!;
    toCurrent[b] = p < 0 ? -1 : remap[p]!;
    if (p >= 0 && toCurrent[b]! < 0) dying.push(b);
  }
  // Which hashes the base paragraphs removed now carried: their forward lists, read by range
  // (a pass over every posting of the base, 11 million at 200k paragraphs, cost 0.4 s a build).
  // Counted as distinct paragraphs per hash, and entered in ascending hash order, as that pass did.
  const dead = new Map(s.dead);
  const counts = new Map<number, number>();
  let deadPostings = s.deadPostings;
  for (const b of dying) {
    const hs = s.base.carried(b);
    deadPostings += hs.length;
    for (let i = 0; i < hs.length; i++)
      if (i === 0 || hs[i] !== hs[i - 1]) counts.set(hs[i]!, (counts.get(hs[i]!) ?? 0) + 1);
  }
  const deadMoved = new Map<number, number>();
  for (const h of [...counts.keys()].sort((x, y) => x - y)) {
    deadMoved.set(h, counts.get(h)!);
    dead.set(h, (dead.get(h) ?? 0) + counts.get(h)!);
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
    const g = s.base.find(h);
    const base = g < 0 ? 0 : s.base.df(g);
    const dm = deltaBefore.get(h);
    const deltaDf = dm ? dm.after : dfIn(delta.postings, h);
    const before = base - (s.dead.get(h) ?? 0) + (dm ? dm.before : deltaDf);
    const after = base - (dead.get(h) ?? 0) + deltaDf;
    if (before !== after) changed.push({ hash: h, before, after });
  }
  return { live: next, changed };
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
  return s.delta.post.length + s.deadPostings > s.base.postings * share;
}

/** One merge into a base in the current numbering (`paragraphs` of them). */
export function compact(s: LivePostings, paragraphs: number, baseId: string): LivePostings {
  const merged = mergePostings(s.base.whole(), s.toCurrent, s.delta).postings;
  return liveOf(memoryBase(merged, paragraphs), baseId, paragraphs);
}
