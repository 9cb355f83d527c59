/**
 * Headings on the outline, and text stitched across page furniture: the two operations that
 * change what is open without opening a paragraph.
 *
 * Decisions:
 * - A heading closes the open paragraph for stitching but not its list: a subparagraph after an
 *   inner heading still continues the list (annex A, para. 13). A section or chapter ends the
 *   "Recommended next steps" list of the previous one.
 * - Text stitched across a page break joins with a space, except between two Chinese characters.
 */
import { diag } from "../../diagnostics.ts";
import type { Block } from "../blocks.ts";
import type { MarkerRef } from "../footnotes.ts";
import { CJK } from "./readers.ts";
import {
  addRefs,
  at,
  type Draft,
  extendPages,
  type HeadingKind,
  LEVEL,
  numberingOf,
  type OpenHeading,
  type ParseState,
  recordHeading,
  type SectionPlace,
  sourceOf,
} from "./state.ts";

/**
 * Put a heading on the outline of the current part and on the heading path. `level` overrides the
 * kind's level (a national paper's headings take theirs from the outline); `section` is a
 * numbered heading's place in it. A dateline is recorded but joins no heading path.
 */
export function pushHeading(
  s: ParseState,
  text: string,
  kind: HeadingKind,
  block: Block,
  refs: MarkerRef[],
  opts: { level?: number; section?: SectionPlace } = {},
): void {
  const level = opts.level ?? LEVEL[kind];
  if (kind === "section" || kind === "chapter" || (kind === "numbered" && level <= LEVEL.section)) {
    const nb = numberingOf(s, s.part);
    if (nb.scope?.endsWith("next-steps")) nb.scope = null;
  }
  // A part's own heading is not on the path: the part is. Nor is a line of a paper's front.
  if (kind !== "part" && kind !== "dateline") {
    s.stack = s.stack.filter((h) => h.level < level);
    const open: OpenHeading = { level, text, kind };
    if (opts.section) {
      open.section = opts.section;
      open.drafts = s.drafts.length;
    }
    s.stack.push(open);
  }
  const partKey = s.part.join("/");
  const k = s.headings.filter((h) => h.part.join("/") === partKey).length + 1;
  const extra: Parameters<typeof recordHeading>[5] = { depth: level };
  if (opts.section) extra.section = opts.section;
  if (block.page !== undefined) extra.page = block.page;
  const h = recordHeading(s, text, kind, `h${k}`, sourceOf(s, block), extra);
  addRefs(s, refs, { heading: h }, block);
  s.open = null;
  s.items = null;
  s.page.broken = false;
}

/** Append `text` (with its markers) to draft `target`, across `cause`; flagged and reported. */
export function stitch(
  s: ParseState,
  target: number,
  text: string,
  refs: MarkerRef[],
  block: Block,
  cause: string,
): void {
  const d = s.drafts[target]!;
  const glue = CJK.test(d.text.at(-1) ?? "") && CJK.test(text[0] ?? "") ? "" : " ";
  const base = d.text.length + glue.length;
  d.text += glue + text;
  d.endLine = block.endLine;
  extendPages(d, block);
  d.flags.add("stitched");
  addRefs(s, refs, { draft: target }, block, base);
  s.diagnostics.push(
    diag(
      "parse/page-break-stitched",
      at(s, block.line, block.column),
      `Text after ${cause} continues ${describe(s, d)}; joined into one paragraph.`,
    ),
  );
}

/** "annex, paragraph 23 f", or "the unnumbered paragraph at line 40", for messages. */
function describe(s: ParseState, d: Draft): string {
  const where = d.part.length ? `${d.part.join(", ")}, ` : "";
  return d.num.length
    ? `${where}paragraph ${d.num.join(" ")}`
    : `the unnumbered paragraph at line ${d.line + s.input.lineOffset}`;
}

/**
 * Where a numbered heading goes in the outline: replacing the open heading of its label's family
 * (and all under it), else under the innermost numbered heading. A decimal label carries its whole
 * path ("2.1.3"); any other label's path is its parent's and its own value, so 一、 > （二） is
 * "1.2". `level` is its heading level in a national paper's outline (a child one below its parent;
 * a decimal label one per component, "2" at 3 and "2.1" at 4).
 */
export function placeSection(
  s: ParseState,
  style: SectionPlace["style"],
  value: string,
  label: string,
  path?: string[],
): { place: SectionPlace; level: number } {
  if (path) return { place: { style, path, label }, level: LEVEL.chapter - 1 + path.length };
  const open = s.stack.filter((h) => h.section);
  const k = open.findIndex((h) => h.section!.style === style);
  const parent = k >= 0 ? open[k - 1] : open.at(-1);
  const base = parent?.section?.path ?? [];
  return {
    place: { style, path: [...base, value], label },
    level: parent ? parent.level + 1 : LEVEL.chapter,
  };
}
