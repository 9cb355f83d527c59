/**
 * Blocks -> corpus Markdown, the layout the parser reads (see corpus/A-78-265/zh.md): one block a
 * line, blank lines between blocks, footnote definitions as "¹ text" paragraphs where the page's
 * footnote block stood.
 *
 * Decision: no Markdown escaping. The corpus is the text as issued, and the parser is written for
 * that text; escaping would add characters that are not in the document.
 */
import { superscript } from "./lines.ts";
import type { Block } from "./types.ts";

/** Collapse runs of white space inside a block (line breaks become spaces; no-break spaces stay). */
export function tidy(text: string): string {
  return text
    .replace(/[\t\n\r\f\v ]+/g, " ")
    .replace(/\u00ad/g, "")
    .trim();
}

/** Write blocks as corpus Markdown, ending with one newline. Empty blocks are left out. */
export function blocksToMarkdown(blocks: readonly Block[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    const text = tidy(b.text);
    if (b.kind === "note") out.push(text ? `${superscript(b.marker)} ${text}` : superscript(b.marker));
    else if (text) out.push(text);
  }
  return out.length ? `${out.join("\n\n")}\n` : "";
}
