/**
 * Cache: the loaded documents -> parsed, validated and ready to export, through the parse cache.
 * Only the documents the cache does not hold are parsed, on worker threads when there are enough
 * of them (parse-worker.ts); each on its own, so one that throws is reported and left out.
 *
 * Decisions:
 * - The key is the SHA-256 of the parser version, the file's path and its bytes: the path is in it
 *   because positions in the output carry it.
 * - An entry is a JSONL text: a header line (versions, layout, file, headings, parts, diagnostics),
 *   then the document's paragraphs exactly as paragraphs.jsonl carries them, already validated,
 *   each line ending in a newline. A hit then costs one JSON.parse per line, no validation or
 *   stringify, and the entry's bytes after the header are the document's piece of
 *   paragraphs.jsonl as they stand: the writer copies them, never encodes the lines again (133 MB
 *   at 200k paragraphs). An entry that does not read back as one (another version or layout,
 *   another file, anything unexpected) is a miss, never an error.
 * - The store itself is the runner's (a folder through host.ts, or none): this module only asks
 *   it for texts by key, so it never touches the disk.
 */
import { availableParallelism } from "node:os";
import { type Diagnostic, type DocumentRecord, Paragraph, SCHEMA_VERSION } from "../../schemas/index.ts";
import { diag } from "../diagnostics.ts";
import { sha256 } from "../hash.ts";
import type { LoadedDocument } from "../load/index.ts";
import { PARSER_VERSION, type Parsed, type ParseInput } from "../parse/index.ts";
import { documentRecord } from "../parse/record.ts";
import { type ParseOutcome, parseInWorkers, parseSafely } from "../parse-worker.ts";

/** Where cache entries are kept: texts by key, read back as their UTF-8 bytes. `set` may do nothing (a read-only cache). */
export interface TextStore {
  get(key: string): Uint8Array | undefined;
  set(key: string, text: string): void;
}

/** The layout of a cache entry (module header): another layout is a miss. */
const LAYOUT = 2;

/** Below this many documents to parse, starting worker threads costs more than it saves. */
export const WORKER_THRESHOLD = 8;

/** How the documents are parsed. */
export interface ParseOptions {
  /** The parse cache, or null for none (--no-cache). */
  cache: TextStore | null;
  /** Threads to parse on (default: the cores available, at most 4); 1 parses on the main thread. */
  threads?: number;
  /** Called once per document parsed or found in the cache, and at the start and the end. */
  onProgress?: (done: number, total: number, label: string) => void;
}

/** The corpus parsed: what documents.json and paragraphs.jsonl export, and what the stages read. */
export interface ParsedCorpus {
  /** One record per document parsed, in the order given (symbol, then language). */
  documents: DocumentRecord[];
  /** Every paragraph, documents in the order above, each in reading order, validated. */
  paragraphs: Paragraph[];
  /**
   * The same paragraphs as paragraphs.jsonl carries them: one piece of UTF-8 bytes per document
   * record above, each line ending in a newline, serialised once (the cache entry's own bytes).
   */
  pieces: Uint8Array[];
  /** The parser's diagnostics, and one for each document the parser failed on. */
  diagnostics: Diagnostic[];
  /** How many documents were parsed, and how many came from the cache. */
  stats: { parsed: number; cached: number };
}

/** The header line of a cache entry. */
interface CacheHeader {
  parserVersion: number;
  schemaVersion: number;
  layout: number;
  file: string;
  headings: Parsed["headings"];
  parts: Parsed["parts"];
  diagnostics: Parsed["diagnostics"];
}

/** A parsed document with its paragraphs validated and serialised for export. */
interface ReadyDoc {
  parsed: Parsed;
  /** Its piece of paragraphs.jsonl: one JSON line per paragraph, each ending in a newline. */
  piece: Uint8Array;
}

/** Validate a fresh parse: paragraphs through their schema (key order = schema order), serialised. */
function ready(parsed: Parsed): ReadyDoc {
  const paragraphs = [...parsed.paragraphs].sort((a, b) => a.seq - b.seq).map((p) => Paragraph.parse(p));
  const text = paragraphs.map((p) => `${JSON.stringify(p)}\n`).join("");
  return { parsed: { ...parsed, paragraphs }, piece: Buffer.from(text, "utf8") };
}

function toCacheText(file: string, doc: ReadyDoc): string {
  const header: CacheHeader = {
    parserVersion: PARSER_VERSION,
    schemaVersion: SCHEMA_VERSION,
    layout: LAYOUT,
    file,
    headings: doc.parsed.headings,
    parts: doc.parsed.parts,
    diagnostics: doc.parsed.diagnostics,
  };
  return `${JSON.stringify(header)}\n${Buffer.from(doc.piece.buffer, doc.piece.byteOffset, doc.piece.byteLength).toString("utf8")}`;
}

/** Read a cache entry back; null on anything unexpected (a miss, never an error). */
function fromCacheBytes(bytes: Uint8Array | undefined, file: string): ReadyDoc | null {
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
    if (!Array.isArray(h.headings) || !Array.isArray(h.parts) || !Array.isArray(h.diagnostics)) return null;
    const piece = buf.subarray(nl + 1);
    // Every line ends in a newline: an entry cut short ends in the middle of one.
    if (piece.length > 0 && piece[piece.length - 1] !== 0x0a) return null;
    const lines = piece.toString("utf8").split("\n");
    lines.pop();
    const paragraphs = lines.map((l) => JSON.parse(l) as Paragraph);
    return {
      parsed: { paragraphs, headings: h.headings, parts: h.parts, diagnostics: h.diagnostics },
      piece,
    };
  } catch {
    return null;
  }
}

/** Parse every document, through the cache; results in the order given. */
export async function parseWithCache(
  docs: readonly LoadedDocument[],
  options: ParseOptions,
): Promise<ParsedCorpus> {
  const { cache } = options;
  const progress = options.onProgress ?? (() => {});
  const stats = { parsed: 0, cached: 0 };
  const keys = docs.map((doc) => {
    const hash = sha256(doc.bytes);
    return { hash, key: sha256(`acquis parse v${PARSER_VERSION}\n${doc.file}\n${hash}`) };
  });
  const readyDocs: Array<ReadyDoc | undefined> = docs.map((doc, i) => {
    const hit = fromCacheBytes(cache?.get(keys[i]!.key), doc.file);
    if (hit) stats.cached++;
    return hit ?? undefined;
  });
  const outcomes: Array<ParseOutcome | undefined> = docs.map(() => undefined);
  const misses = docs.flatMap((_, i) => (readyDocs[i] ? [] : [i]));
  const inputs: ParseInput[] = misses.map((i) => {
    const doc = docs[i]!;
    return { file: doc.file, markdown: doc.body, firstLine: doc.firstLine, meta: doc.meta };
  });
  let done = stats.cached;
  // Each result as it comes: validated here, once, before it is cached and exported; with
  // workers, this runs on the main thread while they parse the next documents.
  const settle = (j: number, outcome: ParseOutcome) => {
    const i = misses[j]!;
    outcomes[i] = outcome;
    if (outcome.ok) {
      stats.parsed++;
      const r = ready(outcome.parsed);
      readyDocs[i] = r;
      cache?.set(keys[i]!.key, toCacheText(docs[i]!.file, r));
    }
    const doc = docs[i]!;
    progress(++done, docs.length, `${doc.meta.symbol} ${doc.meta.lang}`);
  };
  progress(done, docs.length, "");
  const threads = options.threads ?? Math.min(availableParallelism(), 4);
  if (threads > 1 && inputs.length >= WORKER_THRESHOLD) await parseInWorkers(inputs, threads, settle);
  else for (const [j, input] of inputs.entries()) settle(j, parseSafely(input));
  const out: ParsedCorpus = { documents: [], paragraphs: [], pieces: [], diagnostics: [], stats };
  for (const [i, doc] of docs.entries()) {
    const r = readyDocs[i];
    const outcome = outcomes[i];
    if (!r) {
      out.diagnostics.push(
        diag(
          "corpus/parse-failed",
          { file: doc.file, line: doc.firstLine },
          `the parser failed on this document (${outcome && !outcome.ok ? outcome.error : "no result"}); it was left out`,
          "This is a bug in acquis: please report it with the file.",
        ),
      );
      continue;
    }
    out.diagnostics.push(...r.parsed.diagnostics);
    out.documents.push(documentRecord(doc, keys[i]!.hash, r.parsed));
    for (const p of r.parsed.paragraphs) out.paragraphs.push(p);
    out.pieces.push(r.piece);
  }
  progress(docs.length, docs.length, "");
  return out;
}
