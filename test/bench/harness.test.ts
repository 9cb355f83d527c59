/**
 * The benchmark harness as a spec: its command line, the order sections run in, the Markdown it
 * prints, and the corpus report read from a small built-data folder written here.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { memory, renderSection, seconds, sizeLabel, table } from "../../bench/harness.ts";
import { parseArgs, sectionOrder } from "../../bench/run.ts";
import { reportData } from "../../bench/sections/corpus.ts";
import { SCHEMA_VERSION } from "../../schemas/index.ts";

describe("npm run bench -- <options>", () => {
  test.each([
    // No options: every size, every section, 20 minutes per child build.
    {
      argv: [],
      expected: { sizes: [10_000, 50_000, 200_000], sizesGiven: false, only: [], timeoutSeconds: 1200 },
    },
    { argv: ["--sizes", "10k,50k"], expected: { sizes: [10_000, 50_000], sizesGiven: true } },
    { argv: ["--only", "parse"], expected: { only: ["parse"] } },
    // --only repeated or comma-separated.
    { argv: ["--only", "parse,corpus", "--only", "reuse"], expected: { only: ["parse", "corpus", "reuse"] } },
    { argv: ["--timeout", "90"], expected: { timeoutSeconds: 90 } },
  ])("$argv", ({ argv, expected }) => {
    expect(parseArgs(argv)).toMatchObject(expected);
  });

  test.each([
    { argv: ["--sizes"], error: /needs a value/ },
    { argv: ["--sizes", "ten"], error: /not a size/ },
    { argv: ["--sizes", "0"], error: /positive/ },
    { argv: ["--timeout", "-1"], error: /positive/ },
    { argv: ["--fast"], error: /unknown option --fast[\s\S]*usage/ },
  ])("$argv is refused", ({ argv, error }) => {
    expect(() => parseArgs(argv)).toThrow(error);
  });

  test.each([
    // parse builds what corpus reports on: they come first, the rest alphabetically.
    {
      names: ["site", "reuse", "corpus", "parse", "search"],
      expected: ["parse", "corpus", "reuse", "search", "site"],
    },
    { names: ["search", "corpus"], expected: ["corpus", "search"] },
    { names: ["b", "a"], expected: ["a", "b"] },
  ])("sections run in the order $expected", ({ names, expected }) => {
    expect(sectionOrder(names)).toEqual(expected);
  });
});

describe("Markdown output", () => {
  test("a table has the first row's keys as columns, escapes pipes, leaves missing cells empty", () => {
    expect(table([{ size: "10k", note: "a|b" }, { size: "50k" }])).toBe(
      ["| size | note |", "|---|---|", "| 10k | a\\|b |", "| 50k |  |"].join("\n"),
    );
    expect(table([])).toBe("(no rows)");
  });

  test("a section renders as a heading, its table and its notes; text passes through", () => {
    expect(renderSection({ title: "T", rows: [{ a: 1 }], notes: ["n1", "n2"] })).toBe(
      ["## T", "", "| a |", "|---|", "| 1 |", "", "n1", "", "n2"].join("\n"),
    );
    expect(renderSection("## Own\n\ntext\n")).toBe("## Own\n\ntext");
  });

  test.each([
    { fn: () => sizeLabel(10_000), expected: "10k" },
    { fn: () => sizeLabel(1_500), expected: "1500" },
    { fn: () => seconds(1_234), expected: "1.23 s" },
    { fn: () => seconds(61_000), expected: "61.0 s" },
    { fn: () => memory(512 * 1024 ** 2), expected: "512 MB" },
    { fn: () => memory(3.5 * 1024 ** 3), expected: "3.50 GB" },
  ])("$expected", ({ fn, expected }) => {
    expect(fn()).toBe(expected);
  });
});

describe("corpus report", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "acquis-bench-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const jsonl = (rows: object[]) => rows.map((r) => JSON.stringify(r)).join("\n");

  test("counts documents, paragraphs, papers, citations by status, links by kind, planted pairs found", () => {
    const data = path.join(dir, "data");
    mkdirSync(path.join(data, "search"), { recursive: true });
    writeFileSync(
      path.join(data, "documents.json"),
      JSON.stringify({ schemaVersion: SCHEMA_VERSION, documents: [{}, {}] }),
    );
    writeFileSync(path.join(data, "paragraphs.jsonl"), jsonl([{ id: "a" }, { id: "b" }, { id: "c" }]));
    writeFileSync(
      path.join(data, "working-papers.json"),
      JSON.stringify({ schemaVersion: SCHEMA_VERSION, papers: [{}] }),
    );
    writeFileSync(
      path.join(data, "citations.jsonl"),
      jsonl([{ status: "resolved" }, { status: "resolved" }, { status: "not-in-corpus" }]),
    );
    writeFileSync(
      path.join(data, "reuse.jsonl"),
      jsonl([
        { from: "a", to: "b", kind: "verbatim" },
        { from: "b", to: "c", kind: "partial" },
      ]),
    );
    writeFileSync(path.join(data, "search", "x.bin"), Buffer.alloc(300_000));
    const truth = path.join(dir, "truth.json");
    // Found: a -> b (rate 0). Not found: a -> c (rate 0.1), and c -> b is the wrong direction.
    writeFileSync(
      truth,
      JSON.stringify({
        reuse: [
          { from: "a", to: "b", rate: 0 },
          { from: "a", to: "c", rate: 0.1 },
          { from: "c", to: "b", rate: 0.1 },
        ],
      }),
    );
    expect(reportData("t", data, truth)).toEqual({
      corpus: "t",
      documents: 2,
      paragraphs: 3,
      "working papers": 1,
      "citations by status": "3: resolved 2, not-in-corpus 1",
      "reuse links by kind": "2: partial 1, verbatim 1",
      "planted reuse linked": "1/3 (0 %: 1/1, 10 %: 0/2)",
      "search index": "0.3 MB in 1 files",
    });
  });

  test("a file that is missing is reported missing, not zero", () => {
    const empty = path.join(dir, "empty");
    mkdirSync(empty);
    expect(reportData("e", empty)).toMatchObject({
      documents: "(missing)",
      paragraphs: "(missing)",
      "citations by status": "(missing)",
      "reuse links by kind": "(missing)",
      "planted reuse linked": "-",
      "search index": "(missing)",
    });
  });
});
