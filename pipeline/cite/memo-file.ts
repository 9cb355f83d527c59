/**
 * The cite stage's memo (stage.ts) as the sections of a pack (pipeline/pack.ts) and its pieces
 * (pipeline/memo-pieces.ts), and back. The memo file holds the context. The documents are grouped
 * by a hash of their version key, each group two pieces: its entries, what every build reads of
 * each document (`heads`, JSON: keys and reads, the count, size and SHA-256 of its citations.jsonl
 * lines, its marks' SHA-256 and size, its references and targets) and its diagnostics (JSON, as
 * a table of flat records: memo-pieces.ts `flatTable`);
 * and what is read only when a file made from it is: its documents' lines in one byte section
 * (each line ending in a newline), with the list of its documents and their sizes, and its
 * citations' marks (stage.ts `CiteMark`), the bytes of one JSON array a document, one after the
 * other (`marks`).
 *
 * Decisions:
 * - After one change, the stage passes the entries of the documents it did not extract again on
 *   as the objects it read, and their lines are read from their piece only when citations.jsonl
 *   is made: a piece all of whose entries, or lines, are such is carried as it stands in the
 *   store (one change rewrites a group's two pieces; the entries kept apart in the memo file
 *   were 12 MB packed again on every build).
 *   At 200k paragraphs the lines are 24 MB of the memo's 36 MB; parsing them back into citations
 *   cost 0.5 s to decode and 0.8 s to parse on every build, where the stages after this one read
 *   seven fields of each (the marks, some 5 MB).
 * - A document's marks are read and decoded only when asked for (cited-by or the summary made,
 *   stage.ts), and a piece written again carries the marks of the documents it did not extract
 *   again as the bytes it read: at 200k paragraphs the marks are 5 MB of JSON, 52,000 marks a
 *   build decoded into some 200,000 objects for files a change to one document leaves as they
 *   were. What the stages after this one read on every build of a citation in the text (its
 *   paragraph and span) is kept in the heads, flat, as are the documents its citations target.
 *   The diagnostics stay in the entries, read with the memo: the build gathers every stage's.
 * - A piece read late is checked against the list the memo file gives (its documents, in order,
 *   and their sizes): a piece not the one listed throws PieceUnreadable, never gives another
 *   document's lines; so does a document's marks that do not decode as the heads say. Pure.
 */
import type { Diagnostic } from "../../schemas/index.ts";
import {
  flatTable,
  fromFlatTable,
  groupsByShard,
  joinBytes,
  type PieceIn,
  PieceOrigins,
  type PieceOut,
  PieceUnreadable,
} from "../memo-pieces.ts";

import type { Section } from "../pack.ts";
import type { CiteLines, CiteMark, CiteMemo, CiteMemoDoc, CiteRef } from "./stage.ts";

/** No bytes: the part of a document with none to give. */
const NO_BYTES = new Uint8Array(0);

/** The kind of pack a cite memo is, and its layout's version. */
export const CITE_MEMO = { kind: "acquis cite memo", version: "7" } as const;

/**
 * How many groups the documents are split into (two pieces each). Decision: 128, some 10 documents
 * a group at 200k paragraphs: a change to one document has its group's pieces, and those of the
 * few documents citing it, written again; with 32 groups that was 5 groups of 40 documents (5.7
 * MB packed, hashed and written on every build after one change). A memo grouped otherwise reads
 * back the same (the pieces are read in pairs, whatever their grouping); its pieces are then
 * written again once, as groups of this count.
 */
const PIECES = 128;

/** A citation's mark as kept: id, from, via, span start and end, target document, resolved, status. */
type MarkRow = [string, string, string, number, number, string, string | null, string];

/**
 * One document's heads: version key, content key, reads, line count, the lines' SHA-256 and
 * size in bytes, the marks' SHA-256 and the size of their JSON in bytes, its references flat
 * (paragraph, start, end, ...: `CiteRef`, all "text"), the documents its citations target, the
 * SHA-256 of its diagnostics' JSON (stage.ts `diagnosticsSumOf`; the diagnostics themselves stand
 * beside the heads, as that JSON).
 */
type Row = [
  string,
  string,
  Array<[string, string]>,
  number,
  string,
  number,
  string,
  number,
  Array<string | number>,
  string[],
  string,
];

/**
 * The JSON bytes of the marks of each document read back, by entry (read from its piece when first
 * called): carried as they are when the piece is written again (the entry is the very object
 * read, so these are its marks).
 */
const markBytes = new WeakMap<CiteMemoDoc, () => Uint8Array>();

const enc = new TextEncoder();
const dec = new TextDecoder();

/**
 * Where each document's entry and lines read back came from, to carry their pieces when nothing
 * in them changed.
 */
const entries = new PieceOrigins<CiteMemoDoc>();
const origins = new PieceOrigins<CiteLines>();

const markRow = (m: CiteMark): MarkRow => [
  m.id,
  m.from,
  m.via,
  m.span[0],
  m.span[1],
  m.target.doc,
  m.resolved,
  m.status,
];

/** The lines of a group of documents as one byte section (may read a carried piece). */
function joined(group: ReadonlyArray<[string, CiteMemoDoc]>): Uint8Array {
  return joinBytes(group.map(([, d]) => (d.lines.size ? d.lines.bytes : NO_BYTES)));
}

/** A document's marks as the JSON bytes kept: those read back as they were, others serialised. */
const marksJson = (d: CiteMemoDoc): Uint8Array =>
  markBytes.get(d)?.() ?? enc.encode(JSON.stringify(d.marks.map(markRow)));

/**
 * The memo as sections and pieces; `version` is the running code's (pieces carried only within
 * it). Reading a carried document's lines may throw PieceUnreadable (see the decisions above).
 */
export function citeMemoSections(
  m: CiteMemo,
  version: string,
): { sections: Record<string, Section>; pieces: PieceOut[] } {
  const pieces: PieceOut[] = [];
  for (const group of groupsByShard(m.docs, PIECES)) {
    const rows = entries.carried(
      group.map(([, d]) => d),
      version,
    );
    // The marks ride with the lines: that piece is carried only when every entry is too.
    const lines =
      rows &&
      origins.carried(
        group.map(([, d]) => d.lines),
        version,
      );
    const marks = rows && lines ? [] : group.map(([, d]) => marksJson(d));
    const heads = () => group.map(([key, d], i) => headOf(key, d, marks[i]!.length));
    const diagnostics = () => flatTable(group.map(([, d]) => d.diagnostics));
    pieces.push(
      rows
        ? { carried: rows }
        : { sections: { heads: { json: heads() }, diagnostics: { json: diagnostics() } } },
    );
    const list = group.map(([key, d]) => [key, d.lines.size]);
    pieces.push(
      lines
        ? { carried: lines }
        : { sections: { list: { json: list }, lines: joined(group), marks: joinBytes(marks) } },
    );
  }
  return { sections: { meta: { json: { context: m.context } } }, pieces };
}

const headOf = (key: string, d: CiteMemoDoc, marksSize: number): Row => {
  const l = d.lines;
  const refs = d.refs.flatMap((r) => [r.from, r.span[0], r.span[1]]);
  return [
    key,
    d.key,
    d.reads,
    l.count,
    l.sum,
    l.size,
    d.markSum,
    marksSize,
    refs,
    d.targets,
    d.diagnosticsSum,
  ];
};

/** Whether a value read back is a row of this layout (shapes only: the pack's checksum vouches for the rest). */
function isRow(r: unknown): r is Row {
  if (!Array.isArray(r) || r.length !== 11) return false;
  const [key, content, reads, count, sum, size, markSum, marksSize, refs, targets, diagnosticsSum] = r;
  return (
    typeof key === "string" &&
    typeof content === "string" &&
    Array.isArray(reads) &&
    Number.isInteger(count) &&
    typeof sum === "string" &&
    Number.isInteger(size) &&
    typeof markSum === "string" &&
    Number.isInteger(marksSize) &&
    Array.isArray(refs) &&
    refs.length % 3 === 0 &&
    Array.isArray(targets) &&
    typeof diagnosticsSum === "string"
  );
}

/** A document's references from their flat form (paragraph, start, end, ...). */
function refsOf(flat: ReadonlyArray<string | number>): CiteRef[] {
  const out: CiteRef[] = [];
  for (let i = 0; i < flat.length; i += 3)
    out.push({ from: flat[i] as string, via: "text", span: [flat[i + 1] as number, flat[i + 2] as number] });
  return out;
}

/**
 * A document's marks decoded from their bytes, `count` of them; a piece whose bytes do not decode
 * as that many marks is not the one listed (see the decisions above).
 */
function marksOf(bytes: Uint8Array, count: number, piece: string): CiteMark[] {
  let rows: unknown;
  try {
    rows = JSON.parse(dec.decode(bytes));
  } catch {
    throw new PieceUnreadable(piece);
  }
  if (!Array.isArray(rows) || rows.length !== count || !rows.every((m) => Array.isArray(m) && m.length === 8))
    throw new PieceUnreadable(piece);
  return (rows as MarkRow[]).map(markOfRow);
}

const markOfRow = ([id, from, via, start, end, doc, resolved, status]: MarkRow): CiteMark => ({
  id,
  from,
  via: via as CiteMark["via"],
  span: [start, end],
  target: { doc },
  resolved,
  status: status as CiteMark["status"],
});

/** The memo back from its sections and pieces, or null when they are not one. */
export function citeMemoFromSections(
  s: Record<string, Section>,
  pieces: readonly PieceIn[],
  version: string,
): CiteMemo | null {
  const meta = (s.meta as { json?: { context?: unknown } } | undefined)?.json;
  if (!meta || typeof meta.context !== "string" || pieces.length % 2 !== 0) return null;
  const docs = new Map<string, CiteMemoDoc>();
  for (let k = 0; k < pieces.length; k += 2) {
    // The heads are all needed (the stage checks each document's key and reads): read now; the
    // lines and marks when a document's are first asked for.
    const entryPiece = pieces[k]!;
    const piece = pieces[k + 1]!;
    const es = entryPiece.sections();
    const rows = (es.heads as { json?: unknown } | undefined)?.json;
    const diags = fromFlatTable((es.diagnostics as { json?: unknown } | undefined)?.json);
    if (!Array.isArray(rows) || !rows.every(isRow) || !diags || diags.length !== rows.length) return null;
    const total = rows.reduce((n, r) => n + r[5], 0);
    const marksTotal = rows.reduce((n, r) => n + r[7], 0);
    // The piece's lines and marks, read once when a document's are first asked for, and checked
    // against the entries (a piece not the one listed is unreadable, never used).
    let blobs: { lines: Uint8Array; marks: Uint8Array } | null = null;
    const read = () => {
      if (blobs) return blobs;
      const sections = piece.sections();
      const list = (sections.list as { json?: unknown } | undefined)?.json;
      const b = sections.lines;
      const m = sections.marks;
      const same =
        Array.isArray(list) &&
        list.length === rows.length &&
        rows.every((r, i) => {
          const l = list[i] as unknown[];
          return Array.isArray(l) && l[0] === r[0] && l[1] === r[5];
        });
      if (!(b instanceof Uint8Array) || b.length !== total || !same) throw new PieceUnreadable(piece.name);
      if (!(m instanceof Uint8Array) || m.length !== marksTotal) throw new PieceUnreadable(piece.name);
      blobs = { lines: b, marks: m };
      return blobs;
    };
    let at = 0;
    let markAt = 0;
    rows.forEach(
      ([key, content, reads, count, sum, size, markSum, marksSize, refs, targets, diagnosticsSum], slot) => {
        const start = at;
        const markStart = markAt;
        const ownMarks = () => read().marks.subarray(markStart, markStart + marksSize);
        let marks: CiteMark[] | null = null;
        const own: CiteLines = {
          count,
          size,
          sum,
          get bytes() {
            return read().lines.subarray(start, start + size);
          },
        };
        origins.note(own, piece.name, slot, version, rows.length, rows.length);
        const entry: CiteMemoDoc = {
          key: content,
          reads,
          get marks() {
            marks ??= marksOf(ownMarks(), count, piece.name);
            return marks;
          },
          markSum,
          refs: refsOf(refs),
          targets,
          lines: own,
          diagnostics: diags[slot] as unknown as Diagnostic[],
          diagnosticsSum,
        };
        entries.note(entry, entryPiece.name, slot, version, rows.length, rows.length);
        markBytes.set(entry, ownMarks);
        docs.set(key, entry);
        at += size;
        markAt += marksSize;
      },
    );
  }
  return { context: meta.context, docs };
}
