/**
 * The "index" stage: the search index under dist/data/search/ (build.ts), with each Chinese
 * document's key terms from jieba's word cut (key-terms.ts through the jieba.ts host, which cuts
 * as nodejieba does, from its dictionary) and the reuse stage's formula windows.
 *
 * Decisions:
 * - The index itself never depends on the word cut (recall comes from the shared tokeniser); if
 *   its dictionary cannot be read, the key terms are left out with a warning and the index is built.
 * - Its output is files: the index's on-disk format is its own (README.md beside this file), so
 *   the stage gives the files under search/ as it wants them written, with their manifest.
 */
import type { Diagnostic, DocumentRecord, Paragraph } from "../../schemas/index.ts";
import { diag } from "../diagnostics.ts";
import { PieceUnreadable } from "../memo-pieces.ts";
import type { BuiltIndex } from "./build.ts";
import {
  type ColdParts,
  type IndexMemo,
  type IndexRun,
  indexWithMemo,
  type WordsChange,
} from "./incremental.ts";
import { cutWords } from "./jieba.ts";

/** What the index stage reads: the parse output, and the formula windows the reuse stage counted. */
export interface IndexInput {
  /** Every parsed document, sorted by symbol then language. */
  documents: readonly DocumentRecord[];
  /** Every paragraph, documents in the order above, each in reading order. */
  paragraphs: readonly Paragraph[];
  /**
   * The reuse stage's formula windows (ReuseResult.formulaWindows), shipped with the index so
   * that search discounts formulas as the reuse stage does; absent, nothing is discounted.
   */
  formulaWindows?: Uint32Array;
}

/** The built index: its files keyed by path under dist/data/search/, its manifest and counts. */
export interface Indexed extends BuiltIndex {
  diagnostics: Diagnostic[];
}

/** The stage: build the search index. */
export function indexStage(input: IndexInput): Indexed {
  return indexStageMemo(input, null).indexed;
}

/** The word cut failed (its dictionary could not be read): the index is built without key terms. */
class SegmenterError extends Error {}

/** What the stage gives with a memo: the index, and how the run went (incremental.ts). */
export interface IndexStageRun extends Omit<IndexRun, "built"> {
  indexed: Indexed;
}

/**
 * The stage, from the memo of an earlier build when one is given and fits (incremental.ts); the
 * memo for the next build comes back with the index. `ready`: the cold parts computed ahead on a
 * worker (worker.ts), used when the run is cold; `counts`: how the word counts of the Chinese
 * documents that changed moved, computed ahead on a worker (worker.ts startTermCounts), used when not.
 */
export function indexStageMemo(
  input: IndexInput,
  previous: IndexMemo | null,
  ready: ColdParts | null = null,
  counts: ReadonlyMap<string, WordsChange> | null = null,
): IndexStageRun {
  try {
    return withSegmenter(input, previous, ready, counts);
  } catch (e) {
    // The memo's files are read as the stage needs them (memo-file.ts): one that does not read
    // back makes the stage cold, with nothing of the memo used.
    if (!(e instanceof PieceUnreadable) || !previous) throw e;
    const run = withSegmenter(input, null, ready, null);
    return { ...run, why: `its memo could not be used (${e.message})` };
  }
}

function withSegmenter(
  input: IndexInput,
  previous: IndexMemo | null,
  ready: ColdParts | null,
  counts: ReadonlyMap<string, WordsChange> | null,
): IndexStageRun {
  const diagnostics: Diagnostic[] = [];
  let run: IndexRun;
  try {
    run = indexWithMemo(
      input,
      previous,
      (text) => {
        try {
          return cutWords(text);
        } catch (e) {
          throw new SegmenterError((e as Error).message);
        }
      },
      ready,
      counts,
    );
  } catch (e) {
    if (!(e instanceof SegmenterError)) throw e;
    // The word cut is the only part that can fail on its own (its dictionary, nodejieba's text,
    // missing or unreadable): without it, no key terms.
    diagnostics.push(
      diag(
        "index/segmenter-unavailable",
        { file: "pipeline/index/jieba.ts", line: 1 },
        `the word cut's dictionary could not be read (${(e as Error).message}); key terms are left out of the search index.`,
        "Run `npm install` (the dictionary comes with the nodejieba package); search itself does not need it.",
      ),
    );
    run = indexWithMemo(input, previous, null);
  }
  const { built, ...rest } = run;
  return { ...rest, indexed: { ...built, diagnostics } };
}
