/**
 * Blocks -> paragraphs: the structural reading of a UN document.
 *
 * One pass over the blocks. Each block is classified (classify.ts: what kind it is, given what is
 * open) and handed to the handler of its kind (handlers/), which changes the parse state
 * (state.ts: the current part, the heading path, the open numbering levels, the footnote markers
 * waiting for their notes, the page-break state). At the end, finish.ts settles scopes and
 * addresses. The decisions each part implements are in its header and in docs/design.md.
 */

import { diag } from "../../diagnostics.ts";
import type { Block } from "../blocks.ts";
import { type Classified, classify } from "./classify.ts";
import { finish } from "./finish.ts";
import { closeEntries, handle } from "./handlers/index.ts";
import { reportUnresolved } from "./notes.ts";
import { at, createState, type ParseState, type StructureInput, type StructureOutput } from "./state.ts";

export type { Classified, Kind } from "./classify.ts";
export { createState, type ParseState, type StructureInput, type StructureOutput } from "./state.ts";

/** Read one document's blocks into paragraphs, headings, parts and diagnostics. */
export function buildStructure(input: StructureInput): StructureOutput {
  const s = createState(input);
  for (let index = 0; index < input.blocks.length; index++) readBlock(s, index);
  closeEntries(s);
  reportUnresolved(s);
  return finish(s);
}

/**
 * Read block `index` into the state: classify it, then hand it to its kind's handler. Returns what
 * it was read as, or null for a blank block (tests read the kinds from here).
 */
export function readBlock(s: ParseState, index: number): Classified | null {
  const block = s.input.blocks[index]!;
  if (block.text.trim() === "") return null;
  if (block.html) warnHtml(s, block);
  const c = classify(s, index);
  turnPage(s, c);
  handle(s, c);
  // Only the block right after an article's or chapter's heading can be its title line.
  s.unitTitle = c.kind === "article" || c.kind === "chapter";
  return c;
}

/**
 * The page state, before any handler runs. A block of notes ends a page: the first block that is
 * not a note starts the next one, where a note with no marker looks for its digits (notes.ts). A
 * block that is neither a note nor page furniture settles a page break: it either continued the
 * paragraph (classified as a continuation) or begins something else.
 */
function turnPage(s: ParseState, c: Classified): void {
  if (c.kind === "note") {
    // A "*" note written as a bullet item neither opens nor closes a block of notes, as in the
    // first parser; only numbered notes end a page.
    if (!c.asterisk) s.page.inNotes = true;
    return;
  }
  if (s.page.inNotes) s.page.start = s.drafts.length;
  s.page.inNotes = false;
  if (c.kind !== "artifact") s.page.broken = false;
}

/** Raw HTML is text like any other, never markup: kept, and warned about. */
function warnHtml(s: ParseState, block: Block): void {
  s.diagnostics.push(
    diag(
      "parse/html-ignored",
      at(s, block.line, block.column),
      "Raw HTML in the text is kept as literal text and never rendered.",
      "Remove the markup from the corpus file if it came from a conversion.",
    ),
  );
}
