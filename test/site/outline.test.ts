/**
 * A document page's headings (site/src/lib/outline.ts, headingLevels): the UN text's depths become
 * HTML levels that never skip one (axe-core's heading-order), under the page's h1, at most h4.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { documentTabTitle, headingLevels } from "../../site/src/lib/outline.ts";

describe("headingLevels", () => {
  test.each([
    { depths: [1, 2, 3], levels: [2, 3, 4] }, // one level a depth
    { depths: [2, 1, 2], levels: [2, 2, 3] }, // a report's chapter (depth 2) before its first annex: h2, not h3
    { depths: [1, 3, 3, 2], levels: [2, 3, 3, 3] }, // a chapter straight to a sub-subsection: no h4 under h2
    { depths: [1, 5, 6], levels: [2, 3, 4] }, // deep outlines stop at h4
    { depths: [], levels: [] },
  ])("$depths -> $levels", ({ depths, levels }) => {
    expect(headingLevels(depths)).toEqual(levels);
  });

  test("for any outline, each heading is h2 to h4 and at most one level below the one before", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 6 })), (depths) => {
        let prev = 1;
        for (const level of headingLevels(depths)) {
          expect(level).toBeGreaterThanOrEqual(2);
          expect(level).toBeLessThanOrEqual(Math.min(4, prev + 1));
          prev = level;
        }
      }),
    );
  });
});

describe("documentTabTitle", () => {
  test.each([
    { symbol: "A/78/265", title: "信息和通信技术安全", suffix: " (zh)", tab: "A/78/265 (zh)" }, // a UN text: its symbol
    {
      symbol: "A/RES/75/240",
      title: "Resolution",
      suffix: ": side by side",
      tab: "A/RES/75/240: side by side",
    },
    {
      symbol: "fi-2022-international-law",
      title: "International law and cyberspace: Finland's national positions",
      suffix: " (en)",
      tab: "International law and cyberspace: Finland's national positions (en)",
    }, // a national paper: its title, not its id
    { symbol: "cn-2024-ict-position", title: "  ", suffix: " (zh)", tab: "cn-2024-ict-position (zh)" }, // no title: the id
  ])("$symbol -> $tab", ({ symbol, title, suffix, tab }) => {
    expect(documentTabTitle({ symbol, title }, suffix)).toBe(tab);
  });

  test("a long title is cut to 80 characters with an ellipsis, never inside a character", () => {
    const title = `${"网络".repeat(50)}😀`;
    const tab = documentTabTitle({ symbol: "cn-2024-ict-position", title }, " (zh)");
    expect([...tab.replace(/ \(zh\)$/, "")]).toHaveLength(80);
    expect(tab.endsWith("… (zh)")).toBe(true);
  });
});
