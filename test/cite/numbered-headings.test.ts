/**
 * `acquis cite` into national papers that number their headings and their paragraphs alike
 * (test/fixtures/parse/national/en-numbered-*.md, our own words): "section 2 of <paper>" is the
 * heading's section with what it holds, "para. 3 of <paper>" the paragraph printed "3.", and in a
 * paper numbering from 1 under each heading "section 2, para. 3" the third under "2.". Before,
 * paragraph 3 of the first paper was its heading "2. Sovereignty" read as a paragraph.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { citeCommand } from "../../pipeline/commands/cite.ts";
import { SCHEMA_VERSION } from "../../schemas/index.ts";
import { merge, nationalFixture } from "./helpers.ts";

const corpus = merge(
  ...["en-numbered-through", "en-numbered-restart", "en-numbered-decimal"].map(nationalFixture),
);

/** A data folder of the papers, as `acquis cite --data` reads it, with the registry given. */
function dataDir(prefix: string, registry: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  writeFileSync(join(d, "paragraphs.jsonl"), corpus.paragraphs.map((p) => JSON.stringify(p)).join("\n"));
  writeFileSync(
    join(d, "documents.json"),
    JSON.stringify({ schemaVersion: SCHEMA_VERSION, documents: corpus.documents }),
  );
  mkdirSync(join(d, "corpus"));
  writeFileSync(join(d, "corpus", "registry.yaml"), registry);
  return d;
}

/** A registry entry of a paper, as `acquis import --id` writes one. */
const entry = (id: string, date: string, title: string) =>
  `  - id: ${id}\n    type: position paper\n    date: "${date}"\n    body: A government\n    status: national\n    title:\n      en: ${JSON.stringify(title)}\n`;

// The registry as `acquis import --id` leaves it: one entry per paper, by its id.
const dir = dataDir(
  "acquis-cite-numbered-",
  `documents:\n${corpus.documents.map((d) => entry(d.symbol, d.date, d.title)).join("")}`,
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `acquis cite <args> --data <data>`: the exit code and what it printed (stderr after stdout). */
async function runCite(data: string, ...args: string[]) {
  let out = "";
  const code = await citeCommand.run([...args, "--data", data], {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      out += t;
    },
    isTTY: false,
    cwd: data,
  });
  return { code, out };
}

/** `acquis cite --json --data <dir> <query>`: the exit code and each target's id and text. */
async function cite(query: string, data = dir) {
  const { code, out } = await runCite(data, query, "--json");
  const lookup = JSON.parse(out) as {
    unread: unknown[];
    results: Array<{ status: string; resolved: string | null; paragraph?: { text: string } | null }>;
  };
  return { code, unread: lookup.unread.length, results: lookup.results };
}

describe("acquis cite lands on the right paragraph of such a paper", () => {
  test.each([
    // Numbered through the paper: the number is the address, under whichever heading.
    {
      query: "para. 3 of ie-2024-numbered-through",
      resolved: "ie-2024-numbered-through/en/3",
      text: "Sovereignty is a rule",
    },
    {
      query: "ie-2024-numbered-through, para. 4 (b)",
      resolved: "ie-2024-numbered-through/en/4.b",
      text: "where restoring them",
    },
    {
      query: "section 2 of ie-2024-numbered-through",
      resolved: "ie-2024-numbered-through/en/@2",
      text: null,
    },
    // Numbered from 1 under each heading: counted in the section.
    {
      query: "cl-2024-numbered-restart, section 2, para. 3",
      resolved: "cl-2024-numbered-restart/en/@2/3",
      text: "Saying so neither",
    },
    {
      query: "cl-2024-numbered-restart, section 3, para. 1",
      resolved: "cl-2024-numbered-restart/en/@3/1",
      text: "States should settle",
    },
    // "1." headings over "1.1" paragraphs.
    {
      query: "ch-2024-numbered-decimal, 2.2",
      resolved: "ch-2024-numbered-decimal/en/2.2",
      text: "Implementing them",
    },
    {
      query: "section 3 of ch-2024-numbered-decimal",
      resolved: "ch-2024-numbered-decimal/en/@3",
      text: null,
    },
    // The decimal number after "para." as after nothing, before the paper as after it.
    {
      query: "ch-2024-numbered-decimal, para. 2.2",
      resolved: "ch-2024-numbered-decimal/en/2.2",
      text: "Implementing them",
    },
    {
      query: "para. 1.2 of ch-2024-numbered-decimal",
      resolved: "ch-2024-numbered-decimal/en/1.2",
      text: "Each pillar supports",
    },
  ])("$query", async ({ query, resolved, text }) => {
    const got = await cite(query);
    expect(got.code).toBe(0);
    expect(got.unread).toBe(0);
    expect(got.results).toHaveLength(1);
    expect(got.results[0]!.resolved).toBe(resolved);
    if (text) expect(got.results[0]!.paragraph?.text).toMatch(new RegExp(`^${text}`));
  });
});

describe("a paper numbering its paragraphs 1.1, 1.2, 2.1 is cited as it prints them", () => {
  /** `acquis cite <query>` as a person reads it (no --json). */
  const citeText = (query: string) => runCite(dir, query);

  test("a range of decimal paragraphs lands on each, and the citations to copy keep the dots", async () => {
    const got = await cite("ch-2024-numbered-decimal, paras. 2.1-2.2");
    expect(got.unread).toBe(0);
    expect(got.results.map((r) => r.resolved)).toEqual([
      "ch-2024-numbered-decimal/en/2.1",
      "ch-2024-numbered-decimal/en/2.2",
    ]);
    const { out } = await citeText("ch-2024-numbered-decimal, para. 2.2");
    expect(out).toContain("ch-2024-numbered-decimal, para. 2.2\n");
    expect(out).toContain("ch-2024-numbered-decimal，第 2.2 段");
    expect(out).not.toContain("2 (2)");
  });

  test("the whole paper says which paragraphs it holds in its own numbers", async () => {
    const { out } = await citeText("ch-2024-numbered-decimal");
    expect(out).toContain("paras. 1.1-3.1");
  });

  test('"para. 2", which the paper does not have, is answered with the numbers it does have', async () => {
    const { code, out } = await citeText("ch-2024-numbered-decimal, para. 2");
    expect(code).not.toBe(0);
    expect(out).toContain("runs from para. 1.1 to para. 3.1; no para. 2");
    expect(out).not.toContain("no numbered paragraphs");
  });

  test('a UN symbol\'s "para. 2.2" is still read as para. 2, and the rest said to be unread', async () => {
    const { out } = await citeText("A/78/265, para. 2.2");
    expect(out).toContain("not read: 2");
  });
});

describe("a paper the corpus holds but the registry does not list", () => {
  // The same data, the registry listing only the first paper (a `corpus/not-in-registry` warning at
  // build time): the others are still cited by their ids.
  const bare = dataDir(
    "acquis-cite-unlisted-",
    `documents:\n${entry("ie-2024-numbered-through", "2024-01-01", "A paper")}`,
  );
  afterAll(() => rmSync(bare, { recursive: true, force: true }));

  test.each([
    { query: "ch-2024-numbered-decimal, para. 2.2", resolved: "ch-2024-numbered-decimal/en/2.2" },
    { query: "cl-2024-numbered-restart, section 3, para. 1", resolved: "cl-2024-numbered-restart/en/@3/1" },
    { query: "ie-2024-numbered-through, para. 3", resolved: "ie-2024-numbered-through/en/3" },
  ])("$query", async ({ query, resolved }) => {
    const got = await cite(query, bare);
    expect(got.code).toBe(0);
    expect(got.unread).toBe(0);
    expect(got.results.map((r) => r.resolved)).toEqual([resolved]);
  });
});
