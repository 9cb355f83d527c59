/**
 * The reuse stage's public entry: paragraphs in, the agreed-language map out.
 *
 * detect.ts finds the links in each language (shingle candidates -> alignment -> one best
 * source); links.ts turns them into `Reuse` records with spans and diffs; bilingual.ts aligns the
 * zh and en versions of each document paragraph by paragraph (bitext.ts); a link found in one
 * language is then carried over to the other language's counterparts of the same two paragraphs
 * (confident one-to-one pairs), marked `via: "aligned"`; lineage.ts groups the links into
 * families for the timeline; core/wording/formula.ts says what was discounted.
 *
 * A carried link keeps the kind and score found in the first language (the claim "this paragraph
 * reuses that one" is the first language's); its spans and diff are computed on its own two
 * texts, and are empty of spans when the translations happen to share no passage.
 */
import type { Paragraph } from "../../schemas/index.ts";
import { assemble, type RecordCache, type ReuseResult } from "./assemble.ts";
import { alignLanguages } from "./bilingual.ts";
import {
  DEFAULT_OPTIONS,
  type Detected,
  type DetectInput,
  type DetectTrace,
  detectReuse,
  marksOf,
  type ReuseOptions,
  type Shingled,
} from "./detect.ts";
import {
  emptyTable,
  type FormulaTable,
  type FormulaTexts,
  formulaList,
  keyRuns,
  type ListCounts,
  listCounts,
  NO_RUNS,
  runColumns,
  textsKept,
  unitsText,
} from "./formula-table.ts";

export { tokenize, unitsOf } from "../../core/wording/tokens.ts";
/** The shapes of `formulas.json` and `reuse-summary.json`, declared in schemas/reuse.ts. */
export type { FormulasFile, ReuseSummaryFile as ReuseSummary } from "../../schemas/index.ts";
export type { RecordCache, ReuseResult } from "./assemble.ts";
export type { AlignedFile, AlignedRow } from "./bilingual.ts";
export { DEFAULT_OPTIONS, type ReuseOptions } from "./detect.ts";
export type { Formula } from "./formula-table.ts";
export type { LineageFamily, LineageFile } from "./lineage.ts";

/** Run the whole reuse stage on a corpus. Pure; same input, same output. */
export function buildReuse(
  input: DetectInput,
  schemaVersion: number,
  options: ReuseOptions = DEFAULT_OPTIONS,
): ReuseResult {
  return coldReuse(input, schemaVersion, options).result;
}

/**
 * A cold run: the result, and what detection computed (for the next build, with `trace`).
 * @param aligned the zh/en alignment when the caller made it already (alignLanguages' result)
 */
export function coldReuse(
  input: DetectInput,
  schemaVersion: number,
  options: ReuseOptions = DEFAULT_OPTIONS,
  trace?: Partial<DetectTrace>,
  cache?: RecordCache,
  shingled?: Shingled | null,
  aligned?: ReturnType<typeof alignLanguages>,
): { result: ReuseResult; detected: Detected; table: FormulaTable; counts: ListCounts; texts: FormulaTexts } {
  const { paragraphs } = input;
  const detected = detectReuse(input, options, trace, shingled);
  const table = formulaTableOf(paragraphs, detected);
  const counts = listCounts(table, (p) => paragraphs[p]!.lang, detected.rank);
  const texts = textsKept(
    (p, s, e) => unitsText(paragraphs[p]!.text, detected.tokens[p]!, s, e),
    (p) => paragraphs[p]!.id,
    null,
    () => false,
  );
  const result = assemble({
    paragraphs,
    documents: input.documents,
    kept: detected.links,
    redundant: detected.redundant,
    rank: detected.rank,
    tokens: (p) => detected.tokens[p] ?? null,
    marks: (p) => marksOf(detected, p),
    aligned: aligned ?? alignLanguages(paragraphs),
    formulas: formulaList(table, counts, (p) => paragraphs[p]!.id, detected.rank, texts.textOf),
    formulaDf: detected.formulaDf,
    formulaWindows: detected.formulaWindows,
    stats: detected.stats,
    options,
    schemaVersion,
    cache,
  });
  return { result, detected, table, counts, texts: texts.kept };
}

/** The formula passages detection found, keyed by their units (formula-table.ts). */
function formulaTableOf(paragraphs: Paragraph[], detected: Detected): FormulaTable {
  const table = emptyTable(paragraphs.length);
  const keyed = detected.formulaRuns.map((runs, p) =>
    runs.length ? keyRuns(table, detected.tokens[p]!.ids, runs, paragraphs[p]!.lang) : NO_RUNS,
  );
  return { ...table, ...runColumns(paragraphs.length, (p) => keyed[p]!) };
}
