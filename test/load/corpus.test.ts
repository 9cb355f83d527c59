/**
 * The corpus layout and the checks across documents: which paths are documents, and what
 * happens to a document whose folder, file name or symbol disagree, or that comes twice.
 */
import { describe, expect, test } from "vitest";
import { type Candidate, checkCorpus, classifyCorpusPath } from "../../pipeline/load/corpus.ts";
import type { FrontMatter, Registry } from "../../schemas/index.ts";

describe("classifyCorpusPath", () => {
  test.each([
    { rel: "A-78-265/zh.md", expected: { kind: "document", slug: "A-78-265", lang: "zh" } },
    { rel: "A-RES-80-16/en.md", expected: { kind: "document", slug: "A-RES-80-16", lang: "en" } },
    { rel: "registry.yaml", expected: { kind: "registry" } },
    // Not Markdown, a README, hidden files: not documents, and not errors.
    { rel: "A-78-265/original.pdf", expected: { kind: "ignored" } },
    { rel: "README.md", expected: { kind: "ignored" } },
    { rel: "A-78-265/.zh.md.swp", expected: { kind: "ignored" } },
    // Markdown in the wrong place, or in a language acquis does not read: errors.
    { rel: "A-78-265.md", expected: { kind: "bad", code: "corpus/path" } },
    { rel: "A-78-265/annex/zh.md", expected: { kind: "bad", code: "corpus/path" } },
    { rel: "A-78-265/fr.md", expected: { kind: "bad", code: "corpus/unknown-language" } },
    { rel: "A-78-265/ZH.md", expected: { kind: "bad", code: "corpus/unknown-language" } },
  ])("$rel", ({ rel, expected }) => {
    const got = classifyCorpusPath(rel, `corpus/${rel}`);
    if (got.kind === "bad") expect({ kind: got.kind, code: got.diagnostic.code }).toEqual(expected);
    else expect(got).toEqual(expected);
  });
});

const meta = (symbol: string, lang: "zh" | "en"): FrontMatter => ({
  symbol,
  lang,
  title: "t",
  date: "2024-01-01",
  type: "report",
  body: "b",
  status: "consensus",
  source: "s",
});
const candidate = (
  file: string,
  symbol: string,
  lang: "zh" | "en" = "zh",
  over: Partial<FrontMatter> = {},
): Candidate => {
  const [, slug, name] = /^corpus\/([^/]+)\/(zh|en)\.md$/.exec(file)!;
  return {
    file,
    slug: slug!,
    lang: name as "zh" | "en",
    meta: { ...meta(symbol, lang), ...over },
    keyLines: { symbol: 2, id: 2, lang: 3, authors: 4 },
  };
};
const reg = (...symbols: string[]): Registry => ({
  documents: symbols.map((symbol) => ({ symbol, type: "report", title: {}, short: { zh: [], en: [] } })),
});

describe("checkCorpus", () => {
  test.each([
    {
      name: "all well",
      docs: [candidate("corpus/A-1-1/zh.md", "A/1/1")],
      registry: reg("A/1/1"),
      rejected: [],
      codes: [],
    },
    // Folder and symbol disagree: the document is left out.
    {
      name: "folder",
      docs: [candidate("corpus/A-1-2/zh.md", "A/1/1")],
      registry: reg("A/1/1"),
      rejected: ["corpus/A-1-2/zh.md"],
      codes: ["corpus/path"],
    },
    // File name and lang disagree.
    {
      name: "lang",
      docs: [candidate("corpus/A-1-1/zh.md", "A/1/1", "en")],
      registry: reg("A/1/1"),
      rejected: ["corpus/A-1-1/zh.md"],
      codes: ["corpus/lang-mismatch"],
    },
    // Twice the same symbol+lang: the copy in the symbol's own folder is kept.
    {
      name: "duplicate",
      docs: [candidate("corpus/A-1-1-old/zh.md", "A/1/1"), candidate("corpus/A-1-1/zh.md", "A/1/1")],
      registry: reg("A/1/1"),
      rejected: ["corpus/A-1-1-old/zh.md"],
      codes: ["corpus/path", "corpus/duplicate-document"],
    },
    // The same symbol in two languages is no duplicate.
    {
      name: "two languages",
      docs: [candidate("corpus/A-1-1/zh.md", "A/1/1"), candidate("corpus/A-1-1/en.md", "A/1/1", "en")],
      registry: reg("A/1/1"),
      rejected: [],
      codes: [],
    },
    // Not in the registry: a warning, the document kept.
    {
      name: "unregistered",
      docs: [candidate("corpus/A-1-1/zh.md", "A/1/1")],
      registry: reg("A/9/9"),
      rejected: [],
      codes: ["corpus/not-in-registry"],
    },
    // A national paper keyed by its id, in the folder its id names.
    {
      name: "a paper without a symbol",
      docs: [
        candidate("corpus/cn-2024-ict-position/zh.md", "cn-2024-ict-position", "zh", { authors: ["CN"] }),
      ],
      registry: reg("cn-2024-ict-position"),
      rejected: [],
      codes: [],
    },
    // A hyphenated symbol has its own folder: A/ES-10/1 and A-ES/10/1 never share one (issue 18).
    {
      name: "hyphenated symbols",
      docs: [
        candidate("corpus/A-ES--10-1/en.md", "A/ES-10/1", "en"),
        candidate("corpus/A--ES-10-1/en.md", "A-ES/10/1", "en"),
      ],
      registry: reg("A/ES-10/1", "A-ES/10/1"),
      rejected: [],
      codes: [],
    },
    // The first slug scheme's folder for a hyphenated symbol is not its folder any more.
    {
      name: "old slug",
      docs: [candidate("corpus/A-ES-10-1/en.md", "A/ES-10/1", "en")],
      registry: reg("A/ES-10/1"),
      rejected: ["corpus/A-ES-10-1/en.md"],
      codes: ["corpus/path"],
    },
    // Two folders one case apart: one folder on macOS or Windows.
    {
      name: "case",
      docs: [
        candidate("corpus/A-RES-1-1/en.md", "A/RES/1/1", "en"),
        candidate("corpus/A-Res-1-1/en.md", "A/Res/1/1", "en"),
      ],
      registry: reg("A/RES/1/1", "A/Res/1/1"),
      rejected: ["corpus/A-Res-1-1/en.md"],
      codes: ["corpus/folder-collision"],
    },
    // An author code no table knows: kept, warned.
    {
      name: "unknown author",
      docs: [candidate("corpus/A-1-1/zh.md", "A/1/1", "zh", { authors: ["CN", "XQ"] })],
      registry: reg("A/1/1"),
      rejected: [],
      codes: ["corpus/unknown-author"],
    },
    // No registry at all (already reported): no per-document warning.
    {
      name: "no registry",
      docs: [candidate("corpus/A-1-1/zh.md", "A/1/1")],
      registry: null,
      rejected: [],
      codes: [],
    },
  ])("$name", ({ docs, registry, rejected, codes }) => {
    const got = checkCorpus(docs, registry);
    expect([...got.rejected]).toEqual(rejected);
    expect(got.diagnostics.map((d) => d.code)).toEqual(codes);
    for (const d of got.diagnostics) expect(d.line).toBeGreaterThan(1);
  });
});
