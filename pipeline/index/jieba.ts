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
import { createHash } from "node:crypto";
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chineseRuns } from "./key-terms.ts";
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

/**
 * The file, beside the build's memos, that keeps the segmenter's image (Segmenter.image(): the
 * dictionaries as read), so that a build after a change loads the segmenter without reading
 * the dictionary's 349k lines.
 */
export const SEGMENTER_IMAGE = "segmenter.image";

/** Where the image is kept, and whether it may be written; null: none (the dictionaries are read). */
export interface ImagePlace {
  dir: string;
  writable: boolean;
  /** The running code's version (build/index.ts codeVersion): an image of other code is not used. */
  version: string;
}

let imagePlace: ImagePlace | null = null;

/**
 * Keep the segmenter's image at `place` from now on (the words worker, for a build with memos);
 * a segmenter already loaded stays as it is.
 */
export function keepSegmenterIn(place: ImagePlace | null): void {
  imagePlace = place;
}

function loadSegmenter(): Segmenter {
  segmenter ??= imagePlace
    ? segmenterAt(imagePlace).segmenter
    : new Segmenter(readFileSync(mainDictionary()), readFileSync(USER_DICT));
  return segmenter;
}

/** How a segmenter was loaded: from the image, or from the dictionaries (and the image written). */
export type Loaded = "image" | "text" | "text, image written";

/**
 * The segmenter from the image kept at `place` when it proves itself, else from the dictionaries
 * (the image then written for the next build, when `place` is writable).
 *
 * Decisions:
 * - Measured: reading the dictionary took 0.1 s of the words worker's CPU in a build after one
 *   change (profile at 200k paragraphs), more than cutting the changed paragraph; the image
 *   reads back as views, with no line read (see the README of this folder for the figures).
 * - The file holds the SHA-256 of what it was made from (the code's version, both dictionaries'
 *   bytes) and of its own body: an image of other dictionaries or other code, or damaged, is
 *   never used; it is made again. Hashing the 5 MB dictionary and the 8 MB image costs some
 *   10 ms; the dictionaries are read anyway (the trie is built from the main one's lines).
 * - Written whole to a temporary file then renamed (FileStore's naming, so one a killed build
 *   leaves is removed), never seen half-written; when it cannot be written, nothing is kept.
 */
export function segmenterAt(place: ImagePlace): { segmenter: Segmenter; loaded: Loaded } {
  const main = readFileSync(mainDictionary());
  const user = readFileSync(USER_DICT);
  const source = createHash("sha256").update(`${place.version}\n`).update(main).update(user).digest();
  const file = join(place.dir, SEGMENTER_IMAGE);
  const body = imageBody(file, source);
  if (body) {
    try {
      return { segmenter: new Segmenter(main, { image: body }), loaded: "image" };
    } catch {
      // An image whose digest holds but whose sections do not read: made again below.
    }
  }
  const s = new Segmenter(main, user);
  const written = place.writable && writeImage(file, source, s.image());
  return { segmenter: s, loaded: written ? "text, image written" : "text" };
}

/** The image's header: the SHA-256 of its sources, then of its body. */
const HEADER = 64;

/** The body of the image at `file` when it was made from `source` and is whole, else null. */
function imageBody(file: string, source: Uint8Array): Uint8Array | null {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return null;
  }
  if (bytes.length < HEADER || !bytes.subarray(0, 32).equals(source)) return null;
  const body = bytes.subarray(HEADER);
  const sum = createHash("sha256").update(body).digest();
  return sum.equals(bytes.subarray(32, HEADER)) ? body : null;
}

function writeImage(file: string, source: Uint8Array, body: Uint8Array): boolean {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, Buffer.concat([source, createHash("sha256").update(body).digest(), body]));
    renameSync(tmp, file);
    return true;
  } catch {
    rmSync(tmp, { force: true });
    return false;
  }
}

let jieba: Jieba | null = null;

function loadNodejieba(): Jieba {
  if (jieba) return jieba;
  const j = packages("nodejieba") as Jieba;
  j.load({ userDict: USER_DICT, idfDict: NO_IDF });
  jieba = j;
  return j;
}

/**
 * Precise-mode cut of the Chinese in `text`, without HMM: each run cut as nodejieba cuts it, so
 * a text's words are its runs' words one after another (the index stage after a change cuts only
 * the runs that changed: incremental.ts).
 */
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
