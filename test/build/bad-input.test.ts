/**
 * Bad input, one row each: every row builds a small corpus holding one bad file beside a good
 * document, and states the diagnostic (code, file, line, column, words of the message), whether
 * the bad document is still exported, and that the good one always is, whole.
 */
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { DocumentsFile } from "../../schemas/index.ts";
import {
  buildRepo,
  doc,
  frontMatter,
  GOOD,
  GOOD_FILE,
  GOOD_TEXTS,
  makeRepo,
  readParagraphs,
  registry,
  snapshotDir,
  writeFiles,
} from "./helpers.ts";

const BAD_TEXT = "1. A paragraph of the bad document.\n\n2. Another one.\n";
const enc = (s: string) => new TextEncoder().encode(s);
const cat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

interface Row {
  name: string;
  /** Files beside the good document and a registry listing A/1/1 and A/2/2. */
  files: Record<string, string | Uint8Array>;
  /** The registry's text; null: no registry at all. */
  registry?: string | null;
  expected: { code: string; file: string; line: number; column?: number; message: RegExp };
  /** Whether A/1/1 is still exported (warnings and infos keep a document; errors leave it out). */
  kept: boolean;
  maxBytes?: number;
  /** The bad document's paragraph texts when kept, if not the usual ones. */
  keptText?: string;
}

/** YAML aliases of aliases, `levels` deep, ten to a level: 10^levels values from 10 * levels aliases. */
function laughs(levels: number): string {
  let out = "l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (let i = 1; i <= levels; i++)
    out += `l${i}: &l${i} [${Array(10)
      .fill(`*l${i - 1}`)
      .join(", ")}]\n`;
  return out;
}

const rows: Row[] = [
  {
    name: "front matter missing",
    files: { "corpus/A-1-1/en.md": BAD_TEXT },
    expected: {
      code: "corpus/front-matter-missing",
      file: "corpus/A-1-1/en.md",
      line: 1,
      message: /no front matter/,
    },
    kept: false,
  },
  {
    name: "front matter never closed",
    files: { "corpus/A-1-1/en.md": `---\nsymbol: A/1/1\n\n${BAD_TEXT}` },
    expected: {
      code: "corpus/front-matter-missing",
      file: "corpus/A-1-1/en.md",
      line: 1,
      message: /never closed/,
    },
    kept: false,
  },
  {
    name: "front matter that is not YAML (an unclosed flow list on line 4)",
    files: { "corpus/A-1-1/en.md": `---\nsymbol: A/1/1\nlang: en\ntitle: [unclosed\n---\n${BAD_TEXT}` },
    expected: { code: "corpus/front-matter-yaml", file: "corpus/A-1-1/en.md", line: 4, message: /YAML/ },
    kept: false,
  },
  {
    name: "a date in the wrong format, at its key's line (5)",
    files: { "corpus/A-1-1/en.md": doc("A/1/1", "en", BAD_TEXT, { date: "2024/01/01" }) },
    expected: {
      code: "corpus/front-matter-invalid",
      file: "corpus/A-1-1/en.md",
      line: 5,
      column: 7,
      message: /date is "2024\/01\/01", expected a date as YYYY-MM-DD/,
    },
    kept: false,
  },
  {
    name: "a date of the right shape that is no calendar day (month 13)",
    files: { "corpus/A-1-1/en.md": doc("A/1/1", "en", BAD_TEXT, { date: '"2024-13-01"' }) },
    expected: {
      code: "corpus/front-matter-invalid",
      file: "corpus/A-1-1/en.md",
      line: 5,
      column: 7,
      message: /date is "2024-13-01", expected a calendar date as YYYY-MM-DD/,
    },
    kept: false,
  },
  {
    name: "an unknown front matter key (a typo) at its own line",
    files: { "corpus/A-1-1/en.md": frontMatter({ symbol: "A/1/1", titel: "x" } as never) + BAD_TEXT },
    expected: {
      code: "corpus/front-matter-invalid",
      file: "corpus/A-1-1/en.md",
      line: 10,
      message: /unknown key "titel"/,
    },
    kept: false,
  },
  {
    name: "a required key missing",
    files: {
      "corpus/A-1-1/en.md":
        frontMatter({ symbol: "A/1/1" }).replace("source: written for the tests\n", "") + BAD_TEXT,
    },
    expected: {
      code: "corpus/front-matter-invalid",
      file: "corpus/A-1-1/en.md",
      line: 2,
      message: /"source" is missing/,
    },
    kept: false,
  },
  {
    name: "a type outside the list",
    files: { "corpus/A-1-1/en.md": doc("A/1/1", "en", BAD_TEXT, { type: "memo" }) },
    expected: {
      code: "corpus/front-matter-invalid",
      file: "corpus/A-1-1/en.md",
      line: 6,
      message: /type is "memo", expected one of "report"/,
    },
    kept: false,
  },
  {
    name: "an unknown language in the front matter",
    files: { "corpus/A-1-1/en.md": doc("A/1/1", "en", BAD_TEXT, { lang: "fr" }) },
    expected: {
      code: "corpus/unknown-language",
      file: "corpus/A-1-1/en.md",
      line: 3,
      message: /lang is "fr", expected one of "zh", "en"/,
    },
    kept: false,
  },
  {
    name: "an unknown language in the file name",
    files: { "corpus/A-1-1/fr.md": doc("A/1/1", "en", BAD_TEXT) },
    expected: {
      code: "corpus/unknown-language",
      file: "corpus/A-1-1/fr.md",
      line: 1,
      message: /unknown language "fr"/,
    },
    kept: false,
  },
  {
    name: "front matter language differs from the file name",
    files: { "corpus/A-1-1/en.md": doc("A/1/1", "zh", BAD_TEXT) },
    expected: {
      code: "corpus/lang-mismatch",
      file: "corpus/A-1-1/en.md",
      line: 3,
      message: /lang: zh but the file is named en\.md/,
    },
    kept: false,
  },
  {
    name: "folder does not match the symbol",
    files: { "corpus/A-1-9/en.md": doc("A/1/1", "en", BAD_TEXT) },
    expected: {
      code: "corpus/path",
      file: "corpus/A-1-9/en.md",
      line: 2,
      message: /folder "A-1-9" does not match the symbol A\/1\/1/,
    },
    kept: false,
  },
  {
    name: "duplicate symbol and language: the copy outside the symbol's folder is left out",
    files: {
      "corpus/A-1-1/en.md": doc("A/1/1", "en", BAD_TEXT),
      "corpus/A-1-1-copy/en.md": doc("A/1/1", "en", "1. A stale copy.\n"),
    },
    expected: {
      code: "corpus/duplicate-document",
      file: "corpus/A-1-1-copy/en.md",
      line: 2,
      message: /already in corpus\/A-1-1\/en\.md/,
    },
    kept: true,
  },
  {
    name: "a symbol missing from the registry is only a warning",
    files: { "corpus/A-1-1/en.md": doc("A/1/1", "en", BAD_TEXT) },
    registry: registry(["A/2/2"]),
    expected: {
      code: "corpus/not-in-registry",
      file: "corpus/A-1-1/en.md",
      line: 2,
      message: /A\/1\/1 is not in the registry/,
    },
    kept: true,
  },
  {
    name: "invalid UTF-8: a GB18030 byte pair on line 12, after 6 characters",
    files: {
      "corpus/A-1-1/en.md": cat(
        enc(doc("A/1/1", "en", "1. A")),
        enc("\u00e9 "),
        new Uint8Array([0xd6, 0xd0]),
        enc(" x\n"),
      ),
    },
    expected: {
      code: "corpus/invalid-utf8",
      file: "corpus/A-1-1/en.md",
      line: 12,
      column: 7,
      message: /byte 0xD6/,
    },
    kept: false,
  },
  {
    name: "a UTF-16 file",
    files: { "corpus/A-1-1/en.md": cat(new Uint8Array([0xff, 0xfe]), enc("-\u0000-\u0000")) },
    expected: { code: "corpus/invalid-utf8", file: "corpus/A-1-1/en.md", line: 1, message: /UTF-16/ },
    kept: false,
  },
  {
    name: "a byte-order mark is stripped and warned",
    files: {
      "corpus/A-1-1/en.md": cat(new Uint8Array([0xef, 0xbb, 0xbf]), enc(doc("A/1/1", "en", BAD_TEXT))),
    },
    expected: { code: "corpus/bom", file: "corpus/A-1-1/en.md", line: 1, message: /byte-order mark/ },
    kept: true,
  },
  {
    name: "CRLF line ends are normalised, noted at the first one",
    files: { "corpus/A-1-1/en.md": doc("A/1/1", "en", BAD_TEXT).replace(/\n/g, "\r\n") },
    expected: { code: "corpus/crlf", file: "corpus/A-1-1/en.md", line: 1, message: /14 lines end with CRLF/ },
    kept: true,
  },
  {
    name: "an empty file",
    files: { "corpus/A-1-1/en.md": "" },
    expected: { code: "corpus/empty", file: "corpus/A-1-1/en.md", line: 1, message: /file is empty/ },
    kept: false,
  },
  {
    name: "a file of white space",
    files: { "corpus/A-1-1/en.md": " \n\n\t\n" },
    expected: { code: "corpus/empty", file: "corpus/A-1-1/en.md", line: 1, message: /only white space/ },
    kept: false,
  },
  {
    name: "front matter and no text",
    files: { "corpus/A-1-1/en.md": `${frontMatter({ symbol: "A/1/1" })}\n\n` },
    expected: { code: "corpus/empty", file: "corpus/A-1-1/en.md", line: 11, message: /no text/ },
    kept: false,
  },
  {
    name: "a file over the size limit is skipped, the limit and the way out in the message",
    files: { "corpus/A-1-1/en.md": doc("A/1/1", "en", `1. ${"long ".repeat(400)}\n`) },
    maxBytes: 1024,
    expected: {
      code: "corpus/too-large",
      file: "corpus/A-1-1/en.md",
      line: 1,
      message: /over the 1\.0 KB limit/,
    },
    kept: false,
  },
  {
    name: "a document directly in the corpus folder",
    files: { "corpus/A-1-1.md": doc("A/1/1", "en", BAD_TEXT) },
    expected: {
      code: "corpus/path",
      file: "corpus/A-1-1.md",
      line: 1,
      message: /directly in the corpus folder/,
    },
    kept: false,
  },
  {
    name: "a registry entry with an invalid date, at its line; the other entries still count",
    files: { "corpus/A-1-1/en.md": doc("A/1/1", "en", BAD_TEXT) },
    registry: `${registry(["A/1/1", "A/2/2"])}  - symbol: A/3/3\n    type: report\n    date: soon\n    title: {}\n`,
    expected: {
      code: "corpus/registry-invalid",
      file: "corpus/registry.yaml",
      line: 12,
      column: 11,
      message: /documents\[2\]\.date is "soon"/,
    },
    kept: true,
  },
  {
    name: "a symbol listed twice in the registry",
    files: { "corpus/A-1-1/en.md": doc("A/1/1", "en", BAD_TEXT) },
    registry: registry(["A/1/1", "A/2/2", "A/1/1"]),
    expected: {
      code: "corpus/registry-duplicate",
      file: "corpus/registry.yaml",
      line: 10,
      message: /A\/1\/1 is listed twice/,
    },
    kept: true,
  },
  {
    name: "a registry entry with an unknown key costs that entry alone, at the key's line",
    files: { "corpus/A-1-1/en.md": doc("A/1/1", "en", BAD_TEXT) },
    registry: `${registry(["A/1/1", "A/2/2"])}  - symbol: A/3/3\n    type: report\n    titel: x\n    title: {}\n`,
    expected: {
      code: "corpus/registry-invalid",
      file: "corpus/registry.yaml",
      line: 12,
      message: /unknown key "titel" in documents\[2\]/,
    },
    kept: true,
  },
  {
    name: "a control character (ESC) is warned at its line and column, and kept in the text",
    files: {
      "corpus/A-1-1/en.md": doc(
        "A/1/1",
        "en",
        BAD_TEXT.replace("bad document", "bad\u001b]0;x\u0007 document"),
      ),
    },
    expected: {
      code: "corpus/control-character",
      file: "corpus/A-1-1/en.md",
      line: 12,
      column: 26,
      message: /2 control characters \(U\+001B, U\+0007\)/,
    },
    kept: true,
    keptText: "A paragraph of the bad\u001b]0;x\u0007 document.",
  },
  {
    name: "a NUL character leaves the document out (Markdown would turn it into U+FFFD)",
    files: { "corpus/A-1-1/en.md": doc("A/1/1", "en", BAD_TEXT.replace("Another", "Anot\u0000her")) },
    expected: {
      code: "corpus/nul-character",
      file: "corpus/A-1-1/en.md",
      line: 14,
      column: 8,
      message: /NUL character \(U\+0000\)/,
    },
    kept: false,
  },
  {
    name: "UTF-16 little-endian without a byte-order mark is named as such",
    files: { "corpus/A-1-1/en.md": new Uint8Array(Buffer.from(doc("A/1/1", "en", BAD_TEXT), "utf16le")) },
    expected: {
      code: "corpus/invalid-utf8",
      file: "corpus/A-1-1/en.md",
      line: 1,
      message: /UTF-16 little-endian without a byte-order mark/,
    },
    kept: false,
  },
  {
    name: "UTF-16 big-endian without a byte-order mark is named as such",
    files: {
      "corpus/A-1-1/en.md": new Uint8Array(Buffer.from(doc("A/1/1", "en", BAD_TEXT), "utf16le").swap16()),
    },
    expected: {
      code: "corpus/invalid-utf8",
      file: "corpus/A-1-1/en.md",
      line: 1,
      message: /UTF-16 big-endian without a byte-order mark/,
    },
    kept: false,
  },
  {
    name: "a front matter with more aliases than the cap: a diagnostic at the first one over it",
    files: {
      "corpus/A-1-1/en.md": `---\nsymbol: A/1/1\nlang: en\nnote: &n x\nextra: [${Array.from({ length: 101 }, () => "*n").join(", ")}]\n---\n${BAD_TEXT}`,
    },
    expected: {
      code: "corpus/yaml-limit",
      file: "corpus/A-1-1/en.md",
      line: 5,
      message: /more than 100 aliases/,
    },
    kept: false,
  },
  {
    name: "a front matter whose few aliases expand too far (aliases of aliases)",
    files: {
      "corpus/A-1-1/en.md": `---\nsymbol: A/1/1\nlang: en\n${laughs(6)}---\n${BAD_TEXT}`,
    },
    expected: { code: "corpus/yaml-limit", file: "corpus/A-1-1/en.md", line: 2, message: /expand too far/ },
    kept: false,
  },
];

describe("bad input: a clear message with file and line, the other documents still build", () => {
  test.each(rows)("$name", async (row) => {
    const reg = row.registry === undefined ? registry(["A/1/1", "A/2/2"]) : row.registry;
    const root = makeRepo({
      ...(reg === null ? {} : { "corpus/registry.yaml": reg }),
      [GOOD_FILE]: GOOD,
      ...row.files,
    });
    const result = await buildRepo(root, { maxBytes: row.maxBytes });

    const hit = result.diagnostics.find((d) => d.code === row.expected.code);
    expect(hit, JSON.stringify(result.diagnostics, null, 1)).toBeDefined();
    expect(hit).toMatchObject({ file: row.expected.file, line: row.expected.line });
    if (row.expected.column) expect(hit!.column).toBe(row.expected.column);
    expect(hit!.message).toMatch(row.expected.message);
    expect(hit!.hint, "every diagnostic says what to do").toBeTruthy();

    // The good document is exported whole.
    const paragraphs = readParagraphs(root);
    expect(paragraphs.filter((p) => p.doc === "A/2/2").map((p) => p.text)).toEqual(GOOD_TEXTS);
    // The bad one is exported, unchanged, exactly when its problem is not an error.
    const docs = DocumentsFile.parse(
      JSON.parse(readFileSync(path.join(root, "dist/data/documents.json"), "utf8")),
    );
    const symbols = docs.documents.map((d) => d.symbol);
    expect(symbols.includes("A/1/1")).toBe(row.kept);
    if (row.kept) {
      expect(paragraphs.filter((p) => p.doc === "A/1/1").map((p) => p.text)).toEqual([
        row.keptText ?? "A paragraph of the bad document.",
        "Another one.",
      ]);
    }
    expect(result.summary.errors > 0).toBe(hit!.level === "error");
  });
});

interface BrokenRow {
  name: string;
  /** The corpus folder's files (paths inside it); the registry is one of them when present. */
  files: Record<string, string | Uint8Array>;
  /** The corpus folder the build is pointed at (a typo, say). */
  corpus?: string;
  /** The diagnostic that says what is wrong, beside `corpus/unbuildable`. */
  cause: { code: string; file: string; line: number; message: RegExp } | null;
  why: RegExp;
}

const GOOD_REGISTRY = registry(["A/2/2"]);
const brokenRows: BrokenRow[] = [
  {
    name: "no corpus folder (a typo in --corpus)",
    files: { "registry.yaml": GOOD_REGISTRY, "A-2-2/en.md": GOOD },
    corpus: "corpsu",
    cause: { code: "corpus/path", file: "corpsu", line: 1, message: /corpus folder not found/ },
    why: /the corpus folder corpsu was not found/,
  },
  {
    name: "no registry",
    files: { "A-2-2/en.md": GOOD },
    cause: {
      code: "corpus/registry-invalid",
      file: "corpus/registry.yaml",
      line: 1,
      message: /registry not found/,
    },
    why: /registry corpus\/registry\.yaml is missing/,
  },
  {
    name: "a registry that is not YAML, at the line of the error",
    files: { "registry.yaml": "documents:\n  - symbol: [A/2/2\n", "A-2-2/en.md": GOOD },
    cause: { code: "corpus/registry-invalid", file: "corpus/registry.yaml", line: 3, message: /YAML/ },
    why: /unreadable as a whole/,
  },
  {
    name: "a registry whose aliases expand too far",
    files: { "registry.yaml": `${laughs(7)}${GOOD_REGISTRY}`, "A-2-2/en.md": GOOD },
    cause: { code: "corpus/yaml-limit", file: "corpus/registry.yaml", line: 1, message: /expand too far/ },
    why: /unreadable as a whole/,
  },
  {
    name: "a registry over the cap of anchors",
    files: {
      "registry.yaml": `${Array.from({ length: 101 }, (_, i) => `a${i}: &a${i} x\n`).join("")}${GOOD_REGISTRY}`,
      "A-2-2/en.md": GOOD,
    },
    cause: {
      code: "corpus/yaml-limit",
      file: "corpus/registry.yaml",
      line: 101,
      message: /more than 100 anchors/,
    },
    why: /unreadable as a whole/,
  },
  {
    name: "a registry that is not a documents list",
    files: { "registry.yaml": "- A/2/2\n", "A-2-2/en.md": GOOD },
    cause: {
      code: "corpus/registry-invalid",
      file: "corpus/registry.yaml",
      line: 1,
      message: /`documents:` list/,
    },
    why: /unreadable as a whole/,
  },
  {
    name: "a registry in UTF-16",
    files: { "registry.yaml": new Uint8Array(Buffer.from(GOOD_REGISTRY, "utf16le")), "A-2-2/en.md": GOOD },
    cause: { code: "corpus/invalid-utf8", file: "corpus/registry.yaml", line: 1, message: /UTF-16/ },
    why: /unreadable as a whole/,
  },
  {
    name: "a corpus folder without documents",
    files: { "registry.yaml": GOOD_REGISTRY },
    cause: null,
    why: /holds no document/,
  },
  {
    name: "a corpus whose every document fails",
    files: { "registry.yaml": GOOD_REGISTRY, "A-2-2/en.md": BAD_TEXT },
    cause: {
      code: "corpus/front-matter-missing",
      file: "corpus/A-2-2/en.md",
      line: 1,
      message: /no front matter/,
    },
    why: /none of its 1 documents could be built/,
  },
];

describe("a corpus that cannot be built as a whole writes nothing, says why, and leaves the last output", () => {
  test.each(brokenRows)("$name", async (row) => {
    const root = makeRepo({ "corpus/registry.yaml": GOOD_REGISTRY, [GOOD_FILE]: GOOD });
    expect((await buildRepo(root)).unbuildable).toBeNull();
    const before = snapshotDir(path.join(root, "dist/data"));
    rmSync(path.join(root, "corpus"), { recursive: true });
    writeFiles(root, Object.fromEntries(Object.entries(row.files).map(([k, v]) => [`corpus/${k}`, v])));

    const result = await buildRepo(root, { corpus: row.corpus ?? "corpus" });
    expect(result.unbuildable).toMatch(row.why);
    expect(result.written).toEqual([]);
    expect(snapshotDir(path.join(root, "dist/data"))).toEqual(before);
    const said = result.diagnostics.find((d) => d.code === "corpus/unbuildable");
    expect(said?.message).toMatch(/nothing was written, the previous output stays/);
    expect(said?.level).toBe("error");
    if (row.cause) {
      const cause = result.diagnostics.find((d) => d.code === row.cause!.code);
      expect(cause, JSON.stringify(result.diagnostics, null, 1)).toMatchObject({
        file: row.cause.file,
        line: row.cause.line,
      });
      expect(cause!.message).toMatch(row.cause.message);
    }
    // A registry unreadable as a whole is reported once, not again for every document.
    expect(result.diagnostics.filter((d) => d.code === "corpus/not-in-registry")).toEqual([]);
  });
});
