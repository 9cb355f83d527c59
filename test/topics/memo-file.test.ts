/**
 * The topics memo as pieces (pipeline/topics/memo-file.ts): read back, a document's rows are its
 * bytes; one document changed has only its piece written again, a small part of the memo.
 */
import { describe, expect, test } from "vitest";
import { type PieceIn, PieceUnreadable } from "../../pipeline/memo-pieces.ts";
import { packSummed, unpack } from "../../pipeline/pack.ts";
import type { DocTags, TopicsMemo } from "../../pipeline/topics/incremental.ts";
import { topicsMemoFromSections, topicsMemoSections } from "../../pipeline/topics/memo-file.ts";

const VERSION = "test";
const KIND = "acquis memo piece";
const enc = new TextEncoder();

const tags = (i: number): DocTags => {
  const json = enc.encode(`{"row":${i}}`);
  return { json, size: json.length, sum: `s${i}`, rows: 1, counts: [1, 0] };
};

/** A memo of `n` documents of one row each. */
function memoOf(n: number): TopicsMemo {
  const docs = new Map<string, DocTags>();
  for (let i = 0; i < n; i++) docs.set(`corpus/doc-${i}/en.md\n${i}`, tags(i));
  return { vocabulary: "v", docs };
}

/** Write the memo's pieces, carried ones from `store`, and read it back. */
function roundTrip(m: TopicsMemo, store: Map<string, Uint8Array>) {
  const split = topicsMemoSections(m, VERSION);
  const names = split.pieces.map((p) => {
    if ("carried" in p) return p.carried;
    const packed = packSummed(KIND, VERSION, p.sections);
    store.set(packed.sha256, Buffer.concat(packed.chunks));
    return packed.sha256;
  });
  const pieces: PieceIn[] = names.map((name) => ({
    name,
    sections: () => {
      const s = unpack(store.get(name)!, KIND, VERSION, true);
      if (!s) throw new PieceUnreadable(name);
      return s;
    },
  }));
  return { split, back: topicsMemoFromSections(split.sections, pieces, VERSION)! };
}

describe("the topics memo's pieces", () => {
  test("read back, every document's rows are its bytes", () => {
    const m = memoOf(300);
    const { back } = roundTrip(m, new Map());
    expect([...back.docs.keys()].sort()).toEqual([...m.docs.keys()].sort());
    for (const [key, t] of m.docs)
      expect(Buffer.from(back.docs.get(key)!.json).equals(Buffer.from(t.json))).toBe(true);
  });

  test("one document of 1,000 changed has its piece written again: under 2% of the documents", () => {
    const store = new Map<string, Uint8Array>();
    const { back } = roundTrip(memoOf(1000), store);
    const docs = new Map(back.docs);
    const key = [...docs.keys()][500]!;
    docs.set(key, tags(5000));
    const split = topicsMemoSections({ vocabulary: "v", docs }, VERSION);
    const fresh = split.pieces.flatMap((p) => ("carried" in p ? [] : [p.sections]));
    expect(fresh).toHaveLength(1);
    const list = (fresh[0]!.list as { json: unknown[] }).json;
    expect(list.length).toBeGreaterThan(0);
    expect(list.length).toBeLessThan(20);
    expect(list.map((l) => (l as [string])[0])).toContain(key);
  });
});
