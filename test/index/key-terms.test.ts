/**
 * Key terms (tf-idf over nodejieba's cut, as segmenter.ts ports it) and its host: the UN user
 * dictionary keeps its terms whole, and Latin letters and digits never reach the cut (the port
 * against nodejieba itself: segmenter.test.ts).
 */
import { describe, expect, test } from "vitest";
import { cutForSearch, cutWords } from "../../pipeline/index/jieba.ts";
import { keyTerms } from "../../pipeline/index/key-terms.ts";
import { paragraph } from "../factories.ts";

describe("keyTerms", () => {
  const cut = (t: string) => t.split(" ");
  test.each([
    // [paragraphs (doc, text), expected key terms by document, why]
    [[["A/1", "能力建设 能力建设 联络点"]], { "A/1|zh": ["能力建设", "联络点"] }, "by frequency"],
    [
      [
        ["A/1", "能力建设 联络点 联络点"],
        ["A/2", "能力建设 数字鸿沟"],
      ],
      { "A/1|zh": ["联络点", "能力建设"], "A/2|zh": ["数字鸿沟", "能力建设"] },
      "a word in every document counts less",
    ],
    [
      [["A/1", "以及 包括 法 信通技术"]],
      { "A/1|zh": ["信通技术"] },
      "function words and single characters left out",
    ],
  ] as Array<[string[][], Record<string, string[]>, string]>)("%#: %s", (rows, expected) => {
    const ps = rows.map(([doc, text]) => paragraph({ doc: doc as string, text: text as string }));
    expect(keyTerms(ps, cut)).toEqual(expected);
  });

  test("English documents have none", () => {
    expect(keyTerms([paragraph({ lang: "en", text: "capacity building" })], cut)).toEqual({});
  });
});

describe("the cut with the UN dictionary", () => {
  test.each([
    "信通技术",
    "不限成员名额工作组",
    "政府专家组",
    "建立信任措施",
    "关键信息基础设施",
    "联络点名录",
    "能力建设",
  ])("%s is one word", (term) => {
    expect(cutWords(`各国在${term}方面`)).toContain(term);
  });

  test("Latin letters and digits never reach the cut (no one-letter tokens)", () => {
    expect(cutWords("2021年ICT安全")).toEqual(["年", "安全"]);
  });

  test("search mode adds sub-words", () => {
    expect(cutForSearch("不限成员名额工作组")).toEqual(
      expect.arrayContaining(["工作组", "不限成员名额工作组"]),
    );
  });
});
