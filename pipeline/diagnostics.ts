/**
 * Diagnostics: bad input becomes data, never an exception. Each code below is permanent: it never
 * changes meaning and is never reused (add new codes, deprecate old ones). Messages say what
 * happened and why; hints say what to do. The shape is the unified one (file, line, column,
 * rule), so `vfile-reporter` prints them as remark-cli would.
 */
import type { Diagnostic, Level } from "../schemas/index.ts";

/** The closed set of codes, by stage. The level is the default; `--strict` fails on warnings. */
export const CODES = {
  // corpus loading (pipeline/build/, pipeline/load/)
  "corpus/front-matter-missing": "error",
  "corpus/front-matter-invalid": "error",
  "corpus/front-matter-yaml": "error",
  "corpus/lang-mismatch": "error",
  "corpus/unknown-language": "error",
  "corpus/duplicate-document": "error",
  "corpus/not-in-registry": "warning",
  "corpus/invalid-utf8": "error",
  "corpus/bom": "warning",
  "corpus/crlf": "info",
  "corpus/empty": "error",
  "corpus/too-large": "error",
  "corpus/path": "error",
  "corpus/registry-invalid": "error",
  "corpus/registry-duplicate": "error",
  "corpus/parse-failed": "error",
  "corpus/nul-character": "error",
  "corpus/control-character": "warning",
  "corpus/yaml-limit": "error",
  "corpus/unbuildable": "error",
  "corpus/unknown-author": "warning",
  "corpus/folder-collision": "error",
  // parse (pipeline/parse)
  "parse/numbering-irregular": "warning",
  "parse/numbering-gap": "warning",
  "parse/footnote-unresolved": "warning",
  "parse/footnote-unreferenced": "warning",
  "parse/footnote-duplicate": "warning",
  "parse/footnote-marker-inferred": "info",
  "parse/footnote-repeated": "info",
  "parse/page-artifact": "warning",
  "parse/page-break-stitched": "info",
  "parse/html-ignored": "warning",
  "parse/list-entry-incomplete": "warning",
  "parse/state-unmatched": "warning",
  "parse/structure-differs": "warning",
  "parse/role-guessed": "warning",
  // cite (pipeline/cite)
  "cite/unknown-document": "warning",
  "cite/unknown-paragraph": "warning",
  "cite/ambiguous": "warning",
  "cite/quote-mismatch": "warning",
  "cite/part-inferred": "info",
  "cite/short-form-unresolved": "warning",
  // reuse (pipeline/reuse)
  "reuse/structure-differs": "warning",
  "reuse/alignment-doubtful": "warning",
  "reuse/paragraph-split": "warning",
  // index (pipeline/index)
  "index/segmenter-unavailable": "warning",
  // topics (pipeline/load/topics.ts, pipeline/topics)
  "topics/vocabulary-invalid": "error",
  "topics/unknown-paragraph": "error",
  "topics/unknown-topic": "error",
  "topics/override-unneeded": "warning",
  // ingest (pipeline/ingest)
  "ingest/unsupported-format": "error",
  "ingest/conversion-failed": "error",
  "ingest/exists": "error",
  "ingest/fetch-failed": "error",
  "ingest/artifact-dropped": "info",
  "ingest/bullet-inferred": "warning",
  "ingest/footnote-unplaced": "warning",
  "ingest/limit-exceeded": "error",
  "ingest/layout-unclear": "error",
  "ingest/symbol-mismatch": "error",
  "ingest/cover-read": "info",
  "ingest/hyphen-decided": "info",
  "ingest/hyphen-doubtful": "warning",
  "ingest/lang-doubtful": "warning",
  "ingest/structure-guessed": "warning",
  "ingest/numbering-computed": "info",
  "ingest/numbering-unsupported": "warning",
} as const satisfies Record<string, Level>;

export type Code = keyof typeof CODES;

/** Make a diagnostic with the code's default level. */
export function diag(
  code: Code,
  at: { file: string; line: number; column?: number; page?: number; pageLine?: number },
  message: string,
  hint?: string,
): Diagnostic {
  const d: Diagnostic = {
    level: CODES[code],
    code,
    file: at.file,
    line: Math.max(1, at.line),
    column: Math.max(1, at.column ?? 1),
    message,
  };
  if (at.page !== undefined) d.page = Math.max(1, at.page);
  if (at.pageLine !== undefined) d.pageLine = Math.max(1, at.pageLine);
  if (hint !== undefined) d.hint = hint;
  return d;
}

/**
 * Where on a page of an original (a PDF) a diagnostic stands: `line` 1 (the file has no lines of
 * its own: a reader told "line 3" looked for a line 3), the page and, where known, the line on it.
 */
export function onPage(file: string, page: number, pageLine?: number) {
  return pageLine === undefined ? { file, line: 1, page } : { file, line: 1, page, pageLine };
}

/** "Page 3, line 12" / "Page 3": how a message names a place on a page. */
export function pagePlace(page: number, pageLine?: number): string {
  return pageLine === undefined ? `Page ${page}` : `Page ${page}, line ${pageLine}`;
}

/** Order diagnostics for stable output: file, line, column, code. */
export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      (a.page ?? 0) - (b.page ?? 0) ||
      (a.pageLine ?? 0) - (b.pageLine ?? 0) ||
      a.code.localeCompare(b.code) ||
      a.message.localeCompare(b.message),
  );
}
