/**
 * `acquis import <file> --symbol A/75/816 --lang en [...]`: convert an original (PDF, DOCX, HTML or
 * plain text) into `corpus/<slug>/<lang>.md`, with validated front matter and the original's
 * SHA-256, add a registry entry when the symbol has none, then parse the result and report.
 *
 * Decisions:
 * - Never overwrite by surprise: an existing corpus file is replaced only when it is byte-identical
 *   to what this import writes (nothing to do), or when it is exactly what importing its own
 *   original (kept in the cache of originals under its SHA-256) gives, i.e. nobody edited it since;
 *   anything else needs --force.
 * - Front matter comes from the flags, then the corpus file being replaced (so a curator's
 *   correction survives a re-import), then the registry entry, then the cover block (its date);
 *   what none of them gives is an error that names the flag to pass, never a guess.
 * - The original is kept in the cache of originals (.cache/originals/<sha256>.<ext>), so a later
 *   import can tell an edited corpus file from an untouched one.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, relative, resolve } from "node:path";
import {
  type Diagnostic,
  DocStatus,
  DocType,
  FrontMatter,
  Lang,
  symbolSlug,
  UnSymbol,
} from "../../schemas/index.ts";
import { diag } from "../diagnostics.ts";
import { addRegistryEntry, renderCorpusFile, splitCorpusFile } from "../ingest/corpus.ts";
import { coverNote } from "../ingest/cover.ts";
import {
  convert,
  DEFAULT_IMPORT_LIMITS,
  detectFormat,
  type Format,
  type ImportLimits,
  IngestError,
} from "../ingest/index.ts";
import { formatBytes } from "../load/decode.ts";
import { loadRegistry } from "../load/index.ts";
import { parseDocument } from "../parse/index.ts";
import { formatDiagnostics, progressLine } from "../report.ts";
import { terminalSafe } from "../terminal.ts";
import type { Command, CommandIO } from "./types.ts";

const MB = 1024 * 1024;
/** Largest original read by default: the longest UN documents are a few MB; a DOCX or PDF of 100 MB is not text. */
export const DEFAULT_MAX_BYTES = 100 * MB;
/** Off a terminal, a long conversion says how far it is at most this often. */
const PROGRESS_EVERY_S = 10;

const USAGE = `Usage: acquis import <file> --symbol <symbol> --lang <zh|en> [options]

Convert a UN document (PDF, DOCX, HTML or plain text) into corpus/<slug>/<lang>.md.

  --symbol <s>     document symbol, e.g. A/75/816 (required)
  --lang <l>       zh or en (required)
  --title <t>      title (default: the registry's title in that language)
  --date <d>       YYYY-MM-DD (default: the cover's date, then the registry's)
  --type <t>       ${DocType.options.join(", ")} (default: registry, else report)
  --body <b>       e.g. "OEWG 2021-2025", "General Assembly" (default: registry)
  --status <s>     ${DocStatus.options.join(", ")} (default: registry, else other)
  --source <s>     where the original came from (default: its file name)
  --format <f>     pdf, docx, html or text (default: told from the bytes)
  --corpus <dir>   the corpus folder (default: corpus)
  --cache <dir>    where originals are kept (default: .cache/originals)
  --force          overwrite a corpus file even if it was edited
  --dry-run        print the Markdown instead of writing it
  --verbose        also list each line dropped as page furniture

Limits (an original over one is not converted, and the message says which):
  --max-bytes <MB>     size of the original (default: ${DEFAULT_MAX_BYTES / MB})
  --max-pages <n>      pages of a PDF (default: ${DEFAULT_IMPORT_LIMITS.maxPages})
  --max-inflated <MB>  what a PDF's compressed streams or a DOCX's zipped parts inflate to,
                       together (default: ${DEFAULT_IMPORT_LIMITS.maxInflatedBytes / MB})
  --max-time <s>       conversion time (default: ${DEFAULT_IMPORT_LIMITS.maxSeconds})
  A long PDF shows its progress, page by page on a terminal, else every ${PROGRESS_EVERY_S} s.

Exit codes: 0 imported (or already up to date), 1 not imported, 2 bad usage.`;

/** Options of one import, as the flags give them. */
export interface ImportOptions {
  symbol: string;
  lang: Lang;
  title?: string;
  date?: string;
  type?: string;
  body?: string;
  status?: string;
  source?: string;
  format?: Format;
  corpus: string;
  cache: string;
  force: boolean;
  dryRun: boolean;
  /** Largest original read, in bytes. */
  maxBytes: number;
  /** Limits of the conversion (pages, inflated bytes, time). */
  limits: ImportLimits;
  /** Called as a long conversion advances (PDF pages read, page count). */
  onProgress?: (done: number, total: number) => void;
}

/** What one import did. */
export interface ImportOutcome {
  /** "written", "unchanged", or "refused" (with diagnostics saying why). */
  status: "written" | "unchanged" | "refused" | "dry-run";
  /** Repository-relative path of the corpus file. */
  file: string;
  registryAdded: boolean;
  paragraphs: number;
  diagnostics: Diagnostic[];
  /** The corpus file's text (front matter and Markdown), when it was made. */
  text?: string;
}

const FLAGS = [
  "symbol",
  "lang",
  "title",
  "date",
  "type",
  "body",
  "status",
  "source",
  "format",
  "corpus",
  "cache",
  "max-bytes",
  "max-pages",
  "max-inflated",
  "max-time",
] as const;

/** Read `import` flags; returns the options and positional arguments, or an error message. */
export function readImportFlags(
  argv: readonly string[],
  extra: readonly string[] = [],
): { values: Record<string, string>; flags: Set<string>; positional: string[] } | string {
  const values: Record<string, string> = {};
  const flags = new Set<string>();
  const positional: string[] = [];
  const known = new Set<string>([...FLAGS, ...extra]);
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k]!;
    if (["--force", "--dry-run", "--verbose", "--help", "-h"].includes(a)) flags.add(a.replace(/^-+/, ""));
    else if (a.startsWith("--")) {
      const [name, inline] = a.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
      if (!known.has(name)) return `unknown option --${name}`;
      const v = inline ?? argv[++k];
      if (v === undefined) return `--${name} needs a value`;
      values[name] = v;
    } else positional.push(a);
  }
  return { values, flags, positional };
}

/** Turn flags into import options, or an error message. */
export function importOptions(values: Record<string, string>, flags: Set<string>): ImportOptions | string {
  if (!values.symbol) return "give the document symbol with --symbol (e.g. --symbol A/75/816)";
  if (!UnSymbol.safeParse(values.symbol).success) return `"${values.symbol}" is not a UN document symbol`;
  const lang = Lang.safeParse(values.lang);
  if (!lang.success) return "give the language with --lang zh or --lang en";
  if (values.format && !["pdf", "docx", "html", "text"].includes(values.format))
    return `--format is one of pdf, docx, html, text (not ${values.format})`;
  const bad = ["max-bytes", "max-pages", "max-inflated", "max-time"].find(
    (k) => values[k] !== undefined && !(Number(values[k]) > 0),
  );
  if (bad) return `--${bad} takes a positive number, not ${values[bad]}`;
  const limit = (k: string, dflt: number) => (values[k] === undefined ? dflt : Number(values[k]));
  return {
    symbol: values.symbol,
    lang: lang.data,
    title: values.title,
    date: values.date,
    type: values.type,
    body: values.body,
    status: values.status,
    source: values.source,
    format: values.format as Format | undefined,
    corpus: values.corpus ?? "corpus",
    cache: values.cache ?? ".cache/originals",
    force: flags.has("force"),
    dryRun: flags.has("dry-run"),
    maxBytes: limit("max-bytes", DEFAULT_MAX_BYTES / MB) * MB,
    limits: {
      maxPages: limit("max-pages", DEFAULT_IMPORT_LIMITS.maxPages),
      maxInflatedBytes: limit("max-inflated", DEFAULT_IMPORT_LIMITS.maxInflatedBytes / MB) * MB,
      maxSeconds: limit("max-time", DEFAULT_IMPORT_LIMITS.maxSeconds),
    },
  };
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

const EXT: Record<Format, string> = { pdf: "pdf", docx: "docx", html: "html", text: "txt" };

/**
 * Import one original. `name` is the original's file name (for messages and the default source).
 * Paths in `opts` are relative to `cwd`. Never throws on bad input: problems come back as
 * diagnostics with status "refused".
 */
export async function importOriginal(
  bytes: Uint8Array,
  name: string,
  opts: ImportOptions,
  cwd: string,
): Promise<ImportOutcome> {
  const corpusDir = resolve(cwd, opts.corpus);
  const target = resolve(corpusDir, symbolSlug(opts.symbol), `${opts.lang}.md`);
  const file = relative(cwd, target).split("\\").join("/");
  if (bytes.length > opts.maxBytes) return oversized(name, bytes.length, opts, file);
  const refuse = (d: Diagnostic): ImportOutcome => ({
    status: "refused",
    file,
    registryAdded: false,
    paragraphs: 0,
    diagnostics: [d],
  });
  const at = { file: name, line: 1 };

  let format: Format;
  try {
    format = opts.format ?? detectFormat(bytes, name);
  } catch (e) {
    return refuse(
      diag("ingest/unsupported-format", at, (e as Error).message, "Import a PDF, DOCX, HTML or text file."),
    );
  }
  let converted: Awaited<ReturnType<typeof convert>>;
  try {
    converted = await convert(bytes, {
      lang: opts.lang,
      file: name,
      format,
      limits: opts.limits,
      onProgress: opts.onProgress,
    });
  } catch (e) {
    const code = e instanceof IngestError ? e.code : "ingest/conversion-failed";
    return refuse(diag(code, at, (e as Error).message, "Check that the file opens, or pass --format."));
  }

  if (!converted.markdown.trim()) {
    return refuse(
      diag(
        "ingest/conversion-failed",
        at,
        `${name} holds no text to import${format === "pdf" ? " (a scanned PDF has only images: it needs OCR first)" : ""}.`,
        "Import a version of the document with a text layer.",
      ),
    );
  }

  // Defaults from the registry entry, if the symbol has one.
  const registryPath = resolve(corpusDir, "registry.yaml");
  // Read as the build reads it: a bad entry costs that entry (its diagnostic is reported with the
  // import's); a registry unreadable as a whole is not written into.
  const registryBytes = existsSync(registryPath) ? new Uint8Array(readFileSync(registryPath)) : null;
  const registryText = registryBytes ? new TextDecoder().decode(registryBytes) : "documents: []\n";
  const registry = registryBytes
    ? loadRegistry(registryBytes, relative(cwd, registryPath).split("\\").join("/"))
    : null;
  if (registry && !registry.usable)
    return { ...refuse(registry.diagnostics[0]!), diagnostics: registry.diagnostics };
  const known = registry?.registry.documents.find((d) => d.symbol === opts.symbol);

  const digest = sha256(bytes);
  // The front matter of a corpus file already there (a curator may have corrected it) comes
  // before the registry and the cover; flags come before everything.
  const existing = existsSync(target) ? readFileSync(target, "utf8") : undefined;
  const priorSplit = existing === undefined ? null : splitCorpusFile(existing);
  const priorMeta = priorSplit ? FrontMatter.safeParse(priorSplit.meta) : undefined;
  const prior = priorMeta?.success ? priorMeta.data : undefined;
  const meta = {
    symbol: opts.symbol,
    lang: opts.lang,
    title: opts.title ?? prior?.title ?? known?.title[opts.lang],
    date: opts.date ?? prior?.date ?? converted.cover.date ?? known?.date,
    type: opts.type ?? prior?.type ?? known?.type ?? "report",
    body: opts.body ?? prior?.body ?? known?.body,
    status: opts.status ?? prior?.status ?? known?.status ?? "other",
    source: opts.source ?? `${basename(name)} (${format.toUpperCase()}), converted by acquis import`,
    sha256: digest,
    note: coverNote(converted.cover),
  };
  const checked = FrontMatter.safeParse(meta);
  if (!checked.success) {
    const missing = checked.error.issues
      .map(
        (i) =>
          `${i.path.join(".")} (--${i.path.join(".")}): ${i.input === undefined ? "missing" : i.message}`,
      )
      .join("; ");
    return refuse(
      diag(
        "corpus/front-matter-invalid",
        at,
        `The front matter for ${opts.symbol} (${opts.lang}) is incomplete or invalid: ${missing}.`,
        "Pass the missing fields as flags (--title, --date, --type, --body, --status), or add the document to corpus/registry.yaml first.",
      ),
    );
  }
  const text = renderCorpusFile(checked.data, converted.markdown);

  // Parse what would be written: imported output of well-formed input parses without warnings.
  const body = splitCorpusFile(text)!;
  const firstLine = text.slice(0, text.length - body.body.length).split("\n").length;
  const parsed = parseDocument({ file, markdown: body.body, firstLine, meta: checked.data });
  const diagnostics = [...(registry?.diagnostics ?? []), ...converted.diagnostics, ...parsed.diagnostics];
  if (opts.dryRun)
    return {
      status: "dry-run",
      file,
      registryAdded: false,
      paragraphs: parsed.paragraphs.length,
      diagnostics,
      text,
    };

  // Keep the original, so a later import can tell whether the corpus file was edited.
  const cacheDir = resolve(cwd, opts.cache);
  mkdirSync(cacheDir, { recursive: true });
  const cached = resolve(cacheDir, `${digest}.${EXT[format]}`);
  if (!existsSync(cached)) writeFileSync(cached, bytes);

  if (existing !== undefined) {
    if (existing === text) {
      return {
        status: "unchanged",
        file,
        registryAdded: false,
        paragraphs: parsed.paragraphs.length,
        diagnostics,
        text,
      };
    }
    if (!opts.force && !(await untouched(existing, cacheDir, opts, name))) {
      return refuse(
        diag(
          "ingest/exists",
          { file, line: 1 },
          `${file} exists and differs from what its original converts to: it was edited by hand, or not made by acquis import. Not overwritten.`,
          "Compare the two, carry your edits over, or pass --force to replace it.",
        ),
      );
    }
  }
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, text);

  let registryAdded = false;
  const entry = {
    symbol: opts.symbol,
    type: checked.data.type,
    date: checked.data.date,
    body: checked.data.body,
    status: checked.data.status,
    title: { [opts.lang]: checked.data.title },
    short: { zh: [], en: [] },
  };
  const added = addRegistryEntry(registryText, entry);
  if (added.added) {
    writeFileSync(registryPath, added.text);
    registryAdded = true;
  }
  return { status: "written", file, registryAdded, paragraphs: parsed.paragraphs.length, diagnostics, text };
}

/**
 * True when `existing` is exactly what importing its own original gives: the original is found in
 * the cache by the SHA-256 its front matter records, converted again with the front matter it has.
 */
async function untouched(
  existing: string,
  cacheDir: string,
  opts: ImportOptions,
  name: string,
): Promise<boolean> {
  const split = splitCorpusFile(existing);
  const meta = split && FrontMatter.safeParse(split.meta);
  if (!split || !meta?.success || !meta.data.sha256) return false;
  for (const format of Object.keys(EXT) as Format[]) {
    const path = resolve(cacheDir, `${meta.data.sha256}.${EXT[format]}`);
    if (!existsSync(path)) continue;
    const bytes = new Uint8Array(readFileSync(path));
    if (sha256(bytes) !== meta.data.sha256) return false;
    try {
      const again = await convert(bytes, { lang: opts.lang, file: name, format, limits: opts.limits });
      return renderCorpusFile(meta.data, again.markdown) === existing;
    } catch {
      return false;
    }
  }
  return false;
}

/** Print an import's outcome; returns the exit code. */
export function reportImport(outcome: ImportOutcome, io: CommandIO, verbose = false): number {
  const shown = outcome.diagnostics.filter((d) => verbose || d.level !== "info");
  const report = formatDiagnostics(shown, { color: io.isTTY });
  if (report) io.stderr(`${report}\n`);
  if (outcome.status === "refused") {
    io.stderr(terminalSafe(`acquis import: ${outcome.file} not written.\n`));
    return 1;
  }
  const warnings = shown.filter((d) => d.level === "warning").length;
  const what =
    outcome.status === "unchanged"
      ? "is up to date"
      : outcome.status === "dry-run"
        ? "would be written"
        : "written";
  // Every line dropped as page furniture is counted, so nothing leaves the text unnoticed.
  const dropped = outcome.diagnostics.filter((d) => d.code === "ingest/artifact-dropped").length;
  io.stdout(
    `${outcome.file} ${what}: ${outcome.paragraphs} paragraphs${warnings ? `, ${warnings} warnings (see above)` : ", parses without warnings"}${dropped ? `; ${dropped} lines dropped as page furniture${verbose ? " (listed above)" : " (--verbose lists them)"}` : ""}${outcome.registryAdded ? "; registry entry added" : ""}.\n`,
  );
  return 0;
}

export const importCommand: Command = {
  name: "import",
  summary: "Convert a PDF, DOCX, HTML or text original into a corpus file",
  usage: USAGE,
  async run(argv: string[], io: CommandIO): Promise<number> {
    const read = readImportFlags(argv);
    if (typeof read === "string") return usageError(io, read);
    if (read.flags.has("help") || read.flags.has("h")) {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    if (read.positional.length !== 1) return usageError(io, "give exactly one file to import");
    const opts = importOptions(read.values, read.flags);
    if (typeof opts === "string") return usageError(io, opts);
    const path = resolve(io.cwd, read.positional[0]!);
    if (!existsSync(path) || !statSync(path).isFile()) {
      io.stderr(
        terminalSafe(
          `acquis import: ${read.positional[0]} ${existsSync(path) ? "is not a file" : "does not exist"}.\n`,
        ),
      );
      return 1;
    }
    // An original over the size limit is refused before it is read into memory.
    const size = statSync(path).size;
    if (size > opts.maxBytes) {
      const target = relative(
        io.cwd,
        resolve(io.cwd, opts.corpus, symbolSlug(opts.symbol), `${opts.lang}.md`),
      );
      return reportImport(oversized(basename(path), size, opts, target), io);
    }
    const progress = conversionProgress(io, basename(path));
    const outcome = await importOriginal(
      new Uint8Array(readFileSync(path)),
      basename(path),
      { ...opts, onProgress: progress.update },
      io.cwd,
    );
    progress.clear();
    // The preview is for reading: control characters in it must not act on the terminal.
    if (outcome.status === "dry-run" && outcome.text) io.stdout(terminalSafe(outcome.text));
    return reportImport(outcome, io, read.flags.has("verbose"));
  },
};

/** The refusal of an original over --max-bytes. */
function oversized(name: string, size: number, opts: ImportOptions, file: string): ImportOutcome {
  return {
    status: "refused",
    file,
    registryAdded: false,
    paragraphs: 0,
    diagnostics: [
      diag(
        "ingest/limit-exceeded",
        { file: name, line: 1 },
        `${name} is ${formatBytes(size)}, over the ${formatBytes(opts.maxBytes)} limit; it was not converted. Raise the limit with --max-bytes <MB> if this document is genuine.`,
        "A UN document is a few MB.",
      ),
    ],
  };
}

/**
 * Progress of a long conversion: a line rewritten in place on a terminal ("pdf page 12/300 x.pdf"),
 * else a plain line at most every PROGRESS_EVERY_S seconds, so a log shows the import is alive.
 */
export function conversionProgress(
  io: CommandIO,
  name: string,
): { update: (done: number, total: number) => void; clear: () => void } {
  if (io.isTTY) {
    const line = progressLine(io.stderr, true);
    return {
      update: (done, total) => line.update({ phase: "pdf page", done, total, label: name }),
      clear: line.clear,
    };
  }
  const started = Date.now();
  let said = started;
  return {
    update: (done, total) => {
      const now = Date.now();
      if (now - said < PROGRESS_EVERY_S * 1000) return;
      said = now;
      io.stderr(
        terminalSafe(
          `acquis import: ${name}: page ${done} of ${total} (${Math.round((now - started) / 1000)} s)\n`,
        ),
      );
    },
    clear: () => {},
  };
}

function usageError(io: CommandIO, message: string): number {
  io.stderr(`acquis import: ${terminalSafe(message)}\n\n${USAGE}\n`);
  return 2;
}
