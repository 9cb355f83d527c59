/**
 * Topic tagging (pipeline/topics): precision and recall per topic and overall on the
 * hand-checked table (test/topics/gold.ts: the seed, two real resolutions and our fixture paper,
 * zh and en), and the time the stage takes over the synthetic corpora (the seed's clauses
 * recombined, so the seed's topics recur at every size). Run alone: `npm run bench -- --only topics`.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { loadTopics } from "../../pipeline/load/topics.ts";
import { topicsStage } from "../../pipeline/topics/stage.ts";
import { precision, recall, scoreGold, sharedPresent } from "../../test/topics/score.ts";
import { repoRoot } from "../generate.ts";
import { type BenchOptions, type Row, type Section, type SectionResult, sizeLabel } from "../harness.ts";
import { corpus } from "./search.ts";

const f3 = (x: number) => x.toFixed(3);

export const section: Section = {
  name: "topics",
  run(opts: BenchOptions): SectionResult {
    const shared = sharedPresent();
    const s = scoreGold(shared);
    const rows: Row[] = [...s.byTopic].map(([topic, c]) => ({
      topic,
      "gold paragraphs": c.tp + c.fn,
      tagged: c.tp + c.fp,
      precision: f3(precision(c)),
      recall: f3(recall(c)),
    }));
    rows.push({
      topic: `overall (${s.rows} paragraphs: ${s.zh} zh, ${s.en} en)`,
      "gold paragraphs": s.overall.tp + s.overall.fn,
      tagged: s.overall.tp + s.overall.fp,
      precision: f3(precision(s.overall)),
      recall: f3(recall(s.overall)),
    });
    const notes = [
      shared
        ? "The table's rows: the seed A/78/265 (zh), A/RES/80/16 and A/RES/80/22 (en), read in place from ../shared, and our fixture position paper (test/fixtures/topics/, zh and en)."
        : "../shared is missing: only the fixture rows are scored.",
      `Misses (table, then tagger): ${s.misses.map((m) => `${m.row.source} ${m.row.address} [${m.row.topics.join(",")}] -> [${m.got.join(",")}]`).join("; ")}.`,
    ];
    const vocab = loadTopics(
      readFileSync(path.join(repoRoot, "corpus/topics.yaml")),
      "corpus/topics.yaml",
    ).topics;
    for (const n of opts.sizes) {
      opts.log(`topics: tagging ${sizeLabel(n)} paragraphs`);
      const { paragraphs } = corpus(n);
      const cpu = process.cpuUsage();
      const t = performance.now();
      const out = topicsStage({ paragraphs, vocabulary: vocab });
      const ms = performance.now() - t;
      const used = process.cpuUsage(cpu);
      notes.push(
        `${sizeLabel(n)} paragraphs: tagged in ${(ms / 1000).toFixed(2)} s (CPU ${((used.user + used.system) / 1e6).toFixed(2)} s), ${out.data.paragraphs.length} paragraphs carry a topic.`,
      );
    }
    return { title: "Topic tagging: the hand-checked table, and the stage's time", rows, notes };
  },
};
