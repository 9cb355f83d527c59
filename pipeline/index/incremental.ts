/**
 * The index stage after some documents changed: only the buckets whose terms' postings changed
 * and the text chunks whose rows changed are encoded and compressed again; every other file is
 * the one the earlier build made, and the output is what a cold build writes, byte for byte.
 *
 * A build keeps a memo (`IndexMemo`): each bucket's and chunk's file (hash and gzip'd bytes), the
 * documents in ranking order with their content hashes, the posting counts, and each Chinese
 * document's word counts with the key terms they gave. The next build:
 *
 * - lays the corpus out again (ranking, paragraph numbers: build.ts). When the documents, their
 *   order or their paragraph counts differ, paragraph numbers move and almost every bucket with
 *   them: that is a cold build (the format numbers paragraphs in ranking order on purpose, so a
 *   first page of results needs only its own text chunks);
 * - otherwise compares the rows of each changed document with the earlier ones (read back from
 *   the earlier text chunk), and for each row that changed takes its old terms off the postings
 *   and puts its new ones on: only the buckets those terms hash to are decoded and written again;
 *   when the postings' total moves the bucket count, that is a cold build too;
 * - counts the words of changed Chinese documents again (nodejieba) and ranks again the key
 *   terms of the documents whose counts, or whose words' document frequencies, changed; the
 *   memo's counts of the others are not read (`ChangedCounts`, `mayHold`: memo-file.ts). Only
 *   the paragraphs whose text changed are cut: a document's counts are the sum of its
 *   paragraphs', so its memo counts less its old texts' plus its new texts' are its counts now
 *   (`WordsChange`, `countsAfter`), the old texts read from the memo's own text chunks; and a
 *   paragraph's are its Chinese runs' (the cut sees each run alone), so only the runs that
 *   changed are cut (`runChange`). Counts that do not hold what a change takes off are not the
 *   memo's texts' counts: that document is cut whole.
 *
 * The test builds a corpus both ways after random edits and compares every file.
 */
import { gunzipSync } from "node:zlib";
import {
  bucketOf,
  type ChunkRow,
  decodeBucket,
  decodePostings,
  encodePostings,
  FORMAT_VERSION,
} from "../../core/search/format.ts";
import type { DocumentRecord, Paragraph } from "../../schemas/index.ts";
import {
  type BucketFile,
  type BuiltIndex,
  bucketCount,
  bucketFile,
  chunkOf,
  type IndexedParagraph,
  type IndexParts,
  indexFiles,
  indexParts,
  layoutLazily,
  rowTerms,
  SEARCH_SCHEMA_VERSION,
} from "./build.ts";
import { chineseRuns, documentFrequency, type TermCounts, termCounts, topTerms } from "./key-terms.ts";

/** Settings of the index build (build.ts's defaults). */
const CHUNK_SIZE = 32;
const PER_BUCKET = 16_000;
const TOP_TERMS = 20;

/** What a build keeps for the next (see the module header). */
export interface IndexMemo {
  /** Format, schema and settings it was made with. */
  settings: string;
  parts: IndexParts;
  /** "symbol|lang" and content hash of each document, in ranking order. */
  keys: string[];
  hashes: string[];
  /** Word counts of each Chinese document (null: the key terms were left out). */
  tf: WordCounts | null;
  /** In how many of those documents each word occurs. */
  df: Map<string, number>;
}

/**
 * Each Chinese document's word counts, as a memo holds them: a TermCounts map, or counts read
 * back by need (memo-file.ts), where `mayHold` tells without reading a document's counts that
 * they hold none of some words (false: certainly none; true: perhaps).
 */
export interface WordCounts {
  readonly size: number;
  keys(): Iterable<string>;
  has(key: string): boolean;
  get(key: string): Map<string, number> | undefined;
  mayHold?(key: string, words: readonly string[]): boolean;
  /** Every document's counts (each read): for what needs them all. */
  [Symbol.iterator](): Iterator<[string, Map<string, number>]>;
}

/**
 * The memo's counts with some documents' counts replaced (null: the document has none now), so a
 * build after a change reads only the counts it asks for: those of the changed documents and of
 * documents that may hold a word whose document frequency moved. memo-file.ts carries the pieces
 * of the others unread.
 */
export class ChangedCounts implements WordCounts {
  readonly size: number;
  constructor(
    readonly base: WordCounts,
    readonly changes: ReadonlyMap<string, Map<string, number> | null>,
  ) {
    let size = base.size;
    for (const [key, c] of changes) size += (c ? 1 : 0) - (base.has(key) ? 1 : 0);
    this.size = size;
  }

  *keys(): Iterable<string> {
    for (const key of this.base.keys()) if (!this.changes.has(key)) yield key;
    for (const [key, c] of this.changes) if (c) yield key;
  }

  has(key: string): boolean {
    return this.changes.has(key) ? this.changes.get(key) !== null : this.base.has(key);
  }

  get(key: string): Map<string, number> | undefined {
    return this.changes.has(key) ? (this.changes.get(key) ?? undefined) : this.base.get(key);
  }

  mayHold(key: string, words: readonly string[]): boolean {
    if (this.changes.has(key)) return words.some((w) => this.changes.get(key)?.has(w));
    return this.base.mayHold?.(key, words) ?? true;
  }

  *[Symbol.iterator](): Iterator<[string, Map<string, number>]> {
    for (const key of this.keys()) yield [key, this.get(key)!];
  }
}

/**
 * A changed Chinese document's words as a difference: the counts of the paragraph texts it no
 * longer holds and of those it holds now (termCounts of each), to take off and put on the
 * memo's counts of it (`countsAfter`).
 */
export interface WordsChange {
  removed: Map<string, number>;
  added: Map<string, number>;
}

/**
 * The texts a document's paragraphs had at the memo's build, as its text chunks hold them (a
 * row's last field is the paragraph's text), in row order; null when the memo has no such
 * document. Reads the chunks it needs, and nothing else.
 */
export function memoTexts(memo: IndexMemo, key: string): string[] | null {
  const d = memo.keys.indexOf(key);
  if (d < 0) return null;
  const { first, count } = memo.parts.docs[d]!;
  const size = memo.parts.chunkSize;
  const texts: string[] = [];
  for (let c = Math.floor(first / size); c * size < first + count; c++) {
    const rows = JSON.parse(gunzipSync(memo.parts.chunks[c]!.gz).toString("utf8")) as ChunkRow[];
    for (let r = Math.max(first, c * size); r < Math.min(first + count, (c + 1) * size); r++)
      texts.push(rows[r - c * size]![5]);
  }
  return texts;
}

/**
 * The paragraph texts taken off and put on between `before` and `after`, as multisets: a
 * document's counts are the sum of its paragraphs' (termCounts), in any order, so only these
 * need cutting, not the document.
 */
export function textChange(
  before: readonly string[],
  after: readonly string[],
): { removed: string[]; added: string[] } {
  const had = new Map<string, number>();
  for (const t of before) had.set(t, (had.get(t) ?? 0) + 1);
  const added: string[] = [];
  for (const t of after) {
    const n = had.get(t) ?? 0;
    if (n > 0) had.set(t, n - 1);
    else added.push(t);
  }
  const removed: string[] = [];
  for (const [t, n] of had) for (let k = 0; k < n; k++) removed.push(t);
  return { removed, added };
}

/**
 * textChange() of the changed paragraphs' texts, taken down to their Chinese runs: the cut sees
 * each run alone (jieba.ts cutWords), so a paragraph's words are its runs' words, and only the
 * runs that changed need cutting. A sentence appended to a paragraph is a run or two, not the
 * paragraph twice over (its old text and its new).
 */
export function runChange(
  removed: readonly string[],
  added: readonly string[],
): { removed: string[]; added: string[] } {
  return textChange(removed.flatMap(chineseRuns), added.flatMap(chineseRuns));
}

/**
 * The counts `before` (the memo's, of one document) with `change` taken off and put on; null
 * when they do not hold what is taken off: then the memo's counts are not those of its texts,
 * and the document is cut whole instead, never patched into counts no build would make.
 */
export function countsAfter(
  before: ReadonlyMap<string, number> | undefined,
  change: WordsChange,
): Map<string, number> | null {
  const out = new Map(before);
  for (const [w, n] of change.removed) {
    const left = (out.get(w) ?? 0) - n;
    if (left < 0) return null;
    if (left) out.set(w, left);
    else out.delete(w);
  }
  for (const [w, n] of change.added) out.set(w, (out.get(w) ?? 0) + n);
  return out;
}

/** What the index stage reads. */
export interface IndexMemoInput {
  documents: readonly DocumentRecord[];
  paragraphs: readonly Paragraph[];
  /**
   * The reuse stage's formula windows (stage.ts): one small file written whole at every build,
   * cold or not, so the memo does not keep them.
   */
  formulaWindows?: Uint32Array;
}

/** A run: the index, the memo for the next build, how it ran, why a memo given was not used. */
export interface IndexRun {
  built: BuiltIndex;
  memo: IndexMemo;
  mode: "cold" | "incremental";
  why: string | null;
  /** Buckets and chunks written again (all of them, cold). */
  rewritten: number;
}

const SETTINGS = JSON.stringify({
  format: FORMAT_VERSION,
  schema: SEARCH_SCHEMA_VERSION,
  chunk: CHUNK_SIZE,
  bucket: PER_BUCKET,
  top: TOP_TERMS,
});

/**
 * Build the index, from the memo of an earlier build when one is given and fits, else cold.
 * @param cut nodejieba's cut (jieba.ts), called only for Chinese documents that changed; when
 *   it throws, key terms are left out and the error is rethrown for the stage to report
 * @param ready coldParts() of this input and cut, computed ahead (worker.ts), for a cold run
 * @param counts termCounts() of some Chinese documents with this cut, by key, computed ahead
 *   (worker.ts startTermCounts), for a run from the memo: a changed document found there is not
 *   cut again
 */
export function indexWithMemo(
  input: IndexMemoInput,
  previous: IndexMemo | null,
  cut: ((text: string) => string[]) | null,
  ready: ColdParts | null = null,
  counts: ReadonlyMap<string, WordsChange> | null = null,
): IndexRun {
  let why: string | null = null;
  if (previous) {
    if (previous.settings !== SETTINGS) why = "the index settings changed";
    else if ((previous.tf === null) !== (cut === null)) why = "key terms were left out in one of the builds";
    else {
      const run = incremental(input, previous, cut, counts);
      if (typeof run !== "string") return run;
      why = run;
    }
  }
  // Parts made ahead are made with nodejieba's cut: without a cut (it failed), they do not stand.
  return { ...cold(input, cut, cut ? ready : null), why };
}

function hashOf(documents: readonly DocumentRecord[]): Map<string, string> {
  return new Map(documents.map((d) => [`${d.symbol}|${d.lang}`, d.hash]));
}

/**
 * What a cold index is made of before the formula windows are added: its parts, and the word
 * counts of the Chinese documents (null when no cut was given or no document is Chinese).
 */
export interface ColdParts {
  parts: IndexParts;
  tf: TermCounts | null;
}

/**
 * A cold index's parts, without the formula windows (they are the reuse stage's, added by
 * cold()): this is the stage's whole work, which worker.ts runs on a thread of its own while the
 * reuse stage runs. A cut that throws throws here.
 */
export function coldParts(
  input: { documents: readonly DocumentRecord[]; paragraphs: readonly IndexedParagraph[] },
  cut: ((text: string) => string[]) | null,
): ColdParts {
  const tf = cut && input.paragraphs.some((p) => p.lang === "zh") ? termCounts(input.paragraphs, cut) : null;
  const keyTerms = tf ? rankAll(tf) : undefined;
  const parts = indexParts(input.paragraphs, input.documents, {
    chunkSize: CHUNK_SIZE,
    postingsPerBucket: PER_BUCKET,
    keyTerms,
  });
  return { parts, tf };
}

/**
 * The index built cold; from `ready`, the parts a worker computed from the same input with the
 * same cut, when given (the output is the same bytes either way).
 */
function cold(
  input: IndexMemoInput,
  cut: ((text: string) => string[]) | null,
  ready: ColdParts | null = null,
): Omit<IndexRun, "why"> {
  const { parts: bare, tf } = ready ?? coldParts(input, cut);
  const parts: IndexParts = input.formulaWindows ? { ...bare, formulaWindows: input.formulaWindows } : bare;
  const built = { ...indexFiles(parts), parts };
  const { docs } = built.parts;
  const hash = hashOf(input.documents);
  const keys = docs.map((d) => `${d.symbol}|${d.lang}`);
  return {
    built,
    memo: {
      settings: SETTINGS,
      parts: built.parts,
      keys,
      hashes: keys.map((k) => hash.get(k) ?? ""),
      tf: tf ?? (cut ? new Map() : null),
      df: tf ? documentFrequency(tf) : new Map(),
    },
    mode: "cold",
    rewritten: built.parts.buckets.length + built.parts.unigramBuckets.length + built.parts.chunks.length,
  };
}

/** Key terms of every document, as key-terms.ts ranks them. */
function rankAll(tf: TermCounts): Record<string, string[]> {
  const df = documentFrequency(tf);
  const out: Record<string, string[]> = {};
  for (const key of [...tf.keys()].sort()) out[key] = topTerms(tf.get(key)!, df, tf.size, TOP_TERMS);
  return out;
}

/** A term's postings to change: rows to take off and rows to put on. */
interface Delta {
  del: number[];
  add: number[];
}

function noteDelta(map: Map<string, Delta>, term: string, row: number, add: boolean): void {
  let d = map.get(term);
  if (!d) {
    d = { del: [], add: [] };
    map.set(term, d);
  }
  (add ? d.add : d.del).push(row);
}

/** Apply term deltas to buckets: the buckets touched are decoded, patched and written again. */
function patchBuckets(
  old: Array<BucketFile | null>,
  deltas: Map<string, Delta>,
): { buckets: Array<BucketFile | null>; termsMoved: number; rewritten: number } {
  const byBucket = new Map<number, Array<[string, Delta]>>();
  for (const [term, d] of deltas) {
    const b = bucketOf(term, old.length);
    const list = byBucket.get(b);
    if (list) list.push([term, d]);
    else byBucket.set(b, [[term, d]]);
  }
  const buckets = [...old];
  let termsMoved = 0;
  for (const [b, changes] of byBucket) {
    const before = old[b];
    const entries = before
      ? decodeBucket(new Uint8Array(gunzipSync(before.gz)))
      : new Map<string, Uint8Array>();
    for (const [term, d] of changes) {
      const had = entries.get(term);
      const ids = new Set(had ? decodePostings(had) : []);
      for (const r of d.del) ids.delete(r);
      for (const r of d.add) ids.add(r);
      if (!ids.size) {
        if (had) {
          entries.delete(term);
          termsMoved--;
        }
        continue;
      }
      if (!had) termsMoved++;
      entries.set(term, encodePostings([...ids].sort((x, y) => x - y)));
    }
    buckets[b] = entries.size ? bucketFile([...entries]) : null;
  }
  return { buckets, termsMoved, rewritten: byBucket.size };
}

/**
 * The counts of the texts taken off and put on a document `key` (see WordsChange), cut run by
 * run (runChange: `cut` must cut a text as its Chinese runs one after another, as jieba.ts does).
 */
function changeOf(
  key: string,
  moved: { removed: string[]; added: string[] },
  cut: (text: string) => string[],
): WordsChange {
  const runs = runChange(moved.removed, moved.added);
  const rows = (list: string[]) =>
    list.map((text) => ({ doc: key.slice(0, key.lastIndexOf("|")), lang: "zh" as const, text }));
  return {
    removed: termCounts(rows(runs.removed), cut).get(key) ?? new Map(),
    added: termCounts(rows(runs.added), cut).get(key) ?? new Map(),
  };
}

/**
 * A changed document's counts now: the memo's with `change` applied, or, when the memo's do not
 * hold what the change takes off (countsAfter), its texts now (`whole`) cut afresh.
 */
function wordsNow(
  key: string,
  before: ReadonlyMap<string, number> | undefined,
  change: WordsChange,
  whole: () => string[],
  cut: (text: string) => string[],
): Map<string, number> {
  const patched = countsAfter(before, change);
  if (patched) return patched;
  const symbol = key.slice(0, key.lastIndexOf("|"));
  return (
    termCounts(
      whole().map((text) => ({ doc: symbol, lang: "zh" as const, text })),
      cut,
    ).get(key) ?? new Map()
  );
}

function incremental(
  input: IndexMemoInput,
  old: IndexMemo,
  cut: ((text: string) => string[]) | null,
  ahead: ReadonlyMap<string, WordsChange> | null,
): IndexRun | string {
  const layout = layoutLazily(input.paragraphs, input.documents);
  const prev = old.parts;
  if (
    layout.docs.length !== prev.docs.length ||
    layout.keys.some((k, i) => k !== old.keys[i] || layout.docs[i]!.count !== prev.docs[i]!.count)
  )
    return "documents were added, removed, reordered or changed their paragraph count: paragraph numbers move";
  const hash = hashOf(input.documents);
  const hashes = layout.keys.map((k) => hash.get(k) ?? "");

  // Rows of changed documents, compared with the earlier ones (read back from their text chunk).
  const oldChunk = new Map<number, ChunkRow[]>();
  const oldRow = (r: number): ChunkRow => {
    const c = Math.floor(r / prev.chunkSize);
    let rows = oldChunk.get(c);
    if (!rows) {
      rows = JSON.parse(gunzipSync(prev.chunks[c]!.gz).toString("utf8")) as ChunkRow[];
      oldChunk.set(c, rows);
    }
    return rows[r - c * prev.chunkSize]!;
  };
  const terms = new Map<string, Delta>();
  const uni = new Map<string, Delta>();
  let postings = prev.postings;
  let unigramPostings = prev.unigramPostings;
  const chunksMoved = new Set<number>();
  const changedDocs: number[] = [];
  /** Per changed document: the texts of its rows that changed, before and now. */
  const texts = new Map<number, { removed: string[]; added: string[] }>();
  layout.docs.forEach((d, i) => {
    if (hashes[i] === old.hashes[i]) return;
    changedDocs.push(i);
    const moved = { removed: [] as string[], added: [] as string[] };
    texts.set(i, moved);
    for (let r = d.first; r < d.first + d.count; r++) {
      const now = layout.row(r);
      const was = oldRow(r);
      if (JSON.stringify(now) === JSON.stringify(was)) continue;
      chunksMoved.add(Math.floor(r / prev.chunkSize));
      if (now[5] === was[5]) continue;
      moved.removed.push(was[5]);
      moved.added.push(now[5]);
      const a = rowTerms(was[5]);
      const b = rowTerms(now[5]);
      const diff = (before: string[], after: string[], map: Map<string, Delta>) => {
        const keep = new Set(after);
        const had = new Set(before);
        for (const t of before) if (!keep.has(t)) noteDelta(map, t, r, false);
        for (const t of after) if (!had.has(t)) noteDelta(map, t, r, true);
        return after.length - before.length;
      };
      postings += diff(a.terms, b.terms, terms);
      unigramPostings += diff(a.unigrams, b.unigrams, uni);
    }
  });
  if (
    bucketCount(postings, PER_BUCKET, false) !== prev.buckets.length ||
    bucketCount(unigramPostings, PER_BUCKET, true) !== prev.unigramBuckets.length
  )
    return "the number of postings moved the bucket count";
  const p = patchBuckets(prev.buckets, terms);
  const u = patchBuckets(prev.unigramBuckets, uni);
  const chunks = [...prev.chunks];
  for (const c of chunksMoved) {
    const rows: ChunkRow[] = [];
    for (let r = c * prev.chunkSize; r < Math.min((c + 1) * prev.chunkSize, layout.rowCount); r++)
      rows.push(layout.row(r));
    chunks[c] = chunkOf(rows);
  }

  // Key terms: counts of changed Chinese documents; ranks where counts or frequencies moved.
  let tf = old.tf;
  let df = old.df;
  let keyTerms = prev.keyTerms;
  const zhDocs = changedDocs.filter((i) => layout.keys[i]!.endsWith("|zh"));
  const zhChanged = zhDocs.map((i) => layout.keys[i]!);
  if (old.tf && cut && zhChanged.length) {
    // Counts replaced on the memo's, not copied: only those asked for below are read.
    const base = old.tf instanceof ChangedCounts ? old.tf.base : old.tf;
    const changes = new Map(old.tf instanceof ChangedCounts ? old.tf.changes : []);
    df = new Map(df);
    const moved = new Set<string>();
    for (const i of zhDocs) {
      const key = layout.keys[i]!;
      const before = old.tf.get(key);
      const change = ahead?.get(key) ?? changeOf(key, texts.get(i)!, cut);
      const counts = wordsNow(key, before, change, () => layout.rowsOf(i).map((row) => row[5]), cut);
      for (const w of before?.keys() ?? []) {
        moved.add(w);
        const n = df.get(w)! - 1;
        if (n) df.set(w, n);
        else df.delete(w);
      }
      for (const w of counts.keys()) {
        moved.add(w);
        df.set(w, (df.get(w) ?? 0) + 1);
      }
      // Kept when empty: a cold build counts a Chinese document with no words too (idf's n).
      changes.set(key, counts);
    }
    const next = new ChangedCounts(base, changes);
    tf = next;
    const dfMoved = [...moved].filter((w) => (old.df.get(w) ?? 0) !== (df.get(w) ?? 0));
    const n = next.size;
    const out: Record<string, string[]> = {};
    // A document's ranking moves only with its counts or the frequency of a word it holds: the
    // counts of one that certainly holds none of the words whose frequency moved are not read.
    const holds = (key: string) =>
      dfMoved.length > 0 && next.mayHold(key, dfMoved) && dfMoved.some((w) => next.get(key)!.has(w));
    for (const key of [...next.keys()].sort()) {
      const rerank = n !== old.tf.size || zhChanged.includes(key) || !keyTerms?.[key] || holds(key);
      out[key] = rerank ? topTerms(next.get(key)!, df, n, TOP_TERMS) : keyTerms![key]!;
    }
    keyTerms = Object.keys(out).length ? out : undefined;
  }

  const parts: IndexParts = {
    chunkSize: prev.chunkSize,
    rows: layout.rowCount,
    docs: layout.docs,
    buckets: p.buckets,
    unigramBuckets: u.buckets,
    chunks,
    terms: prev.terms + p.termsMoved,
    postings,
    unigramTerms: prev.unigramTerms + u.termsMoved,
    unigramPostings,
    keyTerms,
    ...(input.formulaWindows ? { formulaWindows: input.formulaWindows } : {}),
  };
  return {
    built: indexFiles(parts),
    memo: { settings: SETTINGS, parts, keys: layout.keys, hashes, tf, df },
    mode: "incremental",
    why: null,
    rewritten: p.rewritten + u.rewritten + chunksMoved.size,
  };
}
