/**
 * Handlers for headings: a part's heading opens a part; any other heading joins the outline and
 * the heading path, and may open a preamble or a list of documents.
 */

import { cjkToNumber, romanToNumber } from "../../labels.ts";
import { isPreambleHeading } from "../articles.ts";
import { placeSection, pushHeading } from "../outline.ts";
import { DOC_LIST, sectionLetter } from "../readers.ts";
import { ARTICLE_TITLE, enterPart, isNational, LEVEL } from "../state.ts";
import { closeEntries } from "./lists.ts";
import type { Handler } from "./types.ts";

/**
 * An annex, nested annex or appendix opens a part. "Annex A" inside an unlettered "Annex" is a
 * nested annex (["annex", "annex A"]); an appendix belongs to the part it follows.
 */
export const part: Handler<"part"> = (s, { annex, text, refs, block }) => {
  let next: string[];
  if (annex === undefined) next = [...s.part.filter((p) => p !== "appendix"), "appendix"];
  else {
    const label = annex === null ? "annex" : `annex ${annex}`;
    const parentIsPlainAnnex = s.part[0] === "annex" && annex !== null;
    next = parentIsPlainAnnex ? ["annex", label] : [label];
  }
  closeEntries(s);
  enterPart(s, next);
  pushHeading(s, text, "part", block, refs);
};

/**
 * A heading of a chapter, section or less. It keeps the open paragraph's list (a new number ends
 * it). "The General Assembly," over a resolution opens its preamble; a heading naming a list of
 * documents inside an annex opens that list.
 */
export const heading: Handler<"heading"> = (s, { heading: kind, text, refs, block }) => {
  // An article's title line (read as plain by the classifier) stays under the article.
  const unitLevel = s.unitTitle && s.stack.at(-1)?.kind === "article" ? ARTICLE_TITLE : undefined;
  // "Preamble" / "序言" opens a preamble in any document (a declaration's, a convention's).
  if (isPreambleHeading(text) && !s.article) {
    s.preamble.open = true;
    s.preamble.count = 0;
    s.preamble.headed = true;
  }
  if (kind === "chapter" && /^[IVXL]+\./.test(text)) s.chapterRoman++;
  if (kind === "title" && /^(the general assembly|大会)/i.test(text) && s.input.isResolution) {
    s.preamble.open = true;
    s.preamble.count = 0;
    s.preamble.headed = false;
  }
  if (DOC_LIST.test(text) && s.part.length > 0) s.entries.open = true;
  // A chapter ("II.", "二.") and a section ("A.") are numbered headings: unnumbered paragraphs under
  // them are counted within them, as in a national paper (their levels stay the UN layout's).
  const numbered = kind === "chapter" ? chapterNumber(text) : kind === "section" ? sectionLetter(text) : null;
  const label = /^\S+/.exec(text)?.[0] ?? "";
  const opts = numbered
    ? { section: placeSection(s, kind === "chapter" ? "roman-upper" : "letter-upper", numbered, label).place }
    : {};
  // A national paper's unlabelled heading sits one level under the numbered heading it follows.
  const level =
    unitLevel ?? (isNational(s) && (kind === "plain" || kind === "inner") ? plainLevel(s, kind) : undefined);
  pushHeading(s, text, kind, block, refs, level === undefined ? opts : { ...opts, level });
  if (kind === "title" && s.sincePart === 0 && isNational(s)) s.front = true;
};

/** A chapter heading's number in arabic: "II. Threats" -> "2", "二. 威胁" -> "2". */
function chapterNumber(text: string): string | null {
  const m = /^([一二三四五六七八九十]{1,3}|[IVXL]{1,6})\s*[.．、]/.exec(text);
  if (!m) return null;
  const n = /^[IVXL]/.test(m[1]!) ? romanToNumber(m[1]!.toLowerCase()) : cjkToNumber(m[1]!);
  return n === null ? null : String(n);
}

/** An unlabelled heading's level in a national paper: one under the innermost numbered heading. */
function plainLevel(s: Parameters<Handler<"heading">>[0], kind: "plain" | "inner"): number {
  const numbered = [...s.stack].reverse().find((h) => h.section || h.kind === "title");
  const base = numbered?.level ?? LEVEL.title;
  return base + (kind === "inner" ? 2 : 1);
}
