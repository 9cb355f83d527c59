/**
 * Compounds that keep their hyphen in UN English, for deciding a hyphen that fell at a line end
 * (hyphenation.ts). A word list cannot tell them: it holds "nonbinding" and "openended" is
 * simply absent, while UN usage writes "non-binding" and "open-ended".
 *
 * Decision: three small lists, from the UN's own usage (the seed, the editorial manual's practice):
 * whole compounds, prefixes that UN English always hyphenates, and second elements that make a
 * hyphenated compound adjective. Words that UN English writes closed ("peacebuilding",
 * "peacekeeping", "cooperation", "multilateral") are excluded from the second-element rule.
 */

/** Whole compounds, lower case. */
const COMPOUNDS = new Set([
  "open-ended",
  "follow-up",
  "so-called",
  "well-being",
  "long-standing",
  "vice-chair",
  "co-chair",
  "co-chairs",
  "co-facilitator",
  "co-facilitators",
  "co-sponsor",
  "co-sponsors",
  "co-sponsored",
  "multi-stakeholder",
  "cross-border",
  "cross-cutting",
  "cross-sectoral",
  "first-hand",
  "case-by-case",
  "day-to-day",
  "up-to-date",
  "e-mail",
  "e-government",
  "e-commerce",
]);

/** Prefixes UN English joins with a hyphen: non-binding, non-governmental, self-defence. */
const PREFIXES = new Set(["non", "self", "quasi", "ex", "ill"]);

/** Second elements of hyphenated compound adjectives: confidence-building, rules-based, ICT-related. */
const SECOND = new Set([
  "building",
  "based",
  "related",
  "oriented",
  "sensitive",
  "specific",
  "led",
  "driven",
  "owned",
  "making",
  "ended",
  "term",
  "level",
  "scale",
  "wide",
  "binding",
  "enabled",
  "focused",
  "responsive",
  "neutral",
  "friendly",
]);

/** First elements that UN English closes up with these second elements. */
const CLOSED = new Set([
  "peacebuilding",
  "peacemaking",
  "policymaking",
  "lawmaking",
  "worldwide",
  "nationwide",
]);

/** True when `left-right` is a compound UN English writes with its hyphen. */
export function isKnownCompound(left: string, right: string): boolean {
  const l = left.toLowerCase();
  const r = right.toLowerCase();
  if (COMPOUNDS.has(`${l}-${r}`)) return true;
  if (CLOSED.has(l + r)) return false;
  if (PREFIXES.has(l)) return true;
  return SECOND.has(r) && l.length >= 2;
}
