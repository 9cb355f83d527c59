/**
 * The index memo (incremental.ts) as the sections of a pack (pipeline/pack.ts) and its pieces
 * (pipeline/memo-pieces.ts), and back. The memo file holds the layout, the documents' keys and
 * hashes and the words' document frequencies, as JSON. The pieces hold:
 * - the buckets' and chunks' gzip'd bytes, FILES_PER_PIECE files a piece by position (the
 *   buckets, then the single-character buckets, then the chunks: positions stay put whenever the
 *   stage runs incrementally), read back as views;
 * - the Chinese documents' word counts, grouped by a hash of the document's key, as JSON; the
 *   memo file lists each group's documents and, for each word, the groups holding it (a bit a
 *   group), so that a piece of counts is read only when the stage asks for a document of it.
 *
 * Decisions:
 * - After one change the stage rewrites a few files and one document's counts and passes the
 *   others on as the objects it read; a piece all of whose objects are such is carried as it
 *   stands in the store (at 200k paragraphs the memo is 53 MB, 41 MB of it the files and 7.6 MB
 *   the counts).
 * - The memo file also lists every file piece's hashes, sizes and SHA-256s, so a file is known
 *   without its piece being read: its bytes are read when first asked for (the stage patches a
 *   few buckets and chunks), and a file nobody asks for goes to the writer unread, named by the
 *   SHA-256 of its bytes (build.ts BucketFile `source`: the writer links the last output's file
 *   of the same), and its piece is carried by name. Named by its own bytes, not by its piece, a
 *   file stays linked when a neighbour in its piece changes. A SHA-256 is computed only for a
 *   file made anew, when its piece is written. A piece read late that is not the one listed
 *   throws PieceUnreadable (memo-pieces.ts).
 * - The word counts are read by need too: after a change the stage reads the changed documents'
 *   counts and those of documents that may hold a word whose document frequency moved (their
 *   group's bit is set for it), nothing else (at 200k paragraphs 7.6 MB of JSON, parsed whole at
 *   every build before, though one change seldom moves more than a few rare words' frequencies).
 *   A group none of whose documents changed is carried by name, unread; a changed one is made from
 *   its documents' counts and its bit set again from them. Pure.
 */
import { sha256 } from "../hash.ts";
import { type PieceIn, PieceOrigins, type PieceOut, PieceUnreadable, shardOf } from "../memo-pieces.ts";
import type { Section } from "../pack.ts";
import type { BucketFile, IndexParts } from "./build.ts";
import { ChangedCounts, type IndexMemo, type WordCounts } from "./incremental.ts";

/** The kind of pack an index memo is, and its layout's version. */
export const INDEX_MEMO = { kind: "acquis index memo", version: "4" } as const;

/**
 * Files a piece (the index has some 8,000 files at 200k paragraphs). A build after one change
 * patches some ten buckets and chunks spread over the index by their terms' hashes, and reads and
 * writes again each one's whole piece: at 256 files a piece of buckets was 3.7 MB, so some 40 MB
 * read and written for 150 KB of files; at 32 it is 0.46 MB (some 260 pieces in the store).
 */
const FILES_PER_PIECE = 32;
/** How many pieces the word counts are grouped into. */
const COUNT_PIECES = 32;

const files = new PieceOrigins<BucketFile>();

/** The memo as sections and pieces; `version` is the running code's (pieces carried only within it). */
export function indexMemoSections(
  m: IndexMemo,
  version: string,
): { sections: Record<string, Section>; pieces: PieceOut[] } {
  const { parts } = m;
  const all = [...parts.buckets, ...parts.unigramBuckets, ...parts.chunks];
  const pieces: PieceOut[] = [];
  const lists: FileList[] = [];
  for (let from = 0; from < all.length; from += FILES_PER_PIECE) {
    const slots = all.slice(from, from + FILES_PER_PIECE);
    // Known without reading a file kept in a piece (its size is listed).
    const sizes = slots.map((f) => (f ? (f.size ?? f.gz.length) : -1));
    const sums = slots.map((f) => (f ? (f.source ?? sha256(f.gz)) : ""));
    lists.push({ from, hashes: slots.map((f) => f?.hash ?? ""), sizes, sums });
    const carried = files.carried(slots, version);
    if (carried) {
      pieces.push({ carried });
      continue;
    }
    const blob = new Uint8Array(sizes.reduce((s, n) => s + Math.max(0, n), 0));
    let at = 0;
    for (const f of slots)
      if (f) {
        blob.set(f.gz, at);
        at += f.gz.length;
      }
    pieces.push({
      sections: { files: { json: { from, hashes: slots.map((f) => f?.hash ?? ""), sizes } }, blob },
    });
  }
  const tf = m.tf ? countPieces(m.tf, version) : null;
  if (tf) pieces.push(...tf.pieces);
  return {
    sections: {
      meta: {
        json: {
          settings: m.settings,
          keys: m.keys,
          hashes: m.hashes,
          tf: m.tf !== null,
          df: [...m.df],
          counts: tf && { groups: tf.groups, masks: [...tf.masks] },
          parts: {
            chunkSize: parts.chunkSize,
            rows: parts.rows,
            docs: parts.docs,
            terms: parts.terms,
            postings: parts.postings,
            unigramTerms: parts.unigramTerms,
            unigramPostings: parts.unigramPostings,
            keyTerms: parts.keyTerms ?? null,
          },
          files: {
            buckets: parts.buckets.length,
            unigramBuckets: parts.unigramBuckets.length,
            total: all.length,
            lists,
          },
        },
      },
    },
    pieces,
  };
}

interface Meta {
  settings: string;
  keys: string[];
  hashes: string[];
  tf: boolean;
  df: Array<[string, number]>;
  /** The count pieces' groups and documents (in the pieces' order), and each word's groups. */
  counts: { groups: CountGroup[]; masks: Array<[string, number]> } | null;
  parts: Omit<IndexParts, "buckets" | "unigramBuckets" | "chunks" | "keyTerms"> & {
    keyTerms: Record<string, string[]> | null;
  };
  files: { buckets: number; unigramBuckets: number; total: number; lists: FileList[] };
}

/**
 * What a piece of files holds: from which position, each file's hash and size (-1: none), and
 * in the memo file's list (not the piece's own) the SHA-256 of each file's bytes.
 */
interface FileList {
  from: number;
  hashes: string[];
  sizes: number[];
  sums?: string[];
}

const sameList = (a: FileList | undefined, b: FileList) =>
  !!a &&
  a.from === b.from &&
  a.hashes.length === b.hashes.length &&
  a.sizes.length === b.sizes.length &&
  a.hashes.every((h, i) => h === b.hashes[i]) &&
  a.sizes.every((n, i) => n === b.sizes[i]);

/** A file of a piece, read with the piece when its bytes are first asked for. */
function keptFile(hash: string, size: number, source: string, bytes: () => Uint8Array): BucketFile {
  let gz: Uint8Array | null = null;
  return {
    hash,
    size,
    source,
    get gz() {
      gz ??= bytes();
      return gz;
    },
  };
}

/** The memo back from its sections and pieces, or null when they are not one. */
export function indexMemoFromSections(
  s: Record<string, Section>,
  pieces: readonly PieceIn[],
  version: string,
): IndexMemo | null {
  const meta = (s.meta as { json?: Meta } | undefined)?.json;
  if (!meta?.files || !meta.parts || typeof meta.files.total !== "number") return null;
  const { lists } = meta.files;
  if (!Array.isArray(lists) || lists.length > pieces.length) return null;
  const all: Array<BucketFile | null | undefined> = new Array(meta.files.total);
  let filled = 0;
  for (let k = 0; k < lists.length; k++) {
    const piece = pieces[k]!;
    const list = lists[k]!;
    const { from, hashes, sizes, sums } = list;
    if (
      !Array.isArray(hashes) ||
      !Array.isArray(sizes) ||
      !Array.isArray(sums) ||
      hashes.length !== sizes.length ||
      sums.length !== sizes.length ||
      from + sizes.length > all.length
    )
      return null;
    const total = sizes.reduce((t, n) => t + Math.max(0, n), 0);
    // The piece's bytes, read once when a file of it is first asked for, and checked against the
    // list the memo file gives (a piece not the one listed is unreadable, never half-used).
    let blob: Uint8Array | null = null;
    const bytes = () => {
      if (blob) return blob;
      const sections = piece.sections();
      const own = (sections.files as { json?: FileList } | undefined)?.json;
      const b = sections.blob;
      if (!(b instanceof Uint8Array) || b.length !== total || !sameList(own, list))
        throw new PieceUnreadable(piece.name);
      blob = b;
      return b;
    };
    const set = sizes.filter((n) => n >= 0).length;
    let at = 0;
    for (let i = 0; i < sizes.length; i++) {
      const n = sizes[i]!;
      if (all[from + i] !== undefined) return null;
      filled++;
      if (n < 0) {
        all[from + i] = null;
        continue;
      }
      const start = at;
      const sum = sums[i];
      if (typeof sum !== "string" || !/^[0-9a-f]{64}$/.test(sum)) return null;
      const f = keptFile(hashes[i]!, n, sum, () => bytes().subarray(start, start + n));
      files.note(f, piece.name, i, version, sizes.length, set);
      all[from + i] = f;
      at += n;
    }
  }
  const tf = meta.tf ? keptCounts(meta.counts, pieces.slice(lists.length), version) : null;
  if (meta.tf ? !tf : pieces.length > lists.length) return null;
  // Every file from exactly one piece.
  if (filled !== all.length) return null;
  const { buckets, unigramBuckets } = meta.files;
  return {
    settings: meta.settings,
    keys: meta.keys,
    hashes: meta.hashes,
    tf,
    df: new Map(meta.df),
    parts: {
      ...meta.parts,
      keyTerms: meta.parts.keyTerms ?? undefined,
      buckets: all.slice(0, buckets) as Array<BucketFile | null>,
      unigramBuckets: all.slice(buckets, buckets + unigramBuckets) as Array<BucketFile | null>,
      chunks: all.slice(buckets + unigramBuckets) as BucketFile[],
    },
  };
}

/** A piece of word counts: the group its documents' keys hash to, and those keys in its order. */
interface CountGroup {
  group: number;
  keys: string[];
}

/** Whether a word's mask (a bit a group, 32 groups) has group `g`'s bit. */
const inGroup = (mask: number, g: number) => ((mask >>> g) & 1) === 1;

/**
 * The word counts read back from their pieces, each piece only when a document of it is first
 * asked for. `masks`: for each word, the groups holding a document with it, so that a document is
 * known to hold none of some words without its piece being read (incremental.ts `mayHold`).
 */
class KeptCounts implements WordCounts {
  private readonly at = new Map<string, number>();
  private readonly read: Array<Map<string, Map<string, number>> | null>;
  constructor(
    readonly groups: readonly CountGroup[],
    readonly masks: ReadonlyMap<string, number>,
    readonly pieces: readonly PieceIn[],
    readonly version: string,
  ) {
    groups.forEach((g, i) => {
      for (const key of g.keys) this.at.set(key, i);
    });
    this.read = groups.map(() => null);
  }

  get size(): number {
    return this.at.size;
  }

  keys(): Iterable<string> {
    return this.at.keys();
  }

  has(key: string): boolean {
    return this.at.has(key);
  }

  get(key: string): Map<string, number> | undefined {
    const i = this.at.get(key);
    return i === undefined ? undefined : this.piece(i).get(key);
  }

  mayHold(key: string, words: readonly string[]): boolean {
    const i = this.at.get(key);
    if (i === undefined) return false;
    const g = this.groups[i]!.group;
    return words.some((w) => inGroup(this.masks.get(w) ?? 0, g));
  }

  *[Symbol.iterator](): Iterator<[string, Map<string, number>]> {
    for (const key of this.keys()) yield [key, this.get(key)!];
  }

  /** Piece `i`'s counts, read now if not yet: not the documents the memo file lists, unreadable. */
  private piece(i: number): Map<string, Map<string, number>> {
    const had = this.read[i];
    if (had) return had;
    const piece = this.pieces[i]!;
    const group = (piece.sections().tf as { json?: unknown } | undefined)?.json;
    const keys = this.groups[i]!.keys;
    if (
      !Array.isArray(group) ||
      group.length !== keys.length ||
      group.some((e, k) => !Array.isArray(e) || e[0] !== keys[k] || !Array.isArray(e[1]))
    )
      throw new PieceUnreadable(piece.name);
    const out = new Map<string, Map<string, number>>();
    for (const [key, words] of group as Array<[string, Array<[string, number]>]>)
      out.set(key, new Map(words));
    this.read[i] = out;
    return out;
  }
}

/** The word counts back from the memo file's list and their pieces, or null when they do not fit. */
function keptCounts(
  c: Meta["counts"] | undefined,
  pieces: readonly PieceIn[],
  version: string,
): KeptCounts | null {
  if (!c || !Array.isArray(c.groups) || !Array.isArray(c.masks) || c.groups.length !== pieces.length)
    return null;
  const seen = new Set<number>();
  for (const g of c.groups) {
    if (
      !g ||
      !Number.isInteger(g.group) ||
      g.group < 0 ||
      g.group >= COUNT_PIECES ||
      seen.has(g.group) ||
      !Array.isArray(g.keys) ||
      !g.keys.every((k) => typeof k === "string" && shardOf(k, COUNT_PIECES) === g.group)
    )
      return null;
    seen.add(g.group);
  }
  if (!c.masks.every((e) => Array.isArray(e) && typeof e[0] === "string" && typeof e[1] === "number"))
    return null;
  return new KeptCounts(c.groups, new Map(c.masks), pieces, version);
}

/**
 * The word counts as pieces, a group of documents (by a hash of their key) a piece, with each
 * group's documents and each word's groups for the memo file. A group none of whose documents
 * changed since the memo was read (ChangedCounts) is carried as it stands, unread; the others are
 * made from their counts, read now.
 */
function countPieces(
  tf: WordCounts,
  version: string,
): { pieces: PieceOut[]; groups: CountGroup[]; masks: Map<string, number> } {
  const base = tf instanceof ChangedCounts ? tf.base : tf;
  const changes = tf instanceof ChangedCounts ? [...tf.changes.keys()] : [];
  const kept = base instanceof KeptCounts && base.version === version ? base : null;
  const touched = new Set(changes.map((k) => shardOf(k, COUNT_PIECES)));
  const keptAt = new Map(kept?.groups.map((g, i) => [g.group, i]) ?? []);
  const byGroup: string[][] = Array.from({ length: COUNT_PIECES }, () => []);
  for (const key of tf.keys()) byGroup[shardOf(key, COUNT_PIECES)]!.push(key);
  const masks = new Map(kept?.masks ?? []);
  const out = { pieces: [] as PieceOut[], groups: [] as CountGroup[], masks };
  for (let g = 0; g < COUNT_PIECES; g++) {
    const at = keptAt.get(g);
    if (kept && at !== undefined && !touched.has(g)) {
      out.pieces.push({ carried: kept.pieces[at]!.name });
      out.groups.push(kept.groups[at]!);
      continue;
    }
    // The group's bit is set again from its documents as they are now.
    if (kept)
      for (const [w, m] of masks) {
        const left = (m & ~(1 << g)) >>> 0;
        if (left) masks.set(w, left);
        else masks.delete(w);
      }
    const keys = byGroup[g]!;
    if (!keys.length) continue;
    const entries = keys.map((k) => [k, tf.get(k)!] as const);
    for (const [, c] of entries)
      for (const w of c.keys()) masks.set(w, ((masks.get(w) ?? 0) | (1 << g)) >>> 0);
    out.pieces.push({ sections: { tf: { json: entries.map(([k, c]) => [k, [...c]]) } } });
    out.groups.push({ group: g, keys });
  }
  return out;
}
