/**
 * Cache: the loaded documents -> parsed, validated and ready to export, through the parse cache.
 * Only the documents the cache does not hold are parsed, on worker threads when there are enough
 * of them (parse-worker.ts); each on its own, so one that throws is reported and left out.
 *
 * Decisions:
 * - The key is the SHA-256 of the parser version, the file's path and its bytes: the path is in it
 *   because positions in the output carry it.
 * - An entry is a text of lines: a header line (its CRC-32 and the length and CRC-32 of each
 *   later part, versions, layout, file, headings, parts, diagnostics, the document's sections),
 *   the paragraphs' ids and addresses, the paragraphs in a short form (entry.ts), then the document's paragraphs exactly as paragraphs.jsonl carries them, already
 *   validated, each line ending in a newline. A hit then costs one JSON.parse of the short form, no validation or
 *   stringify, and the entry's last bytes are the document's piece of paragraphs.jsonl as they
 *   stand: the writer copies them, never encodes the lines again (133 MB at 200k paragraphs). An
 *   entry that does not read back as one (another version or layout, another file, anything
 *   unexpected) is a miss, never an error. The entry's codec is entry.ts, which a parse worker
 *   runs too: a fresh parse arrives as an entry's bytes.
 * - A hit's bytes are not kept: the store reads each entry into a buffer the next read reuses,
 *   the paragraphs are copied out of it as strings, and the piece is named by where it stands in
 *   the entry (`Piece`), read again by range when paragraphs.jsonl is written (`piecesOf`; or
 *   copied from the last output's file, which holds it, written from the same key). Holding
 *   every entry's buffer to the write cost their pages faulted in fresh, and some 200 MB alive through
 *   the stages, at 200k paragraphs. The store vouches that the entry is still the bytes read
 *   (host.ts `TextCache`); one that is not fails the write before anything is swapped in.
 * - After a change (a build with the stages' memos: `lazy`), a hit costs its first bytes (its
 *   header, its CRC checked, and its ids line: `HEAD_BYTES`): the paragraphs stay in the entry
 *   until a stage reads one of them (`LazyCorpus`), and the stages that passed over every
 *   paragraph take the runs the headers give (paragraph-runs.ts). Making 200k paragraphs on every
 *   build cost some 1.4 s of CPU at 200k paragraphs, and the collector most of a second more
 *   promoting them. Reading every entry whole to check it, as layout 10 did, read 240 MB there.
 * - What the header vouches for but the build did not read is checked when it is read (entry.ts,
 *   layout 11), the piece as it is copied into paragraphs.jsonl (`piecesOf`: its CRC-32, one line
 *   a paragraph). A piece that fails is never written: its document is made anew from its source
 *   (the same bytes and parser under the same key give the same piece), checked to be what the
 *   build stood on (as a document made late is: `LazyCorpus`), the entry written again; the build
 *   fails, before anything is swapped in, only when that cannot be vouched for, and says to build
 *   with --no-cache. Parsed again rather than failed: an entry damaged on disk is a miss
 *   everywhere else, and one document's parse costs less than a cold build.
 * - The store itself is the runner's (a folder through host.ts, or none): this module only asks
 *   it for texts by key, so it never touches the disk.
 */
import { availableParallelism } from "node:os";
import { crc32 } from "node:zlib";
import type { Diagnostic, DocumentRecord, Paragraph } from "../../schemas/index.ts";
import { diag } from "../diagnostics.ts";
import { sha256 } from "../hash.ts";
import type { LoadedDocument } from "../load/index.ts";
import {
  type DocumentIds,
  joinIds,
  joinRuns,
  type ParagraphRun,
  registerAlone,
  registerIds,
  registerRuns,
  scanRuns,
} from "../paragraph-runs.ts";
import { PARSER_VERSION, type ParseInput } from "../parse/index.ts";
import { documentRecord } from "../parse/record.ts";
import { type ParseOutcome, parseInWorkers, parseSafely } from "../parse-worker.ts";
import {
  type EntryHead,
  entryBytes,
  headLength,
  idsOfLine,
  type ReadyDoc,
  readEntry,
  readHead,
  readIds,
  readParagraph,
} from "./entry.ts";

/**
 * The last output's paragraphs.jsonl, vouched for by the writer (write.ts `lastParagraphs`): where
 * the piece of each cache key stands in it, and its bytes by range.
 */
export interface LastPieces {
  places: ReadonlyMap<string, { at: number; bytes: number }>;
  /**
   * Bytes [at, at + length) of the file, a view of a buffer the next call reuses; throws when the
   * file no longer has them.
   */
  read(at: number, length: number): Uint8Array;
}

/**
 * Where `pieces` may take its bytes from, and what it tells of them: `last`, the last output's
 * paragraphs.jsonl; `placed`, filled with the cache key and length in bytes of each piece given,
 * in order (where each stands in the file written: the next build's `LastPieces`).
 */
export interface PiecesFrom {
  last?: LastPieces | null;
  placed?: Array<[string, number]>;
}

/** Bytes of the last output read at a time (`piecesOf`): one buffer, reused. */
const RUN_READ = 1 << 20;

/** Where cache entries are kept: texts by key, read back as their UTF-8 bytes. `set` may do nothing (a read-only cache). */
export interface TextStore {
  /**
   * An entry's bytes, which may be a view of a buffer the next call reuses (what is kept is copied
   * out before), its size, and a stamp naming its bytes for `range`; undefined when there is none.
   * Given `limit`, its first `limit` bytes only (all of them when it is shorter).
   */
  read(key: string, limit?: number): { bytes: Uint8Array; stamp: string; size: number } | undefined;
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
type Piece = Uint8Array | CachedPiece;
/** A piece in a cache entry: where it stands, under the stamp it was read with, and its CRC-32. */
interface CachedPiece {
  key: string;
  stamp: string;
  start: number;
  end: number;
  sum: number;
  /** How many paragraphs, one line each: the header's count. */
  count: number;
  file: string;
  /**
   * The document's piece made anew from its source, when this one does not read back as the
   * build read its entry (`piecesOf`); null when that cannot be vouched for.
   */
  again: () => Uint8Array | null;
}

/**
 * The first bytes of an entry read in a build after a change: its header line and its ids line
 * whole in most (39 of the 200k bench's 1,340 entries have longer ones, read on to their end:
 * `headOf`; 32 KB would leave 11, and read twice the bytes).
 */
const HEAD_BYTES = 16 * 1024;

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
  /**
   * Leave a cache hit's paragraphs in its entry until a stage reads them (`LazyCorpus`): for a
   * build with the stages' memos, which reads a few documents' paragraphs. Default false.
   */
  lazy?: boolean;
}

/** The corpus parsed: what documents.json and paragraphs.jsonl export, and what the stages read. */
export interface ParsedCorpus {
  /** One record per document parsed, in the order given (symbol, then language). */
  documents: DocumentRecord[];
  /**
   * Every paragraph, documents in the order above, each in reading order, validated. Asked to be
   * lazy, a cache hit's paragraphs are made when one of them is first read (`LazyCorpus`).
   */
  paragraphs: Paragraph[];
  /** `paragraphs` as a plain array, every document's made (the same array when it is one). */
  whole: () => Paragraph[];
  /**
   * The same paragraphs as paragraphs.jsonl carries them: one piece of UTF-8 bytes per document
   * record above, each line ending in a newline, serialised once (the cache entry's own bytes).
   * Each call reads them anew: a cache hit's piece from the last output's paragraphs.jsonl when
   * `from.last` holds it, else from its entry (`piecesOf`), each chunk a view valid until the next
   * is asked for. Throws when an entry is no longer the bytes read before.
   */
  pieces: (from?: PiecesFrom) => Iterable<Uint8Array>;
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
  const lazy = options.lazy ?? false;
  const readyDocs: Array<ReadyDoc | EntryHead | undefined> = docs.map((doc, i) => {
    const key = keys[i]!.key;
    const entry = cache?.read(key, lazy ? HEAD_BYTES : undefined);
    const hit =
      !entry || !cache ? null : lazy ? headOf(cache, key, entry, doc.file) : readEntry(entry.bytes, doc.file);
    if (!hit || !entry) return undefined;
    // The entry's bytes are a buffer the next read reuses (readEntry copied out what it keeps):
    // the piece is read again when it is written, by where it stands, and checked by its CRC-32.
    pieces[i] = {
      key,
      stamp: entry.stamp,
      start: hit.pieceAt,
      end: entry.size,
      sum: hit.pieceSum,
      count: "count" in hit ? hit.count : hit.parsed.paragraphs.length,
      file: doc.file,
      // Its paragraphs read whole from the entry, the build stands on that piece: parsed again,
      // the fresh piece is used only if it is those bytes (the same key, the same parse).
      again: () => {
        const fresh = parseAgain(doc, key, cache)?.piece;
        return fresh && crc32(fresh) === hit.pieceSum ? fresh : null;
      },
    };
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
  // The cache key of each piece kept, in the same order.
  const keptKeys: string[] = [];
  const corpus = new LazyCorpus(cache, stats);
  const out: ParsedCorpus = {
    documents: [],
    paragraphs: [],
    whole: () => out.paragraphs,
    pieces: (from) => piecesOf(kept, keptKeys, cache, from),
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
    const piece = pieces[i]!;
    if ("paragraphs" in r.parsed) {
      out.documents.push(documentRecord(doc, keys[i]!.hash, r.parsed, r.sections));
      if (lazy) corpus.add(r.parsed.paragraphs);
      else for (const p of r.parsed.paragraphs) out.paragraphs.push(p);
    } else {
      const head = r as EntryHead;
      // Its count from the header: the record reads no more of the paragraphs when given the sections.
      const record = documentRecord(doc, keys[i]!.hash, { ...head.parsed, paragraphs: [] }, head.sections);
      record.paragraphs = head.count;
      out.documents.push(record);
      const at = kept.length;
      keptKeys.push(keys[i]!.key);
      const d = corpus.addLater(head, doc.file, piece as CachedPiece, () => {
        const again = parseAgain(doc, keys[i]!.key, cache);
        if (again) kept[at] = again.piece;
        return again?.ready ?? null;
      });
      // Its paragraphs never read but through its header: a piece that does not read back is made
      // anew as the document is (`LazyCorpus` #make, which checks it is what the header said).
      kept.push({
        ...(piece as CachedPiece),
        again: () => {
          corpus.make(d);
          const made = kept[at];
          return made instanceof Uint8Array ? made : null;
        },
      });
      continue;
    }
    keptKeys.push(keys[i]!.key);
    kept.push(piece);
  }
  if (lazy) {
    out.paragraphs = corpus.paragraphs();
    out.whole = () => corpus.whole();
  }
  progress(docs.length, docs.length, "", "parse");
  return out;
}

/**
 * The header of an entry read by its first bytes (`HEAD_BYTES`), read on to the end of its ids
 * line when that is further (its frame says where it ends); null on a miss.
 */
function headOf(
  cache: TextStore,
  key: string,
  entry: { bytes: Uint8Array; stamp: string; size: number },
  file: string,
): EntryHead | null {
  const need = headLength(entry.bytes, entry.size);
  if (need < 0) return null;
  let bytes = entry.bytes;
  if (need > bytes.length) {
    try {
      bytes = cache.range(key, entry.stamp, 0, need);
    } catch {
      // Replaced or removed since its first bytes were read (another build): a miss.
      return null;
    }
  }
  return readHead(bytes, file, entry.size);
}

/**
 * A cache hit parsed again, when its short form does not read back as its header said (a miss
 * found when its paragraphs are first asked for): its entry made anew and cached, its piece of
 * paragraphs.jsonl the fresh one. Null when the parser fails on it.
 */
function parseAgain(
  doc: LoadedDocument,
  key: string,
  cache: TextStore | null,
): { ready: ReadyDoc; piece: Uint8Array } | null {
  const outcome = parseSafely({
    file: doc.file,
    markdown: doc.body,
    firstLine: doc.firstLine,
    meta: doc.meta,
  });
  if (!outcome.ok) return null;
  const bytes = outcome.entry ?? entryBytes(doc.file, outcome.parsed);
  const ready = readEntry(bytes, doc.file);
  if (!ready) throw new Error(`the parse of ${doc.file} did not read back from its cache entry`);
  cache?.set(key, bytes);
  return { ready, piece: bytes.subarray(ready.pieceAt) };
}

/**
 * The pieces' bytes, in order: a fresh parse's as they are; a cache hit's from the last output's
 * paragraphs.jsonl when it holds the piece of that key (`from.last`), runs of pieces that stood
 * together there read as one; any other cache hit's read again from its entry (the stamp says the
 * entry is the one read) with the byte before it, which must be the newline ending the short form,
 * the piece's CRC-32 the one the entry's frame gives, and one line a paragraph (`linesSound`): in
 * a build after a change the header vouched for the piece, which was not read then. A piece that
 * does not read back so (an entry edited by hand) is never written: its document is made anew
 * from its source (`CachedPiece.again`: the same source bytes and parser, under the same key) and
 * the fresh piece written, the entry made anew; when that cannot be vouched for, the build fails
 * before anything is swapped in. Throws, never yields other bytes than a cold build would write.
 * Decision: the last output's file over the entries, where it can: it was written from the pieces
 * of the same keys, by the same code (the writer vouches for it by its stamp, as for a file it
 * links), so its bytes are the pieces, read in a few large reads with no CRC-32 to compute; from
 * the entries, at 200k paragraphs, the 1,329 pieces cost an open, a stat and a close each and the
 * CRC-32 of 133 MB, some 60 ms of every build after a change. An entry damaged on disk is then
 * found when its piece is next read from it (or its paragraphs by a stage), never used unread.
 */
function* piecesOf(
  pieces: Piece[],
  keys: readonly string[],
  cache: TextStore | null,
  from: PiecesFrom = {},
): Generator<Uint8Array> {
  const { last, placed } = from;
  if (placed) placed.length = 0;
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i]!;
    const run = last ? runOf(pieces, keys, i, last) : 0;
    if (run > 0) {
      const { at } = last!.places.get(keys[i]!)!;
      let end = at;
      for (let j = i; j < i + run; j++) {
        const c = pieces[j] as CachedPiece;
        placed?.push([keys[j]!, c.end - c.start]);
        end += c.end - c.start;
      }
      for (let pos = at; pos < end; pos += RUN_READ) yield last!.read(pos, Math.min(RUN_READ, end - pos));
      i += run - 1;
      continue;
    }
    if (p instanceof Uint8Array) {
      placed?.push([keys[i]!, p.length]);
      yield p;
      continue;
    }
    if (p.end === p.start) {
      placed?.push([keys[i]!, 0]);
      continue;
    }
    const piece = fromEntry(pieces, i, cache);
    placed?.push([keys[i]!, piece.length]);
    yield piece;
  }
}

/**
 * Cache hit `i`'s piece read again from its entry and checked (`piecesOf`), or made anew when it
 * does not read back (the fresh piece then stands in `pieces`); throws when neither.
 */
function fromEntry(pieces: Piece[], i: number, cache: TextStore | null): Uint8Array {
  const p = pieces[i] as CachedPiece;
  if (!cache) throw new Error("a cached piece of paragraphs.jsonl without its cache");
  const bytes = cache.range(p.key, p.stamp, p.start - 1, p.end);
  const piece = bytes.subarray(1);
  if (bytes[0] === 0x0a && crc32(piece) === p.sum && linesSound(piece, p.count)) return piece;
  const fresh = p.again();
  if (!fresh)
    throw new Error(
      `the parse cache entry ${p.key} (${p.file}) holds a piece of paragraphs.jsonl that does not read back as this build read the entry, and ${p.file} parsed again is not what the build stands on: build again with --no-cache`,
    );
  pieces[i] = fresh;
  return fresh;
}

/**
 * How many pieces from `i` on are cache hits that stand one after the other in the last output,
 * each of the length it had there (0 when piece `i` is not one).
 */
function runOf(pieces: readonly Piece[], keys: readonly string[], i: number, last: LastPieces): number {
  let n = 0;
  let next = -1;
  for (let j = i; j < pieces.length; j++) {
    const p = pieces[j]!;
    if (p instanceof Uint8Array) break;
    const was = last.places.get(keys[j]!);
    if (!(was && was.bytes === p.end - p.start)) break;
    if (next >= 0 && was.at !== next) break;
    next = was.at + was.bytes;
    n++;
  }
  return n;
}

/**
 * One line of the export a paragraph, each a JSON object: an entry sealed again by hand, cut at
 * the end of a line or with bytes put between its lines, passes its CRC-32 but not this (what the
 * header alone said of it, read in place of the paragraphs, would not hold).
 */
function linesSound(piece: Uint8Array, count: number): boolean {
  let lines = 0;
  for (let at = 0; at < piece.length; lines++) {
    if (piece[at] !== 0x7b) return false;
    const nl = piece.indexOf(0x0a, at);
    if (nl < 0) return false;
    at = nl + 1;
  }
  return lines === count;
}

/** The files whose paragraphs a lazy corpus made from their entries, since the process started (`LazyCorpus`). */
const made: string[] = [];
/** The files whose paragraphs were made from their cache entries on demand, in order (tests read it). */
export function documentsMade(): readonly string[] {
  return made;
}

/** Paragraphs of a document read alone before it is made whole (`LazyCorpus` `#alone`). */
const ALONE = 4;

/** A cache hit whose paragraphs are still in its entry: what is needed to read them again. */
interface Later {
  head: EntryHead;
  file: string;
  piece: { key: string; stamp: string; end: number };
  /** Parse the document again (its short form did not read back), its piece swapped for the fresh one. */
  again: () => ReadyDoc | null;
}

/**
 * The paragraphs of a build after a change: every document's runs known from the entries'
 * headers (paragraph-runs.ts), a cache hit's paragraphs made when one of them is first read.
 *
 * Decisions:
 * - The array the stages get is a Proxy over a plain array that holds the documents made so far:
 *   reading a paragraph of a document not made yet makes that document's (its entry read again
 *   by range, under the stamp it was read with: one changed since throws, never gives other
 *   paragraphs), then answers from the array. Every caller keeps a `Paragraph[]` and its answers
 *   (a scan still works, it makes every document); the stages that scan the whole array take the
 *   runs instead when they are known (`knownRuns`), and the counter says which still make them.
 *   A class the stages took instead would have changed every stage's input for the same end.
 * - Only the build with the stages' memos is lazy (build/index.ts): a cold build reads every
 *   paragraph, and a Proxy's trap on each read costs there. A lazy build whose memo is then
 *   refused takes the plain array (`whole`), reading the entries again.
 * - A document made later must be the one the header described: its count, runs and ids are
 *   checked against its paragraphs, and one that does not fit fails the build (the header's runs
 *   and ids may have been read in its place by then). The ids of every document, as the header
 *   gives them, are registered with the array (paragraph-runs.ts `idLookup`).
 */
class LazyCorpus {
  readonly #all: Paragraph[] = [];
  readonly #starts: number[] = [];
  readonly #later: Array<Later | null> = [];
  readonly #runs: ParagraphRun[] = [];
  readonly #ids: DocumentIds[] = [];
  /** Each document's ids and addresses joined, once known (given, or read from its entry). */
  readonly #joined: Array<{ ids: string | null; addresses: string | null } | undefined> = [];
  /** Paragraphs read alone (`#alone`), by index, and how many a document has had read so. */
  readonly #single = new Map<number, Paragraph>();
  readonly #asked: number[] = [];
  #size = 0;
  #proxy: Paragraph[] | null = null;
  constructor(
    private readonly cache: TextStore | null,
    private readonly stats: { parsed: number; cached: number },
  ) {}

  /** A document whose paragraphs are made (a fresh parse). */
  add(paragraphs: readonly Paragraph[]): void {
    this.#joined[this.#later.length] = {
      ids: joinIds(paragraphs),
      addresses: joinIds(paragraphs, "address"),
    };
    this.#start(scanRuns(paragraphs), paragraphs.length, null);
    for (const p of paragraphs) this.#all.push(p);
    this.#size += paragraphs.length;
  }

  /** A cache hit, its paragraphs left in its entry. */
  addLater(
    head: EntryHead,
    file: string,
    piece: { key: string; stamp: string; end: number },
    again: () => ReadyDoc | null,
  ): number {
    const d = this.#later.length;
    this.#start(head.runs, head.count, { head, file, piece, again });
    this.#size += head.count;
    this.#all.length = this.#size;
    return d;
  }

  #start(runs: readonly ParagraphRun[], count: number, later: Later | null): void {
    const d = this.#later.length;
    const joined = () => this.#joinedOf(d);
    this.#ids.push({
      start: this.#size,
      count,
      runs,
      joined: later ? later.head.joined : this.#joined[d]!.ids !== null,
      get ids() {
        return joined().ids;
      },
      get addresses() {
        return joined().addresses;
      },
    });
    joinRuns(this.#runs, runs, this.#size);
    this.#starts.push(this.#size);
    this.#later.push(later);
  }

  /** The stages' array: a Proxy that makes a document when one of its paragraphs is first read. */
  paragraphs(): Paragraph[] {
    if (this.#proxy) return this.#proxy;
    const all = this.#all;
    const size = this.#size;
    const indexOf = (key: string | symbol): number => {
      if (typeof key !== "string" || key.length === 0) return -1;
      const c = key.charCodeAt(0);
      if (c < 48 || c > 57) return -1;
      const i = Number(key);
      return Number.isInteger(i) && i < size ? i : -1;
    };
    const made = (i: number) => {
      if (all[i] === undefined) this.#make(this.#docAt(i));
    };
    this.#proxy = new Proxy(all, {
      get: (target, key, receiver) => {
        const i = indexOf(key);
        if (i >= 0) {
          made(i);
          return target[i];
        }
        return Reflect.get(target, key, receiver);
      },
      has: (target, key) => indexOf(key) >= 0 || Reflect.has(target, key),
      getOwnPropertyDescriptor: (target, key) => {
        const i = indexOf(key);
        if (i >= 0) made(i);
        return Reflect.getOwnPropertyDescriptor(target, key);
      },
      ownKeys: (target) => {
        this.whole();
        return Reflect.ownKeys(target);
      },
    });
    registerRuns(this.#proxy, this.#runs);
    registerIds(this.#proxy, this.#ids);
    registerAlone(this.#proxy, (i) => this.#alone(i));
    return this.#proxy;
  }

  /**
   * Paragraph `i` alone (paragraph-runs.ts `paragraphAlone`): the document's when it is made, else
   * its line of the entry read by itself (entry.ts `readParagraph`), the document left unmade.
   * A document asked for more than `ALONE` of its paragraphs so is made whole: each read alone
   * reads and checks its entry whole. One that does not read alone is made (which knows a miss).
   */
  #alone(i: number): Paragraph {
    const made = this.#all[i];
    if (made !== undefined) return made;
    const known = this.#single.get(i);
    if (known) return known;
    const d = this.#docAt(i);
    const later = this.#later[d];
    this.#asked[d] = (this.#asked[d] ?? 0) + 1;
    if (later && this.cache && this.#asked[d]! <= ALONE) {
      const { piece, file } = later;
      const bytes = this.cache.range(piece.key, piece.stamp, 0, piece.end);
      const p = readParagraph(bytes, file, i - this.#starts[d]!);
      if (p) {
        this.#single.set(i, p);
        return p;
      }
    }
    this.#make(d);
    return this.#all[i]!;
  }

  /**
   * Document `d`'s ids and addresses joined: its entry's ids line read when first asked (by range,
   * under its stamp), checked against its header (readIds); a line that is not the one the header
   * vouches for is a miss found late, and the document is made (parsed again: `#make`), its ids
   * then read from its paragraphs.
   */
  #joinedOf(d: number): { ids: string | null; addresses: string | null } {
    const known = this.#joined[d];
    if (known) return known;
    const later = this.#later[d];
    if (later && this.cache) {
      const { head, piece } = later;
      const line = head.idsLine;
      // Its text read with the header (most entries), parsed now and let go; else read by range.
      head.idsLine = undefined;
      const read =
        line !== undefined
          ? idsOfLine(line, head)
          : readIds(this.cache.range(piece.key, piece.stamp, head.ids.at, head.ids.end), head);
      if (read) {
        this.#joined[d] = read;
        return read;
      }
    }
    this.#make(d);
    const start = this.#starts[d]!;
    const paragraphs = this.#all.slice(start, start + this.#ids[d]!.count);
    const made = { ids: joinIds(paragraphs), addresses: joinIds(paragraphs, "address") };
    this.#joined[d] = made;
    return made;
  }

  /** Document `d` (as `addLater` numbered it) made, when it is not yet. */
  make(d: number): void {
    this.#make(d);
  }

  /** Every document's paragraphs made: the plain array under the Proxy. */
  whole(): Paragraph[] {
    for (let d = 0; d < this.#later.length; d++) if (this.#later[d]) this.#make(d);
    return this.#all;
  }

  /** The document holding paragraph `i`: the last start at or before it. */
  #docAt(i: number): number {
    let lo = 0;
    let hi = this.#starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.#starts[mid]! <= i) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /**
   * Make document `d`'s paragraphs from its entry, read again by range under its stamp (one
   * changed since throws). An entry whose later parts do not read back (edited by hand, sealed
   * again by hand, a bug of the codec) is a miss found late: the document is parsed again, and
   * must then be what its header told the build (count, runs, sections, headings, parts,
   * diagnostics), and what its ids line told, when a stage read it, or the build fails: those may
   * have been read in place of the paragraphs by then. Made from its entry, its paragraphs must
   * bear the ids and addresses of its ids line.
   */
  #make(d: number): void {
    const later = this.#later[d];
    if (!later) return;
    if (!this.cache) throw new Error("a cached document's paragraphs without its cache");
    const { head, file, piece } = later;
    const bytes = this.cache.range(piece.key, piece.stamp, 0, piece.end);
    let ready = readEntry(bytes, file);
    const joined = this.#joined[d] ?? (ready && readIds(bytes.subarray(head.ids.at, head.ids.end), head));
    if (!joined) ready = null;
    if (!ready) {
      ready = later.again();
      if (ready && !sameHead(ready, head))
        throw new Error(`${file} parsed again is not what its parse cache entry ${piece.key} said of it`);
      this.stats.parsed++;
      this.stats.cached--;
    }
    const paragraphs = ready?.parsed.paragraphs;
    if (
      !paragraphs ||
      paragraphs.length !== head.count ||
      !sameRuns(scanRuns(paragraphs), head.runs) ||
      (joined && (joinIds(paragraphs) !== joined.ids || joinIds(paragraphs, "address") !== joined.addresses))
    )
      throw new Error(`the parse cache entry ${piece.key} does not hold the paragraphs its header describes`);
    const start = this.#starts[d]!;
    for (let k = 0; k < paragraphs.length; k++) this.#all[start + k] = paragraphs[k]!;
    this.#later[d] = null;
    made.push(file);
  }
}

/** A document parsed again says of itself what its entry's header said (`LazyCorpus`). */
function sameHead(ready: ReadyDoc, head: EntryHead): boolean {
  const { paragraphs: _, ...parsed } = ready.parsed;
  return JSON.stringify([parsed, ready.sections]) === JSON.stringify([head.parsed, head.sections]);
}

/** The same runs: the header's as the codec wrote them, against those of the paragraphs made. */
function sameRuns(a: readonly ParagraphRun[], b: readonly ParagraphRun[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
