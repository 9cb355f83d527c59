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
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, relative, resolve } from "node:path";
import {
  AuthorCode,
  type Diagnostic,
  DocStatus,
  DocType,
  FrontMatter,
  isDocId,
  keyProblem,
  Lang,
  symbolSlug,
  UnSymbol,
} from "../../schemas/index.ts";
import { diag } from "../diagnostics.ts";
import { addRegistryEntry, renderCorpusFile, splitCorpusFile } from "../ingest/corpus.ts";
import { coverNote, headTitle } from "../ingest/cover.ts";
import { type HyphenDecision, summarizeHyphens } from "../ingest/hyphenation.ts";
import {
  convert,
  DEFAULT_IMPORT_LIMITS,
  detectFormat,
  type Format,
  type ImportLimits,
  IngestError,
} from "../ingest/index.ts";
import type { PageSummary } from "../ingest/types.ts";
import { controlCharacters, formatBytes } from "../load/decode.ts";
import { loadRegistry } from "../load/index.ts";
import { readAuthors } from "../parse/authors.ts";
import { parseDocument } from "../parse/index.ts";
import { formatDiagnostics, progressLine } from "../report.ts";
import { terminalSafe } from "../terminal.ts";
import { usageError as sharedUsageError } from "./options.ts";
import type { Command, CommandIO } from "./types.ts";

const MB = 1024 * 1024;
/** Largest original read by default: the longest UN documents are a few MB; a DOCX or PDF of 100 MB is not text. */
export const DEFAULT_MAX_BYTES = 100 * MB;
/** Off a terminal, a long conversion says how far it is at most this often. */
const PROGRESS_EVERY_S = 10;

const USAGE = `Usage: acquis import <file> [--symbol <symbol>] [--lang <zh|en>] [options]
       acquis import <folder> [options]

Convert a UN document (PDF, DOCX, HTML or plain text) into corpus/<slug>/<lang>.md; or every
such file in a folder, each under the symbol its cover prints (a file that fails costs only itself).

  --symbol <s>     document symbol, e.g. A/75/816 (default: the one printed on the cover; a
                   symbol that differs from the cover's is an error unless --force)
  --id <id>        a document without a UN symbol (a national paper): its id, author code(s),
                   year and short name, e.g. cn-2024-ict-position (see the README); the folder
                   is the id; type defaults to position paper, status to national
  --authors <a,b>  who wrote it: ISO 3166-1 alpha-2 codes (several for a joint paper) or a
                   group's code, e.g. CN or CA,CH (default: the registry's; a national paper needs
                   them)
  --lang <l>       zh or en (default: told from the text's script)
  --title <t>      title (default: the registry's title, then an HTML file's first <h1>, else its
                   <title>, then the one the document's head prints)
  --date <d>       YYYY-MM-DD (default: the cover's date, then the registry's)
  --type <t>       ${DocType.options.join(", ")} (default: registry, else report)
  --body <b>       e.g. "OEWG 2021-2025", "General Assembly" (default: registry, then the masthead)
  --status <s>     ${DocStatus.options.join(", ")} (default: registry, else other)
  --source <s>     where the original came from (default: its file name)
  --format <f>     pdf, docx, html or text (default: told from the bytes)
  --corpus <dir>   the corpus folder (default: corpus)
  --cache <dir>    where originals are kept (default: .cache/originals)
  --force          overwrite a corpus file even if it was edited; import despite a symbol that
                   differs from the cover's or a page layout that is not understood
  --dry-run        print the Markdown instead of writing it
  --verbose        also list each line dropped as page furniture and each hyphen decided

Limits (an original over one is not converted, and the message says which):
  --max-bytes <MB>     size of the original (default: ${DEFAULT_MAX_BYTES / MB})
  --max-pages <n>      pages of a PDF (default: ${DEFAULT_IMPORT_LIMITS.maxPages})
  --max-inflated <MB>  what a PDF's compressed streams or a DOCX's zipped parts inflate to,
                       together (default: ${DEFAULT_IMPORT_LIMITS.maxInflatedBytes / MB})
  --max-time <s>       conversion time (default: ${DEFAULT_IMPORT_LIMITS.maxSeconds})
  A long PDF shows its progress, page by page on a terminal, else every ${PROGRESS_EVERY_S} s.

Exit codes: 0 imported (or already up to date; for a folder: every file), 1 not imported
(for a folder: any file), 2 bad usage.`;

/** Options of one import, as the flags give them. */
export interface ImportOptions {
  /** The document symbol; without it, the one printed on the cover. */
  symbol?: string;
  /** The id of a document without a UN symbol (instead of `symbol`). */
  id?: string;
  /** Author codes (ISO 3166-1 alpha-2, or a group's code). */
  authors?: string[];
  /** The language; without it, told from the text's script. */
  lang?: Lang;
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
  /** Repository-relative path of the corpus file (the original's name when refused before it was known). */
  file: string;
  /** The symbol and language imported as (given, or read from the document). */
  symbol?: string;
  lang?: Lang;
  registryAdded: boolean;
  paragraphs: number;
  diagnostics: Diagnostic[];
  /** The corpus file's text (front matter and Markdown), when it was made. */
  text?: string;
  /** Every line-end or soft hyphen decided, at its line of the corpus file. */
  hyphenation: HyphenDecision[];
  /** PDF: how each page was laid out. */
  layout?: PageSummary[];
}

const FLAGS = [
  "symbol",
  "id",
  "authors",
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
  if (values.symbol !== undefined && values.id !== undefined)
    return "give --symbol (a UN symbol) or --id (a document without one), not both";
  if (values.symbol !== undefined && keyProblem(values.symbol, "symbol"))
    return `--symbol "${values.symbol}": expected ${keyProblem(values.symbol, "symbol")}`;
  if (values.id !== undefined && keyProblem(values.id, "id"))
    return `--id "${values.id}": expected ${keyProblem(values.id, "id")}`;
  const authors = values.authors
    ?.split(",")
    .map((a) => a.trim())
    .filter(Boolean);
  if (authors && !authors.length) return "--authors needs at least one code, e.g. --authors CN";
  const badAuthor = authors?.find((a) => !AuthorCode.safeParse(a).success);
  if (badAuthor)
    return `--authors: "${badAuthor}" is not an author code (a State's ISO 3166-1 alpha-2 code in capitals, such as CN, or a group's, such as EU)`;
  const lang = values.lang === undefined ? undefined : Lang.safeParse(values.lang);
  if (lang && !lang.success) return `--lang "${values.lang}": give the language with --lang zh or --lang en`;
  if (values.format && !["pdf", "docx", "html", "text"].includes(values.format))
    return `--format is one of pdf, docx, html, text (not ${values.format})`;
  const bad = ["max-bytes", "max-pages", "max-inflated", "max-time"].find(
    (k) => values[k] !== undefined && !(Number(values[k]) > 0),
  );
  if (bad) return `--${bad} takes a positive number, not ${values[bad]}`;
  const limit = (k: string, dflt: number) => (values[k] === undefined ? dflt : Number(values[k]));
  return {
    symbol: values.symbol,
    ...(values.id !== undefined ? { id: values.id } : {}),
    ...(authors ? { authors } : {}),
    lang: lang?.data,
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

/** True when a text is Chinese: Han characters are at least a fifth of its letters. */
export function looksChinese(text: string): boolean {
  return hanShare(text) >= ZH_SHARE;
}

/** The share of Chinese characters (Han) among a text's letters at and above which it reads as Chinese. */
const ZH_SHARE = 0.2;
/**
 * Between these shares a text is mixed (a paper quoting the other language at length, a
 * bilingual one): the language told from its script is a guess worth checking. A Chinese UN text
 * runs above 0.8 (symbols and acronyms are its Latin letters), an English one at 0.
 */
const MIXED = { from: 0.05, to: 0.6 } as const;

/** The share of Chinese characters (Han) among a text's letters; 0 for a text without letters. */
export function hanShare(text: string): number {
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  return letters > 0 ? han / letters : 0;
}

/**
 * A warning when the language the text is imported as is not plainly its script's: --lang zh on a
 * text that reads as English, --lang en on one that reads as Chinese, or a language told from the
 * script of a mixed text. Never a refusal: a mixed paper exists, and its person knows its
 * original language. Says the share seen and what to pass.
 */
export function languageDoubt(
  share: number,
  lang: Lang,
  given: boolean,
  at: { file: string; line: number },
  written: string,
): Diagnostic | null {
  const pct = `${Math.round(share * 100)} %`;
  const seen = `${pct} of its letters are Chinese characters (Han)`;
  const other: Lang = lang === "zh" ? "en" : "zh";
  const reads = share >= ZH_SHARE ? "zh" : "en";
  if (given && reads !== lang)
    return diag(
      "ingest/lang-doubtful",
      at,
      `Imported as --lang ${lang}, but the text reads as ${reads === "zh" ? "Chinese" : "English"}: ${seen}. If the original is in ${other === "zh" ? "Chinese" : "English"}, remove ${written} and import it again with --lang ${other}.`,
      `A mixed paper whose original is in ${lang === "zh" ? "Chinese" : "English"} keeps --lang ${lang}, and this warning.`,
    );
  if (!given && share >= MIXED.from && share <= MIXED.to)
    return diag(
      "ingest/lang-doubtful",
      at,
      `The language was told from the text's script, which is mixed: ${seen}, so it was imported as ${lang === "zh" ? "Chinese" : "English"} (zh from ${Math.round(ZH_SHARE * 100)} %). If the original is in ${other === "zh" ? "Chinese" : "English"}, remove ${written} and import it again with --lang ${other}.`,
      "Say the original's language with --lang zh or --lang en; a mixed paper keeps the language of its original.",
    );
  return null;
}

/** Symbols compare without spaces and case: "A/78/265" is "a/78/265". */
const sameSymbol = (a: string, b: string) =>
  a.replace(/\s+/g, "").toUpperCase() === b.replace(/\s+/g, "").toUpperCase();

/**
 * Import one original. `name` is the original's file name (for messages and the default source).
 * Paths in `opts` are relative to `cwd`. Never throws on bad input: problems come back as
 * diagnostics with status "refused". Without `symbol` the symbol printed on the cover is taken;
 * without `lang` the text's script decides.
 */
export async function importOriginal(
  bytes: Uint8Array,
  name: string,
  opts: ImportOptions,
  cwd: string,
): Promise<ImportOutcome> {
  const corpusDir = resolve(cwd, opts.corpus);
  const at = { file: name, line: 1 };
  let file = name;
  const refuse = (...ds: Diagnostic[]): ImportOutcome => ({
    status: "refused",
    file,
    registryAdded: false,
    paragraphs: 0,
    diagnostics: ds,
    hyphenation: [],
  });
  if (bytes.length > opts.maxBytes) return oversized(name, bytes.length, opts, name);

  let format: Format;
  try {
    format = opts.format ?? detectFormat(bytes, name);
  } catch (e) {
    return refuse(
      diag("ingest/unsupported-format", at, (e as Error).message, "Import a PDF, DOCX, HTML or text file."),
    );
  }
  let converted: Awaited<ReturnType<typeof convert>>;
  let lang: Lang = opts.lang ?? "en";
  try {
    const limited = { limits: opts.limits, onProgress: opts.onProgress };
    converted = await convert(bytes, { lang, file: name, format, pages: true, ...limited });
    // No language given: the text's script tells it; Chinese lines join differently, so convert again.
    if (!opts.lang && looksChinese(converted.markdown)) {
      lang = "zh";
      converted = await convert(bytes, { lang, file: name, format, pages: true, ...limited });
    }
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

  // The key: an id as given; else the symbol, the flag checked against the cover, or the cover's.
  const printed = converted.cover.symbol;
  const coverDiagnostics: Diagnostic[] = [];
  let symbol = opts.id ?? opts.symbol;
  if (opts.id && printed)
    coverDiagnostics.push({
      ...diag(
        "ingest/symbol-mismatch",
        at,
        `The cover prints the symbol ${printed}; imported under the id ${opts.id}, as asked.`,
        `If this is the UN document ${printed}, import it with --symbol ${printed} instead.`,
      ),
      level: "warning",
    });
  if (!opts.id && symbol && printed && !sameSymbol(symbol, printed)) {
    const d = diag(
      "ingest/symbol-mismatch",
      at,
      `--symbol ${symbol} differs from the symbol printed on the cover, ${printed}.`,
      `Check that this is the document you mean; pass --symbol ${printed}, or --force to import it as ${symbol}.`,
    );
    if (!opts.force) return refuse(d);
    coverDiagnostics.push({ ...d, level: "warning" });
  }
  if (!symbol) {
    if (!printed || !UnSymbol.safeParse(printed).success)
      return refuse(
        diag(
          "corpus/front-matter-invalid",
          at,
          `${name}: no document symbol ${printed ? `(the cover prints "${printed}", which is not one)` : "on its cover"}.`,
          "Pass the symbol with --symbol (e.g. --symbol A/75/816), or, for a document without one (a national paper), its id with --id (e.g. --id cn-2024-ict-position) and its authors with --authors.",
        ),
      );
    symbol = printed;
  }
  const target = resolve(corpusDir, symbolSlug(symbol), `${lang}.md`);
  file = relative(cwd, target).split("\\").join("/");
  // The language imported as, checked against the text's script (a warning, never a refusal).
  const doubt = languageDoubt(hanShare(converted.markdown), lang, opts.lang !== undefined, at, file);

  // A page whose layout could not be ordered stops the import unless told to go on.
  const unclear = converted.diagnostics.filter((d) => d.code === "ingest/layout-unclear");
  if (unclear.length && !opts.force) return refuse(...unclear);
  for (const d of unclear) d.level = "warning";

  // Defaults from the registry entry, if the symbol has one.
  const registryPath = resolve(corpusDir, "registry.yaml");
  // Read as the build reads it: a bad entry costs that entry (its diagnostic is reported with the
  // import's); a registry unreadable as a whole is not written into.
  const registryBytes = existsSync(registryPath) ? new Uint8Array(readFileSync(registryPath)) : null;
  const registryText = registryBytes ? new TextDecoder().decode(registryBytes) : "documents: []\n";
  const registry = registryBytes
    ? loadRegistry(registryBytes, relative(cwd, registryPath).split("\\").join("/"))
    : null;
  if (registry && !registry.usable) return refuse(...registry.diagnostics);
  const known = registry?.registry.documents.find((d) => d.symbol === symbol);

  const digest = sha256(bytes);
  // The front matter of a corpus file already there (a curator may have corrected it) comes
  // before the registry and the cover; flags come before everything.
  const existing = existsSync(target) ? readFileSync(target, "utf8") : undefined;
  const priorSplit = existing === undefined ? null : splitCorpusFile(existing);
  const priorMeta = priorSplit ? FrontMatter.safeParse(priorSplit.meta) : undefined;
  const prior = priorMeta?.success ? priorMeta.data : undefined;
  // A title the format declares (an HTML <h1>) is the document's own; otherwise one is read from
  // the head of the text.
  const head = converted.title
    ? { title: converted.title }
    : headTitle(converted.blocks.filter((b) => b.kind === "text").map((b) => b.text));
  const title = opts.title ?? prior?.title ?? known?.title[lang] ?? head?.title;
  // A document without a UN symbol is a government's text unless its registry entry says otherwise.
  const keyed = isDocId(symbol);
  const authors = opts.authors ?? prior?.authors ?? known?.authors;
  const meta = {
    symbol,
    lang,
    title,
    date: opts.date ?? prior?.date ?? converted.cover.date ?? known?.date,
    type: opts.type ?? prior?.type ?? known?.type ?? (keyed ? "position paper" : "report"),
    body: opts.body ?? prior?.body ?? known?.body ?? converted.cover.organ,
    status: opts.status ?? prior?.status ?? known?.status ?? (keyed ? "national" : "other"),
    ...(authors ? { authors } : {}),
    source: opts.source ?? `${basename(name)} (${format.toUpperCase()}), converted by acquis import`,
    sha256: digest,
    note: coverNote(converted.cover),
  };
  // What was read from the cover rather than given is said, so a person can check it.
  const read: string[] = [];
  // Only what was read: a key given by --symbol or --id is not.
  if (!opts.symbol && !opts.id) read.push(`symbol ${symbol}`);
  if (!opts.lang) read.push(`language ${lang} (from the text's script)`);
  if (head && title === head.title && !opts.title && !prior?.title && !known?.title[lang])
    read.push(`title "${head.title}"`);
  if (meta.date && meta.date === converted.cover.date && !opts.date && !prior?.date)
    read.push(`date ${meta.date}`);
  if (meta.body && meta.body === converted.cover.organ && !opts.body && !prior?.body && !known?.body)
    read.push(`body "${meta.body}" (the masthead's organ)`);
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
        `The front matter for ${symbol} (${lang}) is incomplete or invalid: ${missing}.`,
        "Pass the missing fields as flags (--title, --date, --type, --body, --status, --authors), or add the document to corpus/registry.yaml first.",
      ),
    );
  }
  const text = renderCorpusFile(checked.data, converted.markdown);
  // What the build would refuse (a NUL) is refused here, and warned the same way otherwise.
  const controls = controlCharacters(text, file);
  if (controls.fatal) return refuse(...controls.diagnostics);

  // Parse what would be written: imported output of well-formed input parses without warnings.
  const body = splitCorpusFile(text)!;
  const firstLine = text.slice(0, text.length - body.body.length).split("\n").length;
  const parsed = parseDocument({ file, markdown: body.body, firstLine, meta: checked.data });
  const hyphenation = converted.hyphenation.map((h) => ({ ...h, line: (h.line ?? 1) + firstLine - 1 }));
  const diagnostics = [
    ...(registry?.diagnostics ?? []),
    ...(doubt ? [doubt] : []),
    ...controls.diagnostics,
    ...coverDiagnostics,
    ...converted.diagnostics,
    ...hyphenDiagnostics(hyphenation, file),
    // A structural call the converter guessed, at its line of the corpus file.
    ...(converted.guesses ?? []).map((g) =>
      diag("ingest/structure-guessed", { file, line: g.line + firstLine - 1 }, g.message, g.hint),
    ),
    ...parsed.diagnostics,
  ];
  if (read.length)
    diagnostics.unshift(
      diag(
        "ingest/cover-read",
        at,
        `Read from the document, not given: ${read.join(", ")}.`,
        "Check them in the front matter; flags (--symbol, --lang, --title, --date, --body) set them.",
      ),
    );
  const outcome = {
    file,
    symbol,
    lang,
    paragraphs: parsed.paragraphs.length,
    diagnostics,
    text,
    hyphenation,
    ...(converted.layout ? { layout: converted.layout } : {}),
  };
  if (opts.dryRun) return { ...outcome, status: "dry-run", registryAdded: false };

  // Keep the original, so a later import can tell whether the corpus file was edited.
  const cacheDir = resolve(cwd, opts.cache);
  mkdirSync(cacheDir, { recursive: true });
  const cached = resolve(cacheDir, `${digest}.${EXT[format]}`);
  if (!existsSync(cached)) writeFileSync(cached, bytes);

  if (existing !== undefined) {
    if (existing === text) return { ...outcome, status: "unchanged", registryAdded: false };
    if (!opts.force && !(await untouched(existing, cacheDir, lang, name, opts.limits))) {
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
    symbol,
    type: checked.data.type,
    date: checked.data.date,
    body: checked.data.body,
    status: checked.data.status,
    ...(checked.data.authors ? { authors: checked.data.authors } : {}),
    title: { [lang]: checked.data.title },
    short: { zh: [], en: [] },
  };
  const added = addRegistryEntry(registryText, entry);
  if (added.added) {
    writeFileSync(registryPath, added.text);
    registryAdded = true;
  }
  return { ...outcome, status: "written", registryAdded };
}

/**
 * Every hyphen decision as a diagnostic at its line of the corpus file: doubtful ones are
 * warnings (a person should look), the others are listed with --verbose.
 */
export function hyphenDiagnostics(decisions: readonly HyphenDecision[], file: string): Diagnostic[] {
  return decisions.map((h) =>
    h.doubtful
      ? diag(
          "ingest/hyphen-doubtful",
          { file, line: h.line ?? 1 },
          `Line-end hyphen in "${h.printed}" ${h.action} (${h.reason}): the text now reads "${h.result}".`,
          "Check the word against the original and correct the corpus file if needed.",
        )
      : diag(
          "ingest/hyphen-decided",
          { file, line: h.line ?? 1 },
          `${h.reason === "soft hyphen" ? "Soft" : "Line-end"} hyphen in "${h.printed}" ${h.action} (${h.reason}).`,
        ),
  );
}

/**
 * True when `existing` is exactly what importing its own original gives: the original is found in
 * the cache by the SHA-256 its front matter records, converted again with the front matter it has.
 */
async function untouched(
  existing: string,
  cacheDir: string,
  lang: Lang,
  name: string,
  limits: ImportLimits,
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
      const again = await convert(bytes, { lang, file: name, format, pages: true, limits });
      return renderCorpusFile(meta.data, again.markdown) === existing;
    } catch {
      return false;
    }
  }
  return false;
}

/** "3 pages in one column, 2 in two columns (1 under a one-column head)". */
export function summarizeLayout(pages: readonly PageSummary[]): string {
  const words = ["", "one column", "two columns", "three columns"];
  const by = new Map<number, PageSummary[]>();
  for (const p of pages) by.set(p.columns, [...(by.get(p.columns) ?? []), p]);
  const parts = [...by]
    .sort((a, b) => a[0] - b[0])
    .map(([n, ps]) => {
      const heads = ps.filter((p) => p.head).length;
      return `${ps.length} ${ps.length === 1 ? "page" : "pages"} in ${words[n] ?? `${n} columns`}${heads ? ` (${heads} under a one-column head)` : ""}`;
    });
  const unclear = pages.filter((p) => p.unclear).map((p) => p.page);
  return `${parts.join(", ")}${unclear.length ? `; layout not understood on page ${unclear.join(", ")}` : ""}`;
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
  // Diagnostics go to stderr and this line to stdout: in a terminal a dry run's preview, or
  // stdout's buffering, can put them below it, and a redirect splits them, so "see above" would
  // point at nothing. Say which stream holds them.
  const where = "on stderr";
  // Every line dropped as page furniture is counted, so nothing leaves the text unnoticed.
  const dropped = outcome.diagnostics.filter((d) => d.code === "ingest/artifact-dropped").length;
  io.stdout(
    `${outcome.file} ${what}: ${outcome.paragraphs} ${outcome.paragraphs === 1 ? "paragraph" : "paragraphs"}${warnings ? `, ${warnings} ${warnings === 1 ? "warning" : "warnings"} (${where})` : ", parses without warnings"}${dropped ? `; ${dropped} ${dropped === 1 ? "line" : "lines"} dropped as page furniture${verbose ? ` (listed ${where})` : " (--verbose lists them)"}` : ""}${outcome.registryAdded ? "; registry entry added" : ""}.\n`,
  );
  // What the import decided for the reader, counted: read from the cover, layout, hyphens.
  const read = outcome.diagnostics.find((d) => d.code === "ingest/cover-read");
  if (read) io.stdout(`  ${read.message}\n`);
  // Numbers Word showed but the file did not hold as text: said without --verbose, since they are
  // now part of the text a reader may compare with the original.
  const numbered = outcome.diagnostics.find((d) => d.code === "ingest/numbering-computed");
  if (numbered) io.stdout(`  Numbering: ${terminalSafe(numbered.message.replace(/^DOCX: /, ""))}\n`);
  if (outcome.layout?.length) io.stdout(`  Layout: ${summarizeLayout(outcome.layout)}.\n`);
  const hyphens = summarizeHyphens(outcome.hyphenation);
  if (hyphens) {
    const doubtful = outcome.hyphenation.filter((h) => h.doubtful);
    io.stdout(
      `  Hyphens: ${hyphens}${verbose ? ` (listed ${where})` : " (--verbose lists each)"}.${doubtful.length ? ` Doubtful, to check: ${doubtful.map((h) => `line ${h.line} "${h.printed}" ${h.action}`).join("; ")}.` : ""}\n`,
    );
  }
  return 0;
}

/** Originals a folder import takes: the formats acquis reads, by name; hidden files are left. */
const ORIGINAL_NAME = /^[^.].*\.(?:pdf|docx|html?|xhtml|txt)$/i;

/** The originals in a folder and its subfolders, sorted by path. */
export function originalsIn(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = resolve(dir, entry.name);
    if (entry.isDirectory() && !entry.name.startsWith(".")) out.push(...originalsIn(path));
    else if (entry.isFile() && ORIGINAL_NAME.test(entry.name)) out.push(path);
  }
  return out.sort();
}

export const importCommand: Command = {
  name: "import",
  summary: "Convert a PDF, DOCX, HTML or text original (or a folder of them) into corpus files",
  usage: USAGE,
  async run(argv: string[], io: CommandIO): Promise<number> {
    const read = readImportFlags(argv);
    if (typeof read === "string") return usageError(io, read);
    if (read.flags.has("help") || read.flags.has("h")) {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    if (read.positional.length !== 1) return usageError(io, "give exactly one file or folder to import");
    const opts = importOptions(read.values, read.flags);
    if (typeof opts === "string") return usageError(io, opts);
    // A code of no State and no known group is kept (a new group is one line in authors.ts), but
    // said now, where it was typed, not only by the next build.
    for (const code of readAuthors(opts.authors ?? []).unknown)
      io.stderr(
        terminalSafe(
          `acquis import: warning: --authors ${code} is neither a UN Member or observer State's ISO 3166-1 code nor a known group's (EU, AFRICAN-UNION, ASEAN, NAM, G77, …); the paper keeps it as written and the build will warn on it.\n`,
        ),
      );
    const path = resolve(io.cwd, read.positional[0]!);
    if (!existsSync(path)) {
      io.stderr(terminalSafe(`acquis import: ${read.positional[0]} does not exist.\n`));
      return 1;
    }
    const verbose = read.flags.has("verbose");
    if (statSync(path).isDirectory()) {
      if (opts.symbol || opts.id || opts.title || opts.date)
        return usageError(
          io,
          "a folder's files each have their own symbol (or id), title and date: --symbol, --id, --title and --date are for one file",
        );
      return importFolder(path, opts, io, verbose);
    }
    const outcome = await importFile(path, basename(path), opts, io);
    // The preview is for reading: control characters in it must not act on the terminal.
    if (outcome.status === "dry-run" && outcome.text) io.stdout(terminalSafe(outcome.text));
    return reportImport(outcome, io, verbose);
  },
};

/**
 * Import every original of a folder, each under the symbol its cover prints. A file that fails
 * costs only itself: the others are imported, and the summary names the failures.
 */
async function importFolder(
  dir: string,
  opts: ImportOptions,
  io: CommandIO,
  verbose: boolean,
): Promise<number> {
  const files = originalsIn(dir);
  if (!files.length) {
    io.stderr(
      terminalSafe(`acquis import: ${relative(io.cwd, dir) || "."} holds no PDF, DOCX, HTML or text file.\n`),
    );
    return 1;
  }
  const counts = { written: 0, unchanged: 0, "dry-run": 0, refused: 0 };
  const failed: string[] = [];
  for (const path of files) {
    const name = relative(dir, path);
    let outcome: ImportOutcome;
    try {
      outcome = await importFile(path, name, opts, io);
    } catch (e) {
      // importOriginal reports bad input as data; this is a failure of the machine (disk, memory).
      outcome = {
        status: "refused",
        file: name,
        registryAdded: false,
        paragraphs: 0,
        hyphenation: [],
        diagnostics: [diag("ingest/conversion-failed", { file: name, line: 1 }, (e as Error).message)],
      };
    }
    io.stdout(terminalSafe(`${name}: `));
    reportImport(outcome, io, verbose);
    if (outcome.status === "refused") {
      io.stdout("not imported (the reason is on stderr)\n");
      const error = outcome.diagnostics.find((d) => d.level === "error")?.message ?? "refused";
      failed.push(error.startsWith(name) ? error : `${name}: ${error}`);
    }
    counts[outcome.status]++;
  }
  io.stdout(
    `\n${files.length} files: ${counts.written} written, ${counts.unchanged} up to date${counts["dry-run"] ? `, ${counts["dry-run"]} dry run` : ""}, ${counts.refused} not imported.\n`,
  );
  for (const f of failed) io.stdout(terminalSafe(`  not imported: ${f}\n`));
  return failed.length ? 1 : 0;
}

/**
 * Read an original and import it: one over --max-bytes is refused before it is read into
 * memory; a long conversion shows its progress.
 */
async function importFile(
  path: string,
  name: string,
  opts: ImportOptions,
  io: CommandIO,
): Promise<ImportOutcome> {
  const size = statSync(path).size;
  if (size > opts.maxBytes) return oversized(name, size, opts, name);
  const progress = conversionProgress(io, name);
  try {
    return await importOriginal(
      new Uint8Array(readFileSync(path)),
      name,
      { ...opts, onProgress: progress.update },
      io.cwd,
    );
  } finally {
    progress.clear();
  }
}

/** The refusal of an original over --max-bytes. */
function oversized(name: string, size: number, opts: ImportOptions, file: string): ImportOutcome {
  return {
    status: "refused",
    file,
    registryAdded: false,
    paragraphs: 0,
    hyphenation: [],
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
  return sharedUsageError(io, "import", USAGE, message);
}
