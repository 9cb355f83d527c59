/**
 * The disk, behind a small module: listing and reading the corpus, the parse cache, and the
 * atomic write of the output directory. Only the build runner and CLI commands import it; stage
 * code stays pure.
 *
 * Decision on the output: everything is written into a fresh temporary directory beside the
 * output (same parent, so the same file system) and renamed into place only when every file is
 * complete, so a failed or killed build leaves the last good output as it was. The swap is two
 * renames (old out of the way, new in); a build killed between them leaves the old directory
 * beside the output, and the next build puts it back before anything else.
 */
import { createHash } from "node:crypto";
import {
  type BigIntStats,
  closeSync,
  type Dirent,
  existsSync,
  fstatSync,
  linkSync,
  mkdirSync,
  openSync,
  readdir,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmdir,
  rmdirSync,
  rmSync,
  statSync,
  unlink,
  unlinkSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** A file under a directory, with its size and stamp; `rel` is "/"-separated. */
export interface ListedFile {
  rel: string;
  abs: string;
  size: number;
  /** As the listing found it (the same stat): see `SourceStamp`. */
  stamp: SourceStamp;
}

/**
 * The stamp of a file the build reads but did not write (a corpus file): `FileStamp` and the
 * status-change time, which every write and every change of the modification time moves (a
 * modification time set back by hand after an edit, as `touch -d` or `cp -p` do, still moves it).
 */
export interface SourceStamp extends FileStamp {
  ctimeNs: string;
}

/**
 * Every file under `dir`, up to `depth` folders deep, skipping dot-files and dot-folders, sorted
 * by path. Returns null when `dir` does not exist or is not a folder.
 */
export function listFiles(dir: string, depth = 3): ListedFile[] | null {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return null;
  const out: ListedFile[] = [];
  const walk = (abs: string, rel: string, level: number) => {
    for (const entry of readdirSync(abs, { withFileTypes: true })) {
      if (entry.name.startsWith(".")) continue;
      const childAbs = path.join(abs, entry.name);
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      // A folder the listing names as one is walked without a stat of its own (a corpus is a
      // folder per document: half the stats of the listing); a file needs its stamp, and a link
      // is followed, as before.
      if (entry.isDirectory()) {
        if (level < depth) walk(childAbs, childRel, level + 1);
        continue;
      }
      const stat = statSync(childAbs, { bigint: true });
      if (stat.isDirectory()) {
        if (level < depth) walk(childAbs, childRel, level + 1);
      } else if (stat.isFile())
        out.push({
          rel: childRel,
          abs: childAbs,
          size: Number(stat.size),
          stamp: {
            ino: String(stat.ino),
            size: Number(stat.size),
            mtimeNs: String(stat.mtimeNs),
            ctimeNs: String(stat.ctimeNs),
          },
        });
    }
  };
  walk(dir, "", 1);
  return out.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
}

/** A file's bytes. */
export function readBytes(file: string): Uint8Array {
  return readFileSync(file);
}

/** A file's bytes, or null when it does not exist. */
export function readBytesIfExists(file: string): Uint8Array | null {
  return existsSync(file) ? readFileSync(file) : null;
}

export { sha256 } from "./hash.ts";

/** "/"-separated path of `abs` relative to `root`, as diagnostics and exported records carry it. */
export function relativePath(root: string, abs: string): string {
  return path.relative(root, abs).split(path.sep).join("/");
}

/**
 * A content-addressed text cache in one folder: `<dir>/<key>.jsonl`. Entries are written through
 * a temporary file and a rename, so a reader never sees half an entry; an unreadable entry is a
 * miss, never an error.
 *
 * Decisions:
 * - Entries are read through one buffer, reused from entry to entry (grown when one is larger):
 *   the reader copies out what it keeps. A fresh buffer per entry (readFileSync) has its pages
 *   faulted in anew each time: at 200k paragraphs, reading the 1,330 entries (204 MB) took 400-880
 *   ms of CPU that way, nine tenths in the kernel, against 76-97 ms through one buffer (three runs
 *   each, alternating, load average 8 on 2 cores).
 * - What a build writes of an entry later (its piece of paragraphs.jsonl) is read again then, by
 *   range (`range`), with the stamp the first read took (`CacheRead`): an entry is replaced only
 *   whole, through a rename (a new inode), so the same inode, size, modification and status-change
 *   times mean the same bytes, as they do for git's index; any write moves the status-change time,
 *   even one whose modification time is set back. A stamp that moved fails the read: the caller
 *   has used the bytes it read first, and must not write others. Checked so rather than by a hash
 *   of the bytes, which would cost as much as hashing paragraphs.jsonl again; what the stamp
 *   cannot see is an edit in place within the same tick of the file system's clock as the entry's
 *   last write, and the code never writes an entry in place.
 * - A descriptor is opened per read, never kept: a build holds more entries (1,329 at 200k
 *   paragraphs) than the default limit of open files (1,024).
 * - `read` may be asked for an entry's first bytes only, and gives the entry's size with them: a
 *   build after a change reads the headers (build/entry.ts, layout 11), the parts of an entry
 *   after them by `range` when it needs them, under the stamp of that first read.
 */
export class TextCache {
  /** The reused buffer of `read`; `range` has its own, its views living while the writer writes them. */
  private readBuf: Buffer = Buffer.allocUnsafeSlow(1 << 20);
  private rangeBuf: Buffer = Buffer.allocUnsafeSlow(1 << 20);

  constructor(
    readonly dir: string,
    readonly writable: boolean,
  ) {}

  /**
   * An entry's bytes, a view of a buffer the next call reuses (copy out what is kept), its size
   * and its stamp; undefined when there is none or it cannot be read. Given `limit`, its first
   * `limit` bytes only: a build after a change reads an entry's header, and its other parts by
   * range when a stage asks for them.
   */
  read(key: string, limit = Number.POSITIVE_INFINITY): CacheRead | undefined {
    let fd: number;
    try {
      fd = openSync(path.join(this.dir, `${key}.jsonl`), "r");
    } catch {
      return undefined;
    }
    try {
      const st = fstatSync(fd, { bigint: true });
      const size = Number(st.size);
      const length = Math.min(size, limit);
      if (this.readBuf.length < length) this.readBuf = grown(this.readBuf, length);
      const got = readFully(fd, this.readBuf, length, 0);
      return { bytes: this.readBuf.subarray(0, got), stamp: stampString(st), size };
    } catch {
      return undefined;
    } finally {
      closeSync(fd);
    }
  }

  /**
   * Bytes [start, end) of an entry as `read` found it (`stamp`), a view of a buffer the next call
   * reuses. Throws when the entry is gone, is no longer those bytes (its stamp moved) or is
   * shorter than `end`: never other bytes than the ones read before.
   */
  range(key: string, stamp: string, start: number, end: number): Uint8Array {
    const file = path.join(this.dir, `${key}.jsonl`);
    const fd = openSync(file, "r");
    try {
      const now = stampString(fstatSync(fd, { bigint: true }));
      if (now !== stamp) throw new Error(`${file} changed since this build read it (${stamp} -> ${now})`);
      const length = end - start;
      if (this.rangeBuf.length < length) this.rangeBuf = grown(this.rangeBuf, length);
      if (readFully(fd, this.rangeBuf, length, start) !== length)
        throw new Error(`${file} is shorter than when this build read it`);
      return this.rangeBuf.subarray(0, length);
    } finally {
      closeSync(fd);
    }
  }

  set(key: string, text: string): void {
    if (!this.writable) return;
    mkdirSync(this.dir, { recursive: true });
    const file = path.join(this.dir, `${key}.jsonl`);
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  }

  /**
   * Remove the entries not in `keep` (this build's documents' keys) once the folder holds more
   * than twice as many entries as `keep`, and 16 more: an entry is made for every version of a
   * document, by the parser's version too, and none was ever removed, so the folder grew by a
   * whole corpus (205 MB at 200k paragraphs) with every new parser and by an entry with every
   * edit. Below that bound, older versions stay (a branch switched back is still a hit).
   * @returns how many entries were removed
   */
  prune(keep: ReadonlySet<string>): number {
    if (!this.writable) return 0;
    let names: string[];
    try {
      names = readdirSync(this.dir).filter((n) => n.endsWith(".jsonl"));
    } catch {
      return 0;
    }
    if (names.length <= 2 * keep.size + 16) return 0;
    let removed = 0;
    for (const name of names) {
      if (keep.has(name.slice(0, -".jsonl".length))) continue;
      try {
        unlinkSync(path.join(this.dir, name));
        removed++;
      } catch {
        // Gone already (another build pruned it): nothing to do.
      }
    }
    return removed;
  }
}

/** An entry as `TextCache.read` found it: its bytes (a view of a reused buffer), its size and its stamp. */
export interface CacheRead {
  bytes: Uint8Array;
  /** The entry's size in bytes, `bytes` its first ones when the read was limited. */
  size: number;
  /** Inode, size, modification and status-change times in nanoseconds, as one string. */
  stamp: string;
}

/** A file's stamp as `TextCache` compares it (see its "Decisions"). */
function stampString(st: BigIntStats): string {
  return `${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`;
}

/** A buffer of at least `size` bytes, twice the old one when that is more (few regrowths). */
function grown(old: Buffer, size: number): Buffer {
  return Buffer.allocUnsafeSlow(Math.max(size, 2 * old.length));
}

/** Read up to `length` bytes at `position` into the start of `buf`; how many there were. */
function readFully(fd: number, buf: Buffer, length: number, position: number): number {
  let got = 0;
  while (got < length) {
    const n = readSync(fd, buf, got, length - got, position + got);
    if (n === 0) break;
    got += n;
  }
  return got;
}

/**
 * A file open for reading by range (FileStore.open): the bytes a reader asks for and no others,
 * so a memo of hundreds of megabytes costs what is looked up in it, not its size.
 */
export interface RangeFile {
  /** The file's size in bytes when it was opened. */
  readonly size: number;
  /** Its stamp (`stampOf`) as the open descriptor found it: the stamp of the bytes read through it. */
  readonly stamp: FileStamp;
  /**
   * Fill `into` from the file's bytes at `position`; false when the file has fewer bytes there
   * (cut short since it was opened, or asked past its end).
   */
  read(position: number, into: Uint8Array): boolean;
  /** Let the file go; reads after this fail. */
  close(): void;
}

/**
 * A file open for reading by range (`RangeFile`), or undefined when it cannot be opened (nor
 * its stamp read). The caller closes it.
 */
export function openRange(abs: string): RangeFile | undefined {
  let fd: number;
  try {
    fd = openSync(abs, "r");
  } catch {
    return undefined;
  }
  let st: BigIntStats;
  try {
    st = fstatSync(fd, { bigint: true });
  } catch {
    closeSync(fd);
    return undefined;
  }
  let open = true;
  return {
    size: Number(st.size),
    stamp: { ino: String(st.ino), size: Number(st.size), mtimeNs: String(st.mtimeNs) },
    read(position: number, into: Uint8Array): boolean {
      if (!open) return false;
      let got = 0;
      while (got < into.length) {
        const n = readSync(fd, into, got, into.length - got, position + got);
        if (n === 0) return false;
        got += n;
      }
      return true;
    },
    close(): void {
      if (open) closeSync(fd);
      open = false;
    },
  };
}

/**
 * Whole files by name in one folder (what a build keeps for the next: the stages' memos), each
 * written through a temporary file and a rename, so a reader never sees half a file and a build
 * killed while writing one leaves the previous file. A file that cannot be read is absent.
 */
export class FileStore {
  constructor(
    readonly dir: string,
    readonly writable: boolean,
  ) {}

  get(name: string): Uint8Array | undefined {
    try {
      return readFileSync(path.join(this.dir, name));
    } catch {
      return undefined;
    }
  }

  /**
   * A kept file open for reading by range, or undefined when it cannot be opened. The caller
   * closes it. A file replaced after this call is still read as it was when opened (the
   * descriptor holds it), so a reader never mixes two versions of one file.
   */
  open(name: string): RangeFile | undefined {
    return openRange(path.join(this.dir, name));
  }

  /**
   * The names of the files kept. Temporary files are not among them; those a killed build left
   * (its process is gone) are removed on the way, when the store is writable.
   */
  names(): string[] {
    let all: string[];
    try {
      all = readdirSync(this.dir);
    } catch {
      return [];
    }
    for (const n of all) {
      const m = /\.(\d+)\.tmp$/.exec(n);
      if (m && this.writable && !isAlive(Number(m[1]))) rmSync(path.join(this.dir, n), { force: true });
    }
    return all.filter((n) => !n.endsWith(".tmp"));
  }

  /**
   * The file system's time now, in nanoseconds, as it stamps files (a coarse clock: a tick of a
   * few milliseconds), read from a file written and removed here; null when it cannot be written.
   * A file modified after this call gets a modification time at or after it, which is what lets
   * a build trust the stamps it takes after it (load/memo.ts).
   */
  clock(): bigint | null {
    if (!this.writable) return null;
    const file = path.join(this.dir, `clock.${process.pid}.tmp`);
    try {
      mkdirSync(this.dir, { recursive: true });
      writeFileSync(file, "");
      const t = statSync(file, { bigint: true });
      rmSync(file, { force: true });
      return t.mtimeNs;
    } catch {
      return null;
    }
  }

  /** A kept file's stamp (host.ts `stampOf`), or null when there is none. */
  stamp(name: string): FileStamp | null {
    return stampOf(path.join(this.dir, name));
  }

  /** Remove a file. */
  remove(name: string): void {
    if (!this.writable) return;
    rmSync(path.join(this.dir, name), { force: true });
  }

  set(name: string, chunks: readonly Uint8Array[]): void {
    if (!this.writable) return;
    mkdirSync(this.dir, { recursive: true });
    const file = path.join(this.dir, name);
    const tmp = `${file}.${process.pid}.tmp`;
    const fd = openSync(tmp, "w");
    try {
      for (const c of chunks) {
        let off = 0;
        while (off < c.length) off += writeSync(fd, c, off, c.length - off);
      }
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  }
}

declare const __ACQUIS_BUILD__: string | undefined;

/** The compiled CLI's build id (pipeline/compile.ts defines it), or null when run from the sources. */
export const BUILD_ID: string | null = typeof __ACQUIS_BUILD__ === "string" ? __ACQUIS_BUILD__ : null;

/** The folders the code of acquis lives in, relative to the repository root. */
export const SOURCE_DIRS = ["pipeline", "core", "schemas", "site/src/lib"] as const;

/** A hash of every file under SOURCE_DIRS and of the lock file: which code this is. */
export function sourceDigest(repo: string): string {
  const hash = createHash("sha256");
  const walk = (dir: string) => {
    for (const e of readdirSync(path.join(repo, dir), { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    )) {
      const rel = `${dir}/${e.name}`;
      if (e.isDirectory()) walk(rel);
      else if (e.isFile()) hash.update(`${rel}\n`).update(readFileSync(path.join(repo, rel)));
    }
  };
  for (const dir of SOURCE_DIRS) walk(dir);
  hash.update(readFileSync(path.join(repo, "package-lock.json")));
  return hash.digest("hex").slice(0, 16);
}

let version: string | null = null;

/**
 * The version of the running code, for what a build keeps for the next: the compiled build's id,
 * or, run from the sources, a hash of them (computed once, a few milliseconds).
 */
export function codeVersion(): string {
  version ??= BUILD_ID ?? sourceDigest(path.resolve(path.dirname(fileURLToPath(import.meta.url)), ".."));
  return version;
}

/** One output file: its content as a sequence of chunks, so a large JSONL is never one string. */
export interface OutputFile {
  /** Path relative to the output directory, "/"-separated. */
  path: string;
  /**
   * The content, or a function that makes it: a function is called only when the file is written
   * (not when the last output's file made from the same `source` is linked instead), so the
   * validation and serialisation it does are skipped for a file that did not change.
   */
  chunks: Iterable<string | Uint8Array> | (() => Iterable<string | Uint8Array>);
  /**
   * True when a chunk of bytes is valid only until the next is asked for (read through a reused
   * buffer): the file is then written and hashed as its chunks come, never held, and replaced by
   * the last output's file of the same bytes afterwards (`link`), where other files are made and
   * hashed before anything is written.
   */
  transient?: boolean;
  /**
   * A digest of what the content is made from (write.ts `sourceOf`), when the content is a pure
   * function of it: the writer's `made` hook can then name the last output's file made from the
   * same, without making the content again.
   */
  source?: string;
  /**
   * The SHA-256 and size of the content, when known without making it (a file carried in a memo
   * that lists them): the writer links the last output's file of the same bytes, whatever path it
   * had there, and makes the content only when there is none. Unlike `source`, not tied to the
   * path: the index's text chunks move to a folder of another name at every change.
   */
  known?: { sha256: string; bytes: number };
  /** Number of records (JSONL lines, array entries) for the manifest; null when not countable. */
  records: number | null;
  /** The contract version the file follows; null for files that are not data (none yet). */
  schemaVersion: number | null;
}

/** What the manifest says of a written file. */
export interface WrittenFile {
  path: string;
  schemaVersion: number | null;
  records: number | null;
  bytes: number;
  sha256: string;
}

/**
 * Characters of string chunks gathered into one buffer before it is hashed and written. Decision:
 * 64k (at most 192 kB of UTF-8), not the 1M it was: a buffer of megabytes is memory fresh from the
 * system, whose first touch costs some 20 us a 4 kB page on this project's machine (hash.ts);
 * buffers this size come from memory the process had already, and the writes stay few (170 for
 * the 10.7 MB of diagnostics.json at 200k paragraphs).
 */
const CHUNK = 1 << 16;

/** Write one file from chunks, hashing as it goes. */
function writeChunks(abs: string, chunks: Iterable<string | Uint8Array>): { bytes: number; sha256: string } {
  mkdirSync(path.dirname(abs), { recursive: true });
  const fd = openSync(abs, "w");
  const hash = createHash("sha256");
  let bytes = 0;
  let pending = "";
  const flush = (data: string | Uint8Array) => {
    const buf = typeof data === "string" ? Buffer.from(data, "utf8") : data;
    hash.update(buf);
    bytes += buf.length;
    let off = 0;
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
  };
  try {
    for (const chunk of chunks) {
      if (typeof chunk === "string") {
        pending += chunk;
        if (pending.length >= CHUNK) {
          flush(pending);
          pending = "";
        }
      } else {
        if (pending) flush(pending);
        pending = "";
        flush(chunk);
      }
    }
    if (pending) flush(pending);
  } finally {
    closeSync(fd);
  }
  return { bytes, sha256: hash.digest("hex") };
}

/** Write one file from bytes already hashed. */
function writeBytes(abs: string, bufs: readonly Uint8Array[]): void {
  mkdirSync(path.dirname(abs), { recursive: true });
  const fd = openSync(abs, "w");
  try {
    for (const b of bufs) {
      let off = 0;
      while (off < b.length) off += writeSync(fd, b, off, b.length - off);
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Hard-link `from` at `dest`; false when the file system refuses (then the caller writes).
 * `dirs`: the folders made so far, so a folder of 4,000 links is made once, not asked for 4,000 times.
 */
function linkTo(from: string, dest: string, dirs: Set<string>): boolean {
  try {
    const dir = path.dirname(dest);
    if (!dirs.has(dir)) {
      mkdirSync(dir, { recursive: true });
      dirs.add(dir);
    }
    linkSync(from, dest);
    return true;
  } catch {
    return false;
  }
}

/**
 * Put a hard link to `from` in place of the file `dest` just written (a link beside it, renamed
 * over it); should the file system refuse, the file written stays, the same bytes.
 */
function replaceByLink(from: string, dest: string): void {
  const beside = `${dest}.link`;
  try {
    linkSync(from, beside);
    renameSync(beside, dest);
  } catch {
    rmSync(beside, { force: true });
  }
}

/** Chunks as bytes, strings joined into buffers of about CHUNK characters first (few writes). */
function bytesOf(chunks: Iterable<string | Uint8Array>): Uint8Array[] {
  const out: Uint8Array[] = [];
  let pending = "";
  for (const c of chunks) {
    if (typeof c === "string") {
      pending += c;
      if (pending.length >= CHUNK) {
        out.push(Buffer.from(pending, "utf8"));
        pending = "";
      }
    } else {
      if (pending) out.push(Buffer.from(pending, "utf8"));
      pending = "";
      out.push(c);
    }
  }
  if (pending) out.push(Buffer.from(pending, "utf8"));
  return out;
}

/**
 * Remove a folder and everything under it. Decision: not `rmSync(recursive)`, which asks the
 * type of every entry with a stat of its own before unlinking it: the listing already says which
 * entries are folders, which halves the calls for the ~8,000 files of an output at 200k paragraphs.
 */
function removeTree(dir: string): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return;
    throw e;
  }
  for (const e of entries) {
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) removeTree(abs);
    else unlinkSync(abs);
  }
  rmdirSync(dir);
}

/**
 * `removeTree` on the thread pool: the ~8,000 unlinks of the last output at 200k paragraphs run
 * beside the main thread's work instead of before it (the build after one change writes its memos
 * meanwhile). Resolves once the folder is gone; a folder already gone is no error; the first
 * failure rejects, once the calls under way are done. Decision: callbacks and a count, not a
 * promise a file: the main thread's share of 8,100 unlinks is then some 10-30 % less CPU (measured
 * alone on a folder of 8,100 empty files, 3 runs each, load ~14).
 */
export function removeTreeLater(dir: string): Promise<void> {
  return new Promise((resolve, reject) => removeTreeCallback(dir, (e) => (e ? reject(e) : resolve())));
}

function removeTreeCallback(dir: string, done: (e: NodeJS.ErrnoException | null) => void): void {
  readdir(dir, { withFileTypes: true }, (err, entries) => {
    if (err) return done(err.code === "ENOENT" ? null : err);
    let left = entries.length + 1;
    let failed: NodeJS.ErrnoException | null = null;
    const one = (e: NodeJS.ErrnoException | null) => {
      failed ??= e;
      if (--left > 0) return;
      if (failed) done(failed);
      else rmdir(dir, done);
    };
    for (const e of entries) {
      const abs = path.join(dir, e.name);
      if (e.isDirectory()) removeTreeCallback(abs, one);
      else unlink(abs, one);
    }
    one(null);
  });
}

/** Sibling paths used during the swap: `<out>.tmp-<pid>` and `<out>.old-<pid>`. */
function siblings(outDir: string): { tmp: string; old: string; parent: string; base: string } {
  const parent = path.dirname(outDir);
  const base = path.basename(outDir);
  return {
    parent,
    base,
    tmp: path.join(parent, `.${base}.tmp-${process.pid}`),
    old: path.join(parent, `.${base}.old-${process.pid}`),
  };
}

/** Whether a process with this id is running (signal 0 only checks). */
function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Undo what a killed build left: remove half-written temporary directories, and put the previous
 * output back if a build died between moving it aside and moving the new one in.
 */
export function recoverOutput(outDir: string): void {
  const { parent, base } = siblings(outDir);
  if (!existsSync(parent)) return;
  const leftovers = readdirSync(parent).filter(
    (n) => n.startsWith(`.${base}.tmp-`) || n.startsWith(`.${base}.old-`),
  );
  for (const name of leftovers.sort()) {
    const pid = Number(name.slice(name.lastIndexOf("-") + 1));
    if (pid !== process.pid && isAlive(pid)) continue; // another build at work: not ours to touch
    const abs = path.join(parent, name);
    if (name.startsWith(`.${base}.old-`) && !existsSync(outDir)) renameSync(abs, outDir);
    else rmSync(abs, { recursive: true, force: true });
  }
}

/** Why replacing `outDir` would replace one of `keep` (the repository, the corpus), or null. */
export function holdsKept(outDir: string, keep: readonly string[]): string | null {
  const out = path.resolve(outDir);
  for (const k of keep) {
    const rel = path.relative(out, path.resolve(k));
    if (rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel))) {
      return `${outDir} holds ${k}, which a build would replace`;
    }
  }
  return null;
}

/**
 * Why `outDir` must not be replaced by a build, or null when it may: the swap replaces the whole
 * folder, so it must never be the repository, the corpus or a folder of anything but data files.
 * @param keep folders that must survive the build (the repository root, the corpus)
 */
export function unsafeOutput(outDir: string, keep: readonly string[]): string | null {
  const out = path.resolve(outDir);
  const held = holdsKept(outDir, keep);
  if (held) return held;
  if (!existsSync(out)) return null;
  if (!statSync(out).isDirectory()) return `${outDir} is a file, not a folder`;
  // A previous build's output (it has a manifest) may hold whatever the stages wrote.
  if (existsSync(path.join(out, "manifest.json"))) return null;
  const foreign = readdirSync(out, { withFileTypes: true }).filter(
    (e) => !(e.isDirectory() || /\.(json|jsonl)$/.test(e.name)),
  );
  if (foreign.length) {
    return `${outDir} holds files that are not build output (${foreign
      .slice(0, 3)
      .map((e) => e.name)
      .join(", ")}); a build replaces the whole folder`;
  }
  return null;
}

/**
 * What identifies a file's content on disk without reading it: its inode, size and modification
 * time in nanoseconds. See `stampOf`.
 */
export interface FileStamp {
  ino: string;
  size: number;
  mtimeNs: string;
}

/**
 * A file's stamp, or null when it is not a regular file. Why a stamp that is unchanged means the
 * content is unchanged, for a file a build wrote itself and recorded at once: every write through
 * the file system moves the modification time (nanoseconds on the file systems we build on), and
 * replacing the file (an editor saving through a new file, a copy) gives another inode; only
 * setting the time back on purpose after an edit escapes it. A hard link shares the inode and the
 * time, so the stamp holds from one output to the next.
 */
export function stampOf(abs: string): FileStamp | null {
  try {
    const st = statSync(abs, { bigint: true });
    if (!st.isFile()) return null;
    return { ino: String(st.ino), size: Number(st.size), mtimeNs: String(st.mtimeNs) };
  } catch {
    return null;
  }
}

/** Hooks of an atomic write. */
export interface WriteHooks {
  /**
   * An existing file with exactly this content (by SHA-256 and size), to hard-link instead of
   * writing the bytes again, or null. Linking saves the write and, on file systems that discard
   * freed blocks, the much dearer removal of the previous output's copy. With this hook every
   * file's content is made and hashed before anything is written (its bytes held in memory once:
   * the largest, paragraphs.jsonl, is already bytes); without it, each is streamed.
   */
  link?: (file: { path: string; sha256: string; bytes: number }) => string | null;
  /**
   * For a file with a `source`: the SHA-256 and size of the last output's file at this path made
   * from the same source, or null. That file is then linked (through `link`, which checks it is
   * still those bytes) and the content is never made.
   */
  made?: (file: { path: string; source: string }) => { sha256: string; bytes: number } | null;
  /** Files to add once the others are written, from what was written (the manifest). */
  finish?: (written: readonly WrittenFile[]) => OutputFile[];
  /**
   * Called when every file is written, before the swap: a test seam for a failure at the last
   * moment. If it throws, the temporary directory is removed and the output is untouched.
   */
  beforeSwap?: (written: readonly WrittenFile[]) => void;
  /**
   * The last output, moved aside by the swap, handed over to be removed by the caller (e.g. with
   * `removeTreeLater`, while it does other work) instead of being removed before this returns.
   * Left there, it is removed by the next write into the same folder (`recoverOutput`).
   */
  removeOld?: (dir: string) => void;
}

/**
 * Write `files` into a fresh directory and swap it in for `outDir` in one step. If anything
 * throws (a file, a hook), the temporary directory is removed and `outDir` is as it was.
 * @returns what was written, in the order written
 */
export function writeDirectoryAtomic(
  outDir: string,
  files: Iterable<OutputFile>,
  hooks: WriteHooks = {},
): WrittenFile[] {
  recoverOutput(outDir);
  const { tmp, old, parent } = siblings(outDir);
  mkdirSync(parent, { recursive: true });
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const written: WrittenFile[] = [];
  const dirs = new Set<string>();
  const writeOne = (f: OutputFile) => {
    const safe = path.posix.normalize(f.path);
    if (safe.startsWith("../") || safe === ".." || path.posix.isAbsolute(safe)) {
      throw new Error(`output path ${JSON.stringify(f.path)} leaves the output directory`);
    }
    const dest = path.join(tmp, safe);
    const done = (bytes: number, digest: string) =>
      written.push({ path: safe, schemaVersion: f.schemaVersion, records: f.records, bytes, sha256: digest });
    const linked = (file: { sha256: string; bytes: number }) => {
      const from = hooks.link?.({ path: safe, ...file });
      return !!from && linkTo(from, dest, dirs);
    };
    // Known bytes, or made from the same source as a file of the last output: that file, content
    // never made.
    const before =
      f.known ?? (f.source !== undefined ? hooks.made?.({ path: safe, source: f.source }) : null);
    if (before && linked(before)) return done(before.bytes, before.sha256);
    const chunks = typeof f.chunks === "function" ? f.chunks() : f.chunks;
    if (f.transient) {
      const { bytes, sha256: digest } = writeChunks(dest, chunks);
      const from = hooks.link?.({ path: safe, sha256: digest, bytes });
      if (from) replaceByLink(from, dest);
      return done(bytes, digest);
    }
    if (hooks.link) {
      const bufs = bytesOf(chunks);
      const hash = createHash("sha256");
      let bytes = 0;
      for (const b of bufs) {
        hash.update(b);
        bytes += b.length;
      }
      const digest = hash.digest("hex");
      if (!linked({ sha256: digest, bytes })) writeBytes(dest, bufs);
      return done(bytes, digest);
    }
    const { bytes, sha256: digest } = writeChunks(dest, chunks);
    done(bytes, digest);
  };
  try {
    for (const f of files) writeOne(f);
    for (const f of hooks.finish?.([...written]) ?? []) writeOne(f);
    hooks.beforeSwap?.(written);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  const had = existsSync(outDir);
  if (had) renameSync(outDir, old);
  renameSync(tmp, outDir);
  if (had && hooks.removeOld) hooks.removeOld(old);
  else removeTree(old);
  return written;
}
