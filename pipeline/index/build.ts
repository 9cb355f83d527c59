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
import { terms, unigrams } from "../../core/search/tokenize.ts";
import { type DocumentRecord, type Paragraph, slugOf } from "../../schemas/index.ts";

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

/** Postings of a term map, bucketed, encoded and compressed. */
function bucketFiles(
  map: Map<string, number[]>,
  buckets: number,
  dir: string,
  files: Record<string, Uint8Array | string>,
): { hashes: string[]; bytes: number; largest: number } {
  const byBucket: Array<Array<[string, number[]]>> = Array.from({ length: buckets }, () => []);
  for (const [term, ids] of map) byBucket[bucketOf(term, buckets)]?.push([term, ids]);
  const hashes: string[] = [];
  let bytes = 0;
  let largest = 0;
  byBucket.forEach((entries, b) => {
    if (!entries.length) {
      hashes.push("");
      return;
    }
    entries.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
    const raw = encodeBucket(entries.map(([t, ids]) => [t, encodePostings(ids)]));
    const h = hash10(raw);
    const packed = gz(raw);
    files[`${dir}/${b}.${h}.bin.gz`] = packed;
    hashes.push(h);
    bytes += packed.length;
    largest = Math.max(largest, packed.length);
  });
  return { hashes, bytes, largest };
}

/**
 * Build the index. `documents` gives each paragraph's document its type, body, date and status;
 * a paragraph whose document is missing there is indexed with empty metadata, never dropped.
 */
export function buildSearchIndex(
  paragraphs: readonly Paragraph[],
  documents: readonly DocumentRecord[],
  opts: IndexOptions = {},
): BuiltIndex {
  const chunkSize = opts.chunkSize ?? 32;
  const perBucket = opts.postingsPerBucket ?? 16_000;
  const recordOf = new Map(documents.map((d) => [`${d.symbol}|${d.lang}`, d]));
  const groups = new Map<string, Paragraph[]>();
  for (const p of paragraphs) {
    const key = `${p.doc}|${p.lang}`;
    let g = groups.get(key);
    if (!g) {
      g = [];
      groups.set(key, g);
    }
    g.push(p);
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
  const rows: ChunkRow[] = [];
  const postings = new Map<string, number[]>();
  const uni = new Map<string, number[]>();
  let total = 0;
  let totalUni = 0;
  for (const h of heads) {
    const ps = [...(groups.get(h.key) as Paragraph[])].sort((a, b) => a.seq - b.seq);
    const d = docs.length;
    docs.push({
      symbol: h.symbol,
      slug: h.slug,
      lang: h.lang,
      type: h.type,
      body: h.body,
      date: h.date,
      status: h.status,
      title: recordOf.get(h.key)?.title ?? "",
      first: rows.length,
      count: ps.length,
    });
    for (const p of ps) {
      const id = rows.length;
      rows.push([d, p.address, p.part, p.scope, p.num, p.text]);
      const folded = fold(p.text);
      for (const t of terms(folded)) {
        const l = postings.get(t);
        if (l) l.push(id);
        else postings.set(t, [id]);
        total++;
      }
      for (const t of unigrams(folded)) {
        const l = uni.get(t);
        if (l) l.push(id);
        else uni.set(t, [id]);
        totalUni++;
      }
    }
  }

  const files: Record<string, Uint8Array | string> = {};
  const buckets = pow2(total / perBucket, 8, 4096);
  const unigramBuckets = pow2(totalUni / perBucket, 4, 1024);
  const p = bucketFiles(postings, buckets, "p", files);
  const u = bucketFiles(uni, unigramBuckets, "u", files);

  const chunkHashes: string[] = [];
  const chunkFiles: Array<[number, Uint8Array]> = [];
  let textBytes = 0;
  for (let c = 0; c * chunkSize < rows.length; c++) {
    const json = JSON.stringify(rows.slice(c * chunkSize, (c + 1) * chunkSize));
    chunkHashes.push(hash10(json));
    const packed = gz(json);
    chunkFiles.push([c, packed]);
    textBytes += packed.length;
  }
  const texts = `t-${hash10(chunkHashes.join(","))}`;
  for (const [c, packed] of chunkFiles) files[`${texts}/${c}.json.gz`] = packed;

  const docsJson = JSON.stringify(docs);
  const docsName = `docs.${hash10(docsJson)}.json.gz`;
  files[docsName] = gz(docsJson);

  let termsName = "";
  if (opts.keyTerms && Object.keys(opts.keyTerms).length) {
    const json = JSON.stringify(opts.keyTerms);
    termsName = `terms.${hash10(json)}.json.gz`;
    files[termsName] = gz(json);
  }

  let formulasName = "";
  let formulaBytes = 0;
  if (opts.formulaWindows?.length) {
    const raw = encodeFormulas(opts.formulaWindows);
    formulasName = `formulas.${hash10(raw)}.bin.gz`;
    const packed = gz(raw);
    files[formulasName] = packed;
    formulaBytes = packed.length;
  }

  const manifest: Manifest = {
    schemaVersion: SEARCH_SCHEMA_VERSION,
    format: FORMAT_VERSION,
    paragraphs: rows.length,
    chunkSize,
    buckets,
    bucketHashes: p.hashes,
    unigramBuckets,
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
    manifest,
    stats: {
      paragraphs: rows.length,
      documents: docs.length,
      terms: postings.size,
      postings: total,
      buckets,
      unigramTerms: uni.size,
      unigramBuckets,
      chunks: chunkFiles.length,
      bytes: {
        total: p.bytes + u.bytes + textBytes + docsBytes + manifestJson.length + formulaBytes,
        postings: p.bytes,
        unigrams: u.bytes,
        texts: textBytes,
        docs: docsBytes,
        manifest: manifestJson.length,
        formulas: formulaBytes,
      },
      formulaWindows: opts.formulaWindows?.length ?? 0,
      largestBucket: p.largest,
    },
  };
}
