/**
 * The English month names, as dates are printed in UN documents ("31 December 2020"): read by the
 * citation grammar (a resolution's date after its number) and by the importer (the cover's issue
 * date). Lower-case, January first. Pure and browser-safe.
 */
export const MONTHS_EN: readonly string[] = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];

/** Month number 1-12 of an English month name in any case, or 0 when it is none. */
export function monthNumber(name: string): number {
  return MONTHS_EN.indexOf(name.toLowerCase()) + 1;
}

/** The month names as a regular-expression alternation ("january|february|…"), for case-insensitive patterns. */
export const MONTHS_EN_PATTERN = MONTHS_EN.join("|");
