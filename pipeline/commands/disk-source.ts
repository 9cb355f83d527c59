/**
 * The search index's files read from a directory, for the engine the browser runs
 * (core/search/engine.ts). In a module of its own, apart from data-host.ts: `acquis search` needs
 * only this, and data-host.ts brings the data contract's schemas and the YAML reader, which
 * were half of the command's start-up.
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { IndexSource } from "../../core/search/engine.ts";

/** Read index files from `dir`. */
export function diskSource(dir: string): IndexSource {
  return {
    async get(path: string): Promise<Uint8Array> {
      return new Uint8Array(await readFile(resolve(dir, path)));
    },
  };
}
