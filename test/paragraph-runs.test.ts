/**
 * The runs of paragraphs (pipeline/paragraph-runs.ts): found per document and joined, they are the
 * runs of the whole array; and every stage that takes them in place of a pass over the paragraphs
 * answers as that pass does, on paragraphs in odd shapes (a paragraph of another document inside
 * one, ids without the "slug/lang/" prefix, `seq`s that repeat or go back, list entries, two
 * documents side by side naming the same version).
 */
import { describe, expect, test } from "vitest";
import { layoutLazily } from "../pipeline/index/build.ts";
import {
  type DocumentIds,
  idLookup,
  joinIds,
  joinRuns,
  knownRuns,
  languageOf,
  type ParagraphRun,
  registerIds,
  registerRuns,
  scanRuns,
} from "../pipeline/paragraph-runs.ts";
import { extractWorkingPapers } from "../pipeline/parse/working-papers.ts";
import { readingRank } from "../pipeline/reuse/detect.ts";
import { docSpans } from "../pipeline/reuse/incremental.ts";
import type { DocumentRecord, Paragraph } from "../schemas/index.ts";
import { documentRecord, paragraph } from "./factories.ts";

/** The corpus as documents, each its own list of paragraphs (as the parse gives them). */
function documentsOfParagraphs(): Paragraph[][] {
  const p = (over: Partial<Paragraph> & { text: string }) => paragraph(over);
  return [
    [
      p({ doc: "A/78/265", lang: "zh", text: "一", seq: 0 }),
      // A paragraph of another version inside this one: a run of its own.
      p({ doc: "A/76/135", lang: "en", text: "two", seq: 1 }),
      p({ doc: "A/78/265", lang: "zh", text: "三", seq: 2, part: ["annex"] }),
    ],
    [
      p({ doc: "A/78/265", lang: "en", text: "one", seq: 0, id: "no-prefix" }),
      p({ doc: "A/78/265", lang: "en", text: "two", seq: 0 }),
      p({ doc: "A/78/265", lang: "en", text: "three", seq: 5, part: ["annex"] }),
    ],
    [
      p({ doc: "A/76/135", lang: "zh", text: "标题\n中国", seq: 3, kind: "entry", part: ["annex", "D"] }),
      p({
        doc: "A/76/135",
        lang: "zh",
        text: "Title\nAtlantis",
        seq: 4,
        kind: "entry",
        part: ["annex", "D"],
      }),
    ],
    // Another document whose paragraphs name the version before it: one run with its last.
    [
      p({ doc: "A/76/135", lang: "zh", text: "四", seq: 5 }),
      p({ doc: "A/76/135", lang: "zh", text: "五", seq: 6 }),
    ],
    [
      p({ doc: "A/76/135", lang: "en", text: "one", seq: 0 }),
      p({ doc: "A/76/135", lang: "en", text: "two", seq: 1 }),
    ],
  ];
}

const documents: DocumentRecord[] = [
  documentRecord({ symbol: "A/78/265", lang: "zh", date: "2023-08-01", hash: "a".repeat(64) }),
  documentRecord({ symbol: "A/78/265", lang: "en", date: "2023-08-01", hash: "b".repeat(64) }),
  documentRecord({ symbol: "A/76/135", lang: "zh", date: "2021-07-14", hash: "c".repeat(64) }),
  documentRecord({ symbol: "A/76/135", lang: "en", date: "2021-07-14", hash: "d".repeat(64) }),
];

/** The whole array plain, and the same paragraphs with their runs known (joined per document). */
function both(): { plain: Paragraph[]; known: Paragraph[]; runs: ParagraphRun[] } {
  const docs = documentsOfParagraphs();
  const plain = docs.flat();
  const runs: ParagraphRun[] = [];
  let at = 0;
  for (const d of docs) {
    joinRuns(runs, scanRuns(d), at);
    at += d.length;
  }
  const known = [...plain];
  registerRuns(known, runs);
  return { plain, known, runs };
}

describe("the runs of paragraphs", () => {
  test("found per document and joined, they are the whole array's", () => {
    const { plain, known, runs } = both();
    expect(runs).toEqual(scanRuns(plain));
    expect(knownRuns(known)).toBe(runs);
    expect(knownRuns(plain)).toBeNull();
    // The odd shapes are there: a run split, a run not regular, seqs not in order, two joined.
    expect(runs.map((r) => [r.doc, r.lang, r.to - r.from, r.regular, r.ordered, r.entries])).toEqual([
      ["A/78/265", "zh", 1, true, true, 0],
      ["A/76/135", "en", 1, true, true, 0],
      ["A/78/265", "zh", 1, true, true, 0],
      ["A/78/265", "en", 3, false, false, 0],
      ["A/76/135", "zh", 4, true, true, 2],
      ["A/76/135", "en", 2, true, true, 0],
    ]);
  });

  test("each stage's route from the runs answers as its pass over the paragraphs", async () => {
    const { plain, known } = both();
    expect(extractWorkingPapers(known, documents)).toEqual(extractWorkingPapers(plain, documents));
    expect(extractWorkingPapers(known, documents).papers).toHaveLength(2);
    expect([...readingRank(known, documents)]).toEqual([...readingRank(plain, documents)]);
    expect(docSpans(known, documents)).toEqual(docSpans(plain, documents));
    const lang = languageOf(known);
    expect(plain.map((_, i) => lang(i))).toEqual(plain.map((p) => p.lang));
    const a = layoutLazily(known, documents);
    const b = layoutLazily(plain, documents);
    expect([a.docs, a.keys, a.rowCount]).toEqual([b.docs, b.keys, b.rowCount]);
    for (let d = 0; d < b.docs.length; d++) expect(a.rowsOf(d)).toEqual(b.rowsOf(d));
  });

  test("ids and addresses by index, indexes by id and places from the documents' ids answer as the paragraphs do, none read", () => {
    const docs = documentsOfParagraphs();
    // An id two documents hold (the later answers, as a map of every id keeps it), and a document
    // whose ids cannot be joined (one holds a newline: read from its paragraphs).
    docs[3]![1] = { ...docs[3]![1]!, id: docs[0]![2]!.id };
    docs[4]![0] = { ...docs[4]![0]!, id: "a-76-135/en/odd\nid" };
    const plain = docs.flat();
    const documents: DocumentIds[] = [];
    let at = 0;
    for (const d of docs) {
      documents.push({
        start: at,
        count: d.length,
        runs: scanRuns(d),
        ids: joinIds(d),
        addresses: joinIds(d, "address"),
      });
      at += d.length;
    }
    expect(documents.map((d) => d.ids === null)).toEqual([false, false, false, false, true]);
    const read: number[] = [];
    const sealedOff = new Proxy([...plain], {
      get: (target, key, receiver) => {
        if (typeof key === "string" && /^\d+$/.test(key)) read.push(Number(key));
        return Reflect.get(target, key, receiver);
      },
    });
    registerIds(sealedOff, documents);
    const known = idLookup(sealedOff);
    const fromParagraphs = idLookup(plain);
    expect(idLookup(sealedOff)).toBe(known);
    const asked = [...plain.map((p) => p.id), "missing/zh/1", "no-prefix-at-all", "a-78-265/zh/99"];
    for (const id of asked) expect(known.indexOf(id)).toBe(fromParagraphs.indexOf(id));
    expect(known.indexOf(docs[0]![2]!.id)).toBe(docs[0]!.length + docs[1]!.length + docs[2]!.length + 1);
    for (let i = 0; i < plain.length; i++) {
      expect(known.idOf(i)).toBe(plain[i]!.id);
      expect(known.addressOf(i)).toBe(plain[i]!.address);
      const place = known.placeOf(i);
      expect([place.doc, place.lang]).toEqual([plain[i]!.doc, plain[i]!.lang]);
    }
    // Only the paragraphs of the document without joined ids were read.
    const last = plain.length - docs[4]!.length;
    expect(read.length).toBeGreaterThan(0);
    expect(read.every((i) => i >= last)).toBe(true);
  });
});
