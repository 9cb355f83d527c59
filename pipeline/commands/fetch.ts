/**
 * `acquis fetch A/75/816 --lang en,zh`: download originals from the UN Official Document System
 * (ODS) by symbol and import them (see import.ts).
 *
 * Decisions:
 * - The URL comes from a template with {symbol} and {lang} (flag --url-template, else the
 *   ACQUIS_ODS_URL environment variable, else ODS's symbol access URL), so a mirror or a test server
 *   can stand in for ODS.
 * - A download is checked before anything is written: HTTP status, content type (ODS answers a
 *   missing document with an HTML page and status 200), the "%PDF-" signature, the announced length,
 *   the end-of-file marker. A bad answer is a clear error and leaves no file behind.
 * - Timeouts and 5xx/429 answers are retried with exponential backoff; a 4xx is final.
 * - Limits: the bytes of one download (announced or counted as they arrive: a body over the
 *   limit is cut off, never held whole), the time of one document's download, retries included,
 *   and redirects: followed by hand, at most MAX_REDIRECTS, only to the same host (or to hosts
 *   allowed with --allow-host; UN hosts among themselves), only to http or https; a loop is named
 *   as one. The URL the document finally came from is the one `source:` records.
 * - Originals are cached in .cache/originals/<slug>.<lang>.pdf; a cached original is used without
 *   the network unless --refresh.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { Lang, symbolSlug, UnSymbol } from "../../schemas/index.ts";
import { diag } from "../diagnostics.ts";
import { formatBytes } from "../load/decode.ts";
import { terminalSafe } from "../terminal.ts";
import { importOptions, importOriginal, readImportFlags, reportImport } from "./import.ts";
import { usageError as sharedUsageError } from "./options.ts";
import type { Command, CommandIO } from "./types.ts";

/** ODS's address for a document by symbol and language. */
export const DEFAULT_URL_TEMPLATE = "https://documents.un.org/api/symbol/access?s={symbol}&l={lang}&t=pdf";

/** Largest download by default: UN documents are a few MB; 100 MB is no text to import. */
export const DEFAULT_MAX_DOWNLOAD = 100 * 1024 * 1024;
/** Time for one document's download, every attempt included, by default. */
export const DEFAULT_DEADLINE_S = 60;
/** Redirects followed before a chain is called a loop. */
export const MAX_REDIRECTS = 10;
const USAGE = `Usage: acquis fetch <symbol> --lang <zh,en> [options] [import options]
       acquis fetch --id <id> --url <url> --lang <zh|en> --authors <codes> [options]
       acquis fetch --cited [--lang <zh,en>] [--dry-run] [options]

Download a document from the UN Official Document System and import it; with --cited, every
document the corpus cites and does not hold, in each language asked (default en,zh): two
downloads at a time, retried with backoff, resumable (state in .cache/fetch-cited.json), a
progress bar on a terminal, and a summary: fetched, not on the server, failed (with reasons).

  <symbol>              e.g. A/75/816
  --id <id>             a document without a UN symbol (a national paper), fetched from --url
                        (one language) and imported under its id (see acquis import --id)
  --url <url>           where that document's PDF is published
  --lang <list>         languages to fetch, comma-separated: zh, en, or zh,en (required for one symbol)
  --cited               fetch every cited document the corpus lacks (citations from
                        dist/data/citations-summary.json when newer than the corpus, else read
                        from the corpus); --dry-run lists them; --verbose prints each outcome;
                        --summary <file> and --state <file> name other files
  --url-template <t>    URL with {symbol} and {lang}; default $ACQUIS_ODS_URL, else
                        ${DEFAULT_URL_TEMPLATE}
  --cache <dir>         cache of originals (default: .cache/originals)
  --timeout <ms>        per attempt (default: 30000)
  --retries <n>         further attempts after a timeout or a server error (default: 3)
  --backoff <ms>        first wait before retrying, doubled each time (default: 1000)
  --deadline <s>        all attempts at one document together (default: ${DEFAULT_DEADLINE_S})
  --max-bytes <MB>      largest original downloaded, or imported (default: 100)
  --allow-host <hosts>  hosts a redirect may lead to besides the URL's own, comma-separated
                        (UN hosts, *.un.org and undocs.org, may redirect among themselves)
  --refresh             download even when the original is cached (--cited: also ask again
                        for what an earlier run fetched or did not find)
  Import options (--title, --date, --type, --body, --status, --authors, --corpus, --force) and
  limits (--max-pages, --max-inflated, --max-time) as for acquis import.

Exit codes: 0 every language imported (--cited: nothing failed; documents not on the server are
not failures), 1 something failed, 2 bad usage.`;

/** What went wrong with a download, by kind: the summary of `fetch --cited` counts them. */
export type FailureKind =
  | "not found"
  | "server error"
  | "refused"
  | "timeout"
  | "reset"
  | "host not found"
  | "redirect loop"
  | "unsupported scheme"
  | "not a PDF"
  | "truncated"
  | "too large"
  | "redirect refused"
  | "network";

/** Why a download failed, for people; `kind` names it for counting. */
export class DownloadError extends Error {
  constructor(
    message: string,
    public kind: FailureKind = "network",
  ) {
    super(message);
  }
}

/**
 * Name a network failure (Node's fetch reports most as "fetch failed" with the reason in `cause`),
 * and say whether trying again can help: a refused or reset connection and a timeout can pass; a
 * redirect loop, a scheme fetch does not speak and a host that does not exist will not.
 */
export function networkFailure(
  e: unknown,
  timedOut: boolean,
  timeoutMs: number,
): { kind: FailureKind; reason: string; retry: boolean } {
  if (timedOut)
    return { kind: "timeout", reason: `no complete answer within ${timeoutMs} ms (timeout)`, retry: true };
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code ?? "";
  const message = cause?.message ?? (e as Error).message ?? String(e);
  if (code === "ECONNREFUSED")
    return { kind: "refused", reason: "the connection was refused (is the server up?)", retry: true };
  if (code === "ECONNRESET" || code === "UND_ERR_SOCKET" || code === "EPIPE")
    return { kind: "reset", reason: "the connection was reset before the answer was complete", retry: true };
  if (code === "ENOTFOUND" || code === "EAI_AGAIN")
    return {
      kind: "host not found",
      reason: "the host name does not resolve (no such host, or no network)",
      retry: false,
    };
  if (/redirect count exceeded/i.test(message))
    return {
      kind: "redirect loop",
      reason: "the server redirects in a loop (more than 20 redirects)",
      retry: false,
    };
  if (/unknown scheme|not implemented/i.test(message))
    return { kind: "unsupported scheme", reason: "the URL's scheme is not http or https", retry: false };
  return { kind: "network", reason: `the download failed: ${message}`, retry: true };
}

/** A URL template fetch can use: http or https. */
export function checkTemplate(template: string): string | undefined {
  if (!template.includes("{symbol}")) return "the URL template needs {symbol}";
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(template)?.[1]?.toLowerCase();
  if (scheme !== "http" && scheme !== "https")
    return `the URL template's scheme is ${scheme ? `"${scheme}:"` : "missing"}: fetch speaks http and https only (unsupported scheme)`;
  return undefined;
}

/** Options of one download. */
export interface DownloadOptions {
  timeoutMs: number;
  retries: number;
  backoffMs: number;
  /** Most bytes one download may bring (default DEFAULT_MAX_DOWNLOAD). */
  maxBytes?: number;
  /** Most time, in ms, every attempt at this document may take together (default DEFAULT_DEADLINE_S). */
  deadlineMs?: number;
  /** Hosts a redirect may lead to besides the URL's own (lower case). */
  allowHosts?: readonly string[];
  /** Called before each retry (for progress and tests). */
  onRetry?: (attempt: number, reason: string, waitMs: number) => void;
}

/** UN hosts, which may redirect among themselves (ODS answers from documents.un.org and daccess-ods.un.org). */
const UN_HOST = /(^|\.)un\.org$|^undocs\.org$/;

/** Why a redirect from `from` to `to` may not be followed, or null. */
export function refusedRedirect(from: URL, to: URL, allow: readonly string[] = []): FailureKind | null {
  if (to.protocol !== "http:" && to.protocol !== "https:") return "unsupported scheme";
  const host = to.hostname.toLowerCase();
  if (host === from.hostname.toLowerCase() || allow.includes(host)) return null;
  if (UN_HOST.test(host) && UN_HOST.test(from.hostname.toLowerCase())) return null;
  return "redirect refused";
}

/** Fill a URL template. */
export function urlFor(template: string, symbol: string, lang: string): string {
  return template
    .replaceAll("{symbol}", encodeURIComponent(symbol))
    .replaceAll("{lang}", encodeURIComponent(lang));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Download a PDF with timeouts and retries and check it is one. Resolves with its bytes; rejects
 * with a DownloadError whose message says what came back instead.
 */
export async function downloadPdf(url: string, opts: DownloadOptions): Promise<Uint8Array> {
  return (await downloadOriginal(url, opts)).bytes;
}

/**
 * GET `url`, following redirects by hand within the limits (refusedRedirect, MAX_REDIRECTS).
 * @returns the final answer and its URL
 */
async function get(
  url: string,
  opts: DownloadOptions,
  signal: AbortSignal,
): Promise<{ res: Response; url: string }> {
  let at = new URL(url);
  const seen = new Set<string>([at.href]);
  for (let hops = 0; ; hops++) {
    const res = await fetch(at, { signal, redirect: "manual", headers: { accept: "application/pdf" } });
    const location = res.status >= 300 && res.status < 400 ? res.headers.get("location") : null;
    if (location === null) return { res, url: at.href };
    await res.body?.cancel();
    let next: URL;
    try {
      next = new URL(location, at);
    } catch {
      throw new DownloadError(
        `${url}: the server redirects to "${location}", which is not a URL.`,
        "network",
      );
    }
    if (seen.has(next.href) || hops + 1 > MAX_REDIRECTS)
      throw new DownloadError(
        `${url}: the server redirects in a loop (${seen.has(next.href) ? `back to ${next.href}` : `more than ${MAX_REDIRECTS} redirects`}).`,
        "redirect loop",
      );
    const refused = refusedRedirect(at, next, opts.allowHosts);
    if (refused === "unsupported scheme")
      throw new DownloadError(
        `${url}: the server redirects to ${next.href}, whose scheme is not http or https (unsupported scheme).`,
        refused,
      );
    if (refused)
      throw new DownloadError(
        `${url}: the server redirects to another host, ${next.hostname}; not followed. If that host is to be trusted, pass --allow-host ${next.hostname}.`,
        refused,
      );
    seen.add(next.href);
    at = next;
  }
}

/** The body of `res`, counted as it arrives and cut off past `max` bytes. */
async function readBody(url: string, res: Response, max: number): Promise<Uint8Array> {
  const tooLarge = (what: string) =>
    new DownloadError(
      `${url}: the document is ${what}, over the ${formatBytes(max)} limit; not downloaded. Raise it with --max-bytes <MB> if this document is genuine.`,
      "too large",
    );
  const announced = Number(res.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(announced) && announced > max) {
    await res.body?.cancel();
    throw tooLarge(`${formatBytes(announced)} (as announced)`);
  }
  if (!res.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    if (size > max) {
      await res.body.cancel().catch(() => {});
      throw tooLarge("larger than that");
    }
    chunks.push(chunk);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * Download an original within the limits (bytes, time, redirects), with retries, and check it is
 * a PDF. Resolves with its bytes and the URL it finally came from.
 */
export async function downloadOriginal(
  url: string,
  opts: DownloadOptions,
): Promise<{ bytes: Uint8Array; url: string }> {
  const deadlineMs = opts.deadlineMs ?? DEFAULT_DEADLINE_S * 1000;
  const end = Date.now() + deadlineMs;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_DOWNLOAD;
  let lastReason = "";
  let lastKind: FailureKind = "network";
  let attempts = 0;
  for (let attempt = 0; attempt <= opts.retries; attempt++) {
    if (attempt > 0) {
      const wait = opts.backoffMs * 2 ** (attempt - 1);
      if (Date.now() + wait >= end) break;
      opts.onRetry?.(attempt, lastReason, wait);
      await sleep(wait);
    }
    const left = end - Date.now();
    if (left <= 0) break;
    attempts++;
    const controller = new AbortController();
    const timeoutMs = Math.min(opts.timeoutMs, left);
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    let res: Response;
    let bytes: Uint8Array;
    let finalUrl = url;
    try {
      ({ res, url: finalUrl } = await get(url, opts, controller.signal));
      if (res.status === 429 || res.status >= 500) {
        lastReason = `the server answered ${res.status} ${res.statusText}`;
        lastKind = "server error";
        await res.body?.cancel();
        continue;
      }
      if (!res.ok) {
        await res.body?.cancel();
        throw new DownloadError(
          res.status === 404
            ? `${url}: not found (404). Check the symbol and language; ODS has no such document.`
            : `${url}: the server answered ${res.status} ${res.statusText}.`,
          res.status === 404 || res.status === 410 ? "not found" : "server error",
        );
      }
      bytes = await readBody(url, res, maxBytes);
    } catch (e) {
      if (e instanceof DownloadError) throw e;
      const failure = networkFailure(e, controller.signal.aborted, timeoutMs);
      if (!failure.retry) throw new DownloadError(`${url}: ${failure.reason}.`, failure.kind);
      lastReason = failure.reason;
      lastKind = failure.kind;
      continue;
    } finally {
      clearTimeout(timer);
    }
    checkPdf(url, res, bytes);
    return { bytes, url: finalUrl };
  }
  const late = Date.now() >= end || attempts < opts.retries + 1;
  throw new DownloadError(
    `${url}: ${lastReason || "no answer"}, after ${attempts} attempt${attempts === 1 ? "" : "s"}${late ? ` within the ${Math.round(deadlineMs / 1000)} s deadline (--deadline)` : ""}.`,
    late && lastKind === "network" ? "timeout" : lastKind,
  );
}

/** Reject what is not a whole PDF: an HTML error page, a wrong content type, a truncated file. */
export function checkPdf(url: string, res: Pick<Response, "headers">, bytes: Uint8Array): void {
  const type = (res.headers.get("content-type") ?? "").toLowerCase();
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 1024));
  if (type.includes("html") || /^\s*<(?:!doctype|html)/i.test(head)) {
    throw new DownloadError(
      `${url}: the server sent an HTML page (content-type ${type || "none"}), not a PDF. ODS does this when a document does not exist in that language or needs a login.`,
      "not a PDF",
    );
  }
  if (!head.startsWith("%PDF-")) {
    throw new DownloadError(
      `${url}: the answer is not a PDF (content-type ${type || "none"}; it does not start with %PDF-).`,
      "not a PDF",
    );
  }
  if (type && !/application\/(?:pdf|x-pdf|octet-stream)/.test(type)) {
    throw new DownloadError(`${url}: unexpected content-type ${type} for a PDF.`, "not a PDF");
  }
  const announced = Number(res.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(announced) && announced !== bytes.length) {
    throw new DownloadError(
      `${url}: truncated download: ${bytes.length} of ${announced} bytes.`,
      "truncated",
    );
  }
  const tail = new TextDecoder("latin1").decode(bytes.subarray(Math.max(0, bytes.length - 2048)));
  if (!tail.includes("%%EOF")) {
    throw new DownloadError(
      `${url}: the PDF is truncated (${bytes.length} bytes, no %%EOF marker at its end).`,
      "truncated",
    );
  }
}

export const fetchCommand: Command = {
  name: "fetch",
  summary: "Download a document by symbol from the UN Official Document System and import it",
  usage: USAGE,
  async run(argv: string[], io: CommandIO): Promise<number> {
    const refresh = argv.includes("--refresh");
    const cited = argv.includes("--cited");
    const read = readImportFlags(
      argv.filter((a) => a !== "--refresh" && a !== "--cited"),
      ["url-template", "timeout", "retries", "backoff", "deadline", "allow-host", "summary", "state", "url"],
    );
    if (typeof read === "string") return usageError(io, read);
    if (read.flags.has("help") || read.flags.has("h")) {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    if (cited) return runCited(read, refresh, io);
    const id = read.values.id;
    const [given, ...rest] = read.positional;
    if (id !== undefined) {
      // A document without a UN symbol has no address on ODS: it comes from where it is published.
      if (given) return usageError(io, "--id names a document without a UN symbol: give no symbol with it");
      if (!read.values.url)
        return usageError(io, "a document without a UN symbol has no ODS address: give its --url");
      if ((read.values.lang ?? "").includes(","))
        return usageError(io, "--url is one original: give one language");
    } else {
      if (read.values.url) return usageError(io, "--url is for a document without a UN symbol (with --id)");
      if (!given || rest.length) return usageError(io, "give exactly one document symbol");
      if (!UnSymbol.safeParse(given).success) return usageError(io, `"${given}" is not a UN document symbol`);
    }
    const symbol = id ?? given!;
    const langs = (read.values.lang ?? "")
      .split(",")
      .map((l) => l.trim())
      .filter(Boolean);
    if (!langs.length || !langs.every((l) => Lang.safeParse(l).success))
      return usageError(io, "give the languages with --lang zh, --lang en or --lang zh,en");
    const dl: DownloadOptions = {
      ...downloadFlags(read.values),
      onRetry: (attempt, reason, wait) =>
        io.stderr(terminalSafe(`acquis fetch: ${reason}; retry ${attempt} in ${wait} ms.\n`)),
    };
    const badFlag = badDownloadFlag(dl);
    if (badFlag) return usageError(io, badFlag);
    const template = read.values["url-template"] ?? process.env.ACQUIS_ODS_URL ?? DEFAULT_URL_TEMPLATE;
    const bad = checkTemplate(template);
    if (bad) return usageError(io, bad);
    const cacheDir = resolve(io.cwd, read.values.cache ?? ".cache/originals");

    let failed = 0;
    for (const lang of langs) {
      const opts = importOptions(
        id === undefined ? { ...read.values, symbol, lang } : { ...read.values, lang },
        read.flags,
      );
      if (typeof opts === "string") return usageError(io, opts);
      const url = id === undefined ? urlFor(template, symbol, lang) : read.values.url!;
      const cached = resolve(cacheDir, `${symbolSlug(symbol)}.${lang}.pdf`);
      let bytes: Uint8Array;
      let from = url;
      if (existsSync(cached) && !refresh) {
        bytes = new Uint8Array(readFileSync(cached));
        io.stderr(`acquis fetch: ${symbol} (${lang}) from the cache of originals.\n`);
      } else {
        try {
          ({ bytes, url: from } = await downloadOriginal(url, dl));
        } catch (e) {
          const d = diag(
            "ingest/fetch-failed",
            { file: url, line: 1 },
            (e as Error).message,
            "Nothing was written.",
          );
          io.stderr(terminalSafe(`acquis fetch: ${symbol} (${lang}): ${d.message}\n`));
          failed++;
          continue;
        }
      }
      const outcome = await importOriginal(
        bytes,
        `${symbolSlug(symbol)}.${lang}.pdf`,
        // The URL the document came from, after redirects: what a reader can fetch again.
        { ...opts, source: opts.source ?? from },
        io.cwd,
      );
      if (reportImport(outcome, io, read.flags.has("verbose")) !== 0) {
        failed++;
        continue;
      }
      // Cache the original only once it has imported: a file that does not convert is not kept.
      if (!existsSync(cached) || refresh) {
        mkdirSync(cacheDir, { recursive: true });
        writeFileSync(`${cached}.part`, bytes);
        renameSync(`${cached}.part`, cached);
      }
    }
    return failed ? 1 : 0;
  },
};

/** The download flags, with NaN for a bad number (badDownloadFlag says which). */
function downloadFlags(values: Record<string, string>): Omit<DownloadOptions, "onRetry"> {
  const num = (name: string, dflt: number) => {
    const v = values[name];
    const n = v === undefined ? dflt : Number(v);
    return Number.isFinite(n) && n >= 0 ? n : Number.NaN;
  };
  return {
    timeoutMs: num("timeout", 30_000),
    retries: num("retries", 3),
    backoffMs: num("backoff", 1000),
    deadlineMs: num("deadline", DEFAULT_DEADLINE_S) * 1000,
    maxBytes: num("max-bytes", DEFAULT_MAX_DOWNLOAD / (1024 * 1024)) * 1024 * 1024,
    allowHosts: (values["allow-host"] ?? "")
      .split(",")
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
  };
}

/** What is wrong with the download flags, or null. */
function badDownloadFlag(d: Omit<DownloadOptions, "onRetry">): string | null {
  if ([d.timeoutMs, d.retries, d.backoffMs].some(Number.isNaN))
    return "--timeout, --retries and --backoff take non-negative numbers";
  if (!(d.deadlineMs! > 0) || !(d.maxBytes! > 0)) return "--deadline and --max-bytes take positive numbers";
  return null;
}

/** `acquis fetch --cited`: every document the corpus cites and does not hold (fetch-cited.ts). */
async function runCited(
  read: { values: Record<string, string>; flags: Set<string>; positional: string[] },
  refresh: boolean,
  io: CommandIO,
): Promise<number> {
  if (read.positional.length) return usageError(io, "--cited fetches what the corpus cites: give no symbol");
  const langs = (read.values.lang ?? "en,zh")
    .split(",")
    .map((l) => l.trim())
    .filter(Boolean);
  if (!langs.length || !langs.every((l) => Lang.safeParse(l).success))
    return usageError(io, "give the languages with --lang zh, --lang en or --lang zh,en");
  const download = downloadFlags(read.values);
  const badFlag = badDownloadFlag(download);
  if (badFlag) return usageError(io, badFlag);
  const template = read.values["url-template"] ?? process.env.ACQUIS_ODS_URL ?? DEFAULT_URL_TEMPLATE;
  const bad = checkTemplate(template);
  if (bad) return usageError(io, bad);
  const corpus = read.values.corpus ?? "corpus";
  const { citationsSummary, fetchCited, planCited, summarizeCited } = await import("./fetch-cited.ts");
  let summary: Awaited<ReturnType<typeof citationsSummary>>;
  try {
    summary = await citationsSummary(io.cwd, corpus, read.values.summary);
  } catch (e) {
    io.stderr(
      terminalSafe(`acquis fetch: the corpus's citations could not be read: ${(e as Error).message}\n`),
    );
    return 1;
  }
  const items = planCited(summary.summary, langs as Lang[], resolve(io.cwd, corpus));
  const docs = new Set(items.map((i) => i.symbol)).size;
  io.stdout(
    `The corpus cites ${summary.summary.documents.length} documents (citations ${summary.from === "built" ? "from dist/data" : "read from the corpus"}); ${docs} of them lack a language asked (${langs.join(", ")}): ${items.length} downloads.\n`,
  );
  if (read.flags.has("dry-run")) {
    for (const i of items)
      io.stdout(
        `  would fetch ${i.symbol} (${i.lang}), cited ${i.citations === 1 ? "once" : `${i.citations} times`}: ${urlFor(template, i.symbol, i.lang)}\n`,
      );
    return 0;
  }
  const outcomes = await fetchCited(
    items,
    {
      template,
      download,
      corpus,
      cache: read.values.cache ?? ".cache/originals",
      statePath: read.values.state ?? ".cache/fetch-cited.json",
      refresh,
      verbose: read.flags.has("verbose"),
      concurrency: 2,
    },
    io,
  );
  io.stdout(summarizeCited(outcomes));
  return outcomes.some((o) => o.status === "failed") ? 1 : 0;
}

function usageError(io: CommandIO, message: string): number {
  return sharedUsageError(io, "fetch", USAGE, message);
}
