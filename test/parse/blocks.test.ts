/**
 * The event reader (pipeline/parse/blocks.ts) against its trusted reference, the mdast tree walk
 * it replaced (blocks-reference.ts): the same blocks — text, lines, columns, kinds, markers, HTML
 * flags, pages — on every document the repository and ../shared hold, on a table of the
 * constructs where the two could part, and on random Markdown made of those constructs' pieces.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { toBlocks } from "../../pipeline/parse/blocks.ts";
import { has } from "../needs.ts";
import { referenceBlocks } from "./blocks-reference.ts";
import { repoRoot, sharedDir } from "./helpers.ts";

/** Every Markdown or text file under `dir`, recursively. */
function files(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...files(full));
    else if (/\.(md|txt)$/.test(entry.name)) out.push(full);
  }
  return out;
}

const same = (markdown: string) => expect(toBlocks(markdown)).toStrictEqual(referenceBlocks(markdown));

describe("every document reads to the blocks the tree walk gave", () => {
  const own = [...files(path.join(repoRoot, "corpus")), ...files(path.join(repoRoot, "test/fixtures"))];

  test("the repository's corpus and fixtures", () => {
    expect(own.length).toBeGreaterThan(10);
    for (const file of own) {
      const md = readFileSync(file, "utf8");
      expect(toBlocks(md), path.relative(repoRoot, file)).toStrictEqual(referenceBlocks(md));
    }
  });

  test.runIf(has("shared"))("the seeds and the real documents in ../shared", () => {
    const shared = [...files(path.join(sharedDir, "seeds")), ...files(path.join(sharedDir, "corpus-real"))];
    expect(shared.length).toBeGreaterThan(3);
    for (const file of shared) {
      const md = readFileSync(file, "utf8");
      expect(toBlocks(md), path.relative(sharedDir, file)).toStrictEqual(referenceBlocks(md));
    }
  });
});

// One construct a row, in our own words: where the reader keeps or drops text by its own rules.
test.each([
  [
    "a link's text without its URL or its title",
    'See [A/77/275](https://undocs.org/A/77/275 "the\nreport") now.',
  ],
  [
    "an image's alt text, HTML and a link in it as text",
    "![Figure <!-- page 3 --> of [the plan](#) 1](f.png)",
  ],
  [
    "a link inside an alt: its page mark and break are alt text",
    "![a [b <!-- page 5 --> c  \nd](#) e](f.png)",
  ],
  ["a link holding an image and a page mark", "[the ![logo](x.png) plan <!-- page 4 --> text](#) next"],
  ["an autolink and an e-mail autolink", "Online (<https://meetings.unoda.org/x>), or <oewg@un.org>."],
  ["a hard break by trailing spaces", "First line  \nsecond line\nthird"],
  ["a hard break inside a link and inside an alt", "[a  \nb](#) and ![c  \nd](e)"],
  ["a setext heading over two lines", "Part one\ncontinued\n=========\n\nText."],
  ["a fenced code block with info and meta", "```js meta here\nline 1\n\n  line 2\n```\nafter"],
  ["an unclosed fence", "~~~\ncode to the end\n"],
  ["indented code, tabs and trailing lines", "    code\n\tmore\n\n    last\n\npara"],
  [
    "a page mark between blocks and inside a paragraph",
    "Text.\n\n<!-- page 2 -->\n\nMore <!-- page 3 --> text.",
  ],
  ["an HTML block that is not a page mark", "<div>\n  kept\n</div>\n\nafter"],
  ["inline HTML over two lines", "Before <span\n   class=x> after"],
  ["an empty list item and a bullet list", "1.\n2. two\n\n- a\n-\n* b"],
  ["a list item starting with a nested list", "1. - inner\n   - second\n2. outer"],
  ["a block quote in a list item hands the marker on", "3. > first\n   >\n   > second\n\n   after"],
  ["a thematic break as an item's first child", "1. ***\n   text"],
  ["escapes, asterisks and bold", "\\*\\* not bold **bold** and ** lone, {{7*7}} __proto__"],
  ["a tab inside a list item's indentation", "1.\tText\n\n\tcontinued"],
  ["CRLF line endings and a NUL", "Line one\r\nline\u0000 two\r\n\r\n# Heading\r\n"],
  ["link-like text without a link", "[^1] and [a][b] and [c]: d\n\n![x] and ]"],
  ["a heading with closing hashes and a bullet heading", "## Title ##\n\n- # bullet heading"],
])("%s", (_what, markdown) => {
  same(markdown);
});

// Pieces of the constructs above, joined at random: a property over the grammar's seams.
const piece = fc.constantFrom(
  "text",
  "段落",
  " ",
  "  ",
  "\n",
  "\n\n",
  "\t",
  "\r\n",
  "1. ",
  "- ",
  "* ",
  "> ",
  "    ",
  "# ",
  "===",
  "---",
  "```",
  "~~~",
  "[",
  "]",
  "](#)",
  '](u "t")',
  "![",
  "(",
  ")",
  "<",
  ">",
  "<https://x.org>",
  "<!-- page 7 -->",
  "<b>",
  "</b>",
  "**",
  "*",
  "\\",
  "&amp;",
  "`",
  "a@b.org",
);

test("random Markdown reads to the same blocks", () => {
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
      const markdown = pieces.join("");
      expect(toBlocks(markdown)).toStrictEqual(referenceBlocks(markdown));
    }),
    { numRuns: 1500 },
  );
});
