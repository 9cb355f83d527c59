/**
 * The `acquis` command line: dispatch, help, usage errors, exit codes, the remark-cli style
 * report, --json, progress only on a terminal, and the bin as installed.
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, lstatSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { runCli } from "../../pipeline/cli.ts";
import { COMMANDS } from "../../pipeline/commands/index.ts";
import { sha256 } from "../../pipeline/host.ts";
import { lockOutput } from "../../pipeline/lock.ts";
import { Diagnostic, Manifest, Publication } from "../../schemas/index.ts";
import {
  captureIO,
  doc,
  GOOD,
  GOOD_FILE,
  makeRepo,
  registry,
  snapshotDir,
  writeFiles,
} from "../build/helpers.ts";
import { repoRoot } from "../parse/helpers.ts";

const clean = () => makeRepo({ "corpus/registry.yaml": registry(["A/1/1", "A/2/2"]), [GOOD_FILE]: GOOD });
/** A corpus whose only problem is a warning: A/2/2 is not in the registry. */
const warned = () => makeRepo({ "corpus/registry.yaml": registry(["A/1/1"]), [GOOD_FILE]: GOOD });
/** A corpus with an error: a file without front matter. */
const broken = () =>
  makeRepo({
    "corpus/registry.yaml": registry(["A/1/1", "A/2/2"]),
    [GOOD_FILE]: GOOD,
    "corpus/A-1-1/en.md": "1. No front matter.\n",
  });

/** A national paper without a UN symbol, keyed by its id, and its registry entry. */
const paper = (text: string) =>
  makeRepo({
    "corpus/registry.yaml": `${registry(["A/2/2"])}  - id: no-2024-test-paper\n    type: position paper\n    authors: [NO]\n    title:\n      en: A test paper\n`,
    [GOOD_FILE]: GOOD,
    "corpus/no-2024-test-paper/en.md": `---\nid: no-2024-test-paper\nlang: en\ntitle: A test paper\ndate: "2024-01-15"\ntype: position paper\nbody: A government\nstatus: national\nauthors: [NO]\nsource: written for the tests\n---\n${text}`,
  });
/** A national paper whose outline reads with confidence: nothing to say. */
const national = () =>
  paper("A test paper\n\n1 Scope\n\nStates agreed.\n\n2 Next steps\n\nStates will meet again.\n");
/** One whose numbering starts again with no section to say why: a line whose role was guessed. */
const guessed = () => paper("A test paper\n\n1 Scope\n\n1. One.\n\n2. Two.\n\n1. One again.\n");

describe("help and usage", () => {
  test("acquis --help lists every registered command with its summary and exits 0", async () => {
    const io = captureIO(repoRoot);
    expect(await runCli(["--help"], io)).toBe(0);
    for (const c of COMMANDS) expect(io.out).toContain(`${c.name}  `);
    expect(io.out).toMatch(/build\s+Build the data and the site/);
    expect(io.out).toMatch(/check\s+Validate the corpus/);
  });

  test.each([
    // Each form of asking for a command's usage prints it on stdout.
    { argv: ["build", "--help"], expected: /Usage: acquis build/ },
    { argv: ["check", "-h"], expected: /Usage: acquis check/ },
    { argv: ["help", "build"], expected: /--no-cache/ },
    // Every limit is written in its command's help, with its default.
    {
      argv: ["build", "--help"],
      expected: /What a failed build leaves[\s\S]*over 20 MB[\s\S]*100 anchors, 100 aliases/,
    },
    {
      argv: ["import", "--help"],
      expected:
        /--max-bytes <MB>.*default: 100\)[\s\S]*--max-pages <n>.*default: 2000\)[\s\S]*default: 200\)[\s\S]*--max-time <s>.*default: 300\)/,
    },
    {
      argv: ["fetch", "--help"],
      expected: /--deadline <s>.*default: 60\)[\s\S]*--max-bytes <MB>.*default: 100\)[\s\S]*--allow-host/,
    },
  ])("acquis $argv prints the usage", async ({ argv, expected }) => {
    const io = captureIO(repoRoot);
    expect(await runCli(argv, io)).toBe(0);
    expect(io.out).toMatch(expected);
  });

  test.each([
    // A typo gets a suggestion and the list of commands.
    { argv: ["biuld"], expected: /unknown command "biuld"\. Did you mean "build"\?/ },
    // Nothing like any command: no suggestion, still the list.
    { argv: ["frobnicate"], expected: /unknown command "frobnicate"\.\n[\s\S]*Commands:/ },
    // No command at all.
    { argv: [], expected: /Usage: acquis <command>/ },
    // An option the command does not take, with the command's usage.
    { argv: ["build", "--bogus"], expected: /unknown option --bogus[\s\S]*Usage: acquis build/ },
    // build reads no words: a stray one is named.
    { argv: ["build", "corpus"], expected: /takes no words, only options \(not "corpus"\)/ },
    // check writes nothing, so it takes no --out.
    { argv: ["check", "--out", "x"], expected: /unknown option --out/ },
    // --out writes the data alone, unpublished: it cannot also publish.
    { argv: ["build", "--out", "x", "--no-site"], expected: /--out writes the data alone/ },
    { argv: ["--frob"], expected: /unknown option "--frob"/ },
  ])("acquis $argv is bad usage: exit 2 and a helpful message", async ({ argv, expected }) => {
    const io = captureIO(repoRoot);
    expect(await runCli(argv, io)).toBe(2);
    expect(io.err).toMatch(expected);
  });

  // A usage error is three lines: what was wrong, the usage line, where the rest is. The whole
  // help after it pushed the one line that matters out of sight.
  const rest = (name: string) => `Run \`acquis ${name} --help\` for all options.\n`;
  test.each([
    {
      argv: ["build", "--bogus"],
      error: "acquis build: unknown option --bogus",
      usage: "Usage: acquis build",
    },
    {
      argv: ["check", "--out", "x"],
      error: "acquis check: unknown option --out",
      usage: "Usage: acquis check",
    },
    {
      argv: ["build", "corpus"],
      error: 'acquis build: takes no words, only options (not "corpus")',
      usage: "Usage: acquis build",
    },
    { argv: ["cite", "--frob"], error: "acquis cite: unknown option --frob", usage: "Usage: acquis cite" },
    { argv: ["cite"], error: "acquis cite: give the citation to look up", usage: "Usage: acquis cite" },
    {
      argv: ["search", "x", "--limit"],
      error: "acquis search: --limit needs a number of results",
      usage: "Usage: acquis search",
    },
    {
      argv: ["topic", "--data"],
      error: "acquis topic: --data needs a directory",
      usage: "Usage: acquis topic",
    },
    {
      argv: ["state", "--bogus"],
      error: "acquis state: unknown option --bogus",
      usage: "Usage: acquis state",
    },
    {
      argv: ["import"],
      error: "acquis import: give exactly one file or folder to import",
      usage: "Usage: acquis import",
    },
    {
      argv: ["fetch"],
      error: "acquis fetch: give exactly one document symbol",
      usage: "Usage: acquis fetch",
    },
  ])("acquis $argv: the error, one usage line, and where the help is", async ({ argv, error, usage }) => {
    const io = captureIO(repoRoot);
    expect(await runCli(argv, io)).toBe(2);
    const lines = io.err.split("\n");
    expect(lines[0]).toBe(error);
    expect(lines[1]).toMatch(new RegExp(`^${usage} `));
    expect(lines.slice(2).join("\n")).toBe(rest(argv[0]!));
    expect(io.out).toBe("");
  });

  test("an unknown option before any command: the usage line, not the list of commands", async () => {
    const io = captureIO(repoRoot);
    expect(await runCli(["--frob"], io)).toBe(2);
    expect(io.err).toBe(
      'acquis: unknown option "--frob".\nUsage: acquis <command> [options]\nRun `acquis --help` for the commands and options.\n',
    );
  });
});

describe("exit codes", () => {
  // --no-site: the data is published alone (the site's own tests build pages); test/build/
  // generations.test.ts builds both.
  test.each([
    // Clean corpus: 0, strict or not.
    { corpus: clean, argv: ["build", "--no-site"], code: 0 },
    { corpus: clean, argv: ["build", "--no-site", "--strict"], code: 0 },
    { corpus: clean, argv: ["build", "--out", "dist/data"], code: 0 },
    // A warning fails only with --strict.
    { corpus: warned, argv: ["build", "--no-site"], code: 0 },
    { corpus: warned, argv: ["build", "--no-site", "--strict"], code: 1 },
    { corpus: warned, argv: ["check", "--strict"], code: 1 },
    // A national paper without a UN symbol builds like any other; one whose structure had to be
    // guessed is kept whole, and only --strict fails on it.
    { corpus: national, argv: ["check", "--strict"], code: 0 },
    { corpus: guessed, argv: ["check"], code: 0 },
    { corpus: guessed, argv: ["check", "--strict"], code: 1 },
    // An error always fails, and the good document is still built.
    { corpus: broken, argv: ["build", "--no-site"], code: 1 },
    { corpus: broken, argv: ["check"], code: 1 },
  ])("$argv on a $corpus.name corpus exits $code", async ({ corpus, argv, code }) => {
    const root = corpus();
    const io = captureIO(root);
    expect(await runCli(argv, io)).toBe(code);
    expect(existsSync(path.join(root, "dist/data/paragraphs.jsonl"))).toBe(argv[0] === "build");
  });

  test("a build publishes dist as a link to its generation, and says so", async () => {
    const root = clean();
    const io = captureIO(root);
    expect(await runCli(["build", "--no-site"], io)).toBe(0);
    expect(lstatSync(path.join(root, "dist")).isSymbolicLink()).toBe(true);
    expect(io.err).toMatch(/published dist: generation \S+, data alone, no site\.\n$/);
  });

  test("--no-site after a build with a site says the site is gone until a full build", async () => {
    const root = clean();
    expect(await runCli(["build", "--no-site"], captureIO(root))).toBe(0);
    // Stands for a site published by a full build (its pages are built in test/build).
    writeFileSync(path.join(root, "dist", "index.html"), "<h1>site</h1>");
    const io = captureIO(root);
    expect(await runCli(["build", "--no-site"], io)).toBe(0);
    expect(existsSync(path.join(root, "dist", "index.html"))).toBe(false);
    expect(io.err).toMatch(
      /\ndist has no pages now: the site it showed is gone until a build without --no-site\.\n$/,
    );
    // The help says the same before anyone runs it.
    const help = captureIO(root);
    expect(await runCli(["help", "build"], help)).toBe(0);
    expect(help.out + help.err).toMatch(/site published before is gone/);
  });

  test("the report says what came from the last build: cache hits, stages from their memos, each cold stage and why", async () => {
    const root = clean();
    const lines = async (...argv: string[]) => {
      const io = captureIO(root);
      expect(await runCli(["build", "--no-site", ...argv], io)).toBe(0);
      return io.err;
    };
    const first = await lines();
    expect(first).toMatch(/\nparse cache: 0 of 1 document read from it, 1 parsed\n/);
    expect(first).toMatch(/\nreuse ran cold: no memo kept by an earlier build\n/);
    const second = await lines();
    expect(second).toMatch(/\nparse cache: 1 of 1 document read from it, 0 parsed\n/);
    expect(second).toMatch(
      /\nfrom the last build's memos: cite \(0 documents redone\), reuse \(0 paragraphs redone\), index \(0 files redone\)\n/,
    );
    // This corpus has no topic vocabulary: said as such, not as a memo missing.
    expect(second).toMatch(
      /\ntopics ran cold: the corpus has no topic vocabulary \(corpus\/topics.yaml\): nothing to tag\n/,
    );
    expect(second).not.toMatch(/(cite|reuse|index) ran cold/);
    // A memo damaged by hand is not used, and the report says which and why.
    const memo = path.join(root, ".cache/stages/reuse.memo");
    const bytes = readFileSync(memo);
    bytes[bytes.length - 1]! ^= 0xff;
    writeFileSync(memo, bytes);
    const third = await lines();
    expect(third).toMatch(
      /\nreuse ran cold: it was made by another version of acquis, or the file was changed or cut short\n/,
    );
    expect(third).toMatch(/\nfrom the last build's memos: cite \(0 documents redone\), index/);
    expect(await lines("--no-cache")).toMatch(
      /\ncache: not used \(--no-cache\): every document parsed, every stage run cold\n/,
    );
  });

  test("--json says what was published, beside the report: generation, the one replaced, the site taken down", async () => {
    const root = clean();
    const first = captureIO(root);
    expect(await runCli(["build", "--no-site", "--json"], first)).toBe(0);
    const one = Publication.parse(JSON.parse(first.out).publication);
    expect(one).toMatchObject({ published: true, previous: null, before: null, refused: null, site: null });
    expect(one.siteRemoved).toBe(false);
    writeFileSync(path.join(root, "dist", "index.html"), "<h1>site</h1>");
    const second = captureIO(root);
    expect(await runCli(["build", "--no-site", "--json"], second)).toBe(0);
    expect(second.err).toBe("");
    const two = Publication.parse(JSON.parse(second.out).publication);
    expect(two).toMatchObject({
      published: true,
      previous: one.generation,
      before: one.generation,
      siteRemoved: true,
    });
    expect(two.generation).not.toBe(one.generation);
    // Nothing published: why, and what dist still shows.
    const third = captureIO(root);
    expect(await runCli(["build", "--no-site", "--json", "--corpus", "corpsu"], third)).toBe(1);
    const three = Publication.parse(JSON.parse(third.out).publication);
    expect(three).toMatchObject({ published: false, generation: null, before: two.generation });
    expect(three.refused).toMatch(/the corpus folder corpsu was not found/);
  });

  test("a broken corpus publishes nothing: exit 1, why, and what dist still shows", async () => {
    const root = clean();
    expect(await runCli(["build", "--no-site"], captureIO(root))).toBe(0);
    const before = snapshotDir(path.join(root, "dist"));
    const io = captureIO(root);
    expect(await runCli(["build", "--no-site", "--corpus", "corpsu"], io)).toBe(1);
    expect(io.err).toMatch(
      /nothing was published: the corpus cannot be built: the corpus folder corpsu was not found/,
    );
    expect(io.err).toMatch(/dist still shows generation \S+, whole\./);
    expect(snapshotDir(path.join(root, "dist"))).toEqual(before);
  });

  test("--out into the published build is refused: its site would no longer match", async () => {
    const root = clean();
    expect(await runCli(["build", "--no-site"], captureIO(root))).toBe(0);
    const io = captureIO(root);
    expect(await runCli(["build", "--out", "dist/data"], io)).toBe(2);
    expect(io.err).toMatch(/part of the published build in dist/);
  });

  test("a second build of the same folder is refused while the first holds its lock", async () => {
    const root = clean();
    const lock = lockOutput(path.join(root, "dist"), "acquis build");
    try {
      // The lock is held by this (live) process: the build must wait its turn.
      const io = captureIO(root);
      expect(await runCli(["build", "--no-site"], io)).toBe(1);
      expect(io.err).toMatch(
        new RegExp(
          `dist is being built by acquis build \\(pid ${process.pid}, since [^)]+\\): one build at a time per output folder\\. Wait for it to finish\\.`,
        ),
      );
      expect(existsSync(path.join(root, "dist"))).toBe(false);
    } finally {
      lock.release();
    }
    expect(await runCli(["build", "--no-site"], captureIO(root))).toBe(0);
  });

  test.each([
    // The repository itself, the corpus, a folder of other files: never replaced by a build.
    { out: ".", expected: /holds .* which a build would replace/ },
    { out: "corpus", expected: /which a build would replace/ },
    { out: "src", expected: /holds files that are not build output \(keep\.ts\)/ },
  ])("--out $out is refused (exit 2) and nothing is touched", async ({ out, expected }) => {
    const root = clean();
    writeFiles(root, { "src/keep.ts": "export {};\n" });
    const io = captureIO(root);
    expect(await runCli(["build", "--out", out], io)).toBe(2);
    expect(io.err).toMatch(expected);
    expect(readFileSync(path.join(root, "src/keep.ts"), "utf8")).toBe("export {};\n");
    expect(existsSync(path.join(root, "corpus/registry.yaml"))).toBe(true);
  });

  test("a previous output is replaced whatever its stages wrote into it", async () => {
    const root = clean();
    const io = captureIO(root);
    expect(await runCli(["build", "--out", "out/data"], io)).toBe(0);
    writeFiles(root, { "out/data/search.bin": new Uint8Array([1, 2, 3]) });
    expect(await runCli(["build", "--out", "out/data"], io)).toBe(0);
    expect(existsSync(path.join(root, "out/data/search.bin"))).toBe(false);
  });

  test("a missing corpus folder is an error with the folder named", async () => {
    const root = makeRepo({});
    const io = captureIO(root);
    expect(await runCli(["check", "--corpus", "nowhere"], io)).toBe(1);
    expect(io.err).toMatch(/nowhere[\s\S]*corpus folder not found/);
  });
});

describe("the report", () => {
  test("printed as remark-cli prints it: file, then line:column, level, message, rule", async () => {
    const root = warned();
    const io = captureIO(root);
    await runCli(["check"], io);
    expect(io.out).toBe("");
    expect(io.err).toMatch(
      /^corpus\/A-2-2\/en\.md\n\s*2:1\s+warning\s+A\/2\/2 is not in the registry[^\n]*corpus\/not-in-registry\s+acquis\n/,
    );
    expect(io.err).toMatch(/checked 1 of 1 document, 2 paragraphs: 0 errors, 1 warning, 0 info\n$/);
    // Not a terminal: plain text, no colours, no progress.
    expect(io.err).not.toContain("\x1b");
  });

  test("--verbose adds each hint", async () => {
    const io = captureIO(warned());
    await runCli(["check", "--verbose"], io);
    expect(io.err).toContain("Add an entry for it to corpus/registry.yaml");
  });

  test("--json prints {diagnostics, summary} on stdout and nothing else", async () => {
    const root = broken();
    const io = captureIO(root);
    expect(await runCli(["build", "--no-site", "--json"], io)).toBe(1);
    expect(io.err).toBe("");
    const value = JSON.parse(io.out) as { diagnostics: unknown[]; summary: Record<string, unknown> };
    const diagnostics = value.diagnostics.map((d) => Diagnostic.parse(d));
    expect(diagnostics.map((d) => d.code)).toContain("corpus/front-matter-missing");
    expect(value.summary).toMatchObject({ documents: 2, built: 1, errors: 1 });
  });

  test("on a terminal, progress is shown on stderr and erased", async () => {
    const io = captureIO(clean(), true);
    await runCli(["check"], io);
    expect(io.err).toContain("\r\x1b[2Kparse 1/1 A/2/2 en");
  });
});

describe("the installed bin", () => {
  test("bin/acquis.js runs the CLI with tsx: --help, and check on a corpus", () => {
    const bin = path.join(repoRoot, "bin/acquis.js");
    expect(execFileSync(process.execPath, [bin, "--help"], { encoding: "utf8" })).toMatch(/Commands:/);
    const root = warned();
    const run = spawnSync(process.execPath, [bin, "check", "--strict"], { cwd: root, encoding: "utf8" });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("corpus/not-in-registry");
  });
});

describe("a killed data build (--out)", () => {
  test("leaves either the last good output or the new one whole, never a mix; the next build cleans up", async () => {
    const files: Record<string, string> = {
      "corpus/registry.yaml": registry(["A/2/2"]),
      [GOOD_FILE]: GOOD,
    };
    // Enough text that a build takes a moment.
    for (let i = 0; i < 30; i++) {
      const text = Array.from(
        { length: 200 },
        (_, k) => `${k + 1}. Paragraph ${k + 1} of document ${i}.\n`,
      ).join("\n");
      files[`corpus/A-7-${i}/en.md`] = doc(`A/7/${i}`, "en", text);
    }
    const root = makeRepo(files);
    const io = captureIO(root);
    await runCli(["build", "--out", "out/data"], io);
    const data = path.join(root, "out/data");
    const before = snapshotDir(data);
    writeFiles(root, { [GOOD_FILE]: GOOD.replace("stays too", "was changed") });

    const bin = path.join(repoRoot, "bin/acquis.js");
    for (const delay of [150, 600, 1200]) {
      const child = spawn(process.execPath, [bin, "build", "--no-cache", "--out", "out/data"], {
        cwd: root,
        stdio: "ignore",
      });
      await new Promise((r) => setTimeout(r, delay));
      child.kill("SIGKILL");
      await new Promise((r) => child.on("exit", r));
      // Both the old and the new output are whole: every file matches the manifest.
      const now = snapshotDir(data);
      const manifest = Manifest.parse(JSON.parse(now["manifest.json"]!));
      for (const f of manifest.files) {
        expect(sha256(Buffer.from(now[f.path]!, "latin1")), f.path).toBe(f.sha256);
      }
      const changed = now["paragraphs.jsonl"]!.includes("was changed");
      if (!changed) expect(now).toEqual(before);
    }
    // The next build removes whatever a killed one left beside the output (its stale lock too).
    expect(await runCli(["build", "--out", "out/data"], captureIO(root))).toBe(0);
    expect(readdirSync(path.join(root, "out"))).toEqual(["data"]);
  });
});
