/**
 * One build, run in a child process by the benchmark so that its time and peak memory are its
 * own: `node --import tsx bench/child-build.ts '<json options>'`.
 *
 * Decision: the bench measures the build through the same build() the CLI runs, here rather than
 * through `acquis build`, to time each phase (parse, every stage, write) from the progress
 * callback and to run parse + export alone (no stages), the figure the target names.
 * The last line of stdout is a JSON ChildResult.
 */
import path from "node:path";
import { type BuildResult, build } from "../pipeline/build/index.ts";

/** What the parent asks for. */
export interface ChildOptions {
  root: string;
  corpus: string;
  out: string;
  cache: "readwrite" | "off";
  /** The parse cache; the stages' memos are kept beside it, in `<cacheDir>-stages`. */
  cacheDir: string;
  /** "all": the registered stages; "none": parse + export only. */
  stages: "all" | "none";
  threads?: number;
}

/** What the child reports. */
export interface ChildResult {
  ms: number;
  /** CPU time of the process, all threads, user + system, ms. */
  cpuMs: number;
  /**
   * Wall time of each phase in ms, as the build reports them (build/index.ts `Progress`): "load"
   * (listing and loading the corpus), "cache" (reading the parse cache's hits), "parse" (the
   * misses), "memos:read" (the stages' memos, then the working papers), "stage:cite", ...,
   * "write" (the output), "memos:write" (what the next build reads).
   */
  phases: Record<string, number>;
  documents: number;
  paragraphs: number;
  parsed: number;
  cached: number;
  errors: number;
  warnings: number;
  /** Peak resident set size of this process (worker threads included), bytes. */
  maxRss: number;
  /** How the reuse and index stages ran (cold or incremental). */
  runs: BuildResult["runs"];
  /** CPU time of each phase in ms (the main thread and the workers it waited on). */
  cpuPhases: Record<string, number>;
  /**
   * The main thread's heap in use and the process's resident set, in MB, as each phase ends: which
   * phase holds the memory that the collector and the kernel's page faults are paid for.
   */
  memPhases: Record<string, { heap: number; rss: number }>;
}

async function main(): Promise<void> {
  const opts = JSON.parse(process.argv[2] ?? "{}") as ChildOptions;
  const phases: Record<string, number> = {};
  const cpuPhases: Record<string, number> = {};
  const memPhases: Record<string, { heap: number; rss: number }> = {};
  let current = "";
  let since = performance.now();
  let sinceCpu = process.cpuUsage();
  const enter = (name: string) => {
    if (name === current) return;
    const now = performance.now();
    const cpu = process.cpuUsage(sinceCpu);
    if (current) {
      phases[current] = (phases[current] ?? 0) + (now - since);
      cpuPhases[current] = (cpuPhases[current] ?? 0) + (cpu.user + cpu.system) / 1000;
      const m = process.memoryUsage();
      memPhases[current] = { heap: Math.round(m.heapUsed / 1e6), rss: Math.round(m.rss / 1e6) };
    }
    current = name;
    since = now;
    sinceCpu = process.cpuUsage();
  };
  const t0 = performance.now();
  enter("load");
  const r = await build({
    root: opts.root,
    corpus: path.resolve(opts.root, opts.corpus),
    out: path.resolve(opts.root, opts.out),
    cache: opts.cache,
    cacheDir: path.resolve(opts.root, opts.cacheDir),
    memoDir: path.resolve(opts.root, `${opts.cacheDir}-stages`),
    stages: opts.stages,
    ...(opts.threads ? { threads: opts.threads } : {}),
    onProgress: (p) => enter(p.phase === "stage" || p.phase === "memos" ? `${p.phase}:${p.label}` : p.phase),
  });
  enter("");
  const result: ChildResult = {
    ms: performance.now() - t0,
    cpuMs: (() => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    })(),
    phases,
    documents: r.documents.length,
    paragraphs: r.paragraphs.length,
    parsed: r.stats.parsed,
    cached: r.stats.cached,
    errors: r.summary.errors,
    warnings: r.summary.warnings,
    maxRss: process.resourceUsage().maxRSS * 1024,
    runs: r.runs,
    cpuPhases,
    memPhases,
  };
  console.log(JSON.stringify(result));
}

await main();
