/**
 * Adoption: the reuse links read from a State's side. For every link between a State's paragraph
 * (core/data/states.ts says whose a paragraph is) and a paragraph of an agreed text (consensus or
 * adopted), the documents' dates say which way the wording went: "proposed before it was agreed"
 * (the paper earlier) or "quotes agreed language" (the agreed text earlier); the same day says
 * nothing, and is kept apart as such.
 *
 * Decisions:
 * - It reads the reuse stage's links: what the reuse stage does not link (paragraphs sharing only
 *   formulas) is never claimed here, and a link keeps the reuse stage's kind, score and passages.
 * - Nor is a link claimed whose shared wording is, outside references, shorter than a passage
 *   the reuse stage counts (15 characters, 5 words: MEASURE_DEFAULTS.minInformative). The reuse
 *   stage now gives a registered name and a citation's words no weight (two papers that name the
 *   same report by its full title are not linked: test/states/adoption.test.ts); the check stays
 *   here, on both ends' passages, so that a claim never rests on references whatever the reuse
 *   stage's weights: a State did not propose a reference it makes.
 * - Shared wording is evidence of textual origin, not of influence: the record says which text
 *   carried the words first, never why the later one carries them.
 * - A pure function of the documents, paragraphs, working papers and reuse links, so the build's
 *   caches can keep or recompute it like any stage; output sorted, byte-identical for one input.
 */
import { creditor, isAgreed } from "../../core/data/states.ts";
import { MEASURE_DEFAULTS } from "../../core/wording/measure.ts";
import { tokenize } from "../../core/wording/tokens.ts";
import { slugOf } from "../../schemas/identity.ts";
import type {
  AdoptionCounts,
  AdoptionDirection,
  AdoptionFile,
  AdoptionLink,
  Citation,
  DocumentRecord,
  Paragraph,
  Registry,
  Reuse,
  WorkingPaper,
} from "../../schemas/index.ts";
import { idPrefix, knownRuns, type ParagraphRun } from "../paragraph-runs.ts";
import { nameIndex, referenceMarks } from "../reuse/references.ts";
import { referenceSpans, registeredNames } from "../reuse/stage.ts";

/** What the adoption stage reads. */
export interface AdoptionInput {
  documents: readonly DocumentRecord[];
  paragraphs: readonly Paragraph[];
  workingPapers: readonly WorkingPaper[];
  /** The reuse stage's links. */
  reuse: readonly Reuse[];
  /** The cite stage's citations and the registry: their words are references, not wording a State proposes. */
  citations: readonly Pick<Citation, "from" | "via" | "span">[];
  registry: Registry;
}

/** The stage's output: `adoption.json`. */
export interface Adopted {
  file: AdoptionFile;
}

/** The direction a link between a paper dated `paper` and an agreed text dated `agreed` reads. */
export function directionOf(paper: string, agreed: string): AdoptionDirection {
  return paper < agreed ? "proposed" : paper > agreed ? "quotes" : "same-date";
}

/**
 * Read every reuse link between a State's paragraph and an agreed text's. Pure.
 *
 * It pays for the links, not the corpus: a paragraph's id names its document ("<slug>/<lang>/…",
 * core/address/address.ts idOf), so the links between two agreed texts (nearly all of them) are
 * passed over before any paragraph is looked up, and only the paragraphs at the ends of the rest
 * are found, tokenised and marked. At 200k paragraphs the whole-corpus setup this replaces (a map
 * of every paragraph by id, every text citation's span, the registered names) was the stage's cost.
 */
export function adoptionStage(input: AdoptionInput, schemaVersion: number): Adopted {
  const docOf = new Map(input.documents.map((d) => [`${d.symbol}\u0000${d.lang}`, d]));
  const whose = creditor(input.documents, input.workingPapers);
  const agreed = (p: Paragraph) => {
    const d = docOf.get(`${p.doc}\u0000${p.lang}`);
    return d && isAgreed(d) ? d : null;
  };
  const candidates = candidateLinks(input);
  const byId = paragraphsById(input.paragraphs, candidates);
  const outside = wordingOutsideReferences(input, byId);
  const links: AdoptionLink[] = [];
  for (const r of candidates) {
    const from = byId.get(r.from);
    const to = byId.get(r.to);
    if (!from || !to) continue;
    // One end a State's, the other agreed; which end is which decides how the spans map.
    const paperFirst = !!whose(from) && !!agreed(to);
    const agreedFirst = !paperFirst && !!agreed(from) && !!whose(to);
    if (!paperFirst && !agreedFirst) continue;
    const paper = paperFirst ? from : to;
    const text = paperFirst ? to : from;
    if (!standsOutsideReferences(r, paperFirst, paper, text, outside)) continue;
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
  return { file: { schemaVersion, links, states: countsOf(input, links, whose, docOf) } };
}

/**
 * The links that may join a State's paragraph to an agreed one: those with one end in an agreed
 * text and the other in a text that is not, read from the ids alone. A State's paragraph is never
 * in an agreed text (creditor), so a link with both ends agreed, or neither, is never claimed.
 * An id whose document is not known keeps its link, and the full test below decides.
 */
function candidateLinks(input: AdoptionInput): Reuse[] {
  const agreedOf = new Map<string, boolean>();
  for (const d of input.documents) agreedOf.set(`${slugOf(d.symbol)}/${d.lang}`, isAgreed(d));
  const docKey = (id: string) => id.slice(0, id.indexOf("/", id.indexOf("/") + 1));
  const out: Reuse[] = [];
  for (const r of input.reuse) {
    const a = agreedOf.get(docKey(r.from));
    const b = agreedOf.get(docKey(r.to));
    if (a === undefined || b === undefined || a !== b) out.push(r);
  }
  return out;
}

/**
 * The paragraphs at the ends of `links`, by id: one pass over the corpus, a set lookup each; when
 * the runs are known (paragraph-runs.ts), a pass over the runs that can hold a wanted id only
 * (those of its "slug/lang/" prefix, and any whose ids are not all of theirs), so a build after a
 * change makes the paragraphs of the documents at the links' ends, not every document's.
 */
function paragraphsById(paragraphs: readonly Paragraph[], links: readonly Reuse[]): Map<string, Paragraph> {
  const byId = new Map<string, Paragraph>();
  if (!links.length) return byId;
  const wanted = new Set<string>();
  for (const r of links) wanted.add(r.from).add(r.to);
  const runs = knownRuns(paragraphs);
  if (!runs) {
    for (const p of paragraphs) if (wanted.has(p.id)) byId.set(p.id, p);
    return byId;
  }
  const prefixes = new Set([...wanted].map(idPrefix));
  // In the corpus's order, as the pass over it: the last paragraph of an id found wins.
  for (const r of runs) {
    if (r.regular && !prefixes.has(r.prefix)) continue;
    for (let i = r.from; i < r.to; i++) {
      const p = paragraphs[i]!;
      if (wanted.has(p.id)) byId.set(p.id, p);
    }
  }
  return byId;
}

/** For a paragraph: which of its units are references, and where each unit lies in its text. */
type Outside = (p: Paragraph) => { start: Uint32Array; end: Uint32Array; ref: Uint8Array | null };

function wordingOutsideReferences(input: AdoptionInput, wanted: ReadonlyMap<string, Paragraph>): Outside {
  // Built on first use: most builds have no candidate link with passages, and then neither the
  // citations nor the registered names are read. Citations of other paragraphs are not kept.
  let spans: Map<string, [number, number][]> | null = null;
  let names: ReturnType<typeof nameIndex> | null = null;
  const seen = new Map<string, ReturnType<Outside>>();
  return (p) => {
    let got = seen.get(p.id);
    if (got) return got;
    spans ??= referenceSpans(input.citations.filter((c) => wanted.has(c.from)));
    names ??= nameIndex(registeredNames(input.registry));
    const t = tokenize(p.text);
    got = { start: t.start, end: t.end, ref: referenceMarks(t, spans.get(p.id), names) };
    // A paragraph at the end of several links is tokenised once.
    seen.set(p.id, got);
    return got;
  };
}

/**
 * True when some shared passage holds, on both ends, at least a passage's worth of units
 * (MEASURE_DEFAULTS.minInformative) that are not references. A link carried from the other
 * language with no passage of its own stands on the other language's passages.
 */
function standsOutsideReferences(
  r: Reuse,
  paperFirst: boolean,
  paper: Paragraph,
  agreed: Paragraph,
  outside: Outside,
): boolean {
  if (r.spans.length === 0) return r.via === "aligned";
  const need = MEASURE_DEFAULTS[paper.lang].minInformative;
  const p = outside(paper);
  const a = outside(agreed);
  if (!p.ref && !a.ref) return true;
  const count = (u: ReturnType<Outside>, [s, e]: readonly [number, number]) => {
    let n = 0;
    for (let i = 0; i < u.start.length; i++) if (u.start[i]! >= s && u.end[i]! <= e && !u.ref?.[i]) n++;
    return n;
  };
  return r.spans.some((s) => {
    const [onPaper, onAgreed] = paperFirst ? [s.from, s.to] : [s.to, s.from];
    return Math.min(count(p, onPaper), count(a, onAgreed)) >= need;
  });
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Per State: its paragraphs, and links per year of the later end, by direction (codes sorted). */
function countsOf(
  input: AdoptionInput,
  links: readonly AdoptionLink[],
  whose: ReturnType<typeof creditor>,
  docOf: ReadonlyMap<string, DocumentRecord>,
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
  const runs = knownRuns(input.paragraphs);
  if (runs) countByRuns(runs, docOf, whose, of);
  else countByParagraphs(input.paragraphs, docOf, whose, of);
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

/** A State's count of paragraphs (`countsOf`), made as it is asked for. */
type CountOf = (code: string) => { paragraphs: number };

/** Each State's paragraphs counted one paragraph at a time. */
function countByParagraphs(
  paragraphs: readonly Paragraph[],
  docOf: ReadonlyMap<string, DocumentRecord>,
  whose: ReturnType<typeof creditor>,
  of: CountOf,
): void {
  // Paragraphs come document by document: an agreed text's are passed over on one comparison
  // each (whose() is null for them), not a key built and looked up per paragraph.
  let doc = "";
  let lang = "";
  let skip = true;
  for (const p of paragraphs) {
    if (p.doc !== doc || p.lang !== lang) {
      doc = p.doc;
      lang = p.lang;
      const d = docOf.get(`${doc}\u0000${lang}`);
      skip = !d || isAgreed(d);
    }
    if (skip) continue;
    for (const code of whose(p)?.states ?? []) of(code).paragraphs++;
  }
}

/**
 * Each State's paragraphs counted from the runs (paragraph-runs.ts): a paragraph's credit reads
 * its document, language and part alone, so a run's paragraphs of one part count together, and a
 * build after a change reads no paragraph for it.
 */
function countByRuns(
  runs: readonly ParagraphRun[],
  docOf: ReadonlyMap<string, DocumentRecord>,
  whose: ReturnType<typeof creditor>,
  of: CountOf,
): void {
  for (const r of runs) {
    const d = docOf.get(`${r.doc}\u0000${r.lang}`);
    if (!d || isAgreed(d)) continue;
    for (const [part, n] of r.parts)
      for (const code of whose({ doc: r.doc, lang: r.lang, part: part as string[] })?.states ?? [])
        of(code).paragraphs += n;
  }
}

function sortedRecord(r: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => cmp(a, b)));
}
