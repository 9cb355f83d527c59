/**
 * The real seed, A/78/265 in Chinese, read in place from corpus/. Every expectation below was
 * checked by hand against the document: the counts the issue names, where each of the 46
 * footnotes belongs, the eight paragraphs a page's footnotes broke, and the irregular "(c)".
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import type { Parsed } from "../../pipeline/parse/index.ts";
import { Paragraph } from "../../schemas/index.ts";
import { has } from "../needs.ts";
import { parseFile, repoRoot, sharedDir, splitFrontMatter } from "./helpers.ts";

const SEED = "corpus/A-78-265/zh.md";
let parsed: Parsed;
let byAddress: Map<string, Parsed["paragraphs"][number]>;

beforeAll(() => {
  parsed = parseFile(SEED);
  byAddress = new Map(parsed.paragraphs.map((p) => [p.address, p]));
});

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => String(from + k));
const letters = (to: string) =>
  range(0, to.charCodeAt(0) - 97).map((k) => String.fromCharCode(97 + Number(k)));
const romans = ["i", "ii", "iii", "iv", "v"];
const sub = (base: string, items: string[]) => items.map((x) => `${base}.${x}`);

describe.runIf(has("shared"))("the seed corpus file", () => {
  test("holds the seed's text exactly as issued, only front matter added", () => {
    const corpus = readFileSync(resolve(repoRoot, SEED), "utf8");
    const seed = readFileSync(resolve(sharedDir, "seeds/000_d4d9f46b44eff72d.txt"), "utf8");
    expect(splitFrontMatter(corpus).body).toBe(seed);
  });
});

describe("A/78/265 structure", () => {
  test("every paragraph validates against the schema and has a unique id", () => {
    for (const p of parsed.paragraphs) Paragraph.parse(p);
    expect(new Set(parsed.paragraphs.map((p) => p.id)).size).toBe(parsed.paragraphs.length);
  });

  test("the parts are the body, the annex, its annexes A-D and annex A's appendix", () => {
    expect(parsed.parts).toEqual([
      [],
      ["annex"],
      ["annex", "annex A"],
      ["annex", "annex A", "appendix"],
      ["annex", "annex B"],
      ["annex", "annex C"],
      ["annex", "annex D"],
    ]);
  });

  test("the body has 16 numbered paragraphs and the Secretary-General's note", () => {
    const body = parsed.paragraphs.filter((p) => p.part.length === 0);
    expect(body.filter((p) => p.num.length).map((p) => p.address)).toEqual(range(1, 16));
    expect(body.filter((p) => !p.num.length).map((p) => p.text)).toEqual([
      "秘书长谨向大会成员转递 2021-2025 年信息和通信技术安全和使用问题不限成员名额工作组第二次年度进展报告。",
    ]);
  });

  test("the annex has paragraphs 1-60 with every subparagraph", () => {
    const expected = [
      ...range(1, 60),
      ...sub("23", letters("h")),
      ...sub("23.f", ["i", "ii"]),
      ...sub("29", ["a", "b"]),
      ...sub("29.b", ["i", "ii"]),
      ...sub("30", letters("d")),
      ...sub("31", letters("c")),
      ...sub("37", letters("g")),
      ...sub("37.c", romans.slice(0, 4)),
      ...sub("43", letters("i")),
      ...sub("52", ["a", "b"]),
      ...sub("55", letters("d")),
    ].map((a) => `annex/${a}`);
    const got = parsed.paragraphs.filter((p) => p.part.join() === "annex").map((p) => p.address);
    expect([...got].sort()).toEqual([...expected].sort());
  });

  test("annex A has paragraphs 1-16 with their subparagraphs, and its appendix two procedures", () => {
    const a = [
      ...range(1, 16),
      ...sub("5", letters("d")),
      ...sub("7", letters("d")),
      ...sub("7.a", romans.slice(0, 4)),
      ...sub("9", ["a", "b"]),
      ...sub("10", ["a", "b"]),
      ...sub("12", letters("c")),
      ...sub("13", letters("g")),
      ...sub("14", letters("d")),
    ].map((x) => `annex/annex-a/${x}`);
    const got = parsed.paragraphs.filter((p) => p.part.join() === "annex,annex A").map((p) => p.address);
    expect([...got].sort()).toEqual([...a].sort());
    const appendix = parsed.paragraphs.filter((p) => p.part.at(-1) === "appendix");
    expect(appendix.map((p) => p.address)).toEqual([
      "annex/annex-a/appendix/u1",
      ...range(1, 4).map((n) => `annex/annex-a/appendix/@list-1/${n}`),
      "annex/annex-a/appendix/u2",
      ...range(1, 3).map((n) => `annex/annex-a/appendix/@list-2/${n}`),
    ]);
  });

  test("annex B has measures 1-4, their items, and a source note after each item", () => {
    const items: Record<string, string[]> = {
      "1": ["a", "b", "c"],
      "2": ["a", "b", "c", "d"],
      "3": ["a", "b", "c"],
      "4": ["a", "b", "c"],
    };
    const expected = ["annex/annex-b/u1"];
    for (const [m, xs] of Object.entries(items)) {
      expected.push(`annex/annex-b/${m}`);
      for (const x of xs) {
        expected.push(`annex/annex-b/${m}.${x}`);
        if (!(m === "1" && x === "c")) expected.push(`annex/annex-b/${m}.${x}/source`);
        if (m === "1" && x === "c") expected.push(...romans.map((r) => `annex/annex-b/1.c.${r}`));
      }
    }
    const got = parsed.paragraphs.filter((p) => p.part.join() === "annex,annex B").map((p) => p.address);
    expect(got).toEqual(expected);
    const note = byAddress.get("annex/annex-b/1.b/source")!;
    expect(note.kind).toBe("source-note");
    expect(note.text).toBe("[2021 年不限成员名额工作组报告，第 51 段]");
    expect(note.parent).toBe(byAddress.get("annex/annex-b/1.b")!.id);
  });

  test("annex C keeps its introduction and ten principles as unnumbered paragraphs under their headings", () => {
    const c = parsed.paragraphs.filter((p) => p.part.join() === "annex,annex C");
    expect(c).toHaveLength(11);
    expect(c.every((p) => p.num.length === 0)).toBe(true);
    expect(c[1]!.headings.at(-1)).toBe("进程和目的");
    expect(c[10]!.headings.at(-1)).toBe("人民");
  });

  test("annex D lists 81 working papers, each a title line and a submitter line", () => {
    const entries = parsed.paragraphs.filter((p) => p.kind === "entry");
    expect(entries).toHaveLength(81);
    expect(entries.every((p) => p.text.split("\n").length === 2)).toBe(true);
    expect(entries[0]!.text).toBe("印度提交的关于全球网络安全合作门户表的 Rev1 工作文件[跟踪修改版]\n印度");
    expect(entries.at(-1)!.text).toBe(
      "俄罗斯联邦对信息空间的国家负责任行为的规则、规范和原则的贡献\n俄罗斯联邦",
    );
  });
});

describe("A/78/265 footnotes", () => {
  const owners: Record<string, string> = {
    "annex/2": "¹²³",
    "annex/3": "⁴⁵⁶⁷",
    "annex/11": "⁸⁹",
    "annex/13": "¹⁰",
    "annex/14": "¹¹",
    "annex/17": "¹²",
    "annex/19": "¹³",
    "annex/20": "¹⁴¹⁵",
    "annex/23.a": "¹⁶",
    "annex/23.b": "¹⁷",
    "annex/23.c": "¹⁸¹⁹",
    "annex/23.f.i": "²⁰",
    "annex/23.h": "²¹²²",
    "annex/28": "²³",
    "annex/29": "²⁴",
    "annex/29.b.i": "²⁵",
    "annex/29.b.ii": "²⁶",
    "annex/30.b": "²⁷²⁸",
    "annex/30.d": "²⁹",
    "annex/32": "³⁰",
    "annex/37.a": "³¹",
    "annex/37.d": "³²",
    "annex/39": "³³",
    "annex/43.a": "³⁴",
    "annex/43.h": "³⁵",
    "annex/52.a": "³⁶",
    "annex/52.b": "³⁷³⁸",
    "annex/58": "³⁹⁴⁰",
    "annex/annex-a/5.d": "¹",
    "annex/annex-a/10": "²",
    "annex/annex-a/10.b": "³",
  };

  test("all 46 notes are attached: 44 to paragraphs, two asterisks and annex C's note to headings", () => {
    const onParagraphs = parsed.paragraphs.reduce((n, p) => n + p.footnotes.length, 0);
    const onHeadings = parsed.headings.reduce((n, h) => n + h.footnotes.length, 0);
    expect(onParagraphs + onHeadings).toBe(46);
    const headed = parsed.headings
      .filter((h) => h.footnotes.length)
      .map((h) => [h.text, h.footnotes.map((f) => f.text)]);
    expect(headed).toEqual([
      ["临时议程 项目 96", ["A/78/150。"]],
      ["附件", ["未经正式编辑发布。"]],
      ["商定的能力建设原则", ["《2021 年不限成员名额工作组最后报告》(A/75/816，第 56 段)所商定。"]],
    ]);
  });

  test.each(Object.entries(owners))("paragraph %s carries notes %s", (address, marks) => {
    const p = byAddress.get(address)!;
    expect(p.footnotes.map((f) => f.mark).join("")).toBe(marks);
  });

  test("no paragraph other than those carries a note", () => {
    const carrying = parsed.paragraphs.filter((p) => p.footnotes.length).map((p) => p.address);
    expect(carrying.sort()).toEqual(Object.keys(owners).sort());
  });

  test.each([
    // [address, mark, the text just before the marker, the note's text]
    [
      "annex/2",
      "¹",
      "遵循不限成员名额工作组和政府专家组的报告。",
      "大会第 75/564 和 77/512 号决定以及第 70/237 和 76/19 号决议。",
    ],
    ["annex/23.a", "¹⁶", "或制定额外的行为规则；”", "大会第 75/240 号决议，执行部分第 1 段。"],
    [
      "annex/20",
      "¹⁵",
      "进一步制定和实施合作措施",
      "《2021 年不限成员名额工作组报告》，A/75/816，附件一，第 22 段。",
    ],
    [
      "annex/annex-a/10.b",
      "³",
      "亦能进行沟通；",
      "《2021年政府专家组报告》，A/76/135，第77(b)段；协商一致通过的大会第76/19号决议。",
    ],
  ])("in %s, note %s stands after “%s”", (address, mark, before, note) => {
    const p = byAddress.get(address)!;
    const f = p.footnotes.find((x) => x.mark === mark)!;
    expect(p.text.slice(0, f.at).endsWith(before)).toBe(true);
    expect(f.text).toBe(note);
  });

  test("footnote markers are removed from the paragraph text", () => {
    for (const p of parsed.paragraphs) expect(p.text).not.toMatch(/[⁰¹²³⁴⁵⁶⁷⁸⁹]/);
  });
});

describe("A/78/265 page breaks", () => {
  test.each([
    // [address, words that run across the page's footnote block]
    ["annex/4", "有关数据安全方面的现有威胁"],
    ["annex/23.a", "继续进一步制定国家负责行为的规则"],
    ["annex/23.f.i", "从国际安全的角度来看信通技术领域的发展情况"],
    ["annex/28", "并继续讨论国际法如何适用于信通技术的使用"],
    ["annex/33", "所列的非详尽清单中的议题"],
    ["annex/37.c", "其他建立信任措施。这些建议包括"],
    ["annex/41", "请不限成员名额工作组主席推动"],
    ["annex/43.f", "必须对不限成员名额工作组和政府专家小组报告"],
  ])("%s is one paragraph: “%s”", (address, words) => {
    const p = byAddress.get(address)!;
    expect(p.text).toContain(words);
    expect(p.flags).toContain("stitched");
  });

  test("exactly those eight paragraphs were stitched", () => {
    expect(parsed.paragraphs.filter((p) => p.flags.includes("stitched"))).toHaveLength(8);
  });
});

describe("A/78/265 irregularities", () => {
  test("the (c) after (一) in annex 23 (f) becomes 23 (f) (ii), keeps its printed label, and is warned", () => {
    const p = byAddress.get("annex/23.f.ii")!;
    expect(p.label).toBe("(c)");
    expect(p.text.startsWith("自愿参与制定和利用关于规范实施的额外指导准则或清单")).toBe(true);
    expect(p.flags).toContain("renumbered");
    expect(byAddress.get("annex/23.c")!.text.startsWith("与会国强调保护关键基础设施")).toBe(true);
    const warned = parsed.diagnostics.filter(
      (d) => d.code === "parse/numbering-irregular" && d.message.includes('"(c)"'),
    );
    expect(warned).toHaveLength(1);
    expect(warned[0]!.level).toBe("warning");
    expect(warned[0]!.file).toBe(SEED);
    expect(readFileSync(resolve(repoRoot, SEED), "utf8").split("\n")[warned[0]!.line - 1]).toMatch(
      /^\(c\) 自愿参与/,
    );
  });

  test("measure 2's label without a full stop is read as 2 and warned", () => {
    expect(byAddress.get("annex/annex-b/2")!.label).toBe("建立信任措施 2");
    expect(parsed.diagnostics.some((d) => d.message.includes("建立信任措施 2"))).toBe(true);
  });

  test("the seed produces no other warning", () => {
    const warnings = parsed.diagnostics.filter((d) => d.level !== "info");
    expect(warnings).toHaveLength(2);
  });
});

describe("A/78/265 headings", () => {
  test.each([
    ["annex/23", ["工作组关于议程项目 5 讨论情况的进度报告", "C. 负责任国家行为的规则、规范和原则"]],
    [
      "annex/24",
      ["工作组关于议程项目 5 讨论情况的进度报告", "C. 负责任国家行为的规则、规范和原则", "建议的后续步骤"],
    ],
    ["1", ["2021-2025 年信息和通信技术安全和使用问题不限成员名额工作组报告", "一. 引言"]],
    [
      "annex/annex-a/13.a",
      ["关于制定和实施全球政府间联络点名录的要点", "能力建设", "联合国秘书处采取的行动"],
    ],
    [
      "annex/annex-a/13.d",
      [
        "关于制定和实施全球政府间联络点名录的要点",
        "能力建设",
        "不限成员名额工作组和不限成员名额工作组主席采取的行动",
      ],
    ],
    ["annex/annex-a/14", ["关于制定和实施全球政府间联络点名录的要点", "进一步的工作"]],
  ])("%s sits under %j", (address, path) => {
    expect(byAddress.get(address)!.headings.slice(-path.length)).toEqual(path);
  });
});

describe("fidelity", () => {
  /** The characters of a text that carry words: no whitespace, no Markdown, no footnote markers. */
  const chars = (s: string) => {
    const counts = new Map<string, number>();
    for (const ch of s.replace(/[\s*⁰¹²³⁴⁵⁶⁷⁸⁹]/g, "")) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    return counts;
  };

  test("every character of the seed is in a paragraph, a label, a heading or a footnote", () => {
    const { body } = splitFrontMatter(readFileSync(resolve(repoRoot, SEED), "utf8"));
    // Markdown syntax that is not the document's text: link targets, autolink brackets, bullets.
    const source = body
      .replace(/\[([^\]\n]+)\]\(#\)/g, "$1")
      .replace(/<(https?:[^>]+)>/g, "$1")
      .replace(/^- /gm, "");
    const out: string[] = [];
    for (const p of parsed.paragraphs) {
      out.push(p.label, p.text);
      for (const f of p.footnotes) out.push(f.text);
    }
    for (const h of parsed.headings) {
      out.push(h.text);
      for (const f of h.footnotes) out.push(f.text);
    }
    expect(Object.fromEntries(chars(out.join("")))).toEqual(Object.fromEntries(chars(source)));
  });
});
