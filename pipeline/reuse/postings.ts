/**
 * Postings kept between builds: for every distinct hashed n-gram (a shingle, a formula window)
 * the paragraphs that carry it, so that a build after one document changed can ask "who else
 * carries this shingle?" and "how many paragraphs carry this window now?" without hashing the
 * whole corpus again (incremental.ts).
 *
 * Decision: three flat typed arrays, as the shingle index of a cold build already holds them
 * (shingles.ts): the distinct hashes in ascending order, where each one's postings start, and the
 * postings themselves (one entry per occurrence, paragraphs ascending), plus each hash's document
 * frequency. An update is one merge pass: the old postings with the changed documents' entries
 * dropped and the others renumbered, merged with the new documents' entries; it costs a copy of
 * the arrays (tens of milliseconds at 200k paragraphs), not a sort, and says which hashes' counts
 * changed.
 */

/** Distinct hashes, ascending; hash g's postings are `post[start[g]] .. post[start[g + 1]]`. */
export interface Postings {
  hash: Uint32Array;
  start: Uint32Array;
  /** The paragraph of each occurrence, ascending within a hash (repeated for repeats). */
  post: Uint32Array;
  /** Distinct paragraphs of each hash. */
  df: Uint32Array;
}

/** A hash whose document frequency an update changed. */
export interface DfChange {
  hash: number;
  before: number;
  after: number;
}

/** The empty index. */
export function emptyPostings(): Postings {
  return {
    hash: new Uint32Array(0),
    start: new Uint32Array(1),
    post: new Uint32Array(0),
    df: new Uint32Array(0),
  };
}

/** Position of `h` in `ix.hash`, or -1. */
export function findHash(ix: Postings, h: number): number {
  return sortedIndexOf(ix.hash, h);
}

/** Position of `h` in ascending `hashes`, or -1 (a base's block is searched the same way). */
export function sortedIndexOf(hashes: ArrayLike<number>, h: number): number {
  let lo = 0;
  let hi = hashes.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = hashes[mid]!;
    if (v < h) lo = mid + 1;
    else if (v > h) hi = mid - 1;
    else return mid;
  }
  return -1;
}

/** Document frequency of `h` (0 when no paragraph carries it). */
export function dfOf(ix: Postings, h: number): number {
  const g = findHash(ix, h);
  return g < 0 ? 0 : ix.df[g]!;
}

/** Distinct paragraphs carrying `h`, ascending. */
export function carriers(ix: Postings, h: number): number[] {
  const g = findHash(ix, h);
  if (g < 0) return [];
  const out: number[] = [];
  for (let y = ix.start[g]!; y < ix.start[g + 1]!; y++) {
    const p = ix.post[y]!;
    if (out[out.length - 1] !== p) out.push(p);
  }
  return out;
}

/**
 * Group occurrences given as parallel arrays (hash, paragraph), in any order, into an index.
 * Used for the occurrences a build adds (the changed documents'), and for tests.
 */
export function postingsOf(hashes: Uint32Array, paras: Uint32Array): Postings {
  const order = Array.from(hashes.keys()).sort(
    (x, y) => hashes[x]! - hashes[y]! || paras[x]! - paras[y]! || x - y,
  );
  const hash: number[] = [];
  const start: number[] = [];
  const df: number[] = [];
  const post = new Uint32Array(order.length);
  let prev = -1;
  let prevPara = -1;
  order.forEach((x, y) => {
    const h = hashes[x]!;
    if (h !== prev) {
      hash.push(h);
      start.push(y);
      df.push(0);
      prev = h;
      prevPara = -1;
    }
    const p = paras[x]!;
    post[y] = p;
    if (p !== prevPara) {
      df[df.length - 1]!++;
      prevPara = p;
    }
  });
  start.push(order.length);
  return { hash: Uint32Array.from(hash), start: Uint32Array.from(start), post, df: Uint32Array.from(df) };
}

/**
 * Merge: `old` with every posting renumbered by `remap` (old paragraph -> new paragraph, or -1 to
 * drop it; increasing on the paragraphs it keeps), plus the postings of `added` (already in new
 * numbering). Returns the new index and every hash whose document frequency changed (carriers
 * renumbered or swapped one for another do not count: only how many carry it).
 */
export function mergePostings(
  old: Postings,
  remap: Int32Array,
  added: Postings,
): { postings: Postings; changed: DfChange[] } {
  let total = added.post.length;
  for (let y = 0; y < old.post.length; y++) if (remap[old.post[y]!]! >= 0) total++;
  const post = new Uint32Array(total);
  const cap = old.hash.length + added.hash.length;
  const hash = new Uint32Array(cap);
  const start = new Uint32Array(cap + 1);
  const df = new Uint32Array(cap);
  let groups = 0;
  const changed: DfChange[] = [];
  let i = 0;
  let j = 0;
  let at = 0;
  const G = old.hash.length;
  const A = added.hash.length;
  const oldPost = old.post;
  while (i < G || j < A) {
    const hi = i < G ? old.hash[i]! : 0x100000000;
    const ha = j < A ? added.hash[j]! : 0x100000000;
    const from = at;
    let count = 0;
    let before = 0;
    if (hi < ha) {
      // The common case: a hash the change did not add to; its postings renumbered, some dropped.
      before = old.df[i]!;
      let dropped = false;
      for (let y = old.start[i]!, end = old.start[i + 1]!; y < end; y++) {
        const p = remap[oldPost[y]!]!;
        if (p < 0) dropped = true;
        else post[at++] = p;
      }
      if (!dropped) count = before;
      else {
        // Recount distinct paragraphs (only where something was dropped).
        count = 0;
        let last = -1;
        for (let y = from; y < at; y++)
          if (post[y] !== last) {
            count++;
            last = post[y]!;
          }
      }
      i++;
    } else {
      // A hash the change added to: old postings (renumbered) and new ones, merged in order.
      const h = ha;
      let y = 0;
      let yEnd = 0;
      if (hi === h) {
        before = old.df[i]!;
        y = old.start[i]!;
        yEnd = old.start[i + 1]!;
      }
      let z = added.start[j]!;
      const zEnd = added.start[j + 1]!;
      let prev = -1;
      for (;;) {
        while (y < yEnd && remap[oldPost[y]!]! < 0) y++;
        const a = y < yEnd ? remap[oldPost[y]!]! : -1;
        const b = z < zEnd ? added.post[z]! : -1;
        if (a < 0 && b < 0) break;
        let p: number;
        if (b < 0 || (a >= 0 && a <= b)) {
          p = a;
          y++;
        } else {
          p = b;
          z++;
        }
        post[at++] = p;
        if (p !== prev) {
          count++;
          prev = p;
        }
      }
      if (hi === h) i++;
      j++;
    }
    const h = Math.min(hi, ha);
    if (at > from) {
      hash[groups] = h;
      start[groups] = from;
      df[groups] = count;
      groups++;
    }
    if (count !== before) changed.push({ hash: h, before, after: count });
  }
  start[groups] = at;
  return {
    postings: {
      hash: hash.slice(0, groups),
      start: start.slice(0, groups + 1),
      post,
      df: df.slice(0, groups),
    },
    changed,
  };
}
