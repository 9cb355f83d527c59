/**
 * How a paragraph's page words a State's paper that carries agreed wording later. The credited
 * States are one or several ("New Zealand", "Australia and New Zealand"), and the verb agrees
 * with them: the page said "Finland carry this wording later" (user trial 4).
 */

/** "carries" for one State credited, "carry" for several. */
export function carryVerb(states: readonly string[]): "carries" | "carry" {
  return states.length === 1 ? "carries" : "carry";
}
