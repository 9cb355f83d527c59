/**
 * The reuse benchmark's scoring: a link that joins no planted pair is a false positive unless its
 * two paragraphs were recombined from a common background source, in which case they share that
 * wording for real and the link is counted apart (neither planted nor noise).
 */
import { describe, expect, test } from "vitest";
import { harnessCorpus, inTarget, sharesBackground } from "../../bench/sections/reuse.ts";

describe("sharesBackground", () => {
  const background = new Map([
    ["a", ["zh:1", "zh:7"]],
    ["b", ["zh:7"]],
    ["c", ["zh:2"]],
    ["d", []],
  ]);
  test.each([
    { x: "a", y: "b", expected: true }, // one clause in common
    { x: "a", y: "c", expected: false }, // none in common
    { x: "a", y: "d", expected: false }, // a whole planted paragraph has no background
    { x: "a", y: "zz", expected: false }, // a paragraph the generator did not write
  ])("$x and $y: $expected", ({ x, y, expected }) => {
    expect(sharesBackground(background, x, y)).toBe(expected);
  });
  test("without background sources (the chain corpus) nothing is background", () => {
    expect(sharesBackground(undefined, "a", "b")).toBe(false);
  });
});

describe("the harness corpus as the reuse benchmark reads it", () => {
  const c = harnessCorpus(1500);
  test("every parsed paragraph of a generated document has its background sources", () => {
    const generated = c.paragraphs.filter((p) => !p.id.startsWith("A-78-265/") && p.kind === "paragraph");
    expect(generated.length).toBeGreaterThan(1000);
    for (const p of generated) expect(c.background?.has(p.id), p.id).toBe(true);
  });
  test("planted pairs are not background pairs when the plant replaced a whole paragraph", () => {
    for (const t of c.truth.filter((x) => x.whole))
      expect(sharesBackground(c.background, t.from, t.to)).toBe(false);
  });
});

describe("inTarget: the plants recall counts (>= 30 characters, <= 10 % edits as they came out)", () => {
  test.each([
    { edits: 0.1, length: 30, expected: true },
    { edits: 0, length: 150, expected: true },
    // Drawn at 10 %, came out at 11 %.
    { edits: 0.11, length: 60, expected: false },
    // Five short English words.
    { edits: 0, length: 29, expected: false },
  ])("edits $edits, $length characters: $expected", ({ edits, length, expected }) => {
    expect(inTarget({ edits, length })).toBe(expected);
  });

  test("a plant's edit share is what came out: none for a plant drawn at 0 %, about the rate else", () => {
    const c = harnessCorpus(1500);
    for (const t of c.truth.filter((x) => x.rate === 0)) expect(t.edits).toBe(0);
    const drawn = c.truth.filter((x) => x.rate === 0.1);
    const mean = drawn.reduce((s, x) => s + x.edits, 0) / drawn.length;
    expect(mean).toBeGreaterThan(0.05);
    expect(mean).toBeLessThan(0.15);
  });
});
