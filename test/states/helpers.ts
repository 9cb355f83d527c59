/**
 * The states fixture corpus (test/fixtures/states/corpus, our own words): papers dated before a
 * consensus text that repeats some of their sentences with edits, a statement quoting it later,
 * and pairs that share only a formula or a report's full title. Built once per test file, as
 * the build builds it, into a temporary folder.
 */
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { type BuildResult, build } from "../../pipeline/build/index.ts";
import { repoRoot } from "../parse/helpers.ts";

const roots: string[] = [];
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

/** Build the fixture corpus; `out` writes dist/data (for the CLI), null writes nothing. */
export async function buildStatesFixture(
  out: string | null = null,
): Promise<{ root: string; result: BuildResult }> {
  const root = mkdtempSync(path.join(os.tmpdir(), "acquis-states-"));
  roots.push(root);
  cpSync(path.join(repoRoot, "test/fixtures/states/corpus"), path.join(root, "corpus"), { recursive: true });
  const result = await build({ root, out, cache: "off", threads: 1 });
  return { root, result };
}
