/**
 * Headings from HTML and DOCX: an `<h2>1. Sovereignty</h2>` (Word's "Heading 2" through mammoth)
 * keeps its level and is written as an ATX heading, so the parser reads a numbered section where
 * it would otherwise read "1. Sovereignty" as paragraph 1 and warn that the real paragraphs' numbers
 * go back. The fixture is a national position paper in our own words, laid out as governments
 * publish them: a title <h1>, numbered <h2> sections, numbered paragraphs with lettered ones.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { Document, HeadingLevel, Packer, Paragraph } from "docx";
import { describe, expect, test } from "vitest";
import { importCommand } from "../../pipeline/commands/import.ts";
import { convertDocx, convertHtml } from "../../pipeline/ingest/index.ts";
import { parseSource } from "../parse/helpers.ts";
import { repoRoot, tempDir } from "./helpers.ts";

const FIXTURE = readFileSync(resolve(repoRoot, "test/fixtures/ingest/national-paper.en.html"), "utf8");
const convert = (body: string) =>
  convertHtml(`<!doctype html><html><body>${body}</body></html>`, { lang: "en", file: "t.html" });

/** The text of every heading and paragraph element of the fixture, tags out, as a reader sees it. */
function elementTexts(html: string): string[] {
  return [...html.matchAll(/<(h[1-6]|p)>([\s\S]*?)<\/\1>/g)].map((m) =>
    m[2]!
      .replace(/<sup>.*?<\/sup>/g, "")
      .replace(/<a [^>]*>↩︎<\/a>/g, "")
      .replace(/<[^>]+>/g, "")
      .trim(),
  );
}

/** Import an HTML original as a national paper into a fresh repository; returns what it printed. */
async function importPaper(html: string) {
  const cwd = tempDir();
  mkdirSync(resolve(cwd, "corpus"), { recursive: true });
  writeFileSync(resolve(cwd, "corpus/registry.yaml"), "documents: []\n");
  writeFileSync(resolve(cwd, "paper.html"), html);
  let out = "";
  const io = {
    cwd,
    isTTY: false,
    stdout: (t: string) => {
      out += t;
    },
    stderr: (t: string) => {
      out += t;
    },
  };
  const argv = ["--id", "nz-2025-ict-law", "--authors", "NZ", "--date", "2025-03-01", "--body", "Government"];
  const code = await importCommand.run(["paper.html", ...argv, "--lang", "en"], io);
  const file = resolve(cwd, "corpus/nz-2025-ict-law/en.md");
  return { code, out, text: existsSync(file) ? readFileSync(file, "utf8") : "" };
}

describe("an HTML national paper with numbered <h2> sections", () => {
  test("its headings are written as ATX headings of their level, the title's <h1> as '#'", () => {
    const md = convertHtml(FIXTURE, { lang: "en", file: "paper.html" }).markdown;
    expect(md).toMatch(/^# National position on the application of international law/);
    for (const h of ["1. Introduction", "2. Sovereignty", "3. Non-intervention", "5. State responsibility"])
      expect(md).toContain(`\n\n## ${h}\n\n`);
    expect(md).toContain("\n\n### Operations carried out from afar\n\n");
    // Paragraphs stay paragraphs.
    expect(md).toContain("\n\n3. Sovereignty applies");
    expect(md).not.toContain("## 3. Sovereignty applies");
  });

  test("import -> parse: numbered sections with their keys, no 'repeats or goes back', every character kept", async () => {
    const { code, out, text } = await importPaper(FIXTURE);
    expect(code).toBe(0);
    expect(out).not.toContain("repeats or goes back");
    expect(out).toContain("parses without warnings");
    expect(text).toContain(
      "title: National position on the application of international law to the use of ICTs by States\n",
    );
    const parsed = parseSource(text, "corpus/nz-2025-ict-law/en.md");
    expect(parsed.diagnostics.filter((d) => d.level !== "info")).toEqual([]);
    const sections = parsed.headings.filter((h) => h.section).map((h) => [h.section, h.text]);
    expect(sections).toEqual([
      ["1", "1. Introduction"],
      ["2", "2. Sovereignty"],
      ["3", "3. Non-intervention"],
      ["4", "4. Due diligence"],
      ["5", "5. State responsibility"],
    ]);
    // The paragraphs are numbered 1 to 7 as printed, the lettered ones under paragraph 3.
    expect(parsed.paragraphs.map((p) => p.address)).toEqual([
      "1",
      "2",
      "3",
      "3.a",
      "3.b",
      "3.c",
      "4",
      "5",
      "6",
      "7",
    ]);
    // Each under its heading: a paragraph numbered as the headings are no longer closes the one
    // above it (its heading path held the title alone).
    expect(parsed.paragraphs.map((p) => `${p.address} < ${p.headings.slice(1).join(" > ")}`)).toEqual([
      "1 < 1. Introduction",
      "2 < 1. Introduction",
      "3 < 2. Sovereignty",
      "3.a < 2. Sovereignty",
      "3.b < 2. Sovereignty",
      "3.c < 2. Sovereignty",
      "4 < 2. Sovereignty > Operations carried out from afar",
      "5 < 3. Non-intervention",
      "6 < 4. Due diligence",
      "7 < 5. State responsibility",
    ]);
    expect(parsed.paragraphs.find((p) => p.address === "6")!.footnotes.map((f) => f.text)).toEqual([
      "See A/76/135, para. 29.",
    ]);
    // Every heading and paragraph of the original stands whole on a line of its own.
    const lines = new Set(text.split("\n").map((l) => l.replace(/^(?:#{1,6}|¹) /, "").replace(/¹$/, "")));
    for (const t of elementTexts(FIXTURE)) expect(lines, t).toContain(t);
  });
});

describe("a DOCX whose sections are styled Heading 2", () => {
  test("mammoth's <h2> becomes '## ', and the parse reads numbered sections, no numbering warning", async () => {
    const p = (text: string, heading?: (typeof HeadingLevel)[keyof typeof HeadingLevel]) =>
      new Paragraph(heading ? { text, heading } : { text });
    const doc = new Document({
      sections: [
        {
          children: [
            p("Position on testing networks", HeadingLevel.HEADING_1),
            p("1. Sovereignty", HeadingLevel.HEADING_2),
            p("1. Sovereignty applies to networks as it applies on land."),
            p("2. It applies to tests run from afar."),
            p("2. Non-intervention", HeadingLevel.HEADING_2),
            p("3. Coercive interference is prohibited."),
          ],
        },
      ],
    });
    const converted = await convertDocx(new Uint8Array(await Packer.toBuffer(doc)), {
      lang: "en",
      file: "paper.docx",
    });
    expect(converted.markdown).toBe(
      "# Position on testing networks\n\n## 1. Sovereignty\n\n1. Sovereignty applies to networks as it applies on land.\n\n2. It applies to tests run from afar.\n\n## 2. Non-intervention\n\n3. Coercive interference is prohibited.\n",
    );
    // Word's Heading 1 names no title (docx.ts): the title is read from the head of the text.
    expect(converted.title).toBeUndefined();
    const parsed = parseSource(
      `---\nsymbol: nz-2025-test-paper\nlang: en\ntitle: Position on testing networks\ndate: 2025-01-01\ntype: position paper\nbody: Government\nstatus: national\nauthors: [ NZ ]\nsource: test\n---\n${converted.markdown}`,
    );
    expect(parsed.diagnostics.filter((d) => d.level !== "info")).toEqual([]);
    expect(parsed.headings.filter((h) => h.section).map((h) => h.text)).toEqual([
      "1. Sovereignty",
      "2. Non-intervention",
    ]);
    expect(parsed.paragraphs.map((x) => `${x.address} < ${x.headings.slice(1).join(" > ")}`)).toEqual([
      "1 < 1. Sovereignty",
      "2 < 1. Sovereignty",
      "3 < 2. Non-intervention",
    ]);
  });
});

describe("heading rules", () => {
  test.each([
    // each level keeps its number of "#"
    { body: "<h1>T</h1><h4>Sub</h4><h6>Least</h6>", expected: "# T\n\n#### Sub\n\n###### Least\n" },
    // a "#" ending a heading after a space would be its closing sequence and lost: escaped
    { body: "<h2>Measure #</h2>", expected: "## Measure \\#\n" },
    // markup inside a heading is read as text; a marker stays glued to its word
    {
      body: '<h2>2. <em>Due</em> diligence<a href="#fn1"><sup>1</sup></a></h2><p id="fn1">A/76/135.</p>',
      expected: "## 2. Due diligence¹\n\n¹ A/76/135.\n",
    },
    // a heading in an ordered list's item gets the item's number
    { body: "<ol><li><h3>Sovereignty</h3><p>Text.</p></li></ol>", expected: "### 1. Sovereignty\n\nText.\n" },
  ])("$expected", ({ body, expected }) => {
    const c = convert(body);
    expect(c.markdown).toBe(expected);
    expect(c.guesses).toBeUndefined();
  });

  test("a heading's text comes back from the parser character for character", () => {
    const c = convert("<h2>Item # &amp; *star* _under_ [x](y) \\ ends #</h2><p>1. Text.</p>");
    const parsed = parseSource(
      `---\nsymbol: A/99/1\nlang: en\ntitle: T\ndate: 2025-01-01\ntype: report\nbody: B\nstatus: other\nsource: test\n---\n${c.markdown}`,
    );
    expect(parsed.headings.map((h) => h.text)).toContain("Item # & *star* _under_ [x](y) \\ ends #");
  });

  test("an <h3> holding a long sentence is written as the paragraph it reads as, warned at its line", () => {
    const long = `4. ${"States agreed that the framework applies in full, ".repeat(4)}without exception.`;
    const c = convert(`<h2>1. Sovereignty</h2><h3>${long}</h3>`);
    expect(c.markdown).toBe(`## 1. Sovereignty\n\n${long}\n`);
    expect(c.guesses).toEqual([
      expect.objectContaining({
        line: 3,
        message: expect.stringContaining("written as the paragraph it reads as"),
      }),
    ]);
  });

  test("a heading standing as a bulleted item is written as the item, warned at its line", () => {
    const c = convert("<p>Principles:</p><ul><li><h4>Restraint</h4></li></ul>");
    expect(c.markdown).toBe("Principles:\n\n- Restraint\n");
    expect(c.guesses).toEqual([expect.objectContaining({ line: 3 })]);
  });

  test("import says a guessed call at its line of the corpus file", async () => {
    const long = `${"States agreed that the framework applies in full, ".repeat(4)}without exception.`;
    const { code, out, text } = await importPaper(`<h1>Paper</h1><h2>1. Scope</h2><h3>${long}</h3>`);
    expect(code).toBe(0);
    const line = text.split("\n").indexOf(long) + 1;
    expect(line).toBeGreaterThan(1);
    expect(out).toMatch(new RegExp(`\\n${line}:1 warning An <h3> element .* ingest/structure-guessed`));
  });
});

describe("national papers numbering headings and paragraphs alike, through HTML and DOCX import", () => {
  // The Markdown fixtures of test/fixtures/parse/national/en-numbered-*.md (pinned in
  // test/parse/numbered-headings.test.ts), written as a government's HTML or Word file would hold
  // them: the title an <h1> (Heading 1), each numbered heading an <h2> (Heading 2), the rest <p>.
  const FIXTURES = ["en-numbered-through", "en-numbered-restart", "en-numbered-decimal"];
  const read = (name: string) => {
    const src = readFileSync(resolve(repoRoot, `test/fixtures/parse/national/${name}.md`), "utf8");
    const end = src.indexOf("\n---\n", 4) + 5;
    const lines = src
      .slice(end)
      .split("\n\n")
      .map((l) => l.trim())
      .filter(Boolean);
    return { front: src.slice(0, end), lines };
  };
  const isHeading = (line: string) => /^\d+\.\s+[A-Z][^.:;,]{0,60}$/.test(line);
  const outline = (front: string, markdown: string) =>
    parseSource(`${front}${markdown}`).paragraphs.map(
      (p) => `${p.address} < ${p.headings.slice(1).join(" > ")}`,
    );
  const escapeHtml = (t: string) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;");

  test.each(FIXTURES)(
    "%s: HTML import reads every paragraph under its heading, as the Markdown does",
    (name) => {
      const { front, lines } = read(name);
      const html = lines
        .map((l, i) =>
          i === 0
            ? `<h1>${escapeHtml(l)}</h1>`
            : isHeading(l)
              ? `<h2>${escapeHtml(l)}</h2>`
              : `<p>${escapeHtml(l)}</p>`,
        )
        .join("");
      const c = convert(html);
      const got = outline(front, c.markdown);
      expect(got).toEqual(outline(front, lines.join("\n\n")));
      // Each under its numbered heading (before, under the title alone).
      for (const p of got) expect(p).toMatch(/ < \d+\. /);
    },
  );

  test.each(FIXTURES)("%s: DOCX import (Heading 1, Heading 2) reads them so too", async (name) => {
    const { front, lines } = read(name);
    const doc = new Document({
      sections: [
        {
          children: lines.map(
            (l, i) =>
              new Paragraph(
                i === 0
                  ? { text: l, heading: HeadingLevel.HEADING_1 }
                  : isHeading(l)
                    ? { text: l, heading: HeadingLevel.HEADING_2 }
                    : { text: l },
              ),
          ),
        },
      ],
    });
    const c = await convertDocx(new Uint8Array(await Packer.toBuffer(doc)), {
      lang: "en",
      file: "paper.docx",
    });
    const got = outline(front, c.markdown);
    expect(got).toEqual(outline(front, lines.join("\n\n")));
    for (const p of got) expect(p).toMatch(/ < \d+\. /);
  });
});
