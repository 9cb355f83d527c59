/**
 * Superscript digits, which carry footnote markers in the corpus ("工作。¹", "framework,⁷"): the
 * one table for the importers that write them, the parser that reads them, the site that shows
 * them as plain digits and the benchmark's generator. Pure and browser-safe.
 */

/** ⁰ to ⁹, in order: the k-th character is the superscript of digit k. */
export const SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹";

/** "12" -> "¹²"; any other character stays as it is ("*" stays "*"). */
export function toSuperscript(text: string): string {
  let out = "";
  for (const c of text) out += c >= "0" && c <= "9" ? SUPERSCRIPT_DIGITS[Number(c)] : c;
  return out;
}

/** "¹²" -> "12"; any other character stays as it is. */
export function fromSuperscript(text: string): string {
  let out = "";
  for (const c of text) {
    const k = SUPERSCRIPT_DIGITS.indexOf(c);
    out += k >= 0 ? String(k) : c;
  }
  return out;
}
