/**
 * The "reuse" stage: writes `reuse.jsonl` (one Reuse per line), `lineage.json` (families of
 * linked paragraphs for the timeline), `aligned.json` (each paragraph's zh and en versions),
 * `formulas.json` (the boilerplate that was discounted) and `reuse-summary.json` (counts).
 *
 * Decision: every Reuse record is validated against its zod schema before it is written, and
 * every list is in reading order, so the same corpus always gives byte-identical files.
 */
import {
  AlignedFile,
  FormulasFile,
  LineageFile,
  Reuse,
  ReuseSummaryFile,
  SCHEMA_VERSION,
} from "../../schemas/index.ts";
import type { BuildContext, Stage, StageResult } from "../stages.ts";
import { buildReuse } from "./index.ts";

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** The stage registered in pipeline/stages.ts, after "cite". */
export const reuseStage: Stage = {
  name: "reuse",
  run(ctx: BuildContext): StageResult {
    const result = buildReuse({ paragraphs: ctx.paragraphs, documents: ctx.documents }, SCHEMA_VERSION);
    const lines = result.reuse.map((r) => JSON.stringify(Reuse.parse(r)));
    return {
      files: {
        "reuse.jsonl": lines.length ? `${lines.join("\n")}\n` : "",
        "lineage.json": json(LineageFile.parse(result.lineage)),
        "aligned.json": json(AlignedFile.parse(result.aligned)),
        "formulas.json": json(FormulasFile.parse(result.formulas)),
        "reuse-summary.json": json(ReuseSummaryFile.parse(result.summary)),
      },
      diagnostics: result.diagnostics,
      data: { reuse: result.reuse, aligned: result.aligned.pairs },
    };
  },
};
