/**
 * documents.json made from the last output's: the record of a document of the same file and bytes
 * is copied from the last file (runs of them as one range), the others made, and the file is the
 * one made whole; the last file is taken only as the output memo recorded it. And the digest of
 * what the diagnostics were sorted from, diagnostics.json's source.
 */
import { createHash } from "node:crypto";
import { describe, expect, test } from "vitest";
import { build } from "../../pipeline/build/index.ts";
import type { OutputMemo } from "../../pipeline/build/memos.ts";
import {
  dataFiles,
  diagnosticsSource,
  type LastDocuments,
  lastDocuments,
  lastParagraphs,
  recordsSource,
  type ValidRecords,
} from "../../pipeline/build/write.ts";
import type { FileStamp, RangeFile } from "../../pipeline/host.ts";
import { buildReport, summarise } from "../../pipeline/report.ts";
import { type Diagnostic, type DocumentRecord, SCHEMA_VERSION } from "../../schemas/index.ts";
import { doc, makeRepo, registry } from "./helpers.ts";

const SYMBOLS = ["A/1/1", "A/2/2", "A/3/3", "A/4/4"];

async function records(): Promise<DocumentRecord[]> {
  const files: Record<string, string> = { "corpus/registry.yaml": registry(SYMBOLS) };
  for (const s of SYMBOLS)
    files[`corpus/${s.replaceAll("/", "-")}/en.md`] = doc(
      s,
      "en",
      `1. The text of ${s}.\n\n2. More of it.\n`,
    );
  const { documents } = await build({ root: makeRepo(files), out: null, cache: "off" });
  expect(documents).toHaveLength(SYMBOLS.length);
  return documents;
}

/** documents.json's chunks as dataFiles makes them, and where each record stands. */
function made(documents: DocumentRecord[], last: LastDocuments | null = null, valid?: ValidRecords) {
  const d = dataFiles(
    {
      documents,
      paragraphPieces: [],
      paragraphCount: 0,
      analysed: { workingPapers: [], stages: null, diagnostics: [] },
      diagnostics: [],
      summary: summarise([], { documents: 0, built: 0, paragraphs: 0 }),
    },
    valid ?? { known: new Set(), validated: new Set() },
    last,
  );
  const f = d.files.find((x) => x.path === "documents.json")!;
  const chunks = [...(typeof f.chunks === "function" ? f.chunks() : f.chunks)];
  const bytes = Buffer.concat(chunks.map((c) => (typeof c === "string" ? Buffer.from(c) : c)));
  return { chunks, bytes, places: [...d.places] };
}

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

/** An output memo of a folder holding `bytes` as documents.json, and where its records stand. */
function memoOf(bytes: Uint8Array, places: OutputMemo["documents"]): OutputMemo {
  return {
    dir: "/out",
    version: "v1",
    files: [
      { path: "documents.json", sha256: sha(bytes), stamp: { ino: "1", size: bytes.length, mtimeNs: "1" } },
    ],
    documents: places,
  };
}

describe("documents.json from the last output's", () => {
  test("the records of the same files and bytes are copied as one range; the file is the one made whole", async () => {
    const documents = await records();
    const first = made(documents);
    expect(first.chunks.every((c) => typeof c === "string")).toBe(true);
    expect(first.places.map((p) => p.file)).toEqual(documents.map((d) => d.file));
    const last = lastDocuments(memoOf(first.bytes, first.places), "/out", "v1", () => first.bytes);
    expect(last).not.toBeNull();
    const valid = { known: new Set<string>(), validated: new Set<string>() };
    const again = made(documents, last, valid);
    expect(again.bytes.equals(first.bytes)).toBe(true);
    // The head, every record in one range of the last file, the tail: nothing serialised.
    expect(again.chunks.filter((c) => typeof c !== "string")).toHaveLength(1);
    expect(again.chunks.filter((c) => typeof c === "string")).toEqual([expect.stringMatching(/^\{/), "]}\n"]);
    expect(again.places).toEqual(first.places);
    // Known valid for the next build, as when they were made.
    expect(valid.validated).toEqual(new Set(first.places.map((p) => p.sum)));
  });

  test("a record of other bytes (its hash moved) is made, the others copied around it", async () => {
    const documents = await records();
    const first = made(documents);
    const last = lastDocuments(memoOf(first.bytes, first.places), "/out", "v1", () => first.bytes);
    const changed = documents.map((d, i) =>
      i === 1 ? { ...d, hash: "f".repeat(64), title: "Retitled" } : d,
    );
    const cold = made(changed);
    const inc = made(changed, last);
    expect(inc.bytes.equals(cold.bytes)).toBe(true);
    expect(inc.places).toEqual(cold.places);
    // The first record, then the made one, then the last two in one range.
    expect(inc.chunks.filter((c) => typeof c !== "string")).toHaveLength(2);
    expect(inc.chunks.some((c) => typeof c === "string" && c.includes("Retitled"))).toBe(true);
    // Reordered: each record still found by its file and hash, the file as made whole.
    const reordered = [documents[3]!, documents[0]!, documents[2]!, documents[1]!];
    expect(made(reordered, last).bytes.equals(made(reordered).bytes)).toBe(true);
  });

  test("the last file is taken only as the memo recorded it: other bytes, code, folder or places, and none is", async () => {
    const documents = await records();
    const first = made(documents);
    const memo = memoOf(first.bytes, first.places);
    const read = () => first.bytes;
    expect(lastDocuments(memo, "/out", "v1", read)).not.toBeNull();
    // Edited by hand, the same size: its SHA-256 is not the recorded one.
    const edited = Buffer.from(first.bytes);
    const title = edited.indexOf("A test report", first.places[2]!.at);
    expect(title).toBeGreaterThan(first.places[2]!.at);
    edited[title] = "a".charCodeAt(0);
    expect(lastDocuments(memo, "/out", "v1", () => edited)).toBeNull();
    // Its stamp the one recorded: the bytes are taken unhashed. Moved (edited since), they are
    // hashed: the same bytes taken, others not.
    const recorded = memo.files[0]!.stamp;
    expect(
      lastDocuments(
        memo,
        "/out",
        "v1",
        () => edited,
        () => recorded,
      )?.bytes,
    ).toBe(edited);
    const stampMoved = () => ({ ...recorded, mtimeNs: "2" });
    expect(lastDocuments(memo, "/out", "v1", () => edited, stampMoved)).toBeNull();
    expect(
      lastDocuments(
        memo,
        "/out",
        "v1",
        () => edited,
        () => null,
      ),
    ).toBeNull();
    expect(lastDocuments(memo, "/out", "v1", read, stampMoved)).not.toBeNull();
    // Cut short or grown, whatever its stamp says: hashed.
    expect(
      lastDocuments(
        memo,
        "/out",
        "v1",
        () => edited.subarray(1),
        () => recorded,
      ),
    ).toBeNull();
    expect(lastDocuments(memo, "/out", "v2", read)).toBeNull();
    expect(lastDocuments(memo, "/elsewhere", "v1", read)).toBeNull();
    expect(lastDocuments(memo, "/out", "v1", () => null)).toBeNull();
    expect(lastDocuments({ ...memo, documents: undefined }, "/out", "v1", read)).toBeNull();
    const places = first.places;
    const moved = (i: number, at: number) => places.map((p, j) => (j === i ? { ...p, at } : p));
    expect(
      lastDocuments(memoOf(first.bytes, moved(2, first.bytes.length - 2)), "/out", "v1", read),
    ).toBeNull();
    expect(lastDocuments(memoOf(first.bytes, moved(2, places[2]!.at + 1)), "/out", "v1", read)).toBeNull();
  });
});

describe("diagnostics.json's source from the parts of its diagnostics", () => {
  const one: Diagnostic = {
    level: "warning",
    code: "cite/unknown-paragraph",
    file: "corpus/A-1-1/en.md",
    line: 3,
    column: 1,
    message: "A/1/1 has no paragraph 9",
  };
  const other: Diagnostic = { ...one, message: "A/1/1 has no paragraph 8" };

  test("the same parts in the same order, the same digest; a diagnostic, the order or a stage's digest moved, another", () => {
    const base = diagnosticsSource([[one], "ab12", [other]]);
    expect(diagnosticsSource([[{ ...one }], "ab12", [{ ...other }]])).toBe(base);
    const moved = [
      diagnosticsSource([[other], "ab12", [other]]),
      diagnosticsSource([[other], "ab12", [one]]),
      diagnosticsSource([[one], "ab13", [other]]),
      diagnosticsSource([[one, other], "ab12", []]),
      // A part that is a digest is never taken for diagnostics, nor the other way round.
      diagnosticsSource([[one], [], [other]]),
      diagnosticsSource([[one], JSON.stringify([]), [other]]),
    ];
    expect(new Set([base, ...moved]).size).toBe(moved.length + 1);
  });

  test("the writer's source of diagnostics.json is made of the digest when given, the diagnostics alone not", () => {
    const summary = summarise([one], { documents: 1, built: 1, paragraphs: 2 });
    const report = (diagnosticsMade?: string) =>
      dataFiles({
        documents: [],
        paragraphPieces: [],
        paragraphCount: 0,
        analysed: { workingPapers: [], stages: null, diagnostics: [] },
        diagnostics: [one],
        ...(diagnosticsMade === undefined ? {} : { diagnosticsMade }),
        summary,
      }).files.find((f) => f.path === "diagnostics.json")!.source;
    expect(report("a")).toBe(report("a"));
    expect(new Set([report("a"), report("b"), report()]).size).toBe(3);
  });

  test("diagnostics.json and the manifest are made in parts, their bytes those of the whole JSON", () => {
    const many = Array.from({ length: 3000 }, (_, i) => ({
      ...one,
      line: i + 1,
      message: `条 ${i} \u{1F600}`,
    }));
    const summary = summarise(many, { documents: 1, built: 1, paragraphs: 2 });
    const data = dataFiles({
      documents: [],
      paragraphPieces: [],
      paragraphCount: 0,
      analysed: { workingPapers: [], stages: null, diagnostics: [] },
      diagnostics: many,
      summary,
    });
    const chunksOf = (f: { chunks: unknown }) =>
      [...(typeof f.chunks === "function" ? f.chunks() : f.chunks)] as string[];
    const file = chunksOf(data.files.find((f) => f.path === "diagnostics.json")!);
    const whole = `${JSON.stringify(buildReport(many, summary))}\n`;
    expect(file.length).toBeGreaterThan(10);
    expect(Math.max(...file.map((c) => c.length))).toBeLessThan(whole.length / 5);
    expect(file.join("")).toBe(whole);
    const written = many.map((_, i) => ({
      path: `f${i}.json`,
      schemaVersion: 1,
      records: null,
      bytes: i,
      sha256: "0".repeat(64),
    }));
    const [manifest] = data.finish(written);
    const parts = chunksOf(manifest!);
    expect(parts.length).toBeGreaterThan(10);
    expect(Math.max(...parts.map((c) => c.length))).toBeLessThan(parts.join("").length / 5);
    expect(JSON.parse(parts.join(""))).toEqual({ schemaVersion: SCHEMA_VERSION, files: written });
    expect(parts.at(-1)).toBe("\n");
  });
});

describe("reuse.jsonl's source from the records' bytes where held", () => {
  const enc = new TextEncoder();
  const records = Array.from({ length: 2500 }, (_, i) => ({
    from: `A/${i}/1-zh-${i}`,
    to: `B/${i}/2-zh-${i}`,
    kind: i % 3 ? "verbatim" : "paraphrase",
    score: i / 7,
    spans: [[0, i % 17]],
    diff: [{ op: "eq", text: `条 ${i} \u{1F600}` }],
  }));
  // What sourceOf hashes: the path, the contract version and the records' JSON.
  const expected = (list: readonly unknown[]) =>
    createHash("sha256")
      .update(`reuse.jsonl\n${SCHEMA_VERSION}\n${JSON.stringify(list)}`)
      .digest("hex");
  const held = new Map(records.filter((_, i) => i % 5 !== 2).map((r) => [r, enc.encode(JSON.stringify(r))]));

  test("the same digest as the records serialised, whichever records are held as bytes", () => {
    expect(recordsSource("reuse.jsonl", records, () => undefined)).toBe(expected(records));
    expect(recordsSource("reuse.jsonl", records, (r) => held.get(r))).toBe(expected(records));
    expect(recordsSource("reuse.jsonl", records, (r) => enc.encode(JSON.stringify(r)))).toBe(
      expected(records),
    );
    expect(recordsSource("reuse.jsonl", [], () => undefined)).toBe(expected([]));
  });

  test("bytes that are not the record's JSON give another digest; so do other records", () => {
    const wrong = new Map(held);
    const r = records[100]!;
    wrong.set(r, enc.encode(JSON.stringify({ ...r, score: r.score + 1 })));
    expect(recordsSource("reuse.jsonl", records, (x) => wrong.get(x))).not.toBe(expected(records));
    const fewer = records.slice(1);
    expect(recordsSource("reuse.jsonl", fewer, (x) => held.get(x))).toBe(expected(fewer));
    expect(expected(fewer)).not.toBe(expected(records));
  });
});

describe("the last output's paragraphs.jsonl, whose pieces are copied", () => {
  const bytes = Buffer.from('{"a":1}\n{"b":2}\n{"c":3}\n');
  const stamp: FileStamp = { ino: "7", size: bytes.length, mtimeNs: "100" };
  const memo = (over: Partial<OutputMemo> = {}): OutputMemo => ({
    dir: "/out",
    version: "v1",
    files: [{ path: "paragraphs.jsonl", sha256: sha(bytes), stamp }],
    paragraphs: [
      ["k1", 16],
      ["k2", 8],
    ],
    ...over,
  });
  /** The file as opened now, with the stamp it has now; `closed` counts the closes. */
  let closed = 0;
  const open =
    (now: FileStamp = stamp, file: Uint8Array = bytes) =>
    (abs: string): RangeFile | undefined => {
      expect(abs).toBe("/out/paragraphs.jsonl");
      return {
        size: file.length,
        stamp: now,
        read: (position, into) => {
          if (position + into.length > file.length) return false;
          into.set(file.subarray(position, position + into.length));
          return true;
        },
        close: () => {
          closed++;
        },
      };
    };

  test("where each key's piece stands, its bytes read by range", () => {
    const last = lastParagraphs(memo(), "/out", "v1", open())!;
    expect([...last.places]).toEqual([
      ["k1", { at: 0, bytes: 16 }],
      ["k2", { at: 16, bytes: 8 }],
    ]);
    expect(Buffer.from(last.read(16, 8)).toString()).toBe('{"c":3}\n');
    expect(Buffer.from(last.read(0, 16)).toString()).toBe('{"a":1}\n{"b":2}\n');
    // Cut short since the memo: a read past its end throws, never gives other bytes.
    const cut = lastParagraphs(memo(), "/out", "v1", open(stamp, bytes.subarray(0, 20)))!;
    expect(() => cut.read(16, 8)).toThrow(/shorter/);
  });

  test("taken only as the memo recorded it: another stamp, code or folder, places that do not add up to the file, and none is", () => {
    expect(lastParagraphs(memo(), "/out", "v1", open())).not.toBeNull();
    closed = 0;
    // Edited since the last build wrote it (its modification time moved), or replaced (another inode).
    expect(lastParagraphs(memo(), "/out", "v1", open({ ...stamp, mtimeNs: "101" }))).toBeNull();
    expect(lastParagraphs(memo(), "/out", "v1", open({ ...stamp, ino: "8" }))).toBeNull();
    expect(closed).toBe(2);
    expect(lastParagraphs(memo(), "/out", "v2", open())).toBeNull();
    expect(lastParagraphs(memo(), "/elsewhere", "v1", () => undefined)).toBeNull();
    expect(lastParagraphs(memo({ paragraphs: [["k1", 16]] }), "/out", "v1", open())).toBeNull();
    expect(
      lastParagraphs(
        memo({ paragraphs: [["k1", 16], ["k2", 8.5] as [string, number]] }),
        "/out",
        "v1",
        open(),
      ),
    ).toBeNull();
    expect(lastParagraphs(memo({ paragraphs: undefined }), "/out", "v1", open())).toBeNull();
    expect(lastParagraphs(memo({ files: [] }), "/out", "v1", open())).toBeNull();
    expect(lastParagraphs(null, "/out", "v1", open())).toBeNull();
    expect(lastParagraphs(memo(), "/out", "v1", () => undefined)).toBeNull();
  });
});
