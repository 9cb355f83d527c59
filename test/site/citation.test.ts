/**
 * UN-style citations of a paragraph (site/src/lib/citation.ts), and the resolver reading them
 * back (site/src/lib/resolve.ts): a citation the site prints must land on the paragraph it names.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { addressOf } from "../../core/address/address.ts";
import {
  citationsOf,
  citeEn,
  citeZh,
  fromRoman,
  partZh,
  toRoman,
  toZhNumeral,
} from "../../core/cite/format.ts";
import { parseCitation, type ResolverDoc, resolveCitation } from "../../site/src/lib/resolve.ts";

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
});

const doc: ResolverDoc = {
  symbol: "A/78/265",
  slug: "A-78-265",
  langs: ["zh", "en"],
  addresses: [
    "1",
    "2",
    "annex/23",
    "annex/23.f",
    "annex/23.f.ii",
    "annex/24",
    "annex/annex-a/3",
    "annex/annex-b/3",
  ],
};
const docs = new Map([[doc.symbol, doc]]);

describe("parseCitation + resolveCitation", () => {
  test.each([
    { pasted: "A/78/265, annex, para. 23 (f) (ii)", status: "found", address: "annex/23.f.ii" },
    { pasted: "A/78/265，附件，第 23(f)(二)段", status: "found", address: "annex/23.f.ii" },
    // Full-width brackets and no spaces, as pasted from a Chinese document.
    { pasted: "A/78/265，附件，第23（f）（二）段", status: "found", address: "annex/23.f.ii" },
    { pasted: "A/78/265, para. 1", status: "found", address: "1" },
    // The address form the site's own URLs use.
    { pasted: "A/78/265 annex 23.f.ii", status: "found", address: "annex/23.f.ii" },
    // The part left out, but only the annex has a paragraph 24: found, marked inferred.
    { pasted: "A/78/265, paragraph 24", status: "found", address: "annex/24" },
    { pasted: "A/78/265, annex, annex A, para. 3", status: "found", address: "annex/annex-a/3" },
    // Paragraph 3 of which annex? Two match: list them, never pick.
    { pasted: "A/78/265, para. 3", status: "ambiguous", address: null },
    { pasted: "A/78/265, annex, para. 99", status: "not-found", address: null },
    { pasted: "A/78/265", status: "document", address: null },
    { pasted: "A/76/135, para. 42", status: "not-in-corpus", address: null },
    { pasted: "the report, para. 42", status: "unreadable", address: null },
  ])("$pasted -> $status", ({ pasted, status, address }) => {
    const r = resolveCitation(parseCitation(pasted), docs);
    expect(r.status).toBe(status);
    if (address) expect(r.status === "found" && r.address).toBe(address);
  });

  test("a not-found answer names what is there instead", () => {
    const r = resolveCitation(parseCitation("A/78/265, annex, para. 99"), docs);
    expect(r.status === "not-found" && r.message).toBe(
      "A/78/265 is in the corpus but has no paragraph 99 in annex; its last numbered paragraph there is 24.",
    );
  });

  test("every citation the site prints resolves back to its own paragraph (en and zh)", () => {
    const part = fc.constantFrom<string[]>([], ["annex"], ["annex I"], ["annex", "annex A"], ["preamble"]);
    const num = fc.tuple(
      fc.integer({ min: 1, max: 120 }).map(String),
      fc.option(fc.constantFrom("a", "b", "c", "f", "k"), { nil: undefined }),
      fc.option(fc.integer({ min: 1, max: 12 }).map(toRoman), { nil: undefined }),
    );
    fc.assert(
      fc.property(part, num, (p, [n, letter, roman]) => {
        const labels = [n, ...(letter ? [letter] : []), ...(letter && roman ? [roman] : [])];
        const address = addressOf(p, null, labels);
        const one = new Map([["A/78/265", { ...doc, addresses: [address] }]]);
        const printed = citationsOf({ doc: "A/78/265", part: p, scope: null, num: labels, address });
        for (const text of [printed.en, printed.zh]) {
          const r = resolveCitation(parseCitation(text), one);
          expect(r.status === "found" && r.address, text).toBe(address);
        }
      }),
    );
  });
});
