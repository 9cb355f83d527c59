/**
 * The measuring path of the parse section: a build in a child process reports its paragraphs,
 * phases, CPU time and peak memory; one that runs out of time is stopped and says so; compiled
 * (as the section runs it), it writes the same bytes as from the sources.
 */
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { generateCorpus, repoRoot, writeCorpus } from "../../bench/generate.ts";
import { compileChild, runChildBuild } from "../../bench/harness.ts";

const dir = mkdtempSync(path.join(tmpdir(), "acquis-child-"));
const rel = (p: string) => path.relative(repoRoot, path.join(dir, p));

beforeAll(() => {
  writeCorpus(path.join(dir, "corpus"), generateCorpus({ paragraphs: 300, seed: 3 }), {
    paragraphs: 300,
    seed: 3,
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("a child build reports what it built, its phases, CPU time and peak memory", async () => {
  const r = await runChildBuild(
    { corpus: rel("corpus"), out: rel("data"), cache: "readwrite", cacheDir: rel("cache"), stages: "none" },
    300,
  );
  if (!r.ok) throw new Error(r.reason);
  // 300 generated paragraphs plus the real seed's 307.
  expect(r.paragraphs).toBe(607);
  expect(r.errors).toBe(0);
  expect(r.parsed + r.cached).toBe(r.documents);
  expect(Object.keys(r.phases)).toEqual(expect.arrayContaining(["load", "parse", "write"]));
  expect(r.cpuMs).toBeGreaterThan(0);
  expect(r.maxRss).toBeGreaterThan(50 * 1024 ** 2);

  // Again, unchanged: everything from the cache.
  const again = await runChildBuild(
    { corpus: rel("corpus"), out: rel("data"), cache: "readwrite", cacheDir: rel("cache"), stages: "none" },
    300,
  );
  if (!again.ok) throw new Error(again.reason);
  expect(again.parsed).toBe(0);
  expect(again.paragraphs).toBe(607);
});

test("a child build that runs out of time is stopped and reported", async () => {
  const r = await runChildBuild(
    { corpus: rel("corpus"), out: rel("late"), cache: "off", cacheDir: rel("cache"), stages: "none" },
    0.05,
  );
  expect(r).toMatchObject({ ok: false, reason: "stopped after 0.05 s" });
});

test("the compiled child build writes what the child run through tsx writes, key terms included", async () => {
  // The bundle finds nodejieba through the node_modules beside it, as in the repository.
  const out = path.join(dir, "compiled");
  symlinkSync(path.join(repoRoot, "node_modules"), path.join(dir, "node_modules"), "dir");
  const child = await compileChild(out);
  const both = { corpus: rel("corpus"), cache: "off", cacheDir: rel("cache-all"), stages: "all" } as const;
  const compiled = await runChildBuild({ ...both, out: rel("data-compiled") }, 600, child);
  const sources = await runChildBuild({ ...both, out: rel("data-tsx") }, 600);
  if (!compiled.ok) throw new Error(compiled.reason);
  if (!sources.ok) throw new Error(sources.reason);
  expect(compiled.runs?.index.mode).toBe("cold");
  const manifest = (d: string) => readFileSync(path.join(dir, d, "manifest.json"), "utf8");
  expect(manifest("data-compiled")).toBe(manifest("data-tsx"));
  // nodejieba loaded in both: the index names key terms, and no diagnostic says it failed.
  expect(readFileSync(path.join(dir, "data-compiled", "diagnostics.json"), "utf8")).not.toContain(
    "nodejieba",
  );
  expect(manifest("data-compiled")).toMatch(/"search\/terms\.[0-9a-f]+\.json\.gz"/);
}, 900_000);
