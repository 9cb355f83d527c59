/**
 * Line-end hyphens (hyphenation.ts): each rule of the decision as a table row, on blocks joined as
 * the importers join lines, with a small word list standing in for the package's (and one test on
 * the package's own list).
 */
import { describe, expect, test } from "vitest";
import { englishWords, resolveHyphens, summarizeHyphens } from "../../pipeline/ingest/hyphenation.ts";
import { joinLines } from "../../pipeline/ingest/lines.ts";
import type { Block } from "../../pipeline/ingest/types.ts";

const WORDS = new Set(["recommended", "telecommunications", "working", "confidence", "group", "nonbinding"]);
const words = () => WORDS;

/** Blocks from paragraphs given as their printed lines. */
const blocks = (...paragraphs: string[][]): Block[] =>
  paragraphs.map((lines) => ({ kind: "text", text: joinLines(lines) }));

describe("a line-end hyphen is decided with the document's words, then compounds, then the word list", () => {
  test.each([
    // the joined word is in the word list: the hyphen divided a word
    { lines: ["States recom-", "mended it."], text: "States recommended it.", reason: "word list" },
    // the joined word stands elsewhere in the document (a word the list does not know)
    {
      lines: ["the cyberse-", "curity of States."],
      other: "Cybersecurity matters.",
      text: "the cybersecurity of States.",
      reason: "joined elsewhere in the document",
    },
    // the hyphenated form stands elsewhere in the document: kept, even though the list joins it
    {
      lines: ["a working-", "group meeting"],
      other: "the working-group report",
      text: "a working-group meeting",
      reason: "hyphenated elsewhere in the document",
    },
    // a known compound keeps its hyphen, though the word list has "nonbinding"
    {
      lines: ["principles that are non-", "binding"],
      text: "principles that are non-binding",
      reason: "known compound",
    },
    {
      lines: ["an open-", "ended working group"],
      text: "an open-ended working group",
      reason: "known compound",
    },
    // a division inside a compound: the division goes, the compound's own hyphen stays
    {
      lines: ["confi-", "dence-building measures"],
      text: "confidence-building measures",
      reason: "word list",
    },
    // before a capital or a digit, never a division
    { lines: ["the Asia-", "Pacific region"], text: "the Asia-Pacific region", reason: "capital or digit" },
    // two words, the joined form unknown: kept, and doubtful
    {
      lines: ["a group-", "working plan"],
      text: "a group-working plan",
      reason: "doubtful: both halves are words",
    },
    // no word at all: removed, and doubtful
    { lines: ["the Zyx-", "wvut matter"], text: "the Zyxwvut matter", reason: "doubtful: not a known word" },
  ])("$text ($reason)", ({ lines, other, text, reason }) => {
    const b = blocks(lines, ...(other ? [[other]] : []));
    const decisions = resolveHyphens(b, words);
    expect(b[0]!.text).toBe(text);
    expect(decisions).toHaveLength(1);
    expect(decisions[0]).toMatchObject({ reason, doubtful: reason.startsWith("doubtful"), block: 0 });
  });

  test("a soft hyphen is removed and counted; no hyphen is ever removed unrecorded", () => {
    const b: Block[] = [{ kind: "text", text: "telecom\u00admunications and recom-\uE002mended" }];
    const decisions = resolveHyphens(b, words);
    expect(b[0]!.text).toBe("telecommunications and recommended");
    expect(decisions.map((d) => [d.reason, d.action])).toEqual([
      ["soft hyphen", "removed"],
      ["word list", "removed"],
    ]);
    expect(summarizeHyphens(decisions)).toBe("2 removed (1 soft hyphen, 1 word list)");
  });

  test("Chinese and text without line-end hyphens are left alone, with no decision", () => {
    const b = blocks(["各国认识到，能力建设", "是一项重要的措施。"], ["Seventy-seven States"]);
    expect(resolveHyphens(b, words)).toEqual([]);
    expect(b.map((x) => x.text)).toEqual(["各国认识到，能力建设是一项重要的措施。", "Seventy-seven States"]);
  });

  test("the package's word list knows the inflected words UN text divides", () => {
    const list = englishWords();
    expect(list.size).toBeGreaterThan(200_000);
    for (const w of ["recommended", "telecommunications", "deliberations", "organizations"])
      expect(list.has(w)).toBe(true);
  });
});
