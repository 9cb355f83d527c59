/**
 * Adoption: the reuse links read from a State's side. For every link between a State's paragraph
 * (core/data/states.ts says whose a paragraph is) and a paragraph of an agreed text (consensus or
 * adopted), the documents' dates say which way the wording went: "proposed before it was agreed"
 * (the paper earlier) or "quotes agreed language" (the agreed text earlier); the same day says
 * nothing, and is kept apart as such.
 *
 * Decisions:
 * - It reads the reuse stage's links and nothing else of the text: what the reuse stage does not
 *   link (paragraphs sharing only formulas, citations or names of documents and bodies) is never
 *   claimed here, and a link keeps the reuse stage's kind, score and passages.
 * - Shared wording is evidence of textual origin, not of influence: the record says which text
 *   carried the words first, never why the later one carries them.
 * - A pure function of the documents, paragraphs, working papers and reuse links, so the build's
 *   caches can keep or recompute it like any stage; output sorted, byte-identical for one input.
 */
import { creditor, isAgreed } from "../../core/data/states.ts";
import type {
  AdoptionCounts,
  AdoptionDirection,
  AdoptionFile,
  AdoptionLink,
  DocumentRecord,
  Paragraph,
  Reuse,
  WorkingPaper,
} from "../../schemas/index.ts";

/** What the adoption stage reads. */
export interface AdoptionInput {
  documents: readonly DocumentRecord[];
  paragraphs: readonly Paragraph[];
  workingPapers: readonly WorkingPaper[];
  /** The reuse stage's links. */
  reuse: readonly Reuse[];
}

/** The stage's output: `adoption.json`. */
export interface Adopted {
  file: AdoptionFile;
}

/** The direction a link between a paper dated `paper` and an agreed text dated `agreed` reads. */
export function directionOf(paper: string, agreed: string): AdoptionDirection {
  return paper < agreed ? "proposed" : paper > agreed ? "quotes" : "same-date";
}

/** Read every reuse link between a State's paragraph and an agreed text's. Pure. */
export function adoptionStage(input: AdoptionInput, schemaVersion: number): Adopted {
  const docOf = new Map(input.documents.map((d) => [`${d.symbol}\u0000${d.lang}`, d]));
  const byId = new Map(input.paragraphs.map((p) => [p.id, p]));
  const whose = creditor(input.documents, input.workingPapers);
  const agreed = (p: Paragraph) => {
    const d = docOf.get(`${p.doc}\u0000${p.lang}`);
    return d && isAgreed(d) ? d : null;
  };
  const links: AdoptionLink[] = [];
  for (const r of input.reuse) {
    const from = byId.get(r.from);
    const to = byId.get(r.to);
    if (!from || !to) continue;
    // One end a State's, the other agreed; which end is which decides how the spans map.
    const paperFirst = !!whose(from) && !!agreed(to);
    const agreedFirst = !paperFirst && !!agreed(from) && !!whose(to);
    if (!paperFirst && !agreedFirst) continue;
    const paper = paperFirst ? from : to;
    const text = paperFirst ? to : from;
    const credit = whose(paper)!;
    const paperDate = docOf.get(`${paper.doc}\u0000${paper.lang}`)!.date;
    const agreedDate = agreed(text)!.date;
    links.push({
      direction: directionOf(paperDate, agreedDate),
      paper: paper.id,
      agreed: text.id,
      states: credit.states,
      credit: credit.credit,
      paperDate,
      agreedDate,
      kind: r.kind,
      score: r.score,
      via: r.via,
      formula: r.formula,
      passages: r.spans.map((s) => {
        const onPaper = paperFirst ? s.from : s.to;
        const onAgreed = paperFirst ? s.to : s.from;
        return { paper: onPaper, agreed: onAgreed, text: paper.text.slice(onPaper[0], onPaper[1]) };
      }),
    });
  }
  links.sort((a, b) => cmp(a.paper, b.paper) || cmp(a.agreed, b.agreed));
  return { file: { schemaVersion, links, states: countsOf(input, links, whose) } };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Per State: its paragraphs, and links per year of the later end, by direction (codes sorted). */
function countsOf(
  input: AdoptionInput,
  links: readonly AdoptionLink[],
  whose: ReturnType<typeof creditor>,
): Record<string, AdoptionCounts> {
  const counts = new Map<string, AdoptionCounts>();
  const of = (code: string) => {
    let c = counts.get(code);
    if (!c) {
      c = { paragraphs: 0, proposed: {}, quotes: {}, sameDate: {} };
      counts.set(code, c);
    }
    return c;
  };
  for (const p of input.paragraphs) for (const code of whose(p)?.states ?? []) of(code).paragraphs++;
  for (const l of links) {
    // Counted in the year the wording reached its later text: the agreed text for a proposal,
    // the paper for a quotation.
    const [year, table] =
      l.direction === "proposed"
        ? [l.agreedDate.slice(0, 4), "proposed" as const]
        : l.direction === "quotes"
          ? [l.paperDate.slice(0, 4), "quotes" as const]
          : [l.paperDate.slice(0, 4), "sameDate" as const];
    for (const code of l.states) {
      const t = of(code)[table];
      t[year] = (t[year] ?? 0) + 1;
    }
  }
  const out: Record<string, AdoptionCounts> = {};
  for (const code of [...counts.keys()].sort()) {
    const c = counts.get(code)!;
    out[code] = {
      paragraphs: c.paragraphs,
      proposed: sortedRecord(c.proposed),
      quotes: sortedRecord(c.quotes),
      sameDate: sortedRecord(c.sameDate),
    };
  }
  return out;
}

function sortedRecord(r: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => cmp(a, b)));
}
