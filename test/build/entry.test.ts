/**
 * The parse cache's entry (pipeline/build/entry.ts): a parse read back from its entry is the parse
 * as the export carries it, key for key, and an entry that is damaged in any way the reader can
 * see is a miss (null), never a wrong paragraph.
 */
import { isAscii } from "node:buffer";
import { describe, expect, test } from "vitest";
import { entryBytes, LAYOUT, readEntry } from "../../pipeline/build/entry.ts";
import { parseDocument } from "../../pipeline/parse/index.ts";
import { FrontMatter } from "../../schemas/index.ts";
import { splitFrontMatter } from "../parse/helpers.ts";
import { doc } from "./helpers.ts";

const FILE = "corpus/A-9-9/en.md";

/** Texts the short form must carry both ways: plain, with what JSON escapes, and Chinese. */
const BODY = [
  "# I. Plain heading",
  "",
  "1. A plain paragraph about confidence-building.",
  "",
  '2. A paragraph that quotes "the norms" and a back\\\\slash.',
  "",
  "3. A paragraph with an emoji 🙂 beside 中文的文字。",
  "",
  "## II. Second heading",
  "",
  "4. Words under the second heading:",
  "",
  "- one item;",
  "- another item.",
  "",
  "5. 第五段的文字，全是中文。",
  "",
].join("\n");

function entry(): Uint8Array {
  const markdown = doc("A/9/9", "en", BODY);
  const meta = FrontMatter.parse(splitFrontMatter(markdown).meta);
  return entryBytes(
    FILE,
    parseDocument({ file: FILE, markdown: splitFrontMatter(markdown).body, firstLine: 1, meta }),
  );
}

/** The entry's three parts as text: header, short form, export lines. */
function partsOf(bytes: Uint8Array): [string, string, string] {
  const text = Buffer.from(bytes).toString("utf8");
  const a = text.indexOf("\n");
  const b = text.indexOf("\n", a + 1);
  return [text.slice(0, a), text.slice(a + 1, b), text.slice(b + 1)];
}
const join = (parts: readonly string[]) => new TextEncoder().encode(parts.join("\n"));

describe("parse cache entry", () => {
  test("read back, every paragraph is its export line parsed: same keys, same order, same values", () => {
    const bytes = entry();
    const r = readEntry(bytes, FILE)!;
    expect(r).not.toBeNull();
    const lines = Buffer.from(bytes.subarray(r.pieceAt)).toString("utf8").split("\n");
    expect(lines.pop()).toBe("");
    expect(r.parsed.paragraphs.length).toBe(lines.length);
    expect(r.parsed.paragraphs.length).toBeGreaterThanOrEqual(5);
    // JSON.stringify keeps key order: equal strings mean the same object as JSON.parse would give.
    expect(r.parsed.paragraphs.map((p) => JSON.stringify(p))).toEqual(lines);
    const texts = r.parsed.paragraphs.map((p) => p.text).join("\n");
    for (const words of ['"the norms"', "back\\slash", "🙂", "第五段的文字"]) expect(texts).toContain(words);
  });

  test("texts JSON writes as they are come from the export's bytes; the others from the short form", () => {
    const [, short] = partsOf(entry());
    const rows = JSON.parse(short) as Array<{ text: unknown }>;
    const spans = rows.filter((r) => Array.isArray(r.text)).length;
    expect(spans).toBeGreaterThan(0);
    expect(spans).toBeLessThan(rows.length);
  });

  test("paragraphs with the same heading path, part or flags share one array, which cannot be changed", () => {
    const r = readEntry(entry(), FILE)!;
    const [a, b] = r.parsed.paragraphs;
    for (const key of ["headings", "part", "flags"] as const) {
      expect(a![key]).toEqual(b![key]);
      expect(a![key]).toBe(b![key]);
      expect(() => (a![key] as string[]).push("changed")).toThrow(TypeError);
      expect(b![key]).not.toContain("changed");
    }
  });

  test("the header and the short form are ASCII; a byte past ASCII there is a miss", () => {
    const bytes = entry();
    const [h, s, p] = partsOf(bytes);
    expect(isAscii(Buffer.from(`${h}\n${s}`))).toBe(true);
    // The export's lines keep their characters as they are.
    expect(p).toContain("第五段的文字");
    // "\u00e9" and "é" are the same value to JSON.parse: only the reader's check tells them apart.
    const edited = join([h, s.replace(/"label":"([^"]*)"/, '"label":"$1é"'), p]);
    expect(readEntry(edited, FILE)).toBeNull();
  });

  // Each row: a way the entry can be damaged, and what it does to the bytes.
  test.each<[string, (parts: [string, string, string]) => Uint8Array]>([
    ["cut in the middle of a line", ([h, s, p]) => join([h, s, p.slice(0, p.length - 7)])],
    [
      "cut at the end of a line (one paragraph fewer)",
      ([h, s, p]) => join([h, s, `${p.split("\n").slice(0, -2).join("\n")}\n`]),
    ],
    ["without its short form", ([h, , p]) => join([h, p])],
    ["a character added to the export before a text span", ([h, s, p]) => join([h, s, `{${p}`])],
    [
      "a heading path index out of the table",
      ([h, s, p]) => join([h, s.replace(/"headings":\d+/, '"headings":99'), p]),
    ],
    [
      "a part given as a list, not an index",
      ([h, s, p]) => join([h, s.replace(/"part":\d+/, '"part":[]'), p]),
    ],
    [
      "of another layout",
      ([h, s, p]) => join([h.replace(`"layout":${LAYOUT}`, `"layout":${LAYOUT - 1}`), s, p]),
    ],
    ["the short form not JSON", ([h, s, p]) => join([h, s.slice(1), p])],
  ])("an entry %s is a miss", (_, damage) => {
    const parts = partsOf(entry());
    const damaged = damage(parts);
    expect(Buffer.from(damaged).equals(Buffer.from(entry()))).toBe(false);
    expect(readEntry(damaged, FILE)).toBeNull();
  });

  test("an entry of another file is a miss", () => {
    expect(readEntry(entry(), "corpus/A-9-9/zh.md")).toBeNull();
  });
});
