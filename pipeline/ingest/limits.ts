/**
 * Limits of one import: pages of a PDF, bytes its compressed streams (or a DOCX's zipped parts)
 * inflate to, and time. An original is untrusted input: a 1 MB PDF can inflate to gigabytes and
 * stall the machine long before any text comes out, so the inflated size is measured before the
 * PDF or DOCX library sees the file, with zlib's own output cap, holding at most the cap in memory.
 *
 * Decisions:
 * - PDF streams are found by their `stream` ... `endstream` keywords and their dictionary's
 *   /Filter and /Length, not by a PDF parser (which would inflate object streams itself, unbounded).
 *   Only Flate streams are measured: they are what PDFs compress with, fonts and pages alike.
 *   Truncated or damaged streams are measured as far as they inflate.
 * - A DOCX is a ZIP: each deflated entry of its central directory is inflated with the same cap.
 * - Time is a deadline for the whole conversion; the PDF reader checks it between pages.
 */
import { constants, inflateRawSync, inflateSync } from "node:zlib";

/** The limits of one import. */
export interface ImportLimits {
  /** Most pages a PDF may have. */
  maxPages: number;
  /** Most bytes the compressed parts of a PDF or DOCX may inflate to, together. */
  maxInflatedBytes: number;
  /** Most seconds a conversion may take. */
  maxSeconds: number;
}

/** Defaults: far above any UN document (the longest reports run to a few hundred pages and tens of MB). */
export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  maxPages: 2000,
  maxInflatedBytes: 200 * 1024 * 1024,
  maxSeconds: 300,
};

/** An original over one of the limits; the message names the limit and the flag that raises it. */
export class LimitExceeded extends Error {
  override name = "LimitExceeded";
}

const MB = 1024 * 1024;
const mb = (n: number) => `${Math.round((n / MB) * 10) / 10} MB`;

/** The error for compressed data that inflates past the cap. */
function inflatedTooFar(what: string, limit: number): LimitExceeded {
  return new LimitExceeded(
    `${what} inflate to more than ${mb(limit)} (the limit); it was not converted. A UN document does not; raise the limit with --max-inflated <MB> if this one is genuine.`,
  );
}

/** Inflated size of `data` up to `cap + 1` bytes; what inflates before damage counts. */
function inflatedSize(data: Uint8Array, cap: number, raw: boolean): number {
  const opts = { maxOutputLength: Math.max(1, cap + 1), finishFlush: constants.Z_SYNC_FLUSH };
  try {
    return (raw ? inflateRawSync(data, opts) : inflateSync(data, opts)).length;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") return cap + 1;
    return 0; // not Flate data after all, or damaged from the start: the reader will say
  }
}

const latin1 = (b: Uint8Array, from: number, to: number) =>
  Buffer.from(b.buffer, b.byteOffset + from, to - from).toString("latin1");

/**
 * Throw LimitExceeded when the Flate streams of a PDF inflate to more than `limit` bytes in all.
 * @returns the inflated size of every Flate stream together
 */
export function checkPdfStreams(bytes: Uint8Array, limit: number): number {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  let total = 0;
  let at = 0;
  for (;;) {
    const kw = buf.indexOf("stream", at, "latin1");
    if (kw < 0) break;
    at = kw + 6;
    // "endstream" holds "stream" too; a stream's keyword follows its dictionary's ">>".
    if (kw >= 3 && latin1(bytes, kw - 3, kw) === "end") continue;
    const before = latin1(bytes, Math.max(0, kw - 4096), kw);
    if (!/>>\s*$/.test(before)) continue;
    const dict = before.slice(before.lastIndexOf("obj") + 1);
    const filter = /\/Filter\s*(\[[^\]]*\]|\/[A-Za-z0-9]+)/.exec(dict)?.[1] ?? "";
    const first = /\/([A-Za-z0-9]+)/.exec(filter)?.[1];
    let start = at;
    if (buf[start] === 0x0d) start++;
    if (buf[start] === 0x0a) start++;
    const length = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dict);
    let end = length ? start + Number(length[1]) : -1;
    if (
      end < start ||
      end > buf.length ||
      !/^\s*endstream/.test(latin1(bytes, end, Math.min(buf.length, end + 16)))
    ) {
      end = buf.indexOf("endstream", start, "latin1");
      if (end < 0) end = buf.length;
    }
    at = Math.max(at, end);
    if (first !== "FlateDecode" && first !== "Fl") continue;
    total += inflatedSize(bytes.subarray(start, end), limit - total, false);
    if (total > limit) throw inflatedTooFar("the PDF's compressed streams", limit);
  }
  return total;
}

/**
 * Throw LimitExceeded when the deflated entries of a ZIP (a DOCX) inflate to more than `limit`
 * bytes in all. Does nothing for bytes without a ZIP directory (the reader will say what they are).
 * @returns the inflated size of every deflated entry together
 */
export function checkZipEntries(bytes: Uint8Array, limit: number): number {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  // The end-of-central-directory record sits in the last 64 KB (after an optional comment).
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return 0;
  const entries = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  let total = 0;
  for (let n = 0; n < entries && at + 46 <= buf.length; n++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) break;
    const method = buf.readUInt16LE(at + 10);
    const compressed = buf.readUInt32LE(at + 20);
    const local = buf.readUInt32LE(at + 42);
    at += 46 + buf.readUInt16LE(at + 28) + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
    if (method !== 8 || local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) continue;
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    total += inflatedSize(
      bytes.subarray(start, Math.min(buf.length, start + compressed)),
      limit - total,
      true,
    );
    if (total > limit) throw inflatedTooFar("the DOCX's zipped parts", limit);
  }
  return total;
}

/** The error for a PDF with too many pages. */
export function tooManyPages(pages: number, limit: number): LimitExceeded {
  return new LimitExceeded(
    `the PDF has ${pages} pages, over the limit of ${limit}; it was not converted. Raise the limit with --max-pages <n> if this document is genuine.`,
  );
}

/** The error for a conversion past its deadline. */
export function tooSlow(seconds: number, done?: string): LimitExceeded {
  return new LimitExceeded(
    `the conversion took longer than ${seconds} s (the limit)${done ? `, ${done}` : ""}; it was stopped. Raise the limit with --max-time <s> if this document is genuine.`,
  );
}

/**
 * `work` or a LimitExceeded once `deadline` (a Date.now() value) passes. The work itself is not
 * stopped (a library call cannot be), but the import no longer waits for it.
 */
export function beforeDeadline<T>(work: Promise<T>, deadline: number, seconds: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(tooSlow(seconds)), Math.max(0, deadline - Date.now()));
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
