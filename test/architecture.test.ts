/**
 * Architecture rules that a review can miss: stage code is pure (no disk, no processes), browser
 * code never imports Node modules, and the JSON Schemas users read are generated from the zod
 * schemas, never edited by hand.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { jsonSchemas } from "../schemas/json.ts";
import { repoRoot } from "./parse/helpers.ts";

function files(dir: string, exts: string[]): string[] {
  const root = resolve(repoRoot, dir);
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) {
        if (name !== "node_modules" && !name.startsWith(".")) walk(p);
      } else if (exts.some((e) => name.endsWith(e))) out.push(p);
    }
  };
  try {
    walk(root);
  } catch {
    // A folder that does not exist yet holds no violations.
  }
  return out;
}

const importsOf = (src: string) =>
  [
    ...src.matchAll(
      /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g,
    ),
  ].map((m) => m[1] ?? m[2] ?? "");

const NODE_BUILTIN =
  /^(node:|fs$|fs\/|path$|child_process$|os$|http$|https$|net$|worker_threads$|url$|crypto$|zlib$)/;

describe("architecture", () => {
  test.each([
    "pipeline/parse",
    "pipeline/cite",
    "pipeline/reuse",
    "pipeline/ingest",
    "pipeline/load",
    "pipeline/index",
  ])("stage code in %s never touches the disk or spawns processes", (dir) => {
    for (const f of files(dir, [".ts"])) {
      const bad = importsOf(readFileSync(f, "utf8")).filter((m) =>
        /^(node:)?(fs|child_process)(\/|$)/.test(m),
      );
      expect(bad, relative(repoRoot, f)).toEqual([]);
    }
  });

  test("browser code (site/src/scripts, core/) never imports Node modules", () => {
    const browser = [
      ...files("site/src", [".ts", ".astro", ".js"]).filter((f) =>
        f.includes(`${join("site", "src", "scripts")}`),
      ),
      ...files("core", [".ts"]),
    ];
    for (const f of browser) {
      const bad = importsOf(readFileSync(f, "utf8")).filter((m) => NODE_BUILTIN.test(m));
      expect(bad, relative(repoRoot, f)).toEqual([]);
    }
  });

  test("schemas/json is generated from the zod schemas and up to date (npm run schemas)", () => {
    for (const [name, schema] of Object.entries(jsonSchemas())) {
      const committed = JSON.parse(
        readFileSync(resolve(repoRoot, `schemas/json/${name}.schema.json`), "utf8"),
      );
      expect(committed, name).toEqual(schema);
    }
  });
});
