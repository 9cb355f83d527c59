/**
 * The host of Chinese word segmentation: the only module that imports nodejieba. Word cuts with
 * the UN user dictionary (un-terms.dict, kept beside this file), for term lists and nothing that
 * recall depends on (recall comes from character pairs, core/search/tokenize.ts).
 *
 * Decisions:
 * - The cut is nodejieba's without HMM (deterministic and dictionary-driven: HMM guesses new words
 *   and changes cuts with context), done by segmenter.ts, a port that reads nodejieba's own
 *   dictionary text (from its package) and never loads the native addon. nodejieba's `load`
 *   parses the 5 MB dictionary twice into C++ tries (its segmenters and a TextRank extractor):
 *   3.3-3.6 s of CPU, 1.1-1.2 s of it system time, and 276 MB resident, on the 2-core bench
 *   machine under load; the port loads in 0.17-0.19 s of CPU (63 MB resident for the whole
 *   process), builds a character's words the first time a text holds it, and cut the 197k
 *   Chinese paragraphs of the 200k bench corpus in 5.5 s of CPU against nodejieba's 12.4 s,
 *   every paragraph the same words (test/index/segmenter.test.ts compares the two on the seed,
 *   the fixtures and random texts).
 * - Without HMM nodejieba splits ASCII into single characters, so Latin letters and digits are
 *   taken out of the text first and never reach the cut: it sees the Chinese runs, one at a time.
 * - This module reads the two dictionary files itself (biome.json exempts it, alone in
 *   pipeline/index/, from the stage modules' rule against touching the disk): nodejieba read
 *   the same two files from native code before, out of the lint's sight; the reads stay the
 *   host's, once a process.
 * - nodejieba itself is loaded only for the search-mode cut (which nothing in the build calls)
 *   and as the tests' oracle; it is loaded lazily (it holds ~280 MB once loaded). If its native
 *   binary is missing the cut still works; if its dictionary is missing, the cut throws and the
 *   index stage leaves key terms out with a warning.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Segmenter } from "./segmenter.ts";

interface Jieba {
  load(opts: { userDict?: string; idfDict?: string }): void;
  cut(text: string, useHMM?: boolean): string[];
  cutForSearch(text: string, useHMM?: boolean): string[];
}

/** Path of the UN user dictionary, one "word freq tag" a line. */
export const USER_DICT = fileURLToPath(new URL("./un-terms.dict", import.meta.url));

/**
 * An IDF table of one word, in place of nodejieba's own (6 MB), which only its keyword extractor
 * reads and which we never call: loading it was a quarter of nodejieba's load. The cut does not
 * read it.
 */
const NO_IDF = fileURLToPath(new URL("./no-idf.utf8", import.meta.url));

const packages = createRequire(import.meta.url);

/**
 * nodejieba's main dictionary, found where its package keeps it (the DEFAULT_DICT of its
 * index.js), resolved as Node resolves the package: from the compiled CLI's chunks too.
 */
export function mainDictionary(): string {
  return join(dirname(packages.resolve("nodejieba")), "submodules/cppjieba/dict/jieba.dict.utf8");
}

let segmenter: Segmenter | null = null;

function loadSegmenter(): Segmenter {
  segmenter ??= new Segmenter(readFileSync(mainDictionary()), readFileSync(USER_DICT));
  return segmenter;
}

let jieba: Jieba | null = null;

function loadNodejieba(): Jieba {
  if (jieba) return jieba;
  const j = packages("nodejieba") as Jieba;
  j.load({ userDict: USER_DICT, idfDict: NO_IDF });
  jieba = j;
  return j;
}

/** The Chinese runs of a text (Latin, digits and punctuation split them, never reach the cut). */
function chineseRuns(text: string): string[] {
  return text.match(/[\p{Script=Han}]+/gu) ?? [];
}

/** Precise-mode cut of the Chinese in `text`, without HMM: each run cut as nodejieba cuts it. */
export function cutWords(text: string): string[] {
  const seg = loadSegmenter();
  const words: string[] = [];
  for (const run of chineseRuns(text)) seg.cutInto(run, words);
  return words;
}

/** cutWords() by nodejieba itself: the oracle the tests compare the port with. */
export function cutWordsByNodejieba(text: string): string[] {
  const j = loadNodejieba();
  return chineseRuns(text).flatMap((run) => j.cut(run, false));
}

/** Search-mode cut (words and their sub-words), without HMM, by nodejieba. */
export function cutForSearch(text: string): string[] {
  const j = loadNodejieba();
  return chineseRuns(text).flatMap((run) => j.cutForSearch(run, false));
}
