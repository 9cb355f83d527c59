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

export type LabelStyle = "number" | "letter" | "roman" | "cjk" | "paren-number" | "circled";

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
    case "circled":
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
  return style === "letter" ? "a" : style === "roman" || style === "cjk" ? "i" : "1";
}

const TOP = /^(\d{1,4})[.．](?=\s|$)\s*/;
const PAREN = /^[(（]\s*([a-z]{1,3}|[一二三四五六七八九十]{1,3}|\d{1,3})\s*[)）]\s*/;
/** Circled numbers ① to ⑳, as Chinese papers number the items of a paragraph. */
const CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳";
const CIRCLED_LABEL = new RegExp(`^([${CIRCLED}])\\s*`);
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
  m = CIRCLED_LABEL.exec(text);
  if (m) {
    const value = String(CIRCLED.indexOf(m[1]!) + 1);
    return { printed: m[1]!, style: "circled", value, length: m[0].length };
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

/**
 * Families of the labels national papers number their outline with, headings and paragraphs alike:
 *
 *   "part"         "第二部分 具体主张", "Part II. Norms"      2
 *   "decimal"      "2.1 General", "2.1.3. States…"      path ["2","1"], ["2","1","3"]
 *   "bare"         "2 Sovereignty" (no full stop)        a heading only
 *   "cjk-comma"    "一、总体立场"                         1
 *   "number"       "1." "1、"                             1
 *   "cjk"          "（一）" "(二)"                         1, 2
 *   "paren-number" "（1）" "(2)"                          1, 2
 *   "circled"      "①" "②"                               1, 2
 *   "roman-upper"  "II. Threats"                          2
 *   "letter-upper" "A. Overview"                          A
 *   "letter" "roman"  "(a)" "(ii)"                        a, 2
 */
export type OutlineStyle =
  | "part"
  | "decimal"
  | "bare"
  | "cjk-comma"
  | "roman-upper"
  | "letter-upper"
  | LabelStyle;

/** A label read as a place in a document's outline (a section heading) or as a paragraph's label. */
export interface OutlineLabel {
  printed: string;
  style: OutlineStyle;
  /**
   * The number as a component of a section's key: every numeral in arabic (一 -> "1", II -> "2",
   * (ii) -> "2", ① -> "1"), letters as printed ("A", "a"), so a Chinese paper's 一、 and its English
   * version's I. or 1. give one key.
   */
  value: string;
  /** A decimal label's whole path: "2.1.3" -> ["2","1","3"]. */
  path?: string[];
  /** A single upper-case letter that is also a roman numeral ("I.", "V.", "C."): that reading. */
  roman?: string;
  /** Length of the label and the spaces after it. */
  length: number;
  /** How the label reads on a paragraph (numbered paragraph, subparagraph), or null for a heading's only. */
  paragraph: Label | null;
}

const PART_ZH = /^第([一二三四五六七八九十]{1,3}|\d{1,2})部分[ \t\u3000：:]*/;
const PART_EN = /^Part[ \t]+([IVXL]{1,6}|\d{1,2})[.:]?[ \t]+(?=\S)/;
const DECIMAL = /^(\d{1,2}(?:\.\d{1,2}){1,4})\.?(?=[ \t\u3000])[ \t\u3000]*/;
const BARE = /^(\d{1,2})[ \t\u3000]+(?=\S)/;
const CJK_COMMA = /^([一二三四五六七八九十]{1,3})、[ \t\u3000]*/;
const NUMBER_COMMA = /^(\d{1,3})、[ \t\u3000]*/;
const UPPER = /^([IVXL]{2,6}|[A-Z])\.[ \t\u3000]+(?=\S)/;

/** Read the outline label `text` starts with, or null. Pure: which reading applies is the caller's call. */
export function readOutlineLabel(text: string): OutlineLabel | null {
  let m = PART_ZH.exec(text) ?? PART_EN.exec(text);
  if (m) {
    const v = m[1]!;
    const n = /^\d/.test(v) ? Number(v) : (cjkToNumber(v) ?? romanToNumber(v.toLowerCase()));
    if (n === null || n === 0) return null;
    return { printed: m[0].trim(), style: "part", value: String(n), length: m[0].length, paragraph: null };
  }
  m = DECIMAL.exec(text);
  if (m) {
    const path = m[1]!.split(".").map((d) => String(Number(d)));
    return {
      printed: m[0].trim(),
      style: "decimal",
      value: path.at(-1)!,
      path,
      length: m[0].length,
      paragraph: null,
    };
  }
  m = CJK_COMMA.exec(text);
  if (m) {
    const n = cjkToNumber(m[1]!);
    if (n === null || n === 0) return null;
    const printed = m[0].trim();
    return {
      printed,
      style: "cjk-comma",
      value: String(n),
      length: m[0].length,
      paragraph: { printed, style: "number", value: String(n), length: m[0].length },
    };
  }
  m = NUMBER_COMMA.exec(text);
  if (m) {
    const printed = m[0].trim();
    const value = String(Number(m[1]));
    return {
      printed,
      style: "number",
      value,
      length: m[0].length,
      paragraph: { printed, style: "number", value, length: m[0].length },
    };
  }
  m = UPPER.exec(text);
  if (m) {
    const v = m[1]!;
    const printed = m[0].trim();
    if (v.length > 1) {
      const n = romanToNumber(v.toLowerCase());
      if (n === null) return null;
      return { printed, style: "roman-upper", value: String(n), length: m[0].length, paragraph: null };
    }
    const roman = romanToNumber(v.toLowerCase());
    const label: OutlineLabel = {
      printed,
      style: "letter-upper",
      value: v,
      length: m[0].length,
      paragraph: null,
    };
    if (roman !== null) label.roman = String(roman);
    return label;
  }
  const p = readLabel(text);
  if (p) {
    const value =
      p.style === "roman" || p.style === "cjk" ? String(romanToNumber(p.value) ?? p.value) : p.value;
    const out: OutlineLabel = { printed: p.printed, style: p.style, value, length: p.length, paragraph: p };
    if (p.roman) out.roman = String(romanToNumber(p.roman) ?? p.roman);
    return out;
  }
  m = BARE.exec(text);
  if (m) {
    return {
      printed: m[1]!,
      style: "bare",
      value: String(Number(m[1])),
      length: m[0].length,
      paragraph: null,
    };
  }
  return null;
}
