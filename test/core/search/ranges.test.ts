/** core/search/ranges.ts: which span of numbered runs holds an item. */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { spanHolding } from "../../../core/search/ranges.ts";

describe("spanHolding", () => {
  test("the last span starting at or before n, for runs of any lengths (empty runs included)", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(5), { minLength: 1, maxLength: 30 }), fc.nat(200), (lengths, pick) => {
        const spans: Array<{ first: number }> = [];
        let at = 0;
        for (const n of lengths) {
          spans.push({ first: at });
          at += n;
        }
        const n = at === 0 ? 0 : pick % at;
        const i = spanHolding(spans, n);
        // The linear definition: the last index whose start is <= n.
        let expected = 0;
        spans.forEach((s, k) => {
          if (s.first <= n) expected = k;
        });
        expect(i).toBe(expected);
      }),
    );
  });

  test("one span holds everything; a single item past the last start is in the last span", () => {
    expect(spanHolding([{ first: 0 }], 7)).toBe(0);
    expect(spanHolding([{ first: 0 }, { first: 3 }, { first: 3 }, { first: 9 }], 3)).toBe(2);
    expect(spanHolding([{ first: 0 }, { first: 3 }, { first: 9 }], 100)).toBe(2);
  });
});
