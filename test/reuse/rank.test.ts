/**
 * The reading rank (detect.ts readingRank) ranks runs of one document, not paragraphs: checked
 * against the order it must give, every paragraph sorted by (date, symbol, seq, position), on
 * random corpora where a document's two languages share a date or not, documents share dates,
 * dates are missing, and seq numbers repeat or go backwards.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { readingRank } from "../../pipeline/reuse/detect.ts";
import type { DocumentRecord, Paragraph } from "../../schemas/index.ts";
import { documentRecord, paragraph } from "../factories.ts";

/** The order by its definition: one sort of every paragraph. */
function referenceRank(paragraphs: Paragraph[], documents: DocumentRecord[]): number[] {
  const date = new Map(documents.map((d) => [`${d.symbol}|${d.lang}`, d.date]));
  const dateOf = (p: Paragraph) => date.get(`${p.doc}|${p.lang}`) ?? "9999-99-99";
  const idx = paragraphs.map((_, i) => i);
  idx.sort(
    (x, y) =>
      dateOf(paragraphs[x]!).localeCompare(dateOf(paragraphs[y]!)) ||
      paragraphs[x]!.doc.localeCompare(paragraphs[y]!.doc) ||
      paragraphs[x]!.seq - paragraphs[y]!.seq ||
      x - y,
  );
  const rank = new Array<number>(paragraphs.length);
  idx.forEach((p, r) => {
    rank[p] = r;
  });
  return rank;
}

const run = fc.record({
  doc: fc.constantFrom("A/78/265", "A/76/135", "A/RES/73/27", "a/76/135"),
  lang: fc.constantFrom("zh" as const, "en" as const),
  seqs: fc.array(fc.nat(6), { minLength: 1, maxLength: 5 }),
});

describe("readingRank", () => {
  test("ranks as one sort by date, symbol, seq and position", () => {
    fc.assert(
      fc.property(
        fc.array(run, { maxLength: 8 }),
        fc.array(fc.option(fc.constantFrom("2019-01-01", "2021-05-20", "2023-08-01")), {
          minLength: 8,
          maxLength: 8,
        }),
        (runs, dates) => {
          const paragraphs = runs.flatMap((r) =>
            r.seqs.map((seq) => paragraph({ text: "x", doc: r.doc, lang: r.lang, seq })),
          );
          const keys = [...new Set(runs.map((r) => `${r.doc}|${r.lang}`))];
          const documents = keys.flatMap((k, i) => {
            const [symbol, lang] = k.split("|") as [string, "zh" | "en"];
            const date = dates[i];
            return date ? [documentRecord({ symbol, lang, date })] : [];
          });
          expect([...readingRank(paragraphs, documents)]).toEqual(referenceRank(paragraphs, documents));
        },
      ),
      { numRuns: 300 },
    );
  });
});
