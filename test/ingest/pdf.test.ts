/**
 * PDF import: the layout rules on hand-made text items (pure), then real PDFs printed by headless
 * Chromium from our UN-layout fixture in English and Chinese, with a golden copy of the Markdown.
 */
import { describe, expect, test } from "vitest";
import { diag } from "../../pipeline/diagnostics.ts";
import { convertPdfPages, extractPdf, type PdfItem, type PdfPage } from "../../pipeline/ingest/index.ts";
import { formatDiagnostics } from "../../pipeline/report.ts";
import { Diagnostic } from "../../schemas/index.ts";
import { expectGolden } from "../golden.ts";
import { has } from "../needs.ts";
import { parseMarkdown } from "../parse/helpers.ts";
import { digest, expectedParagraphs, fixturePdf, parseFixture } from "./helpers.ts";
import { MODELS } from "./layout.ts";

/** An item; `y` counts from the page's bottom, as in PDF. */
const item = (str: string, x: number, y: number, size = 10, font = "f"): PdfItem => ({
  str,
  x,
  y,
  width: str.length * size * 0.5,
  size,
  font,
});
const page = (number: number, items: PdfItem[]): PdfPage => ({ number, width: 600, height: 840, items });
const md = (pages: PdfPage[], lang: "en" | "zh" = "en") =>
  convertPdfPages(pages, { lang, file: "t.pdf" }).markdown;

describe("PDF layout rules (text items in, Markdown out)", () => {
  test.each([
    {
      // wrapped English lines of one paragraph join with a space
      pages: [page(1, [item("1. States agreed on the", 70, 700), item("following text.", 70, 687)])],
      expected: "1. States agreed on the following text.\n",
    },
    {
      // Chinese lines join without a space
      pages: [page(1, [item("1. 各国商定了", 70, 700), item("以下案文。", 70, 687)])],
      lang: "zh" as const,
      expected: "1. 各国商定了以下案文。\n",
    },
    {
      // a space the producer kept at the end of a wrapped line stays, even before a number in Chinese
      pages: [page(1, [item("1. 大会第", 70, 700), item(" ", 100, 700), item("98/12 号决议。", 70, 687)])],
      lang: "zh" as const,
      expected: "1. 大会第 98/12 号决议。\n",
    },
    {
      // a wider gap between lines starts a new paragraph
      pages: [
        page(1, [
          item("1. First paragraph runs over", 70, 700),
          item("two lines.", 70, 687),
          item("2. Second paragraph.", 70, 668),
        ]),
      ],
      expected: "1. First paragraph runs over two lines.\n\n2. Second paragraph.\n",
    },
    {
      // a heading wrapped over two lines (as Chromium prints an <h1>) is one heading, not two blocks
      pages: [
        page(1, [
          item("Developments in the field of information and", 70, 760, 16, "f-Bold"),
          item("telecommunications", 70, 741, 16, "f-Bold"),
          item("1. States agreed on the following text, which runs", 70, 710),
          item("over three lines of the body, set smaller than the", 70, 697),
          item("heading above it.", 70, 684),
        ]),
      ],
      expected:
        "Developments in the field of information and telecommunications\n\n1. States agreed on the following text, which runs over three lines of the body, set smaller than the heading above it.\n",
    },
    {
      // two headings in one size but different fonts (a bold title over a light subtitle) stay two
      pages: [
        page(1, [
          item("Position paper", 70, 760, 16, "f-Bold"),
          item("submitted by a State", 70, 741, 16, "f-Light"),
          item("1. States agreed on the following text, which runs", 70, 710),
          item("over two lines of the body.", 70, 697),
        ]),
      ],
      expected:
        "Position paper\n\nsubmitted by a State\n\n1. States agreed on the following text, which runs over two lines of the body.\n",
    },
    {
      // a small raised number after a word is a footnote marker: a Unicode superscript
      pages: [
        page(1, [item("1. As agreed.", 70, 700), item("12", 135.5, 704, 6.5), item("Then more.", 146, 700)]),
      ],
      expected: "1. As agreed.¹² Then more.\n",
    },
    {
      // a small raised "*" is the asterisk marker
      pages: [page(1, [item("Item 42 of the agenda", 70, 700), item("*", 180, 704, 6.5)])],
      expected: "Item 42 of the agenda*\n",
    },
    {
      // the footnote block (small type at the foot) becomes definitions after the page's text
      pages: [
        page(1, [
          item("1. As agreed.", 70, 700),
          item("1", 126, 704, 6.5),
          item("1", 70, 84, 6.5),
          item("A/75/816, annex I,", 75, 80, 8),
          item("para. 7.", 70, 70, 8),
        ]),
      ],
      expected: "1. As agreed.¹\n\n¹ A/75/816, annex I, para. 7.\n",
    },
    {
      // symbol line, job number, page number and bar code in the margins are dropped
      pages: [
        page(1, [
          item("1. Text of page one,", 70, 700),
          item("23-15135", 70, 30, 9),
          item("*2315135*", 400, 30, 9),
        ]),
        page(2, [
          item("A/78/265", 70, 800, 9),
          item("which goes on here.", 70, 700),
          item("2/12", 500, 30, 9),
        ]),
      ],
      expected: "1. Text of page one, which goes on here.\n",
    },
    {
      // a running title repeated in the top margin of several pages is dropped
      pages: [
        page(1, [item("Developments in testing", 70, 800, 9), item("1. One.", 70, 700)]),
        page(2, [item("Developments in testing", 70, 800, 9), item("2. Two.", 70, 700)]),
      ],
      expected: "1. One.\n\n2. Two.\n",
    },
    {
      // a heading that happens to open two of six pages is text, not a running title
      pages: [1, 2, 3, 4, 5, 6].map((n) =>
        page(
          n,
          n === 2 || n === 5
            ? [item("Recommended next steps", 70, 790), item(`${n}. Text.`, 70, 700)]
            : [item(`${n}. Text.`, 70, 700)],
        ),
      ),
      expected:
        "1. Text.\n\nRecommended next steps\n\n2. Text.\n\n3. Text.\n\n4. Text.\n\nRecommended next steps\n\n5. Text.\n\n6. Text.\n",
    },
    {
      // a smaller line on two of six pages' tops is a running title
      pages: [1, 2, 3, 4, 5, 6].map((n) =>
        page(
          n,
          n === 2 || n === 5
            ? [item("Annex running title", 70, 800, 9), item(`${n}. Text.`, 70, 700)]
            : [item(`${n}. Text.`, 70, 700)],
        ),
      ),
      expected: "1. Text.\n\n2. Text.\n\n3. Text.\n\n4. Text.\n\n5. Text.\n\n6. Text.\n",
    },
    {
      // a paragraph cut by a page's footnotes stays whole; the notes follow it
      pages: [
        page(1, [
          item("1. The first half", 70, 700),
          item("1", 150, 704, 6.5),
          item("1", 70, 84, 6.5),
          item("A note.", 75, 80, 8),
        ]),
        page(2, [item("and the second half.", 70, 700)]),
      ],
      expected: "1. The first half¹ and the second half.\n\n¹ A note.\n",
    },
    {
      // two head lines set at normal spacing stay two blocks: the second's first word would have fitted
      pages: [
        page(1, [
          item("Ninety-ninth session", 70, 700),
          item("Item 93 of the provisional agenda", 70, 688),
          item("1. States agreed on the following text, which runs to the right margin of the page", 70, 670),
          item("and wraps.", 70, 658),
        ]),
      ],
      expected:
        "Ninety-ninth session\n\nItem 93 of the provisional agenda\n\n1. States agreed on the following text, which runs to the right margin of the page and wraps.\n",
    },
    {
      // a line sticking out past the margin (a long address) does not make the others look short
      pages: [
        page(1, [
          item(`1. ${"a".repeat(77)}`, 70, 700),
          item("b".repeat(80), 70, 688),
          item("https://example.org/a/long/address/that/runs/out/past/the/right/margin/of/the/page", 70, 676),
          item("c".repeat(80), 70, 664),
          item("of the text.", 70, 652),
        ]),
      ],
      expected: `1. ${"a".repeat(77)} ${"b".repeat(80)} https://example.org/a/long/address/that/runs/out/past/the/right/margin/of/the/page ${"c".repeat(80)} of the text.\n`,
    },
    {
      // a bullet glyph opens an item, written as a "- " item; the glyph is not text
      pages: [
        page(1, [
          item("7. States noted the following principles, in the order in which they were put:", 70, 700),
          item("•", 70, 688),
          item("Faithfulness to the text as adopted;", 85, 688),
          item("•", 70, 676),
          item("Transparency of every correction.", 85, 676),
        ]),
      ],
      expected:
        "7. States noted the following principles, in the order in which they were put:\n\n- Faithfulness to the text as adopted;\n\n- Transparency of every correction.\n",
    },
    {
      // a paragraph cut by a bare page break is joined
      pages: [
        page(1, [item("1. The first half", 70, 700)]),
        page(2, [item("and the second half.", 70, 700)]),
      ],
      expected: "1. The first half and the second half.\n",
    },
    {
      // a label after a line that ends a clause starts a subparagraph, even without extra space
      pages: [page(1, [item("(a) The first point;", 70, 700), item("(b) The second point.", 70, 687)])],
      expected: "(a) The first point;\n\n(b) The second point.\n",
    },
    {
      // the hanging label of a UN paragraph is its own item on the line's baseline
      pages: [
        page(1, [
          item("1.", 70, 700),
          item("States agreed on the", 100, 700),
          item("following text.", 100, 687),
        ]),
      ],
      expected: "1. States agreed on the following text.\n",
    },
    {
      // a new numbered paragraph at the top of a page is not joined to the last one
      pages: [page(1, [item("1. Ends with a full stop.", 70, 700)]), page(2, [item("2. Next.", 70, 700)])],
      expected: "1. Ends with a full stop.\n\n2. Next.\n",
    },
  ])("$expected", ({ pages, lang, expected }) => {
    expect(md(pages, lang)).toBe(expected);
  });

  test("the cover block of page 1 is dropped and read: date, distribution, language, job number", () => {
    const r = convertPdfPages(
      [
        page(1, [
          item("United Nations", 70, 790),
          item("A/99/200", 450, 790),
          item("General Assembly", 70, 776),
          item("Distr.: General", 450, 776),
          item("30 July 2030", 450, 763),
          item("Original: English", 450, 750),
          item("Ninety-ninth session", 70, 700),
        ]),
      ],
      { lang: "en", file: "t.pdf" },
    );
    expect(r.markdown).toBe("Ninety-ninth session\n");
    expect(r.cover).toMatchObject({
      date: "2030-07-30",
      distribution: "General",
      original: "English",
      symbol: "A/99/200",
    });
  });
});

describe.runIf(has("chromium")).each(["en", "zh"] as const)(
  "a PDF printed by Chromium in UN layout (%s)",
  (lang) => {
    const converted = async () =>
      convertPdfPages(await extractPdf(fixturePdf(lang)), { lang, file: `un-layout.${lang}.pdf` });

    test("gives the model's paragraphs, notes attached, and parses with no warnings", async () => {
      const r = await converted();
      const parsed = parseFixture(r.markdown, lang);
      expect(parsed.diagnostics.filter((d) => d.level !== "info")).toEqual([]);
      expect(digest(parsed.paragraphs)).toEqual(expectedParagraphs(MODELS[lang]));
    });

    test("drops the cover, running headers, footers, job numbers, page numbers and bar codes", async () => {
      const r = await converted();
      for (const furniture of ["30-12345", "A/99/200\n", "/4", "*3012345*", "Distr.", "Original:"]) {
        expect(r.markdown).not.toContain(furniture);
      }
      expect(r.cover.date).toBe("2030-07-30");
      expect(r.cover.symbol).toBe("A/99/200");
    });

    test("keeps the paragraph cut by page 2's footnotes whole, the notes after it", async () => {
      const r = await converted();
      const whole =
        lang === "en"
          ? /how existing commitments are implemented by all States\.\n\n² A\/76\/135, para\. 9\.\n/
          : /所有国家落实现有承诺的问题。\n\n² A\/76\/135，第 9 段。\n/;
      expect(r.markdown).toMatch(whole);
    });

    test("matches the golden Markdown (UPDATE=1 rewrites it)", async () => {
      const r = await converted();
      expectGolden(`test/fixtures/ingest/un-layout.${lang}.md`, r.markdown);
    });
  },
);

describe("page marks (acquis import records where each page begins)", () => {
  const marked = (pages: PdfPage[], lang: "en" | "zh" = "en") =>
    convertPdfPages(pages, { lang, file: "t.pdf", pages: true }).markdown;

  test.each([
    {
      // each page's first block has its mark before it
      pages: [page(1, [item("1. One.", 70, 700)]), page(2, [item("2. Two.", 70, 700)])],
      expected: "<!-- page 1 -->\n\n1. One.\n\n<!-- page 2 -->\n\n2. Two.\n",
    },
    {
      // a page turning inside a paragraph is marked between two words, the text unchanged
      pages: [
        page(1, [item("1. Text of page one,", 70, 700)]),
        page(2, [item("which goes on here.", 70, 700)]),
      ],
      expected: "<!-- page 1 -->\n\n1. Text of page one, <!-- page 2 -->which goes on here.\n",
    },
    {
      // in Chinese (no space to stand in) the mark goes at the paragraph's end: its pages are the same
      pages: [page(1, [item("1. 各国商定了", 70, 700)]), page(2, [item("以下案文，并继续讨论", 70, 700)])],
      lang: "zh" as const,
      expected: "<!-- page 1 -->\n\n1. 各国商定了以下案文，并继续讨论<!-- page 2 -->\n",
    },
  ])("$expected", ({ pages, lang, expected }) => {
    expect(marked(pages, lang)).toBe(expected);
    // Without the option nothing is marked, as before.
    expect(md(pages, lang)).toBe(expected.replace(/<!-- page \d+ -->(\n\n)?/g, ""));
  });

  test("the parser reads the marks as each paragraph's pages and keeps them out of its text", () => {
    const markdown = marked([
      page(1, [item("1. Text of page one,", 70, 700)]),
      page(2, [item("which goes on here.", 70, 700), item("2. Second.", 70, 660)]),
    ]);
    const parsed = parseMarkdown(markdown);
    expect(parsed.paragraphs.map((p) => [p.address, p.text, p.pages])).toEqual([
      ["1", "Text of page one, which goes on here.", { first: 1, last: 2 }],
      ["2", "Second.", { first: 2, last: 2 }],
    ]);
    expect(parsed.diagnostics).toEqual([]);
  });

  test("indented lines after the words that introduce them are a list whose bullets were drawn", () => {
    const got = convertPdfPages(
      [
        page(1, [
          item("1. States noted the following principles:", 70, 700),
          // set one line under the words that introduce them, a little apart from each other
          item("Faithfulness to the text;", 86, 680),
          item("Transparency of every correction.", 86, 650),
          item("2. Next.", 70, 620),
        ]),
      ],
      { lang: "en", file: "t.pdf" },
    );
    expect(got.markdown).toBe(
      "1. States noted the following principles:\n\n- Faithfulness to the text;\n\n- Transparency of every correction.\n\n2. Next.\n",
    );
    expect(got.diagnostics.filter((d) => d.code === "ingest/bullet-inferred")).toHaveLength(2);
  });
});

describe("where a PDF's diagnostics stand: a page and a line on it, not a line of the file", () => {
  // Before, the page went into `line`: "t.pdf:3:1" sent a reader to look for line 3 of the PDF.
  const pages = [
    page(1, [item("1. Text of page one.", 70, 700)]),
    page(2, [
      item("2. States noted the following principles:", 70, 700),
      item("Faithfulness to the text;", 86, 680),
      item("Transparency of every correction.", 86, 650),
    ]),
    page(3, [
      item("3. Text of page three.", 70, 700),
      item("The end of the text.", 70, 660),
      item("23-15135", 70, 30, 9),
    ]),
  ];
  const got = convertPdfPages(pages, { lang: "en", file: "t.pdf" });
  const placed = (code: string) =>
    got.diagnostics
      .filter((d) => d.code === code)
      .map((d) => ({ line: d.line, page: d.page, pageLine: d.pageLine, says: d.message.split(":")[0] }));

  test.each([
    // the job number at the foot of page 3: its third line from the top
    {
      code: "ingest/artifact-dropped",
      expected: [{ line: 1, page: 3, pageLine: 3, says: "Page 3, line 3" }],
    },
    // each item's first line, counted down page 2
    {
      code: "ingest/bullet-inferred",
      expected: [
        { line: 1, page: 2, pageLine: 2, says: "Page 2, line 2" },
        { line: 1, page: 2, pageLine: 3, says: "Page 2, line 3" },
      ],
    },
  ])("$code", ({ code, expected }) => {
    expect(placed(code)).toEqual(expected);
  });

  test("printed, a page's place is said in the message, with no line:column of the file", () => {
    const printed = formatDiagnostics([
      ...got.diagnostics.filter((d) => d.code === "ingest/bullet-inferred"),
      diag(
        "parse/numbering-gap",
        { file: "corpus/A-99-1/en.md", line: 12, column: 1 },
        "Paragraph 4 follows paragraph 2.",
      ),
    ]);
    expect(printed).toMatch(/^t\.pdf\n\s+warning\s+Page 2, line 2: "Faithfulness/m);
    expect(printed).not.toMatch(/^\s*\d+:\d+\s+warning\s+Page/m);
    // A corpus file's diagnostics keep their line and column.
    expect(printed).toMatch(/^\s*12:1\s+warning\s+Paragraph 4 follows/m);
  });

  test("a diagnostic's page and line on it are part of its shape (schemas/common.ts)", () => {
    const d = got.diagnostics.find((x) => x.code === "ingest/artifact-dropped")!;
    expect(Diagnostic.parse(d)).toEqual(d);
    expect(() => Diagnostic.parse({ ...d, page: 0 })).toThrow();
  });
});

describe("a PDF drawn line by line with pdf-lib (another producer: hanging labels, Helvetica)", () => {
  /** Draw UN layout by hand: label at the margin, text indented, notes in 8 pt, markers raised. */
  async function drawn(): Promise<Uint8Array> {
    const { PDFDocument, StandardFonts } = await import("pdf-lib");
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const p1 = doc.addPage([595, 842]);
    const text = (p: typeof p1, s: string, x: number, y: number, size = 10) =>
      p.drawText(s, { x, y, size, font });
    text(p1, "A/98/7", 70, 800, 9);
    text(p1, "1.", 70, 700);
    text(p1, "The working group met in New York and agreed", 100, 700);
    text(p1, "on the text before it.", 100, 687);
    const w = font.widthOfTextAtSize("on the text before it.", 10);
    text(p1, "1", 100 + w + 0.5, 691, 6.5);
    text(p1, "2.", 70, 668);
    text(p1, "It asked the secretariat to report on the number of", 100, 668);
    text(p1, "1", 70, 84, 6.5);
    text(p1, "See the annex to document A/97/5.", 76, 80, 8);
    text(p1, "24-00001", 70, 30, 9);
    text(p1, "1/2", 500, 30, 9);
    const p2 = doc.addPage([595, 842]);
    text(p2, "A/98/7", 70, 800, 9);
    text(p2, "its meetings.", 100, 700);
    text(p2, "24-00001", 70, 30, 9);
    text(p2, "2/2", 500, 30, 9);
    return doc.save();
  }

  test("gives the paragraphs, the paragraph cut by page 1's note whole, the note after it", async () => {
    const r = convertPdfPages(await extractPdf(await drawn()), { lang: "en", file: "drawn.pdf" });
    expect(r.markdown).toBe(
      "1. The working group met in New York and agreed on the text before it.¹\n\n2. It asked the secretariat to report on the number of its meetings.\n\n¹ See the annex to document A/97/5.\n",
    );
    const parsed = parseFixture(r.markdown, "en");
    expect(parsed.diagnostics.filter((d) => d.level !== "info")).toEqual([]);
    expect(parsed.paragraphs.map((p) => [p.address, p.text])).toEqual([
      ["1", "The working group met in New York and agreed on the text before it."],
      ["2", "It asked the secretariat to report on the number of its meetings."],
    ]);
  });
});
