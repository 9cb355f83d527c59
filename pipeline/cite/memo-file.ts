/**
 * The cite stage's memo (stage.ts) as the sections of a pack (pipeline/pack.ts) and its pieces
 * (pipeline/memo-pieces.ts), and back. The memo file holds the context. The documents are grouped
 * by a hash of their version key, each group two pieces: its entries (what the stage and the
 * stages after it read of each document: keys and reads, diagnostics, its citations' marks
 * (stage.ts `CiteMark`) and their SHA-256, and the count, size and SHA-256 of its citations.jsonl
 * lines), as JSON;
 * and its documents' lines in one byte section (each line ending in a newline), with the list of
 * its documents and their sizes.
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
 * - A piece read late is checked against the list the memo file gives (its documents, in order,
 *   and their sizes): a piece not the one listed throws PieceUnreadable, never gives another
 *   document's lines. Pure.
 */
import type { Diagnostic } from "../../schemas/index.ts";
import {
  joinBytes,
  type PieceIn,
  PieceOrigins,
  type PieceOut,
  PieceUnreadable,
  shardOf,
} from "../memo-pieces.ts";

import type { Section } from "../pack.ts";
import type { CiteLines, CiteMark, CiteMemo, CiteMemoDoc } from "./stage.ts";

/** No bytes: the part of a document with none to give. */
const NO_BYTES = new Uint8Array(0);

/** The kind of pack a cite memo is, and its layout's version. */
export const CITE_MEMO = { kind: "acquis cite memo", version: "5" } as const;

/** How many pieces the documents' lines are grouped into. */
const PIECES = 32;

/** A citation's mark as kept: id, from, via, span start and end, target document, resolved, status. */
type MarkRow = [string, string, string, number, number, string, string | null, string];

/**
 * One document's entry: version key, content key, reads, line count, the lines' SHA-256 and
 * size in bytes, diagnostics, marks, the marks' SHA-256.
 */
type Row = [string, string, Array<[string, string]>, number, string, number, Diagnostic[], MarkRow[], string];

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

/**
 * The memo as sections and pieces; `version` is the running code's (pieces carried only within
 * it). Reading a carried document's lines may throw PieceUnreadable (see the decisions above).
 */
export function citeMemoSections(
  m: CiteMemo,
  version: string,
): { sections: Record<string, Section>; pieces: PieceOut[] } {
  const groups: Array<Array<[string, CiteMemoDoc]>> = Array.from({ length: PIECES }, () => []);
  for (const [key, d] of m.docs) groups[shardOf(key, PIECES)]!.push([key, d]);
  const pieces: PieceOut[] = [];
  for (const group of groups) {
    if (!group.length) continue;
    const rows = entries.carried(
      group.map(([, d]) => d),
      version,
    );
    pieces.push(rows ? { carried: rows } : { sections: { rows: { json: group.map(rowOf) } } });
    const lines = origins.carried(
      group.map(([, d]) => d.lines),
      version,
    );
    const list = group.map(([key, d]) => [key, d.lines.size]);
    pieces.push(lines ? { carried: lines } : { sections: { list: { json: list }, lines: joined(group) } });
  }
  return { sections: { meta: { json: { context: m.context } } }, pieces };
}

const rowOf = ([key, d]: [string, CiteMemoDoc]): Row => {
  const l = d.lines;
  return [key, d.key, d.reads, l.count, l.sum, l.size, d.diagnostics, d.marks.map(markRow), d.markSum];
};

/** Whether a value read back is a row of this layout (shapes only: the pack's checksum vouches for the rest). */
function isRow(r: unknown): r is Row {
  if (!Array.isArray(r) || r.length !== 9) return false;
  const [key, content, reads, count, sum, size, diagnostics, marks, markSum] = r;
  return (
    typeof key === "string" &&
    typeof content === "string" &&
    Array.isArray(reads) &&
    Number.isInteger(count) &&
    typeof sum === "string" &&
    Number.isInteger(size) &&
    Array.isArray(diagnostics) &&
    Array.isArray(marks) &&
    typeof markSum === "string" &&
    marks.length === count &&
    marks.every((m) => Array.isArray(m) && m.length === 8)
  );
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
    // The entries are all needed (the stage checks each document's key and reads): read now.
    const entryPiece = pieces[k]!;
    const piece = pieces[k + 1]!;
    const rows = (entryPiece.sections().rows as { json?: unknown } | undefined)?.json;
    if (!Array.isArray(rows) || !rows.every(isRow)) return null;
    const total = rows.reduce((n, r) => n + r[5], 0);
    // The piece's lines, read once when a document's lines are first asked for, and checked
    // against the entries (a piece not the one listed is unreadable, never used).
    let blob: Uint8Array | null = null;
    const lines = () => {
      if (blob) return blob;
      const sections = piece.sections();
      const list = (sections.list as { json?: unknown } | undefined)?.json;
      const b = sections.lines;
      const same =
        Array.isArray(list) &&
        list.length === rows.length &&
        rows.every((r, i) => {
          const l = list[i] as unknown[];
          return Array.isArray(l) && l[0] === r[0] && l[1] === r[5];
        });
      if (!(b instanceof Uint8Array) || b.length !== total || !same) throw new PieceUnreadable(piece.name);
      blob = b;
      return b;
    };
    let at = 0;
    rows.forEach(([key, content, reads, count, sum, size, diagnostics, marks, markSum], slot) => {
      const start = at;
      const own: CiteLines = {
        count,
        size,
        sum,
        get bytes() {
          return lines().subarray(start, start + size);
        },
      };
      origins.note(own, piece.name, slot, version, rows.length, rows.length);
      const entry: CiteMemoDoc = {
        key: content,
        reads,
        marks: marks.map(markOfRow),
        markSum,
        lines: own,
        diagnostics,
      };
      entries.note(entry, entryPiece.name, slot, version, rows.length, rows.length);
      docs.set(key, entry);
      at += size;
    });
  }
  return { context: meta.context, docs };
}
