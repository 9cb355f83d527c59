/**
 * HTML and DOCX import: the same UN-layout fixture as the PDF test, as a paged HTML page and as a
 * DOCX (docx package -> mammoth), must give the same paragraphs as the PDF; and table rows for the
 * HTML rules (markers, footnote lists, furniture, what never gets through).
 */
import { describe, expect, test } from "vitest";
import { convertDocx, convertHtml, convertPdfPages, extractPdf } from "../../pipeline/ingest/index.ts";
import { has } from "../needs.ts";
import { digest, expectedParagraphs, fixturePdf, parseFixture } from "./helpers.ts";
import { docxOf, MODELS, pagedHtml } from "./layout.ts";

const html = (body: string) =>
  convertHtml(`<!doctype html><html><body>${body}</body></html>`, { lang: "en", file: "t.html" }).markdown;

describe("HTML rules", () => {
  test.each([
    // paragraphs and headings become blocks, one a line; a heading keeps its level as an ATX heading
    { body: "<h2>I. Introduction</h2><p>1. Text.</p>", expected: "## I. Introduction\n\n1. Text.\n" },
    // a numeric <sup> is a footnote marker, glued to the word before it
    { body: "<p>1. As agreed. <sup>1</sup> More.</p>", expected: "1. As agreed.¹ More.\n" },
    // mammoth's "[1]" reference and its footnote list with a back-link
    {
      body: '<p>1. Text.<sup><a href="#footnote-1" id="footnote-ref-1">[1]</a></sup></p><ol><li id="footnote-1"><p>A/75/816. <a href="#footnote-ref-1">↑</a></p></li></ol>',
      expected: "1. Text.¹\n\n¹ A/75/816.\n",
    },
    // a paragraph opening with a marker is a footnote definition
    {
      body: "<p><sup>*</sup> Issued without formal editing.</p>",
      expected: "* Issued without formal editing.\n",
    },
    // a non-numeric superscript stays text
    { body: "<p>the 1<sup>st</sup> session</p>", expected: "the 1st session\n" },
    // an ordered list shows its numbers; a lettered list is labelled as UN print labels it
    {
      body: '<ol><li>One.</li><li>Two.</li></ol><ol type="a"><li>First.</li></ol>',
      expected: "1. One.\n\n2. Two.\n\n(a) First.\n",
    },
    // a bulleted list: "- " items, as from every format
    {
      body: "<p>7. Principles:</p><ul><li>Faithfulness;</li><li><p>Transparency.</p></li></ul>",
      expected: "7. Principles:\n\n- Faithfulness;\n\n- Transparency.\n",
    },
    // <br> inside a paragraph is print layout: a space
    { body: "<p>1. A line<br>and its wrap.</p>", expected: "1. A line and its wrap.\n" },
    // running headers and footers (by class), job numbers and bar codes are dropped
    {
      body: '<div class="running-header">Report on testing</div><p>1. Text.</p><p>23-15135</p><p>*2315135*</p><div class="page-footer">3/12</div>',
      expected: "1. Text.\n",
    },
    // a lone number or symbol in the body is content (a table cell), not a page number
    { body: "<table><tr><td>A/75/816</td><td>2021</td></tr></table>", expected: "A/75/816\n\n2021\n" },
    // scripts, styles, images and forms never reach the corpus
    {
      body: '<script>alert(1)</script><style>p{}</style><p>1. Safe<img src=x onerror="alert(2)"> text.</p><button>Go</button>',
      expected: "1. Safe text.\n",
    },
    // the HTML5 <header> tag alone is content (the UDHR keeps its preamble in one)
    {
      body: "<header><p>Whereas recognition of dignity,</p></header>",
      expected: "Whereas recognition of dignity,\n",
    },
  ])("$expected", ({ body, expected }) => {
    expect(html(body)).toBe(expected);
  });
});

describe("notes attach by the link between marker and note", () => {
  const convert = (body: string, noteNumbering?: "by-reference-order") =>
    convertHtml(`<body>${body}</body>`, { lang: "en", file: "t.html", noteNumbering });
  const ref = (id: string, shown: string) =>
    `<sup><a href="#${id}" id="${id.replace("-", "-ref-")}">[${shown}]</a></sup>`;
  const note = (id: string, text: string) =>
    `<li id="${id}"><p>${text} <a href="#${id.replace("-", "-ref-")}">↑</a></p></li>`;

  test("Word's internal ids (mammoth's footnote-25) are not the numbers: the marker's link decides", () => {
    const out = convert(
      `<p>1. First.${ref("footnote-25", "1")}</p><p>2. Second.${ref("footnote-31", "2")}</p><ol>${note("footnote-25", "A/75/816.")}${note("footnote-31", "A/76/135.")}</ol>`,
      "by-reference-order",
    );
    expect(out.markdown).toBe("1. First.¹\n\n2. Second.²\n\n¹ A/75/816.\n\n² A/76/135.\n");
    expect(out.diagnostics).toEqual([]);
  });

  test("DOCX: footnotes and endnotes are two series, each numbered in the order of its references", () => {
    const out = convert(
      `<p>1. A.${ref("footnote-7", "1")} B.${ref("endnote-2", "2")} C.${ref("footnote-9", "3")}</p><ol>${note("footnote-7", "F1.")}${note("endnote-2", "E1.")}${note("footnote-9", "F2.")}</ol>`,
      "by-reference-order",
    );
    expect(out.markdown).toBe("1. A.¹ B.¹ C.²\n\n¹ F1.\n\n¹ E1.\n\n² F2.\n");
  });

  test("HTML: the number printed on the marker is the one a reader sees (pandoc: <a><sup>1</sup></a>)", () => {
    const out = convert(
      '<p>1. Text.<a href="#fn1" class="footnote-ref" id="fnref1"><sup>4</sup></a></p><section class="footnotes"><ol><li id="fn1"><p>A/75/816.<a href="#fnref1" class="footnote-back">↩︎</a></p></li></ol></section>',
    );
    expect(out.markdown).toBe("1. Text.⁴\n\n⁴ A/75/816.\n");
  });

  test("a note no marker links to is said plainly, and its text kept", () => {
    const out = convert(
      `<p>1. Text.</p><ol>${note("footnote-3", "Orphan note.")}</ol>`,
      "by-reference-order",
    );
    expect(out.markdown).toContain("Orphan note.");
    expect(out.diagnostics).toMatchObject([
      {
        code: "ingest/footnote-unplaced",
        level: "warning",
        message: expect.stringContaining("could not be attached"),
      },
    ]);
  });

  test("a marker whose note is missing is said plainly, and the marker kept", () => {
    const out = convert(`<p>1. Text.<sup><a href="#footnote-4">[1]</a></sup></p><p id="footnote-5">x</p>`);
    expect(out.markdown).toContain("1. Text.");
    expect(out.diagnostics).toMatchObject([
      {
        code: "ingest/footnote-unplaced",
        message: expect.stringContaining('Note "footnote-5" could not be attached'),
      },
      {
        code: "ingest/footnote-unplaced",
        message: expect.stringContaining('Marker "1" links to note "footnote-4"'),
      },
    ]);
  });
});

describe.each(["en", "zh"] as const)("the UN-layout fixture as HTML and DOCX (%s)", (lang) => {
  const model = MODELS[lang];

  test.runIf(has("chromium"))(
    "the paged HTML page gives the model's paragraphs, parses with no warnings, and equals the PDF's",
    async () => {
      const fromHtml = parseFixture(
        convertHtml(pagedHtml(model), { lang, file: "un-layout.html" }).markdown,
        lang,
      );
      expect(fromHtml.diagnostics.filter((d) => d.level !== "info")).toEqual([]);
      expect(digest(fromHtml.paragraphs)).toEqual(expectedParagraphs(model));
      const pdf = convertPdfPages(await extractPdf(fixturePdf(lang)), { lang, file: "un-layout.pdf" });
      expect(digest(fromHtml.paragraphs)).toEqual(digest(parseFixture(pdf.markdown, lang).paragraphs));
    },
  );

  test("the DOCX (running header and footer, Word footnotes, a page break inside paragraph 4) gives the same paragraphs", async () => {
    const converted = await convertDocx(new Uint8Array(await docxOf(model)), {
      lang,
      file: "un-layout.docx",
    });
    expect(converted.markdown).not.toContain("30-12345");
    const parsed = parseFixture(converted.markdown, lang);
    expect(parsed.diagnostics.filter((d) => d.level !== "info")).toEqual([]);
    expect(digest(parsed.paragraphs)).toEqual(expectedParagraphs(model));
  });
});

test.each([
  // an unmapped style loses only its styling: the message says the text was kept
  {
    message: "Unrecognised paragraph style: 'Body Text' (Style ID: BodyText)",
    says: "paragraph style 'Body Text' (Style ID: BodyText) has no mapping: its text was kept, as plain text.",
  },
  { message: "Unrecognised run style: 'Strong' (Style ID: Strong)", says: "text was kept" },
  // an element mammoth ignored is said to be left out
  { message: "An unrecognised element was ignored: w:object", says: "(left out)" },
])("DOCX: mammoth's warning $message is said as what happened to the text", async ({ message, says }) => {
  const { explain } = await import("../../pipeline/ingest/docx.ts");
  expect(explain(message)).toContain(says);
});
