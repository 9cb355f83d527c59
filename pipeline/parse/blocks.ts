/**
 * Markdown -> flat blocks. remark-parse gives the block structure (paragraphs, list items,
 * headings) with positions; this module flattens it into one block per paragraph of source text,
 * with the printed list marker read back from the source (mdast keeps only a list's start number,
 * and a UN document's printed numbers are what people cite).
 *
 * Inline Markdown becomes plain text. The corpus is the text as issued, so micromark reads only the
 * inline syntax the corpus format defines on purpose (README, "The corpus"): a link's text without
 * its URL ([A/77/275](#) -> A/77/275), an autolink's URL without its angle brackets (the seed
 * writes "(<https://meetings.unoda.org/...>)" where the document prints the bare URL), a pair of
 * `**` on one line dropped as bold (boldDelimiter), an image's alt text (a converted figure), a backslash escape (what `acquis import` writes before a
 * character Markdown would eat), raw HTML kept as literal text (never interpreted, warned). Every
 * other inline construct is switched off, so its characters stay as printed: `*`/`_` emphasis
 * ("{{7*7}}", "__proto__"), inline code, character references ("&amp;"), a backslash
 * before a line end, and link definitions (which made "[^1]" a link reference and ate its
 * brackets).
 *
 * Page marks: `acquis import` writes where each page of a PDF begins as an HTML comment,
 * `<!-- page 58 -->`, on a line of its own between blocks or inline where a page turns inside a
 * paragraph. They are the corpus format's own (a reader of the Markdown never sees them, and the
 * converter escapes any "<" of the text, so a document's words can never form one): they are not
 * text, and become each block's `page` and `pageEnd`.
 */
import type { Nodes, Root, RootContent } from "mdast";
import type { Construct, Extension, State } from "micromark-util-types";
import remarkParse from "remark-parse";
import { type Processor, unified } from "unified";

export interface Block {
  /** Plain text of the block, list marker of an ordered item included ("4. 裁军…"). */
  text: string;
  /** 1-based line in the Markdown input. */
  line: number;
  endLine: number;
  /** 1-based column of the first character of the text. */
  column: number;
  /** "bullet" for "- x" / "* x" list items, "heading" for "# x", else "text". */
  kind: "text" | "bullet" | "heading";
  /** The bullet character as printed ("-", "*", "+"), for bullet items. */
  bullet?: string;
  /** True when the block contained raw HTML (kept as literal text). */
  html?: boolean;
  /** The page of the original the block starts on, when the file marks pages. */
  page?: number;
  /** The page it ends on, when a page mark stands inside it. */
  pageEnd?: number;
}

/** A page mark: `<!-- page 58 -->`. */
export const PAGE_MARK = /^<!--\s*page\s+(\d{1,5})\s*-->$/;

/** What the flattening carries from block to block: the page now running. */
interface Flow {
  page?: number;
}

/** micromark constructs the corpus format does not define: read as the characters they are. */
export const DISABLED_CONSTRUCTS = [
  "attention",
  "characterReference",
  "codeText",
  "definition",
  "hardBreakEscape",
] as const;

declare module "micromark-util-types" {
  interface TokenTypeMap {
    /** A `**` bold delimiter of the corpus format (boldDelimiter). */
    acquisBoldSequence: "acquisBoldSequence";
  }
}

const ASTERISK = 42;
/** Longest text a `**` pair may hold: a bold run-in heading, never a paragraph. */
const MAX_BOLD = 500;

/**
 * `**` as the corpus format reads it: exactly two asterisks, paired with the next `**` on the
 * same line, are bold delimiters and leave the text; any other run of asterisks is text. This
 * replaces CommonMark emphasis (switched off: it ate "{{7*7}}" and "__proto__") and reads what
 * CommonMark did not close ("**访问权限和参与。**参与", bold ending on CJK punctuation). An
 * escaped asterisk ("\*\*", what `acquis import` writes for asterisks as printed) is text.
 */
const boldDelimiter: Construct = {
  name: "acquisBold",
  tokenize(effects, ok, nok) {
    const previous = this.previous;
    const start: State = (code) => {
      if (code !== ASTERISK || previous === ASTERISK) return nok(code);
      effects.enter("acquisBoldSequence");
      effects.consume(code);
      return second;
    };
    const second: State = (code) => {
      if (code !== ASTERISK) return nok(code);
      effects.consume(code);
      return after;
    };
    // A third asterisk makes the run text.
    const after: State = (code) => {
      if (code === ASTERISK) return nok(code);
      effects.exit("acquisBoldSequence");
      return ok(code);
    };
    return start;
  },
  // Pair delimiters in order on one line; an unpaired one goes back to being text. A paired one
  // has a token type mdast-util-from-markdown does not know, so it adds nothing to the text.
  resolveAll(events) {
    let open: number | null = null;
    const asText = (i: number) => {
      events[i]![1].type = "data";
    };
    for (let i = 0; i < events.length; i++) {
      const [kind, token] = events[i]!;
      if (kind !== "enter") continue;
      if (token.type === "lineEnding" && open !== null) {
        asText(open);
        open = null;
      }
      if (token.type !== "acquisBoldSequence") continue;
      if (open === null) open = i;
      else if (token.start.offset - events[open]![1].end.offset <= MAX_BOLD) open = null;
      else {
        asText(open);
        open = i;
      }
    }
    if (open !== null) asText(open);
    return events;
  },
};

/** remark-parse with only the corpus format's inline syntax (see the header). */
function corpusSyntax(this: Processor): void {
  const data = this.data();
  const extension: Extension = {
    disable: { null: [...DISABLED_CONSTRUCTS] },
    text: { [ASTERISK]: boldDelimiter },
  };
  data.micromarkExtensions = [...(data.micromarkExtensions ?? []), extension];
}

const processor = unified().use(remarkParse).use(corpusSyntax);

/** Parse Markdown into flat blocks in reading order. */
export function toBlocks(markdown: string): Block[] {
  const tree = processor.parse(markdown) as Root;
  const out: Block[] = [];
  const flow: Flow = {};
  for (const node of tree.children) visitBlock(node, markdown, out, null, flow);
  return out;
}

/** Stamp a block with the page it starts on and, when a mark stood inside it, the page it ends on. */
function paged(block: Block, first: number | undefined, flow: Flow): Block {
  if (first !== undefined) block.page = first;
  if (flow.page !== undefined && flow.page !== first) {
    block.page ??= flow.page;
    if (flow.page !== block.page) block.pageEnd = flow.page;
  }
  return block;
}

function visitBlock(
  node: RootContent,
  src: string,
  out: Block[],
  item: { marker: string } | null,
  flow: Flow,
): void {
  switch (node.type) {
    case "paragraph":
    case "heading": {
      const flags = { html: false };
      const first = flow.page;
      const text = inlineText(node, flags, flow);
      const start = node.position?.start;
      const end = node.position?.end;
      const block: Block = {
        text,
        line: start?.line ?? 1,
        endLine: end?.line ?? start?.line ?? 1,
        column: start?.column ?? 1,
        kind: node.type === "heading" ? "heading" : "text",
      };
      if (flags.html) block.html = true;
      if (item) {
        if (item.marker === "-" || item.marker === "*" || item.marker === "+") {
          block.kind = "bullet";
          block.bullet = item.marker;
        } else {
          block.text = `${item.marker} ${block.text}`;
        }
      }
      out.push(paged(block, first, flow));
      return;
    }
    case "list": {
      for (const li of node.children) {
        const off = li.position?.start.offset ?? 0;
        const marker = readMarker(src, off);
        let first = true;
        for (const child of li.children) {
          // Only the item's first block carries the marker; later blocks of the item are its
          // continuation paragraphs.
          visitBlock(child, src, out, first ? { marker } : null, flow);
          first = false;
        }
        if (li.children.length === 0) {
          const pos = li.position?.start;
          const block: Block = {
            text: marker,
            line: pos?.line ?? 1,
            endLine: pos?.line ?? 1,
            column: pos?.column ?? 1,
            kind: "text",
          };
          out.push(paged(block, flow.page, flow));
        }
      }
      return;
    }
    case "blockquote":
      for (const child of node.children) visitBlock(child, src, out, item, flow);
      return;
    case "code":
    case "html": {
      const mark = node.type === "html" ? PAGE_MARK.exec(node.value.trim()) : null;
      if (mark) {
        flow.page = Number(mark[1]);
        return;
      }
      const start = node.position?.start;
      const end = node.position?.end;
      const block: Block = {
        text: node.value,
        line: start?.line ?? 1,
        endLine: end?.line ?? 1,
        column: start?.column ?? 1,
        kind: "text",
      };
      if (node.type === "html") block.html = true;
      out.push(paged(block, flow.page, flow));
      return;
    }
    case "thematicBreak":
      return;
    default: {
      // A link reference definition is Markdown plumbing, but its text is still the document's;
      // tables and other GFM constructs are not enabled. Either way the source text is kept.
      const start = node.position?.start;
      const end = node.position?.end;
      const s = start?.offset ?? 0;
      const e = end?.offset ?? s;
      const block: Block = {
        text: src.slice(s, e),
        line: start?.line ?? 1,
        endLine: end?.line ?? 1,
        column: start?.column ?? 1,
        kind: "text",
      };
      out.push(paged(block, flow.page, flow));
    }
  }
}

/** The list marker as printed at `offset`: "4.", "12)", "-", "*". */
function readMarker(src: string, offset: number): string {
  const m = /^[ \t]*(\d{1,9}[.)]|[-*+])/.exec(src.slice(offset, offset + 16));
  return m?.[1] ?? "";
}

function inlineText(node: Nodes, flags: { html: boolean }, flow: Flow): string {
  if ("value" in node && typeof node.value === "string") {
    if (node.type === "html") {
      // A page turning inside the paragraph: the page runs on, the mark is not text.
      const mark = PAGE_MARK.exec(node.value.trim());
      if (mark) {
        flow.page = Number(mark[1]);
        return "";
      }
      flags.html = true;
    }
    return node.value;
  }
  if (node.type === "break") return "\n";
  if (node.type === "image" || node.type === "imageReference") return node.alt ?? "";
  if ("children" in node) {
    let s = "";
    for (const c of node.children as Nodes[]) s += inlineText(c, flags, flow);
    return s;
  }
  return "";
}
