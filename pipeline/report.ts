/**
 * The build report: diagnostics counted, printed the way remark-cli prints them (vfile-reporter:
 * file:line:column, level, message, rule id, grouped per file), or as JSON for tools, and the
 * exit code they mean. Decision: one formatter for `build` and `check`, so the two can never
 * disagree about what failed.
 */
import { VFile } from "vfile";
import { reporter } from "vfile-reporter";
import { BuildReport, type Publication, Summary } from "../schemas/build.ts";
import { type Diagnostic, type Level, SCHEMA_VERSION } from "../schemas/index.ts";
import { sortDiagnostics } from "./diagnostics.ts";
import { jsonSafe, terminalSafe } from "./terminal.ts";

export { BuildReport, Summary };

/** Count diagnostics by level and code. */
export function summarise(
  diagnostics: readonly Diagnostic[],
  counts: { documents: number; built: number; paragraphs: number },
): Summary {
  const byLevel: Record<Level, number> = { error: 0, warning: 0, info: 0 };
  const codes = new Map<string, number>();
  for (const d of diagnostics) {
    byLevel[d.level]++;
    codes.set(d.code, (codes.get(d.code) ?? 0) + 1);
  }
  const byCode: Record<string, number> = {};
  for (const code of [...codes.keys()].sort()) byCode[code] = codes.get(code)!;
  return {
    ...counts,
    errors: byLevel.error,
    warnings: byLevel.warning,
    infos: byLevel.info,
    byCode,
  };
}

/** The build report as written to dist/data/diagnostics.json. */
export function buildReport(diagnostics: readonly Diagnostic[], summary: Summary): BuildReport {
  return BuildReport.parse({
    schemaVersion: SCHEMA_VERSION,
    summary,
    diagnostics: sortDiagnostics([...diagnostics]),
  });
}

/**
 * Exit code: 0 clean, 1 on any error, and with `strict` on any warning too (infos never fail).
 */
export function exitCode(summary: Summary, strict: boolean): number {
  return summary.errors > 0 || (strict && summary.warnings > 0) ? 1 : 0;
}

/**
 * Diagnostics as remark-cli prints them, grouped per file:
 *
 *   corpus/A-78-265/zh.md
 *     2:1  warning  A/78/265 is not in the registry ...  corpus/not-in-registry  acquis
 *
 * @param color ANSI colours (when printing to a terminal)
 * @param verbose also print each hint under its message
 */
export function formatDiagnostics(
  diagnostics: readonly Diagnostic[],
  options: { color?: boolean; verbose?: boolean } = {},
): string {
  const files = new Map<string, VFile>();
  for (const d of sortDiagnostics([...diagnostics])) {
    // Messages quote the corpus and file names come from the disk: neither may act on a terminal.
    let file = files.get(d.file);
    if (!file) {
      file = new VFile({ path: terminalSafe(d.file) });
      files.set(d.file, file);
    }
    // A place on a page of a PDF is said in the message ("Page 3, line 12: …"): printed as "1:1",
    // the file's first line, it sent readers looking for a line the PDF does not have.
    const message = file.message(terminalSafe(d.message), {
      ...(d.page === undefined ? { place: { line: d.line, column: d.column } } : {}),
      ruleId: d.code,
      source: "acquis",
    });
    message.fatal = d.level === "error" ? true : d.level === "warning" ? false : undefined;
    if (d.hint) message.note = terminalSafe(d.hint);
  }
  if (files.size === 0) return "";
  return reporter([...files.values()], { color: options.color ?? false, verbose: options.verbose ?? false });
}

/** What `--json` prints: every diagnostic and the summary. */
export function jsonReport(
  diagnostics: readonly Diagnostic[],
  summary: Summary,
  publication?: Publication,
): string {
  const report = {
    diagnostics: sortDiagnostics([...diagnostics]),
    summary,
    ...(publication ? { publication } : {}),
  };
  return `${jsonSafe(JSON.stringify(report, null, 2))}\n`;
}

/** A one-line ending for people: "built 3 of 4 documents, 512 paragraphs: 1 error, 2 warnings". */
export function summaryLine(summary: Summary, verb: string): string {
  const n = (k: number, what: string) => `${k} ${what}${k === 1 ? "" : "s"}`;
  return `${verb} ${summary.built} of ${n(summary.documents, "document")}, ${n(summary.paragraphs, "paragraph")}: ${n(summary.errors, "error")}, ${n(summary.warnings, "warning")}, ${summary.infos} info`;
}

/** How a stage that keeps a memo ran (build/stages.ts `StageRun`), as the report reads it. */
interface StageRunSeen {
  mode: "cold" | "incremental";
  why: string | null;
  redone: number;
}

/** What each memo stage counts as redone (build/stages.ts `StageRun.redone`). */
const REDONE: Record<string, [string, string]> = {
  cite: ["document", "documents"],
  reuse: ["paragraph", "paragraphs"],
  index: ["file", "files"],
  topics: ["document", "documents"],
};

/**
 * What a build took from what the last one kept, as lines of the report: the parse cache's hits,
 * then the stages that ran from their memos, then each stage that ran cold and why.
 * Decision: said at every build, so a cache found damaged or made by another version is never a
 * silent cold build (the reason is the memo's own, memos.ts `rejected`), and a user can tell a
 * build after a change from a cold one.
 */
export function cacheLines(
  stats: { parsed: number; cached: number },
  runs: Readonly<Record<string, StageRunSeen>> | null,
  cache: "off" | "read" | "readwrite",
): string[] {
  if (cache === "off") return ["cache: not used (--no-cache): every document parsed, every stage run cold"];
  const n = (k: number, [one, many]: [string, string]) => `${k} ${k === 1 ? one : many}`;
  const lines = [
    `parse cache: ${stats.cached} of ${n(stats.parsed + stats.cached, ["document", "documents"])} read from it, ${stats.parsed} parsed`,
  ];
  if (!runs) return lines;
  const stages = Object.entries(runs);
  const kept = stages.filter(([, r]) => r.mode === "incremental");
  if (kept.length)
    lines.push(
      `from the last build's memos: ${kept.map(([name, r]) => `${name} (${n(r.redone, REDONE[name] ?? ["item", "items"])} redone)`).join(", ")}`,
    );
  for (const [name, r] of stages)
    if (r.mode === "cold")
      lines.push(`${name} ran cold: ${terminalSafe(r.why ?? "no memo kept by an earlier build")}`);
  return lines;
}

/**
 * A progress line on a terminal: "parse 12/40 A/78/265 zh", rewritten in place, erased at the
 * end. Returns a no-op when `enabled` is false (output is not a terminal: stay quiet and plain).
 */
export function progressLine(
  write: (text: string) => void,
  enabled: boolean,
): { update: (p: { phase: string; done: number; total: number; label: string }) => void; clear: () => void } {
  if (!enabled) return { update: () => {}, clear: () => {} };
  let shown = false;
  return {
    update: (p) => {
      const count = p.total > 0 ? `${p.done}/${p.total}` : p.done > 0 ? String(p.done) : "";
      const line = terminalSafe([p.phase, count, p.label].filter(Boolean).join(" ")).slice(0, 100);
      write(`\r\x1b[2K${line}`);
      shown = true;
    },
    clear: () => {
      if (shown) write("\r\x1b[2K");
      shown = false;
    },
  };
}
