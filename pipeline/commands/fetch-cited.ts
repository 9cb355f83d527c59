/**
 * `acquis fetch --cited`: grow the corpus from what it cites. Every document the built citations
 * name that the corpus does not hold, in each language asked, is downloaded (fetch.ts) and
 * imported (import.ts).
 *
 * Decisions:
 * - What is cited comes from the built `dist/data/citations-summary.json` when it is newer than
 *   every corpus file; otherwise the corpus is parsed and cited in memory (the build's own parse
 *   and cite stages, nothing written), so the list is never stale.
 * - Two downloads at a time (p-limit), each retried with exponential backoff (fetch.ts); imports
 *   run one at a time, since each one edits the registry.
 * - Resumable: each outcome is recorded in `.cache/fetch-cited.json` as it happens (written whole,
 *   then renamed over the old one). A rerun skips what was fetched and what the server does not
 *   have (`--refresh` asks again), and retries what failed; a download already in the cache of
 *   originals is imported without the network.
 * - A progress bar (cli-progress) only on a terminal; elsewhere one line per document with
 *   --verbose, and always the summary: fetched, not on the server, failed (with reasons).
 */
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { dirname, resolve } from "node:path";
import { SingleBar } from "cli-progress";
import pLimit from "p-limit";
import { CitationSummaryFile, type Lang, symbolSlug, UnSymbol } from "../../schemas/index.ts";
import { build } from "../build/index.ts";
import { citeStage } from "../cite/stage.ts";
import { DownloadError, type DownloadOptions, downloadOriginal, type FailureKind, urlFor } from "./fetch.ts";
import { importOptions, importOriginal } from "./import.ts";
import type { CommandIO } from "./types.ts";

/** One download: a cited document in one language. */
export interface CitedItem {
  symbol: string;
  lang: Lang;
  /** How often the corpus cites the document. */
  citations: number;
}

/** What became of one item. */
export interface CitedOutcome {
  item: CitedItem;
  status: "fetched" | "not on the server" | "failed" | "skipped";
  /** Why it failed, or why it was skipped. */
  reason?: string;
  kind?: FailureKind | "import";
}

/** The state file: each item's last outcome, by "symbol|lang". */
interface State {
  version: 1;
  items: Record<string, { status: CitedOutcome["status"]; reason?: string; at: string }>;
}

const key = (i: { symbol: string; lang: string }) => `${i.symbol}|${i.lang}`;

/** The newest modification time of the corpus files. */
function newestCorpusFile(dir: string): number {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = resolve(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestCorpusFile(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * The citations summary: the built one when it is newer than the corpus, else the corpus parsed and
 * cited in memory. `from` says which.
 */
export async function citationsSummary(
  cwd: string,
  corpus: string,
  summaryPath = "dist/data/citations-summary.json",
): Promise<{ summary: CitationSummaryFile; from: "built" | "corpus" }> {
  const file = resolve(cwd, summaryPath);
  const corpusDir = resolve(cwd, corpus);
  if (existsSync(file) && statSync(file).mtimeMs >= newestCorpusFile(corpusDir)) {
    const parsed = CitationSummaryFile.safeParse(JSON.parse(readFileSync(file, "utf8")));
    if (parsed.success) return { summary: parsed.data, from: "built" };
  }
  // Run the build's parse, then its cite stage on what it parsed; write nothing.
  const parsed = await build({ root: cwd, corpus, out: null, cache: "read", stages: "none", threads: 1 });
  const cited = citeStage({
    documents: parsed.documents,
    paragraphs: parsed.paragraphs,
    registry: parsed.registry,
  });
  return { summary: CitationSummaryFile.parse(cited.summary), from: "corpus" };
}

/**
 * What to fetch: every cited document with a UN symbol, in each language the corpus does not
 * hold, most cited first.
 */
export function planCited(
  summary: CitationSummaryFile,
  langs: readonly Lang[],
  corpusDir: string,
): CitedItem[] {
  const items: CitedItem[] = [];
  for (const d of summary.documents) {
    if (!UnSymbol.safeParse(d.symbol).success) continue; // "UN Charter" and the like
    for (const lang of langs)
      if (!existsSync(resolve(corpusDir, symbolSlug(d.symbol), `${lang}.md`)))
        items.push({ symbol: d.symbol, lang, citations: d.citations });
  }
  return items.sort(
    (a, b) => b.citations - a.citations || a.symbol.localeCompare(b.symbol) || a.lang.localeCompare(b.lang),
  );
}

function readState(path: string): State {
  try {
    const s = JSON.parse(readFileSync(path, "utf8")) as State;
    if (s.version === 1 && s.items && typeof s.items === "object") return s;
  } catch {
    // No state yet, or a damaged one: start afresh (the corpus files say what is done anyway).
  }
  return { version: 1, items: {} };
}

function writeState(path: string, state: State): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(`${path}.part`, `${JSON.stringify(state, null, 1)}\n`);
  renameSync(`${path}.part`, path);
}

/** Options of one run. */
export interface FetchCitedOptions {
  template: string;
  download: Omit<DownloadOptions, "onRetry">;
  corpus: string;
  /** The cache of originals. */
  cache: string;
  /** The state file (default .cache/fetch-cited.json). */
  statePath: string;
  /** Ask again for what was fetched or missing before. */
  refresh: boolean;
  verbose: boolean;
  /** Downloads at a time (2). */
  concurrency: number;
}

/** A stream for cli-progress that writes through the command's stderr. */
function barStream(io: CommandIO) {
  return {
    isTTY: true,
    columns: process.stderr.columns || 80,
    write: (s: string) => {
      io.stderr(s);
      return true;
    },
    on: () => undefined,
    once: () => undefined,
    removeListener: () => undefined,
  } as unknown as NodeJS.WritableStream;
}

/** Fetch and import every item; returns each outcome. Never throws for a bad download. */
export async function fetchCited(
  items: readonly CitedItem[],
  opts: FetchCitedOptions,
  io: CommandIO,
): Promise<CitedOutcome[]> {
  const statePath = resolve(io.cwd, opts.statePath);
  const state = readState(statePath);
  const cacheDir = resolve(io.cwd, opts.cache);
  const bar = io.isTTY
    ? new SingleBar({
        stream: barStream(io),
        format: "fetch --cited [{bar}] {value}/{total} {what}",
        hideCursor: false,
        clearOnComplete: true,
        barsize: 30,
      })
    : null;
  bar?.start(items.length, 0, { what: "" });
  const downloads = pLimit(opts.concurrency);
  const imports = pLimit(1);
  const record = (o: CitedOutcome) => {
    state.items[key(o.item)] = {
      status: o.status,
      ...(o.reason ? { reason: o.reason } : {}),
      at: new Date().toISOString(),
    };
    writeState(statePath, state);
    bar?.increment(1, { what: `${o.item.symbol} (${o.item.lang}) ${o.status}` });
    if (!bar && opts.verbose)
      io.stderr(
        `acquis fetch: ${o.item.symbol} (${o.item.lang}): ${o.status}${o.reason ? `: ${o.reason}` : ""}\n`,
      );
    return o;
  };
  const one = async (item: CitedItem): Promise<CitedOutcome> => {
    const before = state.items[key(item)];
    if (!opts.refresh && before && (before.status === "fetched" || before.status === "not on the server"))
      return record({ item, status: "skipped", reason: `${before.status} on an earlier run` });
    const cached = resolve(cacheDir, `${symbolSlug(item.symbol)}.${item.lang}.pdf`);
    const url = urlFor(opts.template, item.symbol, item.lang);
    let bytes: Uint8Array;
    let from = url;
    if (existsSync(cached) && !opts.refresh) bytes = new Uint8Array(readFileSync(cached));
    else {
      try {
        // `from`: the URL after redirects, which the front matter's source records.
        ({ bytes, url: from } = await downloadOriginal(url, opts.download));
      } catch (e) {
        if (e instanceof DownloadError && e.kind === "not found")
          return record({ item, status: "not on the server", reason: e.message, kind: e.kind });
        const kind = e instanceof DownloadError ? e.kind : "network";
        return record({ item, status: "failed", reason: (e as Error).message, kind });
      }
      mkdirSync(cacheDir, { recursive: true });
      writeFileSync(`${cached}.part`, bytes);
      renameSync(`${cached}.part`, cached);
    }
    return imports(async () => {
      const io2 = importOptions(
        { symbol: item.symbol, lang: item.lang, corpus: opts.corpus, cache: opts.cache, source: from },
        new Set(),
      );
      if (typeof io2 === "string") return record({ item, status: "failed", reason: io2, kind: "import" });
      const outcome = await importOriginal(bytes, `${symbolSlug(item.symbol)}.${item.lang}.pdf`, io2, io.cwd);
      if (outcome.status === "refused") {
        const why = outcome.diagnostics.find((d) => d.level === "error")?.message ?? "not imported";
        return record({ item, status: "failed", reason: `downloaded, not imported: ${why}`, kind: "import" });
      }
      return record({ item, status: "fetched" });
    });
  };
  try {
    return await Promise.all(items.map((item) => downloads(() => one(item))));
  } finally {
    bar?.stop();
  }
}

/** The summary printed at the end: counts, then each failure and its reason. */
export function summarizeCited(outcomes: readonly CitedOutcome[]): string {
  const count = (s: CitedOutcome["status"]) => outcomes.filter((o) => o.status === s).length;
  const failed = outcomes.filter((o) => o.status === "failed");
  const kinds = new Map<string, number>();
  for (const f of failed) kinds.set(f.kind ?? "network", (kinds.get(f.kind ?? "network") ?? 0) + 1);
  const lines = [
    `${outcomes.length} downloads: ${count("fetched")} fetched, ${count("not on the server")} not on the server, ${failed.length} failed${failed.length ? ` (${[...kinds].map(([k, n]) => `${n} ${k}`).join(", ")})` : ""}${count("skipped") ? `, ${count("skipped")} done on an earlier run` : ""}.`,
  ];
  for (const o of outcomes.filter((x) => x.status === "not on the server"))
    lines.push(`  not on the server: ${o.item.symbol} (${o.item.lang})`);
  for (const f of failed) lines.push(`  failed: ${f.item.symbol} (${f.item.lang}): ${f.reason}`);
  return `${lines.join("\n")}\n`;
}
