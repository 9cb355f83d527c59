/**
 * The compiled CLI (pipeline/compile.ts, dist-cli/) and the bin that chooses it: compiled and from
 * the sources, every command answers byte for byte alike (search, cite, the batch modes, a build
 * whose parse runs on the compiled worker threads); the workers' entries load only what they
 * run; the bin runs the compiled CLI while its
 * sources are as compiled, and falls back to tsx with one line on stderr before the first
 * compile and after a change. The compiled CLI is written into a temporary folder, never into
 * the repository's dist-cli/.
 */
import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { build } from "../../pipeline/build/index.ts";
import { runCli } from "../../pipeline/cli.ts";
import { COMMANDS } from "../../pipeline/commands/index.ts";
import { stdinOf } from "../../pipeline/commands/stdin.ts";
import { compileCli } from "../../pipeline/compile.ts";
import { cutWords } from "../../pipeline/index/jieba.ts";
import { type TermCounts, termCounts } from "../../pipeline/index/key-terms.ts";
import { WORDS_ROLE, type WordsReply } from "../../pipeline/index/words-worker.ts";
import { captureIO, doc, makeRepo, registry, snapshotDir } from "../build/helpers.ts";
import { repoRoot } from "../parse/helpers.ts";

/**
 * A repository-shaped folder whose bin/acquis.js is a copy of the real one and whose sources are
 * links to the real ones, so the bin's choice (compiled or tsx) can be tried without touching
 * the repository.
 */
function binRepo(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "acquis-bin-"));
  mkdirSync(path.join(dir, "bin"));
  copyFileSync(path.join(repoRoot, "bin/acquis.js"), path.join(dir, "bin/acquis.js"));
  for (const name of [
    "pipeline",
    "core",
    "schemas",
    "site",
    "node_modules",
    "package.json",
    "package-lock.json",
  ])
    symlinkSync(path.join(repoRoot, name), path.join(dir, name));
  return dir;
}

let fake: string;
/** The repository's seed built into a temporary dist/data, where the commands read it. */
let data: string;

beforeAll(async () => {
  fake = binRepo();
  data = mkdtempSync(path.join(os.tmpdir(), "acquis-data-"));
  symlinkSync(path.join(repoRoot, "corpus"), path.join(data, "corpus"));
  await build({ root: repoRoot, out: path.join(data, "dist/data"), cache: "off" });
}, 180_000);
afterAll(() => {
  rmSync(fake, { recursive: true, force: true });
  rmSync(data, { recursive: true, force: true });
});

/** Run the bin of the fake repository in `cwd`, with `input` on standard input. */
function runBin(argv: string[], cwd: string, input = "") {
  const r = spawnSync(process.execPath, [path.join(fake, "bin/acquis.js"), ...argv], {
    cwd,
    input,
    encoding: "utf8",
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Run the CLI in this process, from the sources, with `input` on standard input. */
async function runSources(argv: string[], cwd: string, input = "") {
  const io = captureIO(cwd);
  const code = await runCli(argv, { ...io, stdin: stdinOf(input) });
  return { code, out: io.out, err: io.err };
}

describe("the command list", () => {
  test("each listed command loads, and its name and summary are the loaded command's own", async () => {
    for (const entry of COMMANDS) {
      const command = await entry.load();
      expect(command.name).toBe(entry.name);
      expect(command.summary, entry.name).toBe(entry.summary);
    }
  });
});

describe("the bin", () => {
  test("before the CLI is compiled it runs the sources with tsx, saying so in one line", () => {
    const r = runBin(["--help"], fake);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Commands:/);
    expect(r.err).toBe(
      "acquis: the CLI is not compiled yet; running the sources with tsx (slower start). `npm run build:cli` compiles it.\n",
    );
  });

  describe("compiled", () => {
    beforeAll(async () => {
      await compileCli(repoRoot, path.join(fake, "dist-cli"));
    }, 120_000);

    test.each([
      // Help, and a command's usage loaded on demand.
      { argv: ["--help"], input: "" },
      { argv: ["help", "search"], input: "" },
      // A search with its hits as JSON, and one in traditional characters (the fold table).
      { argv: ["search", "关键基础设施", "--json"], input: "" },
      { argv: ["search", "關鍵基礎設施", "--limit", "3"], input: "" },
      // A citation found, and one past the end of its part.
      { argv: ["cite", "A/78/265, annex, para. 23 (f) (ii)"], input: "" },
      { argv: ["cite", "A/78/265，附件，第 99 段", "--json"], input: "" },
      // Batches: found, an empty line, not found; two searches.
      {
        argv: ["cite", "--batch"],
        input: "A/78/265, annex, para. 23 (f) (ii)\n\nA/78/265, annex, para. 99\n",
      },
      { argv: ["search", "--batch", "--limit", "2"], input: "关键基础设施\n础设施和关键信\n" },
      // A draft on standard input, with "-" and piped without words; nothing piped.
      { argv: ["search", "-", "--limit", "2"], input: "各国保护关键基础设施。各国将部署量子小部件。\n" },
      { argv: ["search", "--limit", "2"], input: "关键基础设施" },
      { argv: ["search", "-"], input: "" },
      // Bad usage.
      { argv: ["cite"], input: "" },
    ])("acquis $argv prints exactly what the sources print", async ({ argv, input }) => {
      const compiled = runBin(argv, data, input);
      expect(compiled.err).not.toMatch(/running the sources/);
      expect(compiled).toEqual(await runSources(argv, data, input));
    });

    test("a build parses on the compiled worker threads and writes what the sources write", async () => {
      const files: Record<string, string> = { "corpus/registry.yaml": registry(["A/9/1"]) };
      // More documents than WORKER_THRESHOLD, so the parse runs on worker threads.
      for (let i = 1; i <= 10; i++)
        files[`corpus/A-9-${i}/en.md`] = doc(`A/9/${i}`, "en", `1. Paragraph one of ${i}.\n\n2. Two.\n`);
      const a = makeRepo(files);
      const b = makeRepo(files);
      // The data alone (--no-site): the site step runs Astro either way, in a process of its own.
      const compiled = runBin(["build", "--no-cache", "--no-site"], a);
      const sources = await runSources(["build", "--no-cache", "--no-site"], b);
      expect(compiled.err.replace(/generation \S+/, "")).toBe(sources.err.replace(/generation \S+/, ""));
      expect(compiled.code).toBe(sources.code);
      expect(snapshotDir(path.join(a, "dist/data"))).toEqual(snapshotDir(path.join(b, "dist/data")));
    });

    test("the compiled parse worker starts and parses (the build falls back to one thread without it)", async () => {
      const worker = new Worker(new URL(`file://${path.join(fake, "dist-cli/parse-worker.mjs")}`), {
        workerData: { role: "acquis-parse-worker" },
      });
      const input = { file: "x.md", markdown: "1. One.\n", firstLine: 1, meta: {} };
      const reply = await new Promise<{ outcome: { ok: boolean; thread: number } }>((resolve, reject) => {
        worker.on("error", reject);
        worker.on("message", (m) => {
          if (m === "ready") worker.postMessage({ index: 0, input });
          else resolve(m);
        });
      });
      await worker.terminate();
      expect(reply.outcome.thread).toBeGreaterThan(0);
    });

    /**
     * Every source module in the chunks a compiled entry imports, followed import by import:
     * esbuild marks each module's code with its path in a comment.
     */
    const modulesOf = (entry: string): string[] => {
      const dir = path.join(fake, "dist-cli");
      const modules = new Set<string>();
      const seen = new Set<string>();
      const stack = [entry];
      while (stack.length) {
        const file = stack.pop()!;
        if (seen.has(file)) continue;
        seen.add(file);
        const code = readFileSync(path.join(dir, file), "utf8");
        for (const m of code.matchAll(/^import\s[^;]*?["']\.\/([^"']+)["']/gm)) stack.push(m[1]!);
        for (const m of code.matchAll(/^\/\/ ((?:pipeline|core|schemas|node_modules)\/\S+)$/gm))
          modules.add(m[1]!);
      }
      return [...modules].sort();
    };

    test("the cold index's and the reuse stage's workers load no parser", () => {
      for (const entry of ["index-worker.mjs", "reuse-worker.mjs"]) {
        const modules = modulesOf(entry);
        expect(modules, entry).toContain(`pipeline/${entry.split("-")[0]}/worker.ts`);
        expect(
          modules.filter((m) => m.startsWith("pipeline/parse") || m.includes("micromark")),
          entry,
        ).toEqual([]);
      }
      expect(modulesOf("parse-worker.mjs")).toContain("pipeline/parse/index.ts");
    });

    test("the compiled words worker loads only the segmenter and the counting, and counts as here", async () => {
      const dir = path.join(fake, "dist-cli");
      const modules = modulesOf("words-worker.mjs");
      expect(modules).toEqual([
        "pipeline/index/exact-log.ts",
        "pipeline/index/jieba.ts",
        "pipeline/index/key-terms.ts",
        "pipeline/index/segmenter.ts",
        "pipeline/index/words-worker.ts",
      ]);
      const rows = [
        { doc: "A/1/1", lang: "zh", text: "各国应当加强信息通信技术安全领域的合作，建立信任措施。" },
        { doc: "A/1/1", lang: "zh", text: "联络点名录应当保持更新，各国应当加强合作。" },
      ] as const;
      const removed = [{ doc: "A/1/1", lang: "zh", text: "关键基础设施的保护需要各国共同努力。" }] as const;
      const worker = new Worker(new URL(`file://${path.join(dir, "words-worker.mjs")}`), {
        workerData: { role: WORDS_ROLE, rows, removed },
      });
      const reply = await new Promise<WordsReply>((resolve, reject) => {
        worker.on("error", reject);
        worker.once("message", resolve);
      });
      await worker.terminate();
      expect(reply).toEqual({
        ok: true,
        added: termCounts(rows, cutWords),
        removed: termCounts(removed, cutWords),
      });
      expect((reply as { added: TermCounts }).added.get("A/1/1|zh")!.get("加强")).toBe(2);
      expect((reply as { removed: TermCounts }).removed.get("A/1/1|zh")!.get("关键基础设施")).toBe(1);
    });

    test("a source touched but unchanged (same bytes, new time): the bin still runs the compiled CLI", () => {
      // Only the time differs: the bin hashes the file, finds the bytes recorded, and starts fast.
      const file = path.join(fake, "dist-cli/stamp.json");
      const stamp = JSON.parse(readFileSync(file, "utf8")) as { inputs: { path: string; mtimeMs: number }[] };
      const cli = stamp.inputs.find((i) => i.path === "core/address/urls.ts") ?? stamp.inputs[0]!;
      cli.mtimeMs -= 1000;
      writeFileSync(file, JSON.stringify(stamp));
      const r = runBin(["--help"], fake);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/Commands:/);
      expect(r.err).toBe("");
    });

    test("a source changed since the compile: the bin runs the sources and says which file", () => {
      // The stamp records every source with its size, time and hash; other bytes are a change.
      const file = path.join(fake, "dist-cli/stamp.json");
      const stamp = JSON.parse(readFileSync(file, "utf8")) as {
        inputs: { path: string; mtimeMs: number; sha256: string }[];
      };
      const cli = stamp.inputs.find((i) => i.path === "pipeline/cli.ts")!;
      cli.mtimeMs -= 1000;
      cli.sha256 = "0".repeat(64);
      writeFileSync(file, JSON.stringify(stamp));
      const r = runBin(["--help"], fake);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/Commands:/);
      expect(r.err).toBe(
        "acquis: pipeline/cli.ts changed since the CLI was compiled; running the sources with tsx (slower start). `npm run build:cli` compiles it.\n",
      );
    });
  });
});
