/**
 * Reuse detection as a spec: each row is a small corpus written for the test (our own words),
 * built with the factories, and the links it must (or must not) give. Texts are long enough to
 * count unless the row is about length.
 */
import { describe, expect, test } from "vitest";
import { buildReuse, DEFAULT_OPTIONS } from "../../pipeline/reuse/index.ts";
import { type DocumentRecord, type Paragraph, SCHEMA_VERSION } from "../../schemas/index.ts";
import { documentRecord, paragraph } from "../factories.ts";
import { sides } from "./helpers.ts";

// Two unrelated openings and a passage to share, in Chinese and in English.
const ZH_A = "各代表团在审议期间交换了关于区域合作安排的看法，";
const ZH_B = "会议还听取了若干专门机构就培训方案所作的介绍，";
const ZH_SHARED = "鼓励各国在自愿基础上分享其国家网络应急机构的联络信息与实践经验";
const EN_SHARED =
  "encourages States to share on a voluntary basis the contact details of their national emergency teams";

const doc = (symbol: string, date: string, lang: "zh" | "en" = "zh"): DocumentRecord =>
  documentRecord({ symbol, date, lang });

/** Run the stage on a corpus; links as "from -> to: kind" with addresses shortened to doc/address. */
function linksOf(paragraphs: Paragraph[], documents: DocumentRecord[]) {
  const out = buildReuse({ paragraphs, documents }, SCHEMA_VERSION);
  return { out, lines: out.reuse.map((r) => `${r.from} -> ${r.to}: ${r.kind}`) };
}

describe("kinds", () => {
  test.each([
    {
      // Width, spacing and punctuation style do not make a copy less verbatim.
      name: "verbatim up to width, spacing and punctuation",
      earlier: `${ZH_SHARED}，并定期更新２０２１年名录。`,
      later: `${ZH_SHARED}, 并定期更新 2021 年名录.`,
      kind: "verbatim",
    },
    {
      // Two characters changed in a long paragraph: a near copy.
      name: "near: a small edit",
      earlier: `${ZH_SHARED}，并定期更新其名录。`,
      later: `${ZH_SHARED}，并及时更新其名录。`,
      kind: "near",
    },
    {
      // The shared passage sits inside two otherwise different paragraphs.
      name: "partial: a passage inside longer paragraphs",
      earlier: `${ZH_A}${ZH_SHARED}。`,
      later: `${ZH_B}会议${ZH_SHARED}，以便及早沟通。`,
      kind: "partial",
    },
    {
      // English is compared by words, case folded.
      name: "verbatim in English, case and punctuation folded",
      earlier: `The Working Group ${EN_SHARED}.`,
      later: `the working group ${EN_SHARED.toUpperCase()};`,
      kind: "verbatim",
      lang: "en" as const,
    },
    {
      name: "partial in English",
      earlier: `Delegations discussed regional arrangements at length and ${EN_SHARED}.`,
      later: `Recalling its earlier report, the Group ${EN_SHARED}, and invites further proposals on training.`,
      kind: "partial",
      lang: "en" as const,
    },
  ])("$name", ({ earlier, later, kind, lang: given }) => {
    const lang: "zh" | "en" = given ?? "zh";
    const a = paragraph({ doc: "A/1/1", lang, num: ["1"], text: earlier });
    const b = paragraph({ doc: "A/2/2", lang, num: ["1"], text: later });
    const { out, lines } = linksOf(
      [a, b],
      [doc("A/1/1", "2021-01-01", lang), doc("A/2/2", "2023-01-01", lang)],
    );
    expect(lines).toEqual([`${a.id} -> ${b.id}: ${kind}`]);
    // The diff always gives back both paragraphs, whole: added wording and removed wording.
    expect(sides(out.reuse[0]!.diff)).toEqual({ from: earlier, to: later });
  });

  test.each([
    {
      // Three opening words replaced: the dropped words are shown beside the new ones.
      name: "opening words replaced",
      earlier: `Delegations strongly recommended that the Group ${EN_SHARED}. The budget of future sessions was discussed at length.`,
      later: `Several States proposed that the Group ${EN_SHARED}.`,
      removed: [
        "Delegations strongly recommended",
        " The budget of future sessions was discussed at length.",
      ],
      added: ["Several States proposed"],
    },
    {
      // A reference the later text dropped, after the shared wording: shown as dropped.
      name: "a reference dropped",
      earlier: `Delegations agreed that the Group ${EN_SHARED}, as set out in resolution 70/237, paragraph 13.`,
      later: `Several States proposed that the Group ${EN_SHARED}.`,
      removed: ["Delegations agreed", ", as set out in resolution 70/237, paragraph 13"],
      added: ["Several States proposed"],
    },
  ])(
    "a partial link's diff marks removed wording as well as added: $name",
    ({ earlier, later, removed, added }) => {
      const a = paragraph({ doc: "A/1/1", lang: "en", num: ["1"], text: earlier });
      const b = paragraph({ doc: "A/2/2", lang: "en", num: ["1"], text: later });
      const { out } = linksOf([a, b], [doc("A/1/1", "2021-01-01", "en"), doc("A/2/2", "2023-01-01", "en")]);
      const diff = out.reuse[0]!.diff;
      expect(out.reuse[0]!.kind).toBe("partial");
      expect(diff.filter((d) => d.op === "delete").map((d) => d.text)).toEqual(removed);
      expect(diff.filter((d) => d.op === "insert").map((d) => d.text)).toEqual(added);
      expect(sides(diff)).toEqual({ from: earlier, to: later });
    },
  );

  test("a partial link's span is the shared passage in each text", () => {
    const earlier = `${ZH_A}${ZH_SHARED}。`;
    const later = `${ZH_B}会议${ZH_SHARED}，以便及早沟通。`;
    const a = paragraph({ doc: "A/1/1", num: ["1"], text: earlier });
    const b = paragraph({ doc: "A/2/2", num: ["1"], text: later });
    const { out } = linksOf([a, b], [doc("A/1/1", "2021-01-01"), doc("A/2/2", "2023-01-01")]);
    const [span] = out.reuse[0]!.spans;
    expect(earlier.slice(span!.from[0], span!.from[1])).toBe(ZH_SHARED);
    expect(later.slice(span!.to[0], span!.to[1])).toBe(ZH_SHARED);
    expect(out.reuse[0]!.length).toBe(ZH_SHARED.length);
  });
});

describe("what is never linked", () => {
  test.each([
    {
      // Identical but too short to say anything: under minUnits.
      name: "very short texts",
      texts: ["各国表示支持。", "各国表示支持。"],
    },
    {
      // Different languages are compared only through their aligned versions.
      name: "different languages",
      texts: [ZH_SHARED, ZH_SHARED],
      langs: ["zh", "en"] as const,
    },
    {
      // A common name shared by two otherwise unrelated paragraphs is not reuse.
      name: "nothing but unrelated wording",
      texts: [`${ZH_A}并商定了下次会议的日期。`, `${ZH_B}并请秘书处分发有关文件。`],
    },
  ])("$name", ({ texts, langs }) => {
    const ps = texts.map((text, i) =>
      paragraph({ doc: `A/${i + 1}/1`, lang: langs?.[i] ?? "zh", num: ["1"], text }),
    );
    const docs = ps.map((p, i) => doc(p.doc, `202${i}-01-01`, p.lang));
    expect(linksOf(ps, docs).lines).toEqual([]);
  });

  test("a paragraph and its own subparagraph", () => {
    const parent = paragraph({ doc: "A/1/1", num: ["3"], text: `${ZH_SHARED}：` });
    const child = paragraph({ doc: "A/1/1", num: ["3", "a"], parent: parent.id, text: `${ZH_SHARED}。` });
    expect(linksOf([parent, child], [doc("A/1/1", "2021-01-01")]).lines).toEqual([]);
  });

  test("source notes and list entries", () => {
    const note = `[${ZH_SHARED}]`;
    const a = paragraph({ doc: "A/1/1", num: ["1"], kind: "source-note", text: note });
    const b = paragraph({ doc: "A/2/2", num: ["1"], kind: "entry", text: note });
    const c = paragraph({ doc: "A/3/3", num: ["1"], text: note });
    const docs = [doc("A/1/1", "2021-01-01"), doc("A/2/2", "2022-01-01"), doc("A/3/3", "2023-01-01")];
    expect(linksOf([a, b, c], docs).lines).toEqual([]);
  });

  test("an opening formula shared by many paragraphs, by itself", () => {
    const formula = "在本届会议和以往各届会议以及非正式磋商期间，各代表团继续讨论了";
    const endings = [
      "区域合作安排的问题。",
      "培训方案的设计和评估。",
      "技术援助的来源与渠道。",
      "关键基础设施保护的问题。",
      "联络点名录的运作方式。",
    ];
    const ps = endings.map((e, i) => paragraph({ doc: "A/1/1", num: [String(i + 1)], text: formula + e }));
    const { out, lines } = linksOf(ps, [doc("A/1/1", "2021-01-01")]);
    expect(lines).toEqual([]);
    expect(out.formulas.formulas[0]?.text).toBe(formula);
  });
});

describe("formulas joined the same way, and references", () => {
  // Three clauses that each recur, alone, in four more paragraphs: formulas in this corpus.
  const F1 = "各代表团在本届会议期间继续就各项议题交换了意见";
  const F2 = "会议强调有必要进一步加强各国之间的务实合作";
  const F3 = "秘书处应当定期向各会员国通报有关工作的进展";
  const NAME = "区域信息安全合作特别委员会";
  const endings = ["关于培训方案。", "关于技术援助。", "关于联络点名录。", "关于关键基础设施。"];
  /** Paragraphs in which each of `formulas` stands alone, in A/1/1, plus the two under test. */
  function corpus(formulas: string[], earlier: string, later: string) {
    const alone = formulas.flatMap((f, i) =>
      endings.map((e, j) => paragraph({ doc: "A/1/1", num: [String(i * 10 + j + 1)], text: `${f}，${e}` })),
    );
    const a = paragraph({ doc: "A/2/2", num: ["1"], text: earlier });
    const b = paragraph({ doc: "A/3/3", num: ["1"], text: later });
    const documents = [doc("A/1/1", "2020-01-01"), doc("A/2/2", "2021-01-01"), doc("A/3/3", "2022-01-01")];
    return { paragraphs: [...alone, a, b], documents, a, b };
  }
  const joined = (x: string, y: string) => `${F1}，并认为${x}，同时指出${y}。`;

  test("three formulas joined the same way in two paragraphs: a link, marked formula", () => {
    const c = corpus([F1, F2, F3], `${ZH_A}${joined(F2, F3)}`, `${ZH_B}${joined(F2, F3)}`);
    const out = buildReuse(c, SCHEMA_VERSION);
    const links = out.reuse.filter((r) => r.to === c.b.id);
    expect(links.map((r) => [r.from, r.kind, r.formula])).toEqual([[c.a.id, "partial", true]]);
  });

  test("one formula with the same edit in two paragraphs: no link", () => {
    const edited = F1.replace("继续", "仍然");
    const c = corpus([F1], `${ZH_A}${edited}。`, `${ZH_B}${edited}。`);
    expect(buildReuse(c, SCHEMA_VERSION).reuse.filter((r) => r.to === c.b.id)).toEqual([]);
  });

  test("formulas joined through a registered name: a link without the name, none with it", () => {
    const c = corpus([F1, NAME, F3], `${ZH_A}${joined(NAME, F3)}`, `${ZH_B}${joined(NAME, F3)}`);
    const to = (names: string[]) =>
      buildReuse({ ...c, names }, SCHEMA_VERSION)
        .reuse.filter((r) => r.to === c.b.id)
        .map((r) => r.from);
    expect(to([])).toEqual([c.a.id]);
    expect(to([NAME])).toEqual([]);
  });

  test("the same through a citation the cite stage found", () => {
    const c = corpus([F1, NAME, F3], `${ZH_A}${joined(NAME, F3)}`, `${ZH_B}${joined(NAME, F3)}`);
    const at = (text: string) => {
      const s = text.indexOf(NAME);
      return [[s, s + NAME.length]] as [number, number][];
    };
    const references = new Map([
      [c.a.id, at(c.a.text)],
      [c.b.id, at(c.b.text)],
    ]);
    const out = buildReuse({ ...c, references }, SCHEMA_VERSION);
    expect(out.reuse.filter((r) => r.to === c.b.id)).toEqual([]);
  });
});

describe("a citation's words are not agreed language", () => {
  // Sibling paragraphs citing two parts of one instrument (our own words, laid out as the seed's
  // 30 (b) and (c) are): most of what they share is the citation, which differs by one character.
  const earlier = "与会国重申《区域信息安全合作公约》第五条第一款，其中规定各缔约方应当和平解决争端。";
  const later = "与会国重申《区域信息安全合作公约》第五条第二款，其中规定各缔约方不得干涉他国内政。";
  const span = (text: string): [number, number][] => [[text.indexOf("《"), text.indexOf("款") + 1]];
  const a = paragraph({ doc: "A/2/2", num: ["1"], text: earlier });
  const b = paragraph({ doc: "A/3/3", num: ["1"], text: later });
  const c = { paragraphs: [a, b], documents: [doc("A/2/2", "2021-01-01"), doc("A/3/3", "2022-01-01")] };

  test("two paragraphs that share little beyond a citation the cite stage found are not linked", () => {
    // Without the cite stage's spans the same words are shared wording like any other.
    expect(buildReuse(c, SCHEMA_VERSION).reuse.map((r) => r.kind)).toEqual(["partial"]);
    const references = new Map([
      [a.id, span(earlier)],
      [b.id, span(later)],
    ]);
    // Outside the citation they share 与会国重申 and 其中规定各缔约方: 13 characters, under 15.
    expect(buildReuse({ ...c, references }, SCHEMA_VERSION).reuse).toEqual([]);
  });

  test("agreed wording beside a citation still links, the citation still shown in the diff", () => {
    const agreed = "各国应当合作防止恶意使用信息和通信技术并保护关键基础设施";
    const x = paragraph({ doc: "A/2/2", num: ["1"], text: `${earlier}${agreed}。` });
    const y = paragraph({ doc: "A/3/3", num: ["1"], text: `${later}${agreed}。` });
    const references = new Map([
      [x.id, span(x.text)],
      [y.id, span(y.text)],
    ]);
    const [link, ...more] = buildReuse({ ...c, paragraphs: [x, y], references }, SCHEMA_VERSION).reuse;
    expect(more).toEqual([]);
    expect(link?.kind).toBe("near");
    // The diff is of the whole texts: the citation's words are there, marked equal.
    expect(link?.diff.some((d) => d.op === "equal" && d.text.includes("区域信息安全合作公约"))).toBe(true);
  });
});

describe("a registered title is not agreed language", () => {
  // Titles as the registry holds them (our own words, long as real full titles are), and two
  // paragraphs of different documents that share one and nothing else.
  const TITLE_ZH = "关于区域信息安全合作与能力建设的特别委员会的最后实质性报告";
  const TITLE_EN =
    "Final report of the special committee on regional cooperation and capacity-building in information security";
  const pair = (lang: "zh" | "en", earlier: string, later: string) => {
    const a = paragraph({ doc: "A/2/2", lang, num: ["1"], text: earlier });
    const b = paragraph({ doc: "A/3/3", lang, num: ["1"], text: later });
    return {
      paragraphs: [a, b],
      documents: [doc("A/2/2", "2021-01-01", lang), doc("A/3/3", "2022-01-01", lang)],
    };
  };
  const links = (c: ReturnType<typeof pair>, names: string[]) =>
    buildReuse({ ...c, names }, SCHEMA_VERSION).reuse.map((r) => [r.kind, r.formula]);

  test.each([
    {
      lang: "zh" as const,
      earlier: `委员会欢迎题为${TITLE_ZH}的文件，并请秘书处分发。`,
      later: `各国在日内瓦开会时回顾了${TITLE_ZH}，随后讨论今后的工作安排。`,
    },
    {
      lang: "en" as const,
      earlier: `The committee welcomed the ${TITLE_EN} and asked the secretariat to circulate it.`,
      later: `Member States recalled the ${TITLE_EN} when they met in Geneva last spring.`,
    },
  ])(
    "$lang: two paragraphs that share only a registered title are not linked",
    ({ lang, earlier, later }) => {
      const c = pair(lang, earlier, later);
      // Unregistered, the same words are shared wording like any other: the fixture can link.
      expect(links(c, [])).toEqual([["partial", false]]);
      expect(links(c, [lang === "zh" ? TITLE_ZH : TITLE_EN])).toEqual([]);
    },
  );

  test("agreed wording beside the title still links, the title weighing nothing towards it", () => {
    const agreed = "各国应当合作防止恶意使用信息和通信技术并保护关键基础设施";
    const c = pair("zh", `委员会欢迎${TITLE_ZH}。${agreed}。`, `会员国回顾${TITLE_ZH}。${agreed}。`);
    expect(links(c, [TITLE_ZH])).toEqual([["near", false]]);
  });
});

describe("direction and one best source", () => {
  test("the earlier document by date is the source, whatever the input order", () => {
    const later = paragraph({ doc: "A/9/9", num: ["1"], text: `${ZH_SHARED}。` });
    const earlier = paragraph({ doc: "A/1/1", num: ["4"], text: `${ZH_SHARED}。` });
    const { lines } = linksOf([later, earlier], [doc("A/9/9", "2024-05-01"), doc("A/1/1", "2015-07-22")]);
    expect(lines).toEqual([`${earlier.id} -> ${later.id}: verbatim`]);
  });

  test("inside one document, the earlier paragraph is the source", () => {
    const a = paragraph({ doc: "A/1/1", num: ["2"], text: `${ZH_A}${ZH_SHARED}。` });
    const b = paragraph({ doc: "A/1/1", num: ["9"], text: `${ZH_B}${ZH_SHARED}。` });
    expect(linksOf([a, b], [doc("A/1/1", "2021-01-01")]).lines).toEqual([`${a.id} -> ${b.id}: partial`]);
  });

  test("a passage carried by several earlier paragraphs links to the best, the earliest on a tie", () => {
    const text = `${ZH_SHARED}。`;
    const p2015 = paragraph({ doc: "A/70/1", num: ["1"], text });
    const p2021 = paragraph({ doc: "A/76/1", num: ["1"], text });
    const p2023 = paragraph({ doc: "A/78/1", num: ["1"], text });
    const docs = [doc("A/70/1", "2015-07-22"), doc("A/76/1", "2021-07-14"), doc("A/78/1", "2023-08-01")];
    const { out, lines } = linksOf([p2015, p2021, p2023], docs);
    expect(lines).toEqual([`${p2015.id} -> ${p2021.id}: verbatim`, `${p2015.id} -> ${p2023.id}: verbatim`]);
    // The other carrier is kept for the lineage.
    const fam = out.lineage.families[0]!;
    expect(fam.alsoIn).toEqual([{ from: p2021.id, to: p2023.id, score: 1 }]);
    expect(fam.members.map((m) => [m.id, m.generation])).toEqual([
      [p2015.id, 0],
      [p2021.id, 1],
      [p2023.id, 1],
    ]);
  });

  test("a paragraph copied into more paragraphs than max-df still links every copy to the first", () => {
    // 40 copies: every shingle recurs in 40 paragraphs, over maxDf (32), so no rare shingle pairs them.
    const text = `${ZH_SHARED}。`;
    const ps = Array.from({ length: 40 }, (_, i) => paragraph({ doc: `A/${i + 1}/1`, num: ["1"], text }));
    const docs = ps.map((p, i) => doc(p.doc, `${2000 + i}-01-01`));
    const { lines } = linksOf(ps, docs);
    // In a 40-paragraph corpus the formula threshold is 4: a text in all 40 is boilerplate there.
    expect(lines).toEqual([]);
    const out = buildReuse({ paragraphs: ps, documents: docs }, SCHEMA_VERSION, {
      ...DEFAULT_OPTIONS,
      formulaDf: 100,
    });
    expect(out.reuse.map((r) => [r.from, r.kind])).toEqual(ps.slice(1).map(() => [ps[0]!.id, "verbatim"]));
  });

  test("a closer copy beats an older looser one: the lineage is a chain", () => {
    const p2015 = paragraph({ doc: "A/70/1", num: ["1"], text: `${ZH_SHARED}，并定期更新其名录。` });
    const p2021 = paragraph({ doc: "A/76/1", num: ["1"], text: `${ZH_SHARED}，并及时更新其名录。` });
    const p2023 = paragraph({ doc: "A/78/1", num: ["1"], text: `${ZH_SHARED}，并及时更新其名录。` });
    const docs = [doc("A/70/1", "2015-07-22"), doc("A/76/1", "2021-07-14"), doc("A/78/1", "2023-08-01")];
    const { out, lines } = linksOf([p2015, p2021, p2023], docs);
    expect(lines).toEqual([`${p2015.id} -> ${p2021.id}: near`, `${p2021.id} -> ${p2023.id}: verbatim`]);
    expect(out.lineage.families[0]!.members.map((m) => m.generation)).toEqual([0, 1, 2]);
  });
});

test("the defaults are the documented ones", () => {
  // The README quotes these; change them on purpose only.
  expect(DEFAULT_OPTIONS).toMatchObject({
    zh: { k: 5, minUnits: 10, minPassage: 20, formulaWindow: 6, minInformative: 15, minJoined: 22 },
    en: { k: 3, minUnits: 4, minPassage: 6, formulaWindow: 3, minInformative: 5, minJoined: 0 },
    nearMin: 0.8,
    maxDf: 32,
  });
});
