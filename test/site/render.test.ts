/**
 * The pieces a page renders (site/src/lib/render.ts): no word of a paragraph is lost or altered on
 * the way to the page. (What the search page finds is the engine's: test/core/search/engine.test.ts.)
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { segment } from "../../site/src/lib/render.ts";

const textOf = (pieces: ReturnType<typeof segment<string>>) =>
  pieces.map((p) => (p.kind === "mark" ? "" : p.text)).join("");

describe("segment", () => {
  test.each([
    {
      // A citation becomes its own piece; the rest stays text.
      text: "见 A/77/275 号文件。",
      cites: [{ span: [2, 10] as [number, number], cite: "c1" }],
      marks: [],
      expected: [
        { kind: "text", text: "见 " },
        { kind: "cite", text: "A/77/275", cite: "c1" },
        { kind: "text", text: " 号文件。" },
      ],
    },
    {
      // A footnote marker stands just after its offset.
      text: "abc def",
      cites: [],
      marks: [{ at: 3, mark: "1" }],
      expected: [
        { kind: "text", text: "abc" },
        { kind: "mark", mark: "1" },
        { kind: "text", text: " def" },
      ],
    },
    {
      // A marker inside a citation splits the link but keeps every character.
      text: "see A/75/816 here",
      cites: [{ span: [4, 12] as [number, number], cite: "c" }],
      marks: [{ at: 8, mark: "2" }],
      expected: [
        { kind: "text", text: "see " },
        { kind: "cite", text: "A/75", cite: "c" },
        { kind: "mark", mark: "2" },
        { kind: "cite", text: "/816", cite: "c" },
        { kind: "text", text: " here" },
      ],
    },
    {
      // An overlapping later span is not linked (listed elsewhere), an out-of-range one ignored.
      text: "abcdefgh",
      cites: [
        { span: [0, 4] as [number, number], cite: "a" },
        { span: [2, 6] as [number, number], cite: "b" },
        { span: [6, 99] as [number, number], cite: "c" },
      ],
      marks: [],
      expected: [
        { kind: "cite", text: "abcd", cite: "a" },
        { kind: "text", text: "efgh" },
      ],
    },
    {
      // Markup in a document is text like any other.
      text: "<script>x</script>",
      cites: [],
      marks: [],
      expected: [{ kind: "text", text: "<script>x</script>" }],
    },
  ])("$text", ({ text, cites, marks, expected }) => {
    expect(segment(text, cites, marks)).toEqual(expected);
  });

  test("every character of the text is in exactly one piece, in order", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 60 }),
        fc.array(fc.tuple(fc.nat(60), fc.nat(60)), { maxLength: 4 }),
        fc.array(fc.nat(60), { maxLength: 4 }),
        (text, spans, ats) => {
          const cites = spans.map(([a, b], i) => ({
            span: [Math.min(a, b), Math.max(a, b)] as [number, number],
            cite: `c${i}`,
          }));
          const marks = ats.map((at, i) => ({ at, mark: String(i) }));
          const pieces = segment(text, cites, marks);
          expect(textOf(pieces)).toBe(text);
          expect(pieces.filter((p) => p.kind === "mark")).toHaveLength(marks.length);
        },
      ),
    );
  });
});
