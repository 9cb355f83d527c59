/**
 * Where a text cites: the spans of its citations, as the grammar reads them, for a pasted draft
 * whose citations are not wording ("as A/78/265, annex, para. 23 says": the search measures what
 * is agreed language without them, core/search/rank.ts `sentences`).
 *
 * Decision: read with no registry (symbols, resolution numbers, pinpoints, the Charter; not short
 * titles), so the search page and the CLI find the same spans without the registry's file; a
 * draft that cites by title keeps those words in its measure.
 */
import { findCitations } from "./find.ts";
import { TitleMatcher } from "./titles.ts";

let none: TitleMatcher | null = null;

/** The [start, end) of each citation in `text`, in order. */
export function citationSpans(text: string): Array<[number, number]> {
  none ??= new TitleMatcher({ documents: [] });
  return findCitations(text, none).map((f): [number, number] => [f.start, f.end]);
}
