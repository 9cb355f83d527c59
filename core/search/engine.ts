/**
 * The search engine over the sharded index (format.ts): the browser's search page and
 * `acquis search` both run this code, reading files through an `IndexSource` (fetch in the
 * browser, the disk in the CLI), so they answer alike.
 *
 * Decision: the index narrows, the text decides. The terms of a query (character pairs, words,
 * word pairs) give candidate paragraphs from their postings; every candidate is then read and
 * measured on its own text:
 * - a phrase (quotes, phrase mode, or a query made only of weak terms such as "A/77/275") is
 *   found exactly where it stands, in 100 % of the paragraphs that hold it, no false hits;
 * - any other query, from one word to a pasted draft of 20,000 characters, is ranked by how much
 *   of its wording each paragraph carries, measured as the reuse stage measures reuse (rank.ts):
 *   candidates are read best first (most of the query's terms held), and reading stops when no
 *   candidate left can outrank the page, or after `budget` candidates.
 * Paragraph numbers follow ranking order (consensus first, newest first), so ties come out in
 * that order, and paragraphs in the query's own language come before the other's.
 */
import type { ParagraphCore } from "../../schemas/paragraph.ts";
import { citationsOf } from "../cite/format.ts";
import {
  bucketOf,
  bucketPath,
  type ChunkRow,
  chunkPath,
  type DocEntry,
  decodeFormulas,
  decodePostings,
  FORMAT_VERSION,
  findInBucket,
  gunzip,
  gunzipJson,
  type Manifest,
  STATUS_RANK,
  unigramPath,
} from "./format.ts";
import { fold } from "./normalize.ts";
import { mergeRanges, spanHolding } from "./ranges.ts";
import {
  type Carried,
  carried,
  coverage,
  discounted,
  type FormulaSet,
  formulaSet,
  type Lang,
  type Paste,
  type QueryTerm,
  readPaste,
  sentences,
} from "./rank.ts";
import { findPhrase, phraseTerms, runs, squeeze, stem, terms } from "./tokenize.ts";

export { mergeRanges } from "./ranges.ts";
export type { Lang } from "./rank.ts";

/** Where the index files come from: `get("index.json")`, `get("p/3.ab12.bin.gz")`. */
export interface IndexSource {
  /** The file's bytes as stored (gzip for every file but index.json). */
  get(path: string): Promise<Uint8Array>;
}

/** Filters; an empty or absent field does not filter. */
export interface SearchFilters {
  /** One language only; without it, the query's own language comes first, the other after. */
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
  /** Hits wanted; Infinity for all. Default 20. */
  limit?: number;
  /**
   * Candidates a ranked query reads at most (default VERIFY_BUDGET, or `limit` if more;
   * Infinity for all): read rarest first, the paragraphs a paste came from come early, and what
   * is left shares only its common words.
   */
  budget?: number;
  /** Index buckets a ranked query reads its terms from at most (default BUCKET_BUDGET). */
  buckets?: number;
  /**
   * The query's citations, [start, end) (core/cite/spans.ts `citationSpans`): left out of each
   * sentence's measure. The engine does not read citations itself, so that the search page
   * loads the citation grammar only for a draft.
   */
  citations?: ReadonlyArray<readonly [number, number]>;
}

/**
 * How a paragraph matched: "phrase" it holds the query word for word; "passage" it carries
 * some of the query's wording in shared passages; "words" it holds the query's words, apart.
 */
export type MatchKind = "phrase" | "passage" | "words";

export interface SearchHit extends ParagraphCore {
  /** UN-style citation in the paragraph's language: "A/78/265, annex, para. 37 (c)". */
  citation: string;
  /** Both citations. */
  citations: { en: string; zh: string };
  date: string;
  type: string;
  body: string;
  status: string;
  match: MatchKind;
  /** Share (0..1) of the query's wording this paragraph carries, measured as reuse is. */
  carried: number;
  /** What it carries, in characters (zh query) or words (en query); and of it, outside formulas. */
  shared: number;
  informative: number;
  /** Share (0..1) of the query's words (Chinese: characters) it holds anywhere. */
  coverage: number;
  /** [start, end) offsets into `text` to highlight, sorted, not overlapping. */
  ranges: Array<[number, number]>;
  /** [start, end) offsets into the query of the wording this paragraph carries. */
  queryRanges: Array<[number, number]>;
  /** The shared passages: [start, end) in the query and in `text`. */
  passages: Carried["passages"];
}

/** A sentence of the query, and whether it is agreed language. */
export interface SentenceVerdict {
  /** [start, end) in the query. */
  start: number;
  end: number;
  /** Its best source carries at least half of it (rank.ts, AGREED). */
  agreed: boolean;
  /** Share (0..1) of the sentence its best source carries. */
  share: number;
  /**
   * Places where the best source has wording the sentence leaves out or changes (rank.ts
   * `Sentence.gaps`); with a share of 1 and no gap the sentence is the source's, word for word.
   */
  gaps: number;
  /** The paragraph carrying most of it, or null. */
  source: { id: string; citation: string; doc: string; lang: Lang; address: string } | null;
  /** Its citations, [start, end) in the query, left out of its measure (`SearchOptions.citations`). */
  cited: Array<[number, number]>;
}

export interface SearchResult {
  /** The query as understood. */
  query: {
    phrase: boolean;
    segments: string[];
    /** The language it is written in. */
    lang: Lang;
    /** Its length as the measure counts it: characters (zh) or words (en). */
    length: number;
  };
  hits: SearchHit[];
  /** True when every candidate was checked: `hits` is then every match (up to the limit). */
  complete: boolean;
  /** Number of matches, when complete; otherwise at least `hits.length`. */
  total: number;
  /** Candidates the index gave (after filters), before checking. */
  candidates: number;
  /** The languages the corpus holds: a query in another one can find nothing. */
  corpusLangs: Lang[];
  /** A ranked query sentence by sentence, each agreed language or new (empty for a phrase). */
  sentences: SentenceVerdict[];
}

/** A query split into what must match. */
export interface ParsedQuery {
  phrase: boolean;
  /** Folded, squeezed segments (words or quoted phrases). */
  segments: string[];
  /** The quoted segments of a query that is not one phrase: each must stand as written. */
  quoted: string[];
  /** The whole query, folded and squeezed (the phrase of phrase mode). */
  whole: string;
}

const QUOTED = /^["“”](.*)["“”]$/s;

/** The longest query whose quotation marks can be search syntax. */
export const QUOTES_UP_TO = 120;

/**
 * Whether a query's quotation marks are search syntax (`"critical infrastructure" protection`)
 * or the quotation marks of a pasted text (UN texts quote, and a draft quoting a phrase with a
 * word changed must still find the paragraph it came from): syntax in a short query with no
 * clause or sentence punctuation outside its quotes, as one types a search, not a sentence.
 */
function quotesAreSyntax(q: string): boolean {
  return q.length <= QUOTES_UP_TO && !/[，。；：！？,.;:!?]/.test(q.replace(/["“”][^"“”]*["“”]/g, " "));
}

/**
 * Parse a query: a query in quotes (or phrase mode) is one phrase; otherwise quoted parts are
 * kept whole and the rest splits at white space. Quotation marks count so only as a search is
 * typed (quotesAreSyntax); in a pasted text they are its own.
 */
export function parseQuery(query: string, phrase = false): ParsedQuery {
  let q = squeeze(fold(query));
  if (!quotesAreSyntax(q)) return { phrase, segments: q ? [q] : [], quoted: [], whole: q };
  const whole = QUOTED.exec(q);
  if (whole && !/["“”]/.test(whole[1] as string)) {
    q = squeeze(whole[1] as string);
    phrase = true;
  }
  // In phrase mode every character is part of the phrase, quotation marks inside it too.
  if (phrase) return { phrase: true, segments: q ? [q] : [], quoted: [], whole: q };
  const segments: string[] = [];
  const quoted: string[] = [];
  const rest = q.replace(/["“”]([^"“”]*)["“”]/g, (_m, inner: string) => {
    const s = squeeze(inner);
    if (s) {
      segments.push(s);
      quoted.push(s);
    }
    return " ";
  });
  for (const w of squeeze(rest.replace(/["“”]/g, " ")).split(" ")) if (w) segments.push(w);
  return { phrase: false, segments, quoted, whole: squeeze(q.replace(/["“”]/g, " ")) };
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

/** Ranges of `folded` where any of `want` (index terms, pairs split into words) stands. */
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

/** Buckets a ranked query reads at most to find its candidates (a 2,000-character paste has ~1,000 terms). */
export const BUCKET_BUDGET = 40;

/** Default `budget`: candidates a ranked query reads at most. */
export const VERIFY_BUDGET = 40;

/** Rounds of neighbours read after the candidates (rankedSearch): a run of pasted paragraphs. */
const NEIGHBOUR_ROUNDS = 24;

/** Paragraphs whose neighbours a round reads. */
const NEIGHBOURS_A_ROUND = 4;

/** Neighbours read at most (rankedSearch). */
const NEIGHBOUR_BUDGET = 64;

/** A query of at least this length (characters or words) has its best paragraphs' neighbours read. */
const NEIGHBOURS_FROM = 20;

/** 0, 1/2, 1/4, 3/4, 1/8, ...: positions spread evenly over a query, however far one reads. */
function radicalInverse(i: number): number {
  let r = 0;
  let f = 0.5;
  for (let n = i; n > 0; n >>= 1, f /= 2) if (n & 1) r += f;
  return r;
}

/**
 * The terms a ranked query asks the index for. All of them when their buckets are few; otherwise
 * the terms of at most `budget` buckets, picked at positions spread over the whole query (word
 * pairs and character pairs before single words, as they say more), plus every other term of the
 * query that lives in a bucket already picked (it costs nothing more).
 */
export function chooseTerms(
  strong: QueryTerm[],
  bucket: (term: string) => number,
  budget = BUCKET_BUDGET,
): { chosen: QueryTerm[]; sampled: boolean } {
  const all = new Set(strong.map((t) => bucket(t.term)));
  if (all.size <= budget) return { chosen: strong, sampled: false };
  const picked = new Set<number>();
  const pass = (list: QueryTerm[]) => {
    const seen = new Uint8Array(list.length);
    for (let i = 0, left = list.length; left > 0 && picked.size < budget && i < 8 * list.length; i++) {
      const at = Math.floor(radicalInverse(i) * list.length);
      if (seen[at]) continue;
      seen[at] = 1;
      left--;
      picked.add(bucket((list[at] as QueryTerm).term));
    }
  };
  pass(strong.filter((t) => t.weight === 2));
  pass(strong.filter((t) => t.weight === 1));
  return { chosen: strong.filter((t) => picked.has(bucket(t.term))), sampled: true };
}

/** A checked candidate of a ranked query: what it carries and holds. */
interface Checked {
  id: number;
  group: number;
  /** Its folded text and index terms (the sentence verdicts read them again). */
  folded: string;
  terms: Set<string>;
  c: Carried;
  /** Its document's status and date as one number: lower ranks first (see byRank). */
  rank: number;
  exact: boolean;
  coverage: number;
  ranges: Array<[number, number]>;
}

/**
 * Ranking order: own language first, then wording carried with formulas discounted (issue #14's
 * measure), ties by status (consensus first) then date (newest first), as the issue asks; only
 * then the finer readings (all wording carried, word for word, words held), then paragraph number.
 * `rank` is the document's place in consensus-then-newest order: paragraph numbers follow it
 * (pipeline/index/build.ts), so status and date never order two paragraphs against their numbers,
 * and candidates that tie are still read in the order they rank (see `settled`).
 */
function byRank(a: Checked, b: Checked): number {
  return (
    a.group - b.group ||
    discounted(b.c) - discounted(a.c) ||
    a.rank - b.rank ||
    b.c.shared - a.c.shared ||
    Number(b.exact) - Number(a.exact) ||
    b.coverage - a.coverage ||
    a.id - b.id
  );
}

/**
 * A file's promise from `cache`, made once by `make` and kept; dropped again if it rejects, so
 * the next query fetches the file anew. A kept rejection would leave one failed fetch (the
 * network gone for a moment, a server error) failed for the engine's whole life, and on the site
 * the engine lives as long as the page.
 */
function kept<K, V>(cache: Map<K, Promise<V>>, key: K, make: () => Promise<V>): Promise<V> {
  let p = cache.get(key);
  if (!p) {
    const made = make();
    p = made;
    cache.set(key, made);
    // Only this promise is dropped: a later one made for the same key after it stays.
    made.catch(() => {
      if (cache.get(key) === made) cache.delete(key);
    });
  }
  return p;
}

/** The engine over one index. Files are fetched once and kept (a failed fetch is not: see kept). */
export class SearchEngine {
  private buckets = new Map<string, Promise<Uint8Array>>();
  private chunks = new Map<number, Promise<ChunkRow[]>>();
  private postings = new Map<string, Uint32Array>();
  private formulaList = new Map<string, Promise<FormulaSet | null>>();

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

  /** The languages of the corpus. */
  get languages(): Lang[] {
    return (["zh", "en"] as const).filter((l) => this.docs.some((d) => d.lang === l));
  }

  /** A bucket file, gunzipped, kept as bytes: a term is found in it by findInBucket. */
  private bucket(path: string): Promise<Uint8Array> {
    return kept(this.buckets, path, () => this.source.get(path).then(gunzip));
  }

  /** The bucket a term lives in. */
  bucketOf(term: string, unigram = false): number {
    return bucketOf(term, unigram ? this.manifest.unigramBuckets : this.manifest.buckets);
  }

  /** Postings of one term ([] when absent). */
  async postingsOf(term: string, unigram = false): Promise<Uint32Array> {
    const key = `${unigram ? "u" : "p"}:${term}`;
    const hit = this.postings.get(key);
    if (hit) return hit;
    const m = this.manifest;
    const b = this.bucketOf(term, unigram);
    const hash = unigram ? m.unigramHashes[b] : m.bucketHashes[b];
    let list: Uint32Array = new Uint32Array(0);
    if (hash) {
      const enc = findInBucket(await this.bucket(unigram ? unigramPath(m, b) : bucketPath(m, b)), term);
      if (enc) list = decodePostings(enc);
    }
    this.postings.set(key, list);
    return list;
  }

  /** The formula windows the build shipped (null when it shipped none). */
  private formulas(): Promise<FormulaSet | null> {
    const file = this.manifest.formulas;
    if (!file) return Promise.resolve(null);
    return kept(this.formulaList, file, () =>
      this.source
        .get(file)
        .then(gunzip)
        .then((b) => formulaSet(decodeFormulas(b))),
    );
  }

  private chunk(n: number): Promise<ChunkRow[]> {
    return kept(this.chunks, n, () =>
      this.source.get(chunkPath(this.manifest, n)).then((b) => gunzipJson<ChunkRow[]>(b)),
    );
  }

  /** The texts of some paragraphs, their chunks fetched together. */
  private async rows(ids: readonly number[]): Promise<Map<number, ChunkRow>> {
    const size = this.manifest.chunkSize;
    const chunkNos = [...new Set(ids.map((id) => Math.floor(id / size)))];
    const loaded = new Map<number, ChunkRow[]>();
    await Promise.all(chunkNos.map(async (c) => loaded.set(c, await this.chunk(c))));
    return new Map(
      ids.map((id) => [id, (loaded.get(Math.floor(id / size)) as ChunkRow[])[id % size] as ChunkRow]),
    );
  }

  /** Each document's place in status-then-date order (consensus first, newest first), by entry. */
  private statusDate: Map<DocEntry, number> | null = null;

  /** The place of paragraph `id`'s document in status-then-date order: equal for equal status and date. */
  private rankOf(id: number): number {
    if (!this.statusDate) {
      const key = (d: DocEntry) => `${String(STATUS_RANK[d.status] ?? 9).padStart(2, "0")} ${d.date}`;
      // Newest first within a status: the date's descending order, ranked by the distinct keys.
      const keys = [...new Set(this.docs.map(key))].sort((x, y) =>
        x.slice(0, 2) === y.slice(0, 2) ? y.localeCompare(x) : x.localeCompare(y),
      );
      const at = new Map(keys.map((k, i) => [k, i]));
      this.statusDate = new Map(this.docs.map((d) => [d, at.get(key(d)) as number]));
    }
    return this.statusDate.get(this.docOf(id)) as number;
  }

  /** The document holding paragraph number `id`. */
  docOf(id: number): DocEntry {
    return this.docs[spanHolding(this.docs, id)] as DocEntry;
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

  /** Paragraph numbers the filters keep (null: all), as a mask over every paragraph. */
  private keptMask(f: SearchFilters): Uint8Array | null {
    const keep = this.filterDocs(f);
    if (this.docs.every(keep)) return null;
    const mask = new Uint8Array(this.manifest.paragraphs);
    for (const d of this.docs) if (keep(d)) mask.fill(1, d.first, d.first + d.count);
    return mask;
  }

  /** Run a query. */
  async search(query: string, opts: SearchOptions = {}): Promise<SearchResult> {
    const q = parseQuery(query, opts.phrase);
    const folded = fold(query);
    // Read without formulas first: a phrase needs none, and a query of weak terms is a phrase.
    const plain = readPaste(query, folded, null);
    const strong = plain.terms.filter((t) => !t.weak);
    const empty: SearchResult = {
      query: { phrase: q.phrase, segments: q.segments, lang: plain.lang, length: plain.total },
      hits: [],
      complete: true,
      total: 0,
      candidates: 0,
      corpusLangs: this.languages,
      sentences: [],
    };
    if (!q.segments.length) return empty;
    if (q.phrase || !strong.length) {
      const whole = q.phrase ? q : { ...q, phrase: true, segments: [q.whole], quoted: [] };
      return this.phraseSearch(whole, plain, opts, { ...empty, query: { ...empty.query, phrase: true } });
    }
    // The terms' postings and the formula windows are fetched together: the terms do not depend
    // on the formulas (they only weigh what is carried).
    const { chosen, sampled } = chooseTerms(strong, (t) => this.bucketOf(t), opts.buckets ?? BUCKET_BUDGET);
    const [formulas, lists] = await Promise.all([
      this.formulas(),
      Promise.all(chosen.map((t) => this.postingsOf(t.term))),
    ]);
    const paste = readPaste(query, folded, formulas);
    // The query measured as a text of the other language, read when a paragraph of it comes up.
    let other: Paste | null = null;
    const pasteFor = (lang: Lang): Paste => {
      if (lang === paste.lang) return paste;
      other ??= readPaste(query, folded, formulas, lang);
      return other;
    };
    return this.rankedSearch(q, paste, pasteFor, strong, { chosen, sampled, lists }, opts, empty);
  }

  private zhMaskCache: Uint8Array | null = null;

  /** 1 for each paragraph in Chinese, by number (ranking reads it for every candidate). */
  private zhMask(): Uint8Array {
    if (!this.zhMaskCache) {
      this.zhMaskCache = new Uint8Array(this.manifest.paragraphs);
      for (const d of this.docs) if (d.lang === "zh") this.zhMaskCache.fill(1, d.first, d.first + d.count);
    }
    return this.zhMaskCache;
  }

  /** Own language first: 0 for a paragraph in the query's language (or when one is asked for), else 1. */
  private groupOf(id: number, lang: Lang, opts: SearchFilters): number {
    return opts.lang || this.docOf(id).lang === lang ? 0 : 1;
  }

  /** A phrase: every paragraph that holds it as written, own language first, then by number. */
  private async phraseSearch(
    q: ParsedQuery,
    paste: Paste,
    opts: SearchOptions,
    empty: SearchResult,
  ): Promise<SearchResult> {
    const limit = opts.limit ?? 20;
    const { terms: ts, unigrams } = phraseTerms(q.whole);
    if (!ts.length && !unigrams.length) return empty;
    const lists = await Promise.all([
      ...ts.map((t) => this.postingsOf(t)),
      ...unigrams.map((t) => this.postingsOf(t, true)),
    ]);
    const keep = this.keptMask(opts);
    const ids = [...intersect(lists)].filter((id) => !keep || keep[id]);
    const group = (id: number) => this.groupOf(id, paste.lang, opts);
    ids.sort((a, b) => group(a) - group(b) || a - b);
    const found: Array<{ id: number; ranges: Array<[number, number]> }> = [];
    let k = 0;
    // Batches start at a page's worth and double: a phrase whose candidates all hold it costs
    // only the chunks of its first page; a rarer one reads on without waiting chunk by chunk.
    let size = Math.min(256, Math.max(4, limit));
    while (k < ids.length && found.length < limit) {
      const batch = ids.slice(k, k + size);
      size = Math.min(1024, size * 2);
      const rows = await this.rows(batch);
      for (const id of batch) {
        if (found.length >= limit) break;
        const r = findPhrase(fold((rows.get(id) as ChunkRow)[5]), q.whole);
        if (r.length) found.push({ id, ranges: r });
        k++;
      }
    }
    const lead = query(paste.text);
    const hits = await Promise.all(
      found.map((f) =>
        this.hit(f.id, {
          match: "phrase",
          carried: 1,
          shared: paste.total,
          informative: paste.informativeTotal,
          coverage: 1,
          ranges: f.ranges,
          queryRanges: [lead],
          passages: [],
        }),
      ),
    );
    return {
      ...empty,
      hits,
      complete: k >= ids.length && found.length <= limit,
      total: found.length,
      candidates: ids.length,
    };
  }

  /** Any other query: ranked by the wording each paragraph carries (rank.ts). */
  private async rankedSearch(
    q: ParsedQuery,
    paste: Paste,
    pasteFor: (lang: Lang) => Paste,
    strong: QueryTerm[],
    asked: { chosen: QueryTerm[]; sampled: boolean; lists: Uint32Array[] },
    opts: SearchOptions,
    empty: SearchResult,
  ): Promise<SearchResult> {
    const limit = opts.limit ?? 20;
    const budget = opts.budget ?? Math.max(limit, VERIFY_BUDGET);
    const { chosen, sampled, lists } = asked;
    const keep = this.keptMask(opts);
    // Each candidate scored by the weight of the chosen terms it holds: an estimate, from the
    // index alone, of how much of the query it can carry.
    const N = this.manifest.paragraphs;
    // Each candidate scored twice from the index alone: by the weight of the chosen terms it
    // holds (what it can carry of the query at most: the bound below), and by the same weight
    // times each term's rarity (how likely it is to carry much: the order it is read in, so that
    // the paragraph a long paste came from is read before those that share its common words).
    const score = new Uint32Array(N);
    const rare = new Float64Array(N);
    const touched: number[] = [];
    let fetched = 0;
    let best = 0;
    chosen.forEach((t, i) => {
      fetched += t.weight;
      const list = lists[i] as Uint32Array;
      const idf = t.weight * Math.log(1 + N / Math.max(1, list.length));
      for (const id of list) {
        if (keep && !keep[id]) continue;
        if (!score[id]) touched.push(id);
        score[id] = (score[id] as number) + t.weight;
        rare[id] = (rare[id] as number) + idf;
        if ((rare[id] as number) > best) best = rare[id] as number;
      }
    });
    const zh = this.zhMask();
    const own = paste.lang === "zh" ? 1 : 0;
    const group = (id: number) => (opts.lang || zh[id] === own ? 0 : 1);
    // Read in order of language group, then rarity (highest first), then number: one packed
    // number a candidate, sorted as numbers (a 2,000-character paste can touch most of the corpus).
    const keys = new Float64Array(touched.length);
    touched.forEach((id, i) => {
      const r = Math.round(((rare[id] as number) / (best || 1)) * 65535);
      keys[i] = (group(id) * 65536 + (65535 - r)) * 4194304 + id;
    });
    keys.sort();
    const order = Array.from(keys, (key) => key % 4194304);
    // An upper bound on what any candidate not yet read can carry (share of the query): the most
    // any of them holds, with room for what sampling the terms may have missed; per group.
    const slack = sampled ? 0.15 : 0.02;
    const most = new Uint32Array(order.length + 1);
    for (let i = order.length - 1; i >= 0; i--) {
      const id = order[i] as number;
      const next = order[i + 1];
      const same = next !== undefined && group(next) === group(id);
      most[i] = Math.max(score[id] as number, same ? (most[i + 1] as number) : 0);
    }
    const bound = (at: number) => Math.min(1, (most[at] as number) / fetched + slack);
    const held = new Set(strong.map((t) => t.term));
    const checked: Checked[] = [];
    let k = 0;
    // Batches of texts fetched together: a page's worth first for a short query (it may stop
    // there), all it will read at once for a long one (it reads them all: one round of fetches).
    let size = paste.total >= 60 ? Math.min(budget, order.length) : Math.min(256, Math.max(16, limit));
    const settled = (): boolean => {
      if (k >= order.length) return true;
      if (k >= budget) return true;
      if (checked.length < limit) return false;
      checked.sort(byRank);
      const kth = checked[limit - 1] as Checked;
      const next = order[k] as number;
      if (group(next) > kth.group) return true;
      if (group(next) < kth.group) return false;
      const b = bound(k);
      // The next one cannot carry more wording, formulas discounted, than the kth carries...
      if (b * paste.total < discounted(kth.c)) return true;
      // ...nor beat a kth that holds the whole query word for word: at best it ties, and ties
      // go by status and date and then number, which follow one order (paragraph numbers are
      // given in status-then-date order), the order candidates of one score are read in.
      return kth.exact;
    };
    const read = new Set<number>();
    const check = (id: number, row: ChunkRow) => {
      read.add(id);
      const text = fold(row[5]);
      if (q.quoted.some((s) => !findPhrase(text, s).length)) return;
      const has = new Set(terms(text));
      const cov = coverage(paste, (t) => has.has(t));
      const exact = findPhrase(text, q.whole);
      const own = pasteFor(this.docOf(id).lang);
      const c: Carried = exact.length
        ? {
            shared: own.total,
            informative: own.informativeTotal,
            passages: [],
            queryRanges: [query(paste.text)],
            textRanges: exact,
          }
        : carried(own, text);
      // Measured in its own language's units; compared in shares of the query.
      const scale = own === paste ? 1 : paste.total / Math.max(1, own.total);
      if (scale !== 1) {
        c.shared *= scale;
        c.informative *= scale;
      }
      if (c.shared === 0 && cov < 0.5) return;
      const ranges =
        c.shared > 0
          ? c.textRanges
          : termRanges(text, new Set([...held].filter((t) => has.has(t)).flatMap((t) => t.split(" "))));
      checked.push({
        id,
        group: group(id),
        folded: text,
        terms: has,
        c,
        rank: this.rankOf(id),
        exact: exact.length > 0,
        coverage: cov,
        ranges,
      });
    };
    while (!settled()) {
      const batch = order.slice(
        k,
        Math.min(k + size, budget === Number.POSITIVE_INFINITY ? order.length : budget),
      );
      size = Math.min(512, size * 2);
      const rows = await this.rows(batch);
      for (const id of batch) {
        k++;
        check(id, rows.get(id) as ChunkRow);
      }
    }
    // The neighbours of what carries much, read and measured too. A draft pastes consecutive
    // paragraphs of one text, and a long paste's terms are sampled (chooseTerms): a paragraph
    // carrying a tenth of it may hold only one or two of the sampled terms and never be read,
    // though it carries more than any paragraph read. A paragraph next to it, carrying the
    // wording just before or after, was read more likely: its neighbours are read then (their
    // chunk mostly fetched already), and theirs in turn while they carry at least half of what
    // the page's last carries, so a run of pasted paragraphs is followed along. What they carry
    // is measured exactly, like every other candidate: this only finds more candidates.
    let extra = 0;
    for (let round = 0; round < NEIGHBOUR_ROUNDS && paste.total >= NEIGHBOURS_FROM; round++) {
      checked.sort(byRank);
      const own = checked.filter((f) => f.group === 0);
      const last = own[Math.min(limit, own.length) - 1];
      if (!last) break;
      const floor = discounted(last.c) / 2;
      // Best first, a few a round: the paragraphs carrying most lead to the paste's own run
      // (a corpus that repeats its phrases has many paragraphs carrying a little).
      const want = new Set<number>();
      let from = 0;
      for (const f of own) {
        if (f.c.shared === 0 || discounted(f.c) < floor || from >= NEIGHBOURS_A_ROUND) continue;
        const d = this.docOf(f.id);
        let any = false;
        for (const id of [f.id - 1, f.id + 1]) {
          if (id < d.first || id >= d.first + d.count || read.has(id) || (keep && !keep[id])) continue;
          if (extra + want.size < NEIGHBOUR_BUDGET) want.add(id);
          any = true;
        }
        if (any) from++;
      }
      if (!want.size) break;
      extra += want.size;
      const rows = await this.rows([...want]);
      for (const id of want) check(id, rows.get(id) as ChunkRow);
    }
    checked.sort(byRank);
    const page = checked.slice(0, limit);
    const hits = await Promise.all(
      page.map((f) =>
        this.hit(f.id, {
          match: f.exact ? "phrase" : f.c.shared > 0 ? "passage" : "words",
          carried: paste.total ? f.c.shared / paste.total : 0,
          shared: f.c.shared,
          informative: f.c.informative,
          coverage: f.coverage,
          ranges: f.ranges,
          queryRanges: f.c.queryRanges,
          passages: f.c.passages,
        }),
      ),
    );
    // Each sentence of the query against the paragraphs read that carry some of it.
    const sources = checked.filter((f) => f.c.shared > 0);
    const verdicts = sentences(
      paste,
      sources.map((f) => ({ folded: f.folded, terms: f.terms, queryRanges: f.c.queryRanges })),
      await this.formulas(),
      opts.citations ?? [],
    );
    const cited = new Map<number, SearchHit>();
    for (const v of verdicts) {
      const f = sources[v.source];
      if (!f || cited.has(f.id)) continue;
      const onPage = page.indexOf(f);
      cited.set(f.id, onPage >= 0 ? (hits[onPage] as SearchHit) : await this.hit(f.id));
    }
    return {
      ...empty,
      hits,
      complete: k >= order.length && checked.length <= limit,
      total: checked.length,
      candidates: order.length,
      sentences: verdicts.map((v) => {
        const h = v.source >= 0 ? cited.get((sources[v.source] as Checked).id) : undefined;
        return {
          start: v.start,
          end: v.end,
          agreed: v.agreed,
          share: v.share,
          gaps: v.gaps,
          source: h ? { id: h.id, citation: h.citation, doc: h.doc, lang: h.lang, address: h.address } : null,
          cited: v.cited,
        };
      }),
    };
  }

  /** Paragraph number `id` as a hit: its document, citation and how it matched. */
  private async hit(id: number, how: Partial<SearchHit> = {}): Promise<SearchHit> {
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
      match: "words",
      carried: 0,
      shared: 0,
      informative: 0,
      coverage: 0,
      ranges: [],
      queryRanges: [],
      passages: [],
      ...how,
    };
  }

  /**
   * The words of a query that occur in no paragraph at all: [start, end) offsets into the query.
   * Only words that no hit of `result` carries are looked up (a word in a shared passage occurs),
   * in at most `budget` buckets; `complete` says whether every such word was looked up. A Chinese
   * character counts as occurring when it stands in any paragraph next to either neighbour it
   * has in the query (the index holds character pairs).
   */
  async unseen(
    query: string,
    result: Pick<SearchResult, "hits">,
    budget = BUCKET_BUDGET,
  ): Promise<{ ranges: Array<[number, number]>; complete: boolean }> {
    const paste = readPaste(query, fold(query), null);
    const carriedAt = mergeRanges(result.hits.flatMap((h) => h.queryRanges));
    const open = paste.units.map((u) => !carriedAt.some(([a, b]) => u.start >= a && u.end <= b));
    // A lone Chinese character is looked up in the single-character index: the pair index holds
    // it only where it stands alone.
    const lone = (t: QueryTerm) => t.weight === 1 && /^\p{Script=Han}$/u.test(t.term);
    const picked = new Set<string>();
    const asked: QueryTerm[] = [];
    let complete = true;
    for (const t of paste.terms) {
      if (!t.units.some((u) => open[u])) continue;
      const key = `${lone(t) ? "u" : "p"}${this.bucketOf(t.term, lone(t))}`;
      if (!picked.has(key) && picked.size >= budget) {
        complete = false;
        continue;
      }
      picked.add(key);
      asked.push(t);
    }
    // A unit occurs nowhere when every term standing for it was looked up and none was found.
    const present = new Uint8Array(paste.units.length);
    const terms = new Uint16Array(paste.units.length);
    const looked = new Uint16Array(paste.units.length);
    for (const t of paste.terms) for (const u of t.units) terms[u] = (terms[u] as number) + 1;
    await Promise.all(
      asked.map(async (t) => {
        const list = await this.postingsOf(t.term, lone(t));
        for (const u of t.units) {
          looked[u] = (looked[u] as number) + 1;
          if (list.length) present[u] = 1;
        }
      }),
    );
    // Neighbours parted only by white space read as one stretch ("zorblat quantum widgets").
    const ranges: Array<[number, number]> = [];
    paste.units.forEach((u, i) => {
      if (!open[i] || looked[i] !== terms[i] || present[i]) return;
      const last = ranges[ranges.length - 1];
      if (last && /^\s*$/.test(query.slice(last[1], u.start))) last[1] = u.end;
      else ranges.push([u.start, u.end]);
    });
    return { ranges, complete };
  }
}

/**
 * The corpus's one language, when a query found nothing because it is written in the other
 * (and no language was asked for): the page and the CLI then say so instead of "nothing found".
 */
export function onlyOtherLanguage(result: SearchResult, asked: SearchFilters["lang"] = ""): Lang | null {
  const [only, ...more] = result.corpusLangs;
  if (result.hits.length || asked || !only || more.length || only === result.query.lang) return null;
  return only;
}

/** [start, end) of a text without its leading and trailing white space. */
function query(text: string): [number, number] {
  const start = text.length - text.trimStart().length;
  return [start, Math.max(start, text.trimEnd().length)];
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

/** How fetchSource reads the files. */
export interface FetchSourceOptions {
  /** fetch's cache mode for the content-hashed files (default "default": the HTTP cache). */
  cache?: RequestCache;
  /**
   * Keep the content-hashed files in the browser's Cache Storage as well, and read them from
   * there first (default true; only where the page has Cache Storage: https or localhost).
   */
  store?: boolean;
}

/** Names of the Cache Storage stores of an index at `root`: one per manifest. */
const STORE = (root: string) => `acquis-search ${root} `;

/** FNV-1a over bytes, as hex: a store's name from its manifest. */
function fnv(bytes: Uint8Array): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ (bytes[i] as number), 0x01000193);
  return (h >>> 0).toString(16);
}

/**
 * The Cache Storage store of the index whose manifest is `manifest`, or null where there is none
 * (no Cache Storage, storage refused); the stores of other manifests at the same root are deleted
 * (an earlier build's: its files are named by their content, this index asks for none of them).
 */
async function openStore(root: string, manifest: Uint8Array): Promise<Cache | null> {
  if (typeof caches === "undefined") return null;
  try {
    const name = STORE(root) + fnv(manifest);
    const store = await caches.open(name);
    for (const k of await caches.keys()) if (k.startsWith(STORE(root)) && k !== name) void caches.delete(k);
    return store;
  } catch {
    return null;
  }
}

/**
 * An IndexSource over HTTP for the site: `fetchSource("/data/search/")`. index.json is asked for
 * fresh (`no-cache`: revalidated); every other file is named by its content and may be cached
 * forever.
 *
 * Decision: the files are also kept in the browser's Cache Storage, and read from there before
 * the HTTP cache. A 2,000-character paste reads some 80 files; measured in Chromium (200k
 * paragraphs, 2 cores under a load average of 20), 40 / 80 of them took 47-92 / 165-309 ms from
 * the HTTP cache and 24-27 / 49-54 ms from Cache Storage: each fetch, even from the HTTP cache,
 * goes through the browser's network service. The store is named by the manifest, so an index
 * built again starts a new one (its unchanged files come from the HTTP cache once) and the old
 * is deleted. Where Cache Storage is missing or refuses (plain http, storage full or denied), the
 * files are fetched as before: it only ever saves time.
 */
export function fetchSource(base: string, opts: FetchSourceOptions = {}): IndexSource {
  const root = base.endsWith("/") ? base : `${base}/`;
  let store: Promise<Cache | null> = Promise.resolve(null);
  const fetched = async (path: string, init: RequestInit): Promise<Response> => {
    const res = await fetch(root + path, init);
    if (!res.ok) throw new Error(`search index file ${path}: HTTP ${res.status}`);
    return res;
  };
  return {
    async get(path: string): Promise<Uint8Array> {
      if (path === "index.json") {
        const bytes = new Uint8Array(await (await fetched(path, { cache: "no-cache" })).arrayBuffer());
        if (opts.store ?? true) store = openStore(root, bytes);
        return bytes;
      }
      const kept = await store;
      if (kept) {
        const hit = await kept.match(root + path).catch(() => undefined);
        if (hit) return new Uint8Array(await hit.arrayBuffer());
      }
      const res = await fetched(path, opts.cache ? { cache: opts.cache } : {});
      // Kept without waiting: a refused write costs nothing but the next read's speed.
      if (kept) kept.put(root + path, res.clone()).catch(() => {});
      return new Uint8Array(await res.arrayBuffer());
    },
  };
}
