/**
 * Paragraph-level alignment of a document's zh and en versions (pipeline/reuse/bitext.ts, with
 * anchors.ts and terms.ts): what a paragraph offers as evidence, how the lattice decides, the
 * three fixture pairs with their hand-written true rows, and the accuracy on synthetic pairs.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { addScores, generatePairs, scoreRows } from "../../bench/bitext-pairs.ts";
import { anchorsOf, headingKey, headingLabel, openingOf } from "../../pipeline/reuse/anchors.ts";
import { alignDocument } from "../../pipeline/reuse/bilingual.ts";
import { alignVersions, DEFAULT_BITEXT, lengthCost } from "../../pipeline/reuse/bitext.ts";
import { termsOf } from "../../pipeline/reuse/terms.ts";
import type { Paragraph } from "../../schemas/index.ts";
import { paragraph } from "../factories.ts";
import { parseSource, repoRoot } from "../parse/helpers.ts";

describe("anchors: what a translation keeps", () => {
  test.each([
    // Symbols whole, their digits not read again as numbers.
    { text: "见 A/75/816，附件一。", anchors: ["sym:A/75/816"] },
    // Dates in both languages come out as one token.
    { text: "2020 年 12 月 31 日第 75/240 号决议", anchors: ["date:2020-12-31", "n:75/240"] },
    { text: "resolution 75/240 of 31 December 2020", anchors: ["date:2020-12-31", "n:75/240"] },
    // A month and year alone.
    { text: "2025年7月", anchors: ["date:2025-07"] },
    { text: "in July 2025", anchors: ["date:2025-07"] },
    // Article and paragraph numbers in Chinese numerals, as English writes them in digits.
    { text: "《宪章》第十九条第二款", anchors: ["n:19", "n:2"] },
    // Full-width digits fold; a thousands separator is not a decimal point.
    { text: "１５ 个国家，1,000 名专家", anchors: ["n:15", "n:1000"] },
    // A quotation is an anchor; its words are not read.
    { text: 'the item entitled "Exchange of information in 2031"', anchors: ["quote"] },
    // Ordinals written out are not read: the other language may not write them as numbers.
    { text: "at its seventy-fifth session", anchors: [] },
  ])("$text", ({ text, anchors }) => {
    expect(anchorsOf(text)).toEqual(anchors);
  });

  test.each([
    { heading: "Article 12", key: "article:12" },
    { heading: "第十二条", key: "article:12" },
    { heading: "Chapter III", key: "chapter:3" },
    { heading: "第三章 总则", key: "chapter:3" },
    // Roman section numbers and Chinese ones agree; letters stay letters.
    { heading: "II. Conclusions and recommendations", key: "label:2" },
    { heading: "二. 结论和建议", key: "label:2" },
    { heading: "一、总体立场", key: "label:1" },
    { heading: "C. Confidence-building measures", key: "label:c" },
    { heading: "附件一", key: "annex:1" },
    { heading: "Annex I", key: "annex:1" },
    // A heading without a label gives nothing to compare.
    { heading: "Recommended next steps", key: null },
  ])("heading $heading", ({ heading, key }) => {
    expect(headingLabel(heading)).toBe(key);
  });

  test("a heading path joins the labels it has", () => {
    expect(headingKey(["第二章", "建议的后续步骤", "A. 概述"])).toBe("chapter:2/label:a");
    expect(headingKey(["Preamble"])).toBeNull();
  });

  test.each([
    { text: "Recalling its resolution 98/31,", opening: ["open:recalling"] },
    { text: "回顾其第 98/31 号决议，", opening: ["open:recalling"] },
    { text: "Now, therefore, The General Assembly", opening: ["open:therefore"] },
    { text: "赞赏地注意到工作组的工作，", opening: ["open:noting"] },
    { text: "［原件：英文］", opening: ["open:original"] },
    // A word that only begins like an opening word is not one.
    { text: "Requested documents are listed below.", opening: [] },
  ])("opening of $text", ({ text, opening }) => {
    expect(openingOf(text)).toEqual(opening);
  });

  test.each([
    { text: "各国应加强能力建设，保护关键信息基础设施。", terms: ["term:capacity", "term:cii"] },
    {
      text: "States should strengthen capacity-building and protect critical information infrastructure.",
      terms: ["term:capacity", "term:cii"],
    },
    // The longer term wins at one place, in both languages.
    { text: "国际人道法和国际法", terms: ["term:ihl", "term:intl-law"] },
    { text: "international humanitarian law and international law", terms: ["term:ihl", "term:intl-law"] },
    // Inflections are written into the patterns.
    {
      text: "women and a woman; developing countries",
      terms: ["term:women", "term:women", "term:developing"],
    },
  ])("terms of $text", ({ text, terms }) => {
    expect(termsOf(text).sort()).toEqual(terms.sort());
  });
});

describe("the lattice", () => {
  const zh = (text: string, over: Partial<Paragraph> = {}) =>
    paragraph({ doc: "A/1/1", lang: "zh", text, ...over });
  const en = (text: string, over: Partial<Paragraph> = {}) =>
    paragraph({ doc: "A/1/1", lang: "en", text, ...over });
  const shape = (beads: { zh: number[]; en: number[] }[]) =>
    beads.map((b) => `${b.zh.join("+")}:${b.en.join("+")}`);
  const Z = "各国重申致力于和平利用信息和通信技术。";
  const E =
    "States reaffirmed their commitment to the peaceful use of information and communications technologies.";

  test("the length cost grows with the distance from the usual ratio", () => {
    expect(lengthCost(0)).toBeCloseTo(0, 5);
    expect(lengthCost(1)).toBeCloseTo(-Math.log(0.3173), 3);
    expect(lengthCost(-3)).toBeCloseTo(-Math.log(0.0027), 2);
    // Far out, the cost is finite and still growing (no underflow to Infinity).
    expect(lengthCost(40)).toBeGreaterThan(lengthCost(30));
    expect(Number.isFinite(lengthCost(40))).toBe(true);
  });

  test("equal numbered addresses pair even where the lengths argue otherwise", () => {
    // Paragraph 1 is short in Chinese and long in English, paragraph 2 the other way round.
    const zs = [zh(Z, { num: ["1"], address: "1" }), zh(Z.repeat(2), { num: ["2"], address: "2" })];
    const es = [en(`${E} ${E}`, { num: ["1"], address: "1" }), en(E, { num: ["2"], address: "2" })];
    const beads = alignVersions(zs, es);
    expect(shape(beads)).toEqual(["0:0", "1:1"]);
    expect(beads.every((b) => b.evidence.includes("address") && !b.evidence.includes("length"))).toBe(true);
  });

  test("equal u addresses are no evidence: a split in one version shifts them, and content decides", () => {
    const beads = alignVersions(
      [
        zh("注意到会员国根据第 98/31 号决议提交的意见，并欢迎秘书长 2030 年 7 月 15 日的报告，", {
          address: "u1",
        }),
        zh(Z, { address: "u2" }),
      ],
      [
        en("Noting the views submitted by Member States pursuant to resolution 98/31,", { address: "u1" }),
        en("Welcoming the report of the Secretary-General of 15 July 2030,", { address: "u2" }),
        en(E, { address: "u3" }),
      ],
    );
    expect(shape(beads)).toEqual(["0:0+1", "1:2"]);
  });

  // Eight paragraphs that say the same in both versions, told apart by a number each.
  const pairs = (from: number) =>
    Array.from({ length: 8 }, (_, k) => [
      zh(`${Z}见第 ${from + k} 段。`),
      en(`${E} See paragraph ${from + k}.`),
    ]);

  test("a paragraph with no counterpart stands alone", () => {
    const before = pairs(1);
    const after = pairs(20);
    const beads = alignVersions(
      [
        ...before.map(([z]) => z!),
        zh(`各国还讨论了第 99 段和 A/99/999 号文件。${Z}`),
        ...after.map(([z]) => z!),
      ],
      [...before.map(([, e]) => e!), ...after.map(([, e]) => e!)],
    );
    expect(shape(beads)[8]).toBe("8:");
    expect(shape(beads).filter((b) => b.endsWith(":") || b.startsWith(":"))).toEqual(["8:"]);
    expect(beads[8]!.evidence).toEqual([]);
  });

  test("two paragraphs are one text only inside one part", () => {
    const beads = alignVersions(
      [zh(`${Z}${Z}`, { part: [] })],
      [en(E, { part: [] }), en(E, { part: ["annex"] })],
    );
    expect(beads.some((b) => b.en.length === 2)).toBe(false);
  });

  test("a choice the evidence cannot make is doubtful, one it can is not", () => {
    const before = pairs(1);
    const after = pairs(20);
    // One Chinese paragraph, two English ones alike: either could be its counterpart.
    const beads = alignVersions(
      [...before.map(([z]) => z!), zh(Z), ...after.map(([z]) => z!)],
      [...before.map(([, e]) => e!), en(E), en(E), ...after.map(([, e]) => e!)],
    );
    const middle = beads.filter((b) => b.zh.includes(8) || b.en.includes(8) || b.en.includes(9));
    expect(Math.max(...middle.map((b) => b.confidence))).toBeLessThan(0.8);
    // The pairs around it, each with its own number, leave no doubt.
    const sure = beads.filter((b) => !middle.includes(b));
    expect(sure.every((b) => b.confidence > 0.95)).toBe(true);
  });

  test("every paragraph is in one bead, in reading order, and the result depends on the paragraphs only", () => {
    const zs = [zh(Z), zh("甲。"), zh(Z.repeat(2)), zh("乙。")];
    const es = [en(E), en(`${E} ${E}`), en("Yes.")];
    const a = alignVersions(zs, es);
    expect(a.flatMap((b) => b.zh)).toEqual([0, 1, 2, 3]);
    expect(a.flatMap((b) => b.en)).toEqual([0, 1, 2]);
    expect(alignVersions(zs, es)).toEqual(a);
  });
});

describe("the band", () => {
  test("a document aligned in a band around the length diagonal gets the rows of the whole lattice", () => {
    const [p] = generatePairs({ documents: 1, seed: 5, units: [150, 150] });
    const whole = alignVersions(p!.zh, p!.en, { ...DEFAULT_BITEXT, fullCells: Number.POSITIVE_INFINITY });
    const band = alignVersions(p!.zh, p!.en, { ...DEFAULT_BITEXT, fullCells: 0, band: 20 });
    expect(p!.planted.splits + p!.planted.gaps).toBeGreaterThan(3);
    expect(band.map((b) => [b.zh, b.en])).toEqual(whole.map((b) => [b.zh, b.en]));
  });
});

describe("fixture pairs in our own words, with their true rows (test/fixtures/align)", () => {
  const dir = resolve(repoRoot, "test/fixtures/align");
  const parse = (name: string, lang: string) => {
    const file = `test/fixtures/align/${name}.${lang}.md`;
    return parseSource(readFileSync(resolve(dir, `${name}.${lang}.md`), "utf8"), file);
  };

  test.each(["resolution-split", "report-heading", "paper-footnotes"])("%s", (name) => {
    const truth = JSON.parse(readFileSync(resolve(dir, `${name}.truth.json`), "utf8")) as {
      doc: string;
      rows: { zh: string[]; en: string[] }[];
    };
    const zh = parse(name, "zh");
    const en = parse(name, "en");
    const { rows } = alignDocument(zh.paragraphs, en.paragraphs);
    const address = (id: string) => id.split("/").slice(2).join("/");
    // Rows as addresses, with pairs claimed and gaps shown as such: exactly the true rows.
    expect(rows.map((r) => ({ zh: r.zh.map(address), en: r.en.map(address) }))).toEqual(truth.rows);
    for (const r of rows) expect(r.status).toBe(r.zh.length && r.en.length ? "pair" : "gap");
    expect(new Set(rows.map((r) => r.doc))).toEqual(new Set([truth.doc]));
  });
});

describe("synthetic pairs with planted splits, gaps and headings (bench/bitext-pairs.ts)", () => {
  test("accuracy (true pairs claimed / true pairs) and precision are at least 99 %", () => {
    const pairs = generatePairs({ documents: 60, seed: 11, units: [30, 60] });
    const scores = pairs.map((p) => {
      const zi = new Map(p.zh.map((x, k) => [x.id, k]));
      const ei = new Map(p.en.map((x, k) => [x.id, k]));
      const { rows } = alignDocument(p.zh, p.en);
      return scoreRows(
        p.truth,
        rows.map((r) => ({
          zh: r.zh.map((id) => zi.get(id)!),
          en: r.en.map((id) => ei.get(id)!),
          status: r.status,
        })),
      );
    });
    const s = addScores(scores);
    // Something was planted: the measure is not of identical versions.
    expect(pairs.reduce((n, p) => n + p.planted.splits + p.planted.gaps, 0)).toBeGreaterThan(40);
    expect(s.right / s.trueLinks).toBeGreaterThanOrEqual(0.99);
    expect(s.right / (s.right + s.wrong)).toBeGreaterThanOrEqual(0.99);
  });
});
