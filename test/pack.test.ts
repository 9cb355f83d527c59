/**
 * The memos' file format (pipeline/pack.ts): sections read back as written; bytes that are not
 * the pack they claim to be are no pack; a caller that vouches for the bytes (a file whose stamp
 * has not moved since it wrote it) skips the checksum, and nothing else. Opened by range, a pack
 * is read from its header alone, then the sections asked for.
 */
import { describe, expect, test } from "vitest";
import { openPack, pack, packSummed, type RangeSource, readSection, unpack } from "../pipeline/pack.ts";

/** A file's chunks as its bytes (a plain Uint8Array, as a file store hands them back). */
const bytesOf = (chunks: Uint8Array[]) => new Uint8Array(Buffer.concat(chunks));

const sample = () =>
  bytesOf(pack("test pack", "1", { meta: { json: { a: [1, 2] } }, nums: new Uint32Array([7, 8, 9]) }));

describe("a pack", () => {
  test("reads back its sections as written", () => {
    const s = unpack(sample(), "test pack", "1")!;
    expect((s.meta as { json: unknown }).json).toEqual({ a: [1, 2] });
    expect([...(s.nums as Uint32Array)]).toEqual([7, 8, 9]);
  });

  test.each([
    // another kind or version is not this pack, vouched for or not
    { name: "another kind", kind: "other", version: "1", spoil: false, vouched: true },
    { name: "another version", kind: "test pack", version: "2", spoil: false, vouched: true },
    // a byte changed after the header: caught by the checksum unless the caller vouches
    { name: "a changed byte", kind: "test pack", version: "1", spoil: true, vouched: false },
  ])("$name is no pack", ({ kind, version, spoil, vouched }) => {
    const b = sample();
    if (spoil) b[b.length - 1] = b[b.length - 1]! ^ 0xff;
    expect(unpack(b, kind, version, vouched)).toBeNull();
  });

  test("from a buffer the caller reuses, its typed sections are copies that outlive the buffer's next use", () => {
    const bytes = bytesOf(
      pack("test pack", "1", { nums: new Uint32Array([7, 8, 9]), raw: new Uint8Array([1, 2, 3]) }),
    );
    const views = unpack(bytes, "test pack", "1")!;
    const copies = unpack(bytes, "test pack", "1", false, undefined, true)!;
    expect((views.nums as Uint32Array).buffer).toBe(bytes.buffer);
    expect((copies.nums as Uint32Array).buffer).not.toBe(bytes.buffer);
    expect((copies.raw as Uint8Array).buffer).not.toBe(bytes.buffer);
    bytes.fill(0);
    expect([...(copies.nums as Uint32Array)]).toEqual([7, 8, 9]);
    expect([...(copies.raw as Uint8Array)]).toEqual([1, 2, 3]);
    expect([...(views.nums as Uint32Array)]).toEqual([0, 0, 0]);
  });

  test("a vouched-for pack is read without its checksum; its bounds are still checked", () => {
    const b = sample();
    b[b.length - 1] = b[b.length - 1]! ^ 0xff;
    expect(unpack(b, "test pack", "1", true)).not.toBeNull();
    expect(unpack(b.subarray(0, b.length - 4), "test pack", "1", true)).toBeNull();
  });

  test("asked for by its checksum (a memo's piece, named by it), a pack whose header carries another is none, vouched for or not", () => {
    const { chunks, sha256 } = packSummed("test pack", "1", { meta: { json: { a: [1, 2] } } });
    const b = bytesOf(chunks);
    expect(unpack(b, "test pack", "1", false, sha256.slice(0, 32))).not.toBeNull();
    expect(unpack(b, "test pack", "1", true, sha256.slice(0, 32))).not.toBeNull();
    const other = sha256.slice(0, 31) + (sha256[31] === "0" ? "1" : "0");
    expect(unpack(b, "test pack", "1", false, other)).toBeNull();
    expect(unpack(b, "test pack", "1", true, other)).toBeNull();
  });
});

/** Bytes as a file read by range, counting what is read. */
function source(bytes: Uint8Array): RangeSource & { bytesRead: number } {
  return {
    size: bytes.length,
    bytesRead: 0,
    read(position: number, into: Uint8Array): boolean {
      if (position + into.length > bytes.length) return false;
      into.set(bytes.subarray(position, position + into.length));
      this.bytesRead += into.length;
      return true;
    },
  };
}

describe("a pack opened by range", () => {
  test("finds its sections where unpack reads them, reading the header line alone", () => {
    const nums = Uint32Array.from({ length: 5000 }, (_, i) => i * 3);
    const b = bytesOf(pack("test pack", "1", { meta: { json: { a: 1 } }, nums, tail: new Uint32Array([4]) }));
    const file = source(b);
    const p = openPack(file, "test pack", "1")!;
    expect(p).not.toBeNull();
    expect(file.bytesRead).toBeLessThanOrEqual(4096);
    expect([...p.sections.keys()]).toEqual(["meta", "nums", "tail"]);
    expect(readSection(file, p.sections.get("nums"), "u32")).toEqual(nums);
    expect(readSection(file, p.sections.get("tail"), "u32")).toEqual(new Uint32Array([4]));
    // A section of another type, or none, is not read as one.
    expect(readSection(file, p.sections.get("meta"), "u32")).toBeNull();
    expect(readSection(file, p.sections.get("none"), "u32")).toBeNull();
  });

  test("a header longer than the first read is still read whole", () => {
    const sections = Object.fromEntries(
      Array.from({ length: 300 }, (_, i) => [`a section with a long name ${i}`, new Uint32Array([i])]),
    );
    const b = bytesOf(pack("test pack", "1", sections));
    expect(b.indexOf(0x0a)).toBeGreaterThan(4096);
    const file = source(b);
    const p = openPack(file, "test pack", "1")!;
    expect(readSection(file, p.sections.get("a section with a long name 299"), "u32")).toEqual(
      new Uint32Array([299]),
    );
  });

  test.each([
    { name: "another kind", kind: "other", version: "1", cut: 0 },
    { name: "another version", kind: "test pack", version: "2", cut: 0 },
    { name: "a file cut short (a section past its end)", kind: "test pack", version: "1", cut: 4 },
    { name: "a file cut inside its header", kind: "test pack", version: "1", cut: -1 },
  ])("$name is no pack", ({ kind, version, cut }) => {
    const b = sample();
    const bytes = cut < 0 ? b.subarray(0, 10) : b.subarray(0, b.length - cut);
    expect(openPack(source(bytes), kind, version)).toBeNull();
  });
});

describe("a pack's JSON sections", () => {
  const records = Array.from({ length: 20000 }, (_, i) => ({
    id: `r${i}`,
    text: `条约 ${i} \u{1F600}`,
    n: i / 7,
  }));
  const value = { settings: "s", none: undefined, records, nested: { list: records.slice(0, 100), n: 1 } };

  test("are the UTF-8 of the value's JSON, in parts none of which is the JSON whole", () => {
    const { chunks } = packSummed("test pack", "1", { meta: { json: value }, nums: new Uint32Array([1]) });
    const json = new TextEncoder().encode(JSON.stringify(value));
    // The header line, then the section's parts: each well below the JSON's size.
    const parts = chunks.slice(1, -1);
    expect(parts.length).toBeGreaterThan(10);
    expect(Math.max(...parts.map((p) => p.length))).toBeLessThan(json.length / 10);
    const b = bytesOf(chunks);
    const s = unpack(b, "test pack", "1")!;
    expect((s.meta as { json: unknown }).json).toEqual(JSON.parse(JSON.stringify(value)));
    const head = JSON.parse(new TextDecoder().decode(b.subarray(0, b.indexOf(0x0a)))) as {
      sections: Array<{ name: string; offset: number; length: number }>;
    };
    const at = head.sections.find((x) => x.name === "meta")!;
    const body = b.subarray(b.indexOf(0x0a) + 1);
    expect(Buffer.from(body.subarray(at.offset, at.offset + at.length)).equals(Buffer.from(json))).toBe(true);
  });

  test("an undefined one is empty, as before, and no pack reads it back", () => {
    const b = bytesOf(pack("test pack", "1", { meta: { json: undefined } }));
    expect(unpack(b, "test pack", "1")).toBeNull();
  });
});
