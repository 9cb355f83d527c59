/**
 * Readers for the layouts of national papers and of compendia of national contributions: what a
 * line is (a numbered heading, a date or place line, a State's name, a bullet), given the line and
 * what surrounds it. Pure: the classifier (classify.ts) combines them with the parse state.
 *
 * Decisions, from how governments publish their positions:
 * - A short labelled line with no closing punctuation, followed by anything but the next item of
 *   its own list, is a heading ("（二）和平解决争端", "2.1 General"); the same line followed by its
 *   sibling ("(a) Sovereignty" then "(b) Non-intervention") is an item of a list. Labels of the
 *   families a paper numbers its chapters with (一、, II., A., 2.1, "2 ") make a heading whatever
 *   follows.
 * - A date line ("2024年5月", "20 May 2024") and a place line next to one, under a paper's title,
 *   and "[Original: English]" under a State's name, are the paper's front: recorded as datelines.
 * - A compendium's section opens at a line that is exactly a State's name (or a group's).
 */

import { groupByName } from "../authors.ts";
import type { Block } from "../blocks.ts";
import { readDefinition } from "../footnotes.ts";
import { nextValue, type OutlineLabel, readOutlineLabel } from "../labels.ts";
import { matchStateList } from "../states.ts";
import { CJK } from "./readers.ts";

/** Longest heading text after its label: Chinese characters, English characters. */
export const HEADING_MAX = { zh: 40, en: 120 } as const;

/** Labels of the families papers number chapters and sections with: short, they are headings. */
const CHAPTER_STYLES = new Set(["part", "decimal", "bare", "cjk-comma", "roman-upper", "letter-upper"]);

/** True for a label family that makes a short line a heading whatever follows. */
export function isChapterStyle(label: OutlineLabel): boolean {
  return CHAPTER_STYLES.has(label.style);
}

/** Ends like a sentence or a clause, or runs on: a heading never does. */
const CLAUSE_END = /[。；：，、.;:!?！？,]$/;

/**
 * Whether the words after a label read as a heading's title: one line, short, with no sentence
 * inside and nothing ending a clause.
 */
export function headingWords(rest: string, zh: boolean): "heading" | "long" | "sentence" {
  const t = rest.trim();
  if (!t || t.includes("\n") || CLAUSE_END.test(t)) return "sentence";
  if (zh ? /[。；]/.test(t) : /[.;!?]\s+\S/.test(t)) return "sentence";
  return t.length > (zh ? HEADING_MAX.zh : HEADING_MAX.en) ? "long" : "heading";
}

/** The first block after `index` that is text (not blank, not a footnote note). */
export function nextTextBlock(blocks: readonly Block[], index: number): Block | null {
  for (let j = index + 1; j < blocks.length; j++) {
    const t = blocks[j]!.text.trim();
    if (!t || readDefinition(t)) continue;
    return blocks[j]!;
  }
  return null;
}

/** The next value of a label's family: "1" -> "2", "a" -> "b", "A" -> "B". */
export function following(label: OutlineLabel): string {
  if (/^[A-Z]$/.test(label.value)) return String.fromCharCode(label.value.charCodeAt(0) + 1);
  if (/^[a-z]+$/.test(label.value)) return nextValue("letter", label.value);
  return String(Number(label.value) + 1);
}

/** `label` follows `previous` in one list (same family, next value). */
export function continues(previous: string, label: OutlineLabel): boolean {
  const p = readOutlineLabel(`${previous} x`);
  return p !== null && p.style === label.style && following(p) === label.value;
}

/** The block after `index` is the next item of `label`'s own list. */
export function nextIsSibling(blocks: readonly Block[], index: number, label: OutlineLabel): boolean {
  const next = nextTextBlock(blocks, index);
  if (!next || next.kind === "heading") return false;
  const nl = readOutlineLabel(next.text.trim());
  return nl !== null && nl.style === label.style && nl.value === following(label);
}

const MONTHS_EN = "January|February|March|April|May|June|July|August|September|October|November|December";
const DATE_ZH = /^\d{4}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?$/;
const DATE_EN = new RegExp(`^(?:\\d{1,2}\\s+(?:${MONTHS_EN})|(?:${MONTHS_EN})(?:\\s+\\d{1,2},)?)\\s+\\d{4}$`);
/** "[Original: English]", "［原件：英文］", as the UN prints it under a State's contribution. */
const ORIGINAL = /^[[［]\s*(?:original|原件|原文)\s*[:：][^\]］]{1,40}[\]］]$/i;

/**
 * A date alone, or with a place before or after it ("Beijing, 20 May 2024", "2024年5月，北京"), or
 * in brackets as a report of States' views prints a reply's date ("[31 May 2021]").
 */
export function isDateLine(text: string): boolean {
  const t = text.trim().replace(/^[[［]\s*(.*?)\s*[\]］]$/, "$1");
  if (DATE_ZH.test(t) || DATE_EN.test(t)) return true;
  const m = /^(.{1,30}?)[,，]\s*(.+)$/.exec(t);
  if (!m) return false;
  return (
    (isPlaceLine(m[1]!) && (DATE_ZH.test(m[2]!.trim()) || DATE_EN.test(m[2]!.trim()))) ||
    ((DATE_ZH.test(m[1]!.trim()) || DATE_EN.test(m[1]!.trim())) && isPlaceLine(m[2]!))
  );
}

/** A place name on its own: a few Chinese characters, or a few capitalised words. */
export function isPlaceLine(text: string): boolean {
  const t = text.trim();
  return /^[\u4e00-\u9fff]{2,8}$/.test(t) || /^[A-Z][A-Za-z.'-]*(?:\s+[A-Z][A-Za-z.'-]*){0,3}$/.test(t);
}

/** A line of a paper's or section's front: a date (with its place), or the original language. */
export function isFrontLine(text: string): boolean {
  return isDateLine(text) || ORIGINAL.test(text.trim());
}

/** "[Original: English]": marks the text above it as a State's contribution. */
export function isOriginalLine(text: string): boolean {
  return ORIGINAL.test(text.trim());
}

/**
 * The State (ISO code) or group (its code) a line names and does nothing else ("Germany",
 * "德国", "European Union"), or null.
 */
export function nameOnly(text: string): string | null {
  const t = text.trim();
  if (!t || t.length > 60 || /[.。:：;；,，]$/.test(t)) return null;
  const group = groupByName(t);
  if (group) return group;
  const list = matchStateList(t);
  if (list.states.length !== 1 || list.unmatched.length) return null;
  return list.states[0]!.printed.length === t.length ? list.states[0]!.code : null;
}

/** Bullets a converted paper prints as characters ("•", "▪"); "-", "*", "+" are Markdown's own. */
const BULLET = /^([•–▪●◦·■□➢►])[ \t\u3000]*(?=\S)/;
/** "o" is a bullet only inside a list of bullets already open (Word's second level). */
const O_BULLET = /^(o)[ \t]+(?=\S)/;

/** The bullet a text line starts with, and the length it takes with its spaces, or null. */
export function readBullet(line: string, inList: boolean): { mark: string; length: number } | null {
  const m = BULLET.exec(line) ?? (inList ? O_BULLET.exec(line) : null);
  return m ? { mark: m[1]!, length: m[0].length } : null;
}

/** True when a text is Chinese enough to be read by Chinese rules (lengths, punctuation). */
export function isZh(text: string, lang: "zh" | "en"): boolean {
  return lang === "zh" || CJK.test(text.slice(0, 4));
}
