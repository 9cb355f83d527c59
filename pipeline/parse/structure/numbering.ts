/**
 * Numbers and labels placed in the open numbering.
 *
 * Decisions:
 * - A top-level number continues its part's sequence, or the restarted one running; 1 inside a
 *   part opens a scope: "D/next-steps" under a "Recommended next steps" heading of section D; the
 *   numbered section's key ("1.2") where the restart comes with a new numbered section (a paper
 *   numbering each section's paragraphs from 1: finish.ts then scopes the first section's too);
 *   else "list-2", "list-3" (finish.ts makes the first list "list-1"), and in a national paper, a
 *   warning that the line's role was guessed. A number that skips ahead is a gap (warned); one
 *   that repeats or goes back keeps its printed label, takes the next number and is warned.
 * - A subparagraph label continues the innermost open list that expects it ("(i)" after "(h)" is the
 *   letter i), unless the open paragraph ends with a colon, which announces a new list. A label that
 *   continues no open list ((一) then "(c)" in annex 23 (f)) keeps its printed text, takes the next
 *   value of the innermost list, and is warned: it must not become a second 23 (c).
 */
import { diag } from "../../diagnostics.ts";
import type { Block } from "../blocks.ts";
import { firstValue, type Label, type LabelStyle, nextValue } from "../labels.ts";
import { guessed } from "./handlers/national.ts";
import { NEXT_STEPS, sectionLetter } from "./readers.ts";
import { at, currentSection, isNational, numberingOf, type ParseState } from "./state.ts";

/** Where a top-level number goes: its scope, the value it takes, whether that differs from print. */
export interface PlacedNumber {
  scope: string | null;
  renumbered: boolean;
  value: number;
}

/** Scope for top-level number `n` in the current part, deciding between continuation, restart and gap. */
export function placeNumber(s: ParseState, n: number, block: Block): PlacedNumber {
  const nb = numberingOf(s, s.part);
  const section = currentSection(s);
  const previous = nb.lastSection;
  nb.lastSection = section;
  if (nb.scope !== null && n === nb.scopeLast + 1) {
    nb.scopeLast = n;
    return { scope: nb.scope, renumbered: false, value: n };
  }
  if (n === nb.mainLast + 1) {
    nb.mainLast = n;
    nb.scope = null;
    return { scope: null, renumbered: false, value: n };
  }
  if (n === 1) {
    const nextSteps = [...s.stack].reverse().find((h) => h.kind !== "inner");
    let scope: string;
    if (nextSteps && NEXT_STEPS.test(nextSteps.text)) {
      const sec = [...s.stack].reverse().find((h) => h.kind === "section");
      const letter = sec ? sectionLetter(sec.text) : null;
      scope = letter ? `${letter}/next-steps` : "next-steps";
    } else if (section !== null && section !== previous) {
      scope = section;
      nb.sectionScoped = true;
    } else {
      nb.lists++;
      scope = `list-${nb.lists}`;
      if (isNational(s))
        guessed(
          s,
          block,
          `paragraph numbering restarts at 1 ${section ? `inside section ${section}` : "with no numbered section around it"}; read as a new list (${scope})`,
        );
    }
    nb.scope = scope;
    nb.scopeLast = 1;
    return { scope, renumbered: false, value: 1 };
  }
  const last = nb.scope !== null ? nb.scopeLast : nb.mainLast;
  if (n > last + 1) {
    s.diagnostics.push(
      diag(
        "parse/numbering-gap",
        at(s, block.line, block.column),
        `Paragraph ${n} follows paragraph ${last}: ${n - last - 1} number(s) are missing.`,
        "Check the conversion for a lost paragraph; if the source skips numbers, nothing to do.",
      ),
    );
    if (nb.scope !== null) nb.scopeLast = n;
    else nb.mainLast = n;
    return { scope: nb.scope, renumbered: false, value: n };
  }
  const value = last + 1;
  s.diagnostics.push(
    diag(
      "parse/numbering-irregular",
      at(s, block.line, block.column),
      `Paragraph number ${n} repeats or goes back (the previous was ${last}); the text is kept as printed and numbered ${value} in sequence.`,
      "Correct the number in the corpus file if the conversion changed it.",
    ),
  );
  if (nb.scope !== null) nb.scopeLast = value;
  else nb.mainLast = value;
  return { scope: nb.scope, renumbered: true, value };
}

/** Where a subparagraph goes: its number path, its parent draft, whether it was renumbered. */
export interface PlacedLabel {
  num: string[];
  parent: number | null;
  renumbered: boolean;
}

interface Candidate {
  style: LabelStyle;
  value: string;
}

interface Choice extends Candidate {
  depth: number;
  parent: number;
}

/**
 * Assign a subparagraph label to a level of the open list (there is one: `s.levels` is not empty),
 * leaving `s.levels` open down to the new item, whose draft is set by the caller.
 */
export function placeLabel(s: ParseState, label: Label, block: Block): PlacedLabel {
  const { levels } = s;
  const innermost = s.drafts[levels[levels.length - 1]!.draft]!;
  const colon = /[:：]$/.test(innermost.text.trim());
  // "(i)" may be the letter i or roman one: both readings are candidates, the letter first.
  const candidates: Candidate[] = [{ style: label.style, value: label.value }];
  if (label.roman) candidates.push({ style: "roman", value: label.roman });
  const choice =
    (colon ? opensAfterColon(s, candidates) : null) ??
    continuesOpenList(s, candidates) ??
    opensNewList(s, candidates) ??
    (levels.length === 1 ? openNew(s, candidates[0]!) : null);
  if (!choice) return continueInSequence(s, label, block);
  s.levels = levels.slice(0, choice.depth);
  s.levels.push({ style: choice.style, value: choice.value, draft: -1 });
  return { num: levelsNum(s), parent: choice.parent, renumbered: false };
}

const startOf = (c: Candidate) => c.value === firstValue(c.style);

/** A new level under the innermost open item. */
function openNew(s: ParseState, c: Candidate): Choice {
  const parent = s.levels[s.levels.length - 1]!.draft;
  return { depth: s.levels.length, style: c.style, value: c.value, parent };
}

/** A chapeau ending with a colon announces a new list: prefer opening one. */
function opensAfterColon(s: ParseState, candidates: Candidate[]): Choice | null {
  const { levels } = s;
  const c = candidates.find(
    (c) => startOf(c) && !levels.some((l) => l.style === c.style && l.draft === levels.at(-1)!.draft),
  );
  return c && levels[levels.length - 1]!.style !== c.style ? openNew(s, c) : null;
}

/** The innermost open list (below the top number) whose next value this label is. */
function continuesOpenList(s: ParseState, candidates: Candidate[]): Choice | null {
  const { levels } = s;
  for (let d = levels.length - 1; d >= 1; d--) {
    const lv = levels[d]!;
    for (const c of candidates) {
      // Chinese and roman numerals are one family: (一) (二) and (i) (ii) normalise alike.
      const sameFamily =
        lv.style === c.style ||
        (lv.style === "cjk" && c.style === "roman") ||
        (lv.style === "roman" && c.style === "cjk");
      if (sameFamily && nextValue(lv.style, lv.value) === c.value)
        return { depth: d, style: lv.style, value: c.value, parent: levels[d - 1]!.draft };
    }
  }
  return null;
}

/** A first label ("(a)", "(i)") of a style no open list below the top number has. */
function opensNewList(s: ParseState, candidates: Candidate[]): Choice | null {
  const c = candidates.find(startOf);
  if (
    c &&
    !s.levels.some((l, i) => i > 0 && (l.style === c.style || (l.style === "cjk" && c.style === "roman")))
  )
    return openNew(s, c);
  return null;
}

/** Continues no open list: keep the printed text, take the next value of the innermost list, warn. */
function continueInSequence(s: ParseState, label: Label, block: Block): PlacedLabel {
  const { levels } = s;
  const d = levels.length - 1;
  const lv = levels[d]!;
  const value = nextValue(lv.style, lv.value);
  const top = s.drafts[levels[0]!.draft]!;
  const expect = levels
    .slice(1)
    .map((l) => `"${printedOf(l.style, nextValue(l.style, l.value))}"`)
    .reverse()
    .join(" or ");
  s.diagnostics.push(
    diag(
      "parse/numbering-irregular",
      at(s, block.line, block.column),
      `Subparagraph "${label.printed}" continues no open list here (expected ${expect}); its text is kept as printed and it is numbered ${[...top.num, ...levels.slice(1, d).map((l) => l.value), value].join(" ")} in sequence.`,
      "If the source document really prints this label, nothing to do; if the conversion changed it, correct the label in the corpus file.",
    ),
  );
  s.levels = levels.slice(0, d);
  s.levels.push({ style: lv.style, value, draft: -1 });
  return { num: levelsNum(s), parent: s.levels[d - 1]!.draft, renumbered: true };
}

/** The number path of the open levels: the top paragraph's number, then each level's value. */
function levelsNum(s: ParseState): string[] {
  return s.levels.map((l, i) => (i === 0 ? s.drafts[l.draft]!.num[0]! : l.value));
}

/** How a label of this style and value is printed, for the warning's "expected". */
function printedOf(style: LabelStyle, value: string): string {
  if (style === "cjk") {
    const cjk = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    const n = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"].indexOf(value) + 1;
    return `(${cjk[n] ?? value})`;
  }
  return style === "number" ? `${value}.` : `(${value})`;
}
