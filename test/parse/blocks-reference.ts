/**
 * The trusted reference for pipeline/parse/blocks.ts: the parser's blocks as they were read before
 * it read micromark's events directly, by building remark-parse's mdast tree (the same micromark
 * with the same corpus syntax) and walking it. Kept verbatim from that version, so that a test can
 * hold the event reader to it on every document and on random Markdown: the two must give the same
 * blocks, text, positions, markers and pages, character for character.
 */
import type { Nodes, Root, RootContent } from "mdast";
import remarkParse from "remark-parse";
import { type Processor, unified } from "unified";
import { type Block, corpusExtension, PAGE_MARK } from "../../pipeline/parse/blocks.ts";

/** What the flattening carries from block to block: the page now running. */
interface Flow {
  page?: number;
}

/** remark-parse with only the corpus format's inline syntax, as the parser read it before. */
function corpusSyntax(this: Processor): void {
  const data = this.data();
  data.micromarkExtensions = [...(data.micromarkExtensions ?? []), corpusExtension];
}

const processor = unified().use(remarkParse).use(corpusSyntax);

/** The blocks as the mdast tree flattened gave them. */
export function referenceBlocks(markdown: string): Block[] {
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
