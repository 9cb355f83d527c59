/**
 * Build-time host for the site: the one place that reads `dist/data` and the registry from disk
 * (Node only). What the files mean is core/data/read.ts's; this module only hands it their text.
 *
 * Decision: Astro pages run in Node at build time, but the lint rule keeps node:fs out of
 * site/src so that nothing under site/src can leak into a browser bundle. Pages call
 * `siteData()` from here; the parsed, indexed data is kept for the whole build so that 10k pages
 * do not read and validate the files 10k times.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { collectDataFiles, type DataFiles, readRegistry } from "../../core/data/read.ts";
import type { Registry } from "../../schemas/index.ts";
import { loadSiteData, type SiteData } from "../src/lib/data.ts";

/** The dist directory: `ACQUIS_DIST` (set by astro.config.mjs), else `dist` under the working directory. */
export function distDir(): string {
  return path.resolve(process.env.ACQUIS_DIST ?? "dist");
}

/** Read the files the site needs; optional ones come back null when absent. */
export function readDataFiles(dataDir: string): DataFiles {
  return collectDataFiles(
    (name) => {
      const file = path.join(dataDir, name);
      return existsSync(file) ? readFileSync(file, "utf8") : null;
    },
    { where: dataDir },
  );
}

let cached: { dir: string; data: SiteData } | undefined;

/** The site's data, read and validated once per build. */
export function siteData(): SiteData {
  const dir = path.join(distDir(), "data");
  if (!cached || cached.dir !== dir) cached = { dir, data: loadSiteData(readDataFiles(dir)) };
  return cached.data;
}

/** True when the build wrote a search index (dist/data/search/index.json): the search page uses it. */
export function hasSearchIndex(): boolean {
  return existsSync(path.join(distDir(), "data", "search", "index.json"));
}

let cachedRegistry: { file: string; registry: Registry } | undefined;

/**
 * The registry (corpus/registry.yaml, or `ACQUIS_REGISTRY`, which astro.config.mjs sets), for
 * the citation resolver: the short titles people cite documents by and where a report sits, as
 * `acquis cite` reads them. Absent, the resolver knows only the documents the corpus holds.
 */
export function registry(): Registry {
  const file = path.resolve(process.env.ACQUIS_REGISTRY ?? path.join("corpus", "registry.yaml"));
  if (!cachedRegistry || cachedRegistry.file !== file) {
    const registry = existsSync(file) ? readRegistry(readFileSync(file, "utf8")) : { documents: [] };
    cachedRegistry = { file, registry };
  }
  return cachedRegistry.registry;
}
