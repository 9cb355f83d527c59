/**
 * The cite memo as pieces (pipeline/cite/memo-file.ts): read back, an entry gives what every build
 * reads (keys, reads, references, targets, diagnostics) from its entries' piece alone; its marks
 * and lines are read from the other piece only when asked for, and a piece written again carries
 * the marks it did not decode as the bytes a cold memo would write.
 */
import { describe, expect, test } from "vitest";
import { citeMemoFromSections, citeMemoSections } from "../../pipeline/cite/memo-file.ts";
import {
  type CiteInput,
  type CiteMemo,
  type CiteRef,
  citeStageMemo,
  diagnosticsSumOf,
} from "../../pipeline/cite/stage.ts";
import { type PieceIn, type PieceOut, PieceUnreadable } from "../../pipeline/memo-pieces.ts";
import { packSummed, type Section, unpack } from "../../pipeline/pack.ts";
import { fixture, loadRegistry, merge, seed } from "./helpers.ts";

const VERSION = "test";
const KIND = "acquis memo piece";

function input(): CiteInput {
  const corpus = merge(seed(), fixture("en-report"), fixture("en-cited"), fixture("zh-notes"));
  return { ...corpus, registry: loadRegistry() };
}

/** A piece as written: its name (its checksum) and its bytes. */
interface Stored {
  name: string;
  bytes: Uint8Array;
}

/** Write a memo's pieces as the runner would (carried ones from `store`), naming each by its checksum. */
function write(
  m: CiteMemo,
  store: ReadonlyMap<string, Uint8Array>,
): { meta: Record<string, Section>; pieces: Stored[] } {
  const split = citeMemoSections(m, VERSION);
  const pieces = split.pieces.map((p: PieceOut): Stored => {
    if ("carried" in p) return { name: p.carried, bytes: store.get(p.carried)! };
    const packed = packSummed(KIND, VERSION, p.sections);
    return { name: packed.sha256, bytes: Buffer.concat(packed.chunks) };
  });
  return { meta: split.sections, pieces };
}

/** Read a memo back, each piece when first asked for; `opened` records which were. */
function read(
  written: { meta: Record<string, Section>; pieces: Stored[] },
  opened: Set<string>,
  bytesOf: (p: Stored) => Uint8Array = (p) => p.bytes,
): CiteMemo {
  const pieces: PieceIn[] = written.pieces.map((p) => ({
    name: p.name,
    sections: () => {
      opened.add(p.name);
      const s = unpack(bytesOf(p), KIND, VERSION, true);
      if (!s) throw new PieceUnreadable(p.name);
      return s;
    },
  }));
  const m = citeMemoFromSections(written.meta, pieces, VERSION);
  if (!m) throw new Error("the memo did not read back");
  return m;
}

const refs = (rs: readonly CiteRef[]) => rs.map((r) => [r.from, r.via, r.span[0], r.span[1]]);

describe("the cite memo's pieces", () => {
  const cold = citeStageMemo(input(), null);
  const written = write(cold.memo, new Map());
  /** The pieces of marks and lines: the second of each group's two. */
  const later = written.pieces.filter((_, i) => i % 2 === 1).map((p) => p.name);

  test("read back, an entry gives its keys, reads, references, targets and diagnostics without its marks' piece", () => {
    const opened = new Set<string>();
    const back = read(written, opened);
    expect([...back.docs.keys()].sort()).toEqual([...cold.memo.docs.keys()].sort());
    for (const [key, d] of cold.memo.docs) {
      const b = back.docs.get(key)!;
      expect([b.key, b.reads, b.markSum, b.targets, b.diagnostics, b.diagnosticsSum]).toEqual([
        d.key,
        d.reads,
        d.markSum,
        d.targets,
        d.diagnostics,
        d.diagnosticsSum,
      ]);
      // The sum read back is that of the diagnostics read back.
      expect(b.diagnosticsSum).toBe(diagnosticsSumOf(b.diagnostics));
      expect(refs(b.refs)).toEqual(refs(d.marks.filter((m) => m.via === "text")));
      expect(b.targets).toEqual([...new Set(d.marks.map((m) => m.target.doc))].sort());
    }
    expect(later.filter((n) => opened.has(n))).toEqual([]);
    // Asked for, the marks are the cold run's.
    for (const [key, d] of cold.memo.docs) expect(back.docs.get(key)!.marks).toEqual(d.marks);
    expect(later.every((n) => opened.has(n))).toBe(true);
  });

  test("a run from the memo read back gives the cold run's output, its marks read only when cited-by is made", () => {
    const opened = new Set<string>();
    const again = citeStageMemo(input(), read(written, opened));
    expect([again.mode, again.redone]).toEqual(["incremental", 0]);
    expect(refs(again.cited.references)).toEqual(refs(cold.cited.references));
    expect(again.cited.made).toEqual(cold.cited.made);
    expect(again.cited.diagnostics).toEqual(cold.cited.diagnostics);
    expect(later.filter((n) => opened.has(n))).toEqual([]);
    expect(again.cited.citedBy).toEqual(cold.cited.citedBy);
    expect(again.cited.summary).toEqual(cold.cited.summary);
    expect(again.cited.marks).toEqual(cold.cited.marks);
  });

  test("pieces written again around marks never decoded are the pieces a cold memo writes", () => {
    const store = new Map(written.pieces.map((p) => [p.name, p.bytes]));
    const back = read(written, new Set());
    // One document made anew (an equal entry, not the object read): its group's pieces are
    // written again, the other documents' marks carried as the bytes read.
    const [key, d] = [...back.docs].find(([, e]) => e.refs.length > 0)!;
    const docs = new Map(back.docs);
    docs.set(key, {
      key: d.key,
      reads: d.reads,
      marks: cold.memo.docs.get(key)!.marks,
      markSum: d.markSum,
      refs: d.refs,
      targets: d.targets,
      lines: cold.memo.docs.get(key)!.lines,
      diagnostics: d.diagnostics,
      diagnosticsSum: d.diagnosticsSum,
    });
    const split = citeMemoSections({ context: back.context, docs }, VERSION);
    const fresh = split.pieces.filter((p) => !("carried" in p));
    expect(fresh.length).toBe(2);
    const again = write({ context: back.context, docs }, store);
    expect(again.pieces.map((p) => p.name)).toEqual(written.pieces.map((p) => p.name));
  });

  test("marks that do not decode as their entry says make the piece unreadable, never other marks", () => {
    // The marks' bytes changed in place (same length), the piece still vouched for: the entries
    // read, the marks asked for throw.
    const spoil = (p: Stored) => {
      if (!later.includes(p.name)) return p.bytes;
      const s = unpack(p.bytes, KIND, VERSION, true)!;
      const marks = new Uint8Array(s.marks as Uint8Array).fill(0x20);
      return Buffer.concat(packSummed(KIND, VERSION, { ...s, marks }).chunks);
    };
    const back = read(written, new Set(), spoil);
    const citing = [...back.docs.values()].find((d) => d.lines.count > 0)!;
    expect(citing.refs.length + citing.targets.length).toBeGreaterThan(0);
    expect(() => citing.marks).toThrow(PieceUnreadable);
    const again = citeStageMemo(input(), back);
    expect(again.cited.made).toEqual(cold.cited.made);
    expect(() => again.cited.citedBy).toThrow(PieceUnreadable);
  });
});

describe("the cite memo's grouping", () => {
  /** A memo of `n` documents citing nothing, as a stage would keep it. */
  function memoOf(n: number): CiteMemo {
    const docs = new Map<string, CiteMemo["docs"] extends Map<string, infer D> ? D : never>();
    for (let i = 0; i < n; i++) {
      docs.set(`A/${i}/1\u0000en`, {
        key: `doc-${i}.md\n${i}`,
        reads: [],
        marks: [],
        markSum: "m",
        refs: [],
        targets: [],
        lines: { count: 0, size: 0, sum: `s${i}`, bytes: new Uint8Array(0) },
        diagnostics: [],
        diagnosticsSum: diagnosticsSumOf([]),
      });
    }
    return { context: "c", docs };
  }

  test("one document of 1,000 made anew has its group written again: under 2% of the documents", () => {
    const written = write(memoOf(1000), new Map());
    const store = new Map(written.pieces.map((p) => [p.name, p.bytes]));
    const back = read(written, new Set());
    const docs = new Map(back.docs);
    const [key, d] = [...docs][500]!;
    docs.set(key, { ...d, marks: [], lines: { ...d.lines, bytes: d.lines.bytes } });
    const split = citeMemoSections({ context: back.context, docs }, VERSION);
    const fresh = split.pieces.flatMap((p) => ("carried" in p ? [] : [p.sections]));
    expect(fresh.length).toBe(2);
    const rows = (fresh[0]!.heads as { json: unknown[] }).json;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(20);
    // The pieces written again are those a cold memo writes.
    expect(write({ context: back.context, docs }, store).pieces.map((p) => p.name)).toEqual(
      written.pieces.map((p) => p.name),
    );
  });
});
