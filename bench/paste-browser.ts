/**
 * A 2,000-character paste in Chromium, one index beside another: the fairest way to see what a
 * change to the index's files or the engine's fetching does, as the machine's load moves.
 *
 *   npx tsx bench/paste-browser.ts save 200k bench/out/paste-before
 *       builds the synthetic corpus's index with the code as it stands, writes it as a site
 *       (the index, the engine as one script: bench/sections/search.ts writeSite) and the pastes
 *       the search section draws (20, 2,000 characters, seed 15) beside it
 *   npx tsx bench/paste-browser.ts engine bench/out/paste-after
 *       writes the engine as the code stands into a saved site, its index kept
 *   npx tsx bench/paste-browser.ts compare bench/out/paste-before bench/out/paste-after
 *       runs the pastes on each site in turn (pastesInBrowser) and prints the figures side by side
 *
 * A saved site keeps the engine it was saved with, so an index of an older format is read by the
 * engine of its day.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { buildSearchIndex } from "../pipeline/index/build.ts";
import { formulaWindowsOf } from "../pipeline/reuse/detect.ts";
import { parseSize } from "./generate.ts";
import { drawPastes } from "./pastes.ts";
import { corpus, engineBundle, type PasteFetches, pastesInBrowser, writeSite } from "./sections/search.ts";

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] as number;
};
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(", ");

async function save(size: string, dir: string): Promise<void> {
  const { paragraphs, documents } = corpus(parseSize(size));
  const built = buildSearchIndex(paragraphs, documents, { formulaWindows: formulaWindowsOf(paragraphs) });
  await writeSite(dir, built.files);
  const pastes = drawPastes(paragraphs, 20, { seed: 15, minLength: 2000, maxLength: 2000 }).map(
    (p) => p.text,
  );
  writeFileSync(path.join(dir, "pastes.json"), JSON.stringify(pastes));
  console.log(`${dir}: ${paragraphs.length} paragraphs, ${Object.keys(built.files).length} index files`);
}

async function compare(dirs: string[]): Promise<void> {
  const pastes = JSON.parse(readFileSync(path.join(dirs[0] as string, "pastes.json"), "utf8")) as string[];
  const before = load();
  const t = performance.now();
  const figures = await pastesInBrowser(dirs, pastes);
  const ms = (x: number) => x.toFixed(1);
  const med = (f: PasteFetches[], k: keyof PasteFetches) =>
    pct(
      f.map((x) => x[k]),
      50,
    );
  console.log(
    `load average before ${before}, after ${load()}; ${((performance.now() - t) / 1000).toFixed(0)} s`,
  );
  console.log(
    "| site | cached p50 / p95 | cached, search alone p50 / p95 | nothing cached p50 / p95 | in memory p50 / p95 | KB median / p95 / max | cached: files (texts), rounds, fetching ms (median) |",
  );
  console.log("|---|---|---|---|---|---|---|");
  figures.forEach((f, i) => {
    console.log(
      `| ${path.basename(dirs[i] as string)} | ${ms(f.cachedP50)} / ${ms(f.cachedP95)} | ${ms(f.searchP50)} / ${ms(f.searchP95)} | ${ms(f.coldP50)} / ${ms(f.coldP95)} | ${ms(f.memoryP50)} / ${ms(f.memoryP95)} | ${(f.bytesMedian / 1024).toFixed(0)} / ${(f.bytesP95 / 1024).toFixed(0)} / ${(f.bytesMax / 1024).toFixed(0)} | ${med(f.fetches, "files")} (${med(f.fetches, "texts")}), ${med(f.fetches, "rounds")}, ${ms(med(f.fetches, "fetchMs"))} |`,
    );
  });
}

const [cmd, ...args] = process.argv.slice(2);
if (cmd === "save" && args.length === 2) await save(args[0] as string, args[1] as string);
else if (cmd === "engine" && args.length === 1)
  writeFileSync(path.join(args[0] as string, "engine.js"), await engineBundle());
else if (cmd === "compare" && args.length >= 1) await compare(args);
else {
  console.error(
    "usage: npx tsx bench/paste-browser.ts save <size> <dir> | engine <dir> | compare <dir> [<dir> ...]",
  );
  process.exitCode = 2;
}
