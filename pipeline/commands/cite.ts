/**
 * `acquis cite "<citation>"`: look up a citation a person typed, in Chinese or English, and print
 * the cited paragraph, or say precisely what could not be found.
 *
 * Decision: the command reads only the built knowledge base (dist/data/paragraphs.jsonl and
 * documents.json, through the one reader core/data/read.ts; cite-data.ts) and the registry, never
 * the corpus Markdown, and resolves with core/cite, so it answers exactly as the site's resolver
 * does. With --batch it reads many citations on standard input, loads the data once and prints one
 * JSON line per input line (stdin.ts).
 *
 * Nothing is silently dropped: the first line says what of the citation was read and what was not
 * ("read: A/78/265; not read: at 5"), `--json` carries the unread spans, and anything unread makes
 * the exit code 1 even when a target was found. Exit codes: 0 every target found and everything
 * read (with --batch: on every line), 1 something not found or not read, 2 bad usage or no data.
 */
import { existsSync, realpathSync } from "node:fs";
import { resolve } from "node:path";
import { CHARTER_URL } from "../../core/address/urls.ts";
import { citationsOf } from "../../core/cite/format.ts";
import { type Lookup, lookupCitation, readingLine, targetText } from "../../core/cite/query.ts";
import { buildIndex, type CorpusIndex } from "../../core/cite/resolve.ts";
import type { Paragraph } from "../../schemas/index.ts";
import { jsonSafe, terminalSafe } from "../terminal.ts";
import { type CiteData, readCiteData } from "./cite-data.ts";
import { READER_OPTIONS, readCommandLine, usageError as usage } from "./options.ts";
import { stdinLines } from "./stdin.ts";
import type { Command, CommandIO } from "./types.ts";

/** Where the registry is, from the repository root. */
const REGISTRY = "corpus/registry.yaml";

const USAGE = `Usage: acquis cite "<citation>" [--json] [--data <dir>]
       acquis cite --batch [--data <dir>] < citations.txt

Look up a citation and print the paragraph it cites.

  <citation>     as written, in English or Chinese:
                   "A/75/816, annex I, para. 56"
                   "A/75/816，附件一，第 56 段"
                   "resolution 75/240, operative paragraph 1"
                   "A/76/136, Germany, para. 5"  (a State's section)
                   "A/76/136, p. 58"  (a page, where the corpus records pages)
                   "section 2.2 of <a national paper's title or id>"
  --json         print the lookup as JSON (schemas/json/cite-lookup.schema.json):
                 what was read, what was not ("unread": [{text, span}]), each target
  --batch        many citations on standard input, one a line: one JSON line
                 per input line, in order, each the lookup as --json gives it
  --data <dir>   the built knowledge base (default: dist/data)

A whole part or section is said as it is cited, with what it holds ("Holds 75
paragraphs: annex, paras. 1-60; …"). "Site:" gives the target's page on the site,
from the site's root, or whole when ACQUIS_SITE_URL names the site
("https://acquis.example.org").

Every part of the citation is read or reported: the first line says what was read
and what was not ("read: A/78/265; not read: at 5"). Spaces, punctuation and words
such as "see", "cf." and "见" around a citation are ignored (core/cite/GRAMMAR.md).
A part of the document the citation did not write is said ("Part inferred: …").

Exit codes: 0 every target found and everything read (with --batch: on every
line); 1 a target not found, or something in the citation not read; 2 bad usage.`;

export const citeCommand: Command = {
  name: "cite",
  summary: "Look up a citation (zh or en) and print the cited paragraph",
  usage: USAGE,
  async run(argv: string[], io: CommandIO): Promise<number> {
    const read = readCommandLine(
      argv,
      {
        ...READER_OPTIONS,
        batch: { type: "boolean" },
      },
      io,
      "cite",
      USAGE,
    );
    if (read.exit !== undefined) return read.exit;
    const { words } = read;
    const json = read.values.json === true;
    const batch = read.values.batch === true;
    const dataDir = read.values.data ?? "dist/data";
    const query = words.join(" ").trim();
    if (batch && query)
      return usageError(io, "--batch reads the citations from standard input, not the command line");
    if (!batch && !query) return usageError(io, "give the citation to look up");
    const dir = resolve(io.cwd, dataDir);
    const paragraphsFile = resolve(dir, "paragraphs.jsonl");
    const documentsFile = resolve(dir, "documents.json");
    if (!existsSync(paragraphsFile) || !existsSync(documentsFile)) {
      io.stderr(
        `acquis cite: no knowledge base in ${dataDir} (paragraphs.jsonl, documents.json). Run \`npm run build\` first.\n`,
      );
      return 2;
    }
    // The knowledge base read once through the link (a build publishing meanwhile cannot mix two
    // generations), and the registry as the build reads it: a bad entry costs that entry.
    let data: CiteData | null = null;
    let failure: unknown = null;
    try {
      data = await readCiteData(
        realpathSync(dir),
        resolve(io.cwd, REGISTRY),
        REGISTRY,
        resolve(io.cwd, ".cache/cli"),
      );
    } catch (e) {
      failure = e;
    }
    const registry =
      data?.registry ??
      (await import("./data-host.ts")).readRegistryFile(resolve(io.cwd, REGISTRY), REGISTRY);
    const said = registry.diagnostics.filter((d) => d.level !== "info");
    if (said.length) {
      const { formatDiagnostics } = await import("../report.ts");
      io.stderr(`${formatDiagnostics(said, { color: io.isTTY })}\n`);
      io.stderr(
        registry.usable
          ? "acquis cite: the registry entries above were left out.\n"
          : "acquis cite: the registry could not be read; citations by short title will not resolve.\n",
      );
    }
    if (!data) {
      io.stderr(
        `acquis cite: the knowledge base in ${dataDir} could not be read: ${terminalSafe((failure as Error).message)}\n`,
      );
      return 2;
    }
    const index: CorpusIndex = buildIndex(data.documents, data.paragraphs, registry.registry);
    if (batch) return runBatch(index, io);
    const lookup = withSiteUrl(lookupCitation(query, index), process.env.ACQUIS_SITE_URL);
    if (json) {
      // The printed JSON is the documented shape (schemas/lookup.ts), checked before it is
      // printed. Loaded only here: the schemas (zod) are a third of the start-up of a plain
      // `acquis cite`, whose text output is not that shape.
      const { CiteLookup } = await import("../../schemas/lookup.ts");
      const checked = CiteLookup.safeParse(lookup);
      if (!checked.success) {
        io.stderr(
          `acquis cite: the lookup does not have its documented shape: ${terminalSafe(checked.error.message)}\n`,
        );
        return 2;
      }
      io.stdout(`${jsonSafe(JSON.stringify(lookup, null, 2))}\n`);
    }
    // The cited text is the corpus's: printed, it must not act on the terminal.
    else io.stdout(terminalSafe(render(lookup)));
    return found(lookup) ? 0 : 1;
  },
};

/** Whether every target of a lookup was found and everything in the citation read. */
function found(lookup: Lookup<Paragraph>): boolean {
  return (
    lookup.kind === "parsed" &&
    lookup.unread.length === 0 &&
    lookup.results.every((r) => r.status === "resolved")
  );
}

/** --batch: one lookup per line of standard input, one JSON line each; 0 when every one was found. */
async function runBatch(index: CorpusIndex, io: CommandIO): Promise<number> {
  const { CiteLookup } = await import("../../schemas/lookup.ts");
  let all = true;
  for await (const line of stdinLines(io)) {
    const query = line.trim();
    const lookup: Lookup<Paragraph> = query
      ? withSiteUrl(lookupCitation(query, index), process.env.ACQUIS_SITE_URL)
      : { kind: "unparsed", query, message: "Empty line: no citation to look up.", read: [], unread: [] };
    // Each line in the documented shape (schemas/lookup.ts), as one lookup with --json is.
    CiteLookup.parse(lookup);
    all &&= found(lookup);
    io.stdout(`${jsonSafe(JSON.stringify(lookup))}\n`);
  }
  return all ? 0 : 1;
}

const usageError = (io: CommandIO, message: string): number => usage(io, "cite", USAGE, message);

/** "Site: /doc/A-78-265/zh/#annex-h1", the target's address on the site; nothing without one. */
function siteLine(site: string | null): string {
  return site ? `Site: ${site}\n` : "";
}

/**
 * The site addresses of a lookup made absolute when the site's URL is known (ACQUIS_SITE_URL, as
 * the site's sitemap reads it); else left from the site's root, the CLI knowing no host.
 */
export function withSiteUrl<L extends Lookup<Paragraph>>(lookup: L, base: string | undefined): L {
  if (!base || lookup.kind !== "parsed") return lookup;
  let root: URL;
  try {
    root = new URL(base);
  } catch {
    return lookup;
  }
  return {
    ...lookup,
    results: lookup.results.map((r) => (r.site ? { ...r, site: new URL(r.site, root).href } : r)),
  };
}

/** Plain-text rendering of a lookup, one block per target. */
export function render(lookup: Lookup<Paragraph>): string {
  if (lookup.kind === "unparsed")
    return `${readingLine(lookup)}\nNot understood: ${lookup.query}\n${lookup.message}\n`;
  const blocks = lookup.results.map((r) => {
    const t = r.target;
    const where = targetText(t);
    const inferred = "part" in t && t.partInferred;
    if (r.status === "resolved") {
      if (r.paragraph) {
        // The paragraph's own citation, in UN style in both languages, ready to copy; a part the
        // citation did not write is said first, as the site's resolver says it.
        const c = citationsOf(r.paragraph);
        return `${inferred ? `Part inferred: ${where}\n` : ""}${c.en}\n${c.zh}\n${r.paragraph.id}\n${siteLine(r.site)}\n${r.paragraph.text}\n`;
      }
      // A whole part, section or page: what it holds as people cite it ("annex, paras. 1-60"),
      // never the internal addresses; page words that could not be placed say why.
      return `${where}\n${r.resolved}\n${r.message ? `${r.message}\n` : ""}${r.holds ? `Holds ${r.holds.en}\n` : ""}${siteLine(r.site)}`;
    }
    const lines = [`Not found: ${where}`, r.message ?? r.status];
    if (r.nearby.length) lines.push(`Nearby: ${r.nearby.join(", ")}`);
    if (r.candidates.length) lines.push(`Candidates: ${r.candidates.join(", ")}`);
    if (r.url) lines.push(`UN Official Document System: ${r.url}`);
    // The Charter has no ODS symbol: its text on un.org, as the site's resolver links it.
    if (r.status === "external") lines.push(`The Charter on un.org: ${CHARTER_URL}`);
    return `${lines.join("\n")}\n`;
  });
  return `${readingLine(lookup)}\n\n${blocks.join("\n")}`;
}
