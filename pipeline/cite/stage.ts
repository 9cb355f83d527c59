/**
 * The "cite" stage: every citation of the corpus extracted and resolved, who cites each paragraph
 * and each document, and the counts the site shows. The build runner writes them as
 * `citations.jsonl`, `cited-by.json` and `citations-summary.json` (pipeline/build/write.ts) and
 * hands the citations to the reuse stage.
 *
 * Decision: every map is built with sorted keys, so the same corpus always gives byte-identical
 * files; the records are validated against their zod schemas where they are written.
 */
import { odsUrl } from "../../core/address/urls.ts";
import {
  type Citation,
  type CitationSummaryFile,
  type CitedByFile,
  type Diagnostic,
  type DocumentRecord,
  type Paragraph,
  type Registry,
  SCHEMA_VERSION,
} from "../../schemas/index.ts";
import { extractCitations } from "./extract.ts";

/** `cited-by.json` and `citations-summary.json`, declared in schemas/. */
export type CitedBy = CitedByFile;
export type CitationSummary = CitationSummaryFile;

/** Who cites what: built from the citations. */
export function citedBy(citations: Citation[]): CitedBy {
  const paragraphs = new Map<string, string[]>();
  const documents = new Map<string, string[]>();
  for (const c of citations) {
    if (c.resolved !== null) push(paragraphs, c.resolved, c.id);
    push(documents, c.target.doc, c.id);
  }
  return {
    schemaVersion: SCHEMA_VERSION,
    paragraphs: sortedRecord(paragraphs),
    documents: sortedRecord(documents),
  };
}

function push(map: Map<string, string[]>, key: string, id: string): void {
  const list = map.get(key) ?? [];
  list.push(id);
  map.set(key, list);
}

function sortedRecord<T>(map: Map<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const key of [...map.keys()].sort()) out[key] = map.get(key)!;
  return out;
}

/** The summary the site shows. */
export function summarise(
  citations: Citation[],
  inCorpus: (symbol: string) => boolean,
  known: (symbol: string) => boolean,
): CitationSummary {
  const byStatus = new Map<string, number>();
  const byVia = new Map<string, number>();
  const docs = new Map<string, number>();
  for (const c of citations) {
    byStatus.set(c.status, (byStatus.get(c.status) ?? 0) + 1);
    byVia.set(c.via, (byVia.get(c.via) ?? 0) + 1);
    docs.set(c.target.doc, (docs.get(c.target.doc) ?? 0) + 1);
  }
  return {
    schemaVersion: SCHEMA_VERSION,
    total: citations.length,
    byStatus: sortedRecord(byStatus),
    byVia: sortedRecord(byVia),
    documents: [...docs.keys()].sort().map((symbol) => {
      const held = inCorpus(symbol);
      return {
        symbol,
        citations: docs.get(symbol)!,
        inCorpus: held,
        known: held || known(symbol),
        url: held || symbol === "UN Charter" ? null : odsUrl(symbol, "en"),
      };
    }),
  };
}

/** What the cite stage reads: the parse output and the registry. */
export interface CiteInput {
  /** Every parsed document, sorted by symbol then language. */
  documents: DocumentRecord[];
  /** Every paragraph, documents in the order above, each in reading order. */
  paragraphs: Paragraph[];
  registry: Registry;
}

/** What the cite stage gives: the citations in reading order, who cites what, the counts. */
export interface Cited {
  citations: Citation[];
  citedBy: CitedBy;
  summary: CitationSummary;
  diagnostics: Diagnostic[];
}

/** The stage: extract, resolve and count every citation of the corpus. Pure. */
export function citeStage(input: CiteInput): Cited {
  const { citations, diagnostics, index } = extractCitations(input);
  const summary = summarise(
    citations,
    (s) => index.docs.has(s),
    (s) => index.registry.has(s),
  );
  return { citations, citedBy: citedBy(citations), summary, diagnostics };
}
