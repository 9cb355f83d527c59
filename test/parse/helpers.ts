/** Read a corpus-format file (front matter + Markdown) and parse it, as the build runner does. */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import YAML from "yaml";
import { type Parsed, parseDocument } from "../../pipeline/parse/index.ts";
import { FrontMatter } from "../../schemas/index.ts";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const sharedDir = resolve(repoRoot, "../shared");

/** Split front matter and body; `firstLine` is the body's first line in the file. */
export function splitFrontMatter(src: string): { meta: unknown; body: string; firstLine: number } {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(src);
  if (!m) throw new Error("no front matter");
  return { meta: YAML.parse(m[1]!), body: src.slice(m[0].length), firstLine: m[0].split("\n").length };
}

/** Parse a corpus file given as text; `file` is its repository-relative path. */
export function parseSource(src: string, file = "test.md"): Parsed {
  const { meta, body, firstLine } = splitFrontMatter(src);
  return parseDocument({ file, markdown: body, firstLine, meta: FrontMatter.parse(meta) });
}

/** Parse a file of the repository. */
export function parseFile(path: string): Parsed {
  return parseSource(readFileSync(resolve(repoRoot, path), "utf8"), path);
}

/** Parse Markdown with front matter built from `meta` (for fixtures written inline). */
export function parseMarkdown(markdown: string, meta: Partial<FrontMatter> = {}): Parsed {
  const full: FrontMatter = {
    symbol: "A/00/000",
    lang: "en",
    title: "Test document",
    date: "2024-01-01",
    type: "report",
    body: "OEWG 2021-2025",
    status: "consensus",
    source: "written for the tests",
    ...meta,
  };
  return parseDocument({ file: "test.md", markdown, firstLine: 1, meta: full });
}
