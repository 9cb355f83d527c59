/**
 * `acquis cite "<citation>"`: look up a citation a person typed, in Chinese or English, and print
 * the cited paragraph, or say precisely what could not be found.
 *
 * Decision: the command reads only the built knowledge base (dist/data/paragraphs.jsonl and
 * documents.json, through the one reader core/data/read.ts) and the registry, never the corpus
 * Markdown, and resolves with core/cite, so it answers exactly as the site's resolver does.
 *
 * Nothing is silently dropped: the first line says what of the citation was read and what was not
 * ("read: A/78/265; not read: at 5"), `--json` carries the unread spans, and anything unread makes
 * the exit code 1 even when a target was found. Exit codes: 0 every target found and everything
 * read, 1 something not found or not read, 2 bad usage or no data.
 */
import { existsSync, realpathSync } from "node:fs";
import { resolve } from "node:path";
import { citationsOf } from "../../core/cite/format.ts";
import { type Lookup, lookupCitation, readingLine, targetText } from "../../core/cite/query.ts";
import { buildIndex, type CorpusIndex } from "../../core/cite/resolve.ts";
import { CiteLookup, type Paragraph } from "../../schemas/index.ts";
import { formatDiagnostics } from "../report.ts";
import { jsonSafe, terminalSafe } from "../terminal.ts";
import { readDataDir, readRegistryFile } from "./data-host.ts";
import type { Command, CommandIO } from "./types.ts";

/** Where the registry is, from the repository root. */
const REGISTRY = "corpus/registry.yaml";

const USAGE = `Usage: acquis cite "<citation>" [--json] [--data <dir>]

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
  --data <dir>   the built knowledge base (default: dist/data)

Every part of the citation is read or reported: the first line says what was read
and what was not ("read: A/78/265; not read: at 5"). Spaces, punctuation and words
such as "see", "cf." and "见" around a citation are ignored (core/cite/GRAMMAR.md).
A part of the document the citation did not write is said ("Part inferred: …").

Exit codes: 0 every target found and everything read; 1 a target not found, or
something in the citation not read; 2 bad usage.`;

export const citeCommand: Command = {
  name: "cite",
  summary: "Look up a citation (zh or en) and print the cited paragraph",
  usage: USAGE,
  async run(argv: string[], io: CommandIO): Promise<number> {
    let json = false;
    let dataDir = "dist/data";
    const words: string[] = [];
    for (let k = 0; k < argv.length; k++) {
      const a = argv[k]!;
      if (a === "--json") json = true;
      else if (a === "--data") {
        const v = argv[++k];
        if (!v) return usageError(io, "--data needs a directory");
        dataDir = v;
      } else if (a === "--help" || a === "-h") {
        io.stdout(`${USAGE}\n`);
        return 0;
      } else if (a.startsWith("--")) return usageError(io, `unknown option ${a}`);
      else words.push(a);
    }
    const query = words.join(" ").trim();
    if (!query) return usageError(io, "give the citation to look up");
    const dir = resolve(io.cwd, dataDir);
    const paragraphsFile = resolve(dir, "paragraphs.jsonl");
    const documentsFile = resolve(dir, "documents.json");
    if (!existsSync(paragraphsFile) || !existsSync(documentsFile)) {
      io.stderr(
        `acquis cite: no knowledge base in ${dataDir} (paragraphs.jsonl, documents.json). Run \`npm run build\` first.\n`,
      );
      return 2;
    }
    // The registry as the build reads it: a bad entry costs that entry, and says so.
    const registry = readRegistryFile(resolve(io.cwd, REGISTRY), REGISTRY);
    const said = registry.diagnostics.filter((d) => d.level !== "info");
    if (said.length) {
      io.stderr(`${formatDiagnostics(said, { color: io.isTTY })}\n`);
      io.stderr(
        registry.usable
          ? "acquis cite: the registry entries above were left out.\n"
          : "acquis cite: the registry could not be read; citations by short title will not resolve.\n",
      );
    }
    let index: CorpusIndex;
    try {
      // Read once through the link: a build publishing meanwhile cannot mix two generations.
      const { documents, paragraphs } = readDataDir(realpathSync(dir));
      index = buildIndex(documents, paragraphs, registry.registry);
    } catch (e) {
      io.stderr(
        `acquis cite: the knowledge base in ${dataDir} could not be read: ${terminalSafe((e as Error).message)}\n`,
      );
      return 2;
    }
    const lookup = lookupCitation(query, index);
    // The printed shape is the documented one (schemas/lookup.ts), checked before it is printed.
    const checked = CiteLookup.safeParse(lookup);
    if (!checked.success) {
      io.stderr(
        `acquis cite: the lookup does not have its documented shape: ${terminalSafe(checked.error.message)}\n`,
      );
      return 2;
    }
    // The cited text is the corpus's: printed, it must not act on the terminal.
    if (json) io.stdout(`${jsonSafe(JSON.stringify(lookup, null, 2))}\n`);
    else io.stdout(terminalSafe(render(lookup)));
    if (lookup.kind === "unparsed" || lookup.unread.length > 0) return 1;
    return lookup.results.every((r) => r.status === "resolved") ? 0 : 1;
  },
};

function usageError(io: CommandIO, message: string): number {
  io.stderr(`acquis cite: ${message}\n\n${USAGE}\n`);
  return 2;
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
        return `${inferred ? `Part inferred: ${where}\n` : ""}${c.en}\n${c.zh}\n${r.paragraph.id}\n\n${r.paragraph.text}\n`;
      }
      // A page says what it holds; page words that could not be placed say why.
      return `${where}\n${r.resolved}\n${r.message ? `${r.message}\n` : ""}${r.nearby.length ? `Holds: ${r.nearby.join(", ")}${r.nearby.length === 8 ? ", …" : ""}\n` : ""}`;
    }
    const lines = [`Not found: ${where}`, r.message ?? r.status];
    if (r.nearby.length) lines.push(`Nearby: ${r.nearby.join(", ")}`);
    if (r.candidates.length) lines.push(`Candidates: ${r.candidates.join(", ")}`);
    if (r.url) lines.push(`UN Official Document System: ${r.url}`);
    return `${lines.join("\n")}\n`;
  });
  return `${readingLine(lookup)}\n\n${blocks.join("\n")}`;
}
