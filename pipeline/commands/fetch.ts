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
 * - Originals are cached in .cache/originals/<slug>.<lang>.pdf; a cached original is used without
 *   the network unless --refresh.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { Lang, symbolSlug, UnSymbol } from "../../schemas/index.ts";
import { diag } from "../diagnostics.ts";
import { importOptions, importOriginal, readImportFlags, reportImport } from "./import.ts";
import type { Command, CommandIO } from "./types.ts";

/** ODS's address for a document by symbol and language. */
export const DEFAULT_URL_TEMPLATE = "https://documents.un.org/api/symbol/access?s={symbol}&l={lang}&t=pdf";

const USAGE = `Usage: acquis fetch <symbol> --lang <zh,en> [options] [import options]

Download a document from the UN Official Document System and import it.

  <symbol>              e.g. A/75/816
  --lang <list>         languages to fetch, comma-separated: zh, en, or zh,en (required)
  --url-template <t>    URL with {symbol} and {lang}; default $ACQUIS_ODS_URL, else
                        ${DEFAULT_URL_TEMPLATE}
  --cache <dir>         cache of originals (default: .cache/originals)
  --timeout <ms>        per attempt (default: 30000)
  --retries <n>         further attempts after a timeout or a server error (default: 3)
  --backoff <ms>        first wait before retrying, doubled each time (default: 1000)
  --refresh             download even when the original is cached
  Import options (--title, --date, --type, --body, --status, --corpus, --force) as for acquis import.

Exit codes: 0 every language imported, 1 something failed, 2 bad usage.`;

/** Why a download failed, for people. */
export class DownloadError extends Error {}

/** Options of one download. */
export interface DownloadOptions {
  timeoutMs: number;
  retries: number;
  backoffMs: number;
  /** Called before each retry (for progress and tests). */
  onRetry?: (attempt: number, reason: string, waitMs: number) => void;
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
  let lastReason = "";
  for (let attempt = 0; attempt <= opts.retries; attempt++) {
    if (attempt > 0) {
      const wait = opts.backoffMs * 2 ** (attempt - 1);
      opts.onRetry?.(attempt, lastReason, wait);
      await sleep(wait);
    }
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), opts.timeoutMs);
    let res: Response;
    let bytes: Uint8Array;
    try {
      res = await fetch(url, {
        signal: controller.signal,
        redirect: "follow",
        headers: { accept: "application/pdf" },
      });
      if (res.status === 429 || res.status >= 500) {
        lastReason = `the server answered ${res.status} ${res.statusText}`;
        await res.body?.cancel();
        continue;
      }
      if (!res.ok) {
        await res.body?.cancel();
        throw new DownloadError(
          res.status === 404
            ? `${url}: not found (404). Check the symbol and language; ODS has no such document.`
            : `${url}: the server answered ${res.status} ${res.statusText}.`,
        );
      }
      bytes = new Uint8Array(await res.arrayBuffer());
    } catch (e) {
      if (e instanceof DownloadError) throw e;
      lastReason = controller.signal.aborted
        ? `no complete answer within ${opts.timeoutMs} ms (timeout)`
        : `the download failed: ${(e as Error).message}`;
      continue;
    } finally {
      clearTimeout(timer);
    }
    checkPdf(url, res, bytes);
    return bytes;
  }
  throw new DownloadError(`${url}: ${lastReason}, after ${opts.retries + 1} attempts.`);
}

/** Reject what is not a whole PDF: an HTML error page, a wrong content type, a truncated file. */
export function checkPdf(url: string, res: Pick<Response, "headers">, bytes: Uint8Array): void {
  const type = (res.headers.get("content-type") ?? "").toLowerCase();
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 1024));
  if (type.includes("html") || /^\s*<(?:!doctype|html)/i.test(head)) {
    throw new DownloadError(
      `${url}: the server sent an HTML page (content-type ${type || "none"}), not a PDF. ODS does this when a document does not exist in that language or needs a login.`,
    );
  }
  if (!head.startsWith("%PDF-")) {
    throw new DownloadError(
      `${url}: the answer is not a PDF (content-type ${type || "none"}; it does not start with %PDF-).`,
    );
  }
  if (type && !/application\/(?:pdf|x-pdf|octet-stream)/.test(type)) {
    throw new DownloadError(`${url}: unexpected content-type ${type} for a PDF.`);
  }
  const announced = Number(res.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(announced) && announced !== bytes.length) {
    throw new DownloadError(`${url}: truncated download: ${bytes.length} of ${announced} bytes.`);
  }
  const tail = new TextDecoder("latin1").decode(bytes.subarray(Math.max(0, bytes.length - 2048)));
  if (!tail.includes("%%EOF")) {
    throw new DownloadError(
      `${url}: the PDF is truncated (${bytes.length} bytes, no %%EOF marker at its end).`,
    );
  }
}

export const fetchCommand: Command = {
  name: "fetch",
  summary: "Download a document by symbol from the UN Official Document System and import it",
  usage: USAGE,
  async run(argv: string[], io: CommandIO): Promise<number> {
    const refresh = argv.includes("--refresh");
    const read = readImportFlags(
      argv.filter((a) => a !== "--refresh"),
      ["url-template", "timeout", "retries", "backoff"],
    );
    if (typeof read === "string") return usageError(io, read);
    if (read.flags.has("help") || read.flags.has("h")) {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    const [symbol, ...rest] = read.positional;
    if (!symbol || rest.length) return usageError(io, "give exactly one document symbol");
    if (!UnSymbol.safeParse(symbol).success) return usageError(io, `"${symbol}" is not a UN document symbol`);
    const langs = (read.values.lang ?? "")
      .split(",")
      .map((l) => l.trim())
      .filter(Boolean);
    if (!langs.length || !langs.every((l) => Lang.safeParse(l).success))
      return usageError(io, "give the languages with --lang zh, --lang en or --lang zh,en");
    const num = (name: string, dflt: number) => {
      const v = read.values[name];
      const n = v === undefined ? dflt : Number(v);
      return Number.isFinite(n) && n >= 0 ? n : Number.NaN;
    };
    const dl: DownloadOptions = {
      timeoutMs: num("timeout", 30_000),
      retries: num("retries", 3),
      backoffMs: num("backoff", 1000),
      onRetry: (attempt, reason, wait) =>
        io.stderr(`acquis fetch: ${reason}; retry ${attempt} in ${wait} ms.\n`),
    };
    if ([dl.timeoutMs, dl.retries, dl.backoffMs].some(Number.isNaN))
      return usageError(io, "--timeout, --retries and --backoff take non-negative numbers");
    const template = read.values["url-template"] ?? process.env.ACQUIS_ODS_URL ?? DEFAULT_URL_TEMPLATE;
    if (!template.includes("{symbol}")) return usageError(io, "the URL template needs {symbol}");
    const cacheDir = resolve(io.cwd, read.values.cache ?? ".cache/originals");

    let failed = 0;
    for (const lang of langs) {
      const opts = importOptions({ ...read.values, symbol, lang }, read.flags);
      if (typeof opts === "string") return usageError(io, opts);
      const url = urlFor(template, symbol, lang);
      const cached = resolve(cacheDir, `${symbolSlug(symbol)}.${lang}.pdf`);
      let bytes: Uint8Array;
      if (existsSync(cached) && !refresh) {
        bytes = new Uint8Array(readFileSync(cached));
        io.stderr(`acquis fetch: ${symbol} (${lang}) from the cache of originals.\n`);
      } else {
        try {
          bytes = await downloadPdf(url, dl);
        } catch (e) {
          const d = diag(
            "ingest/fetch-failed",
            { file: url, line: 1 },
            (e as Error).message,
            "Nothing was written.",
          );
          io.stderr(`acquis fetch: ${symbol} (${lang}): ${d.message}\n`);
          failed++;
          continue;
        }
      }
      const outcome = await importOriginal(
        bytes,
        `${symbolSlug(symbol)}.${lang}.pdf`,
        { ...opts, source: opts.source ?? url },
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

function usageError(io: CommandIO, message: string): number {
  io.stderr(`acquis fetch: ${message}\n\n${USAGE}\n`);
  return 2;
}
