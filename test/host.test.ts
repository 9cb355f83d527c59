/**
 * The parse cache's folder (pipeline/host.ts `TextCache`): entries read through one reused buffer,
 * an entry larger than it read whole, and a range read again only from the very bytes read first.
 */
import { mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { TextCache } from "../pipeline/host.ts";

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function cache(): TextCache {
  const dir = mkdtempSync(path.join(os.tmpdir(), "acquis-textcache-"));
  dirs.push(dir);
  return new TextCache(dir, true);
}

/** A text of `n` letters repeating only every 251 (a read out of place shows). */
const text = (n: number, seed: number) =>
  Buffer.alloc(
    n,
    Array.from({ length: 251 }, (_, i) => String.fromCharCode(97 + ((i * i + seed) % 26))).join(""),
  ).toString("latin1");
/** Past the file system's clock tick (a few ms): a write now stamps other times than one before. */
const tick = () => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);

describe("the parse cache's folder", () => {
  test("entries smaller and larger than the reused buffer read back whole, each a view the next read reuses", () => {
    const c = cache();
    // 1 MiB is the buffer's first size: a larger entry grows it, a smaller one after reads in it.
    const sizes = [10, 3 << 20, 100, (5 << 20) + 3, 7];
    for (const [i, n] of sizes.entries()) c.set(`k${i}`, text(n, i));
    let last: Uint8Array | null = null;
    for (const [i, n] of sizes.entries()) {
      const r = c.read(`k${i}`)!;
      expect(Buffer.from(r.bytes).toString("latin1")).toBe(text(n, i));
      if (last && n <= last.length) expect(r.bytes.buffer).toBe(last.buffer);
      last = r.bytes;
    }
    expect(c.read("none")).toBeUndefined();
  });

  test("a range of an entry larger than the buffer is its bytes, when the entry is the one read", () => {
    const c = cache();
    const big = text((3 << 20) + 11, 5);
    c.set("big", big);
    const { stamp } = c.read("big")!;
    const start = 17;
    const end = big.length - 5;
    expect(Buffer.from(c.range("big", stamp, start, end)).toString("latin1")).toBe(big.slice(start, end));
    expect(Buffer.from(c.range("big", stamp, 0, 4)).toString("latin1")).toBe(big.slice(0, 4));
  });

  test.each<[string, (file: string, c: TextCache) => void]>([
    ["rewritten in place, the same length, other bytes", (file) => writeFileSync(file, text(4096, 9))],
    [
      "replaced by a rename, the same bytes",
      (file) => {
        writeFileSync(`${file}.new`, text(4096, 1));
        renameSync(`${file}.new`, file);
      },
    ],
    ["removed", (file) => rmSync(file)],
  ])("an entry %s after it was read: its range is refused", (_, change) => {
    const c = cache();
    c.set("e", text(4096, 1));
    const { stamp } = c.read("e")!;
    tick();
    change(path.join(c.dir, "e.jsonl"), c);
    expect(() => c.range("e", stamp, 10, 100)).toThrow();
  });

  test("a range past the end of the entry read is refused, never cut short", () => {
    const c = cache();
    c.set("e", text(100, 1));
    const { stamp } = c.read("e")!;
    expect(() => c.range("e", stamp, 50, 120)).toThrow(/shorter/);
  });
});
