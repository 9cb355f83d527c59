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
    // paragraphs and headings become blocks, one a line
    { body: "<h2>I. Introduction</h2><p>1. Text.</p>", expected: "I. Introduction\n\n1. Text.\n" },
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
