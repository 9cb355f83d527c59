/**
 * The build runner: corpus/ -> dist/data/. It is the one place that wires the steps together and
 * the only one of them that touches the disk (through host.ts):
 *
 *   read.ts    list + read bytes -> load (decode, front matter, registry, cross checks)
 *   cache.ts   parse, through the parse cache, on worker threads when there is enough to parse
 *   stages.ts  working papers -> cite -> reuse -> index, composed with typed inputs and outputs
 *   memos.ts   what the cite, reuse and index stages keep for the next build, read and checked
 *              first; what the last build wrote (the output memo); the memo files' stamps
 *   write.ts   validate + serialise every file; then the host's atomic write swaps them in,
 *              hard-linking from the last output the files whose bytes it already holds
 *
 * Each step is one function from a typed input to a typed output; the runner gives them the
 * disk's listing, a reader, the cache's store and the output folder, and nothing else does.
 *
 * Two entry points: `build()` writes the data alone into one folder (`acquis build --out`,
 * `acquis check` with no folder, tests, the benchmark); `publishBuild()` is what `npm run build`
 * runs: data and site built into a new generation and published together (generations.ts), under
 * the output's lock (lock.ts):
 *
 *   lock dist -> prepare generations -> build() into <generation>/data -> site -> publish -> unlock
 *
 * Decisions:
 * - Bad input is a diagnostic, and an error costs only its own document: it is left out, the rest
 *   build, the exit code says 1. An exception (a bug, a failing stage, a full disk) fails the whole
 *   build before the swap, so the last good output stays.
 * - A corpus that cannot be built as a whole (no corpus folder, a registry missing or unreadable,
 *   no document built) writes and publishes nothing, and says why (`unbuildable`): a typo in
 *   --corpus or in registry.yaml must never replace a good build with an empty or degraded one.
 * - One build at a time per output folder (lock.ts); a second one is refused with a plain message.
 * - Output is byte-identical for the same input (write.ts says how), built cold or from the
 *   memos of an earlier build: the cite, reuse and index stages recompute only what changed,
 *   and a memo that does not fit the code or the corpus is not used (memos.ts).
 */
import path from "node:path";
import type { Diagnostic, DocumentRecord, Paragraph, Registry, WorkingPaper } from "../../schemas/index.ts";
import { diag, sortDiagnostics } from "../diagnostics.ts";
import * as generations from "../generations.ts";
import {
  codeVersion,
  type FileStamp,
  FileStore,
  holdsKept,
  listFiles,
  openRange,
  readBytes,
  readBytesIfExists,
  relativePath,
  removeTreeLater,
  stampOf,
  TextCache,
  unsafeOutput,
  type WrittenFile,
  writeDirectoryAtomic,
} from "../host.ts";
import { MAX_DOCUMENT_BYTES } from "../load/index.ts";
import { lockOutput } from "../lock.ts";
import { type Summary, summarise } from "../report.ts";
import { buildSite, type SiteOutcome, type SiteStepOptions } from "../site-build.ts";
import { parseWithCache, WORKER_THRESHOLD } from "./cache.ts";
import {
  LOAD_FILE,
  loadMemoFile,
  memoFiles,
  OUTPUT_MEMO,
  outputMemoFile,
  readLoadMemo,
  readMemos,
  readOutputMemo,
  readStamps,
  STAMPS,
  sameStamp,
  stampsFile,
} from "./memos.ts";
import { readCorpus } from "./read.ts";
import { type Analysed, runStages, type StageRun, type StageSelection } from "./stages.ts";
import {
  dataFiles,
  diagnosticsSource,
  lastDocuments,
  lastParagraphs,
  outputMemoOf,
  previousOutput,
} from "./write.ts";

export type { Analysed, SiteOutcome, StageRun, StageSelection };
export { WORKER_THRESHOLD };

/** What a build is asked to do. Paths may be absolute or relative to `root`. */
export interface BuildOptions {
  /** Repository root: paths in the output and in diagnostics are relative to it. */
  root: string;
  /** The corpus folder (default "corpus"). */
  corpus?: string;
  /** The output folder (default "dist/data"); null to write nothing (`acquis check`). */
  out?: string | null;
  /**
   * The caches: "readwrite" (build), "read" (check: use, never write), "off" (--no-cache: a cold
   * build, nothing read, nothing kept). The parse cache lives in `<root>/.cache/parse` unless
   * `cacheDir` says otherwise; the stages' memos in `<root>/.cache/stages` unless `memoDir` does.
   */
  cache?: "readwrite" | "read" | "off";
  cacheDir?: string;
  memoDir?: string;
  /** Size limit of one corpus file in bytes (default MAX_DOCUMENT_BYTES, 20 MB). */
  maxBytes?: number;
  /** The stages after parsing: "all" (default), or "none" to export the parse alone. */
  stages?: StageSelection;
  /**
   * Threads to parse on (default: the cores available, at most 4); 1 parses on the main thread.
   * Workers start only when at least WORKER_THRESHOLD documents miss the cache.
   */
  threads?: number;
  /** Called as work advances, for a progress line. */
  onProgress?: (p: Progress) => void;
  /** Called before the output is swapped in (a test seam: throw to simulate a late failure). */
  beforeSwap?: (written: readonly WrittenFile[]) => void;
  /**
   * True when publishBuild() writes into its fresh generation: it holds the published folder's
   * lock, so no lock is taken for `out`, and `out` may lie under a generations folder.
   */
  inGeneration?: boolean;
  /**
   * The folder holding the last output, whose unchanged files the writer may hard-link (write.ts
   * `previousOutput`): publishBuild() gives the published generation's data; by default `out`.
   */
  previous?: string;
}

/**
 * One step of progress: "cache 800/1329 A/78/265 zh" (a parse cache hit read), "parse 12/40
 * A/78/265 zh", "memos 0/2 read" (the stages' memos read; then the working papers, before the
 * first stage), "stage 1/3 reuse", "write", "memos 1/2 write" (the memos kept for the next build),
 * "site 12 pages". Each phase holds the work up to the next one's first report, so a caller that
 * times them (the bench) attributes each step to its own name.
 */
export interface Progress {
  phase: "cache" | "parse" | "memos" | "stage" | "write" | "site" | "publish";
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
  /** The registry as the build read it (entries with errors left out). */
  registry: Registry;
  /** What the stages gave (null stages when none ran), typed, for callers that read it. */
  analysed: Analysed;
  /** Files written (empty when `out` is null), as the manifest lists them. */
  written: WrittenFile[];
  /** How many documents were parsed, and how many came from the cache. */
  stats: { parsed: number; cached: number };
  /**
   * Why the corpus cannot be built as a whole (then nothing was written), or null. A
   * `corpus/unbuildable` diagnostic says the same.
   */
  unbuildable: string | null;
  /**
   * How the cite, reuse and index stages ran: cold (with why, when a memo was there but did not fit)
   * or incremental; null when no stage ran.
   */
  runs: { cite: StageRun; reuse: StageRun; index: StageRun; topics: StageRun } | null;
}

/** A build asked to do something it must refuse (an output folder it would wrongly replace). */
export class BuildUsageError extends Error {
  override name = "BuildUsageError";
}

/**
 * Run a build: read the corpus, parse (with the cache), run the stages, and write the output
 * unless `out` is null. Bad input never throws: it comes back as diagnostics. A bug or a failing
 * stage throws, and then nothing is written.
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const root = path.resolve(options.root);
  const corpusDir = path.resolve(root, options.corpus ?? "corpus");
  const outDir = options.out === null ? null : path.resolve(root, options.out ?? "dist/data");
  const progress = options.onProgress ?? (() => {});
  if (outDir) {
    const unsafe = unsafeOutput(outDir, [root, corpusDir]);
    if (unsafe)
      throw new BuildUsageError(
        `refusing to write the output: ${unsafe}. Choose an output folder of its own, e.g. dist/data.`,
      );
  }
  const published = outDir && !options.inGeneration ? generations.insidePublished(outDir) : null;
  if (published)
    throw new BuildUsageError(
      `refusing to write ${relativePath(root, outDir!)}: it is part of the published build in ${relativePath(root, published)}, whose site would no longer match its data. Run acquis build without --out to publish data and site together, or choose another folder.`,
    );
  // Taken before any work, so a second build is told at once, not after parsing everything.
  const lock =
    outDir && !options.inGeneration ? lockOutput(outDir, "acquis build", relativePath(root, outDir)) : null;
  // What buildLocked opens and must close whether it returns or throws (the bases of postings
  // the reuse memo reads by range): a stage that throws must not leave their files open.
  const release: Array<() => void> = [];
  try {
    return await buildLocked(options, root, corpusDir, outDir, progress, release);
  } finally {
    for (const close of release) close();
    lock?.release();
  }
}

/** build() once the output is locked. */
async function buildLocked(
  options: BuildOptions,
  root: string,
  corpusDir: string,
  outDir: string | null,
  progress: (p: Progress) => void,
  release: Array<() => void>,
): Promise<BuildResult> {
  const cacheMode = options.cache ?? "readwrite";

  // What the last build kept: loading, the reuse and index stages then redo only what changed.
  const memoStore =
    cacheMode === "off"
      ? null
      : new FileStore(path.resolve(root, options.memoDir ?? ".cache/stages"), cacheMode === "readwrite");
  const stages = options.stages ?? "all";
  const version = memoStore ? codeVersion() : "";
  const stamps = memoStore ? readStamps(memoStore.get(STAMPS.file)) : new Map<string, FileStamp>();
  // The first stamp taken of each memo file, before it was read (memos.ts `checked`).
  const seen = new Map<string, FileStamp | null>();
  const vouched = (name: string) => {
    if (!memoStore) return false;
    const st = memoStore.stamp(name);
    if (!seen.has(name)) seen.set(name, st);
    return sameStamp(stamps.get(name), st);
  };
  // Taken before the listing: the corpus files' stamps older than it can be kept (load/memo.ts).
  const clock = memoStore?.clock() ?? null;
  const corpus = readCorpus(
    {
      path: relativePath(root, corpusDir),
      files: listFiles(corpusDir),
      read: (f) => readBytes(f.abs),
      clock,
    },
    options.maxBytes ?? MAX_DOCUMENT_BYTES,
    memoStore && readLoadMemo(memoStore.get(LOAD_FILE), version, vouched(LOAD_FILE)),
  );
  const parseCache =
    cacheMode === "off"
      ? null
      : new TextCache(path.resolve(root, options.cacheDir ?? ".cache/parse"), cacheMode === "readwrite");
  // With the stages' memos kept (their stamps say so), the stages read a few documents'
  // paragraphs: a cache hit's are made only when read (cache.ts `LazyCorpus`).
  const parsed = await parseWithCache(corpus.documents, {
    cache: parseCache,
    threads: options.threads,
    onProgress: (done, total, label, step) => progress({ phase: step, done, total, label }),
    lazy: !!memoStore && stages === "all" && stamps.size > 0,
  });
  const { documents } = parsed;
  let paragraphs = parsed.paragraphs;
  if (memoStore && stages === "all") progress({ phase: "memos", done: 0, total: 2, label: "read" });
  const memos =
    memoStore && stages === "all"
      ? readMemos(
          (name) => memoStore.get(name),
          version,
          vouched,
          (name) => memoStore.open(name),
          (name) => memoStore.open(name),
        )
      : null;
  if (memos) release.push(memos.release);
  // A stage without its memo reads every paragraph (and hands them to worker threads): the plain
  // array. The topics stage has none without a vocabulary, and reads no paragraph then.
  if (!memos?.cite || !memos.reuse || !memos.index) paragraphs = parsed.whole();
  const analysed = await runStages(
    {
      documents,
      paragraphs,
      registry: corpus.registry,
      topics: corpus.topics,
      segmenterImage: memoStore && { dir: memoStore.dir, writable: memoStore.writable, version },
    },
    stages,
    (done, total, label) => progress({ phase: "stage", done, total, label }),
    memos ?? undefined,
  );
  const runs = analysed.runs && {
    cite: { ...analysed.runs.cite, why: memos?.rejected.cite ?? analysed.runs.cite.why },
    reuse: { ...analysed.runs.reuse, why: memos?.rejected.reuse ?? analysed.runs.reuse.why },
    index: { ...analysed.runs.index, why: memos?.rejected.index ?? analysed.runs.index.why },
    topics: { ...analysed.runs.topics, why: memos?.rejected.topics ?? analysed.runs.topics.why },
  };

  const unbuildable =
    corpus.broken ?? (documents.length === 0 ? `none of its ${corpus.found} documents could be built` : null);
  const unbuilt = unbuildable
    ? [
        diag(
          "corpus/unbuildable",
          { file: relativePath(root, corpusDir) || ".", line: 1 },
          `the corpus cannot be built: ${unbuildable}; ${outDir ? "nothing was written, the previous output stays" : "a build would write nothing"}`,
          "Fix what the other errors say (the corpus folder, registry.yaml, the documents), then build again.",
        ),
      ]
    : [];
  const diagnostics = sortDiagnostics([
    ...corpus.diagnostics,
    ...parsed.diagnostics,
    ...analysed.diagnostics,
    ...unbuilt,
  ]);
  const summary = summarise(diagnostics, {
    documents: corpus.found,
    built: documents.length,
    paragraphs: paragraphs.length,
  });

  let written: WrittenFile[] = [];
  let removal: Promise<void> | null = null;
  if (outDir && !unbuildable) {
    const where = relativePath(root, outDir);
    progress({ phase: "write", done: 0, total: 1, label: where });
    const lastOutput =
      memoStore && cacheMode === "readwrite" ? readOutputMemo(memoStore.get(OUTPUT_MEMO.file)) : null;
    // Records validated by this very code need not be again (write.ts `ValidRecords`).
    const valid = {
      known: new Set(lastOutput?.version === version ? (lastOutput.records ?? []) : []),
      validated: new Set<string>(),
    };
    // The pieces of paragraphs.jsonl that the last output holds, copied from it (write.ts), and
    // where each piece stands in the file written, for the next build.
    const lastPieces = lastOutput
      ? lastParagraphs(lastOutput, options.previous ?? outDir, version, openRange)
      : null;
    const placed: Array<[string, number]> = [];
    const { files, finish, places } = dataFiles(
      {
        documents,
        paragraphPieces: () => parsed.pieces({ last: lastPieces, placed }),
        paragraphCount: paragraphs.length,
        analysed,
        diagnostics,
        // What they were sorted from, in the same order: the stages' by their digest where they
        // give one (write.ts `diagnosticsSource`).
        diagnosticsMade: diagnosticsSource([
          corpus.diagnostics,
          parsed.diagnostics,
          ...(analysed.diagnosticsMade ?? [analysed.diagnostics]),
          unbuilt,
        ]),
        summary,
      },
      valid,
      // The records of documents.json that the last output holds, copied from it (write.ts).
      lastDocuments(
        lastOutput,
        options.previous ?? outDir,
        version,
        (abs) => {
          try {
            return readBytesIfExists(abs);
          } catch {
            return null; // not a file, or gone since: every record is made
          }
        },
        stampOf,
      ),
    );
    const linked = new Map<string, FileStamp>();
    const previous = lastOutput
      ? previousOutput(lastOutput, options.previous ?? outDir, stampOf, version, linked)
      : {};
    try {
      written = writeDirectoryAtomic(outDir, files, {
        finish,
        beforeSwap: options.beforeSwap,
        // Removed on the thread pool while the memos are written, awaited before the build returns;
        // should it fail, the next build into this folder removes it (host.ts recoverOutput).
        removeOld: (dir) => {
          removal = removeTreeLater(dir).catch(() => {});
        },
        ...previous,
      });
    } finally {
      lastPieces?.close();
    }
    if (memoStore?.writable)
      memoStore.set(
        OUTPUT_MEMO.file,
        outputMemoFile(
          outputMemoOf(outDir, written, stampOf, version, files, linked, valid.validated, places, placed),
        ),
      );
    progress({ phase: "write", done: 1, total: 1, label: where });
  }
  // Kept only once the build went through: a failed build leaves the last memos as they were.
  if (memoStore?.writable && !unbuildable) progress({ phase: "memos", done: 1, total: 2, label: "write" });
  if (memoStore?.writable && !unbuildable) memoStore.set(LOAD_FILE, loadMemoFile(corpus.memo, version));
  if (memoStore?.writable && analysed.runs && !unbuildable) {
    const present = new Set(memoStore.names());
    const { files: memoOut, keep } = memoFiles(analysed.memos, version, (name) => present.has(name));
    for (const f of memoOut) memoStore.set(f.name, f.chunks);
    keep.push(OUTPUT_MEMO.file, STAMPS.file, LOAD_FILE);
    for (const name of present) if (!keep.includes(name)) memoStore.remove(name);
    // Recorded last: a build killed before this leaves stamps that do not fit, so checksums are
    // checked. A file written now is stamped now; one kept from before keeps its stamp only if it
    // has not moved, or if this build checked it in full and it has not moved since (a base edited
    // by hand and not rewritten fails its checksum and must be checked in full next time).
    const fresh = new Set([...memoOut.map((f) => f.name), LOAD_FILE]);
    const now = new Map<string, FileStamp>();
    for (const name of keep) {
      if (name === STAMPS.file) continue;
      const st = memoStore.stamp(name);
      // One checked in full by its checksum, unchanged since, is as good as one written now.
      const checked = memos?.checked.has(name) && sameStamp(seen.get(name), st);
      if (st && (fresh.has(name) || sameStamp(stamps.get(name), st) || checked)) now.set(name, st);
    }
    memoStore.set(STAMPS.file, stampsFile(now));
  }
  // The bases of postings read by range were read for the last time by memoFiles above.
  memos?.release();
  // The parse cache's entries of versions no document has now, once they outnumber those it has.
  if (!unbuildable) parseCache?.prune(new Set(parsed.keys));
  await removal;

  return {
    diagnostics,
    summary,
    documents,
    paragraphs,
    workingPapers: analysed.workingPapers,
    registry: corpus.registry,
    analysed,
    written,
    stats: parsed.stats,
    unbuildable,
    runs,
  };
}

/** What publishBuild() is asked to do: build() options but the output, plus the published folder. */
export interface PublishOptions
  extends Omit<BuildOptions, "out" | "inGeneration" | "beforeSwap" | "previous"> {
  /** The published folder (default "dist"): a link to its current generation. */
  dist?: string;
  /** Build the site into the generation too (default true); false publishes the data alone. */
  site?: boolean;
  /**
   * The site step (default: `astro build`, site-build.ts); a test seam. Gets the generation's
   * folder, whose data/ is written, the log file for the site builder's output and the registry.
   */
  buildSite?: (dir: string, options: SiteStepOptions) => Promise<SiteOutcome>;
}

/** What publishBuild() did. */
export interface PublishResult extends BuildResult {
  /** The generation published, and the one it replaced; null when nothing was published. */
  published: { id: string; dir: string; previous: string | null } | null;
  /** Why nothing was published (unbuildable corpus, failed site), or null. */
  refused: string | null;
  /** The published generation's id before this build (what `dist` still shows when refused). */
  before: string | null;
  /** The site step's outcome; null when it did not run. */
  site: SiteOutcome | null;
  /**
   * Leftovers of killed builds this build could not remove yet (still being written), one line
   * each: left for a later build, never an error.
   */
  notes: string[];
}

/** The notes of the generations' removal and of the site step, in that order. */
function notesOf(g: generations.Generations, site: SiteOutcome | null): string[] {
  return [...g.notes, ...(site?.notes ?? [])];
}

/**
 * Build the data and the site into a new generation and publish both at once (`npm run build`).
 * Nothing is published when the corpus cannot be built as a whole or the site fails; the
 * previous generation stays published, whole. Throws LockBusy when another build holds the
 * folder, BuildUsageError when the folder is not one a build may replace.
 */
export async function publishBuild(options: PublishOptions): Promise<PublishResult> {
  const root = path.resolve(options.root);
  const dist = path.resolve(root, options.dist ?? "dist");
  const g = generations.generationsOf(dist);
  const unsafe =
    holdsKept(dist, [root, path.resolve(root, options.corpus ?? "corpus")]) ?? generations.unsafeDist(g);
  if (unsafe)
    throw new BuildUsageError(
      `refusing to publish into ${relativePath(root, dist)}: ${unsafe.replaceAll(`${root}${path.sep}`, "")}.`,
    );
  const progress = options.onProgress ?? (() => {});
  const lock = lockOutput(dist, "acquis build", relativePath(root, dist));
  try {
    const before = generations.prepare(g);
    const gen = generations.create(g);
    let result: BuildResult;
    try {
      result = await build({
        ...options,
        out: path.join(gen.dir, "data"),
        inGeneration: true,
        previous: before === null ? undefined : path.join(g.home, before, "data"),
      });
    } catch (e) {
      generations.discard(gen);
      throw e;
    }
    const refuse = (refused: string, site: SiteOutcome | null): PublishResult => {
      generations.discard(gen);
      return { ...result, written: [], published: null, refused, before, site, notes: notesOf(g, site) };
    };
    if (result.unbuildable) return refuse(`the corpus cannot be built: ${result.unbuildable}`, null);
    let site: SiteOutcome | null = null;
    if (options.site !== false) {
      progress({ phase: "site", done: 0, total: 0, label: "pages" });
      site = await (options.buildSite ?? buildSite)(gen.dir, {
        log: path.join(root, ".cache", "site-build.log"),
        registry: path.join(path.resolve(root, options.corpus ?? "corpus"), "registry.yaml"),
        onPage: (pages) => progress({ phase: "site", done: pages, total: 0, label: "pages" }),
      });
      if (!site.ok) return refuse(`the site build failed: ${site.error ?? "no message"}`, site);
    }
    progress({ phase: "publish", done: 0, total: 1, label: relativePath(root, dist) });
    const previous = generations.publish(g, gen);
    return {
      ...result,
      published: { id: gen.id, dir: gen.dir, previous },
      refused: null,
      before,
      site,
      notes: notesOf(g, site),
    };
  } finally {
    lock.release();
  }
}
