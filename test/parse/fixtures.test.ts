/**
 * Golden fixtures, the way remark tests: each `test/fixtures/parse/<name>.md` beside its expected
 * `<name>.json` (paragraph addresses, labels, flags, footnote marks, first words, headings and
 * diagnostics). A missing `.json` fails (a fresh clone can never pass by writing its own golden);
 * `UPDATE=1` writes them on purpose, for review.
 * The .md files are written by us in UN layout, in our own words; they are not UN texts.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, test } from "vitest";
import type { Parsed } from "../../pipeline/parse/index.ts";
import { parseSource, repoRoot } from "./helpers.ts";

const dir = resolve(repoRoot, "test/fixtures/parse");
const names = readdirSync(dir)
  .filter((f) => f.endsWith(".md"))
  .map((f) => f.slice(0, -3));

/** What a reader checks in a parse: structure and where things went, not every character. */
function summary(parsed: Parsed) {
  return {
    parts: parsed.parts,
    paragraphs: parsed.paragraphs.map((p) => ({
      address: p.address,
      label: p.label,
      kind: p.kind,
      flags: p.flags,
      footnotes: p.footnotes.map((f) => `${f.mark} ${f.text}`),
      text: p.text,
      heading: p.headings.at(-1) ?? null,
    })),
    headings: parsed.headings.map((h) => ({
      depth: h.depth,
      part: h.part,
      text: h.text,
      footnotes: h.footnotes.map((f) => `${f.mark} ${f.text}`),
    })),
    diagnostics: parsed.diagnostics.map((d) => `${d.line}:${d.column} ${d.level} ${d.code}`),
  };
}

describe("parse golden fixtures", () => {
  test.each(names)("%s.md parses as %s.json says", (name) => {
    const file = `test/fixtures/parse/${name}.md`;
    const actual = summary(parseSource(readFileSync(resolve(repoRoot, file), "utf8"), file));
    const golden = resolve(dir, `${name}.json`);
    if (process.env.UPDATE) writeFileSync(golden, `${JSON.stringify(actual, null, 2)}\n`);
    if (!existsSync(golden)) throw new Error(`${name}.json is missing: write it with UPDATE=1 and review it`);
    expect(actual).toEqual(JSON.parse(readFileSync(golden, "utf8")));
  });
});
