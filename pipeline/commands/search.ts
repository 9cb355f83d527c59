/**
 * `acquis search "<words or phrase>"`: full-text search of the built knowledge base, in Chinese
 * and English, from the terminal.
 *
 * Decision: the command runs the browser's engine (core/search/engine.ts) over the index
 * files in dist/data/search/, read from disk (data-host.ts) instead of fetched, so the terminal and the site give
 * the same hits in the same order. Exit codes: 0 something found, 1 nothing found, 2 bad usage or
 * no index.
 */
import { existsSync, realpathSync } from "node:fs";
import { resolve } from "node:path";
import { SearchEngine, type SearchOptions, snippet } from "../../core/search/engine.ts";
import { jsonSafe, terminalSafe } from "../terminal.ts";
import { stdinLines } from "./batch.ts";
import { diskSource } from "./disk-source.ts";
import type { Command, CommandIO } from "./types.ts";

const USAGE = `Usage: acquis search "<words or phrase>" [options]
       acquis search --batch [options] < queries.txt

Find every paragraph that carries the words (zh or en). Traditional characters,
full-width letters, case and accents are folded: 關鍵基礎設施 finds 关键基础设施.

  --phrase         exact phrase (same as putting the query in quotes): every
                   paragraph holding it, also across word boundaries (础设施和关键信)
  --lang zh|en     one language
  --doc <symbol>   one document, e.g. A/78/265
  --type <type>    report, resolution, decision, ...
  --body <body>    issuing body, as in the documents' front matter
  --from <year>    documents dated in or after this year
  --to <year>      documents dated in or before this year
  --consensus      consensus texts only
  --limit <n>      at most n hits (default 20)
  --all            every hit
  --json           print an array of hits {id, doc, lang, citation, snippet, ...}
  --batch          many queries on standard input, one a line (the options apply
                   to each): one JSON line per input line, in order,
                   {query, total, complete, hits} with hits as --json prints them
  --data <dir>     the built knowledge base (default: dist/data)

Ranking: the whole phrase first, then every word, then some words; newer consensus
texts first among equals. Exit codes: 0 found, 1 nothing found, 2 bad usage.`;

function usageError(io: CommandIO, message: string): number {
  io.stderr(`acquis search: ${message}\n\n${USAGE}\n`);
  return 2;
}

/** Text with highlights marked: bold on a terminal, **like this** otherwise. */
function marked(text: string, ranges: Array<[number, number]>, tty: boolean): string {
  const [open, close] = tty ? ["\x1b[1;4m", "\x1b[0m"] : ["**", "**"];
  let out = "";
  let at = 0;
  for (const [s, e] of ranges) {
    out += text.slice(at, s) + open + text.slice(s, e) + close;
    at = e;
  }
  return out + text.slice(at);
}

type Result = Awaited<ReturnType<SearchEngine["search"]>>;

/** A hit as --json and --batch print it. */
function jsonHit(h: Result["hits"][number]) {
  return {
    id: h.id,
    doc: h.doc,
    lang: h.lang,
    citation: h.citation,
    snippet: snippet(h),
    match:
      h.tier === 0 ? "phrase" : h.tier === 1 ? "all-terms" : h.tier === 2 ? "all-terms-loose" : "some-terms",
    date: h.date,
    status: h.status,
    text: h.text,
    highlights: h.ranges,
  };
}

/** --batch: one search per line of standard input, one JSON line each; 0 when every one found something. */
async function runBatch(engine: SearchEngine, opts: SearchOptions, io: CommandIO): Promise<number> {
  let all = true;
  for await (const line of stdinLines(io)) {
    const query = line.trim();
    if (!query) {
      all = false;
      io.stdout(`${jsonSafe(JSON.stringify({ query, error: "Empty line: no words to search for." }))}\n`);
      continue;
    }
    const result = await engine.search(query, opts);
    all &&= result.hits.length > 0;
    const record = { query, total: result.total, complete: result.complete, hits: result.hits.map(jsonHit) };
    io.stdout(`${jsonSafe(JSON.stringify(record))}\n`);
  }
  return all ? 0 : 1;
}

export const searchCommand: Command = {
  name: "search",
  summary: "Full-text search of paragraphs, zh and en (exact phrases with --phrase)",
  usage: USAGE,
  async run(argv: string[], io: CommandIO): Promise<number> {
    const opts: SearchOptions = { limit: 20 };
    let json = false;
    let batch = false;
    let dataDir = "dist/data";
    const words: string[] = [];
    const value = (k: number): string | null => {
      const v = argv[k];
      return v === undefined || v.startsWith("--") ? null : v;
    };
    for (let k = 0; k < argv.length; k++) {
      const a = argv[k] as string;
      if (a === "--help" || a === "-h") {
        io.stdout(`${USAGE}\n`);
        return 0;
      }
      if (a === "--json") json = true;
      else if (a === "--batch") batch = true;
      else if (a === "--phrase") opts.phrase = true;
      else if (a === "--all") opts.limit = Number.POSITIVE_INFINITY;
      else if (a === "--consensus") opts.consensus = true;
      else if (["--lang", "--doc", "--type", "--body", "--from", "--to", "--limit", "--data"].includes(a)) {
        const v = value(++k);
        if (v === null) return usageError(io, `${a} needs a value`);
        if (a === "--lang") {
          if (v !== "zh" && v !== "en") return usageError(io, `--lang is zh or en, not ${v}`);
          opts.lang = v;
        } else if (a === "--doc") opts.doc = v;
        else if (a === "--type") opts.type = v;
        else if (a === "--body") opts.body = v;
        else if (a === "--data") dataDir = v;
        else {
          const n = Number(v);
          if (!Number.isInteger(n) || n < (a === "--limit" ? 1 : 0)) {
            return usageError(io, `${a} needs a whole number, not ${v}`);
          }
          if (a === "--limit") opts.limit = n;
          else if (a === "--from") opts.yearFrom = n;
          else opts.yearTo = n;
        }
      } else if (a.startsWith("--")) return usageError(io, `unknown option ${a}`);
      else words.push(a);
    }
    const query = words.join(" ").trim();
    if (batch && query)
      return usageError(io, "--batch reads the queries from standard input, not the command line");
    if (!batch && !query) return usageError(io, "give the words or phrase to search for");
    let dir = resolve(io.cwd, dataDir, "search");
    if (!existsSync(resolve(dir, "index.json"))) {
      io.stderr(`acquis search: no search index in ${dataDir}/search. Run \`npm run build\` first.\n`);
      return 2;
    }
    // Resolved once through the published link: a build publishing meanwhile cannot hand this
    // search the manifest of one generation and the shards of another.
    dir = realpathSync(dir);
    let result: Result;
    try {
      const engine = await SearchEngine.open(diskSource(dir));
      if (batch) return await runBatch(engine, opts, io);
      result = await engine.search(query, opts);
    } catch (e) {
      io.stderr(
        `acquis search: the search index in ${dataDir}/search could not be read: ${terminalSafe((e as Error).message)}\n`,
      );
      return 2;
    }
    if (json) {
      io.stdout(`${jsonSafe(JSON.stringify(result.hits.map(jsonHit), null, 2))}\n`);
    } else if (!result.hits.length) {
      io.stdout(
        terminalSafe(`No paragraph matches ${query}${result.query.phrase ? " (exact phrase)" : ""}.\n`),
      );
    } else {
      const blocks = result.hits.map((h) => {
        const s = snippet(h);
        // Corpus text must not act on the terminal: neutralised one character for one, so the
        // highlight offsets still hold, before the highlights' own escapes are added.
        const text = `${s.cutStart ? "…" : ""}${marked(terminalSafe(s.text), s.highlights, io.isTTY)}${s.cutEnd ? "…" : ""}`;
        return `${terminalSafe(`${h.citation}  (${h.date.slice(0, 4)}, ${h.status})\n${h.id}`)}\n${text}\n`;
      });
      const more = result.complete ? "" : " (more with --all or --limit)";
      io.stdout(
        `${blocks.join("\n")}\n${result.hits.length} shown${result.complete ? ` of ${result.total}` : ""}${more}.\n`,
      );
    }
    return result.hits.length ? 0 : 1;
  },
};
