/**
 * The search index's on-disk format, version 1: both the writer (pipeline/index) and the reader
 * (the browser and `acquis search`) use this module, so they cannot drift apart.
 *
 * Layout under dist/data/search/ (every file but index.json is named by its content hash and can
 * be cached forever; index.json is the small entry point, fetched fresh):
 *
 *   index.json                   Manifest: version, bucket counts, the hash of every file
 *   docs.<hash>.json.gz          the documents (symbol, language, type, body, date, status) and
 *                                the range of paragraph numbers each holds
 *   p/<bucket>.<hash>.bin.gz     postings of the terms hashed to that bucket
 *   u/<bucket>.<hash>.bin.gz     postings of single Chinese characters (one-character queries)
 *   t-<hash>/<chunk>.json.gz     paragraph texts and addresses, `chunkSize` paragraphs a file
 *   formulas.<hash>.bin.gz       the formula windows (core/wording/formula.ts): sorted uint32
 *                                hashes, little-endian, so a pasted text is discounted as the
 *                                reuse stage discounts a paragraph
 *
 * Decision: terms are spread over buckets by a hash (FNV-1a), so a query fetches only the buckets
 * of its own terms; paragraph numbers are given in ranking order (consensus first, then newest,
 * then document order), so results come out ranked by reading postings in order and a first page
 * needs only the first few text chunks. A postings list is stored as varint deltas or, when
 * denser, as a bitmap, whichever is smaller; every file is gzip-compressed at build time
 * (DecompressionStream reads it in the browser and in Node alike).
 */

/**
 * Format version: a reader refuses an index of another version. 2: the manifest names the
 * formula windows (`formulas`), which ranking by shared wording reads.
 */
export const FORMAT_VERSION = 2;

/** The entry point of the index, `search/index.json`. */
export interface Manifest {
  schemaVersion: number;
  format: number;
  /** Number of paragraphs indexed. */
  paragraphs: number;
  /** Paragraphs per text chunk. */
  chunkSize: number;
  /** Term buckets: `p/<b>.<hash>.bin.gz` for b in 0..buckets-1. */
  buckets: number;
  /** Content hash of each term bucket (10 hex digits), "" when the bucket is empty. */
  bucketHashes: string[];
  /** Single-character buckets: `u/<b>.<hash>.bin.gz`. */
  unigramBuckets: number;
  unigramHashes: string[];
  /** `docs.<hash>.json.gz`. */
  docs: string;
  /** Directory of the text chunks: `t-<hash>`. */
  texts: string;
  /** `terms.<hash>.json.gz`: key terms per Chinese document (nodejieba), or "" when none. */
  terms: string;
  /** `formulas.<hash>.bin.gz`: the formula windows, or "" when the build counted none. */
  formulas: string;
}

/** A document in the docs file. Paragraph numbers `first` .. `first + count - 1` are its own. */
export interface DocEntry {
  symbol: string;
  slug: string;
  lang: "zh" | "en";
  type: string;
  body: string;
  date: string;
  status: string;
  title: string;
  first: number;
  count: number;
}

/** A paragraph in a text chunk: [doc index, address, part, scope, num, text]. */
export type ChunkRow = [number, string, string[], string | null, string[], string];

/** FNV-1a over UTF-16 code units, the bucket of a term. */
export function bucketOf(term: string, buckets: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < term.length; i++) {
    h ^= term.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % buckets;
}

/** Path of a term bucket file. */
export function bucketPath(m: Manifest, b: number): string {
  return `p/${b}.${m.bucketHashes[b]}.bin.gz`;
}

/** Path of a single-character bucket file. */
export function unigramPath(m: Manifest, b: number): string {
  return `u/${b}.${m.unigramHashes[b]}.bin.gz`;
}

/** Path of a text chunk. */
export function chunkPath(m: Manifest, chunk: number): string {
  return `${m.texts}/${chunk}.json.gz`;
}

// --- byte writer / reader -------------------------------------------------------------------

class Writer {
  buf: Uint8Array;
  len = 0;
  /** @param size the bytes expected, when known (the buffer grows past it if more come) */
  constructor(size = 1024) {
    this.buf = new Uint8Array(size);
  }
  private room(n: number) {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }
  byte(b: number) {
    this.room(1);
    this.buf[this.len++] = b;
  }
  varint(n: number) {
    this.room(varintSize(n >>> 0));
    let v = n >>> 0;
    while (v >= 0x80) {
      this.buf[this.len++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.buf[this.len++] = v;
  }
  bytes(b: Uint8Array) {
    this.room(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }
  done(): Uint8Array {
    // Filled exactly (its size known ahead): the buffer itself, not a copy of it.
    return this.len === this.buf.length ? this.buf : this.buf.slice(0, this.len);
  }
}

class Reader {
  pos = 0;
  constructor(readonly buf: Uint8Array) {}
  byte(): number {
    return this.buf[this.pos++] as number;
  }
  varint(): number {
    let n = 0;
    let shift = 0;
    for (;;) {
      const b = this.buf[this.pos++] as number;
      n += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return n;
      shift += 7;
    }
  }
}

const enc = new TextEncoder();
const dec = new TextDecoder();

function varintSize(n: number): number {
  return n < 0x80 ? 1 : n < 0x4000 ? 2 : n < 0x200000 ? 3 : n < 0x10000000 ? 4 : 5;
}

/** Encode a sorted, duplicate-free list of paragraph numbers: [kind, count, payload]. */
export function encodePostings(ids: ArrayLike<number>): Uint8Array {
  const n = ids.length;
  let deltaBytes = 0;
  let prev = -1;
  for (let k = 0; k < n; k++) {
    deltaBytes += varintSize((ids[k] as number) - prev - 1);
    prev = ids[k] as number;
  }
  const min = n ? (ids[0] as number) : 0;
  const max = n ? (ids[n - 1] as number) : 0;
  const bitmapBytes = n ? Math.ceil((max - min + 1) / 8) + varintSize(min) : Number.POSITIVE_INFINITY;
  // The writer is given the exact size: the index build encodes a list for every term (121k at
  // 50k paragraphs), most of them a few bytes, and a writer's default 1 KB each, allocated,
  // zeroed and collected, was most of the time: 300k short lists took 308-460 ms of CPU before,
  // 55-66 ms with the size given.
  const w = new Writer(1 + varintSize(n) + Math.min(bitmapBytes, deltaBytes));
  if (bitmapBytes < deltaBytes) {
    w.byte(1);
    w.varint(n);
    w.varint(min);
    const bits = new Uint8Array(Math.ceil((max - min + 1) / 8));
    for (let k = 0; k < n; k++) {
      const d = (ids[k] as number) - min;
      bits[d >> 3] = (bits[d >> 3] as number) | (1 << (d & 7));
    }
    w.bytes(bits);
  } else {
    w.byte(0);
    w.varint(n);
    prev = -1;
    for (let k = 0; k < n; k++) {
      w.varint((ids[k] as number) - prev - 1);
      prev = ids[k] as number;
    }
  }
  return w.done();
}

/** Decode what encodePostings wrote. */
export function decodePostings(bytes: Uint8Array): Uint32Array {
  const r = new Reader(bytes);
  const kind = r.byte();
  const n = r.varint();
  const out = new Uint32Array(n);
  if (kind === 1) {
    const min = r.varint();
    let k = 0;
    for (let i = r.pos; i < bytes.length && k < n; i++) {
      const b = bytes[i] as number;
      if (!b) continue;
      for (let bit = 0; bit < 8; bit++) if (b & (1 << bit)) out[k++] = min + (i - r.pos) * 8 + bit;
    }
  } else {
    let prev = -1;
    for (let k = 0; k < n; k++) {
      prev = prev + 1 + r.varint();
      out[k] = prev;
    }
  }
  return out;
}

/**
 * A bucket file: "AQS" + version byte, term count, then per term (sorted by term): term (UTF-8,
 * length-prefixed) and its encoded postings (length-prefixed).
 */
export function encodeBucket(entries: Array<[string, Uint8Array]>): Uint8Array {
  const w = new Writer();
  w.bytes(enc.encode("AQS"));
  w.byte(FORMAT_VERSION);
  w.varint(entries.length);
  for (const [term, postings] of entries) {
    const t = enc.encode(term);
    w.varint(t.length);
    w.bytes(t);
    w.varint(postings.length);
    w.bytes(postings);
  }
  return w.done();
}

/**
 * The encoded postings of one term in a bucket file, or null: a scan comparing the term's UTF-8
 * bytes entry by entry, decoding nothing else. A query reads one or two terms of a bucket of
 * thousands, so this costs less than decoding the bucket (decodeBucket) and allocates nothing.
 */
export function findInBucket(bytes: Uint8Array, term: string): Uint8Array | null {
  if (bytes[0] !== 0x41 || bytes[1] !== 0x51 || bytes[2] !== 0x53 || bytes[3] !== FORMAT_VERSION) {
    throw new Error(`not a search bucket of format ${FORMAT_VERSION}`);
  }
  const want = enc.encode(term);
  const r = new Reader(bytes);
  r.pos = 4;
  const n = r.varint();
  for (let k = 0; k < n; k++) {
    const tl = r.varint();
    let same = tl === want.length;
    for (let i = 0; same && i < tl; i++) if (bytes[r.pos + i] !== want[i]) same = false;
    r.pos += tl;
    const pl = r.varint();
    if (same) return bytes.subarray(r.pos, r.pos + pl);
    r.pos += pl;
  }
  return null;
}

/** Read a bucket file into term -> encoded postings (decoded on demand with decodePostings). */
export function decodeBucket(bytes: Uint8Array): Map<string, Uint8Array> {
  if (dec.decode(bytes.subarray(0, 3)) !== "AQS" || bytes[3] !== FORMAT_VERSION) {
    throw new Error(`not a search bucket of format ${FORMAT_VERSION}`);
  }
  const r = new Reader(bytes);
  r.pos = 4;
  const n = r.varint();
  const out = new Map<string, Uint8Array>();
  for (let k = 0; k < n; k++) {
    const tl = r.varint();
    const term = dec.decode(bytes.subarray(r.pos, r.pos + tl));
    r.pos += tl;
    const pl = r.varint();
    out.set(term, bytes.subarray(r.pos, r.pos + pl));
    r.pos += pl;
  }
  return out;
}

/** The formula windows as stored: sorted uint32 hashes, little-endian. */
export function encodeFormulas(hashes: Uint32Array): Uint8Array {
  const out = new Uint8Array(hashes.length * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < hashes.length; i++) view.setUint32(i * 4, hashes[i] as number, true);
  return out;
}

/** Read what encodeFormulas wrote. */
export function decodeFormulas(bytes: Uint8Array): Uint32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Uint32Array(bytes.byteLength >> 2);
  for (let i = 0; i < out.length; i++) out[i] = view.getUint32(i * 4, true);
  return out;
}

/**
 * Gunzip with the platform's DecompressionStream (browsers, Node 18+).
 *
 * The bytes are written to it directly: a Blob around them costs a round trip to Chromium's blob
 * registry per file, which a query reading a hundred files paid a hundred times (measured: most
 * of a 2,000-character paste's time with the files in the browser's cache). The output is read
 * by hand: `new Response(stream)` would make Node load its whole fetch implementation, which was
 * a quarter of `acquis search`'s start-up.
 */
export async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const ds = new DecompressionStream("gzip");
  const writer = ds.writable.getWriter();
  // Not awaited: the writes complete only as the output is read below. A corrupt input rejects
  // the read, which is where the caller hears of it; these rejections would only repeat it.
  writer.write(bytes as Uint8Array<ArrayBuffer>).catch(() => {});
  writer.close().catch(() => {});
  const reader = ds.readable.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    length += value.length;
  }
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Gunzip and parse JSON. */
export async function gunzipJson<T>(bytes: Uint8Array): Promise<T> {
  return JSON.parse(dec.decode(await gunzip(bytes))) as T;
}

/**
 * How far a text is agreed, most first: ties in search results go to consensus texts. The index
 * build numbers paragraphs in this order, so the engine's results come out ranked by it.
 */
export const STATUS_RANK: Readonly<Record<string, number>> = {
  consensus: 0,
  adopted: 1,
  chair: 2,
  draft: 3,
  national: 4,
  other: 5,
};
