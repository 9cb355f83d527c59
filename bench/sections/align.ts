/**
 * zh/en alignment accuracy (pipeline/reuse/bitext.ts) on synthetic document pairs with planted
 * splits, gaps and one-language headings (bench/bitext-pairs.ts): true pairs claimed / true pairs
 * (target >= 99 %), claimed pairs that are true, how many of the wrong ones were flagged doubtful,
 * paragraphs without counterpart found, and the time per thousand paragraphs. Run alone:
 * `npx tsx bench/sections/align.ts`.
 */
import { pathToFileURL } from "node:url";
import { alignDocument } from "../../pipeline/reuse/bilingual.ts";
import { type AlignScore, addScores, generatePairs, type Layout, scoreRows } from "../bitext-pairs.ts";
import type { BenchOptions, Row, Section, SectionResult } from "../harness.ts";

/** Documents per layout measured. */
const DOCUMENTS = 400;
const SEED = 1;

const pct = (x: number) => `${(100 * x).toFixed(2)} %`;

/** Align every synthetic pair; the score per layout and the time spent aligning. */
export function alignBench(
  documents = DOCUMENTS,
  seed = SEED,
): {
  byLayout: Map<
    Layout,
    { score: AlignScore; documents: number; paragraphs: number; splits: number; gaps: number }
  >;
  ms: number;
  /** CPU time of the alignment calls (the machine is shared: wall time carries others' load). */
  cpuMs: number;
  paragraphs: number;
} {
  const pairs = generatePairs({ documents, seed });
  const byLayout = new Map<
    Layout,
    { score: AlignScore; documents: number; paragraphs: number; splits: number; gaps: number }
  >();
  let ms = 0;
  let cpuMs = 0;
  let paragraphs = 0;
  for (const p of pairs) {
    const t = performance.now();
    const cpu = process.cpuUsage();
    const { rows } = alignDocument(p.zh, p.en);
    const used = process.cpuUsage(cpu);
    ms += performance.now() - t;
    cpuMs += (used.user + used.system) / 1000;
    paragraphs += p.zh.length + p.en.length;
    const zi = new Map(p.zh.map((x, k) => [x.id, k]));
    const ei = new Map(p.en.map((x, k) => [x.id, k]));
    const score = scoreRows(
      p.truth,
      rows.map((r) => ({
        zh: r.zh.map((id) => zi.get(id)!),
        en: r.en.map((id) => ei.get(id)!),
        status: r.status,
      })),
    );
    const entry = byLayout.get(p.layout) ?? {
      score: addScores([]),
      documents: 0,
      paragraphs: 0,
      splits: 0,
      gaps: 0,
    };
    entry.score = addScores([entry.score, score]);
    entry.documents++;
    entry.paragraphs += p.zh.length + p.en.length;
    entry.splits += p.planted.splits;
    entry.gaps += p.planted.gaps;
    byLayout.set(p.layout, entry);
  }
  return { byLayout, ms, cpuMs, paragraphs };
}

function row(
  name: string,
  e: { score: AlignScore; documents: number; paragraphs: number; splits: number; gaps: number },
): Row {
  const s = e.score;
  return {
    layout: name,
    documents: e.documents,
    paragraphs: e.paragraphs,
    "planted splits / gaps": `${e.splits} / ${e.gaps}`,
    "true pairs": s.trueLinks,
    accuracy: pct(s.right / s.trueLinks),
    precision: pct(s.right / (s.right + s.wrong)),
    "doubtful (true / false)": `${s.doubtfulRight} / ${s.doubtfulWrong}`,
    "gaps found": `${s.gapsFound} of ${s.gaps}`,
  };
}

export const section: Section = {
  name: "align",
  run(_opts: BenchOptions): SectionResult {
    const { byLayout, ms, cpuMs, paragraphs } = alignBench();
    const rows = [...byLayout].map(([layout, e]) => row(layout, e));
    const all = [...byLayout.values()].reduce(
      (a, e) => ({
        score: addScores([a.score, e.score]),
        documents: a.documents + e.documents,
        paragraphs: a.paragraphs + e.paragraphs,
        splits: a.splits + e.splits,
        gaps: a.gaps + e.gaps,
      }),
      { score: addScores([]), documents: 0, paragraphs: 0, splits: 0, gaps: 0 },
    );
    rows.push(row("all", all));
    return {
      title: "zh/en alignment (synthetic pairs with planted splits, gaps and headings)",
      rows,
      notes: [
        "Accuracy: true pairs (one zh paragraph with one en paragraph of the same true row) claimed as pairs, over all true pairs; target >= 99 %. Precision: claimed pairs that are true. A doubtful row is shown side by side but not claimed.",
        `Aligning took ${(ms / 1000).toFixed(2)} s wall, ${(cpuMs / 1000).toFixed(2)} s CPU, for ${paragraphs} paragraphs (${((1000 * cpuMs) / paragraphs).toFixed(1)} ms CPU per thousand).`,
      ],
    };
  },
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { renderSection } = await import("../harness.ts");
  console.log(renderSection(section.run({} as BenchOptions) as SectionResult));
}
