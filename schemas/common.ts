/**
 * Shapes shared by several data files: languages, UN symbols, source positions, diagnostics.
 *
 * Every shape is declared once here and in its sibling modules; types are `z.infer` of the schema,
 * so the validator and the type can never disagree.
 */
import { z } from "zod";

export { SCHEMA_VERSION } from "./version.ts";

/** The languages acquis reads. */
export const Lang = z.enum(["zh", "en"]);
export type Lang = z.infer<typeof Lang>;

/**
 * A UN document symbol as printed: "A/78/265", "A/RES/76/19", "A/AC.292/2023/2/Rev.1".
 * The grammar here is deliberately loose (any slash-separated run of letters, digits, dots and
 * hyphens starting with a capital letter) so that a symbol we have never seen still validates;
 * the citation grammar is where symbols are recognised strictly.
 */
export const UnSymbol = z.string().regex(/^[A-Z][A-Za-z0-9.-]*(\/[A-Za-z0-9.-]+)+$/, {
  message: 'a UN symbol such as "A/78/265" or "A/RES/76/19"',
});
export type UnSymbol = z.infer<typeof UnSymbol>;

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
  line: z.number().int().positive(),
  column: z.number().int().positive(),
  /** What happened and why, in a sentence a person can act on. */
  message: z.string(),
  /** What to do about it. */
  hint: z.string().optional(),
});
export type Diagnostic = z.infer<typeof Diagnostic>;

/** Turn a symbol into the folder / URL slug used in corpus/ and on the site: "/" -> "-". */
export function symbolSlug(symbol: string): string {
  return symbol.replace(/\//g, "-");
}
