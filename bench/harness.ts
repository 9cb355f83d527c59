/**
 * What every benchmark section shares: the section interface, the synthetic corpora (generated
 * once per size and kept in bench/out/corpus-<n>), child processes with time and peak memory,
 * and Markdown tables.
 *
 * A section is a module in bench/sections/ exporting `section: Section`:
 *
 *   export const section: Section = {
 *     name: "parse",
 *     async run(opts) { return { title: "Parse and build", rows: [{ size: "10k", "MB/s": 1.2 }] }; },
 *   };
 *
 * `run` gets the sizes asked for (`--sizes`) and helpers, and returns a title, rows (one table;
 * columns are the keys of the first row) and notes, or Markdown text of its own. Modules written
 * before this interface, exporting only `run(sizes?) -> string`, are run as they are: with the
 * sizes when `--sizes` was given, else with none so that they keep their own defaults.
 *
 * Decision: measure builds in child processes, so that each figure's peak memory (maxRSS) is that
 * build's own and not the harness's, and report CPU time beside wall time: the machine is shared
 * (2 cores), so wall time carries other people's load, which the report states (load average).
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { compileCli } from "../pipeline/compile.ts";
import type { ChildOptions, ChildResult } from "./child-build.ts";
import { GENERATOR_VERSION, type GeneratedMeta, generateCorpus, repoRoot, writeCorpus } from "./generate.ts";

export { repoRoot };

/** A table row: column name -> value. */
export type Row = Record<string, string | number>;

/** What a section returns. */
export interface SectionResult {
  /** Heading of the section in the report. */
  title: string;
  rows: Row[];
  /** Paragraphs printed under the table. */
  notes?: string[];
}

/** What a section is given. */
export interface BenchOptions {
  /** Paragraph counts to measure at (10k, 50k, 200k unless `--sizes` says otherwise). */
  sizes: number[];
  /** True when the user chose the sizes (`--sizes`). */
  sizesGiven: boolean;
  /** Scratch folder for corpora and outputs (bench/out). */
  outDir: string;
  /** Longest a single child build may take, in seconds, before it is stopped and reported. */
  timeoutSeconds: number;
  /** Progress for the person waiting (stderr). */
  log: (message: string) => void;
}

/** A benchmark section. */
export interface Section {
  /** Short name, used by `--only`. */
  name: string;
  run(opts: BenchOptions): Promise<SectionResult | string> | SectionResult | string;
}

/** The seed for synthetic corpora: one fixed seed, so every section measures the same text. */
export const CORPUS_SEED = 1;

/** "10k" for 10000, "200k" for 200000, the number otherwise. */
export function sizeLabel(n: number): string {
  return n % 1000 === 0 ? `${n / 1000}k` : String(n);
}

/** Folder of the synthetic corpus of `n` paragraphs, generated unless already on disk as asked. */
export function ensureCorpus(n: number, outDir: string, log: (m: string) => void = () => {}): string {
  const dir = path.join(outDir, `corpus-${n}`);
  const metaFile = path.join(dir, "generated.json");
  if (existsSync(metaFile)) {
    const meta = JSON.parse(readFileSync(metaFile, "utf8")) as GeneratedMeta;
    if (meta.version === GENERATOR_VERSION && meta.paragraphs === n && meta.seed === CORPUS_SEED) return dir;
  }
  log(`generating a corpus of ${n} paragraphs in ${path.relative(repoRoot, dir)}`);
  const g = generateCorpus({ paragraphs: n, seed: CORPUS_SEED });
  writeCorpus(dir, g, { paragraphs: n, seed: CORPUS_SEED });
  return dir;
}

/**
 * The child build compiled as the bin's CLI is (pipeline/compile.ts: one bundle, esbuild), into
 * `<outDir>/child`; returns its script. Decision: a build is timed as `acquis build` runs it,
 * compiled: through tsx, a build after one change spent about a second of CPU compiling and
 * loading the sources (1.3 s of CPU to import the build runner, measured beside a bare node
 * start of 0.09 s), a tenth of its time, which no user pays. The bundle's code version is the
 * sources' digest, as under tsx, so a build of either kind reads the other's caches.
 */
export async function compileChild(outDir: string): Promise<string> {
  const dir = path.join(outDir, "child");
  await compileCli(repoRoot, dir, { "child-build": "bench/child-build.ts" });
  return path.join(dir, "child-build.mjs");
}

/** The generated documents of a corpus folder, as generated.json lists them. */
export function corpusMeta(dir: string): GeneratedMeta {
  return JSON.parse(readFileSync(path.join(dir, "generated.json"), "utf8")) as GeneratedMeta;
}

/** A child build's result, or why there is none. */
export type ChildOutcome = ({ ok: true } & ChildResult) | { ok: false; reason: string; ms: number };

/**
 * Run one build in a child process (bench/child-build.ts) and read its result; stopped after
 * `timeoutSeconds`. `compiled`: the child compiled by `compileChild`, run as plain JavaScript;
 * without it, the TypeScript source through tsx.
 */
export function runChildBuild(
  opts: Omit<ChildOptions, "root">,
  timeoutSeconds: number,
  compiled?: string,
): Promise<ChildOutcome> {
  const full: ChildOptions = { root: repoRoot, ...opts };
  const t0 = performance.now();
  const script = compiled ? [compiled] : ["--import", "tsx", "bench/child-build.ts"];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...script, JSON.stringify(full)], {
      cwd: repoRoot,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (b: Buffer) => {
      out += b.toString();
    });
    child.stderr.on("data", (b: Buffer) => {
      err += b.toString();
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutSeconds * 1000);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const ms = performance.now() - t0;
      const last = out.trim().split("\n").at(-1) ?? "";
      if (code === 0 && last.startsWith("{")) {
        resolve({ ok: true, ...(JSON.parse(last) as ChildResult) });
      } else if (signal === "SIGKILL") {
        resolve({ ok: false, reason: `stopped after ${timeoutSeconds} s`, ms });
      } else {
        resolve({ ok: false, reason: `exit ${code}: ${err.trim().split("\n").slice(-3).join(" / ")}`, ms });
      }
    });
  });
}

/** Seconds with one decimal: "12.3 s". */
export const seconds = (ms: number): string => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
/** Bytes in binary megabytes or gigabytes: "812 MB", "1.42 GB". */
export const memory = (bytes: number): string =>
  bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(2)} GB` : `${Math.round(bytes / 1024 ** 2)} MB`;

/** A Markdown table from rows (columns: the keys of the first row, in order). */
export function table(rows: Row[]): string {
  if (!rows.length) return "(no rows)";
  const cols = Object.keys(rows[0]!);
  const cell = (v: string | number | undefined) => String(v ?? "").replace(/\|/g, "\\|");
  return [
    `| ${cols.join(" | ")} |`,
    `|${cols.map(() => "---").join("|")}|`,
    ...rows.map((r) => `| ${cols.map((c) => cell(r[c])).join(" | ")} |`),
  ].join("\n");
}

/** A section's result as Markdown. */
export function renderSection(result: SectionResult | string): string {
  if (typeof result === "string") return result.trim();
  const parts = [`## ${result.title}`, "", table(result.rows)];
  if (result.notes?.length) parts.push("", ...result.notes.flatMap((n) => [n, ""]).slice(0, -1));
  return parts.join("\n");
}
