/**
 * The topics memo as the sections of a pack (pack.ts) and its pieces (pipeline/memo-pieces.ts),
 * and back. The memo file holds the vocabulary's digest and, for every document, its key, row
 * count, counts by topic and the size and SHA-256 of its rows' bytes, as JSON. The documents are grouped into
 * pieces by a hash of their file, each piece its documents' rows' bytes one after the other and
 * the list of its documents and their sizes; the bytes are read back as views of the piece's
 * (no decoding, no parsing: the writer copies them into topics.json).
 *
 * Decisions:
 * - Grouped by the document's file, not its key (file and hash): a changed document stays in its
 *   group, so one change rewrites one piece; the others are carried as they stand in the store
 *   (at 200k paragraphs the rows are 23 MB, and were packed and written whole after any change).
 * - A piece is read only when a document's rows are first asked for (topics.json made, or the
 *   piece written again), and checked then against the list the memo file gives: a piece not the
 *   one listed throws PieceUnreadable (memo-pieces.ts), never gives another document's rows. Pure.
 */
import {
  groupsByShard,
  joinBytes,
  type PieceIn,
  PieceOrigins,
  type PieceOut,
  PieceUnreadable,
} from "../memo-pieces.ts";

import type { Section } from "../pack.ts";
import type { DocTags, TopicsMemo } from "./incremental.ts";

/** No bytes: the part of a document with none to give. */
const NO_BYTES = new Uint8Array(0);

/** The kind of pack the memo is, and its layout's version. */
export const TOPICS_MEMO = { kind: "acquis topics memo", version: "2" } as const;

/**
 * How many pieces the documents are grouped into. Decision: 128, some 10 documents a piece at 200k
 * paragraphs, not 32: the piece of the document changed is written again whole (with 32, 0.7 MB
 * of its 23 MB of rows at every build after one change). A memo grouped otherwise reads back the
 * same (each piece is read as the memo file lists it); its pieces are then written again once.
 */
const PIECES = 128;

/** Per document: its key, rows, counts by topic, and the size and SHA-256 of its rows' bytes. */
type Row = [string, number, number[], number, string];

interface Meta {
  vocabulary: string;
  /** The rows of each piece, in the order the memo file lists the pieces. */
  docs: Row[][];
}

/** Where each document's tags read back came from, to carry their piece when nothing in it changed. */
const origins = new PieceOrigins<DocTags>();

/** What groups a document key (`${file}\n${hash}`): its file alone. */
const fileOf = (key: string) => key.slice(0, key.indexOf("\n") >>> 0);

/** The rows' bytes of a group of documents as one byte section (may read a carried piece). */
function joined(group: ReadonlyArray<[string, DocTags]>): Uint8Array {
  return joinBytes(group.map(([, t]) => (t.size ? t.json : NO_BYTES)));
}

/**
 * The memo as sections and pieces; `version` is the running code's (pieces carried only within
 * it). Reading a carried document's rows may throw PieceUnreadable (see the decisions above).
 */
export function topicsMemoSections(
  m: TopicsMemo,
  version: string,
): { sections: Record<string, Section>; pieces: PieceOut[] } {
  const meta: Meta = { vocabulary: m.vocabulary, docs: [] };
  const pieces: PieceOut[] = [];
  for (const group of groupsByShard(m.docs, PIECES, fileOf)) {
    const rows = group.map(([key, t]): Row => [key, t.rows, t.counts, t.size, t.sum]);
    meta.docs.push(rows);
    const carried = origins.carried(
      group.map(([, t]) => t),
      version,
    );
    if (carried) pieces.push({ carried });
    else {
      const list = rows.map((r) => [r[0], r[3]]);
      pieces.push({ sections: { list: { json: list }, rows: joined(group) } });
    }
  }
  return { sections: { meta: { json: meta } }, pieces };
}

/** Whether a value read back is a row of this layout. */
const isRow = (d: unknown): d is Row =>
  Array.isArray(d) &&
  d.length === 5 &&
  typeof d[0] === "string" &&
  Number.isInteger(d[1]) &&
  Array.isArray(d[2]) &&
  (d[2] as unknown[]).every((c) => Number.isInteger(c)) &&
  Number.isInteger(d[3]) &&
  d[3] >= 0 &&
  typeof d[4] === "string";

/** A document's tags kept in a piece, their bytes read with the piece when first asked for. */
function keptTags(
  rows: number,
  counts: number[],
  size: number,
  sum: string,
  bytes: () => Uint8Array,
): DocTags {
  return {
    rows,
    counts,
    size,
    sum,
    get json() {
      return bytes();
    },
  };
}

/** The memo from its sections and pieces, or null when they are not of this layout's shape. */
export function topicsMemoFromSections(
  s: Record<string, Section>,
  pieces: readonly PieceIn[],
  version: string,
): TopicsMemo | null {
  const meta = (s.meta as { json?: Meta } | undefined)?.json;
  if (!meta || typeof meta.vocabulary !== "string" || !Array.isArray(meta.docs)) return null;
  if (meta.docs.length !== pieces.length) return null;
  const docs = new Map<string, DocTags>();
  for (let k = 0; k < pieces.length; k++) {
    const piece = pieces[k]!;
    const rows = meta.docs[k] as unknown[];
    if (!Array.isArray(rows) || !rows.every(isRow)) return null;
    const total = rows.reduce((n, r) => n + r[3], 0);
    // The piece's bytes, read once and checked against the list this file gives.
    let blob: Uint8Array | null = null;
    const bytes = () => {
      if (blob) return blob;
      const sections = piece.sections();
      const list = (sections.list as { json?: unknown } | undefined)?.json;
      const b = sections.rows;
      const same =
        Array.isArray(list) &&
        list.length === rows.length &&
        rows.every((r, i) => {
          const l = list[i] as unknown[];
          return Array.isArray(l) && l[0] === r[0] && l[1] === r[3];
        });
      if (!(b instanceof Uint8Array) || b.length !== total || !same) throw new PieceUnreadable(piece.name);
      blob = b;
      return b;
    };
    let at = 0;
    rows.forEach(([key, n, counts, size, sum], slot) => {
      const start = at;
      const t = keptTags(n, counts, size, sum, () => bytes().subarray(start, start + size));
      origins.note(t, piece.name, slot, version, rows.length, rows.length);
      docs.set(key, t);
      at += size;
    });
  }
  return { vocabulary: meta.vocabulary, docs };
}
