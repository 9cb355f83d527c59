/**
 * The build runner: corpus/ -> dist/data/. It is the one place that wires the stages together and
 * touches the disk (through host.ts):
 *
 *   list + read bytes -> load (decode, front matter, registry, cross checks) -> parse, cached by
 *   content hash -> working papers -> every Stage of stages.ts -> validate -> atomic write
 *
 * Decisions:
 * - Bad input is a diagnostic, and an error costs only its own document: it is left out, the rest
 *   build, the exit code says 1. An exception (a bug, a failing stage, a full disk) fails the whole
 *   build before the swap, so the last good output stays.
 * - Output is byte-identical for the same input: documents sorted by symbol then language
 *   (code-unit order, not locale), paragraphs in reading order, keys in schema order (every record
 *   goes through its zod schema, whose output follows the schema's key order), no dates.
 * - The parse cache key is the SHA-256 of the parser version, the file's path and its bytes: the
 *   path is in it because positions in the output carry it. An entry holds the paragraphs as
 *   validated export lines, so an unchanged document costs a JSON.parse per paragraph, no more.
 */
import { availableParallelism } from "node:os";
import path from "node:path";
import {
  type Diagnostic,
  type DocumentRecord,
  DocumentsFile,
  Paragraph,
  type Registry,
  SCHEMA_VERSION,
  type WorkingPaper,
  WorkingPapersFile,
} from "../schemas/index.ts";
import { diag, sortDiagnostics } from "./diagnostics.ts";
import {
  listFiles,
  type OutputFile,
  readBytes,
  relativePath,
  sha256,
  TextCache,
  unsafeOutput,
  type WrittenFile,
  writeDirectoryAtomic,
} from "./host.ts";
import {
  type CorpusFile,
  classifyCorpusPath,
  decodeCorpusFile,
  loadDocuments,
  MAX_DOCUMENT_BYTES,
  REGISTRY_FILE,
  readRegistry,
  tooLarge,
} from "./load/index.ts";
import { PARSER_VERSION, type Parsed, type ParseInput } from "./parse/index.ts";
import { documentRecord } from "./parse/record.ts";
import { type ParseOutcome, parseInWorkers, parseSafely } from "./parse-worker.ts";
import { buildReport, type Summary, summarise } from "./report.ts";
import { type BuildContext, STAGES, type Stage } from "./stages.ts";

/** What a build is asked to do. Paths may be absolute or relative to `root`. */
export interface BuildOptions {
  /** Repository root: paths in the output and in diagnostics are relative to it. */
  root: string;
  /** The corpus folder (default "corpus"). */
  corpus?: string;
  /** The output folder (default "dist/data"); null to write nothing (`acquis check`). */
  out?: string | null;
  /**
   * The parse cache: "readwrite" (build), "read" (check: use, never write), "off" (--no-cache).
   * Lives in `<root>/.cache/parse` unless `cacheDir` says otherwise.
   */
  cache?: "readwrite" | "read" | "off";
  cacheDir?: string;
  /** Size limit of one corpus file in bytes (default MAX_DOCUMENT_BYTES, 20 MB). */
  maxBytes?: number;
  /**
   * The working-papers extractor (default: extractWorkingPapers of pipeline/parse/working-papers.ts
   * when that module exists); null for none.
   */
  extractWorkingPapers?: ExtractWorkingPapers | null;
  /** The stages to run after parsing (default: STAGES). */
  stages?: readonly Stage[];
  /**
   * Threads to parse on (default: the cores available, at most 4); 1 parses on the main thread.
   * Workers start only when at least WORKER_THRESHOLD documents miss the cache.
   */
  threads?: number;
  /** Called as work advances, for a progress line. */
  onProgress?: (p: Progress) => void;
  /** Called before the output is swapped in (a test seam: throw to simulate a late failure). */
  beforeSwap?: (written: readonly WrittenFile[]) => void;
}

/** One step of progress: "parse 12/40 A/78/265 zh". */
export interface Progress {
  phase: "parse" | "stage" | "write";
  done: number;
  total: number;
  label: string;
}

/** What a build did. */
export interface BuildResult {
  diagnostics: Diagnostic[];
  summary: Summary;
  documents: DocumentRecord[];
  paragraphs: Paragraph[];
  workingPapers: WorkingPaper[];
  /** Files written (empty when `out` is null), as the manifest lists them. */
  written: WrittenFile[];
  /** How many documents were parsed, and how many came from the cache. */
  stats: { parsed: number; cached: number };
}

/** The shape extractWorkingPapers has (pipeline/parse/working-papers.ts). */
export type ExtractWorkingPapers = (
  paragraphs: Paragraph[],
  docs: DocumentRecord[],
) => { papers: WorkingPaper[]; diagnostics: Diagnostic[] };

/**
 * extractWorkingPapers, if its module exists yet (it is written in parallel); else null and the
 * export is an empty list. The specifier is a variable so that the type check does not require
 * the file.
 */
async function workingPapersExtractor(): Promise<ExtractWorkingPapers | null> {
  const spec = "./parse/working-papers.ts";
  try {
    const mod = (await import(spec)) as { extractWorkingPapers?: ExtractWorkingPapers };
    return mod.extractWorkingPapers ?? null;
  } catch (e) {
    // Only the module's own absence means "none yet"; anything else (a broken import inside it)
    // is a real failure.
    const missing = /ERR_MODULE_NOT_FOUND|Cannot find module|Failed to load url/.test(
      `${(e as NodeJS.ErrnoException).code} ${String(e)}`,
    );
    if (missing && String(e).includes("working-papers")) return null;
    throw e;
  }
}

/**
 * The parse cache's format for one document, a JSONL file: a header line (versions, file, headings,
 * parts, diagnostics), then the document's paragraphs exactly as paragraphs.jsonl carries them,
 * already validated. A hit then costs one JSON.parse per line and no validation or stringify.
 */
interface CacheHeader {
  parserVersion: number;
  schemaVersion: number;
  file: string;
  headings: Parsed["headings"];
  parts: Parsed["parts"];
  diagnostics: Parsed["diagnostics"];
}

/** A parsed document with its paragraphs validated and serialised for export. */
interface ReadyDoc {
  parsed: Parsed;
  /** One JSON line per paragraph (no newline), in reading order. */
  lines: string[];
}

/** Validate a fresh parse: paragraphs through their schema (key order = schema order), serialised. */
function ready(parsed: Parsed): ReadyDoc {
  const paragraphs = [...parsed.paragraphs].sort((a, b) => a.seq - b.seq).map((p) => Paragraph.parse(p));
  return { parsed: { ...parsed, paragraphs }, lines: paragraphs.map((p) => JSON.stringify(p)) };
}

function toCacheText(file: string, doc: ReadyDoc): string {
  const header: CacheHeader = {
    parserVersion: PARSER_VERSION,
    schemaVersion: SCHEMA_VERSION,
    file,
    headings: doc.parsed.headings,
    parts: doc.parsed.parts,
    diagnostics: doc.parsed.diagnostics,
  };
  return [JSON.stringify(header), ...doc.lines].join("\n");
}

/** Read a cache entry back; null on anything unexpected (a miss, never an error). */
function fromCacheText(text: string | undefined, file: string): ReadyDoc | null {
  if (text === undefined) return null;
  try {
    const [head, ...lines] = text.split("\n");
    const h = JSON.parse(head ?? "") as CacheHeader;
    if (h.parserVersion !== PARSER_VERSION || h.schemaVersion !== SCHEMA_VERSION || h.file !== file)
      return null;
    if (!Array.isArray(h.headings) || !Array.isArray(h.parts) || !Array.isArray(h.diagnostics)) return null;
    const paragraphs = lines.map((l) => JSON.parse(l) as Paragraph);
    return {
      parsed: { paragraphs, headings: h.headings, parts: h.parts, diagnostics: h.diagnostics },
      lines,
    };
  } catch {
    return null;
  }
}

/** A build asked to do something it must refuse (an output folder it would wrongly replace). */
export class BuildUsageError extends Error {
  override name = "BuildUsageError";
}

/** Below this many documents to parse, starting worker threads costs more than it saves. */
export const WORKER_THRESHOLD = 8;

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Read the corpus folder: document files (bytes) and the registry's text. */
function readCorpus(
  root: string,
  corpusDir: string,
  maxBytes: number,
): { files: CorpusFile[]; registryText: string | null; diagnostics: Diagnostic[]; found: number } {
  const diagnostics: Diagnostic[] = [];
  const listed = listFiles(corpusDir);
  const corpusRel = relativePath(root, corpusDir) || ".";
  if (listed === null) {
    diagnostics.push(
      diag(
        "corpus/path",
        { file: corpusRel, line: 1 },
        "corpus folder not found",
        "Run from the repository root, or pass --corpus DIR.",
      ),
    );
    return { files: [], registryText: null, diagnostics, found: 0 };
  }
  const files: CorpusFile[] = [];
  let registryText: string | null = null;
  let found = 0;
  for (const f of listed) {
    const file = relativePath(root, f.abs);
    const entry = classifyCorpusPath(f.rel, file);
    if (entry.kind === "ignored") continue;
    if (entry.kind === "bad") {
      diagnostics.push(entry.diagnostic);
      continue;
    }
    if (entry.kind === "registry") {
      const decoded = decodeCorpusFile(readBytes(f.abs), file, maxBytes);
      diagnostics.push(...decoded.diagnostics.filter((d) => d.code !== "corpus/empty"));
      registryText = decoded.text ?? "";
      continue;
    }
    found++;
    // A file over the limit is never read into memory.
    if (f.size > maxBytes) {
      diagnostics.push(tooLarge(file, f.size, maxBytes));
      continue;
    }
    files.push({ file, slug: entry.slug, lang: entry.lang, bytes: readBytes(f.abs) });
  }
  return { files, registryText, diagnostics, found };
}

/** A JSON file as one chunk, with a trailing newline. */
function jsonFile(p: string, value: unknown, records: number | null): OutputFile {
  return { path: p, chunks: [`${JSON.stringify(value)}\n`], records, schemaVersion: SCHEMA_VERSION };
}

/** Count records of a file a stage returned: JSONL lines, or the length of a JSON file's one list. */
function stageFile(p: string, content: string | Uint8Array): OutputFile {
  let records: number | null = null;
  let schemaVersion: number | null = null;
  const text = typeof content === "string" ? content : null;
  if (text !== null && p.endsWith(".jsonl")) {
    records = text.split("\n").filter((l) => l.trim() && !/^\{"schemaVersion":\d+\}$/.test(l.trim())).length;
    schemaVersion = SCHEMA_VERSION;
  } else if (text !== null && p.endsWith(".json")) {
    try {
      const value = JSON.parse(text) as Record<string, unknown>;
      if (typeof value?.schemaVersion === "number") schemaVersion = value.schemaVersion;
      const lists = Object.values(value ?? {}).filter(Array.isArray);
      records = lists.length === 1 ? (lists[0] as unknown[]).length : null;
    } catch {
      // Not JSON after all: counted as a plain file.
    }
  }
  return { path: p, chunks: [content], records, schemaVersion };
}

import { Manifest } from "../schemas/build.ts";

export { Manifest };

/** Files the build itself writes; a stage may not return one of these names. */
const CORE_FILES = new Set([
  "documents.json",
  "paragraphs.jsonl",
  "working-papers.json",
  "diagnostics.json",
  "manifest.json",
]);

/**
 * Run a build: read the corpus, parse (with the cache), run the stages, and write the output
 * unless `out` is null. Bad input never throws: it comes back as diagnostics. A bug or a failing
 * stage throws, and then nothing is written.
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const root = path.resolve(options.root);
  const corpusDir = path.resolve(root, options.corpus ?? "corpus");
  const outDir = options.out === null ? null : path.resolve(root, options.out ?? "dist/data");
  const maxBytes = options.maxBytes ?? MAX_DOCUMENT_BYTES;
  const cacheMode = options.cache ?? "readwrite";
  const cache =
    cacheMode === "off"
      ? null
      : new TextCache(path.resolve(root, options.cacheDir ?? ".cache/parse"), cacheMode === "readwrite");
  const progress = options.onProgress ?? (() => {});
  const diagnostics: Diagnostic[] = [];
  if (outDir) {
    const unsafe = unsafeOutput(outDir, [root, corpusDir]);
    if (unsafe)
      throw new BuildUsageError(
        `refusing to write the output: ${unsafe}. Choose an output folder of its own, e.g. dist/data.`,
      );
  }

  // Load.
  const corpus = readCorpus(root, corpusDir, maxBytes);
  diagnostics.push(...corpus.diagnostics);
  const registryFile = relativePath(root, path.join(corpusDir, REGISTRY_FILE));
  const reg = readRegistry(corpus.registryText, registryFile);
  diagnostics.push(...reg.diagnostics);
  const registry: Registry = reg.registry;
  // A registry that is missing or unreadable as a whole was reported once; checking every document
  // against it would only repeat that.
  const usable =
    corpus.registryText !== null && !(registry.documents.length === 0 && reg.diagnostics.length > 0);
  const loaded = loadDocuments(corpus.files, usable ? registry : null, maxBytes);
  diagnostics.push(...loaded.diagnostics);
  const docs = [...loaded.documents].sort(
    (a, b) => byKey(a.meta.symbol, b.meta.symbol) || byKey(a.meta.lang, b.meta.lang),
  );

  // Parse what the cache does not hold, on worker threads when there is enough of it; each
  // document on its own: one that throws is reported and left out.
  const stats = { parsed: 0, cached: 0 };
  const keys = docs.map((doc) => {
    const hash = sha256(doc.bytes);
    return { hash, key: sha256(`acquis parse v${PARSER_VERSION}\n${doc.file}\n${hash}`) };
  });
  const readyDocs: Array<ReadyDoc | undefined> = docs.map((doc, i) => {
    const hit = fromCacheText(cache?.get(keys[i]!.key), doc.file);
    if (hit) stats.cached++;
    return hit ?? undefined;
  });
  const outcomes: Array<ParseOutcome | undefined> = docs.map(() => undefined);
  const misses = docs.flatMap((_, i) => (readyDocs[i] ? [] : [i]));
  const inputs: ParseInput[] = misses.map((i) => {
    const doc = docs[i]!;
    return { file: doc.file, markdown: doc.body, firstLine: doc.firstLine, meta: doc.meta };
  });
  let done = stats.cached;
  const tick = (j: number) => {
    const doc = docs[misses[j]!]!;
    progress({
      phase: "parse",
      done: ++done,
      total: docs.length,
      label: `${doc.meta.symbol} ${doc.meta.lang}`,
    });
  };
  progress({ phase: "parse", done, total: docs.length, label: "" });
  const threads = options.threads ?? Math.min(availableParallelism(), 4);
  const parsedNow =
    threads > 1 && inputs.length >= WORKER_THRESHOLD
      ? await parseInWorkers(inputs, threads, tick)
      : inputs.map((input, j) => {
          const outcome = parseSafely(input);
          tick(j);
          return outcome;
        });
  for (const [j, outcome] of parsedNow.entries()) {
    const i = misses[j]!;
    outcomes[i] = outcome;
    if (!outcome.ok) continue;
    stats.parsed++;
    // Parser output is validated here, once, before it is cached and exported.
    const r = ready(outcome.parsed);
    readyDocs[i] = r;
    cache?.set(keys[i]!.key, toCacheText(docs[i]!.file, r));
  }
  const documents: DocumentRecord[] = [];
  const paragraphs: Paragraph[] = [];
  const lines: string[] = [];
  for (const [i, doc] of docs.entries()) {
    const r = readyDocs[i];
    const outcome = outcomes[i];
    if (!r) {
      diagnostics.push(
        diag(
          "corpus/parse-failed",
          { file: doc.file, line: doc.firstLine },
          `the parser failed on this document (${outcome && !outcome.ok ? outcome.error : "no result"}); it was left out`,
          "This is a bug in acquis: please report it with the file.",
        ),
      );
      continue;
    }
    diagnostics.push(...r.parsed.diagnostics);
    documents.push(documentRecord(doc, keys[i]!.hash, r.parsed));
    for (const p of r.parsed.paragraphs) paragraphs.push(p);
    for (const l of r.lines) lines.push(l);
  }
  progress({ phase: "parse", done: docs.length, total: docs.length, label: "" });

  // Working papers (annex D-style lists), when the extractor exists.
  let workingPapers: WorkingPaper[] = [];
  const extract =
    options.extractWorkingPapers === undefined
      ? await workingPapersExtractor()
      : options.extractWorkingPapers;
  if (extract) {
    const wp = extract(paragraphs, documents);
    workingPapers = wp.papers;
    diagnostics.push(...wp.diagnostics);
  }

  // Stages, in order, each seeing what the earlier ones handed on.
  const ctx: BuildContext = { documents, paragraphs, registry, workingPapers, outputs: {} };
  const stageFiles: OutputFile[] = [];
  const stages = options.stages ?? STAGES;
  for (const [i, stage] of stages.entries()) {
    progress({ phase: "stage", done: i, total: stages.length, label: stage.name });
    const result = await stage.run(ctx);
    diagnostics.push(...result.diagnostics);
    ctx.outputs[stage.name] = result.data;
    for (const [p, content] of Object.entries(result.files)) {
      if (CORE_FILES.has(p))
        throw new Error(`stage ${stage.name} returned ${p}, a file the build writes itself`);
      stageFiles.push(stageFile(p, content));
    }
  }

  const sorted = sortDiagnostics(diagnostics);
  const summary = summarise(sorted, {
    documents: corpus.found,
    built: documents.length,
    paragraphs: paragraphs.length,
  });

  // Validate and write.
  let written: WrittenFile[] = [];
  if (outDir) {
    progress({ phase: "write", done: 0, total: 1, label: relativePath(root, outDir) });
    const documentsFile = DocumentsFile.parse({ schemaVersion: SCHEMA_VERSION, documents });
    const papersFile = WorkingPapersFile.parse({ schemaVersion: SCHEMA_VERSION, papers: workingPapers });
    const report = buildReport(sorted, summary);
    const files: OutputFile[] = [
      jsonFile("documents.json", documentsFile, documents.length),
      {
        path: "paragraphs.jsonl",
        chunks: (function* () {
          for (const l of lines) yield `${l}\n`;
        })(),
        records: paragraphs.length,
        schemaVersion: SCHEMA_VERSION,
      },
      jsonFile("working-papers.json", papersFile, workingPapers.length),
      ...stageFiles,
      jsonFile("diagnostics.json", report, report.diagnostics.length),
    ].sort((a, b) => byKey(a.path, b.path));
    written = writeDirectoryAtomic(outDir, files, {
      finish: (done) => [
        jsonFile(
          "manifest.json",
          Manifest.parse({ schemaVersion: SCHEMA_VERSION, files: done }),
          done.length,
        ),
      ],
      beforeSwap: options.beforeSwap,
    });
    progress({ phase: "write", done: 1, total: 1, label: relativePath(root, outDir) });
  }

  return { diagnostics: sorted, summary, documents, paragraphs, workingPapers, written, stats };
}
