/**
 * Run stages: the parsed corpus -> working papers, citations, reuse, search index, in the order
 * data flows (corpus -> parse -> cite -> reuse -> index; topics reads the parse alone). The composition is this one function,
 * plain typed code: each stage is called with exactly what it reads and returns a typed result,
 * and a later stage gets an earlier one's output as a parameter (the reuse stage the cite
 * stage's citations). A stage never reads a later stage's output and never touches the disk.
 */
import { availableParallelism } from "node:os";
import {
  type Diagnostic,
  type DocumentRecord,
  type Paragraph,
  type Registry,
  SCHEMA_VERSION,
  type WorkingPaper,
} from "../../schemas/index.ts";
import { type Cited, type CiteMemo, citeStageMemo } from "../cite/stage.ts";
import type { IndexMemo } from "../index/incremental.ts";
import type { ImagePlace } from "../index/jieba.ts";
import { type Indexed, indexStageMemo } from "../index/stage.ts";
import { changedChinese, MIN_PARAGRAPHS, startColdIndex, startTermCounts } from "../index/worker.ts";
import type { LoadedTopics } from "../load/topics.ts";
import { extractWorkingPapers } from "../parse/working-papers.ts";
import type { ReuseMemo } from "../reuse/incremental.ts";
import type { ReuseResult } from "../reuse/index.ts";
import { reuseStageMemo } from "../reuse/stage.ts";
import { startShingling } from "../reuse/worker.ts";
import { type Adopted, adoptionStage } from "../states/adoption.ts";
import { type TopicsMemo, type TopicsTagged, topicsStageMemo } from "../topics/incremental.ts";

/** What the stages read: the parse output and the registry. */
export interface StagesInput {
  /** Every parsed document, sorted by symbol then language. */
  documents: DocumentRecord[];
  /** Every paragraph, documents in the order above, each in reading order. */
  paragraphs: Paragraph[];
  registry: Registry;
  /** The topic vocabulary and overrides (corpus/topics.yaml); null when the corpus has none. */
  topics?: LoadedTopics | null;
  /** Where the word cut keeps its dictionary's image (beside the memos: index/jieba.ts); none when absent. */
  segmenterImage?: ImagePlace | null;
}

/** The stages after parsing: "all", or "none" to export the parse alone (tests, the parse bench). */
export type StageSelection = "all" | "none";

/** The names of the stages, in the order they run (the progress labels). */
export const STAGE_NAMES = ["cite", "reuse", "index", "topics"] as const;
export type StageName = (typeof STAGE_NAMES)[number];

/** What the cite, reuse and index stages keep from one build for the next (memos.ts). */
export interface StageMemos {
  cite?: CiteMemo | null;
  reuse: ReuseMemo | null;
  index: IndexMemo | null;
  topics?: TopicsMemo | null;
}

/** How a stage with a memo ran: cold or incremental, why not incremental, how much it redid. */
export interface StageRun {
  mode: "cold" | "incremental";
  why: string | null;
  /**
   * Document versions extracted again (cite), paragraphs recomputed (reuse), files written again
   * (index), documents tagged again (topics).
   */
  redone: number;
}

/** What the stages gave; `stages` is null when none ran. */
export interface Analysed {
  /** The lists of working papers (annex D-style lists), read from the parse. */
  workingPapers: WorkingPaper[];
  stages: { cite: Cited; reuse: ReuseResult; adoption: Adopted; index: Indexed; topics: TopicsTagged } | null;
  /** Every stage's diagnostics, in stage order. */
  diagnostics: Diagnostic[];
  /**
   * What `diagnostics` are made of, in order: the cite stage's as its digest of them
   * (`CiteMade.diagnostics`), the others as they are (write.ts `diagnosticsSource`).
   */
  diagnosticsMade?: ReadonlyArray<readonly Diagnostic[] | string>;
}

/** What running the stages gave: the output, the memos for the next build, how they ran. */
export interface StagesRun extends Analysed {
  memos: StageMemos;
  /** How the stages that keep a memo ran (null when no stage ran). */
  runs: { cite: StageRun; reuse: StageRun; index: StageRun; topics: StageRun } | null;
}

/**
 * Run the stages on the parsed corpus.
 * @param onStage called before each stage with its position and name, for progress
 * @param memos what an earlier build kept (consumed); the stages recompute only what changed
 */
export async function runStages(
  input: StagesInput,
  selection: StageSelection,
  onStage: (done: number, total: number, name: StageName) => void = () => {},
  memos: StageMemos = { reuse: null, index: null },
): Promise<StagesRun> {
  const papers = extractWorkingPapers(input.paragraphs, input.documents);
  const diagnostics = [...papers.diagnostics];
  if (selection === "none")
    return {
      workingPapers: papers.papers,
      stages: null,
      diagnostics,
      diagnosticsMade: [papers.diagnostics],
      memos: { cite: null, reuse: null, index: null, topics: null },
      runs: null,
    };
  const total = STAGE_NAMES.length;
  const parallel = input.paragraphs.length >= MIN_PARAGRAPHS && availableParallelism() > 1;
  // A cold reuse stage's first part reads the texts alone: it runs on a worker thread beside the
  // cite stage (reuse/worker.ts), started first so that it is ready when cite ends.
  const aheadShingles = !memos.reuse && parallel ? startShingling(input.paragraphs) : null;
  // A cold index reads the parse alone: it runs on a worker thread beside cite and reuse
  // (index/worker.ts), and waits for the reuse stage's formula windows only at the end.
  const aheadIndex = !memos.index && parallel ? startColdIndex(input) : null;
  // After a change, the words of the changed Chinese paragraphs are counted on a worker
  // (nodejieba's dictionary loads there) while cite and reuse run here.
  const changedZh = memos.index && parallel ? changedChinese(input.documents, memos.index) : [];
  const aheadCounts =
    memos.index && changedZh.length
      ? startTermCounts(input.paragraphs, changedZh, memos.index, input.segmenterImage ?? null)
      : null;
  onStage(0, total, "cite");
  const citeRun = citeStageMemo(input, memos.cite ?? null);
  const cite = citeRun.cited;
  onStage(1, total, "reuse");
  const reuse = reuseStageMemo({ ...input, citations: cite.references }, memos.reuse, await aheadShingles);
  // A State's wording and the agreed texts: the reuse links read by date, a pure function of
  // what is computed by now (small beside the reuse stage, so it runs under its progress label
  // and keeps no memo: it is recomputed whole after a cached reuse result).
  const adoption = adoptionStage(
    { ...input, workingPapers: papers.papers, reuse: reuse.result.reuse, citations: cite.references },
    SCHEMA_VERSION,
  );
  onStage(2, total, "index");
  // The formula windows the reuse stage counted travel with the index: search discounts them too.
  const index = indexStageMemo(
    { ...input, formulaWindows: reuse.result.formulaWindows },
    memos.index,
    await aheadIndex,
    await aheadCounts,
  );
  onStage(3, total, "topics");
  // Tagging reads the paragraphs and the vocabulary only: each document's tags are kept by its
  // content and the vocabulary (topics/incremental.ts), so only a changed document is tagged again.
  const topicsRun = topicsStageMemo(
    { documents: input.documents, paragraphs: input.paragraphs, vocabulary: input.topics ?? null },
    memos.topics ?? null,
  );
  const topics = topicsRun.tagged;
  diagnostics.push(
    ...cite.diagnostics,
    ...reuse.result.diagnostics,
    ...index.indexed.diagnostics,
    ...topics.diagnostics,
  );
  return {
    workingPapers: papers.papers,
    stages: { cite, reuse: reuse.result, adoption, index: index.indexed, topics },
    diagnostics,
    diagnosticsMade: [
      papers.diagnostics,
      cite.made.diagnostics,
      reuse.result.diagnostics,
      index.indexed.diagnostics,
      topics.diagnostics,
    ],
    memos: { cite: citeRun.memo, reuse: reuse.memo, index: index.memo, topics: topicsRun.memo },
    runs: {
      cite: { mode: citeRun.mode, why: citeRun.why, redone: citeRun.redone },
      reuse: { mode: reuse.mode, why: reuse.why, redone: reuse.touched },
      index: { mode: index.mode, why: index.why, redone: index.rewritten },
      topics: { mode: topicsRun.mode, why: topicsRun.why, redone: topicsRun.redone },
    },
  };
}
