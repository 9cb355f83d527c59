/**
 * The README's examples, run as a newcomer runs them. Trying main as a user would, the national
 * paper's `acquis import … --id` line failed as written: a paper the registry does not list has no
 * date or issuing body to fall back on, and the command refused it ("date (--date): missing;
 * body (--body): missing"). Here each such line runs against an empty corpus, its original swapped
 * for a small HTML paper in our own words, with --dry-run so nothing is written.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { runCli } from "../../pipeline/cli.ts";
import { captureIO, makeRepo } from "../build/helpers.ts";
import { repoRoot } from "../parse/helpers.ts";

/** The words of a shell line as the shell splits them: spaces outside quotes, quotes removed. */
function shellWords(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? "");
}

const readme = readFileSync(path.join(repoRoot, "README.md"), "utf8");
/** The README's `npx acquis import <file> --id …` lines, without their trailing comments. */
const importLines = readme
  .split("\n")
  .filter((l) => /^npx acquis import \S+ .*--id /.test(l))
  .map((l) => l.replace(/\s+#.*$/, ""));

/** A paper in the language the line imports it as: the import questions one its script is not. */
const PAPER = {
  en: `<html><head><title>A paper</title></head><body>
<h1>A test position paper</h1>
<p>1. States should protect the infrastructure that serves the public.</p>
<p>2. States will keep talking to one another.</p>
</body></html>`,
  zh: `<html><head><title>一份文件</title></head><body>
<h1>一份测试立场文件</h1>
<p>1. 各国应当保护为公众服务的基础设施。</p>
<p>2. 各国将继续相互交流。</p>
</body></html>`,
};

describe("the README's examples", () => {
  test("the README shows importing a national paper by its id", () => {
    expect(importLines.length).toBeGreaterThan(0);
  });

  test.each(importLines)("%s works as written on a paper the registry does not list", async (line) => {
    const [, , , , ...args] = shellWords(line);
    const lang = args[args.indexOf("--lang") + 1] === "zh" ? "zh" : "en";
    const root = makeRepo({ "corpus/registry.yaml": "documents: []\n", "paper.html": PAPER[lang] });
    const io = captureIO(root);
    const code = await runCli(["import", "paper.html", ...args, "--dry-run"], io);
    expect(io.err).toBe("");
    expect(code).toBe(0);
  });
});
