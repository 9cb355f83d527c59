/**
 * Plain-text import: the raw text of a PDF. The real sample (a 2001 draft resolution's raw text,
 * read in place from ../shared/corpus-real) and table rows for the rules it needs.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, test } from "vitest";
import { LINE_END_HYPHEN } from "../../pipeline/ingest/hyphenation.ts";
import { joinLines } from "../../pipeline/ingest/lines.ts";
import { convertPlainText, markGluedFootnotes } from "../../pipeline/ingest/plain.ts";
import { has } from "../needs.ts";
import { parseMarkdown } from "../parse/helpers.ts";
import { sharedDir } from "./helpers.ts";

const SAMPLE = resolve(sharedDir, "corpus-real/right-to-development-2001-draft.en.txt");
const meta = { type: "draft resolution" as const, symbol: "A/C.3/56/L.99" };

type Converted = ReturnType<typeof convertPlainText>;
type Parsed = ReturnType<typeof parseMarkdown>;

describe.runIf(has("shared"))("the real raw text of a 2001 draft resolution (read in place)", () => {
  let text: string;
  let r: Converted;
  let parsed: Parsed;
  beforeAll(() => {
    text = readFileSync(SAMPLE, "utf8");
    r = convertPlainText(text, { lang: "en", file: "right-to-development-2001-draft.en.txt" });
    parsed = parseMarkdown(r.markdown, meta);
  });

  test("the cover block (masthead, Distr., date, language, job number, bar code) is dropped and read", () => {
    expect(r.cover).toMatchObject({
      distribution: "Limited",
      date: "2001-11-28",
      original: "English",
      job: "01-66657",
    });
    expect(r.markdown).not.toMatch(/Distr\.|01-66657|\*0166657\*|Original: English/);
    expect(r.markdown.startsWith("Fifty-sixth session\n")).toBe(true);
  });

  test("hard line breaks are joined into the resolution's paragraphs: 14 preambular, 25 operative", () => {
    const addresses = parsed.paragraphs.map((p) => p.address);
    expect(addresses.filter((a) => a.startsWith("preamble/"))).toHaveLength(14);
    const operative = addresses.filter((a) => /^\d+$/.test(a));
    expect(operative).toEqual(Array.from({ length: 25 }, (_, k) => String(k + 1)));
    expect(addresses.filter((a) => /^5\.[a-f]$/.test(a))).toHaveLength(6);
    expect(addresses.filter((a) => /^21\.[a-d]$/.test(a))).toHaveLength(4);
    // a wrapped line ending in a comma before a capital ("Monterrey," / "Mexico") stays joined
    const welcoming = parsed.paragraphs.find((p) => p.text.startsWith("Welcoming the report"))!;
    expect(welcoming.text).toContain("Monterrey, Mexico, from 18 to 22 March 2002");
  });

  test("every word of the text is kept, in order", () => {
    const words = (s: string) =>
      s
        .replace(/[¹²³⁴⁵⁶⁷⁸⁹⁰]/g, (c) => String("⁰¹²³⁴⁵⁶⁷⁸⁹".indexOf(c)))
        .split(/\s+/)
        .filter(Boolean);
    const body = text.split("\n").slice(5).join("\n"); // after the five lines of the cover block
    expect(words(r.markdown)).toEqual(words(body));
  });

  test("footnote markers glued to words become superscripts, in note order", () => {
    const marks = [...r.markdown.matchAll(/[¹²³⁴⁵⁶⁷⁸⁹]/g)].map((m) => m[0]);
    expect(marks.join("")).toBe("¹²³⁴⁵⁶⁷⁸⁹⁸¹⁹");
    expect(r.markdown).toContain("Programme of Action,¹ reaffirmed");
    expect(r.markdown).toContain("Brussels Declaration⁴ and Programme");
    expect(r.markdown).toContain("resolution 41/128 of 4 December 1986,");
  });

  test("the only parse warnings are the notes the sample lacks (its text ends before them)", () => {
    const warnings = parsed.diagnostics.filter((d) => d.level !== "info");
    expect(new Set(warnings.map((d) => d.code))).toEqual(new Set(["parse/footnote-unresolved"]));
  });

  test("with note texts at the end, the notes are read as definitions of their markers", () => {
    const notes = Array.from(
      { length: 9 },
      (_, k) => `${k + 1} Note ${k + 1} of the test, on a line of its own.`,
    );
    const withNotes = convertPlainText(`${text.trimEnd()}\n${notes.join("\n")}\n`, {
      lang: "en",
      file: "t.txt",
    });
    expect(
      withNotes.blocks.filter((b) => b.kind === "note").map((b) => (b.kind === "note" ? b.marker : "")),
    ).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9"]);
    const p = parseMarkdown(withNotes.markdown, meta);
    // Notes 1, 8 and 9 are cited again later in the text: each is attached at every place its
    // marker stands, with an info note, and nothing is left to warn about.
    expect(p.diagnostics.filter((d) => d.level !== "info")).toEqual([]);
    const repeated = p.diagnostics.filter((d) => d.code === "parse/footnote-repeated");
    expect(new Set(repeated.map((d) => d.message.match(/[¹²³⁴⁵⁶⁷⁸⁹]/)?.[0]))).toEqual(
      new Set(["¹", "⁸", "⁹"]),
    );
    const preamble3 = p.paragraphs.find((x) => x.address === "preamble/3")!;
    expect(preamble3.footnotes.map((f) => f.text)).toEqual(["Note 1 of the test, on a line of its own."]);
  });
});

describe.runIf(has("shared"))(
  "the text of resolution 80/16 as a third party extracted it (read in place, its front matter set aside)",
  () => {
    let r: Converted;
    let parsed: Parsed;
    beforeAll(() => {
      const src = readFileSync(resolve(sharedDir, "corpus-real/A-RES-80-16.en.md"), "utf8").replace(
        /^---\n[\s\S]*?\n---\n/,
        "",
      );
      r = convertPlainText(src, { lang: "en", file: "A-RES-80-16.en.md" });
      parsed = parseMarkdown(r.markdown, { type: "resolution", symbol: "A/RES/80/16" });
    });

    test("the cover row run together ('General Assembly Distr.: General 5 December 2025') is read as the cover", () => {
      expect(r.cover).toMatchObject({ distribution: "General", date: "2025-12-05" });
      expect(r.markdown).not.toContain("Distr.");
    });

    test("the title repeated as a running header inside paragraph 2 is dropped; it parses with no warnings", () => {
      expect(parsed.diagnostics.filter((d) => d.level !== "info")).toEqual([]);
      expect(parsed.paragraphs.map((p) => p.address)).toEqual([
        "u1",
        "preamble/1",
        "preamble/2",
        "preamble/3",
        "1",
        "2",
        "3",
        "4",
      ]);
      const two = parsed.paragraphs.find((p) => p.address === "2")!;
      expect(two.text).toContain("as endorsed by the General Assembly in its resolution 79/237");
    });

    test("'Rev.1' in a symbol is not read as a footnote marker", () => {
      expect(r.markdown).toContain("A/AC.292/2025/INF/5/Rev.1,");
    });
  },
);

describe("glued footnote markers", () => {
  test.each([
    // a digit after a comma that follows a word, the next note number: a marker
    { line: "Programme of Action,1", max: 0, expected: "Programme of Action,¹" },
    // glued straight to a word
    { line: "the Brussels Declaration4 and", max: 3, expected: "the Brussels Declaration⁴ and" },
    // after a closing quotation mark and comma
    { line: "a globalizing world”,3 held", max: 2, expected: "a globalizing world”,³ held" },
    // after a year and a comma
    { line: "from 6 to 12 March 1995,2 and", max: 1, expected: "from 6 to 12 March 1995,² and" },
    // a note number seen before may come again
    { line: "the Working Group,8", max: 9, seen: [8], expected: "the Working Group,⁸" },
    // out of sequence: not a marker
    { line: "the Declaration4 and", max: 0, expected: "the Declaration4 and" },
    // a number after an abbreviation belongs to the reference
    {
      line: "document A/AC.292/2025/INF/5/Rev.1, and",
      max: 0,
      expected: "document A/AC.292/2025/INF/5/Rev.1, and",
    },
    // a thousands separator is not a marker
    { line: "some 1,000 people", max: 0, expected: "some 1,000 people" },
    // symbols, ranges and capitals are never markers
    {
      line: "resolution 55/279 of the G7 and 2001-2010",
      max: 0,
      expected: "resolution 55/279 of the G7 and 2001-2010",
    },
  ])("$line -> $expected", ({ line, max, seen, expected }) => {
    expect(markGluedFootnotes(line, { max, seen: new Set(seen ?? []) })).toBe(expected);
  });
});

describe("paragraph breaks in raw text", () => {
  test.each([
    // a bullet glyph starts an item, written as a "- " item as from every format
    {
      text: "States noted these principles:\n• Faithfulness to the text\nas adopted;\n• Transparency.",
      expected:
        "States noted these principles:\n\n- Faithfulness to the text as adopted;\n\n- Transparency.\n",
    },
    // a word divided at a line end is joined; the decision is counted
    { text: "1. States recom-\nmended it.", expected: "1. States recommended it.\n" },
    // a label starts a paragraph
    { text: "1. One line\nand its wrap.\n2. Two.", expected: "1. One line and its wrap.\n\n2. Two.\n" },
    // a lower-case start always continues
    {
      text: "Recalling its resolution,\nheld in Vienna,",
      expected: "Recalling its resolution, held in Vienna,\n",
    },
    // a preambular opener after a clause ending starts a paragraph
    {
      text: "Recalling the first text,\nNoting the second text,",
      expected: "Recalling the first text,\n\nNoting the second text,\n",
    },
    // a stand-alone page number is dropped
    { text: "1. A paragraph that\n2/5\nruns on.", expected: "1. A paragraph that runs on.\n" },
    // Chinese lines join without a space
    { text: "1. 大会决定\n召集工作组。\n2. 第二段。", expected: "1. 大会决定召集工作组。\n\n2. 第二段。\n" },
  ])("$expected", ({ text, expected }) => {
    expect(convertPlainText(text, { lang: "en", file: "t.txt" }).markdown).toBe(expected);
  });
});

describe("joining lines never loses or reorders a character", () => {
  test("property: the non-space characters of the lines survive, in order", () => {
    const line = fc.string({ unit: fc.constantFrom("a", "B", "-", ",", " ", "大", "。", "1", "”") });
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), (lines) => {
        // LINE_END_HYPHEN only marks a hyphen for the decision that follows (hyphenation.ts).
        const strip = (s: string) => s.replace(/\s+/g, "").replaceAll(LINE_END_HYPHEN, "");
        expect(strip(joinLines(lines))).toBe(strip(lines.join("")));
      }),
    );
  });
});
