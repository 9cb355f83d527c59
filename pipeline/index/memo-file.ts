/**
 * The index memo (incremental.ts) as the sections of a pack (pipeline/pack.ts) and its pieces
 * (pipeline/memo-pieces.ts), and back. The memo file holds the layout, the documents' keys and
 * hashes and the words' document frequencies, as JSON. The pieces hold:
 * - the buckets' and chunks' gzip'd bytes, FILES_PER_PIECE files a piece by position (the
 *   buckets, then the single-character buckets, then the chunks: positions stay put whenever the
 *   stage runs incrementally), read back as views;
 * - the Chinese documents' word counts, grouped by a hash of the document's key, as JSON.
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
 *   throws PieceUnreadable (memo-pieces.ts). Pure.
 */
import { sha256 } from "../hash.ts";
import { type PieceIn, PieceOrigins, type PieceOut, PieceUnreadable, shardOf } from "../memo-pieces.ts";
import type { Section } from "../pack.ts";
import type { BucketFile, IndexParts } from "./build.ts";
import type { IndexMemo } from "./incremental.ts";
import type { TermCounts } from "./key-terms.ts";

/** The kind of pack an index memo is, and its layout's version. */
export const INDEX_MEMO = { kind: "acquis index memo", version: "3" } as const;

/** Files a piece (the index has some 8,000 files at 200k paragraphs). */
const FILES_PER_PIECE = 256;
/** How many pieces the word counts are grouped into. */
const COUNT_PIECES = 32;

const files = new PieceOrigins<BucketFile>();
const counts = new PieceOrigins<Map<string, number>>();

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
  if (m.tf) {
    const groups: Array<Array<[string, Map<string, number>]>> = Array.from(
      { length: COUNT_PIECES },
      () => [],
    );
    for (const [key, c] of m.tf) groups[shardOf(key, COUNT_PIECES)]!.push([key, c]);
    for (const group of groups) {
      if (!group.length) continue;
      const carried = counts.carried(
        group.map(([, c]) => c),
        version,
      );
      pieces.push(carried ? { carried } : { sections: { tf: { json: group.map(([k, c]) => [k, [...c]]) } } });
    }
  }
  return {
    sections: {
      meta: {
        json: {
          settings: m.settings,
          keys: m.keys,
          hashes: m.hashes,
          tf: m.tf !== null,
          df: [...m.df],
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
  const tf: TermCounts | null = meta.tf ? new Map() : null;
  for (const piece of pieces.slice(lists.length)) {
    const group = (piece.sections().tf as { json?: Array<[string, Array<[string, number]>]> } | undefined)
      ?.json;
    if (!tf || !Array.isArray(group)) return null;
    group.forEach(([key, words], slot) => {
      const c = new Map(words);
      counts.note(c, piece.name, slot, version, group.length, group.length);
      tf.set(key, c);
    });
  }
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
