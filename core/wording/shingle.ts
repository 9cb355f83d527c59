/**
 * The hash of a run of units (a shingle, or a formula window): the reuse stage's shingle index,
 * its formula count and search's formula list all hash runs with this one function, so a window
 * hashed in the browser is the window the build counted.
 */

/**
 * Hash of the k units starting at `s` (FNV-style mixing; collisions only cost a little time).
 * Any array of unit ids: the reuse stage's formula table keeps a formula's units as plain numbers.
 */
export function shingleHash(ids: ArrayLike<number>, s: number, k: number): number {
  let h = 0x811c9dc5 ^ k;
  for (let t = 0; t < k; t++) {
    h = Math.imul(h ^ ids[s + t]!, 0x01000193);
    h ^= h >>> 15;
  }
  return h >>> 0;
}

/** The hashes of every k-unit run of `ids`, by start unit. */
export function shingleHashes(ids: Int32Array, k: number): Uint32Array {
  const out = new Uint32Array(Math.max(0, ids.length - k + 1));
  for (let s = 0; s < out.length; s++) out[s] = shingleHash(ids, s, k);
  return out;
}
