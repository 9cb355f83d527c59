/**
 * JSON Schema for each exported data file, generated from the zod schemas (zod 4's toJSONSchema),
 * and for what `acquis cite --json` prints (cite-lookup).
 */
import { z } from "zod";
import { AdoptionFile, StateReport } from "./adoption.ts";
import { BuildReport, Manifest } from "./build.ts";
import { Citation, CitationSummaryFile, CitedByFile } from "./citation.ts";
import { FrontMatter, Registry } from "./corpus.ts";
import { CiteLookup } from "./lookup.ts";
import { DocumentsFile, Paragraph } from "./paragraph.ts";
import { ResolverDocumentFile, ResolverIndexFile } from "./resolver.ts";
import { AlignedFile, FormulasFile, LineageFile, Reuse, ReuseSummaryFile } from "./reuse.ts";
import { TopicsDataFile, TopicsFile } from "./topics.ts";
import { WorkingPapersFile } from "./working-paper.ts";

/** name -> JSON Schema; the name is the data file it describes (one line of a .jsonl file). */
export function jsonSchemas(): Record<string, unknown> {
  const entries: Record<string, z.ZodType> = {
    "front-matter": FrontMatter,
    registry: Registry,
    documents: DocumentsFile,
    "paragraphs.line": Paragraph,
    "citations.line": Citation,
    "cited-by": CitedByFile,
    "citations-summary": CitationSummaryFile,
    "reuse.line": Reuse,
    lineage: LineageFile,
    aligned: AlignedFile,
    formulas: FormulasFile,
    "reuse-summary": ReuseSummaryFile,
    "working-papers": WorkingPapersFile,
    topics: TopicsDataFile,
    "topics-vocabulary": TopicsFile,
    adoption: AdoptionFile,
    manifest: Manifest,
    diagnostics: BuildReport,
    "resolver-index": ResolverIndexFile,
    "resolver-document": ResolverDocumentFile,
    "cite-lookup": CiteLookup,
    "state-report": StateReport,
  };
  // The front matter and the registry are what people write: their schema is the input's (a
  // document keyed by `id` is keyed by `symbol` once validated); data files are described as written.
  const written = new Set(["front-matter", "registry", "topics-vocabulary"]);
  const result: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(entries)) {
    result[name] = z.toJSONSchema(schema, {
      io: written.has(name) ? "input" : "output",
      unrepresentable: "any",
    });
  }
  return result;
}
