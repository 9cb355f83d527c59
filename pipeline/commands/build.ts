/**
 * `acquis build` (what `npm run build` runs) and the shared body of `acquis check`: run the build
 * runner, print diagnostics as remark-cli does (or JSON), and return the exit code.
 *
 * Decision: the report goes to stderr, as remark-cli's does, so stdout stays free for `--json`;
 * progress is shown only when stderr is a terminal. Exit codes: 0 clean; 1 an error (or, with
 * --strict, a warning) or a failed build; 2 bad usage.
 */
import { parseArgs } from "node:util";
import { BuildUsageError, build } from "../build/index.ts";
import { exitCode, formatDiagnostics, jsonReport, progressLine, summaryLine } from "../report.ts";
import type { Command, CommandIO } from "./types.ts";

const BUILD_USAGE = `Usage: acquis build [--corpus DIR] [--out DIR] [--strict] [--json] [--no-cache] [--verbose]

Build the knowledge base: read every corpus/<slug>/<lang>.md and corpus/registry.yaml, parse,
run the stages (citations, ...) and write dist/data/ (documents.json, paragraphs.jsonl,
working-papers.json, each stage's files, diagnostics.json, manifest.json). The output is written
to a temporary folder and swapped in whole, so a failed build leaves the last good output.
A document with an error is left out; the others build.

  --corpus DIR   the corpus folder (default: corpus)
  --out DIR      the output folder (default: dist/data)
  --strict       exit 1 on warnings too
  --json         print {diagnostics, summary} as JSON on stdout instead of the report
  --no-cache     parse every document again (the cache is .cache/parse, keyed by content)
  --verbose      print each diagnostic's hint under it

Exit codes: 0 built clean, 1 errors (or warnings with --strict), 2 bad usage.`;

const CHECK_USAGE = `Usage: acquis check [--corpus DIR] [--strict] [--json] [--verbose]

Check the corpus without writing anything: front matter, registry, file names, encodings, and
everything the parser and the stages report. Diagnostics are printed as remark-cli prints them
(file, line:column, level, message, rule).

  --corpus DIR   the corpus folder (default: corpus)
  --strict       exit 1 on warnings too
  --json         print {diagnostics, summary} as JSON on stdout instead of the report
  --verbose      print each diagnostic's hint under it

Exit codes: 0 clean, 1 errors (or warnings with --strict), 2 bad usage.`;

/**
 * Run a build (write = true) or a check (write = false) from command-line arguments.
 * @returns the exit code
 */
export async function runBuildCommand(
  name: "build" | "check",
  argv: string[],
  io: CommandIO,
): Promise<number> {
  const write = name === "build";
  const usage = write ? BUILD_USAGE : CHECK_USAGE;
  let values: {
    corpus?: string;
    out?: string;
    strict?: boolean;
    json?: boolean;
    "no-cache"?: boolean;
    verbose?: boolean;
    help?: boolean;
  };
  try {
    ({ values } = parseArgs({
      args: argv,
      allowPositionals: false,
      strict: true,
      options: {
        corpus: { type: "string" },
        strict: { type: "boolean" },
        json: { type: "boolean" },
        verbose: { type: "boolean" },
        help: { type: "boolean", short: "h" },
        ...(write ? { out: { type: "string" }, "no-cache": { type: "boolean" } } : {}),
      },
    }) as { values: typeof values });
  } catch (e) {
    io.stderr(`acquis ${name}: ${(e as Error).message}\n\n${usage}\n`);
    return 2;
  }
  if (values.help) {
    io.stdout(`${usage}\n`);
    return 0;
  }
  const progress = progressLine(io.stderr, io.isTTY && !values.json);
  try {
    const result = await build({
      root: io.cwd,
      corpus: values.corpus ?? "corpus",
      out: write ? (values.out ?? "dist/data") : null,
      cache: !write ? "read" : values["no-cache"] ? "off" : "readwrite",
      onProgress: progress.update,
    });
    progress.clear();
    if (values.json) {
      io.stdout(jsonReport(result.diagnostics, result.summary));
    } else {
      const report = formatDiagnostics(result.diagnostics, {
        color: io.isTTY,
        verbose: values.verbose ?? false,
      });
      if (report) io.stderr(`${report}\n`);
      io.stderr(`${summaryLine(result.summary, write ? "built" : "checked")}\n`);
    }
    return exitCode(result.summary, values.strict ?? false);
  } catch (e) {
    progress.clear();
    if (e instanceof BuildUsageError) {
      io.stderr(`acquis ${name}: ${e.message}\n`);
      return 2;
    }
    const where = write ? `; the previous output in ${values.out ?? "dist/data"} was left as it was` : "";
    io.stderr(`acquis ${name}: the build failed${where}.\n${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
}

export const buildCommand: Command = {
  name: "build",
  summary: "Build dist/data from the corpus (documents, paragraphs, citations, ...)",
  usage: BUILD_USAGE,
  run: (argv, io) => runBuildCommand("build", argv, io),
};

export const checkCommandUsage = CHECK_USAGE;
