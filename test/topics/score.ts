/**
 * Tagging measured against the hand-checked table (gold.ts): the gold rows' paragraphs parsed
 * (the seed and the real resolutions read in place from ../shared when it is there, our fixtures
 * always), tagged by the topics stage with the corpus's vocabulary, and counted per topic. Shared
 * by test/topics/gold.test.ts (a floor) and `npm run bench -- --only topics` (the figures).
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { loadTopics } from "../../pipeline/load/topics.ts";
import { type Parsed, parseDocument } from "../../pipeline/parse/index.ts";
import { topicsStage } from "../../pipeline/topics/stage.ts";
import { FrontMatter } from "../../schemas/index.ts";
import { parseFile, repoRoot, sharedDir, splitFrontMatter } from "../parse/helpers.ts";
import { readReal } from "../real.ts";
import { GOLD, type GoldRow, type GoldSource } from "./gold.ts";

/** Per topic (and overall): true positives, false positives, false negatives. */
export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface GoldScore {
  rows: number;
  /** Rows by language. */
  zh: number;
  en: number;
  byTopic: Map<string, Counts>;
  overall: Counts;
  /** Rows where tagger and table differ, for reading. */
  misses: Array<{ row: GoldRow; got: string[] }>;
  /** Gold rows whose paragraph was not found (a failure: the table is stale). */
  missing: GoldRow[];
}

const FIXTURES: Record<"fixture-en" | "fixture-zh", string> = {
  "fixture-en": "test/fixtures/topics/position-en.md",
  "fixture-zh": "test/fixtures/topics/position-zh.md",
};

/** Parse the documents the table reads; `shared` false leaves out those of ../shared. */
function parsedSources(shared: boolean): Map<GoldSource, Parsed> {
  const out = new Map<GoldSource, Parsed>();
  out.set("fixture-en", parseFile(FIXTURES["fixture-en"]));
  out.set("fixture-zh", parseFile(FIXTURES["fixture-zh"]));
  if (!shared) return out;
  // The seed as issued, with the corpus file's front matter (the text is read in place).
  const meta = FrontMatter.parse(
    splitFrontMatter(readFileSync(resolve(repoRoot, "corpus/A-78-265/zh.md"), "utf8")).meta,
  );
  const seedText = readFileSync(resolve(sharedDir, "seeds/000_d4d9f46b44eff72d.txt"), "utf8");
  out.set(
    "seed",
    parseDocument({
      file: "../shared/seeds/000_d4d9f46b44eff72d.txt",
      markdown: seedText,
      firstLine: 1,
      meta,
    }),
  );
  for (const s of ["A/RES/80/16", "A/RES/80/22"] as const) {
    const r = readReal(s);
    out.set(s, parseDocument({ file: r.file, markdown: r.body, firstLine: r.firstLine, meta: r.meta }));
  }
  return out;
}

/** Whether ../shared holds what the table reads. */
export function sharedPresent(): boolean {
  return (
    existsSync(resolve(sharedDir, "seeds/000_d4d9f46b44eff72d.txt")) &&
    existsSync(resolve(sharedDir, "corpus-real"))
  );
}

const add = (c: Counts, d: Partial<Counts>) => {
  c.tp += d.tp ?? 0;
  c.fp += d.fp ?? 0;
  c.fn += d.fn ?? 0;
};

/** Tag the table's paragraphs and count; `shared` false scores the fixture rows alone. */
export function scoreGold(shared: boolean): GoldScore {
  const sources = parsedSources(shared);
  const vocab = loadTopics(readFileSync(resolve(repoRoot, "corpus/topics.yaml")), "corpus/topics.yaml");
  if (!vocab.topics) throw new Error(`corpus/topics.yaml did not load: ${JSON.stringify(vocab.diagnostics)}`);
  const paragraphs = [...sources.values()].flatMap((p) => p.paragraphs);
  // The words and headings alone are measured: the corpus's overrides are a curator's fixes.
  const tagged = topicsStage({ paragraphs, vocabulary: { ...vocab.topics, overrides: [] } });
  const tags = new Map(tagged.data.paragraphs.map((p) => [p.paragraph, p.tags.map((t) => t.topic)]));
  const byTopic = new Map<string, Counts>(vocab.topics.topics.map((t) => [t.id, { tp: 0, fp: 0, fn: 0 }]));
  const overall: Counts = { tp: 0, fp: 0, fn: 0 };
  const score: GoldScore = { rows: 0, zh: 0, en: 0, byTopic, overall, misses: [], missing: [] };
  for (const row of GOLD) {
    const parsed = sources.get(row.source);
    if (!parsed) continue;
    const p = parsed.paragraphs.find((x) => x.address === row.address);
    if (!p) {
      score.missing.push(row);
      continue;
    }
    score.rows++;
    score[p.lang]++;
    const got = tags.get(p.id) ?? [];
    for (const t of new Set([...got, ...row.topics])) {
      const c = byTopic.get(t) ?? { tp: 0, fp: 0, fn: 0 };
      byTopic.set(t, c);
      const d = got.includes(t) ? (row.topics.includes(t) ? { tp: 1 } : { fp: 1 }) : { fn: 1 };
      add(c, d);
      add(overall, d);
    }
    if (got.length !== row.topics.length || got.some((t) => !row.topics.includes(t)))
      score.misses.push({ row, got });
  }
  return score;
}

export const precision = (c: Counts) => (c.tp + c.fp ? c.tp / (c.tp + c.fp) : 1);
export const recall = (c: Counts) => (c.tp + c.fn ? c.tp / (c.tp + c.fn) : 1);
