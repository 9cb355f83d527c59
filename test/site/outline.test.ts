/**
 * A document page's headings (site/src/lib/outline.ts, headingLevels): the UN text's depths become
 * HTML levels that never skip one (axe-core's heading-order), under the page's h1, at most h4.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { headingLevels } from "../../site/src/lib/outline.ts";

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
