/**
 * The on-disk format: postings and buckets read back exactly what was written (fast-check), the
 * smaller of the two postings encodings is chosen, and a file of another format is refused.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  bucketOf,
  decodeBucket,
  decodeFormulas,
  decodePostings,
  encodeBucket,
  encodeFormulas,
  encodePostings,
  FORMAT_VERSION,
  findInBucket,
} from "../../../core/search/format.ts";

const sortedIds = fc
  .uniqueArray(fc.nat({ max: 300_000 }), { maxLength: 2000 })
  .map((a) => a.sort((x, y) => x - y));

describe("postings", () => {
  test("decode(encode(ids)) = ids, for any sorted list of paragraph numbers", () => {
    fc.assert(
      fc.property(sortedIds, (ids) => {
        expect([...decodePostings(encodePostings(ids))]).toEqual(ids);
      }),
    );
  });

  test.each([
    // [ids, encoding kind, why]
    [[5, 900, 70_000], 0, "sparse: varint deltas"],
    [Array.from({ length: 1000 }, (_, i) => i * 2), 1, "dense: a bitmap is smaller"],
    [[], 0, "empty"],
  ])("%#: kind %i (%s)", (ids, kind) => {
    const enc = encodePostings(ids);
    expect(enc[0]).toBe(kind);
    expect([...decodePostings(enc)]).toEqual(ids);
  });
});

describe("buckets", () => {
  test("a bucket reads back every term with its postings", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 4 }), { maxLength: 30 }),
        sortedIds,
        (ts, ids) => {
          const entries = ts.sort().map((t, k) => [t, encodePostings(ids.slice(k))] as [string, Uint8Array]);
          const back = decodeBucket(encodeBucket(entries));
          expect([...back.keys()]).toEqual(ts);
          for (const [k, t] of ts.entries()) expect([...decodePostings(back.get(t)!)]).toEqual(ids.slice(k));
        },
      ),
    );
  });

  test("a term found by scanning a bucket's bytes has the postings decoding the bucket gives, and a term not there none", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 4 }), { maxLength: 30 }),
        fc.string({ minLength: 1, maxLength: 4 }),
        (terms, other) => {
          const sorted = [...terms].sort();
          const bytes = encodeBucket(sorted.map((t, k) => [t, encodePostings([k, k + 7])]));
          const all = decodeBucket(bytes);
          for (const t of sorted) expect(findInBucket(bytes, t)).toEqual(all.get(t));
          if (!all.has(other)) expect(findInBucket(bytes, other)).toBeNull();
        },
      ),
    );
  });

  test("the formula windows read back as written, any 32-bit hash", () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 0xffffffff })), (hashes) => {
        const sorted = Uint32Array.from(hashes).sort();
        expect([...decodeFormulas(encodeFormulas(sorted))]).toEqual([...sorted]);
      }),
    );
  });

  test("a file that is not a bucket of this format is refused", () => {
    expect(() => decodeBucket(new TextEncoder().encode("AQS\u0009xxxx"))).toThrow(
      new RegExp(`format ${FORMAT_VERSION}`),
    );
  });

  test("a term's bucket is stable and in range", () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 1, max: 4096 }), (t, n) => {
        const b = bucketOf(t, n);
        expect(b).toBeGreaterThanOrEqual(0);
        expect(b).toBeLessThan(n);
        expect(bucketOf(t, n)).toBe(b);
      }),
    );
  });
});
