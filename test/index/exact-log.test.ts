/**
 * The correctly rounded log (pipeline/index/exact-log.ts): the double nearest to ln(x), where
 * V8's Math.log is sometimes one bit off. The expected values of the hard cases were computed
 * apart, with Python's decimal module at 50 digits (ln, then rounded to a double).
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { exactLog } from "../../pipeline/index/exact-log.ts";

/** The double next to x towards -Infinity (x > 0 here, or negative). */
function below(x: number): number {
  const v = new DataView(new ArrayBuffer(8));
  v.setFloat64(0, x);
  v.setBigUint64(0, v.getBigUint64(0) + (x < 0 ? 1n : -1n));
  return v.getFloat64(0);
}

describe("exactLog", () => {
  test.each([
    // [x, ln(x) correctly rounded]: x = f / 60101983 (a frequency of nodejieba's dictionary over
    // its sum), where Math.log answers the neighbouring double; then arguments where glibc's log
    // is not correctly rounded either.
    [131 / 60101983, -13.03635607076828],
    [147 / 60101983, -12.921120807190695],
    [172 / 60101983, -12.76405891715598],
    [0.00007437358597635622, -9.506409706361818],
    [0.0005628100490461355, -7.482568377435444],
    [0.0008812853978545101, -7.034129036866332],
    [0.0009995177696549547, -6.9082376256376286],
  ])("ln(%d) = %d", (x, expected) => {
    expect(exactLog(x)).toBe(expected);
  });

  test("exact and special values", () => {
    expect(exactLog(1)).toBe(0);
    expect(exactLog(2)).toBe(Math.LN2);
    expect(exactLog(10)).toBe(Math.LN10);
    expect(exactLog(0.5)).toBe(-Math.LN2);
    expect(exactLog(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(exactLog(-1)).toBeNaN();
    expect(exactLog(Number.NaN)).toBeNaN();
    expect(exactLog(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    // The ends of the range: the largest double, the least normal and subnormal ones.
    expect(exactLog(Number.MAX_VALUE)).toBe(709.782712893384);
    expect(exactLog(2 ** -1022)).toBe(-708.3964185322641);
    expect(exactLog(Number.MIN_VALUE)).toBe(-744.4400719213812);
  });

  test("within one bit of Math.log, and monotone", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-300, max: 1e300, noNaN: true }),
        fc.double({ min: 1e-300, max: 1e300, noNaN: true }),
        (a, b) => {
          const y = exactLog(a);
          const m = Math.log(a);
          expect(y === m || below(y) === m || below(m) === y).toBe(true);
          if (a <= b) expect(y).toBeLessThanOrEqual(exactLog(b));
        },
      ),
      { numRuns: 5000 },
    );
  });
});
