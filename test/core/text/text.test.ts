/**
 * The text tables core/text shares (superscript digits, month names, numerals): each is the one
 * copy the parser, the importers, the grammar, the site and the benchmark read.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { MONTHS_EN, MONTHS_EN_PATTERN, monthNumber } from "../../../core/text/months.ts";
import { cjkToNumber, numberToCjk, romanToNumber, toRoman } from "../../../core/text/numerals.ts";
import { fromSuperscript, toSuperscript } from "../../../core/text/superscript.ts";

describe("superscript digits", () => {
  test.each([
    { plain: "12", sup: "¹²" },
    { plain: "40", sup: "⁴⁰" },
    // An asterisk note stays an asterisk; only digits change.
    { plain: "*", sup: "*" },
  ])("$plain <-> $sup", ({ plain, sup }) => {
    expect(toSuperscript(plain)).toBe(sup);
    expect(fromSuperscript(sup)).toBe(plain);
  });

  test("every number goes there and back", () => {
    fc.assert(
      fc.property(fc.nat(), (n) => {
        const sup = toSuperscript(String(n));
        expect(sup).toMatch(/^[⁰¹²³⁴⁵⁶⁷⁸⁹]+$/);
        expect(Number(fromSuperscript(sup))).toBe(n);
      }),
    );
  });
});

describe("month names", () => {
  test.each([
    { name: "January", n: 1 },
    { name: "december", n: 12 },
    { name: "Decembre", n: 0 },
  ])("$name is month $n", ({ name, n }) => {
    expect(monthNumber(name)).toBe(n);
  });

  test("twelve, and the pattern matches each whole", () => {
    expect(MONTHS_EN).toHaveLength(12);
    for (const m of MONTHS_EN)
      expect(new RegExp(`^(?:${MONTHS_EN_PATTERN})$`, "i").test(m.toUpperCase())).toBe(true);
  });
});

describe("numerals", () => {
  test("roman and Chinese numerals round-trip where UN documents use them", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99 }), (n) => {
        expect(romanToNumber(toRoman(n))).toBe(n);
        expect(cjkToNumber(numberToCjk(n))).toBe(n);
      }),
    );
  });
});
