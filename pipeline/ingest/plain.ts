/**
 * Plain text -> blocks: the raw text of a PDF as text extractors give it (one printed line a line,
 * the cover block at the top, footnote markers printed as plain digits glued to the word before,
 * footnote texts at the end).
 *
 * Decisions:
 * - A new paragraph starts at a label ("1.", "(a)", "(i)", "一."), or where the previous line ends a
 *   clause (",", ";", ":", ".") and this one starts with a capital or a Chinese character, or after a
 *   short line (a heading). A lower-case start always continues the paragraph: the raw text has no
 *   blank lines, and a wrapped line in UN English never starts a paragraph in lower case.
 * - A digit glued to a word or to punctuation ("Action,1", "Declaration4") is a footnote marker only
 *   when it is the next note number or one already seen: notes are numbered in reading order, and
 *   this keeps "1,000" and "G77" as they are.
 */
import { diag } from "../diagnostics.ts";
import { splitCover } from "./cover.ts";
import {
  ENDS_SENTENCE,
  isCjk,
  isPageFurniture,
  joinLines,
  splitBullet,
  startsWithBullet,
  startsWithLabel,
  superscript,
} from "./lines.ts";
import { finishBlocks } from "./markdown.ts";
import type { Block, Converted, ConvertOptions } from "./types.ts";

/** A footnote text at the end of the document: "1 A/CONF.157/24 (Part I), chap. III." */
const NOTE_LINE = /^(\d{1,3}|\*{1,3})\s+(\S.*)$/;

/**
 * Glued marker candidates: digits right after a lower-case letter, or after punctuation that
 * follows a word ("Action,1", "world”,3"), then white space, punctuation or the end. Never after a
 * digit, "/", "-" or a capital (symbols, ranges, "G77").
 */
const GLUED = /(?<=[a-z\u00df-\u00ff]|[a-z0-9)\]”’"][,.;:]|[,.;:][”’"]|[”’")\]])(\d{1,3})(?=[\s,.;:)]|$)/g;

/** Abbreviations a number follows in references ("A/AC.292/2025/INF/5/Rev.1", "para.7"). */
const ABBREVIATION =
  /(?:^|[^A-Za-z])(?:Rev|Add|Corr|Amend|Suppl|Summ|para|paras|No|Nos|Vol|art|arts|p|pp|chap|sect|Part|item|op|fn|n)\.$/i;

/**
 * Turn glued footnote digits into superscripts, in reading order; `state.max` is the highest note
 * number seen so far and `state.seen` every number seen. Returns the rewritten line.
 */
export function markGluedFootnotes(line: string, state: { max: number; seen: Set<number> }): string {
  return line.replace(GLUED, (digits: string, _g: string, offset: number, whole: string) => {
    const n = Number(digits);
    const before = whole.slice(0, offset);
    // "1,000": a comma between digits and three more digits is a thousands separator.
    if (/\d,$/.test(before) && digits.length === 3) return digits;
    // "Rev.1", "para.7", "No.3": a number after an abbreviation is part of a reference.
    if (ABBREVIATION.test(before)) return digits;
    if (n === state.max + 1 || (n > 0 && state.seen.has(n))) {
      state.seen.add(n);
      state.max = Math.max(state.max, n);
      return superscript(digits);
    }
    return digits;
  });
}

/** Convert the raw text of a document into blocks and corpus Markdown. */
export function convertPlainText(text: string, opts: ConvertOptions): Converted {
  const diagnostics = [];
  const all = text.replace(/\r\n?/g, "\n").split("\n");
  const { cover, start } = splitCover(all);
  const lines = all.slice(start).map((l) => l.replace(/\s+$/, ""));

  // Footnote texts at the end: a trailing run of "n text" lines, each with at most two
  // continuation lines, numbered from 1 (or "*") upwards.
  let notesFrom = lines.length;
  let pending = 0;
  for (let k = lines.length - 1; k >= 0; k--) {
    const l = lines[k]!.trim();
    if (!l) continue;
    if (NOTE_LINE.test(l) && !startsWithLabel(l)) {
      notesFrom = k;
      pending = 0;
    } else if (pending < 2 && !startsWithLabel(l)) pending++;
    else break;
  }
  const firstNote = NOTE_LINE.exec(lines[notesFrom]?.trim() ?? "");
  if (firstNote && !(firstNote[1] === "1" || firstNote[1]!.startsWith("*"))) notesFrom = lines.length;

  const runningTitles = repeatedTitles(lines.slice(0, notesFrom));
  const state = { max: 0, seen: new Set<number>() };
  const widest = Math.max(1, ...lines.map((l) => l.trim().length));
  const blocks: Block[] = [];
  let current: string[] = [];
  const flush = () => {
    if (current.length) {
      const b = splitBullet(joinLines(current));
      blocks.push(b.bullet ? { kind: "text", text: b.text, bullet: true } : { kind: "text", text: b.text });
    }
    current = [];
  };
  let previous = "";
  for (let k = 0; k < notesFrom; k++) {
    const raw = lines[k]!.trim();
    if (!raw) {
      flush();
      previous = "";
      continue;
    }
    if (isPageFurniture(raw)) {
      diagnostics.push(
        diag(
          "ingest/artifact-dropped",
          { file: opts.file, line: start + k + 1 },
          `"${raw}" dropped as page furniture.`,
        ),
      );
      continue;
    }
    if (runningTitles.has(k)) {
      diagnostics.push(
        diag(
          "ingest/artifact-dropped",
          { file: opts.file, line: start + k + 1 },
          `"${raw}" dropped: the document's title repeated as a running header, cutting a sentence.`,
        ),
      );
      continue;
    }
    // An asterisk marker ("South Africa:* draft resolution") is printed as the corpus writes it.
    const line = markGluedFootnotes(raw, state);
    if (current.length && startsNewParagraph(previous, line, widest)) flush();
    current.push(line);
    previous = line;
  }
  flush();

  let note: { marker: string; lines: string[] } | undefined;
  const flushNote = () => {
    if (note) blocks.push({ kind: "note", marker: note.marker, text: joinLines(note.lines) });
    note = undefined;
  };
  for (let k = notesFrom; k < lines.length; k++) {
    const l = lines[k]!.trim();
    if (!l || isPageFurniture(l)) continue;
    const m = NOTE_LINE.exec(l);
    if (m && (m[1]!.startsWith("*") || state.seen.has(Number(m[1])) || !note)) {
      flushNote();
      note = { marker: m[1]!, lines: [m[2]!] };
    } else if (note) note.lines.push(l);
  }
  flushNote();
  const { markdown, hyphenation } = finishBlocks(blocks);
  return { markdown, blocks, cover, diagnostics, hyphenation };
}

/**
 * Lines that repeat an earlier line (a title, with its label such as "80/16." taken off) between
 * the two halves of a sentence: the running title of the printed page. Returns their indexes.
 */
function repeatedTitles(lines: readonly string[]): Set<number> {
  const seen = new Set<string>();
  const out = new Set<number>();
  const key = (l: string) => l.trim().replace(/^\d+\/\d+\.\s+/, "");
  const near = (k: number, step: number) => {
    for (let j = k + step; j >= 0 && j < lines.length; j += step)
      if (lines[j]!.trim()) return lines[j]!.trim();
    return "";
  };
  lines.forEach((l, k) => {
    const t = key(l);
    if (!t) return;
    if (seen.has(t) && !ENDS_SENTENCE.test(near(k, -1)) && /^[a-z]/.test(near(k, 1))) out.add(k);
    seen.add(t);
  });
  return out;
}

/** How preambular paragraphs open: "Recalling", "Guided by", "Deeply concerned", "Bearing in mind". */
const PREAMBLE_OPENER =
  /^(?:[A-Z][a-z]+ing\b|(?:Deeply |Gravely |Seriously )?(?:Guided|Aware|Mindful|Convinced|Concerned|Alarmed|Determined|Recognizing|Conscious|Desirous|Cognizant|Encouraged|Noting|Having)\b)/;

function startsNewParagraph(previous: string, line: string, widest: number): boolean {
  if (startsWithLabel(line) || startsWithBullet(line)) return true;
  const first = line[0] ?? "";
  const upper = /[A-Z“"‘]/.test(first) || isCjk(first);
  if (!upper) return false;
  if (ENDS_SENTENCE.test(previous) && !/,$/.test(previous)) return true;
  if (/[,;:.。；：，][”’"]?[¹²³⁴⁵⁶⁷⁸⁹⁰*]*$/.test(previous)) {
    // A clause ends here. A full-width line ending in a comma is usually a wrapped line
    // ("... to be held in Monterrey," / "Mexico, ..."), unless a preambular opener follows.
    return previous.length < widest * 0.85 || PREAMBLE_OPENER.test(line);
  }
  // A short line with no closing punctuation is a heading or a title line.
  return previous.length < widest * 0.6;
}
