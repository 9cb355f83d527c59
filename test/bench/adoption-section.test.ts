/**
 * The adoption benchmark's scoring on a small chain corpus: every planted passage between a
 * State's paper and a consensus report that the reuse stage linked is claimed, in its direction,
 * with its authors, and nothing else is; both directions occur. Needs ../shared (the chain corpus draws its English
 * words from the real resolutions there).
 */
import { describe, expect, test } from "vitest";
import { adoptionBench } from "../../bench/sections/adoption.ts";
import { has } from "../needs.ts";

describe.runIf(has("shared"))("the adoption benchmark at 3,000 paragraphs", () => {
  test("every planted pair the reuse stage linked is claimed, in its direction, with its authors, and nothing else; links in both directions", () => {
    const r = adoptionBench(3000);
    expect(r.expected).toBeGreaterThan(20);
    // The reuse stage finds most plants (its own recall is measured in its section).
    expect(r.linked).toBeGreaterThanOrEqual(r.expected * 0.95);
    expect(r.found).toBe(r.linked);
    expect([r.precision, r.direction, r.credit]).toEqual([1, 1, 1]);
    expect(r.proposed).toBeGreaterThan(0);
    expect(r.quotes).toBeGreaterThan(0);
  });
});
