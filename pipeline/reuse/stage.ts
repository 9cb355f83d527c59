/**
 * The "reuse" stage: the reuse links (`reuse.jsonl`), the families of linked paragraphs for the
 * timeline (`lineage.json`), each bilingual document's zh/en alignment (`aligned.json`), the
 * boilerplate that was discounted (`formulas.json`) and the counts (`reuse-summary.json`), as
 * the build runner writes them (pipeline/build/write.ts).
 *
 * Decision: the cite stage's citations come in as a parameter: their in-text spans are
 * references, never agreed language (references.ts), so the reuse stage cannot run without them
 * and the type says so. Every list is in reading order, so the same corpus always gives
 * byte-identical files.
 */
import {
  type Citation,
  type DocumentRecord,
  type Paragraph,
  type Registry,
  SCHEMA_VERSION,
} from "../../schemas/index.ts";
import { DEFAULT_OPTIONS, type Shingled } from "./detect.ts";
import { type MemoRun, type ReuseMemo, reuseWithMemo } from "./incremental.ts";
import type { ReuseResult } from "./index.ts";

/** In-text citation spans by citing paragraph: references, not agreed language (references.ts). */
export function referenceSpans(
  citations: readonly Pick<Citation, "from" | "via" | "span">[],
): Map<string, [number, number][]> {
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

/** What the reuse stage reads: the parse output, the registry, and the cite stage's citations. */
export interface ReuseInput {
  /** Every parsed document, sorted by symbol then language. */
  documents: DocumentRecord[];
  /** Every paragraph, documents in the order above, each in reading order. */
  paragraphs: Paragraph[];
  registry: Registry;
  /** Every citation of the corpus (the cite stage's output), what is read of it. */
  citations: readonly Pick<Citation, "from" | "via" | "span">[];
}

/** The stage: detect reuse, lineage, zh/en pairs and formulas over the whole corpus. Pure. */
export function reuseStage(input: ReuseInput): ReuseResult {
  return reuseStageMemo(input, null).result;
}

/**
 * The stage, from the memo of an earlier build when one is given and fits (incremental.ts): the
 * same result as a cold run, and the memo for the next build. The memo given is consumed.
 * @param shingled what a cold run reads of the texts alone, computed ahead on a worker (worker.ts)
 */
export function reuseStageMemo(
  input: ReuseInput,
  previous: ReuseMemo | null,
  shingled: Shingled | null = null,
): MemoRun {
  return reuseWithMemo(
    {
      paragraphs: input.paragraphs,
      documents: input.documents,
      references: referenceSpans(input.citations),
      names: registeredNames(input.registry),
    },
    SCHEMA_VERSION,
    previous,
    DEFAULT_OPTIONS,
    undefined,
    shingled,
  );
}
