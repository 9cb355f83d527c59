/**
 * Golden fixtures: the citations (and diagnostics) of each of our fixtures,
 * test/fixtures/cite/<name>.md beside <name>.json, and of the real seed in
 * test/fixtures/cite/seed.json. A change in what the stage finds shows up as a diff; the files
 * are rewritten only on purpose (UPDATE=1) or when missing.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { extractCitations } from "../../pipeline/cite/extract.ts";
import { fixture, loadRegistry, merge, repoRoot, seed } from "./helpers.ts";

const registry = loadRegistry();
const fixtures = merge(fixture("en-report"), fixture("en-cited"), fixture("zh-notes"));

const cases: [string, string, () => ReturnType<typeof extractCitations>][] = [
  ["en-report", "test/fixtures/cite/en-report.md", () => extractCitations({ ...fixtures, registry })],
  ["en-cited", "test/fixtures/cite/en-cited.md", () => extractCitations({ ...fixtures, registry })],
  ["zh-notes", "test/fixtures/cite/zh-notes.md", () => extractCitations({ ...fixtures, registry })],
  ["seed", "corpus/A-78-265/zh.md", () => extractCitations({ ...seed(), registry })],
];

describe("golden citations", () => {
  test.each(cases)("%s", (name, file, run) => {
    const result = run();
    const doc = result.index.docs;
    const symbol = [...doc.values()]
      .flatMap((m) => [...m.values()])
      .find((v) => v.record.file === file)!.record;
    const prefix = `${symbol.slug}/${symbol.lang}`;
    const actual = `${JSON.stringify(
      {
        citations: result.citations.filter((c) => c.from === prefix || c.from.startsWith(`${prefix}/`)),
        diagnostics: result.diagnostics.filter((d) => d.file === file),
      },
      null,
      2,
    )}\n`;
    const path = resolve(repoRoot, `test/fixtures/cite/${name}.json`);
    if (process.env.UPDATE === "1" || !existsSync(path)) writeFileSync(path, actual);
    expect(actual).toBe(readFileSync(path, "utf8"));
  });
});
