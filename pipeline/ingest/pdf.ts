/**
 * PDF layout -> blocks: the pure half of PDF import. It takes the positioned text items of each
 * page (pdf-extract.ts gives them) and rebuilds the text as the corpus keeps it.
 *
 * Decisions, from how UN documents are printed:
 * - Lines are items on one baseline. A smaller item raised above a line's baseline is a
 *   superscript: a number or "*" there is a footnote marker and becomes a Unicode superscript.
 * - Page furniture is dropped: in the top and bottom margins, the symbol line, the job number, page
 *   numbers, bar codes, and running titles (a line that recurs in the same margin on half the pages
 *   or more, or on two or more in a smaller type than the text); anywhere, job numbers and bar
 *   codes; on page 1, the cover block (cover.ts).
 * - The footnote block is the run of lines in a smaller font at the foot of the body (of each
 *   column, in columns); each note starts with its marker. Its definitions are written after the
 *   paragraph that the block interrupts, once that paragraph ends, so the paragraph stays whole
 *   (a word divided across the break included) and each note follows its marker. A paragraph cut
 *   by a page or column break is joined here.
 * - Paragraphs are split where the space between lines is clearly wider than the line pitch, or the
 *   font size changes (headings): UN print sets paragraphs apart with space, never by indentation
 *   alone. A heading wrapped over lines (larger than the text, one size and font, lines adjacent
 *   at its own line height) stays one block.
 * - Lines join as in lines.ts: Chinese without a space, English with one.
 */

import { fromSuperscript } from "../../core/text/superscript.ts";
import type { Diagnostic } from "../../schemas/index.ts";
import { diag, onPage, pagePlace } from "../diagnostics.ts";
import { type PageLayout, pageLayout } from "./columns.ts";
import { splitCover } from "./cover.ts";
import {
  BARCODE_LINE,
  ENDS_SENTENCE,
  isCjk,
  isPageFurniture,
  JOB_LINE,
  joinLine,
  splitBullet,
  startsWithBullet,
  startsWithLabel,
  superscript,
} from "./lines.ts";
import { finishBlocks, PAGE_TURN_CLOSE, PAGE_TURN_OPEN } from "./markdown.ts";
import type { Block, Converted, ConvertOptions, PageSummary } from "./types.ts";

/** One text item as a PDF draws it: `x`, `y` the start of its baseline (y grows upwards). */
export interface PdfItem {
  str: string;
  x: number;
  y: number;
  width: number;
  /** Font size in points. */
  size: number;
  font: string;
}

/** One page of items. */
export interface PdfPage {
  /** 1-based page number. */
  number: number;
  width: number;
  height: number;
  items: PdfItem[];
}

interface Segment {
  text: string;
  sup: boolean;
  x: number;
  end: number;
  size: number;
}

/** A printed line rebuilt from items. */
export interface PdfLine {
  page: number;
  /** The flow of the page it belongs to (columns.ts): lines of one flow read top to bottom. */
  flow: number;
  /** Its column, and how many columns its band has (1 when read row by row). */
  column: number;
  columns: number;
  /** Baseline, from the bottom of the page. */
  y: number;
  /** Dominant font size of the line's normal (not superscript) text. */
  size: number;
  /** The font most of the line's characters are set in (its name carries the weight: "…-Bold"). */
  font: string;
  x0: number;
  x1: number;
  segments: Segment[];
  /** The line as text, markers not yet turned into superscripts; wide gaps as three spaces. */
  plain: string;
}

/** The font size most of the text is set in. */
export function bodySize(pages: readonly PdfPage[]): number {
  const weight = new Map<number, number>();
  for (const p of pages)
    for (const it of p.items) {
      const s = Math.round(it.size * 2) / 2;
      weight.set(s, (weight.get(s) ?? 0) + it.str.trim().length);
    }
  let best = 10;
  let most = -1;
  for (const [s, w] of weight) if (w > most || (w === most && s > best)) [best, most] = [s, w];
  return best;
}

/** Rebuild the lines of one page, top to bottom, superscripts attached to their line. */
export function pageLines(page: PdfPage): PdfLine[] {
  const items = page.items.filter((it) => it.str.length > 0).sort((a, b) => b.y - a.y || a.x - b.x);
  // 1. Rows: items on (nearly) one baseline.
  const rows: PdfItem[][] = [];
  for (const it of items) {
    const row = rows.find((r) => Math.abs(r[0]!.y - it.y) <= Math.max(1, 0.15 * it.size));
    if (row) row.push(it);
    else rows.push([it]);
  }
  const sizeOf = (r: PdfItem[]) => Math.max(...r.filter((i) => i.str.trim()).map((i) => i.size), 0);
  // 2. A row of small items just above a row of larger ones is that row's superscripts.
  const merged = new Set<PdfItem[]>();
  const owner = new Map<PdfItem[], PdfItem[]>();
  for (const r of rows) {
    const s = sizeOf(r);
    if (s === 0) continue;
    let host: PdfItem[] | undefined;
    for (const o of rows) {
      if (o === r) continue;
      const os = sizeOf(o);
      const rise = r[0]!.y - o[0]!.y;
      if (s < 0.85 * os && rise > 0 && rise <= 0.6 * os && (!host || o[0]!.y > host[0]!.y)) host = o;
    }
    if (host) {
      merged.add(r);
      owner.set(r, host);
    }
  }
  const lines: PdfLine[] = [];
  for (const r of rows) {
    if (merged.has(r)) continue;
    const size = sizeOf(r) || r[0]!.size;
    const sups = [...owner.entries()].filter(([, h]) => h === r).flatMap(([s]) => s);
    const segs: Segment[] = [
      ...r.map((i) => ({
        text: i.str,
        sup: i.size < 0.85 * size && i.y - r[0]!.y > 0.1 * size,
        x: i.x,
        end: i.x + i.width,
        size: i.size,
      })),
      ...sups.map((i) => ({ text: i.str, sup: true, x: i.x, end: i.x + i.width, size: i.size })),
    ].sort((a, b) => a.x - b.x);
    const visible = segs.filter((s) => s.text.trim());
    if (!visible.length) continue;
    const fonts = new Map<string, number>();
    for (const i of r) fonts.set(i.font, (fonts.get(i.font) ?? 0) + i.str.trim().length);
    lines.push({
      page: page.number,
      flow: 0,
      column: 0,
      columns: 1,
      y: r[0]!.y,
      size,
      font: [...fonts].sort((a, b) => b[1] - a[1])[0]![0],
      x0: Math.min(...visible.map((s) => s.x)),
      x1: Math.max(...visible.map((s) => s.end)),
      segments: segs,
      plain: render(segs, size, false),
    });
  }
  return lines.sort((a, b) => b.y - a.y);
}

/**
 * The lines of a page in reading order: flow by flow (columns.ts), each flow top to bottom.
 */
export function layoutLines(page: PdfPage, textSize?: number): { lines: PdfLine[]; layout: PageLayout } {
  const layout = pageLayout(page, textSize);
  const lines = layout.flows.flatMap((f, k) =>
    pageLines({ ...page, items: f.items }).map((l) => ({
      ...l,
      flow: k,
      column: f.column,
      columns: f.columns,
    })),
  );
  return { lines, layout };
}

/** Segments as text; with `marks`, superscript numbers and "*" become Unicode superscripts. */
function render(segs: readonly Segment[], size: number, marks: boolean): string {
  let out = "";
  let lastEnd = Number.NEGATIVE_INFINITY;
  for (const s of segs) {
    let text = s.text;
    // A space item can be drawn as wide as the gap it fills: it tells nothing about position.
    if (!text.trim()) {
      if (out && !/\s$/.test(out)) out += " ";
      continue;
    }
    if (s.sup && marks && /^\s*(\d{1,3}|\*{1,3})\s*$/.test(text)) {
      text = superscript(text.trim());
      // The marker sits right after its word or punctuation, as printed.
      if (s.x - lastEnd < 0.2 * size) out = out.replace(/ $/, "");
    }
    const gap = s.x - lastEnd;
    const prev = out[out.length - 1];
    if (out && gap > 3 * size) out = `${out.trimEnd()}   `;
    else if (
      out &&
      !s.sup &&
      gap > 0.2 * size &&
      prev !== " " &&
      !/^\s/.test(text) &&
      !(isCjk(prev) && isCjk(text[0]))
    )
      out += " ";
    out += text;
    lastEnd = Math.max(lastEnd, s.end);
  }
  return out.replace(/\s+$/, "");
}

/**
 * Join a line to the text before it. A producer that keeps the space at the end of a wrapped line
 * (Word does) tells us a space stood there, even between Chinese and a number ("第 75/240 号"),
 * where joinLine alone would close the gap.
 */
function joinPdfLine(before: string, line: string, previous: PdfLine | undefined): string {
  const last = previous?.segments.at(-1)?.text ?? "";
  if (/\s$/.test(last) && before && line && !/\s$/.test(before)) return `${before} ${line}`;
  return joinLine(before, line);
}

/** The line with markers as superscripts. */
function lineText(l: PdfLine): string {
  return render(l.segments, l.size, true).trim();
}

/** Text used to recognise a running title on several pages: digits ignored. */
const shape = (t: string) => t.replace(/\d+/g, "#").replace(/\s+/g, " ").trim();

/** One flow of a page (a page, a band, a column), its furniture dropped, split into text and notes. */
interface Classified {
  page: number;
  body: PdfLine[];
  notes: PdfLine[];
}

/** Drop furniture and split each page into body lines and footnote lines. */
function classify(
  pages: readonly PdfPage[],
  all: PdfLine[][],
  size: number,
  file: string,
  diagnostics: Diagnostic[],
  lineOnPage: (l: PdfLine) => number | undefined,
): Classified[] {
  const zone = (l: PdfLine, p: PdfPage) =>
    l.y > p.height * 0.88 ? "top" : l.y < p.height * 0.1 ? "bottom" : "";
  const seen = new Map<string, Set<number>>();
  pages.forEach((p, k) => {
    for (const l of all[k]!) {
      const z = zone(l, p);
      if (!z || opensNote(l)) continue;
      const key = `${z}|${shape(l.plain)}`;
      if (!seen.has(key)) seen.set(key, new Set());
      seen.get(key)!.add(p.number);
    }
  });
  return pages.flatMap((p, k) => {
    const kept: PdfLine[] = [];
    for (const l of all[k]!) {
      const t = l.plain.trim();
      const z = zone(l, p);
      // A running title recurs on most pages, or is set smaller than the text; a heading that
      // happens to open two pages ("Recommended next steps") is neither.
      const recurs = seen.get(`${z}|${shape(l.plain)}`)?.size ?? 0;
      const repeated =
        z !== "" && !opensNote(l) && recurs >= 2 && (recurs >= pages.length / 2 || l.size < 0.95 * size);
      const furniture =
        JOB_LINE.test(t) || BARCODE_LINE.test(t) || (z !== "" && (isPageFurniture(t) || repeated));
      if (furniture) {
        diagnostics.push(
          diag(
            "ingest/artifact-dropped",
            onPage(file, p.number, lineOnPage(l)),
            `${pagePlace(p.number, lineOnPage(l))}: "${t}" dropped as a running header or footer.`,
          ),
        );
      } else kept.push(l);
    }
    // Per flow: the footnote block is the smaller lines at the foot of the flow (the page, or each
    // column, where a typesetter puts a column's notes), the first of them opening with a marker.
    const flows = new Map<number, PdfLine[]>();
    for (const l of kept) {
      if (!flows.has(l.flow)) flows.set(l.flow, []);
      flows.get(l.flow)!.push(l);
    }
    return [...flows.values()].map((lines) => {
      let from = lines.length;
      for (let j = lines.length - 1; j >= 0; j--) {
        if (lines[j]!.size < 0.92 * size) from = j;
        else break;
      }
      while (from < lines.length && !opensNote(lines[from]!)) from++;
      return { page: p.number, body: lines.slice(0, from), notes: lines.slice(from) };
    });
  });
}

/** True when a footnote line starts with its marker (raised, or printed as "12 " in small type). */
function opensNote(l: PdfLine): boolean {
  const first = l.segments.find((s) => s.text.trim());
  if (!first) return false;
  if (first.sup && /^\s*(\d{1,3}|\*{1,3})\s*$/.test(first.text)) return true;
  return /^\s*(\d{1,3}|\*{1,3})\s+\S/.test(l.plain) || /^\s*\*/.test(l.plain);
}

/** The notes of one page's footnote block as blocks. */
function noteBlocks(lines: readonly PdfLine[]): Block[] {
  const out: Block[] = [];
  let previous: PdfLine | undefined;
  let current: { marker: string; text: string } | undefined;
  for (const l of lines) {
    if (opensNote(l)) {
      if (current) out.push({ kind: "note", ...current });
      const text = lineText(l);
      const m = /^([¹²³⁴⁵⁶⁷⁸⁹⁰]+|\*{1,3}|\d{1,3})\s*/.exec(text)!;
      current = { marker: fromSuperscript(m[1]!), text: text.slice(m[0].length) };
    } else if (current) current.text = joinPdfLine(current.text, lineText(l), previous);
    previous = l;
  }
  if (current) out.push({ kind: "note", ...current });
  return out;
}

/**
 * The usual distance between two lines of one paragraph, in points: the most common gap after a
 * line that runs to the right margin (such a line wraps, so the next line is the same paragraph).
 */
function linePitch(pages: readonly Classified[], size: number): number {
  const counts = new Map<number, number>();
  for (const p of pages) {
    const right = Math.max(...p.body.map((l) => l.x1), 0);
    for (let k = 1; k < p.body.length; k++) {
      const a = p.body[k - 1]!;
      const b = p.body[k]!;
      if (Math.abs(a.size - size) > 0.5 || Math.abs(b.size - size) > 0.5 || a.x1 < right - 2 * size) continue;
      const gap = Math.round((a.y - b.y) * 2) / 2;
      if (gap > 0) counts.set(gap, (counts.get(gap) ?? 0) + 1);
    }
  }
  let best = size * 1.2;
  let most = 0;
  for (const [g, c] of counts) if (c > most || (c === most && g < best)) [best, most] = [g, c];
  // Lines of one paragraph are never two line-heights apart: a larger "pitch" comes from a page
  // too short to show one (a few isolated lines), and would glue headings to text.
  return best > size * 2 ? size * 1.2 : best;
}

/**
 * A line's place on its page as a reader counts down it, for a diagnostic (a PDF has no lines of
 * its own, and "line 3" sent readers looking for one): the baselines above its own on the whole
 * page (cover and furniture included, every column), plus one.
 */
function lineCounter(all: readonly PdfLine[][]): (l: PdfLine) => number | undefined {
  const baselines = new Map<number, number[]>();
  const at = (l: PdfLine) => Math.round(l.y * 2) / 2;
  for (const lines of all)
    for (const l of lines) {
      const ys = baselines.get(l.page) ?? [];
      ys.push(at(l));
      baselines.set(l.page, ys);
    }
  for (const [k, ys] of baselines)
    baselines.set(
      k,
      [...new Set(ys)].sort((a, b) => b - a),
    );
  return (l) => {
    const k = baselines.get(l.page)?.indexOf(at(l)) ?? -1;
    return k < 0 ? undefined : k + 1;
  };
}

/** Convert extracted PDF pages into blocks and corpus Markdown. */
export function convertPdfPages(pages: readonly PdfPage[], opts: ConvertOptions): Converted {
  const diagnostics: Diagnostic[] = [];
  const size = bodySize(pages);
  const laid = pages.map((p) => layoutLines(p, size));
  const all = laid.map((l) => l.lines);
  const lineOnPage = lineCounter(all);
  const layout: PageSummary[] = laid.map((l, k) => ({
    page: pages[k]!.number,
    columns: l.layout.columns,
    head: l.layout.head,
    ...(l.layout.unclear ? { unclear: l.layout.unclear } : {}),
  }));
  for (const p of layout)
    if (p.unclear)
      diagnostics.push(
        diag(
          "ingest/layout-unclear",
          onPage(opts.file, p.page),
          `Page ${p.page}: the layout is not understood: ${p.unclear}. Its lines are read row by row across the page, which may interleave columns.`,
          "Check the page against the original, or import another format of the document (DOCX, HTML); --force imports it as read.",
        ),
      );
  // The cover block sits at the top of page 1.
  let cover = { lines: [] as string[] } as Converted["cover"];
  if (all[0]?.length) {
    const split = splitCover(all[0].map((l) => l.plain));
    cover = split.cover;
    all[0] = all[0].slice(split.start);
  }
  const classified = classify(pages, all, size, opts.file, diagnostics, lineOnPage);
  const pitch = linePitch(classified, size);

  const right = rightEdges(classified);

  const blocks: Block[] = [];
  let para: string | undefined;
  /** The paragraph's first line, for a diagnostic's place. */
  let paraFirst: PdfLine | undefined;
  let last: PdfLine | undefined;
  // A page's (or column's) notes wait until the paragraph they interrupt ends: the paragraph stays
  // whole, a word divided across the break is joined like any other, and every note still follows
  // its marker, as the parser needs.
  let waiting: Block[] = [];
  // Where each page begins is marked, so a paragraph's page can be cited ("A/76/136, p. 58"): before
  // the block a page opens with, or inside the paragraph a page continues.
  let paraPage: number | undefined;
  let tailPage: number | undefined;
  // A list whose bullets are drawn, not written (Chromium prints <ul> markers as graphics): its
  // items stand indented, every line, after the words that introduce them.
  const left = leftEdges(classified, size);
  let indented = true;
  let inferredList = false;
  const flush = () => {
    if (para?.trim()) {
      const b = textBlock(tailPage === undefined ? para : `${para}${pageTurn(tailPage)}`);
      if (paraPage !== undefined) b.page = paraPage;
      let before: Block | undefined;
      for (let k = blocks.length - 1; k >= 0 && !before; k--)
        if (blocks[k]!.kind === "text") before = blocks[k];
      const introduced = before !== undefined && (/[:：]$/.test(before.text.trim()) || inferredList);
      inferredList = false;
      if (!b.bullet && indented && introduced && !startsWithLabel(b.text)) {
        b.bullet = true;
        inferredList = true;
        diagnostics.push(
          diag(
            "ingest/bullet-inferred",
            onPage(opts.file, paraFirst?.page ?? 1, paraFirst && lineOnPage(paraFirst)),
            `${pagePlace(paraFirst?.page ?? 1, paraFirst && lineOnPage(paraFirst))}: "${b.text.slice(0, 40)}" stands indented after the words that introduce it: read as a bulleted item whose bullet is drawn, not written.`,
            'If it is not an item of a list, remove the "- " before it in the corpus file.',
          ),
        );
      }
      blocks.push(b);
    }
    para = undefined;
    paraPage = undefined;
    tailPage = undefined;
    indented = true;
    blocks.push(...waiting);
    waiting = [];
  };
  for (const page of classified) {
    let opens: number | undefined = opts.pages ? page.body[0]?.page : undefined;
    for (const l of page.body) {
      const text = lineText(l);
      const sameFlow = last !== undefined && last.page === l.page && last.flow === l.flow;
      // A heading wrapped over lines ("…of information and / telecommunications"): set larger than
      // the text, in one size and font, one line under the other at its own line height. Its lines
      // are spaced wider than the text's pitch and end short, which would otherwise split it.
      const headingGoesOn =
        sameFlow &&
        last !== undefined &&
        l.size > size + 0.5 &&
        Math.abs(last.size - l.size) <= 0.5 &&
        last.font === l.font &&
        last.y - l.y <= 1.5 * l.size &&
        !startsWithLabel(text) &&
        !startsWithBullet(text);
      const breaks =
        para === undefined ||
        !last ||
        (sameFlow && !headingGoesOn && last.y - l.y > pitch * 1.35) ||
        // A label after a clause that ends: a subparagraph set without extra space.
        (sameFlow && startsWithLabel(text) && /[.;:。；：]$/.test(para ?? "")) ||
        startsWithBullet(text) ||
        // An item of a list whose bullet is drawn: indented further, after the words that introduce it.
        (sameFlow && /[:：]$/.test(para ?? "") && l.x0 > last.x0 + 0.8 * size) ||
        Math.abs(last.size - l.size) > 0.5 ||
        (sameFlow && !headingGoesOn && brokenEarly(last, l, right(last), opts.lang)) ||
        (!sameFlow && !continues(para, text));
      if (breaks) flush();
      // Every line of an item stands in from the text's left edge (a first-line indent does not).
      indented &&= l.x0 >= left(l) + 0.8 * size;
      if (opens !== undefined && para === undefined) paraPage = opens;
      else if (opens !== undefined && para !== undefined) {
        // The page turns inside the paragraph: mark it between two words, or at the paragraph's
        // end when the turn falls inside a word or in Chinese (no spaces): its pages are the same.
        const joined = joinPdfLine(para, text, last);
        const start = joined.length - text.replace(/^[ \t]+/, "").length;
        if (/\s/.test(joined[start - 1] ?? "")) {
          para = `${joined.slice(0, start)}${pageTurn(opens)}${joined.slice(start)}`;
          opens = undefined;
          last = l;
          continue;
        }
        tailPage = opens;
      }
      opens = undefined;
      if (para === undefined) paraFirst = l;
      para = para === undefined ? text : joinPdfLine(para, text, last);
      last = l;
    }
    waiting.push(...noteBlocks(page.notes));
  }
  flush();
  for (const b of blocks)
    if (b.kind === "note" && !b.text.trim())
      diagnostics.push(
        diag("ingest/footnote-unplaced", { file: opts.file, line: 1 }, `Footnote ${b.marker} has no text.`),
      );
  const { markdown, hyphenation } = finishBlocks(blocks);
  return { markdown, blocks, cover, diagnostics, layout, hyphenation };
}

/**
 * The right edge of the text each line belongs to: its column's, or the page's text block for lines
 * read across the page. Not the widest line (a URL or a table can stick out past the margin, and
 * would make every line look short) but the end that a quarter of the lines reach: justified text
 * runs most of its lines to the margin.
 */
function rightEdges(flows: readonly Classified[]): (l: PdfLine) => number {
  const ends = new Map<string, number[]>();
  const key = (l: PdfLine) => `${l.page}|${l.columns > 1 ? `${l.columns}.${l.column}` : "page"}`;
  const add = (k: string, x: number) => {
    if (!ends.has(k)) ends.set(k, []);
    ends.get(k)!.push(x);
  };
  for (const f of flows)
    for (const l of f.body) {
      add(key(l), l.x1);
      if (l.columns > 1) add(`${l.page}|page`, l.x1);
    }
  const edge = new Map<string, number>();
  for (const [k, xs] of ends) {
    xs.sort((a, b) => b - a);
    edge.set(k, xs[Math.floor(xs.length / 4)]!);
  }
  return (l) => edge.get(key(l)) ?? l.x1;
}

/**
 * Was the line before `next` ended on purpose? It was when the first word of `next` (two
 * characters of Chinese, which may not start a line with punctuation) would have fitted at its
 * end: a typesetter filling lines would have put it there. Two lines set one under the other
 * at normal spacing (a session line over an agenda-item line) are two blocks, not one heading.
 * An English line that starts in lower case continues a sentence and is never split off.
 */
function brokenEarly(before: PdfLine, next: PdfLine, right: number, lang: string): boolean {
  const first = next.segments.find((s) => s.text.trim());
  if (!first) return false;
  const text = first.text.trimStart();
  if (/^[a-z]/.test(text) || /-$/.test(before.plain)) return false;
  const cjk = isCjk(text[0]);
  const word = cjk ? [...text].slice(0, 2).join("") : (text.split(/\s/)[0] ?? "");
  const perChar = (first.end - first.x) / Math.max(1, [...first.text].length);
  const needed = (cjk || lang === "zh" ? 0 : 0.25 * before.size) + perChar * [...word].length;
  return before.x1 + needed < right - 1;
}

/** A paragraph as a block; a leading bullet glyph makes it a bullet item. */
/** The left edge of each flow of each page: where most of its lines of body text start. */
function leftEdges(flows: readonly Classified[], size: number): (l: PdfLine) => number {
  const edge = new Map<string, number>();
  const key = (l: PdfLine) => `${l.page}|${l.flow}`;
  for (const f of flows)
    for (const l of f.body) {
      if (Math.abs(l.size - size) > 0.5) continue;
      const k = key(l);
      edge.set(k, Math.min(edge.get(k) ?? Number.POSITIVE_INFINITY, l.x0));
    }
  return (l) => edge.get(key(l)) ?? l.x0;
}

/** The page turn written inside a text: pipeline/ingest/markdown.ts makes it the corpus's mark. */
function pageTurn(page: number): string {
  return `${PAGE_TURN_OPEN}${page}${PAGE_TURN_CLOSE}`;
}

function textBlock(text: string): Block & { kind: "text" } {
  const b = splitBullet(text);
  return b.bullet ? { kind: "text", text: b.text, bullet: true } : { kind: "text", text };
}

/** Does the first line of a page continue the paragraph the previous page ended with? */
function continues(para: string, next: string): boolean {
  if (startsWithLabel(next) || startsWithBullet(next)) return false;
  const end = para.trim();
  if (ENDS_SENTENCE.test(end)) return false;
  return /^[a-z(“"‘]/.test(next) || isCjk(next[0]) || /[,，、a-z]$/.test(end);
}
