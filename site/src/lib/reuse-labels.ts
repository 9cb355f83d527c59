/**
 * How a reuse link's kind reads on a page. The reuse stage calls two paragraphs `verbatim` when
 * their matching units are the same (core/wording/tokens.ts folds width and case, and does not
 * count spacing or punctuation), so a verbatim link's diff can still show "，" become ", ". Shown
 * bare, "verbatim 100%" beside such a diff read as if the difference were an error (user trial):
 * where the diff shows one, the label says what differs. The stage's output is unchanged.
 */
import type { DiffOp } from "../../../schemas/index.ts";

/** The title (tooltip) a verbatim badge carries: what the kind compares. */
export const VERBATIM_MEANS =
  "The same words in the same order; punctuation, spacing, character width and letter case are not compared";

const SPACE = /\s/u;
const PUNCT = /[\p{P}\p{S}]/u;

/**
 * What differs between the two texts of a verbatim link, read from its diff: "punctuation",
 * "spacing", "width", "case", in that order; empty when the texts are identical.
 */
export function verbatimDifferences(diff: readonly DiffOp[]): string[] {
  const side = (op: DiffOp["op"]) =>
    diff
      .filter((d) => d.op === op)
      .map((d) => d.text)
      .join("");
  const removed = side("delete");
  const added = side("insert");
  const changed = removed + added;
  const found = new Set<string>();
  for (const ch of changed) {
    if (SPACE.test(ch)) found.add("spacing");
    else if (PUNCT.test(ch)) found.add("punctuation");
  }
  // Letters and digits: verbatim means each side folds to the other, by width (NFKC) or case.
  const words = (t: string) => [...t].filter((ch) => !SPACE.test(ch) && !PUNCT.test(ch)).join("");
  const [a, b] = [words(removed), words(added)];
  if (a !== b) {
    const [wa, wb] = [a.normalize("NFKC"), b.normalize("NFKC")];
    if (wa !== a || wb !== b) found.add("width");
    if (wa !== wb) found.add("case");
  }
  return ["punctuation", "spacing", "width", "case"].filter((x) => found.has(x));
}

/** "a, b and c". */
const joined = (xs: string[]) =>
  xs.length < 2 ? (xs[0] ?? "") : `${xs.slice(0, -1).join(", ")} and ${xs.at(-1)}`;

/**
 * A link's kind as a page shows it: the kind, and for a verbatim link whose diff shows a
 * difference, what differs ("verbatim (punctuation and spacing differ)").
 */
export function reuseKindLabel(reuse: {
  kind: "verbatim" | "near" | "partial";
  diff: readonly DiffOp[];
}): string {
  if (reuse.kind !== "verbatim") return reuse.kind;
  const what = verbatimDifferences(reuse.diff);
  if (!what.length) return "verbatim";
  return `verbatim (${joined(what)} ${what.length === 1 ? "differs" : "differ"})`;
}

/** What the lineage needs of each end of a link: its document and that document's date. */
export interface LinkEnd {
  doc: string;
  date: string;
}

/**
 * What a lineage diff shows changes from. A link runs from the earlier document by date, and
 * inside one document (or between two of one date) from the paragraph printed first: there
 * "the earlier text" claimed a date order that does not hold (user trial), so the label says
 * what does. `same` is true when the label is not the plain date order (the page then shows it).
 */
export function changesFrom(from: LinkEnd, to: LinkEnd): { label: string; same: boolean } {
  if (!from.date || !to.date || from.date !== to.date)
    return { label: "Changes from the earlier text", same: false };
  if (from.doc === to.doc)
    return {
      label:
        "Changes from the paragraph printed before it in the same document (one date: no earlier text by date)",
      same: true,
    };
  return { label: "Changes from a text of the same date (no earlier text by date)", same: true };
}
