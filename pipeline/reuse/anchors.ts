/**
 * What one paragraph offers the zh/en aligner (bitext.ts) as evidence, read from the paragraph
 * alone: its length, its numbered address, the label of the heading it stands under, its part,
 * its kind, how many footnotes it carries, and the anchors of its text — numbers, UN symbols,
 * dates, article and paragraph numbers written in Chinese numerals, quotations — which a
 * translation keeps.
 *
 * Decisions:
 * - Anchors are language-neutral tokens ("n:75/240", "sym:A/75/816", "date:2020-12-31"), so the
 *   two versions are compared by token, never by translating words. Only what both languages
 *   write the same way is read: Arabic digits, symbols, dates (English month names and
 *   "2020年12月31日"), and the Chinese numerals of 第十九条 / 第二款 / 第四项 / 第三章 / 第五段,
 *   which English writes as digits ("article 19"). Ordinals written out ("seventy-fifth session"
 *   / "第七十五届") are not read: one side would carry a number the other does not.
 * - The field's fixed terms (terms.ts: 能力建设 / capacity-building) are anchors too.
 * - A paragraph's opening word is an anchor when it is one of the words that open the paragraphs
 *   of resolutions and declarations ("Recalling" / "回顾", "Decides" / "决定"): in a preamble of
 *   ten paragraphs of like length, the opening words are what tells them apart. The table
 *   (OPENINGS) holds the common ones, in both languages, as one token each.
 * - The footnotes' texts count (a note citing "A/75/816" is an anchor of its paragraph); their
 *   marks do not: the two versions may number their notes differently.
 * - A heading's label ("Article 12", "第十二条", "A.", "一.") is read as a key ("article:12",
 *   "label:1"), and the keys on the paragraph's heading path are joined, so paragraph 1 under
 *   section A of chapter II is told from paragraph 1 under section A of chapter III.
 */

import { MONTHS_EN_PATTERN, monthNumber } from "../../core/text/months.ts";
import { cjkToNumber, romanToNumber } from "../../core/text/numerals.ts";
import type { Paragraph } from "../../schemas/index.ts";
import { termsOf } from "./terms.ts";

/** A paragraph as the aligner sees it. */
export interface AlignFeatures {
  /** Characters of the text, white space excluded (Gale and Church count characters). */
  length: number;
  /**
   * The address when the paragraph is numbered as printed ("annex/23.f"), else null: `u4` and a
   * preambular `preamble/3` are positions, not numbers, and shift when a version splits a paragraph.
   */
  numbered: string | null;
  /**
   * True when `numbered` lies in a list the parser counted (`@list-2/1`): the list's count is a
   * position too, so the address is weaker evidence.
   */
  listed: boolean;
  /** The heading path's labels as one key ("chapter:2/label:a"), or null when no heading has a label. */
  heading: string | null;
  /** The part, as its address ("annex/annex-a"; "" for the body). */
  part: string;
  kind: Paragraph["kind"];
  /** Footnotes attached to the paragraph. */
  notes: number;
  /** Anchor tokens of the text and its footnotes, sorted, repeated as often as they occur. */
  anchors: string[];
}

/** Features of one paragraph; pure. */
export function featuresOf(p: Paragraph): AlignFeatures {
  const texts = [p.text, ...p.footnotes.map((f) => f.text)];
  return {
    length: p.text.replace(/\s+/g, "").length,
    numbered: p.num.length > 0 && !p.flags.includes("preamble") ? p.address : null,
    listed: p.scope?.startsWith("list-") ?? false,
    heading: headingKey(p.headings),
    part: p.part.join("/").toLowerCase(),
    kind: p.kind,
    notes: p.footnotes.length,
    anchors: [...texts.flatMap(anchorsOf), ...texts.flatMap(termsOf), ...openingOf(p.text)].sort(),
  };
}

const SYMBOL = /(?<![A-Za-z0-9])[A-Z]{1,4}(?:\/[A-Z0-9][A-Za-z0-9.-]*)+/g;
const DATE_EN = new RegExp(`\\b(\\d{1,2})\\s+(${MONTHS_EN_PATTERN})\\s+(\\d{4})\\b`, "gi");
const DATE_EN_US = new RegExp(`\\b(${MONTHS_EN_PATTERN})\\s+(\\d{1,2}),\\s*(\\d{4})\\b`, "gi");
const MONTH_EN = new RegExp(`\\b(${MONTHS_EN_PATTERN})\\s+(\\d{4})\\b`, "gi");
const DATE_ZH = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/g;
const MONTH_ZH = /(\d{4})\s*年\s*(\d{1,2})\s*月/g;
const CJK_PINPOINT = /第\s*([零〇一二两三四五六七八九十百]+)\s*(?=条|款|项|章|段)/g;
const NUMBER = /\d+(?:[.,/]\d+)*/g;
const QUOTE = /[“「"][^”」"]{2,}[”」"]/g;

const pad = (n: number | string) => String(n).padStart(2, "0");

/**
 * The anchor tokens of one text, in order of kind. Each piece of text is read once: a symbol's
 * digits are not read again as numbers, nor a date's.
 */
export function anchorsOf(text: string): string[] {
  const out: string[] = [];
  // NFKC folds full-width digits, letters and slashes, which Chinese texts use.
  let rest = text.normalize("NFKC");
  const take = (re: RegExp, token: (m: RegExpExecArray) => string | null) => {
    rest = rest.replace(re, (...args) => {
      const m = args.slice(0, -2) as unknown as RegExpExecArray;
      const t = token(m);
      if (t) out.push(t);
      return " ";
    });
  };
  take(SYMBOL, (m) => `sym:${m[0].replace(/[.-]+$/, "")}`);
  take(DATE_ZH, (m) => `date:${m[1]}-${pad(m[2]!)}-${pad(m[3]!)}`);
  take(DATE_EN, (m) => `date:${m[3]}-${pad(monthNumber(m[2]!))}-${pad(m[1]!)}`);
  take(DATE_EN_US, (m) => `date:${m[3]}-${pad(monthNumber(m[1]!))}-${pad(m[2]!)}`);
  take(MONTH_ZH, (m) => `date:${m[1]}-${pad(m[2]!)}`);
  take(MONTH_EN, (m) => `date:${m[2]}-${pad(monthNumber(m[1]!))}`);
  take(CJK_PINPOINT, (m) => {
    const n = cjkToNumber(m[1]!);
    return n === null ? null : `n:${n}`;
  });
  take(QUOTE, () => "quote");
  take(NUMBER, (m) => {
    // "1,000" is one number; "23.4" and "75/240" keep their separators, as both languages print them.
    const t = /^\d{1,3}(?:,\d{3})+$/.test(m[0]) ? m[0].replace(/,/g, "") : m[0].replace(/,/g, ".");
    return `n:${t.replace(/^0+(?=\d)/, "")}`;
  });
  return out;
}

/**
 * Words that open preambular and operative paragraphs, by meaning: [token, English openings,
 * Chinese openings]. Several English words may share a Chinese one ("Recognizing" and
 * "Acknowledging" are both 确认 in places), so they share a token.
 */
const OPENINGS: readonly (readonly [string, readonly string[], readonly string[]])[] = [
  ["whereas", ["Whereas"], ["鉴于"]],
  ["therefore", ["Now, therefore", "Now therefore"], ["因此"]],
  ["recalling", ["Recalling", "Recalls"], ["回顾"]],
  ["reaffirming", ["Reaffirming", "Reaffirms"], ["重申"]],
  [
    "noting",
    ["Noting", "Taking note", "Takes note", "Notes"],
    ["注意到", "表示注意到", "赞赏地注意到", "满意地注意到", "关切地注意到"],
  ],
  ["recognizing", ["Recognizing", "Recognizes", "Acknowledging", "Acknowledges"], ["认识到", "确认", "承认"]],
  ["welcoming", ["Welcoming", "Welcomes"], ["欢迎", "表示欢迎"]],
  [
    "emphasizing",
    ["Emphasizing", "Emphasizes", "Stressing", "Stresses", "Underlining", "Underlines"],
    ["强调"],
  ],
  ["bearing", ["Bearing in mind"], ["铭记"]],
  ["convinced", ["Convinced"], ["深信", "相信"]],
  [
    "concerned",
    ["Concerned", "Deeply concerned", "Expressing concern", "Expresses concern"],
    ["关切", "深为关切", "深表关切", "表示关切"],
  ],
  ["affirming", ["Affirming", "Affirms"], ["申明"]],
  ["considering", ["Considering", "Taking into account"], ["考虑到"]],
  ["decides", ["Decides"], ["决定"]],
  ["requests", ["Requests"], ["请"]],
  ["calls", ["Calls upon", "Calls on"], ["吁请", "呼吁"]],
  ["encourages", ["Encourages"], ["鼓励"]],
  ["invites", ["Invites"], ["邀请"]],
  ["urges", ["Urges"], ["敦促"]],
  ["proclaims", ["Proclaims"], ["宣布"]],
  ["original", ["[Original"], ["[原件", "[原文"]],
];

/** The opening-word token of a paragraph, if its first words are in OPENINGS. */
export function openingOf(text: string): string[] {
  const t = text.normalize("NFKC").trimStart();
  for (const [token, en, zh] of OPENINGS) {
    if (
      en.some((w) => t.startsWith(w) && !/[A-Za-z]/.test(t[w.length] ?? "")) ||
      zh.some((w) => t.startsWith(w))
    )
      return [`open:${token}`];
  }
  return [];
}

const HEAD_EN_KIND =
  /^(article|art\.|chapter|section|part|annex|appendix|rule|principle)\s+(\d+|[ivxlc]+|[a-z])\b/i;
const HEAD_EN_ANNEX = /^(annex|appendix)$/i;
const HEAD_ZH_KIND = /^第\s*([零〇一二两三四五六七八九十百\d]+)\s*(条|章|节|部分|编|项)/;
const HEAD_ZH_ANNEX = /^(附件|附录)\s*([一二三四五六七八九十]+|[A-Z]|\d+)?/;
const HEAD_LABEL = /^\(?([ivxlc]+|[a-z]|\d+|[一二三四五六七八九十]+)[.．、)）]\s*/i;

const KIND_ZH: Record<string, string> = {
  条: "article",
  章: "chapter",
  节: "section",
  部分: "part",
  编: "part",
  项: "item",
};
const KIND_EN: Record<string, string> = { "art.": "article" };

/** A label's value, language-neutral: "XII" and "十二" and "12" -> "12"; "A" -> "a". */
function labelValue(s: string): string {
  if (/^\d+$/.test(s)) return String(Number(s));
  const cjk = cjkToNumber(s);
  if (cjk !== null) return String(cjk);
  const lower = s.toLowerCase();
  // A single letter other than i, v and x is a letter (section "C.", not roman 100).
  if (lower.length > 1 || "ivx".includes(lower)) {
    const roman = romanToNumber(lower);
    if (roman !== null) return String(roman);
  }
  return lower;
}

/** The key of one heading's label, or null when it has none. */
export function headingLabel(heading: string): string | null {
  const h = heading.normalize("NFKC").trim();
  const zh = HEAD_ZH_KIND.exec(h);
  if (zh) return `${KIND_ZH[zh[2]!]}:${labelValue(zh[1]!)}`;
  const annex = HEAD_ZH_ANNEX.exec(h);
  if (annex) return `${annex[1] === "附件" ? "annex" : "appendix"}:${annex[2] ? labelValue(annex[2]) : ""}`;
  if (HEAD_EN_ANNEX.test(h)) return `${h.toLowerCase()}:`;
  const en = HEAD_EN_KIND.exec(h);
  if (en) {
    const kind = en[1]!.toLowerCase();
    return `${KIND_EN[kind] ?? kind}:${labelValue(en[2]!)}`;
  }
  const label = HEAD_LABEL.exec(h);
  return label ? `label:${labelValue(label[1]!)}` : null;
}

/** The labels of a heading path as one key, or null when no heading on it has a label. */
export function headingKey(headings: readonly string[]): string | null {
  const keys = headings.map(headingLabel).filter((k): k is string => k !== null);
  return keys.length ? keys.join("/") : null;
}
