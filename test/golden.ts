/**
 * Golden files, one switch for all: UPDATE=1 writes them on purpose, and nothing else does.
 *
 * Decision: a missing golden is a failure, never written on the spot. A golden that writes itself
 * when missing passes on a fresh checkout whatever the code does, so it could never catch a
 * change there; and a new golden must be read by a person before it is trusted.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { expect } from "vitest";
import { repoRoot } from "./parse/helpers.ts";

/** Whether this run rewrites goldens: UPDATE=1 exactly (not any value of UPDATE). */
export const UPDATE = process.env.UPDATE === "1";

/**
 * Assert that `actual` is what the golden file `path` holds; under UPDATE=1, write it instead.
 * @param path the golden's path, absolute or relative to the repository root
 * @param as "text" compares the exact characters; "json" compares the parsed data, so the
 *   formatter may lay the file out as it likes
 */
export function expectGolden(path: string, actual: string, as: "text" | "json" = "text"): void {
  const file = resolve(repoRoot, path);
  if (UPDATE) {
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) {
    const testFile = expect.getState().testPath;
    const run = testFile ? relative(repoRoot, testFile) : "<the test file>";
    throw new Error(
      `golden missing: ${relative(repoRoot, file)}: run UPDATE=1 npx vitest run ${run} to write it, then review it`,
    );
  }
  const golden = readFileSync(file, "utf8");
  if (as === "json") expect(JSON.parse(actual)).toEqual(JSON.parse(golden));
  else expect(actual).toBe(golden);
}
