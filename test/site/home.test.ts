/**
 * The home page's count cards (site/src/lib/home.ts): a corpus of one document, a user's first
 * import, reads "1 document", not "1 documents" (user trial).
 */
import { describe, expect, test } from "vitest";
import { type HomeCounts, homeCards } from "../../site/src/lib/home.ts";

const counts = (over: Partial<HomeCounts> = {}): HomeCounts => ({
  documents: 2,
  languageVersions: 4,
  paragraphs: 30,
  citations: 5,
  reuse: 3,
  states: 2,
  ...over,
});
const shown = (c: HomeCounts) => homeCards(c).map((x) => `${x.n} ${x.label}`);

describe("homeCards", () => {
  test("one of each reads in the singular", () => {
    expect(
      shown(counts({ documents: 1, languageVersions: 1, paragraphs: 1, citations: 1, reuse: 1, states: 1 })),
    ).toEqual([
      "1 document",
      "1 language version",
      "1 paragraph",
      "1 citation",
      "1 reuse link",
      "1 State or group with papers",
    ]);
  });

  test.each([
    { n: 0, label: "documents" }, // none: plural
    { n: 2, label: "documents" },
    { n: 11, label: "documents" }, // not "1" by its last digit
  ])("$n -> $label", ({ n, label }) => {
    expect(homeCards(counts({ documents: n }))[0]).toEqual({ n: String(n), label });
  });

  test("a stage that did not run shows a dash and the plural", () => {
    const { citations: _c, reuse: _r, ...rest } = counts();
    const cards = homeCards(rest);
    expect(cards[3]).toEqual({ n: "–", label: "citations" });
    expect(cards[4]).toEqual({ n: "–", label: "reuse links" });
  });

  test("the States card links to the States page", () => {
    expect(homeCards(counts()).at(-1)?.href).toBe("/states/");
  });
});
