/**
 * National papers and compendia, as golden tables: each `test/fixtures/parse/national/<name>.md`
 * (written by us, in our own words, on the layouts of real papers: two Chinese, two English, one
 * joint, and a compendium with three States' sections in zh and en) beside `<name>.json`, which
 * lists every paragraph's id, heading path, label and text, its items and pages, every heading,
 * the sections that can be cited and the diagnostics. A missing golden fails; `UPDATE=1` writes
 * them, on purpose, for review.
 *
 * And the fidelity property on each of them: every character of the body in exactly one paragraph,
 * heading or note, in order (coverage.ts).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, test } from "vitest";
import type { Parsed } from "../../pipeline/parse/index.ts";
import { documentRecord } from "../../pipeline/parse/record.ts";
import { FrontMatter } from "../../schemas/index.ts";
import { coverageProblem } from "./coverage.ts";
import { parseSource, repoRoot, splitFrontMatter } from "./helpers.ts";

const dir = resolve(repoRoot, "test/fixtures/parse/national");
const names = readdirSync(dir)
  .filter((f) => f.endsWith(".md"))
  .map((f) => f.slice(0, -3))
  .sort();

/** What a reader checks: ids, heading paths, labels, texts, items, pages, sections, authors. */
function table(file: string, src: string, parsed: Parsed) {
  const meta = FrontMatter.parse(splitFrontMatter(src).meta);
  const record = documentRecord({ file, meta }, "-", parsed);
  return {
    key: record.symbol,
    slug: record.slug,
    authors: record.authors?.map((a) => `${a.code} ${a.name.en} / ${a.name.zh}`),
    parts: parsed.parts,
    sections: record.sections?.map((s) => ({
      address: s.address,
      kind: s.kind,
      key: s.key,
      label: s.label,
      title: s.title,
      state: s.state?.code ?? null,
      pages: s.pages ? `${s.pages.first}-${s.pages.last}` : null,
    })),
    paragraphs: parsed.paragraphs.map((p) => ({
      id: p.id,
      headings: p.headings,
      label: p.label,
      text: p.text,
      ...(p.items ? { items: p.items.map((it) => `${it.mark} ${p.text.slice(it.start, it.end)}`) } : {}),
      ...(p.pages ? { pages: `${p.pages.first}-${p.pages.last}` } : {}),
      ...(p.footnotes.length ? { footnotes: p.footnotes.map((f) => `${f.mark} ${f.text}`) } : {}),
    })),
    headings: parsed.headings.map(
      (h) =>
        `${h.depth} ${h.part.join("|") || "-"} ${h.section ? `§${h.section} ` : ""}${h.role ? `(${h.role}) ` : ""}${h.text}`,
    ),
    diagnostics: parsed.diagnostics.map((d) => `${d.line}:${d.column} ${d.level} ${d.code}`),
  };
}

describe("national papers and compendia, golden tables", () => {
  test("the fixtures cover what the issue asks: 2 zh and 2 en papers, a joint paper, a compendium in zh and en", () => {
    expect(names).toEqual(
      expect.arrayContaining(["zh-position", "zh-outline", "en-decimal", "en-roman", "en-joint"]),
    );
    expect(names).toEqual(expect.arrayContaining(["compendium-zh", "compendium-en"]));
  });

  test.each(names)("%s.md parses as %s.json says", (name) => {
    const file = `test/fixtures/parse/national/${name}.md`;
    const src = readFileSync(resolve(repoRoot, file), "utf8");
    const actual = table(file, src, parseSource(src, file));
    const golden = resolve(dir, `${name}.json`);
    if (process.env.UPDATE) writeFileSync(golden, `${JSON.stringify(actual, null, 2)}\n`);
    if (!existsSync(golden)) throw new Error(`${name}.json is missing: write it with UPDATE=1 and review it`);
    expect(actual).toEqual(JSON.parse(readFileSync(golden, "utf8")));
  });

  test.each(names)(
    "%s.md: every character of the body in one paragraph, heading or note, in order",
    (name) => {
      const file = `test/fixtures/parse/national/${name}.md`;
      const src = readFileSync(resolve(repoRoot, file), "utf8");
      const { body, firstLine } = splitFrontMatter(src);
      expect(coverageProblem(body, firstLine, parseSource(src, file))).toBeNull();
    },
  );
});

describe("the fidelity check itself", () => {
  const file = "test/fixtures/parse/national/zh-position.md";
  const src = readFileSync(resolve(repoRoot, file), "utf8");
  const { body, firstLine } = splitFrontMatter(src);

  test.each([
    ["a character lost", (p: Parsed) => (p.paragraphs[0]!.text = p.paragraphs[0]!.text.slice(1))],
    ["a character added", (p: Parsed) => (p.paragraphs[0]!.text += "。")],
    [
      "two texts swapped (the same characters, out of order)",
      (p: Parsed) => {
        const [a, b] = [p.paragraphs[2]!, p.paragraphs[3]!];
        [a.text, b.text] = [b.text, a.text];
      },
    ],
    ["a heading dropped", (p: Parsed) => p.headings.splice(3, 1)],
  ])("fails when %s", (_what, spoil) => {
    const parsed = parseSource(src, file);
    expect(coverageProblem(body, firstLine, parsed)).toBeNull();
    spoil(parsed);
    expect(coverageProblem(body, firstLine, parsed)).not.toBeNull();
  });
});
