/**
 * Articles, chapters and a declaration's preamble (issue 20): the readers of one line, one decision
 * a row, and the convention fixture pair (test/fixtures/parse/convention-*.md, our own words in a
 * convention's layout), whose two languages must address every paragraph alike.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, test } from "vitest";
import {
  isPartiesLine,
  opensOperative,
  readArticle,
  readChapter,
} from "../../pipeline/parse/structure/articles.ts";
import { parseSource, repoRoot } from "./helpers.ts";

describe("an article's heading", () => {
  test.each([
    // The number alone, in every spelling the issue lists.
    ["Article 19", { n: "19", title: null }],
    ["Art. 19", { n: "19", title: null }],
    ["ARTICLE XIX", { n: "19", title: null }],
    ["第十九条", { n: "19", title: null }],
    ["第 19 条", { n: "19", title: null }],
    // A title on the line, or on the block's next line.
    ["Article 2. Use of terms", { n: "2", title: "Use of terms" }],
    ["Article 2\nUse of terms", { n: "2", title: "Use of terms" }],
    ["第三条　信息交流", { n: "3", title: "信息交流" }],
    // Sentences that start with an article's name are paragraphs.
    ["Article 51 of the Charter applies.", null],
    ["Article 2 sets out the terms.", null],
    ["第十九条规定了表达自由。", null],
    ["第十九条 规定了表达自由。", null],
    ["Articles 2 and 3", null],
    ["Article 0", null],
  ] as const)("%j", (line, expected) => {
    expect(readArticle(line)).toEqual(expected);
  });
});

describe("a chapter's heading", () => {
  test.each([
    ["Chapter I", { n: "1", title: null }],
    ["CHAPTER 2", { n: "2", title: null }],
    ["Chapter III. Final provisions", { n: "3", title: "Final provisions" }],
    ["第一章 总则", { n: "1", title: "总则" }],
    ["第 2 章", { n: "2", title: null }],
    // Chapter I of a report ("I. Introduction") is read elsewhere; a sentence is not a heading.
    ["Chapter II of the report describes the process.", null],
  ] as const)("%j", (line, expected) => {
    expect(readChapter(line)).toEqual(expected);
  });
});

describe("the end of a preamble", () => {
  test.each([
    // Preambular paragraphs end on a comma in both languages.
    ["Whereas peace matters,", false],
    ["鉴于和平重要，", false],
    ["Recalling its resolution 75/240,", false],
    // The operative clause's connective, whatever its punctuation.
    ["Now, therefore,", true],
    ["Have agreed as follows:", true],
    ["因此现在，大会，发布本宣言；", true],
    ["兹议定如下：", true],
    // A paragraph that ends a sentence is operative.
    ["Proclaims this Declaration.", true],
    ["决定继续处理此事项。", true],
    ["Decides to remain seized of the matter;", true],
  ] as const)("%j -> %s", (text, expected) => {
    expect(opensOperative(text)).toBe(expected);
  });

  test.each([
    ["The States Parties to this Convention,", true],
    ["The States Parties to the present Protocol,", true],
    ["本公约缔约国，", true],
    ["The States Parties agreed to meet.", false],
  ] as const)("opening words %j -> %s", (text, expected) => {
    expect(isPartiesLine(text)).toBe(expected);
  });
});

describe("the convention fixture pair", () => {
  const parse = (lang: "en" | "zh") => {
    const file = `test/fixtures/parse/convention-${lang}.md`;
    return parseSource(readFileSync(resolve(repoRoot, file), "utf8"), file);
  };
  const en = parse("en");
  const zh = parse("zh");

  test("both languages address every paragraph alike, and neither warns", () => {
    expect(zh.paragraphs.map((p) => p.address)).toEqual(en.paragraphs.map((p) => p.address));
    expect([...en.diagnostics, ...zh.diagnostics].filter((d) => d.level !== "info")).toEqual([]);
  });

  test("the articles are parts, cited as UN practice cites them", () => {
    expect(en.parts).toEqual([[], ["preamble"], ...[1, 2, 3, 4].map((n) => [`article ${n}`])]);
    const at = (address: string) => en.paragraphs.find((p) => p.address === address)?.text ?? "";
    // Article 3, paragraph 2 (b); article 2 (b); preambular paragraph 2; the operative words.
    expect(at("article/3/2.b")).toMatch(/^Keep a record/);
    expect(at("article/2/b")).toMatch(/^"Test" means/);
    expect(at("preamble/2")).toMatch(/^Noting/);
    expect(at("u1")).toBe("Have agreed as follows:");
  });

  test("a chapter stays on the heading path of its articles", () => {
    const article3 = en.paragraphs.find((p) => p.address === "article/3/1")!;
    expect(article3.headings).toEqual([
      "Convention on the Testing of Shared Registers",
      "Chapter II",
      "Cooperation",
      "Article 3",
      "Exchange of information",
    ]);
  });
});
