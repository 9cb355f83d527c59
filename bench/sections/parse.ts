/**
 * Parse and build: parse throughput (MB/s) on the real seed and on the synthetic corpus, then at
 * each size the build in a child process: parse + export alone (the issue's target: 200k
 * paragraphs in <= 60 s and <= 4 GB on 2 cores), the full build with every registered stage,
 * and the incremental rebuild after one document changes (target: <= 5 % of the full time),
 * beside Pagefind indexing the same paragraphs in the same run (the target: every stage in less
 * time than Pagefind alone; a ratio in one run holds where absolute times vary between runs).
 *
 * Decisions: parse + export is build() with no stages (documents.json, paragraphs.jsonl,
 * working-papers.json); the full build is build() with STAGES, what `acquis build` runs. Cold
 * runs start with an empty parse cache (its own folder under bench/out); the incremental runs
 * reuse that cache after appending a sentence to one document, which is then put back. The
 * parse phase's MB/s in a build uses the worker threads the build starts (2 cores here).
 * Run alone: `npx tsx bench/run.ts --only parse --sizes 10k`.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { parseDocument } from "../../pipeline/parse/index.ts";
import { FrontMatter } from "../../schemas/index.ts";
import {
  type BenchOptions,
  type ChildOutcome,
  compileChild,
  corpusMeta,
  ensureCorpus,
  memory,
  type Row,
  repoRoot,
  runChildBuild,
  type Section,
  type SectionResult,
  seconds,
  sizeLabel,
} from "../harness.ts";
import { pagefindIndex, readParagraphs } from "../pagefind.ts";

/** Parse one corpus file in this process; returns its Markdown bytes. */
function parseFile(file: string, rel: string): number {
  const src = readFileSync(file, "utf8");
  const m = /^---\n([\s\S]*?)\n---\n/.exec(src);
  if (!m) throw new Error(`${rel}: no front matter`);
  const markdown = src.slice(m[0].length);
  parseDocument({
    file: rel,
    markdown,
    firstLine: m[0].split("\n").length,
    meta: FrontMatter.parse(YAML.parse(m[1]!)),
  });
  return Buffer.byteLength(markdown);
}

/**
 * MB/s of parseDocument on this thread over `files`, best of `rounds` after a warm-up round, by
 * wall time and by CPU time (the machine is shared: CPU time is the steadier figure).
 */
function throughput(files: string[], rounds: number): { mbps: number; cpuMbps: number; bytes: number } {
  let bestWall = Number.POSITIVE_INFINITY;
  let bestCpu = Number.POSITIVE_INFINITY;
  let bytes = 0;
  for (let round = 0; round <= rounds; round++) {
    const t = performance.now();
    const c = process.cpuUsage();
    bytes = 0;
    for (const f of files) bytes += parseFile(f, path.relative(repoRoot, f));
    const cpu = process.cpuUsage(c);
    if (round === 0) continue;
    bestWall = Math.min(bestWall, performance.now() - t);
    bestCpu = Math.min(bestCpu, (cpu.user + cpu.system) / 1000);
  }
  return { mbps: bytes / 1e6 / (bestWall / 1000), cpuMbps: bytes / 1e6 / (bestCpu / 1000), bytes };
}

const describe = (o: ChildOutcome, cpu = true): string =>
  o.ok ? `${seconds(o.ms)}${cpu ? ` (CPU ${seconds(o.cpuMs)})` : ""}` : o.reason;

/** Append a sentence to one document (the middle Chinese one); returns how to put it back. */
function touchOneDocument(dir: string, nth = 0): { file: string; restore: () => void } {
  const docs = corpusMeta(dir).docs.filter((d) => d.lang === "zh");
  const doc = docs[Math.floor(docs.length / 2) + nth] ?? docs[0]!;
  const file = path.join(dir, doc.file);
  const before = readFileSync(file, "utf8");
  writeFileSync(file, `${before.trimEnd()}基准测试修改${nth}。\n`);
  return { file: doc.file, restore: () => writeFileSync(file, before) };
}

/** Pairs of builds after one change (made again, then undone) beyond the first pair, for the median. */
const EXTRA_ROUNDS = 2;

/**
 * The median wall and CPU time of the builds after one change, each as a share of the cold full
 * build's; every one must have run, and every output equal the cold build of its corpus.
 */
function medianOf(runs: readonly ChildOutcome[], full: ChildOutcome, differ: number): string {
  if (!full.ok || runs.length === 0) return "";
  const ok = runs.filter((r): r is Extract<ChildOutcome, { ok: true }> => r.ok);
  if (ok.length < runs.length) return `${runs.length - ok.length} of ${runs.length} builds failed`;
  const mid = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
  };
  const cpus = ok.map((r) => r.cpuMs);
  const wall = mid(ok.map((r) => r.ms));
  const cpu = mid(cpus);
  const range = `${seconds(Math.min(...cpus))}-${seconds(Math.max(...cpus))}`;
  const outputs =
    differ === 0
      ? "every output = the cold build of its corpus"
      : `${differ} outputs DIFFER from the cold build`;
  return `${ok.length} builds: ${seconds(wall)} = ${((wall / full.ms) * 100).toFixed(1)} %; CPU ${seconds(cpu)} = ${((cpu / full.cpuMs) * 100).toFixed(1)} % (CPU range ${range}); ${outputs}`;
}

/** Measure one size: parse + export cold and incremental, full build cold and incremental. */
async function measureSize(n: number, opts: BenchOptions): Promise<Row> {
  const dir = ensureCorpus(n, opts.outDir, opts.log);
  const meta = corpusMeta(dir);
  const mb = meta.docs.reduce((s, d) => s + d.bytes, 0) / 1e6;
  const rel = (p: string) => path.relative(repoRoot, p);
  const cacheDir = path.join(opts.outDir, `cache-${n}`);
  rmSync(cacheDir, { recursive: true, force: true });
  const base = { corpus: rel(dir), cacheDir: rel(cacheDir) };
  // Every build timed as the bin runs it: compiled (harness.ts `compileChild` says why).
  const child = await compileChild(opts.outDir);

  opts.log(`${sizeLabel(n)}: parse + export, cold cache`);
  const cold = await runChildBuild(
    { ...base, out: rel(path.join(opts.outDir, `data-${n}-parse`)), cache: "readwrite", stages: "none" },
    opts.timeoutSeconds,
    child,
  );
  const touched = touchOneDocument(dir, 0);
  opts.log(`${sizeLabel(n)}: parse + export after changing ${touched.file}`);
  const inc = await runChildBuild(
    { ...base, out: rel(path.join(opts.outDir, `data-${n}-parse`)), cache: "readwrite", stages: "none" },
    opts.timeoutSeconds,
    child,
  );
  touched.restore();

  // The full build cold: empty caches of its own (parse cache and the stages' memos), which it
  // fills; then the same build after one document changed, from them.
  const fullCache = path.join(opts.outDir, `cache-${n}-full`);
  rmSync(fullCache, { recursive: true, force: true });
  rmSync(`${fullCache}-stages`, { recursive: true, force: true });
  const fullBase = { corpus: rel(dir), cacheDir: rel(fullCache) };
  opts.log(`${sizeLabel(n)}: full build (every stage), cold`);
  const full = await runChildBuild(
    { ...fullBase, out: rel(path.join(opts.outDir, `data-${n}`)), cache: "readwrite", stages: "all" },
    opts.timeoutSeconds,
    child,
  );
  let fullInc: ChildOutcome = { ok: false, reason: "not run (full build failed)", ms: 0 };
  let fullBack: ChildOutcome = { ok: false, reason: "not run (full build failed)", ms: 0 };
  let identicalBack = "";
  let pagefind: { ms: number; bytes: number } | null = null;
  let identical = "";
  const extra: ChildOutcome[] = [];
  let extraDiffer = 0;
  let changedManifest: string | null = null;
  if (full.ok) {
    // Pagefind on the same paragraphs, in the same run (bench/pagefind.ts).
    opts.log(`${sizeLabel(n)}: Pagefind on the same paragraphs`);
    pagefind = await pagefindIndex(
      readParagraphs(path.join(opts.outDir, `data-${n}`)),
      path.join(opts.outDir, `pagefind-${n}`),
    );
    const manifest = (d: string) => readFileSync(path.join(opts.outDir, d, "manifest.json"), "utf8");
    const coldManifest = manifest(`data-${n}`);
    const again = touchOneDocument(dir, 1);
    opts.log(`${sizeLabel(n)}: full build after changing ${again.file}`);
    fullInc = await runChildBuild(
      { ...fullBase, out: rel(path.join(opts.outDir, `data-${n}`)), cache: "readwrite", stages: "all" },
      opts.timeoutSeconds,
      child,
    );
    // The same corpus built cold: the incremental build must have written the same bytes (the
    // manifests list every file with its SHA-256).
    if (fullInc.ok) {
      opts.log(`${sizeLabel(n)}: the same corpus built cold, to compare`);
      const check = await runChildBuild(
        { ...base, out: rel(path.join(opts.outDir, `data-${n}-cold`)), cache: "off", stages: "all" },
        opts.timeoutSeconds,
        child,
      );
      if (check.ok) changedManifest = manifest(`data-${n}-cold`);
      identical = check.ok
        ? manifest(`data-${n}`) === changedManifest
          ? "yes, every file"
          : "NO: the manifests differ"
        : check.reason;
    }
    again.restore();
    // A second build after one change, the same document put back: one figure of a build after a
    // change varies by a third a phase between runs on a shared machine, two say more. Its corpus
    // is the cold full build's again, so its output must be that build's, byte for byte.
    if (fullInc.ok) {
      opts.log(`${sizeLabel(n)}: full build after changing ${again.file} back`);
      fullBack = await runChildBuild(
        { ...fullBase, out: rel(path.join(opts.outDir, `data-${n}`)), cache: "readwrite", stages: "all" },
        opts.timeoutSeconds,
        child,
      );
      identicalBack = fullBack.ok
        ? manifest(`data-${n}`) === coldManifest
          ? "yes, every file"
          : "NO: the manifests differ"
        : fullBack.reason;
    }
    // More of the same pair (the change made again, then undone): one build after a change moves
    // by a tenth of its CPU between runs here, so the figure the target is read against is the
    // median of every build after one change in this run. Each output is checked against the cold
    // build of the same corpus, as the first two are.
    if (fullInc.ok && fullBack.ok) {
      for (let round = 0; round < EXTRA_ROUNDS; round++) {
        for (const undo of [false, true]) {
          const touch = undo ? null : touchOneDocument(dir, 1);
          opts.log(
            `${sizeLabel(n)}: full build after one change, round ${round + 2}${undo ? ", undone" : ""}`,
          );
          try {
            const o = await runChildBuild(
              {
                ...fullBase,
                out: rel(path.join(opts.outDir, `data-${n}`)),
                cache: "readwrite",
                stages: "all",
              },
              opts.timeoutSeconds,
              child,
            );
            extra.push(o);
            const want = undo ? coldManifest : changedManifest;
            if (o.ok && (want === null || manifest(`data-${n}`) !== want)) extraDiffer++;
          } finally {
            touch?.restore();
          }
        }
      }
    }
  }

  const parseMs = cold.ok ? (cold.phases.parse ?? 0) : 0;
  const pct = (a: ChildOutcome, b: ChildOutcome) =>
    a.ok && b.ok ? ` = ${((a.ms / b.ms) * 100).toFixed(1)} %` : "";
  const cpuPct = (a: ChildOutcome, b: ChildOutcome) =>
    a.ok && b.ok ? `; CPU ${seconds(a.cpuMs)} = ${((a.cpuMs / b.cpuMs) * 100).toFixed(1)} %` : "";
  const vsPagefind = (a: ChildOutcome) => (a.ok && pagefind ? `${(a.ms / pagefind.ms).toFixed(2)} x` : "");
  const modes = (o: ChildOutcome) =>
    o.ok && o.runs
      ? `cite ${o.runs.cite?.mode ?? "cold"}, reuse ${o.runs.reuse.mode}, index ${o.runs.index.mode}`
      : "";
  const slowest = full.ok
    ? Object.entries(full.phases)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 2)
        .map(([k, v]) => `${k} ${seconds(v)}`)
        .join(", ")
    : "";
  return {
    paragraphs: cold.ok ? cold.paragraphs : n,
    documents: cold.ok ? cold.documents : meta.docs.length,
    MB: mb.toFixed(1),
    "parse + export": describe(cold),
    "peak RSS": cold.ok ? memory(cold.maxRss) : "",
    "parse phase MB/s": parseMs ? (mb / (parseMs / 1000)).toFixed(2) : "",
    "incremental parse + export": `${describe(inc, false)}${pct(inc, cold)}${inc.ok ? `, ${inc.parsed} parsed` : ""}`,
    "incremental phases": inc.ok
      ? Object.entries(inc.phases)
          .map(([k, v]) => `${k} ${seconds(v)}`)
          .join(", ")
      : "",
    "full build": describe(full),
    "full peak RSS": full.ok ? memory(full.maxRss) : "",
    "slowest phases": slowest,
    "full build phases (CPU / wall)": full.ok
      ? Object.entries(full.cpuPhases)
          .map(([k, v]) => `${k} ${seconds(v)} / ${seconds(full.phases[k] ?? 0)}`)
          .join(", ")
      : "",
    "incremental full build": `${describe(fullInc, false)}${pct(fullInc, full)}${cpuPct(fullInc, full)} (${modes(fullInc)})`,
    "incremental phases (CPU)": fullInc.ok
      ? Object.entries(fullInc.cpuPhases)
          .map(([k, v]) => `${k} ${seconds(v)}`)
          .join(", ")
      : "",
    "incremental full build, the change undone": `${describe(fullBack, false)}${pct(fullBack, full)}${cpuPct(fullBack, full)} (${modes(fullBack)})`,
    "its phases (CPU)": fullBack.ok
      ? Object.entries(fullBack.cpuPhases)
          .map(([k, v]) => `${k} ${seconds(v)}`)
          .join(", ")
      : "",
    "its output = the cold full build's": identicalBack,
    "incremental full build, median": medianOf([fullInc, fullBack, ...extra], full, extraDiffer),
    "Pagefind, same paragraphs": pagefind ? `${seconds(pagefind.ms)}, ${memory(pagefind.bytes)}` : "",
    "incremental output = cold build's": identical,
    "full build / Pagefind": vsPagefind(full),
    "incremental / Pagefind": vsPagefind(fullInc),
  };
}

export const section: Section = {
  name: "parse",
  async run(opts: BenchOptions): Promise<SectionResult> {
    const seedFile = path.join(repoRoot, "corpus/A-78-265/zh.md");
    const seed = throughput([seedFile], 20);
    opts.log(`seed: ${seed.cpuMbps.toFixed(2)} MB/s (CPU)`);
    const smallest = Math.min(...opts.sizes);
    const dir = ensureCorpus(smallest, opts.outDir, opts.log);
    const files = corpusMeta(dir).docs.map((d) => path.join(dir, d.file));
    const synth = throughput(files, 2);
    opts.log(`synthetic ${sizeLabel(smallest)}: ${synth.cpuMbps.toFixed(2)} MB/s (CPU)`);

    const rows: Row[] = [];
    for (const n of [...opts.sizes].sort((a, b) => a - b)) rows.push(await measureSize(n, opts));
    return {
      title:
        "Parse and build (targets at 200k paragraphs: parse + export <= 60 s and <= 4 GB; incremental <= 5 %)",
      rows,
      notes: [
        `parseDocument on one thread, MB of Markdown per second of CPU (of wall time): the seed A/78/265 (zh, ${(seed.bytes / 1e6).toFixed(2)} MB) ${seed.cpuMbps.toFixed(2)} (${seed.mbps.toFixed(2)}) MB/s, best of 20; the synthetic ${sizeLabel(smallest)} corpus (${(synth.bytes / 1e6).toFixed(1)} MB) ${synth.cpuMbps.toFixed(2)} (${synth.mbps.toFixed(2)}) MB/s, best of 2.`,
        "parse + export: build() without stages (documents.json, paragraphs.jsonl, working-papers.json), empty parse cache. Full build: every registered stage (cite, reuse, index, ...), with empty caches of its own (parse cache and the stages' memos, which it writes). Incremental full build: the same again after one document changed, from those caches: one document parsed, the reuse and index stages from their memos (their mode is given: incremental, or cold when a memo did not fit). The full build's phases: CPU of the process (the main thread and every worker thread running meanwhile: the cold index's and the reuse stage's first part beside cite and reuse) over the phase's wall time. The incremental build's CPU phases: load (start-up, reading and hashing the corpus), parse (one document parsed, the others and the memos read), cite, reuse, index, write (the whole output, validated and swapped in, and the memos kept). The incremental output is compared with a cold build (--no-cache) of the same corpus through the two manifests, which list every file with its SHA-256. Then the document is put back and built once more: a second build after one change (a single one's phases vary by a third between runs on a shared machine), whose output must be the cold full build's, compared the same way; then that pair twice more, and the median of the six builds after one change (wall and CPU, each over the cold full build's) is the figure the target is read against. Pagefind: its Node API indexing the same paragraphs (one page per document and language) in the same run, wall time; the ratios are wall time over Pagefind's. Each run is its own child process, running the build compiled as the bin runs it (one esbuild bundle, bench/harness.ts compileChild), not through tsx; peak RSS is its maxRSS (worker threads included). The corpus holds the real seed plus the synthetic documents.",
      ],
    };
  },
};
