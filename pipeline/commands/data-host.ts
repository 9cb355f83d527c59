/**
 * The disk side of the commands that read a built knowledge base (`acquis cite`, `acquis
 * search`): the files of dist/data handed to the one reader (core/data/read.ts), the registry,
 * and the search index's files for the engine (core/search/engine.ts). What the files mean is
 * core's; this module only finds and reads them.
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import {
  collectDataFiles,
  type DataFileKey,
  type KnowledgeBase,
  readKnowledgeBase,
} from "../../core/data/read.ts";
import { loadRegistry, type RegistryRead } from "../load/index.ts";

/** Read and validate the knowledge base in `dir`, only the optional files in `want`. Throws on bad data. */
export function readDataDir(dir: string, want: readonly DataFileKey[] = []): KnowledgeBase {
  const files = collectDataFiles(
    (name) => {
      const file = resolve(dir, name);
      return existsSync(file) ? readFileSync(file, "utf8") : null;
    },
    { want, where: dir },
  );
  return readKnowledgeBase(files);
}

/**
 * The registry at `file`, read as the build reads it (pipeline/load): a bad entry costs that
 * entry, and a diagnostic at its line says so; a registry unreadable as a whole comes back empty,
 * with its diagnostics. Never throws on what the file holds.
 * @param rel the path diagnostics name ("corpus/registry.yaml")
 */
export function readRegistryFile(file: string, rel: string): RegistryRead {
  return loadRegistry(existsSync(file) ? new Uint8Array(readFileSync(file)) : null, rel);
}

/** The search index's files read from a directory (disk-source.ts, kept light for `acquis search`). */
export { diskSource } from "./disk-source.ts";
