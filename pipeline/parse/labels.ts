/**
 * Paragraph labels as UN documents print them, and their normal forms.
 *
 *   "23."  "23．"            top-level number          -> "23"
 *   "(f)"  "（f）"            letter subparagraph        -> "f"
 *   "(ii)" "(二)"             roman / Chinese numeral    -> "ii"
 *   "建立信任措施 1." "CBM 1."  a numbered measure       -> "1"
 *
 * Chinese numerals are normalised to lower-case roman numerals, so the zh and en versions of a
 * subparagraph share an address. Which of (i) "letter i" or (i) "roman one" is meant is decided by
 * the structure builder, which knows what each open level expects next.
 */

import { cjkToNumber, romanToNumber, toRoman } from "../../core/text/numerals.ts";

export type LabelStyle = "number" | "letter" | "roman" | "cjk" | "paren-number";

export interface Label {
  /** As printed, e.g. "(二)". */
  printed: string;
  style: LabelStyle;
  /** Normalised value: "23", "f", "ii". For a letter that is also a roman numeral, the letter. */
  value: string;
  /** Roman reading when the label could be either ("i", "v", "x", "c", "l", "d", "m"). */
  roman?: string;
  /** Length of the label and the spaces after it, in the block text. */
  length: number;
}

/** 一 -> 1, 十二 -> 12 (the shared reader in core/text/numerals.ts). */
export { cjkToNumber, romanToNumber, toRoman };

/** Next value in a sequence of the given style: "f" -> "g", "ii" -> "iii", "9" -> "10". */
export function nextValue(style: LabelStyle, value: string): string {
  switch (style) {
    case "number":
    case "paren-number":
      return String(Number(value) + 1);
    case "letter": {
      // (z) is followed by (aa) in UN practice.
      if (value === "z") return "aa";
      if (/^([a-z])\1$/.test(value))
        return value[0] === "z" ? "aaa" : String.fromCharCode(value.charCodeAt(0) + 1).repeat(2);
      return String.fromCharCode(value.charCodeAt(0) + 1);
    }
    case "roman":
    case "cjk":
      return toRoman((romanToNumber(value) ?? 0) + 1);
  }
}

/** First value of a new level of this style. */
export function firstValue(style: LabelStyle): string {
  return style === "letter" ? "a" : style === "number" || style === "paren-number" ? "1" : "i";
}

const TOP = /^(\d{1,4})[.．](?=\s|$)\s*/;
const PAREN = /^[(（]\s*([a-z]{1,3}|[一二三四五六七八九十]{1,3}|\d{1,3})\s*[)）]\s*/;
const MEASURE = /^(建立信任措施|信任措施|(?:Confidence-building measure|CBM)s?)\s*(\d{1,3})\s*([.．])?\s*/i;

/** Read the label at the start of a block's text, or null when it has none. */
export function readLabel(text: string): Label | null {
  let m = TOP.exec(text);
  if (m) return { printed: m[0].trim(), style: "number", value: String(Number(m[1])), length: m[0].length };
  m = PAREN.exec(text);
  if (m) {
    const v = m[1]!;
    const printed = m[0].trim();
    if (/^\d+$/.test(v))
      return { printed, style: "paren-number", value: String(Number(v)), length: m[0].length };
    const cjk = cjkToNumber(v);
    if (cjk !== null) return { printed, style: "cjk", value: toRoman(cjk), length: m[0].length };
    // "(ii)" is roman two, not the double letter that follows "(hh)"; "(aa)" after "(z)" is a letter.
    const multiRoman = v.length > 1 && romanToNumber(v) !== null;
    if (/^[a-z]$/.test(v) || (/^([a-z])\1{1,2}$/.test(v) && !multiRoman)) {
      const label: Label = { printed, style: "letter", value: v, length: m[0].length };
      if (romanToNumber(v) !== null) label.roman = v;
      return label;
    }
    if (romanToNumber(v) !== null) return { printed, style: "roman", value: v, length: m[0].length };
    return null;
  }
  m = MEASURE.exec(text);
  if (m && text.length > m[0].length) {
    return { printed: m[0].trim(), style: "number", value: String(Number(m[2])), length: m[0].length };
  }
  return null;
}

/** True when the label's printed form omits punctuation its style expects ("建立信任措施 2 继续"). */
export function labelIsIrregular(label: Label): boolean {
  return (
    /^(建立信任措施|信任措施|Confidence-building measure|CBM)/i.test(label.printed) &&
    !/[.．]$/.test(label.printed)
  );
}
