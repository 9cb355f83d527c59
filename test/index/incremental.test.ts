/**
 * The index stage after a change (pipeline/index/incremental.ts) against a cold build of the same
 * corpus: after random sequences of edits every file of search/ must be the same bytes, and so
 * must what the run keeps for the next build. Edits that move paragraph numbers (a paragraph or
 * document added, removed or reranked) must say so and build cold; the others must not.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
// The benchmarks' mulberry32: the corpus is a function of its seed.
import { prng as mulberry } from "../../bench/generate.ts";
import { sha256 } from "../../pipeline/hash.ts";
import type { BuiltIndex } from "../../pipeline/index/build.ts";
import {
  ChangedCounts,
  countsAfter,
  type IndexMemo,
  indexWithMemo,
  memoTexts,
  runChange,
  textChange,
} from "../../pipeline/index/incremental.ts";
import { termCounts } from "../../pipeline/index/key-terms.ts";
import { indexMemoFromSections, indexMemoSections } from "../../pipeline/index/memo-file.ts";
import { indexStageMemo } from "../../pipeline/index/stage.ts";
import type { Section } from "../../pipeline/pack.ts";
import type { DocumentRecord, Paragraph } from "../../schemas/index.ts";
import { documentRecord, paragraph } from "../factories.ts";
import { seed } from "../reuse/helpers.ts";

const HAN = Array.from({ length: 60 }, (_, i) => String.fromCharCode(0x4e00 + i * 13));
const WORDS = "states agreed norms responsible behaviour security capacity confidence law group report".split(
  " ",
);

/** A cut in two-character words, standing in for nodejieba (same shape: words of a Chinese text). */
const pairCut = (text: string) => (text.match(/[\u4e00-\u9fff]{2}/g) ?? []).filter((w) => w[0] !== w[1]);

interface Doc {
  symbol: string;
  lang: "zh" | "en";
  date: string;
  status: DocumentRecord["status"];
  title: string;
  texts: string[];
}

function textOf(rand: () => number, lang: "zh" | "en"): string {
  const n = 5 + Math.floor(rand() * 30);
  if (lang === "zh") return Array.from({ length: n }, () => HAN[Math.floor(rand() * HAN.length)]).join("");
  return Array.from({ length: Math.ceil(n / 4) }, () => WORDS[Math.floor(rand() * WORDS.length)]).join(" ");
}

function corpusOf(docs: Doc[]): { paragraphs: Paragraph[]; documents: DocumentRecord[] } {
  const paragraphs: Paragraph[] = [];
  const documents: DocumentRecord[] = [];
  for (const d of [...docs].sort(
    (a, b) => a.symbol.localeCompare(b.symbol) || a.lang.localeCompare(b.lang),
  )) {
    d.texts.forEach((text, i) => {
      paragraphs.push(paragraph({ doc: d.symbol, lang: d.lang, num: [String(i + 1)], text, seq: i }));
    });
    documents.push(
      documentRecord({
        symbol: d.symbol,
        lang: d.lang,
        date: d.date,
        status: d.status,
        title: d.title,
        hash: sha256(JSON.stringify(d)),
      }),
    );
  }
  return { paragraphs, documents };
}

/** Every file as base64, for one comparison of the whole output. */
const filesOf = (files: Record<string, Uint8Array | string>) =>
  Object.fromEntries(
    Object.entries(files).map(([k, v]) => [k, typeof v === "string" ? v : Buffer.from(v).toString("base64")]),
  );

/** What a memo holds, comparable: file hashes, counts, key terms and word counts. */
function canonical(m: IndexMemo) {
  return {
    keys: m.keys,
    hashes: m.hashes,
    buckets: m.parts.buckets.map((b) => b?.hash ?? ""),
    unigramBuckets: m.parts.unigramBuckets.map((b) => b?.hash ?? ""),
    chunks: m.parts.chunks.map((c) => c.hash),
    counts: [m.parts.terms, m.parts.postings, m.parts.unigramTerms, m.parts.unigramPostings],
    keyTerms: m.parts.keyTerms,
    tf: m.tf && [...m.tf].map(([k, v]) => [k, [...v].sort()]).sort(),
    df: [...m.df].sort(),
  };
}

/** Edits that keep paragraph numbers, and those that move them. */
const KEEPS = ["rewrite", "append", "retitle", "swap-address", "wordless"] as const;
const MOVES = ["add-paragraph", "remove-paragraph", "add-document", "redate"] as const;

function apply(docs: Doc[], rand: () => number, kind: (typeof KEEPS)[number] | (typeof MOVES)[number]): void {
  const d = docs[Math.floor(rand() * docs.length)]!;
  const i = Math.floor(rand() * d.texts.length);
  switch (kind) {
    case "rewrite":
      d.texts[i] = textOf(rand, d.lang);
      break;
    case "append":
      d.texts[d.texts.length - 1] += d.lang === "zh" ? "基准测试修改。" : " amended.";
      break;
    case "retitle":
      d.title = `${d.title}!`;
      break;
    case "swap-address": {
      // Two paragraphs exchange texts: rows change, terms move between rows.
      const j = (i + 1) % d.texts.length;
      [d.texts[i], d.texts[j]] = [d.texts[j]!, d.texts[i]!];
      break;
    }
    case "wordless":
      // Every paragraph without a word: the document still counts, with no words (idf's n).
      d.texts = d.texts.map((_, k) => `${k + 1}.`);
      break;
    case "add-paragraph":
      d.texts.push(textOf(rand, d.lang));
      break;
    case "remove-paragraph":
      if (d.texts.length > 1) d.texts.splice(i, 1);
      else d.texts.push(textOf(rand, d.lang));
      break;
    case "add-document":
      docs.push({
        symbol: `A/90/${docs.length + 1}`,
        lang: "zh",
        date: "2030-01-01",
        status: "consensus",
        title: "New",
        texts: [textOf(rand, "zh")],
      });
      break;
    case "redate":
      d.date = d.date === "2030-12-31" ? "2001-01-01" : "2030-12-31";
      break;
  }
}

function docsOf(seedN: number, count = 8): { docs: Doc[]; rand: () => number } {
  const rand = mulberry(seedN);
  const docs: Doc[] = Array.from({ length: count }, (_, k) => {
    const lang = k % 3 === 2 ? "en" : "zh";
    return {
      symbol: `A/${70 + k}/1`,
      lang,
      date: `20${10 + k}-01-01`,
      status: k % 2 ? "consensus" : "adopted",
      title: `Title ${k}`,
      texts: Array.from({ length: 3 + Math.floor(rand() * 8) }, () => textOf(rand, lang)),
    };
  });
  return { docs, rand };
}

describe("the index stage after edits equals a cold build of the same corpus", () => {
  test("random sequences of edits: every file the same bytes, incremental unless numbers move", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.array(fc.constantFrom(...KEEPS, ...MOVES), { minLength: 1, maxLength: 8 }),
        (n, edits) => {
          const { docs, rand } = docsOf(n);
          let memo = indexWithMemo(corpusOf(docs), null, pairCut).memo;
          for (const kind of edits) {
            apply(docs, rand, kind);
            const input = corpusOf(docs);
            const inc = indexWithMemo(input, memo, pairCut);
            const cold = indexWithMemo(input, null, pairCut);
            expect(filesOf(inc.built.files)).toEqual(filesOf(cold.built.files));
            expect(inc.built.stats).toEqual(cold.built.stats);
            expect(canonical(inc.memo)).toEqual(canonical(cold.memo));
            if ((KEEPS as readonly string[]).includes(kind)) expect(inc.mode, kind).toBe("incremental");
            memo = inc.memo;
          }
        },
      ),
      { numRuns: 80 },
    );
  });

  test("random sequences of edits, the memo kept as its file and pieces between builds (counts read by need): the same", () => {
    // The store: pieces by name, as memos.ts writes and reads them (here in memory, unchecked).
    const store = new Map<string, Record<string, Section>>();
    const throughFile = (m: IndexMemo): IndexMemo => {
      const { sections, pieces } = indexMemoSections(m, "v");
      const names = pieces.map((p) => {
        if ("carried" in p) return p.carried;
        const name = `piece-${store.size}`;
        store.set(name, p.sections);
        return name;
      });
      return indexMemoFromSections(
        sections,
        names.map((name) => ({ name, sections: () => store.get(name)! })),
        "v",
      )!;
    };
    const everyFile = (b: { files: Record<string, Uint8Array | string>; kept?: BuiltIndex["kept"] }) =>
      filesOf({
        ...b.files,
        ...Object.fromEntries(Object.entries(b.kept ?? {}).map(([k, f]) => [k, f.read()])),
      });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.array(fc.constantFrom(...KEEPS, ...KEEPS, ...MOVES), { minLength: 1, maxLength: 8 }),
        (n, edits) => {
          const { docs, rand } = docsOf(n, 12);
          let memo = throughFile(indexWithMemo(corpusOf(docs), null, pairCut).memo);
          for (const kind of edits) {
            apply(docs, rand, kind);
            const input = corpusOf(docs);
            const inc = indexWithMemo(input, memo, pairCut);
            const cold = indexWithMemo(input, null, pairCut);
            expect(everyFile(inc.built)).toEqual(filesOf(cold.built.files));
            expect(canonical(inc.memo)).toEqual(canonical(cold.memo));
            memo = throughFile(inc.memo);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  test("one paragraph changed rewrites one text chunk and the buckets of its new terms", () => {
    const { docs } = docsOf(11, 40);
    const first = indexWithMemo(corpusOf(docs), null, pairCut);
    docs[0]!.texts[0] += "基准测试修改。";
    const run = indexWithMemo(corpusOf(docs), first.memo, pairCut);
    expect(run.mode).toBe("incremental");
    const chunks = (m: IndexMemo) => m.parts.chunks.map((c) => c.hash);
    expect(chunks(first.memo).length).toBeGreaterThan(4);
    expect(chunks(run.memo).filter((h, i) => h !== chunks(first.memo)[i])).toHaveLength(1);
    expect(run.rewritten).toBeLessThan(first.rewritten);
  });

  test("on the seed, with nodejieba: a changed paragraph gives the cold build's files", () => {
    const { paragraphs, documents } = seed();
    const a = indexStageMemo({ paragraphs, documents }, null);
    const edited = paragraphs.map((p, i) =>
      i === 40 ? { ...p, text: `${p.text}基准测试修改，信通技术。` } : p,
    );
    const docs = documents.map((d) => ({ ...d, hash: "edited" }));
    const inc = indexStageMemo({ paragraphs: edited, documents: docs }, a.memo);
    const cold = indexStageMemo({ paragraphs: edited, documents: docs }, null);
    expect(inc.mode).toBe("incremental");
    expect(filesOf(inc.indexed.files)).toEqual(filesOf(cold.indexed.files));
  });
});

describe("a changed document's words counted from its changed paragraphs only", () => {
  const rowsOf = (texts: readonly string[]) =>
    texts.map((text) => ({ doc: "A/1/1", lang: "zh" as const, text }));
  const countsOf = (texts: readonly string[]) =>
    termCounts(rowsOf(texts), pairCut).get("A/1/1|zh") ?? new Map();
  const sorted = (m: Map<string, number> | null) => m && [...m].sort();
  /** Texts from a few characters, so that paragraphs and words repeat. */
  const texts = fc.array(
    fc.array(fc.constantFrom(...HAN.slice(0, 6), "，"), { maxLength: 12 }).map((cs) => cs.join("")),
    {
      maxLength: 10,
    },
  );

  test("random edits: the counts before with the texts taken off and put on are the counts cut afresh", () => {
    fc.assert(
      fc.property(texts, texts, fc.array(fc.nat(), { maxLength: 6 }), (before, extra, moves) => {
        // After: some paragraphs of before dropped or kept in another order, new ones among them.
        const after = [...before];
        for (const m of moves) {
          if (m % 3 === 0 && after.length) after.splice(m % after.length, 1);
          else if (m % 3 === 1 && extra.length)
            after.splice(m % (after.length + 1), 0, extra[m % extra.length]!);
          else if (after.length) after.push(after.shift()!);
        }
        const { removed, added } = textChange(before, after);
        const change = { removed: countsOf(removed), added: countsOf(added) };
        expect(sorted(countsAfter(countsOf(before), change))).toEqual(sorted(countsOf(after)));
        expect(removed.length + after.length).toBe(added.length + before.length);
        // Down to the Chinese runs of the paragraphs that changed: the same counts.
        const runs = runChange(removed, added);
        const byRuns = { removed: countsOf(runs.removed), added: countsOf(runs.added) };
        expect(sorted(countsAfter(countsOf(before), byRuns))).toEqual(sorted(countsOf(after)));
        expect(runs.added.length).toBeLessThanOrEqual(
          added.flatMap((t) => t.match(/\p{Script=Han}+/gu) ?? []).length,
        );
      }),
      { numRuns: 300 },
    );
  });

  test("counts that do not hold what is taken off are refused, not patched", () => {
    const change = { removed: new Map([["一丁", 2]]), added: new Map([["丂七", 1]]) };
    expect(countsAfter(new Map([["一丁", 1]]), change)).toBeNull();
    expect(
      sorted(
        countsAfter(
          new Map([
            ["一丁", 2],
            ["丄丅", 1],
          ]),
          change,
        ),
      ),
    ).toEqual([
      ["丂七", 1],
      ["丄丅", 1],
    ]);
  });

  test("the memo's texts of a document are its paragraphs' texts at that build, in order", () => {
    const { docs } = docsOf(5, 40);
    const input = corpusOf(docs);
    const { memo } = indexWithMemo(input, null, pairCut);
    for (const d of docs) expect(memoTexts(memo, `${d.symbol}|${d.lang}`), d.symbol).toEqual(d.texts);
    expect(memoTexts(memo, "A/0/0|zh")).toBeNull();
  });

  test("a changed document whose memo counts do not fit is cut whole: the cold build's counts", () => {
    const { docs } = docsOf(7, 12);
    const first = indexWithMemo(corpusOf(docs), null, pairCut).memo;
    const d = docs.find((x) => x.lang === "zh")!;
    const key = `${d.symbol}|zh`;
    // The memo's counts of it spoilt (emptied): what the edit takes off is not there.
    const spoilt = { ...first, tf: new ChangedCounts(first.tf!, new Map([[key, null]])) };
    d.texts[0] = `${d.texts[0]}${HAN[1]}${HAN[2]}`;
    const input = corpusOf(docs);
    const inc = indexWithMemo(input, spoilt, pairCut);
    const cold = indexWithMemo(input, null, pairCut);
    expect(inc.mode).toBe("incremental");
    expect(sorted(inc.memo.tf!.get(key)!)).toEqual(sorted(cold.memo.tf!.get(key)!));
  });

  test("a Chinese document changed in nothing its words depend on is not cut at all", () => {
    const { docs } = docsOf(3, 12);
    const first = indexWithMemo(corpusOf(docs), null, pairCut).memo;
    docs.find((x) => x.lang === "zh")!.title += "!";
    const refuse = (): string[] => {
      throw new Error("cut called");
    };
    const input = corpusOf(docs);
    const inc = indexWithMemo(input, first, refuse);
    expect(inc.mode).toBe("incremental");
    expect(filesOf(inc.built.files)).toEqual(filesOf(indexWithMemo(input, null, pairCut).built.files));
  });
});
