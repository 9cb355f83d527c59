/**
 * SHA-256 in hex, for content keys and the manifest. Apart from host.ts (which re-exports it) so
 * that code which must not touch the disk can hash without importing the host.
 *
 * Decision: a string is handed to the hash as a string (the hash encodes it to UTF-8 itself:
 * three times as fast as encoding it first), and a long one in slices (`hashString`).
 */
import { createHash, type Hash } from "node:crypto";

/** Hex SHA-256 of some bytes (or of several parts, in order); a string as its UTF-8. */
export function sha256(...parts: Array<Uint8Array | string>): string {
  return sha256Of(parts);
}

/** Hex SHA-256 of a sequence of parts, in order (for sequences too long to spread). */
export function sha256Of(parts: Iterable<Uint8Array | string>): string {
  const h = createHash("sha256");
  for (const p of parts) {
    if (typeof p === "string") hashString(h, p);
    else h.update(p);
  }
  return h.digest("hex");
}

/** Characters of a string handed to a hash at a time (`hashString`). */
const SLICE = 1 << 16;

/**
 * `h.update(s)`, the same bytes (the UTF-8 of `s`), in slices of some 64k characters, never
 * splitting a surrogate pair (whose halves alone would be encoded as U+FFFD). Decision: a string
 * of megabytes handed whole has the hash encode it into a buffer of its size, fresh each time,
 * whose pages the kernel hands out anew: 50-70 ms of CPU for the 10.5 MB of the diagnostics' JSON
 * at 200k paragraphs, against 11-17 ms in slices (9 runs each, alternating, load 7 on 2 cores).
 */
export function hashString(h: Hash, s: string): Hash {
  if (s.length <= SLICE) return h.update(s);
  for (let at = 0; at < s.length; ) {
    let end = Math.min(s.length, at + SLICE);
    const last = s.charCodeAt(end - 1);
    if (last >= 0xd800 && last <= 0xdbff && end < s.length) end++;
    h.update(s.slice(at, end));
    at = end;
  }
  return h;
}
