/**
 * `acquis build` (what `npm run build` runs) and the shared body of `acquis check`: run the build
 * runner, print diagnostics as remark-cli does (or JSON), and return the exit code.
 *
 * Decisions: the report goes to stderr, as remark-cli's does, so stdout stays free for `--json`;
 * progress is shown only when stderr is a terminal. Exit codes: 0 clean; 1 an error (or, with
 * --strict, a warning), nothing published, another build at work, or a failed build; 2 bad
 * usage. A failure nobody foresaw prints what happened and where the details are, never a stack.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { Publication } from "../../schemas/build.ts";
import { BuildUsageError, build, type PublishResult, publishBuild } from "../build/index.ts";
import { YAML_LIMITS } from "../load/index.ts";
import { LockBusy } from "../lock.ts";
import { cacheLines, exitCode, formatDiagnostics, jsonReport, progressLine, summaryLine } from "../report.ts";
import { terminalSafe } from "../terminal.ts";
import { describeFailure } from "./failure.ts";
import { readOptions, usageError } from "./options.ts";
import type { Command, CommandIO } from "./types.ts";

const BUILD_USAGE = `Usage: acquis build [--corpus DIR] [--dist DIR] [--no-site] [--strict] [--json] [--no-cache] [--verbose]
       acquis build --out DIR [--corpus DIR] [--strict] [--json] [--no-cache] [--verbose]

Build the knowledge base and the site, and publish them together (what \`npm run build\` runs):
read every corpus/<slug>/<lang>.md and corpus/registry.yaml, parse, run the stages (citations,
reuse, search index), write the data (documents.json, paragraphs.jsonl, ..., manifest.json) and
build the site's pages against it, all into a new generation folder, dist.generations/<id>/;
then publish it in one step: dist becomes a link to it. A document with an error is left out;
the others build. The report ends by saying what came from what the last build kept in .cache/
(documents read from the parse cache, stages run from their memos) and each stage run cold, why.

What a failed build leaves: the previous build, published whole. Nothing is published when the
corpus cannot be built as a whole (no corpus folder, registry.yaml missing or unreadable, no
document built) or when the site fails; a build killed at any moment publishes nothing either.
One build at a time per folder: a second is refused while the first runs (lock .dist.lock).

  --corpus DIR   the corpus folder (default: corpus)
  --dist DIR     the published folder (default: dist); generations live in DIR.generations/
  --no-site      publish the data alone (quicker, for the CLI's cite and search): dist then holds
                 no pages, so a site published before is gone (a server answers 404) until the
                 next build without --no-site
  --out DIR      write the data alone into DIR instead (swapped in whole; not published, no site)
  --strict       exit 1 on warnings too
  --json         print {diagnostics, summary, publication} as JSON on stdout instead of
                 the report (publication: generation published or why not, the one it
                 replaced, the site, notes; schemas/build.ts)
  --no-cache     build cold: parse every document again and run every stage from scratch,
                 neither reading nor writing .cache/ (the parse cache and the stages' memos,
                 which a build otherwise keeps so that the next recomputes only what changed)
  --verbose      print each diagnostic's hint under it

Limits: a corpus file over 20 MB is skipped (an error); YAML in front matter and registry.yaml
holds at most ${YAML_LIMITS.anchors} anchors, ${YAML_LIMITS.aliases} aliases and ${YAML_LIMITS.mergeKeys} merge keys.

Exit codes: 0 built clean, 1 errors (or warnings with --strict), nothing published, or another
build running; 2 bad usage.`;

const CHECK_USAGE = `Usage: acquis check [--corpus DIR] [--strict] [--json] [--verbose]

Check the corpus without writing anything: front matter, registry, file names, encodings, and
everything the parser and the stages report. Diagnostics are printed as remark-cli prints them
(file, line:column, level, message, rule).

  --corpus DIR   the corpus folder (default: corpus)
  --strict       exit 1 on warnings too
  --json         print {diagnostics, summary} as JSON on stdout instead of the report
  --verbose      print each diagnostic's hint under it

Limits: as for acquis build (a corpus file over 20 MB is skipped; YAML holds at most
${YAML_LIMITS.anchors} anchors, ${YAML_LIMITS.aliases} aliases and ${YAML_LIMITS.mergeKeys} merge keys).

Exit codes: 0 clean, 1 errors (or warnings with --strict), 2 bad usage.`;

type Values = {
  corpus?: string;
  out?: string;
  dist?: string;
  "no-site"?: boolean;
  strict?: boolean;
  json?: boolean;
  "no-cache"?: boolean;
  verbose?: boolean;
  help?: boolean;
};

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
  const read = readOptions(argv, {
    corpus: { type: "string", value: "a directory" },
    strict: { type: "boolean" },
    json: { type: "boolean" },
    verbose: { type: "boolean" },
    help: { type: "boolean", short: "h" },
    ...(write
      ? {
          out: { type: "string", value: "a directory" },
          dist: { type: "string", value: "a directory" },
          "no-site": { type: "boolean" },
          "no-cache": { type: "boolean" },
        }
      : {}),
  } as const);
  if (read.error !== undefined || read.words.length) {
    const problem = read.error ?? `takes no words, only options (not "${read.words[0]}")`;
    return usageError(io, name, usage, problem);
  }
  const values = read.values as Values;
  if (values.help) {
    io.stdout(`${usage}\n`);
    return 0;
  }
  if (values.out !== undefined && (values.dist !== undefined || values["no-site"])) {
    return usageError(
      io,
      name,
      usage,
      "--out writes the data alone, unpublished; it goes with neither --dist nor --no-site.",
    );
  }
  const progress = progressLine(io.stderr, io.isTTY && !values.json);
  const options = {
    root: io.cwd,
    corpus: values.corpus ?? "corpus",
    cache: (!write ? "read" : values["no-cache"] ? "off" : "readwrite") as "read" | "off" | "readwrite",
    onProgress: progress.update,
  };
  const publishing = write && values.out === undefined;
  const dist = values.dist ?? "dist";
  // A data-only build replaces a published site too (keeping its pages beside new data would mix
  // two generations): known before publishing, so the report can say the site is gone.
  const hadSite =
    publishing && values["no-site"] === true && existsSync(path.join(io.cwd, dist, "index.html"));
  try {
    const published = publishing ? await publishBuild({ ...options, dist, site: !values["no-site"] }) : null;
    const result = published ?? (await build({ ...options, out: write ? values.out : null }));
    progress.clear();
    if (values.json) {
      io.stdout(
        jsonReport(
          result.diagnostics,
          result.summary,
          published ? publicationOf(published, hadSite) : undefined,
        ),
      );
    } else {
      const report = formatDiagnostics(result.diagnostics, {
        color: io.isTTY,
        verbose: values.verbose ?? false,
      });
      if (report) io.stderr(`${report}\n`);
      io.stderr(`${summaryLine(result.summary, write ? "built" : "checked")}\n`);
      if (write)
        for (const line of cacheLines(result.stats, result.runs, options.cache)) io.stderr(`${line}\n`);
      if (published) {
        for (const note of published.notes) io.stderr(`note: ${terminalSafe(note)}\n`);
        io.stderr(publicationLine(published, dist, hadSite));
      }
    }
    if (published && !published.published) return 1;
    return exitCode(result.summary, values.strict ?? false);
  } catch (e) {
    progress.clear();
    if (e instanceof BuildUsageError) {
      io.stderr(`acquis ${name}: ${e.message}\n`);
      return 2;
    }
    if (e instanceof LockBusy) {
      io.stderr(`acquis ${name}: ${e.message}\n`);
      return 1;
    }
    const where = !write
      ? ""
      : publishing
        ? `; nothing was published, ${dist} shows the previous build`
        : `; the previous output in ${values.out} was left as it was`;
    io.stderr(`acquis ${name}: the build failed${where}.\n${describeFailure(e, io.cwd)}\n`);
    return 1;
  }
}

/**
 * What was published, or why not, and what dist now shows; `hadSite`: dist held a site before a
 * data-only build, which this publication took down.
 */
function publicationLine(result: PublishResult, dist: string, hadSite = false): string {
  const site = result.site ? `data and site (${result.site.pages} pages)` : "data alone, no site";
  if (result.published) {
    return `published ${dist}: generation ${result.published.id}, ${site}${
      result.published.previous
        ? `; the one before, ${result.published.previous}, is kept until the next build`
        : ""
    }.\n${
      hadSite && !result.site
        ? `${dist} has no pages now: the site it showed is gone until a build without --no-site.\n`
        : ""
    }`;
  }
  const log =
    result.site && !result.site.ok
      ? ` (the site builder's whole output: ${relativeLog(result.site.log)})`
      : "";
  return `nothing was published: ${terminalSafe(result.refused ?? "")}${log}.\n${
    result.before ? `${dist} still shows generation ${result.before}, whole.` : `${dist} holds no build yet.`
  }\n`;
}

/** The publication as `--json` gives it: the facts of publicationLine, for a script. */
function publicationOf(result: PublishResult, hadSite: boolean): Publication {
  return Publication.parse({
    published: result.published !== null,
    generation: result.published?.id ?? null,
    previous: result.published?.previous ?? null,
    before: result.before,
    refused: result.refused,
    site: result.site
      ? {
          ok: result.site.ok,
          pages: result.site.pages,
          error: result.site.error,
          log: relativeLog(result.site.log),
        }
      : null,
    siteRemoved: result.published !== null && hadSite && !result.site,
    notes: result.notes,
  });
}

function relativeLog(log: string): string {
  const rel = path.relative(process.cwd(), log);
  return rel.startsWith("..") ? log : rel;
}

export const buildCommand: Command = {
  name: "build",
  summary: "Build the data and the site from the corpus and publish them together in dist/",
  usage: BUILD_USAGE,
  run: (argv, io) => runBuildCommand("build", argv, io),
};

export const checkCommandUsage = CHECK_USAGE;
