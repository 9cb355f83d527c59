/**
 * DOCX import keeps the numbers Word displays (pipeline/ingest/docx-numbering.ts). A national
 * paper written in Word numbers its headings and paragraphs with automatic numbering: the text of
 * "1. Sovereignty" is "Sovereignty", its "1." computed by Word from numbering.xml. mammoth drops the
 * numbers (an ordered level becomes `<ol><li>`, numbered by position), so headings lost theirs,
 * "(a)" came out as "1." and a list continued after a heading restarted at 1.
 *
 * Fixtures are built here, in our own words: a paper with the `docx` package (which writes
 * numbering as Word does: an abstract definition, an instance, a level per paragraph), files of a
 * few paragraphs whose numbering.xml and styles.xml are written out (one behaviour a row), and, where
 * pandoc is installed, a paper pandoc writes from Markdown (a numbering instance per list, its
 * start as an override).
 */
import { spawnSync } from "node:child_process";
import { AlignmentType, Document, HeadingLevel, LevelFormat, Packer, Paragraph } from "docx";
import JSZip from "jszip";
import { describe, expect, test } from "vitest";
import { formatNumber } from "../../pipeline/ingest/docx-numbering.ts";
import { convertDocx } from "../../pipeline/ingest/index.ts";
import { REQUIRE_ALL } from "../needs.ts";
import { parseSource } from "../parse/helpers.ts";

const convert = async (bytes: Uint8Array) => convertDocx(bytes, { lang: "en", file: "paper.docx" });

/** A national paper's corpus file around `markdown`, parsed. */
const parsePaper = (markdown: string) =>
  parseSource(
    `---\nid: xl-2025-numbered-docx\nlang: en\ntitle: Position on testing networks\ndate: 2025-01-01\ntype: position paper\nbody: Government\nstatus: national\nauthors: [ NZ ]\nsource: test\n---\n${markdown}`,
  );

const level = (lvl: number, format: (typeof LevelFormat)[keyof typeof LevelFormat], text: string) => ({
  level: lvl,
  format,
  text,
  alignment: AlignmentType.START,
});

describe("a paper whose headings and paragraphs Word numbers", () => {
  test("the numbers Word shows are written into the text, said in the diagnostics, and parsed", async () => {
    const heading = (text: string, lvl: number) =>
      new Paragraph({
        text,
        heading: lvl === 0 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3,
        numbering: { reference: "heads", level: lvl },
      });
    const para = (text: string, lvl = 0) =>
      new Paragraph({ text, numbering: { reference: "paras", level: lvl } });
    const doc = new Document({
      numbering: {
        config: [
          {
            reference: "heads",
            levels: [level(0, LevelFormat.DECIMAL, "%1."), level(1, LevelFormat.DECIMAL, "%1.%2")],
          },
          {
            reference: "paras",
            levels: [
              level(0, LevelFormat.DECIMAL, "%1."),
              level(1, LevelFormat.LOWER_LETTER, "(%2)"),
              level(2, LevelFormat.LOWER_ROMAN, "(%3)"),
            ],
          },
        ],
      },
      sections: [
        {
          children: [
            new Paragraph({ text: "Position on testing networks", heading: HeadingLevel.HEADING_1 }),
            heading("Sovereignty", 0),
            para("Sovereignty applies to networks as it applies on land."),
            para("It applies to tests run:"),
            para("from afar;", 1),
            para("at home, where:", 1),
            para("the network is public;", 2),
            para("the network is private.", 2),
            heading("Non-intervention", 0),
            heading("General", 1),
            para("Coercive interference is prohibited."),
            heading("Cyber operations", 1),
            para("An operation may amount to coercion."),
          ],
        },
      ],
    });
    const converted = await convert(new Uint8Array(await Packer.toBuffer(doc)));
    expect(converted.markdown.split("\n\n")).toEqual([
      "# Position on testing networks",
      "## 1. Sovereignty",
      "1. Sovereignty applies to networks as it applies on land.",
      "2. It applies to tests run:",
      "(a) from afar;",
      "(b) at home, where:",
      "(i) the network is public;",
      "(ii) the network is private.",
      "## 2. Non-intervention",
      "### 2.1 General",
      // The paragraphs' list goes on across headings, as Word counts it.
      "3. Coercive interference is prohibited.",
      "### 2.2 Cyber operations",
      "4. An operation may amount to coercion.\n",
    ]);
    const said = converted.diagnostics.filter((d) => d.code === "ingest/numbering-computed");
    expect(said).toHaveLength(1);
    expect(said[0]).toMatchObject({ level: "info", line: 1 });
    expect(said[0]!.message).toContain("12 numbers of headings and paragraphs");
    expect(said[0]!.message).toContain("Word showed them, the file did not hold them as text");

    const parsed = parsePaper(converted.markdown);
    expect(parsed.diagnostics.filter((d) => d.level !== "info")).toEqual([]);
    expect(parsed.paragraphs.map((p) => `${p.address} < ${p.headings.slice(1).join(" > ")}`)).toEqual([
      "1 < 1. Sovereignty",
      "2 < 1. Sovereignty",
      "2.a < 1. Sovereignty",
      "2.b < 1. Sovereignty",
      "2.b.i < 1. Sovereignty",
      "2.b.ii < 1. Sovereignty",
      "3 < 2. Non-intervention > 2.1 General",
      "4 < 2. Non-intervention > 2.2 Cyber operations",
    ]);
  });

  test("a file without automatic numbering converts as before, with nothing said", async () => {
    const doc = new Document({ sections: [{ children: [new Paragraph({ text: "1. Typed by hand." })] }] });
    const converted = await convert(new Uint8Array(await Packer.toBuffer(doc)));
    expect(converted.markdown).toBe("1. Typed by hand.\n");
    expect(converted.diagnostics.map((d) => d.code)).not.toContain("ingest/numbering-computed");
  });
});

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

/** A paragraph: its text, and its numbering as `numId:ilvl`, or its style as `style=Id`. */
function p(text: string, numbering?: string): string {
  let pPr = "";
  if (numbering?.startsWith("style=")) pPr = `<w:pPr><w:pStyle w:val="${numbering.slice(6)}"/></w:pPr>`;
  else if (numbering) {
    const [numId, ilvl] = numbering.split(":");
    pPr = `<w:pPr><w:numPr><w:ilvl w:val="${ilvl ?? 0}"/><w:numId w:val="${numId}"/></w:numPr></w:pPr>`;
  }
  return `<w:p>${pPr}<w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
}

/** A level of an abstract numbering definition. */
function lvl(ilvl: number, numFmt: string, lvlText: string, start = 1, extra = ""): string {
  return `<w:lvl w:ilvl="${ilvl}"><w:start w:val="${start}"/><w:numFmt w:val="${numFmt}"/><w:lvlText w:val="${lvlText}"/>${extra}</w:lvl>`;
}

/** A DOCX of the three parts mammoth reads (it finds each at its usual path without the rels). */
async function docx(paragraphs: string[], numbering: string, styles = ""): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file(
    "word/document.xml",
    `<?xml version="1.0"?><w:document ${W}><w:body>${paragraphs.join("")}</w:body></w:document>`,
  );
  zip.file("word/numbering.xml", `<?xml version="1.0"?><w:numbering ${W}>${numbering}</w:numbering>`);
  zip.file("word/styles.xml", `<?xml version="1.0"?><w:styles ${W}>${styles}</w:styles>`);
  return zip.generateAsync({ type: "uint8array" });
}

const abstract = (id: number, levels: string) =>
  `<w:abstractNum w:abstractNumId="${id}">${levels}</w:abstractNum>`;
const num = (id: number, abstractId: number, overrides = "") =>
  `<w:num w:numId="${id}"><w:abstractNumId w:val="${abstractId}"/>${overrides}</w:num>`;

describe("numbers as Word computes them, one behaviour a row", () => {
  test.each([
    {
      what: "upper roman and upper letter, a level starting at 5",
      paragraphs: [
        p("Threats", "1:0"),
        p("Existing", "1:1"),
        p("Emerging", "1:1"),
        p("Norms", "1:0"),
        p("Fifth", "2:0"),
      ],
      numbering:
        abstract(1, lvl(0, "upperRoman", "%1.") + lvl(1, "upperLetter", "%2.")) +
        abstract(2, lvl(0, "decimal", "%1.", 5)) +
        num(1, 1) +
        num(2, 2),
      lines: ["I. Threats", "A. Existing", "B. Emerging", "II. Norms", "5. Fifth"],
    },
    {
      what: "a level restarts after a higher one; lvlRestart 0 never restarts it",
      paragraphs: [
        p("One", "1:0"),
        p("a", "1:1"),
        p("Two", "1:0"),
        p("b", "1:1"),
        p("x", "1:2"),
        p("Three", "1:0"),
        p("y", "1:2"),
      ],
      numbering:
        abstract(
          1,
          lvl(0, "decimal", "%1.") +
            lvl(1, "lowerLetter", "(%2)") +
            lvl(2, "decimal", "[%3]", 1, '<w:lvlRestart w:val="0"/>'),
        ) + num(1, 1),
      lines: ["1. One", "(a) a", "2. Two", "(a) b", "[1] x", "3. Three", "[2] y"],
    },
    {
      what: "lvlRestart 1: the third level restarts only after the first, not after the second",
      paragraphs: [
        p("One", "1:0"),
        p("a", "1:1"),
        p("x", "1:2"),
        p("b", "1:1"),
        p("y", "1:2"),
        p("Two", "1:0"),
        p("z", "1:2"),
      ],
      numbering:
        abstract(
          1,
          lvl(0, "decimal", "%1.") +
            lvl(1, "lowerLetter", "(%2)") +
            lvl(2, "decimal", "[%3]", 1, '<w:lvlRestart w:val="1"/>'),
        ) + num(1, 1),
      lines: ["1. One", "(a) a", "[1] x", "(b) b", "[2] y", "2. Two", "[1] z"],
    },
    {
      what: "two instances of one definition continue each other; one with a start override restarts",
      paragraphs: [p("A", "1:0"), p("B", "2:0"), p("C", "3:0"), p("D", "3:0")],
      numbering:
        abstract(1, lvl(0, "decimal", "%1.")) +
        num(1, 1) +
        num(2, 1) +
        num(3, 1, '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'),
      lines: ["1. A", "2. B", "1. C", "2. D"],
    },
    {
      what: "legal numbering writes the levels above in digits; zero-padded and no-number formats",
      paragraphs: [p("Part", "1:0"), p("Item", "1:1"), p("Padded", "2:0"), p("Plain", "3:0")],
      numbering:
        abstract(1, lvl(0, "upperRoman", "%1.") + lvl(1, "decimal", "%1.%2", 1, "<w:isLgl/>")) +
        abstract(2, lvl(0, "decimalZero", "%1.", 7)) +
        abstract(3, lvl(0, "none", "%1")) +
        num(1, 1) +
        num(2, 2) +
        num(3, 3),
      lines: ["I. Part", "1.1 Item", "07. Padded", "Plain"],
    },
    {
      // Word follows a number with a tab unless the level says otherwise: written as a space.
      what: "Chinese counting and circled digits, as Chinese papers number",
      paragraphs: [p("总体立场", "1:0"), p("主权", "1:1"), p("第一项", "1:2"), p("具体主张", "1:0")],
      numbering:
        abstract(
          1,
          lvl(0, "chineseCounting", "%1、") +
            lvl(1, "chineseCounting", "（%2）") +
            lvl(2, "decimalEnclosedCircle", "%3"),
        ) + num(1, 1),
      lines: ["一、 总体立场", "（一） 主权", "① 第一项", "二、 具体主张"],
    },
    {
      what: "a heading numbered by its style, and by the style it is based on; numId 0 turns numbering off",
      paragraphs: [
        p("Scope", "style=H2"),
        p("Terms", "style=H2b"),
        p("Unnumbered", "style=H2"),
        p("Law", "style=H2"),
      ],
      numbering: abstract(1, lvl(0, "decimal", "%1.")) + num(1, 1),
      styles:
        '<w:style w:type="paragraph" w:styleId="H2"><w:name w:val="heading 2"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>' +
        '<w:style w:type="paragraph" w:styleId="H2b"><w:name w:val="Heading 2 variant"/><w:basedOn w:val="H2"/></w:style>',
      lines: ["## 1. Scope", "2. Terms", "## Unnumbered", "## 3. Law"],
      // The third paragraph turns its style's numbering off on itself.
      patch: (xs: string[]) => {
        xs[2] = xs[2]!.replace("</w:pPr>", '<w:numPr><w:numId w:val="0"/></w:numPr></w:pPr>');
        return xs;
      },
    },
  ])("$what", async ({ paragraphs, numbering, styles, lines, patch }) => {
    const converted = await convert(
      await docx(patch ? patch([...paragraphs]) : paragraphs, numbering, styles),
    );
    expect(converted.markdown.trim().split("\n\n")).toEqual(lines);
  });

  test("a format not computed is left as mammoth reads it, and said in a warning", async () => {
    const converted = await convert(
      await docx([p("First", "1:0")], abstract(1, lvl(0, "ordinalText", "%1:")) + num(1, 1)),
    );
    expect(converted.markdown).toBe("1. First\n");
    expect(converted.diagnostics.filter((d) => d.code === "ingest/numbering-unsupported")).toEqual([
      expect.objectContaining({ level: "warning", message: expect.stringContaining('"ordinalText"') }),
    ]);
  });

  test.each([
    [1, "decimal", "1"],
    [28, "lowerLetter", "bb"],
    [4, "upperLetter", "D"],
    [14, "lowerRoman", "xiv"],
    [9, "upperRoman", "IX"],
    [12, "chineseCounting", "十二"],
    [3, "decimalFullWidth", "３"],
    [5, "decimalZero", "05"],
    [2, "ordinalText", null],
  ])("%s in %s is %s", (n, fmt, expected) => {
    expect(formatNumber(n, fmt)).toBe(expected);
  });
});

const pandoc = spawnSync("pandoc", ["--version"]).status === 0;
describe("a paper pandoc writes as DOCX", () => {
  // pandoc writes each list as a numbering instance whose start is an override ("3." stays 3).
  test.skipIf(!pandoc && !REQUIRE_ALL)(
    `its lists keep pandoc's numbers${pandoc ? "" : " (skipped: needs pandoc: apt-get install pandoc)"}`,
    async () => {
      const md =
        "# Views\n\n## Scope\n\n1. First paragraph.\n2. Second paragraph:\n    a. from afar;\n    b. at home.\n\n## Law\n\n3. Third paragraph.\n";
      const r = spawnSync("pandoc", ["-f", "markdown", "-t", "docx", "-o", "-"], {
        input: md,
        maxBuffer: 16 << 20,
      });
      expect(r.status).toBe(0);
      const converted = await convert(new Uint8Array(r.stdout));
      expect(converted.markdown.trim().split("\n\n")).toEqual([
        "# Views",
        "## Scope",
        "1. First paragraph.",
        "2. Second paragraph:",
        "a. from afar;",
        "b. at home.",
        "## Law",
        "3. Third paragraph.",
      ]);
    },
  );
});
