/**
 * Pure readers for documents numbered by articles (the Charter, conventions, declarations) and for
 * a declaration's preamble and operative part: what an article's or a chapter's heading looks
 * like, in English and Chinese, and which paragraph ends a preamble.
 *
 * Decisions:
 * - An article heading is a line that is only "Article 19", "Art. 19", "ARTICLE XIX", "第十九条" or
 *   "第 19 条", optionally followed by the article's title (on the same line after a space or a
 *   full stop, or on the next line of the block) that ends on no punctuation. A sentence that starts
 *   with "Article 51 of the Charter …" or "第十九条规定……" is a paragraph: its rest starts in lower
 *   case, runs on without a space, or ends a sentence.
 * - A chapter heading is "Chapter I", "CHAPTER 2", "第一章", "第 1 章" with the same optional title:
 *   conventions group their articles under chapters, and articles are numbered through them.
 * - A preamble opens at a heading "Preamble" / "序言" in any document. It ends at the first
 *   operative paragraph: one that opens with the connective of the operative clause ("Now,
 *   therefore," / "因此现在"), or one that ends a sentence (";", ".", "。", "；"): preambular
 *   paragraphs end with a comma in both languages, which is how the UN prints them. The opening
 *   words alone cannot decide in Chinese ("注意到" is both "Noting" and "Notes").
 */
import { cjkToNumber, romanToNumber } from "../../../core/text/numerals.ts";

/** An article's or chapter's heading: its number in arabic, its title when the line carries one. */
export interface UnitHeading {
  /** "19" for "Article 19", "第十九条", "ARTICLE XIX". */
  n: string;
  /** The title as printed ("Use of terms"), or null when the heading is the number alone. */
  title: string | null;
}

const CJK_NUMERAL = "[零〇一二两三四五六七八九十百]{1,6}";
const ARTICLE_EN =
  /^(?:Article|ARTICLE|Art\.)\s*(\d{1,3}|[IVXLC]{1,7})(?:\s*[.:]?\s*$|(?:\s*[.:–—-]\s*|\s+)(.+)$)/;
const CHAPTER_EN = /^(?:Chapter|CHAPTER)\s+(\d{1,2}|[IVXL]{1,6})(?:\s*[.:]?\s*$|(?:\s*[.:–—-]\s*|\s+)(.+)$)/;
const ARTICLE_ZH = new RegExp(`^第\\s*(${CJK_NUMERAL}|\\d{1,3})\\s*条(?:\\s*$|[\\s\\u3000]+(.+)$)`);
const CHAPTER_ZH = new RegExp(`^第\\s*(${CJK_NUMERAL}|\\d{1,2})\\s*章(?:\\s*$|[\\s\\u3000]+(.+)$)`);

/** "Article 19" -> {n: "19"}; a paragraph that merely starts with an article's name -> null. */
export function readArticle(text: string): UnitHeading | null {
  return readUnit(text, ARTICLE_EN, ARTICLE_ZH);
}

/** "Chapter II" / "第二章 总则" -> {n: "2", …}, or null. */
export function readChapter(text: string): UnitHeading | null {
  return readUnit(text, CHAPTER_EN, CHAPTER_ZH);
}

function readUnit(text: string, en: RegExp, zh: RegExp): UnitHeading | null {
  const [first = "", ...more] = text.trim().split("\n");
  // A title on a line of its own below the number ("Article 2\nUse of terms").
  if (more.length > 1) return null;
  const m = en.exec(first.trim()) ?? zh.exec(first.trim());
  if (!m) return null;
  const n = toArabic(m[1]!);
  if (n === null || n === 0) return null;
  const inline = m[2]?.trim() ?? null;
  const below = more[0]?.trim() ?? null;
  if (inline !== null && below !== null) return null;
  const title = inline ?? below;
  if (title !== null && !isTitle(title)) return null;
  return { n: String(n), title };
}

/** A title: short, opening on a capital or a Chinese character, ending on no punctuation. */
function isTitle(t: string): boolean {
  if (t.length === 0 || t.length > 120) return false;
  if (/[.;:!?。；：！？,，]$/.test(t)) return false;
  if (/[。；]/.test(t)) return false;
  return /^[\p{Lu}\p{Script=Han}"“(（]/u.test(t);
}

function toArabic(v: string): number | null {
  if (/^\d+$/.test(v)) return Number(v);
  if (/^[IVXLC]+$/.test(v)) return romanToNumber(v.toLowerCase());
  return cjkToNumber(v);
}

/**
 * The words that join a preamble to its operative clause: a declaration's "Now, therefore," /
 * "因此现在", a convention's "Have agreed as follows:" / "兹议定如下：".
 */
const OPERATIVE_CONNECTIVE =
  /^(Now,?\s+(therefore|Therefore)\b|NOW,?\s+THEREFORE\b|Have agreed as follows|HAVE AGREED AS FOLLOWS|因此现在|兹(协议|议定|商定)如下)/;

/**
 * A convention's opening words, "The States Parties to this Convention," / "本公约缔约国，": as
 * "The General Assembly," heads a resolution's preamble, they head a treaty's.
 */
export function isPartiesLine(text: string): boolean {
  return /^(the states parties to (this|the present) (convention|protocol|agreement)|本(公约|议定书|协定)(各)?缔约国)\s*[,，]?$/i.test(
    text.trim(),
  );
}

/** A heading that opens a preamble in any document. */
export function isPreambleHeading(text: string): boolean {
  return /^(preamble|序言)$/i.test(text.trim());
}

/**
 * True when a paragraph read inside an open preamble is the first of the operative part: the
 * operative clause's connective, or a paragraph that ends a sentence where preambular ones end on
 * a comma.
 */
export function opensOperative(text: string): boolean {
  const t = text.trim();
  if (OPERATIVE_CONNECTIVE.test(t)) return true;
  return /[;.；。]["”’」』)）]*$/.test(t);
}

/**
 * Words that open only preambular paragraphs: "Whereas", a participle ("Recalling", "Noting",
 * "Bearing in mind"), "鉴于", "回顾", "认识到". A paragraph so opened that ends a sentence is read as
 * operative by its punctuation, a call worth a warning.
 */
export function opensLikePreamble(text: string): boolean {
  const t = text.trim();
  return /^(Whereas\b|[A-Z][a-z]+ing\b|Deeply\b|Mindful\b|Aware\b|Convinced\b|鉴于|回顾|认识到|铭记|深信|意识到)/.test(
    t,
  );
}
