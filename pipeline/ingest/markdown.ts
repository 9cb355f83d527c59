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

/**
 * A heading's escaped text, safe after "## ": a run of "#" at its end after a space would be read
 * as the heading's closing sequence and dropped ("Item #" -> "Item"); its first "#" is escaped.
 */
function headingText(escaped: string): string {
  return escaped.replace(/(^|[ \t])#(#*)$/, "$1\\#$2");
}

/**
 * Where a page of the original turns inside a block's text (PDF): the converter puts
 * PAGE_TURN_OPEN, the page's number, PAGE_TURN_CLOSE between two words (private-use characters,
 * as the line-end hyphen's marker is), and the writer turns it into the corpus's inline page mark.
 */
export const PAGE_TURN_OPEN = "\uE003";
export const PAGE_TURN_CLOSE = "\uE004";

/** The corpus's page mark (pipeline/parse/blocks.ts reads it; it is not text). */
export const pageMark = (page: number) => `<!-- page ${page} -->`;

/** Does a block start a page of its own (and so take a line for its page mark)? */
const marked = (b: Block) => b.page !== undefined;

/** The line each block stands on in {@link blocksToMarkdown}'s output (0 for a block left out). */
export function blockLines(blocks: readonly Block[]): number[] {
  let line = 1;
  let pending = false;
  return blocks.map((b) => {
    pending ||= marked(b);
    if (b.kind === "text" && !tidy(b.text)) return 0;
    if (pending) line += 2;
    pending = false;
    const at = line;
    line += 2;
    return at;
  });
}

/**
 * Write blocks as corpus Markdown, ending with one newline. Empty blocks are left out (a page mark
 * on one moves to the next block written). Where a page begins, a page mark stands on its own line
 * before the block; where it turns inside a paragraph, inline between two words.
 */
export function blocksToMarkdown(blocks: readonly Block[]): string {
  const out: string[] = [];
  let page: number | undefined;
  const turns = new RegExp(`${PAGE_TURN_OPEN}(\\d+)${PAGE_TURN_CLOSE}`, "g");
  for (const b of blocks) {
    page = b.page ?? page;
    const text = escapeMarkdown(tidy(b.text)).replace(turns, (_m, n: string) => pageMark(Number(n)));
    let line: string | null = null;
    if (b.kind === "note") line = text ? `${superscript(b.marker)} ${text}` : superscript(b.marker);
    else if (text && b.heading) line = `${"#".repeat(b.heading)} ${headingText(text)}`;
    else if (text) line = b.bullet ? `- ${text}` : text;
    if (line === null) continue;
    if (page !== undefined) out.push(pageMark(page));
    page = undefined;
    out.push(line);
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
