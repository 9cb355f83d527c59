/**
 * The parse cache's pieces of paragraphs.jsonl (pipeline/build/cache.ts `piecesOf`): a cache
 * hit's piece is read again when it is written and checked by the CRC-32 its entry's frame gives;
 * one that does not read back is made anew from its document, or fails the build naming the entry
 * and the way out, never written as it stands; unless the last output's paragraphs.jsonl holds it,
 * then copied from there, runs of pieces in one read. The store lives in memory here, so that an entry
 * can change under a stamp that does not move (what host.ts `TextCache` cannot see: an edit in
 * place within the file system's clock tick).
 */
import { describe, expect, test } from "vitest";
import { type LastPieces, parseWithCache, type TextStore } from "../../pipeline/build/cache.ts";
import { sha256 } from "../../pipeline/hash.ts";
import type { LoadedDocument } from "../../pipeline/load/index.ts";
import { FrontMatter } from "../../schemas/index.ts";
import { splitFrontMatter } from "../parse/helpers.ts";
import { doc } from "./helpers.ts";

/** Entries by key, each with a stamp that moves when `set` writes it (and only then). */
class MemoryStore implements TextStore {
  readonly entries = new Map<string, { bytes: Uint8Array; stamp: string }>();
  #writes = 0;
  read(key: string, limit = Number.POSITIVE_INFINITY) {
    const e = this.entries.get(key);
    if (!e) return undefined;
    return { bytes: e.bytes.slice(0, Math.min(limit, e.bytes.length)), stamp: e.stamp, size: e.bytes.length };
  }
  range(key: string, stamp: string, start: number, end: number): Uint8Array {
    const e = this.entries.get(key);
    if (!e || e.stamp !== stamp) throw new Error(`${key} changed since this build read it`);
    if (end > e.bytes.length) throw new Error(`${key} is shorter than when this build read it`);
    return e.bytes.slice(start, end);
  }
  set(key: string, text: string | Uint8Array): void {
    const bytes = typeof text === "string" ? new TextEncoder().encode(text) : Uint8Array.from(text);
    this.entries.set(key, { bytes, stamp: `w${++this.#writes}` });
  }
  /** One byte of the entry's last line changed in place, its stamp kept. */
  damage(key: string): void {
    const e = this.entries.get(key)!;
    const at = e.bytes.lastIndexOf(0x2e); // the last "." of the last paragraph's text
    expect(at).toBeGreaterThan(0);
    e.bytes[at] = 0x3b;
  }
}

const FILES = ["corpus/A-9-1/en.md", "corpus/A-9-2/en.md"];
function loaded(file: string, body: string): LoadedDocument {
  const symbol = file.split("/")[1]!.replace(/-/g, "/");
  const markdown = doc(symbol, "en", body);
  const bytes = new TextEncoder().encode(markdown);
  const split = splitFrontMatter(markdown);
  return {
    file,
    bytes,
    sha256: sha256(bytes),
    meta: FrontMatter.parse(split.meta),
    body: split.body,
    firstLine: 1,
  };
}
const docs = () =>
  FILES.map((f, i) => loaded(f, `1. The first paragraph of ${i}.\n\n2. The second paragraph of ${i}.\n`));
const joined = (pieces: Iterable<Uint8Array>) => Buffer.concat([...pieces].map((p) => Buffer.from(p)));

describe("a cached piece of paragraphs.jsonl that does not read back when it is written", () => {
  test.each([true, false])(
    "lazy %s: its document parsed again, the piece a cold parse's, the entry made anew",
    async (lazy) => {
      const store = new MemoryStore();
      const cold = await parseWithCache(docs(), { cache: store, threads: 1 });
      const expected = joined(cold.pieces());
      const sound = new Map([...store.entries].map(([k, e]) => [k, Uint8Array.from(e.bytes)]));
      const corpus = await parseWithCache(docs(), { cache: store, threads: 1, lazy });
      expect(corpus.stats).toEqual({ parsed: 0, cached: 2 });
      // After the read (lazy: its header alone; else whole), under the same stamp.
      store.damage(corpus.keys[1]!);
      expect(joined(corpus.pieces())).toEqual(expected);
      expect(Buffer.from(store.entries.get(corpus.keys[1]!)!.bytes)).toEqual(
        Buffer.from(sound.get(corpus.keys[1]!)!),
      );
      // Read again, the fresh piece: the entry is not read a second time.
      expect(joined(corpus.pieces())).toEqual(expected);
    },
  );

  test("when the document parsed again is not what the build stood on, the build fails naming the entry and --no-cache", async () => {
    const store = new MemoryStore();
    await parseWithCache(docs(), { cache: store, threads: 1 });
    // Its source no longer what its key says (what a parser that is not deterministic would give).
    const d = docs()[1]!;
    d.body = d.body.replace("second", "other");
    const again = await parseWithCache([docs()[0]!, d], { cache: store, threads: 1 });
    expect(again.stats).toEqual({ parsed: 0, cached: 2 });
    store.damage(again.keys[1]!);
    expect(() => joined(again.pieces())).toThrow(new RegExp(`${again.keys[1]}.*A-9-2/en.md.*--no-cache`));
  });
});

/** The last output's paragraphs.jsonl as `bytes`, its pieces where `placed` says, counting the reads. */
function lastOf(bytes: Uint8Array, placed: ReadonlyArray<[string, number]>): LastPieces & { reads: number } {
  const places = new Map<string, { at: number; bytes: number }>();
  let at = 0;
  for (const [key, n] of placed) {
    places.set(key, { at, bytes: n });
    at += n;
  }
  const last = {
    places,
    reads: 0,
    read: (pos: number, length: number) => {
      last.reads++;
      return bytes.slice(pos, pos + length);
    },
  };
  return last;
}

describe("the cached pieces copied from the last output's paragraphs.jsonl", () => {
  test("a run of cache hits standing together there is read from it at once, their entries not read again", async () => {
    const store = new MemoryStore();
    const cold = await parseWithCache(docs(), { cache: store, threads: 1 });
    const placed: Array<[string, number]> = [];
    const expected = joined(cold.pieces({ placed }));
    expect(placed.map(([k]) => k)).toEqual(cold.keys);
    expect(placed.reduce((n, [, b]) => n + b, 0)).toBe(expected.length);
    const corpus = await parseWithCache(docs(), { cache: store, threads: 1, lazy: true });
    // Every entry damaged under its stamp: read, none would give the piece the build stood on.
    for (const k of corpus.keys) store.damage(k);
    const last = lastOf(expected, placed);
    const again: Array<[string, number]> = [];
    expect(joined(corpus.pieces({ last, placed: again }))).toEqual(expected);
    expect(last.reads).toBe(1);
    expect(again).toEqual(placed);
  });

  test("a piece parsed afresh is its own; one the last file does not hold, or holds at another length, is read from its entry", async () => {
    const store = new MemoryStore();
    const before = await parseWithCache(docs(), { cache: store, threads: 1 });
    const placed: Array<[string, number]> = [];
    const lastBytes = joined(before.pieces({ placed }));
    // The first document changed: parsed afresh; the second a hit, copied.
    const changed = [loaded(FILES[0]!, "1. Another first paragraph.\n"), docs()[1]!];
    const coldCorpus = await parseWithCache(changed, { cache: null, threads: 1 });
    const expected = joined(coldCorpus.pieces());
    const inc = await parseWithCache(changed, { cache: store, threads: 1, lazy: true });
    expect(inc.stats).toEqual({ parsed: 1, cached: 1 });
    const last = lastOf(lastBytes, placed);
    expect(joined(inc.pieces({ last }))).toEqual(expected);
    expect(last.reads).toBe(1);
    // Its place of another length (a memo that does not fit): read from its entry, checked.
    const short = lastOf(lastBytes, [placed[0]!, [placed[1]![0], placed[1]![1] - 1]]);
    expect(joined(inc.pieces({ last: short }))).toEqual(expected);
    expect(short.reads).toBe(0);
  });
});
