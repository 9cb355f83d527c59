/**
 * What some tests need from outside the repository, decided in one place: the project's shared
 * texts in ../shared beside the repository (the real seed as issued, the real resolutions read in
 * place, never copied in) and Debian's Chromium (the browser tests, PDFs printed from HTML).
 *
 * A fresh clone has neither, and its `npm test` must pass: a test file asks `has(...)` and runs
 * the tests that need a missing thing under `describe.runIf` / `test.runIf`, and this module
 * prints ONE line per file saying what is missing and how to get it. CI must never skip them:
 * with ACQUIS_REQUIRE_ALL=1 (set by .ci/run) a missing thing is a failing test saying the same.
 *
 * Decision: a file that needs these reads them lazily (in beforeAll, a test or a memoised
 * helper), never at module level: vitest runs every describe body to collect its tests, skipped
 * or not, so a read there would fail the whole file before any skip could apply.
 */
import { accessSync, constants, existsSync } from "node:fs";
import { resolve } from "node:path";
import { expect, test } from "vitest";
import { CHROMIUM } from "./chromium.ts";
import { repoRoot, sharedDir } from "./parse/helpers.ts";

/** What a test can need from outside the repository. */
export type Need = "shared" | "chromium";

/** The shared files the tests read, relative to ../shared. */
export const SHARED_FILES = [
  "seeds/000_d4d9f46b44eff72d.txt",
  "corpus-real/A-RES-80-16.en.md",
  "corpus-real/A-RES-80-22.en.md",
  "corpus-real/right-to-development-2001-draft.en.txt",
] as const;

const executable = (file: string) => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** What is missing of `need`, in words, with how to get it; null when it is all here. */
function missing(need: Need): string | null {
  if (need === "chromium") {
    return executable(CHROMIUM)
      ? null
      : `Chromium (${CHROMIUM} not found): apt-get install chromium, or set CHROMIUM_PATH`;
  }
  const absent = SHARED_FILES.filter((f) => !existsSync(resolve(sharedDir, f)));
  if (!absent.length) return null;
  const what =
    absent.length === SHARED_FILES.length
      ? `seeds/ and corpus-real/`
      : `missing: ${absent.map((f) => `../shared/${f}`).join(", ")}`;
  return `../shared beside the repository (the project's shared texts: ${what})`;
}

/** Whether a missing need fails instead of skipping (CI sets it). */
export const REQUIRE_ALL = process.env.ACQUIS_REQUIRE_ALL === "1";

/** Lines already said in this file (vitest runs each test file in a fresh module graph). */
const said = new Set<string>();

/**
 * Whether everything in `needs` is here. When something is not, says so once per file: a line
 * "skipped: <file> needs …" on stdout, or under ACQUIS_REQUIRE_ALL=1 a failing test with that
 * message; and returns false, so the caller skips what needs it.
 */
export function has(...needs: Need[]): boolean {
  const gaps = needs.map(missing).filter((m): m is string => m !== null);
  if (!gaps.length) return true;
  const file = expect.getState().testPath;
  const where = file ? resolve(file).slice(repoRoot.length + 1) : "a test file";
  const line = `${where} needs ${gaps.join("; and ")}`;
  if (!said.has(line)) {
    said.add(line);
    if (REQUIRE_ALL) {
      test(`ACQUIS_REQUIRE_ALL=1, and ${line}`, () => {
        throw new Error(`missing: ${line}`);
      });
    } else {
      // Written straight to stdout: one line, not console.log's block under the file's name.
      process.stdout.write(`skipped: ${line}\n`);
    }
  }
  return false;
}

/** `f`, run on first call and remembered: how a file defers reading what `has` guards. */
export function once<T>(f: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = f();
      done = true;
    }
    return value;
  };
}
