/**
 * Lists of documents inside a document (the seed's annex D: 81 working papers, each a title line
 * then a submitter line) -> WorkingPaper records for `dist/data/working-papers.json`.
 *
 * Decision: the parser already cut the list into `entry` paragraphs (title, "\n", submitter), so
 * this step only reads the submitter line; it works on any document's entries, in any language.
 * Titles are kept whole and never searched for States: a title's "(共同提案国：…)" names
 * co-sponsors, not submitters. A name that matches no State is kept, and warned at its line and
 * column, so the States table can grow from what the corpus prints.
 */

import { idOf, partAddress } from "../../core/address/address.ts";
import type { Diagnostic, DocumentRecord, Paragraph, WorkingPaper } from "../../schemas/index.ts";
import { diag } from "../diagnostics.ts";
import { knownRuns } from "../paragraph-runs.ts";
import { parseSubmitter } from "./states.ts";

/** What extractWorkingPapers returns. */
export interface WorkingPapers {
  /** One record per entry paragraph, documents in the order given, each list in printed order. */
  papers: WorkingPaper[];
  /** parse/state-unmatched warnings, one per name that matches no State. */
  diagnostics: Diagnostic[];
}

/**
 * The `entry` paragraphs, in the order given: read from the runs that hold some when the runs are
 * known (paragraph-runs.ts), so a build after a change makes the paragraphs of the few documents
 * with lists, not every document's.
 */
function entryParagraphs(paragraphs: readonly Paragraph[]): Paragraph[] {
  const runs = knownRuns(paragraphs);
  if (!runs) return paragraphs.filter((p) => p.kind === "entry");
  const out: Paragraph[] = [];
  for (const r of runs) {
    if (r.entries === 0) continue;
    for (let i = r.from; i < r.to; i++) if (paragraphs[i]!.kind === "entry") out.push(paragraphs[i]!);
  }
  return out;
}

/**
 * Turn the `entry` paragraphs of every document into working-paper records.
 *
 * @param paragraphs every paragraph of the corpus (others than entries are skipped)
 * @param docs the documents those paragraphs belong to; papers follow their order, and entries of
 *   a document not among them come last, in the order the paragraphs came
 */
export function extractWorkingPapers(paragraphs: Paragraph[], docs: DocumentRecord[]): WorkingPapers {
  const rank = new Map(docs.map((d, i) => [`${d.symbol}\u0000${d.lang}`, i]));
  const entries = entryParagraphs(paragraphs)
    .map((p, i) => ({ p, i, r: rank.get(`${p.doc}\u0000${p.lang}`) ?? docs.length }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((e) => e.p);

  const papers: WorkingPaper[] = [];
  const diagnostics: Diagnostic[] = [];
  const counters = new Map<string, number>();
  for (const p of entries) {
    const list = `${p.doc}\u0000${p.lang}\u0000${partAddress(p.part)}`;
    const n = (counters.get(list) ?? 0) + 1;
    counters.set(list, n);

    const cut = p.text.indexOf("\n");
    const title = cut < 0 ? p.text : p.text.slice(0, cut);
    const submitter = cut < 0 ? "" : p.text.slice(cut + 1);
    // An entry without a submitter line was already warned by the parser (parse/list-entry-incomplete).
    const read = submitter
      ? parseSubmitter(submitter)
      : { joint: false, states: [], unmatched: [] as { name: string; offset: number }[] };
    // The submitter is the entry's last line in the file.
    const line = p.source.endLine ?? p.source.line + 1;
    for (const u of read.unmatched) {
      diagnostics.push(
        diag(
          "parse/state-unmatched",
          { file: p.source.file, line, column: u.offset + 1 },
          `"${u.name}" in the submitter line of list entry ${n} ("${title}") matches no State; kept as printed.`,
          "If it is a State, add this spelling to core/data/state-names.ts; a group or organisation stays unmatched.",
        ),
      );
    }
    papers.push({
      id: idOf(p.doc, p.lang, `${partAddress(p.part)}/wp${n}`),
      doc: p.doc,
      lang: p.lang,
      n,
      title,
      submitter,
      joint: read.joint,
      states: read.states,
      unmatched: read.unmatched.map((u) => u.name),
      paragraph: p.id,
      source: p.source,
    });
  }
  return { papers, diagnostics };
}
