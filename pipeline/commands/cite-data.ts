/**
 * What `acquis cite` reads at every call, through a cache of it validated: the knowledge base
 * (documents.json, paragraphs.jsonl, through the one reader, core/data/read.ts) and the registry
 * (read as the build reads it, with its diagnostics). Validating them, with the schemas and the
 * YAML reader still to load and their code cold, was two thirds of the command's start-up; a
 * script calling it 500 times paid it 500 times.
 *
 * Decisions:
 * - An entry is what the readers gave, kept as JSON, keyed by the SHA-256 of the three files'
 *   bytes and of the compiled build (host.ts BUILD_ID), so an entry is only ever read by the code
 *   that validated it, for the very bytes it validated. Run from the sources (tsx, tests), there
 *   is no build id and no cache: everything is read and validated at every call, as before.
 * - On a miss the readers (and with them zod and yaml) are loaded, and only then.
 * - An entry is written through a temporary file and a rename; one that does not read back, or a
 *   cache folder that cannot be written, is a miss, never an error.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import type { DocumentRecord, Paragraph } from "../../schemas/index.ts";
import { sha256 } from "../hash.ts";
import { BUILD_ID } from "../host.ts";
import type { RegistryRead } from "../load/index.ts";

/** What the command reads. */
export interface CiteData {
  documents: DocumentRecord[];
  paragraphs: Paragraph[];
  registry: RegistryRead;
}

/**
 * The knowledge base in `dir` and the registry at `registryFile` (`rel`: the path diagnostics
 * name), validated; through `cacheDir` when running compiled. Throws as the readers throw on data
 * that breaks the contract (another schema version, a bad line).
 */
export async function readCiteData(
  dir: string,
  registryFile: string,
  rel: string,
  cacheDir: string,
): Promise<CiteData> {
  const entry =
    BUILD_ID === null
      ? null
      : resolve(
          cacheDir,
          `${sha256(
            BUILD_ID,
            "\n",
            readFileSync(resolve(dir, "documents.json")),
            "\n",
            readFileSync(resolve(dir, "paragraphs.jsonl")),
            "\n",
            existsSync(registryFile) ? readFileSync(registryFile) : "(none)",
          )}.json`,
        );
  if (entry) {
    try {
      return JSON.parse(readFileSync(entry, "utf8")) as CiteData;
    } catch {
      // A miss: read and validate below.
    }
  }
  const { readDataDir, readRegistryFile } = await import("./data-host.ts");
  const { documents, paragraphs } = readDataDir(dir);
  const data: CiteData = { documents, paragraphs, registry: readRegistryFile(registryFile, rel) };
  if (entry) {
    try {
      mkdirSync(cacheDir, { recursive: true });
      const tmp = `${entry}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(data));
      renameSync(tmp, entry);
    } catch {
      // A cache that cannot be written costs the next call a validation, nothing more.
    }
  }
  return data;
}
