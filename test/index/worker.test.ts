/**
 * The cold index computed ahead on a worker thread (pipeline/index/worker.ts) against the same
 * stage run on this thread: every file of search/ the same bytes, and the same memo for the next
 * build. The worker runs nodejieba itself, so the key terms are compared too.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { countsAfter } from "../../pipeline/index/incremental.ts";
import { cutWords, SEGMENTER_IMAGE } from "../../pipeline/index/jieba.ts";
import { termCounts } from "../../pipeline/index/key-terms.ts";
import { indexStageMemo } from "../../pipeline/index/stage.ts";
import { changedChinese, startColdIndex, startTermCounts } from "../../pipeline/index/worker.ts";
import type { DocumentRecord, Paragraph } from "../../schemas/index.ts";
import { documentRecord, paragraph } from "../factories.ts";

/** Two Chinese documents and one English one, in our own words. */
function corpus(): { documents: DocumentRecord[]; paragraphs: Paragraph[] } {
  const zh = [
    "各国应当加强信息通信技术安全领域的合作，建立信任措施。",
    "关键基础设施的保护需要各国共同努力，联络点名录应当保持更新。",
    "不限成员名额工作组建议各国交流国家立场，促进能力建设。",
  ];
  const en = [
    "States should cooperate to strengthen the security of information and communications technologies.",
    "Confidence-building measures 2025 and the directory of points of contact should be kept current.",
  ];
  const documents = [
    documentRecord({ symbol: "A/78/265", lang: "zh", paragraphs: 3 }),
    documentRecord({ symbol: "A/79/1", lang: "zh", date: "2024-07-01", status: "draft", paragraphs: 3 }),
    documentRecord({ symbol: "A/78/265", lang: "en", paragraphs: 2 }),
  ];
  const paragraphs = [
    ...zh.map((text) => paragraph({ doc: "A/78/265", lang: "zh", text })),
    ...zh.map((text, i) => paragraph({ doc: "A/79/1", lang: "zh", text: `${text}${i}号建议。` })),
    ...en.map((text) => paragraph({ doc: "A/78/265", lang: "en", text })),
  ];
  return { documents, paragraphs };
}

describe("the cold index on a worker thread", () => {
  test("gives the files and the memo the stage gives on the main thread", async () => {
    const input = { ...corpus(), formulaWindows: new Uint32Array([3, 17, 42]) };
    const ready = await startColdIndex(input);
    // Null would mean the worker did not run, and the comparison below would compare nothing.
    expect(ready).not.toBeNull();
    const ahead = indexStageMemo(input, null, ready);
    const here = indexStageMemo(input, null);
    expect(ahead.mode).toBe("cold");
    expect(ahead.indexed.diagnostics).toEqual([]);
    expect(Object.keys(ahead.indexed.files)).toEqual(Object.keys(here.indexed.files));
    for (const [name, bytes] of Object.entries(here.indexed.files))
      expect(Buffer.from(ahead.indexed.files[name]!).equals(Buffer.from(bytes)), name).toBe(true);
    expect(ahead.indexed.manifest.terms).not.toBe("");
    expect(ahead.memo).toEqual(here.memo);
  });

  test("makes the segmenter's image where it is told, and gives the same parts", async () => {
    const input = corpus();
    const dir = mkdtempSync(join(tmpdir(), "acquis-cold-"));
    try {
      const ready = await startColdIndex({
        ...input,
        segmenterImage: { dir, writable: true, version: "test" },
      });
      expect(ready).not.toBeNull();
      expect(existsSync(join(dir, SEGMENTER_IMAGE))).toBe(true);
      expect(ready).toEqual(await startColdIndex(input));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a memo that fits is used, and the parts computed ahead are not", async () => {
    const input = corpus();
    const first = indexStageMemo(input, null);
    const again = indexStageMemo(input, first.memo, await startColdIndex(input));
    expect(again.mode).toBe("incremental");
  });
});

describe("the changed Chinese documents' words counted ahead on a worker thread", () => {
  test("are the counts the stage makes here, and the build after the change is the same bytes", async () => {
    const input = corpus();
    const first = indexStageMemo(input, null);
    // One Chinese document changes (a paragraph of the same count), the other does not.
    const paragraphs = input.paragraphs.map((p, i) =>
      i === 4 ? { ...p, text: `${p.text}各国重申网络空间和平。` } : p,
    );
    const documents = input.documents.map((d) =>
      d.symbol === "A/79/1" && d.lang === "zh" ? { ...d, hash: `${d.hash}x` } : d,
    );
    const changed = { documents, paragraphs };
    const keys = changedChinese(documents, first.memo);
    expect(keys).toEqual(["A/79/1|zh"]);
    const counts = await startTermCounts(paragraphs, keys, first.memo);
    // Null would mean the worker did not run, and the comparisons below would compare nothing.
    expect(counts).not.toBeNull();
    const here = termCounts(
      paragraphs.filter((p) => p.doc === "A/79/1"),
      cutWords,
    );
    // Only what changed was cut: the sentence appended to the paragraph, a Chinese run of its own.
    const change = counts!.get("A/79/1|zh")!;
    expect(change.added.get("和平")).toBe(1);
    const run = { doc: "A/79/1", lang: "zh" as const, text: "各国重申网络空间和平" };
    expect(change.added).toEqual(termCounts([run], cutWords).get("A/79/1|zh"));
    expect(change.removed).toEqual(new Map());
    expect(countsAfter(first.memo.tf!.get("A/79/1|zh"), change)).toEqual(here.get("A/79/1|zh"));

    const ahead = indexStageMemo(changed, first.memo, null, counts);
    const main = indexStageMemo(changed, first.memo);
    const cold = indexStageMemo(changed, null);
    expect(ahead.mode).toBe("incremental");
    expect(Object.keys(ahead.indexed.files)).toEqual(Object.keys(cold.indexed.files));
    for (const [name, bytes] of Object.entries(cold.indexed.files)) {
      expect(Buffer.from(ahead.indexed.files[name]!).equals(Buffer.from(bytes)), name).toBe(true);
      expect(Buffer.from(main.indexed.files[name]!).equals(Buffer.from(bytes)), name).toBe(true);
    }
    expect(ahead.memo.tf).toEqual(main.memo.tf);
  });

  test("the worker keeps the segmenter's image where it is told, and counts the same from it", async () => {
    const input = corpus();
    const first = indexStageMemo(input, null);
    const paragraphs = input.paragraphs.map((p, i) =>
      i === 0 ? { ...p, text: `${p.text}联络点名录。` } : p,
    );
    const dir = mkdtempSync(join(tmpdir(), "acquis-words-"));
    try {
      const place = { dir, writable: true, version: "test" };
      const plain = await startTermCounts(paragraphs, ["A/78/265|zh"], first.memo);
      const made = await startTermCounts(paragraphs, ["A/78/265|zh"], first.memo, place);
      expect(existsSync(join(dir, SEGMENTER_IMAGE))).toBe(true);
      const read = await startTermCounts(paragraphs, ["A/78/265|zh"], first.memo, place);
      const run = { doc: "A/78/265", lang: "zh" as const, text: "联络点名录" };
      expect(plain!.get("A/78/265|zh")!.added).toEqual(termCounts([run], cutWords).get("A/78/265|zh"));
      expect(made).toEqual(plain);
      expect(read).toEqual(plain);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a document whose texts did not change is not cut (no worker), one the memo lacks is left out", async () => {
    const input = corpus();
    const first = indexStageMemo(input, null);
    const counts = await startTermCounts(input.paragraphs, ["A/79/1|zh", "A/1/1|zh"], first.memo);
    expect(counts).toEqual(new Map([["A/79/1|zh", { added: new Map(), removed: new Map() }]]));
  });
});
