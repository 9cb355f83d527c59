/**
 * A parsed document as the parse cache keeps it (cache.ts, "Decisions"): one text of three parts,
 * each ending in a newline: a header line (versions, layout, file, headings, parts, diagnostics,
 * sections, and what the paragraphs share), one line holding the paragraphs as objects in short
 * form, then the document's paragraphs, validated, exactly as paragraphs.jsonl carries them. Made
 * where the document is parsed (a parse worker, parse-worker.ts, or the main thread) and read back
 * by the build the way a cache hit is.
 *
 * Decisions:
 * - The codec is apart from cache.ts so that a parse worker can make the entry itself and hand
 *   its bytes back by transfer. Before, the worker's result (every paragraph an object with
 *   nested arrays) was copied by structured clone, field by field on both threads, then
 *   validated, serialised and turned into the entry's text on the main thread: at 50k paragraphs
 *   the clone alone was some 0.5 s of CPU.
 * - The paragraphs are read from the short form, not from the export's lines (layout 4). Reading
 *   every hit was the largest cost of the parse in a build after one change (some 1.1 s of CPU at
 *   200k paragraphs: decoding 133 MB of UTF-8, then one JSON.parse a line, then the collector
 *   going through 200k paragraphs whose file, document, language and heading path were each a
 *   string of their own). The short form names those once in the header (the heading paths as a
 *   table, a paragraph holding its path's index), and gives a text that JSON writes without
 *   escapes as the span of its bytes in the export's line, decoded from there: what is parsed is
 *   about half as many bytes, and the paragraphs share those strings. The export's lines stay
 *   whole after it, the bytes the writer copies, never encoded again.
 * - The header and the short form are written in ASCII, every other character a \u escape
 *   (layout 5): they read back as one-byte strings, copied rather than decoded from UTF-8, which
 *   JSON.parse also reads faster. The lists that paragraphs repeat (heading path, part, flags, no
 *   footnotes) are in the header once, shared by the paragraphs, frozen (layout 6): some 700k
 *   arrays fewer at 200k paragraphs, to make and for the collector to go through on every build.
 *   Reading all 1,329 entries at 200k paragraphs took 1.55 s of CPU before these, 1.2 s after.
 * - Reading back checks what a damaged entry would break: one short paragraph per line of the
 *   export, a heading path in the table, a text span between the quotes of a JSON string inside
 *   the export. An entry that fails any check is a miss (parsed again), never an error.
 */
import { isAscii } from "node:buffer";
import { Paragraph, SCHEMA_VERSION, type Section } from "../../schemas/index.ts";
import { PARSER_VERSION, type Parsed } from "../parse/index.ts";
import { sectionsOf } from "../parse/record.ts";

/** The layout of a cache entry (module header): another layout is a miss. */
export const LAYOUT = 6;

/** The header line of a cache entry. */
interface CacheHeader {
  parserVersion: number;
  schemaVersion: number;
  layout: number;
  file: string;
  headings: Parsed["headings"];
  parts: Parsed["parts"];
  diagnostics: Parsed["diagnostics"];
  /**
   * The document's sections (record.ts `sectionsOf`), computed where the entry is made: reading
   * them back from the headings and paragraphs walks every paragraph once per heading, some 0.3 s
   * of CPU on every build at 200k paragraphs when each hit did it again.
   */
  sections: Section[];
  /** The document and language of its paragraphs (a paragraph's own when it differs). */
  doc: string;
  lang: string;
  /**
   * The lists its paragraphs share, each once: heading paths, parts, flags and the empty list of
   * footnotes. A paragraph in short form holds an index for each of those (`SHARED`).
   */
  lists: unknown[][];
}

/**
 * A paragraph in short form: the paragraph's own keys in its order, with the keys of `SHARED` an
 * index into the header's lists, `doc`, `lang` and `source.file` 0 when they are the header's,
 * and `text` the [start, end) span of its bytes in the export's lines when JSON writes it without
 * escapes.
 */
type ShortParagraph = Record<string, unknown>;

/** The keys a short paragraph holds as an index into the header's `lists` (footnotes when empty). */
const SHARED = ["part", "headings", "flags", "footnotes"] as const;

/** The key before a paragraph's text in its JSON line (the first one: see `textSpan`). */
const TEXT_KEY = '"text":"';
/**
 * A text that JSON.stringify writes as it is: no quote, backslash or control character (escaped),
 * and no surrogate (a lone one is escaped; pairs are left out too, to keep the test simple).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what JSON escapes
const PLAIN = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;

/**
 * Where `p.text` stands in `line` (its JSON) as [start, end) in UTF-16 units of the line, or null
 * when it is not there as it is. The first `"text":"` of the line is the paragraph's own key: no
 * string value before it can hold those characters unescaped, and only footnotes, after it, hold
 * objects. Checked against the text all the same, since the reader trusts the span.
 */
function textSpan(line: string, text: string): [number, number] | null {
  if (!PLAIN.test(text)) return null;
  const at = line.indexOf(TEXT_KEY);
  if (at < 0) return null;
  const start = at + TEXT_KEY.length;
  const end = start + text.length;
  return line.slice(start, end) === text && line[end] === '"' ? [start, end] : null;
}

/**
 * JSON with every character beyond ASCII written as a \u escape: the same value to JSON.parse, in
 * bytes that read back as a one-byte string (see `readEntry`).
 */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(NOT_ASCII, escapeOf);
}
/** A character's \u escape, each made once (a document repeats its few hundred characters). */
function escapeOf(c: string): string {
  let e = ESCAPES.get(c);
  if (e === undefined) {
    e = `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
    ESCAPES.set(c, e);
  }
  return e;
}
const ESCAPES = new Map<string, string>();
/** Every UTF-16 unit past ASCII, the two halves of a surrogate pair each on its own. */
const NOT_ASCII = /[\u0080-\uffff]/g;

/** A parsed document with its paragraphs validated and serialised for export. */
export interface ReadyDoc {
  parsed: Parsed;
  /** Its sections, as `sectionsOf` gives them from its headings and paragraphs. */
  sections: Section[];
  /**
   * Where its piece of paragraphs.jsonl starts in the entry's bytes, which it fills to the end:
   * one JSON line per paragraph, each ending in a newline. An offset, not a view: the bytes read
   * may be a buffer the next read reuses (host.ts `TextCache`).
   */
  pieceAt: number;
}

/**
 * A fresh parse as a cache entry's bytes: its paragraphs in reading order through their schema
 * (which checks them, and gives the schema's key order), one JSON line each. Throws when a
 * paragraph does not fit its schema (a bug of the parser). The bytes own their buffer (they may
 * be transferred to another thread).
 */
export function entryBytes(file: string, parsed: Parsed): Uint8Array {
  const paragraphs = [...parsed.paragraphs].sort((a, b) => a.seq - b.seq).map((p) => Paragraph.parse(p));
  const doc = paragraphs[0]?.doc ?? "";
  const lang = paragraphs[0]?.lang ?? "";
  const lists: unknown[][] = [];
  const listIndex = new Map<string, number>();
  const shared = (list: unknown[]): number => {
    // Most are empty: their key without a JSON.stringify (writing the entries cost as layout 4 did).
    const key = list.length === 0 ? "[]" : JSON.stringify(list);
    let index = listIndex.get(key);
    if (index === undefined) {
      index = lists.length;
      lists.push(list);
      listIndex.set(key, index);
    }
    return index;
  };
  const rows: ShortParagraph[] = [];
  let piece = "";
  let bytes = 0;
  for (const p of paragraphs) {
    const line = JSON.stringify(p);
    // Spread keeps the paragraph's key order, and a key set again keeps its place: the reader's
    // objects have the keys in the order JSON.parse of the line would give.
    const row: ShortParagraph = {
      ...p,
      part: shared(p.part),
      headings: shared(p.headings),
      flags: shared(p.flags),
    };
    if (p.footnotes.length === 0) row.footnotes = shared(p.footnotes);
    if (p.doc === doc) row.doc = 0;
    if (p.lang === lang) row.lang = 0;
    if (p.source.file === file) row.source = { ...p.source, file: 0 };
    const span = textSpan(line, p.text);
    if (span) {
      const start = bytes + Buffer.byteLength(line.slice(0, span[0]));
      row.text = [start, start + Buffer.byteLength(p.text)];
    }
    rows.push(row);
    piece += `${line}\n`;
    bytes += Buffer.byteLength(line) + 1;
  }
  const header: CacheHeader = {
    parserVersion: PARSER_VERSION,
    schemaVersion: SCHEMA_VERSION,
    layout: LAYOUT,
    file,
    headings: parsed.headings,
    parts: parsed.parts,
    diagnostics: parsed.diagnostics,
    sections: sectionsOf(parsed.headings, paragraphs),
    doc,
    lang,
    lists,
  };
  // TextEncoder, not Buffer.from: a small Buffer is a slice of a shared pool, which a transfer
  // would take away from every other Buffer in it.
  return new TextEncoder().encode(`${asciiJson(header)}\n${asciiJson(rows)}\n${piece}`);
}

/**
 * A span of UTF-8 bytes as a string. Buffer's own `utf8Slice`, under `toString("utf8", ...)`, when
 * this Node has it: a text a paragraph, the checks of `toString`'s arguments cost some 0.1 s of CPU
 * at 200k paragraphs. The same string either way.
 */
const textOf: (buf: Buffer, start: number, end: number) => string =
  typeof (Buffer.prototype as Partial<Utf8Slice>).utf8Slice === "function"
    ? (buf, start, end) => (buf as unknown as Utf8Slice).utf8Slice(start, end)
    : (buf, start, end) => buf.toString("utf8", start, end);
interface Utf8Slice {
  utf8Slice(start: number, end: number): string;
}

/** Read an entry back; null on anything unexpected (a miss, never an error). */
export function readEntry(bytes: Uint8Array | undefined, file: string): ReadyDoc | null {
  if (bytes === undefined) return null;
  try {
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const nl = buf.indexOf(0x0a);
    if (nl < 0) return null;
    const second = buf.indexOf(0x0a, nl + 1);
    if (second < 0) return null;
    // The header and the short form are written in ASCII (`asciiJson`): read as one-byte strings,
    // a copy where UTF-8 would be decoded, and JSON.parse reads those faster too. A byte past
    // ASCII there is not an entry this code wrote.
    if (!isAscii(buf.subarray(0, second))) return null;
    const h = JSON.parse(buf.toString("latin1", 0, nl)) as CacheHeader;
    if (
      h.parserVersion !== PARSER_VERSION ||
      h.schemaVersion !== SCHEMA_VERSION ||
      h.layout !== LAYOUT ||
      h.file !== file
    )
      return null;
    if (
      !Array.isArray(h.headings) ||
      !Array.isArray(h.parts) ||
      !Array.isArray(h.diagnostics) ||
      !Array.isArray(h.sections)
    )
      return null;
    if (!Array.isArray(h.lists) || typeof h.doc !== "string" || typeof h.lang !== "string") return null;
    const piece = buf.subarray(second + 1);
    // Every line ends in a newline: an entry cut short ends in the middle of one.
    if (piece.length > 0 && piece[piece.length - 1] !== 0x0a) return null;
    const rows = JSON.parse(buf.toString("latin1", nl + 1, second)) as unknown;
    if (!Array.isArray(rows)) return null;
    // One paragraph a line of the export: an entry cut at the end of a line has fewer lines.
    let lines = 0;
    for (let at = piece.indexOf(0x0a); at >= 0; at = piece.indexOf(0x0a, at + 1)) lines++;
    if (lines !== rows.length) return null;
    const paragraphs = rows as Paragraph[];
    const lists: (readonly unknown[])[] = [];
    for (const list of h.lists as unknown[]) {
      if (!Array.isArray(list)) return null;
      lists.push(Object.freeze(list));
    }
    for (const row of rows as ShortParagraph[]) {
      // The document's paragraphs with the same heading path, part, flags or no footnotes share
      // one array, frozen (no stage writes to those; one that tried would throw, not change its
      // neighbours'): some 700k arrays fewer to make and collect at 200k paragraphs.
      for (const key of SHARED) {
        const value = row[key];
        if (key === "footnotes" && Array.isArray(value)) continue;
        const list = typeof value === "number" ? lists[value] : undefined;
        if (!list) return null;
        row[key] = list;
      }
      if (row.doc === 0) row.doc = h.doc;
      if (row.lang === 0) row.lang = h.lang;
      const source = row.source as { file: unknown } | null;
      if (typeof source !== "object" || source === null) return null;
      if (source.file === 0) source.file = file;
      const span = row.text;
      if (Array.isArray(span)) {
        const [start, end] = span as unknown[];
        // A span inside the export, between the quotes of a JSON string: bytes out of place
        // (an entry edited by hand) fail this rather than give a text cut elsewhere.
        if (
          !Number.isInteger(start) ||
          !Number.isInteger(end) ||
          (start as number) < 1 ||
          (end as number) < (start as number) ||
          (end as number) >= piece.length ||
          piece[(start as number) - 1] !== 0x22 ||
          piece[end as number] !== 0x22
        )
          return null;
        row.text = textOf(piece, start as number, end as number);
      } else if (typeof span !== "string") return null;
    }
    return {
      parsed: { paragraphs, headings: h.headings, parts: h.parts, diagnostics: h.diagnostics },
      sections: h.sections,
      pieceAt: second + 1,
    };
  } catch {
    return null;
  }
}
