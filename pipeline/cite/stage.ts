/**
 * The "cite" stage: extracts and resolves every citation of the corpus and writes
 * `citations.jsonl` (one Citation per line), `cited-by.json` (who cites each paragraph and each
 * document) and `citations-summary.json` (counts and the cited documents, for the site).
 *
 * Decision: every record is validated against its zod schema before it is written, and every
 * map is written with sorted keys, so the same corpus always gives byte-identical files.
 */

import { odsUrl } from "../../core/address/urls.ts";
import { Citation, CitationSummaryFile, CitedByFile, SCHEMA_VERSION } from "../../schemas/index.ts";
import type { BuildContext, Stage, StageResult } from "../stages.ts";
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

/** The stage registered in pipeline/stages.ts. */
export const citeStage: Stage = {
  name: "cite",
  run(ctx: BuildContext): StageResult {
    const { citations, diagnostics, index } = extractCitations({
      documents: ctx.documents,
      paragraphs: ctx.paragraphs,
      registry: ctx.registry,
    });
    const lines = citations.map((c) => JSON.stringify(Citation.parse(c)));
    const summary = summarise(
      citations,
      (s) => index.docs.has(s),
      (s) => index.registry.has(s),
    );
    return {
      files: {
        "citations.jsonl": lines.length ? `${lines.join("\n")}\n` : "",
        "cited-by.json": `${JSON.stringify(CitedByFile.parse(citedBy(citations)), null, 2)}\n`,
        "citations-summary.json": `${JSON.stringify(CitationSummaryFile.parse(summary), null, 2)}\n`,
      },
      diagnostics,
      data: { citations },
    };
  },
};
