/**
 * A build after a change, from the memos of the build before (pipeline/build/memos.ts), against a
 * cold build (`--no-cache`) of the same corpus: every file of dist/data the same bytes, edit after
 * edit, with the reuse and index stages running incrementally where they can and saying why not
 * where they cannot. A memo that does not fit (edited by hand, cut short by a killed build, made
 * by another version, its base gone) is never used: the build runs cold and says why.
 *
 * The corpus: the repository's seed A/78/265 and documents written here, in our own words, that
 * reuse its wording and each other's.
 */
import { readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { FRAME, STRIDE, sealed } from "../../pipeline/build/entry.ts";
import { type BuildResult, build, publishBuild } from "../../pipeline/build/index.ts";
import {
  LOAD_FILE,
  loadMemoFile,
  MEMO_FILES,
  MEMO_PIECE,
  memoFiles,
  OUTPUT_MEMO,
  readLoadMemo,
  readMemos,
  readOutputMemo,
  readStamps,
  STAMPS,
  sameStamp,
} from "../../pipeline/build/memos.ts";
import { previousOutput } from "../../pipeline/build/write.ts";
import { type Cited, type CiteMemoDoc, type CiteRef, citeStageMemo } from "../../pipeline/cite/stage.ts";
import { codeVersion, FileStore, type RangeFile, stampOf } from "../../pipeline/host.ts";
import type { BuiltIndex } from "../../pipeline/index/build.ts";
import { indexStageMemo } from "../../pipeline/index/stage.ts";
import { readTopics } from "../../pipeline/load/topics.ts";
import { PieceUnreadable } from "../../pipeline/memo-pieces.ts";
import { pack, packSummed, type Section, unpack } from "../../pipeline/pack.ts";
import { COLUMNS, REUSE_MEMO } from "../../pipeline/reuse/memo-file.ts";
import { topicsFileChunks, topicsStageMemo } from "../../pipeline/topics/incremental.ts";
import { type AdoptionFile, SCHEMA_VERSION } from "../../schemas/index.ts";
import { repoRoot } from "../parse/helpers.ts";
import { append, doc, makeRepo, sameAsCold, snapshotDir, writeFiles } from "./helpers.ts";

const seedText = () => readFileSync(path.join(repoRoot, "corpus/A-78-265/zh.md"), "utf8");
const seedRegistry = () => readFileSync(path.join(repoRoot, "corpus/registry.yaml"), "utf8");

/** A later report that takes up sentences of the seed, with edits, and words of its own. */
function later(symbol: string, date: string, sentences: string[]): string {
  const text = sentences.map((s, i) => `${i + 1}. ${s}`).join("\n\n");
  return doc(symbol, "zh", `${text}\n`, { date: `"${date}"` });
}

/** Paragraph texts of the seed's body, to plant in the other documents. */
function seedSentences(): string[] {
  return seedText()
    .split("\n\n")
    .map((b) => b.replace(/^\d+\.\s*/, "").trim())
    .filter((b) => b.length > 60 && b.length < 400 && !b.startsWith("---") && !/^[(（]/.test(b))
    .slice(5, 40);
}

function files(): Record<string, string> {
  const s = seedSentences();
  return {
    "corpus/registry.yaml": seedRegistry(),
    "corpus/A-78-265/zh.md": seedText(),
    "corpus/A-79-10/zh.md": later("A/79/10", "2024-07-01", [
      s[0]!,
      `${s[1]!.slice(0, 40)}，并决定继续审议这一问题。`,
      "各方同意在下届会议上再次讨论本报告所述的各项建议。",
      s[2]!,
    ]),
    "corpus/A-80-20/zh.md": later("A/80/20", "2025-07-01", [
      s[3]!,
      `${s[0]!}此外还强调了合作的重要性。`,
      "工作组欢迎各国提交的书面意见，并注意到其中提出的新想法。",
    ]),
    "corpus/A-80-20/en.md": doc(
      "A/80/20",
      "en",
      "1. The group welcomed the written contributions of States and took note of the new ideas they raised.\n\n2. States agreed to consider the recommendations again at the next session.\n",
      { date: '"2025-07-01"' },
    ),
  };
}

/** Build into dist/data with the caches (incremental when it can), and into cold/ without. */
async function bothWays(root: string): Promise<{ inc: BuildResult; cold: BuildResult }> {
  const inc = await build({ root });
  const cold = await sameAsCold(root);
  return { inc, cold };
}

describe("a build after a change equals a cold build, byte for byte", () => {
  test("edit after edit, incremental where paragraph numbers stay, cold (saying why) where not", async () => {
    const root = makeRepo(files());
    const first = await build({ root });
    expect(first.runs).toMatchObject({
      reuse: { mode: "cold", why: null },
      index: { mode: "cold", why: null },
    });

    // Nothing changed: both stages incremental, nothing redone.
    let { inc } = await bothWays(root);
    expect(inc.runs).toMatchObject({
      reuse: { mode: "incremental", redone: 0 },
      index: { mode: "incremental", redone: 0 },
    });

    // A sentence appended to the seed (the benchmark's edit).
    append(root, "corpus/A-78-265/zh.md", "基准测试修改0。\n");
    ({ inc } = await bothWays(root));
    expect(inc.runs).toMatchObject({ reuse: { mode: "incremental" }, index: { mode: "incremental" } });
    expect(inc.runs!.reuse.redone).toBeGreaterThan(0);
    expect(inc.runs!.reuse.redone).toBeLessThan(inc.paragraphs.length);

    // A paragraph of the later report rewritten to carry more of the seed's wording.
    const s = seedSentences();
    writeFiles(root, {
      "corpus/A-79-10/zh.md": later("A/79/10", "2024-07-01", [s[0]!, s[5]!, "各方同意再次讨论。", s[2]!]),
    });
    ({ inc } = await bothWays(root));
    expect(inc.runs).toMatchObject({ reuse: { mode: "incremental" }, index: { mode: "incremental" } });

    // A new document: reuse stays incremental; the index numbers paragraphs anew, cold.
    writeFiles(root, {
      "corpus/A-81-5/zh.md": later("A/81/5", "2026-01-01", [s[6]!, `${s[3]!}再次重申。`]),
      "corpus/registry.yaml": seedRegistry(),
    });
    ({ inc } = await bothWays(root));
    expect(inc.runs!.reuse.mode).toBe("incremental");
    expect(inc.runs!.index).toMatchObject({
      mode: "cold",
      why: expect.stringMatching(/paragraph numbers move/),
    });

    // A document redated: the direction of its links and the ranking move.
    writeFiles(root, {
      "corpus/A-80-20/zh.md": files()["corpus/A-80-20/zh.md"]!.replace("2025-07-01", "2022-01-01"),
    });
    ({ inc } = await bothWays(root));
    expect(inc.runs!.reuse.mode).toBe("incremental");
  });

  test("a State's paper added and edited, and an agreed text redated: adoption moves, and equals a cold build", async () => {
    const root = makeRepo(files());
    await build({ root });
    const s = seedSentences();
    // A Chinese position paper of May 2023 taking up a sentence only the seed (August 2023) holds.
    const paper = (sentences: string[]) =>
      `---\nid: cn-2023-test-paper\nlang: zh\ntitle: 关于测试的立场文件\ndate: "2023-05-01"\ntype: position paper\nbody: Government of China\nstatus: national\nauthors: [CN]\nsource: written for the tests\n---\n${sentences.map((x, i) => `${i + 1}. ${x}`).join("\n\n")}\n`;
    const links = () =>
      (
        JSON.parse(readFileSync(path.join(root, "dist/data/adoption.json"), "utf8")) as AdoptionFile
      ).links.map((l) => `${l.paper} ${l.agreed.split("/")[0]} ${l.direction}`);
    writeFiles(root, { "corpus/cn-2023-test-paper/zh.md": paper([s[10]!, "我国主张各方加强对话与合作。"]) });
    await bothWays(root);
    const added = links();
    expect(added).toContain("cn-2023-test-paper/zh/1 A-78-265 proposed");

    // The paper edited: it takes up one more of the seed's sentences.
    writeFiles(root, {
      "corpus/cn-2023-test-paper/zh.md": paper([s[10]!, "我国主张各方加强对话与合作。", s[12]!]),
    });
    await bothWays(root);
    expect(links().length).toBeGreaterThan(added.length);

    // The agreed text redated before the paper: the paper now quotes it.
    writeFiles(root, {
      "corpus/A-78-265/zh.md": seedText().replace('date: "2023-08-01"', 'date: "2023-01-01"'),
    });
    await bothWays(root);
    expect(links()).toContain("cn-2023-test-paper/zh/1 A-78-265 quotes");
  });

  test("a change to the registry's names rebuilds the reuse stage cold, saying why", async () => {
    const root = makeRepo(files());
    await build({ root });
    // A body's name added (bodies: is the registry's last list).
    writeFiles(root, {
      "corpus/registry.yaml": `${seedRegistry().trimEnd()}\n  - body: Test body\n    names:\n      zh:\n        - 一个新登记的机构名称\n      en: []\n`,
    });
    const { inc } = await bothWays(root);
    expect(inc.runs!.reuse).toMatchObject({ mode: "cold", why: expect.stringMatching(/registered names/) });
  });
});

describe("the parse cache keeps old versions only up to a bound", () => {
  const cacheDir = (root: string) => path.join(root, ".cache/parse");
  const names = (root: string) =>
    readdirSync(cacheDir(root))
      .filter((f) => f.endsWith(".jsonl"))
      .sort();
  /** Entries of versions no document has (another parser's, an edited file's), planted as a build would leave them. */
  const plant = (root: string, n: number) => {
    for (let i = 0; i < n; i++)
      writeFileSync(path.join(cacheDir(root), `${String(i).padStart(64, "f")}.jsonl`), "stale\n");
  };

  test("below twice this build's entries and 16 more, old entries stay; above, only this build's remain", async () => {
    const root = makeRepo(files());
    const first = await build({ root });
    const own = names(root);
    expect(own.length).toBe(first.documents.length);

    // A few old versions (a branch switched back finds them): kept.
    plant(root, 2 * own.length + 16 - own.length);
    await build({ root });
    expect(names(root).length).toBe(2 * own.length + 16);

    // One more, past the bound: every entry no document has now is removed, this build's stay.
    append(root, "corpus/A-79-10/zh.md", "\n\n5. 各方同意继续讨论。\n");
    const after = await bothWays(root);
    const kept = names(root);
    expect(kept.length).toBe(after.inc.documents.length);
    expect(kept.filter((n) => n.startsWith("ffff"))).toEqual([]);
    // The build after: every document a hit, nothing parsed.
    const again = await build({ root });
    expect(again.stats).toEqual({ parsed: 0, cached: again.documents.length });

    // A check (read-only cache) never removes anything.
    plant(root, 3 * own.length + 16);
    await build({ root, out: null, cache: "read" });
    expect(names(root).length).toBe(kept.length + 3 * own.length + 16);
  });
});

describe("a parse cache entry that does not fit is parsed again", () => {
  /**
   * Every entry of the parse cache, as three parts (build/entry.ts): header (after its frame's
   * digits) with the ids line after it, short form, export.
   */
  const entries = (root: string) => {
    const dir = path.join(root, ".cache/parse");
    return readdirSync(dir).map((f) => {
      const file = path.join(dir, f);
      const text = readFileSync(file, "utf8");
      const a = text.indexOf("\n", text.indexOf("\n") + 1);
      const b = text.indexOf("\n", a + 1);
      return {
        file,
        check: text.slice(0, FRAME),
        parts: [text.slice(FRAME, a), text.slice(a + 1, b), text.slice(b + 1)] as const,
      };
    });
  };
  /** The short form with one value of every paragraph replaced, as ASCII JSON again. */
  const everyParagraph = (short: string, slot: number, value: unknown) => {
    const rows = JSON.parse(short) as unknown[];
    for (let at = slot; at < rows.length; at += STRIDE) rows[at] = value;
    return JSON.stringify(rows).replace(
      /[\u0080-\uffff]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
    );
  };

  // Each row: how every entry is spoiled (as a killed build, another version or a hand would).
  // The entry is sealed again (its CRC made anew) unless the row says it is not: what is tested is
  // then the reader's checks behind the CRC.
  test.each<[string, (parts: readonly [string, string, string]) => string, boolean?]>([
    ["cut at the end of a line", ([h, s, p]) => `${h}\n${s}\n${p.split("\n").slice(0, -2).join("\n")}\n`],
    [
      "of the layout before, the export's lines after the header",
      ([h, , p]) => `${h.replace(/"layout":\d+/, '"layout":3')}\n${p}`,
    ],
    ["with a character put before the export's first line", ([h, s, p]) => `${h}\n${s}\n ${p}`],
    [
      "with its short form's heading paths out of the table",
      ([h, s, p]) => `${h}\n${everyParagraph(s, 12, 9999)}\n${p}`,
    ],
    [
      "with its short form's parts given as lists, not indexes into the header's",
      ([h, s, p]) => `${h}\n${everyParagraph(s, 5, [])}\n${p}`,
    ],
    // Read as one-byte strings, an "é" written as UTF-8 there would read as two other characters.
    ["with a character past ASCII in its short form", ([h, s, p]) => `${h}\n${s.replace('"', '"é')}\n${p}`],
    [
      "with a paragraph's line number changed by hand, its CRC left as it was",
      ([h, s, p]) => `${h}\n${everyParagraph(s, 16, 1)}\n${p}`,
      false,
    ],
  ])("an entry %s: parsed again, the output a cold build's", async (_, spoil, seal = true) => {
    const root = makeRepo(files());
    const first = await build({ root });
    const spoilt = entries(root);
    for (const e of spoilt) {
      const bytes = new TextEncoder().encode(`${seal ? "0".repeat(FRAME) : e.check}${spoil(e.parts)}`);
      writeFileSync(e.file, seal ? sealed(bytes) : bytes);
    }
    append(root, "corpus/A-78-265/zh.md", "基准测试修改9。\n");
    const { inc, cold } = await bothWays(root);
    // An entry whose short form alone is spoilt is found so when its paragraphs are read (after a
    // change, an unchanged document's are read only if a stage asks: build/cache.ts `LazyCorpus`),
    // and parsed again then: read them all, and every entry was parsed again.
    expect(inc.paragraphs).toEqual(cold.paragraphs);
    expect(inc.stats).toEqual({ parsed: first.documents.length, cached: 0 });
  });
});

describe("the parse cache's pieces of paragraphs.jsonl, read again when written", () => {
  const entryFiles = (root: string) =>
    readdirSync(path.join(root, ".cache/parse")).map((f) => path.join(root, ".cache/parse", f));

  test("with nothing changed, paragraphs.jsonl is written from the last output's, then that file linked", async () => {
    const root = makeRepo(files());
    await build({ root });
    const out = path.join(root, "dist/data/paragraphs.jsonl");
    const ino = statSync(out, { bigint: true }).ino;
    await bothWays(root);
    expect(statSync(out, { bigint: true }).ino).toBe(ino);
  });

  // Each row: what happens to an entry of an unchanged document between the read and the write.
  test.each<[string, (file: string) => void]>([
    [
      "rewritten in place, the same length, one byte of its piece changed",
      (file) => {
        const bytes = readFileSync(file);
        const at = bytes.lastIndexOf("。");
        bytes.set(Buffer.from("，"), at);
        writeFileSync(file, bytes);
      },
    ],
    [
      "replaced by other bytes of the same length",
      (file) => {
        const bytes = readFileSync(file);
        writeFileSync(`${file}.new`, Buffer.concat([bytes.subarray(0, -2), Buffer.from(" \n")]));
        renameSync(`${file}.new`, file);
      },
    ],
    ["removed (another build pruned it)", (file) => rmSync(file)],
  ])("an entry %s: the build fails before the swap, the last output stays", async (_, change) => {
    const root = makeRepo(files());
    await build({ root });
    // The last output's paragraphs.jsonl touched since (its stamp moved): not copied, so the
    // unchanged documents' pieces are read from their entries.
    const last = path.join(root, "dist/data/paragraphs.jsonl");
    utimesSync(last, 1_000_000_000, 1_000_000_000);
    const before = snapshotDir(path.join(root, "dist/data"));
    append(root, "corpus/A-79-10/zh.md", "\n\n5. 各方同意继续讨论。\n");
    const victim = entryFiles(root).find((f) => readFileSync(f, "latin1").includes("A-78-265/zh.md"))!;
    expect(victim).toBeDefined();
    const changed = build({
      root,
      onProgress: (p) => {
        if (p.phase !== "write" || p.done !== 0) return;
        // Past the file system's clock tick, as any edit after a build's read would be.
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
        change(victim);
      },
    });
    await expect(changed).rejects.toThrow(/changed since this build read it|ENOENT/);
    expect(snapshotDir(path.join(root, "dist/data"))).toEqual(before);
    expect(readdirSync(path.join(root, "dist")).sort()).toEqual(["data"]);
  });

  test("the unchanged documents' pieces are copied from the last output's paragraphs.jsonl: their entries are not read again", async () => {
    const root = makeRepo(files());
    await build({ root });
    const memo = () => readOutputMemo(readFileSync(path.join(root, ".cache/stages", OUTPUT_MEMO.file)))!;
    // Where each document's piece stands, adding up to the file.
    const size = statSync(path.join(root, "dist/data/paragraphs.jsonl")).size;
    expect(memo().paragraphs).toHaveLength(Object.keys(files()).filter((f) => f.endsWith(".md")).length);
    expect(memo().paragraphs!.reduce((n, [, bytes]) => n + bytes, 0)).toBe(size);
    append(root, "corpus/A-79-10/zh.md", "\n\n5. 各方同意继续讨论。\n");
    // An unchanged document's entry removed between the read and the write: the write never asks
    // for it, and the output is a cold build's.
    const victim = entryFiles(root).find((f) => readFileSync(f, "latin1").includes("A-78-265/zh.md"))!;
    const inc = await build({
      root,
      onProgress: (p) => {
        if (p.phase === "write" && p.done === 0) rmSync(victim);
      },
    });
    expect(inc.runs!.reuse.mode).toBe("incremental");
    await sameAsCold(root);
  });

  test("the last output's paragraphs.jsonl edited by hand (the same size) is not copied: the pieces are read from the entries", async () => {
    const root = makeRepo(files());
    await build({ root });
    const last = path.join(root, "dist/data/paragraphs.jsonl");
    // A letter of an unchanged document's paragraph changed to another.
    const bytes = readFileSync(last);
    const at = bytes.indexOf("A-78-265") + 2;
    bytes[at] = bytes[at] === 0x37 ? 0x36 : 0x37;
    writeFileSync(last, bytes);
    append(root, "corpus/A-79-10/zh.md", "\n\n5. 各方同意继续讨论。\n");
    await bothWays(root);
  });
});

/** The pieces of a memo in the store (memos.ts), by name. */
const pieces = (dir: string, memo: "cite" | "reuse" | "index" | "topics") =>
  readdirSync(dir)
    .filter((f) => f.startsWith(`${memo}-`) && f.endsWith(".piece"))
    .sort();

/** The reuse memo file's sections as stored (its pieces named), to be spoiled and packed again. */
function storedReuse(store: FileStore): Record<string, Section> {
  const s = unpack(store.get(MEMO_FILES.reuse)!, REUSE_MEMO.kind, `${REUSE_MEMO.version}|${codeVersion()}`);
  expect(s).not.toBeNull();
  return s!;
}

/**
 * One of the reuse memo's large columns (memo-file.ts `COLUMNS`, each a piece of its own named
 * after the key columns' piece) changed by `spoil`, packed again whole and sound under the name
 * its checksum gives, which the memo file's sections `s` then name.
 */
function spoilColumn(
  store: FileStore,
  s: Record<string, Section>,
  column: (typeof COLUMNS)[number],
  spoil: (c: Uint32Array) => Uint32Array,
): void {
  const names = (s.pieces as { json: string[] }).json;
  const at = 1 + COLUMNS.indexOf(column);
  const v = `${MEMO_PIECE.version}|${codeVersion()}`;
  const p = unpack(store.get(names[at]!)!, MEMO_PIECE.kind, v)!;
  expect(p.column).toEqual({ json: column });
  p.bytes = spoil((p.bytes as Uint32Array).slice());
  const piece = packSummed(MEMO_PIECE.kind, v, p);
  names[at] = `reuse-${piece.sha256.slice(0, 32)}.piece`;
  store.set(names[at], piece.chunks);
}

describe("a memo that does not fit is not used", () => {
  const memoDir = (root: string) => path.join(root, ".cache/stages");

  test.each([
    {
      name: "a byte of the reuse memo changed by hand",
      spoil: (dir: string) => {
        const f = path.join(dir, MEMO_FILES.reuse);
        const b = readFileSync(f);
        b[b.length - 10] = b[b.length - 10]! ^ 0xff;
        writeFileSync(f, b);
      },
      stage: "reuse" as const,
      why: /changed or cut short/,
    },
    {
      name: "the index memo cut short (a build killed while writing it)",
      spoil: (dir: string) => {
        const f = path.join(dir, MEMO_FILES.index);
        writeFileSync(f, readFileSync(f).subarray(0, 1000));
      },
      stage: "index" as const,
      why: /changed or cut short/,
    },
    {
      name: "a base of postings the reuse memo stands on removed",
      spoil: (dir: string) => {
        for (const f of readdirSync(dir))
          if (f.endsWith(".base")) writeFileSync(path.join(dir, f), "not a base");
      },
      stage: "reuse" as const,
      why: /base of postings/,
    },
    {
      name: "a byte of a piece of the cite memo changed by hand",
      spoil: (dir: string) => {
        const f = path.join(dir, pieces(dir, "cite")[0]!);
        const b = readFileSync(f);
        b[b.length - 3] = b[b.length - 3]! ^ 0xff;
        writeFileSync(f, b);
      },
      stage: "cite" as const,
      why: /piece of it is missing or changed/,
    },
    {
      name: "a byte of a piece of the reuse memo changed by hand",
      spoil: (dir: string) => {
        const f = path.join(dir, pieces(dir, "reuse")[0]!);
        const b = readFileSync(f);
        b[b.length - 3] = b[b.length - 3]! ^ 0xff;
        writeFileSync(f, b);
      },
      stage: "reuse" as const,
      why: /piece of it is missing or changed/,
    },
    {
      name: "a piece of the reuse memo removed",
      spoil: (dir: string) => rmSync(path.join(dir, pieces(dir, "reuse")[0]!)),
      stage: "reuse" as const,
      why: /piece of it is missing or changed/,
    },
    {
      name: "a piece of the reuse memo replaced by another, whole and sound, under its name",
      spoil: (dir: string) => {
        const [a, b] = pieces(dir, "reuse");
        writeFileSync(path.join(dir, a!), readFileSync(path.join(dir, b!)));
      },
      stage: "reuse" as const,
      why: /piece of it is missing or changed/,
    },
    {
      name: "a piece of the index memo cut short",
      spoil: (dir: string) => {
        const f = path.join(dir, pieces(dir, "index")[0]!);
        writeFileSync(f, readFileSync(f).subarray(0, 200));
      },
      stage: "index" as const,
      why: /piece of it is missing or changed/,
    },
    {
      name: "a piece of the index memo removed",
      spoil: (dir: string) => rmSync(path.join(dir, pieces(dir, "index")[0]!)),
      stage: "index" as const,
      why: /piece of it is missing or changed/,
    },
    {
      name: "a piece of the cite memo replaced by another, whole and sound, under its name",
      spoil: (dir: string) => {
        const [a, b] = pieces(dir, "cite");
        writeFileSync(path.join(dir, a!), readFileSync(path.join(dir, b!)));
      },
      stage: "cite" as const,
      why: /piece of it is missing or changed/,
    },
    {
      name: "a piece of the cite memo cut short",
      spoil: (dir: string) => {
        const f = path.join(dir, pieces(dir, "cite")[0]!);
        writeFileSync(f, readFileSync(f).subarray(0, 200));
      },
      stage: "cite" as const,
      why: /piece of it is missing or changed/,
    },
    {
      name: "a piece of the cite memo removed",
      spoil: (dir: string) => rmSync(path.join(dir, pieces(dir, "cite")[0]!)),
      stage: "cite" as const,
      why: /piece of it is missing or changed/,
    },
    {
      // Whole and sound (its checksum matches), of this version's kind, but without the count of
      // paragraphs the memo's numbering has (as a memo written by a layout without it would be).
      name: "a reuse memo without its paragraph count, checksum and version right",
      spoil: (dir: string) => {
        const store = new FileStore(dir, true);
        const s = storedReuse(store);
        delete (s.meta as { json: Record<string, unknown> }).json.size;
        store.set(MEMO_FILES.reuse, pack(REUSE_MEMO.kind, `${REUSE_MEMO.version}|${codeVersion()}`, s));
      },
      stage: "reuse" as const,
      why: /not of the shape/,
    },
    {
      // Whole and sound, but its formula table cut short: the keys its runs name are past the
      // table's columns (read back as they are, formula-table.ts), which must not be trusted. The
      // key columns are a piece of their own (the first the memo names), sound under its name.
      name: "a reuse memo whose formula table is cut short, checksum and version right",
      spoil: (dir: string) => {
        const store = new FileStore(dir, true);
        const s = storedReuse(store);
        const names = (s.pieces as { json: string[] }).json;
        const v = `${MEMO_PIECE.version}|${codeVersion()}`;
        const k = unpack(store.get(names[0]!)!, MEMO_PIECE.kind, v)!;
        const keyStart = k["formulas.keyStart"] as Uint32Array;
        expect(keyStart.length).toBeGreaterThan(2);
        k["formulas.keyStart"] = keyStart.subarray(0, 1);
        k["formulas.units"] = (k["formulas.units"] as Int32Array).subarray(0, 0);
        k["formulas.keyHash"] = new Uint32Array(0);
        const piece = packSummed(MEMO_PIECE.kind, v, k);
        names[0] = `reuse-${piece.sha256.slice(0, 32)}.piece`;
        store.set(names[0], piece.chunks);
        // The counts as many as the keys left, in their pieces: the runs' keys are what is amiss.
        spoilColumn(store, s, "formulas.dfZh", () => new Uint32Array(0));
        spoilColumn(store, s, "formulas.dfEn", () => new Uint32Array(0));
        store.set(MEMO_FILES.reuse, pack(REUSE_MEMO.kind, `${REUSE_MEMO.version}|${codeVersion()}`, s));
      },
      stage: "reuse" as const,
      why: /not of the shape/,
    },
    {
      // Whole and sound, but its run columns not ascending: a paragraph's runs would be read from
      // a range that is none (the columns are read back as they are, formula-table.ts).
      name: "a reuse memo whose formula runs' starts do not ascend, checksum and version right",
      spoil: (dir: string) => {
        const store = new FileStore(dir, true);
        const s = storedReuse(store);
        spoilColumn(store, s, "formulas.runStart", (runStart) => {
          expect(runStart.length).toBeGreaterThan(2);
          expect(runStart[runStart.length - 1]).toBeGreaterThan(0);
          runStart[1] = runStart[runStart.length - 1]! + 1;
          return runStart;
        });
        store.set(MEMO_FILES.reuse, pack(REUSE_MEMO.kind, `${REUSE_MEMO.version}|${codeVersion()}`, s));
      },
      stage: "reuse" as const,
      why: /not of the shape/,
    },
    {
      // Whole and sound, but the counts of the formula windows one short of the windows: a
      // paragraph compared reads its windows' counts there, which must not be misread.
      name: "a reuse memo whose formula windows' counts are cut short, checksum and version right",
      spoil: (dir: string) => {
        const store = new FileStore(dir, true);
        const s = storedReuse(store);
        const counts = s.formulaCounts as Uint32Array;
        expect(counts.length).toBeGreaterThan(0);
        s.formulaCounts = counts.subarray(0, counts.length - 1);
        store.set(MEMO_FILES.reuse, pack(REUSE_MEMO.kind, `${REUSE_MEMO.version}|${codeVersion()}`, s));
      },
      stage: "reuse" as const,
      why: /not of the shape/,
    },
    {
      name: "memos made by another version of acquis",
      spoil: (dir: string) => {
        const store = new FileStore(dir, true);
        const memos = readMemos((n) => store.get(n), codeVersion());
        for (const f of memoFiles(memos, "another-version", () => false).files) store.set(f.name, f.chunks);
      },
      stage: "reuse" as const,
      why: /another version/,
    },
  ])("$name: the build runs cold and says why", async ({ spoil, stage, why }) => {
    const root = makeRepo(files());
    await build({ root });
    append(root, "corpus/A-78-265/zh.md", "基准测试修改1。\n");
    spoil(memoDir(root));
    const { inc } = await bothWays(root);
    expect(inc.runs![stage]).toMatchObject({ mode: "cold", why: expect.stringMatching(why) });
    // The next build has good memos again.
    append(root, "corpus/A-78-265/zh.md", "基准测试修改2。\n");
    expect((await bothWays(root)).inc.runs).toMatchObject({
      reuse: { mode: "incremental" },
      index: { mode: "incremental" },
    });
  });

  test("a base of postings spoiled under a corpus that has not changed: the cold build writes it again, and the next build is incremental", async () => {
    // The cold build over the same paragraphs makes a base of the same id, so of the same name.
    const root = makeRepo(files());
    await build({ root });
    const dir = memoDir(root);
    for (const f of readdirSync(dir)) if (f.endsWith(".base")) writeFileSync(path.join(dir, f), "not a base");
    expect((await build({ root })).runs!.reuse).toMatchObject({
      mode: "cold",
      why: expect.stringMatching(/base of postings/),
    });
    expect((await build({ root })).runs!.reuse.mode).toBe("incremental");
  });

  test("two folders of the same corpus built in one process: the second keeps its reuse memo whole, though its columns are the first's", async () => {
    // The columns read from the first folder's memo are the bytes the second's cold build makes:
    // their pieces, named in the first folder's store, are written into the second's.
    const first = makeRepo(files());
    const second = makeRepo(files());
    await build({ root: first });
    append(first, "corpus/A-78-265/zh.md", "基准测试修改1。\n");
    expect((await build({ root: first })).runs!.reuse.mode).toBe("incremental");
    expect((await build({ root: second })).runs!.reuse.mode).toBe("cold");
    append(second, "corpus/A-78-265/zh.md", "基准测试修改1。\n");
    expect((await bothWays(second)).inc.runs).toMatchObject({ reuse: { mode: "incremental" } });
  });

  test("memos of another version over the same corpus: the cold build writes its own bases of postings, though a base of the same id is there, and the next build is incremental", async () => {
    // A base's id is what it was made from (settings and paragraphs), not the code: the cold
    // build after an upgrade makes bases of the same ids as the old version's, over the same corpus.
    const root = makeRepo(files());
    await build({ root });
    const store = new FileStore(memoDir(root), true);
    const memos = readMemos((n) => store.get(n), codeVersion());
    for (const f of memoFiles(memos, "another-version", () => false).files) store.set(f.name, f.chunks);
    const upgraded = await build({ root });
    expect(upgraded.runs!.reuse).toMatchObject({
      mode: "cold",
      why: expect.stringMatching(/another version/),
    });
    append(root, "corpus/A-78-265/zh.md", "基准测试修改1。\n");
    expect((await bothWays(root)).inc.runs).toMatchObject({
      cite: { mode: "incremental" },
      reuse: { mode: "incremental" },
      index: { mode: "incremental" },
    });
  });

  test("the stamps of the memos just written are recorded, so the next build need not checksum them again", async () => {
    const root = makeRepo(files());
    await build({ root });
    append(root, "corpus/A-78-265/zh.md", "基准测试修改1。\n");
    await bothWays(root);
    const store = new FileStore(memoDir(root), false);
    const stamps = readStamps(store.get(STAMPS.file));
    const all = [
      MEMO_FILES.cite,
      MEMO_FILES.reuse,
      MEMO_FILES.index,
      ...pieces(memoDir(root), "cite"),
      ...pieces(memoDir(root), "index"),
    ];
    expect(all.length).toBeGreaterThan(5);
    for (const name of all) expect(sameStamp(stamps.get(name), store.stamp(name))).toBe(true);
    // A memo rewritten since (here by hand) no longer has its recorded stamp: it is checked in full.
    writeFileSync(
      path.join(memoDir(root), MEMO_FILES.index),
      readFileSync(path.join(memoDir(root), MEMO_FILES.index)),
    );
    expect(sameStamp(stamps.get(MEMO_FILES.index), store.stamp(MEMO_FILES.index))).toBe(false);
  });

  test("memo files kept from before whose stamps moved (the store copied) are checked in full once, then stamped again", async () => {
    const root = makeRepo(files());
    await build({ root });
    const dir = memoDir(root);
    // Every file written again with its own bytes, as a copy of the store would: every stamp moves.
    for (const f of readdirSync(dir)) writeFileSync(path.join(dir, f), readFileSync(path.join(dir, f)));
    const store = new FileStore(dir, false);
    const moved = readStamps(store.get(STAMPS.file));
    const kept = readdirSync(dir).filter((f) => f.endsWith(".base") || f.endsWith(".piece"));
    expect(kept.some((f) => f.endsWith(".base"))).toBe(true);
    expect(kept.some((f) => f.startsWith("reuse-") && f.endsWith(".piece"))).toBe(true);
    for (const name of kept) expect(sameStamp(moved.get(name), store.stamp(name))).toBe(false);
    // Nothing changed: the build writes none of them again, checks them in full, and stamps them.
    const again = await build({ root });
    expect(again.runs).toMatchObject({ cite: { mode: "incremental" }, reuse: { mode: "incremental" } });
    const stamps = readStamps(store.get(STAMPS.file));
    const read = kept.filter((name) => store.stamp(name));
    // The bases and the reuse memo's pieces are read whole; the lazy pieces are read (and checked)
    // only when asked for, so those of them never read are not vouched for.
    for (const name of read.filter((n) => n.endsWith(".base") || n.startsWith("reuse-")))
      expect(sameStamp(stamps.get(name), store.stamp(name))).toBe(true);
    // A piece spoiled by hand after that build: its stamp moves, and it is checked in full again.
    const victim = read.find((n) => n.startsWith("reuse-") && n.endsWith(".piece"))!;
    const bytes = readFileSync(path.join(dir, victim));
    bytes[bytes.length - 1]! ^= 1;
    writeFileSync(path.join(dir, victim), bytes);
    expect(sameStamp(stamps.get(victim), store.stamp(victim))).toBe(false);
    expect((await build({ root })).runs!.reuse).toMatchObject({ mode: "cold" });
  });

  test("memos read through one reused buffer (files opened) are the memos read whole: nothing kept of one file is overwritten by the next", async () => {
    const root = makeRepo(files());
    await build({ root });
    append(root, "corpus/A-78-265/zh.md", "基准测试修改1。\n");
    await build({ root });
    const store = new FileStore(memoDir(root), false);
    const packed = (memos: ReturnType<typeof readMemos>) => {
      expect([!!memos.cite, !!memos.reuse, !!memos.index, memos.rejected]).toEqual([true, true, true, {}]);
      // Under another version, so that every piece is packed, none carried by name.
      const out = memoFiles(memos, "another-version", () => false).files;
      const all = out.map((f) => [f.name, Buffer.concat(f.chunks).toString("base64")]);
      memos.release();
      return all;
    };
    const whole = packed(
      readMemos(
        (n) => store.get(n),
        codeVersion(),
        () => true,
      ),
    );
    let opened = 0;
    const open = (n: string) => {
      opened++;
      return store.open(n);
    };
    const once = packed(
      readMemos(
        (n) => store.get(n),
        codeVersion(),
        () => true,
        undefined,
        open,
      ),
    );
    expect(opened).toBeGreaterThan(4);
    expect(once).toEqual(whole);
  });

  test("a piece packed again to one the build read is not written again; under another version, or unread, it is", async () => {
    const root = makeRepo(files());
    await build({ root });
    append(root, "corpus/A-78-265/zh.md", "基准测试修改1。\n");
    const dir = memoDir(root);
    const store = new FileStore(dir, true);
    const before = new Map(readdirSync(dir).map((f) => [f, store.stamp(f)]));
    expect((await build({ root })).runs!.reuse.mode).toBe("incremental");
    // The reuse memo's large columns (a piece each, after the key columns'): those the change left
    // as they were are the very files the last build wrote, not written again.
    const names = (storedReuse(store).pieces as { json: string[] }).json.slice(1, 1 + COLUMNS.length);
    const kept = names.filter((n) => before.has(n));
    expect(kept.length).toBeGreaterThan(0);
    for (const n of kept) expect(sameStamp(before.get(n), store.stamp(n))).toBe(true);
    // The memos read and handed back as they are: every piece is one read (carried, or packed to
    // it), only the memo files are written. Under another version, or with nothing read, all are.
    const memos = readMemos((n) => store.get(n), codeVersion());
    expect(memos.reuse && memos.cite && memos.index).toBeTruthy();
    const written = (version: string) =>
      memoFiles(memos, version, (n) => store.names().includes(n)).files.map((f) => f.name);
    expect(written(codeVersion()).filter((n) => n.endsWith(".piece"))).toEqual([]);
    const listed = (storedReuse(store).pieces as { json: string[] }).json;
    expect(
      written("another-version").filter((n) => n.startsWith("reuse-") && n.endsWith(".piece")).length,
    ).toBe(listed.length);
    readMemos(() => undefined, codeVersion());
    expect(written(codeVersion()).some((n) => n.endsWith(".piece"))).toBe(true);
  });

  test("--no-cache builds cold and neither reads nor writes memos", async () => {
    const root = makeRepo(files());
    const r = await build({ root, cache: "off" });
    expect(r.runs).toMatchObject({ reuse: { mode: "cold", why: null }, index: { mode: "cold", why: null } });
    expect(new FileStore(memoDir(root), false).names()).toEqual([]);
  });
});

describe("the memos' pieces", () => {
  const memoDir = (root: string) => path.join(root, ".cache/stages");
  const both = (dir: string) => [...pieces(dir, "cite"), ...pieces(dir, "index")];

  test("after one change only the pieces holding what changed are written again; the others stay the files they were", async () => {
    const root = makeRepo(files());
    await build({ root });
    const dir = memoDir(root);
    const store = new FileStore(dir, false);
    const before = new Map(both(dir).map((n) => [n, store.stamp(n)]));
    const counts = [pieces(dir, "cite").length, pieces(dir, "index").length];
    append(root, "corpus/A-78-265/zh.md", "基准测试修改1。\n");
    const { inc } = await bothWays(root);
    expect(inc.runs).toMatchObject({ cite: { mode: "incremental" }, index: { mode: "incremental" } });
    const after = both(dir);
    const kept = after.filter((n) => sameStamp(before.get(n), store.stamp(n)));
    expect(kept.length).toBeGreaterThan(0);
    expect(after.filter((n) => !before.has(n)).length).toBeGreaterThan(0);
    // The pieces replaced are gone: as many pieces as before, the memos naming every one.
    expect([pieces(dir, "cite").length, pieces(dir, "index").length]).toEqual(counts);
    // And the next build stands on the pieces carried as well as on the new ones.
    append(root, "corpus/A-78-265/zh.md", "基准测试修改2。\n");
    expect((await bothWays(root)).inc.runs).toMatchObject({
      cite: { mode: "incremental", why: null },
      index: { mode: "incremental", why: null },
    });
  });

  test("a document removed, then one renamed: the memos follow, and the output equals a cold build", async () => {
    const root = makeRepo(files());
    await build({ root });
    rmSync(path.join(root, "corpus/A-79-10"), { recursive: true });
    let { inc } = await bothWays(root);
    expect(inc.runs!.cite.mode).toBe("incremental");
    const f = files();
    rmSync(path.join(root, "corpus/A-80-20"), { recursive: true });
    writeFiles(root, {
      "corpus/A-80-21/zh.md": f["corpus/A-80-20/zh.md"]!.replace("A/80/20", "A/80/21"),
      "corpus/A-80-21/en.md": f["corpus/A-80-20/en.md"]!.replace("A/80/20", "A/80/21"),
    });
    ({ inc } = await bothWays(root));
    expect(inc.runs!.cite.mode).toBe("incremental");
    expect(inc.documents.map((d) => d.symbol)).toContain("A/80/21");
  });

  test("the cite memo's lines and marks are read only for the files made from them; a piece that does not read back then costs the memo, never the bytes", async () => {
    const root = makeRepo(files());
    await build({ root });
    append(root, "corpus/A-78-265/zh.md", "基准测试修改1。\n");
    const now = await build({ root, out: "cold", cache: "off" });
    const input = { documents: now.documents, paragraphs: now.paragraphs, registry: now.registry };
    const dir = memoDir(root);
    const store = new FileStore(dir, false);
    // The pieces of lines and marks (the others hold the documents' entries, read with the memo).
    const held = pieces(dir, "cite").filter((n) => {
      const s = unpack(store.get(n)!, MEMO_PIECE.kind, `${MEMO_PIECE.version}|${codeVersion()}`);
      return s !== null && "lines" in s && "marks" in s;
    });
    expect(held.length).toBeGreaterThan(1);
    expect(held.length).toBeLessThan(pieces(dir, "cite").length);
    const cold = citeStageMemo(input, null);
    const lines = (c: Cited) => Buffer.concat(c.lines.map((l) => Buffer.from(l.bytes))).toString("utf8");

    // Vouched for by their stamps, the pieces of lines and marks are not read with the memo, nor
    // by the stage: what the stages after it read (the references, the digests of what cited-by
    // and the summary are made from, the diagnostics) comes from the entries.
    const read = new Set<string>();
    const sound = readMemos(
      (n) => {
        read.add(n);
        return store.get(n);
      },
      codeVersion(),
      () => true,
    );
    const inc = citeStageMemo(input, sound.cite);
    expect(inc).toMatchObject({ mode: "incremental", why: null });
    expect(inc.redone).toBeLessThan(now.documents.length);
    const refs = (rs: readonly CiteRef[]) => rs.map((r) => [r.from, r.via, r.span[0], r.span[1]]);
    expect(refs(inc.cited.references)).toEqual(refs(cold.cited.marks.filter((m) => m.via === "text")));
    expect(refs(inc.cited.references)).toEqual(refs(cold.cited.references));
    expect(inc.cited.made).toEqual(cold.cited.made);
    expect(inc.cited.diagnostics).toEqual(cold.cited.diagnostics);
    expect(inc.cited.lines.map((l) => [l.count, l.size, l.sum])).toEqual(
      cold.cited.lines.map((l) => [l.count, l.size, l.sum]),
    );
    expect(held.filter((n) => read.has(n))).toEqual([]);
    // The marks, read now, are the cold run's, and so is what is made from them.
    expect(inc.cited.marks).toEqual(cold.cited.marks);
    expect(held.filter((n) => read.has(n)).length).toBeGreaterThan(0);
    expect(inc.cited.citedBy).toEqual(cold.cited.citedBy);
    expect(inc.cited.summary).toEqual(cold.cited.summary);
    // The lines, read now, are the cold run's bytes; parsed, its citations.
    expect(lines(inc.cited)).toBe(lines(cold.cited));
    expect(held.filter((n) => read.has(n)).length).toBeGreaterThan(0);
    expect(inc.cited.citations).toEqual(cold.cited.citations);

    // Vouched for, but no longer what their names say when read.
    const spoilt = readMemos(
      (n) => (held.includes(n) ? new TextEncoder().encode("not a piece") : store.get(n)),
      codeVersion(),
      () => true,
    );
    const fallen = citeStageMemo(input, spoilt.cite);
    expect(() => lines(fallen.cited)).toThrow(PieceUnreadable);
    expect(() => fallen.cited.citedBy).toThrow(PieceUnreadable);
    // Every entry and its lines made anew around the same bytes and marks: the pieces must be
    // written, the lines and marks read.
    const copied = new Map(
      [...spoilt.cite!.docs].map(([k, d]): [string, CiteMemoDoc] => {
        const l = d.lines;
        const again = {
          count: l.count,
          size: l.size,
          sum: l.sum,
          get bytes() {
            return l.bytes;
          },
        };
        const { key, reads, markSum, refs, targets, diagnostics, diagnosticsSum } = d;
        const entry = { key, reads, markSum, refs, targets, diagnostics, diagnosticsSum, lines: again };
        return [
          k,
          {
            ...entry,
            get marks() {
              return d.marks;
            },
          },
        ];
      }),
    );
    const out = memoFiles(
      { reuse: null, index: null, cite: { context: spoilt.cite!.context, docs: copied } },
      codeVersion(),
      () => true,
    );
    expect(out.files.map((f) => f.name)).not.toContain(MEMO_FILES.cite);
  });
});

describe("the index memo read lazily", () => {
  const memoDir = (root: string) => path.join(root, ".cache/stages");
  /** The index memo's pieces that hold files (the others hold word counts). */
  const filePieces = (store: FileStore, dir: string) =>
    pieces(dir, "index").filter((n) => {
      const s = unpack(store.get(n)!, MEMO_PIECE.kind, `${MEMO_PIECE.version}|${codeVersion()}`);
      return s !== null && "blob" in s;
    });

  /** Each file's bytes as base64, by path. */
  const bytesOf = (files: Record<string, Uint8Array | string>) =>
    Object.fromEntries(Object.entries(files).map(([p, v]) => [p, Buffer.from(v).toString("base64")]));
  /** Every file of a built index, those left in the memo's pieces read, as bytesOf gives them. */
  const allFiles = (b: BuiltIndex) =>
    bytesOf({
      ...b.files,
      ...Object.fromEntries(Object.entries(b.kept ?? {}).map(([p, k]) => [p, k.read()])),
    });

  test("a base of postings vouched for is read by range, only what the stage asks of it, and let go after; one not vouched for is read whole", async () => {
    const root = makeRepo(files());
    await build({ root });
    append(root, "corpus/A-78-265/zh.md", "基准测试修改1。\n");
    const store = new FileStore(memoDir(root), false);
    const bases = store.names().filter((n) => n.endsWith(".base"));
    expect(bases).toHaveLength(2);
    const size = (n: string) => statSync(path.join(memoDir(root), n)).size;
    const readWhole = new Set<string>();
    const byRange = new Map<string, number>();
    const opened: RangeFile[] = [];
    const memos = (vouched: boolean) =>
      readMemos(
        (n) => {
          readWhole.add(n);
          return store.get(n);
        },
        codeVersion(),
        () => vouched,
        (n) => {
          const f = store.open(n)!;
          opened.push(f);
          return {
            size: f.size,
            stamp: f.stamp,
            read: (position: number, into: Uint8Array) => {
              byRange.set(n, (byRange.get(n) ?? 0) + into.length);
              return f.read(position, into);
            },
            close: () => f.close(),
          };
        },
      );
    const sound = memos(true);
    expect(sound.reuse).not.toBeNull();
    expect(bases.filter((n) => readWhole.has(n))).toEqual([]);
    // The header and the directory only, until the stage asks.
    for (const n of bases) expect(byRange.get(n)!).toBeLessThan(size(n) / 4);
    // The forward list of a base paragraph, read from the file, is what the postings say.
    const live = sound.reuse!.shingles;
    const p = live.base.whole();
    const want: number[] = [];
    p.hash.forEach((h, g) => {
      for (let y = p.start[g]!; y < p.start[g + 1]!; y++) if (p.post[y] === 3) want.push(h);
    });
    expect([...live.base.carried(3)]).toEqual(want);
    sound.release();
    expect(opened.every((f) => !f.read(0, new Uint8Array(1)))).toBe(true);

    // Not vouched for: read whole (and checked), never opened by range.
    readWhole.clear();
    byRange.clear();
    const checked = memos(false);
    expect(checked.reuse).not.toBeNull();
    expect(bases.every((n) => readWhole.has(n))).toBe(true);
    expect(byRange.size).toBe(0);
  });

  test("a piece of files is read only when the stage asks for a file of it; one that does not read back then makes the stage cold, the same files", async () => {
    const root = makeRepo(files());
    await build({ root });
    append(root, "corpus/A-78-265/zh.md", "基准测试修改1。\n");
    const now = await build({ root, out: "cold", cache: "off" });
    const input = { documents: now.documents, paragraphs: now.paragraphs };
    const store = new FileStore(memoDir(root), false);
    const held = filePieces(store, memoDir(root));
    expect(held.length).toBeGreaterThan(0);
    const cold = indexStageMemo(input, null);

    // Vouched for by their stamps, the pieces of files are not read with the memo.
    const read = new Set<string>();
    const sound = readMemos(
      (n) => {
        read.add(n);
        return store.get(n);
      },
      codeVersion(),
      () => true,
    );
    expect(sound.index).not.toBeNull();
    expect(held.filter((n) => read.has(n))).toEqual([]);
    const inc = indexStageMemo(input, sound.index);
    expect(inc).toMatchObject({ mode: "incremental", why: null });
    expect(Object.keys(inc.indexed.kept ?? {}).length).toBeGreaterThan(0);
    expect(allFiles(inc.indexed)).toEqual(bytesOf(cold.indexed.files));

    // The same pieces, vouched for but no longer what their names say when the stage reads them.
    const spoilt = readMemos(
      (n) => (held.includes(n) ? new TextEncoder().encode("not a piece") : store.get(n)),
      codeVersion(),
      () => true,
    );
    expect(spoilt.index).not.toBeNull();
    const fallen = indexStageMemo(input, spoilt.index);
    expect(fallen).toMatchObject({ mode: "cold", why: expect.stringMatching(/could not be used/) });
    expect(bytesOf(fallen.indexed.files)).toEqual(bytesOf(cold.indexed.files));
    expect(fallen.indexed.kept).toBeUndefined();
  });

  test("the word counts of a document are read only when it changed or may hold a word whose document frequency moved", async () => {
    const root = makeRepo(files());
    await build({ root });
    const store = new FileStore(memoDir(root), false);
    /** The index memo's pieces of word counts, by the documents each holds. */
    const countPieces = new Map(
      pieces(memoDir(root), "index").flatMap((n) => {
        const s = unpack(store.get(n)!, MEMO_PIECE.kind, `${MEMO_PIECE.version}|${codeVersion()}`);
        const tf = (s?.tf as { json?: Array<[string, unknown]> } | undefined)?.json;
        return tf ? [[n, tf.map(([k]) => k)] as const] : [];
      }),
    );
    const changed = "A/79/10|zh";
    expect([...countPieces.values()].flat().sort()).toEqual(["A/78/265|zh", "A/79/10|zh", "A/80/20|zh"]);
    // Words in no other document: their frequencies move, but no other document holds them.
    append(root, "corpus/A-79-10/zh.md", "蜂鸟孵化。\n");
    const now = await build({ root, out: "cold", cache: "off" });
    const input = { documents: now.documents, paragraphs: now.paragraphs };
    const read = new Set<string>();
    const memos = readMemos(
      (n) => {
        read.add(n);
        return store.get(n);
      },
      codeVersion(),
      () => true,
    );
    const inc = indexStageMemo(input, memos.index);
    expect(inc).toMatchObject({ mode: "incremental", why: null });
    expect(allFiles(inc.indexed)).toEqual(bytesOf(indexStageMemo(input, null).indexed.files));
    const readDocs = [...countPieces].filter(([n]) => read.has(n)).flatMap(([, keys]) => keys);
    expect(readDocs).toContain(changed);
    expect(readDocs.length).toBeLessThan(3);

    // The same through the builds, and a word other documents hold: equal to a cold build.
    await bothWays(root);
    append(root, "corpus/A-79-10/zh.md", "各方同意继续讨论信息安全。\n");
    const { inc: after } = await bothWays(root);
    expect(after.runs!.index).toMatchObject({ mode: "incremental", why: null });
  });

  test("the output folder removed between builds: the files left in the index memo's pieces are read and written, the same bytes as a cold build", async () => {
    const root = makeRepo(files());
    await build({ root });
    append(root, "corpus/A-78-265/zh.md", "基准测试修改1。\n");
    await bothWays(root);
    append(root, "corpus/A-78-265/zh.md", "基准测试修改2。\n");
    rmSync(path.join(root, "dist/data"), { recursive: true });
    const { inc } = await bothWays(root);
    expect(inc.runs!.index).toMatchObject({ mode: "incremental", why: null });
  });
});

describe("the cite stage after a change", () => {
  /** A report that cites A/79/10's second paragraph and A/82/1's first, which the corpus lacks. */
  const citing = (extra = "") =>
    later("A/81/9", "2026-02-01", [
      `工作组回顾了A/79/10，第 2 段所载的建议。${extra}`,
      "工作组还注意到A/82/1，第 1 段。",
    ]);
  const citationsOf = (r: BuildResult, from: string) =>
    r.analysed.stages!.cite.citations.filter((c) => c.from.startsWith(from));

  test("citations into and out of a changed, added or removed document are resolved again; the others come from the memo", async () => {
    const root = makeRepo({ ...files(), "corpus/A-81-9/zh.md": citing() });
    const first = await build({ root });
    expect(first.runs!.cite).toMatchObject({ mode: "cold", why: null });
    const docs = first.documents.length;
    expect(citationsOf(first, "A-81-9/").map((c) => [c.status, c.resolved])).toEqual([
      ["resolved", "A-79-10/zh/2"],
      ["unknown-document", null],
    ]);

    // Nothing changed: every document's citations from the memo.
    let { inc } = await bothWays(root);
    expect(inc.runs!.cite).toMatchObject({ mode: "incremental", redone: 0 });

    // The cited document loses its second paragraph: it and the report citing it are redone.
    const s = seedSentences();
    writeFiles(root, { "corpus/A-79-10/zh.md": later("A/79/10", "2024-07-01", [s[0]!]) });
    ({ inc } = await bothWays(root));
    expect(inc.runs!.cite).toMatchObject({ mode: "incremental", redone: 2 });
    expect(citationsOf(inc, "A-81-9/")[0]).toMatchObject({ status: "unknown-paragraph", resolved: null });

    // The document it cites that was absent is added: the citing report is redone with it.
    writeFiles(root, {
      "corpus/A-82-1/zh.md": later("A/82/1", "2026-03-01", ["各方欢迎这份报告。"]),
    });
    ({ inc } = await bothWays(root));
    expect(inc.documents.length).toBe(docs + 1);
    expect(inc.runs!.cite).toMatchObject({ mode: "incremental", redone: 2 });
    expect(citationsOf(inc, "A-81-9/")[1]).toMatchObject({ status: "resolved", resolved: "A-82-1/zh/1" });

    // The citing report changed: only it is redone (its own citations, its ids).
    writeFiles(root, { "corpus/A-81-9/zh.md": citing("另见A/82/1，第 1 段。") });
    ({ inc } = await bothWays(root));
    expect(inc.runs!.cite).toMatchObject({ mode: "incremental", redone: 1 });
    expect(citationsOf(inc, "A-81-9/")).toHaveLength(3);

    // The added document removed again: the citation is to an unknown document once more.
    rmSync(path.join(root, "corpus/A-82-1"), { recursive: true });
    ({ inc } = await bothWays(root));
    expect(inc.runs!.cite).toMatchObject({ mode: "incremental", redone: 1 });
    expect(citationsOf(inc, "A-81-9/")[1]).toMatchObject({ status: "unknown-document", resolved: null });
  });

  test("a change to the registry extracts every document again, saying why", async () => {
    const root = makeRepo({ ...files(), "corpus/A-81-9/zh.md": citing() });
    await build({ root });
    writeFiles(root, {
      "corpus/registry.yaml": `${seedRegistry().trimEnd()}\n  - body: Test body\n    names:\n      zh:\n        - 一个新登记的机构名称\n      en: []\n`,
    });
    const { inc } = await bothWays(root);
    expect(inc.runs!.cite).toMatchObject({ mode: "cold", why: expect.stringMatching(/registry/) });
  });
});

describe("the writer after a change", () => {
  /** Every file of an output folder by path, with its inode. */
  const inodes = (dir: string): Map<string, bigint> => {
    const out = new Map<string, bigint>();
    const walk = (rel: string) => {
      for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
        const r = rel ? `${rel}/${e.name}` : e.name;
        if (e.isDirectory()) walk(r);
        else out.set(r, statSync(path.join(dir, r), { bigint: true }).ino);
      }
    };
    walk("");
    return out;
  };

  test("links the files the last output holds byte for byte, and writes anew one edited there by hand", async () => {
    const root = makeRepo(files());
    await build({ root });
    const out = path.join(root, "dist/data");
    const before = inodes(out);
    append(root, "corpus/A-78-265/zh.md", "基准测试修改0。\n");
    await bothWays(root);
    const after = inodes(out);
    // Every document's record was found valid as it was, and the next build knows it.
    expect(
      readOutputMemo(readFileSync(path.join(root, ".cache/stages", OUTPUT_MEMO.file)))?.records,
    ).toHaveLength(Object.keys(files()).filter((f) => f.endsWith(".md")).length);
    const kept = new Set(before.values());
    const linked = [...after].filter(([, ino]) => kept.has(ino)).map(([p]) => p);
    // The index's files whose bytes did not move are links; the changed paragraphs are new bytes.
    expect(linked.filter((p) => p.startsWith("search/")).length).toBeGreaterThan(0);
    expect(linked).not.toContain("paragraphs.jsonl");

    // A file of the output edited by hand (same size, other bytes) is not linked again.
    const victim = linked.find((p) => p.startsWith("search/") && p.endsWith(".gz"))!;
    const bytes = readFileSync(path.join(out, victim));
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0xff;
    writeFileSync(path.join(out, victim), bytes);
    await bothWays(root);
    expect(statSync(path.join(out, victim), { bigint: true }).ino).not.toBe(after.get(victim));
  });

  test("documents.json copies the records of unchanged documents from the last output's; one edited there by hand is made anew", async () => {
    const root = makeRepo(files());
    await build({ root });
    const out = path.join(root, "dist/data");
    const memo = () => readOutputMemo(readFileSync(path.join(root, ".cache/stages", OUTPUT_MEMO.file)))!;
    const docs = Object.keys(files()).filter((f) => f.endsWith(".md")).length;
    expect(memo().documents).toHaveLength(docs);
    append(root, "corpus/A-79-10/zh.md", "各方同意。\n");
    await bothWays(root);
    // Edited by hand, the same size, in the record of a document that does not change next.
    const file = path.join(out, "documents.json");
    const place = memo().documents!.find((p) => p.file === "corpus/A-80-20/zh.md")!;
    const bytes = readFileSync(file);
    const at = bytes.indexOf('"title":"', place.at) + '"title":"'.length;
    expect(at).toBeGreaterThan(place.at);
    expect(at).toBeLessThan(place.at + place.bytes);
    bytes[at] = bytes[at] === 0x58 ? 0x59 : 0x58;
    writeFileSync(file, bytes);
    append(root, "corpus/A-79-10/zh.md", "各方再次同意。\n");
    await bothWays(root);
    expect(memo().documents).toHaveLength(docs);
  });

  test("a file made from the same value as the last output's is linked unmade; one edited there by hand, or cut short, is made anew", async () => {
    const root = makeRepo(files());
    await build({ root });
    const out = path.join(root, "dist/data");
    const before = inodes(out);
    // A new paragraph at the end of a later report: the registry, the seed's citations, the
    // formulas and the summaries of reuse stay as they were.
    append(root, "corpus/A-79-10/zh.md", "\n\n5. 各方同意继续讨论。\n");
    await bothWays(root);
    const after = inodes(out);
    const same = (p: string) => after.get(p) === before.get(p);
    const unmoved = ["formulas.json", "reuse-summary.json", "aligned.json", "topics.json", "citations.jsonl"];
    expect(unmoved.filter(same)).toEqual(unmoved);
    // The report counts paragraphs: one more, and it is made again.
    expect(same("diagnostics.json")).toBe(false);
    expect(same("documents.json")).toBe(false);

    // Edited by hand in the output (same size), and cut short: both made again, equal to a cold build.
    const edit = path.join(out, "formulas.json");
    const bytes = readFileSync(edit);
    bytes[bytes.length - 2] = bytes[bytes.length - 2]! ^ 0x01;
    writeFileSync(edit, bytes);
    const cut = path.join(out, "reuse-summary.json");
    writeFileSync(cut, readFileSync(cut).subarray(0, 10));
    append(root, "corpus/A-79-10/zh.md", "\n\n6. 各方同意。\n");
    await bothWays(root);
    expect(inodes(out).get("formulas.json")).not.toBe(after.get("formulas.json"));
    expect(inodes(out).get("reuse-summary.json")).not.toBe(after.get("reuse-summary.json"));
  });

  test("the report is linked unmade while its diagnostics stay, and made again when one moves", async () => {
    const root = makeRepo(files());
    await build({ root });
    const out = path.join(root, "dist/data");
    const report = () => statSync(path.join(out, "diagnostics.json"), { bigint: true }).ino;
    const first = report();
    // A sentence at the end of the last paragraph: no paragraph more, no diagnostic moves.
    append(root, "corpus/A-79-10/zh.md", "各方同意。\n");
    await bothWays(root);
    expect(report()).toBe(first);
    // A paragraph more: the report's summary moves, and it is made anew, as a cold build makes it.
    append(root, "corpus/A-79-10/zh.md", "\n\n5. 各方同意继续讨论。\n");
    await bothWays(root);
    expect(report()).not.toBe(first);
  });

  test("the report is made again when a citation's diagnostic moves and every count stays", async () => {
    const root = makeRepo(files());
    // A citation of a paragraph the seed does not have: one cite/unknown-paragraph warning.
    append(root, "corpus/A-79-10/zh.md", "参见A/78/265，第 98 段。\n");
    await build({ root });
    const out = path.join(root, "dist/data");
    const report = () => readFileSync(path.join(out, "diagnostics.json"), "utf8");
    const first = report();
    expect(first).toContain("cite/unknown-paragraph");
    expect(first).toContain("98");
    // Another paragraph it does not have: the same counts, the same paragraphs, another message.
    const file = path.join(root, "corpus/A-79-10/zh.md");
    writeFileSync(file, readFileSync(file, "utf8").replace("第 98 段", "第 97 段"));
    const { inc } = await bothWays(root);
    expect(inc.runs!.cite).toMatchObject({ mode: "incremental", redone: 1 });
    expect(report()).not.toBe(first);
    expect(JSON.parse(report()).summary).toEqual(JSON.parse(first).summary);
  });

  test("an output memo edited by hand, or of another version, links nothing: every file is written", async () => {
    const root = makeRepo(files());
    await build({ root });
    const out = path.join(root, "dist/data");
    const memo = path.join(root, ".cache/stages", OUTPUT_MEMO.file);
    // Of another version: no file is taken for its source (the content is made again, then linked
    // only if it comes out the same bytes).
    const kept = readOutputMemo(readFileSync(memo))!;
    const made = (version: string) => {
      const hooks = previousOutput(kept, out, stampOf, version);
      return kept.files.filter((f) => f.source && hooks.made?.({ path: f.path, source: f.source })).length;
    };
    expect(made(codeVersion())).toBeGreaterThan(5);
    expect(made("another-version")).toBe(0);
    const b = readFileSync(memo);
    b[b.length - 5] = b[b.length - 5]! ^ 0xff;
    writeFileSync(memo, b);
    const before = new Set(inodes(out).values());
    await bothWays(root);
    expect([...inodes(out).values()].filter((ino) => before.has(ino))).toEqual([]);
  });

  test("a published build links from the generation it replaces, which stays as it was", async () => {
    const root = makeRepo(files());
    const first = await publishBuild({ root, site: false, onProgress: () => {} });
    const old = path.join(first.published!.dir, "data");
    const oldFiles = snapshotDir(old);
    append(root, "corpus/A-79-10/zh.md", "\n\n5. 各方同意继续讨论。\n");
    const second = await publishBuild({ root, site: false, onProgress: () => {} });
    const now = path.join(second.published!.dir, "data");
    const kept = new Set(inodes(old).values());
    expect([...inodes(now).values()].filter((ino) => kept.has(ino)).length).toBeGreaterThan(0);
    expect(snapshotDir(old)).toEqual(oldFiles);
    await build({ root, out: "cold", cache: "off" });
    expect(snapshotDir(now)).toEqual(snapshotDir(path.join(root, "cold")));
  });
});

describe("the topics stage after a change", () => {
  /** A vocabulary written here, with an override on a paragraph of a document that does not change. */
  const VOCABULARY = `topics:
  - id: cooperation
    name: { zh: 合作, en: Cooperation }
    scope: Working together.
    terms: { zh: [合作], en: [cooperation] }
  - id: capacity-building
    name: { zh: 能力建设, en: Capacity-building }
    scope: Building capacity.
    terms: { zh: [能力建设], en: [capacity-building] }
overrides:
  - paragraph: A-80-20/zh/3
    add: [capacity-building]
    why: The written contributions were about capacity.
`;

  test("only changed documents, and those with an override, are tagged again; a new vocabulary tags all", async () => {
    const root = makeRepo({ ...files(), "corpus/topics.yaml": VOCABULARY });
    const first = await build({ root });
    const documents = first.documents.length;
    expect(first.runs!.topics).toEqual({ mode: "cold", why: null, redone: documents });
    const tagged = JSON.parse(readFileSync(path.join(root, "dist/data/topics.json"), "utf8"));
    expect(tagged.paragraphs.length).toBeGreaterThan(1);
    expect(tagged.paragraphs).toContainEqual(
      expect.objectContaining({
        paragraph: "A-80-20/zh/3",
        tags: [expect.objectContaining({ topic: "capacity-building" })],
      }),
    );

    // Nothing changed: the overridden document alone is tagged again, the memo file is kept as it is.
    const memo = path.join(root, ".cache/stages", MEMO_FILES.topics);
    const ino = statSync(memo).ino;
    let { inc } = await bothWays(root);
    expect(inc.runs!.topics).toEqual({ mode: "incremental", why: null, redone: 1 });
    expect(statSync(memo).ino).toBe(ino);

    // One document changed: it and the overridden one.
    append(root, "corpus/A-79-10/zh.md", "\n\n5. 各方同意加强合作与能力建设。\n");
    ({ inc } = await bothWays(root));
    expect(inc.runs!.topics).toEqual({ mode: "incremental", why: null, redone: 2 });

    // The override moved to another document's paragraph: still incremental; the document it left
    // was never kept (an overridden document is tagged on every build), so both are tagged.
    writeFiles(root, { "corpus/topics.yaml": VOCABULARY.replace("A-80-20/zh/3", "A-79-10/zh/5") });
    ({ inc } = await bothWays(root));
    expect(inc.runs!.topics).toEqual({ mode: "incremental", why: null, redone: 2 });

    // A term added to the vocabulary: every document tagged again.
    writeFiles(root, {
      "corpus/topics.yaml": VOCABULARY.replace("terms: { zh: [合作]", "terms: { zh: [合作, 讨论]"),
    });
    ({ inc } = await bothWays(root));
    expect(inc.runs!.topics).toEqual({
      mode: "cold",
      why: "the vocabulary's topics changed",
      redone: documents,
    });

    // The memo edited by hand (a byte of its rows flipped): not used, and the output is still right.
    const bytes = readFileSync(memo);
    bytes[bytes.length - 3] = bytes[bytes.length - 3]! ^ 0x01;
    writeFileSync(memo, bytes);
    ({ inc } = await bothWays(root));
    expect(inc.runs!.topics).toMatchObject({
      mode: "cold",
      why: expect.stringMatching(/another version|changed/),
    });

    // The vocabulary removed: nothing tagged, as a cold build.
    rmSync(path.join(root, "corpus/topics.yaml"));
    ({ inc } = await bothWays(root));
    expect(JSON.parse(readFileSync(path.join(root, "dist/data/topics.json"), "utf8")).paragraphs).toEqual([]);
  });

  const memoDir = (root: string) => path.join(root, ".cache/stages");

  test("after one change one piece of the topics memo is written again; topics.json is not made when the tags stay the same", async () => {
    const root = makeRepo({ ...files(), "corpus/topics.yaml": VOCABULARY });
    const first = await build({ root });
    const dir = memoDir(root);
    const store = new FileStore(dir, false);
    const before = new Map(pieces(dir, "topics").map((n) => [n, store.stamp(n)]));
    expect(before.size).toBeGreaterThan(1);
    const source = (r: BuildResult) => r.analysed.stages!.topics.source;
    // A sentence without a topic's terms: the document's rows are the same bytes, and so is what
    // topics.json is made from (the writer links the last output's file without making it).
    append(root, "corpus/A-79-10/zh.md", "\n\n5. 各方同意继续讨论。\n");
    const { inc } = await bothWays(root);
    expect(inc.runs!.topics).toMatchObject({ mode: "incremental", why: null });
    expect(source(inc)).toBe(source(first));
    const after = pieces(dir, "topics");
    expect(after.length).toBe(before.size);
    expect(after.filter((n) => !before.has(n))).toHaveLength(1);
    expect(after.filter((n) => sameStamp(before.get(n), store.stamp(n)))).toHaveLength(before.size - 1);
    // A sentence with one: the file is made, from the pieces carried and the new rows.
    append(root, "corpus/A-79-10/zh.md", "\n\n6. 各方同意加强合作。\n");
    const next = await bothWays(root);
    expect(next.inc.runs!.topics).toMatchObject({ mode: "incremental", why: null });
    expect(source(next.inc)).not.toBe(source(first));
  });

  test.each([
    {
      name: "a byte of a piece changed by hand",
      spoil: (f: string) => {
        const b = readFileSync(f);
        b[b.length - 3] = b[b.length - 3]! ^ 0xff;
        writeFileSync(f, b);
      },
    },
    { name: "a piece cut short", spoil: (f: string) => writeFileSync(f, readFileSync(f).subarray(0, 200)) },
    { name: "a piece removed", spoil: (f: string) => rmSync(f) },
  ])("the topics memo with $name: the stage runs cold and says why", async ({ spoil }) => {
    const root = makeRepo({ ...files(), "corpus/topics.yaml": VOCABULARY });
    await build({ root });
    append(root, "corpus/A-79-10/zh.md", "\n\n5. 各方同意加强合作。\n");
    spoil(path.join(memoDir(root), pieces(memoDir(root), "topics")[0]!));
    const { inc } = await bothWays(root);
    expect(inc.runs!.topics).toMatchObject({
      mode: "cold",
      why: expect.stringMatching(/missing or changed/),
    });
    append(root, "corpus/A-79-10/zh.md", "\n\n6. 各方同意继续讨论。\n");
    expect((await bothWays(root)).inc.runs!.topics).toMatchObject({ mode: "incremental", why: null });
  });

  test("the rows kept in pieces are read only for topics.json; a piece that does not read back then costs the memo, never the bytes", async () => {
    const root = makeRepo({ ...files(), "corpus/topics.yaml": VOCABULARY });
    await build({ root });
    append(root, "corpus/A-79-10/zh.md", "\n\n5. 各方同意加强合作。\n");
    const now = await build({ root, out: "cold", cache: "off" });
    const vocabulary = readTopics(VOCABULARY, "corpus/topics.yaml").topics!;
    const input = { documents: now.documents, paragraphs: now.paragraphs, vocabulary };
    const store = new FileStore(memoDir(root), false);
    const held = pieces(memoDir(root), "topics");
    const cold = topicsStageMemo(input, null);
    const bytes = (t: ReturnType<typeof topicsStageMemo>) =>
      Buffer.concat([...topicsFileChunks(t.tagged, SCHEMA_VERSION)].map((c) => Buffer.from(c))).toString(
        "utf8",
      );

    const read = new Set<string>();
    const sound = readMemos(
      (n) => {
        read.add(n);
        return store.get(n);
      },
      codeVersion(),
      () => true,
    );
    const inc = topicsStageMemo(input, sound.topics);
    expect(inc).toMatchObject({ mode: "incremental", redone: 2 });
    expect(held.filter((n) => read.has(n))).toEqual([]);
    expect(inc.tagged.source).toBe(cold.tagged.source);
    expect(bytes(inc)).toBe(bytes(cold));
    expect(held.filter((n) => read.has(n)).length).toBeGreaterThan(0);

    // Vouched for, but no longer what their names say when read.
    const spoilt = readMemos(
      (n) => (held.includes(n) ? new TextEncoder().encode("not a piece") : store.get(n)),
      codeVersion(),
      () => true,
    );
    const fallen = topicsStageMemo(input, spoilt.topics);
    expect(() => bytes(fallen)).toThrow(PieceUnreadable);
    // Every row made anew around the same bytes: the pieces must be written, their rows read.
    const copied = new Map(
      [...spoilt.topics!.docs].map(([k, t]) => [
        k,
        {
          rows: t.rows,
          counts: t.counts,
          size: t.size,
          sum: t.sum,
          get json() {
            return t.json;
          },
        },
      ]),
    );
    const out = memoFiles(
      { reuse: null, index: null, topics: { vocabulary: spoilt.topics!.vocabulary, docs: copied } },
      codeVersion(),
      () => true,
    );
    expect(out.files.map((f) => f.name)).not.toContain(MEMO_FILES.topics);
  });

  test("the vocabulary is read from the load memo while its bytes are the same, and read again when they move", async () => {
    const root = makeRepo({ ...files(), "corpus/topics.yaml": VOCABULARY });
    await build({ root });
    const dir = path.join(root, ".cache/stages");
    const loadMemo = () => readLoadMemo(new FileStore(dir, false).get(LOAD_FILE), codeVersion(), false);
    const memo = loadMemo()!;
    expect(memo.topics?.key.startsWith("corpus/topics.yaml\n")).toBe(true);
    expect(memo.topics?.read).toEqual(readTopics(VOCABULARY, "corpus/topics.yaml"));

    // A memo that lies about the vocabulary (re-packed with the right version and checksum) is
    // believed for the very bytes it names, which shows the entry is what the build used...
    const lie = structuredClone(memo);
    lie.topics!.read.topics!.topics[0]!.name.en = "Cooperation, from the memo";
    new FileStore(dir, true).set(LOAD_FILE, loadMemoFile(lie, codeVersion()));
    await build({ root, out: "probe" });
    expect(readFileSync(path.join(root, "probe/topics.json"), "utf8")).toContain(
      "Cooperation, from the memo",
    );

    // ...and not for other bytes: an edited vocabulary is read again, and the build is a cold one's.
    const edited = VOCABULARY.replace("scope: Working together.", "scope: Working together, often.");
    writeFiles(root, { "corpus/topics.yaml": edited });
    await bothWays(root);
    expect(loadMemo()!.topics?.read).toEqual(readTopics(edited, "corpus/topics.yaml"));
    expect(loadMemo()!.topics?.key).not.toBe(memo.topics!.key);

    // No vocabulary, no entry.
    rmSync(path.join(root, "corpus/topics.yaml"));
    await bothWays(root);
    expect(loadMemo()!.topics).toBeNull();
  });
});

describe("loading after a change", () => {
  const memoDir = (root: string) => path.join(root, ".cache/stages");
  /** The load memo as the build would read it, or null. */
  const loadMemo = (root: string) => {
    const store = new FileStore(memoDir(root), false);
    return readLoadMemo(store.get(LOAD_FILE), codeVersion(), false);
  };

  test("a file read before is taken from the load memo; one whose bytes moved is read again; warnings stay", async () => {
    const root = makeRepo(files());
    // A byte-order mark: a warning of the file itself, which a build from the memo must repeat.
    writeFiles(root, { "corpus/A-80-20/en.md": `\uFEFF${files()["corpus/A-80-20/en.md"]!}` });
    const first = await build({ root });
    const bom = first.diagnostics.filter((d) => d.code === "corpus/bom");
    expect(bom).toHaveLength(1);
    const memo = loadMemo(root);
    expect(memo?.files.size).toBe(4);
    expect(memo?.registry).not.toBeNull();

    // Title and date of one document changed: its front matter is read again, the others not.
    writeFiles(root, {
      "corpus/A-79-10/zh.md": files()["corpus/A-79-10/zh.md"]!.replace("2024-07-01", "2024-08-02"),
    });
    const { inc } = await bothWays(root);
    expect(inc.diagnostics.filter((d) => d.code === "corpus/bom")).toEqual(bom);
    expect(inc.documents.find((d) => d.symbol === "A/79/10")?.date).toBe("2024-08-02");
    expect([...loadMemo(root)!.files.keys()].filter((k) => k.startsWith("corpus/A-79-10/"))).toHaveLength(1);
  });

  test("an entry is used only for the same path and bytes, and a load memo edited by hand is not used", async () => {
    const root = makeRepo(files());
    await build({ root });
    const store = new FileStore(memoDir(root), true);
    const memo = loadMemo(root)!;
    // A memo that lies about a file (re-packed with the right version and checksum) is believed
    // for the very bytes it names, which shows the entry is what the build used...
    const [key, load] = [...memo.files].find(([k]) => k.startsWith("corpus/A-80-20/zh.md"))!;
    memo.files.set(key, { ...load, meta: { ...load.meta, title: "从备忘录读取的标题" } });
    store.set(LOAD_FILE, loadMemoFile(memo, codeVersion()));
    const fromMemo = await build({ root, out: "probe" });
    expect(fromMemo.documents.find((d) => d.file === "corpus/A-80-20/zh.md")?.title).toBe(
      "从备忘录读取的标题",
    );
    // ...and not for other bytes at that path:
    append(root, "corpus/A-80-20/zh.md", "\n\n4. 各方同意继续讨论。\n");
    await bothWays(root);
    // A byte of the memo changed by hand: the memo is not used, every file is read.
    const f = path.join(memoDir(root), LOAD_FILE);
    const b = readFileSync(f);
    b[b.length - 3] = b[b.length - 3]! ^ 0xff;
    writeFileSync(f, b);
    expect(loadMemo(root)).toBeNull();
    await bothWays(root);
  });

  /** Wait until the file system's clock has moved past `file`'s last change (polling, no timing). */
  const afterTick = (root: string, file: string) => {
    const probe = path.join(root, ".probe");
    const changed = statSync(file, { bigint: true }).ctimeNs;
    do writeFileSync(probe, "");
    while (statSync(probe, { bigint: true }).mtimeNs <= changed);
    rmSync(probe);
  };

  test("a document's stamp is kept; an edit of the same size whose modification time is set back is still seen", async () => {
    const root = makeRepo(files());
    const file = path.join(root, "corpus/A-79-10/zh.md");
    // A whole second, which utimes can set back exactly (a Date has milliseconds only).
    const past = 1_700_000_000;
    utimesSync(file, past, past);
    afterTick(root, file);
    await build({ root });
    expect(loadMemo(root)?.stamps.get("corpus/A-79-10/zh.md")?.stamp.size).toBe(statSync(file).size);

    // One character for another of the same length, and the times put back as they were.
    const st = statSync(file, { bigint: true });
    const text = readFileSync(file, "utf8");
    expect(text).toContain("各方同意");
    writeFileSync(file, text.replace("各方同意", "各国同意"));
    utimesSync(file, past, past);
    const now = statSync(file, { bigint: true });
    expect([now.ino, now.size, now.mtimeNs]).toEqual([st.ino, st.size, st.mtimeNs]);
    const { inc } = await bothWays(root);
    expect(inc.paragraphs.some((p) => p.text.includes("各国同意"))).toBe(true);

    // Removed, then put back under another name and back again: read as the file it now is.
    const moved = path.join(root, "corpus/A-79-10/zh.md.bak");
    renameSync(file, moved);
    expect((await bothWays(root)).inc.documents.some((d) => d.symbol === "A/79/10")).toBe(false);
    renameSync(moved, file);
    expect((await bothWays(root)).inc.paragraphs.some((p) => p.text.includes("各国同意"))).toBe(true);
  });
});
