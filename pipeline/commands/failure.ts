/**
 * A failure nobody foresaw, told to a person: what happened in one or two lines, never a stack
 * trace. The disk's own errors (full, read-only, permission denied, a name too long) say what to
 * do about them; anything else is a bug of acquis, and its stack goes to a log file the message
 * names, so a report can carry it.
 */
import { appendFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { terminalSafe } from "../terminal.ts";

/** Where the stacks of unforeseen failures are kept, relative to the working directory. */
export const ERROR_LOG = ".cache/error.log";

const SYSTEM: Record<string, string> = {
  ENOSPC: "the disk is full",
  EDQUOT: "the disk quota is used up",
  EROFS: "the file system is read-only",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  ENAMETOOLONG: "a file name is too long for the file system",
  EMFILE: "too many files are open",
  ENOMEM: "the machine is out of memory",
};

/**
 * One message for a failure, safe for a terminal.
 * @param cwd where the error log goes (the repository root)
 */
export function describeFailure(e: unknown, cwd: string = process.cwd()): string {
  const err = e instanceof Error ? e : new Error(String(e));
  const code = (err as NodeJS.ErrnoException).code;
  const file = (err as NodeJS.ErrnoException).path;
  if (code && SYSTEM[code]) {
    return terminalSafe(
      `${SYSTEM[code]}${file ? ` (${file})` : ""}: free space or fix the permissions, then run it again.`,
    );
  }
  let logged = "";
  try {
    const log = path.join(cwd, ERROR_LOG);
    mkdirSync(path.dirname(log), { recursive: true });
    appendFileSync(
      log,
      `${new Date().toISOString()} ${process.argv.slice(2).join(" ")}\n${err.stack ?? err.message}\n\n`,
    );
    logged = ` The details are in ${ERROR_LOG}; please report it with them.`;
  } catch {}
  const first = (err.message || err.name).split("\n")[0]!;
  return terminalSafe(`an unexpected error: ${first}. This is a bug in acquis, not in your input.${logged}`);
}
