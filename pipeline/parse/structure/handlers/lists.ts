/**
 * Handlers for a list of documents (the seed's annex D: 81 working papers): each entry is a title
 * line then a submitter line, with a blank line between them or not, since the conversion is
 * inconsistent about it. Entries are drafted as `entry` paragraphs that working-papers.ts reads.
 */
import { diag } from "../../../diagnostics.ts";
import { addRefs, at, newDraft, type ParseState } from "../state.ts";
import type { Handler } from "./types.ts";

/** A bracketed note under the list's heading, before its first entry: an unnumbered paragraph. */
export const listNote: Handler<"listNote"> = (s, { text, refs, block }) => {
  const k = newDraft(s, {
    part: [...s.part],
    scope: null,
    num: [],
    label: "",
    text,
    parent: null,
    line: block.line,
    endLine: block.endLine,
    kind: "paragraph",
  });
  addRefs(s, refs, { draft: k }, block);
};

/** Each line pairs with the title line waiting before it, or waits as a title for its submitter. */
export const entry: Handler<"entry"> = (s, { text, block }) => {
  const lines = text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  let lineNo = block.line;
  for (const l of lines) {
    const waiting = s.entries.waiting;
    if (!waiting) s.entries.waiting = { title: l, line: lineNo };
    else {
      s.entries.count++;
      newDraft(s, {
        part: [...s.part],
        scope: null,
        num: [],
        label: "",
        text: `${waiting.title}\n${l}`,
        parent: null,
        line: waiting.line,
        endLine: lineNo,
        kind: "entry",
        ordinal: s.entries.count,
      });
      s.entries.waiting = null;
    }
    lineNo++;
  }
};

/** At the end of the document, a title still waiting for its submitter is an entry without one. */
export function closeEntries(s: ParseState): void {
  const waiting = s.entries.waiting;
  if (!waiting) return;
  s.entries.count++;
  s.diagnostics.push(
    diag(
      "parse/list-entry-incomplete",
      at(s, waiting.line),
      `List entry "${waiting.title}" has no submitter line after it; kept as an entry without one.`,
      "Add the submitter line (the State or group) below the title.",
    ),
  );
  newDraft(s, {
    part: [...s.part],
    scope: null,
    num: [],
    label: "",
    text: waiting.title,
    parent: null,
    line: waiting.line,
    endLine: waiting.line,
    kind: "entry",
    ordinal: s.entries.count,
  });
}
