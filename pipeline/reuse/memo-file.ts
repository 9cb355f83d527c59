/**
 * The reuse memo (incremental.ts) as the sections of packs (pipeline/pack.ts) and back: the state
 * (rewritten at every build) and the two bases of postings (written once each, live.ts), which
 * the state names by id. Typed arrays are read back as views, without parsing; the links, the
 * records and the rest are JSON. The kept links' records are JSON each in its own range, so that
 * a record a build takes from the memo unchanged is written again as its bytes (`directSections`).
 * Pure: the runner reads and writes the files.
 *
 * The kept links' records and the formula table's key columns are not in the memo file but in
 * pieces of their own (memo-pieces.ts, `memoPieces`), which a build after a change carries (not
 * packed, hashed nor written again) when it did not change them:
 * - the records grouped by a hash of their key: a piece whose records are all the very ones a
 *   build read from it, in the same slots, is carried; one change to the corpus moves the
 *   records of a few links, so it rewrites a few pieces;
 * - the key columns (each key's units, where they start, their hash: 7 MB at 200k paragraphs)
 *   as one piece, carried when the table holds the very columns read from it, as many keys.
 *   Keys are only ever appended (formula-table.ts `keyOf`), and a column read from a file has no
 *   room past its keys, so appending one makes new columns: the same columns are the same keys;
 * - the large columns (`COLUMNS`: the formula table's runs and counts, the candidate pairs, the
 *   maps of the bases' paragraphs, the copy and paragraph keys: 20 MB of the memo's 23 at 200k
 *   paragraphs) each a piece of its own, packed at every build and not written again when it
 *   packs to the piece it was read from (memos.ts): after one change all but the copy and
 *   paragraph keys (3.2 MB) do. Not carried by the object, as the records are: a build writes
 *   some of these columns in place (the counts, the paragraph keys), and copying 20 MB to
 *   compare them with cost some 100 ms (memory fresh from the system), five times their hash.
 *
 * A base holds, besides its postings, a directory (every `DIR_EVERY`-th hash) and the forward
 * list (live.ts `Forward`), so that a base its stamp vouches for is read by range
 * (`baseOfFile`): the directory whole (256 kB at 200k paragraphs), then a block of the hash, start and
 * count columns per hash looked up, one range of postings per list read, one range of the
 * forward list per removed paragraph. A base not vouched for is read whole and checked.
 */
import type { Reuse } from "../../schemas/index.ts";
import { type Column, groupsByShard, type PieceIn, PieceOrigins, type PieceOut } from "../memo-pieces.ts";
import { type OpenPack, openPack, type RangeSource, readSection, type Section } from "../pack.ts";
import type { FormulaTable, FormulaTexts } from "./formula-table.ts";
import type { AlignedDoc, DirectRecord, DocSpan, ReuseMemo, StoredLink } from "./incremental.ts";
import { type Base, BaseUnreadable, forwardOf, type LivePostings, memoryBase } from "./live.ts";
import { type Postings, sortedIndexOf } from "./postings.ts";

/** The kind of pack a reuse memo is (pack.ts), and its layout's version; and its bases'. */
export const REUSE_MEMO = { kind: "acquis reuse memo", version: "12" } as const;
export const REUSE_BASE = { kind: "acquis reuse base", version: "2" } as const;

/** One hash in this many is in a base's directory: a block is this many hashes (256 bytes). */
export const DIR_EVERY = 64;

function postingSections(prefix: string, p: Postings): Record<string, Section> {
  return {
    [`${prefix}.hash`]: p.hash,
    [`${prefix}.start`]: p.start,
    [`${prefix}.post`]: p.post,
    [`${prefix}.df`]: p.df,
  };
}

function postingsFrom(s: Record<string, Section>, prefix: string): Postings | null {
  const u32 = (name: string) => {
    const v = s[`${prefix}.${name}`];
    return v instanceof Uint32Array ? v : null;
  };
  const hash = u32("hash");
  const start = u32("start");
  const post = u32("post");
  const df = u32("df");
  if (!hash || !start || !post || !df || start.length !== hash.length + 1 || df.length !== hash.length)
    return null;
  return { hash, start, post, df };
}

/**
 * A base of postings as sections (its own pack, named by its id): its lists of postings, its
 * hash, start and count columns interleaved by blocks of `DIR_EVERY` hashes (a block is one
 * read: its hashes, its starts and the end of its last list, its counts), the directory (each
 * block's first hash) and the forward list (`paragraphs`: the base's paragraphs).
 */
export function baseSections(p: Postings, paragraphs: number): Record<string, Section> {
  const H = p.hash.length;
  const dir = new Uint32Array(Math.ceil(H / DIR_EVERY));
  const blocks = new Uint32Array(3 * H + dir.length);
  let at = 0;
  for (let i = 0; i < dir.length; i++) {
    const from = i * DIR_EVERY;
    const n = Math.min(DIR_EVERY, H - from);
    dir[i] = p.hash[from]!;
    blocks.set(p.hash.subarray(from, from + n), at);
    blocks.set(p.start.subarray(from, from + n + 1), at + n);
    blocks.set(p.df.subarray(from, from + n), at + 2 * n + 1);
    at += 3 * n + 1;
  }
  const fwd = forwardOf(p, paragraphs);
  return {
    "base.blocks": blocks,
    "base.dir": dir,
    "base.post": p.post,
    "fwd.start": fwd.start,
    "fwd.hash": fwd.hash,
  };
}

/** Block `i` of the interleaved columns `blocks` of a base of `hashes` hashes. */
function blockOf(blocks: Uint32Array, hashes: number, i: number): Block {
  const from = i * DIR_EVERY;
  const n = Math.min(DIR_EVERY, hashes - from);
  const at = i * (3 * DIR_EVERY + 1);
  return {
    hash: blocks.subarray(at, at + n),
    start: blocks.subarray(at + n, at + 2 * n + 1),
    df: blocks.subarray(at + 2 * n + 1, at + 3 * n + 1),
  };
}

/** The length of the interleaved columns of `hashes` hashes. */
const blocksLength = (hashes: number) => 3 * hashes + Math.ceil(hashes / DIR_EVERY);

/** The postings back from the interleaved columns and the lists. */
function postingsOfBlocks(blocks: Uint32Array, post: Uint32Array, hashes: number): Postings {
  const hash = new Uint32Array(hashes);
  const start = new Uint32Array(hashes + 1);
  const df = new Uint32Array(hashes);
  for (let i = 0; i * DIR_EVERY < hashes; i++) {
    const b = blockOf(blocks, hashes, i);
    hash.set(b.hash, i * DIR_EVERY);
    start.set(b.start, i * DIR_EVERY);
    df.set(b.df, i * DIR_EVERY);
  }
  return { hash, start, post, df };
}

/** A base back from its sections (read whole and checked), or null when it is not of this shape. */
export function baseFromSections(s: Record<string, Section>): Base | null {
  const u32 = (name: string) => {
    const v = s[name];
    return v instanceof Uint32Array ? v : null;
  };
  const blocks = u32("base.blocks");
  const post = u32("base.post");
  const start = u32("fwd.start");
  const hash = u32("fwd.hash");
  if (!blocks || !post || !start || !hash || start.length < 1) return null;
  // The block count b and hashes H satisfy length = 3H + b with b = ceil(H / DIR_EVERY).
  const hashes = Math.floor((blocks.length * DIR_EVERY) / (3 * DIR_EVERY + 1));
  const H = [hashes - 1, hashes, hashes + 1].find((h) => h >= 0 && blocksLength(h) === blocks.length);
  if (H === undefined) return null;
  const p = postingsOfBlocks(blocks, post, H);
  const paragraphs = start.length - 1;
  if (p.start[0] !== 0 || p.start[H] !== post.length) return null;
  for (let g = 0; g < H; g++)
    if (p.start[g]! > p.start[g + 1]! || (g && p.hash[g - 1]! >= p.hash[g]!)) return null;
  if (hash.length !== post.length || start[paragraphs] !== hash.length) return null;
  for (let b = 0; b < paragraphs; b++) if (start[b]! > start[b + 1]!) return null;
  for (let y = 0; y < post.length; y++) if (post[y]! >= paragraphs) return null;
  return memoryBase(p, paragraphs, { start, hash });
}

/**
 * A base read by range from `file` (the caller vouches for it: see the module header), or null
 * when its header does not fit. Its bytes are read as asked for; a range that turns out not to
 * read back throws BaseUnreadable (live.ts).
 * @param wholeAt the share of the blocks read one by one past which they are read whole (see
 *   FileBase; tests use Infinity to read block by block throughout)
 */
export function baseOfFile(
  file: RangeSource,
  kind: string,
  version: string,
  wholeAt = WHOLE_AT,
): Base | null {
  const pack = openPack(file, kind, version);
  if (!pack) return null;
  const at = (name: string) => {
    const a = pack.sections.get(name);
    return a && a.type === "u32" ? a : null;
  };
  const blocksAt = at("base.blocks");
  const postAt = at("base.post");
  const fwdStartAt = at("fwd.start");
  const fwdHashAt = at("fwd.hash");
  const dir = readSection(file, pack.sections.get("base.dir"), "u32");
  if (!blocksAt || !postAt || !fwdStartAt || !fwdHashAt || !dir) return null;
  const hashes = (blocksAt.length / 4 - dir.length) / 3;
  if (
    !Number.isInteger(hashes) ||
    dir.length !== Math.ceil(hashes / DIR_EVERY) ||
    fwdHashAt.length !== postAt.length ||
    fwdStartAt.length < 4
  )
    return null;
  return new FileBase(file, pack, dir, hashes, postAt.length / 4, fwdStartAt.length / 4 - 1, wholeAt);
}

/** The columns of one block of a base. */
interface Block {
  hash: Uint32Array;
  /** One more than `hash`: the end of the block's last list. */
  start: Uint32Array;
  df: Uint32Array;
}

/**
 * The share of a base's blocks read one by one past which its columns are read whole (FileBase).
 * Measured at 200k paragraphs (50,000 blocks of 64 hashes): a block read alone costs some 20 µs
 * of CPU (a system call, its array), the columns read whole some 300 ms (48 MB made and filled),
 * so one read is cheaper only past about a quarter of the blocks. The shingles of one changed
 * document (some 12,000 lookups for 200 paragraphs) reach a fifth of them: 200 ms read block by
 * block against 320 ms read whole.
 */
export const WHOLE_AT = 1 / 4;

/**
 * A base read by range (`baseOfFile`).
 *
 * Decision: blocks are read one by one while fewer than `WHOLE_AT` of them are asked for (the
 * shingles a changed document carries, the windows of the formulas whose counts moved); past
 * that, the columns are read whole in one read. (Once a 64th: when every paragraph a change is
 * compared with looked its formula windows up here, which reached most blocks; they are read
 * from the memo's frequent windows now, incremental.ts `Features`.)
 */
class FileBase implements Base {
  private blocks = new Map<number, Block>();
  private allBlocks: Uint32Array | null = null;
  private all: Postings | null = null;

  constructor(
    private file: RangeSource,
    private pack: OpenPack,
    private dir: Uint32Array,
    readonly hashes: number,
    readonly postings: number,
    readonly paragraphs: number,
    private wholeAt: number,
  ) {}

  /** `n` numbers of section `name` from number `from` on. */
  private range(name: string, from: number, n: number): Uint32Array {
    const at = this.pack.sections.get(name)!;
    if (from < 0 || n < 0 || (from + n) * 4 > at.length) throw new BaseUnreadable(`${name} out of bounds`);
    const out = new Uint32Array(n);
    if (n && !this.file.read(at.offset + from * 4, new Uint8Array(out.buffer)))
      throw new BaseUnreadable(`${name} cut short`);
    return out;
  }

  private wholeBlocks(): Uint32Array {
    this.allBlocks ??= this.range("base.blocks", 0, blocksLength(this.hashes));
    return this.allBlocks;
  }

  private block(i: number): Block {
    if (this.allBlocks) return blockOf(this.allBlocks, this.hashes, i);
    let b = this.blocks.get(i);
    if (b) return b;
    if (this.blocks.size + 1 > this.dir.length * this.wholeAt) {
      this.blocks.clear();
      return blockOf(this.wholeBlocks(), this.hashes, i);
    }
    const n = Math.min(DIR_EVERY, this.hashes - i * DIR_EVERY);
    b = blockOf(this.range("base.blocks", i * (3 * DIR_EVERY + 1), 3 * n + 1), n, 0);
    this.blocks.set(i, b);
    return b;
  }
  find(h: number): number {
    // The last block whose first hash is at or under h.
    let lo = 0;
    let hi = this.dir.length - 1;
    if (hi < 0 || this.dir[0]! > h) return -1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.dir[mid]! <= h) lo = mid;
      else hi = mid - 1;
    }
    const at = sortedIndexOf(this.block(lo).hash, h);
    return at < 0 ? -1 : lo * DIR_EVERY + at;
  }

  df(g: number): number {
    return this.block(Math.floor(g / DIR_EVERY)).df[g % DIR_EVERY]!;
  }

  list(g: number): Uint32Array {
    const b = this.block(Math.floor(g / DIR_EVERY));
    const from = b.start[g % DIR_EVERY]!;
    const to = b.start[(g % DIR_EVERY) + 1]!;
    if (to < from) throw new BaseUnreadable("base.start not ascending");
    return this.range("base.post", from, to - from);
  }

  carried(p: number): Uint32Array {
    const [from, to] = this.range("fwd.start", p, 2) as unknown as [number, number];
    if (to < from) throw new BaseUnreadable("fwd.start not ascending");
    return this.range("fwd.hash", from, to - from);
  }

  whole(): Postings {
    this.all ??= postingsOfBlocks(this.wholeBlocks(), this.range("base.post", 0, this.postings), this.hashes);
    return this.all;
  }
}

/**
 * Live postings without their base (which has a pack of its own) nor their map to the current
 * paragraphs (a piece of its own: `COLUMNS`).
 */
function liveSections(prefix: string, l: LivePostings): Record<string, Section> {
  return {
    ...postingSections(`${prefix}.delta`, l.delta),
    [`${prefix}.dead`]: { json: { baseId: l.baseId, dead: [...l.dead], deadPostings: l.deadPostings } },
  };
}

function liveFrom(
  s: Record<string, Section>,
  prefix: string,
  base: (id: string) => Base | null,
): LivePostings | null {
  const delta = postingsFrom(s, `${prefix}.delta`);
  const toCurrent = s[`${prefix}.toCurrent`];
  const meta = (
    s[`${prefix}.dead`] as { json?: { baseId: string; dead: Array<[number, number]>; deadPostings: number } }
  )?.json;
  if (!delta || !(toCurrent instanceof Int32Array) || !meta) return null;
  const b = base(meta.baseId);
  if (!b || b.paragraphs !== toCurrent.length) return null;
  return {
    base: b,
    baseId: meta.baseId,
    toCurrent,
    dead: new Map(meta.dead),
    deadPostings: meta.deadPostings,
    delta,
  };
}

const enc = new TextEncoder();
const dec = new TextDecoder();

/**
 * The kept links' records as sections: their keys and signatures as JSON, each record's JSON one
 * after the other in bytes (`direct.records`), and where each starts (`direct.at`, one more
 * entry than records). A record taken from the memo unchanged is written as the bytes it was read
 * from (incremental.ts `DirectRecord`), not made into JSON and encoded again.
 */
function directSections(direct: ReadonlyArray<readonly [string, DirectRecord]>): Record<string, Section> {
  const keys: Array<[string, string]> = [];
  const parts: Uint8Array[] = [];
  const at = new Uint32Array(direct.length + 1);
  let total = 0;
  for (const [key, d] of direct) {
    const bytes = d.bytes ?? enc.encode(JSON.stringify(d.record));
    keys.push([key, d.sig]);
    parts.push(bytes);
    total += bytes.length;
    at[keys.length] = total;
  }
  const records = new Uint8Array(total);
  for (let i = 0; i < parts.length; i++) records.set(parts[i]!, at[i]!);
  return { "direct.keys": { json: keys }, "direct.records": records, "direct.at": at };
}

/**
 * The bytes each record read from a memo was parsed from (`directFrom`), by the record object:
 * the UTF-8 of its JSON as `JSON.stringify` wrote it (`directSections`), so reuse.jsonl's source
 * is hashed from them (write.ts `recordsSource`) rather than from the record serialised again.
 * Decision: by the object, as memo-pieces.ts's origins are: a record made anew is another object
 * and has none; nothing writes to a record once made.
 */
const parsedFrom = new WeakMap<Reuse, Uint8Array>();

/** The JSON bytes `r` was read from, when it was read from a memo (see `parsedFrom`). */
export const recordJson = (r: Reuse): Uint8Array | undefined => parsedFrom.get(r);

/**
 * How many pieces the kept links' records are grouped into. Decision: 64, some 110 kB of records
 * a piece at 200k paragraphs (7 MB in all): a record the change moves rewrites its piece whole.
 */
export const DIRECT_PIECES = 64;

/** Where each record read back came from, to carry its piece when nothing in it changed. */
const origins = new PieceOrigins<DirectRecord>();

/**
 * The kept links' records as pieces (see the module header): each group of keys by its hash, in
 * the order of `direct`; `version` is the running code's (pieces carried only within it).
 */
export function directPieces(direct: ReadonlyMap<string, DirectRecord>, version: string): PieceOut[] {
  const out: PieceOut[] = [];
  for (const group of groupsByShard(direct, DIRECT_PIECES)) {
    const carried = origins.carried(
      group.map(([, d]) => d),
      version,
    );
    out.push(carried ? { carried } : { sections: directSections(group) });
  }
  return out;
}

/**
 * The kept links' records back from their pieces, or null when a piece is not of this shape. A
 * record is noted as read from its piece (see `origins`), under `version`.
 */
export function directFromPieces(
  pieces: readonly PieceIn[],
  version: string,
): Map<string, DirectRecord> | null {
  const out = new Map<string, DirectRecord>();
  for (const piece of pieces) {
    const group = directFrom(piece.sections());
    if (!group) return null;
    let slot = 0;
    for (const [key, d] of group) {
      // A key in two pieces is a memo this code did not write.
      if (out.has(key)) return null;
      out.set(key, d);
      origins.note(d, piece.name, slot++, version, group.size, group.size);
    }
  }
  return out;
}

/**
 * The kept links' records of one piece back, each parsed from its own bytes (which it keeps, to
 * be written again as they are), or null when the sections are not of this shape.
 */
function directFrom(s: Record<string, Section>): Map<string, DirectRecord> | null {
  const keys = (s["direct.keys"] as { json?: unknown } | undefined)?.json;
  const records = s["direct.records"];
  const at = s["direct.at"];
  if (
    !Array.isArray(keys) ||
    !(records instanceof Uint8Array) ||
    !(at instanceof Uint32Array) ||
    at.length !== keys.length + 1 ||
    at[0] !== 0 ||
    at[keys.length] !== records.length
  )
    return null;
  const out = new Map<string, DirectRecord>();
  const view = Buffer.from(records.buffer, records.byteOffset, records.length);
  for (let i = 0; i < keys.length; i++) {
    const entry = keys[i] as unknown;
    if (!Array.isArray(entry) || typeof entry[0] !== "string" || typeof entry[1] !== "string") return null;
    if (at[i]! > at[i + 1]! || out.has(entry[0])) return null;
    const record = recordOf(view, at[i]!, at[i + 1]!);
    if (!record) return null;
    const bytes = records.subarray(at[i]!, at[i + 1]!);
    out.set(entry[0], { sig: entry[1], record, bytes });
    parsedFrom.set(record, bytes);
  }
  return out;
}

/** Where a record's diff starts and where the member after it does, in its JSON (`recordOf`). */
const DIFF_KEY = Buffer.from(',"diff":[');
const AFTER_DIFF = Buffer.from('],"');

/**
 * The record whose JSON is `view`'s bytes [start, end), its diff parsed only when first read
 * (`lazyDiff`), or null when they are not a record's JSON.
 * Decision: after a change, nothing reads the diff of a record taken from the memo unless
 * reuse.jsonl is written again (a link of the changed document's moved): at 200k paragraphs the
 * diffs are 3.4 of the records' 4.7 million characters and 80,000 of their objects, parsed and
 * kept through the build for nothing. The members before the diff and after it are parsed now.
 * The cut is exact for any JSON text (these bytes are one: JSON.stringify's, in a piece checked by
 * its checksum or vouched for by its stamp, memos.ts). A quote
 * inside a string is escaped, so `,"diff":[` and `],"` are never inside one. The head up to the
 * first `,"diff":[` closed with "}" parses as an object only when that is a member of the record
 * itself, and the tail after the first `],"` past it, opened with "{", only when its comma is
 * between two members of the record: then that `]` closes the diff (the first place past the diff's
 * start where the record's depth comes back), and the diff is all that lies between. Any other
 * layout is parsed whole.
 */
function recordOf(view: Buffer, start: number, end: number): Reuse | null {
  const d = view.indexOf(DIFF_KEY, start);
  const e = d >= start && d + DIFF_KEY.length <= end ? view.indexOf(AFTER_DIFF, d + DIFF_KEY.length) : -1;
  if (e > d && e + AFTER_DIFF.length <= end) {
    try {
      const head = JSON.parse(`${view.toString("utf8", start, d)}}`) as Record<string, unknown>;
      const tail = JSON.parse(`{${view.toString("utf8", e + 2, end)}`) as Record<string, unknown>;
      if (!Object.hasOwn(head, "diff") && !Object.hasOwn(tail, "diff"))
        return lazyDiff(head, view.subarray(d + 1, e + 1), tail);
    } catch {
      // Not cut between members: parsed whole below.
    }
  }
  try {
    return JSON.parse(view.toString("utf8", start, end)) as Reuse;
  } catch {
    return null;
  }
}

/**
 * `head`, then a `diff` parsed from `member` (its bytes, `"diff":[...]`) when first read, then
 * `tail`: the members in the order of the JSON they come from, as JSON.parse gives them. The
 * getter is replaced by the value it read, so the bytes are parsed once. Their views stay valid
 * as long as the record's own bytes do (`DirectRecord.bytes`, which the memo writes again).
 */
function lazyDiff(head: Record<string, unknown>, member: Uint8Array, tail: Record<string, unknown>): Reuse {
  Object.defineProperty(head, "diff", {
    enumerable: true,
    configurable: true,
    get() {
      const diff = diffOf(member);
      ownValue(head, "diff", diff);
      return diff;
    },
  });
  // Defined, not assigned: a member named "__proto__" is the record's own, as JSON.parse makes it.
  for (const key of Object.keys(tail)) ownValue(head, key, tail[key]);
  return head as Reuse;
}

/** `o[key] = value` as JSON.parse makes a member: an own, plain property, whatever the key. */
function ownValue(o: object, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, configurable: true, writable: true });
}

/**
 * A record's diff from its member's bytes. They passed their piece's checks and were cut where
 * `recordOf` shows the diff alone lies: bytes that are not one `diff` member are a fault of this
 * code, not of the memo, and stop the build rather than be written.
 */
function diffOf(member: Uint8Array): Reuse["diff"] {
  const parsed = JSON.parse(`{${dec.decode(member)}}`) as Record<string, unknown>;
  const keys = Object.keys(parsed);
  if (keys.length !== 1 || keys[0] !== "diff" || !Array.isArray(parsed.diff))
    throw new Error("reuse memo: a record's diff is not where its JSON was cut");
  return parsed.diff as Reuse["diff"];
}

/** Where the key columns of a table read back came from (see the module header), by its units. */
const keyOrigins = new WeakMap<
  Int32Array,
  { piece: string; version: string; keys: number; keyStart: Uint32Array; keyHash: Uint32Array }
>();

/** The formula table's key columns, kept in a piece of their own. */
const KEY_COLUMNS = ["formulas.units", "formulas.keyStart", "formulas.keyHash"];

/** The formula table's key columns as a piece, carried when they are the ones read (see above). */
function keyPiece(t: FormulaTable, version: string): PieceOut {
  const o = keyOrigins.get(t.units);
  if (o && o.version === version && o.keys === t.keys && o.keyStart === t.keyStart && o.keyHash === t.keyHash)
    return { carried: o.piece };
  return {
    sections: {
      "formulas.units": t.units.subarray(0, t.keyStart[t.keys]!),
      "formulas.keyStart": t.keyStart.subarray(0, t.keys + 1),
      "formulas.keyHash": t.keyHash.subarray(0, t.keys),
    },
  };
}

/**
 * The memo's large columns, each a piece of its own (see the module header), in this order: the
 * memo's pieces hold them after the key columns' piece, before the records'.
 */
export const COLUMNS = [
  "copyKey",
  "paraKey",
  "pairs",
  "shingles.toCurrent",
  "windows.toCurrent",
  "formulas.dfZh",
  "formulas.dfEn",
  "formulas.runStart",
  "formulas.runs",
  "formulas.carZh",
  "formulas.carEn",
  "formulas.examples",
] as const;

/** The memo's large columns by name (see COLUMNS), as its pieces hold them. */
function columnsOf(m: ReuseMemo): Record<(typeof COLUMNS)[number], Column> {
  const t = m.formulas;
  return {
    copyKey: m.copyKey,
    paraKey: m.paraKey,
    pairs: m.pairs,
    "shingles.toCurrent": m.shingles.toCurrent,
    "windows.toCurrent": m.windows.toCurrent,
    // The columns have room to grow past their keys (formula-table.ts): only the keys' part. The
    // counts are written in place by a build: kept only when they pack to the piece read.
    "formulas.dfZh": t.dfZh.subarray(0, t.keys),
    "formulas.dfEn": t.dfEn.subarray(0, t.keys),
    // The run columns as they stand, the memo's bytes carried for the untouched (formula-table.ts).
    "formulas.runStart": t.runStart,
    "formulas.runs": t.runs.subarray(0, 3 * t.runStart[t.runStart.length - 1]!),
    // The list's counts, as many as the keys (with room past them, as the counts above).
    "formulas.carZh": m.listCounts.carZh.subarray(0, t.keys),
    "formulas.carEn": m.listCounts.carEn.subarray(0, t.keys),
    "formulas.examples": m.listCounts.examples.subarray(0, 3 * t.keys),
  };
}

/**
 * The large columns as pieces, each packed (and so hashed): one that packs to the piece it was
 * read from is not written again (memos.ts). Its name stands beside its bytes, so that two
 * columns of the same bytes (two empty ones) are two pieces.
 */
function columnPieces(m: ReuseMemo): PieceOut[] {
  const columns = columnsOf(m);
  return COLUMNS.map((name) => ({ sections: { column: { json: name }, bytes: columns[name] } }));
}

/**
 * The memo's pieces (see the module header): the key columns', the large columns', then the
 * records'; `version` is the running code's (pieces carried only within it).
 */
export function memoPieces(m: ReuseMemo, version: string): PieceOut[] {
  return [keyPiece(m.formulas, version), ...columnPieces(m), ...directPieces(m.direct, version)];
}

/**
 * The memo back from its file's sections, its pieces (as `memoPieces` gives them, read) and its
 * bases (by id), or null when a section, a piece or a base is missing or of another shape.
 */
export function memoFromPieces(
  s: Record<string, Section>,
  pieces: readonly PieceIn[],
  version: string,
  base: (id: string) => Base | null,
): ReuseMemo | null {
  const [keys, ...rest] = pieces;
  if (!keys || rest.length < COLUMNS.length) return null;
  const k = keys.sections();
  const direct = directFromPieces(rest.slice(COLUMNS.length), version);
  // The key columns and the large ones from their pieces alone, never from the memo file.
  const all: Record<string, Section> = { ...s };
  for (const name of KEY_COLUMNS) {
    delete all[name];
    if (k[name]) all[name] = k[name];
  }
  const columns = COLUMNS.map((name, i) => columnFrom(rest[i]!, name));
  for (const [i, name] of COLUMNS.entries()) {
    delete all[name];
    if (columns[i]) all[name] = columns[i];
  }
  const m = direct && memoFromSections(all, direct, base);
  if (m) {
    const t = m.formulas;
    keyOrigins.set(t.units, {
      piece: keys.name,
      version,
      keys: t.keys,
      keyStart: t.keyStart,
      keyHash: t.keyHash,
    });
  }
  return m;
}

/** A large column back from its piece, or null when the piece does not hold that column. */
function columnFrom(piece: PieceIn, name: string): Column | null {
  const s = piece.sections();
  const bytes = s.bytes;
  const named = (s.column as { json?: unknown } | undefined)?.json === name;
  return named && (bytes instanceof Uint32Array || bytes instanceof Int32Array) ? bytes : null;
}

/** The memo as sections, but its pieces' (`memoPieces`). */
export function memoSections(m: ReuseMemo): Record<string, Section> {
  return {
    meta: {
      json: {
        settings: m.settings,
        formulaDf: m.formulaDf,
        size: m.size,
        docs: m.docs,
        refs: [...m.refs],
        found: m.found,
        formulaTexts: [...m.formulaTexts],
        carried: [...m.carried],
        aligned: [...m.aligned],
      },
    },
    formulaWindows: m.formulaWindows,
    formulaCounts: m.formulaCounts,
    ...liveSections("shingles", m.shingles),
    ...liveSections("windows", m.windows),
    copies: m.copies,
  };
}

/** The formula list's texts back (incremental.ts `ReuseMemo.formulaTexts`), or null when not pairs of strings. */
function textsOf(json: unknown): FormulaTexts | null {
  if (!Array.isArray(json)) return null;
  for (const e of json)
    if (!Array.isArray(e) || e.length !== 2 || typeof e[0] !== "string" || typeof e[1] !== "string")
      return null;
  return new Map(json as Array<[string, string]>);
}

/** The ids of the bases a memo's sections stand on (to read them before the memo). */
export function baseIdsOf(s: Record<string, Section>): string[] {
  return ["shingles", "windows"].flatMap((prefix) => {
    const id = (s[`${prefix}.dead`] as { json?: { baseId?: unknown } } | undefined)?.json?.baseId;
    return typeof id === "string" ? [id] : [];
  });
}

/**
 * The memo back from its sections (the key columns among them), its records (`directFromPieces`)
 * and its bases (by id), or null when a section or a base is missing or of another shape.
 */
function memoFromSections(
  s: Record<string, Section>,
  direct: Map<string, DirectRecord> | null,
  base: (id: string) => Base | null,
): ReuseMemo | null {
  const u32 = (name: string): Uint32Array | null => {
    const v = s[name];
    return v instanceof Uint32Array ? v : null;
  };
  const meta = (s.meta as { json?: Record<string, unknown> } | undefined)?.json;
  const units = s["formulas.units"];
  const keyStart = u32("formulas.keyStart");
  const dfZh = u32("formulas.dfZh");
  const dfEn = u32("formulas.dfEn");
  const keyHash = u32("formulas.keyHash");
  const runStart = u32("formulas.runStart");
  const runs = u32("formulas.runs");
  const carZh = u32("formulas.carZh");
  const carEn = u32("formulas.carEn");
  const examples = s["formulas.examples"];
  const copyKey = u32("copyKey");
  const paraKey = u32("paraKey");
  const formulaWindows = u32("formulaWindows");
  const formulaCounts = u32("formulaCounts");
  const shingles = liveFrom(s, "shingles", base);
  const windows = liveFrom(s, "windows", base);
  const pairs = u32("pairs");
  const copies = u32("copies");
  if (
    !direct ||
    !meta ||
    !(units instanceof Int32Array) ||
    !keyStart ||
    !dfZh ||
    !dfEn ||
    !keyHash ||
    !runStart ||
    !runs ||
    !carZh ||
    !carEn ||
    !(examples instanceof Int32Array) ||
    !copyKey ||
    !paraKey ||
    !formulaWindows ||
    !formulaCounts ||
    formulaCounts.length !== formulaWindows.length ||
    !shingles ||
    !windows ||
    !pairs ||
    !copies
  )
    return null;
  const size = meta.size;
  const docs = meta.docs as DocSpan[];
  const formulaTexts = textsOf(meta.formulaTexts);
  if (!formulaTexts) return null;
  if (
    typeof size !== "number" ||
    !Array.isArray(docs) ||
    !Array.isArray(meta.refs) ||
    runStart.length !== size + 1 ||
    copyKey.length !== size * 2 ||
    paraKey.length !== size * 2 ||
    docs.some(
      (d) =>
        d.first + d.count > size ||
        typeof d.firstId !== "string" ||
        typeof d.lastId !== "string" ||
        typeof d.date !== "string" ||
        typeof d.ordered !== "boolean",
    )
  )
    return null;
  const keys = keyStart.length - 1;
  if (
    keys < 0 ||
    dfZh.length !== keys ||
    dfEn.length !== keys ||
    keyHash.length !== keys ||
    carZh.length !== keys ||
    carEn.length !== keys ||
    examples.length !== 3 * keys ||
    keyStart[0] !== 0 ||
    keyStart[keys] !== units.length ||
    runStart[size] !== runs.length / 3
  )
    return null;
  for (let k = 0; k < keys; k++) if (keyStart[k]! > keyStart[k + 1]!) return null;
  if (runStart[0] !== 0) return null;
  for (let p = 0; p < size; p++) if (runStart[p]! > runStart[p + 1]!) return null;
  for (let r = 2; r < runs.length; r += 3) if (runs[r]! >= keys) return null;
  for (let i = 0; i < examples.length; i++) if (examples[i]! < -1 || examples[i]! >= size) return null;
  // The columns are taken as read (views of the memo's bytes; the key columns written to in place
  // by this build, the run columns made anew from them); the lookup of keys by hash is made only
  // if a new run needs a key (formula-table.ts).
  const table: FormulaTable = {
    keys,
    units,
    keyStart,
    dfZh,
    dfEn,
    keyHash,
    runStart,
    runs,
    byHash: null,
  };
  return {
    settings: meta.settings as string,
    formulaDf: meta.formulaDf as number,
    formulaWindows,
    formulaCounts,
    size,
    docs,
    paraKey,
    refs: new Map(meta.refs as Array<[string, string]>),
    copyKey,
    shingles,
    windows,
    pairs,
    copies,
    found: meta.found as StoredLink[],
    formulas: table,
    listCounts: { carZh, carEn, examples },
    formulaTexts,
    direct,
    carried: new Map(meta.carried as Array<[string, Reuse]>),
    aligned: new Map(meta.aligned as Array<[string, AlignedDoc]>),
  };
}
