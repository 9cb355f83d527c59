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
  type HeadingKind,
  LEVEL,
  numberingOf,
  type ParseState,
  recordHeading,
  sourceOf,
} from "./state.ts";

/** Put a heading on the outline of the current part and on the heading path. */
export function pushHeading(
  s: ParseState,
  text: string,
  kind: HeadingKind,
  block: Block,
  refs: MarkerRef[],
): void {
  const level = LEVEL[kind];
  if (kind === "section" || kind === "chapter") {
    const nb = numberingOf(s, s.part);
    if (nb.scope?.endsWith("next-steps")) nb.scope = null;
  }
  // A part's own heading is not on the path: the part is.
  if (kind !== "part") {
    s.stack = s.stack.filter((h) => h.level < level);
    s.stack.push({ level, text, kind });
  }
  const partKey = s.part.join("/");
  const k = s.headings.filter((h) => h.part.join("/") === partKey).length + 1;
  const h = recordHeading(s, text, kind, `h${k}`, sourceOf(s, block));
  addRefs(s, refs, { heading: h }, block);
  s.open = null;
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
