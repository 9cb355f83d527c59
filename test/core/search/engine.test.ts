/**
 * The query engine (core/search/engine.ts) over an index built from factory paragraphs:
 * ranking by shared wording, ties broken by consensus and date, filters, citations, highlights,
 * paging, what is agreed and what is new in a pasted text.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  memorySource,
  mergeRanges,
  parseQuery,
  SearchEngine,
  type SearchOptions,
  snippet,
} from "../../../core/search/engine.ts";
import { fold } from "../../../core/search/normalize.ts";
import { buildSearchIndex } from "../../../pipeline/index/build.ts";
import { documentRecord, paragraph } from "../../factories.ts";

const documents = [
  documentRecord({ symbol: "A/78/265", date: "2023-08-01", status: "consensus", type: "report" }),
  documentRecord({ symbol: "A/77/275", date: "2022-07-25", status: "consensus", type: "report" }),
  documentRecord({
    symbol: "A/AC.292/CRP.1",
    date: "2024-03-01",
    status: "chair",
    type: "report",
    body: "OEWG chair",
  }),
  documentRecord({
    symbol: "A/RES/76/19",
    lang: "en",
    date: "2021-12-06",
    status: "adopted",
    type: "resolution",
    body: "General Assembly",
  }),
  documentRecord({ symbol: "A/78/265", lang: "en", date: "2023-08-01", status: "consensus", type: "report" }),
];

const paragraphs = [
  paragraph({ doc: "A/77/275", num: ["1"], text: "各国应保护关键基础设施。" }), // both words, apart
  paragraph({ doc: "A/78/265", num: ["2"], text: "关键基础设施 保护措施应当加强。" }), // the whole query
  paragraph({ doc: "A/78/265", num: ["3"], text: "关键基础设施很重要。" }), // one word only
  paragraph({ doc: "A/78/265", num: ["4"], text: "关键基础，基础设施保护。" }), // every pair, not in a row
  paragraph({
    doc: "A/78/265",
    part: ["annex"],
    num: ["37", "c"],
    text: "与会国强调保护关键基础设施和关键信息基础设施的重要性。",
  }),
  paragraph({ doc: "A/AC.292/CRP.1", num: ["1"], text: "主席建议保护关键基础设施。" }),
  paragraph({
    doc: "A/RES/76/19",
    lang: "en",
    num: ["5"],
    text: "Calls upon States to protect critical infrastructure.",
  }),
  paragraph({
    doc: "A/78/265",
    lang: "en",
    part: ["annex"],
    num: ["37", "c"],
    text: "States stressed the importance of protecting Critical Infrastructure (CI).",
  }),
  paragraph({ doc: "A/78/265", num: ["5"], text: "无关的段落，谈的是别的事。" }),
];

const engine = await SearchEngine.open(memorySource(buildSearchIndex(paragraphs, documents).files));
const ids = async (q: string, opts = {}) =>
  (await engine.search(q, { limit: Number.POSITIVE_INFINITY, ...opts })).hits.map((h) => h.id);

describe("ranking", () => {
  // Issue #14: "the paragraph that carries most of it first; ties by status (consensus first)
  // then date (newest first)". Word for word and words held only order paragraphs that carry as
  // much and are of the same status and date.
  test("by the wording carried, then consensus and newer first, then word for word, then words held", async () => {
    const hits = (await engine.search("关键基础设施 保护", { limit: Number.POSITIVE_INFINITY })).hits;
    expect(
      hits.map((h) => [h.id, h.match, Math.round(h.carried * 100), Math.round(h.coverage * 100)]),
    ).toEqual([
      ["A-78-265/zh/2", "phrase", 100, 100], // the whole query as written
      ["A-78-265/zh/4", "passage", 100, 100], // 关键基础[，基础]设施保护: all of it, two characters inserted
      ["A-78-265/zh/annex/37.c", "passage", 75, 100], // 关键基础设施 in one passage, 保护 apart; 2023 consensus
      ["A-78-265/zh/3", "passage", 75, 75], // 关键基础设施, without 保护; 2023 consensus too
      ["A-77-275/zh/1", "passage", 75, 100], // as much carried, 保护 held apart; but 2022 consensus
      ["A-AC.292-CRP.1/zh/1", "passage", 75, 100], // the same; 2024, but a chair's text
    ]);
  });

  test("equal wording carried: a newer consensus text before an older one holding it word for word, and both before a chair's", async () => {
    const docs = [
      documentRecord({ symbol: "A/77/275", date: "2022-07-25", status: "consensus", type: "report" }),
      documentRecord({ symbol: "A/78/265", date: "2023-08-01", status: "consensus", type: "report" }),
      documentRecord({ symbol: "A/AC.292/CRP.1", date: "2024-03-01", status: "chair", type: "report" }),
    ];
    const paras = [
      // Word for word, in the older consensus text.
      paragraph({ doc: "A/77/275", num: ["1"], text: "各国应当保护关键基础设施免受威胁。" }),
      // Every character of it, two inserted, in the newer consensus text.
      paragraph({ doc: "A/78/265", num: ["1"], text: "各国应当保护各类关键基础设施免受威胁。" }),
      // Word for word, the newest of all, but a chair's text.
      paragraph({ doc: "A/AC.292/CRP.1", num: ["1"], text: "各国应当保护关键基础设施免受威胁。" }),
    ];
    const e = await SearchEngine.open(memorySource(buildSearchIndex(paras, docs).files));
    const hits = (await e.search("各国应当保护关键基础设施免受威胁", { limit: 10 })).hits;
    // Each carries the whole query: a tie, which status and then date decide.
    expect(hits.map((h) => [h.id, h.match, h.carried])).toEqual([
      ["A-78-265/zh/1", "passage", 1],
      ["A-77-275/zh/1", "phrase", 1],
      ["A-AC.292-CRP.1/zh/1", "phrase", 1],
    ]);
  });

  test("phrase mode finds only the phrase as written", async () => {
    expect(await ids('"关键基础设施 保护"')).toEqual(["A-78-265/zh/2"]);
    expect(await ids("关键基础设施 保护", { phrase: true })).toEqual(["A-78-265/zh/2"]);
  });

  test("an English word finds its plural; a phrase is case-folded", async () => {
    expect(await ids("infrastructures")).toEqual(["A-78-265/en/annex/37.c", "A-RES-76-19/en/5"]);
    expect(await ids("critical infrastructure", { phrase: true })).toEqual([
      "A-78-265/en/annex/37.c",
      "A-RES-76-19/en/5",
    ]);
  });
});

describe("filters", () => {
  test.each([
    // [filter, paragraphs expected for 关键基础设施]
    [{ lang: "en" as const }, []],
    [
      { lang: "zh" as const },
      ["A-78-265/zh/2", "A-78-265/zh/3", "A-78-265/zh/annex/37.c", "A-77-275/zh/1", "A-AC.292-CRP.1/zh/1"],
    ],
    [{ doc: "A/77/275" }, ["A-77-275/zh/1"]],
    [{ body: "OEWG chair" }, ["A-AC.292-CRP.1/zh/1"]],
    [{ consensus: true }, ["A-78-265/zh/2", "A-78-265/zh/3", "A-78-265/zh/annex/37.c", "A-77-275/zh/1"]],
    [{ yearFrom: 2023 }, ["A-78-265/zh/2", "A-78-265/zh/3", "A-78-265/zh/annex/37.c", "A-AC.292-CRP.1/zh/1"]],
    [{ yearTo: 2022 }, ["A-77-275/zh/1"]],
    [{ type: "resolution" }, []],
  ])("%j", async (filter, expected) => {
    expect(await ids("关键基础设施", { phrase: true, ...filter })).toEqual(expected);
  });

  test("type and language together", async () => {
    expect(await ids("critical infrastructure", { type: "resolution", lang: "en" })).toEqual([
      "A-RES-76-19/en/5",
    ]);
  });
});

describe("hits", () => {
  test("carry the UN citation in their language, and highlight offsets into the text as issued", async () => {
    const [zh] = (await engine.search("关键信息基础设施", { doc: "A/78/265", lang: "zh" })).hits;
    expect(zh?.citation).toBe("A/78/265，附件，第 37(c)段");
    expect(zh?.citations.en).toBe("A/78/265, annex, para. 37 (c)");
    expect(zh?.ranges.map(([s, e]) => zh.text.slice(s, e))).toEqual(["关键信息基础设施"]);
    const [en] = (await engine.search("CRITICAL infrastructure", { lang: "en", doc: "A/78/265" })).hits;
    expect(en?.citation).toBe("A/78/265, annex, para. 37 (c)");
    expect(en?.ranges.map(([s, e]) => en.text.slice(s, e))).toEqual(["Critical Infrastructure"]);
  });

  test("a snippet keeps the highlight on the same words", async () => {
    const long = {
      text: `${"甲".repeat(300)}关键基础设施${"乙".repeat(300)}`,
      ranges: [[300, 306]] as Array<[number, number]>,
    };
    const s = snippet(long, 60);
    expect(s.text.length).toBe(60);
    expect(s.highlights.map(([a, b]) => s.text.slice(a, b))).toEqual(["关键基础设施"]);
    expect([s.cutStart, s.cutEnd]).toEqual([true, true]);
  });

  test("a page is the first hits in rank order, and says when there are more", async () => {
    const all = await engine.search("关键基础设施", { limit: Number.POSITIVE_INFINITY });
    const page = await engine.search("关键基础设施", { limit: 2 });
    expect(page.hits.map((h) => h.id)).toEqual(all.hits.slice(0, 2).map((h) => h.id));
    expect(page.complete).toBe(false);
    expect(all.complete).toBe(true);
    expect(all.total).toBe(all.hits.length);
  });

  test("nothing to find: no hits, complete", async () => {
    const r = await engine.search("不存在的短语");
    expect([r.hits.length, r.complete]).toEqual([0, true]);
  });
});

describe("parseQuery", () => {
  test.each([
    ["关键基础设施", false, { phrase: false, segments: ["关键基础设施"] }],
    ['"关键 基础"', false, { phrase: true, segments: ["关键 基础"] }], // in quotes: one phrase
    ["“关键基础设施”", false, { phrase: true, segments: ["关键基础设施"] }], // curly quotes too
    ['信通技术 "international law"', false, { phrase: false, segments: ["international law", "信通技术"] }],
    ["“在”这方面", true, { phrase: true, segments: ["“在”这方面"] }], // phrase mode keeps inner quotes
    ["  ", false, { phrase: false, segments: [] }],
  ])("%j (phrase %s)", (q, phrase, expected) => {
    const p = parseQuery(q, phrase);
    expect({ phrase: p.phrase, segments: p.segments }).toEqual(expected);
  });
});

/**
 * The questions the search page asked of its former substring scan (site/src/lib/fallback-search.ts,
 * removed: the page has one engine), asked of the engine, with the same answers.
 */
describe("what the search page asks", () => {
  const page = [
    paragraph({ doc: "A/78/265", num: ["1"], text: "各国重申关键基础设施保护的重要性。" }),
    paragraph({ doc: "A/78/265", num: ["2"], text: "关键信息基础设施和关键基础设施。" }),
    paragraph({
      doc: "A/78/265",
      lang: "en",
      num: ["1"],
      text: "States reaffirmed the importance of Critical Infrastructure.",
    }),
    paragraph({
      doc: "A/77/275",
      lang: "en",
      num: ["1"],
      text: "Critical infrastructure matters; so does capacity-building.",
    }),
  ];
  const pageDocs = [
    documentRecord({ symbol: "A/78/265", date: "2023-08-01" }),
    documentRecord({ symbol: "A/78/265", lang: "en", date: "2023-08-01" }),
    documentRecord({ symbol: "A/77/275", lang: "en", date: "2022-07-25" }),
  ];
  const pageEngine = SearchEngine.open(memorySource(buildSearchIndex(page, pageDocs).files));
  /** Every paragraph that holds all the words, in rank order. */
  const found = async (q: string, opts: SearchOptions) =>
    (await (await pageEngine).search(q, { limit: Number.POSITIVE_INFINITY, ...opts })).hits
      .filter((h) => h.coverage === 1)
      .map((h) => h.id);

  test.each([
    // A phrase that starts inside a word is found (no word segmentation to miss it).
    { q: "础设施保护", opts: { phrase: true }, ids: ["A-78-265/zh/1"] },
    // Case and width folded; newest first.
    { q: "ＣＲＩＴＩＣＡＬ infrastructure", opts: { phrase: true }, ids: ["A-78-265/en/1", "A-77-275/en/1"] },
    // Without phrase mode, every term must occur, in any order.
    { q: "infrastructure states", opts: {}, ids: ["A-78-265/en/1"] },
    // Chinese terms separated by a space may stand in any order.
    { q: "基础设施 关键", opts: {}, ids: ["A-78-265/zh/1", "A-78-265/zh/2"] },
    // A Chinese term is found inside longer words, without phrase mode too.
    { q: "施保护的", opts: {}, ids: ["A-78-265/zh/1"] },
    // Filters.
    { q: "critical", opts: { phrase: true, doc: "A/77/275" }, ids: ["A-77-275/en/1"] },
    { q: "关键", opts: { phrase: true, lang: "en" as const }, ids: [] },
    // Quotes around the query are not part of the phrase.
    { q: "“关键基础设施”", opts: { phrase: true }, ids: ["A-78-265/zh/1", "A-78-265/zh/2"] },
  ])("$q", async ({ q, opts, ids }) => {
    expect(await found(q, opts)).toEqual(ids);
  });

  test("highlights cover exactly the phrase", async () => {
    const [hit] = (
      await (await pageEngine).search("Critical Infrastructure", { phrase: true, doc: "A/78/265" })
    ).hits;
    const [a, b] = hit!.ranges[0]!;
    expect(hit!.text.slice(a, b)).toBe("Critical Infrastructure");
  });

  test("phrase mode finds a paragraph exactly when its folded text holds the phrase at word boundaries", async () => {
    const unit = fc.constantFrom(..."关键基础设施ab AB");
    // The reference: a regular expression over the folded text; letters at the phrase's edges
    // must not continue a word of letters (Chinese is no part of one: 关b holds b), a space in
    // the phrase matches any run of white space, and spacing between Chinese and Latin letters
    // is dropped on both sides first (附件 B = 附件B).
    const despace = (t: string) =>
      t.replace(/(\p{Script=Han})\s+(?=[a-z0-9])|([a-z0-9])\s+(?=\p{Script=Han})/gu, "$1$2");
    const holds = (text: string, q: string) => {
      const phrase = despace(fold(q).replace(/\s+/g, " ").trim());
      const body = phrase
        .split(" ")
        .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
        .join("\\s+");
      const lead = /^[a-z0-9]/.test(phrase) ? "(?<![a-z0-9])" : "";
      const tail = /[a-z0-9]$/.test(phrase) ? "(?![a-z0-9])" : "";
      return new RegExp(`${lead}${body}${tail}`, "u").test(despace(fold(text)));
    };
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ unit, minLength: 1 }), { minLength: 1, maxLength: 8 }),
        fc.string({ unit, minLength: 1, maxLength: 3 }),
        async (texts, q) => {
          fc.pre(/[^\s]/.test(q));
          const paras = texts.map((text, i) => paragraph({ doc: "A/1/1", num: [String(i + 1)], text }));
          const e = await SearchEngine.open(
            memorySource(buildSearchIndex(paras, [documentRecord({ symbol: "A/1/1" })]).files),
          );
          const hits = new Set(
            (await e.search(q, { phrase: true, limit: Number.POSITIVE_INFINITY })).hits.map((h) => h.id),
          );
          for (const p of paras) expect(hits.has(p.id), `${q} in ${p.text}`).toBe(holds(p.text, q));
        },
      ),
      { numRuns: 60 },
    );
  });

  test.each([
    {
      input: [
        [5, 8],
        [0, 2],
        [1, 3],
      ] as Array<[number, number]>,
      expected: [
        [0, 3],
        [5, 8],
      ],
    },
    {
      input: [
        [0, 2],
        [2, 4],
      ] as Array<[number, number]>,
      expected: [[0, 4]],
    },
  ])("mergeRanges($input)", ({ input, expected }) => {
    expect(mergeRanges(input)).toEqual(expected);
  });
});

describe("a fetch that fails once", () => {
  // The same index shipped with formula windows, so that a ranked query reads a formulas file too.
  const files = buildSearchIndex(paragraphs, documents, { formulaWindows: new Uint32Array([7, 11]) }).files;
  /** A host whose first fetch of one kind of file fails; every other fetch, and the next, succeed. */
  const failingOnce = (kind: RegExp) => {
    const inner = memorySource(files);
    let failed = 0;
    return {
      get failed() {
        return failed;
      },
      async get(path: string): Promise<Uint8Array> {
        if (kind.test(path) && failed === 0) {
          failed++;
          throw new Error(`HTTP 503: ${path}`);
        }
        return inner.get(path);
      },
    };
  };
  const hitsOf = async (e: SearchEngine) =>
    (await e.search("关键基础设施 保护", { limit: Number.POSITIVE_INFINITY })).hits.map((h) => h.id);

  test.each([
    { file: "a term bucket", kind: /^[pu]\// },
    { file: "the formula windows", kind: /^formulas\./ },
    { file: "a chunk of texts", kind: /^t-[^/]+\/\d+\.json\.gz$/ },
  ])(
    "$file: the query fails, the next one fetches it again and finds what a healthy engine finds",
    async ({ kind }) => {
      const healthy = await hitsOf(await SearchEngine.open(memorySource(files)));
      const host = failingOnce(kind);
      const e = await SearchEngine.open(host);
      // Opening reads index.json and the documents file; the failing file is read by the query.
      expect(host.failed).toBe(0);
      await expect(hitsOf(e)).rejects.toThrow("HTTP 503");
      expect(host.failed).toBe(1);
      expect(healthy.length).toBeGreaterThan(0);
      expect(await hitsOf(e)).toEqual(healthy);
    },
  );
});
