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
import { build } from "../pipeline/build/index.ts";

/** What the parent asks for. */
export interface ChildOptions {
  root: string;
  corpus: string;
  out: string;
  cache: "readwrite" | "off";
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
  /** Wall time of each phase in ms: "parse", "stage:cite", ..., "write". */
  phases: Record<string, number>;
  documents: number;
  paragraphs: number;
  parsed: number;
  cached: number;
  errors: number;
  warnings: number;
  /** Peak resident set size of this process (worker threads included), bytes. */
  maxRss: number;
}

async function main(): Promise<void> {
  const opts = JSON.parse(process.argv[2] ?? "{}") as ChildOptions;
  const phases: Record<string, number> = {};
  let current = "";
  let since = performance.now();
  const enter = (name: string) => {
    if (name === current) return;
    const now = performance.now();
    if (current) phases[current] = (phases[current] ?? 0) + (now - since);
    current = name;
    since = now;
  };
  const t0 = performance.now();
  enter("load");
  const r = await build({
    root: opts.root,
    corpus: path.resolve(opts.root, opts.corpus),
    out: path.resolve(opts.root, opts.out),
    cache: opts.cache,
    cacheDir: path.resolve(opts.root, opts.cacheDir),
    stages: opts.stages,
    ...(opts.threads ? { threads: opts.threads } : {}),
    onProgress: (p) => enter(p.phase === "stage" ? `stage:${p.label}` : p.phase),
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
  };
  console.log(JSON.stringify(result));
}

await main();
