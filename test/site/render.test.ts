/**
 * The pieces a page renders (site/src/lib/render.ts) and the search page's substring engine
 * (site/src/lib/fallback-search.ts): no word of a paragraph is lost or altered on the way to the
 * page, and search finds exactly the paragraphs that hold a phrase.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { fold, mergeRanges, type SearchDoc, searchParagraphs } from "../../site/src/lib/fallback-search.ts";
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

const p = (id: string, text: string, lang: "zh" | "en" = "zh", doc = "A/78/265"): SearchDoc => ({
  id,
  doc,
  lang,
  address: id.split("/").slice(2).join("/"),
  part: [],
  scope: null,
  num: [],
  text,
});
const corpus = [
  p("A-78-265/zh/1", "各国重申关键基础设施保护的重要性。"),
  p("A-78-265/zh/2", "关键信息基础设施和关键基础设施。"),
  p("A-78-265/en/1", "States reaffirmed the importance of Critical Infrastructure.", "en"),
  p("A-77-275/en/1", "Critical infrastructure matters; so does capacity-building.", "en", "A/77/275"),
];

describe("searchParagraphs", () => {
  test.each([
    // A phrase that starts inside a word is found (no word segmentation to miss it).
    { q: "础设施保护", opts: { phrase: true }, ids: ["A-78-265/zh/1"] },
    // Case and width folded.
    { q: "ＣＲＩＴＩＣＡＬ infrastructure", opts: { phrase: true }, ids: ["A-78-265/en/1", "A-77-275/en/1"] },
    // Without phrase mode, every term must occur, in any order.
    { q: "infrastructure states", opts: { phrase: false }, ids: ["A-78-265/en/1"] },
    // Chinese terms separated by a space may stand in any order.
    { q: "基础设施 关键", opts: { phrase: false }, ids: ["A-78-265/zh/1", "A-78-265/zh/2"] },
    // A Chinese term is found inside longer words, without phrase mode too.
    { q: "施保护的", opts: { phrase: false }, ids: ["A-78-265/zh/1"] },
    // Filters.
    { q: "critical", opts: { phrase: true, doc: "A/77/275" }, ids: ["A-77-275/en/1"] },
    { q: "关键", opts: { phrase: true, lang: "en" as const }, ids: [] },
    // Quotes around the query are not part of the phrase.
    { q: "“关键基础设施”", opts: { phrase: true }, ids: ["A-78-265/zh/1", "A-78-265/zh/2"] },
  ])("$q", ({ q, opts, ids }) => {
    const hits = searchParagraphs(corpus, q, { lang: "", doc: "", ...opts });
    expect(hits.map((h) => h.p.id)).toEqual(ids);
  });

  test("highlights cover exactly the phrase", () => {
    const [hit] = searchParagraphs(corpus, "Critical Infrastructure", {
      phrase: true,
      lang: "en",
      doc: "A/78/265",
    });
    const [a, b] = hit!.ranges[0]!;
    expect(hit!.p.text.slice(a, b)).toBe("Critical Infrastructure");
  });

  test("phrase mode finds a paragraph exactly when its folded text contains the phrase", () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: fc.constantFrom(..."关键基础设施ab AB") }), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.string({ unit: fc.constantFrom(..."关键基础设施ab AB"), minLength: 1, maxLength: 3 }),
        (texts, q) => {
          fc.pre(q.trim().length > 0);
          const docs = texts.map((t, i) => p(`A-1-1/zh/${i}`, t));
          const found = new Set(
            searchParagraphs(docs, q, { phrase: true, lang: "", doc: "" }).map((h) => h.p.id),
          );
          const needle = fold(q.trim());
          for (const d of docs) expect(found.has(d.id), d.text).toBe(fold(d.text).includes(needle));
        },
      ),
    );
  });

  test.each([
    {
      input: [
        [5, 8],
        [0, 2],
        [1, 3],
      ] as Array<[number, number]>,
      expected: [
        [0, 3],
        [5, 8],
      ],
    },
    {
      input: [
        [0, 2],
        [2, 4],
      ] as Array<[number, number]>,
      expected: [[0, 4]],
    },
  ])("mergeRanges($input)", ({ input, expected }) => {
    expect(mergeRanges(input)).toEqual(expected);
  });
});
