/**
 * Reading the corpus with the stamps the last build kept (pipeline/build/read.ts, load/memo.ts):
 * a document whose stamp has not moved is not read, its hash taken from the memo; any other is
 * read and hashed. Files live in memory here, with stamps the test sets, so the rows can show the
 * cases a disk makes hard to stage: an edit within the clock's tick of the listing, a time set back.
 */
import { describe, expect, test } from "vitest";
import { type ListedCorpusFile, readCorpus } from "../../pipeline/build/read.ts";
import type { SourceStamp } from "../../pipeline/host.ts";
import type { LoadMemo } from "../../pipeline/load/memo.ts";
import { doc, registry } from "./helpers.ts";

type File = ListedCorpusFile & { text: string };

const enc = new TextEncoder();
const stamp = (over: Partial<SourceStamp> = {}): SourceStamp => ({
  ino: "7",
  size: 100,
  mtimeNs: "1000",
  ctimeNs: "1000",
  ...over,
});

/** A corpus of one document and the registry; `over` changes the document's file. */
function corpus(over: Partial<File> = {}): File[] {
  return [
    { rel: "registry.yaml", size: 1, text: registry(["A/1/1"]), stamp: stamp({ ino: "1" }) },
    { rel: "A-1-1/en.md", size: 1, text: doc("A/1/1", "en", "1. States agreed.\n"), stamp: stamp(), ...over },
  ];
}

/** Read `files` as the runner does; returns what was read, and which files were asked for. */
function readAll(files: File[], known: LoadMemo | null, clock: bigint | null) {
  const asked: string[] = [];
  const read = readCorpus(
    {
      path: "corpus",
      files,
      read: (f) => {
        asked.push(f.rel);
        return enc.encode(f.text);
      },
      clock,
    },
    1 << 20,
    known,
  );
  return { read, asked };
}

describe("a document whose stamp has not moved is not read", () => {
  test("its hash and front matter come from the memo; its bytes are read when asked for, and checked", () => {
    const first = readAll(corpus(), null, 5000n);
    expect(first.asked).toContain("A-1-1/en.md");
    const sha = first.read.documents[0]!.sha256;
    expect(first.read.memo.stamps.get("corpus/A-1-1/en.md")).toEqual({ stamp: stamp(), sha256: sha });

    const again = readAll(corpus(), first.read.memo, 6000n);
    expect(again.asked).toEqual(["registry.yaml"]);
    expect(again.read.documents.map((d) => [d.sha256, d.meta.symbol])).toEqual([[sha, "A/1/1"]]);
    expect(again.read.memo.stamps.get("corpus/A-1-1/en.md")?.sha256).toBe(sha);
    // The parser's miss reads the bytes then, and they must be the ones the hash names.
    expect(new TextDecoder().decode(again.read.documents[0]!.bytes)).toBe(corpus()[1]!.text);
    expect(again.asked).toEqual(["registry.yaml", "A-1-1/en.md"]);

    // Edited after the listing, before the parser asked: the build fails, it never parses other text.
    const edited = readAll(
      corpus({ text: doc("A/1/1", "en", "1. States disagreed.\n") }),
      first.read.memo,
      6000n,
    );
    expect(() => edited.read.documents[0]!.bytes).toThrow(/changed while the build was reading/);
  });

  test.each([
    // Each row: the stamp listed now, beside the one kept (ino 7, size 100, both times 1000).
    {
      name: "its content rewritten in place (modification time moved)",
      now: stamp({ mtimeNs: "2000", ctimeNs: "2000" }),
    },
    { name: "edited, then its modification time set back by hand", now: stamp({ ctimeNs: "2000" }) },
    { name: "replaced by another file (another inode)", now: stamp({ ino: "8" }) },
    { name: "grown", now: stamp({ size: 101 }) },
  ])("a document $name is read and hashed again", ({ now }) => {
    const first = readAll(corpus(), null, 5000n);
    const text = doc("A/1/1", "en", "1. States agreed anew.\n");
    const again = readAll(corpus({ stamp: now, text }), first.read.memo, 6000n);
    expect(again.asked).toContain("A-1-1/en.md");
    expect(again.read.documents[0]!.sha256).not.toBe(first.read.documents[0]!.sha256);
  });

  test.each([
    // The "racy" case: stamped within the clock's tick of the listing, an edit could keep the stamp.
    { name: "modified at the clock's time", clock: 1000n },
    { name: "its status changed after the clock", clock: 1500n, over: { ctimeNs: "1600" } },
    { name: "listed with no clock to compare (a read-only cache)", clock: null },
  ])("a stamp is not kept when the file was $name", ({ clock, over }) => {
    const first = readAll(corpus({ stamp: stamp(over) }), null, clock);
    expect(first.read.memo.stamps.size).toBe(0);
    // So the next build reads it, even though its stamp did not move.
    const again = readAll(corpus({ stamp: stamp(over) }), first.read.memo, 9000n);
    expect(again.asked).toContain("A-1-1/en.md");
  });

  test("a file listed without a stamp is read, and no stamp is kept for it", () => {
    const first = readAll(corpus({ stamp: undefined }), null, 5000n);
    expect(first.asked).toContain("A-1-1/en.md");
    expect(first.read.memo.stamps.size).toBe(0);
  });
});
