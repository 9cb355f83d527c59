/**
 * The shared normaliser and tokeniser (core/search): what is folded together, how a text
 * is cut into index terms, what a phrase asks of the index, and where a phrase matches.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { fold } from "../../../core/search/normalize.ts";
import { findPhrase, phraseTerms, squeeze, stem, terms, unigrams } from "../../../core/search/tokenize.ts";

describe("fold", () => {
  test.each([
    ["關鍵基礎設施", "关键基础设施"], // traditional -> simplified (OpenCC characters)
    ["關鍵資訊基礎設施", "关键资讯基础设施"], // characters only: no phrase rewriting (資訊 stays 资讯)
    ["建立信任措施", "建立信任措施"], // simplified text untouched
    ["ＩＣＴ　２０２１", "ict 2021"], // full-width letters, digits and space
    ["，；：（）", ",;:()"], // full-width punctuation
    ["Côte d’Ivoire", "cote d’ivoire"], // diacritics and case
    ["ICT", "ict"],
  ])("%s -> %s", (input, expected) => {
    expect(fold(input)).toBe(expected);
  });

  test("keeps the length of any text, code unit for code unit (offsets carry over)", () => {
    fc.assert(fc.property(fc.string({ unit: "binary" }), (s) => fold(s).length === s.length));
  });

  test("is idempotent", () => {
    fc.assert(fc.property(fc.string({ unit: "binary" }), (s) => fold(fold(s)) === fold(s)));
  });
});

describe("terms (what the index holds for a folded text)", () => {
  test.each([
    ["关键基础", ["关键", "键基", "基础"]], // overlapping pairs
    ["法", ["法"]], // a lone character is itself
    ["国际法，法", ["国际", "际法", "法"]], // punctuation splits runs
    ["ict 2021 rights", ["ict", "2021", "ict 2021", "right", "2021 right"]], // words, light-stemmed, and side-by-side pairs
    ["信通技术ict安全", ["信通", "通技", "技术", "ict", "安全"]], // mixed runs
    ["law, and order", ["law", "and", "order", "and order"]], // punctuation breaks a word pair
    ["policies; classes; status", ["policy", "class", "status"]], // -ies, -sses, -us
    ["", []],
  ])("%j -> %j", (input, expected) => {
    expect(terms(fold(input))).toEqual(expected);
  });

  test.each([
    ["国际法", ["国", "际", "法"]],
    ["ict 法", ["法"]],
  ])("single characters of %j -> %j", (input, expected) => {
    expect(unigrams(fold(input))).toEqual(expected);
  });
});

describe("phraseTerms (what a phrase query fetches)", () => {
  test.each([
    ["础设施和关键信", ["础设", "施和", "关键", "键信"]], // covering pairs, not all six
    ["关键基础设施", ["关键", "基础", "设施"]],
    ["国际法", ["国际", "际法"]], // odd length: the last pair too
    ["international law", ["international law"]], // a word pair
    ["use of information and", ["use of", "information and"]], // covering word pairs
    ["rule of law", ["rule of", "of law"]], // odd count: the last pair too
    ["law, and order", ["law", "and order"]], // a lone word where punctuation parts them
    ["法", []], // only a single character: the single-character index
  ])("%j -> %j", (input, expected) => {
    expect(phraseTerms(fold(input)).terms).toEqual(expected);
  });

  test("a phrase of single characters asks the single-character index", () => {
    expect(phraseTerms("法").unigrams).toEqual(["法"]);
    expect(phraseTerms("法 关键").unigrams).toEqual([]); // the pair narrows; the text verifies 法
  });

  test("every term a phrase fetches is a term of any text holding the phrase", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(..."国际法关键基础设施和信 abcICT,，") }),
        fc.nat(),
        fc.nat(),
        (t, a, b) => {
          const text = fold(t);
          const [s, e] = [Math.min(a, b) % (text.length + 1), Math.max(a, b) % (text.length + 1)];
          const phrase = text.slice(s, e);
          if (!findPhrase(text, phrase).length) return;
          const have = new Set([...terms(text), ...unigrams(text)]);
          const need = phraseTerms(phrase);
          for (const term of [...need.terms, ...need.unigrams]) expect(have.has(term)).toBe(true);
        },
      ),
    );
  });
});

describe("stem", () => {
  test.each([
    ["rights", "right"],
    ["states", "state"],
    ["policies", "policy"],
    ["access", "access"],
    ["status", "status"],
    ["basis", "basis"],
    ["its", "its"], // three letters or fewer stay
    ["1990s", "1990s"], // digits stay
  ])("%s -> %s", (input, expected) => {
    expect(stem(input)).toBe(expected);
  });
});

describe("findPhrase", () => {
  test.each([
    ["关键基础设施和关键信息基础设施", "础设施和关键信", [[3, 10]]], // across word boundaries
    ["international lawful law", "law", [[21, 24]]], // a Latin phrase matches whole words only
    ["international law", "international\nlaw", [[0, 17]]], // white space matches white space
    ["international  law", "international law", [[0, 18]]], // any run of it
    [
      "国际法国际法",
      "国际法",
      [
        [0, 3],
        [3, 6],
      ],
    ], // every occurrence
    ["ict4d", "ict", []], // not inside a word of letters and digits
    ["信通技术ict", "ict", [[4, 7]]], // Chinese next to Latin is a boundary
    // Spacing between Chinese and Latin letters or digits is optional, whichever way it is typed.
    ["附件 B 所载的自愿", "附件B所载的自愿", [[0, 10]]],
    ["附件B所载的自愿", "附件 B 所载的自愿", [[0, 8]]],
    ["大会第 75/240 号决议", "第75/240号决议", [[2, 14]]],
    ["大会第75/240号决议", "第 ７５／２４０ 号决议", [[2, 12]]], // and width
    ["ＩＣＴ安全", "ict 安全", [[0, 5]]],
    // Between two words white space stays required, and the edges stay whole words.
    ["a b", "ab", []],
    ["ab", "a b", []],
    ["附件 Bx 所载", "附件B所载", []],
    ["x (a+b) y", "(a+b)", [[2, 7]]], // pattern characters are matched as written
  ])("in %j, %j at %j", (text, phrase, expected) => {
    expect(findPhrase(fold(text), fold(phrase))).toEqual(expected);
  });

  /** The text with the spacing between Chinese and Latin letters or digits flipped at random. */
  const respace = (text: string, flips: boolean[]): string => {
    const han = (c: string | undefined) => c !== undefined && /\p{Script=Han}/u.test(c);
    const latin = (c: string | undefined) => c !== undefined && /[a-z0-9]/.test(c);
    const mixed = (a: string | undefined, b: string | undefined) =>
      (han(a) && latin(b)) || (latin(a) && han(b));
    const cs = [...text];
    let out = "";
    let k = 0;
    for (let i = 0; i < cs.length; i++) {
      const c = cs[i] as string;
      const flip = flips[k % flips.length] as boolean;
      if (c === " " && mixed(cs[i - 1], cs[i + 1])) {
        k++;
        if (!flip) out += c;
        continue;
      }
      out += c;
      if (mixed(c, cs[i + 1])) {
        k++;
        if (flip) out += " ";
      }
    }
    return out;
  };

  test("a phrase respaced between Chinese and Latin or digits is found where it stands, and the index narrows to it", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(..."附件所载第号决议 BICT75/240，,") }),
        fc.nat(),
        fc.nat(),
        fc.array(fc.boolean(), { minLength: 1 }),
        (t, a, b, flips) => {
          const text = fold(t);
          const [s, e] = [Math.min(a, b) % (text.length + 1), Math.max(a, b) % (text.length + 1)];
          const phrase = text.slice(s, e).trim();
          const found = findPhrase(text, phrase);
          if (!found.length) return;
          const variant = respace(phrase, flips);
          expect(findPhrase(text, variant)).toEqual(found);
          const have = new Set([...terms(text), ...unigrams(text)]);
          const need = phraseTerms(squeeze(variant));
          for (const term of [...need.terms, ...need.unigrams]) expect(have.has(term)).toBe(true);
        },
      ),
    );
  });
});
