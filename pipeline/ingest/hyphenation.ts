/**
 * Line-end hyphens: a typesetter's division of a word ("recom-/mended") or a compound's own hyphen
 * that fell at a line end ("confidence-/building")? Lines are joined first with the hyphen kept and
 * a mark after it (lines.ts, {@link LINE_END_HYPHEN}); once the whole document is read, each mark is
 * decided here with the document's own words, then a word list, and every decision is recorded.
 *
 * Decisions, in order:
 * 1. Kept before a capital or a digit, or after a digit ("Asia-/Pacific", "2021-/2025"): words
 *    are not divided there.
 * 2. Kept when the hyphenated form stands elsewhere in the document, not at a line end
 *    ("working-level" printed whole on another line).
 * 3. Removed when the joined word stands elsewhere in the document ("recommended").
 * 4. Kept for a known compound: UN usage writes "confidence-building", "non-binding",
 *    "open-ended" with their hyphen (compounds.ts).
 * 5. Removed when the joined word is in the word list (an-array-of-english-words: 275,000 English
 *    words with their inflections, MIT).
 * 6. Otherwise doubtful: kept when both halves are words (a compound the list does not know),
 *    removed when not (a divided word the list does not know, such as a name). Doubtful decisions
 *    are listed with their line, for a person to check.
 *
 * A discretionary (soft) hyphen, U+00AD, is invisible unless a line breaks at it: it is removed
 * and counted.
 */
import { createRequire } from "node:module";
import { isKnownCompound } from "./compounds.ts";
import type { Block } from "./types.ts";

/** Put after a hyphen that ended a printed line, until it is decided. Private use: never in a UN text. */
export const LINE_END_HYPHEN = "\uE002";

const SOFT_HYPHEN = "\u00ad";

/** Why a hyphen was kept or removed. */
export type HyphenReason =
  | "capital or digit"
  | "hyphenated elsewhere in the document"
  | "joined elsewhere in the document"
  | "known compound"
  | "word list"
  | "doubtful: both halves are words"
  | "doubtful: not a known word"
  | "soft hyphen";

/** One decision, for the import report. */
export interface HyphenDecision {
  /** The word as printed across the line end: "recom-mended". */
  printed: string;
  /** What the text now holds: "recommended", or "confidence-building". */
  result: string;
  action: "removed" | "kept";
  reason: HyphenReason;
  doubtful: boolean;
  /** Index of the block it stands in. */
  block: number;
  /** Line of the corpus Markdown (no front matter) it stands on; set by {@link finishBlocks}. */
  line?: number;
}

let wordList: Set<string> | undefined;

/** The English word list, loaded on first use (3 MB: only documents with line-end hyphens pay). */
export function englishWords(): Set<string> {
  if (!wordList) {
    const require = createRequire(import.meta.url);
    wordList = new Set(require("an-array-of-english-words/index.json") as string[]);
  }
  return wordList;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}\u00ad\uE002'’-]*[\p{L}\p{N}]|[\p{L}\p{N}]/gu;

/** The document's own vocabulary, from text that no line end touched. */
function vocabulary(blocks: readonly Block[]): { plain: Set<string>; hyphenated: Set<string> } {
  const plain = new Set<string>();
  const hyphenated = new Set<string>();
  for (const b of blocks)
    for (const m of b.text.matchAll(WORD)) {
      const w = m[0].toLowerCase();
      if (w.includes(LINE_END_HYPHEN) || w.includes(SOFT_HYPHEN)) continue;
      if (w.includes("-")) {
        const parts = w.split("-");
        for (let k = 1; k < parts.length; k++) hyphenated.add(`${parts[k - 1]}-${parts[k]}`);
        for (const p of parts) plain.add(p);
      } else plain.add(w);
    }
  return { plain, hyphenated };
}

/** Decide one line-end hyphen between `left` (letters before) and `right` (letters after). */
function decide(
  left: string,
  right: string,
  doc: { plain: Set<string>; hyphenated: Set<string> },
  words: () => Set<string>,
): { action: "removed" | "kept"; reason: HyphenReason } {
  if (/^[\p{Lu}\p{N}]/u.test(right) || /\p{N}$/u.test(left))
    return { action: "kept", reason: "capital or digit" };
  const l = left.toLowerCase();
  const r = right.toLowerCase();
  if (doc.hyphenated.has(`${l}-${r}`))
    return { action: "kept", reason: "hyphenated elsewhere in the document" };
  if (doc.plain.has(l + r)) return { action: "removed", reason: "joined elsewhere in the document" };
  if (isKnownCompound(l, r)) return { action: "kept", reason: "known compound" };
  const list = words();
  if (list.has(l + r)) return { action: "removed", reason: "word list" };
  const isWord = (w: string) => w.length >= 2 && (list.has(w) || doc.plain.has(w));
  if (isWord(l) && isWord(r)) return { action: "kept", reason: "doubtful: both halves are words" };
  return { action: "removed", reason: "doubtful: not a known word" };
}

/**
 * Decide every line-end hyphen and soft hyphen in `blocks` (in place); returns the decisions.
 * `words` gives the word list (the default loads an-array-of-english-words on first need).
 */
export function resolveHyphens(blocks: Block[], words: () => Set<string> = englishWords): HyphenDecision[] {
  const decisions: HyphenDecision[] = [];
  if (!blocks.some((b) => b.text.includes(LINE_END_HYPHEN) || b.text.includes(SOFT_HYPHEN))) return decisions;
  const doc = vocabulary(blocks);
  blocks.forEach((b, k) => {
    if (!b.text.includes(LINE_END_HYPHEN) && !b.text.includes(SOFT_HYPHEN)) return;
    b.text = b.text.replace(WORD, (token) => {
      if (!token.includes(LINE_END_HYPHEN) && !token.includes(SOFT_HYPHEN)) return token;
      let out = token;
      // Soft hyphens: always removed, each recorded.
      if (out.includes(SOFT_HYPHEN)) {
        const result = out.replaceAll(SOFT_HYPHEN, "").replaceAll(LINE_END_HYPHEN, "");
        for (const _ of out.matchAll(/\u00ad/g))
          decisions.push({
            printed: out.replaceAll(SOFT_HYPHEN, "-").replaceAll(LINE_END_HYPHEN, ""),
            result,
            action: "removed",
            reason: "soft hyphen",
            doubtful: false,
            block: k,
          });
        out = out.replaceAll(SOFT_HYPHEN, "");
      }
      const printed = out.replaceAll(LINE_END_HYPHEN, "");
      return out.replace(
        /([\p{L}\p{N}]*)-\uE002([\p{L}\p{N}]*)/gu,
        (_m, left: string, right: string, offset: number, whole: string) => {
          const d = decide(left, right, doc, words);
          const joined = d.action === "removed" ? left + right : `${left}-${right}`;
          const result = (whole.slice(0, offset) + joined + whole.slice(offset + _m.length)).replaceAll(
            LINE_END_HYPHEN,
            "",
          );
          decisions.push({
            printed,
            result: d.action === "removed" ? result : printed,
            action: d.action,
            reason: d.reason,
            doubtful: d.reason.startsWith("doubtful"),
            block: k,
          });
          return joined;
        },
      );
    });
    // A mark the word pattern did not reach (a hyphen before punctuation) keeps its hyphen.
    b.text = b.text.replaceAll(LINE_END_HYPHEN, "");
  });
  return decisions;
}

/** Count decisions by action and reason: "12 removed (9 document, 3 word list)". */
export function summarizeHyphens(decisions: readonly HyphenDecision[]): string {
  if (!decisions.length) return "";
  const by = (action: "removed" | "kept") => {
    const of = decisions.filter((d) => d.action === action);
    if (!of.length) return "";
    const reasons = new Map<string, number>();
    for (const d of of) reasons.set(d.reason, (reasons.get(d.reason) ?? 0) + 1);
    return `${of.length} ${action} (${[...reasons].map(([r, n]) => `${n} ${r}`).join(", ")})`;
  };
  return [by("removed"), by("kept")].filter(Boolean).join("; ");
}
