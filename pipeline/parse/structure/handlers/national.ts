/**
 * Handlers for the layouts of national papers and compendia: a State's section, a numbered
 * heading of a paper's outline, a decimal-numbered paragraph, a line of a paper's front, and the
 * bullet items a paragraph introduces.
 */
import { stateOfPart, statePart } from "../../../../core/address/address.ts";
import { diag } from "../../../diagnostics.ts";
import type { Block } from "../../blocks.ts";
import type { MarkerRef } from "../../footnotes.ts";
import { nextValue, type OutlineLabel } from "../../labels.ts";
import { readBullet } from "../national.ts";
import { placeSection, pushHeading } from "../outline.ts";
import {
  addRefs,
  at,
  continuesNumbering,
  enterPart,
  extendPages,
  isNational,
  newDraft,
  type ParseState,
} from "../state.ts";
import { closeEntries } from "./lists.ts";
import type { Handler } from "./types.ts";

/** Report a line whose role was guessed: the paper is kept whole, and `--strict` fails on it. */
export function guessed(s: ParseState, block: Block, what: string): void {
  s.diagnostics.push(
    diag(
      "parse/role-guessed",
      at(s, block.line, block.column),
      `The role of this line was guessed: ${what}.`,
      "If the guess is wrong, give the line the punctuation its role takes (a heading none, a paragraph its full stop), or split or join it in the corpus file.",
    ),
  );
}

/**
 * A State's section of a compendium is a part of its own ("state DE", addressed `state-de`), under
 * the part that holds the sections: its numbering restarts at 1, its outline is the State's.
 */
export const stateSection: Handler<"stateSection"> = (s, { code, text, refs, block }) => {
  closeEntries(s);
  const base = s.part.filter((p) => stateOfPart(p) === null && p !== "appendix");
  enterPart(s, [...base, statePart(code)]);
  pushHeading(s, text, "part", block, refs);
  s.front = true;
};

/** A date, place or "[Original: …]" line of a paper's front: recorded, on no heading path. */
export const dateline: Handler<"dateline"> = (s, { text, refs, block }) => {
  pushHeading(s, text, "dateline", block, refs);
  s.front = true;
};

/**
 * Which family a single capital letter that is also a roman numeral ("I.", "V.", "C.") continues:
 * an open roman chapter it follows, else an open lettered section it follows, else "I." opens
 * chapters and any other letter a section.
 */
function settleRoman(s: ParseState, label: OutlineLabel): { style: OutlineLabel["style"]; value: string } {
  if (label.style !== "letter-upper" || label.roman === undefined) return label;
  const open = s.stack.filter((h) => h.section);
  const roman = open.find((h) => h.section!.style === "roman-upper");
  if (roman && String(Number(roman.section!.path.at(-1)) + 1) === label.roman)
    return { style: "roman-upper", value: label.roman };
  const letter = open.find((h) => h.section!.style === "letter-upper");
  if (letter && nextValue("letter", letter.section!.path.at(-1)!.toLowerCase()) === label.value.toLowerCase())
    return label;
  return label.value === "I" && !letter ? { style: "roman-upper", value: "1" } : label;
}

/**
 * A numbered heading of a paper's outline: it opens the section its label names ("2.1", 一、 >
 * （二） = "1.2"); its level comes from the outline, so every paragraph keeps the whole path.
 */
export const numberedHeading: Handler<"numberedHeading"> = (
  s,
  { label, text, refs, block, guessed: why },
) => {
  const { style, value } = settleRoman(s, label);
  const { place, level } = placeSection(s, style, value, label.printed, label.path);
  s.levels = [];
  pushHeading(s, text, "numbered", block, refs, { level, section: place });
  if (why) guessed(s, block, why);
};

/**
 * In a national paper, a labelled paragraph ends the numbered heading of its own label family, and
 * all under it: "五、各方…" after the heading "四、企业责任" stands beside it, not in it. `path`, for a
 * paragraph numbered in the outline's terms, keeps the headings it is inside ("2.1" over "2.1.3").
 */
export function closeSiblingHeading(s: ParseState, style: string, path?: string[]): void {
  if (!isNational(s)) return;
  const k = s.stack.findIndex((h) => {
    if (!h.section) return false;
    if (path) return !h.section.path.every((v, i) => path[i] === v) || h.section.path.length >= path.length;
    return h.section.style === style;
  });
  if (k >= 0) s.stack = s.stack.slice(0, k);
}

/**
 * In a national paper, whether a numbered paragraph ("3.") closes the open heading numbered in its
 * family ("2. Sovereignty") as that heading's sibling, or stands under it. Papers number headings
 * and paragraphs alike: through the paper ("1. Introduction", 1., 2., "2. Sovereignty", 3., …) or
 * from 1 under each heading; closing the heading at every paragraph left each one's heading path
 * with the title alone. Under it: while the heading holds nothing yet (a heading is followed by
 * what it heads), when the number restarts at 1, when it is not the heading's next number, and
 * when it continues the paragraphs' own numbering. Beside it, closing it ("1、总体立场", its text,
 * then "2、各方…。"), only when it is the heading's next number and continues nothing. A number that
 * is both the heading's next and the paragraphs' next, under a heading that holds no paragraph so
 * numbered, is read as under it and warned: it could be either.
 */
export function closeNumberedSibling(s: ParseState, value: number, block: Block): void {
  if (!isNational(s)) return;
  const k = s.stack.findIndex((h) => h.section?.style === "number");
  if (k < 0) return;
  const heading = s.stack[k]!;
  if (value === 1 || String(value) !== following(heading.section!.path.at(-1)!)) return;
  const from = heading.drafts ?? 0;
  if (from >= s.drafts.length) return;
  if (!continuesNumbering(s, value)) {
    s.stack = s.stack.slice(0, k);
    return;
  }
  for (let d = from; d < s.drafts.length; d++)
    if (s.drafts[d]!.parent === null && s.drafts[d]!.num.length === 1 && isNumberLabel(s.drafts[d]!.label))
      return;
  guessed(
    s,
    block,
    `paragraph ${value} follows both the heading "${heading.text}" and paragraph ${value - 1}; read as under the heading (the paragraphs' numbering continues), not beside it`,
  );
}

/** "3." or "3、": a label of the number family a paragraph and a heading can share. */
const isNumberLabel = (label: string) => /^\d{1,4}[.．、]$/.test(label);

/** The next number after `value` ("2" -> "3"). */
const following = (value: string) => String(Number(value) + 1);

/**
 * A paragraph numbered in the outline's own terms: "2.1.3" (its number is its whole path) or
 * "五、" (its value), outside any restarting sequence; a subparagraph under it continues its
 * number ("2.1.3.a").
 */
export const outlined: Handler<"outlined"> = (s, { label, body, refs, block, guessed: why }) => {
  s.preamble.open = false;
  const path = label.path ?? [label.value];
  closeSiblingHeading(s, label.style, path);
  const items = itemsIn(body, refs, false);
  const k = newDraft(s, {
    part: [...s.part],
    scope: null,
    num: [...path],
    label: label.printed,
    text: items.text,
    parent: null,
    block,
    kind: "paragraph",
  });
  s.drafts[k]!.items = items.items.map((it, i) => ({ n: i + 1, ...it }));
  addRefs(s, items.refs, { draft: k }, block);
  s.levels = [{ style: "number", value: label.value, draft: k }];
  s.open = k;
  s.items = items.items.length ? { draft: k } : null;
  if (why) guessed(s, block, why);
};

/** A bullet item: its words go into the paragraph that introduced it, on a line of their own. */
export const item: Handler<"item"> = (s, { target, mark, text, refs, block }) => {
  const d = s.drafts[target]!;
  const pieces = itemsIn(text, refs, true, mark);
  // The block's own first line is an item too (its bullet was read by the classifier).
  for (const it of pieces.items) {
    const start = d.text.length + 1;
    d.text += `\n${pieces.text.slice(it.start, it.end)}`;
    d.items.push({ n: d.items.length + 1, mark: it.mark, start, end: d.text.length });
    addRefs(
      s,
      pieces.refs
        .filter((r) => r.at >= it.start && r.at <= it.end)
        .map((r) => ({ ...r, at: r.at - it.start })),
      { draft: target },
      block,
      start,
    );
  }
  d.endLine = block.endLine;
  extendPages(d, block);
  s.items = { draft: target };
  s.open = target;
};

/** A text cut into the words before its items and its items, bullets out. */
export interface WithItems {
  /** The text with each bullet taken out (intro, then each item on its own line). */
  text: string;
  /** Items with offsets into `text`. */
  items: Array<{ mark: string; start: number; end: number }>;
  /** The markers, their offsets moved into `text`. */
  refs: MarkerRef[];
}

/**
 * Take bullet items out of a block's text: lines after the first that start with a bullet ("•",
 * "▪", "–"…) are items of what precedes them. With `first`, the first line is an item already
 * (its bullet `mark` read by the classifier). Markers move with the text they stand in.
 */
export function itemsIn(text: string, refs: MarkerRef[], first: boolean, mark = "-"): WithItems {
  const lines = text.split("\n");
  const out: string[] = [];
  const items: WithItems["items"] = [];
  const moved: MarkerRef[] = [];
  const taken = new Set<MarkerRef>();
  let src = 0;
  let dst = 0;
  lines.forEach((line, i) => {
    const b = i === 0 ? null : readBullet(line, items.length > 0 || first);
    const skip = b ? b.length : 0;
    const kept = line.slice(skip);
    // Each marker moves with the line it stands in (one standing on the bullet, to the item's start).
    for (const r of refs) {
      if (taken.has(r) || r.at > src + line.length) continue;
      taken.add(r);
      moved.push({ ...r, at: Math.max(0, r.at - src - skip) + dst });
    }
    if (i === 0 && first) items.push({ mark, start: dst, end: dst + kept.length });
    else if (b) items.push({ mark: b.mark, start: dst, end: dst + kept.length });
    else if (items.length) items[items.length - 1]!.end = dst + kept.length;
    out.push(kept);
    dst += kept.length + 1;
    src += line.length + 1;
  });
  return { text: out.join("\n"), items, refs: moved };
}
