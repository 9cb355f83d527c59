/**
 * Shapes shared by several data files: languages, UN symbols, source positions, diagnostics.
 *
 * Every shape is declared once here and in its sibling modules; types are `z.infer` of the schema,
 * so the validator and the type can never disagree.
 */
import { z } from "zod";
import { ID_PATTERN, KEY_PATTERN, keyProblem, MAX_KEY_LENGTH, SYMBOL_PATTERN, slugOf } from "./identity.ts";

export * from "./identity.ts";

export { SCHEMA_VERSION } from "./version.ts";

/** The languages acquis reads. */
export const Lang = z.enum(["zh", "en"]);
export type Lang = z.infer<typeof Lang>;

/**
 * A UN document symbol as printed: "A/78/265", "A/RES/76/19", "A/AC.292/2023/2/Rev.1". Loose
 * enough that a symbol we have never seen still validates (any segments of letters and digits
 * joined by "." or "-"), strict enough that a symbol is always a safe folder name (see
 * identity.ts); the citation grammar is where symbols are recognised in running text.
 */
export const UnSymbol = z
  .string()
  .max(MAX_KEY_LENGTH, { abort: true, error: (iss) => keyProblem(String(iss.input), "symbol") ?? "too long" })
  .regex(SYMBOL_PATTERN, { error: (iss) => keyProblem(String(iss.input), "symbol") ?? "not a UN symbol" });
export type UnSymbol = z.infer<typeof UnSymbol>;

/**
 * The id of a document without a UN symbol: author code(s), year, short name, lower-case ASCII
 * ("cn-2024-ict-position"). Its folder, paragraph ids and URLs are the id itself.
 */
export const DocId = z
  .string()
  .max(MAX_KEY_LENGTH, { abort: true, error: (iss) => keyProblem(String(iss.input), "id") ?? "too long" })
  .regex(ID_PATTERN, { error: (iss) => keyProblem(String(iss.input), "id") ?? "not a document id" });
export type DocId = z.infer<typeof DocId>;

/** A document's key: its UN symbol, or its id when it has none. */
export const DocKey = z
  .string()
  .max(MAX_KEY_LENGTH, { abort: true, error: (iss) => keyProblem(String(iss.input), "key") ?? "too long" })
  .regex(KEY_PATTERN, { error: (iss) => keyProblem(String(iss.input), "key") ?? "not a document key" });
export type DocKey = z.infer<typeof DocKey>;

/** A calendar date, ISO 8601 (YYYY-MM-DD). */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "a date as YYYY-MM-DD" })
  .refine(
    (s) => {
      // A real calendar day: 2024-13-01 and 2023-02-29 have the right shape and are not dates.
      // A wrong shape is the regex's to report, once.
      if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return true;
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
    },
    { message: "a calendar date as YYYY-MM-DD (month 01-12, a day the month has)" },
  );

/** Where something stands in a corpus file: repository-relative path, 1-based line and column. */
export const SourcePosition = z.object({
  /** Repository-relative path with forward slashes, e.g. "corpus/A-78-265/zh.md". */
  file: z.string(),
  /** 1-based line of the first character. */
  line: z.number().int().positive(),
  /** 1-based line of the last line (a stitched paragraph spans its page break). */
  endLine: z.number().int().positive().optional(),
});
export type SourcePosition = z.infer<typeof SourcePosition>;

/** How serious a diagnostic is. `--strict` turns warnings into a failing exit code. */
export const Level = z.enum(["error", "warning", "info"]);
export type Level = z.infer<typeof Level>;

/**
 * A diagnostic about the input, in the shape unified tools report (file:line:column, rule id).
 * Codes are a closed, stable set (see `pipeline/diagnostics.ts`); a code never changes meaning.
 */
export const Diagnostic = z.object({
  level: Level,
  /** Stable code, e.g. "parse/numbering-irregular". */
  code: z.string(),
  file: z.string(),
  /**
   * Line of `file`, from 1. An original laid out in pages (a PDF) has no lines of its own: there it
   * is 1, the file as a whole, and the place is `page` (with `pageLine`).
   */
  line: z.number().int().positive(),
  column: z.number().int().positive(),
  /** Page of an original laid out in pages (a PDF), from 1, as a PDF reader numbers them. */
  page: z.number().int().positive().optional(),
  /** Line on that page, counted down from its top (every line of text on it, in any column), where known. */
  pageLine: z.number().int().positive().optional(),
  /** What happened and why, in a sentence a person can act on. */
  message: z.string(),
  /** What to do about it. */
  hint: z.string().optional(),
});
export type Diagnostic = z.infer<typeof Diagnostic>;

/**
 * The folder / URL slug of a document key (a UN symbol or an id), one-to-one and reversible:
 * "A/78/265" -> "A-78-265", "A/ES-10/1" -> "A-ES--10-1", "cn-2024-ict-position" unchanged.
 * Kept under its first name for the code that calls it; `slugOf` in identity.ts is the same.
 */
export const symbolSlug = slugOf;
