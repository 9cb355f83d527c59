/**
 * Markdown -> flat blocks. remark-parse gives the block structure (paragraphs, list items,
 * headings) with positions; this module flattens it into one block per paragraph of source text,
 * with the printed list marker read back from the source (mdast keeps only a list's start number,
 * and a UN document's printed numbers are what people cite).
 *
 * Inline Markdown becomes plain text: link text without its URL ([A/77/275](#) -> A/77/275), strong
 * and emphasis without their delimiters, raw HTML kept as literal text (never interpreted).
 *
 * Page marks: `acquis import` writes where each page of a PDF begins as an HTML comment,
 * `<!-- page 58 -->`, on a line of its own between blocks or inline where a page turns inside a
 * paragraph. They are the corpus format's own (a reader of the Markdown never sees them, and the
 * converter escapes any "<" of the text, so a document's words can never form one): they are not
 * text, and become each block's `page` and `pageEnd`.
 */
import type { Nodes, Root, RootContent } from "mdast";
import remarkParse from "remark-parse";
import { unified } from "unified";

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

const processor = unified().use(remarkParse);

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
      let text = inlineText(node, flags, flow);
      text = unwrapLiteralStrong(text);
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

/**
 * CommonMark does not close `**` after CJK punctuation followed by a letter ("**访问权限和参与。**参与"),
 * so the delimiters survive as literal text. They are markup, not words: drop balanced pairs.
 */
function unwrapLiteralStrong(text: string): string {
  if (!text.includes("**")) return text;
  return text.replace(/\*\*([^*\n]{1,500}?)\*\*/g, "$1");
}
