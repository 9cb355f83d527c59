/**
 * Parse stage: corpus Markdown -> paragraphs, headings and footnotes, per the data contract.
 *
 * micromark reads the Markdown into blocks (blocks.ts, from its events); the structural reading
 * of a UN document (parts, numbering, footnotes, page breaks) is in structure/, a classifier and a
 * table of handlers over one parse state; labels.ts and footnotes.ts read the printed forms. Pure: text in, data and
 * diagnostics out.
 */

import { isDocId, isNationalPaper } from "../../schemas/index.ts";
import { toBlocks } from "./blocks.ts";
import { buildStructure } from "./structure/index.ts";
import type { Parsed, ParseInput } from "./types.ts";

export type { Parsed, ParseInput } from "./types.ts";

/**
 * Bump when the parser's output changes for the same input, so cached parses are not reused.
 * 2: only the inline Markdown the corpus format defines is read (emphasis, code spans… are text).
 * 3: national papers' outlines, State sections, bullet items, page marks, section-scoped addresses.
 * 4: articles and chapters, a declaration's and a treaty's preamble and operative part, a loose
 *    list's next item (issue 20).
 */
export const PARSER_VERSION = 4;

const RESOLUTION_TYPES = new Set(["resolution", "draft resolution", "decision"]);

/** Parse one corpus document. Never throws on document content; problems become diagnostics. */
export function parseDocument(input: ParseInput): Parsed {
  const blocks = toBlocks(input.markdown);
  return buildStructure({
    file: input.file,
    lineOffset: input.firstLine - 1,
    doc: input.meta.symbol,
    lang: input.meta.lang,
    title: input.meta.title,
    isResolution: RESOLUTION_TYPES.has(input.meta.type),
    // A document keyed by an id is a government's text, whatever its type says.
    national: isNationalPaper(input.meta) || isDocId(input.meta.symbol),
    compendium: input.meta.type === "compendium",
    blocks,
  });
}
