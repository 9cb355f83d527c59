/**
 * `acquis cite "<citation>"`: look up a citation a person typed, in Chinese or English, and print
 * the cited paragraph, or say precisely what could not be found.
 *
 * Decision: the command reads only the built knowledge base (dist/data/paragraphs.jsonl and
 * documents.json) and the registry, never the corpus Markdown, so it answers exactly as the site
 * does. The data files are the build's own output, validated against their schemas when written:
 * they are read as they are, their schemaVersion checked, and the schemas (zod) are not loaded,
 * which keeps the command's start-up near node's own; the registry, an input, is validated
 * (registry-cache.ts). With --batch it reads many citations on standard input, loads the data once and prints
 * one JSON line per input line (batch.ts). Exit codes: 0 every target found, 1 something not
 * found, 2 bad usage or no data.
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { DocumentRecord, Paragraph } from "../../schemas/index.ts";
import { SCHEMA_VERSION } from "../../schemas/version.ts";
import { citationsOf, pinpointEn } from "../../site/src/lib/citation.ts";
import { type Lookup, lookupCitation } from "../cite/query.ts";
import { buildIndex } from "../cite/resolve.ts";
import { stdinLines } from "./batch.ts";
import { readRegistry } from "./registry-cache.ts";
import type { Command, CommandIO } from "./types.ts";

const USAGE = `Usage: acquis cite "<citation>" [--json] [--data <dir>]
       acquis cite --batch [--data <dir>] < citations.txt

Look up a citation and print the paragraph it cites.

  <citation>     as written, in English or Chinese:
                   "A/75/816, annex I, para. 56"
                   "A/75/816，附件一，第 56 段"
                   "resolution 75/240, operative paragraph 1"
  --json         print the lookup as JSON
  --batch        many citations on standard input, one a line: one JSON line
                 per input line, in order, each the lookup as --json gives it
  --data <dir>   the built knowledge base (default: dist/data)

Exit codes: 0 found (with --batch: every line), 1 not found, 2 bad usage.`;

export const citeCommand: Command = {
  name: "cite",
  summary: "Look up a citation (zh or en) and print the cited paragraph",
  usage: USAGE,
  async run(argv: string[], io: CommandIO): Promise<number> {
    let json = false;
    let batch = false;
    let dataDir = "dist/data";
    const words: string[] = [];
    for (let k = 0; k < argv.length; k++) {
      const a = argv[k]!;
      if (a === "--json") json = true;
      else if (a === "--batch") batch = true;
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
    let index: ReturnType<typeof buildIndex>;
    try {
      const file = JSON.parse(readFileSync(documentsFile, "utf8")) as {
        schemaVersion?: unknown;
        documents?: DocumentRecord[];
      };
      if (file.schemaVersion !== SCHEMA_VERSION || !Array.isArray(file.documents))
        throw new Error(
          `documents.json is of schema version ${String(file.schemaVersion)}, this acquis reads ${SCHEMA_VERSION}: run \`npm run build\` again`,
        );
      const documents = file.documents;
      const paragraphs = readFileSync(paragraphsFile, "utf8")
        .split("\n")
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as Paragraph);
      const registryPath = resolve(io.cwd, "corpus/registry.yaml");
      const registry = existsSync(registryPath)
        ? await readRegistry(registryPath, resolve(io.cwd, ".cache/registry"))
        : { documents: [] };
      index = buildIndex(documents, paragraphs, registry);
    } catch (e) {
      io.stderr(`acquis cite: the knowledge base in ${dataDir} could not be read: ${(e as Error).message}\n`);
      return 2;
    }
    if (batch) return runBatch(index, io);
    const lookup = lookupCitation(query, index);
    if (json) io.stdout(`${JSON.stringify(lookup, null, 2)}\n`);
    else io.stdout(render(lookup));
    return found(lookup) ? 0 : 1;
  },
};

/** Whether every target of a lookup was found. */
function found(lookup: Lookup): boolean {
  return lookup.kind === "parsed" && lookup.results.every((r) => r.status === "resolved");
}

/** --batch: one lookup per line of standard input, one JSON line each; 0 when every one was found. */
async function runBatch(index: ReturnType<typeof buildIndex>, io: CommandIO): Promise<number> {
  let all = true;
  for await (const line of stdinLines(io)) {
    const query = line.trim();
    const lookup: Lookup = query
      ? lookupCitation(query, index)
      : { kind: "unparsed", query, message: "Empty line: no citation to look up." };
    all &&= found(lookup);
    io.stdout(`${JSON.stringify(lookup)}\n`);
  }
  return all ? 0 : 1;
}

function usageError(io: CommandIO, message: string): number {
  io.stderr(`acquis cite: ${message}\n\n${USAGE}\n`);
  return 2;
}

/** Plain-text rendering of a lookup, one block per target. */
export function render(lookup: Lookup): string {
  if (lookup.kind === "unparsed") return `Not understood: ${lookup.query}\n${lookup.message}\n`;
  const blocks = lookup.results.map((r) => {
    const t = r.target;
    const where =
      "article" in t
        ? `UN Charter, Article ${t.article}${t.para ? ` (${t.para})` : ""}`
        : [
            t.doc,
            ...(t.part.length ? [t.part[t.part.length - 1]] : []),
            ...(t.section ? [t.section] : []),
            ...(t.num.length ? [`para. ${pinpointEn(t.num)}`] : []),
          ].join(", ") + (t.partInferred ? ` (read as ${t.part.join(", ")}, where its report sits)` : "");
    if (r.status === "resolved") {
      if (r.paragraph) {
        // The paragraph's own citation, in UN style in both languages, ready to copy.
        const c = citationsOf(r.paragraph);
        return `${c.en}\n${c.zh}\n${r.paragraph.id}\n\n${r.paragraph.text}\n`;
      }
      return `${where}\n${r.resolved}\n${r.nearby.length ? `Holds: ${r.nearby.join(", ")}${r.nearby.length === 8 ? ", …" : ""}\n` : ""}`;
    }
    const lines = [`Not found: ${where}`, r.message ?? r.status];
    if (r.nearby.length) lines.push(`Nearby: ${r.nearby.join(", ")}`);
    if (r.candidates.length) lines.push(`Candidates: ${r.candidates.join(", ")}`);
    if (r.url) lines.push(`UN Official Document System: ${r.url}`);
    return `${lines.join("\n")}\n`;
  });
  return blocks.join("\n");
}
