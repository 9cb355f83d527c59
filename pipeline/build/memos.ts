/**
 * Memos: what the cite, reuse and index stages keep from one build for the next (reuse/incremental.ts,
 * index/incremental.ts, cite/stage.ts), as files the runner reads and writes through its store (host.ts).
 *
 * Decisions:
 * - A memo is never trusted, only used when it proves itself: it is a pack (pipeline/pack.ts)
 *   whose header names its kind and a version made of the memo layout's and the running code's
 *   (`codeVersion`: another acquis, or an edited source, is another version), and whose bytes
 *   match the checksum it carries (a file edited by hand, or cut short). Anything else is no
 *   memo: the stage builds cold, and says why.
 * - What a memo describes is the corpus it was made from (documents by content hash, with their
 *   citations' spans and the registry's names): the stage compares it with the corpus at hand, so
 *   a memo from an older or newer corpus, or from a build killed after writing it, is still
 *   right about what it says. Each memo file is replaced whole (a temporary file and a rename),
 *   so a build killed while writing leaves the previous file or the new one.
 * - The cite, reuse, index and topics memos stand on pieces (memo-pieces.ts), files named by their
 *   checksum and written before the memo file that names them; a piece the stage passed on
 *   unchanged is carried (not written again), as is one packed again to the very piece this build
 *   read (`readHere`), the pieces no memo names are removed at the end. A
 *   piece missing, changed or not the one its name says makes its memo unusable, as a bad memo
 *   file does.
 * - Nothing here touches the disk: the runner hands in the bytes and takes the chunks.
 */
import { CITE_MEMO, citeMemoFromSections, citeMemoSections } from "../cite/memo-file.ts";
import type { CiteMemo } from "../cite/stage.ts";
import { sha256 } from "../hash.ts";
import type { FileStamp, RangeFile } from "../host.ts";
import type { IndexMemo } from "../index/incremental.ts";
import { SEGMENTER_IMAGE } from "../index/jieba.ts";
import { INDEX_MEMO, indexMemoFromSections, indexMemoSections } from "../index/memo-file.ts";
import { LOAD_MEMO, type LoadMemo, loadMemoFromSections, loadMemoSections } from "../load/memo.ts";
import { type PieceIn, type PieceOut, PieceUnreadable } from "../memo-pieces.ts";
import { pack, packSummed, type Section, unpack } from "../pack.ts";
import type { ReuseMemo } from "../reuse/incremental.ts";
import type { Base } from "../reuse/live.ts";
import {
  baseFromSections,
  baseIdsOf,
  baseOfFile,
  baseSections,
  memoFromPieces,
  memoPieces,
  memoSections,
  REUSE_BASE,
  REUSE_MEMO,
} from "../reuse/memo-file.ts";
import type { TopicsMemo } from "../topics/incremental.ts";
import { TOPICS_MEMO, topicsMemoFromSections, topicsMemoSections } from "../topics/memo-file.ts";
import type { DocumentPlace } from "./write.ts";

/**
 * What the last build wrote, for the writer (write.ts `previousOutput`): the folder it finally
 * stood in, the code that wrote it (host.ts `codeVersion`), and each file's SHA-256, path there,
 * stamp (host.ts `stampOf`) right after writing, and the digest of what it was made from
 * (write.ts `sourceOf`) for the files made from a value.
 */
export interface OutputMemo {
  dir: string;
  version: string;
  files: Array<{ sha256: string; path: string; stamp: FileStamp; source?: string }>;
  /**
   * The records this code validated and found unchanged by their schema, by the SHA-256 of their
   * JSON (write.ts `ValidRecords`); absent in a memo from before they were kept.
   */
  records?: string[];
  /**
   * Where each record of documents.json stands in it (write.ts `lastDocuments`); absent in a memo
   * from before they were kept.
   */
  documents?: DocumentPlace[];
  /**
   * The cache key and length in bytes of each document's piece of paragraphs.jsonl, in the file's
   * order (write.ts `lastParagraphs`); absent in a memo from before they were kept.
   */
  paragraphs?: Array<[string, number]>;
}

/** The output memo's file in the store, and the kind of pack it is. */
export const OUTPUT_MEMO = { file: "output.memo", kind: "acquis output memo", version: "2" } as const;

/** The output memo from its bytes, or null when they are not one (then every file is written). */
export function readOutputMemo(bytes: Uint8Array | undefined): OutputMemo | null {
  const s = bytes && unpack(bytes, OUTPUT_MEMO.kind, OUTPUT_MEMO.version);
  const m = (s?.meta as { json?: OutputMemo } | undefined)?.json;
  return m &&
    typeof m.dir === "string" &&
    typeof m.version === "string" &&
    Array.isArray(m.files) &&
    (m.records === undefined || (Array.isArray(m.records) && m.records.every((r) => typeof r === "string")))
    ? m
    : null;
}

/** The output memo as a file's chunks. */
export function outputMemoFile(m: OutputMemo): Uint8Array[] {
  return pack(OUTPUT_MEMO.kind, OUTPUT_MEMO.version, { meta: { json: m } });
}

/**
 * The stamps of the memo files as they were right after this build's runner wrote them (host.ts
 * `stampOf`): a memo whose stamp has not moved since is read without computing its checksum again
 * (some 270 MB at 200k paragraphs); any other is checked in full.
 */
export const STAMPS = { file: "stamps.memo", kind: "acquis memo stamps", version: "1" } as const;

/** The recorded stamps from their bytes (none when they are not a stamps file). */
export function readStamps(bytes: Uint8Array | undefined): Map<string, FileStamp> {
  const s = bytes && unpack(bytes, STAMPS.kind, STAMPS.version);
  const m = (s?.meta as { json?: Array<[string, FileStamp]> } | undefined)?.json;
  return new Map(Array.isArray(m) ? m : []);
}

/** The stamps as a file's chunks. */
export function stampsFile(stamps: ReadonlyMap<string, FileStamp>): Uint8Array[] {
  return pack(STAMPS.kind, STAMPS.version, { meta: { json: [...stamps].sort() } });
}

/** Whether two stamps are of the same unchanged file. */
export const sameStamp = (a: FileStamp | null | undefined, b: FileStamp | null | undefined): boolean =>
  !!a && !!b && a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs;

/** The load memo's file in the store (load/memo.ts). */
export const LOAD_FILE = "load.memo";

/**
 * The load memo from its bytes, or null when they are not one of this code's (then every corpus
 * file is read as on a cold build). `vouched` as for the stages' memos.
 */
export function readLoadMemo(
  bytes: Uint8Array | undefined,
  version: string,
  vouched: boolean,
): LoadMemo | null {
  const s = bytes && unpack(bytes, LOAD_MEMO.kind, `${LOAD_MEMO.version}|${version}`, vouched);
  return s ? loadMemoFromSections(s) : null;
}

/** The load memo as a file's chunks. */
export function loadMemoFile(m: LoadMemo, version: string): Uint8Array[] {
  return pack(LOAD_MEMO.kind, `${LOAD_MEMO.version}|${version}`, loadMemoSections(m));
}

/** The memos a build starts from (null: none, or none usable) and why one was not usable. */
export interface Memos {
  cite: CiteMemo | null;
  reuse: ReuseMemo | null;
  index: IndexMemo | null;
  topics: TopicsMemo | null;
  /** Why a memo file present was not used, by stage. */
  rejected: { cite?: string; reuse?: string; index?: string; topics?: string };
  /** Close the files read by range (the bases of postings); the memos are not read after this. */
  release(): void;
  /**
   * The files read whole and found, by their checksum, to be what their name or header says,
   * though their stamp did not vouch for them (a store copied, restored or moved: every inode
   * new): the runner records their stamps as taken before they were read (see `readMemos`), so
   * that the next build need not checksum them again. Decision: without this a file kept from
   * one build to the next, never rewritten (the bases of postings, the pieces a change does not
   * touch), was checked in full at every build once its stamp moved: at 200k paragraphs 3 s
   * of every build after a change (some 100 MB read and hashed), for good.
   */
  checked: Set<string>;
}

/**
 * The file names of the memos in the store; a base of postings is `reuse-<id>-<code>.base`.
 */
export const MEMO_FILES = {
  cite: "cite.memo",
  reuse: "reuse.memo",
  index: "index.memo",
  topics: "topics.memo",
} as const;
/**
 * A base's file: its id (what it was made from: the settings and the paragraphs) and the code
 * that made it. The id alone is not enough: a base is written once, never over one of its name
 * (memoFiles), and the cold build after an upgrade makes, over the same corpus, bases of the same
 * ids as the old code's, whose files (of another version, so never read) would then stand in for
 * them and send the next build's reuse stage cold again.
 */
const baseFile = (id: string, version: string) => `reuse-${id}-${sha256(version).slice(0, 8)}.base`;

/** The kind of pack a memo's piece is (memo-pieces.ts), and its layout's version. */
export const MEMO_PIECE = { kind: "acquis memo piece", version: "1" } as const;

/** A piece's file: the memo it belongs to and the start of its checksum. */
const pieceFile = (memo: "cite" | "reuse" | "index" | "topics", sum: string) =>
  `${memo}-${sum.slice(0, 32)}.piece`;
const PIECE_NAME = /^(?:cite|reuse|index|topics)-([0-9a-f]{32})\.piece$/;

/**
 * The pieces a memo's sections name, read and checked (kind, the code's version, checksum unless
 * vouched, the checksum its name gives), or null when one is missing or not what its name says.
 * With `lazy`, a piece its stamp vouches for (so there, and unchanged since this code wrote it) is
 * read only when its sections are first asked for, and throws PieceUnreadable then if it does not
 * read back (memo-pieces.ts); any other piece is read and checked here.
 */
function readPieces(
  s: Record<string, Section>,
  { read, reused }: Reader,
  version: string,
  vouched: (name: string) => boolean,
  lazy: boolean,
  checked: Set<string>,
): PieceIn[] | null {
  const names = (s.pieces as { json?: unknown } | undefined)?.json;
  if (!Array.isArray(names)) return null;
  const out: PieceIn[] = [];
  const open = (name: string, sum: string, trusted: boolean) => {
    const bytes = read(name);
    const v = `${MEMO_PIECE.version}|${version}`;
    return bytes ? unpack(bytes, MEMO_PIECE.kind, v, trusted, sum, reused) : null;
  };
  for (const name of names) {
    const sum = typeof name === "string" ? PIECE_NAME.exec(name)?.[1] : undefined;
    if (!sum) return null;
    if (lazy && vouched(name)) {
      let got: Record<string, Section> | null = null;
      out.push({
        name,
        sections: () => {
          got ??= open(name, sum, true);
          if (!got) throw new PieceUnreadable(name);
          return got;
        },
      });
      continue;
    }
    const trusted = vouched(name);
    const sections = open(name, sum, trusted);
    if (!sections) return null;
    if (!trusted) checked.add(name);
    out.push({ name, sections: () => sections });
  }
  return out;
}

/**
 * How memo files are read: `reused` when the bytes `read` gives are a buffer read into again at
 * its next call (`scratchReader`), so that what is kept of them must be copied out (pack.ts
 * `unpack`).
 */
interface Reader {
  read: (name: string) => Uint8Array | undefined;
  reused: boolean;
}

/**
 * Files read through one buffer, kept from file to file (grown when one is larger): the bytes a
 * call gives are good until the next call. Decision: for the files decoded as soon as read (the
 * memo files' JSON, the pieces read lazily: the cite memo's heads, the index's word counts), of
 * which nothing is kept but what is decoded or copied out. A fresh buffer a file has its pages
 * faulted in anew: at 200k paragraphs, reading the cite memo's 256 pieces (38 MB) took 160-180
 * ms of system CPU into fresh buffers, 7-12 ms through one. A build after one change reads some
 * 13 MB this way (the memo files, the cite memo's heads): reading and decoding them took 470 ms
 * of CPU against 510 through fresh buffers (four runs each, a two-core machine under load ~7:
 * a gain within the build's noise, but one that grows with the memos).
 * Not for the pieces kept as they are read (the reuse memo's columns and records, views on the
 * file's bytes): copied out, they would cost the fresh memory twice.
 */
function scratchReader(open: (name: string) => RangeFile | undefined): Reader {
  let buffer = new Uint8Array(1 << 16);
  const read = (name: string): Uint8Array | undefined => {
    const file = open(name);
    if (!file) return undefined;
    try {
      if (file.size > buffer.length) buffer = new Uint8Array(Math.max(file.size, 2 * buffer.length));
      const bytes = buffer.subarray(0, file.size);
      return file.read(0, bytes) ? bytes : undefined;
    } finally {
      file.close();
    }
  };
  return { read, reused: true };
}

/** `make()`, or null when a piece it reads turns out unreadable (the memo is then not used). */
function unlessUnreadable<T>(make: () => T | null): T | null {
  try {
    return make();
  } catch (e) {
    if (e instanceof PieceUnreadable) return null;
    throw e;
  }
}

/**
 * A base of postings by id: read by range when its stamp vouches for it and the store can open
 * files (memo-file.ts `baseOfFile`), else read whole and checked; null when it does not read back.
 */
function readBase(
  id: string,
  read: (name: string) => Uint8Array | undefined,
  open: ((name: string) => RangeFile | undefined) | undefined,
  version: string,
  vouched: (name: string) => boolean,
  opened: RangeFile[],
  checked: Set<string>,
): Base | null {
  const name = baseFile(id, version);
  const v = `${REUSE_BASE.version}|${version}|${id}`;
  const trusted = vouched(name);
  if (open && trusted) {
    const file = open(name);
    const b = file && baseOfFile(file, REUSE_BASE.kind, v);
    if (b) {
      opened.push(file!);
      return b;
    }
    file?.close();
  }
  const bytes = read(name);
  const s = bytes && unpack(bytes, REUSE_BASE.kind, v, trusted);
  const base = s ? baseFromSections(s) : null;
  if (base && !trusted) checked.add(name);
  if (bytes && !base) readHere.unreadable.add(name);
  return base;
}

/**
 * The pieces of the memos the last `readMemos` read and used, under the code version it ran
 * under: a piece packed again that is one of them (the same name: the same checksum, so the same
 * bytes) is not written again (`memoFiles`). Decision: the stages pass on unchanged what they did
 * not touch as the objects read (carried, memo-pieces.ts), but some pieces are made anew and come
 * out the same: the reuse memo's large columns, some written to in place (20 MB at 200k
 * paragraphs, memo-file.ts), the cite pieces of documents citing the one changed. Hashing them
 * costs a fifth of what writing them did (the write, and on ext4 the discard of the blocks the
 * replaced file freed). Only what this build read (a build that writes memos reads them first):
 * a memo not used, or another store's, names nothing here; a piece changed since it was read is
 * found by its stamp at the next build. `unreadable`: the bases of postings this build found in
 * the store but not as their name says (changed by hand, cut short), under this code version:
 * written again though a file of their name is there (see `memoFiles`).
 */
let readHere: { version: string; names: Set<string>; unreadable: Set<string> } = {
  version: "",
  names: new Set(),
  unreadable: new Set(),
};

/**
 * Read the memos from the store's bytes; `version` is the running code's (host.ts codeVersion).
 * With `open`, a base of postings vouched for is read by range as the stage asks (see readBase):
 * the caller calls the memos' `release` once the memos made from them are written. `vouched` is
 * asked about a file before it is read, so the caller may keep the stamp it took then for a file
 * found good (`checked`): a file changed after it was read has another stamp. With `through`,
 * the files decoded as soon as read are read through one buffer (`scratchReader`).
 */
export function readMemos(
  read: (name: string) => Uint8Array | undefined,
  version: string,
  vouched: (name: string) => boolean = () => false,
  open?: (name: string) => RangeFile | undefined,
  through?: (name: string) => RangeFile | undefined,
): Memos {
  const opened: RangeFile[] = [];
  const checked = new Set<string>();
  const release = () => {
    for (const f of opened.splice(0)) f.close();
  };
  const out: Memos = { cite: null, reuse: null, index: null, topics: null, rejected: {}, release, checked };
  const lost = "a piece of it is missing or changed";
  readHere = { version, names: new Set(), unreadable: new Set() };
  const used = (pieces: PieceIn[] | null) => {
    for (const p of pieces ?? []) readHere.names.add(p.name);
  };
  // What is decoded as soon as read goes through one buffer (`scratchReader`); the reuse memo's
  // pieces, kept as read, do not.
  const whole: Reader = { read, reused: false };
  const once = through ? scratchReader(through) : whole;
  // Its stamp asked for before it is read (see `checked`), then checked in full unless vouched;
  // why it is no memo said now, while its bytes are at hand.
  const memoFile = (name: string, head: { kind: string; version: string }) => {
    const trusted = vouched(name);
    const bytes = once.read(name);
    const s = bytes
      ? unpack(bytes, head.kind, `${head.version}|${version}`, trusted, undefined, once.reused)
      : null;
    if (s && !trusted) checked.add(name);
    return { present: !!bytes, s, why: bytes && !s ? rejection(bytes, head.kind) : undefined };
  };
  const cite = memoFile(MEMO_FILES.cite, CITE_MEMO);
  if (cite.present) {
    const s = cite.s;
    // Lazily: after a change, a document's citations.jsonl lines are read only when that file is
    // made, and a piece none of whose documents changed is carried unread.
    const pieces = s && readPieces(s, once, version, vouched, true, checked);
    out.cite = s && pieces && unlessUnreadable(() => citeMemoFromSections(s, pieces, version));
    if (out.cite) used(pieces);
    if (!out.cite) out.rejected.cite = s ? lost : cite.why!;
  }
  const reuse = memoFile(MEMO_FILES.reuse, REUSE_MEMO);
  if (reuse.present) {
    const s = reuse.s;
    const bases = new Map<string, Base | null>();
    for (const id of s ? baseIdsOf(s) : [])
      bases.set(id, readBase(id, read, open, version, vouched, opened, checked));
    // Not lazily: every kept link's record is read by the stage.
    const pieces = s && readPieces(s, whole, version, vouched, false, checked);
    out.reuse = s && pieces && memoFromPieces(s, pieces, version, (id) => bases.get(id) ?? null);
    if (out.reuse) used(pieces);
    if (!out.reuse)
      out.rejected.reuse = !s
        ? reuse.why!
        : !pieces
          ? lost
          : baseIdsOf(s).length < 2 || [...bases.values()].some((b) => !b)
            ? "a base of postings it stands on is missing or changed"
            : "its sections are not of the shape this version reads";
  }
  const index = memoFile(MEMO_FILES.index, INDEX_MEMO);
  if (index.present) {
    const s = index.s;
    // Lazily: the stage after a change reads a few of the index's files; the others are carried.
    const pieces = s && readPieces(s, once, version, vouched, true, checked);
    out.index = s && pieces && unlessUnreadable(() => indexMemoFromSections(s, pieces, version));
    if (out.index) used(pieces);
    if (!out.index) out.rejected.index = s ? lost : index.why!;
  }
  const topics = memoFile(MEMO_FILES.topics, TOPICS_MEMO);
  if (topics.present) {
    const s = topics.s;
    // Lazily: a document's rows are read only when topics.json is made or their piece rewritten.
    const pieces = s && readPieces(s, once, version, vouched, true, checked);
    out.topics = s && pieces && unlessUnreadable(() => topicsMemoFromSections(s, pieces, version));
    if (out.topics) used(pieces);
    if (!out.topics)
      out.rejected.topics = !s
        ? topics.why!
        : pieces
          ? "its sections are not of the shape this version reads"
          : lost;
  }
  return out;
}

/** Why bytes that should be a memo are not one, in a phrase. */
function rejection(bytes: Uint8Array, kind: string): string {
  const nl = bytes.indexOf(0x0a);
  try {
    const head = JSON.parse(new TextDecoder().decode(bytes.subarray(0, nl < 0 ? bytes.length : nl))) as {
      kind?: string;
      version?: string;
    };
    if (head.kind !== kind) return "the file is not a memo";
    return "it was made by another version of acquis, or the file was changed or cut short";
  } catch {
    return "the file is not a memo";
  }
}

/**
 * The memos to write, as files of chunks, and the names of every file they need (the others can
 * go). A base already in the store (`exists`) is not written again: bases are written once.
 */
export function memoFiles(
  memos: {
    cite?: CiteMemo | null;
    reuse: ReuseMemo | null;
    index: IndexMemo | null;
    topics?: TopicsMemo | null;
  },
  version: string,
  exists: (name: string) => boolean,
): { files: Array<{ name: string; chunks: Uint8Array[] }>; keep: string[] } {
  const out: Array<{ name: string; chunks: Uint8Array[] }> = [];
  const keep: string[] = [];
  // A memo's pieces first, then the memo file naming them: a build killed in between leaves the
  // last memo file, whose pieces are still there (only what no memo names is removed, at the end).
  const withPieces = (
    memo: "cite" | "reuse" | "index" | "topics",
    head: { kind: string; version: string },
    file: string,
    split: { sections: Record<string, Section>; pieces: PieceOut[] },
  ) => {
    const names: string[] = [];
    for (const p of split.pieces) {
      if ("carried" in p && exists(p.carried)) {
        names.push(p.carried);
        keep.push(p.carried);
        continue;
      }
      const sections = "carried" in p ? null : p.sections;
      // A carried piece gone from the store cannot be written again from here: the memo is not kept.
      if (!sections) return;
      const packed = packSummed(MEMO_PIECE.kind, `${MEMO_PIECE.version}|${version}`, sections);
      const name = pieceFile(memo, packed.sha256);
      names.push(name);
      // Packed to a piece this build read, checked, and the store still holds: those bytes.
      if (readHere.version === version && readHere.names.has(name) && exists(name)) keep.push(name);
      else out.push({ name, chunks: packed.chunks });
    }
    out.push({
      name: file,
      chunks: pack(head.kind, `${head.version}|${version}`, { ...split.sections, pieces: { json: names } }),
    });
  };
  if (memos.reuse) {
    for (const live of [memos.reuse.shingles, memos.reuse.windows]) {
      const name = baseFile(live.baseId, version);
      keep.push(name);
      // A base is written once, but one this build found spoiled is written again: the cold
      // build over the same paragraphs makes a base of its id, and the next build would read the
      // spoiled file under that name, and go cold again, at every build.
      const spoiled = readHere.version === version && readHere.unreadable.has(name);
      if (!exists(name) || spoiled)
        out.push({
          name,
          chunks: pack(
            REUSE_BASE.kind,
            `${REUSE_BASE.version}|${version}|${live.baseId}`,
            baseSections(live.base.whole(), live.base.paragraphs),
          ),
        });
    }
    // The key columns, the large columns and the kept links' records in pieces: those the change
    // did not move are carried (memo-file.ts).
    withPieces("reuse", REUSE_MEMO, MEMO_FILES.reuse, {
      sections: memoSections(memos.reuse),
      pieces: memoPieces(memos.reuse, version),
    });
  }
  // A piece of the last cite memo read only now (its group holds a changed document) that does
  // not read back: the cite memo is not kept, and the next build's cite stage runs cold.
  const cite = memos.cite && unlessUnreadable(() => citeMemoSections(memos.cite!, version));
  if (cite) withPieces("cite", CITE_MEMO, MEMO_FILES.cite, cite);
  // A piece of the last index memo read only now (the files of a piece partly rewritten) that does
  // not read back: the index memo is not kept, and the next build's index stage runs cold.
  const index = memos.index && unlessUnreadable(() => indexMemoSections(memos.index!, version));
  if (index) withPieces("index", INDEX_MEMO, MEMO_FILES.index, index);
  // As for the index: a piece read only now that does not read back costs the memo, not the build.
  const topics = memos.topics && unlessUnreadable(() => topicsMemoSections(memos.topics!, version));
  const carried = topics?.pieces.flatMap((p) => ("carried" in p && exists(p.carried) ? [p.carried] : []));
  // The topics memo as read, untouched, is the file already there, and so are its pieces.
  if (
    topics &&
    memos.topics?.unchanged &&
    exists(MEMO_FILES.topics) &&
    carried?.length === topics.pieces.length
  )
    keep.push(MEMO_FILES.topics, ...carried);
  else if (topics) withPieces("topics", TOPICS_MEMO, MEMO_FILES.topics, topics);
  keep.push(...out.map((f) => f.name));
  // Not a memo, but kept beside them: the word cut's dictionary, read (index/jieba.ts).
  keep.push(SEGMENTER_IMAGE);
  return { files: out, keep };
}
