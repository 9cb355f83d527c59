/**
 * The search engine over the sharded index (format.ts): the browser's search page and
 * `acquis search` both run this code, reading files through an `IndexSource` (fetch in the
 * browser, the disk in the CLI), so they answer alike.
 *
 * Decision: the index narrows, the text decides. The terms of a query (character pairs, words)
 * give candidate paragraphs by intersecting postings; every candidate is then checked against its
 * own text, so a phrase is found exactly where it stands (100 % of the paragraphs that hold it, no
 * false hits) whatever a word segmenter would have made of it. Ranking is by tier (the whole
 * phrase, then every term as written, then every term loosely, then some terms) and, inside a
 * tier, by paragraph number, which the build gave in ranking order (consensus first, newest
 * first). Because of that order, a first page needs only the first candidates' text chunks: the
 * engine reads candidates in order and stops as soon as the page is certain.
 */
import type { ParagraphCore } from "../../schemas/paragraph.ts";
import { citationsOf } from "../cite/format.ts";
import {
  bucketOf,
  bucketPath,
  type ChunkRow,
  chunkPath,
  type DocEntry,
  decodeBucket,
  decodePostings,
  FORMAT_VERSION,
  gunzip,
  gunzipJson,
  type Manifest,
  unigramPath,
} from "./format.ts";
import { fold } from "./normalize.ts";
import { findPhrase, phraseTerms, runs, squeeze, stem, terms } from "./tokenize.ts";

/** Where the index files come from: `get("index.json")`, `get("p/3.ab12.bin.gz")`. */
export interface IndexSource {
  /** The file's bytes as stored (gzip for every file but index.json). */
  get(path: string): Promise<Uint8Array>;
}

/** Filters; an empty or absent field does not filter. */
export interface SearchFilters {
  lang?: "zh" | "en" | "";
  /** Document symbol, "A/78/265". */
  doc?: string;
  /** Document type, "report". */
  type?: string;
  /** Issuing body, as in the document's front matter. */
  body?: string;
  yearFrom?: number;
  yearTo?: number;
  /** Consensus texts only. */
  consensus?: boolean;
}

export interface SearchOptions extends SearchFilters {
  /** Exact-phrase mode (also when the whole query is in quotes). */
  phrase?: boolean;
  /** Hits wanted; Infinity for all (every candidate verified). Default 20. */
  limit?: number;
}

/** How a paragraph matched: 0 the whole phrase, 1 every term as written, 2 loosely, 3 some terms. */
export type Tier = 0 | 1 | 2 | 3;

export interface SearchHit extends ParagraphCore {
  /** UN-style citation in the paragraph's language: "A/78/265, annex, para. 37 (c)". */
  citation: string;
  /** Both citations. */
  citations: { en: string; zh: string };
  date: string;
  type: string;
  body: string;
  status: string;
  tier: Tier;
  /** [start, end) offsets into `text` to highlight, sorted, not overlapping. */
  ranges: Array<[number, number]>;
}

export interface SearchResult {
  /** The query as understood. */
  query: { phrase: boolean; segments: string[] };
  hits: SearchHit[];
  /** True when every candidate was checked: `hits` is then every match (up to the limit). */
  complete: boolean;
  /** Number of matches, when complete; otherwise at least `hits.length`. */
  total: number;
  /** Candidates the index gave (after filters), before checking. */
  candidates: number;
}

/** A query split into what must match. */
export interface ParsedQuery {
  phrase: boolean;
  /** Folded, squeezed segments (words or quoted phrases). */
  segments: string[];
  /** The whole query, folded and squeezed (the phrase of tier 0). */
  whole: string;
}

const QUOTED = /^["“”](.*)["“”]$/s;

/**
 * Parse a query: a query in quotes (or phrase mode) is one phrase; otherwise quoted parts are
 * kept whole and the rest splits at white space.
 */
export function parseQuery(query: string, phrase = false): ParsedQuery {
  let q = squeeze(fold(query));
  const whole = QUOTED.exec(q);
  if (whole && !/["“”]/.test(whole[1] as string)) {
    q = squeeze(whole[1] as string);
    phrase = true;
  }
  // In phrase mode every character is part of the phrase, quotation marks inside it too.
  if (phrase) return { phrase: true, segments: q ? [q] : [], whole: q };
  const segments: string[] = [];
  const rest = q.replace(/["“”]([^"“”]*)["“”]/g, (_m, inner: string) => {
    const s = squeeze(inner);
    if (s) segments.push(s);
    return " ";
  });
  for (const w of squeeze(rest.replace(/["“”]/g, " ")).split(" ")) if (w) segments.push(w);
  return { phrase: false, segments, whole: squeeze(q.replace(/["“”]/g, " ")) };
}

/** Intersection of sorted lists. */
function intersect(lists: Uint32Array[]): Uint32Array {
  if (!lists.length) return new Uint32Array(0);
  const sorted = [...lists].sort((a, b) => a.length - b.length);
  let acc = sorted[0] as Uint32Array;
  for (let k = 1; k < sorted.length && acc.length; k++) {
    const other = sorted[k] as Uint32Array;
    const out = new Uint32Array(acc.length);
    let n = 0;
    let j = 0;
    for (let i = 0; i < acc.length; i++) {
      const v = acc[i] as number;
      // Galloping would help for very unequal lists; linear is enough at our sizes.
      while (j < other.length && (other[j] as number) < v) j++;
      if (j < other.length && other[j] === v) out[n++] = v;
    }
    acc = out.subarray(0, n);
  }
  return acc;
}

function union(lists: Uint32Array[]): Uint32Array {
  const set = new Set<number>();
  for (const l of lists) for (const v of l) set.add(v);
  return Uint32Array.from([...set].sort((a, b) => a - b));
}

/** Merge [start, end) ranges: sorted, overlaps joined. */
export function mergeRanges(ranges: Array<[number, number]>): Array<[number, number]> {
  const s = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Array<[number, number]> = [];
  for (const r of s) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

/** Ranges of `folded` where any of `want` (index terms) stands. */
function termRanges(folded: string, want: Set<string>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const r of runs(folded)) {
    if (r.kind === "word") {
      if (want.has(stem(folded.slice(r.start, r.end)))) out.push([r.start, r.end]);
      continue;
    }
    let at = r.start;
    for (let k = 0; k < r.chars.length; k++) {
      const a = r.chars[k] as string;
      const b = r.chars[k + 1];
      if (b !== undefined && want.has(a + b)) out.push([at, at + a.length + b.length]);
      else if (r.chars.length === 1 && want.has(a)) out.push([at, at + a.length]);
      at += a.length;
    }
  }
  return mergeRanges(out);
}

/** Decide whether, and how, a paragraph's folded text matches a parsed query. */
export function matchText(
  folded: string,
  q: ParsedQuery,
): { tier: Tier; ranges: Array<[number, number]> } | null {
  if (!q.segments.length) return null;
  if (q.phrase) {
    const r = findPhrase(folded, q.whole);
    return r.length ? { tier: 0, ranges: r } : null;
  }
  if (q.segments.length > 1) {
    const r = findPhrase(folded, q.whole);
    if (r.length) return { tier: 0, ranges: r };
  }
  const exact = q.segments.map((s) => findPhrase(folded, s));
  if (exact.every((r) => r.length)) return { tier: 1, ranges: mergeRanges(exact.flat()) };
  const have = new Set(terms(folded));
  const loose = q.segments.map(
    (s, k) => (exact[k] as Array<[number, number]>).length > 0 || terms(s).every((t) => have.has(t)),
  );
  const matched = q.segments.filter((_s, k) => loose[k]);
  if (!matched.length) return null;
  const ranges = mergeRanges([
    ...exact.flat(),
    ...termRanges(folded, new Set(matched.flatMap((s) => terms(s)).flatMap((t) => t.split(" ")))),
  ]);
  return { tier: loose.every(Boolean) ? 2 : 3, ranges };
}

/** The engine over one index. Files are fetched once and kept. */
export class SearchEngine {
  private buckets = new Map<string, Promise<Map<string, Uint8Array>>>();
  private chunks = new Map<number, Promise<ChunkRow[]>>();
  private postings = new Map<string, Uint32Array>();

  private constructor(
    readonly source: IndexSource,
    readonly manifest: Manifest,
    readonly docs: DocEntry[],
  ) {}

  /** Open an index: read its manifest and documents (two small files). */
  static async open(source: IndexSource): Promise<SearchEngine> {
    const m = JSON.parse(new TextDecoder().decode(await source.get("index.json"))) as Manifest;
    if (m.format !== FORMAT_VERSION) {
      throw new Error(`search index format ${m.format} is not ${FORMAT_VERSION}: rebuild with npm run build`);
    }
    const docs = await gunzipJson<DocEntry[]>(await source.get(m.docs));
    return new SearchEngine(source, m, docs);
  }

  private bucket(path: string): Promise<Map<string, Uint8Array>> {
    let p = this.buckets.get(path);
    if (!p) {
      p = this.source.get(path).then(gunzip).then(decodeBucket);
      this.buckets.set(path, p);
    }
    return p;
  }

  /** Postings of one term ([] when absent). */
  async postingsOf(term: string, unigram = false): Promise<Uint32Array> {
    const key = `${unigram ? "u" : "p"}:${term}`;
    const hit = this.postings.get(key);
    if (hit) return hit;
    const m = this.manifest;
    const b = bucketOf(term, unigram ? m.unigramBuckets : m.buckets);
    const hash = unigram ? m.unigramHashes[b] : m.bucketHashes[b];
    let list: Uint32Array = new Uint32Array(0);
    if (hash) {
      const enc = (await this.bucket(unigram ? unigramPath(m, b) : bucketPath(m, b))).get(term);
      if (enc) list = decodePostings(enc);
    }
    this.postings.set(key, list);
    return list;
  }

  private chunk(n: number): Promise<ChunkRow[]> {
    let p = this.chunks.get(n);
    if (!p) {
      p = this.source.get(chunkPath(this.manifest, n)).then((b) => gunzipJson<ChunkRow[]>(b));
      this.chunks.set(n, p);
    }
    return p;
  }

  /** The document holding paragraph number `id`. */
  docOf(id: number): DocEntry {
    let lo = 0;
    let hi = this.docs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.docs[mid] as DocEntry).first <= id) lo = mid;
      else hi = mid - 1;
    }
    return this.docs[lo] as DocEntry;
  }

  private filterDocs(f: SearchFilters): (d: DocEntry) => boolean {
    return (d) =>
      (!f.lang || d.lang === f.lang) &&
      (!f.doc || d.symbol === f.doc) &&
      (!f.type || d.type === f.type) &&
      (!f.body || d.body === f.body) &&
      (!f.consensus || d.status === "consensus") &&
      (f.yearFrom === undefined || Number(d.date.slice(0, 4)) >= f.yearFrom) &&
      (f.yearTo === undefined || Number(d.date.slice(0, 4)) <= f.yearTo);
  }

  /** Candidates for one segment (or a whole phrase): paragraphs holding all its index terms. */
  private async candidatesOf(segment: string): Promise<Uint32Array | null> {
    const { terms: ts, unigrams } = phraseTerms(segment);
    if (!ts.length && !unigrams.length) return null;
    const lists = await Promise.all([
      ...ts.map((t) => this.postingsOf(t)),
      ...unigrams.map((t) => this.postingsOf(t, true)),
    ]);
    return intersect(lists);
  }

  /** Run a query. */
  async search(query: string, opts: SearchOptions = {}): Promise<SearchResult> {
    const q = parseQuery(query, opts.phrase);
    const limit = opts.limit ?? 20;
    const empty: SearchResult = {
      query: { phrase: q.phrase, segments: q.segments },
      hits: [],
      complete: true,
      total: 0,
      candidates: 0,
    };
    if (!q.segments.length) return empty;
    const keep = this.filterDocs(opts);
    const allowed = (ids: Uint32Array) => {
      const out: number[] = [];
      for (const id of ids) if (keep(this.docOf(id))) out.push(id);
      return out;
    };
    const perSeg = await Promise.all(q.segments.map((s) => this.candidatesOf(s)));
    // A segment of punctuation only has no index terms: it cannot narrow, only verify.
    const usable = perSeg.filter((l): l is Uint32Array => l !== null);
    if (!usable.length) return empty;
    const inAll = allowed(intersect(usable));
    const best: Tier = q.phrase || q.segments.length > 1 ? 0 : 1;
    const found: Array<{ id: number; tier: Tier; ranges: Array<[number, number]> }> = [];
    let complete = true;
    let candidates = inAll.length;

    const verify = async (ids: number[], stop: () => boolean): Promise<number> => {
      // Fetch the chunks of the next few candidates together, check them in order.
      // Batches start at a page's worth and double: a phrase whose candidates all hold it costs
      // only the chunks of its first page; a rarer one reads on without waiting chunk by chunk.
      let k = 0;
      let size = Math.min(256, Math.max(4, limit));
      while (k < ids.length) {
        if (stop()) return k;
        const batch = ids.slice(k, k + size);
        size = Math.min(1024, size * 2);
        const chunkNos = [...new Set(batch.map((id) => Math.floor(id / this.manifest.chunkSize)))];
        const loaded = new Map<number, ChunkRow[]>();
        await Promise.all(chunkNos.map(async (c) => loaded.set(c, await this.chunk(c))));
        for (const id of batch) {
          if (stop()) return k;
          const row = (loaded.get(Math.floor(id / this.manifest.chunkSize)) as ChunkRow[])[
            id % this.manifest.chunkSize
          ] as ChunkRow;
          const m = matchText(fold(row[5]), q);
          if (m) found.push({ id, ...m });
          k++;
        }
      }
      return k;
    };

    const bestCount = () => found.filter((f) => f.tier === best).length;
    const checked = await verify(inAll, () => bestCount() >= limit);
    if (checked < inAll.length) complete = false;
    if (complete && !q.phrase && q.segments.length > 1 && found.length < limit) {
      // Some terms: paragraphs holding at least one segment, beyond those holding all.
      const all = new Set(inAll);
      const some = allowed(union(usable)).filter((id) => !all.has(id));
      candidates += some.length;
      const before = found.length;
      const done = await verify(some, () => found.length - before >= limit);
      if (done < some.length) {
        complete = false;
        const last = some[done - 1] ?? -1;
        // Keep the order exact: a tier-3 hit further on than the last checked one may wait.
        for (let k = found.length - 1; k >= 0; k--) {
          const f = found[k] as (typeof found)[number];
          if (f.tier === 3 && f.id > last) found.splice(k, 1);
        }
      }
    }
    found.sort((a, b) => a.tier - b.tier || a.id - b.id);
    const page = found.slice(0, limit);
    const hits = await Promise.all(page.map((f) => this.hit(f.id, f.tier, f.ranges)));
    return {
      query: { phrase: q.phrase, segments: q.segments },
      hits,
      complete: complete && found.length <= limit,
      total: found.length,
      candidates,
    };
  }

  private async hit(id: number, tier: Tier, ranges: Array<[number, number]>): Promise<SearchHit> {
    const rows = await this.chunk(Math.floor(id / this.manifest.chunkSize));
    const [, address, part, scope, num, text] = rows[id % this.manifest.chunkSize] as ChunkRow;
    const d = this.docOf(id);
    const citations = citationsOf({ doc: d.symbol, part, scope, num, address });
    return {
      id: `${d.slug}/${d.lang}/${address}`,
      doc: d.symbol,
      lang: d.lang,
      address,
      part,
      scope,
      num,
      text,
      citation: d.lang === "zh" ? citations.zh : citations.en,
      citations,
      date: d.date,
      type: d.type,
      body: d.body,
      status: d.status,
      tier,
      ranges,
    };
  }
}

/** A short excerpt around the first highlight, with the highlights re-based onto it. */
export function snippet(
  hit: Pick<SearchHit, "text" | "ranges">,
  width = 160,
): { text: string; highlights: Array<[number, number]>; cutStart: boolean; cutEnd: boolean } {
  const first = hit.ranges[0];
  if (hit.text.length <= width || !first) {
    const text = hit.text.length <= width ? hit.text : hit.text.slice(0, width);
    return {
      text,
      highlights: hit.ranges.filter(([, e]) => e <= text.length),
      cutStart: false,
      cutEnd: text.length < hit.text.length,
    };
  }
  const lead = Math.floor((width - Math.min(width, first[1] - first[0])) / 3);
  const start = Math.max(0, Math.min(first[0] - lead, hit.text.length - width));
  const end = Math.min(hit.text.length, start + width);
  return {
    text: hit.text.slice(start, end),
    highlights: hit.ranges
      .filter(([s, e]) => s >= start && e <= end)
      .map(([s, e]) => [s - start, e - start] as [number, number]),
    cutStart: start > 0,
    cutEnd: end < hit.text.length,
  };
}

/** An IndexSource over files held in memory (tests, the build's own checks), counting bytes read. */
export function memorySource(
  files: Record<string, Uint8Array | string>,
): IndexSource & { bytesRead: number; reads: string[] } {
  const enc = new TextEncoder();
  const src = {
    bytesRead: 0,
    reads: [] as string[],
    async get(path: string): Promise<Uint8Array> {
      const f = files[path];
      if (f === undefined) throw new Error(`search index file missing: ${path}`);
      const b = typeof f === "string" ? enc.encode(f) : f;
      src.bytesRead += b.length;
      src.reads.push(path);
      return b;
    },
  };
  return src;
}

/**
 * An IndexSource over HTTP for the site: `fetchSource("/data/search/")`. Hashed files may be
 * cached forever by the browser; index.json is asked for fresh (`no-cache`: revalidated).
 */
export function fetchSource(base: string): IndexSource {
  const root = base.endsWith("/") ? base : `${base}/`;
  return {
    async get(path: string): Promise<Uint8Array> {
      const res = await fetch(root + path, path === "index.json" ? { cache: "no-cache" } : {});
      if (!res.ok) throw new Error(`search index file ${path}: HTTP ${res.status}`);
      return new Uint8Array(await res.arrayBuffer());
    },
  };
}
