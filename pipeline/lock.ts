/**
 * One build at a time per output folder: a lock file beside the folder (`.dist.lock` for `dist`,
 * `.data.lock` for `dist/data`), created with O_EXCL so only one process can make it, holding the
 * holder's pid, the pid's start time, the host and the command.
 *
 * Decisions:
 * - A lock is stale when its process is gone (signal 0 says no such process) or when the pid now
 *   belongs to another process (its start time in /proc differs): a killed build never blocks the
 *   next one, and nobody has to delete a file by hand. proper-lockfile, the usual library, judges
 *   staleness by the file's age instead, which would let a second build in beside a long, live one.
 * - A stale lock is taken over by renaming it to a name of our own and checking that what was
 *   renamed is the stale lock read a moment before; if another process took it over in between,
 *   the rename is undone and that process holds the lock.
 * - A lock from another host cannot be checked, so it is respected; the message says how to clear it.
 */
import {
  closeSync,
  existsSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";

/** What a lock file holds. */
export interface LockHolder {
  pid: number;
  /** The pid's start time (clock ticks since boot, /proc/<pid>/stat field 22), when known. */
  pidStart: number | null;
  host: string;
  /** ISO time the lock was taken. */
  since: string;
  /** What holds it, for the message ("acquis build"). */
  command: string;
}

/** The output folder is locked by a live build. */
export class LockBusy extends Error {
  override name = "LockBusy";
  constructor(
    readonly file: string,
    readonly holder: LockHolder | null,
    readonly target: string,
  ) {
    const who = holder
      ? `${holder.command} (pid ${holder.pid}${holder.host !== os.hostname() ? ` on ${holder.host}` : ""}, since ${holder.since})`
      : "another build";
    super(
      `${target} is being built by ${who}: one build at a time per output folder. Wait for it to finish${
        holder && holder.host !== os.hostname() ? `; if it is no longer running, delete ${file}` : ""
      }.`,
    );
  }
}

/** A held lock. */
export interface OutputLock {
  file: string;
  release(): void;
}

/** The lock file of an output folder: a hidden sibling, so it is never part of the output. */
export function lockFileOf(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.lock`);
}

/** Start time of a process (field 22 of /proc/<pid>/stat), or null where there is no /proc. */
export function processStart(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces and parentheses: count from the last ")".
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const start = Number(fields[19]);
    return Number.isFinite(start) ? start : null;
  } catch {
    return null;
  }
}

/** Whether the process that wrote `holder` is still running. */
export function holderAlive(holder: LockHolder): boolean {
  if (holder.host !== os.hostname()) return true;
  if (!Number.isInteger(holder.pid) || holder.pid <= 0) return false;
  try {
    process.kill(holder.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  // The pid is in use: by our build only if it started when the lock says.
  if (holder.pidStart === null) return true;
  const start = processStart(holder.pid);
  return start === null || start === holder.pidStart;
}

function readHolder(file: string): { raw: string; holder: LockHolder | null } | null {
  let raw: string;
  try {
    raw = readFileSync(file, "utf8");
  } catch {
    return null;
  }
  try {
    const v = JSON.parse(raw) as Partial<LockHolder>;
    if (typeof v.pid !== "number" || typeof v.host !== "string") return { raw, holder: null };
    return {
      raw,
      holder: {
        pid: v.pid,
        pidStart: typeof v.pidStart === "number" ? v.pidStart : null,
        host: v.host,
        since: String(v.since ?? "?"),
        command: String(v.command ?? "a build"),
      },
    };
  } catch {
    // Half-written by a process killed while writing it: nobody can hold it.
    return { raw, holder: null };
  }
}

function tryCreate(file: string, content: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, "wx");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw e;
  }
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Take the lock of `target` (an output folder) or throw LockBusy.
 * @param command what is taking it, for the other process's message
 * @param display how to name `target` in the message (default: as given)
 */
export function lockOutput(target: string, command: string, display = target): OutputLock {
  const file = lockFileOf(target);
  const mine: LockHolder = {
    pid: process.pid,
    pidStart: processStart(process.pid),
    host: os.hostname(),
    since: new Date().toISOString(),
    command,
  };
  const content = `${JSON.stringify(mine)}\n`;
  mkdirSync(path.dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    if (tryCreate(file, content)) {
      let released = false;
      return {
        file,
        release() {
          if (released) return;
          released = true;
          const now = readHolder(file);
          if (now?.raw === content) rmSync(file, { force: true });
        },
      };
    }
    const seen = readHolder(file);
    if (seen === null) continue; // released between our attempt and our read: try again
    // A lock file that does not parse was half-written by a process killed at that moment.
    if (seen.holder && holderAlive(seen.holder)) throw new LockBusy(file, seen.holder, display);
    // Stale: move it aside under a name of our own, and make sure it is the stale one we read.
    const aside = `${file}.stale-${process.pid}`;
    try {
      renameSync(file, aside);
    } catch {
      continue; // someone else moved it first
    }
    let moved = "";
    try {
      moved = readFileSync(aside, "utf8");
    } catch {}
    if (moved !== seen.raw) {
      // We moved a fresh lock another build had just taken: put it back and let it build.
      try {
        linkSync(aside, file);
      } catch {}
      rmSync(aside, { force: true });
      throw new LockBusy(file, readHolder(file)?.holder ?? null, display);
    }
    rmSync(aside, { force: true });
  }
  throw new LockBusy(file, existsSync(file) ? (readHolder(file)?.holder ?? null) : null, display);
}
