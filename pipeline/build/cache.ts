/**
 * Cache: the loaded documents -> parsed, validated and ready to export, through the parse cache.
 * Only the documents the cache does not hold are parsed, on worker threads when there are enough
 * of them (parse-worker.ts); each on its own, so one that throws is reported and left out.
 *
 * Decisions:
 * - The key is the SHA-256 of the parser version, the file's path and its bytes: the path is in it
 *   because positions in the output carry it.
 * - An entry is a text of lines: a header line (a CRC-32 of the rest, versions, layout, file,
 *   headings, parts, diagnostics, the document's sections), the paragraphs in a short form
 *   (entry.ts), then the document's paragraphs exactly as paragraphs.jsonl carries them, already
 *   validated, each line ending in a newline. A hit then costs one JSON.parse of the short form, no validation or
 *   stringify, and the entry's last bytes are the document's piece of paragraphs.jsonl as they
 *   stand: the writer copies them, never encodes the lines again (133 MB at 200k paragraphs). An
 *   entry that does not read back as one (another version or layout, another file, anything
 *   unexpected) is a miss, never an error. The entry's codec is entry.ts, which a parse worker
 *   runs too: a fresh parse arrives as an entry's bytes.
 * - A hit's bytes are not kept: the store reads each entry into a buffer the next read reuses,
 *   the paragraphs are copied out of it as strings, and the piece is named by where it stands in
 *   the entry (`Piece`), read again by range when paragraphs.jsonl is written (`piecesOf`). Holding
 *   every entry's buffer to the write cost their pages faulted in fresh, and some 200 MB alive through
 *   the stages, at 200k paragraphs. The store vouches that the entry is still the bytes read
 *   (host.ts `TextCache`); one that is not fails the write before anything is swapped in.
 * - The store itself is the runner's (a folder through host.ts, or none): this module only asks
 *   it for texts by key, so it never touches the disk.
 */
import { availableParallelism } from "node:os";
import type { Diagnostic, DocumentRecord, Paragraph } from "../../schemas/index.ts";
import { diag } from "../diagnostics.ts";
import { sha256 } from "../hash.ts";
import type { LoadedDocument } from "../load/index.ts";
import { PARSER_VERSION, type ParseInput } from "../parse/index.ts";
import { documentRecord } from "../parse/record.ts";
import { type ParseOutcome, parseInWorkers, parseSafely } from "../parse-worker.ts";
import { entryBytes, type ReadyDoc, readEntry } from "./entry.ts";

/** Where cache entries are kept: texts by key, read back as their UTF-8 bytes. `set` may do nothing (a read-only cache). */
export interface TextStore {
  /**
   * An entry's bytes, which may be a view of a buffer the next call reuses (what is kept is copied
   * out before), and a stamp naming those bytes for `range`; undefined when there is none.
   */
  read(key: string): { bytes: Uint8Array; stamp: string } | undefined;
  /**
   * Bytes [start, end) of the entry `read` found with this stamp, a view of a buffer the next call
   * reuses; throws when the entry is no longer those bytes (host.ts `TextCache`).
   */
  range(key: string, stamp: string, start: number, end: number): Uint8Array;
  set(key: string, text: string | Uint8Array): void;
}

/**
 * A document's piece of paragraphs.jsonl: the bytes of a fresh parse's entry, or where the piece
 * stands in a cache entry read before, to be read again when it is written.
 */
type Piece = Uint8Array | { key: string; stamp: string; start: number; end: number };

/** Below this many documents to parse, starting worker threads costs more than it saves. */
export const WORKER_THRESHOLD = 8;

/** How the documents are parsed. */
export interface ParseOptions {
  /** The parse cache, or null for none (--no-cache). */
  cache: TextStore | null;
  /** Threads to parse on (default: the cores available, at most 4); 1 parses on the main thread. */
  threads?: number;
  /**
   * Called once per document found in the cache (`step` "cache") or parsed (`step` "parse"), and
   * at the start and the end of each: reading the hits is a step of its own, so a caller that times
   * the steps (the bench) does not count it in the loading before it.
   */
  onProgress?: (done: number, total: number, label: string, step: "cache" | "parse") => void;
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
   * Each call reads them anew: a cache hit's piece from its entry (`piecesOf`), each chunk a view
   * valid until the next is asked for. Throws when an entry is no longer the bytes read before.
   */
  pieces: () => Iterable<Uint8Array>;
  /** The parser's diagnostics, and one for each document the parser failed on. */
  diagnostics: Diagnostic[];
  /** How many documents were parsed, and how many came from the cache. */
  stats: { parsed: number; cached: number };
  /** The cache key of every document given, in order (the entries this build stands on). */
  keys: string[];
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
    const hash = doc.sha256;
    return { hash, key: sha256(`acquis parse v${PARSER_VERSION}\n${doc.file}\n${hash}`) };
  });
  progress(0, docs.length, "", "cache");
  const pieces: Array<Piece | undefined> = docs.map(() => undefined);
  const readyDocs: Array<ReadyDoc | undefined> = docs.map((doc, i) => {
    const key = keys[i]!.key;
    const entry = cache?.read(key);
    const hit = readEntry(entry?.bytes, doc.file);
    if (!hit || !entry) return undefined;
    // The entry's bytes are a buffer the next read reuses (readEntry copied out what it keeps):
    // the piece is read again when it is written, by where it stands.
    pieces[i] = { key, stamp: entry.stamp, start: hit.pieceAt, end: entry.bytes.length };
    progress(++stats.cached, docs.length, `${doc.meta.symbol} ${doc.meta.lang}`, "cache");
    return hit;
  });
  const outcomes: Array<ParseOutcome | undefined> = docs.map(() => undefined);
  const misses = docs.flatMap((_, i) => (readyDocs[i] ? [] : [i]));
  const inputs: ParseInput[] = misses.map((i) => {
    const doc = docs[i]!;
    return { file: doc.file, markdown: doc.body, firstLine: doc.firstLine, meta: doc.meta };
  });
  let done = stats.cached;
  // Each result as it comes: validated and serialised once, where it was parsed (entry.ts: a
  // worker hands back the cache entry's bytes), read back here as a cache hit is, and cached;
  // with workers, this runs on the main thread while they parse the next documents.
  const settle = (j: number, outcome: ParseOutcome) => {
    const i = misses[j]!;
    outcomes[i] = outcome;
    if (outcome.ok) {
      stats.parsed++;
      const file = docs[i]!.file;
      const bytes = outcome.entry ?? entryBytes(file, outcome.parsed);
      const r = readEntry(bytes, file);
      // An entry made this moment that does not read back is a bug of the codec, not a miss.
      if (!r) throw new Error(`the parse of ${file} did not read back from its cache entry`);
      readyDocs[i] = r;
      pieces[i] = bytes.subarray(r.pieceAt);
      cache?.set(keys[i]!.key, bytes);
    }
    const doc = docs[i]!;
    progress(++done, docs.length, `${doc.meta.symbol} ${doc.meta.lang}`, "parse");
  };
  progress(done, docs.length, "", "parse");
  const threads = options.threads ?? Math.min(availableParallelism(), 4);
  if (threads > 1 && inputs.length >= WORKER_THRESHOLD)
    await parseInWorkers(inputs, threads, settle, { entries: true });
  else for (const [j, input] of inputs.entries()) settle(j, parseSafely(input));
  const kept: Piece[] = [];
  const out: ParsedCorpus = {
    documents: [],
    paragraphs: [],
    pieces: () => piecesOf(kept, cache),
    diagnostics: [],
    stats,
    keys: keys.map((k) => k.key),
  };
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
    out.documents.push(documentRecord(doc, keys[i]!.hash, r.parsed, r.sections));
    for (const p of r.parsed.paragraphs) out.paragraphs.push(p);
    kept.push(pieces[i]!);
  }
  progress(docs.length, docs.length, "", "parse");
  return out;
}

/**
 * The pieces' bytes, in order: a fresh parse's as they are, a cache hit's read again from its
 * entry with the byte before it, which must be the newline ending the short form (the stamp says
 * the entry is the one read; this says the range is where a piece starts). Throws, never yields
 * other bytes than the ones the build read.
 */
function* piecesOf(pieces: readonly Piece[], cache: TextStore | null): Generator<Uint8Array> {
  for (const p of pieces) {
    if (p instanceof Uint8Array) {
      yield p;
      continue;
    }
    if (p.end === p.start) continue;
    if (!cache) throw new Error("a cached piece of paragraphs.jsonl without its cache");
    const bytes = cache.range(p.key, p.stamp, p.start - 1, p.end);
    if (bytes[0] !== 0x0a || bytes[bytes.length - 1] !== 0x0a)
      throw new Error(
        `the parse cache entry ${p.key} no longer holds its piece of paragraphs.jsonl where it did`,
      );
    yield bytes.subarray(1);
  }
}
