/**
 * Site build time per page, at ~1k and ~10k pages (target: <= 5 ms per page).
 *
 * Builds the site (astro build) against fixture data grown with synthetic paragraphs
 * (test/site/fixture.ts), into bench/out/site-<n>/, and counts the HTML pages written. Reports the
 * whole build time per page (Astro's fixed start-up included, so small builds look worse) and the
 * marginal time per page between the two sizes, as wall time and as the build's CPU time (the
 * machine is shared: wall time swings with the load). Run alone: `npx tsx bench/sections/site.ts`.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { buildFixtureSite, childCpuMs, repoRoot } from "../../test/site/build-site.ts";

/** One measured build. */
export interface SiteBenchRow {
  /** Paragraphs in the data. */
  paragraphs: number;
  /** HTML pages written. */
  pages: number;
  /** Wall time of `astro build`, ms. */
  ms: number;
  /** ms per page, whole build. */
  msPerPage: number;
  /** CPU time of the build (user + system), ms; null where /proc is absent. */
  cpuMs: number | null;
}

function countPages(dir: string): number {
  let n = 0;
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (name === "data" || name === "_astro") continue;
    if (statSync(p).isDirectory()) n += countPages(p);
    else if (name.endsWith(".html")) n++;
  }
  return n;
}

/** Build at each target page count; paragraphs ≈ pages (one page per paragraph address). */
export function siteBench(targets = [1_000, 10_000]): SiteBenchRow[] {
  return targets.map((target) => {
    const dist = path.join(repoRoot, "bench", "out", `site-${target}`);
    const cpuBefore = childCpuMs();
    const { data, ms } = buildFixtureSite(dist, { extraParagraphs: Math.round(target * 0.97) });
    const cpuAfter = childCpuMs();
    const pages = countPages(dist);
    const cpuMs = cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore;
    return { paragraphs: data.paragraphs.length, pages, ms, msPerPage: ms / pages, cpuMs };
  });
}

/** The section as text for `npm run bench`. */
export function run(targets?: number[]): string {
  const rows = siteBench(targets);
  const lines = [
    "## Site build (astro build, fixture data)",
    "",
    "| paragraphs | pages | build (wall) | per page (wall) | build (CPU) | per page (CPU) |",
    "|---|---|---|---|---|---|",
  ];
  const cpu = (ms: number | null, pages = 1) => (ms === null ? "n/a" : `${(ms / pages).toFixed(2)} ms`);
  for (const r of rows) {
    lines.push(
      `| ${r.paragraphs} | ${r.pages} | ${(r.ms / 1000).toFixed(1)} s | ${r.msPerPage.toFixed(2)} ms | ${cpu(r.cpuMs)} | ${cpu(r.cpuMs, r.pages)} |`,
    );
  }
  const [a, b] = [rows[0], rows.at(-1)];
  if (a && b && b.pages > a.pages) {
    lines.push(
      "",
      `Marginal cost per page (${a.pages} -> ${b.pages}): ${((b.ms - a.ms) / (b.pages - a.pages)).toFixed(2)} ms wall${
        a.cpuMs !== null && b.cpuMs !== null
          ? `, ${((b.cpuMs - a.cpuMs) / (b.pages - a.pages)).toFixed(2)} ms CPU`
          : ""
      } (target <= 5 ms).`,
    );
  }
  const big = rows.at(-1);
  if (big) {
    const docPage = path.join(
      repoRoot,
      "bench",
      "out",
      `site-${targets?.at(-1) ?? 10_000}`,
      "doc",
      "A-AC.999-2000-1",
      "zh",
      "index.html",
    );
    try {
      lines.push(
        `A 100-paragraph document page: ${(gzipSync(readFileSync(docPage)).length / 1024).toFixed(1)} KB gzip.`,
      );
    } catch {
      // The page exists only when the bulk documents were generated.
    }
  }
  return lines.join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const targets = process.argv.slice(2).map(Number).filter(Boolean);
  console.log(run(targets.length ? targets : undefined));
}
