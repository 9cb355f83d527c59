/**
 * Load stage: corpus files (bytes) -> documents ready to parse, and the registry, every problem a
 * diagnostic. Pure: the build runner reads the disk (pipeline/host.ts) and hands the bytes here.
 *
 *   decode.ts        bytes -> text (UTF-8, BOM, CRLF, empty, size)
 *   front-matter.ts  text -> validated front matter + Markdown body
 *   registry.ts      registry.yaml -> Registry (the same for the build and every command)
 *   corpus.ts        paths and cross-document checks (folder, language, duplicates, registry)
 *   yaml.ts          YAML and zod issues -> positioned diagnostics
 */
import type { Diagnostic, FrontMatter, Lang, Registry } from "../../schemas/index.ts";
import { diag } from "../diagnostics.ts";
import { checkCorpus } from "./corpus.ts";
import { decodeCorpusFile } from "./decode.ts";
import { readFrontMatter } from "./front-matter.ts";

export { type CorpusEntry, classifyCorpusPath, REGISTRY_FILE } from "./corpus.ts";
export { decodeCorpusFile, MAX_DOCUMENT_BYTES, tooLarge } from "./decode.ts";
export { readFrontMatter } from "./front-matter.ts";
export { loadRegistry, type RegistryRead, readRegistry } from "./registry.ts";
export { YAML_LIMITS } from "./yaml.ts";

/** A corpus document file as read from disk. */
export interface CorpusFile {
  /** Repository-relative path ("corpus/A-78-265/zh.md"). */
  file: string;
  /** Folder name (the symbol's slug) and the language the file name gives. */
  slug: string;
  lang: Lang;
  /** The file's bytes (read when first asked for, where the runner knows their hash already). */
  readonly bytes: Uint8Array;
  /** The SHA-256 of `bytes`, hex. */
  sha256: string;
}

/** A document that passed loading: ready for the parser. */
export interface LoadedDocument {
  file: string;
  /** The file's bytes: read on first use for a file the last build read (build/read.ts). */
  readonly bytes: Uint8Array;
  /** The SHA-256 of `bytes`, hex. */
  sha256: string;
  meta: FrontMatter;
  /** The Markdown after the front matter (LF line ends). */
  body: string;
  /** File line where `body` starts. */
  firstLine: number;
}

/**
 * What reading one file that loaded gave, but its body: what a later build may take from the last
 * one's load memo (load/memo.ts) for a file of the same path and bytes instead of decoding it and
 * parsing its front matter again. Files that did not load are never kept: they are read again.
 */
export interface FileLoad {
  meta: FrontMatter;
  firstLine: number;
  keyLines: Record<string, number>;
  /** The file's own diagnostics (a BOM removed): warnings only, since it loaded. */
  diagnostics: Diagnostic[];
}

/**
 * The body of a file read before: decoded and split from its front matter on first use only (the
 * parser is the one reader, and only of the documents the parse cache does not hold).
 */
function lazyBody(f: CorpusFile, limit: number | undefined): () => string {
  let body: string | null = null;
  return () => {
    body ??= readFrontMatter(decodeCorpusFile(f.bytes, f.file, limit).text ?? "", f.file).body;
    return body;
  };
}

/**
 * Load every document file: decode, read front matter, check paths, duplicates and registry.
 * A file with an error is left out; its diagnostics say why.
 * @param files the document files, in any order
 * @param registry the validated registry, or null when there is none (no registry check then)
 * @param limit the size limit in bytes
 * @param known what an earlier build read from a file of the same path and bytes (load/memo.ts),
 *   or undefined; `loads` gives back what was read this time, for the next build
 */
export function loadDocuments(
  files: readonly CorpusFile[],
  registry: Registry | null,
  limit?: number,
  known: (f: CorpusFile) => FileLoad | undefined = () => undefined,
): { documents: LoadedDocument[]; diagnostics: Diagnostic[]; loads: Map<string, FileLoad> } {
  const diagnostics: Diagnostic[] = [];
  const loads = new Map<string, FileLoad>();
  const read: Array<LoadedDocument & { slug: string; lang: Lang; keyLines: Record<string, number> }> = [];
  for (const f of files) {
    const hit = known(f);
    if (hit) {
      diagnostics.push(...hit.diagnostics);
      loads.set(f.file, hit);
      const body = lazyBody(f, limit);
      read.push({
        file: f.file,
        // A getter: the bytes of a file the last build read are read only if the parser needs them.
        get bytes() {
          return f.bytes;
        },
        sha256: f.sha256,
        meta: hit.meta,
        get body() {
          return body();
        },
        firstLine: hit.firstLine,
        slug: f.slug,
        lang: f.lang,
        keyLines: hit.keyLines,
      });
      continue;
    }
    const decoded = decodeCorpusFile(f.bytes, f.file, limit);
    diagnostics.push(...decoded.diagnostics);
    if (decoded.text === null) continue;
    const fm = readFrontMatter(decoded.text, f.file);
    diagnostics.push(...fm.diagnostics);
    if (!fm.meta) continue;
    if (fm.body.trim() === "") {
      diagnostics.push(
        diag(
          "corpus/empty",
          { file: f.file, line: fm.firstLine },
          "the front matter is followed by no text",
          "Add the document's text after the closing ---, or delete the file.",
        ),
      );
      continue;
    }
    loads.set(f.file, {
      meta: fm.meta,
      firstLine: fm.firstLine,
      keyLines: fm.keyLines,
      diagnostics: [...decoded.diagnostics, ...fm.diagnostics],
    });
    read.push({
      file: f.file,
      bytes: f.bytes,
      sha256: f.sha256,
      meta: fm.meta,
      body: fm.body,
      firstLine: fm.firstLine,
      slug: f.slug,
      lang: f.lang,
      keyLines: fm.keyLines,
    });
  }
  const checked = checkCorpus(read, registry);
  diagnostics.push(...checked.diagnostics);
  // Each document keeps its own `body` (a getter for a file read before): not copied out here.
  const documents: LoadedDocument[] = read.filter((d) => !checked.rejected.has(d.file));
  return { documents, diagnostics, loads };
}
