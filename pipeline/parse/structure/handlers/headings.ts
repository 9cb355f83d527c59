/**
 * Handlers for headings: a part's heading opens a part; any other heading joins the outline and
 * the heading path, and may open a preamble or a list of documents.
 */
import { pushHeading } from "../outline.ts";
import { DOC_LIST } from "../readers.ts";
import { enterPart } from "../state.ts";
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
  enterPart(s, next);
  pushHeading(s, text, "part", block, refs);
};

/**
 * A heading of a chapter, section or less. It keeps the open paragraph's list (a new number ends
 * it). "The General Assembly," over a resolution opens its preamble; a heading naming a list of
 * documents inside an annex opens that list.
 */
export const heading: Handler<"heading"> = (s, { heading: kind, text, refs, block }) => {
  if (kind === "chapter" && /^[IVXL]+\./.test(text)) s.chapterRoman++;
  if (kind === "title" && /^(the general assembly|大会)/i.test(text) && s.input.isResolution) {
    s.preamble.open = true;
    s.preamble.count = 0;
  }
  if (DOC_LIST.test(text) && s.part.length > 0) s.entries.open = true;
  pushHeading(s, text, kind, block, refs);
};
