/**
 * The one reader of `dist/data`: file contents in, validated typed data out. The site's pages
 * (site/src/lib/data.ts), `acquis cite` and any other reader of a built knowledge base go through
 * here, so every one of them checks the same schemaVersion, validates against the same zod
 * schemas and names a broken line the same way.
 *
 * Decisions:
 * - Pure: the caller reads the bytes (pipeline/commands/data-host.ts, site/scripts/host.ts) and
 *   hands over their text; `collectDataFiles` asks it only for the files it wants, so a command
 *   that needs two files never reads the others.
 * - Data written for another version of the contract is refused with the way out (rebuild), never
 *   read by guess; a line that breaks the contract is named by file and line.
 * - Optional files (working papers, citations, reuse, the citation summary, the zh/en alignment,
 *   the topics, adoption) may be absent: their
 *   lists come back empty and `has` says which were there, so a reader can say "not computed"
 *   rather than "none".
 */
import { z } from "zod";
import {
  AdoptionFile,
  AlignedFile,
  type AlignedRow,
  Citation,
  CitationSummaryFile,
  type DocumentRecord,
  DocumentsFile,
  Paragraph,
  Reuse,
  SCHEMA_VERSION,
  TopicsDataFile,
  type WorkingPaper,
  WorkingPapersFile,
} from "../../schemas/index.ts";

/** The files of dist/data this reader knows, by key. */
export const DATA_FILES = {
  documents: "documents.json",
  paragraphs: "paragraphs.jsonl",
  workingPapers: "working-papers.json",
  citations: "citations.jsonl",
  reuse: "reuse.jsonl",
  citationsSummary: "citations-summary.json",
  aligned: "aligned.json",
  topics: "topics.json",
  adoption: "adoption.json",
} as const;
export type DataFileKey = keyof typeof DATA_FILES;

/** The raw contents of the files; an optional file is `null` (or left out) when absent. */
export interface DataFiles {
  documents: string;
  paragraphs: string;
  workingPapers?: string | null;
  citations?: string | null;
  reuse?: string | null;
  citationsSummary?: string | null;
  aligned?: string | null;
  topics?: string | null;
  adoption?: string | null;
}

/** A built knowledge base, validated. */
export interface KnowledgeBase {
  documents: DocumentRecord[];
  /** Documents in the order of documents.json, each in reading order. */
  paragraphs: Paragraph[];
  workingPapers: WorkingPaper[];
  citations: Citation[];
  reuse: Reuse[];
  /** Cited documents as the cite stage summarised them; null when the file is absent. */
  citationsSummary: CitationSummaryFile | null;
  /** The zh/en alignment of every document held in both languages (aligned.json), rows in reading order. */
  aligned: AlignedRow[];
  /** Each paragraph's topics and why (topics.json); null when the file is absent (not computed). */
  topics: TopicsDataFile | null;
  /** A State's wording and the agreed texts (adoption.json); null when the file is absent. */
  adoption: AdoptionFile | null;
  /** Which optional files were present. */
  has: { citations: boolean; reuse: boolean; aligned: boolean; adoption: boolean };
}

/** Thrown when the data was written for another version of the contract: rebuild, do not guess. */
export class DataVersionError extends Error {
  override name = "DataVersionError";
}

/** Thrown when a file the reader needs is not there. */
export class MissingDataError extends Error {
  override name = "MissingDataError";
}

/** Who reads, for messages: "the site reads 1", "acquis reads 1". */
export interface ReadOptions {
  reader?: string;
}

function checkVersion(file: string, version: unknown, reader: string): void {
  if (version !== SCHEMA_VERSION) {
    throw new DataVersionError(
      `dist/data/${file} has schemaVersion ${JSON.stringify(version)}, ${reader} reads ${SCHEMA_VERSION}: run the build again (npm run build).`,
    );
  }
}

/** Read a JSON Lines file; a header line carrying only `schemaVersion` is checked and skipped. */
function jsonl<T>(file: string, text: string, schema: z.ZodType<T>, reader: string): T[] {
  const rows: T[] = [];
  for (const [i, line] of text.split("\n").entries()) {
    if (!line.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      throw new Error(`dist/data/${file}:${i + 1}: not JSON (${(e as Error).message})`);
    }
    if (value && typeof value === "object" && "schemaVersion" in value && Object.keys(value).length <= 2) {
      checkVersion(file, (value as { schemaVersion: unknown }).schemaVersion, reader);
      continue;
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new Error(`dist/data/${file}:${i + 1}: ${z.prettifyError(parsed.error)}`);
    rows.push(parsed.data);
  }
  return rows;
}

function json<T>(file: string, text: string, schema: z.ZodType<T>, reader: string): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new Error(`dist/data/${file}: not JSON (${(e as Error).message})`);
  }
  checkVersion(file, (value as { schemaVersion?: unknown })?.schemaVersion, reader);
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Error(`dist/data/${file}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/**
 * Validate a knowledge base. Throws `DataVersionError` for data of another contract version and
 * an error naming file and line for data that breaks the contract.
 */
export function readKnowledgeBase(files: DataFiles, opts: ReadOptions = {}): KnowledgeBase {
  const reader = opts.reader ?? "acquis";
  const { documents } = json(DATA_FILES.documents, files.documents, DocumentsFile, reader);
  const paragraphs = jsonl(DATA_FILES.paragraphs, files.paragraphs, Paragraph, reader);
  const workingPapers = files.workingPapers
    ? json(DATA_FILES.workingPapers, files.workingPapers, WorkingPapersFile, reader).papers
    : [];
  const citations = files.citations ? jsonl(DATA_FILES.citations, files.citations, Citation, reader) : [];
  const reuse = files.reuse ? jsonl(DATA_FILES.reuse, files.reuse, Reuse, reader) : [];
  const citationsSummary = files.citationsSummary
    ? json(DATA_FILES.citationsSummary, files.citationsSummary, CitationSummaryFile, reader)
    : null;
  const aligned = files.aligned ? json(DATA_FILES.aligned, files.aligned, AlignedFile, reader).rows : [];
  const topics = files.topics ? json(DATA_FILES.topics, files.topics, TopicsDataFile, reader) : null;
  const adoption = files.adoption ? json(DATA_FILES.adoption, files.adoption, AdoptionFile, reader) : null;
  return {
    documents,
    paragraphs,
    workingPapers,
    citations,
    reuse,
    citationsSummary,
    aligned,
    topics,
    adoption,
    has: {
      citations: files.citations != null,
      reuse: files.reuse != null,
      aligned: files.aligned != null,
      adoption: files.adoption != null,
    },
  };
}

/**
 * Gather the files a reader wants through `read(name)` (the host's disk or fetch; null when the
 * file is absent). documents.json must be there (`where` names its folder in the message);
 * paragraphs.jsonl absent reads as no paragraphs. Optional files not in `want` are not read.
 */
export function collectDataFiles(
  read: (name: string) => string | null,
  opts: { want?: readonly DataFileKey[]; where?: string } = {},
): DataFiles {
  const want = opts.want ?? (Object.keys(DATA_FILES) as DataFileKey[]);
  const documents = read(DATA_FILES.documents);
  if (documents === null) {
    throw new MissingDataError(
      `${opts.where ?? "dist/data"}/${DATA_FILES.documents} is missing: build the knowledge base first (npm run build).`,
    );
  }
  const optional = (key: DataFileKey) => (want.includes(key) ? read(DATA_FILES[key]) : null);
  return {
    documents,
    paragraphs: read(DATA_FILES.paragraphs) ?? "",
    workingPapers: optional("workingPapers"),
    citations: optional("citations"),
    reuse: optional("reuse"),
    citationsSummary: optional("citationsSummary"),
    aligned: optional("aligned"),
    topics: optional("topics"),
    adoption: optional("adoption"),
  };
}

/**
 * The registry (corpus/registry.yaml) as the site's resolver reads it: the short titles people
 * cite documents by and what is known of their structure; the entries the build keeps
 * (core/data/registry.ts decides for every reader).
 */
export { readRegistry } from "./registry.ts";
