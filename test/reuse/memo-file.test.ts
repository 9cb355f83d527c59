/**
 * A base of postings as a file (pipeline/reuse/memo-file.ts): read by range, it answers every
 * question the live postings ask (live.ts `Base`) as the base in memory does, reading a small
 * part of the file; bytes that do not read back are no base, or throw BaseUnreadable when found
 * so only once the stage reads them (the stage then runs cold).
 *
 * The kept links' records read back from their pieces: each the record written, its diff parsed
 * only when first read, from bytes of its own.
 */
import { describe, expect, test } from "vitest";
import { prng } from "../../bench/generate.ts";
import type { PieceIn } from "../../pipeline/memo-pieces.ts";
import { openPack, pack, packSummed, type RangeSource, unpack } from "../../pipeline/pack.ts";
import type { DirectRecord } from "../../pipeline/reuse/incremental.ts";
import { type Base, BaseUnreadable, forwardOf, memoryBase } from "../../pipeline/reuse/live.ts";
import {
  baseFromSections,
  baseOfFile,
  baseSections,
  DIR_EVERY,
  directFromPieces,
  directPieces,
  REUSE_BASE,
  REUSE_MEMO,
  recordJson,
  WHOLE_AT,
} from "../../pipeline/reuse/memo-file.ts";
import { type Postings, postingsOf } from "../../pipeline/reuse/postings.ts";
import { Reuse } from "../../schemas/index.ts";

/** A file's chunks as its bytes (a plain Uint8Array, as a file store hands them back). */
const bytesOf = (chunks: Uint8Array[]) => new Uint8Array(Buffer.concat(chunks));

/** Bytes as a file read by range, counting what is read; a read reaching into `hole` fails. */
function source(
  bytes: Uint8Array,
  hole: [number, number] = [bytes.length, bytes.length],
): RangeSource & {
  bytesRead: number;
} {
  return {
    size: bytes.length,
    bytesRead: 0,
    read(position: number, into: Uint8Array): boolean {
      const end = position + into.length;
      if (end > bytes.length || (position < hole[1] && end > hole[0])) return false;
      into.set(bytes.subarray(position, end));
      this.bytesRead += into.length;
      return true;
    },
  };
}

/** Random postings: `paragraphs` paragraphs, hashes drawn from a few thousand, some repeated within one. */
function randomPostings(seed: number, paragraphs: number): { p: Postings; hashes: number[] } {
  const rand = prng(seed);
  const pool = Array.from({ length: 3000 }, () => Math.floor(rand() * 0xffffffff));
  const hs: number[] = [];
  const ps: number[] = [];
  for (let b = 0; b < paragraphs; b++) {
    // Paragraph 7 carries nothing (a paragraph too short to shingle).
    const n = b === 7 ? 0 : 1 + Math.floor(rand() * 40);
    for (let i = 0; i < n; i++) {
      hs.push(pool[Math.floor(rand() * rand() * pool.length)]!);
      ps.push(b);
    }
  }
  return { p: postingsOf(Uint32Array.from(hs), Uint32Array.from(ps)), hashes: pool };
}

const VERSION = `${REUSE_BASE.version}|test|id`;
const fileOf = (p: Postings, paragraphs: number) =>
  bytesOf(pack(REUSE_BASE.kind, VERSION, baseSections(p, paragraphs)));

/** Every answer a base gives, for the hashes given and each paragraph. */
function answers(b: Base, hashes: number[]) {
  const out: unknown[] = [b.paragraphs, b.hashes, b.postings];
  for (const h of hashes) {
    const g = b.find(h);
    out.push(g < 0 ? [h, g] : [h, g, b.df(g), [...b.list(g)]]);
  }
  for (let p = 0; p < b.paragraphs; p++) out.push([...b.carried(p)]);
  return out;
}

describe("a base of postings read by range", () => {
  test("the forward list holds each paragraph's hashes, ascending, one per posting", () => {
    const { p } = randomPostings(1, 60);
    const f = forwardOf(p, 60);
    for (let b = 0; b < 60; b++) {
      const want: number[] = [];
      p.hash.forEach((h, g) => {
        for (let y = p.start[g]!; y < p.start[g + 1]!; y++) if (p.post[y] === b) want.push(h);
      });
      expect([...f.hash.subarray(f.start[b]!, f.start[b + 1]!)]).toEqual(want.sort((x, y) => x - y));
    }
    expect(f.hash.subarray(f.start[7]!, f.start[8]!).length).toBe(0);
  });

  test.each([
    { name: "block by block", wholeAt: Infinity },
    { name: "whole once a 64th of the blocks is read", wholeAt: 1 / 64 },
    { name: "whole past the share of blocks a build reads one by one", wholeAt: WHOLE_AT },
  ])(
    "answers as the base in memory does, over many blocks, for hashes it has and has not ($name)",
    ({ wholeAt }) => {
      const { p, hashes } = randomPostings(2, 400);
      expect(p.hash.length).toBeGreaterThan(4 * DIR_EVERY);
      const file = source(fileOf(p, 400));
      const b = baseOfFile(file, REUSE_BASE.kind, VERSION, wholeAt)!;
      expect(b).not.toBeNull();
      // Hashes it has, under its least, over its greatest, and between.
      const asked = [
        ...hashes,
        0,
        0xffffffff,
        p.hash[0]! - 1,
        p.hash[p.hash.length - 1]! + 1,
        p.hash[5]! + 1,
      ];
      expect(answers(b, asked)).toEqual(answers(memoryBase(p, 400), asked));
      expect(b.whole()).toEqual(p);
      // Read back whole and checked, the same answers.
      const whole = baseFromSections(baseSections(p, 400))!;
      expect(answers(whole, asked)).toEqual(answers(memoryBase(p, 400), asked));
    },
  );

  test("reads of the file only what it is asked", () => {
    const { p } = randomPostings(3, 2000);
    const bytes = fileOf(p, 2000);
    const file = source(bytes);
    // Block by block (this small base's blocks would be read whole at the first).
    const b = baseOfFile(file, REUSE_BASE.kind, VERSION, Infinity)!;
    const opened = file.bytesRead;
    const h = p.hash[Math.floor(p.hash.length / 2)]!;
    const g = b.find(h);
    expect([...b.list(g)]).toEqual([...p.post.subarray(p.start[g]!, p.start[g + 1]!)]);
    b.carried(1234);
    // The header and directory, one block of three columns, a list, a paragraph's hashes.
    expect(opened).toBeLessThan(bytes.length / 20);
    expect(file.bytesRead - opened).toBeLessThan(4 * (3 * DIR_EVERY + 1 + 200));
  });

  test("by default, reads block by block under a quarter of the blocks, and whole past it", () => {
    const { p } = randomPostings(3, 2000);
    const file = source(fileOf(p, 2000));
    const b = baseOfFile(file, REUSE_BASE.kind, VERSION)!;
    const blocks = Math.ceil(p.hash.length / DIR_EVERY);
    const blockBytes = 4 * (3 * DIR_EVERY + 1);
    expect(blocks).toBeGreaterThan(40);
    const opened = file.bytesRead;
    // The first hash of every fourth block, as many blocks as a quarter of them.
    const under = Math.floor(blocks * WHOLE_AT);
    for (let i = 0; i < under; i++)
      expect(b.df(b.find(p.hash[4 * i * DIR_EVERY]!))).toBe(p.df[4 * i * DIR_EVERY]);
    expect(file.bytesRead - opened).toBe(under * blockBytes);
    // One more block: the columns whole, once.
    const g = DIR_EVERY + 1;
    expect(b.df(b.find(p.hash[g]!))).toBe(p.df[g]);
    const whole = file.bytesRead - opened - under * blockBytes;
    expect(whole).toBeGreaterThan(blocks * blockBytes - blockBytes);
    expect(b.df(b.find(p.hash[2 * DIR_EVERY]!))).toBe(p.df[2 * DIR_EVERY]);
    expect(file.bytesRead - opened - under * blockBytes).toBe(whole);
  });

  test("bytes that are not a base are none; a range that does not read back throws when read", () => {
    const { p, hashes } = randomPostings(4, 300);
    const bytes = fileOf(p, 300);
    expect(baseOfFile(source(bytes), REUSE_BASE.kind, `${REUSE_BASE.version}|other|id`)).toBeNull();
    expect(baseOfFile(source(bytes.subarray(0, bytes.length - 8)), REUSE_BASE.kind, VERSION)).toBeNull();
    // Whole on opening, a section not read back after (a file changed under a stamp that vouched
    // for it): the forward list, then the postings.
    for (const name of ["fwd.hash", "base.post"]) {
      const at = openPack(source(bytes), REUSE_BASE.kind, VERSION)!.sections.get(name)!;
      const b = baseOfFile(source(bytes, [at.offset + 8, at.offset + 16]), REUSE_BASE.kind, VERSION)!;
      expect(b).not.toBeNull();
      const all = () => {
        for (let q = 0; q < 300; q++) b.carried(q);
        for (const h of hashes) {
          const g = b.find(h);
          if (g >= 0) b.list(g);
        }
      };
      expect(all).toThrow(BaseUnreadable);
      if (name === "base.post") expect(() => b.whole()).toThrow(BaseUnreadable);
    }
  });
});

describe("the kept links' records read back", () => {
  /** Records whose JSON holds what a cut of it could be fooled by, and plain ones. */
  const records = (): Reuse[] => {
    const plain = (i: number): Reuse => ({
      from: `A-1/zh/${i}`,
      to: `A-2/zh/${i}`,
      kind: i % 3 ? "near" : "partial",
      score: 0.5 + i / 1000,
      spans: [{ from: [0, 3], to: [1, 4] }],
      length: 3,
      formula: i % 2 === 0,
      diff: [
        { op: "equal", text: `各国${i}` },
        { op: "insert", text: "回顾" },
      ],
      via: "direct",
    });
    return [
      ...Array.from({ length: 40 }, (_, i) => plain(i)),
      // Ids and texts holding the very bytes the record is cut at, escaped in the JSON.
      { ...plain(40), from: 'A-1/en/,"diff":[x', to: 'A-2/en/],"via":"aligned"}' },
      { ...plain(41), diff: [{ op: "delete", text: '],"via":"aligned"} ,"diff":[ \\"' }] },
      { ...plain(42), diff: [] },
      { ...plain(43), spans: [], length: 0, via: "aligned" },
    ];
  };

  /**
   * The records through their pieces as a build reads them: each piece packed, then unpacked
   * from one buffer read into again for the next piece (memos.ts `scratchReader`), which is then
   * overwritten, as the next file read would.
   */
  const readBack = (written: Reuse[]) => {
    const direct = new Map<string, DirectRecord>(
      written.map((r, i) => [`${r.from}|${r.to}`, { sig: `s${i}`, record: r }]),
    );
    const scratch = new Uint8Array(1 << 16);
    const pieces = directPieces(direct, "test").map((p, i): PieceIn => {
      if (!("sections" in p)) throw new Error("nothing to carry in a memo written anew");
      const bytes = Buffer.concat(packSummed(REUSE_MEMO.kind, "piece", p.sections).chunks);
      scratch.set(bytes);
      const sections = unpack(
        scratch.subarray(0, bytes.length),
        REUSE_MEMO.kind,
        "piece",
        false,
        undefined,
        true,
      );
      expect(sections).not.toBeNull();
      return { name: `piece-${i}`, sections: () => sections! };
    });
    const read = directFromPieces(pieces, "test");
    scratch.fill(0x5d);
    expect(read).not.toBeNull();
    return { direct, read: read! };
  };

  test("each is the record written, its diff parsed when first read, once", () => {
    const { direct, read } = readBack(records());
    expect(read.size).toBe(direct.size);
    for (const [key, d] of direct) {
      const r = read.get(key)!.record;
      // Not parsed yet: a getter in the diff's place, among the members in the order written.
      expect(Object.getOwnPropertyDescriptor(r, "diff")?.get).toBeTypeOf("function");
      expect(Object.keys(r)).toEqual(Object.keys(d.record));
      expect(r.from).toBe(d.record.from);
      expect(r.via).toBe(d.record.via);
      // Read after the buffer its piece came through was overwritten.
      expect(r.diff).toEqual(d.record.diff);
      expect(Object.getOwnPropertyDescriptor(r, "diff")?.value).toBe(r.diff);
      expect(r).toEqual(d.record);
      // Serialised and validated as the record written; its bytes are that record's JSON.
      expect(JSON.stringify(r)).toBe(JSON.stringify(d.record));
      expect(JSON.stringify(Reuse.parse(r))).toBe(JSON.stringify(Reuse.parse(d.record)));
      expect(Buffer.from(recordJson(r)!).toString()).toBe(JSON.stringify(d.record));
    }
  });

  test("a record not laid out as the stage writes it reads as JSON.parse reads it", () => {
    const odd = [
      // No diff; the diff last; a member after an array inside the diff: parsed whole.
      { from: "a", to: "b", kind: "near", via: "direct" },
      { from: "a", to: "c", via: "direct", diff: [{ op: "equal", text: "x" }] },
      { from: "a", to: "e", via: "aligned", diff: [{ op: "equal", at: [1, 2], text: "x" }], length: 2 },
      { from: "a", to: "f", diff: [{ op: "equal", text: "x", at: [1, 2] }], length: 2 },
      // Other members after the diff, arrays among them or in it: the diff alone left for later.
      { from: "a", to: "d", diff: [{ op: "equal", text: "y" }], x: [[1], 2], score: 1, via: "direct" },
    ] as unknown as Reuse[];
    const { direct, read } = readBack(odd);
    const lazy = (key: string) => !!Object.getOwnPropertyDescriptor(read.get(key)!.record, "diff")?.get;
    expect(["a|b", "a|c", "a|e", "a|f", "a|d"].map(lazy)).toEqual([false, false, false, true, true]);
    for (const [key, d] of direct) {
      const r = read.get(key)!.record;
      expect(Object.keys(r)).toEqual(Object.keys(d.record));
      expect(r).toEqual(d.record);
      expect(JSON.stringify(r)).toBe(JSON.stringify(d.record));
    }
  });
});
