/**
 * Numerals as UN documents print labels and pinpoints: lower-case roman numerals ((ii), annex
 * III) and Chinese numerals ((二), 第三十三条, 附件一). One module for the parser, the citation
 * grammar and the site's citation formatter, so the three read and write numbers alike.
 * Browser-safe and pure.
 */

const ROMAN: [number, string][] = [
  [1000, "m"],
  [900, "cm"],
  [500, "d"],
  [400, "cd"],
  [100, "c"],
  [90, "xc"],
  [50, "l"],
  [40, "xl"],
  [10, "x"],
  [9, "ix"],
  [5, "v"],
  [4, "iv"],
  [1, "i"],
];

/** Lower-case roman numeral of a positive integer: 4 -> "iv", 188 -> "clxxxviii". */
export function toRoman(n: number): string {
  let out = "";
  let rest = n;
  for (const [v, s] of ROMAN) {
    while (rest >= v) {
      out += s;
      rest -= v;
    }
  }
  return out;
}

const ROMAN_DIGIT: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100, d: 500, m: 1000 };

/** Value of a lower-case roman numeral written canonically, or null: "xiv" -> 14, "iiii" -> null. */
export function romanToNumber(s: string): number | null {
  if (!/^[ivxlcdm]{1,15}$/.test(s)) return null;
  let n = 0;
  for (let k = 0; k < s.length; k++) {
    const a = ROMAN_DIGIT[s[k]!]!;
    const b = k + 1 < s.length ? ROMAN_DIGIT[s[k + 1]!]! : 0;
    n += a < b ? -a : a;
  }
  return toRoman(n) === s ? n : null;
}

const CJK_DIGITS = new Map<string, number>([
  ["零", 0],
  ["〇", 0],
  ["一", 1],
  ["二", 2],
  ["两", 2],
  ["三", 3],
  ["四", 4],
  ["五", 5],
  ["六", 6],
  ["七", 7],
  ["八", 8],
  ["九", 9],
]);

/** True for a character that can stand in a Chinese numeral (一 … 九, 十, 百, 零, 〇, 两). */
export function isCjkNumeral(c: string | undefined): boolean {
  return c !== undefined && (CJK_DIGITS.has(c) || c === "十" || c === "百");
}

/** Value of a Chinese numeral up to 999, or null: "三十三" -> 33, "十" -> 10, "一百零五" -> 105. */
export function cjkToNumber(text: string): number | null {
  if (text.length === 0 || text.length > 6) return null;
  let total = 0;
  let digit = -1;
  for (const c of text) {
    if (c === "百" || c === "十") {
      const unit = c === "百" ? 100 : 10;
      total += (digit < 0 ? 1 : digit) * unit;
      digit = -1;
    } else if (CJK_DIGITS.has(c)) {
      if (digit >= 0) return null;
      digit = CJK_DIGITS.get(c)!;
    } else return null;
  }
  return total + Math.max(digit, 0);
}

const ZH_DIGITS = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/** Chinese numeral for 1..99 as UN documents print it: 2 -> "二", 12 -> "十二", 20 -> "二十". */
export function numberToCjk(n: number): string {
  if (n < 10) return ZH_DIGITS[n] ?? String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? "" : ZH_DIGITS[tens]}十${ZH_DIGITS[ones]}`;
}
