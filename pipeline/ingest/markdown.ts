/**
 * Blocks -> corpus Markdown, the layout the parser reads (see corpus/A-78-265/zh.md): one block a
 * line, blank lines between blocks, footnote definitions as "¹ text" paragraphs where the page's
 * footnote block stood.
 *
 * Decision: escape only what Markdown would eat. The corpus is the text as issued, so most
 * characters stay bare (an asterisk after a word is a footnote marker and must stay one); a
 * backslash goes only where remark would otherwise turn text into markup and lose characters:
 * an emphasis opener, inline code, a link, raw HTML, an entity, a heading or quote mark at the
 * start of a line, a backslash before punctuation.
 */
import { type HyphenDecision, resolveHyphens } from "./hyphenation.ts";
import { superscript } from "./lines.ts";
import type { Block } from "./types.ts";

/** Collapse runs of white space inside a block (line breaks become spaces; no-break spaces stay). */
export function tidy(text: string): string {
  return text.replace(/[\t\n\r\f\v ]+/g, " ").trim();
}

const PUNCT = /[\p{P}\p{S}]/u;

/**
 * CommonMark's left-flanking rule: a run of "*" can open emphasis when the next character is not
 * white space, and, when it is punctuation, the character before the run is space or punctuation.
 * A footnote marker ("agenda* item", "agenda*,") is never left-flanking.
 */
function opensEmphasis(whole: string, at: number, length: number): boolean {
  const before = at > 0 ? whole[at - 1]! : " ";
  const after = whole[at + length];
  if (after === undefined || /\s/.test(after)) return false;
  if (!PUNCT.test(after)) return true;
  return /\s/.test(before) || PUNCT.test(before);
}

/**
 * Backslash-escape the characters remark would read as markup, so the parsed text equals the
 * document's text. "*" and "_" are escaped only where they could open emphasis (followed by a
 * non-space), never after a word, where "*" is a footnote marker.
 */
export function escapeMarkdown(text: string): string {
  let out = text
    .replace(/\\(?=[!-/:-@[-`{-~])/g, "\\\\")
    .replace(/`/g, "\\`")
    .replace(/<(?=[A-Za-z/!?])/g, "\\<")
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, "\\&")
    .replace(/\](?=[([:])/g, "\\]")
    .replace(/\*+/g, (run: string, at: number, whole: string) =>
      opensEmphasis(whole, at, run.length) ? run.replace(/\*/g, "\\*") : run,
    )
    .replace(
      /(^|[\s\p{P}\p{S}])(_+)(?=[^\s_])/gu,
      (_m, before: string, run: string) => before + run.replace(/_/g, "\\_"),
    )
    .replace(/!\[/g, "!\\[");
  // Line-start markup: ATX heading, block quote, thematic break or setext underline.
  out = out.replace(/^(#{1,6})(?=\s|$)/, "\\$1").replace(/^>/, "\\>");
  if (/^(?:[-=_]\s*){3,}$/.test(out)) out = `\\${out}`;
  return out;
}

/** The line each block stands on in {@link blocksToMarkdown}'s output (0 for a block left out). */
export function blockLines(blocks: readonly Block[]): number[] {
  let line = 1;
  return blocks.map((b) => {
    if (b.kind === "text" && !tidy(b.text)) return 0;
    const at = line;
    line += 2;
    return at;
  });
}

/** Write blocks as corpus Markdown, ending with one newline. Empty blocks are left out. */
export function blocksToMarkdown(blocks: readonly Block[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    const text = escapeMarkdown(tidy(b.text));
    if (b.kind === "note") out.push(text ? `${superscript(b.marker)} ${text}` : superscript(b.marker));
    else if (text) out.push(b.bullet ? `- ${text}` : text);
  }
  return out.length ? `${out.join("\n\n")}\n` : "";
}

/**
 * The last step of every converter: decide the line-end and soft hyphens (hyphenation.ts), then
 * write the Markdown. Each decision carries the Markdown line it stands on.
 */
export function finishBlocks(blocks: Block[]): { markdown: string; hyphenation: HyphenDecision[] } {
  const hyphenation = resolveHyphens(blocks);
  const lines = blockLines(blocks);
  for (const d of hyphenation) d.line = lines[d.block] || 1;
  return { markdown: blocksToMarkdown(blocks), hyphenation };
}
