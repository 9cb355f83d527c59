/**
 * Architecture rules that a review can miss, checked on every file of the tree:
 * - the layers: core/ (what the build and the browser share) imports only core/, schemas/ and
 *   npm packages; pipeline/ and site/ import core/ and schemas/, never each other; schemas/
 *   imports nothing of ours;
 * - code that runs in the browser (core/, site/src/) never imports a Node module, and stage code
 *   never touches the disk or spawns processes;
 * - a folder the rules name must exist: a rule over a missing folder would pass in silence;
 * - the JSON Schemas users read are generated from the zod schemas, never edited by hand.
 * Biome's noRestrictedImports and noNodejsModules (biome.json) say the same as the code is
 * written; this test also reads .astro and .mjs files, which Biome does not lint.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { isBuiltin } from "node:module";
import { dirname, join, relative, resolve, sep } from "node:path";
import { describe, expect, test } from "vitest";
import { jsonSchemas } from "../schemas/json.ts";
import { repoRoot } from "./parse/helpers.ts";

const EXTS = [".ts", ".astro", ".mjs", ".js"];

/** Every source file under `dir` (repository-relative, "/"-separated). Throws when `dir` is missing. */
function files(root: string, dir: string): string[] {
  const abs = resolve(root, dir);
  if (!existsSync(abs) || !statSync(abs).isDirectory()) {
    throw new Error(`${dir}/ is missing: the architecture rules check it (test/architecture.test.ts)`);
  }
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) {
        if (name !== "node_modules" && !name.startsWith(".") && name !== "dist") walk(p);
      } else if (EXTS.some((e) => name.endsWith(e)) && !name.endsWith(".d.ts")) {
        out.push(relative(root, p).split(sep).join("/"));
      }
    }
  };
  walk(abs);
  return out;
}

/** Every module a source text imports: static, side-effect, re-export, dynamic, import.meta.glob. */
function importsOf(src: string): string[] {
  const out: string[] = [];
  const patterns = [
    /(?:^|[\n;}])\s*(?:import|export)\s[^;]*?\sfrom\s*["']([^"']+)["']/g,
    /(?:^|[\n;}])\s*import\s*["']([^"']+)["']/g,
    /\bimport\(\s*["']([^"']+)["']\s*\)/g,
    /\bimport\.meta\.glob(?:<[^>]*>)?\(\s*["']([^"']+)["']/g,
  ];
  for (const re of patterns) for (const m of src.matchAll(re)) out.push(m[1] as string);
  return out;
}

type Layer = "core" | "schemas" | "pipeline" | "site" | "bench" | "test" | "other";

/** The top folder a repository path belongs to. */
function layerOf(path: string): Layer {
  const top = path.split("/")[0] ?? "";
  return (
    (["core", "schemas", "pipeline", "site", "bench", "test"] as const).find((l) => l === top) ?? "other"
  );
}

/** What each layer's code may import, of ours. */
const MAY_IMPORT: Record<"core" | "schemas" | "pipeline" | "site", Layer[]> = {
  core: ["core", "schemas"],
  schemas: ["schemas"],
  pipeline: ["pipeline", "core", "schemas"],
  site: ["site", "core", "schemas"],
};

/** Code that ends up in the browser, or must be able to: no Node module at all. */
const BROWSER = (file: string) => file.startsWith("core/") || file.startsWith("site/src/");

/** Stage code: pure, never the disk, never a process. */
const STAGES = [
  "pipeline/parse",
  "pipeline/cite",
  "pipeline/reuse",
  "pipeline/ingest",
  "pipeline/load",
  "pipeline/index",
];
const DISK_OR_PROCESS = /^(node:)?(fs|child_process)(\/|$)/;
/**
 * The host of word segmentation reads nodejieba's dictionary and the UN terms itself, as
 * nodejieba's native load read them before (biome.json exempts it too): its header says why.
 */
const DISK_HOSTS = new Set(["pipeline/index/jieba.ts"]);

/**
 * Every broken rule in a set of files, as "file: what" lines. `read(file)` gives a file's text;
 * `file` is repository-relative.
 */
function violations(list: readonly string[], read: (file: string) => string): string[] {
  const out: string[] = [];
  for (const file of list) {
    const layer = layerOf(file);
    for (const spec of importsOf(read(file))) {
      if (spec.startsWith(".")) {
        const target = relative(".", join(dirname(file), spec))
          .split(sep)
          .join("/");
        const to = layerOf(target);
        const allowed = layer in MAY_IMPORT ? MAY_IMPORT[layer as keyof typeof MAY_IMPORT] : null;
        if (allowed && !allowed.includes(to))
          out.push(`${file}: imports ${spec} (${to}/), which ${layer}/ may not`);
        continue;
      }
      const builtin = isBuiltin(spec);
      if (builtin && BROWSER(file))
        out.push(`${file}: imports the Node module ${spec} in code the browser runs`);
      if (builtin && layer === "schemas" && file !== "schemas/generate.ts") {
        out.push(`${file}: imports the Node module ${spec}; the schemas are read in the browser too`);
      }
      if (
        STAGES.some((s) => file.startsWith(`${s}/`)) &&
        !DISK_HOSTS.has(file) &&
        DISK_OR_PROCESS.test(spec)
      ) {
        out.push(
          `${file}: stage code imports ${spec}; only the build runner and host modules touch the disk`,
        );
      }
    }
  }
  return out;
}

describe("architecture", () => {
  test.each([
    "core",
    "core/search",
    "core/cite",
    "core/data",
    "core/text",
    "core/address",
    "core/wording",
    "schemas",
    "pipeline",
    "pipeline/build",
    ...STAGES,
    "site/src",
    "site/scripts",
    "bench",
  ])("%s/ exists and holds code the rules read", (dir) => {
    expect(files(repoRoot, dir).length).toBeGreaterThan(0);
  });

  test("in pipeline/build only the runner (index.ts) touches the disk: the steps import neither fs nor the host", () => {
    const steps = files(repoRoot, "pipeline/build").filter((f) => !f.endsWith("build/index.ts"));
    expect(steps.length).toBeGreaterThanOrEqual(4);
    for (const f of steps) {
      // Types only (`import type`) are erased: they reach no disk.
      const src = readFileSync(resolve(repoRoot, f), "utf8").replace(
        /(?:^|\n)\s*import\s+type\s[^;]*;/g,
        "\n",
      );
      const bad = importsOf(src).filter((m) => /^(node:)?(fs|child_process)(\/|$)|(^|\/)host\.ts$/.test(m));
      expect(bad, f).toEqual([]);
    }
  });

  test("the tree keeps every rule", () => {
    const tree = ["core", "schemas", "pipeline", "site"].flatMap((d) => files(repoRoot, d));
    expect(violations(tree, (f) => readFileSync(resolve(repoRoot, f), "utf8"))).toEqual([]);
  });

  // The rules themselves, on files written here: each must be able to fail.
  test.each([
    { file: "pipeline/cite/x.ts", src: 'import { a } from "../../site/src/lib/urls.ts";', broken: "(site/)" },
    {
      file: "pipeline/commands/x.ts",
      src: 'export { a } from "../../site/scripts/host.ts";',
      broken: "(site/)",
    },
    {
      file: "site/src/lib/x.ts",
      src: 'import type { A } from "../../../pipeline/cite/index.ts";',
      broken: "(pipeline/)",
    },
    {
      file: "site/src/pages/x.astro",
      src: '---\nimport { a } from "../../../pipeline/address.ts";\n---',
      broken: "(pipeline/)",
    },
    {
      file: "site/scripts/x.ts",
      src: 'const m = await import("../../pipeline/cli.ts");',
      broken: "(pipeline/)",
    },
    {
      file: "site/src/scripts/x.ts",
      src: 'const e = import.meta.glob("../../../pipeline/x.ts");',
      broken: "(pipeline/)",
    },
    {
      file: "core/cite/x.ts",
      src: 'import { a } from "../../pipeline/diagnostics.ts";',
      broken: "(pipeline/)",
    },
    { file: "core/x.ts", src: 'import { a } from "../site/src/lib/data.ts";', broken: "(site/)" },
    { file: "core/x.ts", src: 'import { a } from "../test/factories.ts";', broken: "(test/)" },
    { file: "core/data/x.ts", src: 'import { readFileSync } from "node:fs";', broken: "Node module node:fs" },
    { file: "core/data/x.ts", src: 'import path from "path";', broken: "Node module path" },
    { file: "site/src/lib/x.ts", src: 'import "node:crypto";', broken: "Node module node:crypto" },
    { file: "schemas/x.ts", src: 'import { a } from "../core/address/urls.ts";', broken: "(core/)" },
    {
      file: "pipeline/reuse/x.ts",
      src: 'import { spawn } from "node:child_process";',
      broken: "stage code imports",
    },
  ])("a rule fails on $file: $src", ({ file, src, broken }) => {
    const found = violations([file], () => src);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(broken);
  });

  test.each([
    {
      file: "pipeline/cite/x.ts",
      src: 'import { a } from "../../core/cite/find.ts";\nimport YAML from "yaml";',
    },
    { file: "site/src/lib/x.ts", src: 'import type { Paragraph } from "../../../schemas/index.ts";' },
    { file: "site/scripts/x.ts", src: 'import { readFileSync } from "node:fs";' },
    { file: "pipeline/commands/x.ts", src: 'import { readFile } from "node:fs/promises";' },
    { file: "core/search/x.ts", src: 'import T from "opencc-js/dict/TSCharacters";' },
  ])("a rule lets $file import what it may", ({ file, src }) => {
    expect(violations([file], () => src)).toEqual([]);
  });

  test("a folder the rules read that is missing fails, naming it", () => {
    expect(() => files(repoRoot, "core/no-such-folder")).toThrow(
      "core/no-such-folder/ is missing: the architecture rules check it",
    );
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
