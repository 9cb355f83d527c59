/** A paragraph's page words the States credited with later carrying its wording in agreement with them. */
import { expect, test } from "vitest";
import { carryVerb } from "../../site/src/lib/adoption.ts";

test.each([
  [["FI"], "carries"], // "Finland carries this wording later", not "carry"
  [["AU", "NZ"], "carry"], // "Australia and New Zealand carry this wording later"
])("%j: %s", (states, verb) => {
  expect(carryVerb(states)).toBe(verb);
});
