/**
 * `acquis search` over an index written to a temporary dist/data/search: what it prints, the
 * --json hits, filters and paging on the command line, usage errors and exit codes.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { searchCommand } from "../../pipeline/commands/search.ts";
import { stdinOf } from "../../pipeline/commands/stdin.ts";
import { buildSearchIndex } from "../../pipeline/index/build.ts";
import type { Paragraph } from "../../schemas/index.ts";
import { documentRecord, paragraph } from "../factories.ts";
import { has } from "../needs.ts";
import { realCorpus, scan } from "./helpers.ts";

let paragraphs: Paragraph[];
let root: string;

/** The real corpus's index, written to a temporary dist/data/search. */
function writeIndex(): void {
  const corpus = realCorpus();
  paragraphs = corpus.paragraphs;
  root = mkdtempSync(join(tmpdir(), "acquis-search-"));
  writeFiles(buildSearchIndex(paragraphs, corpus.documents).files);
}

/** Index files written to `root`/dist/data/search. */
function writeFiles(files: Record<string, Uint8Array | string>): void {
  for (const [path, content] of Object.entries(files)) {
    const file = join(root, "dist/data/search", path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
}

/** Run the command; `input`: what is piped to standard input (absent: standard input is a terminal). */
async function runWith(input: string | null, ...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await searchCommand.run(argv, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    isTTY: false,
    cwd: root,
    stdin: stdinOf(input ?? "", input === null),
  });
  return { code, stdout, stderr };
}

const run = (...argv: string[]) => runWith(null, ...argv);

interface JsonHit {
  id: string;
  doc: string;
  lang: string;
  citation: string;
  snippet: { text: string; highlights: Array<[number, number]> };
}

describe("acquis search over a corpus of one language", () => {
  test("a query in the other language finds nothing, and the command says why", async () => {
    const zh = [paragraph({ doc: "A/78/265", num: ["1"], text: "各国支持建立联络点名录。" })];
    root = mkdtempSync(join(tmpdir(), "acquis-search-"));
    writeFiles(buildSearchIndex(zh, [documentRecord({ symbol: "A/78/265" })]).files);
    const r = await run("points of contact directory");
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      "No paragraph carries “points of contact directory”.\nThe corpus holds only Chinese texts, so a query in English finds nothing in it; search in Chinese, or add the English versions (acquis fetch <symbol> --lang en).\n",
    );
    // Asked for English, the answer is plain: nothing.
    expect((await run("points of contact directory", "--lang", "en")).stdout).not.toContain("only Chinese");
    // Words that occur nowhere, in the corpus's own language: said so.
    expect((await run("量子小部件")).stdout).toBe(
      "No paragraph carries “量子小部件”.\nNone of its words occurs in any paragraph of the corpus.\n",
    );
  });
});

describe("acquis search says why it found nothing, and why it searched nothing", () => {
  test("a query of a single letter is an exact phrase unasked, and the answer says so; asked for, it says only that", async () => {
    const en = [
      paragraph({
        doc: "A/78/265",
        lang: "en",
        num: ["1"],
        text: "States support a directory of points of contact.",
      }),
    ];
    root = mkdtempSync(join(tmpdir(), "acquis-search-"));
    writeFiles(buildSearchIndex(en, [documentRecord({ symbol: "A/78/265", lang: "en" })]).files);
    expect((await run("x")).stdout).toContain(
      "No paragraph carries “x” (read as an exact phrase: it has no word to rank by",
    );
    expect((await run("x", "--phrase")).stdout).toBe("No paragraph carries “x” (exact phrase).\n");
  });

  test.each([
    // 0 is a whole number: the message says what --limit takes, and what asks for every hit.
    {
      argv: ["--limit", "0"],
      said: "--limit needs a whole number of 1 or more (or --all for every hit), not 0",
    },
    {
      argv: ["--limit", "2.5"],
      said: "--limit needs a whole number of 1 or more (or --all for every hit), not 2.5",
    },
    // A year option names what it takes.
    { argv: ["--from", "abc"], said: "--from needs a year, a whole number, not abc" },
  ])("$argv is bad usage with a true message", async ({ argv, said }) => {
    const r = await run("各国", ...argv);
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n")[0]).toBe(`acquis search: ${said}`);
  });

  test("a query over 20,000 characters is refused whole, and the message does not read as a cut", async () => {
    const r = await runWith("各国".repeat(10_001), "-");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "the query has 20002 characters, more than the 20000 a query may have; nothing was searched",
    );
    expect(r.stderr).not.toContain("are read");
  });
});

describe.runIf(has("shared"))("acquis search", () => {
  beforeAll(writeIndex);

  test("--json --all prints every paragraph holding the phrase, with citation and highlighted snippet", async () => {
    const r = await run("础设施和关键信", "--phrase", "--json", "--all");
    expect(r.code).toBe(0);
    const hits = JSON.parse(r.stdout) as JsonHit[];
    expect(hits.map((h) => h.id).sort()).toEqual(scan(paragraphs, "础设施和关键信"));
    for (const h of hits) {
      expect(Object.keys(h)).toEqual(expect.arrayContaining(["id", "doc", "lang", "citation", "snippet"]));
      expect(h.doc).toBe("A/78/265");
      expect(h.citation).toMatch(/^A\/78\/265，/);
      expect(h.snippet.highlights.map(([s, e]) => h.snippet.text.slice(s, e))).toContain("础设施和关键信");
    }
  });

  test("traditional characters find the simplified text; --limit pages", async () => {
    const r = await run("關鍵基礎設施", "--json", "--limit", "3");
    const hits = JSON.parse(r.stdout) as JsonHit[];
    expect(hits).toHaveLength(3);
    expect(hits[0]?.snippet.highlights.map(([s, e]) => hits[0]!.snippet.text.slice(s, e))).toContain(
      "关键基础设施",
    );
  });

  test.each([
    // [argv, the documents hits may come from]
    [
      ["information", "--lang", "en", "--json", "--all"],
      ["A/RES/80/16", "A/RES/80/22"],
    ],
    [["information", "--doc", "A/RES/80/22", "--json", "--all"], ["A/RES/80/22"]],
    [["信息", "--type", "report", "--json", "--all"], ["A/78/265"]],
    [["信息", "--from", "2024", "--json", "--all"], []],
  ])("%j", async (argv, docs) => {
    const r = await run(...argv);
    const hits = JSON.parse(r.stdout) as JsonHit[];
    expect([...new Set(hits.map((h) => h.doc))].sort()).toEqual(docs);
  });

  test("plain output: citation, id, snippet with the match marked, and a count", async () => {
    const r = await run("联络点名录", "--limit", "1");
    expect(r.stdout).toMatch(
      /^A\/78\/265，.*\(2023, consensus; carries your text word for word\)\nA-78-265\/zh\/.+\n.*\*\*联络点名录\*\*/,
    );
    expect(r.stdout).toMatch(/1 shown \(more with --all or --limit\)\.\n$/);
  });

  test("a draft read from standard input, with - or piped without words: its source paragraph first, sentence by sentence", async () => {
    const source = paragraphs.find((p) => p.lang === "zh" && p.text.length > 120 && p.text.length < 200)!;
    // Two characters changed, and a sentence of new wording after it.
    const draft = `${source.text.slice(0, 30)}某某${source.text.slice(32)}\n各国将部署量子小部件。`;
    for (const r of [await runWith(draft, "-", "--lang", "zh"), await runWith(draft, "--lang", "zh")]) {
      expect(r.code).toBe(0);
      expect(r.stdout).toContain("Your text, sentence by sentence:");
      expect(r.stdout).toContain("  New wording: 各国将部署量子小部件。");
      const first = r.stdout.split("\n\n")[1] ?? "";
      expect(first.split("\n")[1]).toBe(source.id);
      expect(first).toMatch(/carries \d+ % of your text/);
    }
  });

  test("a draft's citations are left out of its sentences' measure, and said", async () => {
    const source = paragraphs.find((p) => p.lang === "zh" && p.text.length > 120 && p.text.length < 200)!;
    const cite = "如 A/78/265 号文件附件第 23 段所述，";
    const draft = `${cite}${source.text}\n各国将部署量子小部件。`;
    const r = await runWith(draft, "-", "--lang", "zh");
    expect(r.stdout).toContain('(not measured, as citations: "A/78/265 号文件附件第 23 段")');
    // The sentence carrying the source is measured on its wording alone: word for word but the
    // few characters around the citation.
    const line = r.stdout.split("\n").find((l) => l.includes(cite.slice(0, 3)))!;
    expect(line).toMatch(/^ {2}(Agreed language|Close to agreed language: (9\d|100) %)/);
  });

  test("words given on the command line win over a standard input that is not a terminal", async () => {
    const r = await runWith("ignored", "联络点名录", "--limit", "1");
    expect(r.stdout).toContain("**联络点名录**");
  });

  test("--batch: each line is ranked as the same query alone (one engine), an empty line answered in its place", async () => {
    const queries = ["联络点名录", "关键基础设施", "", "points of contact", "不存在的短语XYZ"];
    const r = await runWith(`${queries.join("\n")}\n`, "--batch", "--limit", "3");
    // Not every line found something.
    expect(r.code).toBe(1);
    const lines = r.stdout
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.query)).toEqual(queries);
    expect(lines[2].error).toMatch(/Empty line/);
    for (const [i, q] of queries.entries()) {
      if (!q) continue;
      const alone = await run(q, "--json", "--limit", "3");
      expect(lines[i].hits, q).toEqual(JSON.parse(alone.stdout));
    }
    // The ranking is the shared-wording one: a hit says what it matched and how much it carries.
    expect(lines[0].hits[0]).toMatchObject({ match: expect.any(String), carried: expect.any(Number) });
    expect(lines[4].hits).toEqual([]);
  });

  test.each([
    // Trying main, a document not in the corpus and a year past the newest both answered only
    // "No paragraph carries “关键基础设施”", as if the corpus did not carry it.
    { args: ["--doc", "A/99/1"], says: "(--doc A/99/1); without them, paragraphs do carry it" },
    { args: ["--from", "2090"], says: "(--from 2090); without them, paragraphs do carry it" },
  ])(
    "a filter that leaves nothing is named, and whether the query is found without it: $args",
    async ({ args, says }) => {
      const r = await run("关键基础设施", ...args);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain("No paragraph carries");
      expect(r.stdout).toContain(`Only what the filters allow was searched ${says}`);
    },
  );

  test("a query found nowhere under a filter says it is not found without it either", async () => {
    const r = await run("不存在的短语XYZ", "--doc", "A/99/1");
    expect(r.stdout).toContain("(--doc A/99/1); without them it is not found either.");
    // No filter, nothing about filters.
    expect((await run("不存在的短语XYZ")).stdout).not.toContain("filters");
  });

  test("a lone character alone is found as a phrase, as the help says, not never", async () => {
    // Trying main, "的" found 20 paragraphs while the help said a lone character never makes a hit.
    const r = await run("的", "--json");
    expect(JSON.parse(r.stdout).length).toBeGreaterThan(0);
    const help = (await run("--help")).stdout.replace(/\s+/g, " ");
    expect(help).toContain("a query of nothing else (的, x, 2023) is read as an exact phrase");
    expect(help).not.toMatch(/^A single letter, digits or a lone character never make a hit/m);
  });

  test("--batch's total is the whole count only when complete, and the help says so", async () => {
    // Trying main, a phrase held by 3 paragraphs came back with "total": 2 under --limit 2, and
    // nothing said that total is then a floor.
    const phrase = '"础设施和关键信"';
    const held = paragraphs.filter((p) => p.text.includes("础设施和关键信")).length;
    expect(held).toBeGreaterThan(2);
    const cut = JSON.parse((await runWith(`${phrase}\n`, "--batch", "--limit", "2")).stdout);
    expect(cut.complete).toBe(false);
    expect(cut.total).toBeGreaterThanOrEqual(cut.hits.length);
    const whole = JSON.parse((await runWith(`${phrase}\n`, "--batch", "--all")).stdout);
    expect([whole.complete, whole.total]).toEqual([true, held]);
    const help = (await run("--help")).stdout.replace(/\s+/g, " ");
    expect(help).toContain("total counts every hit when complete is true, else it is a floor");
  });

  test.each([
    [["不存在的短语XYZ"], 1, ""], // nothing found
    [[], 2, "give the words"], // no query
    [["x", "--lang", "fr"], 2, "--lang is zh or en"],
    [["x", "--limit", "0"], 2, "whole number"],
    [["x", "--bogus"], 2, "unknown option"],
    [["x", "--data", "nowhere"], 2, "no search index"],
    [["-"], 2, "standard input was empty"],
    [["x", "--batch"], 2, "--batch reads the queries from standard input"],
  ])("%j exits %i", async (argv, code, message) => {
    const r = await runWith(argv[0] === "-" ? "" : null, ...argv);
    expect(r.code).toBe(code);
    expect(r.stderr).toContain(message);
  });
});
