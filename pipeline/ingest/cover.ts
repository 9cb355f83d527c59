/**
 * The cover block of a UN document: masthead ("United Nations", "General Assembly"), "Distr.:
 * General", the issue date, "Original: English", the symbol, the job number and the bar code. It is
 * page furniture, not text: the importer drops it and keeps what it says as data (the date becomes
 * the front matter's default date; the rest goes into the front matter's note).
 *
 * Decision: the block is read only at the very start of the text, and ends at the first line that
 * is none of these, so a date or "General Assembly" inside the text is never taken for it.
 */

import { MONTHS_EN_PATTERN, monthNumber } from "../../core/text/months.ts";
import { BARCODE_LINE, JOB_LINE, SYMBOL_LINE } from "./lines.ts";
import type { Cover } from "./types.ts";

const EN_DATE = new RegExp(`^(\\d{1,2})\\s+(${MONTHS_EN_PATTERN})\\s+(\\d{4})$`, "i");
const ZH_DATE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$/;
const MASTHEAD =
  /^(?:United Nations|联合国|General Assembly|Security Council|Economic and Social Council|大\s*会|安全理事会|经济及社会理事会)$/;
const MASTHEAD_ANYWHERE =
  /United Nations|General Assembly|Security Council|Economic and Social Council|联合国|大\s*会|安全理事会/g;
const EN_DATE_ANYWHERE = new RegExp(`\\b\\d{1,2}\\s+(?:${MONTHS_EN_PATTERN})\\s+\\d{4}\\b`, "i");
const DISTR = /(?:Distr\.?\s*:?\s*(General|Limited|Restricted)|分发\s*[：:]\s*(\S+))/i;
const ORIGINAL = /^(?:Original\s*:\s*(\S+)|原\s*文\s*[：:]\s*(\S+))$/i;
const LANGUAGE_LINE = /^(?:Chinese|English|French|Spanish|Russian|Arabic|中文|英文|法文)$/;

/** The organ a masthead names, as the corpus's `body` writes it. */
const ORGANS: Record<string, string> = {
  GeneralAssembly: "General Assembly",
  大会: "General Assembly",
  SecurityCouncil: "Security Council",
  安全理事会: "Security Council",
  EconomicandSocialCouncil: "Economic and Social Council",
  经济及社会理事会: "Economic and Social Council",
};

/** "28 November 2001" or "2001 年 11 月 28 日" -> "2001-11-28"; anything else -> undefined. */
export function coverDate(line: string): string | undefined {
  const t = line.trim();
  const en = EN_DATE.exec(t);
  if (en) return iso(Number(en[3]), monthNumber(en[2]!), Number(en[1]));
  const zh = ZH_DATE.exec(t);
  if (zh) return iso(Number(zh[1]), Number(zh[2]), Number(zh[3]));
  return undefined;
}

function iso(y: number, m: number, d: number): string {
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/**
 * Read one line as part of a cover block, recording what it says; false when it is not cover furniture.
 * Extraction often puts the masthead and the distribution on one line ("General Assembly
 * Distr.: Limited"), so a line is cover when every piece of it is.
 */
function readCoverLine(line: string, cover: Cover): boolean {
  const t = line.trim();
  if (!t) return true;
  // Cells of one printed row, set apart by wide gaps: "United Nations    A/78/265".
  const cells = t.split(/\s{3,}|\t/);
  if (cells.length > 1) return cells.every((c) => readCoverLine(c, cover));
  const distr = DISTR.exec(t);
  if (distr) {
    // Extracted text often runs a whole cover row together: "General Assembly Distr.: General
    // 5 December 2025". Every other piece of the row must be cover too.
    let rest = t.replace(DISTR, " ").replace(MASTHEAD_ANYWHERE, " ");
    const date = EN_DATE_ANYWHERE.exec(rest);
    if (date) {
      cover.date ??= coverDate(date[0]);
      rest = rest.replace(date[0], " ");
    }
    for (const m of t.matchAll(MASTHEAD_ANYWHERE)) {
      const organ = ORGANS[m[0].replace(/\s+/g, "")];
      if (organ) cover.organ ??= organ;
    }
    const pieces = rest.trim().split(/\s+/).filter(Boolean);
    if (pieces.some((p) => !SYMBOL_LINE.test(p))) return false;
    cover.distribution = distr[1] ?? distr[2];
    if (pieces[0]) cover.symbol ??= pieces[0];
    return true;
  }
  if (MASTHEAD.test(t)) {
    const organ = ORGANS[t.replace(/\s+/g, "")];
    if (organ) cover.organ ??= organ;
    return true;
  }
  if (BARCODE_LINE.test(t) || LANGUAGE_LINE.test(t)) return true;
  const orig = ORIGINAL.exec(t);
  if (orig) {
    cover.original = orig[1] ?? orig[2];
    return true;
  }
  const date = coverDate(t);
  if (date) {
    cover.date ??= date;
    return true;
  }
  if (JOB_LINE.test(t)) {
    cover.job ??= t.split(/\s/)[0];
    return true;
  }
  if (SYMBOL_LINE.test(t)) {
    cover.symbol ??= t;
    return true;
  }
  return false;
}

/**
 * Split the cover block off the start of a text given as lines. Returns the cover and the index of
 * the first line of text. Without a "Distr." line near the top there is no cover block (a
 * resolution as adopted has none), and nothing is dropped.
 */
export function splitCover(lines: readonly string[]): { cover: Cover; start: number } {
  const cover: Cover = { lines: [] };
  const probe = lines.slice(0, 12);
  if (!probe.some((l) => DISTR.test(l))) return { cover, start: 0 };
  let k = 0;
  while (k < lines.length && readCoverLine(lines[k]!, cover)) {
    if (lines[k]!.trim()) cover.lines.push(lines[k]!.trim());
    k++;
  }
  return { cover, start: k };
}

/** The cover as one line for the front matter's note. */
export function coverNote(cover: Cover): string | undefined {
  if (cover.lines.length === 0) return undefined;
  return `Cover block dropped on import: ${cover.lines.map((l) => l.replace(/\s+/g, " ")).join(" | ")}`;
}

/** A session line: "Ninety-ninth session", "第九十九届会议", "Third Committee". */
const SESSION =
  /^(?:[A-Z][a-z]+(?:-[a-z]+)? session|(?:First|Second|Third|Fourth|Fifth|Sixth) Committee|第.{1,8}届会议|第[一二三四五六]委员会)$/;
/** An agenda-item line: "Item 93 of the provisional agenda*", "Agenda item 119 (b)", "临时议程* 项目 93". */
const AGENDA =
  /^(?:(?:Agenda )?items? \d.*|.*\bof the (?:provisional )?agenda\b.*|.*议程.*项目.*|议程项目.*)$/i;
/** The opening of a body text: a label, "The General Assembly,", "大会，". */
const BODY_START =
  /^(?:\d{1,3}\.\s|\([a-z]\)\s|[IVX]{1,5}\.\s|[一二三四五六七八九十]{1,3}[.、．]\s?|[A-Z]\.\s|The (?:General Assembly|Security Council|Economic and Social Council)\b|大会[，,]|安全理事会[，,])/;
/** A resolution's number before its title: "80/16. Open-ended working group…". */
const RESOLUTION_TITLE = /^\d{1,3}\/\d{1,4}\.\s+(.+)$/;

/**
 * The title of a document from the head of its text (the blocks after the cover block): past the
 * session and agenda-item lines, the last line before the body starts; a resolution's numbered
 * title line ("80/16. Open-ended…") wins. Returns the title and the index of its block, or
 * nothing when the head holds none. It is a reading, not a certainty: the importer says it read it.
 */
export function headTitle(texts: readonly string[]): { title: string; index: number } | undefined {
  let best: { title: string; index: number } | undefined;
  for (let k = 0; k < Math.min(texts.length, 12); k++) {
    const t = texts[k]!.replace(/[*¹²³⁴⁵⁶⁷⁸⁹⁰]+/g, "")
      .replace(/\s+/g, " ")
      .trim();
    if (!t) continue;
    const numbered = RESOLUTION_TITLE.exec(t);
    if (numbered) return { title: numbered[1]!, index: k };
    if (BODY_START.test(t)) break;
    if (SESSION.test(t) || AGENDA.test(t) || t.length > 300) continue;
    best = { title: t, index: k };
  }
  return best;
}
