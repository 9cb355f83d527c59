/** The local server behind `npm start` (site/scripts/serve.ts) maps URLs to files under dist/ only. */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { fileFor } from "../../site/scripts/serve.ts";

const root = mkdtempSync(path.join(os.tmpdir(), "acquis-serve-"));
mkdirSync(path.join(root, "p", "A-78-265", "annex", "23.f.ii"), { recursive: true });
writeFileSync(path.join(root, "index.html"), "home");
writeFileSync(path.join(root, "p", "A-78-265", "annex", "23.f.ii", "index.html"), "para");

describe("fileFor", () => {
  test.each([
    { url: "/", file: "index.html" },
    // A paragraph page: dots in the address are part of the folder name.
    { url: "/p/A-78-265/annex/23.f.ii/", file: "p/A-78-265/annex/23.f.ii/index.html" },
    // Query and fragment are not part of the path.
    { url: "/?q=%E5%85%B3%E9%94%AE#x", file: "index.html" },
    // Never outside the root, however the path is spelled.
    { url: "/../../etc/passwd", file: null },
    { url: "/%2e%2e/%2e%2e/etc/passwd", file: null },
    { url: "/missing/", file: null },
    // A malformed escape is a miss, not a crash.
    { url: "/%E0%A4%A", file: null },
  ])("$url -> $file", ({ url, file }) => {
    expect(fileFor(root, url)).toBe(file === null ? null : path.join(root, file));
  });
});
