/**
 * `npm run build:cli` (the first step of `npm run build`): compile the `acquis` command into
 * plain JavaScript in dist-cli/ (git-ignored), which bin/acquis.js runs; tsx stays for
 * development and tests, and is what the bin falls back to before this has run.
 *
 * Decisions:
 * - esbuild bundles pipeline/cli.ts with code splitting, so each command's code (loaded on
 *   demand by pipeline/commands/index.ts) is a chunk of its own: `acquis search` loads the
 *   search engine and not the parser, pdf.js or the build runner. Start-up is then node's own
 *   plus the chunks one command needs, where tsx compiled every source at every start.
 * - External (left to node_modules at run time): nodejieba, a native addon, and pdfjs-dist,
 *   which is large and loads its own worker file. Everything else is bundled, so a start reads a
 *   few files instead of hundreds of small modules.
 * - The parse workers (pipeline/parse-worker.ts), the cold index's worker
 *   (pipeline/index/worker.ts), the words worker of a build after a change
 *   (pipeline/index/words-worker.ts) and the reuse stage's (pipeline/reuse/worker.ts) are entry
 *   points of their own; the worker code finds `parse-worker.mjs`, `index-worker.mjs`,
 *   `words-worker.mjs` or `reuse-worker.mjs` beside the chunk it runs from. An entry loads only
 *   the chunks its own imports reach, so a worker's module graph is kept to what it runs. The UN user dictionary of nodejieba is
 *   copied beside the chunks for the same reason (jieba.ts finds it beside itself).
 * - The search fold table (core/search/normalize.ts: 64K code units folded through
 *   Unicode normalisation, case and OpenCC) is computed here, once, and written into the bundle
 *   as the few thousand entries that differ from identity, so `acquis search` does not spend a
 *   third of its start building it. It is used only under the Unicode version it was computed
 *   with (`process.versions.unicode`); under another, the module builds its own as before.
 * - `stamp.json` records every own source file the bundle was made from, with its size,
 *   modification time and SHA-256, and package-lock.json's: the bin runs the bundle only while
 *   they all still match, so an edited or checked-out source is never run from a stale bundle.
 *   Size and time are compared first (free); the hash only for a file whose time differs, so a
 *   `touch` or a checkout restoring the same bytes keeps the fast start.
 */
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build, type Plugin } from "esbuild";
import { sourceDigest } from "./host.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The folder of the compiled CLI, relative to the repository root. */
export const OUT_DIR = "dist-cli";

/** What stamp.json holds: the inputs as they were when compiled. */
export interface Stamp {
  /** Repository-relative paths ("/"-separated), with size, mtime in ms and SHA-256 (hex). */
  inputs: Array<{ path: string; size: number; mtimeMs: number; sha256: string }>;
}

/** The line of normalize.ts that the precomputed fold table fills in. */
const TABLE_LINE = "let TABLE: Uint16Array | null = null;";

/**
 * An esbuild plugin that gives normalize.ts its fold table precomputed (see the module header):
 * the entries that differ from identity, as little-endian (code, fold) pairs in base64. If the
 * module no longer declares its table as expected, it is bundled as it is, with a warning.
 */
function foldTablePlugin(): Plugin {
  return {
    name: "acquis-fold-table",
    setup(b) {
      b.onLoad({ filter: /core[\\/]search[\\/]normalize\.ts$/ }, async (args) => {
        const source = readFileSync(args.path, "utf8");
        if (!source.includes(TABLE_LINE)) {
          return {
            contents: source,
            loader: "ts",
            warnings: [{ text: `no "${TABLE_LINE}" in normalize.ts: the fold table is built at run time` }],
          };
        }
        const { foldTable } = (await import(pathToFileURL(args.path).href)) as { foldTable(): Uint16Array };
        const table = foldTable();
        const pairs: number[] = [];
        for (let c = 0; c < table.length; c++) if (table[c] !== c) pairs.push(c, table[c]!);
        const packed = Buffer.from(Uint16Array.from(pairs).buffer).toString("base64");
        const unicode = JSON.stringify(process.versions.unicode);
        const fill = `${TABLE_LINE}
if (globalThis.process?.versions?.unicode === ${unicode}) {
  const t = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) t[c] = c;
  const d = Buffer.from("${packed}", "base64");
  for (let i = 0; i < d.length; i += 4) t[d.readUInt16LE(i)] = d.readUInt16LE(i + 2);
  TABLE = t;
}`;
        return { contents: source.replace(TABLE_LINE, fill), loader: "ts" };
      });
    },
  };
}

/**
 * Compile the CLI of the repository `repo` into `out` (default `<repo>/dist-cli`, where the bin
 * looks for it); returns the files written and the stamp.
 * @param extra more entry points, name -> repository-relative source, bundled the same way (the
 *   benchmark's child build, bench/harness.ts `compileChild`, so it times the code the bin runs);
 *   `out` must then lie where node_modules resolves the external packages (inside `repo`).
 */
export async function compileCli(
  repo = root,
  out = path.join(repo, OUT_DIR),
  extra: Record<string, string> = {},
): Promise<{ files: string[]; stamp: Stamp }> {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const result = await build({
    absWorkingDir: repo,
    entryPoints: {
      cli: "pipeline/cli.ts",
      "parse-worker": "pipeline/parse-worker.ts",
      "index-worker": "pipeline/index/worker.ts",
      "words-worker": "pipeline/index/words-worker.ts",
      "reuse-worker": "pipeline/reuse/worker.ts",
      ...extra,
    },
    outdir: out,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    outExtension: { ".js": ".mjs" },
    chunkNames: "chunk-[hash]",
    external: ["nodejieba", "pdfjs-dist", "pdfjs-dist/*"],
    // Bundled CommonJS packages call require() on node's built-ins: give each chunk one, made on
    // first use (made at every chunk's load, they cost a command a fifth of its start-up).
    banner: {
      js: 'import { createRequire as __acquisCreateRequire } from "node:module"; let __acquisRequire; const __acquisReal = () => (__acquisRequire ??= __acquisCreateRequire(import.meta.url)); const require = Object.assign((id) => __acquisReal()(id), { resolve: (id, options) => __acquisReal().resolve(id, options) });',
    },
    plugins: [foldTablePlugin()],
    // The build's id (host.ts's codeVersion; the caches key their entries by it).
    define: { __ACQUIS_BUILD__: JSON.stringify(sourceDigest(repo)) },
    metafile: true,
    legalComments: "none",
    logLevel: "warning",
  });
  copyFileSync(path.join(repo, "pipeline/index/un-terms.dict"), path.join(out, "un-terms.dict"));
  copyFileSync(path.join(repo, "pipeline/index/no-idf.utf8"), path.join(out, "no-idf.utf8"));
  const own = Object.keys(result.metafile.inputs)
    .filter((p) => !p.includes("node_modules/") && !p.startsWith("<"))
    .concat([
      "pipeline/index/un-terms.dict",
      "pipeline/index/no-idf.utf8",
      "package-lock.json",
      "package.json",
    ])
    .sort();
  const stamp: Stamp = {
    inputs: own.map((p) => {
      const file = path.join(repo, p);
      const st = statSync(file);
      const sha256 = createHash("sha256").update(readFileSync(file)).digest("hex");
      return { path: p, size: st.size, mtimeMs: st.mtimeMs, sha256 };
    }),
  };
  writeFileSync(path.join(out, "stamp.json"), `${JSON.stringify(stamp)}\n`);
  return { files: Object.keys(result.metafile.outputs), stamp };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { files, stamp } = await compileCli();
  process.stderr.write(
    `compiled the acquis CLI into ${OUT_DIR}/ (${files.length} files from ${stamp.inputs.length} sources)\n`,
  );
}
