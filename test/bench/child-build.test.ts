/**
 * The measuring path of the parse section: a build in a child process reports its paragraphs,
 * phases, CPU time and peak memory; one that runs out of time is stopped and says so.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { generateCorpus, repoRoot, writeCorpus } from "../../bench/generate.ts";
import { runChildBuild } from "../../bench/harness.ts";

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
