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

/** Characters of JSON gathered before they are handed on (`hashJson`, pack.ts). */
export const JSON_BATCH = 1 << 15;

/**
 * `hashString(h, JSON.stringify(value) ?? "undefined")`, the same bytes, without the JSON whole
 * (`jsonParts`), handed to the hash in batches.
 */
export function hashJson(h: Hash, value: unknown): Hash {
  let pending = "";
  for (const s of jsonParts(value)) {
    pending += s;
    if (pending.length >= JSON_BATCH) {
      hashString(h, pending);
      pending = "";
    }
  }
  return pending ? hashString(h, pending) : h;
}

/**
 * `JSON.stringify(value) ?? "undefined"` in parts, in order, never whole: a plain
 * array is serialised element by element, a plain object key by key, and so are the arrays and
 * objects that are its values; each element, and each value below, by JSON.stringify itself.
 * Decision: a JSON string above some 128 kB is a large object of its own to V8, in memory fresh
 * from the system, whose first touch costs (measured on this project's 2-core machine: some 20 us
 * a 4 kB page, 3.5-5 ms a MB); at 200k paragraphs the output's digests (reuse.jsonl's 4.7 million
 * characters of records, lineage.json's 3 million) and the memos' JSON sections (the reuse memo's
 * 2.8 MB, the output memo's 1.8 MB) were such strings on every build. Only arrays and plain
 * objects (no toJSON, of Object's prototype or none) are taken apart, as JSON.stringify would
 * write them: an element that JSON leaves out is "null", a key whose value it leaves out is
 * skipped; anything else is handed to JSON.stringify, which decides as it always does (a cycle
 * still throws, at the depth it is met).
 */
export function* jsonParts(value: unknown): Generator<string, void, undefined> {
  if (!isPlainArray(value) && !isPlainObject(value)) {
    yield JSON.stringify(value) ?? "undefined";
    return;
  }
  if (isPlainArray(value)) {
    yield* elements(value);
    return;
  }
  yield "{";
  let first = true;
  for (const key of Object.keys(value)) {
    const x = value[key];
    // As JSON.stringify: a key whose value gives no JSON (undefined, a function, a toJSON giving
    // undefined) is left out.
    const array = isPlainArray(x);
    const object = !array && isPlainObject(x);
    const json = array || object ? "" : JSON.stringify(x);
    if (json === undefined) continue;
    yield `${first ? "" : ","}${JSON.stringify(key)}:`;
    first = false;
    if (array) yield* elements(x);
    else if (object) yield* entries(x);
    else yield json;
  }
  yield "}";
}

/**
 * An array's JSON in slices of its elements, each by JSON.stringify: some 16k characters a slice,
 * the count of elements a slice adjusted to the sizes met so far. Decision: records, of which a
 * JSON section or an output file holds thousands, and numbers or short lists by the ten thousand
 * (the reuse memo's): by JSON.stringify one at a time, the calls cost more than the memory saved
 * (the reuse memo's JSON 59 -> 83 ms in a profile). A slice's elements are written as the whole
 * array's would be (one JSON.stringify does not write "null" otherwise), but for a toJSON that
 * reads its key: it is given the element's place in the slice (Date's ignores it; no value this
 * project hands over has another).
 */
function* elements(a: readonly unknown[]): Generator<string, void, undefined> {
  yield "[";
  let count = 16;
  for (let i = 0; i < a.length; ) {
    const n = Math.min(count, a.length - i);
    const json = JSON.stringify(i === 0 && n === a.length ? a : a.slice(i, i + n));
    yield `${i > 0 ? "," : ""}${json.slice(1, -1)}`;
    i += n;
    count = Math.max(1, Math.min(count * 4, Math.floor((count * SLICE_CHARS) / json.length)));
  }
  yield "]";
}

/** Characters of JSON an array's slice aims at (`elements`). */
const SLICE_CHARS = 1 << 14;

/** A plain object's JSON key by key, each value by JSON.stringify (left out as it leaves it out). */
function* entries(o: Record<string, unknown>): Generator<string, void, undefined> {
  yield "{";
  let first = true;
  for (const key of Object.keys(o)) {
    const json = JSON.stringify(o[key]);
    if (json === undefined) continue;
    yield `${first ? "" : ","}${JSON.stringify(key)}:${json}`;
    first = false;
  }
  yield "}";
}

/** An array JSON.stringify writes as its elements (no toJSON of its own or its prototype's). */
const isPlainArray = (a: unknown): a is unknown[] =>
  Array.isArray(a) &&
  Object.getPrototypeOf(a) === Array.prototype &&
  typeof (a as { toJSON?: unknown }).toJSON !== "function";

/** An object JSON.stringify writes as its own keys and values. */
function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return (
    (proto === Object.prototype || proto === null) && typeof (v as { toJSON?: unknown }).toJSON !== "function"
  );
}
