/**
 * Golden fixtures, the way remark tests: each `test/fixtures/parse/<name>.md` beside its expected
 * `<name>.json` (paragraph addresses, labels, flags, footnote marks, first words, headings and
 * diagnostics). `UPDATE=1` writes them on purpose (test/golden.ts); a missing `.json` fails.
 * The .md files are written by us in UN layout, in our own words; they are not UN texts.
 */
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, test } from "vitest";
import type { Parsed } from "../../pipeline/parse/index.ts";
import { expectGolden } from "../golden.ts";
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
    expectGolden(resolve(dir, `${name}.json`), `${JSON.stringify(actual, null, 2)}\n`, "json");
  });
});
