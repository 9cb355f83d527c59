/**
 * Resolution as a spec: each row is a citing paragraph (our own words) and a small corpus of
 * cited paragraphs built with the factories; the row states the target, status and resolved id
 * expected. The registry is the real corpus/registry.yaml.
 */
import { describe, expect, test } from "vitest";
import { anchorOf } from "../../core/address/address.ts";
import { lookupCitation } from "../../core/cite/query.ts";
import { buildIndex } from "../../core/cite/resolve.ts";
import { Resolver, resolverDocumentFiles, resolverIndexFile } from "../../core/cite/resolver-files.ts";
import { extractCitations } from "../../pipeline/cite/extract.ts";
import { sectionsOf } from "../../pipeline/parse/record.ts";
import type { Citation, Registry } from "../../schemas/index.ts";
import { paragraph } from "../factories.ts";
import { parseFile, parseMarkdown } from "../parse/helpers.ts";
import {
  type Corpus,
  citedDocument,
  fromParsed,
  loadRegistry,
  merge,
  oneParagraph,
  seed,
} from "./helpers.ts";

const registry = loadRegistry();

/** Citations of a corpus, in output order. */
function run(corpus: Corpus, reg: Registry = registry) {
  return extractCitations({ ...corpus, registry: reg });
}

/** A citing paragraph of our own document A/99/1 (not in the registry). */
function citing(text: string, lang: "zh" | "en" = "zh"): Corpus {
  return oneParagraph({ doc: "A/99/1", lang, num: ["1"], text });
}

/** The fields a row checks. */
function brief(c: Citation) {
  const t = c.target;
  return "article" in t
    ? { doc: t.doc, article: t.article, para: t.para, status: c.status }
    : {
        doc: t.doc,
        part: t.part,
        num: t.num,
        inferred: t.partInferred,
        status: c.status,
        resolved: c.resolved,
        url: c.url,
      };
}

// A/75/816 in the corpus as the registry describes it: a cover note, the report in annex I.
const a75816 = (lang: "zh" | "en") =>
  citedDocument("A/75/816", lang, [
    { part: [], nums: [["1"], ["2"]] },
    { part: ["annex I"], nums: Array.from({ length: 80 }, (_, k) => [String(k + 1)]) },
    { part: ["annex II"], nums: [] },
  ]);

describe("a cited paragraph in the corpus", () => {
  test.each([
    {
      // annex written: resolved in it
      corpus: merge(citing("《2021 年不限成员名额工作组报告》，A/75/816，附件一，第 16 段。"), a75816("zh")),
      expected: {
        doc: "A/75/816",
        part: ["annex I"],
        num: ["16"],
        inferred: false,
        status: "resolved",
        resolved: "A-75-816/zh/annex-i/16",
        url: null,
      },
    },
    {
      // no part written: the registry's reportIn (annex I) is tried before the body, and marked inferred
      corpus: merge(citing("2021 年不限成员名额工作组报告第 56 段"), a75816("zh")),
      expected: {
        doc: "A/75/816",
        part: ["annex I"],
        num: ["56"],
        inferred: true,
        status: "resolved",
        resolved: "A-75-816/zh/annex-i/56",
        url: null,
      },
    },
    {
      // same language first: the zh paragraph, although an en version exists
      corpus: merge(citing("A/75/816，附件一，第 7 段"), a75816("en"), a75816("zh")),
      expected: {
        doc: "A/75/816",
        part: ["annex I"],
        num: ["7"],
        inferred: false,
        status: "resolved",
        resolved: "A-75-816/zh/annex-i/7",
        url: null,
      },
    },
    {
      // else the language the corpus has
      corpus: merge(citing("A/75/816，附件一，第 7 段"), a75816("en")),
      expected: {
        doc: "A/75/816",
        part: ["annex I"],
        num: ["7"],
        inferred: false,
        status: "resolved",
        resolved: "A-75-816/en/annex-i/7",
        url: null,
      },
    },
    {
      // a document without reportIn: the main body first
      corpus: merge(
        citing("A/76/135，第 42 段"),
        citedDocument("A/76/135", "zh", [
          { part: [], nums: [["42"]] },
          { part: ["annex"], nums: [["42"]] },
        ]),
      ),
      expected: {
        doc: "A/76/135",
        part: [],
        num: ["42"],
        inferred: false,
        status: "resolved",
        resolved: "A-76-135/zh/42",
        url: null,
      },
    },
    {
      // the body has no such paragraph and exactly one annex does: resolved there, marked inferred
      corpus: merge(
        citing("A/76/135，第 42 段"),
        citedDocument("A/76/135", "zh", [
          { part: [], nums: [["1"]] },
          { part: ["annex"], nums: [["42"]] },
        ]),
      ),
      expected: {
        doc: "A/76/135",
        part: ["annex"],
        num: ["42"],
        inferred: true,
        status: "resolved",
        resolved: "A-76-135/zh/annex/42",
        url: null,
      },
    },
    {
      // a subparagraph
      corpus: merge(
        citing("A/76/135，第 71(c)段"),
        citedDocument("A/76/135", "zh", [{ part: [], nums: [["71"], ["71", "c"]] }]),
      ),
      expected: {
        doc: "A/76/135",
        part: [],
        num: ["71", "c"],
        inferred: false,
        status: "resolved",
        resolved: "A-76-135/zh/71.c",
        url: null,
      },
    },
    {
      // a whole annex of a corpus document resolves to the part's id
      corpus: merge(citing("A/75/816，附件二"), a75816("zh")),
      expected: {
        doc: "A/75/816",
        part: ["annex II"],
        num: [],
        inferred: false,
        status: "resolved",
        resolved: "A-75-816/zh/annex-ii",
        url: null,
      },
    },
  ])("$expected.resolved", ({ corpus, expected }) => {
    const out = run(corpus).citations.filter((c) => c.from.startsWith("A-99-1/"));
    expect(out.map(brief)).toEqual([expected]);
  });
});

describe("what is not resolved is kept, with a status and no guess", () => {
  test.each([
    {
      // a pinpoint past the document's end is flagged, not resolved
      corpus: merge(citing("A/75/816，附件一，第 99 段"), a75816("zh")),
      expected: {
        doc: "A/75/816",
        part: ["annex I"],
        num: ["99"],
        inferred: false,
        status: "unknown-paragraph",
        resolved: null,
        url: null,
      },
      code: "cite/unknown-paragraph",
    },
    {
      // several annexes have the paragraph: ambiguous, with candidates (checked below)
      corpus: merge(
        citing("A/76/135，第 5 段"),
        citedDocument("A/76/135", "zh", [
          { part: ["annex I"], nums: [["5"]] },
          { part: ["annex II"], nums: [["5"]] },
        ]),
      ),
      expected: {
        doc: "A/76/135",
        part: [],
        num: ["5"],
        inferred: false,
        status: "ambiguous",
        resolved: null,
        url: null,
      },
      code: "cite/ambiguous",
    },
    {
      // known to the registry only: not-in-corpus, placed where its report sits, with the ODS link
      corpus: citing("《不限成员名额工作组第一次年度进展报告》，A/77/275，第 11 段"),
      expected: {
        doc: "A/77/275",
        part: ["annex"],
        num: ["11"],
        inferred: true,
        status: "not-in-corpus",
        resolved: null,
        url: "https://undocs.org/zh/A/77/275",
      },
      code: null,
    },
    {
      // "A/75/816，第 56 段" with A/75/816 absent: placed in annex I, where the registry says its report sits
      corpus: citing("A/75/816，第 56 段"),
      expected: {
        doc: "A/75/816",
        part: ["annex I"],
        num: ["56"],
        inferred: true,
        status: "not-in-corpus",
        resolved: null,
        url: "https://undocs.org/zh/A/75/816",
      },
      code: null,
    },
    {
      // an unknown symbol: unknown-document, warned
      corpus: citing("see A/99/999, para. 3", "en"),
      expected: {
        doc: "A/99/999",
        part: [],
        num: ["3"],
        inferred: false,
        status: "unknown-document",
        resolved: null,
        url: "https://undocs.org/en/A/99/999",
      },
      code: "cite/unknown-document",
    },
    {
      // a decision has no ODS symbol of its own: no link
      corpus: citing("根据大会第 77/512 号决定"),
      expected: {
        doc: "A/DEC/77/512",
        part: [],
        num: [],
        inferred: false,
        status: "not-in-corpus",
        resolved: null,
        url: null,
      },
      code: null,
    },
    {
      // exact symbols: A/RES/78/265 is the 2024 resolution, not the seed A/78/265 (which is in the corpus)
      corpus: merge(citing("resolution 78/265, para. 3", "en"), seed()),
      expected: {
        doc: "A/RES/78/265",
        part: [],
        num: ["3"],
        inferred: false,
        status: "not-in-corpus",
        resolved: null,
        url: "https://undocs.org/en/A/RES/78/265",
      },
      code: null,
    },
  ])("$expected.status: $expected.doc", ({ corpus, expected, code }) => {
    const result = run(corpus);
    const out = result.citations.filter((c) => c.from.startsWith("A-99-1/"));
    expect(out.map(brief)).toEqual([expected]);
    const codes = result.diagnostics.map((d) => d.code);
    if (code) expect(codes).toContain(code);
    else expect(codes.filter((c) => c !== "cite/part-inferred")).toEqual([]);
  });

  test("a paragraph found in a part the citation did not name is reported (info) with file and line", () => {
    const result = run(merge(citing("2021 年不限成员名额工作组报告第 56 段"), a75816("zh")));
    expect(result.diagnostics.map((d) => [d.code, d.level, d.file, d.line])).toEqual([
      ["cite/part-inferred", "info", "corpus/A-99-1/zh.md", 1],
    ]);
  });

  test("an ambiguous citation lists its candidates and picks none", () => {
    const corpus = merge(
      citing("A/76/135，第 5 段"),
      citedDocument("A/76/135", "zh", [
        { part: ["annex I"], nums: [["5"]] },
        { part: ["annex II"], nums: [["5"]] },
      ]),
    );
    const [c] = run(corpus).citations.filter((x) => x.from.startsWith("A-99-1/"));
    expect(c!.candidates).toEqual(["A-76-135/zh/annex-i/5", "A-76-135/zh/annex-ii/5"]);
    expect(c!.resolved).toBeNull();
  });

  test("a pinpoint past the last paragraph the registry knows of is flagged for an absent document", () => {
    const reg: Registry = {
      documents: registry.documents.map((e) =>
        e.symbol === "A/70/174" ? { ...e, structure: { ...e.structure, lastParagraph: 30 } } : e,
      ),
    };
    const out = run(citing("A/70/174, paras. 28 and 31", "en"), reg).citations;
    expect(out.map((c) => c.status)).toEqual(["not-in-corpus", "unknown-paragraph"]);
  });

  test("the diagnostic for a missing paragraph says the part searched and its range, with file and line", () => {
    const result = run(merge(citing("A/75/816，附件一，第 99 段"), a75816("zh")));
    const d = result.diagnostics.find((x) => x.code === "cite/unknown-paragraph")!;
    expect(d.message).toContain("A/75/816, annex I, runs from para. 1 to para. 80; no para. 99");
    expect(d.file).toBe("corpus/A-99-1/zh.md");
    expect(d.line).toBe(1);
  });
});

describe("section-scoped pinpoints", () => {
  test("in a document whose next steps continue the main numbering, the n-th paragraph under the section's next steps", () => {
    // The seed's section D (国际法) has next steps 33-36: its second is 34.
    const out = run(merge(citing("A/78/265，国际法部分，建议的后续步骤，第 2 段"), seed())).citations;
    const c = out.find((x) => x.from.startsWith("A-99-1/"))!;
    expect(c.resolved).toBe("A-78-265/zh/annex/34");
    expect(c.target).toMatchObject({
      section: "国际法部分，建议的后续步骤",
      scope: null,
      part: ["annex"],
      num: ["2"],
    });
  });

  test("an absent document keeps the section in words, scope null, not-in-corpus", () => {
    const out = run(citing("A/77/275，国际法部分，建议采取的下一步行动，第 2 段")).citations;
    expect(out[0]!.target).toMatchObject({
      doc: "A/77/275",
      section: "国际法部分，建议采取的下一步行动",
      scope: null,
    });
    expect(out[0]!.status).toBe("not-in-corpus");
  });
});

describe("references inside the citing document", () => {
  const doc = (texts: [string[], string[], string][]) => ({
    documents: citedDocument("A/99/2", "zh", []).documents.map((d) => ({
      ...d,
      parts: [[], ["annex"], ["annex", "annex A"]],
    })),
    paragraphs: texts.map(([part, num, text]) => paragraph({ doc: "A/99/2", lang: "zh", part, num, text })),
  });

  test.each([
    { text: "同时考虑到上文第 2(a)至(b)分段。", resolved: ["A-99-2/zh/annex/2.a", "A-99-2/zh/annex/2.b"] }, // in the citing paragraph's part
    { text: "本报告附件 A 所载", resolved: ["A-99-2/zh/annex/annex-a"] }, // a whole annex: the part's id
    { text: "见附件 Z。", resolved: [null] }, // no such annex: unknown-paragraph
    { text: "本报告附件所载", resolved: ["A-99-2/zh/annex"] }, // 本报告 and a bare 附件: the whole annex
    { text: "本决议第 2(a)段", resolved: ["A-99-2/zh/annex/2.a"] }, // 本决议 as 本报告
  ])("$text", ({ text, resolved }) => {
    const corpus = doc([
      [["annex"], ["2"], "第二段。"],
      [["annex"], ["2", "a"], "(a) 项。"],
      [["annex"], ["2", "b"], "(b) 项。"],
      [["annex"], ["3"], text],
    ]);
    const out = run(corpus).citations.filter((c) => c.from === "A-99-2/zh/annex/3");
    expect(out.map((c) => c.resolved)).toEqual(resolved);
  });
});

describe("a document's references to its own articles", () => {
  // A convention of our own whose articles are parts, as the parser makes them ("article/5/2").
  const convention = (text: string) => ({
    documents: citedDocument("A/99/3", "en", []).documents.map((d) => ({
      ...d,
      parts: [[], ["article 2"], ["article 5"]],
    })),
    paragraphs: [
      paragraph({ doc: "A/99/3", lang: "en", part: ["article 2"], num: [], text: "Article 2 text." }),
      paragraph({ doc: "A/99/3", lang: "en", part: ["article 5"], num: ["1"], text: "One." }),
      paragraph({ doc: "A/99/3", lang: "en", part: ["article 5"], num: ["2"], text: "Two." }),
      paragraph({ doc: "A/99/3", lang: "en", part: [], num: ["9"], text }),
    ],
  });

  test.each([
    { text: "as provided in article 5 (2) above", resolved: ["A-99-3/en/article/5/2"] },
    {
      text: "Subject to article 2 and article 5, paragraph 1, of the present convention",
      resolved: ["A-99-3/en/article/2", "A-99-3/en/article/5/1"],
    }, // a whole article: its part's id
    { text: "article 7 above", resolved: [null] }, // no article 7: unknown-paragraph, never another article
    { text: "article 5 (2) of the Covenant", resolved: [] }, // another instrument: nothing read
  ])("$text", ({ text, resolved }) => {
    const out = run(convention(text)).citations.filter((c) => c.from === "A-99-3/en/9");
    expect(out.map((c) => c.resolved)).toEqual(resolved);
    for (const c of out) expect(c.target.doc).toBe("A/99/3");
  });
});

describe("who cites: footnotes, source notes, headings", () => {
  const fn = (mark: string, text: string, at: number) => ({
    mark,
    n: Number(mark) || null,
    text,
    at,
    source: { file: "corpus/A-99-1/zh.md", line: 9 },
  });

  test("a footnote's citations belong to the paragraph whose marker points at it, spans into the note", () => {
    const note = "见 A/75/816，附件一，第 7 段；A/76/135，第 2 段。";
    const corpus = oneParagraph({
      doc: "A/99/1",
      num: ["4"],
      text: "与会国回顾。",
      footnotes: [fn("1", note, 5)],
    });
    const out = run(corpus).citations;
    expect(
      out.map((c) => ({
        from: c.from,
        via: c.via,
        footnote: c.footnote,
        raw: note.slice(c.span[0], c.span[1]),
      })),
    ).toEqual([
      { from: "A-99-1/zh/4", via: "footnote", footnote: "1", raw: "A/75/816，附件一，第 7 段" },
      { from: "A-99-1/zh/4", via: "footnote", footnote: "1", raw: "A/76/135，第 2 段" },
    ]);
    expect(out[0]!.source.line).toBe(9);
  });

  test("a heading's own text cites: the part it opens is who cites, the span into the heading", () => {
    // A report in UN layout whose headings name documents, in our own words; "Annex II" and
    // "附件 A" are headings naming their own part, not citations of it.
    const en = [
      "I. Follow-up to General Assembly resolution 75/240",
      "",
      "1. The group met.",
      "",
      "Annex II",
      "",
      "Views on annex I to document A/75/816",
      "",
      "1. The views follow.",
    ].join("\n");
    const zh = ["附件 A", "", "关于 A/75/816 号文件附件一第 7 段的意见", "", "1. 各国发表了意见。"].join(
      "\n",
    );
    const corpus = merge(
      fromParsed(
        parseMarkdown(en, { symbol: "A/99/7", lang: "en" }),
        { symbol: "A/99/7", lang: "en" },
        "x.md",
      ),
      fromParsed(
        parseMarkdown(zh, { symbol: "A/99/7", lang: "zh" }),
        { symbol: "A/99/7", lang: "zh" },
        "y.md",
      ),
    );
    const out = run(corpus).citations.map((c) => ({
      from: c.from,
      via: c.via,
      raw: c.raw,
      doc: c.target.doc,
    }));
    expect(out).toEqual([
      {
        from: "A-99-7/en/body",
        via: "heading",
        raw: "General Assembly resolution 75/240",
        doc: "A/RES/75/240",
      },
      { from: "A-99-7/en/annex-ii", via: "heading", raw: "annex I to document A/75/816", doc: "A/75/816" },
      { from: "A-99-7/zh/annex-a", via: "heading", raw: "A/75/816 号文件附件一第 7 段", doc: "A/75/816" },
    ]);
  });

  test("a source note's citation belongs to the item it sources", () => {
    const item = paragraph({ doc: "A/99/1", part: ["annex"], num: ["1", "b"], text: "各国考虑。" });
    const note = paragraph({
      doc: "A/99/1",
      part: ["annex"],
      num: [],
      address: "annex/1.b/source",
      kind: "source-note",
      parent: item.id,
      text: "[2021 年不限成员名额工作组报告，第 51 段]",
    });
    const corpus = { documents: citedDocument("A/99/1", "zh", []).documents, paragraphs: [item, note] };
    const [c] = run(corpus).citations;
    expect(c).toMatchObject({
      from: "A-99-1/zh/annex/1.b",
      via: "source-note",
      raw: "2021 年不限成员名额工作组报告，第 51 段",
    });
  });

  test("ids number each citing paragraph's citations in reading order, footnotes at their markers", () => {
    const corpus = oneParagraph({
      doc: "A/99/1",
      num: ["2"],
      text: "大会第 73/27 号决议和大会第 73/266 号决议。",
      footnotes: [fn("1", "A/75/816。", 13)],
    });
    expect(run(corpus).citations.map((c) => `${c.id} ${c.target.doc}`)).toEqual([
      "A-99-1/zh/2#c1 A/RES/73/27",
      "A-99-1/zh/2#c2 A/75/816",
      "A-99-1/zh/2#c3 A/RES/73/266",
    ]);
  });
});

describe("short forms resolve only through a citation found before them", () => {
  const fn = (mark: string, text: string, at: number) => ({
    mark,
    n: Number(mark),
    text,
    at,
    source: { file: "f.md", line: 1 },
  });

  test.each([
    { notes: ["A/76/135，第 42 段。", "同上。"], expected: ["A/76/135 42", "A/76/135 42"] }, // ibid. repeats the citation
    { notes: ["A/76/135，第 42 段。", "同上，第 48 段。"], expected: ["A/76/135 42", "A/76/135 48"] }, // with its own pinpoint
    { notes: ["《联合国宪章》第二条第三项。", "同上。"], expected: ["UN Charter 2", "UN Charter 2"] }, // the Charter too
    { notes: ["同上。"], expected: [] }, // nothing before it: reported, not guessed
  ])("$notes", ({ notes, expected }) => {
    const corpus = oneParagraph({
      doc: "A/99/1",
      num: ["1"],
      text: "一二三四五六七八九十",
      footnotes: notes.map((t, k) => fn(String(k + 1), t, k + 1)),
    });
    const result = run(corpus);
    expect(
      result.citations.map((c) =>
        `${c.target.doc} ${"num" in c.target ? c.target.num.join(".") : c.target.article}`.trim(),
      ),
    ).toEqual(expected);
    if (expected.length === 0)
      expect(result.diagnostics.map((d) => d.code)).toEqual(["cite/short-form-unresolved"]);
  });

  test("the above-mentioned resolution after two resolutions cited together is ambiguous, both candidates", () => {
    const corpus = oneParagraph({
      doc: "A/99/1",
      lang: "en",
      num: ["1"],
      text: "Recalling its resolutions 70/237 and 76/19, and noting that the above-mentioned resolution",
    });
    const last = run(corpus).citations.pop()!;
    expect(last.status).toBe("ambiguous");
    expect(last.candidates).toEqual(["A/RES/70/237", "A/RES/76/19"]);
  });

  test("the above-mentioned resolution is the last resolution cited", () => {
    const corpus = merge(
      oneParagraph({
        doc: "A/99/1",
        lang: "en",
        num: ["1"],
        text: "Recalling resolution 75/240 and decision 77/512,",
      }),
      oneParagraph({
        doc: "A/99/1",
        lang: "en",
        num: ["2"],
        text: "Noting that the above-mentioned resolution established the group,",
      }),
    );
    const out = run({ documents: corpus.documents.slice(0, 1), paragraphs: corpus.paragraphs }).citations;
    expect(out.map((c) => `${c.from} ${c.target.doc}`)).toEqual([
      "A-99-1/en/1 A/RES/75/240",
      "A-99-1/en/1 A/DEC/77/512",
      "A-99-1/en/2 A/RES/75/240",
    ]);
  });
});

describe("the UN Charter", () => {
  test("is external, with article and paragraph", () => {
    const [c] = run(citing("Article 33, paragraph 1, of the Charter", "en")).citations;
    expect(brief(c!)).toEqual({ doc: "UN Charter", article: "33", para: "1", status: "external" });
  });

  describe("resolves into a Charter document the corpus holds (#20)", () => {
    // A stand-in for the Charter, our own words, keyed by an id the registry names as the Charter.
    const KEY = "un-1945-charter";
    const charter = (lang: "zh" | "en") =>
      citedDocument(KEY, lang, [
        { part: ["article 2"], nums: [["3"], ["4"]] },
        { part: ["article 51"], nums: [] },
      ]);
    const withCharter: Registry = {
      ...registry,
      documents: [
        ...registry.documents,
        {
          symbol: KEY,
          type: "other",
          date: "1945-06-26",
          body: "United Nations",
          status: "adopted",
          title: { zh: "联合国宪章", en: "Charter of the United Nations" },
          short: { zh: ["联合国宪章"], en: ["Charter of the United Nations", "UN Charter"] },
        },
      ] as Registry["documents"],
    };
    const resolvedOf = (text: string, lang: "zh" | "en") =>
      run(merge(citing(text, lang), charter("zh"), charter("en")), withCharter).citations.map(
        (c) => `${c.status} ${c.resolved}`,
      );

    test.each([
      // Article and paragraph: the paragraph, in the citing paragraph's language.
      ["Article 2, paragraph 4, of the Charter", "en", ["resolved un-1945-charter/en/article/2/4"]],
      ["《联合国宪章》第二条第四项", "zh", ["resolved un-1945-charter/zh/article/2/4"]],
      // Two paragraphs of one article, each a target.
      [
        "Article 2 (3) and (4) of the Charter",
        "en",
        ["resolved un-1945-charter/en/article/2/3", "resolved un-1945-charter/en/article/2/4"],
      ],
      // A whole article: the article's part.
      ["Article 51 of the Charter", "en", ["resolved un-1945-charter/en/article/51"]],
      // What the held Charter lacks is said, never the nearest article.
      ["Article 2, paragraph 9, of the Charter", "en", ["unknown-paragraph null"]],
      ["Article 99 of the Charter", "en", ["unknown-paragraph null"]],
    ] as const)("%s", (text, lang, expected) => {
      expect(resolvedOf(text, lang)).toEqual(expected);
    });

    test("the browser's resolver answers the same, with the paragraph", () => {
      const corpus = merge(charter("zh"), charter("en"));
      const index = buildIndex(corpus.documents, corpus.paragraphs, withCharter);
      const out = lookupCitation("UN Charter, Art. 2(4)", index);
      expect(out.kind).toBe("parsed");
      const [r] = out.kind === "parsed" ? out.results : [];
      expect([r?.status, r?.resolved, r?.paragraph?.address]).toEqual([
        "resolved",
        "un-1945-charter/en/article/2/4",
        "article/2/4",
      ]);
    });

    test("without the registry naming a held document the Charter, Charter citations stay external", () => {
      const out = run(merge(citing("Article 2, paragraph 4, of the Charter", "en"), charter("en")));
      expect(out.citations.map((c) => c.status)).toEqual(["external"]);
    });
  });
});

describe("articles of a document (#20)", () => {
  // Our convention fixture in both languages: articles are parts (article/3/2).
  const convention = (lang: "zh" | "en") =>
    fromParsed(
      parseFile(`test/fixtures/parse/convention-${lang}.md`),
      { symbol: "A/RES/99/3", lang, type: "resolution" },
      `test/fixtures/parse/convention-${lang}.md`,
    );
  const resolvedOf = (text: string, lang: "zh" | "en") =>
    run(merge(citing(text, lang), convention("zh"), convention("en")))
      .citations.filter((c) => c.from.startsWith("A-99-1/"))
      .map((c) => `${c.status} ${c.resolved}`);

  test.each([
    // An article and its paragraph, in each form the issue lists.
    ["A/RES/99/3, article 3 (2)", "en", ["resolved A-RES-99-3/en/article/3/2"]],
    ["A/RES/99/3, art. 3, para. 2", "en", ["resolved A-RES-99-3/en/article/3/2"]],
    ["A/RES/99/3, article 3, paragraph 2 (a)", "en", ["resolved A-RES-99-3/en/article/3/2.a"]],
    ["A/RES/99/3，第三条第二款", "zh", ["resolved A-RES-99-3/zh/article/3/2"]],
    ["A/RES/99/3，第三条第二项", "zh", ["resolved A-RES-99-3/zh/article/3/2"]],
    ["A/RES/99/3，第 3 条第 1 款", "zh", ["resolved A-RES-99-3/zh/article/3/1"]],
    // Two paragraphs of one article.
    [
      "A/RES/99/3, article 3 (1) and (2)",
      "en",
      ["resolved A-RES-99-3/en/article/3/1", "resolved A-RES-99-3/en/article/3/2"],
    ],
    // A whole article: its part.
    ["A/RES/99/3, article 4", "en", ["resolved A-RES-99-3/en/article/4"]],
    ["A/RES/99/3，第四条", "zh", ["resolved A-RES-99-3/zh/article/4"]],
    // What the document lacks is said, never the nearest article.
    ["A/RES/99/3, article 3 (5)", "en", ["unknown-paragraph null"]],
    ["A/RES/99/3, article 9", "en", ["unknown-paragraph null"]],
  ] as const)("%s", (text, lang, expected) => {
    expect(resolvedOf(text, lang)).toEqual(expected);
  });
});

describe("quotation check", () => {
  const cited = citedDocument("A/76/135", "zh", [
    {
      part: [],
      nums: [["42"]],
      text: () => "各国不应违反国际法义务，开展或故意支持蓄意破坏关键基础设施的信通技术活动。",
    },
  ]);
  test.each([
    {
      text: "专家组认为“各国不应违反国际法义务，开展或故意支持蓄意破坏关键基础设施的信通技术活动”。",
      result: "match",
    }, // verbatim
    {
      text: "专家组认为“各国不应违反国际法义务, 开展或故意支持蓄意破坏关键基础设施的信通技术活动”。",
      result: "match",
    }, // punctuation style and spacing differ
    { text: "专家组认为“各国不应违反国际法义务……关键基础设施的信通技术活动”。", result: "match" }, // an ellipsis joins two fragments in order
    {
      text: "专家组认为「各国不应违反国际法义务，开展或故意支持蓄意破坏关键基础设施的信通技术活动」。",
      result: "match",
    }, // corner brackets
    { text: "专家组认为“各国应当违反国际法义务，开展信通技术活动”。", result: "mismatch" }, // words changed
  ])("$result: $text", ({ text, result }) => {
    const corpus = merge(
      oneParagraph({
        doc: "A/99/1",
        num: ["1"],
        text,
        footnotes: [
          {
            mark: "1",
            n: 1,
            text: "A/76/135，第 42 段。",
            at: Math.max(text.lastIndexOf("”"), text.lastIndexOf("」")) + 1,
            source: { file: "f.md", line: 3 },
          },
        ],
      }),
      cited,
    );
    const out = run(corpus);
    const c = out.citations.find((x) => x.from === "A-99-1/zh/1")!;
    expect(c.quote?.result).toBe(result);
    expect(out.diagnostics.some((d) => d.code === "cite/quote-mismatch")).toBe(result === "mismatch");
    if (result === "mismatch") expect(c.quote?.closest).toBeTruthy();
  });

  test.each([
    { item: "各国不应违反国际法义务，开展或故意支持蓄意破坏关键基础设施的信通技术活动。", result: "match" }, // the extract stands in its source
    { item: "各国应当开展信通技术活动。", result: "mismatch" }, // it does not
  ])(
    "an item sourced by a bracketed note is checked against the cited paragraph: $result",
    ({ item, result }) => {
      const owner = paragraph({ doc: "A/99/1", part: ["annex"], num: ["1", "a"], text: item });
      const note = paragraph({
        doc: "A/99/1",
        part: ["annex"],
        num: [],
        address: "annex/1.a/source",
        kind: "source-note",
        parent: owner.id,
        text: "[A/76/135，第 42 段]",
      });
      const out = run(
        merge({ documents: citedDocument("A/99/1", "zh", []).documents, paragraphs: [owner, note] }, cited),
      );
      const c = out.citations.find((x) => x.via === "source-note")!;
      expect(c.from).toBe(owner.id);
      expect(c.quote?.result).toBe(result);
    },
  );

  test("a citation of a document not in the corpus is not checked", () => {
    const text = "专家组认为“各国不应违反国际法义务”。";
    const out = run(
      oneParagraph({
        doc: "A/99/1",
        num: ["1"],
        text,
        footnotes: [
          {
            mark: "1",
            n: 1,
            text: "A/77/275，第 12 段。",
            at: text.length - 1,
            source: { file: "f.md", line: 3 },
          },
        ],
      }),
    );
    expect(out.citations[0]!.quote).toBeNull();
  });
});

describe("a whole part or section looked up: what it holds, where the site opens it", () => {
  // The seed with its sections, as the build records them.
  const corpus = seed();
  const record = {
    ...corpus.documents[0]!,
    sections: sectionsOf(corpus.documents[0]!.headings, corpus.paragraphs),
  };
  const index = buildIndex([record], corpus.paragraphs, registry);
  const only = (query: string) => {
    const out = lookupCitation(query, index);
    if (out.kind !== "parsed" || out.results.length !== 1) throw new Error(`${query}: not one result`);
    return out.results[0]!;
  };
  /** The anchor of the seed's heading that `pick` finds: the parser's, not written here. */
  const headingAnchor = (pick: (h: (typeof record.headings)[number]) => boolean) =>
    record.headings.find(pick)!.anchor;

  test("a section opens at its heading, not at its first paragraph", () => {
    const r = only("A/78/265, annex, section D");
    const anchor = headingAnchor((h) => h.section === "D" && h.part.join() === "annex");
    expect(r.anchor).toBe(anchor);
    expect(r.site).toBe(`/doc/A-78-265/zh/#${anchor}`);
    // Its paragraphs, said as cited: as many as the section holds, from its first to its last.
    const under = corpus.paragraphs.filter(
      (p) => p.part.join() === "annex" && p.parent === null && p.headings.some((h) => h.startsWith("D. ")),
    );
    expect(r.holds?.count).toBe(under.length);
    // Each kind counted (its subparagraphs apart), then the range, as cited.
    // Subparagraphs at every level: a paragraph comes before its own in reading order.
    const held = new Set(under.map((u) => u.id));
    const subs = corpus.paragraphs.filter((p) => {
      if (p.parent === null || !held.has(p.parent) || p.kind === "source-note") return false;
      held.add(p.id);
      return true;
    });
    expect(r.holds?.en).toBe(
      `${under.length} paragraphs${subs.length ? ` and ${subs.length} subparagraphs (${under.length + subs.length} in all)` : ""}: annex, paras. ${under[0]!.num[0]}-${under[under.length - 1]!.num[0]}`,
    );
    expect(r.anchor).not.toBe(anchorOf(under[0]!.address));
  });

  test("a section not found is said in the citation's numerals, its sections listed the same way", () => {
    // "section IX" is read as key 9: the answer spoke of "section 9" and "sections 1, 2, 2.A",
    // numbers the reader never wrote and the report never prints.
    const roman = only("A/78/265, section IX");
    expect(roman.status).toBe("unknown-paragraph");
    expect(roman.message).toMatch(/^A\/78\/265 has no section IX; its sections are I, II, II\.A, /);
    expect(roman.message).toContain(", III, A, B, ");
    const arabic = only("A/78/265, section 9");
    expect(arabic.message).toMatch(/^A\/78\/265 has no section 9; its sections are 1, 2, 2\.A, /);
  });

  test("a numbered section is looked for in the part the citation names, never in another", () => {
    // The annex's sections are lettered; section III is the main body's. Trying main, "annex,
    // section III" answered with the main body's section III, the annex dropped without a word.
    const r = only("A/78/265, annex, section III");
    expect(r.status).toBe("unknown-paragraph");
    expect(r.resolved).toBeNull();
    expect(r.message).toMatch(/^A\/78\/265, annex, has no section III; its sections are A, B, C/);
    // Without the annex, section III is the main body's; with it, section C is the annex's.
    expect(only("A/78/265, section III").resolved).toBe("A-78-265/zh/@3");
    expect(only("A/78/265, annex, section C").resolved).toBe("A-78-265/zh/annex/@C");
  });

  test("a part opens at its title; its holdings never name internal addresses", () => {
    const r = only("A/78/265, annex B");
    expect(r.anchor).toBe(headingAnchor((h) => h.depth === 1 && h.part.join() === "annex,annex B"));
    expect(r.holds?.en).not.toMatch(/annex\/|annex-b\//);
    expect(r.holds?.zh).toMatch(/^\d+ 段(、[^：]+)?：附件，附件 B，第 1-\d+ 段/);
  });

  test("a paragraph: its own page, no anchor; the whole document: side by side", () => {
    const p = only("A/78/265, annex, para. 23 (f) (ii)");
    expect([p.anchor, p.holds, p.site]).toEqual([null, null, "/p/A-78-265/annex/23.f.ii/"]);
    const d = only("A/78/265");
    expect([d.anchor, d.site]).toEqual([null, "/doc/A-78-265/"]);
    expect(d.holds?.count).toBe(
      corpus.paragraphs.filter((x) => x.parent === null && x.kind !== "source-note").length,
    );
  });

  test("the browser's resolver files give the same anchors (the parts' titles travel in them)", async () => {
    const files = resolverDocumentFiles([record], corpus.paragraphs);
    const resolver = new Resolver(resolverIndexFile([record], registry));
    for (const q of ["A/78/265, annex B", "A/78/265, annex, section D", "A/78/265, annex, annex A"]) {
      const out = await resolver.lookup(q, async () => JSON.parse(JSON.stringify(files[0])));
      const [r] = out.kind === "parsed" ? out.results : [];
      expect([r?.anchor, r?.site, r?.holds]).toEqual([only(q).anchor, only(q).site, only(q).holds]);
    }
  });
});
