/**
 * The host of nodejieba: the only module that imports it. Word segmentation with the UN user
 * dictionary (un-terms.dict, kept beside this file), for term lists and nothing that recall
 * depends on (recall comes from character pairs, core/search/tokenize.ts).
 *
 * Decision: nodejieba is loaded lazily (it holds ~310 MB once loaded) and without HMM, so the cut
 * is deterministic and dictionary-driven (HMM guesses new words and changes cuts with context).
 * Without HMM nodejieba splits ASCII into single characters, so Latin letters and digits are
 * taken out of the text first and never reach it.
 *
 * What the load costs (about 1 s of CPU, 145,000 page faults, 262 MB): nodejieba's `load` builds
 * cppjieba's segmenters and, apart, a TextRank extractor with a trie of its own, so the main
 * dictionary (jieba.dict.utf8, 5 MB, 349,000 words) is parsed twice, as are the HMM model
 * (0.5 MB) and the user and stop-word lists; the IDF table only once (replaced below). Tried and
 * not kept: a one-character HMM model and a one-line stop-word list (both unread by a cut
 * without HMM, the cuts word for word the same on the seed and the fixtures) saved some 20-30 ms
 * of the load, within its noise; the main dictionary cannot shrink without changing cuts (only
 * 2.4 % of its words are never chosen: a split of the word into others always weighs more);
 * glibc's huge pages cut the page faults 20-fold but not the system time.
 */
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

interface Jieba {
  load(opts: { userDict?: string; idfDict?: string }): void;
  cut(text: string, useHMM?: boolean): string[];
  cutForSearch(text: string, useHMM?: boolean): string[];
}

let jieba: Jieba | null = null;

/** Path of the UN user dictionary, one "word freq tag" a line. */
export const USER_DICT = fileURLToPath(new URL("./un-terms.dict", import.meta.url));

/**
 * An IDF table of one word, in place of nodejieba's own (6 MB), which only its keyword extractor
 * reads and which we never call: loading it was a quarter of nodejieba's load (some 0.3 of 1.1 s
 * of CPU), paid by a build after one Chinese document changed. The cut does not read it.
 */
const NO_IDF = fileURLToPath(new URL("./no-idf.utf8", import.meta.url));

function load(): Jieba {
  if (jieba) return jieba;
  const j = createRequire(import.meta.url)("nodejieba") as Jieba;
  j.load({ userDict: USER_DICT, idfDict: NO_IDF });
  jieba = j;
  return j;
}

/** The Chinese runs of a text (Latin, digits and punctuation split them, never reach jieba). */
function chineseRuns(text: string): string[] {
  return text.match(/[\p{Script=Han}]+/gu) ?? [];
}

/**
 * The separator the runs of one text are cut with, in one call: a character nodejieba's cut
 * splits the text at before it builds a run's graph of words (cppjieba's separators), so each run
 * is cut as it would be alone, and the separator comes back as a word of its own.
 */
const RUN_SEPARATOR = "\n";

/**
 * Precise-mode cut of the Chinese in `text`, without HMM. The runs go to nodejieba in one call,
 * joined by RUN_SEPARATOR, not one call a run: a paragraph holds some ten runs between its
 * punctuation, and each call costs a crossing into native code and back; on the 40,080 Chinese
 * paragraphs of the 50k bench corpus the cut took 1.50-1.66 s of CPU against 1.74-2.10 s, every
 * paragraph cut the same (a test compares the two ways).
 */
export function cutWords(text: string): string[] {
  const j = load();
  const runs = chineseRuns(text);
  if (runs.length < 2) return runs.length ? j.cut(runs[0]!, false) : [];
  return j.cut(runs.join(RUN_SEPARATOR), false).filter((w) => w !== RUN_SEPARATOR);
}

/** cutWords() one run at a time, as it was: the reference a test compares it with. */
export function cutWordsByRun(text: string): string[] {
  const j = load();
  return chineseRuns(text).flatMap((run) => j.cut(run, false));
}

/** Search-mode cut (words and their sub-words), without HMM. */
export function cutForSearch(text: string): string[] {
  const j = load();
  return chineseRuns(text).flatMap((run) => j.cutForSearch(run, false));
}
