/**
 * MiniSearch against our index, on the same paragraphs: why the design's search library is not
 * the paragraph index (README, "Packages the design names"). At each size, the synthetic corpus of
 * the search section is indexed twice: by MiniSearch 7 as one index (the way its documentation
 * builds one, with our own tokeniser handed to it, so Chinese is cut into the same character pairs
 * and English into the same words as ours: MiniSearch's default tokeniser takes a Chinese sentence
 * for one word), and by our build (pipeline/index). Figures: build time, the serialised index raw
 * and gzip, loading it back, query latency over the search section's phrase set (all terms
 * required), peak memory, and how many of the paragraphs holding each phrase MiniSearch returns
 * (recall) and how many of what it returns hold the phrase (precision). Our exact-phrase recall
 * is the search section's (100 %).
 *
 * Decision: each size runs in a child process with a large heap, so MiniSearch's peak memory is its
 * own and a 200k index that outgrows Node's default heap is measured rather than crashing the run.
 *
 * Run alone: `npx tsx bench/sections/minisearch.ts 10k`.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import MiniSearch from "minisearch";
import { fold } from "../../core/search/normalize.ts";
import { findPhrase, terms } from "../../core/search/tokenize.ts";
import { buildSearchIndex } from "../../pipeline/index/build.ts";
import { parseSize, repoRoot } from "../generate.ts";
import { type Row, type Section, sizeLabel } from "../harness.ts";
import { corpus, querySet } from "./search.ts";

/** What one size measured. */
export interface MiniSearchRow {
  paragraphs: number;
  queries: number;
  miniBuildMs: number;
  miniRawBytes: number;
  miniGzipBytes: number;
  miniLoadMs: number;
  miniQueryP50: number;
  miniQueryP95: number;
  miniRecall: number;
  miniPrecision: number;
  miniPeakRssMb: number;
  oursBuildMs: number;
  oursGzipBytes: number;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
};

/** Measure one size in this process. */
export function measure(n: number, queryCount = 200): MiniSearchRow {
  const { paragraphs, documents } = corpus(n);
  const queries = querySet(paragraphs, queryCount);
  const tokenize = (s: string) => terms(fold(s));

  let t = performance.now();
  const ours = buildSearchIndex(paragraphs, documents);
  const oursBuildMs = performance.now() - t;
  // The postings only: the text chunks (t-<hash>/) carry the paragraphs' text, which MiniSearch's
  // index does not hold.
  const oursGzipBytes = Object.entries(ours.files)
    .filter(([name]) => !name.startsWith("t-"))
    .reduce((a, [, f]) => a + (typeof f === "string" ? gzipSync(f).length : f.length), 0);

  t = performance.now();
  const options = { fields: ["text"], storeFields: [] as string[], tokenize, processTerm: (x: string) => x };
  const mini = new MiniSearch<{ id: number; text: string }>(options);
  mini.addAll(paragraphs.map((p, id) => ({ id, text: p.text })));
  const miniBuildMs = performance.now() - t;
  const json = JSON.stringify(mini);
  const miniRawBytes = Buffer.byteLength(json);
  const miniGzipBytes = gzipSync(json).length;
  t = performance.now();
  const loaded = MiniSearch.loadJSON<{ id: number; text: string }>(json, options);
  const miniLoadMs = performance.now() - t;

  const folded = paragraphs.map((p) => fold(p.text));
  const times: number[] = [];
  let truth = 0;
  let found = 0;
  let returned = 0;
  let holding = 0;
  for (const q of queries) {
    const t0 = performance.now();
    const hits = loaded.search(q, { combineWith: "AND" });
    times.push(performance.now() - t0);
    const fq = fold(q);
    const holds = (i: number) => findPhrase(folded[i] as string, fq).length > 0;
    const hitIds = new Set(hits.map((h) => h.id as number));
    for (let i = 0; i < folded.length; i++) {
      if (holds(i)) {
        truth++;
        if (hitIds.has(i)) found++;
      }
    }
    returned += hits.length;
    for (const h of hits) if (holds(h.id as number)) holding++;
  }
  return {
    paragraphs: paragraphs.length,
    queries: queries.length,
    miniBuildMs,
    miniRawBytes,
    miniGzipBytes,
    miniLoadMs,
    miniQueryP50: pct(times, 50),
    miniQueryP95: pct(times, 95),
    miniRecall: truth ? found / truth : 1,
    miniPrecision: returned ? holding / returned : 1,
    miniPeakRssMb: process.resourceUsage().maxRSS / 1024,
    oursBuildMs,
    oursGzipBytes,
  };
}

const MB = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MB`;
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export const section: Section = {
  name: "minisearch",
  run(opts) {
    const rows: Row[] = [];
    for (const n of opts.sizes) {
      opts.log(`minisearch: ${sizeLabel(n)} paragraphs in a child process`);
      const child = spawnSync(
        process.execPath,
        [
          "--max-old-space-size=16384",
          "--import",
          "tsx",
          path.join(repoRoot, "bench", "sections", "minisearch.ts"),
          String(n),
          "--json",
        ],
        { cwd: repoRoot, encoding: "utf8", maxBuffer: 1 << 24, timeout: opts.timeoutSeconds * 1000 },
      );
      if (child.status !== 0) {
        rows.push({ paragraphs: sizeLabel(n), "MiniSearch build": `failed: ${child.stderr.slice(-300)}` });
        continue;
      }
      const r = JSON.parse(child.stdout.trim().split("\n").pop() as string) as MiniSearchRow;
      rows.push({
        paragraphs: sizeLabel(n),
        "MiniSearch build": s(r.miniBuildMs),
        "MiniSearch index raw / gzip": `${MB(r.miniRawBytes)} / ${MB(r.miniGzipBytes)}`,
        "MiniSearch load": s(r.miniLoadMs),
        "MiniSearch query p50 / p95": `${r.miniQueryP50.toFixed(1)} / ${r.miniQueryP95.toFixed(1)} ms`,
        "MiniSearch phrase recall / precision": `${(r.miniRecall * 100).toFixed(1)} / ${(r.miniPrecision * 100).toFixed(1)} %`,
        "MiniSearch peak RSS": `${(r.miniPeakRssMb / 1024).toFixed(2)} GB`,
        "ours: build / postings gzip": `${s(r.oursBuildMs)} / ${MB(r.oursGzipBytes)}`,
      });
    }
    return {
      title: "MiniSearch as one paragraph index, beside ours (same paragraphs, same tokeniser)",
      rows,
      notes: [
        "MiniSearch 7 with our tokeniser (character pairs for Chinese, words and word pairs for English), every query's terms required (combineWith AND). Recall: paragraphs holding the phrase that it returns; precision: returned paragraphs that hold it. Ours: the index build of pipeline/index, its files without the text chunks (postings, documents, manifest), which a browser fetches shard by shard as a query needs them (search section: bytes per first query, recall 100 %); MiniSearch's index is one file a browser must download whole before a first query.",
      ],
    };
  },
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const n = parseSize(process.argv[2] ?? "10k");
  const row = measure(n);
  if (process.argv.includes("--json")) console.log(JSON.stringify(row));
  else console.log(row);
}
