/**
 * Working papers from list entries: first as table rows built from the seed's real lines with the
 * paragraph factory, then on the seed itself, parsed in place (annex D: 81 papers, every State
 * matched, the 54-State list, 委内瑞拉 and 委内瑞拉玻利瓦尔共和国 one State).
 */
import { beforeAll, describe, expect, test } from "vitest";
import { extractWorkingPapers } from "../../pipeline/parse/working-papers.ts";
import { WorkingPaper } from "../../schemas/index.ts";
import { documentRecord, paragraph } from "../factories.ts";
import { parseFile, parseMarkdown } from "./helpers.ts";

const ANNEX_D = ["annex", "annex D"];
/** An annex D entry as the parser emits it: title, line break, submitter. */
const entry = (text: string, line = 700, over: Partial<Parameters<typeof paragraph>[0]> = {}) =>
  paragraph({
    text,
    part: ANNEX_D,
    kind: "entry",
    source: { file: "corpus/A-78-265/zh.md", line, endLine: line + 2 },
    ...over,
  });
const seedDoc = documentRecord({ symbol: "A/78/265" });

describe("an entry -> a working paper", () => {
  test.each([
    // One State.
    {
      text: "印度提交的关于全球网络安全合作门户的工作文件\n印度",
      title: "印度提交的关于全球网络安全合作门户的工作文件",
      submitter: "印度",
      joint: false,
      codes: ["IN"],
    },
    // 多国 with its list.
    {
      text: "工作文件，主题为“国际法，特别是《联合国宪章》在信通技术使用方面的适用性：一个国家集团提出的趋同领域”\n多国(澳大利亚、哥伦比亚、萨尔瓦多、爱沙尼亚)",
      title:
        "工作文件，主题为“国际法，特别是《联合国宪章》在信通技术使用方面的适用性：一个国家集团提出的趋同领域”",
      submitter: "多国(澳大利亚、哥伦比亚、萨尔瓦多、爱沙尼亚)",
      joint: true,
      codes: ["AU", "CO", "SV", "EE"],
    },
    // 共和国 holds 和; the final 和 joins the last two.
    {
      text: "关于年度进展报告草稿的联合立场\n多国(白俄罗斯共和国、古巴共和国、伊朗伊斯兰共和国、尼加拉瓜共和国、俄罗斯联邦、阿拉伯叙利亚共和国和委内瑞拉玻利瓦尔共和国)",
      title: "关于年度进展报告草稿的联合立场",
      submitter:
        "多国(白俄罗斯共和国、古巴共和国、伊朗伊斯兰共和国、尼加拉瓜共和国、俄罗斯联邦、阿拉伯叙利亚共和国和委内瑞拉玻利瓦尔共和国)",
      joint: true,
      codes: ["BY", "CU", "IR", "NI", "RU", "SY", "VE"],
    },
    // 多国 alone: joint, no State named.
    {
      text: "推进联合国网络空间建立信任措施不限成员名额工作组正在进行的讨论的工作文件\n多国",
      title: "推进联合国网络空间建立信任措施不限成员名额工作组正在进行的讨论的工作文件",
      submitter: "多国",
      joint: true,
      codes: [],
    },
    // The title's co-sponsors are not submitters.
    {
      text: "关于建立俄罗斯联邦全球政府间联络点名录提案的第 1 号建立信任措施(共同提案国：白俄罗斯、尼加拉瓜)\n俄罗斯联邦",
      title:
        "关于建立俄罗斯联邦全球政府间联络点名录提案的第 1 号建立信任措施(共同提案国：白俄罗斯、尼加拉瓜)",
      submitter: "俄罗斯联邦",
      joint: false,
      codes: ["RU"],
    },
    // An English list, written for this test.
    {
      text: "Joint proposal on confidence-building measures\nMultiple States (Australia, Colombia and Estonia)",
      title: "Joint proposal on confidence-building measures",
      submitter: "Multiple States (Australia, Colombia and Estonia)",
      joint: true,
      codes: ["AU", "CO", "EE"],
    },
    // No submitter line (the parser warned already): title kept, nothing guessed.
    {
      text: "俄罗斯联邦对信息空间的贡献",
      title: "俄罗斯联邦对信息空间的贡献",
      submitter: "",
      joint: false,
      codes: [],
    },
  ])("$submitter", ({ text, title, submitter, joint, codes }) => {
    const p = entry(text);
    const { papers, diagnostics } = extractWorkingPapers([p], [seedDoc]);
    expect(diagnostics).toEqual([]);
    expect(papers).toHaveLength(1);
    const wp = WorkingPaper.parse(papers[0]);
    expect({ title: wp.title, submitter: wp.submitter, joint: wp.joint }).toEqual({
      title,
      submitter,
      joint,
    });
    expect(wp.states.map((s) => s.code)).toEqual(codes);
    expect(wp.paragraph).toBe(p.id);
    // Fidelity: title and submitter are the entry's text, nothing lost.
    expect(submitter ? `${wp.title}\n${wp.submitter}` : wp.title).toBe(text);
  });
});

describe("lists", () => {
  test("papers are numbered in printed order per list, with ids under the list's part", () => {
    const list = [
      paragraph({ text: "第一段", part: ["annex"], num: ["1"] }),
      entry("甲\n印度", 10),
      entry("乙\n中国", 13),
      entry("丙\n法国", 16, {
        doc: "A/79/1",
        source: { file: "corpus/A-79-1/zh.md", line: 16, endLine: 18 },
      }),
    ];
    const docs = [seedDoc, documentRecord({ symbol: "A/79/1" })];
    const { papers } = extractWorkingPapers(list, docs);
    expect(papers.map((p) => [p.id, p.n, p.title])).toEqual([
      ["A-78-265/zh/annex/annex-d/wp1", 1, "甲"],
      ["A-78-265/zh/annex/annex-d/wp2", 2, "乙"],
      ["A-79-1/zh/annex/annex-d/wp1", 1, "丙"],
    ]);
  });

  test("papers follow the order of the documents given", () => {
    const a = entry("甲\n印度", 10, { doc: "A/79/1", source: { file: "corpus/A-79-1/zh.md", line: 10 } });
    const b = entry("乙\n中国", 10);
    const docs = [seedDoc, documentRecord({ symbol: "A/79/1" })];
    expect(extractWorkingPapers([a, b], docs).papers.map((p) => p.doc)).toEqual(["A/78/265", "A/79/1"]);
  });

  test("a name that matches no State is kept and warned at its line and column", () => {
    const p = entry("联合提案\n多国(欧洲联盟和加拿大)", 800);
    const { papers, diagnostics } = extractWorkingPapers([p], [seedDoc]);
    expect(papers[0]?.unmatched).toEqual(["欧洲联盟"]);
    expect(papers[0]?.states.map((s) => s.code)).toEqual(["CA"]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      level: "warning",
      code: "parse/state-unmatched",
      file: "corpus/A-78-265/zh.md",
      line: 802,
      column: 4,
    });
    expect(diagnostics[0]?.message).toContain("欧洲联盟");
  });

  test("paragraphs that are not entries give no papers", () => {
    const list = [
      paragraph({ text: "印度\n中国", part: ANNEX_D }),
      paragraph({ text: "x", kind: "source-note" }),
    ];
    expect(extractWorkingPapers(list, [seedDoc])).toEqual({ papers: [], diagnostics: [] });
  });
});

describe("an English list, through the parser", () => {
  // Written for this test in the layout of a UN report's list of working papers; not a UN text.
  const md = [
    "I. Introduction",
    "1. The group met twice.",
    "Annex",
    "Progress report",
    "A. Overview",
    "1. States met.",
    "Annex D",
    "List of working papers",
    "(as at 1 July 2030, most recent first)",
    "Working paper on a directory of points of contact",
    "India",
    "Joint proposal on confidence-building measures",
    "Multiple States (Australia, Colombia, El Salvador and Estonia)",
    "Position paper on international law",
    "Venezuela (Bolivarian Republic of)",
    "Comments on the draft annual progress report",
    "Multiple States (Trinidad and Tobago, Narnia and Canada)",
  ].join("\n\n");

  test("each entry is a paper; States matched; an unknown name warned at its line and column", () => {
    const parsed = parseMarkdown(md);
    const { papers, diagnostics } = extractWorkingPapers(parsed.paragraphs, []);
    expect(papers.map((p) => [p.id, p.joint, p.states.map((s) => s.code), p.unmatched])).toEqual([
      ["A-00-000/en/annex/annex-d/wp1", false, ["IN"], []],
      ["A-00-000/en/annex/annex-d/wp2", true, ["AU", "CO", "SV", "EE"], []],
      ["A-00-000/en/annex/annex-d/wp3", false, ["VE"], []],
      ["A-00-000/en/annex/annex-d/wp4", true, ["TT", "CA"], ["Narnia"]],
    ]);
    // The submitter line is line 33; "Narnia" starts after "Multiple States (Trinidad and Tobago, ".
    expect(diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([["parse/state-unmatched", 33, 39]]);
    expect(papers[2]?.states[0]?.name).toEqual({
      zh: "委内瑞拉玻利瓦尔共和国",
      en: "Venezuela (Bolivarian Republic of)",
    });
  });
});

describe("the seed's annex D", () => {
  let papers: WorkingPaper[];
  let diagnostics: unknown[];
  beforeAll(() => {
    const parsed = parseFile("corpus/A-78-265/zh.md");
    ({ papers, diagnostics } = extractWorkingPapers(parsed.paragraphs, [seedDoc]));
  });
  const byN = (n: number) => papers.find((p) => p.n === n)!;

  test("81 papers, every one valid, every State matched", () => {
    expect(papers).toHaveLength(81);
    for (const p of papers) WorkingPaper.parse(p);
    expect(papers.map((p) => p.n)).toEqual(Array.from({ length: 81 }, (_, i) => i + 1));
    expect(papers.flatMap((p) => p.unmatched)).toEqual([]);
    expect(diagnostics).toEqual([]);
  });

  test("the first and the last paper as printed", () => {
    expect(byN(1)).toMatchObject({
      title: "印度提交的关于全球网络安全合作门户表的 Rev1 工作文件[跟踪修改版]",
      submitter: "印度",
      joint: false,
      source: { file: "corpus/A-78-265/zh.md", line: 662 },
    });
    expect(byN(81)).toMatchObject({
      title: "俄罗斯联邦对信息空间的国家负责任行为的规则、规范和原则的贡献",
      submitter: "俄罗斯联邦",
    });
    expect(byN(81).states.map((s) => s.code)).toEqual(["RU"]);
  });

  test("the last-but-four entry lists 54 States, 共和国 forms included", () => {
    const p = byN(77);
    expect(p.joint).toBe(true);
    expect(p.states).toHaveLength(54);
    expect(p.states.slice(0, 3).map((s) => s.code)).toEqual(["AR", "AU", "AT"]);
    expect(p.states.slice(-3).map((s) => s.code)).toEqual(["UA", "AE", "GB"]);
    for (const [printed, code] of [
      ["塞浦路斯共和国", "CY"],
      ["捷克共和国", "CZ"],
      ["摩尔多瓦共和国", "MD"],
      ["北马其顿共和国", "MK"],
      ["大韩民国", "KR"],
      ["联合王国", "GB"],
    ])
      expect(p.states.find((s) => s.printed === printed)?.code).toBe(code);
  });

  test("委内瑞拉 and 委内瑞拉玻利瓦尔共和国 are both VE", () => {
    const ve = papers.flatMap((p) => p.states.filter((s) => s.code === "VE").map((s) => s.printed));
    expect(new Set(ve)).toEqual(new Set(["委内瑞拉", "委内瑞拉玻利瓦尔共和国"]));
  });

  test("joint papers: every 多国 line, and only those", () => {
    const joint = papers.filter((p) => p.joint);
    expect(joint.every((p) => p.submitter.startsWith("多国"))).toBe(true);
    expect(papers.filter((p) => p.submitter.startsWith("多国"))).toEqual(joint);
    // 多国 alone names no State.
    expect(joint.filter((p) => p.states.length === 0).map((p) => p.submitter)).toEqual(["多国"]);
  });

  test("the States that submitted most", () => {
    const count = new Map<string, number>();
    for (const p of papers) for (const s of p.states) count.set(s.code, (count.get(s.code) ?? 0) + 1);
    // Counted by hand in annex D: 俄罗斯联邦 on 8 lines of its own and in one 多国 list;
    // 中国 and 印度 only on lines of their own (4 and 5).
    expect(count.get("RU")).toBe(9);
    expect(count.get("CN")).toBe(4);
    expect(count.get("IN")).toBe(5);
  });
});

describe("lists of documents: the faults the parser refactor found", () => {
  test("a footnote marker in an entry stays where it stands and meets its note (title or submitter line)", () => {
    const md = [
      "Annex",
      "",
      "List of working papers",
      "",
      "Working paper on points of contact¹",
      "Canada",
      "",
      "Working paper on capacity-building",
      "Switzerland²",
      "",
      "¹ Revised on 3 March.",
      "",
      "² On behalf of a group of States.",
    ].join("\n");
    const parsed = parseMarkdown(md);
    const entries = parsed.paragraphs.filter((p) => p.kind === "entry");
    expect(entries.map((p) => [p.address, p.text, p.footnotes.map((f) => [f.mark, f.at, f.text])])).toEqual([
      ["annex/e1", "Working paper on points of contact\nCanada", [["¹", 34, "Revised on 3 March."]]],
      [
        "annex/e2",
        "Working paper on capacity-building\nSwitzerland",
        [["²", "Working paper on capacity-building\nSwitzerland".length, "On behalf of a group of States."]],
      ],
    ]);
    expect(parsed.diagnostics.map((d) => d.code)).toEqual([]);
  });

  test("a second list, in another part, numbers its entries from 1; a title left waiting closes in its own part", () => {
    const md = [
      "Annex I",
      "",
      "List of working papers",
      "",
      "First paper",
      "Canada",
      "",
      "A title with no submitter",
      "",
      "Annex II",
      "",
      "List of documents",
      "",
      "Second paper",
      "Kenya",
    ].join("\n");
    const parsed = parseMarkdown(md);
    expect(parsed.paragraphs.filter((p) => p.kind === "entry").map((p) => [p.address, p.text])).toEqual([
      ["annex-i/e1", "First paper\nCanada"],
      ["annex-i/e2", "A title with no submitter"],
      ["annex-ii/e1", "Second paper\nKenya"],
    ]);
    expect(parsed.diagnostics.map((d) => [d.code, d.line])).toEqual([["parse/list-entry-incomplete", 8]]);
  });
});
