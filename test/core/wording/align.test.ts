/**
 * The tie rule of the alignment (core/wording/align.ts): among alignments that pair as many units,
 * the one that keeps shared runs together. A word the earlier text uses twice ("and ... and the
 * delegations") must be paired where it joins the words after it, not at its first place, which
 * leaves runs too short to count. The measure is one piece of code for the reuse stage, search's
 * `carried` and the diffs shown to readers: each is checked here. Texts are our own.
 */
import { describe, expect, test } from "vitest";
import { fold } from "../../../core/search/normalize.ts";
import { carried, readPaste } from "../../../core/search/rank.ts";
import { joinRuns } from "../../../core/wording/align.ts";
import { diffTexts } from "../../../core/wording/diff.ts";
import { equalRuns } from "../../../core/wording/measure.ts";
import { tokenize } from "../../../core/wording/tokens.ts";
import { buildReuse } from "../../../pipeline/reuse/index.ts";
import { SCHEMA_VERSION } from "../../../schemas/index.ts";
import { documentRecord, paragraph } from "../../factories.ts";

// "and" and "the" each stand once before the wording a draft takes up.
const SOURCE =
  "The working group met in an open and transparent manner, and the delegations agreed to continue their exchanges at the next session.";

describe("search's carried: a repeated word is paired where it joins the run after it", () => {
  test.each([
    // A word changed: "and the delegations" carried ("to continue", two words, is too short to
    // end a passage). Paired with the first "and", no run reached three words: nothing.
    { paste: "and the delegations resolved to continue", carries: 3, marked: ["and the delegations"] },
    // Word for word: all six, "and" included (it was left out, paired with the first "and").
    {
      paste: "and the delegations agreed to continue",
      carries: 6,
      marked: ["and the delegations agreed to continue"],
    },
    // As many words carried either way; the "and" marked is the one before "the delegations".
    {
      paste: "working group met in an open way, and the delegations agreed",
      carries: 10,
      marked: ["working group met in an open", "and the delegations agreed"],
    },
  ])("$paste: $carries words", ({ paste, carries, marked }) => {
    const c = carried(readPaste(paste, fold(paste), null), fold(SOURCE));
    expect(c.shared).toBe(carries);
    expect(c.textRanges.map(([s, e]) => SOURCE.slice(s, e))).toEqual(marked);
  });
});

describe("the reuse stage", () => {
  test("a later paragraph taking up the wording with one word changed is linked", () => {
    const later =
      "Recalling that session, and the delegations resolved to continue their exchanges in the following year.";
    const out = buildReuse(
      {
        paragraphs: [
          paragraph({ doc: "A/1/1", lang: "en", num: ["1"], text: SOURCE }),
          paragraph({ doc: "A/2/2", lang: "en", num: ["1"], text: later }),
        ],
        documents: [
          documentRecord({ symbol: "A/1/1", lang: "en", date: "2021-01-01" }),
          documentRecord({ symbol: "A/2/2", lang: "en", date: "2023-01-01" }),
        ],
      },
      SCHEMA_VERSION,
    );
    expect(out.reuse.map((r) => `${r.from} -> ${r.to}: ${r.kind}`)).toEqual([
      "A-1-1/en/1 -> A-2-2/en/1: partial",
    ]);
    const [span] = out.reuse[0]!.spans;
    // "and the delegations" through "their exchanges", in both texts.
    expect(SOURCE.slice(span!.from[0], span!.from[1])).toBe(
      "and the delegations agreed to continue their exchanges",
    );
    expect(later.slice(span!.to[0], span!.to[1])).toBe(
      "and the delegations resolved to continue their exchanges",
    );
  });
});

describe("the diff a reader sees (diffTexts)", () => {
  test.each([
    {
      // "and " with the second "and", as measured, not the first.
      b: "and the delegations resolved to continue",
      equal: ["and the delegations ", " to continue"],
    },
    {
      // Nothing to join: the diff as the diff package gives it.
      b: "Recalling that session, and the delegations resolved to continue their exchanges in the following year.",
      equal: [", and the delegations ", " to continue their exchanges ", " the ", "."],
    },
  ])("$b", ({ b, equal }) => {
    const d = diffTexts(SOURCE, b, "en");
    expect(d.filter((o) => o.op === "equal").map((o) => o.text)).toEqual(equal);
    // Both texts whole, character for character.
    expect(
      d
        .filter((o) => o.op !== "insert")
        .map((o) => o.text)
        .join(""),
    ).toBe(SOURCE);
    expect(
      d
        .filter((o) => o.op !== "delete")
        .map((o) => o.text)
        .join(""),
    ).toBe(b);
  });

  test("English joins only at a word's edge; Chinese at any character", () => {
    // "and" inside "band" is not the word "and".
    expect(diffTexts("x band y and z w", "and z w", "en").filter((o) => o.op === "equal")).toEqual([
      { op: "equal", text: "and z w" },
    ]);
    const zh = diffTexts("关键设施和保护关键设施免受威胁", "关键设施免受威胁", "zh");
    expect(zh.filter((o) => o.op === "equal").map((o) => o.text)).toEqual(["关键设施免受威胁"]);
  });
});

describe("joinRuns", () => {
  const ids = (s: string) => tokenize(fold(s)).ids;
  test.each([
    {
      // x y . x z w: the lone "x" is joined to "z w" (moved to A's second x).
      name: "a run moved over a deletion to join the run after it",
      a: "x y q x z w",
      b: "x z w",
      runs: [
        { a: 0, b: 0, n: 1 },
        { a: 4, b: 1, n: 2 },
      ],
      want: [{ a: 3, b: 0, n: 3 }],
    },
    {
      // z w . y z w in B: the later run moved back over an insertion to join the one before.
      name: "a run moved back over an insertion to join the run before it",
      a: "x z w",
      b: "x z w y z w",
      runs: [
        { a: 0, b: 0, n: 1 },
        { a: 1, b: 4, n: 2 },
      ],
      want: [{ a: 0, b: 0, n: 3 }],
    },
    {
      // An edit on both sides between the runs: nothing can be joined.
      name: "a replacement between two runs keeps them apart",
      a: "x p z w",
      b: "x q z w",
      runs: [
        { a: 0, b: 0, n: 1 },
        { a: 2, b: 2, n: 2 },
      ],
      want: [
        { a: 0, b: 0, n: 1 },
        { a: 2, b: 2, n: 2 },
      ],
    },
    {
      // "y" could join "x" before it or "z w v" after it: the longer run wins.
      name: "a run that could join either neighbour joins the longer",
      a: "x y q y q y z w v",
      b: "x y z w v",
      runs: [
        { a: 0, b: 0, n: 1 },
        { a: 3, b: 1, n: 1 },
        { a: 6, b: 2, n: 3 },
      ],
      want: [
        { a: 0, b: 0, n: 1 },
        { a: 5, b: 1, n: 4 },
      ],
    },
  ])("$name", ({ a, b, runs, want }) => {
    const x = ids(a);
    const y = ids(b);
    // The runs given are a valid alignment: each pairs equal units.
    for (const r of runs) expect([...x.subarray(r.a, r.a + r.n)]).toEqual([...y.subarray(r.b, r.b + r.n)]);
    const got = joinRuns(x, y, runs);
    expect(got).toEqual(want);
    // As many units paired, each pair equal.
    expect(got.reduce((s, r) => s + r.n, 0)).toBe(runs.reduce((s, r) => s + r.n, 0));
    for (const r of got) expect([...x.subarray(r.a, r.a + r.n)]).toEqual([...y.subarray(r.b, r.b + r.n)]);
  });

  test("equalRuns draws the joined runs", () => {
    const a = ids("q x y q x z w");
    const b = ids("x z w");
    expect(equalRuns(a, b, { a0: 0, a1: a.length, b0: 0, b1: b.length } as never)).toEqual([
      { a: 4, b: 0, n: 3 },
    ]);
  });
});
