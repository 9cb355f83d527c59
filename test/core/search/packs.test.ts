/**
 * Packs (format 3): term buckets grouped so that a long paste reads a few files. A pack holds its
 * buckets' files byte for byte, a paste's sampled terms come from the packs holding most of them,
 * the postings read from a pack are those of the bucket's own file, and a reader refuses an index
 * of another format with a message saying what to do.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { chooseTerms, memorySource, SearchEngine } from "../../../core/search/engine.ts";
import {
  bucketOf,
  encodePack,
  FORMAT_VERSION,
  type Manifest,
  packMembers,
} from "../../../core/search/format.ts";
import { fold } from "../../../core/search/normalize.ts";
import { readPaste } from "../../../core/search/rank.ts";
import { buildSearchIndex, PACK_SIZE } from "../../../pipeline/index/build.ts";
import { documentRecord, paragraph } from "../../factories.ts";

describe("pack files", () => {
  test("a pack reads back its members as written, empty ones included", () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.uint8Array({ minLength: 1, maxLength: 300 }))), (members) => {
        const back = packMembers(encodePack(members));
        expect(back.map((m) => [...m])).toEqual(members.map((m) => (m ? [...m] : [])));
      }),
    );
  });

  test("a pack of another format, or cut short, is refused", () => {
    const pack = encodePack([new Uint8Array([1, 2, 3])]);
    const other = pack.slice();
    other[3] = FORMAT_VERSION - 1;
    expect(() => packMembers(other)).toThrow(/format/);
    expect(() => packMembers(pack.subarray(0, pack.length - 1))).toThrow(/cut short/);
  });
});

// Chinese text of 60 characters in many orders: a long paste of it holds a thousand pairs, in
// every pack of an index with small buckets (as a long Chinese paste does at 200k paragraphs).
const han =
  "的国家安全信息技术网络空间合作建立措施关键基础设施保护国际法适用负责任行为规范联合国大会报告工作组成员会议主席建议各方同意";
const texts = Array.from({ length: 120 }, (_, i) =>
  Array.from({ length: 40 }, (_, k) => han[(i * 11 + k * (7 + (i % 5)) + ((k * k) % 13)) % han.length]).join(
    "",
  ),
);
const documents = [documentRecord({ symbol: "A/80/1", lang: "zh", date: "2025-01-01" })];
const paragraphs = texts.map((text, i) =>
  paragraph({ doc: "A/80/1", lang: "zh", num: [String(i + 1)], text }),
);
const built = buildSearchIndex(paragraphs, documents, { postingsPerBucket: 40 });
const m = built.manifest;
const draft = texts.slice(0, 30).join("");

describe("the index's packs", () => {
  test("each pack holds its buckets' files byte for byte, and a pack of empty buckets is no file", () => {
    expect(m.buckets).toBeGreaterThan(PACK_SIZE * 4); // several packs, so the check means something
    expect(m.packSize).toBe(PACK_SIZE);
    expect(m.packHashes).toHaveLength(Math.ceil(m.buckets / PACK_SIZE));
    m.packHashes.forEach((hash, n) => {
      const ofPack = m.bucketHashes.slice(n * PACK_SIZE, (n + 1) * PACK_SIZE);
      if (!hash) {
        expect(ofPack.every((h) => !h)).toBe(true);
        return;
      }
      const members = packMembers(built.files[`k/${n}.${hash}.bin`] as Uint8Array);
      expect(members).toHaveLength(ofPack.length);
      ofPack.forEach((h, i) => {
        const own = h ? (built.files[`p/${n * PACK_SIZE + i}.${h}.bin.gz`] as Uint8Array) : new Uint8Array(0);
        expect([...(members[i] as Uint8Array)]).toEqual([...own]);
      });
    });
  });

  test("a long Chinese paste reads its terms from the packs holding most of them, more terms in fewer files", () => {
    const strong = readPaste(draft, fold(draft), null).terms.filter((t) => !t.weak);
    const bucket = (t: string) => bucketOf(t, m.buckets);
    const { chosen, sampled, packs } = chooseTerms(strong, bucket, 16, PACK_SIZE);
    expect(sampled).toBe(true);
    // At most half as many bytes again as the 16 buckets would be.
    expect(packs.length).toBeGreaterThan(0);
    expect(packs.length).toBeLessThanOrEqual((1.5 * 16) / PACK_SIZE);
    const packOfTerm = (t: string) => Math.floor(bucket(t) / PACK_SIZE);
    expect(chosen).toEqual(strong.filter((t) => packs.includes(packOfTerm(t.term))));
    const weight = new Map<number, number>();
    for (const t of new Map(strong.map((t) => [t.term, t])).values())
      weight.set(packOfTerm(t.term), (weight.get(packOfTerm(t.term)) ?? 0) + t.weight);
    const least = Math.min(...packs.map((n) => weight.get(n) as number));
    for (const [n, w] of weight) if (!packs.includes(n)) expect(w).toBeLessThanOrEqual(least);
    // A quarter more terms than the buckets would give, never fewer.
    expect(chosen.length).toBeGreaterThanOrEqual(1.25 * chooseTerms(strong, bucket, 16, 1).chosen.length);
  });

  test("a paste whose terms are sparse in the index (English over many buckets) reads them from their buckets, as before", () => {
    const en = Array.from({ length: 300 }, (_, i) => `word${(i * 37) % 997}`).join(" ");
    const strong = readPaste(en, fold(en), null).terms.filter((t) => !t.weak);
    const bucket = (t: string) => bucketOf(t, 1024);
    const packed = chooseTerms(strong, bucket, 40, PACK_SIZE);
    expect(packed.sampled).toBe(true);
    expect(packed.packs).toEqual([]);
    expect(packed.chosen).toEqual(chooseTerms(strong, bucket, 40, 1).chosen);
  });

  test("a long paste fetches packs, not the buckets in them, and reads the same postings from them", async () => {
    const src = memorySource(built.files);
    const e = await SearchEngine.open(src);
    const r = await e.search(draft, { limit: 5, buckets: 16 });
    expect(r.hits.length).toBeGreaterThan(0);
    const packsRead = src.reads.filter((p) => p.startsWith("k/"));
    expect(packsRead.length).toBeGreaterThan(0);
    expect(packsRead.length).toBeLessThanOrEqual((1.5 * 16) / PACK_SIZE);
    const fromPacks = new Set(packsRead.map((p) => Number(p.slice(2, p.indexOf(".")))));
    const bucketsRead = src.reads
      .filter((p) => p.startsWith("p/"))
      .map((p) => Number(p.slice(2, p.indexOf("."))));
    for (const b of bucketsRead) expect(fromPacks.has(Math.floor(b / PACK_SIZE))).toBe(false);
    // Every pair's postings as its own bucket file gives them, on an engine that read no pack.
    const plain = await SearchEngine.open(memorySource(built.files));
    const pairs = new Set(texts.flatMap((t) => [...t].slice(1).map((c, k) => t[k] + c)));
    for (const pair of pairs)
      expect([...(await e.postingsOf(pair))]).toEqual([...(await plain.postingsOf(pair))]);
  });

  test("an index of another format is refused with what to do", async () => {
    const old: Manifest = { ...m, format: FORMAT_VERSION - 1 };
    const files = { ...built.files, "index.json": JSON.stringify(old) };
    await expect(SearchEngine.open(memorySource(files))).rejects.toThrow(/format 2 is not 3: rebuild/);
  });
});
