/**
 * UN-style citations of a paragraph (core/cite/format.ts), as the site's copy buttons, search hits
 * and `acquis cite` print them. That the grammar reads each back to its own paragraph is
 * test/site/resolve.test.ts's.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  citationsOf,
  citeEn,
  citeZh,
  fromRoman,
  holdsWords,
  partZh,
  toRoman,
  toZhNumeral,
} from "../../../core/cite/format.ts";

const t = (part: string[], num: string[], scope: string | null = null) => ({
  symbol: "A/78/265",
  part,
  num,
  scope,
});

describe("citeEn / citeZh", () => {
  test.each([
    // The issue's own example, both languages.
    {
      target: t(["annex"], ["23", "f", "ii"]),
      en: "A/78/265, annex, para. 23 (f) (ii)",
      zh: "A/78/265，附件，第 23(f)(二)段",
    },
    // A bare paragraph number stands between spaces in Chinese, as the UN prints it.
    { target: t([], ["7"]), en: "A/78/265, para. 7", zh: "A/78/265，第 7 段" },
    // Roman annex numbers become Chinese numerals.
    { target: t(["annex I"], ["56"]), en: "A/78/265, annex I, para. 56", zh: "A/78/265，附件一，第 56 段" },
    // Lettered annexes inside the annex.
    {
      target: t(["annex", "annex A"], ["3", "b"]),
      en: "A/78/265, annex, annex A, para. 3 (b)",
      zh: "A/78/265，附件，附件 A，第 3(b)段",
    },
    // Preambular paragraphs.
    { target: t(["preamble"], ["2"]), en: "A/78/265, preambular para. 2", zh: "A/78/265，序言部分第 2 段" },
    // An article's paragraph (#20): the article is its part.
    {
      target: t(["article 19"], ["2"]),
      en: "A/78/265, article 19, para. 2",
      zh: "A/78/265，第十九条，第 2 段",
    },
    // An appendix, with its second numbered list.
    {
      target: t(["annex", "annex A", "appendix"], ["3"], "list-2"),
      en: "A/78/265, annex, annex A, appendix, list 2, para. 3",
      zh: "A/78/265，附件，附件 A，附录，list 2，第 3 段",
    },
    // A letter that looks like a roman numeral at the second level stays a letter ("(i)" after "(h)" is ambiguous; the level decides).
    {
      target: t(["annex"], ["23", "i"]),
      en: "A/78/265, annex, para. 23 (i)",
      zh: "A/78/265，附件，第 23(i)段",
    },
  ])("$en", ({ target, en, zh }) => {
    expect(citeEn(target)).toBe(en);
    expect(citeZh(target)).toBe(zh);
  });

  test("an unnumbered paragraph is cited by its ordinal", () => {
    expect(
      citationsOf({
        doc: "A/78/265",
        part: ["annex", "annex C"],
        scope: null,
        num: [],
        address: "annex/annex-c/u4",
      }),
    ).toEqual({
      en: "A/78/265, annex, annex C, unnumbered para. 4",
      zh: "A/78/265，附件，附件 C，第 4 个未编号段落",
    });
  });

  test.each([
    {
      // An item of a list of working papers.
      p: { part: ["annex", "annex D"], num: [], address: "annex/annex-d/e3" },
      en: "A/78/265, annex, annex D, item 3",
      zh: "A/78/265，附件，附件 D，第 3 项",
    },
    {
      // The bracketed source note under a paragraph of annex B.
      p: { part: ["annex", "annex B"], num: [], address: "annex/annex-b/2.a/source" },
      en: "A/78/265, annex, annex B, para. 2 (a), source note",
      zh: "A/78/265，附件，附件 B，第 2(a)段，来源说明",
    },
  ])("$en", ({ p, en, zh }) => {
    expect(citationsOf({ doc: "A/78/265", scope: null, ...p })).toEqual({ en, zh });
  });

  test.each([
    // A national paper numbering "1.", "1.1", "1.2": its number printed with its dots.
    { doc: "ch-2024-numbered-decimal", num: ["2", "2"], en: "para. 2.2", zh: "第 2.2 段" },
    { doc: "ch-2024-numbered-decimal", num: ["3", "1", "4"], en: "para. 3.1.4", zh: "第 3.1.4 段" },
    // A national paper's subparagraph stays a subparagraph.
    { doc: "ie-2024-numbered-through", num: ["4", "b"], en: "para. 4 (b)", zh: "第 4(b)段" },
    // A UN text's digits below the paragraph are labels, never a decimal number.
    { doc: "A/78/265", num: ["2", "2"], en: "para. 2 (2)", zh: "第 2(2)段" },
  ])("$doc: $en", ({ doc, num, en, zh }) => {
    const c = citationsOf({ doc, part: [], scope: null, num, address: num.join(".") });
    expect(c).toEqual({ en: `${doc}, ${en}`, zh: `${doc}，${zh}` });
  });

  test.each([
    { label: "annex", zh: "附件" },
    { label: "annex II", zh: "附件二" },
    { label: "annex B", zh: "附件 B" },
    { label: "appendix", zh: "附录" },
  ])("part $label is $zh in Chinese", ({ label, zh }) => {
    expect(partZh(label)).toBe(zh);
  });

  test("roman and Chinese numerals round-trip from 1 to 39", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 39 }), (n) => {
        expect(fromRoman(toRoman(n))).toBe(n);
        expect(toZhNumeral(n).length).toBeGreaterThan(0);
      }),
    );
  });

  test("what a part holds is counted by kind, the kinds adding up to every unit held", () => {
    const kinds = fc.array(
      fc.record({
        kind: fc.constantFrom("paragraph", "entry", "source-note"),
        child: fc.boolean(),
      }),
      { minLength: 1, maxLength: 30 },
    );
    fc.assert(
      fc.property(kinds, (xs) => {
        const held = xs.map((x, i) => ({
          id: `A-78-265/en/${i + 1}`,
          part: [],
          scope: null,
          num: x.kind === "paragraph" ? [String(i + 1)] : [],
          // A child's paragraph is the first one, held; a source note always sits under one.
          parent: i > 0 && (x.child || x.kind === "source-note") ? "A-78-265/en/1" : null,
          kind: i === 0 ? "paragraph" : x.kind,
        }));
        const words = holdsWords(held);
        const counts = [
          ...words.en.matchAll(/(\d+) (?:paragraph|subparagraph|source note|list item)s?\b/g),
        ].map((m) => Number(m[1]));
        expect(counts.reduce((a, b) => a + b, 0)).toBe(held.length);
        if (counts.length > 1) expect(words.en).toContain(`(${held.length} in all)`);
      }),
    );
  });
});
