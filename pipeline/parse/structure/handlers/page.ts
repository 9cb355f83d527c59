/**
 * Handlers for what a page of the original puts between two halves of a paragraph: its footnote
 * notes and its furniture (running headers, page and job numbers), and the text that continues
 * across them. Which block continues the paragraph is the classifier's call (classify.ts).
 */
import { diag } from "../../../diagnostics.ts";
import { define } from "../notes.ts";
import { stitch } from "../outline.ts";
import { at } from "../state.ts";
import type { Handler } from "./types.ts";

/**
 * A footnote note attaches to the earliest waiting marker with the same mark (notes.ts). A note
 * block interrupts the open paragraph: text after it may continue that paragraph.
 */
export const note: Handler<"note"> = (s, { mark, n, body, block, index }) => {
  define(s, mark, n, body, block, index);
  if (s.open !== null) {
    s.page.broken = true;
    s.page.cause = "a page's footnotes";
  }
};

/**
 * A running header, symbol line, job number or page number is the original's page furniture:
 * dropped, warned, and the paragraph it cut may continue after it.
 */
export const artifact: Handler<"artifact"> = (s, { text, block }) => {
  s.diagnostics.push(
    diag(
      "parse/page-artifact",
      at(s, block.line, block.column),
      `"${text}" looks like a running header or page number of the original, not text; dropped.`,
      "If it is real text, give it punctuation or move it into the paragraph it belongs to.",
    ),
  );
  if (s.open !== null) {
    s.page.broken = true;
    s.page.cause = "a running header";
  }
};

/**
 * Text after a page's footnotes, a running header or a bare page break that continues the
 * paragraph they interrupted: one paragraph, flag `stitched`, info diagnostic (A/78/265 has eight
 * such breaks, one right after a full stop: 37 (c)).
 */
export const continuation: Handler<"continuation"> = (s, { target, text, refs, block, cause }) => {
  stitch(s, target, text, refs, block, cause);
};
