/**
 * Small corpora for build tests, written from strings into a fresh folder under os.tmpdir(): the
 * test states only the files it is about; `frontMatter` fills in a valid front matter.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect } from "vitest";
import { type BuildOptions, type BuildResult, build } from "../../pipeline/build/index.ts";
import type { CommandIO } from "../../pipeline/commands/types.ts";
import { type FrontMatter, Paragraph } from "../../schemas/index.ts";

/** A valid front matter block, with overrides; keys in the order people write them. */
export function frontMatter(over: Partial<Record<keyof FrontMatter, string>> = {}): string {
  const fm: Record<string, string> = {
    symbol: "A/1/1",
    lang: "en",
    title: "A test report",
    date: '"2024-01-01"',
    type: "report",
    body: "OEWG 2021-2025",
    status: "consensus",
    source: "written for the tests",
    ...over,
  };
  return `---\n${Object.entries(fm)
    .map(([k, v]) => `${k}: ${v}`)
    .join("\n")}\n---\n`;
}

/** A whole corpus file: front matter plus a text of numbered paragraphs. */
export function doc(
  symbol: string,
  lang: "en" | "zh",
  text: string,
  over: Record<string, string> = {},
): string {
  return `${frontMatter({ symbol, lang, ...over })}\n${text}`;
}

/** A registry listing these symbols. */
export function registry(symbols: string[]): string {
  return `documents:\n${symbols
    .map((s) => `  - symbol: ${s}\n    type: report\n    title:\n      en: Report ${s}\n`)
    .join("")}`;
}

/** A good English document that every bad-input row keeps beside the bad one. */
export const GOOD_FILE = "corpus/A-2-2/en.md";
export const GOOD = doc(
  "A/2/2",
  "en",
  "1. The first paragraph stays.\n\n2. The second paragraph stays too.\n",
);
export const GOOD_TEXTS = ["The first paragraph stays.", "The second paragraph stays too."];

const roots: string[] = [];
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

/**
 * Write a repository-like folder: `files` maps repository-relative paths to contents. Removed
 * after the test file's tests.
 */
export function makeRepo(files: Record<string, string | Uint8Array>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), "acquis-build-"));
  roots.push(root);
  writeFiles(root, files);
  return root;
}

/** Write (or overwrite) files under `root`. */
export function writeFiles(root: string, files: Record<string, string | Uint8Array>): void {
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(root, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
}

/** Build `root` into `<root>/dist/data` with the cache in `<root>/.cache`, the parse alone (no stages). */
export function buildRepo(root: string, over: Partial<BuildOptions> = {}): Promise<BuildResult> {
  return build({ root, stages: "none", ...over });
}

/** A folder as {relative path: bytes-as-latin1}, every file at any depth, for byte comparisons. */
export function snapshotDir(dir: string, prefix = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) Object.assign(out, snapshotDir(abs, `${prefix}${entry.name}/`));
    else out[`${prefix}${entry.name}`] = readFileSync(abs, "latin1");
  }
  return out;
}

/** paragraphs.jsonl read back and validated line by line. */
export function readParagraphs(root: string, out = "dist/data"): Paragraph[] {
  return readFileSync(path.join(root, out, "paragraphs.jsonl"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => Paragraph.parse(JSON.parse(l)));
}

/** A CommandIO that records what a command prints. */
export function captureIO(cwd: string, isTTY = false): CommandIO & { out: string; err: string } {
  const io = {
    out: "",
    err: "",
    isTTY,
    cwd,
    stdout: (t: string) => {
      io.out += t;
    },
    stderr: (t: string) => {
      io.err += t;
    },
  };
  return io;
}

/** Build `root` cold into cold/ (no caches) and expect every file of dist/data the same bytes. */
export async function sameAsCold(root: string): Promise<BuildResult> {
  const cold = await build({ root, out: "cold", cache: "off" });
  expect(snapshotDir(path.join(root, "dist/data"))).toEqual(snapshotDir(path.join(root, "cold")));
  return cold;
}

/** Append `text` to a corpus file, its trailing white space cut first (as the bench changes a document). */
export const append = (root: string, file: string, text: string) =>
  writeFiles(root, { [file]: readFileSync(path.join(root, file), "utf8").trimEnd() + text });
