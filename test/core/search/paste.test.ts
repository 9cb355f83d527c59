/**
 * A diplomat pastes a draft (issue 14): the paragraph carrying most of its wording first, the
 * wording measured as the reuse stage measures it, single letters and digits never a hit on
 * their own, the other language after, and the draft read sentence by sentence: agreed language
 * with its source, new wording, words that occur nowhere. The texts are our own, laid out as UN
 * paragraphs are.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { citationSpans } from "../../../core/cite/spans.ts";
import { memorySource, SearchEngine } from "../../../core/search/engine.ts";
import { verdictWords } from "../../../core/search/rank.ts";
import { buildSearchIndex } from "../../../pipeline/index/build.ts";
import { formulaWindowsOf } from "../../../pipeline/reuse/detect.ts";
import { documentRecord, paragraph } from "../../factories.ts";

const NORM =
  "States should cooperate to prevent harmful practices in the use of information and communications technologies and should share information on incidents on a voluntary basis.";
const documents = [
  documentRecord({ symbol: "A/78/265", lang: "en", date: "2023-08-01", status: "consensus" }),
  documentRecord({ symbol: "A/77/275", lang: "en", date: "2022-08-08", status: "consensus" }),
  documentRecord({ symbol: "A/78/265", lang: "zh", date: "2023-08-01", status: "consensus" }),
  documentRecord({ symbol: "A/AC.292/2024/WP.1", lang: "en", date: "2024-02-01", status: "national" }),
];
const paragraphs = [
  paragraph({ doc: "A/77/275", lang: "en", num: ["5"], text: NORM }),
  paragraph({
    doc: "A/78/265",
    lang: "en",
    num: ["23"],
    text: "States stressed that capacity-building should be demand-driven, tailored to specific needs and sustainable.",
  }),
  paragraph({
    doc: "A/78/265",
    lang: "en",
    num: ["24"],
    text: "States should cooperate on capacity-building and report on progress in the use of these technologies.",
  }),
  paragraph({
    doc: "A/AC.292/2024/WP.1",
    lang: "en",
    num: ["1"],
    text: "We support the ICT security agenda and the points of contact directory.",
  }),
  // Chinese paragraphs whose only Latin letters or digits are a symbol's and a year's.
  ...Array.from({ length: 6 }, (_, i) =>
    paragraph({
      doc: "A/78/265",
      lang: "zh",
      num: [String(i + 1)],
      text: `工作组第 ${i + 1} 次会议审议了 A/77/275 号文件，并回顾了 2021 年的工作。`,
    }),
  ),
  paragraph({ doc: "A/78/265", lang: "zh", num: ["7"], text: "各国支持ICT安全议程和联络点名录。" }),
];
const built = buildSearchIndex(paragraphs, documents, { formulaWindows: formulaWindowsOf(paragraphs) });
const engine = await SearchEngine.open(memorySource(built.files));
const all = { limit: Number.POSITIVE_INFINITY };

describe("ranking a pasted draft", () => {
  test("a sentence one word away from a paragraph finds it first, and no paragraph for its symbol's letter or a year", async () => {
    const draft = NORM.replace("harmful", "malicious").replace(".", ", as recalled in A/77/275 in 2021.");
    const r = await engine.search(draft, all);
    expect(r.hits[0]?.id).toBe("A-77-275/en/5");
    expect(r.hits[0]?.match).toBe("passage");
    // 24 words of the draft's 33 carried: all of the paragraph's but "malicious"; not "as recalled
    // in A/77/275 in 2021" (A, 77, 275 and 2021 count as four words).
    expect(r.hits[0]?.carried).toBeCloseTo(24 / 33, 3);
    // The Chinese paragraphs share only "A", "77", "275" and "2021": no hit.
    expect(r.hits.filter((h) => h.lang === "zh")).toEqual([]);
  });

  test("the shared wording is marked in the paragraph and in the draft, edits left out", async () => {
    const draft = NORM.replace("harmful", "malicious");
    const [hit] = (await engine.search(draft)).hits;
    const inText = hit!.ranges.map(([a, b]) => hit!.text.slice(a, b));
    const inDraft = hit!.queryRanges.map(([a, b]) => draft.slice(a, b));
    expect(inText).toEqual([
      "States should cooperate to prevent",
      "practices in the use of information and communications technologies and should share information on incidents on a voluntary basis",
    ]);
    expect(inDraft).toEqual(inText);
  });

  test("a query of a symbol alone is looked up as a phrase, whole", async () => {
    const r = await engine.search("A/77/275", all);
    expect(r.query.phrase).toBe(true);
    expect(r.hits.map((h) => h.lang)).toEqual(["zh", "zh", "zh", "zh", "zh", "zh"]);
  });

  test("paragraphs in the other language come after, unless one language is asked for", async () => {
    const r = await engine.search("ICT security", all);
    expect(r.hits.map((h) => h.id)).toEqual(["A-AC.292-2024-WP.1/en/1", "A-78-265/zh/7"]);
    const zh = await engine.search("ICT security", { ...all, lang: "zh" });
    expect(zh.hits.map((h) => h.id)).toEqual(["A-78-265/zh/7"]);
  });

  test("a pasted run of paragraphs is followed along from the one read first: the budget does not hide its neighbours", async () => {
    // Four consecutive paragraphs of one working paper, pasted whole with a word changed; one
    // candidate read from the index (budget 1): the other three are found as its neighbours,
    // and the first hit is the one the full reading puts first.
    const run = [
      "The working group recalled that confidence-building measures among States reduce the risk of misperception and escalation arising from incidents.",
      "Regional organizations have developed their own catalogues of such measures, which complement the global framework agreed by the General Assembly.",
      "Delegations proposed that a standing directory of points of contact be maintained by the secretariat and updated twice a year, with technical and diplomatic contacts listed separately for each State that volunteers them.",
      "The group invited States to report on their implementation of these measures on a voluntary basis.",
    ];
    const docs = [documentRecord({ symbol: "A/AC.290/2021/WP.9", lang: "en", date: "2021-03-01" })];
    const paras = run.map((text, i) =>
      paragraph({ doc: "A/AC.290/2021/WP.9", lang: "en", num: [String(i + 1)], text }),
    );
    const index = buildSearchIndex(paras, docs, { formulaWindows: formulaWindowsOf(paras) });
    const e = await SearchEngine.open(memorySource(index.files));
    const draft = run.join("\n").replace("twice a year", "once a year");
    const one = await e.search(draft, { limit: 10, budget: 1 });
    const full = await e.search(draft, { limit: 10, budget: Number.POSITIVE_INFINITY });
    expect(one.hits.map((h) => h.num[0]).sort()).toEqual(["1", "2", "3", "4"]);
    expect(one.hits[0]?.id).toBe(full.hits[0]?.id);
    expect(full.hits[0]?.num).toEqual(["3"]);
  });

  test("reading stops at the budget and says the answer may be incomplete", async () => {
    const r = await engine.search("States should cooperate", { limit: 10, budget: 1 });
    expect(r.complete).toBe(false);
    expect(r.candidates).toBeGreaterThan(1);
  });
});

describe("what is agreed and what is new", () => {
  const draft = [
    NORM.replace("harmful", "malicious"),
    "States will deploy zorblat quantum widgets across frontier networks.",
    "States stressed that capacity-building should be demand-driven and sustainable.",
  ].join(" ");

  test("each sentence of the draft is agreed language with its source and how close, or new", async () => {
    const r = await engine.search(draft);
    expect(
      r.sentences.map((s) => [
        draft.slice(s.start, s.end).trim().slice(0, 20),
        s.agreed,
        s.source?.citation ?? null,
      ]),
    ).toEqual([
      ["States should cooper", true, "A/77/275, para. 5"],
      ["States will deploy z", false, null],
      ["States stressed that", true, "A/78/265, para. 23"],
    ]);
    // 24 of its 25 words: all but "malicious".
    expect(r.sentences[0]!.share).toBeCloseTo(24 / 25, 3);
  });

  test("a sentence with words struck from agreed language is carried whole, yet said close to it, not agreed word for word", async () => {
    // Every word of the sentence is in A/77/275, para. 5, but not its text: "on incidents" struck.
    const struck = await engine.search(
      `${NORM.replace("on incidents ", "")} States will deploy zorblat widgets.`,
    );
    const s = struck.sentences[0]!;
    expect(s.share).toBeCloseTo(1, 3);
    expect(s.gaps).toBe(1);
    expect(verdictWords(s)).toEqual([
      "Close to agreed language: 100 % of it in ",
      ", whose wording your text leaves out or changes in 1 place",
    ]);
    // The sentence as agreed: word for word.
    const exact = await engine.search(`${NORM} States will deploy zorblat widgets.`);
    expect(exact.sentences[0]).toMatchObject({ agreed: true, gaps: 0 });
    expect(verdictWords(exact.sentences[0]!)).toEqual(["Agreed language, word for word: ", ""]);
    // One word changed ("malicious" for "harmful"): close to it, where it differs said.
    const r = await engine.search(draft);
    expect(r.sentences[0]!.gaps).toBe(1);
    expect(verdictWords(r.sentences[0]!)[0]).toBe("Close to agreed language: 96 % of it in ");
    expect(verdictWords(r.sentences[1]!)).toEqual(["New wording", ""]);
  });

  test("a sentence its source states word for word, and whose words the source repeats later, is agreed word for word", async () => {
    // The source opens with the sentence, then uses its words again in other places: those later
    // matches are not places where the wording differs (the seed's annex para. 23 (c) is such a text).
    const text =
      "与会国强调保护关键基础设施和关键信息基础设施的重要性。因此，与会国建议加强交流关键基础设施和关键信息基础设施保护的最好做法，并从波及关键基础设施和关键信息基础设施的事件中恢复。";
    const own = buildSearchIndex(
      [paragraph({ doc: "A/78/265", lang: "zh", num: ["9"], text })],
      [documents[2]!],
      {},
    );
    const e = await SearchEngine.open(memorySource(own.files));
    const r = await e.search(
      "与会国强调保护关键基础设施和关键信息基础设施的重要性。各国应当建立国家网络应急中心。",
    );
    expect(r.sentences[0]).toMatchObject({ agreed: true, gaps: 0 });
    expect(verdictWords(r.sentences[0]!)).toEqual(["Agreed language, word for word: ", ""]);
    // One word struck from it is still said, in one place.
    const struck = await e.search(
      "与会国强调保护关键基础设施和信息基础设施的重要性。各国应当建立国家网络应急中心。",
    );
    expect(struck.sentences[0]!.gaps).toBe(1);
  });

  test("a citation in a sentence is not wording: the sentence is measured without it, and it is said", async () => {
    const cite = "as recalled in A/78/265, annex, para. 23 (b) and resolution 75/240,";
    const draft = `${NORM.replace("States should", `States, ${cite} should`)} States will deploy zorblat widgets.`;
    const without = await engine.search(draft);
    const spans = citationSpans(draft);
    const found = spans.map(([a, b]) => draft.slice(a, b));
    expect(found).toEqual(["A/78/265, annex, para. 23 (b)", "resolution 75/240"]);
    const withCitations = await engine.search(draft, { citations: spans });
    const [a, b] = [without.sentences[0]!, withCitations.sentences[0]!];
    // The citation's words lowered the share; left out, only "as recalled in", "and" and the
    // commas remain of what the source does not carry.
    expect(b.share).toBeGreaterThan(a.share);
    expect(b.share).toBeGreaterThan(0.8);
    expect(a.share).toBeLessThan(0.7);
    expect(b.cited.map(([x, y]) => draft.slice(x, y))).toEqual(found);
    expect(a.cited).toEqual([]);
    // The same source either way: leaving citations out changes the measure, not what is found.
    expect(b.source?.id).toBe(a.source?.id);
  });

  test("a sentence that is only a citation is said to be one, not new wording", async () => {
    const draft = `${NORM} See A/78/265, annex, para. 23 (b).`;
    const r = await engine.search(draft, { citations: citationSpans(draft) });
    const last = r.sentences[r.sentences.length - 1]!;
    expect(draft.slice(last.start, last.end)).toContain("See A/78/265");
    expect(verdictWords(last)).toEqual(["A citation, not wording: not measured", ""]);
    // Without the spans it was "new wording".
    const plain = await engine.search(draft);
    expect(verdictWords(plain.sentences[plain.sentences.length - 1]!)).toEqual(["New wording", ""]);
  });

  test("words that occur in no paragraph are found and marked", async () => {
    const r = await engine.search(draft);
    const unseen = await engine.unseen(draft, r);
    expect(unseen.complete).toBe(true);
    expect(unseen.ranges.map(([a, b]) => draft.slice(a, b))).toEqual([
      "malicious",
      "will deploy zorblat quantum widgets across frontier networks",
    ]);
  });

  test("a draft whose words occur nowhere has no hits, and every word is unseen", async () => {
    const r = await engine.search("zorblat quantum widgets");
    expect(r.hits).toEqual([]);
    const unseen = await engine.unseen("zorblat quantum widgets", r);
    expect(unseen.ranges).toEqual([[0, 23]]);
  });
});

describe("a page is the head of the full ranking", () => {
  test("for any small corpus and query, the first n hits are the first n of all", async () => {
    const unit = fc.constantFrom(..."关键基础设施保护国家 abc");
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ unit, minLength: 2, maxLength: 30 }), { minLength: 1, maxLength: 40 }),
        fc.string({ unit, minLength: 2, maxLength: 12 }),
        fc.integer({ min: 1, max: 5 }),
        async (texts, q, n) => {
          const paras = texts.map((text, i) => paragraph({ doc: "A/1/1", num: [String(i + 1)], text }));
          const e = await SearchEngine.open(
            memorySource(buildSearchIndex(paras, [documentRecord({ symbol: "A/1/1" })]).files),
          );
          const full = (await e.search(q, { limit: Number.POSITIVE_INFINITY })).hits.map((h) => h.id);
          const page = (await e.search(q, { limit: n })).hits.map((h) => h.id);
          expect(page).toEqual(full.slice(0, n));
        },
      ),
      { numRuns: 80 },
    );
  });
});
