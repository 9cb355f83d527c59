/**
 * The site's real data, made by the real build runner: a temporary corpus folder holding what
 * corpus/ holds (the seed A/78/265 and the registry) plus A/RES/80/16 read in place from
 * ../shared/corpus-real, with our front matter as `acquis import` writes it (the file's own front
 * matter is its extractor's). The build writes `dataDir` as `acquis build` writes dist/data, so
 * the site is tested on what users get: real text, real citations, reuse and search.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type BuildResult, build } from "../../pipeline/build/index.ts";
import { renderCorpusFile } from "../../pipeline/ingest/corpus.ts";
import { readReal } from "../real.ts";
import { repoRoot } from "./build-site.ts";

/** The real resolution added to the corpus (its text read in place, never copied into the repository). */
const EXTRA = "A/RES/80/16" as const;

/** Build the seed corpus plus A/RES/80/16 into `dataDir`, replacing what was there. */
export async function writeSeedData(dataDir: string): Promise<BuildResult> {
  const root = mkdtempSync(path.join(os.tmpdir(), "acquis-site-seed-"));
  try {
    cpSync(path.join(repoRoot, "corpus"), path.join(root, "corpus"), { recursive: true });
    const real = readReal(EXTRA);
    const file = path.join(root, "corpus", EXTRA.replaceAll("/", "-"), "en.md");
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, renderCorpusFile(real.meta, real.body));
    const result = await build({ root, out: dataDir, cache: "off" });
    if (result.summary.errors > 0)
      throw new Error(`the seed corpus built with errors: ${JSON.stringify(result.summary.byCode)}`);
    return result;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
