/**
 * The worker thread that counts the words of the Chinese documents changed since the index memo's
 * build (worker.ts `startTermCounts` starts it, and reads its reply): the segmenter and the
 * counting, and nothing else.
 *
 * Decision: a module of its own, and an entry of its own in the compiled CLI
 * (pipeline/compile.ts), so that the worker loads only what it runs. Started from worker.ts's
 * entry, it loaded that module's graph: the schemas with zod, micromark and the parser (through
 * the parse pool's `replyOf`), opencc, some 1.3 MB of chunks, which a build after one change paid
 * for on the second core before the first word was cut. Nothing here may import the parser, the
 * schemas' values or the build: the words-worker test checks the compiled entry's imports.
 */
import { isMainThread, parentPort, workerData } from "node:worker_threads";
import type { Paragraph } from "../../schemas/index.ts";
import { cutWords, type ImagePlace, keepSegmenterIn } from "./jieba.ts";
import { type TermCounts, termCounts } from "./key-terms.ts";

/** The role the worker is started with (worker.ts), so no other module's worker runs this. */
export const WORDS_ROLE = "acquis-index-counts-worker";

/**
 * What the worker is sent: the changed documents' paragraph texts that are new (`rows`) and those
 * gone (`removed`), as termCounts reads them (incremental.ts WordsChange).
 */
export interface WordsInput {
  role: typeof WORDS_ROLE;
  rows: Array<Pick<Paragraph, "doc" | "lang" | "text">>;
  removed: Array<Pick<Paragraph, "doc" | "lang" | "text">>;
  /** Where the segmenter's image is kept (jieba.ts), or null: the dictionaries are read. */
  image: ImagePlace | null;
}

/** Its one reply: the counts of each list. */
export type WordsReply = { ok: true; added: TermCounts; removed: TermCounts } | { ok: false; error: string };

/** The counts of `rows` and of `removed` by the build's cut, or why there are none; never throws. */
export function countWords(rows: WordsInput["rows"], removed: WordsInput["removed"]): WordsReply {
  try {
    return { ok: true, added: termCounts(rows, cutWords), removed: termCounts(removed, cutWords) };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

// Worker side: compute, answer once, and end.
if (!isMainThread && (workerData as { role?: string } | null)?.role === WORDS_ROLE && parentPort) {
  const { rows, removed, image } = workerData as WordsInput;
  keepSegmenterIn(image);
  parentPort.postMessage(countWords(rows, removed));
}
