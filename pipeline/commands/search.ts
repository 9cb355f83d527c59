/**
 * `acquis search "<words or phrase>"`: full-text search of the built knowledge base, in Chinese
 * and English, from the terminal.
 *
 * Decision: the command runs the browser's engine (core/search/engine.ts) over the index
 * files in dist/data/search/, read from disk (data-host.ts) instead of fetched, so the terminal and the site give
 * the same hits in the same order. A long query (a pasted draft) can come from standard input:
 * `acquis search -`, or no words when standard input is not a terminal; it is one query, read
 * whole. `--batch` reads many queries there instead, one a line, each ranked by the same engine
 * call as a single query, so a script pays the start-up and the index's loading once. Exit codes: 0 something found, 1 nothing found, 2 bad usage or no index.
 */
import { existsSync, realpathSync } from "node:fs";
import { resolve } from "node:path";
import { citationSpans } from "../../core/cite/spans.ts";
import {
  onlyOtherLanguage,
  SearchEngine,
  type SearchHit,
  type SearchOptions,
  type SearchResult,
  snippet,
} from "../../core/search/engine.ts";
import { verdictWords } from "../../core/search/rank.ts";
import { jsonSafe, terminalSafe } from "../terminal.ts";
import { diskSource } from "./disk-source.ts";
import { READER_OPTIONS, readCommandLine, usageError as usage } from "./options.ts";
import { readStdin, stdinLines } from "./stdin.ts";
import type { Command, CommandIO } from "./types.ts";

const USAGE = `Usage: acquis search "<words, a phrase or a draft>" [options]
       acquis search - [options] < draft.txt
       acquis search --batch [options] < queries.txt

Find the paragraphs that carry the words (zh or en), the one carrying most of
them first. Traditional characters, full-width letters, case and accents are
folded: 關鍵基礎設施 finds 关键基础设施; so is the spacing between Chinese and
Latin letters or digits: 第75/240号决议 finds 第 75/240 号决议.

A draft of any length (up to 20,000 characters) can come from standard input:
give "-" as the query, or no query with the text piped in. Its sentences are
then said to be agreed language (with the paragraph that carries most of each)
or new wording.

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
  --all            every hit, every candidate read (by default a query reads
                   the 40 likeliest, or as many as --limit asks for)
  --json           print an array of hits {id, doc, lang, citation, snippet,
                   match, carried, ...}
  --batch          many queries on standard input, one a line (the options apply
                   to each, ranked as one query is): one JSON line per input
                   line, in order, {query, total, complete, hits} with hits as
                   --json prints them; total counts every hit when complete is
                   true, else it is a floor (at least the hits given): --all
                   for the whole count
  --data <dir>     the built knowledge base (default: dist/data)

Ranking: by how much of the query a paragraph carries, measured as the reuse
stage measures reuse (shared passages; characters for Chinese, words for
English; recurring formulas count for less), then the query word for word, then
its words held anywhere; among equals consensus texts first, then the newest.
Paragraphs in the other language come after, unless --lang asks for one.
Within a longer query, a single letter, digits or a lone character never make
a hit on their own; a query of nothing else (的, x, 2023) is read as an exact
phrase, found where it stands whole.
Exit codes: 0 found, 1 nothing found, 2 bad usage.`;

/** The longest query the command reads, as the site does: a long draft, not a book. */
const MAX_QUERY = 20_000;

/**
 * Why an empty answer was an exact-phrase search: asked for (--phrase, quotes), or because the
 * query has no word to rank by (single letters, digits, symbol fragments), which the engine then
 * looks for only where it stands whole; without this "x" answered "(exact phrase)" unasked.
 */
function phraseNote(query: string, asked: boolean, asPhrase: boolean): string {
  if (!asPhrase) return "";
  if (asked || /^\s*["“].*["”]\s*$/s.test(query)) return " (exact phrase)";
  return " (read as an exact phrase: it has no word to rank by, only single letters, digits or symbols, which are found only where they stand whole)";
}

/** A query shown in a message: itself when short, its first words otherwise. */
function shown(query: string): string {
  const q = query.replace(/\s+/g, " ").trim();
  return q.length <= 60 ? `“${q}”` : `your text (${[...query].length} characters, “${q.slice(0, 40)}…”)`;
}

/** How a hit matched, in words. */
function how(h: SearchHit, lang: "zh" | "en"): string {
  if (h.match === "phrase") return "carries your text word for word";
  if (h.match === "passage") return `carries ${Math.round(h.carried * 100)} % of your text`;
  return `holds ${Math.round(h.coverage * 100)} % of your ${lang === "zh" ? "characters" : "words"}, not together`;
}

const usageError = (io: CommandIO, message: string): number => usage(io, "search", USAGE, message);

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

const round = (x: number) => Math.round(x * 1000) / 1000;

/** A hit as --json and --batch print it. */
function jsonHit(h: SearchHit) {
  return {
    id: h.id,
    doc: h.doc,
    lang: h.lang,
    citation: h.citation,
    snippet: snippet(h),
    match: h.match,
    carried: round(h.carried),
    shared: round(h.shared),
    coverage: round(h.coverage),
    date: h.date,
    status: h.status,
    text: h.text,
    highlights: h.ranges,
    queryRanges: h.queryRanges,
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
    if (query.length > MAX_QUERY) {
      all = false;
      const error = `The query has ${query.length} characters, more than the ${MAX_QUERY} a query may have; nothing was searched.`;
      io.stdout(`${jsonSafe(JSON.stringify({ query, error }))}\n`);
      continue;
    }
    const result = await engine.search(query, opts);
    all &&= result.hits.length > 0;
    const record = { query, total: result.total, complete: result.complete, hits: result.hits.map(jsonHit) };
    io.stdout(`${jsonSafe(JSON.stringify(record))}\n`);
  }
  return all ? 0 : 1;
}

const LANG_NAME = { zh: "Chinese", en: "English" } as const;

/** Why a query in one language finds nothing in a corpus of the other. */
export function oneLanguage(corpus: "zh" | "en", query: "zh" | "en"): string {
  return `The corpus holds only ${LANG_NAME[corpus]} texts, so a query in ${LANG_NAME[query]} finds nothing in it; search in ${LANG_NAME[corpus]}, or add the ${LANG_NAME[query]} versions (acquis fetch <symbol> --lang ${query}).`;
}

/** The filters given on the command line, as written ("--doc A/99/1", "--consensus"); --lang is said apart. */
function filterFlags(v: Record<string, string | boolean | undefined>): string[] {
  const out: string[] = [];
  for (const name of ["doc", "type", "body", "from", "to"]) {
    const value = v[name];
    if (typeof value === "string") out.push(`--${name} ${value}`);
  }
  if (v.consensus) out.push("--consensus");
  return out;
}

export const searchCommand: Command = {
  name: "search",
  summary: "Full-text search of paragraphs, zh and en (exact phrases with --phrase)",
  usage: USAGE,
  async run(argv: string[], io: CommandIO): Promise<number> {
    const read = readCommandLine(
      argv,
      {
        ...READER_OPTIONS,
        batch: { type: "boolean" },
        phrase: { type: "boolean" },
        all: { type: "boolean" },
        consensus: { type: "boolean" },
        lang: { type: "string", value: "zh or en" },
        doc: { type: "string", value: "a document's symbol or id" },
        type: { type: "string", value: "a document type" },
        body: { type: "string", value: "a body" },
        from: { type: "string", value: "a year" },
        to: { type: "string", value: "a year" },
        limit: { type: "string", value: "a number of results" },
      },
      io,
      "search",
      USAGE,
    );
    if (read.exit !== undefined) return read.exit;
    const v = read.values;
    const { words } = read;
    const json = v.json === true;
    const batch = v.batch === true;
    const dataDir = v.data ?? "dist/data";
    const opts: SearchOptions = { limit: 20 };
    if (v.phrase) opts.phrase = true;
    if (v.consensus) opts.consensus = true;
    if (v.lang !== undefined) {
      if (v.lang !== "zh" && v.lang !== "en") return usageError(io, `--lang is zh or en, not ${v.lang}`);
      opts.lang = v.lang;
    }
    if (v.doc !== undefined) opts.doc = v.doc;
    if (v.type !== undefined) opts.type = v.type;
    if (v.body !== undefined) opts.body = v.body;
    for (const name of ["limit", "from", "to"] as const) {
      const text = v[name];
      if (text === undefined) continue;
      const n = Number(text);
      // 0 is a whole number: saying "needs a whole number, not 0" told the user something false.
      if (name === "limit" && !(Number.isInteger(n) && n >= 1))
        return usageError(
          io,
          `--limit needs a whole number of 1 or more (or --all for every hit), not ${text}`,
        );
      if (!Number.isInteger(n) || n < 0)
        return usageError(io, `--${name} needs a year, a whole number, not ${text}`);
      if (name === "limit") opts.limit = n;
      else if (name === "from") opts.yearFrom = n;
      else opts.yearTo = n;
    }
    // --all asks for every hit, whatever --limit says.
    if (v.all) {
      opts.limit = Number.POSITIVE_INFINITY;
      opts.budget = Number.POSITIVE_INFINITY;
    }
    if (batch && words.length) {
      return usageError(io, "--batch reads the queries from standard input, not the command line");
    }
    // "-", or no words with something piped in: the query is standard input, read whole.
    const fromStdin =
      !batch && ((words.length === 1 && words[0] === "-") || (!words.length && io.stdin && !io.stdin.isTTY));
    const query = (fromStdin ? await readStdin(io) : words.join(" ")).trim();
    if (!batch && !query) {
      return usageError(
        io,
        fromStdin ? "standard input was empty" : "give the words or phrase to search for",
      );
    }
    if (query.length > MAX_QUERY) {
      // Nothing is read then: saying "at most N are read" sounded as if the rest were cut off.
      return usageError(
        io,
        `the query has ${query.length} characters, more than the ${MAX_QUERY} a query may have; nothing was searched: split it in parts`,
      );
    }
    let dir = resolve(io.cwd, dataDir, "search");
    if (!existsSync(resolve(dir, "index.json"))) {
      io.stderr(`acquis search: no search index in ${dataDir}/search. Run \`npm run build\` first.\n`);
      return 2;
    }
    // Resolved once through the published link: a build publishing meanwhile cannot hand this
    // search the manifest of one generation and the shards of another.
    dir = realpathSync(dir);
    let result: SearchResult;
    // Nothing found: whether any word of the query occurs anywhere at all.
    let nowhere = false;
    // Nothing found under filters: whether the query, unfiltered, is found (null: no filter given).
    let foundUnfiltered: boolean | null = null;
    const filters = filterFlags(v);
    try {
      const engine = await SearchEngine.open(diskSource(dir));
      if (batch) return await runBatch(engine, opts, io);
      // A draft's citations are not wording: its sentences are measured without them.
      result = await engine.search(query, { ...opts, citations: citationSpans(query) });
      if (!result.hits.length && filters.length) {
        const loose = await engine.search(query, { phrase: opts.phrase, lang: opts.lang, limit: 1 });
        foundUnfiltered = loose.hits.length > 0;
      }
      if (!result.hits.length && !result.query.phrase) {
        const unseen = await engine.unseen(query, result);
        const letters = (t: string) => t.replace(/[^\p{L}\p{N}]/gu, "").length;
        nowhere =
          unseen.complete &&
          unseen.ranges.reduce((n, [a, b]) => n + letters(query.slice(a, b)), 0) >= letters(query);
      }
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
        terminalSafe(
          `No paragraph carries ${shown(query)}${phraseNote(query, opts.phrase === true, result.query.phrase)}.\n`,
        ),
      );
      const only = onlyOtherLanguage(result, opts.lang);
      // A filter that leaves nothing (a document not in the corpus, a year past the newest) must
      // not read as "the corpus does not carry it".
      if (foundUnfiltered !== null)
        io.stdout(
          terminalSafe(
            `Only what the filters allow was searched (${filters.join(", ")}); ${
              foundUnfiltered
                ? "without them, paragraphs do carry it: drop or widen them."
                : "without them it is not found either."
            }\n`,
          ),
        );
      if (only) io.stdout(`${oneLanguage(only, result.query.lang)}\n`);
      else if (nowhere) io.stdout("None of its words occurs in any paragraph of the corpus.\n");
    } else {
      const out: string[] = [];
      // A draft of several sentences: each said agreed language, or new.
      if (result.sentences.length > 1) {
        out.push("Your text, sentence by sentence:");
        for (const v of result.sentences) {
          const text = query.slice(v.start, v.end).replace(/\s+/g, " ").trim();
          out.push(
            terminalSafe(
              v.agreed && v.source
                ? `  ${verdictWords(v).join(v.source.citation)}: ${text}`
                : `  ${verdictWords(v)[0]}: ${text}`,
            ),
          );
          if (v.cited.length && v.share > 0)
            out.push(terminalSafe(`    (not measured, as citations: ${citedWords(query, v.cited)})`));
        }
        out.push("");
      }
      const blocks = result.hits.map((h) => {
        const s = snippet(h);
        // Corpus text must not act on the terminal: neutralised one character for one, so the
        // highlight offsets still hold, before the highlights' own escapes are added.
        const text = `${s.cutStart ? "…" : ""}${marked(terminalSafe(s.text), s.highlights, io.isTTY)}${s.cutEnd ? "…" : ""}`;
        return `${terminalSafe(`${h.citation}  (${h.date.slice(0, 4)}, ${h.status}; ${how(h, result.query.lang)})\n${h.id}`)}\n${text}\n`;
      });
      const more = result.complete ? "" : " (more with --all or --limit)";
      out.push(
        `${blocks.join("\n")}\n${result.hits.length} shown${result.complete ? ` of ${result.total}` : ""}${more}.\n`,
      );
      io.stdout(out.join("\n"));
    }
    return result.hits.length ? 0 : 1;
  },
};

/** The citations of a sentence, quoted: "A/78/265 号文件附件第 23 段", "resolution 75/240". */
function citedWords(query: string, cited: ReadonlyArray<readonly [number, number]>): string {
  return cited.map(([a, b]) => `"${query.slice(a, b).replace(/\s+/g, " ").trim()}"`).join(", ");
}
