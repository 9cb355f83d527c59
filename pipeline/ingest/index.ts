/**
 * Ingest: an original document (PDF, DOCX, HTML or plain text) -> corpus Markdown. Pure: bytes in,
 * text and diagnostics out; the `import` and `fetch` commands read and write the files.
 *
 * Decision: the format is told by the bytes first (a PDF starts with "%PDF-", a DOCX is a ZIP
 * holding word/document.xml) and by the file name only when the bytes are plain text, so a file
 * misnamed by a download is still read as what it is.
 */
import { convertHtml } from "./html.ts";
import {
  beforeDeadline,
  checkPdfStreams,
  checkZipEntries,
  DEFAULT_IMPORT_LIMITS,
  type ImportLimits,
  LimitExceeded,
} from "./limits.ts";
import { convertPdfPages, type PdfPage } from "./pdf.ts";
import type { ExtractOptions } from "./pdf-extract.ts";
import { convertPlainText } from "./plain.ts";
import type { Converted, ConvertOptions } from "./types.ts";

export { convertHtml } from "./html.ts";
export { DEFAULT_IMPORT_LIMITS, type ImportLimits } from "./limits.ts";
export { convertPdfPages, type PdfItem, type PdfPage } from "./pdf.ts";
export { convertPlainText } from "./plain.ts";
export type { Block, Converted, ConvertOptions, Cover } from "./types.ts";

// pdfjs and mammoth are large: they load when a PDF or a DOCX is converted, not whenever the CLI
// (which registers every command) starts.

/** Extract the positioned text items of a PDF (pdfjs, loaded on first use). */
export async function extractPdf(bytes: Uint8Array, opts: ExtractOptions = {}): Promise<PdfPage[]> {
  return (await import("./pdf-extract.ts")).extractPdf(bytes, opts);
}

/** Convert a DOCX (mammoth, loaded on first use). */
export async function convertDocx(bytes: Uint8Array, opts: ConvertOptions): Promise<Converted> {
  return (await import("./docx.ts")).convertDocx(bytes, opts);
}

/** The formats `acquis import` reads. */
export type Format = "pdf" | "docx" | "html" | "text";

/** A conversion that cannot start: the message says what was found and what to do. */
export class IngestError extends Error {
  constructor(
    public code: "ingest/unsupported-format" | "ingest/conversion-failed" | "ingest/limit-exceeded",
    message: string,
  ) {
    super(message);
  }
}

/** What a conversion may cost, and who hears of a long one's progress. */
export interface ConvertLimits {
  /** The limits (DEFAULT_IMPORT_LIMITS for any left out). */
  limits?: Partial<ImportLimits>;
  /** Called as a long conversion advances: PDF pages read so far, and the page count. */
  onProgress?: (done: number, total: number) => void;
}

const startsWith = (bytes: Uint8Array, sig: string) => [...sig].every((c, k) => bytes[k] === c.charCodeAt(0));

/** Tell the format of an original from its bytes (and its name, for text). */
export function detectFormat(bytes: Uint8Array, name: string): Format {
  if (startsWith(bytes, "%PDF-")) return "pdf";
  if (startsWith(bytes, "PK\u0003\u0004")) {
    if (/\.docx$/i.test(name) || latin1(bytes.subarray(0, 4096)).includes("word/")) return "docx";
    throw new IngestError("ingest/unsupported-format", `${name} is a ZIP archive but not a DOCX.`);
  }
  const head = latin1(bytes.subarray(0, 2048))
    .replace(/^\uFEFF|^\xEF\xBB\xBF/, "")
    .trimStart();
  if (/^<(?:!doctype html|html|head|body|\?xml[^>]*>\s*<html)/i.test(head) || /\.x?html?$/i.test(name))
    return "html";
  if (/\.(?:txt|text|md)$/i.test(name) || !hasControlBytes(bytes.subarray(0, 2048))) return "text";
  throw new IngestError(
    "ingest/unsupported-format",
    `${name} is not a PDF, DOCX, HTML or text file (it starts with bytes ${[...bytes.subarray(0, 8)].map((b) => b.toString(16).padStart(2, "0")).join(" ")}).`,
  );
}

/** Binary data has control bytes other than tab, line feed, form feed and carriage return. */
function hasControlBytes(bytes: Uint8Array): boolean {
  return bytes.some((b) => b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d);
}

function latin1(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
}

/** Decode text bytes as UTF-8 (a BOM is dropped); invalid UTF-8 is an error, never a guess. */
export function decodeText(bytes: Uint8Array, name: string): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    throw new IngestError("ingest/conversion-failed", `${name} is not valid UTF-8 text.`);
  }
}

/**
 * Convert an original of any supported format into corpus Markdown, within the limits: a PDF's
 * pages, what its streams (or a DOCX's parts) inflate to, and time (limits.ts). Over a limit it
 * throws an IngestError with code "ingest/limit-exceeded" whose message names the flag to raise.
 */
export async function convert(
  bytes: Uint8Array,
  opts: ConvertOptions & { format?: Format } & ConvertLimits,
): Promise<Converted> {
  const format = opts.format ?? detectFormat(bytes, opts.file);
  const limits = { ...DEFAULT_IMPORT_LIMITS, ...opts.limits };
  const deadline = { at: Date.now() + limits.maxSeconds * 1000, seconds: limits.maxSeconds };
  // The converters take the options they know; the limits stay here.
  const { limits: _limits, onProgress, format: _format, ...base } = opts;
  try {
    switch (format) {
      case "pdf":
        checkPdfStreams(bytes, limits.maxInflatedBytes);
        return convertPdfPages(
          await extractPdf(bytes, { maxPages: limits.maxPages, deadline, onPage: onProgress }),
          base,
        );
      case "docx":
        checkZipEntries(bytes, limits.maxInflatedBytes);
        return await beforeDeadline(convertDocx(bytes, base), deadline.at, deadline.seconds);
      case "html":
        return convertHtml(decodeText(bytes, opts.file), base);
      case "text":
        return convertPlainText(decodeText(bytes, opts.file), base);
    }
  } catch (e) {
    if (e instanceof IngestError) throw e;
    if (e instanceof LimitExceeded)
      throw new IngestError("ingest/limit-exceeded", `${opts.file}: ${e.message}`);
    throw new IngestError(
      "ingest/conversion-failed",
      `${opts.file} could not be read as ${format}: ${(e as Error).message}`,
    );
  }
}
