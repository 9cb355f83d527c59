/**
 * core/wording/myers.ts against its reference, the `diff` package's `diffArrays`: the same edit
 * script for any two unit arrays, ranges and edit bounds, down to which of several equally short
 * scripts is returned (the reuse stage's links depend on it, through the tie rule of align.ts).
 * Small alphabets make ties, repeats and long common runs frequent.
 */
import { diffArrays } from "diff";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { diffUnits } from "../../../core/wording/myers.ts";

/** The package's script as counts and kinds (what the alignment reads of it). */
function reference(
  a: Int32Array,
  a0: number,
  a1: number,
  b: Int32Array,
  b0: number,
  b1: number,
  max?: number,
) {
  const x = Array.from(a.subarray(a0, a1));
  const y = Array.from(b.subarray(b0, b1));
  const ops = max === undefined ? diffArrays(x, y) : diffArrays(x, y, { maxEditLength: max });
  return ops?.map((o) => ({ count: o.count, added: !!o.added, removed: !!o.removed }));
}

function ours(a: Int32Array, a0: number, a1: number, b: Int32Array, b0: number, b1: number, max?: number) {
  return diffUnits(a, a0, a1, b, b0, b1, max)?.map((o) => ({
    count: o.count,
    added: !!o.added,
    removed: !!o.removed,
  }));
}

const units = (alphabet: number, max: number) =>
  fc.array(fc.integer({ min: 1, max: alphabet }), { maxLength: max }).map((x) => Int32Array.from(x));

/** Two arrays and a range of each: [a, a0, a1, b, b0, b1]. */
const ranged = (alphabet: number, max: number) =>
  fc
    .tuple(units(alphabet, max), units(alphabet, max), fc.nat(), fc.nat(), fc.nat(), fc.nat())
    .map(([a, b, x, y, z, w]) => {
      const a0 = a.length ? x % (a.length + 1) : 0;
      const a1 = a0 + (a.length - a0 ? y % (a.length - a0 + 1) : 0);
      const b0 = b.length ? z % (b.length + 1) : 0;
      const b1 = b0 + (b.length - b0 ? w % (b.length - b0 + 1) : 0);
      return [a, a0, a1, b, b0, b1] as const;
    });

describe("diffUnits gives the diff package's script", () => {
  test("on random arrays of a few distinct units (ties everywhere)", () => {
    fc.assert(
      fc.property(ranged(3, 40), ([a, a0, a1, b, b0, b1]) => {
        expect(ours(a, a0, a1, b, b0, b1)).toEqual(reference(a, a0, a1, b, b0, b1));
      }),
      { numRuns: 3000 },
    );
  });

  test("under an edit bound, including none found (undefined)", () => {
    fc.assert(
      fc.property(ranged(4, 30), fc.nat({ max: 30 }), ([a, a0, a1, b, b0, b1], max) => {
        expect(ours(a, a0, a1, b, b0, b1, max)).toEqual(reference(a, a0, a1, b, b0, b1, max));
      }),
      { numRuns: 3000 },
    );
  });

  test("on near-copies: one text edited in a few places (the alignment's usual pair)", () => {
    const edited = fc
      .tuple(
        units(6, 120),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 2 }), fc.integer({ min: 1, max: 6 })), {
          maxLength: 8,
        }),
      )
      .map(([a, edits]) => {
        const b = Array.from(a);
        for (const [at, kind, unit] of edits) {
          const i = b.length ? at % b.length : 0;
          if (kind === 0) b.splice(i, 0, unit);
          else if (kind === 1) b.splice(i, 1);
          else b[i] = unit;
        }
        return [a, Int32Array.from(b)] as const;
      });
    fc.assert(
      fc.property(edited, fc.option(fc.nat({ max: 40 }), { nil: undefined }), ([a, b], max) => {
        expect(ours(a, 0, a.length, b, 0, b.length, max)).toEqual(
          reference(a, 0, a.length, b, 0, b.length, max),
        );
      }),
      { numRuns: 2000 },
    );
  });

  test.each([
    // Both empty, one empty, identical, disjoint: the package's edge cases.
    { a: [], b: [] },
    { a: [1, 2], b: [] },
    { a: [], b: [1, 2] },
    { a: [1, 2, 3], b: [1, 2, 3] },
    { a: [1, 2, 3], b: [4, 5, 6] },
  ])("$a against $b", ({ a, b }) => {
    const x = Int32Array.from(a);
    const y = Int32Array.from(b);
    expect(ours(x, 0, x.length, y, 0, y.length)).toEqual(reference(x, 0, x.length, y, 0, y.length));
  });
});
