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
  type Citation,
  FormulasFile,
  LineageFile,
  type Registry,
  Reuse,
  ReuseSummaryFile,
  SCHEMA_VERSION,
} from "../../schemas/index.ts";
import type { BuildContext, Stage, StageResult } from "../stages.ts";
import { buildReuse } from "./index.ts";

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** In-text citation spans by citing paragraph: references, not agreed language (references.ts). */
export function referenceSpans(citations: readonly Citation[]): Map<string, [number, number][]> {
  const out = new Map<string, [number, number][]>();
  for (const c of citations) {
    if (c.via !== "text") continue;
    const list = out.get(c.from);
    if (list) list.push(c.span);
    else out.set(c.from, [c.span]);
  }
  return out;
}

/** Every title, short name and body name the registry holds, in both languages. */
export function registeredNames(registry: Registry): string[] {
  return [
    ...registry.documents.flatMap((d) => [
      ...[d.title.zh, d.title.en].filter((t): t is string => !!t),
      ...d.short.zh,
      ...d.short.en,
    ]),
    ...(registry.bodies ?? []).flatMap((b) => [...b.names.zh, ...b.names.en]),
  ];
}

/** The stage registered in pipeline/stages.ts, after "cite" (whose citations it reads). */
export const reuseStage: Stage = {
  name: "reuse",
  run(ctx: BuildContext): StageResult {
    const cite = ctx.outputs.cite as { citations: Citation[] } | undefined;
    const result = buildReuse(
      {
        paragraphs: ctx.paragraphs,
        documents: ctx.documents,
        references: referenceSpans(cite?.citations ?? []),
        names: registeredNames(ctx.registry),
      },
      SCHEMA_VERSION,
    );
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
