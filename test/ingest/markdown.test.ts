/**
 * The block writer: corpus Markdown the parser reads back word for word. Table rows for the
 * escapes, and a property test with the parser as the reference: any text made of Markdown's
 * special characters comes back from parseDocument exactly as it went in.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { blocksToMarkdown, escapeMarkdown } from "../../pipeline/ingest/markdown.ts";
import { parseMarkdown } from "../parse/helpers.ts";

describe("escapes", () => {
  test.each([
    // an asterisk after a word is a footnote marker: left bare
    { text: "Item 96 of the provisional agenda*", expected: "Item 96 of the provisional agenda*" },
    // an asterisk that could open emphasis is escaped
    { text: "a *starred* word", expected: "a \\*starred* word" },
    // inside a word too: CommonMark lets "*" open emphasis there
    { text: "a*b*", expected: "a\\*b*" },
    // inline code, raw HTML, entities and links would be eaten
    { text: "`x` <b> &amp; [a](b)", expected: "\\`x\\` \\<b> \\&amp; [a\\](b)" },
    // a heading mark at the start of a line
    { text: "# 1", expected: "\\# 1" },
    // a backslash before punctuation is doubled
    { text: "a\\*b", expected: "a\\\\\\*b" },
    // Chinese text is untouched
    { text: "临时议程* 项目 96", expected: "临时议程* 项目 96" },
  ])("$text -> $expected", ({ text, expected }) => {
    expect(escapeMarkdown(text)).toBe(expected);
  });

  test("a note definition keeps its marker; an empty text block is left out", () => {
    expect(
      blocksToMarkdown([
        { kind: "text", text: "1. Text.¹" },
        { kind: "text", text: "  " },
        { kind: "note", marker: "1", text: "A/75/816." },
      ]),
    ).toBe("1. Text.¹\n\n¹ A/75/816.\n");
  });
});

describe("what the writer writes, the parser reads back unchanged", () => {
  test("property: text of Markdown's special characters survives the round trip", () => {
    const chars = [
      "a",
      "b",
      " ",
      "*",
      "_",
      "[",
      "]",
      "(",
      ")",
      "<",
      ">",
      "&",
      "#",
      ";",
      "`",
      "!",
      "\\",
      "/",
      ":",
      "~",
      "|",
      "-",
      "=",
    ];
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...chars), maxLength: 30 }), (s) => {
        const text = `States agreed ${s} here.`.replace(/\s+/g, " ");
        const parsed = parseMarkdown(blocksToMarkdown([{ kind: "text", text: `1. ${text}` }]));
        expect(parsed.paragraphs.map((p) => p.text)).toEqual([text]);
      }),
      { numRuns: 1000 },
    );
  });
});
