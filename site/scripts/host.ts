/**
 * Build-time host for the site: the one place that reads `dist/data` from disk (Node only).
 *
 * Decision: Astro pages run in Node at build time, but the lint rule keeps node:fs out of
 * site/src so that nothing under site/src can leak into a browser bundle. Pages call
 * `siteData()` from here; the parsed, indexed data is kept for the whole build so that 10k pages
 * do not read and validate the files 10k times.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { Registry } from "../../schemas/index.ts";
import { type DataFiles, loadSiteData, type SiteData } from "../src/lib/data.ts";

/** The dist directory: `ACQUIS_DIST` (set by astro.config.mjs), else `dist` under the working directory. */
export function distDir(): string {
  return path.resolve(process.env.ACQUIS_DIST ?? "dist");
}

/** Read the files the site needs; optional ones come back null when absent. */
export function readDataFiles(dataDir: string): DataFiles {
  const read = (name: string) => readFileSync(path.join(dataDir, name), "utf8");
  const optional = (name: string) => (existsSync(path.join(dataDir, name)) ? read(name) : null);
  if (!existsSync(path.join(dataDir, "documents.json"))) {
    throw new Error(
      `${path.join(dataDir, "documents.json")} is missing: build the data first (npx tsx pipeline/cli.ts build).`,
    );
  }
  return {
    documents: read("documents.json"),
    paragraphs: optional("paragraphs.jsonl") ?? "",
    workingPapers: optional("working-papers.json"),
    citations: optional("citations.jsonl"),
    reuse: optional("reuse.jsonl"),
    citationsSummary: optional("citations-summary.json"),
  };
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
    const registry = existsSync(file)
      ? Registry.parse(YAML.parse(readFileSync(file, "utf8")))
      : { documents: [] };
    cachedRegistry = { file, registry };
  }
  return cachedRegistry.registry;
}
