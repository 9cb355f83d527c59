/**
 * Build the sharded search index (format: core/search/format.ts) from the exported
 * paragraphs. Pure: in comes the corpus, out come file contents keyed by path under
 * dist/data/search/; the build runner writes them.
 *
 * Decision: the index is cut by the browser's own tokeniser (core/search/tokenize.ts),
 * imported here rather than re-implemented, so build and query cannot cut a text two ways.
 * Paragraph numbers follow ranking order (consensus first, newest first, then symbol, language
 * and reading order), so postings read in order are results in rank order. Buckets are sized
 * from the number of postings (about 16,000 a bucket, some 20 KB gzip) so that a query fetches a
 * few small files whatever the corpus size; every file is gzip-compressed and named by a hash of
 * its content, so a site can cache it forever.
 */
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import {
  bucketOf,
  type ChunkRow,
  type DocEntry,
  encodeBucket,
  encodeFormulas,
  encodePostings,
  FORMAT_VERSION,
  type Manifest,
  STATUS_RANK,
} from "../../core/search/format.ts";
import { fold } from "../../core/search/normalize.ts";
import { spanHolding } from "../../core/search/ranges.ts";
import { terms, unigrams } from "../../core/search/tokenize.ts";
import { type DocumentRecord, type Paragraph, slugOf } from "../../schemas/index.ts";
import { knownRuns } from "../paragraph-runs.ts";

/** Version of the files under search/ as the data contract counts it. */
export const SEARCH_SCHEMA_VERSION = 2;

export interface IndexOptions {
  /** Paragraphs per text chunk (default 32: ~5 KB gzip of Chinese a chunk). */
  chunkSize?: number;
  /** Postings aimed at per bucket (default 16,000). */
  postingsPerBucket?: number;
  /** Key terms per document ("A/78/265|zh" -> words), written to terms.<hash>.json.gz. */
  keyTerms?: Record<string, string[]>;
  /** The formula windows the reuse stage counted (sorted hashes), written to formulas.<hash>.bin.gz. */
  formulaWindows?: Uint32Array;
}

export interface IndexStats {
  paragraphs: number;
  documents: number;
  terms: number;
  postings: number;
  buckets: number;
  unigramTerms: number;
  unigramBuckets: number;
  chunks: number;
  /** Bytes on disk (all files gzip-compressed but index.json). */
  bytes: {
    total: number;
    postings: number;
    unigrams: number;
    texts: number;
    docs: number;
    manifest: number;
    formulas: number;
  };
  /** Formula windows shipped. */
  formulaWindows: number;
  /** Largest bucket file, bytes. */
  largestBucket: number;
}

export interface BuiltIndex {
  /** Paths relative to dist/data/search/. */
  files: Record<string, Uint8Array | string>;
  /**
   * Files kept as a memo's piece holds them and not read (BucketFile `source`), by path as
   * `files`: `source` names their bytes (for the writer to take the last output's file made from
   * the same), `read` gives them. Absent on a cold run, and for the files made or read anew.
   */
  kept?: Record<string, { source: string; size: number; read: () => Uint8Array }>;
  manifest: Manifest;
  stats: IndexStats;
}

const gz = (data: Uint8Array | string) =>
  new Uint8Array(gzipSync(typeof data === "string" ? Buffer.from(data, "utf8") : data, { level: 9 }));
const hash10 = (data: Uint8Array | string) => createHash("sha256").update(data).digest("hex").slice(0, 10);

function pow2(n: number, min: number, max: number): number {
  let b = min;
  while (b < n && b < max) b *= 2;
  return b;
}

/** The order documents are ranked in: consensus first, then newest, then symbol and language. */
export function rankDocuments<T extends Pick<DocumentRecord, "status" | "date" | "symbol" | "lang">>(
  docs: T[],
): T[] {
  return [...docs].sort(
    (a, b) =>
      (STATUS_RANK[a.status] ?? 9) - (STATUS_RANK[b.status] ?? 9) ||
      b.date.localeCompare(a.date) ||
      a.symbol.localeCompare(b.symbol) ||
      a.lang.localeCompare(b.lang),
  );
}

/** One bucket file: its content hash (the name's) and its gzip'd bytes. */
export interface BucketFile {
  hash: string;
  gz: Uint8Array;
  /**
   * Set on a file read back from an index memo's piece not read yet (memo-file.ts): `gz` reads
   * the piece when first asked; `size` is its length, `source` the SHA-256 of its bytes (as the
   * memo lists it), so the writer can link the last output's file of the same bytes unread.
   */
  size?: number;
  source?: string;
}

/** A file's gzip'd length, without reading a file kept in a memo's piece. */
const sizeOf = (f: BucketFile) => f.size ?? f.gz.length;

/** A bucket's entries (term, its encoded postings) as a file; the entries are sorted here. */
export function bucketFile(entries: Array<[string, Uint8Array]>): BucketFile {
  entries.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  const raw = encodeBucket(entries);
  return { hash: hash10(raw), gz: gz(raw) };
}

/** Postings of a term map, bucketed, encoded and compressed: one file per non-empty bucket. */
function bucketFiles(map: Map<string, number[]>, buckets: number): Array<BucketFile | null> {
  const byBucket: Array<Array<[string, Uint8Array]>> = Array.from({ length: buckets }, () => []);
  for (const [term, ids] of map) byBucket[bucketOf(term, buckets)]?.push([term, encodePostings(ids)]);
  return byBucket.map((entries) => (entries.length ? bucketFile(entries) : null));
}

/** How many buckets `total` postings take (about `perBucket` each), between `min` and `max`. */
export function bucketCount(total: number, perBucket: number, unigram: boolean): number {
  return unigram ? pow2(total / perBucket, 4, 1024) : pow2(total / perBucket, 8, 4096);
}

/**
 * The fields of a paragraph the index reads (layoutOf, and the key terms' doc, lang and text):
 * what the cold index's worker is sent (worker.ts), not the whole record.
 */
export type IndexedParagraph = Pick<
  Paragraph,
  "doc" | "lang" | "seq" | "address" | "part" | "scope" | "num" | "text"
>;

/** The documents in ranking order and the rows (paragraph numbers) they give. */
export interface Layout {
  docs: DocEntry[];
  /** The "symbol|lang" of each entry of `docs`. */
  keys: string[];
  /** Row n is paragraph number n: [doc index, address, part, scope, num, text]. */
  rows: ChunkRow[];
}

/**
 * Rank the documents and number their paragraphs (see the module header). `documents` gives each
 * paragraph's document its metadata; a paragraph whose document is missing there is indexed with
 * empty metadata, never dropped.
 */
export function layoutOf(
  paragraphs: readonly IndexedParagraph[],
  documents: readonly DocumentRecord[],
): Layout {
  const lazy = layoutLazily(paragraphs, documents);
  const rows: ChunkRow[] = [];
  for (let d = 0; d < lazy.docs.length; d++) for (const row of lazy.rowsOf(d)) rows.push(row);
  return { docs: lazy.docs, keys: lazy.keys, rows };
}

/** The layout with its rows made as they are read (layoutLazily). */
export interface LazyLayout {
  docs: DocEntry[];
  keys: string[];
  /** How many rows there are. */
  rowCount: number;
  /** Row n (n < rowCount). */
  row(n: number): ChunkRow;
  /** The rows of the document at `d` in `docs`, in order. */
  rowsOf(d: number): ChunkRow[];
}

/**
 * layoutOf()'s documents and rows, each document's rows made when first read: the index stage
 * after a change reads the rows of the documents that changed and of the text chunks they stand
 * in, not the 200k rows of the corpus (building them all was 108 ms of a build after one change).
 *
 * Decision: one pass notes each document version's runs of paragraphs (the parse gives them
 * together, but a version's paragraphs apart are runs of their own), in the order of the
 * paragraphs, so a document's paragraphs gathered from its runs are the list layoutOf() sorted,
 * and the sort (stable) gives the same order.
 */
export function layoutLazily(
  paragraphs: readonly IndexedParagraph[],
  documents: readonly DocumentRecord[],
): LazyLayout {
  const recordOf = new Map(documents.map((d) => [`${d.symbol}|${d.lang}`, d]));
  /** Per version: its runs [from, to) in `paragraphs`, and its paragraph count. */
  const groups = new Map<string, { runs: number[]; count: number }>();
  let g: { runs: number[]; count: number } | undefined;
  // The runs when the parse knows them without reading the paragraphs (paragraph-runs.ts): the
  // same groups, and only the documents whose chunks are made read theirs.
  const known = knownRuns(paragraphs);
  for (const r of known ?? []) {
    const key = `${r.doc}|${r.lang}`;
    g = groups.get(key);
    if (!g) {
      g = { runs: [], count: 0 };
      groups.set(key, g);
    }
    g.runs.push(r.from, r.to);
    g.count += r.to - r.from;
  }
  for (let i = 0; !known && i < paragraphs.length; i++) {
    const p = paragraphs[i]!;
    const before = i > 0 ? paragraphs[i - 1]! : null;
    if (g && before && before.doc === p.doc && before.lang === p.lang) {
      g.runs[g.runs.length - 1] = i + 1;
    } else {
      const key = `${p.doc}|${p.lang}`;
      g = groups.get(key);
      if (!g) {
        g = { runs: [], count: 0 };
        groups.set(key, g);
      }
      g.runs.push(i, i + 1);
    }
    g.count++;
  }
  const heads = rankDocuments(
    [...groups.keys()].map((key) => {
      const [symbol, lang] = key.split("|") as [string, "zh" | "en"];
      const rec = recordOf.get(key);
      return {
        key,
        symbol,
        lang,
        // The record's slug: a hyphenated symbol's folder is not its symbol with "/" as "-".
        slug: rec?.slug ?? slugOf(symbol),
        type: rec?.type ?? "",
        body: rec?.body ?? "",
        date: rec?.date ?? "",
        status: rec?.status ?? "other",
      };
    }),
  );
  const docs: DocEntry[] = [];
  let rowCount = 0;
  for (const h of heads) {
    const count = groups.get(h.key)!.count;
    docs.push({
      symbol: h.symbol,
      slug: h.slug,
      lang: h.lang,
      type: h.type,
      body: h.body,
      date: h.date,
      status: h.status,
      title: recordOf.get(h.key)?.title ?? "",
      first: rowCount,
      count,
    });
    rowCount += count;
  }
  const made: Array<ChunkRow[] | undefined> = new Array(docs.length);
  const rowsOf = (d: number): ChunkRow[] => {
    let rows = made[d];
    if (rows) return rows;
    const { runs } = groups.get(heads[d]!.key)!;
    const ps: IndexedParagraph[] = [];
    for (let k = 0; k < runs.length; k += 2)
      for (let i = runs[k]!; i < runs[k + 1]!; i++) ps.push(paragraphs[i]!);
    ps.sort((a, b) => a.seq - b.seq);
    rows = ps.map((p): ChunkRow => [d, p.address, p.part, p.scope, p.num, p.text]);
    made[d] = rows;
    return rows;
  };
  const row = (n: number): ChunkRow => {
    if (!(n >= 0 && n < rowCount)) throw new RangeError(`no row ${n} of ${rowCount}`);
    // The document whose rows hold n: the last one starting at or before it.
    const d = spanHolding(docs, n);
    return rowsOf(d)[n - docs[d]!.first]!;
  };
  return { docs, keys: heads.map((h) => h.key), rowCount, row, rowsOf };
}

/** The index terms of a paragraph's text: pairs and words, and single CJK characters. */
export function rowTerms(text: string): { terms: string[]; unigrams: string[] } {
  const folded = fold(text);
  return { terms: terms(folded), unigrams: unigrams(folded) };
}

/** A text chunk: rows n*size .. n*size+size-1 as JSON, its hash and its gzip'd bytes. */
export function chunkFile(rows: readonly ChunkRow[], n: number, size: number): BucketFile {
  return chunkOf(rows.slice(n * size, (n + 1) * size));
}

/** A text chunk of the rows given (chunkFile). */
export function chunkOf(rows: readonly ChunkRow[]): BucketFile {
  const json = JSON.stringify(rows);
  return { hash: hash10(json), gz: gz(json) };
}

/** Everything the index's files are made of, computed cold or kept and patched (incremental.ts). */
export interface IndexParts {
  chunkSize: number;
  rows: number;
  docs: DocEntry[];
  /** Term buckets and single-character buckets (null: empty), and text chunks. */
  buckets: Array<BucketFile | null>;
  unigramBuckets: Array<BucketFile | null>;
  chunks: BucketFile[];
  /** Distinct terms and postings (the bucket counts follow the postings). */
  terms: number;
  postings: number;
  unigramTerms: number;
  unigramPostings: number;
  keyTerms?: Record<string, string[]>;
  /** The reuse stage's formula windows (IndexOptions.formulaWindows): given anew at every build. */
  formulaWindows?: Uint32Array;
}

/** The files of the index, its manifest and stats, from its parts. */
export function indexFiles(parts: IndexParts): BuiltIndex {
  const files: Record<string, Uint8Array | string> = {};
  const kept: NonNullable<BuiltIndex["kept"]> = {};
  // A file still in a memo's piece goes to `kept`, not read; any other to `files`.
  const file = (path: string, f: BucketFile) => {
    if (f.source !== undefined) kept[path] = { source: f.source, size: sizeOf(f), read: () => f.gz };
    else files[path] = f.gz;
  };
  const put = (dir: string, list: Array<BucketFile | null>) => {
    let bytes = 0;
    let largest = 0;
    list.forEach((f, b) => {
      if (!f) return;
      file(`${dir}/${b}.${f.hash}.bin.gz`, f);
      bytes += sizeOf(f);
      largest = Math.max(largest, sizeOf(f));
    });
    return { hashes: list.map((f) => f?.hash ?? ""), bytes, largest };
  };
  const p = put("p", parts.buckets);
  const u = put("u", parts.unigramBuckets);

  const texts = `t-${hash10(parts.chunks.map((c) => c.hash).join(","))}`;
  let textBytes = 0;
  parts.chunks.forEach((c, n) => {
    file(`${texts}/${n}.json.gz`, c);
    textBytes += sizeOf(c);
  });

  const docsJson = JSON.stringify(parts.docs);
  const docsName = `docs.${hash10(docsJson)}.json.gz`;
  files[docsName] = gz(docsJson);

  let termsName = "";
  if (parts.keyTerms && Object.keys(parts.keyTerms).length) {
    const json = JSON.stringify(parts.keyTerms);
    termsName = `terms.${hash10(json)}.json.gz`;
    files[termsName] = gz(json);
  }

  let formulasName = "";
  let formulaBytes = 0;
  if (parts.formulaWindows?.length) {
    const raw = encodeFormulas(parts.formulaWindows);
    formulasName = `formulas.${hash10(raw)}.bin.gz`;
    const packed = gz(raw);
    files[formulasName] = packed;
    formulaBytes = packed.length;
  }

  const manifest: Manifest = {
    schemaVersion: SEARCH_SCHEMA_VERSION,
    format: FORMAT_VERSION,
    paragraphs: parts.rows,
    chunkSize: parts.chunkSize,
    buckets: parts.buckets.length,
    bucketHashes: p.hashes,
    unigramBuckets: parts.unigramBuckets.length,
    unigramHashes: u.hashes,
    docs: docsName,
    texts,
    terms: termsName,
    formulas: formulasName,
  };
  const manifestJson = `${JSON.stringify(manifest)}\n`;
  files["index.json"] = manifestJson;
  const docsBytes = (files[docsName] as Uint8Array).length;
  return {
    files,
    ...(Object.keys(kept).length ? { kept } : {}),
    manifest,
    stats: {
      paragraphs: parts.rows,
      documents: parts.docs.length,
      terms: parts.terms,
      postings: parts.postings,
      buckets: parts.buckets.length,
      unigramTerms: parts.unigramTerms,
      unigramBuckets: parts.unigramBuckets.length,
      chunks: parts.chunks.length,
      bytes: {
        total: p.bytes + u.bytes + textBytes + docsBytes + manifestJson.length + formulaBytes,
        postings: p.bytes,
        unigrams: u.bytes,
        texts: textBytes,
        docs: docsBytes,
        manifest: manifestJson.length,
        formulas: formulaBytes,
      },
      formulaWindows: parts.formulaWindows?.length ?? 0,
      largestBucket: p.largest,
    },
  };
}

/** Build the index cold (see the module header); `parts` is what the next build can patch. */
export function buildSearchIndex(
  paragraphs: readonly Paragraph[],
  documents: readonly DocumentRecord[],
  opts: IndexOptions = {},
): BuiltIndex & { parts: IndexParts } {
  const parts = indexParts(paragraphs, documents, opts);
  return { ...indexFiles(parts), parts };
}

/**
 * The parts of a cold index: all of buildSearchIndex's work but the few whole-corpus files that
 * indexFiles() makes from them. Apart so that the parts can be computed on a worker thread while
 * the reuse stage runs, and the formula windows it counts added afterwards (worker.ts).
 */
export function indexParts(
  paragraphs: readonly IndexedParagraph[],
  documents: readonly DocumentRecord[],
  opts: IndexOptions = {},
): IndexParts {
  const chunkSize = opts.chunkSize ?? 32;
  const perBucket = opts.postingsPerBucket ?? 16_000;
  const { docs, rows } = layoutOf(paragraphs, documents);
  const postings = new Map<string, number[]>();
  const uni = new Map<string, number[]>();
  let total = 0;
  let totalUni = 0;
  rows.forEach((row, id) => {
    const t = rowTerms(row[5]);
    for (const term of t.terms) {
      const l = postings.get(term);
      if (l) l.push(id);
      else postings.set(term, [id]);
      total++;
    }
    for (const term of t.unigrams) {
      const l = uni.get(term);
      if (l) l.push(id);
      else uni.set(term, [id]);
      totalUni++;
    }
  });
  const chunks: BucketFile[] = [];
  for (let c = 0; c * chunkSize < rows.length; c++) chunks.push(chunkFile(rows, c, chunkSize));
  return {
    chunkSize,
    rows: rows.length,
    docs,
    buckets: bucketFiles(postings, bucketCount(total, perBucket, false)),
    unigramBuckets: bucketFiles(uni, bucketCount(totalUni, perBucket, true)),
    chunks,
    terms: postings.size,
    postings: total,
    unigramTerms: uni.size,
    unigramPostings: totalUni,
    keyTerms: opts.keyTerms,
    ...(opts.formulaWindows ? { formulaWindows: opts.formulaWindows } : {}),
  };
}
