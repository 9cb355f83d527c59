/**
 * Build the site against fixture data: write the fixture to `<dist>/data`, then run `astro build`
 * with ACQUIS_DIST=<dist>, exactly as `npm run build` does against the real dist/. Shared by the
 * site tests and the site benchmark.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type FixtureData, writeFixtureData } from "./fixture.ts";

/** Repository root (this file is test/site/build-site.ts). */
export const repoRoot = fileURLToPath(new URL("../..", import.meta.url)).replace(/[\\/]$/, "");

/**
 * CPU time (user + system, ms) of the child processes this process has waited for, from
 * /proc/self/stat (Linux); null elsewhere. On a shared machine wall time swings with the load,
 * CPU time much less: the benchmark reports both.
 */
export function childCpuMs(): number | null {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // Fields 16 and 17 of the file (cutime, cstime), counted from after the command name.
    const ticks = Number(fields[13]) + Number(fields[14]);
    return Number.isFinite(ticks) ? ticks * 10 : null;
  } catch {
    return null;
  }
}

/** Run `astro build --root site` into `dist` (data must already be in `<dist>/data`). Returns wall time in ms. */
export function astroBuild(dist: string, env: Record<string, string> = {}): number {
  const started = performance.now();
  const astroBin = path.join(repoRoot, "node_modules", "astro", "astro.js");
  const run = spawnSync(process.execPath, [astroBin, "build", "--root", "site", "--silent"], {
    cwd: repoRoot,
    env: { ...process.env, ...env, ACQUIS_DIST: dist, ASTRO_TELEMETRY_DISABLED: "1" },
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`astro build failed (${run.status}):\n${run.stdout}\n${run.stderr}`);
  return performance.now() - started;
}

/** Write fixture data and build the site into `dist`. */
export function buildFixtureSite(
  dist: string,
  opts: { extraParagraphs?: number; optional?: boolean } = {},
): { data: FixtureData; ms: number } {
  const data = writeFixtureData(path.join(dist, "data"), opts);
  return { data, ms: astroBuild(dist) };
}
