/**
 * The build runner as a whole: byte-identical output, the stages composed in data-flow order,
 * the atomic swap, the parse cache, the manifest and the build report, a 50 MB file, and the
 * real seed.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { entryBytes, readEntry } from "../../pipeline/build/entry.ts";
import { build, WORKER_THRESHOLD } from "../../pipeline/build/index.ts";
import { dataFiles } from "../../pipeline/build/write.ts";
import { removeTreeLater, sha256, writeDirectoryAtomic } from "../../pipeline/host.ts";
import { parseDocument } from "../../pipeline/parse/index.ts";
import { sectionsOf } from "../../pipeline/parse/record.ts";
import { parseInWorkers } from "../../pipeline/parse-worker.ts";
import { BuildReport, summarise } from "../../pipeline/report.ts";
import { reuseStage } from "../../pipeline/reuse/stage.ts";
import {
  DocumentsFile,
  FrontMatter,
  Manifest,
  Paragraph,
  SCHEMA_VERSION,
  type WorkingPaper,
  WorkingPapersFile,
} from "../../schemas/index.ts";
import { repoRoot, splitFrontMatter } from "../parse/helpers.ts";
import {
  buildRepo,
  doc,
  GOOD,
  GOOD_FILE,
  GOOD_TEXTS,
  makeRepo,
  readParagraphs,
  registry,
  snapshotDir,
  writeFiles,
} from "./helpers.ts";

const ZH = doc(
  "A/1/1",
  "zh",
  "# 一. 引言\n\n1. 第一段的文字。\n\n2. 第二段的文字：\n\n(a) 第一分段；\n\n(b) 第二分段。\n",
);

function corpus(): Record<string, string> {
  return {
    "corpus/registry.yaml": registry(["A/1/1", "A/2/2"]),
    "corpus/A-1-1/zh.md": ZH,
    [GOOD_FILE]: GOOD,
  };
}

const read = (root: string, file: string) => readFileSync(path.join(root, "dist/data", file), "utf8");

describe("output", () => {
  test("the same input gives byte-identical output, with or without the cache", async () => {
    const root = makeRepo(corpus());
    await buildRepo(root);
    const first = snapshotDir(path.join(root, "dist/data"));
    await buildRepo(root); // from the cache
    expect(snapshotDir(path.join(root, "dist/data"))).toEqual(first);
    await buildRepo(root, { cache: "off" }); // parsed again
    expect(snapshotDir(path.join(root, "dist/data"))).toEqual(first);
    // A second checkout of the same corpus elsewhere gives the same bytes too (no absolute paths).
    const other = makeRepo(corpus());
    await buildRepo(other);
    expect(snapshotDir(path.join(other, "dist/data"))).toEqual(first);
  });

  test("documents sorted by symbol then language, paragraphs in reading order, every file validated", async () => {
    const root = makeRepo({
      ...corpus(),
      "corpus/A-1-1/en.md": doc("A/1/1", "en", "1. First.\n\n2. Second.\n"),
    });
    await buildRepo(root);
    const docs = DocumentsFile.parse(JSON.parse(read(root, "documents.json"))).documents;
    expect(docs.map((d) => `${d.symbol} ${d.lang}`)).toEqual(["A/1/1 en", "A/1/1 zh", "A/2/2 en"]);
    const paragraphs = readParagraphs(root);
    expect(paragraphs.map((p) => `${p.doc} ${p.lang} ${p.address}`)).toEqual([
      "A/1/1 en 1",
      "A/1/1 en 2",
      "A/1/1 zh 1",
      "A/1/1 zh 2",
      "A/1/1 zh 2.a",
      "A/1/1 zh 2.b",
      "A/2/2 en 1",
      "A/2/2 en 2",
    ]);
    expect(docs.find((d) => d.lang === "zh")).toMatchObject({
      file: "corpus/A-1-1/zh.md",
      hash: sha256(new TextEncoder().encode(ZH)),
      paragraphs: 4,
    });
    expect(WorkingPapersFile.parse(JSON.parse(read(root, "working-papers.json"))).schemaVersion).toBe(
      SCHEMA_VERSION,
    );
  });

  test("the manifest lists every file with its record count, size and SHA-256, and no timestamps", async () => {
    const root = makeRepo(corpus());
    await buildRepo(root);
    const manifest = Manifest.parse(JSON.parse(read(root, "manifest.json")));
    expect(manifest.files.map((f) => f.path)).toEqual([
      "diagnostics.json",
      "documents.json",
      "paragraphs.jsonl",
      "working-papers.json",
    ]);
    for (const f of manifest.files) {
      const bytes = readFileSync(path.join(root, "dist/data", f.path));
      expect(f.bytes, f.path).toBe(bytes.length);
      expect(f.sha256, f.path).toBe(sha256(bytes));
    }
    expect(manifest.files.find((f) => f.path === "paragraphs.jsonl")!.records).toBe(6);
    expect(manifest.files.find((f) => f.path === "documents.json")!.records).toBe(2);
    expect(read(root, "manifest.json")).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });

  test("diagnostics.json is the build report: every diagnostic, counts by level and code", async () => {
    const root = makeRepo({ ...corpus(), "corpus/A-3-3/en.md": "no front matter\n" });
    const result = await buildRepo(root);
    const report = BuildReport.parse(JSON.parse(read(root, "diagnostics.json")));
    expect(report.diagnostics).toEqual(result.diagnostics);
    expect(report.summary).toMatchObject({ documents: 3, built: 2, paragraphs: 6, errors: 1 });
    expect(report.summary.byCode["corpus/front-matter-missing"]).toBe(1);
  });

  test("every stage runs, in data-flow order, and its files are in the manifest with their record counts", async () => {
    const root = makeRepo(corpus());
    const labels: string[] = [];
    const result = await buildRepo(root, {
      stages: "all",
      onProgress: (p) => {
        if (p.phase === "stage") labels.push(p.label);
      },
    });
    expect(labels).toEqual(["cite", "reuse", "index", "topics"]);
    const manifest = Manifest.parse(JSON.parse(read(root, "manifest.json")));
    const records = Object.fromEntries(manifest.files.map((f) => [f.path, f.records]));
    const stages = result.analysed.stages!;
    expect(records).toMatchObject({
      "citations.jsonl": stages.cite.citations.length,
      "citations-summary.json": stages.cite.summary.documents.length,
      "reuse.jsonl": stages.reuse.reuse.length,
      "lineage.json": stages.reuse.lineage.families.length,
      "search/index.json": null,
      "topics.json": stages.topics.tagged,
    });
    expect(manifest.files.filter((f) => f.path.startsWith("search/")).length).toBeGreaterThan(1);
  });
});

describe("the stages, composed", () => {
  test("the reuse stage gets the cite stage's citations: wording that is only a reference joins no link", async () => {
    // The seed's annex paragraphs 28 and 33 (and 31 (c) and 36) share formulas joined through
    // "2021 年不限成员名额工作组报告", which the cite stage reads as a citation of A/75/816.
    const r = await build({ root: repoRoot, out: null, cache: "off" });
    const stages = r.analysed.stages!;
    const pairs = (links: readonly { from: string; to: string }[]) =>
      links.map((l) => `${l.from} -> ${l.to}`);
    const joined = [
      "A-78-265/zh/annex/28 -> A-78-265/zh/annex/33",
      "A-78-265/zh/annex/31.c -> A-78-265/zh/annex/36",
    ];
    expect(stages.cite.citations.some((c) => c.raw === "2021 年不限成员名额工作组报告")).toBe(true);
    for (const pair of joined) expect(pairs(stages.reuse.reuse)).not.toContain(pair);
    // The same stage handed no citations links them: what the composition passes counts.
    const input = { documents: r.documents, paragraphs: r.paragraphs, registry: { documents: [] } };
    const blind = pairs(reuseStage({ ...input, citations: [] }).reuse);
    for (const pair of joined) expect(blind).toContain(pair);
  });

  test("an invalid record fails before anything is written; a valid parse exports the four core files", () => {
    const paper = {
      id: "A-1-1/zh/annex/wp1",
      doc: "A/1/1",
      lang: "zh",
      n: 1,
      title: "工作文件",
      submitter: "中国",
      joint: false,
      // Not an ISO 3166 code.
      states: [{ code: "China", name: { zh: "中国", en: "China" }, printed: "中国" }],
      unmatched: [],
      paragraph: "A-1-1/zh/1",
      source: { file: "corpus/A-1-1/zh.md", line: 12 },
    } as WorkingPaper;
    const out = {
      documents: [],
      paragraphPieces: [],
      paragraphCount: 0,
      diagnostics: [],
      summary: summarise([], { documents: 0, built: 0, paragraphs: 0 }),
    };
    const analysed = { workingPapers: [], stages: null, diagnostics: [] };
    // Each file is validated as the writer makes it (its chunks), before anything is swapped in.
    const made = (files: ReturnType<typeof dataFiles>["files"]) =>
      files.map((f) => [...(typeof f.chunks === "function" ? f.chunks() : f.chunks)]);
    expect(() =>
      made(dataFiles({ ...out, analysed: { ...analysed, workingPapers: [paper] } }).files),
    ).toThrow(/code/);
    expect(dataFiles({ ...out, analysed }).files.map((f) => f.path)).toEqual([
      "diagnostics.json",
      "documents.json",
      "paragraphs.jsonl",
      "working-papers.json",
    ]);
  });
});

describe("documents.json validates only the records it has not seen valid", () => {
  const file = (documents: DocumentsFile["documents"], valid: Parameters<typeof dataFiles>[1]) => {
    const out = {
      documents,
      paragraphPieces: [],
      paragraphCount: 0,
      diagnostics: [],
      summary: summarise([], { documents: 0, built: 0, paragraphs: 0 }),
    };
    const f = dataFiles(
      { ...out, analysed: { workingPapers: [], stages: null, diagnostics: [] } },
      valid,
    ).files.find((x) => x.path === "documents.json")!;
    return [...(typeof f.chunks === "function" ? f.chunks() : f.chunks)].join("");
  };

  test("made record by record, it is the file the schema makes whole; a record known valid is not validated again", async () => {
    const root = makeRepo(corpus());
    const { documents } = await build({ root, out: null, cache: "off" });
    expect(documents.length).toBeGreaterThan(1);
    // The first record with its keys out of the schema's order and a key the schema drops.
    const [first, ...rest] = documents;
    const { symbol, ...others } = first!;
    const shuffled = [{ ...others, symbol, stray: 1 } as unknown as (typeof documents)[0], ...rest];
    const whole = `${JSON.stringify(DocumentsFile.parse({ schemaVersion: SCHEMA_VERSION, documents: shuffled }))}\n`;
    const seen = { known: new Set<string>(), validated: new Set<string>() };
    expect(file(shuffled, seen)).toBe(whole);
    // Only the records the schema gave back as they were are known valid: not the shuffled one.
    expect(seen.validated.size).toBe(documents.length - 1);
    const again = { known: seen.validated, validated: new Set<string>() };
    expect(file(shuffled, again)).toBe(whole);
    expect(again.validated).toEqual(seen.validated);
    // A record not known is validated: an invalid one throws, before anything is written.
    const bad = [{ ...rest[0]!, lang: "fr" } as unknown as (typeof documents)[0]];
    expect(() => file(bad, again)).toThrow(/lang/);
    // Known by the SHA-256 of its JSON, it would be written unvalidated: what is known is trusted.
    const sum = createHash("sha256").update(JSON.stringify(bad[0])).digest("base64");
    expect(() => file(bad, { known: new Set([sum]), validated: new Set() })).not.toThrow();
  });
});

describe("atomic write: a failed build leaves the last good output intact", () => {
  const failures: Array<{ name: string; over: Parameters<typeof buildRepo>[1] }> = [
    {
      // A stage that throws: nothing is written at all (the progress callback stands in for it).
      name: "a stage throws",
      over: {
        stages: "all",
        onProgress: (p) => {
          if (p.phase === "stage" && p.label === "reuse") throw new Error("stage broke");
        },
      },
    },
    {
      // Every file written into the temporary folder, then a failure just before the swap.
      name: "a failure after the files are written, before the swap",
      over: {
        beforeSwap: () => {
          throw new Error("disk full");
        },
      },
    },
  ];

  test.each(failures)("$name", async ({ over }) => {
    const root = makeRepo(corpus());
    await buildRepo(root);
    const before = snapshotDir(path.join(root, "dist/data"));
    // The corpus changes, then the build fails: the old output stays, whole.
    writeFiles(root, { "corpus/A-1-1/zh.md": ZH.replace("第一段", "改过的第一段") });
    await expect(buildRepo(root, over)).rejects.toThrow();
    expect(snapshotDir(path.join(root, "dist/data"))).toEqual(before);
    // No temporary folder is left beside the output.
    expect(readdirSync(path.join(root, "dist")).sort()).toEqual(["data"]);
  });

  test("a file that cannot be written mid-way (it would leave the folder) leaves the output as it was", async () => {
    const root = makeRepo(corpus());
    await buildRepo(root);
    const out = path.join(root, "dist/data");
    const before = snapshotDir(out);
    const file = (p: string) => ({ path: p, chunks: ["{}\n"], records: null, schemaVersion: null });
    expect(() => writeDirectoryAtomic(out, [file("a.json"), file("../x.json"), file("z.json")])).toThrow(
      /leaves/,
    );
    expect(snapshotDir(out)).toEqual(before);
    expect(readdirSync(path.join(root, "dist")).sort()).toEqual(["data"]);
  });

  test("a file the last output made from the same source is linked, its content never made; any other is made", () => {
    const root = makeRepo({});
    const last = path.join(root, "last");
    const [a] = writeDirectoryAtomic(last, [
      { path: "a.json", chunks: ['{"a":1}\n'], source: "s1", records: null, schemaVersion: null },
    ]);
    const never = () => {
      throw new Error("made, though the last output holds it");
    };
    const hooks = {
      made: ({ source }: { source: string }) =>
        source === "s1" ? { sha256: a!.sha256, bytes: a!.bytes } : null,
      link: ({ sha256: sha }: { sha256: string }) => (sha === a!.sha256 ? path.join(last, "a.json") : null),
    };
    const out = path.join(root, "out");
    const written = writeDirectoryAtomic(
      out,
      [
        { path: "a.json", chunks: never, source: "s1", records: null, schemaVersion: null },
        { path: "b.json", chunks: () => ['{"b":2}\n'], source: "s2", records: null, schemaVersion: null },
      ],
      hooks,
    );
    expect(written.map((w) => [w.path, w.sha256])).toEqual([
      ["a.json", a!.sha256],
      ["b.json", sha256('{"b":2}\n')],
    ]);
    const ino = (f: string) => statSync(f, { bigint: true }).ino;
    expect(ino(path.join(out, "a.json"))).toBe(ino(path.join(last, "a.json")));
    // The last output's file gone (the link hook finds none): the content is made after all.
    expect(() =>
      writeDirectoryAtomic(
        path.join(root, "out2"),
        [{ path: "a.json", chunks: never, source: "s1", records: null, schemaVersion: null }],
        {
          ...hooks,
          link: () => null,
        },
      ),
    ).toThrow(/made, though/);
  });

  test("a file whose bytes are known is linked from the last output's file of the same bytes, at any path, never made; without one it is made", () => {
    const root = makeRepo({});
    const last = path.join(root, "last");
    const [a] = writeDirectoryAtomic(last, [
      { path: "t-old/0.json.gz", chunks: ["chunk zero\n"], records: null, schemaVersion: null },
    ]);
    const never = () => {
      throw new Error("made, though the last output holds its bytes");
    };
    const asked: string[] = [];
    const hooks = {
      // No source to find it by: only its bytes name it.
      made: () => null,
      link: ({ path: p, sha256: sha }: { path: string; sha256: string }) => {
        asked.push(p);
        return sha === a!.sha256 ? path.join(last, "t-old/0.json.gz") : null;
      },
    };
    const known = { sha256: a!.sha256, bytes: a!.bytes };
    const out = path.join(root, "out");
    const written = writeDirectoryAtomic(
      out,
      [{ path: "t-new/0.json.gz", chunks: never, known, records: null, schemaVersion: null }],
      hooks,
    );
    expect(asked).toEqual(["t-new/0.json.gz"]);
    expect(written.map((w) => [w.path, w.sha256, w.bytes])).toEqual([
      ["t-new/0.json.gz", a!.sha256, a!.bytes],
    ]);
    const ino = (f: string) => statSync(f, { bigint: true }).ino;
    expect(ino(path.join(out, "t-new/0.json.gz"))).toBe(ino(path.join(last, "t-old/0.json.gz")));
    // No file of those bytes in the last output: the content is made, hashed and written.
    const made = writeDirectoryAtomic(
      path.join(root, "out2"),
      [
        {
          path: "t-new/0.json.gz",
          chunks: () => ["chunk zero\n"],
          known,
          records: null,
          schemaVersion: null,
        },
      ],
      { ...hooks, link: () => null },
    );
    expect(made.map((w) => w.sha256)).toEqual([a!.sha256]);
    expect(readFileSync(path.join(root, "out2/t-new/0.json.gz"), "utf8")).toBe("chunk zero\n");
  });

  test("a file made and hashed before it is written holds the bytes of its chunks joined, as streaming writes them", () => {
    const root = makeRepo({});
    // Lines past several of the writer's buffers, Chinese text, a surrogate pair cut between two
    // chunks, a lone surrogate, and bytes in between.
    const line = (i: number) => `{"id":${i},"text":"关于信息和电信领域的发展 ${"x".repeat(i % 97)}"}\n`;
    const chunks: Array<string | Uint8Array> = [
      ...Array.from({ length: 150_000 }, (_, i) => line(i)),
      "pair \ud83d",
      "\ude00 joined",
      Buffer.from("raw bytes\n"),
      "lone \ud83d",
      Buffer.from("after\n"),
      "end \udc00\n",
    ];
    // What Buffer.from makes of the strings between two byte chunks joined.
    const expected = Buffer.concat([
      Buffer.from(chunks.slice(0, 150_002).join(""), "utf8"),
      Buffer.from("raw bytes\n"),
      Buffer.from("lone \ud83d", "utf8"),
      Buffer.from("after\n"),
      Buffer.from("end \udc00\n", "utf8"),
    ]);
    expect(expected.includes(Buffer.from("pair \u{1f600} joined"))).toBe(true);
    const file = { path: "big.jsonl", chunks, records: null, schemaVersion: null };
    const streamed = writeDirectoryAtomic(path.join(root, "streamed"), [file]);
    const made = writeDirectoryAtomic(path.join(root, "made"), [file], { link: () => null });
    expect(readFileSync(path.join(root, "made/big.jsonl")).equals(expected)).toBe(true);
    expect(readFileSync(path.join(root, "streamed/big.jsonl")).equals(expected)).toBe(true);
    expect(made).toEqual(streamed);
    expect(made[0]!.sha256).toBe(sha256(expected));
  });

  test("the last output handed over for removal holds what it held; left there, the next write removes it", async () => {
    const root = makeRepo({});
    const out = path.join(root, "out");
    const file = (p: string, text: string) => ({
      path: p,
      chunks: [text],
      records: null,
      schemaVersion: null,
    });
    writeDirectoryAtomic(out, [file("a.json", "1\n"), file("d/b.json", "2\n")]);
    let old = "";
    writeDirectoryAtomic(out, [file("a.json", "3\n")], { removeOld: (dir) => (old = dir) });
    expect(readFileSync(path.join(out, "a.json"), "utf8")).toBe("3\n");
    expect(readFileSync(path.join(old, "d/b.json"), "utf8")).toBe("2\n");
    // Left beside the output (a build killed before removing it): the next write removes it.
    writeDirectoryAtomic(out, [file("a.json", "4\n")]);
    expect(existsSync(old)).toBe(false);
    // Handed over again, and removed on the thread pool.
    writeDirectoryAtomic(out, [file("a.json", "5\n")], { removeOld: (dir) => (old = dir) });
    expect(existsSync(path.join(old, "a.json"))).toBe(true);
    await removeTreeLater(old);
    expect(existsSync(old)).toBe(false);
    expect(readdirSync(root).sort()).toEqual(["out"]);
    // Folders in folders and an empty one go too; a folder already gone is no error; a file where
    // a folder is expected is one, and says so.
    writeFiles(root, { "deep/a/b/c.json": "1", "deep/a/d.json": "2", "deep/e.json": "3" });
    const { mkdirSync } = await import("node:fs");
    mkdirSync(path.join(root, "deep/empty"));
    await removeTreeLater(path.join(root, "deep"));
    expect(existsSync(path.join(root, "deep"))).toBe(false);
    await removeTreeLater(path.join(root, "deep"));
    await expect(removeTreeLater(path.join(out, "a.json"))).rejects.toThrow(/ENOTDIR/);
  });

  test("a build killed between the two renames is repaired by the next one", async () => {
    const root = makeRepo(corpus());
    await buildRepo(root);
    const before = snapshotDir(path.join(root, "dist/data"));
    // What a kill between "move old aside" and "move new in" leaves: no output, the old one aside.
    const { renameSync } = await import("node:fs");
    renameSync(path.join(root, "dist/data"), path.join(root, "dist/.data.old-999999999"));
    writeFiles(root, { "dist/.data.tmp-999999999/paragraphs.jsonl": "half" });
    const { recoverOutput } = await import("../../pipeline/host.ts");
    recoverOutput(path.join(root, "dist/data"));
    expect(snapshotDir(path.join(root, "dist/data"))).toEqual(before);
    expect(readdirSync(path.join(root, "dist"))).toEqual(["data"]);
  });
});

test("parsing on worker threads gives the same bytes as parsing on the main thread", async () => {
  const files = corpus();
  // Enough documents for the pool to start (WORKER_THRESHOLD), each different.
  for (let i = 0; i < WORKER_THRESHOLD + 2; i++) {
    files[`corpus/A-5-${i}/zh.md`] = doc(
      `A/5/${i}`,
      "zh",
      `1. 第 ${i} 份文件的第一段。\n\n2. 第二段：\n\n(a) 分段 ${i}。\n`,
    );
  }
  const pooled = makeRepo(files);
  const serial = makeRepo(files);
  const a = await buildRepo(pooled, { threads: 2, cache: "off" });
  const b = await buildRepo(serial, { threads: 1, cache: "off" });
  expect(a.stats.parsed).toBe(WORKER_THRESHOLD + 4);
  expect(a.paragraphs).toHaveLength(b.paragraphs.length);
  expect(snapshotDir(path.join(pooled, "dist/data"))).toEqual(snapshotDir(path.join(serial, "dist/data")));
});

test("the worker pool parses off the main thread, and returns results in input order", async () => {
  const meta = FrontMatter.parse(splitFrontMatter(doc("A/1/1", "en", "")).meta);
  const inputs = Array.from({ length: 5 }, (_, i) => ({
    file: `f${i}.md`,
    markdown: `1. Paragraph ${i}.\n`,
    firstLine: 1,
    meta,
  }));
  const outcomes = await parseInWorkers(inputs, 2);
  expect(outcomes.map((o) => (o.ok ? o.parsed?.paragraphs[0]?.text : o.error))).toEqual(
    inputs.map((_, i) => `Paragraph ${i}.`),
  );
  expect(outcomes.some((o) => (o.thread ?? 0) > 0)).toBe(true);
});

test("asked for entries, the pool hands back each parse as the cache entry the main thread makes", async () => {
  const meta = FrontMatter.parse(splitFrontMatter(doc("A/1/1", "en", "")).meta);
  const inputs = Array.from({ length: 4 }, (_, i) => ({
    file: `f${i}.md`,
    markdown: `# Title ${i}\n\n1. Paragraph ${i}.[^1]\n\n[^1]: A note.\n`,
    firstLine: 1,
    meta,
  }));
  const outcomes = await parseInWorkers(inputs, 2, () => {}, { entries: true });
  const fromWorkers = outcomes.filter((o) => (o.thread ?? 0) > 0);
  expect(fromWorkers.length).toBeGreaterThan(0);
  for (const [i, o] of outcomes.entries()) {
    const here = entryBytes(inputs[i]!.file, parseDocument(inputs[i]!));
    const there = o.ok ? (o.entry ?? entryBytes(inputs[i]!.file, o.parsed)) : null;
    expect(there && Buffer.from(there).equals(Buffer.from(here)), inputs[i]!.file).toBe(true);
    expect(readEntry(there!, inputs[i]!.file)?.parsed.paragraphs[0]?.text).toBe(`Paragraph ${i}.`);
  }
  for (const o of fromWorkers) expect(o.ok && o.entry instanceof Uint8Array).toBe(true);
});

describe("parse cache", () => {
  test("a second build parses nothing; a changed document is parsed again, alone", async () => {
    const root = makeRepo(corpus());
    expect((await buildRepo(root)).stats).toEqual({ parsed: 2, cached: 0 });
    expect((await buildRepo(root)).stats).toEqual({ parsed: 0, cached: 2 });
    writeFiles(root, { "corpus/A-1-1/zh.md": ZH.replace("第一段", "改过的第一段") });
    const third = await buildRepo(root);
    expect(third.stats).toEqual({ parsed: 1, cached: 1 });
    expect(third.paragraphs.find((p) => p.doc === "A/1/1")!.text).toBe("改过的第一段的文字。");
  });

  test("progress names each step: reading the cache's hits apart from parsing, the memos apart from both", async () => {
    const root = makeRepo(corpus());
    await buildRepo(root, { stages: "all" });
    writeFiles(root, { "corpus/A-1-1/zh.md": ZH.replace("第一段", "改过的第一段") });
    const seen: string[] = [];
    await buildRepo(root, {
      stages: "all",
      onProgress: (p) => {
        const step = p.phase === "cache" || p.phase === "parse" ? `${p.phase} ${p.done}/${p.total}` : p.phase;
        if (p.phase !== "stage" && seen.at(-1) !== step)
          seen.push(p.phase === "memos" ? `memos ${p.label}` : step);
      },
    });
    // The one hit is read (cache 1/2) before the one miss is parsed (parse 2/2, counting the hit).
    expect(seen).toEqual([
      "cache 0/2",
      "cache 1/2",
      "parse 1/2",
      "parse 2/2",
      "memos read",
      "write",
      "memos write",
    ]);
  });

  test("--no-cache parses everything; check reads the cache but never writes it", async () => {
    const root = makeRepo(corpus());
    expect((await buildRepo(root, { cache: "read", out: null })).stats).toEqual({ parsed: 2, cached: 0 });
    expect(existsSync(path.join(root, ".cache/parse"))).toBe(false);
    await buildRepo(root);
    expect((await buildRepo(root, { cache: "off" })).stats).toEqual({ parsed: 2, cached: 0 });
    expect((await buildRepo(root, { cache: "read", out: null })).stats).toEqual({ parsed: 0, cached: 2 });
  });

  test("a damaged cache entry is a miss, never an error", async () => {
    const root = makeRepo(corpus());
    await buildRepo(root);
    const dir = path.join(root, ".cache/parse");
    for (const f of readdirSync(dir)) writeFileSync(path.join(dir, f), "{not json");
    const again = await buildRepo(root);
    expect(again.stats).toEqual({ parsed: 2, cached: 0 });
    expect(
      readParagraphs(root)
        .filter((p) => p.doc === "A/2/2")
        .map((p) => p.text),
    ).toEqual(GOOD_TEXTS);
  });

  test("an entry cut short is a miss, and paragraphs.jsonl comes out the same", async () => {
    const root = makeRepo(corpus());
    await buildRepo(root);
    const before = readFileSync(path.join(root, "dist/data/paragraphs.jsonl"));
    const dir = path.join(root, ".cache/parse");
    // Cut after the last line's closing brace: every line still parses, the newline is gone.
    for (const f of readdirSync(dir)) {
      const b = readFileSync(path.join(dir, f));
      writeFileSync(path.join(dir, f), b.subarray(0, b.length - 1));
    }
    expect((await buildRepo(root)).stats).toEqual({ parsed: 2, cached: 0 });
    expect(readFileSync(path.join(root, "dist/data/paragraphs.jsonl"))).toEqual(before);
    // Entries written again: read back as hits, to the same bytes.
    expect((await buildRepo(root)).stats).toEqual({ parsed: 0, cached: 2 });
    expect(readFileSync(path.join(root, "dist/data/paragraphs.jsonl"))).toEqual(before);
  });

  test("check writes no output", async () => {
    const root = makeRepo(corpus());
    const result = await buildRepo(root, { out: null });
    expect(result.paragraphs).toHaveLength(6);
    expect(existsSync(path.join(root, "dist"))).toBe(false);
  });
});

test("a 50 MB file is refused with the limit in the message, without costing the others", async () => {
  const big = doc("A/1/1", "en", `1. ${"x".repeat(50 * 1024 * 1024)}\n`);
  const root = makeRepo({ ...corpus(), "corpus/A-1-1/en.md": big });
  const result = await buildRepo(root);
  const d = result.diagnostics.find((x) => x.code === "corpus/too-large");
  expect(d).toMatchObject({ level: "error", file: "corpus/A-1-1/en.md", line: 1 });
  expect(d!.message).toMatch(/50\.0 MB, over the 20\.0 MB limit/);
  expect(d!.hint).toMatch(/Split it/);
  expect(result.documents.map((x) => `${x.symbol} ${x.lang}`)).toEqual(["A/1/1 zh", "A/2/2 en"]);
});

describe("the real seed", () => {
  test("builds: documents.json has A/78/265 zh, every line of paragraphs.jsonl validates, nothing lost", async () => {
    const out = makeRepo({});
    const result = await build({ root: repoRoot, out: path.join(out, "data"), cache: "off", stages: "none" });
    expect(result.summary.errors).toBe(0);
    const docs = DocumentsFile.parse(JSON.parse(readFileSync(path.join(out, "data/documents.json"), "utf8")));
    expect(docs.documents.map((d) => `${d.symbol} ${d.lang}`)).toContain("A/78/265 zh");
    const lines = readFileSync(path.join(out, "data/paragraphs.jsonl"), "utf8").split("\n").filter(Boolean);
    const seed = lines.map((l) => Paragraph.parse(JSON.parse(l))).filter((p) => p.doc === "A/78/265");
    // The same paragraphs, in the same order, as the parser gives on the file directly.
    const src = readFileSync(path.join(repoRoot, "corpus/A-78-265/zh.md"), "utf8");
    const { meta, body, firstLine } = splitFrontMatter(src);
    const direct = parseDocument({
      file: "corpus/A-78-265/zh.md",
      markdown: body,
      firstLine,
      meta: FrontMatter.parse(meta),
    });
    expect(seed.length).toBeGreaterThan(0);
    expect(seed).toEqual(direct.paragraphs);
    expect(docs.documents.find((d) => d.symbol === "A/78/265")!.paragraphs).toBe(seed.length);
    // The record's sections, which the parse cache entry carries, are those of the parse itself.
    const sections = docs.documents.find((d) => d.symbol === "A/78/265")!.sections ?? [];
    expect(sections.length).toBeGreaterThan(0);
    expect(sections).toEqual(sectionsOf(direct.headings, direct.paragraphs));
    // Annex D's list, through the working-papers extractor: 81 papers, each on an exported paragraph.
    const papers = WorkingPapersFile.parse(
      JSON.parse(readFileSync(path.join(out, "data/working-papers.json"), "utf8")),
    ).papers.filter((p) => p.doc === "A/78/265");
    expect(papers).toHaveLength(81);
    const ids = new Set(seed.map((p) => p.id));
    expect(papers.filter((p) => !ids.has(p.paragraph))).toEqual([]);
  });
});
