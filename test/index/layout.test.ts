/**
 * The index's layout (pipeline/index/build.ts): documents in ranking order, each one's paragraphs
 * in reading order (seq), numbered in that order. layoutOf() makes every row; layoutLazily(), which
 * the stage after a change uses, makes a document's rows as they are read. Both against a plain
 * reading of the rule (group by version, sort by seq), on paragraphs in odd orders too.
 */
import { describe, expect, test } from "vitest";
import { type IndexedParagraph, layoutLazily, layoutOf } from "../../pipeline/index/build.ts";
import type { DocumentRecord } from "../../schemas/index.ts";
import { documentRecord, paragraph } from "../factories.ts";

function corpus(): { documents: DocumentRecord[]; paragraphs: IndexedParagraph[] } {
  const documents = [
    documentRecord({ symbol: "A/78/265", lang: "zh", paragraphs: 3 }),
    documentRecord({ symbol: "A/78/265", lang: "en", paragraphs: 3 }),
    documentRecord({ symbol: "A/79/1", lang: "en", date: "2024-07-01", status: "draft", paragraphs: 2 }),
  ];
  const paragraphs: IndexedParagraph[] = [];
  for (const d of documents)
    for (let i = 0; i < (d.symbol === "A/79/1" ? 2 : 3); i++)
      paragraphs.push(
        paragraph({
          doc: d.symbol,
          lang: d.lang,
          seq: i,
          address: `${i + 1}`,
          text: `${d.symbol} ${d.lang} ${i}`,
        }),
      );
  // A paragraph of a document the records do not hold: indexed with empty metadata.
  paragraphs.push(paragraph({ doc: "A/80/9", lang: "en", seq: 0, address: "1", text: "stray" }));
  return { documents, paragraphs };
}

/** The rule read plainly: the rows of each document, by key, in seq order. */
function expected(paragraphs: readonly IndexedParagraph[]): Map<string, string[]> {
  const out = new Map<string, IndexedParagraph[]>();
  for (const p of paragraphs) out.set(`${p.doc}|${p.lang}`, [...(out.get(`${p.doc}|${p.lang}`) ?? []), p]);
  return new Map([...out].map(([k, ps]) => [k, [...ps].sort((a, b) => a.seq - b.seq).map((p) => p.text)]));
}

describe("the index's layout", () => {
  const orders: Array<[string, (ps: IndexedParagraph[]) => IndexedParagraph[]]> = [
    ["as the parse gives them", (ps) => ps],
    ["reversed", (ps) => [...ps].reverse()],
    ["interleaved", (ps) => ps.filter((_, i) => i % 2 === 0).concat(ps.filter((_, i) => i % 2))],
  ];
  test.each(orders)("numbers each document's paragraphs in seq order, read %s", (_, order) => {
    const { documents, paragraphs } = corpus();
    const ps = order(paragraphs);
    const whole = layoutOf(ps, documents);
    const lazy = layoutLazily(ps, documents);
    const want = expected(ps);
    expect(whole.keys.length).toBe(want.size);
    expect(lazy.keys).toEqual(whole.keys);
    expect(lazy.docs).toEqual(whole.docs);
    expect(lazy.rowCount).toBe(whole.rows.length);
    whole.docs.forEach((d, i) => {
      const rows = whole.rows.slice(d.first, d.first + d.count);
      expect(rows.map((r) => r[5])).toEqual(want.get(whole.keys[i]!));
      expect(rows.every((r) => r[0] === i)).toBe(true);
    });
    // Read from the end first, so a document's rows are made out of order of the numbers.
    for (let n = lazy.rowCount - 1; n >= 0; n--) expect(lazy.row(n)).toEqual(whole.rows[n]);
    expect(() => lazy.row(lazy.rowCount)).toThrow(RangeError);
    expect(whole.keys).toContain("A/80/9|en");
  });
});
