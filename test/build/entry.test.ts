/**
 * The parse cache's entry (pipeline/build/entry.ts): a parse read back from its entry is the parse
 * as the export carries it, key for key, and an entry that is damaged in any way the reader can
 * see is a miss (null), never a wrong paragraph.
 */
import { isAscii } from "node:buffer";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  entryBytes,
  FRAME,
  headLength,
  idsOfLine,
  LAYOUT,
  readEntry,
  readHead,
  readIds,
  readParagraph,
  STRIDE,
  sealed,
} from "../../pipeline/build/entry.ts";
import { parseDocument } from "../../pipeline/parse/index.ts";
import { FrontMatter, type Paragraph } from "../../schemas/index.ts";
import { splitFrontMatter } from "../parse/helpers.ts";
import { doc } from "./helpers.ts";

const FILE = "corpus/A-9-9/en.md";
/** Where a paragraph's part, text and heading path stand in its run of the short form (entry.ts). */
const PART = 5;
const TEXT = 9;
const HEADINGS = 12;

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

/**
 * The entry's four parts as text: header (its frame's digits left out), ids line, short form,
 * export lines.
 */
function partsOf(bytes: Uint8Array): [string, string, string, string] {
  const text = Buffer.from(bytes).toString("utf8");
  const a = text.indexOf("\n");
  const b = text.indexOf("\n", a + 1);
  const c = text.indexOf("\n", b + 1);
  return [text.slice(FRAME, a), text.slice(a + 1, b), text.slice(b + 1, c), text.slice(c + 1)];
}
/** Parts joined into an entry, its frame made again: what a damaged entry shows past the CRCs. */
const join = (parts: readonly string[]) =>
  sealed(new TextEncoder().encode(`${"0".repeat(FRAME)}${parts.join("\n")}`));
/** Parts joined into an entry with the frame of `bytes` kept (what a hand or a cut leaves). */
const unsealed = (bytes: Uint8Array, parts: readonly string[]) =>
  new TextEncoder().encode(`${Buffer.from(bytes.subarray(0, FRAME)).toString("latin1")}${parts.join("\n")}`);

/** An entry's ids line read back as a build after a change reads it (its header first). */
function idsOf(bytes: Uint8Array) {
  const head = readHead(bytes, FILE);
  return head && readIds(bytes.subarray(head.ids.at, head.ids.end), head);
}

/** The short form as values, and back as the ASCII JSON the entry holds. */
const rowsOf = (short: string) => JSON.parse(short) as unknown[];
const shortOf = (rows: unknown[]) =>
  JSON.stringify(rows).replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
/** The short form with the value at `slot` of paragraph `n` replaced. */
const edited = (short: string, n: number, slot: number, value: unknown) => {
  const rows = rowsOf(short);
  rows[n * STRIDE + slot] = value;
  return shortOf(rows);
};

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
    const [, , short] = partsOf(entry());
    const rows = rowsOf(short);
    const texts = rows.filter((_, i) => i % STRIDE === TEXT);
    const spans = texts.filter((t) => typeof t === "number").length;
    expect(spans).toBeGreaterThan(0);
    expect(spans).toBeLessThan(texts.length);
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
    const [h, i, s, p] = partsOf(bytes);
    expect(isAscii(Buffer.from(`${h}\n${i}\n${s}`))).toBe(true);
    // The export's lines keep their characters as they are.
    expect(p).toContain("第五段的文字");
    // "\u00e9" and "é" are the same value to JSON.parse: only the reader's check tells them apart.
    expect(s).toContain('"1."');
    expect(readEntry(join([h, i, s.replace('"1."', '"1.é"'), p]), FILE)).toBeNull();
  });

  // Each row: a way the entry can be damaged, and what it does to the bytes. Each is sealed again
  // (its CRC made anew), so that what is tested is the reader's checks behind the CRC.
  test.each<[string, (parts: [string, string, string, string]) => Uint8Array]>([
    ["cut in the middle of a line", ([h, i, s, p]) => join([h, i, s, p.slice(0, p.length - 7)])],
    [
      "cut at the end of a line (one paragraph fewer)",
      ([h, i, s, p]) => join([h, i, s, `${p.split("\n").slice(0, -2).join("\n")}\n`]),
    ],
    ["without its short form", ([h, i, , p]) => join([h, i, p])],
    ["a character added to the export before a text span", ([h, i, s, p]) => join([h, i, s, `{${p}`])],
    ["a heading path index out of the table", ([h, i, s, p]) => join([h, i, edited(s, 0, HEADINGS, 99), p])],
    ["a part given as a list, not an index", ([h, i, s, p]) => join([h, i, edited(s, 0, PART, []), p])],
    [
      "of another layout",
      ([h, i, s, p]) => join([h.replace(`"layout":${LAYOUT}`, `"layout":${LAYOUT - 1}`), i, s, p]),
    ],
    ["the short form not JSON", ([h, i, s, p]) => join([h, i, s.slice(1), p])],
    ["a value more in the short form", ([h, i, s, p]) => join([h, i, shortOf([...rowsOf(s), 0]), p])],
    [
      "a paragraph's text span moved to the next paragraph's line",
      ([h, i, s, p]) => {
        const rows = rowsOf(s);
        const next = rows.findIndex((v, i) => i > TEXT && i % STRIDE === TEXT && typeof v === "number");
        expect(typeof rows[TEXT]).toBe("number");
        return join([h, i, edited(edited(s, 0, TEXT, rows[next]), 0, TEXT + 1, rows[next + 1]), p]);
      },
    ],
  ])("an entry %s is a miss", (_, damage) => {
    const parts = partsOf(entry());
    const damaged = damage(parts);
    expect(Buffer.from(damaged).equals(Buffer.from(entry()))).toBe(false);
    expect(readEntry(damaged, FILE)).toBeNull();
  });

  test("the ids line gives the paragraphs' ids joined, in order, read when asked; one not as the header vouches is a miss", () => {
    const bytes = entry();
    const head = readHead(bytes, FILE)!;
    const ids = readEntry(bytes, FILE)!.parsed.paragraphs.map((p) => p.id);
    expect(ids.length).toBeGreaterThan(2);
    expect(head.joined).toBe(true);
    expect(idsOf(bytes)?.ids).toBe(ids.join("\n"));
    const [h, i, s, p] = partsOf(bytes);
    const json = JSON.stringify(ids.join("\n"));
    expect(i.startsWith(`[${json},`)).toBe(true);
    expect(h).not.toContain(json);
    const fewer = join([h, i.replace(json, JSON.stringify(ids.slice(1).join("\n"))), s, p]);
    // The header alone does not read the ids line: the line is checked when it is read.
    expect(readHead(fewer, FILE)).not.toBeNull();
    expect(idsOf(fewer)).toBeNull();
    expect(idsOf(join([h, i.replace(json, "7"), s, p]))).toBeNull();
    // Sealed again, its CRC-32 sound: the text kept with the header is parsed and checked all the same.
    const sealedFewer = readHead(fewer, FILE)!;
    expect(sealedFewer.idsLine).toBeDefined();
    expect(idsOfLine(sealedFewer.idsLine!, sealedFewer)).toBeNull();
    // The header says the ids are joined: a line without them is not its line.
    expect(idsOf(join([h, i.replace(json, "null"), s, p]))).toBeNull();
    // Changed by hand, the same length, the frame kept: its CRC-32.
    const byHand = unsealed(bytes, [h, i.replace("A-9-9/en/", "A-9-8/en/"), s, p]);
    expect(byHand.length).toBe(bytes.length);
    expect(readHead(byHand, FILE)).not.toBeNull();
    expect(readHead(byHand, FILE)?.idsLine).toBeUndefined();
    expect(readHead(bytes, FILE)?.idsLine).toBe(i);
    expect(idsOf(byHand)).toBeNull();
    expect(readEntry(byHand, FILE)).toBeNull();
  });

  test("the header reads back from the entry's first bytes, as many as its frame says; fewer are a miss", () => {
    const bytes = entry();
    const need = headLength(bytes.subarray(0, FRAME), bytes.length);
    const [h, i] = partsOf(bytes);
    // The header and the ids line: the line's text kept as read, parsed when asked.
    expect(need).toBe(FRAME + h.length + 1 + i.length + 1);
    const head = readHead(bytes.subarray(0, need), FILE, bytes.length);
    expect(head).toEqual(readHead(bytes, FILE));
    expect(head?.idsLine).toBe(i);
    expect(idsOfLine(head!.idsLine!, head!)).toEqual(idsOf(bytes));
    // The header alone: its ids line left to be read by range.
    const alone = readHead(bytes.subarray(0, FRAME + h.length + 1), FILE, bytes.length);
    expect(alone).not.toBeNull();
    expect(alone?.idsLine).toBeUndefined();
    expect(readHead(bytes.subarray(0, FRAME + h.length), FILE, bytes.length)).toBeNull();
    // The size of another entry places the parts elsewhere: not this header.
    expect(readHead(bytes.subarray(0, need), FILE, bytes.length + 1)).toBeNull();
    expect(headLength(bytes.subarray(0, FRAME - 1), bytes.length)).toBe(-1);
    expect(headLength(Buffer.from("x".repeat(FRAME)), bytes.length)).toBe(-1);
  });

  test("a paragraph read alone is its export line parsed; out of range, damaged or not the ids line's id, none", () => {
    const bytes = entry();
    const whole = readEntry(bytes, FILE)!.parsed.paragraphs;
    const [h, i, s, p] = partsOf(bytes);
    const lines = p.split("\n").slice(0, -1);
    expect(lines.length).toBe(whole.length);
    for (let k = 0; k < whole.length; k++) {
      expect(readParagraph(bytes, FILE, k)).toEqual(JSON.parse(lines[k]!));
      expect(readParagraph(bytes, FILE, k)).toEqual(whole[k]);
    }
    expect(readParagraph(bytes, FILE, whole.length)).toBeNull();
    expect(readParagraph(bytes, FILE, -1)).toBeNull();
    expect(readParagraph(bytes, "corpus/A-9-9/zh.md", 0)).toBeNull();
    expect(readParagraph(unsealed(bytes, [h, i, s, p.replace("plain", "Plain")]), FILE, 0)).toBeNull();
    // The first two ids swapped in the ids line: each paragraph then bears another's id.
    const ids = whole.map((x) => x.id);
    const swapped = i.replace(
      JSON.stringify(ids.join("\n")),
      JSON.stringify([ids[1], ids[0], ...ids.slice(2)].join("\n")),
    );
    expect(swapped).not.toBe(i);
    expect(readParagraph(join([h, swapped, s, p]), FILE, 0)).toBeNull();
    expect(readParagraph(join([h, swapped, s, p]), FILE, 2)).toEqual(whole[2]);
  });

  test("a document with an id holding a newline has no ids in its ids line: read from its paragraphs", () => {
    const markdown = doc("A/9/9", "en", BODY);
    const meta = FrontMatter.parse(splitFrontMatter(markdown).meta);
    const parsed = parseDocument({
      file: FILE,
      markdown: splitFrontMatter(markdown).body,
      firstLine: 1,
      meta,
    });
    parsed.paragraphs[1] = { ...parsed.paragraphs[1]!, id: "A-9-9/en/odd\nid" };
    const bytes = entryBytes(FILE, parsed);
    expect(readHead(bytes, FILE)!.joined).toBe(false);
    expect(idsOf(bytes)?.ids).toBeNull();
    expect(idsOf(bytes)?.addresses).toBe(parsed.paragraphs.map((p) => p.address).join("\n"));
    expect(readEntry(bytes, FILE)!.parsed.paragraphs[1]!.id).toBe("A-9-9/en/odd\nid");
  });

  test("sealed again as it was, the entry reads back (the rows above are misses for what they change)", () => {
    expect(readEntry(join(partsOf(entry())), FILE)).not.toBeNull();
  });

  test("a value of another type at any place of any paragraph's short form is a miss", () => {
    const [h, i, s, p] = partsOf(entry());
    const count = rowsOf(s).length / STRIDE;
    for (let n = 0; n < count; n++)
      for (let slot = 0; slot < STRIDE; slot++)
        expect(
          readEntry(join([h, i, edited(s, n, slot, true), p]), FILE),
          `paragraph ${n}, value ${slot}`,
        ).toBeNull();
  });

  test("an entry with any one byte changed, or cut anywhere, is a miss (its CRC)", () => {
    const bytes = entry();
    for (let at = 0; at < bytes.length; at++) {
      const changed = Uint8Array.from(bytes);
      changed[at] = changed[at]! ^ (1 << (at % 8));
      expect(readEntry(changed, FILE), `byte ${at}`).toBeNull();
      expect(readEntry(bytes.subarray(0, at), FILE), `cut at ${at}`).toBeNull();
    }
    // A value changed by hand in the short form, the entry otherwise whole.
    const [h, i, s, p] = partsOf(bytes);
    expect(readEntry(unsealed(bytes, [h, i, s.replace('"1."', '"7."'), p]), FILE)).toBeNull();
    expect(readEntry(unsealed(bytes, [h, i, s, p]), FILE)).not.toBeNull();
  });

  test("an entry of another file is a miss", () => {
    expect(readEntry(entry(), "corpus/A-9-9/zh.md")).toBeNull();
  });
});

describe("parse cache entry, random paragraphs", () => {
  /** Any string: quotes, backslashes, control characters, Chinese, emoji and lone surrogates. */
  const anyText = fc.oneof(
    fc.string({ unit: "binary", maxLength: 30 }),
    fc.string({
      unit: fc.constantFrom("a", " ", '"', "\\", "\n", "\u0001", "中", "文", "🙂", "\ud800"),
      maxLength: 30,
    }),
  );
  const word = fc.string({
    unit: fc.constantFrom("a", "1", ".", "/", "-", "é", "段"),
    minLength: 1,
    maxLength: 8,
  });
  const source = (file: fc.Arbitrary<string>) =>
    fc.record(
      { file, line: fc.integer({ min: 1, max: 9999 }), endLine: fc.integer({ min: 1, max: 9999 }) },
      { requiredKeys: ["file", "line"] },
    );
  const paragraph = (seq: number) =>
    fc.record(
      {
        id: word,
        address: word,
        anchor: fc.oneof(word, fc.constant("")),
        doc: fc.constantFrom("A/9/9", "A/9/10"),
        lang: fc.constantFrom("en", "zh"),
        part: fc.array(word, { maxLength: 2 }),
        scope: fc.option(word),
        num: fc.array(word, { maxLength: 3 }),
        label: fc.oneof(word, fc.constant("")),
        text: anyText,
        footnotes: fc.array(
          fc.record({
            mark: word,
            n: fc.option(fc.integer({ min: 0, max: 99 })),
            text: anyText,
            at: fc.nat(99),
            source: source(fc.constant(FILE)),
          }),
          { maxLength: 2 },
        ),
        headings: fc.array(anyText, { maxLength: 2 }),
        parent: fc.option(word),
        seq: fc.constant(seq),
        source: source(fc.constantFrom(FILE, "corpus/A-9-9/zh.md")),
        kind: fc.constantFrom("paragraph", "entry", "source-note"),
        flags: fc.subarray(["stitched", "renumbered", "page-artifact-removed", "preamble"] as const),
        items: fc.array(
          fc.record({ n: fc.integer({ min: 1, max: 9 }), mark: word, start: fc.nat(99), end: fc.nat(99) }),
          { maxLength: 2 },
        ),
        pages: fc.record({ first: fc.integer({ min: 1, max: 9 }), last: fc.integer({ min: 1, max: 9 }) }),
      },
      {
        requiredKeys: [
          "id",
          "address",
          "anchor",
          "doc",
          "lang",
          "part",
          "scope",
          "num",
          "label",
          "text",
          "footnotes",
          "headings",
          "parent",
          "seq",
          "source",
          "kind",
          "flags",
        ],
      },
    );
  const paragraphs = fc
    .integer({ min: 0, max: 6 })
    .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => paragraph(i))));

  test("read back, each is what JSON.parse of its export line gives, key for key and in order", () => {
    fc.assert(
      fc.property(paragraphs, (ps) => {
        const bytes = entryBytes(FILE, {
          paragraphs: ps as Paragraph[],
          headings: [],
          parts: [],
          diagnostics: [],
        });
        const r = readEntry(bytes, FILE);
        expect(r).not.toBeNull();
        const lines = Buffer.from(bytes.subarray(r!.pieceAt)).toString("utf8").split("\n").slice(0, -1);
        const parsed = lines.map((l) => JSON.parse(l) as unknown);
        expect(r!.parsed.paragraphs).toEqual(parsed);
        // Equal JSON: the same keys in the same order, at every depth.
        expect(r!.parsed.paragraphs.map((p) => JSON.stringify(p))).toEqual(lines);
        expect(r!.parsed.paragraphs.map((p) => Object.keys(p))).toEqual(
          parsed.map((p) => Object.keys(p as object)),
        );
      }),
      { numRuns: 300 },
    );
  });
});
