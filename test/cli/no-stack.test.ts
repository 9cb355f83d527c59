/**
 * No stack trace reaches a user: every command runs on every bad-input fixture, and what it
 * prints holds no stack frame and no "unexpected error" (which would mean the input was not
 * foreseen), and it exits 0, 1 or 2. The fixtures are what an operator or an attacker hands the
 * tool: a missing or mistyped corpus, registries and front matter that are not YAML or expand
 * without end, encodings that are not UTF-8, control characters, hostile symbols, a knowledge base
 * damaged after the build, originals that are not what they say, a server that is not there.
 * A few run through the installed bin too, where Node itself would print an escaped error.
 */
import { spawnSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { runCli } from "../../pipeline/cli.ts";
import { COMMANDS } from "../../pipeline/commands/index.ts";
import { captureIO, doc, GOOD, GOOD_FILE, makeRepo, registry, writeFiles } from "../build/helpers.ts";
import { repoRoot } from "../parse/helpers.ts";

const STACK = /^\s+at\s+\S.*(?:\(|:\d+:\d+)/m;
const utf16 = (s: string) => new Uint8Array(Buffer.from(s, "utf16le"));
const laughs = (levels: number) => {
  let out = "l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (let i = 1; i <= levels; i++)
    out += `l${i}: &l${i} [${Array(10)
      .fill(`*l${i - 1}`)
      .join(", ")}]\n`;
  return out;
};
const REGISTRY = registry(["A/1/1", "A/2/2"]);

/** Files of a repository: a good corpus, changed by the fixture. */
type Fixture = {
  name: string;
  files: Record<string, string | Uint8Array>;
  remove?: string[];
  damage?: Record<string, string | Uint8Array>;
};

const fixtures: Fixture[] = [
  { name: "a good corpus", files: {} },
  { name: "no corpus folder", files: {}, remove: ["corpus"] },
  { name: "no registry", files: {}, remove: ["corpus/registry.yaml"] },
  {
    name: "a registry that is not YAML",
    files: { "corpus/registry.yaml": "documents:\n  - symbol: [A/1/1\n" },
  },
  {
    name: "a registry whose aliases expand without end",
    files: { "corpus/registry.yaml": `${laughs(8)}${REGISTRY}` },
  },
  {
    name: "a registry nested past the stack",
    files: { "corpus/registry.yaml": `documents: ${"[".repeat(50_000)}` },
  },
  {
    name: "a registry entry with an unknown key",
    files: {
      "corpus/registry.yaml": `${REGISTRY}  - symbol: A/3/3\n    type: report\n    titel: x\n    title: {}\n`,
    },
  },
  { name: "a registry in UTF-16 without BOM", files: { "corpus/registry.yaml": utf16(REGISTRY) } },
  {
    name: "front matter with more than 100 aliases",
    files: {
      "corpus/A-1-1/en.md": `---\nsymbol: A/1/1\nlang: en\nnote: &n x\nextra: [${Array(150).fill("*n").join(", ")}]\n---\n1. Text.\n`,
    },
  },
  {
    name: "front matter whose aliases expand without end",
    files: { "corpus/A-1-1/en.md": `---\n${laughs(8)}---\n1. Text.\n` },
  },
  { name: "a NUL in the text", files: { "corpus/A-1-1/en.md": doc("A/1/1", "en", "1. Te\u0000xt.\n") } },
  {
    name: "terminal escapes in the text and the title",
    files: {
      "corpus/A-1-1/en.md": doc("A/1/1", "en", "1. States \u001b]0;pwned\u0007agreed\r\u001b[2K forged.\n", {
        title: '"Report \\e[31m red"',
      }),
    },
  },
  {
    name: "a document in UTF-16 without BOM",
    files: { "corpus/A-1-1/en.md": utf16(doc("A/1/1", "en", "1. Text.\n")) },
  },
  {
    name: "invalid UTF-8",
    files: { "corpus/A-1-1/en.md": new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0xfe, 0x0a]) },
  },
  { name: "an empty document", files: { "corpus/A-1-1/en.md": "" } },
  {
    name: "a symbol with dot segments",
    files: { "corpus/A-1-1/en.md": doc("A/78/265/../../..", "en", "1. Text.\n") },
  },
  {
    name: "a symbol of 302 characters",
    files: { "corpus/A-1-1/en.md": doc(`A/${"7".repeat(300)}`, "en", "1. Text.\n") },
  },
  {
    name: "Markdown that nests deep",
    files: { "corpus/A-1-1/en.md": doc("A/1/1", "en", `${"> ".repeat(5000)}1. Text.\n`) },
  },
  { name: "a dist that is a file", files: { dist: "not a folder\n" } },
  {
    name: "a lock left by a build that died",
    files: { ".dist.lock": '{"pid":999999999,"host":"x","since":"then"}\n' },
  },
  { name: "a half-written lock", files: { ".dist.lock": '{"pid":' } },
  // Damaged after a good build: what cite and search read.
  {
    name: "paragraphs.jsonl with a broken line",
    files: {},
    damage: { "dist/data/paragraphs.jsonl": "{not json\n" },
  },
  {
    name: "documents.json of another schema version",
    files: {},
    damage: { "dist/data/documents.json": '{"schemaVersion":99,"documents":[]}\n' },
  },
  {
    name: "a search manifest that is not JSON",
    files: {},
    damage: { "dist/data/search/index.json": "\u0000\u0001garbage" },
  },
  { name: "a missing search shard", files: {}, damage: { "dist/data/search/p": "" } },
  {
    name: "topics.json of another schema version",
    files: {},
    damage: { "dist/data/topics.json": '{"schemaVersion":99,"topics":[]}\n' },
  },
  { name: "a topic vocabulary that is not YAML", files: { "corpus/topics.yaml": "topics: [\n  - {id: x\n" } },
  {
    name: "a topic vocabulary whose overrides name nothing known",
    files: {
      "corpus/topics.yaml":
        "topics:\n  - id: sovereignty\n    name: {zh: 主权, en: Sovereignty}\n    scope: x\n    terms: {en: [sovereignty]}\noverrides:\n  - paragraph: nowhere/en/1\n    add: [sovereignty]\n    why: x\n",
    },
  },
  // What acquis state reads.
  {
    name: "adoption.json that breaks its contract",
    files: {},
    damage: { "dist/data/adoption.json": '{"schemaVersion":4,"links":[{"paper":1}],"states":{}}\n' },
  },
];

/** Originals handed to `acquis import`. */
const originals: Record<string, string | Uint8Array> = {
  "garbage.bin": new Uint8Array([0, 1, 2, 3, 250, 251, 252, 253]),
  "truncated.pdf": "%PDF-1.7\n1 0 obj << /Type /Catalog >>\n",
  "not-a-docx.docx": new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]),
  "hostile.html": "<html><body><p>1. States \u001b[2J agreed.</p><script>alert(1)</script></body></html>",
  "empty.txt": "",
  "nul.txt": "1. Te\u0000xt.\n",
};

let closedPort = 0;
beforeAll(async () => {
  // A port nobody listens on: fetch meets a refused connection.
  const s = createServer();
  await new Promise<void>((ok) => s.listen(0, "127.0.0.1", ok));
  closedPort = (s.address() as { port: number }).port;
  await new Promise((ok) => s.close(ok));
});

/** Every command, with arguments that reach its reading of the input. */
function invocations(): Array<{ command: string; argv: string[] }> {
  const runs = [
    { command: "check", argv: ["check"] },
    { command: "build", argv: ["build", "--no-site"] },
    { command: "build", argv: ["build", "--out", "out/data"] },
    { command: "cite", argv: ["cite", "A/1/1, para. 1"] },
    { command: "search", argv: ["search", "agreed"] },
    { command: "search", argv: ["search", "--json", "States"] },
    { command: "topic", argv: ["topic", "sovereignty"] },
    { command: "topic", argv: ["topic", "--json", "--states", "CN"] },
    { command: "state", argv: ["state", "CN"] },
    { command: "state", argv: ["state", "--json", "CN"] },
    ...Object.keys(originals).map((f) => ({
      command: "import",
      argv: [
        "import",
        `originals/${f}`,
        "--symbol",
        "A/9/9",
        "--lang",
        "en",
        "--title",
        "T",
        "--date",
        "2024-01-01",
      ],
    })),
    { command: "import", argv: ["import", "originals"] },
    {
      command: "import",
      argv: ["import", "originals/garbage.bin", "--symbol", `A/${"7".repeat(300)}`, "--lang", "en"],
    },
    {
      command: "fetch",
      argv: [
        "fetch",
        "A/1/1",
        "--lang",
        "en",
        "--retries",
        "0",
        "--url-template",
        `http://127.0.0.1:${closedPort}/{symbol}`,
      ],
    },
    { command: "fetch", argv: ["fetch", "A/1/1", "--lang", "en", "--url-template", "file:///etc/{symbol}"] },
  ];
  // Every registered command is run: a new one must be added here.
  expect(new Set(runs.map((r) => r.command))).toEqual(new Set(COMMANDS.map((c) => c.name)));
  return runs;
}

async function prepare(f: Fixture): Promise<string> {
  const root = makeRepo({
    "corpus/registry.yaml": REGISTRY,
    [GOOD_FILE]: GOOD,
    "corpus/A-1-1/en.md": doc("A/1/1", "en", "1. States agreed.\n"),
  });
  writeFiles(root, Object.fromEntries(Object.entries(originals).map(([k, v]) => [`originals/${k}`, v])));
  if (f.damage) {
    expect(await runCli(["build", "--no-site"], captureIO(root))).toBe(0);
    for (const [rel, content] of Object.entries(f.damage)) {
      const abs = path.join(root, rel);
      rmSync(abs, { recursive: true, force: true });
      if (content !== "") writeFileSync(abs, content);
    }
  }
  for (const rel of f.remove ?? []) rmSync(path.join(root, rel), { recursive: true, force: true });
  writeFiles(root, f.files);
  return root;
}

describe("no stack trace reaches a user: every command on every bad-input fixture", () => {
  test.each(fixtures)("$name", async (f) => {
    const root = await prepare(f);
    for (const { argv } of invocations()) {
      const io = captureIO(root);
      const code = await runCli(argv, io);
      const said = `${io.out}${io.err}`;
      const label = `acquis ${argv.join(" ")} on "${f.name}"`;
      expect(said, label).not.toMatch(STACK);
      expect(said, label).not.toMatch(/unexpected error/);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: none may reach the terminal
      expect(said, label).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
      if (process.env.SHOW) console.log(`${label} -> ${code}\n${said}`);
      expect([0, 1, 2], label).toContain(code);
    }
  });
});

describe("through the installed bin, where Node would print what escapes", () => {
  const bin = path.join(repoRoot, "bin/acquis.js");
  test.each([
    { fixture: "a registry whose aliases expand without end", argv: ["check"] },
    { fixture: "front matter whose aliases expand without end", argv: ["build", "--no-site"] },
    { fixture: "paragraphs.jsonl with a broken line", argv: ["cite", "A/1/1, para. 1"] },
    {
      fixture: "a good corpus",
      argv: ["import", "originals/truncated.pdf", "--symbol", "A/9/9", "--lang", "en"],
    },
  ])("acquis $argv on $fixture", async ({ fixture, argv }) => {
    const root = await prepare(fixtures.find((f) => f.name === fixture)!);
    const run = spawnSync(process.execPath, [bin, ...argv], { cwd: root, encoding: "utf8" });
    expect(`${run.stdout}${run.stderr}`).not.toMatch(STACK);
    expect([0, 1, 2]).toContain(run.status);
  });
});
