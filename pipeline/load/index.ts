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
  bytes: Uint8Array;
}

/** A document that passed loading: ready for the parser. */
export interface LoadedDocument {
  file: string;
  bytes: Uint8Array;
  meta: FrontMatter;
  /** The Markdown after the front matter (LF line ends). */
  body: string;
  /** File line where `body` starts. */
  firstLine: number;
}

/**
 * Load every document file: decode, read front matter, check paths, duplicates and registry.
 * A file with an error is left out; its diagnostics say why.
 * @param files the document files, in any order
 * @param registry the validated registry, or null when there is none (no registry check then)
 * @param limit the size limit in bytes
 */
export function loadDocuments(
  files: readonly CorpusFile[],
  registry: Registry | null,
  limit?: number,
): { documents: LoadedDocument[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const read: Array<LoadedDocument & { slug: string; lang: Lang; keyLines: Record<string, number> }> = [];
  for (const f of files) {
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
    read.push({
      file: f.file,
      bytes: f.bytes,
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
  const documents = read
    .filter((d) => !checked.rejected.has(d.file))
    .map(({ file, bytes, meta, body, firstLine }) => ({ file, bytes, meta, body, firstLine }));
  return { documents, diagnostics };
}
