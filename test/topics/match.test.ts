/**
 * Matching a text against the vocabulary: the needle scan that rules terms out before their
 * expressions run must never change what is found. Every answer is compared with the reference
 * that runs every expression over every text (compileTopics(topics, false)), on texts built from
 * the project's own vocabulary (corpus/topics.yaml): its terms, its false friends, their folded
 * variants (full width, upper case, traditional characters, hyphen or space) and filler around.
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { readTopics } from "../../pipeline/load/topics.ts";
import { compileTopics, matchTopics } from "../../pipeline/topics/index.ts";

const vocabulary = readTopics(readFileSync("corpus/topics.yaml", "utf8"), "corpus/topics.yaml").topics!;
const fast = compileTopics(vocabulary.topics);
const reference = compileTopics(vocabulary.topics, false);
const found = (compiled: ReturnType<typeof compileTopics>, text: string) => [...matchTopics(compiled, text)];

/** Every term and false friend the vocabulary writes, star dropped. */
const words = vocabulary.topics.flatMap((t) =>
  [...t.terms.zh, ...t.terms.en, ...t.not.zh, ...t.not.en].map((w) => w.replace(/\*$/, "")),
);
const fullWidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const variants = (w: string) => [
  w,
  w.toUpperCase(),
  fullWidth(w),
  w.replace(/-/g, " "),
  w.replace(/ /g, "-"),
  `${w}s`,
];
const piece = fc.oneof(
  fc.constantFrom(
    ...words.flatMap(variants),
    "關鍵基礎設施",
    "國家主權",
    " ",
    "，",
    "、",
    "non",
    "-",
    "the ",
  ),
  fc.string({ unit: fc.constantFrom("a", "e", "s", "主", "权", "能", "力", " ", "-", "的"), maxLength: 6 }),
);

describe("topic matching with the needle scan", () => {
  test("finds exactly what every expression run over the text finds", () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        const text = parts.join("");
        expect(found(fast, text)).toEqual(found(reference, text));
      }),
      { numRuns: 2000 },
    );
  });

  test.each([
    ["a text holding none of the needles", "The weather was fine."],
    ["a false friend beside the term", "重申主权平等原则和国家主权"],
    ["only the false friend", "各国主权平等"],
    ["a term across a hyphen written as a space", "capacity building and CAPACITY-BUILDING"],
    ["a full-width term", "ＣＯＵＮＴＥＲＭＥＡＳＵＲＥＳ were taken"],
    ["a needle at the very end", "about sovereignty"],
    ["a one-character prefix of a needle at the end", "主"],
  ])("%s", (_name, text) => {
    expect(found(fast, text)).toEqual(found(reference, text));
  });

  test("the rows above are not all empty (the comparison has something to compare)", () => {
    expect(found(fast, "重申主权平等原则和国家主权").length).toBeGreaterThan(0);
    expect(found(fast, "capacity building").length).toBeGreaterThan(0);
  });
});
