/**
 * Columns from item positions (columns.ts, through convertPdfPages): pages drawn as text items in
 * one, two and three columns, a one-column head over two columns, a two-column table, and layouts
 * that cannot be ordered. Each page is built from words, so lines fill their columns as print does.
 */
import { describe, expect, test } from "vitest";
import { pageLayout } from "../../pipeline/ingest/columns.ts";
import { convertPdfPages, type PdfItem, type PdfPage } from "../../pipeline/ingest/index.ts";

const SIZE = 10;
const CHAR = 5; // width of a character at 10 pt, as these pages draw them

const item = (str: string, x: number, y: number, size = SIZE): PdfItem => ({
  str,
  x,
  y,
  width: str.length * size * 0.5,
  size,
  font: "f",
});

/** Set `text` as lines of at most `width` points from (x, y) down, 12 pt apart; returns items and next y. */
function setText(text: string, x: number, y: number, width: number): { items: PdfItem[]; y: number } {
  const items: PdfItem[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && (line.length + 1 + word.length) * CHAR > width) {
      items.push(item(line, x, y));
      y -= 12;
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) items.push(item(line, x, y));
  return { items, y: y - 18 };
}

/** Paragraphs set in a column from the top; returns the items. */
function column(paragraphs: string[], x: number, top: number, width: number): PdfItem[] {
  const out: PdfItem[] = [];
  let y = top;
  for (const p of paragraphs) {
    const set = setText(p, x, y, width);
    out.push(...set.items);
    y = set.y;
  }
  return out;
}

const page = (items: PdfItem[], number = 1): PdfPage => ({ number, width: 595, height: 842, items });

const para = (n: number, words = 40) =>
  `${n}. ${Array.from({ length: words }, (_, k) => ["the", "working", "group", "agreed", "on", "text", "and", "States"][(k + n) % 8]).join(" ")} end${n}.`;

const texts = (md: string) => md.trim().split("\n\n");

describe("column layout from item positions", () => {
  test("one column: one flow, read top to bottom", () => {
    const p = page(column([para(1), para(2), para(3)], 70, 760, 450));
    expect(pageLayout(p)).toMatchObject({ columns: 1, head: false });
    expect(texts(convertPdfPages([p], { lang: "en", file: "t.pdf" }).markdown)).toEqual([
      para(1),
      para(2),
      para(3),
    ]);
  });

  test("two columns whose baselines align: each column read whole, left then right", () => {
    const left = column([para(1), para(2), para(3)], 70, 760, 210);
    const right = column([para(4), para(5), para(6)], 310, 760, 210);
    const p = page([...left, ...right]);
    expect(pageLayout(p)).toMatchObject({ columns: 2, head: false });
    expect(texts(convertPdfPages([p], { lang: "en", file: "t.pdf" }).markdown)).toEqual(
      [1, 2, 3, 4, 5, 6].map((n) => para(n)),
    );
  });

  test("a one-column head over a two-column body: the head first, then each column", () => {
    const head = [
      item("Ninety-ninth session", 70, 780),
      item(
        "Developments in the field of document processing in the context of international cooperation",
        70,
        768,
      ),
    ];
    const left = column([para(1), para(2), para(3)], 70, 740, 210);
    const right = column([para(4), para(5), para(6)], 310, 740, 210);
    const p = page([...head, ...left, ...right]);
    expect(pageLayout(p)).toMatchObject({ columns: 2, head: true });
    expect(texts(convertPdfPages([p], { lang: "en", file: "t.pdf" }).markdown)).toEqual([
      "Ninety-ninth session",
      "Developments in the field of document processing in the context of international cooperation",
      ...[1, 2, 3, 4, 5, 6].map((n) => para(n)),
    ]);
  });

  test("three columns", () => {
    const cols = [0, 1, 2].map((c) => column([para(2 * c + 1), para(2 * c + 2)], 70 + c * 155, 760, 140));
    const p = page(cols.flat());
    expect(pageLayout(p)).toMatchObject({ columns: 3 });
    expect(texts(convertPdfPages([p], { lang: "en", file: "t.pdf" }).markdown)).toEqual(
      [1, 2, 3, 4, 5, 6].map((n) => para(n)),
    );
  });

  test("a paragraph running from the foot of the left column to the top of the right is one paragraph", () => {
    const left = column([para(1), para(2, 70)], 70, 760, 210);
    const cut = left.length - 3;
    const moved = left.slice(cut).map((it, k) => ({ ...it, x: 310, y: 760 - 12 * k }));
    const p = page([
      ...left.slice(0, cut),
      ...moved,
      ...column([para(3)], 310, 760 - 12 * moved.length - 6, 210),
    ]);
    expect(texts(convertPdfPages([p], { lang: "en", file: "t.pdf" }).markdown)).toEqual([
      para(1),
      para(2, 70),
      para(3),
    ]);
  });

  test("a two-column table (short cells) is read row by row, not as columns", () => {
    const rows = ["Argentina", "Brazil", "Chile", "Denmark", "Egypt", "France", "Ghana"].flatMap((s, k) => [
      item(s, 70, 760 - 14 * k),
      item(`${k + 1} March 2031`, 330, 760 - 14 * k),
    ]);
    const p = page(rows);
    expect(pageLayout(p).columns).toBe(1);
    expect(convertPdfPages([p], { lang: "en", file: "t.pdf" }).markdown).toContain("Argentina 1 March 2031");
  });

  test("four columns side by side are not guessed: the page is said to be not understood", () => {
    const cols = [0, 1, 2, 3].map((c) => column([para(c + 1, 30)], 40 + c * 135, 760, 125));
    const r = convertPdfPages([page(cols.flat())], { lang: "en", file: "t.pdf" });
    expect(r.layout?.[0]?.unclear).toMatch(/4 columns/);
    expect(r.diagnostics).toContainEqual(
      expect.objectContaining({ code: "ingest/layout-unclear", level: "error", file: "t.pdf", line: 1 }),
    );
  });

  test("lines crossing the gutter again and again between column bands are not guessed", () => {
    const items: PdfItem[] = [];
    let top = 780;
    for (let k = 0; k < 3; k++) {
      items.push(
        ...column([para(2 * k + 1, 24)], 70, top, 210),
        ...column([para(2 * k + 2, 24)], 310, top, 210),
      );
      top -= 80;
      items.push(item("A figure caption set across both columns of the page, wide.", 70, top + 10));
      top -= 20;
    }
    const r = pageLayout(page(items));
    expect(r.unclear).toMatch(/cross the gutter/);
  });
});
