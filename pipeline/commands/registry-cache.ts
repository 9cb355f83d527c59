/**
 * The registry as `acquis cite` reads it at every call, through a cache of the validated registry:
 * parsing its YAML and validating it, with the yaml and zod code still cold, was more than half
 * of the command's start-up.
 *
 * Decisions:
 * - An entry is the registry as its zod schema gave it, keyed by the SHA-256 of the YAML's bytes
 *   and of the compiled build (pipeline/compile.ts gives each build an id from the sources it
 *   was made from), so an entry is never read by code other than the code that validated it.
 *   Run from the sources (tsx, tests), there is no build id and no cache: the registry is
 *   parsed and validated at every call, as before.
 * - On a miss the yaml package and the schemas are loaded, and only then.
 * - An entry is written through a temporary file and a rename; one that does not read back, or a
 *   cache folder that cannot be written, is a miss, never an error.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Registry } from "../../schemas/index.ts";
import { sha256 } from "../hash.ts";
import { BUILD_ID } from "../host.ts";

/** The registry in `file`, validated; `cacheDir` holds one `<key>.json` per content and build. */
export async function readRegistry(file: string, cacheDir: string): Promise<Registry> {
  const bytes = readFileSync(file);
  const entry = BUILD_ID === null ? null : path.join(cacheDir, `${sha256(BUILD_ID, "\n", bytes)}.json`);
  if (entry) {
    try {
      return JSON.parse(readFileSync(entry, "utf8")) as Registry;
    } catch {
      // A miss: parse below.
    }
  }
  const [{ default: YAML }, schemas] = await Promise.all([import("yaml"), import("../../schemas/index.ts")]);
  const registry = schemas.Registry.parse(YAML.parse(bytes.toString("utf8")));
  if (entry) {
    try {
      mkdirSync(cacheDir, { recursive: true });
      const tmp = `${entry}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(registry));
      renameSync(tmp, entry);
    } catch {
      // A cache that cannot be written costs the next call a parse, nothing more.
    }
  }
  return registry;
}
