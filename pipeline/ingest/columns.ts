/**
 * Columns of a PDF page, from the positions of its text items alone: one, two or three columns,
 * and a one-column head (or any full-width lines) over a multi-column body.
 *
 * Decisions:
 * - Rows are items on one baseline. A gutter is a vertical strip that few rows cross (a projection
 *   profile of the rows' coverage over x: a two-column body leaves its gutter empty, a one-column
 *   head or a full-width heading crosses it), at least `0.6 em` wide, with text on both sides.
 * - A candidate gutter counts only when the rows that do not cross it read as columns: at least
 *   three lines on each side, and each side's lines fill their column (median line at least 60 %
 *   of the column's width). A table's short cells, a cover's masthead cells or the short last
 *   lines of paragraphs do not fill a column, so they never make one.
 * - Rows that cross a gutter cut the page into bands; each band whose rows read as columns is
 *   read column by column, top to bottom; the others are read row by row. So a head set across
 *   the page, then a body in two columns, then a full-width table, read in that order.
 * - A layout this cannot order is said, not guessed: more than three columns, or lines crossing
 *   the gutter again and again inside the columns (a figure or a table straddling them). The
 *   importer then stops unless told to go on (--force).
 */
import type { PdfItem, PdfPage } from "./pdf.ts";

/** A run of items read as one flow of text: a band of the page, or one column of a band. */
export interface Flow {
  items: PdfItem[];
  /** 0-based column of the band (0 for a band read row by row). */
  column: number;
  /** How many columns the band has (1 for a band read row by row). */
  columns: number;
}

/** How a page is laid out. */
export interface PageLayout {
  /** The flows in reading order. */
  flows: Flow[];
  /** Most columns in any band of the page. */
  columns: number;
  /** True when full-width lines stand above the columns (a one-column head). */
  head: boolean;
  /** Why the layout could not be ordered, when it could not. */
  unclear?: string;
}

interface Row {
  y: number;
  items: PdfItem[];
}

const visible = (it: PdfItem) => it.str.trim().length > 0;

function rowsOf(items: readonly PdfItem[]): Row[] {
  const sorted = items.filter(visible).sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: Row[] = [];
  for (const it of sorted) {
    const row = rows.find((r) => Math.abs(r.y - it.y) <= Math.max(1, 0.15 * it.size));
    if (row) row.items.push(it);
    else rows.push({ y: it.y, items: [it] });
  }
  return rows.sort((a, b) => b.y - a.y);
}

/** The font size most of the items are set in (by characters). */
function mainSize(items: readonly PdfItem[]): number {
  const w = new Map<number, number>();
  for (const it of items) w.set(Math.round(it.size), (w.get(Math.round(it.size)) ?? 0) + it.str.length);
  let best = 10;
  let most = -1;
  for (const [s, n] of w) if (n > most) [best, most] = [s, n];
  return best;
}

interface Gutter {
  a: number;
  b: number;
}

const crosses = (it: PdfItem, g: Gutter) => it.x < g.b - 0.5 && it.x + it.width > g.a + 0.5;
const rowCrosses = (r: Row, gs: readonly Gutter[]) => r.items.some((it) => gs.some((g) => crosses(it, g)));

/** The x range of column `k` between gutters. */
function columnRange(k: number, gs: readonly Gutter[], x0: number, x1: number): [number, number] {
  return [k === 0 ? x0 : gs[k - 1]!.b, k === gs.length ? x1 : gs[k]!.a];
}

/** Words of a line: Latin words, and each Chinese character as one. */
const wordCount = (s: string) =>
  (s.match(/\p{Script=Han}/gu)?.length ?? 0) +
  (s.replace(/\p{Script=Han}/gu, " ").match(/[\p{L}\p{N}]+/gu)?.length ?? 0);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : 0;
};

/**
 * Do these rows read as columns split by these gutters? Each column holds at least `minLines`
 * lines, and its lines fill it.
 */
function readsAsColumns(
  rows: readonly Row[],
  gs: readonly Gutter[],
  x0: number,
  x1: number,
  minLines: number,
  size: number,
) {
  for (let k = 0; k <= gs.length; k++) {
    const [left, right] = columnRange(k, gs, x0, x1);
    const lines: { x0: number; x1: number; words: number }[] = [];
    for (const r of rows) {
      // Text type only: notes and footers in small type are short lines that prove nothing.
      const inside = r.items.filter(
        (it) => it.x >= left - 1 && it.x + it.width <= right + 1 && it.size >= 0.92 * size,
      );
      if (inside.length)
        lines.push({
          x0: Math.min(...inside.map((i) => i.x)),
          x1: Math.max(...inside.map((i) => i.x + i.width)),
          words: wordCount(inside.map((i) => i.str).join(" ")),
        });
    }
    if (lines.length < minLines) return false;
    // Measured against the column as the gutters bound it: a column's lines start at its left
    // edge and most run to its right; a cover's cells or a table's stand anywhere, short.
    const width = right - left;
    if (width <= 0) return false;
    if (median(lines.map((l) => (l.x1 - left) / width)) < 0.6) return false;
    if (median(lines.map((l) => (l.x0 - left) / width)) > 0.25) return false;
    // Running text: a column's lines hold several words; a cover's cells ("Distr.: General",
    // "2 March 2031") and a table's hold one to three.
    if (median(lines.map((l) => l.words)) < 4) return false;
  }
  return true;
}

/** Candidate gutters: strips of the coverage profile that few rows cross, with text on both sides. */
function candidates(rows: readonly Row[], x0: number, x1: number, size: number): Gutter[] {
  const n = Math.ceil(x1 - x0);
  if (n <= 0 || rows.length < 6) return [];
  const cov = new Array<number>(n).fill(0);
  for (const r of rows) {
    const seen = new Uint8Array(n);
    for (const it of r.items) {
      const from = Math.max(0, Math.floor(it.x - x0));
      const to = Math.min(n, Math.ceil(it.x + it.width - x0));
      for (let b = from; b < to; b++) seen[b] = 1;
    }
    for (let b = 0; b < n; b++) cov[b]! += seen[b]!;
  }
  // A valley of the profile: at most half the rows cross it, and at most half as many as cross the
  // text on either side of it (within four ems): a gutter is a valley, a column's interior is not.
  const reach = Math.round(4 * size);
  const minWidth = Math.max(4, 0.6 * size);
  const valley = (b: number) => {
    if (cov[b]! > rows.length * 0.5) return false;
    const left = Math.max(...cov.slice(Math.max(0, b - reach), b), 0);
    const right = Math.max(...cov.slice(b + 1, Math.min(n, b + 1 + reach)), 0);
    return cov[b]! <= 0.5 * Math.min(left, right);
  };
  const out: Gutter[] = [];
  let b = 0;
  while (b < n) {
    if (!valley(b)) {
      b++;
      continue;
    }
    const start = b;
    while (b < n && valley(b)) b++;
    // The strip's floor: the widest run of bins at its lowest coverage.
    const low = Math.min(...cov.slice(start, b));
    let best: [number, number] | null = null;
    for (let k = start; k < b; ) {
      if (cov[k]! > low) {
        k++;
        continue;
      }
      const s = k;
      while (k < b && cov[k]! <= low) k++;
      if (!best || k - s > best[1] - best[0]) best = [s, k];
    }
    if (best && best[1] - best[0] >= minWidth) out.push({ a: x0 + best[0], b: x0 + best[1] });
  }
  return out;
}

/**
 * Lay out one page: its flows in reading order. `textSize` is the document's text size (a last
 * page of notes is mostly small type); by default the page's own most common size.
 */
export function pageLayout(page: PdfPage, textSize?: number): PageLayout {
  const items = page.items.filter(visible);
  const one: PageLayout = { flows: [{ items: page.items, column: 0, columns: 1 }], columns: 1, head: false };
  if (items.length === 0) return one;
  const size = textSize ?? mainSize(items);
  const rows = rowsOf(items);
  const x0 = Math.min(...items.map((i) => i.x));
  const x1 = Math.max(...items.map((i) => i.x + i.width));
  const width = x1 - x0;
  // Keep the candidates whose non-crossing rows read as columns at least a fifth of the text wide.
  const gutters = candidates(rows, x0, x1, size).filter((g) => {
    const free = rows.filter((r) => !rowCrosses(r, [g]));
    return g.a - x0 >= 0.15 * width && x1 - g.b >= 0.15 * width && readsAsColumns(free, [g], x0, x1, 3, size);
  });
  if (gutters.length === 0) return one;
  if (gutters.length > 2)
    return { ...one, unclear: `${gutters.length + 1} columns side by side (at most three are read)` };
  // The foot of the page in small type (notes, footer) is a band of its own, after the columns:
  // endnotes set across the page must not be read as the end of the first column. It is read by
  // columns only when it has text on both sides of the gutter (each column's own notes).
  let foot = rows.length;
  while (foot > 0 && Math.max(...rows[foot - 1]!.items.map((i) => i.size)) < 0.92 * size) foot--;
  const footRows = rows.slice(foot);
  const bands: { multi: boolean; rows: Row[]; foot?: boolean }[] = [];
  for (const r of rows.slice(0, foot)) {
    const multi = !rowCrosses(r, gutters);
    const last = bands.at(-1);
    if (last && last.multi === multi) last.rows.push(r);
    else bands.push({ multi, rows: [r] });
  }
  // A band of free rows that does not read as columns (a cover's cells, a table) is read by rows.
  for (const b of bands) if (b.multi && !readsAsColumns(b.rows, gutters, x0, x1, 2, size)) b.multi = false;
  if (footRows.length) {
    const g = gutters[0]!;
    const split =
      !footRows.some((r) => rowCrosses(r, gutters)) &&
      footRows.some((r) => r.items.some((i) => i.x + i.width <= g.a)) &&
      footRows.some((r) => r.items.some((i) => i.x >= g.b));
    bands.push({ multi: split, rows: footRows, foot: true });
  }
  const merged: typeof bands = [];
  for (const b of bands) {
    const last = merged.at(-1);
    if (last && last.multi === b.multi && !b.foot) last.rows.push(...b.rows);
    else merged.push({ multi: b.multi, rows: [...b.rows] });
  }
  const multi = merged.filter((b) => b.multi);
  if (multi.length === 0) return one;
  // Lines crossing the gutter again and again between column bands: an order we cannot tell.
  const interruptions = merged.filter(
    (b, k) => !b.multi && b.rows.length <= 2 && merged[k - 1]?.multi && merged[k + 1]?.multi,
  ).length;
  if (interruptions >= 2)
    return {
      ...one,
      unclear: `lines cross the gutter between the columns ${interruptions} times (a figure or table set across them?)`,
    };
  const flows: Flow[] = [];
  for (const b of merged) {
    const bandItems = b.rows.flatMap((r) => r.items);
    if (!b.multi) {
      flows.push({ items: bandItems, column: 0, columns: 1 });
      continue;
    }
    for (let k = 0; k <= gutters.length; k++) {
      const [left, right] = columnRange(k, gutters, x0, x1);
      const mid = (it: PdfItem) => it.x + it.width / 2;
      const inside = bandItems.filter(
        (it) => mid(it) >= left && mid(it) < right + (k === gutters.length ? 1 : 0),
      );
      if (inside.length) flows.push({ items: inside, column: k, columns: gutters.length + 1 });
    }
  }
  // Space items carry no text but keep words apart: give each to the flow of its row's neighbours.
  const spaces = page.items.filter((it) => !visible(it));
  for (const s of spaces) {
    const f = flows.find((fl) =>
      fl.items.some((it) => Math.abs(it.y - s.y) <= 1 && it.x <= s.x + 1 && s.x <= it.x + it.width + 1),
    );
    f?.items.push(s);
  }
  const head = !merged[0]!.multi && merged.some((b) => b.multi);
  return { flows, columns: gutters.length + 1, head };
}
