/**
 * Line-level rules of UN print layout, shared by every importer: what a paragraph label looks
 * like, which lines are page furniture (symbol line, job number, page number, bar code), how
 * wrapped lines join (Chinese without a space, English with one), and the Unicode superscripts
 * that carry footnote markers in the corpus.
 *
 * Decision: these are patterns of the printed page, not of any one extraction tool, so the PDF,
 * plain-text and HTML paths use the same ones and agree on what is text.
 */

/** "12" -> "¹²"; "*" stays "*" (the corpus prints an asterisk note as "*"): core's one table. */
export { toSuperscript as superscript } from "../../core/text/superscript.ts";

import { LINE_END_HYPHEN } from "./hyphenation.ts";

/** A Han character or CJK punctuation: lines that meet at one of these join without a space. */
const CJK = /[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef\u2e80-\u2fdf]/;

/** True when `c` is Chinese script or full-width punctuation. */
export function isCjk(c: string | undefined): boolean {
  return c !== undefined && CJK.test(c);
}

/**
 * Join two wrapped lines of one paragraph. Chinese joins without a space; a line ending in a hyphen
 * between letters joins without a space, the hyphen kept and marked with LINE_END_HYPHEN: whether
 * it divides a word ("recom-mended") or is a compound's own ("confidence-building") is decided
 * once the whole document is read (hyphenation.ts). A line ending in a soft hyphen joins without a
 * space too. Otherwise one space.
 */
export function joinLine(before: string, after: string): string {
  const a = before.replace(/[ \t]+$/, "");
  const b = after.replace(/^[ \t]+/, "");
  if (!a) return b;
  if (!b) return a;
  const last = a[a.length - 1];
  const first = b[0];
  if (isCjk(last) || isCjk(first)) return a + b;
  if (last === "-" && /\p{L}/u.test(a[a.length - 2] ?? "") && /^[\p{L}\p{N}]/u.test(b))
    return a + LINE_END_HYPHEN + b;
  if (last === "-" && /[A-Za-z]/.test(a[a.length - 2] ?? "")) return a + b;
  if (last === "\u00ad") return a + b;
  return `${a} ${b}`;
}

/** Join many lines with {@link joinLine}. */
export function joinLines(lines: readonly string[]): string {
  let out = "";
  for (const l of lines) out = joinLine(out, l);
  return out;
}

/** A paragraph label at the start of a line: "1.", "(a)", "(iv)", "(一)", "一.", "A.", "IV.". */
export const LABEL =
  /^(?:\d{1,3}\.|\((?:[a-z]{1,2}|[ivxlc]{1,6})\)|（?\([一二三四五六七八九十]{1,3}\)|（[一二三四五六七八九十]{1,3}）|[一二三四五六七八九十]{1,3}[.、．]|[A-Z]\.|[IVXL]{1,6}\.)(?:\s|$)/;

/** True when a line begins with a paragraph or heading label. */
export function startsWithLabel(line: string): boolean {
  return LABEL.test(line.trim());
}

/** A document symbol standing alone: "A/78/265", "A/C.3/56/L.45", "A/AC.292/2023/INF/1/Rev.1". */
export const SYMBOL_LINE = /^(?:[A-Z]{1,8}(?:\.\d+)?\/)(?:[A-Za-z0-9.-]+\/)*[A-Za-z0-9.-]+$/;

/** A job number: "23-15135", "01-66657 (E) 291101", "23-15135 (C)". */
export const JOB_LINE = /^\d{2}-\d{5}(?:\s*\([A-Z]\))?(?:\s+\d{6})?(?:\s+\d{6})?$/;

/** A bar code line: "*2315135*". */
export const BARCODE_LINE = /^\*\d{6,}\*$/;

/** A page number: "3", "3/12", "- 3 -", "第 3 页". */
export const PAGE_NUMBER_LINE = /^(?:-\s*)?\d{1,4}(?:\s*\/\s*\d{1,4})?(?:\s*-)?$|^第\s*\d+\s*页$/;

/** Lines a print shop adds: "Please recycle", the recycling symbol. */
const PRINT_SHOP = /^(?:Please recycle|请回收|♲)\s*$/i;

/**
 * True when a whole line is page furniture wherever it stands: the symbol line, a job number,
 * a bar code, a page number, a print-shop note. Combined forms ("A/78/265 23-15135") count too.
 */
export function isPageFurniture(line: string): boolean {
  const t = line.trim();
  if (!t) return true;
  if (SYMBOL_LINE.test(t) || JOB_LINE.test(t) || BARCODE_LINE.test(t) || PAGE_NUMBER_LINE.test(t))
    return true;
  if (PRINT_SHOP.test(t)) return true;
  // Header and footer lines that carry two of these side by side ("A/78/265   3/12").
  const parts = t.split(/\s{2,}|\t/);
  return parts.length > 1 && parts.every((p) => isPageFurniture(p));
}

/**
 * A bullet glyph opening a printed line: "•", "●", "▪", "■", "◦", "‣", "⁃", and the private-use
 * bullets of Word's Symbol and Wingdings fonts (U+F0B7, U+F0A7) that PDF text layers keep.
 * A dash is not among them: "–" opens ranges and quotations too.
 */
const BULLET = /^[•●▪■◦‣⁃\uF0B7\uF0A7][ \t\u00a0\u3000]*/;

/** True when a line opens with a bullet glyph. */
export function startsWithBullet(line: string): boolean {
  return BULLET.test(line.trimStart()) && line.trimStart().length > 1;
}

/** A block's text without its bullet glyph, and whether it had one. */
export function splitBullet(text: string): { text: string; bullet: boolean } {
  const t = text.trimStart();
  const m = BULLET.exec(t);
  return m && t.length > m[0].length ? { text: t.slice(m[0].length), bullet: true } : { text, bullet: false };
}

/** Sentence-final punctuation, English or Chinese, possibly followed by a closing quote or bracket. */
export const ENDS_SENTENCE = /[.;:。；：!?！？][”"’)）]?$/;
