/**
 * The load stage is pure like the other stages: bytes in, data and diagnostics out. The disk is
 * the build runner's (pipeline/host.ts), so loading is testable without one and cannot write.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { repoRoot } from "../parse/helpers.ts";

const dir = path.join(repoRoot, "pipeline/load");

test.each(readdirSync(dir).filter((f) => f.endsWith(".ts")))(
  "pipeline/load/%s imports no Node module",
  (file) => {
    const src = readFileSync(path.join(dir, file), "utf8");
    const imports = [...src.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+["']([^"']+)["']/g)].map(
      (m) => m[1]!,
    );
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.filter((m) => /^node:|^(fs|path|os|child_process)$/.test(m))).toEqual([]);
  },
);
