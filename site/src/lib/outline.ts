/**
 * A document version in reading order: its headings and paragraphs interleaved by source line,
 * which is how they stood in the corpus file. Pure.
 */

import { partZh } from "../../../core/cite/format.ts";
import { SYMBOL_PATTERN } from "../../../schemas/identity.ts";
import type { DocumentRecord, Heading, Paragraph } from "../../../schemas/index.ts";

export type Block = { kind: "heading"; heading: Heading } | { kind: "para"; p: Paragraph };

/** Headings and paragraphs interleaved; a heading sorts before a paragraph on the same line. */
export function blocksOf(doc: DocumentRecord, paragraphs: Paragraph[]): Block[] {
  const blocks: Array<Block & { line: number; order: number }> = [
    ...doc.headings.map((heading, i) => ({
      kind: "heading" as const,
      heading,
      line: heading.source.line,
      order: i,
    })),
    ...paragraphs.map((p) => ({ kind: "para" as const, p, line: p.source.line, order: 1e9 + p.seq })),
  ];
  blocks.sort((a, b) => a.line - b.line || a.order - b.order);
  return blocks.map(({ line: _l, order: _o, ...b }) => b as Block);
}

/**
 * HTML heading levels for a document's headings, in reading order, under the page's h1: depth 1
 * is h2, and a heading is one level below the nearest heading before it of a smaller depth (its
 * parent in the outline): a UN text may go from a chapter straight to a sub-subsection, and the
 * page outline must not skip a level; never past h4, where CSS sizes by depth instead.
 */
export function headingLevels(depths: readonly number[]): number[] {
  // The open headings above the current one: a heading's level is its parent's plus one.
  const open: Array<{ depth: number; level: number }> = [];
  return depths.map((depth) => {
    while (open.length && (open[open.length - 1] as { depth: number }).depth >= depth) open.pop();
    const level = Math.min(4, (open[open.length - 1]?.level ?? 1) + 1);
    open.push({ depth, level });
    return level;
  });
}

/** The part a heading or paragraph belongs to, as a display label: "Main text", "annex", "annex, annex A". */
export function partLabel(part: readonly string[]): string {
  return part.length ? part.join(", ") : "Main text";
}

/** The same in Chinese: "正文", "附件", "附件，附件 A". */
export function partLabelZh(part: readonly string[]): string {
  return part.length ? part.map(partZh).join("，") : "正文";
}

/**
 * The label a reader sees before a paragraph: as printed; for a preambular paragraph, which the
 * UN prints unnumbered, its position ("PP2"); otherwise a pilcrow.
 */
export function shownLabel(p: Pick<Paragraph, "label" | "part" | "num">): string {
  if (p.label) return p.label;
  if (p.part[0] === "preamble" && p.num.length) return `PP${p.num.join(".")}`;
  return "¶";
}

/** How long a title may run in a browser tab before it is cut (with an ellipsis). */
const TAB_TITLE_MAX = 80;

/**
 * What a document page's browser tab says: a UN document by its symbol, which readers know it by
 * ("A/78/265 (zh)", suffix " (zh)"); a national paper, which has no symbol, by its title, not its id
 * ("cn-2024-ict-position" names nothing a reader looks for among open tabs).
 */
export function documentTabTitle(doc: Pick<DocumentRecord, "symbol" | "title">, suffix: string): string {
  if (SYMBOL_PATTERN.test(doc.symbol)) return `${doc.symbol}${suffix}`;
  const title = doc.title.trim() || doc.symbol;
  const chars = [...title];
  const cut =
    chars.length > TAB_TITLE_MAX
      ? `${chars
          .slice(0, TAB_TITLE_MAX - 1)
          .join("")
          .trimEnd()}…`
      : title;
  return `${cut}${suffix}`;
}
