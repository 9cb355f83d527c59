/**
 * The handler table: one handler per kind of block, as mdast-util-from-markdown keeps one per token
 * type. To read a new layout, add a kind to `Classified` (classify.ts), a rule that recognises it,
 * and its handler here; the table's type makes a missing handler a type error.
 */
import type { Classified } from "../classify.ts";
import type { ParseState } from "../state.ts";
import { article, chapter } from "./articles.ts";
import { heading, part } from "./headings.ts";
import { entry, listNote } from "./lists.ts";
import { dateline, item, numberedHeading, outlined, stateSection } from "./national.ts";
import { artifact, continuation, note } from "./page.ts";
import { looseItem, numbered, sourceNote, subparagraph, unnumbered } from "./paragraphs.ts";
import type { Handler, Handlers } from "./types.ts";

export { closeEntries } from "./lists.ts";

export const handlers: Handlers = {
  note,
  artifact,
  continuation,
  part,
  heading,
  listNote,
  entry,
  sourceNote,
  unnumbered,
  numbered,
  subparagraph,
  looseItem,
  stateSection,
  item,
  dateline,
  numberedHeading,
  outlined,
  article,
  chapter,
};

/** Call the handler of `c`'s kind. */
export function handle(s: ParseState, c: Classified): void {
  // The table is keyed by kind, so the handler found takes exactly this block's variant.
  (handlers[c.kind] as Handler<typeof c.kind>)(s, c);
}
