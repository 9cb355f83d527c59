/**
 * A parsed document as the parse cache keeps it (cache.ts, "Decisions"): one text of four parts,
 * each ending in a newline: a header line (its frame: its own CRC-32 and the length and CRC-32 of
 * each later part; then versions, layout, file, headings, parts, diagnostics, sections, and what
 * the paragraphs share), a line of the paragraphs' ids and addresses (`IdsLine`), one line holding
 * the paragraphs' values in short form (`ShortForm`), then the document's paragraphs, validated,
 * exactly as paragraphs.jsonl carries them. Made
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
 * - The short form is one flat list of values, not an object a paragraph, and the reader makes
 *   each paragraph with one object literal, its keys in the schema's order (layout 7): JSON.parse
 *   made every key of 400k objects (paragraphs and their sources) and looked each up, and a text
 *   span was an array of its own, made to be dropped. The short forms of the 200k bench cache
 *   parse in some 60 % of the CPU the objects took; reading every entry took 2.08 s of CPU against
 *   2.28 s (medians of 9 rounds, alternating, load average 7-8).
 * - An entry opens with a CRC-32 (layout 7): an entry changed in any byte (edited by hand, cut,
 *   written over in part) is a miss, where the checks below see only what would break the reader,
 *   not a value changed for another of its type. Some 35 ms of CPU for 128 MB in one call,
 *   measured apart; 0.1 s in a profile of the build after one change at 200k paragraphs under a
 *   load average of 7.
 * - The header gives the paragraphs' count and runs (layout 8, paragraph-runs.ts): a build after a
 *   change reads the header alone of an unchanged document (`readHead`), and its short form only
 *   when a stage asks for its paragraphs (cache.ts `LazyCorpus`).
 * - The entry gives the paragraphs' ids too, as one string joined by "\n" (layout 9): the reuse
 *   stage names every link's ends by id and finds paragraphs by id, which made most documents of
 *   the corpus in a build after one change when read from their paragraphs (the reuse stage's
 *   CPU there went 2.16 -> 1.15 s at 200k paragraphs with them). One string a document, not a
 *   list, so that reading them makes one string more, not one a paragraph; split when a stage
 *   asks (paragraph-runs.ts `idLookup`). The addresses come the same way (layout 10), for the
 *   cite stage, which finds a cited paragraph by its address.
 * - The CRC-32 that opens an entry covers its header line alone, and the header's frame gives the
 *   length and CRC-32 of each later part (layout 11): a build after a change reads an entry's
 *   first bytes only (its header and ids line: cache.ts `HEAD_BYTES`), where it read every entry
 *   whole to check one CRC over it and count its lines (240 MB at 200k paragraphs, then the
 *   pieces, 133 MB, again for paragraphs.jsonl: 345 MB read from the cache in all, 187 MB now).
 *   Each later part is checked when it is read, against the frame the header's CRC vouched for:
 *   the ids line when a lookup asks (`readIds`, `idsOfLine`), the whole entry when a document is
 *   made (`readEntry`) or a paragraph read alone (`readParagraph`), the piece as it is copied
 *   into paragraphs.jsonl (cache.ts `piecesOf`). The frame is fixed-width hex digits before the
 *   header's JSON, not a field of it, so that it is found without parsing the header, and the
 *   parts' offsets come from the entry's size, which the store gives with its first bytes.
 * - The ids and addresses are a line of their own after the header (layout 11), not in it: they
 *   were some 7 of the headers' 16 MB at 200k paragraphs, parsed with every header whether a
 *   stage asked for them or not. The line is read with the header (in the same first bytes for
 *   all but 39 of 1,340 entries at 200k paragraphs) and kept as its text until a lookup asks:
 *   the reuse stage asks for most documents' in every build after a change, and opening each
 *   entry again for its line cost more than the copy.
 * - Reading back also checks what a damaged entry would break (an entry sealed again by hand, or
 *   a bug of the codec): one paragraph per line of the export, each value of its key's type, a
 *   shared list in the table, a text span between the quotes of a JSON string inside its own
 *   paragraph's line. An entry that fails any check is a miss (parsed again), never an error.
 */
import { isAscii } from "node:buffer";
import { crc32 } from "node:zlib";
import { Paragraph, SCHEMA_VERSION, type Section } from "../../schemas/index.ts";
import { joinIds, type ParagraphRun, scanRuns } from "../paragraph-runs.ts";
import { PARSER_VERSION, type Parsed } from "../parse/index.ts";
import { sectionsOf } from "../parse/record.ts";

/** The layout of a cache entry (module header): another layout is a miss. */
export const LAYOUT = 11;

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
  /**
   * How many paragraphs it has, and their runs (paragraph-runs.ts), [from, to) in the document's
   * own paragraphs (layout 8): what the stages of a build after a change read of a document whose
   * paragraphs they do not read, without making them (cache.ts `LazyCorpus`).
   */
  count: number;
  runs: ParagraphRun[];
  /**
   * Whether the line after the header joins its paragraphs' ids (`IdsLine`), false when an id
   * holds a "\n" (layout 11): the id lookup sorts the documents by this before it reads a line.
   */
  joined: boolean;
}

/**
 * The line after the header (layout 11): the paragraphs' ids in order, joined by "\n" (null when
 * an id holds a "\n"), and their addresses likewise. The reuse stage of a build after a change
 * names the ends of every link by id and finds a paragraph by its id, the cite stage finds a
 * cited paragraph by its address, without making the documents they are in (paragraph-runs.ts
 * `idLookup`). One string each to parse, split when a stage first asks for one of them.
 */
type IdsLine = [ids: string | null, addresses: string | null];

/**
 * The paragraphs in short form: one flat list, `STRIDE` values a paragraph, in the order of the
 * paragraph's own keys: id, address, anchor (0 when it is the address), doc and lang (0 when they
 * are the header's), part (an index into the header's lists), scope, num, label, text (the
 * [start, end) span of its bytes in the export's lines when JSON writes it without escapes, else
 * the text and 0: two values), footnotes (an index into the lists when empty, else the list),
 * headings (an index), parent, seq, source's file (0 when it is the header's), line and endLine
 * (null when absent), kind, flags (an index), items and pages (null when absent).
 *
 * A flat list, not an object a paragraph (layout 7): JSON.parse then makes the strings and one
 * array, not 400k objects whose keys it looks up one by one, and the reader makes each paragraph
 * with one object literal, every paragraph of one shape.
 */
type ShortForm = unknown[];

/** Values a paragraph in the short form. */
export const STRIDE = 22;

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

/** Hex digits of the CRC-32 that opens an entry, of the rest of its header line (module header). */
const CHECK = 8;
/** The parts after the header line: the ids line, the short form's line, the piece. */
const PARTS = 3;
/**
 * The digits that open an entry: its check, then each later part's length and CRC-32, eight hex
 * digits each (layout 11). The check covers them: a header that passes it vouches for every part.
 */
export const FRAME = CHECK + PARTS * 16;

/** `n` as eight hex digits at `at` of `bytes`. */
function putHex(bytes: Uint8Array, at: number, n: number): void {
  const digits = (n >>> 0).toString(16).padStart(8, "0");
  for (let i = 0; i < 8; i++) bytes[at + i] = digits.charCodeAt(i);
}

/**
 * An entry's bytes with their first `FRAME` written over by the lengths and CRC-32s of the parts
 * after the header line, then by the check of the header line; the same array. The parts are
 * found by their newlines (the header's, the ids line's, the short form's), as the codec writes
 * them; a part that is not there is empty.
 */
export function sealed(bytes: Uint8Array): Uint8Array {
  const ends: number[] = [];
  let at = bytes.indexOf(0x0a);
  const nl = at < 0 ? bytes.length : at;
  for (let k = 0; k < PARTS - 1; k++) {
    at = at < 0 ? -1 : bytes.indexOf(0x0a, at + 1);
    ends.push(at < 0 ? bytes.length : at + 1);
  }
  ends.push(bytes.length);
  let start = Math.min(nl + 1, bytes.length);
  for (let k = 0; k < PARTS; k++) {
    const end = Math.max(start, ends[k]!);
    putHex(bytes, CHECK + 16 * k, end - start);
    putHex(bytes, CHECK + 16 * k + 8, crc32(bytes.subarray(start, end)));
    start = end;
  }
  putHex(bytes, 0, crc32(bytes.subarray(CHECK, nl)));
  return bytes;
}

/** Where an entry's parts stand, as its opening digits say, and their CRC-32s. */
interface Frame {
  check: number;
  /** The header line's newline. */
  nl: number;
  /** Where the ids line, the short form's line and the piece start, and where the piece ends. */
  at: [ids: number, short: number, piece: number, end: number];
  sums: [ids: number, short: number, piece: number];
}

/** Eight hex digits, lower case, as `putHex` writes them. */
const HEX = /^[0-9a-f]{8}$/;

/**
 * The frame of an entry of `size` bytes whose first bytes are `buf`; null when its digits are not
 * a frame, or its parts do not leave room for a header line. Not checked yet: its check is.
 */
function frameOf(buf: Buffer, size: number): Frame | null {
  if (buf.length < FRAME) return null;
  const n: number[] = [];
  for (let at = 0; at < FRAME; at += 8) {
    const digits = buf.toString("latin1", at, at + 8);
    if (!HEX.test(digits)) return null;
    n.push(Number.parseInt(digits, 16));
  }
  const [check, idsLength, idsSum, shortLength, shortSum, pieceLength, pieceSum] = n as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const nl = size - idsLength - shortLength - pieceLength - 1;
  if (nl < FRAME) return null;
  const short = nl + 1 + idsLength;
  return {
    check,
    nl,
    at: [nl + 1, short, short + shortLength, size],
    sums: [idsSum, shortSum, pieceSum],
  };
}

/**
 * How many of its first bytes an entry of `size` bytes needs read for its header and its ids line
 * (`readHead`), as its frame in `prefix` says; -1 when `prefix` does not open an entry of this
 * layout's frame.
 */
export function headLength(prefix: Uint8Array, size: number): number {
  const frame = frameOf(Buffer.from(prefix.buffer, prefix.byteOffset, prefix.byteLength), size);
  return frame ? frame.at[1] : -1;
}

/**
 * Whether part `k` of an entry (0 the ids line, 1 the short form's, 2 the piece) is whole in
 * `buf` and its CRC-32 the frame's: a part that is not empty ends in a newline.
 */
function partSound(buf: Uint8Array, frame: Frame, k: number): boolean {
  const start = frame.at[k]!;
  const end = frame.at[k + 1]!;
  if (end > buf.length) return false;
  if (end > start && buf[end - 1] !== 0x0a) return false;
  return crc32(buf.subarray(start, end)) === frame.sums[k];
}

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
  /** The piece's CRC-32, as the entry's frame gives it: what the piece read again must match. */
  pieceSum: number;
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
  const rows: ShortForm = [];
  let piece = "";
  let bytes = 0;
  for (const p of paragraphs) {
    const line = JSON.stringify(p);
    const span = textSpan(line, p.text);
    let text: [unknown, number] = [p.text, 0];
    if (span) {
      const start = bytes + Buffer.byteLength(line.slice(0, span[0]));
      text = [start, start + Buffer.byteLength(p.text)];
    }
    // In the order of the paragraph's keys (`ShortForm`), which is its schema's: the reader makes
    // the keys in that order, as JSON.parse of the line would.
    rows.push(
      p.id,
      p.address,
      p.anchor === p.address ? 0 : p.anchor,
      p.doc === doc ? 0 : p.doc,
      p.lang === lang ? 0 : p.lang,
      shared(p.part),
      p.scope,
      p.num,
      p.label,
      ...text,
      p.footnotes.length === 0 ? shared(p.footnotes) : p.footnotes,
      shared(p.headings),
      p.parent,
      p.seq,
      p.source.file === file ? 0 : p.source.file,
      p.source.line,
      p.source.endLine ?? null,
      p.kind,
      shared(p.flags),
      p.items ?? null,
      p.pages ?? null,
    );
    piece += `${line}\n`;
    bytes += Buffer.byteLength(line) + 1;
  }
  const ids = joinIds(paragraphs);
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
    count: paragraphs.length,
    runs: scanRuns(paragraphs),
    joined: ids !== null,
  };
  const line: IdsLine = [ids, joinIds(paragraphs, "address")];
  // TextEncoder, not Buffer.from: a small Buffer is a slice of a shared pool, which a transfer
  // would take away from every other Buffer in it.
  return sealed(
    new TextEncoder().encode(
      `${"0".repeat(FRAME)}${asciiJson(header)}\n${asciiJson(line)}\n${asciiJson(rows)}\n${piece}`,
    ),
  );
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

/** Where each line of `piece` ends (its newline). */
function lineEnds(piece: Buffer): number[] {
  const ends: number[] = [];
  for (let at = piece.indexOf(0x0a); at >= 0; at = piece.indexOf(0x0a, at + 1)) ends.push(at);
  return ends;
}

/** An entry's short form with what it refers to: the header's lists and values, the export's bytes. */
interface ShortEntry {
  rows: unknown[];
  lists: (readonly unknown[])[];
  piece: Buffer;
  doc: string;
  lang: string;
  file: string;
}

/**
 * The paragraph whose values start at `at` in the short form, its line of the export being
 * [lineStart, lineEnd) of the piece; null when a value is not of its key's type or refers out of
 * place (an entry edited by hand): a miss, never a paragraph made of the wrong values. One object
 * literal, its keys in the schema's order, as JSON.parse of the line gives them; the optional
 * keys added after, in that order too.
 */
function paragraphOf(e: ShortEntry, at: number, lineStart: number, lineEnd: number): Paragraph | null {
  const r = e.rows;
  const id = r[at];
  const address = r[at + 1];
  const anchor = r[at + 2] === 0 ? address : r[at + 2];
  const doc = r[at + 3] === 0 ? e.doc : r[at + 3];
  const lang = r[at + 4] === 0 ? e.lang : r[at + 4];
  const scope = r[at + 6];
  const num = r[at + 7];
  const label = r[at + 8];
  const parent = r[at + 13];
  const seq = r[at + 14];
  const file = r[at + 15] === 0 ? e.file : r[at + 15];
  const line = r[at + 16];
  const endLine = r[at + 17];
  const kind = r[at + 18];
  const items = r[at + 20];
  const pages = r[at + 21];
  if (
    typeof id !== "string" ||
    typeof address !== "string" ||
    typeof anchor !== "string" ||
    typeof doc !== "string" ||
    typeof lang !== "string" ||
    (scope !== null && typeof scope !== "string") ||
    !Array.isArray(num) ||
    typeof label !== "string" ||
    (parent !== null && typeof parent !== "string") ||
    !Number.isInteger(seq) ||
    typeof file !== "string" ||
    !Number.isInteger(line) ||
    (endLine !== null && !Number.isInteger(endLine)) ||
    typeof kind !== "string" ||
    (items !== null && !Array.isArray(items)) ||
    (pages !== null && (typeof pages !== "object" || Array.isArray(pages)))
  )
    return null;
  const part = sharedList(e, r[at + 5]);
  const text = textAt(e, r[at + 9], r[at + 10], lineStart, lineEnd);
  const footnotes = Array.isArray(r[at + 11]) ? (r[at + 11] as unknown[]) : sharedList(e, r[at + 11]);
  const headings = sharedList(e, r[at + 12]);
  const flags = sharedList(e, r[at + 19]);
  if (!part || text === null || !footnotes || !headings || !flags) return null;
  const p = {
    id,
    address,
    anchor,
    doc,
    lang,
    part,
    scope,
    num,
    label,
    text,
    footnotes,
    headings,
    parent,
    seq,
    source: endLine === null ? { file, line } : { file, line, endLine },
    kind,
    flags,
  } as Paragraph;
  if (items !== null) p.items = items as Paragraph["items"];
  if (pages !== null) p.pages = pages as Paragraph["pages"];
  return p;
}

/**
 * One of the lists the document's paragraphs share, by its index. The document's paragraphs with
 * the same heading path, part, flags or no footnotes share one array, frozen (no stage writes to
 * those; one that tried would throw, not change its neighbours'): some 700k arrays fewer to make
 * and collect at 200k paragraphs.
 */
function sharedList(e: ShortEntry, index: unknown): readonly unknown[] | undefined {
  return typeof index === "number" ? e.lists[index] : undefined;
}

/**
 * A paragraph's text: the string the short form holds, or the span of its bytes inside the
 * paragraph's own line of the export, between the quotes of a JSON string (bytes out of place, an
 * entry edited by hand, fail this rather than give a text cut elsewhere); null when neither.
 */
function textAt(
  e: ShortEntry,
  start: unknown,
  end: unknown,
  lineStart: number,
  lineEnd: number,
): string | null {
  if (typeof start === "string") return end === 0 ? start : null;
  if (
    typeof start !== "number" ||
    typeof end !== "number" ||
    !Number.isInteger(start) ||
    !Number.isInteger(end) ||
    start <= lineStart ||
    end < start ||
    end >= lineEnd ||
    e.piece[start - 1] !== 0x22 ||
    e.piece[end] !== 0x22
  )
    return null;
  return textOf(e.piece, start, end);
}

/**
 * What an entry says of its document without its paragraphs: the header, checked, and where its
 * ids line and its piece of paragraphs.jsonl stand, with their CRC-32s (each checked when it is
 * read). Null on anything unexpected (a miss).
 */
export interface EntryHead {
  parsed: Omit<Parsed, "paragraphs">;
  sections: Section[];
  count: number;
  runs: ParagraphRun[];
  /** Whether its ids line joins its ids (`CacheHeader.joined`). */
  joined: boolean;
  /** Bytes [at, end) of the entry: its ids line (`IdsLine`), to be read by `readIds`. */
  ids: { at: number; end: number; sum: number };
  /**
   * The ids line's text, its CRC-32 checked, when the bytes read held it (`headLength`): parsed
   * when a lookup asks (`idsOfLine`). Kept as read, one string, rather than read again by range:
   * the reuse stage asks for the ids of most documents in every build after a change, and an
   * entry opened again costs more than the copy.
   */
  idsLine?: string;
  /** Where the piece of paragraphs.jsonl starts in the entry's bytes (`ReadyDoc`), and its CRC-32. */
  pieceAt: number;
  pieceSum: number;
}

/**
 * The header of an entry of `size` bytes whose first bytes (its header line at least) are `buf`,
 * checked (its CRC, which vouches for the frame, versions, layout, file, the types read); null
 * when it is not one.
 */
function headOf(buf: Buffer, file: string, size: number): { h: CacheHeader; frame: Frame } | null {
  const frame = frameOf(buf, size);
  if (!frame || buf.length <= frame.nl || buf[frame.nl] !== 0x0a) return null;
  const { nl } = frame;
  if (crc32(buf.subarray(CHECK, nl)) !== frame.check) return null;
  // The header and the short form are written in ASCII (`asciiJson`): read as one-byte strings,
  // a copy where UTF-8 would be decoded, and JSON.parse reads those faster too. A byte past
  // ASCII there is not an entry this code wrote.
  if (!isAscii(buf.subarray(0, nl))) return null;
  const h = JSON.parse(buf.toString("latin1", FRAME, nl)) as CacheHeader;
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
    !Array.isArray(h.sections) ||
    !Array.isArray(h.runs) ||
    !Number.isInteger(h.count) ||
    typeof h.joined !== "boolean"
  )
    return null;
  if (!Array.isArray(h.lists) || typeof h.doc !== "string" || typeof h.lang !== "string") return null;
  // The runs cover the paragraphs, in order: a stage reads them in place of the paragraphs.
  let at = 0;
  for (const r of h.runs) {
    if (r.from !== at || !(r.to > r.from)) return null;
    at = r.to;
  }
  if (at !== h.count) return null;
  return { h, frame };
}

/** How many ids a joined list holds (`IdsLine`): one more than its separators, none when empty. */
function idCount(ids: string): number {
  if (ids === "") return 0;
  let n = 1;
  for (let at = ids.indexOf("\n"); at >= 0; at = ids.indexOf("\n", at + 1)) n++;
  return n;
}

/**
 * An entry's header read back from its first bytes (`headLength` of them at least), its ids line,
 * short form and paragraphs left in the entry; null on anything unexpected (a miss). `size` is the
 * whole entry's: the frame places the parts from its end. What is not read here is checked when
 * it is read (`readIds`, `readEntry`, `readParagraph`, the piece's CRC-32 when it is copied:
 * cache.ts `piecesOf`).
 */
export function readHead(
  bytes: Uint8Array | undefined,
  file: string,
  size = bytes?.length ?? 0,
): EntryHead | null {
  if (bytes === undefined) return null;
  try {
    const head = headOf(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), file, size);
    if (!head) return null;
    const { h, frame } = head;
    const [at, end] = frame.at;
    const out: EntryHead = {
      parsed: { headings: h.headings, parts: h.parts, diagnostics: h.diagnostics },
      sections: h.sections,
      count: h.count,
      runs: h.runs,
      joined: h.joined,
      ids: { at, end, sum: frame.sums[0] },
      pieceAt: frame.at[2],
      pieceSum: frame.sums[2],
    };
    // A line that fails its CRC-32 is left out: read again when asked, and found a miss then.
    if (bytes.length >= end && partSound(bytes, frame, 0) && isAscii(bytes.subarray(at, end)))
      out.idsLine = latin1(bytes, at, end - 1);
    return out;
  } catch {
    return null;
  }
}

/**
 * An entry's ids line (its bytes `head.ids` names) read back: the ids and the addresses joined,
 * each null when the header says its ids are not joined; null when the line is not the one the
 * header vouches for (its CRC-32, as many ids as paragraphs).
 */
export function readIds(
  line: Uint8Array,
  head: Pick<EntryHead, "count" | "joined" | "ids">,
): JoinedIds | null {
  const length = head.ids.end - head.ids.at;
  if (line.length !== length || length === 0 || line[length - 1] !== 0x0a) return null;
  // Written in ASCII (`asciiJson`): a byte past it is not a line this code wrote.
  if (crc32(line) !== head.ids.sum || !isAscii(line)) return null;
  return idsOfLine(latin1(line, 0, length - 1), head);
}

/** A document's ids and addresses joined (`IdsLine`). */
export interface JoinedIds {
  ids: string | null;
  addresses: string | null;
}

/** `bytes` [start, end) as a one-byte string. */
function latin1(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1", start, end);
}

/**
 * An ids line's text (its newline left out, its CRC-32 checked and its bytes ASCII: `readIds`,
 * `EntryHead.idsLine`) parsed; null when it is not JSON of as many ids as the header says.
 */
export function idsOfLine(text: string, head: Pick<EntryHead, "count" | "joined">): JoinedIds | null {
  try {
    const value = JSON.parse(text) as unknown;
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [ids, addresses] = value as IdsLine;
    if ((ids !== null) !== head.joined) return null;
    for (const joined of [ids, addresses])
      if (joined !== null && (typeof joined !== "string" || idCount(joined) !== head.count)) return null;
    return { ids, addresses };
  } catch {
    return null;
  }
}

/**
 * Paragraph `k` of an entry alone, as its line of paragraphs.jsonl holds it (JSON.parse of the
 * line: the export's own bytes, which the short form reads back to, key for key); null on
 * anything unexpected (the caller then makes the whole document, which knows a miss). The
 * entry's header, ids line and piece are checked (their CRC-32s), and the paragraph must bear the
 * id the ids line gives it.
 */
export function readParagraph(bytes: Uint8Array, file: string, k: number): Paragraph | null {
  try {
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const head = readHead(buf, file);
    if (!head?.joined || !(k >= 0 && k < head.count)) return null;
    const ids = readIds(buf.subarray(head.ids.at, head.ids.end), head)?.ids;
    if (!ids || crc32(buf.subarray(head.pieceAt)) !== head.pieceSum) return null;
    let start = head.pieceAt;
    for (let j = 0; j < k && start > 0; j++) start = buf.indexOf(0x0a, start) + 1;
    const end = buf.indexOf(0x0a, start);
    if (start <= 0 || end < 0) return null;
    const p = JSON.parse(textOf(buf, start, end)) as Paragraph;
    return p !== null && typeof p === "object" && p.id === ids.split("\n", k + 1)[k] ? p : null;
  } catch {
    return null;
  }
}

/** Read an entry back, every part checked (their CRC-32s); null on anything unexpected (a miss, never an error). */
export function readEntry(bytes: Uint8Array | undefined, file: string): ReadyDoc | null {
  if (bytes === undefined) return null;
  try {
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const head = headOf(buf, file, buf.length);
    if (!head) return null;
    const { h, frame } = head;
    for (let k = 0; k < PARTS; k++) if (!partSound(buf, frame, k)) return null;
    const [, shortAt, pieceAt] = frame.at;
    if (!isAscii(buf.subarray(shortAt, pieceAt))) return null;
    const piece = buf.subarray(pieceAt);
    const rows = JSON.parse(buf.toString("latin1", shortAt, pieceAt - 1)) as unknown;
    if (!Array.isArray(rows) || rows.length % STRIDE !== 0) return null;
    // One paragraph a line of the export: an entry cut at the end of a line has fewer lines.
    const ends = lineEnds(piece);
    if (ends.length * STRIDE !== rows.length || ends.length !== h.count) return null;
    const lists: (readonly unknown[])[] = [];
    for (const list of h.lists as unknown[]) {
      if (!Array.isArray(list)) return null;
      lists.push(Object.freeze(list));
    }
    const paragraphs: Paragraph[] = [];
    const shortForm: ShortEntry = { rows, lists, piece, doc: h.doc, lang: h.lang, file };
    for (let i = 0; i < ends.length; i++) {
      const p = paragraphOf(shortForm, i * STRIDE, i === 0 ? 0 : ends[i - 1]! + 1, ends[i]!);
      if (!p) return null;
      paragraphs.push(p);
    }
    return {
      parsed: { paragraphs, headings: h.headings, parts: h.parts, diagnostics: h.diagnostics },
      sections: h.sections,
      pieceAt,
      pieceSum: frame.sums[2],
    };
  } catch {
    return null;
  }
}
