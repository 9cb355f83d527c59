/**
 * Text as issued is kept: every printable ASCII character and the usual UN punctuation, in the
 * places Markdown would read them as syntax, go through parse and export (build -> paragraphs.jsonl)
 * unchanged. Only the inline syntax the corpus format defines on purpose (README, "The corpus")
 * acts: a link's (or an image's) text without its URL, an autolink without its brackets, `**`
 * pairs as bold, a backslash before ASCII punctuation as an escape, footnote markers lifted into
 * `footnotes`.
 * The second table writes the same texts as `acquis import` does (escapeMarkdown) and reads them
 * back, so what the importer writes is what the parser reads, including those defined forms.
 */
import { describe, expect, test } from "vitest";
import { escapeMarkdown } from "../../pipeline/ingest/markdown.ts";
import type { Paragraph } from "../../schemas/index.ts";
import { buildRepo, doc, makeRepo, readParagraphs, registry } from "../build/helpers.ts";

const ASCII = Array.from({ length: 0x7e - 0x21 + 1 }, (_, i) => String.fromCharCode(0x21 + i));
/** What UN texts print beyond ASCII: quotes, dashes, ellipsis, CJK punctuation, spaces that do not break. */
const UN_PUNCTUATION = [
  ..."“”‘’«»–—…·•°§¶†‡′″‰±×÷€£¥©®™¡¿",
  ..."、，。；：？！（）《》〈〉「」『』【】〔〕～",
  "\u00a0", // no-break space
  "\u2009", // thin space
  "\u202f", // narrow no-break space
  "\u3000", // ideographic space
  "\u2011", // non-breaking hyphen
];

/** Where a character would be read as syntax: inside a word, alone, doubled, tripled before a word. */
const contexts = (c: string) => [`a${c}b`, `a ${c} b`, `a${c}${c}b`, `x ${c}${c}${c}y`, `${c}y${c}`];

/**
 * Texts Markdown used to alter: emphasis ("{{7*7}}" lost its asterisk, "__proto__" its
 * underscores), inline code, character references, images, reference links and definitions.
 */
const ONCE_EATEN = [
  "{{7*7}}",
  "__proto__",
  "a *b* c",
  "a _b_ c",
  "x`code`y",
  "a ``b`` c",
  "&amp; &#42; &copy; &nbsp;",
  "[x][y] and [z]",
  "a ![alt] b",
  "x<y>z",
];

/** A backslash before ASCII punctuation is the format's escape: the raw table leaves those out. */
const ESCAPE = /\\[!-/:-@[-`{-~]/;

const rawTexts = [
  ...[...ASCII, ...UN_PUNCTUATION].flatMap(contexts).filter((t) => !ESCAPE.test(t)),
  ...ONCE_EATEN,
];

async function roundTrip(markdownOf: (text: string, n: number) => string, texts: readonly string[]) {
  const body = texts.map((t, i) => markdownOf(t, i + 1)).join("\n\n");
  const root = makeRepo({
    "corpus/registry.yaml": registry(["A/1/1"]),
    "corpus/A-1-1/en.md": doc("A/1/1", "en", `${body}\n`),
  });
  const result = await buildRepo(root);
  expect(result.summary.errors, JSON.stringify(result.diagnostics.slice(0, 3))).toBe(0);
  return readParagraphs(root);
}

describe("text as issued goes through parse and export unchanged", () => {
  test(`${rawTexts.length} texts written raw: every printable ASCII character and UN punctuation, in five places each`, async () => {
    const paragraphs = await roundTrip((t, n) => `${n}. Text ${t} end.`, rawTexts);
    expect(paragraphs.map((p) => p.text)).toEqual(rawTexts.map((t) => `Text ${t} end.`));
  });

  test("the same texts, and the format's own syntax, as acquis import writes them", async () => {
    const texts = [
      ...[...ASCII, ...UN_PUNCTUATION].flatMap(contexts),
      ...ONCE_EATEN,
      // What the format reads as syntax, escaped by the importer so the characters stay.
      "a\\*b\\_c\\\\d",
      "**not bold**",
      "[A/77/275](#)",
      "<https://example.org>",
      "![a](b)",
    ];
    const paragraphs = await roundTrip((t, n) => escapeMarkdown(`${n}. Text ${t} end.`), texts);
    expect(paragraphs.map((p) => p.text)).toEqual(texts.map((t) => `Text ${t} end.`));
  });

  test("a [^1] marker whose note reads like a link definition stays a marker, its note attached", async () => {
    const paragraphs: Paragraph[] = await roundTrip(
      (t) => t,
      ["1. States agreed.[^1]", "2. They met again.[^2]", "[^1]: A/00/1.", "[^2]: See [A/00/2](#)."],
    );
    expect(paragraphs.map((p) => p.text)).toEqual(["States agreed.", "They met again."]);
    expect(paragraphs.map((p) => p.footnotes.map((f) => [f.n, f.text, f.at]))).toEqual([
      [[1, "A/00/1.", 14]],
      [[2, "See A/00/2.", 15]],
    ]);
  });

  test("the defined syntax, written raw, acts as the README says", async () => {
    const paragraphs = await roundTrip(
      (t, n) => `${n}. ${t}`,
      [
        "Bold **heading.** text",
        "[A/77/275](#) link",
        "(<https://example.org>)",
        "a\\*b",
        "Figure ![1](f.png) here",
        "**访问权限和参与。**参与",
      ],
    );
    expect(paragraphs.map((p) => p.text)).toEqual([
      "Bold heading. text",
      "A/77/275 link",
      "(https://example.org)",
      "a*b",
      "Figure 1 here",
      "访问权限和参与。参与",
    ]);
  });
});
