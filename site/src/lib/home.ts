/**
 * The home page's count cards, worded for their number. A user's first import is a corpus of one
 * document, and "1 documents", "1 language versions" read wrong (user trial): each label has its
 * singular and plural written out, not an "s" added, so "reuse link" and "State or group" agree too.
 */

/** The corpus's counts as the home page shows them; `undefined` where the stage did not run. */
export interface HomeCounts {
  documents: number;
  languageVersions: number;
  paragraphs: number;
  /** Absent when citations were not computed in this build (shown as "–"). */
  citations?: number;
  /** Absent when reuse was not computed in this build (shown as "–"). */
  reuse?: number;
  states: number;
}

/** One card: the figure as shown, and the words under it. `href` makes the words a link. */
export interface HomeCard {
  n: string;
  label: string;
  href?: string;
}

/** `one` for exactly 1, else `many`; an uncounted figure ("–") takes the plural. */
export function countLabel(n: number | undefined, one: string, many: string): string {
  return n === 1 ? one : many;
}

/** The cards in the order the page shows them. */
export function homeCards(c: HomeCounts): HomeCard[] {
  const card = (n: number | undefined, one: string, many: string, href?: string): HomeCard => ({
    n: n === undefined ? "–" : String(n),
    label: countLabel(n, one, many),
    ...(href ? { href } : {}),
  });
  return [
    card(c.documents, "document", "documents"),
    card(c.languageVersions, "language version", "language versions"),
    card(c.paragraphs, "paragraph", "paragraphs"),
    card(c.citations, "citation", "citations"),
    card(c.reuse, "reuse link", "reuse links"),
    // Every State or group the States page lists: authors of papers, sections of compendia and
    // working papers alike (data.states), not only those with working papers.
    card(c.states, "State or group with papers", "States and groups with papers", "/states/"),
  ];
}
