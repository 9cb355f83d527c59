/**
 * Extraction over a whole corpus: every paragraph's text, its footnotes and annex B-style source
 * notes go through the grammar (find.ts), every reference through resolution (resolve.ts), and
 * come out as `Citation` records with diagnostics.
 *
 * Decisions:
 * - Who cites: a citation in a footnote belongs to the paragraph whose marker points at the note
 *   (via "footnote", span into the note's text); a bracketed source note belongs to the item it
 *   sources, the paragraph just before it (via "source-note"). A note on a heading ("附件*",
 *   "商定的能力建设原则¹") belongs to the part the heading opens: `from` is that part's id
 *   ("A-78-265/zh/annex/annex-c"), as a whole-part citation target would be. So does a citation
 *   in a heading's own text ("Follow-up to resolution 75/240", via "heading"); a heading's words
 *   for its own part ("附件 B", "Annex II") and short forms are not read there.
 * - Quotations: a quotation beside a citation of a corpus paragraph is checked against it; so is
 *   an item sourced by a bracketed note (annex B's items are extracts of the cited paragraphs).
 * - Short forms (同上, ibid., the above-mentioned resolution, 上述决议) resolve only through a
 *   citation found before them in the same document, footnotes with footnotes and text with text;
 *   without one they are reported, not guessed.
 * - A document naming itself by title without a pinpoint ("工作组的这份第二次年度进展报告") is not
 *   a citation.
 * - Order and ids: citations are ordered by document, then by the reading position of the citing
 *   paragraph, then by where in it they stand (a footnote at its marker, a source note after the
 *   text); ids are "<from>#c<n>" in that order, so the same input always gives the same ids.
 */

import { idOf, partAddress } from "../../core/address/address.ts";
import { type Found, findCitations } from "../../core/cite/find.ts";
import { type Pin, WHOLE } from "../../core/cite/pins.ts";
import {
  buildIndex,
  type CorpusIndex,
  type Resolution,
  resolveCharter,
  resolveDoc,
} from "../../core/cite/resolve.ts";
import type {
  Citation,
  CitationVia,
  Diagnostic,
  DocumentRecord,
  Paragraph,
  Registry,
  SourcePosition,
} from "../../schemas/index.ts";
import { diag } from "../diagnostics.ts";
import { checkQuote, findQuotes, type Quote } from "./quote.ts";

/** What extraction reads: the parse output and the registry. */
export interface ExtractInput {
  documents: DocumentRecord[];
  paragraphs: Paragraph[];
  registry: Registry;
}

export interface Extracted {
  /** In output order, with ids. */
  citations: Citation[];
  diagnostics: Diagnostic[];
  index: CorpusIndex;
}

/** One text the grammar reads, with who it belongs to. */
interface Unit {
  from: string;
  via: CitationVia;
  footnote: string | null;
  text: string;
  source: SourcePosition;
  /** Part of the citing paragraph, for references to the citing document. */
  part: string[];
  doc: string;
  lang: string;
  /** Where the unit stands in the citing paragraph, for ordering: its marker for a footnote. */
  anchor: number | null;
  /** The citing paragraph's text, where a footnote's quotation stands. */
  paragraphText: string;
  stream: "text" | "footnote";
}

interface Draft {
  citation: Omit<Citation, "id">;
  rank: number;
  anchor: number;
  order: number;
}

/** Extract and resolve every citation of a corpus. Pure; never throws on document content. */
export function extractCitations(input: ExtractInput): Extracted {
  const index = buildIndex(input.documents, input.paragraphs, input.registry);
  const diagnostics: Diagnostic[] = [];
  const citations: Citation[] = [];
  for (const record of citingOrder(input.documents)) {
    const one = extractDocument(record, index);
    for (const c of one.citations) citations.push(c);
    for (const d of one.diagnostics) diagnostics.push(d);
  }
  return { citations, diagnostics, index };
}

/**
 * The documents in the order their citations are written (by symbol, then language): the
 * citations of a corpus are those of each document in this order, each document's on its own.
 */
export function citingOrder(documents: readonly DocumentRecord[]): DocumentRecord[] {
  return [...documents].sort(byDoc);
}

/**
 * Extract and resolve the citations of one document version, in output order, with ids. Every
 * citation's `from` is a paragraph or part of this document and short forms look back only within
 * it, so a document's citations and ids are the same whichever other documents are extracted
 * with it: what the cite stage's memo (stage.ts) relies on. Reads of other documents go through
 * `index` alone (its `docs` and `byId`).
 */
export function extractDocument(
  record: DocumentRecord,
  index: CorpusIndex,
): { citations: Citation[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const version = index.docs.get(record.symbol)?.get(record.lang);
  if (!version) return { citations: [], diagnostics };
  const drafts: Draft[] = [];
  const rank = new Map<string, number>();
  let order = 0;
  const state: ShortState = { text: null, footnote: null, resolution: null, resolutionAt: null };
  for (const unit of unitsOf(record, version.paragraphs)) {
    if (!rank.has(unit.from)) rank.set(unit.from, rank.size);
    for (const found of findCitations(unit.text, index.titles)) {
      // A heading names its own part ("附件 B", "Annex II"), it does not cite it; nor does it
      // repeat a citation by a short form. Only the documents a heading names are its citations.
      if (
        unit.via === "heading" &&
        (found.kind === "short" || (found.kind === "doc" && found.ref === "self"))
      )
        continue;
      for (const r of resolveFound(found, unit, state, index, diagnostics)) {
        const citation = toCitation(unit, found, r);
        checkQuotation(citation, unit, index, diagnostics);
        report(citation, r, diagnostics);
        drafts.push({
          citation,
          rank: rank.get(unit.from)!,
          anchor: unit.anchor ?? found.start,
          order: order++,
        });
      }
    }
  }
  drafts.sort((a, b) => a.rank - b.rank || a.anchor - b.anchor || a.order - b.order);
  const counts = new Map<string, number>();
  const citations = drafts.map((d) => {
    const n = (counts.get(d.citation.from) ?? 0) + 1;
    counts.set(d.citation.from, n);
    return { id: `${d.citation.from}#c${n}`, ...d.citation };
  });
  return { citations, diagnostics };
}

function byDoc(a: DocumentRecord, b: DocumentRecord): number {
  return a.symbol.localeCompare(b.symbol) || a.lang.localeCompare(b.lang);
}

/** The texts of one document version in reading order. */
function unitsOf(record: DocumentRecord, paragraphs: Paragraph[]): Unit[] {
  const units: Unit[] = [];
  const headings = record.headings;
  let h = 0;
  let previous: Paragraph | null = null;
  const byId = new Map(paragraphs.map((p) => [p.id, p]));
  // The document's fields are written out in each unit, not spread from a shared object: on
  // Node 20 a literal that spreads one and adds ten fields cost some 10 us each (a third of the
  // cite stage's CPU at 50k paragraphs), the same literal written out well under 1 us.
  const doc = record.symbol;
  const lang = record.lang;
  for (const p of paragraphs) {
    while (h < headings.length && headings[h]!.source.line <= p.source.line) {
      const heading = headings[h++]!;
      const from = idOf(record.symbol, record.lang, partAddress(heading.part));
      units.push({
        doc,
        lang,
        from,
        via: "heading",
        footnote: null,
        text: heading.text,
        source: heading.source,
        part: heading.part,
        anchor: null,
        paragraphText: heading.text,
        stream: "text",
      });
      for (const fn of heading.footnotes) {
        units.push({
          doc,
          lang,
          from,
          via: "footnote",
          footnote: fn.mark,
          text: fn.text,
          source: fn.source,
          part: heading.part,
          anchor: fn.at,
          paragraphText: heading.text,
          stream: "footnote",
        });
      }
    }
    if (p.kind === "source-note") {
      const owner = p.parent ?? previous?.id ?? p.id;
      const item = byId.get(owner) ?? previous;
      units.push({
        doc,
        lang,
        from: owner,
        via: "source-note",
        footnote: null,
        text: p.text,
        source: p.source,
        part: p.part,
        anchor: Number.MAX_SAFE_INTEGER,
        // The item the note sources is an extract of the cited paragraph: it is checked as a quotation.
        paragraphText: item?.text ?? p.text,
        stream: "footnote",
      });
      continue;
    }
    units.push({
      doc,
      lang,
      from: p.id,
      via: "text",
      footnote: null,
      text: p.text,
      source: p.source,
      part: p.part,
      anchor: null,
      paragraphText: p.text,
      stream: "text",
    });
    for (const fn of p.footnotes) {
      units.push({
        doc,
        lang,
        from: p.id,
        via: "footnote",
        footnote: fn.mark,
        text: fn.text,
        source: fn.source,
        part: p.part,
        anchor: fn.at + 0.5,
        paragraphText: p.text,
        stream: "footnote",
      });
    }
    previous = p;
  }
  return units;
}

/** What short forms may refer to. */
interface ShortState {
  text: Antecedent | null;
  footnote: Antecedent | null;
  resolution: Antecedent | null;
  /** Where the last resolution was cited: resolutions cited together ("resolutions 75/240 and 76/19") share it. */
  resolutionAt: string | null;
}

/** A citation a short form may stand for: a document with pinpoints, or a Charter article. */
type Antecedent =
  | { kind: "doc"; symbols: string[]; pins: Pin[] }
  | { kind: "charter"; article: string; para: string | null };

function resolveFound(
  found: Found,
  unit: Unit,
  state: ShortState,
  index: CorpusIndex,
  diagnostics: Diagnostic[],
): Resolution[] {
  const citing = { doc: unit.doc, lang: unit.lang, part: unit.part };
  if (found.kind === "charter") {
    state[unit.stream] = { kind: "charter", article: found.article, para: found.para };
    return [resolveCharter(found.article, found.para, index, unit.lang)];
  }
  if (found.kind === "short") {
    const antecedent = found.form === "ibid" ? state[unit.stream] : state.resolution;
    if (!antecedent) {
      diagnostics.push(
        diag(
          "cite/short-form-unresolved",
          unit.source,
          `"${unit.text.slice(found.start, found.end)}" refers back to a citation, but none was found before it in this ${unit.stream === "footnote" ? "document's notes" : "document's text"}.`,
          "Write the citation in full, or check that the earlier citation is one acquis reads.",
        ),
      );
      return [];
    }
    if (antecedent.kind === "charter")
      return [resolveCharter(antecedent.article, antecedent.para, index, unit.lang)];
    // "Ibid., para. 2" keeps the part the antecedent named ("A/99/201, annex, para. 1").
    const inherited = antecedent.pins[antecedent.pins.length - 1]?.part ?? null;
    const pins = found.pins
      ? found.pins.map((p) =>
          p.part === null && !p.operative && p.section === null ? { ...p, part: inherited } : p,
        )
      : antecedent.pins;
    // A short form becomes the antecedent of the next one: "Ibid." after "Ibid., para. 2" is para. 2.
    if (found.form === "ibid") state[unit.stream] = { kind: "doc", symbols: antecedent.symbols, pins };
    return pins.map((pin) => resolveDoc(antecedent.symbols, pin, citing, index));
  }
  // A document's own title, without a pinpoint, is not a citation of itself.
  if (
    found.ref === "title" &&
    found.symbols.length === 1 &&
    found.symbols[0] === unit.doc &&
    found.pins.every((p) => p.num.length === 0 && p.part === null)
  )
    return [];
  const symbols = found.ref === "self" ? [] : found.symbols;
  if (found.ref !== "self") state[unit.stream] = { kind: "doc", symbols: found.symbols, pins: found.pins };
  if (found.ref === "resolution" || found.symbols.some((s) => s.startsWith("A/RES/"))) {
    // "the above-mentioned resolution" after "resolutions 75/240 and 76/19" could mean either:
    // it is kept ambiguous, with both as candidates.
    const at = `${unit.from}|${unit.via}|${unit.footnote}|${found.start}|${found.end}`;
    const together =
      state.resolution?.kind === "doc" && state.resolutionAt === at ? state.resolution.symbols : [];
    state.resolution = { kind: "doc", symbols: [...together, ...found.symbols], pins: [WHOLE] };
    state.resolutionAt = at;
  }
  return found.pins.map((pin) => resolveDoc(symbols, pin, citing, index));
}

function toCitation(unit: Unit, found: Found, r: Resolution): Omit<Citation, "id"> {
  return {
    from: unit.from,
    via: unit.via,
    footnote: unit.footnote,
    raw: unit.text.slice(found.start, found.end),
    span: [found.start, found.end],
    target: r.target,
    resolved: r.resolved,
    status: r.status,
    candidates: r.candidates,
    url: r.url,
    quote: null,
    source: unit.source,
  };
}

/** Pair a citation of a corpus paragraph with the quotation it stands beside, and check it. */
function checkQuotation(
  citation: Omit<Citation, "id">,
  unit: Unit,
  index: CorpusIndex,
  diagnostics: Diagnostic[],
): void {
  if (citation.status !== "resolved" || citation.resolved === null) return;
  const cited = index.byId.get(citation.resolved);
  // A quotation is compared with the cited text in its own language only.
  if (!cited || cited.lang !== unit.lang || !("num" in citation.target) || citation.target.num.length === 0)
    return;
  let quote: { text: string } | undefined;
  if (unit.via === "footnote" && unit.anchor !== null) {
    const at = Math.floor(unit.anchor);
    quote = quotesOf(unit.paragraphText)
      .filter((q) => q.end + 1 <= at && at - (q.end + 1) <= 3)
      .pop();
  } else if (unit.via === "source-note" && unit.paragraphText !== unit.text) {
    quote = { text: unit.paragraphText };
  } else if (unit.via === "text") {
    const quotes = quotesOf(unit.text);
    const [start, end] = citation.span;
    quote =
      quotes.find((q) => q.start - 1 >= end && q.start - 1 - end <= 12) ??
      quotes.filter((q) => q.end + 1 <= start && start - (q.end + 1) <= 6).pop();
  }
  if (!quote) return;
  const check = checkQuote(quote.text, cited.text);
  if (!check) return;
  citation.quote = check;
  if (check.result === "mismatch") {
    diagnostics.push(
      diag(
        "cite/quote-mismatch",
        unit.source,
        `${unit.via === "source-note" ? "The item" : "The quotation"} “${shorten(check.quote)}” does not stand in ${cited.id}, which "${citation.raw}" cites${check.closest ? `; the closest passage reads “${shorten(check.closest)}”` : ""}.`,
        "Compare the quotation with the cited paragraph; correct the quotation or the pinpoint.",
      ),
    );
  }
}

/**
 * findQuotes of the text checked last, kept: each citation of a paragraph (and of its notes) is
 * checked against the same text, one after another. The quotes are read, never changed.
 */
let lastQuoted: { text: string; quotes: readonly Quote[] } | null = null;
function quotesOf(text: string): readonly Quote[] {
  if (lastQuoted?.text !== text) lastQuoted = { text, quotes: findQuotes(text) };
  return lastQuoted.quotes;
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** Diagnostics for what did not resolve cleanly. */
function report(citation: Omit<Citation, "id">, r: Resolution, diagnostics: Diagnostic[]): void {
  const at = citation.source;
  const raw = `"${citation.raw}"`;
  if (r.status === "unknown-document") {
    diagnostics.push(
      diag(
        "cite/unknown-document",
        at,
        `${raw} cites ${r.target.doc}, which is in neither the corpus nor corpus/registry.yaml.`,
        "Check the symbol; if it is right, add the document to corpus/registry.yaml.",
      ),
    );
  } else if (r.status === "unknown-paragraph") {
    diagnostics.push(
      diag(
        "cite/unknown-paragraph",
        at,
        `${raw} cites a paragraph that is not there: ${r.problem}.`,
        "Check the pinpoint against the cited document.",
      ),
    );
  } else if (r.status === "ambiguous") {
    diagnostics.push(
      diag(
        "cite/ambiguous",
        at,
        `${raw} could mean any of ${r.candidates.join(", ")}: ${r.problem}. None is picked.`,
        r.candidates.some((c) => /\/(zh|en)\//.test(c))
          ? "Name the part (e.g. the annex) in the citation."
          : "Name the document by its symbol.",
      ),
    );
  }
  // Only where the corpus answered: for an absent document the target's partInferred says it.
  if ("partInferred" in r.target && r.target.partInferred && r.status === "resolved") {
    diagnostics.push(
      diag(
        "cite/part-inferred",
        at,
        `${raw} names no part of ${r.target.doc}; the paragraph was found in ${r.target.part.join(", ")}, where the registry places its report or the only part that has it.`,
        "Name the part in the citation if another was meant.",
      ),
    );
  }
}
