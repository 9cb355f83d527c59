/**
 * Front matter and registry: every problem at the line (and column) of the key to fix.
 */
import { describe, expect, test } from "vitest";
import { readFrontMatter } from "../../pipeline/load/front-matter.ts";
import { loadRegistry, readRegistry } from "../../pipeline/load/registry.ts";
import { FrontMatter } from "../../schemas/index.ts";

const FM = `---
symbol: A/78/265
lang: zh
title: 报告
date: "2023-08-01"
type: report
body: OEWG 2021-2025
status: consensus
source: UN
---
`;

describe("readFrontMatter", () => {
  test("valid front matter: the body as in the file, and the line it starts at", () => {
    const got = readFrontMatter(`${FM}\n1. 文字。\n`, "f.md");
    expect(got.diagnostics).toEqual([]);
    expect(got.meta).toMatchObject({ symbol: "A/78/265", lang: "zh", date: "2023-08-01" });
    expect(got.body).toBe("\n1. 文字。\n");
    expect(got.firstLine).toBe(11);
    expect(got.keyLines).toMatchObject({ symbol: 2, lang: 3, source: 9 });
  });

  test.each([
    { value: '"Report\\e[31m of the group"', points: "U+001B" },
    { value: '"Report\\x07 and\\x7f"', points: "U+0007, U+007F" },
  ])(
    "a control character written as a YAML escape ($value) is warned at its key's line, and kept",
    ({ value, points }) => {
      const got = readFrontMatter(FM.replace("title: 报告", `title: ${value}`), "f.md");
      expect(got.diagnostics).toHaveLength(1);
      expect(got.diagnostics[0]).toMatchObject({
        code: "corpus/control-character",
        level: "warning",
        line: 4,
      });
      expect(got.diagnostics[0]!.message).toContain(`title holds`);
      expect(got.diagnostics[0]!.message).toContain(points);
      // Kept as it is: the text is never altered.
      expect([...(got.meta?.title ?? "")].some((c) => c === "\u0007" || c === "\u001b")).toBe(true);
    },
  );

  test.each([
    // No opening fence.
    {
      name: "no front matter",
      src: "1. Text.\n",
      code: "corpus/front-matter-missing",
      line: 1,
      message: /no front matter/,
    },
    // An opening fence and no closing one.
    {
      name: "unclosed",
      src: "---\nsymbol: A/1/1\n",
      code: "corpus/front-matter-missing",
      line: 1,
      message: /never closed/,
    },
    // Bad YAML: reported where the yaml package places the error (the value that swallows the
    // over-indented next line), in file lines.
    {
      name: "bad YAML",
      src: "---\nsymbol: A/1/1\n  lang: zh\n---\n",
      code: "corpus/front-matter-yaml",
      line: 2,
      message: /^YAML: Nested mappings/,
    },
    // A quoted string never closed: at the line it opens.
    {
      name: "unclosed quote",
      src: '---\nsymbol: A/1/1\nlang: zh\ntitle: "abc\n---\n',
      code: "corpus/front-matter-yaml",
      line: 4,
      message: /^YAML: /,
    },
    // A key given twice.
    {
      name: "duplicate key",
      src: `${FM.slice(0, -4)}lang: en\n---\n`,
      code: "corpus/front-matter-yaml",
      line: 10,
      message: /unique/i,
    },
    // A list instead of a mapping.
    {
      name: "a list",
      src: "---\n- a\n- b\n---\n",
      code: "corpus/front-matter-invalid",
      line: 2,
      message: /found a list/,
    },
    // Empty front matter: every key missing, reported at the top.
    {
      name: "empty",
      src: "---\n---\ntext\n",
      code: "corpus/front-matter-invalid",
      line: 2,
      message: /found nothing/,
    },
    // A wrong value at its line, with the column of the value.
    {
      name: "symbol",
      src: FM.replace("A/78/265", "78/265"),
      code: "corpus/front-matter-invalid",
      line: 2,
      column: 9,
      message: /symbol is "78\/265", expected a UN symbol/,
    },
    // An unquoted number where a string belongs.
    {
      name: "number title",
      src: FM.replace("title: 报告", "title: 42"),
      code: "corpus/front-matter-invalid",
      line: 4,
      message: /title is 42, expected a value of type string/,
    },
    // An unknown key, at the key.
    {
      name: "typo",
      src: FM.replace("status:", "statu:"),
      code: "corpus/front-matter-invalid",
      line: 8,
      message: /unknown key "statu"/,
    },
    // A government's paper given a placeholder symbol (issue 12): told to key it by an id.
    {
      name: "an id written as a symbol",
      src: FM.replace("A/78/265", "CN-2024-ICT-POSITION"),
      code: "corpus/front-matter-invalid",
      line: 2,
      message:
        /expected a UN symbol such as "A\/78\/265"; a document without one is keyed by its id: id: cn-2024-ict-position/,
    },
    // A path segment in a symbol never becomes a folder (issue 18).
    {
      name: "dots in a symbol",
      src: FM.replace("A/78/265", "A/78/265/../../.."),
      code: "corpus/front-matter-invalid",
      line: 2,
      message: /segments are never "\." or "\.\."/,
    },
    // A symbol too long for a folder name gets a message, not a stack trace.
    {
      name: "long symbol",
      src: FM.replace("A/78/265", `A/${"1".repeat(300)}`),
      code: "corpus/front-matter-invalid",
      line: 2,
      message: /at most 100 characters \(this one has 302\)/,
    },
    // Neither key.
    {
      name: "no key",
      src: FM.replace("symbol: A/78/265\n", ""),
      code: "corpus/front-matter-invalid",
      line: 2,
      message: /no key: give symbol .* or, for a document without one, id/,
    },
    // Both keys.
    {
      name: "both keys",
      src: FM.replace("lang: zh", "id: cn-2024-ict-position\nlang: zh"),
      code: "corpus/front-matter-invalid",
      line: 3,
      message: /one key only/,
    },
    // A national paper names its authors.
    {
      name: "national paper without authors",
      src: FM.replace("status: consensus", "status: national"),
      code: "corpus/front-matter-invalid",
      message: /a national paper \(status national\) names its authors/,
    },
    // The unknown language has a code of its own.
    {
      name: "language",
      src: FM.replace("lang: zh", "lang: ru"),
      code: "corpus/unknown-language",
      line: 3,
      message: /lang is "ru"/,
    },
  ])("$name", ({ src, code, line, column, message }) => {
    const got = readFrontMatter(src, "corpus/A-1-1/zh.md");
    expect(got.meta).toBeNull();
    const d = got.diagnostics.find((x) => x.code === code && message.test(x.message));
    expect(d, JSON.stringify(got.diagnostics)).toMatchObject({
      file: "corpus/A-1-1/zh.md",
      ...(line ? { line } : {}),
      level: "error",
    });
    if (column) expect(d!.column).toBe(column);
    expect(d!.message).toMatch(message);
  });

  test("a national paper without a symbol: keyed by its id, its authors named", () => {
    const src = FM.replace("symbol: A/78/265", "id: cn-2024-ict-position")
      .replace("type: report", "type: position paper")
      .replace("status: consensus", "status: national\nauthors: [CN]");
    const got = readFrontMatter(src, "corpus/cn-2024-ict-position/zh.md");
    expect(got.diagnostics).toEqual([]);
    // Once validated, the key is in `symbol` whichever key the file used; it validates again as is.
    expect(got.meta).toMatchObject({ symbol: "cn-2024-ict-position", authors: ["CN"] });
    expect(got.meta).not.toHaveProperty("id");
    expect(FrontMatter.parse(got.meta)).toEqual(got.meta);
  });

  test("several problems are all reported, each at its own line", () => {
    const src = FM.replace('"2023-08-01"', "yesterday").replace("type: report", "type: memo");
    const got = readFrontMatter(src, "f.md");
    expect(got.diagnostics.map((d) => [d.line, d.code])).toEqual([
      [5, "corpus/front-matter-invalid"],
      [6, "corpus/front-matter-invalid"],
    ]);
  });
});

const ENTRY = (symbol: string) => `  - symbol: ${symbol}\n    type: report\n    title:\n      zh: 报告\n`;

describe("readRegistry", () => {
  test("valid entries, defaults filled in", () => {
    const got = readRegistry(`documents:\n${ENTRY("A/1/1")}${ENTRY("A/2/2")}`, "corpus/registry.yaml");
    expect(got.diagnostics).toEqual([]);
    expect(got.registry.documents.map((d) => d.symbol)).toEqual(["A/1/1", "A/2/2"]);
    expect(got.registry.documents[0]!.short).toEqual({ zh: [], en: [] });
  });

  test("a national paper is registered by its id, with its authors, titles and short titles", () => {
    const text = `documents:
  - id: cn-2024-ict-position
    type: position paper
    date: "2024-05-20"
    status: national
    authors: [CN]
    title:
      zh: 关于信息通信技术安全若干问题的立场文件
      en: Position paper on some questions of ICT security
    short:
      zh: [中国立场文件]
      en: [China's position paper]
`;
    const got = readRegistry(text, "corpus/registry.yaml");
    expect(got.diagnostics).toEqual([]);
    expect(got.registry.documents[0]).toMatchObject({
      symbol: "cn-2024-ict-position",
      authors: ["CN"],
      short: { zh: ["中国立场文件"], en: ["China's position paper"] },
    });
  });

  test.each([
    // The file is missing: one error, an empty registry.
    { name: "missing", text: null, code: "corpus/registry-invalid", line: 1, kept: [] },
    // No documents list.
    { name: "no list", text: "documents: 3\n", code: "corpus/registry-invalid", line: 1, kept: [] },
    // An unknown top-level key, at its line; the entries still count.
    {
      name: "top-level typo",
      text: `documents:\n${ENTRY("A/1/1")}document: []\n`,
      code: "corpus/registry-invalid",
      line: 6,
      kept: ["A/1/1"],
    },
    // One bad entry (a symbol that is not one) costs only itself.
    {
      name: "bad entry",
      text: `documents:\n${ENTRY("A/1/1")}${ENTRY("nonsense")}${ENTRY("A/3/3")}`,
      code: "corpus/registry-invalid",
      line: 6,
      kept: ["A/1/1", "A/3/3"],
    },
    // An unknown key inside an entry, at the key.
    {
      name: "entry typo",
      text: `documents:\n${ENTRY("A/1/1")}    titel: x\n`,
      code: "corpus/registry-invalid",
      line: 6,
      kept: [],
    },
    // A duplicate keeps the first.
    {
      name: "duplicate",
      text: `documents:\n${ENTRY("A/1/1")}${ENTRY("A/1/1")}`,
      code: "corpus/registry-duplicate",
      line: 6,
      kept: ["A/1/1"],
    },
    // Merge keys are read, and count as what they are.
    {
      name: "merge key",
      text: "documents:\n  - &b {symbol: A/1/1, type: report, title: {zh: 报告}}\n  - <<: *b\n    symbol: A/1/2\n",
      code: null,
      line: 0,
      kept: ["A/1/1", "A/1/2"],
      usable: true,
    },
    // Over the cap of merge keys: the registry is not read at all, at the first one over.
    {
      name: "merge keys over the cap",
      text: `documents:\n  - &b {symbol: A/1/0, type: report, title: {zh: 报告}}\n${Array.from({ length: 101 }, (_, i) => `  - <<: *b\n    symbol: A/1/${i + 1}\n`).join("")}`,
      code: "corpus/yaml-limit",
      line: 203,
      kept: [],
      usable: false,
    },
    // Nesting deeper than the parser's stack is a message, not a RangeError.
    {
      name: "too deep",
      text: `documents: ${"[".repeat(20000)}`,
      code: "corpus/registry-invalid",
      line: 1,
      kept: [],
    },
  ])("$name", ({ text, code, line, kept, usable }) => {
    const got = readRegistry(text, "corpus/registry.yaml");
    if (code) expect(got.diagnostics.map((d) => [d.code, d.line])).toContainEqual([code, line]);
    else expect(got.diagnostics).toEqual([]);
    expect(got.registry.documents.map((d) => d.symbol)).toEqual(kept);
    if (usable !== undefined) expect(got.usable).toBe(usable);
  });

  test("every command reads the registry as the build does: loadRegistry from the file's bytes", () => {
    const bytes = new TextEncoder().encode(`documents:\n${ENTRY("A/1/1")}${ENTRY("nonsense")}`);
    const got = loadRegistry(bytes, "corpus/registry.yaml");
    expect(got.usable).toBe(true);
    expect(got.registry.documents.map((d) => d.symbol)).toEqual(["A/1/1"]);
    expect(got.diagnostics.map((d) => d.code)).toEqual(["corpus/registry-invalid"]);
    // Bytes that are not UTF-8 make it unusable, with the decoder's diagnostic.
    const bad = loadRegistry(new Uint8Array([0xff, 0x0a]), "corpus/registry.yaml");
    expect(bad.usable).toBe(false);
    expect(bad.diagnostics.map((d) => d.code)).toEqual(["corpus/invalid-utf8"]);
    expect(loadRegistry(null, "corpus/registry.yaml").usable).toBe(false);
  });

  const BODY = (body: string, names: string) => `  - body: ${body}\n    names: ${names}\n`;
  test("bodies: their names in full, per language", () => {
    const got = readRegistry(
      `documents:\n${ENTRY("A/1/1")}bodies:\n${BODY("OEWG X", "{zh: [某某问题工作组]}")}`,
      "corpus/registry.yaml",
    );
    expect(got.diagnostics).toEqual([]);
    expect(got.registry.bodies).toEqual([{ body: "OEWG X", names: { zh: ["某某问题工作组"], en: [] } }]);
  });

  test.each([
    // A language the registry does not hold: the bad body is dropped, at its line; the rest stays.
    {
      name: "unknown language",
      bodies: `bodies:\n${BODY("A", "{fr: [x]}")}${BODY("B", "{en: [Group B]}")}`,
      line: 8,
      kept: ["B"],
    },
    // Not a list at all.
    { name: "not a list", bodies: "bodies: 3\n", line: 1, kept: [] },
  ])("bodies: $name", ({ bodies, line, kept }) => {
    const got = readRegistry(`documents:\n${ENTRY("A/1/1")}${bodies}`, "corpus/registry.yaml");
    expect(got.diagnostics.map((d) => [d.code, d.line])).toEqual([["corpus/registry-invalid", line]]);
    expect((got.registry.bodies ?? []).map((b) => b.body)).toEqual(kept);
    expect(got.registry.documents.map((d) => d.symbol)).toEqual(["A/1/1"]);
  });
});
