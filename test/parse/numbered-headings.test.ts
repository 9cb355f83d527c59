/**
 * National papers that number their headings and their paragraphs in one family: "1. Introduction"
 * over paragraphs "1." "2." (numbered through the paper, or from 1 under each heading), and "1."
 * headings over "1.1" paragraphs. The fixtures (test/fixtures/parse/national/en-numbered-*.md) are
 * our own words on those layouts. Before, each numbered paragraph closed the heading above it, so
 * its heading path held the title alone; a heading line followed by the next number was read as
 * a paragraph and every later number warned as repeating.
 */
import { describe, expect, test } from "vitest";
import { parseFile, parseMarkdown } from "./helpers.ts";

/** Each paragraph as "address < innermost heading", and the codes of the warnings. */
function outline(parsed: ReturnType<typeof parseFile>) {
  return {
    paragraphs: parsed.paragraphs.map((p) => `${p.address} < ${p.headings.slice(1).join(" > ") || "-"}`),
    warnings: parsed.diagnostics.filter((d) => d.level !== "info").map((d) => `${d.line} ${d.code}`),
  };
}

describe("a paper numbering headings and paragraphs alike", () => {
  test.each([
    {
      // Paragraphs numbered through the paper: their numbers are their addresses.
      name: "en-numbered-through",
      paragraphs: [
        "1 < 1. Introduction",
        "2 < 1. Introduction",
        "3 < 2. Sovereignty",
        "4 < 2. Sovereignty",
        "4.a < 2. Sovereignty",
        "4.b < 2. Sovereignty",
        "5 < 3. Due diligence",
        "6 < 3. Due diligence",
      ],
    },
    {
      // Paragraphs numbered from 1 under each heading: counted in the heading's section.
      name: "en-numbered-restart",
      paragraphs: [
        "@1/1 < 1. Introduction",
        "@1/2 < 1. Introduction",
        "@2/1 < 2. International humanitarian law",
        "@2/2 < 2. International humanitarian law",
        "@2/3 < 2. International humanitarian law",
        "@3/1 < 3. Peaceful settlement of disputes",
      ],
    },
    {
      // "1." headings over "1.1" paragraphs.
      name: "en-numbered-decimal",
      paragraphs: [
        "1.1 < 1. The framework",
        "1.2 < 1. The framework",
        "2.1 < 2. Norms",
        "2.2 < 2. Norms",
        "3.1 < 3. Capacity-building",
      ],
    },
  ])("$name: every paragraph under its heading, no warning", ({ name, paragraphs }) => {
    const got = outline(parseFile(`test/fixtures/parse/national/${name}.md`));
    expect(got.paragraphs).toEqual(paragraphs);
    expect(got.warnings).toEqual([]);
  });
});

const paper = {
  id: "xx-2024-test-paper",
  type: "position paper",
  status: "national",
  authors: ["NZ"],
} as const;
const parse = (md: string, lang: "en" | "zh" = "en") =>
  outline(parseMarkdown(md, { ...paper, symbol: undefined, lang } as never));

describe("where the call is a guess, it is warned at its line", () => {
  test.each([
    {
      what: "a short numbered line after a paragraph ending its sentence, with nothing numbered after it: a heading, guessed",
      md: "# P\n\n1. Introduction\n\n1. The paper sets out views.\n\n2. Sovereignty\n\nIt applies online.",
      paragraphs: ["1 < 1. Introduction", "@2/u1 < 2. Sovereignty"],
      warnings: ["7 parse/role-guessed"],
    },
    {
      what: "a paragraph numbered as the heading's next and the paragraphs' next, the heading holding only text: under it, guessed",
      md: "# P\n\n1. Introduction\n\n1. One.\n\n2. Two.\n\n2. Sovereignty\n\nIt applies online.\n\n3. Three.",
      paragraphs: [
        "1 < 1. Introduction",
        "2 < 1. Introduction",
        "@2/u1 < 2. Sovereignty",
        "3 < 2. Sovereignty",
      ],
      warnings: ["13 parse/role-guessed"],
    },
    {
      what: "a paragraph numbered as the heading's next that continues nothing stands beside it, as before",
      md: "# 立场\n\n1、总体立场\n\n各国应加强合作。\n\n2、各方应共同努力，推动落实。",
      paragraphs: ["@1/u1 < 1、总体立场", "2 < -"],
      warnings: ["7 parse/numbering-gap"],
      lang: "zh" as const,
    },
  ])("$what", ({ md, paragraphs, warnings, lang }) => {
    expect(parse(md, lang)).toEqual({ paragraphs, warnings });
  });
});
