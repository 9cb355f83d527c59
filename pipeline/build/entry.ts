/**
 * A parsed document as the parse cache keeps it (cache.ts, "Decisions"): one JSONL text, a header
 * line (versions, layout, file, headings, parts, diagnostics), then the document's paragraphs,
 * validated, exactly as paragraphs.jsonl carries them. Made where the document is parsed (a parse
 * worker, parse-worker.ts, or the main thread) and read back by the build the way a cache hit is.
 *
 * Decision: the codec is apart from cache.ts so that a parse worker can make the entry itself and
 * hand its bytes back by transfer. Before, the worker's result (every paragraph an object with
 * nested arrays) was copied by structured clone, field by field on both threads, then validated,
 * serialised and turned into the entry's text on the main thread: at 50k paragraphs the clone
 * alone was some 0.5 s of CPU. Now the main thread reads the entry as it reads a cache hit, one
 * JSON.parse a line, and writes its bytes to the cache as they are.
 */
import { Paragraph, SCHEMA_VERSION, type Section } from "../../schemas/index.ts";
import { PARSER_VERSION, type Parsed } from "../parse/index.ts";
import { sectionsOf } from "../parse/record.ts";

/** The layout of a cache entry (module header): another layout is a miss. */
export const LAYOUT = 3;

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
}

/** A parsed document with its paragraphs validated and serialised for export. */
export interface ReadyDoc {
  parsed: Parsed;
  /** Its sections, as `sectionsOf` gives them from its headings and paragraphs. */
  sections: Section[];
  /** Its piece of paragraphs.jsonl: one JSON line per paragraph, each ending in a newline. */
  piece: Uint8Array;
}

/**
 * A fresh parse as a cache entry's bytes: its paragraphs in reading order through their schema
 * (which checks them, and gives the schema's key order), one JSON line each. Throws when a
 * paragraph does not fit its schema (a bug of the parser). The bytes own their buffer (they may
 * be transferred to another thread).
 */
export function entryBytes(file: string, parsed: Parsed): Uint8Array {
  const paragraphs = [...parsed.paragraphs].sort((a, b) => a.seq - b.seq).map((p) => Paragraph.parse(p));
  const header: CacheHeader = {
    parserVersion: PARSER_VERSION,
    schemaVersion: SCHEMA_VERSION,
    layout: LAYOUT,
    file,
    headings: parsed.headings,
    parts: parsed.parts,
    diagnostics: parsed.diagnostics,
    sections: sectionsOf(parsed.headings, paragraphs),
  };
  let text = `${JSON.stringify(header)}\n`;
  for (const p of paragraphs) text += `${JSON.stringify(p)}\n`;
  // TextEncoder, not Buffer.from: a small Buffer is a slice of a shared pool, which a transfer
  // would take away from every other Buffer in it.
  return new TextEncoder().encode(text);
}

/** Read an entry back; null on anything unexpected (a miss, never an error). */
export function readEntry(bytes: Uint8Array | undefined, file: string): ReadyDoc | null {
  if (bytes === undefined) return null;
  try {
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const nl = buf.indexOf(0x0a);
    if (nl < 0) return null;
    const h = JSON.parse(buf.toString("utf8", 0, nl)) as CacheHeader;
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
    const piece = buf.subarray(nl + 1);
    // Every line ends in a newline: an entry cut short ends in the middle of one.
    if (piece.length > 0 && piece[piece.length - 1] !== 0x0a) return null;
    const lines = piece.toString("utf8").split("\n");
    lines.pop();
    const paragraphs = lines.map((l) => JSON.parse(l) as Paragraph);
    return {
      parsed: { paragraphs, headings: h.headings, parts: h.parts, diagnostics: h.diagnostics },
      sections: h.sections,
      piece,
    };
  } catch {
    return null;
  }
}
