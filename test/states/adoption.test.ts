/**
 * Adoption (pipeline/states/adoption.ts): every passage planted in the states fixture is read on
 * the right end with the right direction, each author credited, and nothing is claimed between
 * paragraphs that share only a formula or a report's title.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { creditor, statesOf, workingPaperDocuments } from "../../core/data/states.ts";
import { adoptionStage, directionOf } from "../../pipeline/states/adoption.ts";
import type { AdoptionFile, Paragraph, Reuse, WorkingPaper } from "../../schemas/index.ts";
import { AdoptionFile as AdoptionSchema } from "../../schemas/index.ts";
import { documentRecord, paragraph } from "../factories.ts";
import { buildStatesFixture } from "./helpers.ts";

let file: AdoptionFile;
let reuse: Reuse[];

beforeAll(async () => {
  const { result } = await buildStatesFixture();
  file = result.analysed.stages!.adoption.file;
  reuse = result.analysed.stages!.reuse.reuse;
}, 120_000);

/** What the fixture plants: the State's paragraph, the agreed one, the direction, who is credited and why. */
const PLANTED = [
  // A joint paper of 2021, repeated with edits by the 2022 consensus report: both authors credited.
  ["ca-ch-2021-test-approach/en/1", "A-90-100/en/2", "proposed", ["CA", "CH"], "author"],
  ["ca-ch-2021-test-approach/en/2", "A-90-100/en/3", "proposed", ["CA", "CH"], "author"],
  // A State's section of a 2021 compendium.
  ["A-91-50/en/annex/state-jp/1", "A-90-100/en/4", "proposed", ["JP"], "section"],
  // A Chinese position paper of 2020: one sentence near verbatim, one with a clause rewritten.
  ["cn-2020-test-position/zh/1", "A-90-100/zh/8", "proposed", ["CN"], "author"],
  ["cn-2020-test-position/zh/2", "A-90-100/zh/9", "proposed", ["CN"], "author"],
  // A 2023 statement quoting the 2022 consensus text.
  ["nz-2023-test-statement/en/1", "A-90-100/en/6", "quotes", ["NZ"], "author"],
] as const;

describe("the states fixture", () => {
  test("every planted passage is claimed with its direction and its authors, and nothing else (recall and precision 1)", () => {
    const got = file.links.map((l) => [l.paper, l.agreed, l.direction, l.states, l.credit]);
    expect(got).toEqual(
      [...PLANTED].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map((r) => [...r.slice(0, 3), [...r[3]], r[4]]),
    );
  });

  test("each link carries the shared words, at the same offsets as the two texts print them", () => {
    const nz = file.links.find((l) => l.paper === "nz-2023-test-statement/en/1")!;
    expect(nz.passages.map((p) => p.text)).toEqual([
      "that capacity-building should be demand-driven, sustainable, gender-sensitive and respectful of human rights, tailored to the specific needs of recipients",
    ]);
    for (const l of file.links) {
      expect(l.passages.length).toBeGreaterThan(0);
      for (const p of l.passages) expect(p.text.length).toBe(p.paper[1] - p.paper[0]);
    }
  });

  test("paragraphs that share only a formula are not linked, by the reuse stage or here", () => {
    const formulaOnly = [
      "cn-2020-test-position/zh/3",
      "ca-ch-2021-test-approach/en/3",
      "A-91-50/en/annex/state-jp/2",
      "nz-2023-test-statement/en/2",
    ];
    for (const id of formulaOnly) {
      expect(reuse.some((r) => r.from === id || r.to === id)).toBe(false);
      expect(file.links.some((l) => l.paper === id)).toBe(false);
    }
  });

  test("paragraphs that share only a registered report's title are neither linked by the reuse stage nor claimed here", () => {
    const titleOnly = [
      ["ca-ch-2021-test-approach/en/4", "A-90-100/en/7"],
      ["cn-2020-test-position/zh/4", "A-90-100/zh/7"],
    ];
    for (const [paper, agreed] of titleOnly) {
      // A title is not agreed language: the reuse stage gives a registered name no weight (it
      // linked these two while it counted the title as wording).
      expect(reuse.some((r) => r.from === paper && r.to === agreed)).toBe(false);
      expect(file.links.some((l) => l.paper === paper)).toBe(false);
    }
  });

  test("counts per year: a proposal in the year it reached agreed text, a quotation in the year of the paper", () => {
    expect(file.states.CA).toEqual({ paragraphs: 5, proposed: { "2022": 2 }, quotes: {}, sameDate: {} });
    expect(file.states.CN).toEqual({ paragraphs: 6, proposed: { "2022": 2 }, quotes: {}, sameDate: {} });
    expect(file.states.JP).toEqual({ paragraphs: 2, proposed: { "2022": 1 }, quotes: {}, sameDate: {} });
    expect(file.states.NZ).toEqual({ paragraphs: 3, proposed: {}, quotes: { "2023": 1 }, sameDate: {} });
  });

  test("the file validates against its schema", () => {
    expect(() => AdoptionSchema.parse(file)).not.toThrow();
  });
});

describe("directionOf", () => {
  test.each([
    // The paper first: proposed before it was agreed.
    { paper: "2020-05-01", agreed: "2022-07-29", direction: "proposed" },
    // The agreed text first: the paper quotes agreed language.
    { paper: "2023-02-01", agreed: "2022-07-29", direction: "quotes" },
    // The same day: the date cannot tell.
    { paper: "2022-07-29", agreed: "2022-07-29", direction: "same-date" },
  ])("$paper against $agreed: $direction", ({ paper, agreed, direction }) => {
    expect(directionOf(paper, agreed)).toBe(direction);
  });
});

describe("whose a paragraph is", () => {
  const wp = (title: string, codes: string[]): WorkingPaper => ({
    id: `A-78-265/en/annex/annex-d/wp${codes.length}`,
    doc: "A/78/265",
    lang: "en",
    n: 1,
    title,
    submitter: codes.join(", "),
    joint: codes.length > 1,
    states: codes.map((code) => ({ code, name: { en: code, zh: code }, printed: code })),
    unmatched: [],
    paragraph: "A-78-265/en/annex/annex-d/1",
    source: { file: "corpus/A-78-265/en.md", line: 1 },
  });
  const documents = [
    documentRecord({
      symbol: "A/AC.292/2022/WP.1",
      lang: "en",
      type: "working paper",
      status: "other",
      title: "Working paper on  capacity-building.",
    }),
    documentRecord({
      symbol: "A/AC.292/2022/WP.2",
      lang: "en",
      type: "working paper",
      status: "other",
      title: "Something else",
    }),
    documentRecord({ symbol: "A/78/265", lang: "en" }),
  ];
  const papers = [
    wp("Working paper on capacity-building", ["AU", "CO"]),
    wp("A/AC.292/2022/WP.2 on norms", ["VE"]),
  ];

  test("a held working paper is its submitters', found by its title (spacing, case and punctuation aside) or its printed symbol", () => {
    expect([...workingPaperDocuments(documents, papers).keys()].sort()).toEqual([
      "A/AC.292/2022/WP.1",
      "A/AC.292/2022/WP.2",
    ]);
    const whose = creditor(documents, papers);
    expect(whose(paragraph({ text: "x", doc: "A/AC.292/2022/WP.1", lang: "en" }))).toEqual({
      states: ["AU", "CO"],
      credit: "working paper",
    });
    expect(whose(paragraph({ text: "x", doc: "A/AC.292/2022/WP.2", lang: "en" }))).toEqual({
      states: ["VE"],
      credit: "working paper",
    });
    // A consensus text is nobody's paper, even when a list names it.
    expect(whose(paragraph({ text: "x", doc: "A/78/265", lang: "en" }))).toBeNull();
    expect(
      statesOf(documents, papers)
        .get("VE")
        ?.documents.map((v) => v.en?.symbol),
    ).toEqual(["A/AC.292/2022/WP.2"]);
  });

  test("a link to a working paper's paragraph is read like any paper's", () => {
    const from = paragraph({
      text: "States may wish to consider a voluntary checklist for reporting incidents.",
      doc: "A/AC.292/2022/WP.1",
      lang: "en",
    });
    const to = paragraph({
      text: "States agreed to consider a voluntary checklist for reporting incidents.",
      doc: "A/78/265",
      lang: "en",
    });
    const link: Reuse = {
      from: from.id,
      to: to.id,
      kind: "near",
      score: 0.9,
      spans: [{ from: [19, 74], to: [15, 71] }],
      length: 8,
      formula: false,
      diff: [],
      via: "direct",
    };
    const docs = documents.map((d) => (d.symbol === "A/AC.292/2022/WP.1" ? { ...d, date: "2022-03-01" } : d));
    const out = adoptionStage(
      {
        documents: docs,
        paragraphs: [from, to],
        workingPapers: papers,
        reuse: [link],
        citations: [],
        registry: { documents: [] },
      },
      4,
    ).file;
    expect(out.links.map((l) => [l.direction, l.states, l.credit, l.passages[0]!.text])).toEqual([
      ["proposed", ["AU", "CO"], "working paper", "consider a voluntary checklist for reporting incidents."],
    ]);
    expect(out.states.AU?.proposed).toEqual({ "2023": 1 });
  });
});

describe("only the links that can be claimed are read", () => {
  // A State's paper in two languages, its paragraphs in the corpus's order (English then Chinese),
  // between two agreed texts: the stage passes over links by their ends' documents, and must still
  // claim what it claimed when it read every paragraph.
  const author = { code: "CN", kind: "state" as const, name: { zh: "中国", en: "China" } };
  const docs = [
    documentRecord({ symbol: "A/75/816", lang: "en", date: "2021-03-18" }),
    documentRecord({
      symbol: "A/AC.292/2021/WP.9",
      lang: "en",
      status: "national",
      date: "2021-05-01",
      authors: [author],
    }),
    documentRecord({
      symbol: "A/AC.292/2021/WP.9",
      lang: "zh",
      status: "national",
      date: "2021-05-01",
      authors: [author],
    }),
    documentRecord({ symbol: "A/78/265", lang: "en", date: "2023-08-01" }),
  ];
  const shared = "a voluntary checklist for reporting incidents to the relevant national authorities";
  const agreed1 = paragraph({ text: `States agreed on ${shared}.`, doc: "A/75/816", lang: "en" });
  const paperEn = paragraph({ text: `We propose ${shared}.`, doc: "A/AC.292/2021/WP.9", lang: "en" });
  const paperEn2 = paragraph({
    text: "A second paragraph of the paper.",
    doc: "A/AC.292/2021/WP.9",
    lang: "en",
  });
  const paperZh = paragraph({ text: "文件的中文段落。", doc: "A/AC.292/2021/WP.9", lang: "zh" });
  const agreed2 = paragraph({ text: `States recalled ${shared}.`, doc: "A/78/265", lang: "en" });
  const link = (from: Paragraph, to: Paragraph): Reuse => {
    const a = from.text.indexOf(shared);
    const b = to.text.indexOf(shared);
    return {
      from: from.id,
      to: to.id,
      kind: "near",
      score: 0.9,
      spans: [{ from: [a, a + shared.length], to: [b, b + shared.length] }],
      length: 12,
      formula: false,
      diff: [],
      via: "direct",
    };
  };
  const run = (reuse: Reuse[]) =>
    adoptionStage(
      {
        documents: docs,
        paragraphs: [agreed1, paperEn, paperEn2, paperZh, agreed2],
        workingPapers: [],
        reuse,
        citations: [],
        registry: { documents: [] },
      },
      4,
    ).file;

  test.each([
    // Both ends agreed: never claimed, however much they share.
    ["two agreed texts", [link(agreed1, agreed2)], []],
    // The paper at one end, an agreed text at the other, either way round; the paper's paragraph
    // at the end of two links is read for both.
    [
      "a paper and the agreed texts on both sides of its date",
      [link(agreed1, paperEn), link(paperEn, agreed2), link(agreed1, agreed2)],
      [
        [paperEn.id, agreed1.id, "quotes"],
        [paperEn.id, agreed2.id, "proposed"],
      ],
    ],
  ] as const)("%s", (_name, reuse, expected) => {
    const out = run([...reuse]);
    expect(out.links.map((l) => [l.paper, l.agreed, l.direction])).toEqual(expected);
    // Every paragraph of the State's paper counts, in both languages, whatever the links.
    expect(out.states.CN?.paragraphs).toBe(3);
  });
});
