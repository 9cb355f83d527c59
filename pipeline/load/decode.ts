/**
 * Bytes -> text for one corpus file. The build reads bytes, not strings, so that what a string
 * read would hide becomes a diagnostic with a position: invalid UTF-8 (error, at the first bad
 * byte), a byte-order mark (stripped, warned), CRLF line ends (normalised to LF, noted), an empty
 * file, a file over the size limit. Decision: a file that cannot be decoded exactly is refused, never
 * decoded with replacement characters, because a replaced character is a lost word.
 */
import type { Diagnostic } from "../../schemas/index.ts";
import { diag } from "../diagnostics.ts";

/** Largest corpus file the build reads: the longest UN report is a few MB of Markdown. */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

/** The outcome of decoding: `text` is null when the file cannot be used at all. */
export interface Decoded {
  /** The text with any BOM removed and line ends normalised to LF; null on an error. */
  text: string | null;
  diagnostics: Diagnostic[];
}

/** "52.4 MB": sizes for people. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

/** The diagnostic for a file over the limit; the host uses it before reading such a file at all. */
export function tooLarge(file: string, size: number, limit = MAX_DOCUMENT_BYTES): Diagnostic {
  return diag(
    "corpus/too-large",
    { file, line: 1 },
    `file is ${formatBytes(size)}, over the ${formatBytes(limit)} limit for one document; it was skipped`,
    "Split it: one file per document and language (corpus/<slug>/<lang>.md); a compilation of several documents goes in as one folder per symbol.",
  );
}

/**
 * Offset of the first byte that is not well-formed UTF-8 (RFC 3629: no overlongs, no surrogates,
 * nothing above U+10FFFF), or -1. Only called once the fast fatal TextDecoder has refused the file.
 */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let tail: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) tail = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      tail = 2;
      if (c === 0xe0) lo = 0xa0;
      if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      tail = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f;
    } else return i;
    const c1 = b[i + 1];
    if (c1 === undefined || c1 < lo || c1 > hi) return i;
    for (let k = 2; k <= tail; k++) {
      const ck = b[i + k];
      if (ck === undefined || ck < 0x80 || ck > 0xbf) return i;
    }
    i += tail + 1;
  }
  return -1;
}

/**
 * The byte order of a UTF-16 file that has no byte-order mark, or null. UTF-8 text never holds a
 * zero byte, while UTF-16 holds one in every ASCII character (and a corpus file starts with its
 * ASCII front matter): zero bytes all on one side of each byte pair, and the sample decoding as
 * UTF-16 of that order, name the encoding instead of reporting its first zero as a bad byte.
 */
export function utf16WithoutBom(b: Uint8Array): "LE" | "BE" | null {
  const sample = b.subarray(0, Math.min(b.length, 4096) & ~1);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < sample.length; i++) if (sample[i] === 0) i % 2 ? odd++ : even++;
  const order = odd >= 2 && even === 0 ? "LE" : even >= 2 && odd === 0 ? "BE" : null;
  if (!order) return null;
  try {
    new TextDecoder(order === "LE" ? "utf-16le" : "utf-16be", { fatal: true }).decode(sample);
  } catch {
    return null;
  }
  return order;
}

/** 1-based line and column (in characters) of a byte offset in well-formed UTF-8 up to it. */
function positionOf(b: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (b[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  const before = new TextDecoder("utf-8").decode(b.subarray(lineStart, offset));
  return { line, column: before.length + 1 };
}

const hex = (n: number) => `0x${n.toString(16).toUpperCase().padStart(2, "0")}`;

/**
 * Decode one corpus file.
 * @param bytes the file as read from disk
 * @param file repository-relative path, for diagnostics
 * @param limit size limit in bytes (MAX_DOCUMENT_BYTES unless a test says otherwise)
 */
export function decodeCorpusFile(bytes: Uint8Array, file: string, limit = MAX_DOCUMENT_BYTES): Decoded {
  if (bytes.length > limit) return { text: null, diagnostics: [tooLarge(file, bytes.length, limit)] };
  const diagnostics: Diagnostic[] = [];
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return {
      text: null,
      diagnostics: [
        diag(
          "corpus/invalid-utf8",
          { file, line: 1, column: 1 },
          "file is UTF-16 (it starts with a UTF-16 byte-order mark), not UTF-8",
          "Save it as UTF-8 without BOM (most editors: File > Save with encoding > UTF-8).",
        ),
      ],
    };
  }
  const order = utf16WithoutBom(bytes);
  if (order) {
    return {
      text: null,
      diagnostics: [
        diag(
          "corpus/invalid-utf8",
          { file, line: 1, column: 1 },
          `file is UTF-16 ${order === "LE" ? "little" : "big"}-endian without a byte-order mark, not UTF-8; the document was skipped`,
          `Convert it to UTF-8 (iconv -f UTF-16${order} -t UTF-8), or save it as UTF-8 without BOM.`,
        ),
      ],
    };
  }
  let body = bytes;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    body = bytes.subarray(3);
    diagnostics.push(
      diag(
        "corpus/bom",
        { file, line: 1, column: 1 },
        "file starts with a UTF-8 byte-order mark; it was removed",
        "Save the file as UTF-8 without BOM so the front matter's `---` is the first thing in it.",
      ),
    );
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    const at = firstInvalidUtf8(body);
    const offset = Math.max(at, 0);
    const pos = positionOf(body, offset);
    const byte = body[offset];
    diagnostics.push(
      diag(
        "corpus/invalid-utf8",
        { file, ...pos },
        `invalid UTF-8: byte ${hex(byte ?? 0)} at offset ${offset + (body === bytes ? 0 : 3)} is not part of a UTF-8 character; the document was skipped`,
        "Convert the file to UTF-8 (Chinese text from older tools is often GB18030: iconv -f GB18030 -t UTF-8).",
      ),
    );
    return { text: null, diagnostics };
  }
  if (text.includes("\r")) {
    const first = text.indexOf("\r");
    const line = countLines(text, first);
    const crlf = (text.match(/\r\n/g) ?? []).length;
    text = text.replace(/\r\n?/g, "\n");
    diagnostics.push(
      diag(
        "corpus/crlf",
        { file, line },
        `${crlf > 0 ? `${crlf} line${crlf === 1 ? "" : "s"} end with CRLF` : "lines end with CR"}; normalised to LF`,
        "Nothing to do; to silence this, save with LF line ends (git config core.autocrlf input).",
      ),
    );
  }
  const controls = controlCharacters(text, file);
  diagnostics.push(...controls.diagnostics);
  if (controls.fatal) return { text: null, diagnostics };
  if (text.trim() === "") {
    diagnostics.push(
      diag(
        "corpus/empty",
        { file, line: 1 },
        bytes.length === 0 ? "file is empty" : "file holds only white space",
        "Put the document's front matter and text in it, or delete it.",
      ),
    );
    return { text: null, diagnostics };
  }
  return { text, diagnostics };
}

/**
 * Control characters: C0 but tab and line feed (carriage returns are gone by now), DEL, and C1.
 * No UN text carries one; they come from broken conversions, and a terminal obeys them (ESC, BEL).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** "U+001B" */
const codePoint = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;

/** The control characters in a string, as code points ("U+001B"), each once, in order met. */
export function controlCodePoints(s: string): string[] {
  return [...new Set([...s.matchAll(CONTROL)].map((m) => codePoint(m[0])))];
}

/**
 * Diagnostics for control characters in a decoded text. A NUL is an error (the document is left
 * out): CommonMark turns it into U+FFFD, which would alter the text without a word. Any other is a
 * warning, and stays in the text as it is: the text is kept as issued, and what prints it to a
 * terminal neutralises it (pipeline/terminal.ts).
 */
export function controlCharacters(text: string, file: string): { fatal: boolean; diagnostics: Diagnostic[] } {
  const found = [...text.matchAll(CONTROL)];
  if (!found.length) return { fatal: false, diagnostics: [] };
  const at = (offset: number) => {
    const line = countLines(text, offset);
    const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
    return { file, line, column: offset - lineStart + 1 };
  };
  const diagnostics: Diagnostic[] = [];
  const nul = found.find((m) => m[0] === "\u0000");
  if (nul) {
    const count = found.filter((m) => m[0] === "\u0000").length;
    diagnostics.push(
      diag(
        "corpus/nul-character",
        at(nul.index),
        `a NUL character (U+0000)${count > 1 ? `, the first of ${count},` : ""} is in the text; Markdown would replace it with U+FFFD and alter the text, so the document was skipped`,
        "Remove the NUL bytes: they come from a broken conversion (tr -d '\\000' < file), or convert the original again.",
      ),
    );
  }
  const others = found.filter((m) => m[0] !== "\u0000");
  if (others.length) {
    const first = others[0]!;
    diagnostics.push(
      diag(
        "corpus/control-character",
        at(first.index),
        `${others.length === 1 ? "a control character" : `${others.length} control characters`} (${[...new Set(others.map((m) => codePoint(m[0])))].slice(0, 4).join(", ")}) in the text; kept as they are, shown neutralised on a terminal`,
        "Remove them unless the document as issued holds them: no UN text does; they come from a broken conversion.",
      ),
    );
  }
  return { fatal: Boolean(nul), diagnostics };
}

/** 1-based line of a character offset. */
export function countLines(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) line++;
  return line;
}
