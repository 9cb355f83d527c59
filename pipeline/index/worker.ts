/**
 * The cold index on a thread of its own: the index stage's whole work (nodejieba's word counts
 * and key terms, every bucket and text chunk, encoded and compressed) reads the parse alone, and
 * only the formula windows, one small file, wait for the reuse stage. So a cold build starts it
 * here before the cite stage and collects it after reuse: the two heaviest stages run side by
 * side on the 2 cores instead of one after the other (build/stages.ts).
 *
 * Decisions:
 * - Measured before (200k paragraphs, cold, CPU): cite 8.1 s, reuse 43.5 s, index 26.6 s, all on
 *   the main thread while the second core waited. On a machine shared with other work the second
 *   thread also gets a share of the cores of its own.
 * - Only cold: with a memo the index stage patches a few files in a second or two, and starting a
 *   worker (and cloning the corpus to it) would cost more than it saves; under MIN_PARAGRAPHS too.
 * - The worker is sent what the index reads of each paragraph (IndexedParagraph: doc, language,
 *   address, numbers, text), as one JSON string, not the paragraphs: structured clone copies an
 *   object graph field by field on both threads, and the whole records (headings, source,
 *   footnotes...) cost some 6 s of CPU at 200k paragraphs in a profile; a string is copied whole.
 *   The built files come back by transfer, not copied.
 * - An optimisation only: when the worker cannot start, fails, or nodejieba fails in it, the
 *   caller gets null and the stage runs on the main thread as before, reporting what it reports.
 *   The output is the same bytes either way (test/index/worker.test.ts compares them).
 */

import { isMainThread, parentPort, workerData } from "node:worker_threads";
import type { DocumentRecord, Paragraph } from "../../schemas/index.ts";
import { knownRuns } from "../paragraph-runs.ts";
import { replyOf } from "../workers.ts";
import type { IndexedParagraph } from "./build.ts";
import {
  type ColdParts,
  coldParts,
  type IndexMemo,
  memoTexts,
  runChange,
  textChange,
  type WordsChange,
} from "./incremental.ts";
import { cutWords, type ImagePlace, keepSegmenterIn } from "./jieba.ts";
import type { TermCounts } from "./key-terms.ts";
import { WORDS_ROLE, type WordsInput, type WordsReply } from "./words-worker.ts";

const ROLE = "acquis-index-worker";

/**
 * Below this many paragraphs the worker is not started. At 50k paragraphs the index took 6.0 s
 * of CPU on the main thread, and nodejieba's dictionary alone 1.6 s of it (the cut is now
 * segmenter.ts's, whose dictionary loads in about 0.2 s); a worker's start (from
 * the sources, tsx compiling its modules again) and the corpus cloned to it cost about a second.
 * The bound between is set by that, not measured finely.
 */
export const MIN_PARAGRAPHS = 20_000;

/** What the worker is given: the parse, as the stage reads it. */
export interface ColdIndexInput {
  documents: readonly DocumentRecord[];
  paragraphs: readonly Paragraph[];
  /**
   * Where the segmenter's image is kept (jieba.ts): the cold index makes it, so the first build
   * after a change reads it.
   */
  segmenterImage?: ImagePlace | null;
}

/** One paragraph as the worker is sent it: IndexedParagraph's fields, in this order. */
type Row = [
  IndexedParagraph["doc"],
  IndexedParagraph["lang"],
  IndexedParagraph["seq"],
  IndexedParagraph["address"],
  IndexedParagraph["part"],
  IndexedParagraph["scope"],
  IndexedParagraph["num"],
  IndexedParagraph["text"],
];

/** The paragraphs as the worker is sent them: what the index reads of each, one JSON string. */
export function packParagraphs(paragraphs: readonly Paragraph[]): string {
  return JSON.stringify(
    paragraphs.map((p): Row => [p.doc, p.lang, p.seq, p.address, p.part, p.scope, p.num, p.text]),
  );
}

/** packParagraphs() read back. */
export function unpackParagraphs(json: string): IndexedParagraph[] {
  return (JSON.parse(json) as Row[]).map(([doc, lang, seq, address, part, scope, num, text]) => ({
    doc,
    lang,
    seq,
    address,
    part,
    scope,
    num,
    text,
  }));
}

/** The buffers of the built files, handed back by transfer (each gz owns its buffer: build.ts gz). */
function transferables(ready: ColdParts): ArrayBuffer[] {
  const { buckets, unigramBuckets, chunks } = ready.parts;
  const out: ArrayBuffer[] = [];
  for (const f of [...buckets, ...unigramBuckets, ...chunks])
    if (f && f.gz.byteOffset === 0 && f.gz.byteLength === f.gz.buffer.byteLength)
      out.push(f.gz.buffer as ArrayBuffer);
  return out;
}

type Reply = { ok: true; ready: ColdParts } | { ok: false; error: string };

/**
 * Start computing the cold index's parts (coldParts with nodejieba's cut) on a worker thread.
 * The promise gives them, or null when the worker could not give them (then run the stage as
 * usual); it never rejects. The input is cloned to the worker at once.
 */
export function startColdIndex(input: ColdIndexInput): Promise<ColdParts | null> {
  // A worker that fails is no error of the build: the stage runs on the main thread instead.
  const data = {
    role: ROLE,
    documents: input.documents,
    rows: packParagraphs(input.paragraphs),
    image: input.segmenterImage ?? null,
  };
  return replyOf<Reply>(import.meta.url, "index-worker.mjs", data).then((reply) =>
    reply?.ok ? reply.ready : null,
  );
}

/**
 * The Chinese documents whose text changed since the memo's build ("symbol|zh", the memo's keys):
 * the only ones the index stage after a change cuts with nodejieba (incremental.ts).
 */
export function changedChinese(documents: readonly DocumentRecord[], memo: IndexMemo): string[] {
  const had = new Map(memo.keys.map((k, i) => [k, memo.hashes[i]]));
  return documents
    .filter((d) => d.lang === "zh" && had.get(`${d.symbol}|zh`) !== d.hash)
    .map((d) => `${d.symbol}|zh`);
}

/**
 * The module the words worker runs, as workerUrl takes it: from the sources, words-worker.ts
 * itself (its own small graph under tsx too); compiled, this chunk's URL, beside which
 * `words-worker.mjs` lies.
 */
function wordsModule(): string {
  return import.meta.url.endsWith(".ts")
    ? new URL("./words-worker.ts", import.meta.url).href
    : import.meta.url;
}

/**
 * Start counting the words of the Chinese documents `keys` (changedChinese) on a worker thread,
 * for the index stage after a change (incremental.ts `ahead`): for each, the counts of the
 * paragraph texts it no longer holds and of those it holds now (WordsChange), which the stage
 * applies to the memo's counts. The promise gives them by key (a key whose earlier texts could
 * not be read from the memo is left out: the stage reads the memo itself, and says why when it
 * cannot), or null when the worker could not (then the stage cuts on the main thread as before);
 * it never rejects. When no paragraph text changed, no worker is started and nothing is cut.
 * `image`: where the segmenter's image is kept (jieba.ts), so the worker need not read the
 * dictionary's lines.
 *
 * Decisions:
 * - A build after one Chinese document changed spent 0.87 s of its main thread loading
 *   nodejieba's dictionary (profile at 200k paragraphs), which no memo can spare: the changed text
 *   was never cut. Started as the stages start, the load and the cut run on the second core while
 *   the cite and reuse stages run on the first, so the index stage finds the counts ready.
 * - Only the paragraphs whose text changed are cut, not the document: a document's counts are
 *   the sum of its paragraphs', so the memo's counts less the old texts' plus the new texts' are
 *   its counts now. The old texts are the memo's own (its text chunks hold every paragraph's),
 *   so the memo grows by nothing. Within the changed paragraphs only the Chinese runs that
 *   changed are cut (runChange): the cut sees each run alone. The bench's change (one sentence
 *   appended to one document of some 150 paragraphs) cut 150 paragraphs before, and cuts the
 *   sentence's one run now: the worker's CPU in a profile of that build at 200k paragraphs went
 *   from 786 to 178 ms (its segmenter's load 253 -> 52 ms with the image, jieba.ts; the cut 291
 *   -> 23 ms), on the 2-core machine at load average 6-8; what is left is mostly the worker's
 *   own start.
 * - The counts are termCounts() with the same cut of the same texts (test/index/worker.test.ts
 *   compares the build with them to the build without and to a cold build).
 */
export function startTermCounts(
  paragraphs: readonly Paragraph[],
  keys: readonly string[],
  memo: IndexMemo,
  image: ImagePlace | null = null,
): Promise<Map<string, WordsChange> | null> {
  const now = new Map<string, string[]>(keys.map((k) => [k, []]));
  // From the runs when they are known (paragraph-runs.ts): only the changed documents' paragraphs
  // are read, where a pass over every paragraph makes every document's after a change.
  const runs = knownRuns(paragraphs);
  if (runs) {
    for (const r of runs) {
      const texts = r.lang === "zh" ? now.get(`${r.doc}|zh`) : undefined;
      for (let i = r.from; texts && i < r.to; i++) texts.push(paragraphs[i]!.text);
    }
  } else for (const p of paragraphs) if (p.lang === "zh") now.get(`${p.doc}|zh`)?.push(p.text);
  const data: WordsInput = { role: WORDS_ROLE, rows: [], removed: [], image };
  const known: string[] = [];
  for (const key of keys) {
    const before = textsOf(memo, key);
    if (!before) continue;
    const doc = key.slice(0, key.lastIndexOf("|"));
    const paragraphs = textChange(before, now.get(key)!);
    const { removed, added } = runChange(paragraphs.removed, paragraphs.added);
    for (const text of added) data.rows.push({ doc, lang: "zh", text });
    for (const text of removed) data.removed.push({ doc, lang: "zh", text });
    known.push(key);
  }
  const changes = (added: TermCounts, removed: TermCounts) =>
    new Map(
      known.map((k): [string, WordsChange] => [
        k,
        { added: added.get(k) ?? new Map(), removed: removed.get(k) ?? new Map() },
      ]),
    );
  if (!data.rows.length && !data.removed.length) return Promise.resolve(changes(new Map(), new Map()));
  return replyOf<WordsReply>(wordsModule(), "words-worker.mjs", data).then((reply) =>
    reply?.ok ? changes(reply.added, reply.removed) : null,
  );
}

/**
 * memoTexts(), or null when the memo's chunks cannot be read here: only an optimisation fails,
 * and the stage, reading the same chunks, goes cold and says why.
 */
function textsOf(memo: IndexMemo, key: string): string[] | null {
  try {
    return memoTexts(memo, key);
  } catch {
    return null;
  }
}

// Worker side (the cold index): compute, answer once, and end.
if (!isMainThread && (workerData as { role?: string } | null)?.role === ROLE && parentPort) {
  const { documents, rows, image } = workerData as {
    documents: DocumentRecord[];
    rows: string;
    image: ImagePlace | null;
  };
  let reply: Reply;
  try {
    keepSegmenterIn(image);
    reply = { ok: true, ready: coldParts({ documents, paragraphs: unpackParagraphs(rows) }, cutWords) };
  } catch (e) {
    reply = { ok: false, error: (e as Error).message };
  }
  parentPort.postMessage(reply, reply.ok ? transferables(reply.ready) : []);
}
