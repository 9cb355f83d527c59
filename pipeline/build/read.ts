/**
 * Read: the corpus folder's listing -> the documents ready to parse and the registry, every
 * problem a diagnostic. The first step of the build runner (index.ts).
 *
 * Decisions:
 * - The disk stays with the runner: it hands over the listing and a function that reads one
 *   listed file. A file is read only once its path says it is a document or the registry and it
 *   is within the size limit, so a file over the limit never enters memory; nothing here imports
 *   the host, and a test can hand over files that exist only in memory.
 * - A registry that is missing or unreadable as a whole is reported once; the documents are then
 *   not checked against it, which would only repeat that.
 * - A file whose path and bytes the last build read (a document, the registry, the topic
 *   vocabulary) is taken from its load memo (load/memo.ts), not decoded and parsed again; the checks across files run on every build. Such a registry, a missing corpus
 *   folder or a folder without documents make the corpus `broken`: the runner then publishes
 *   nothing, since every later step would silently degrade (a build of nothing, citations that
 *   resolve to nothing).
 * - Documents come out sorted by symbol, then language, in code-unit order (not locale), the order
 *   of every output file.
 */
import path from "node:path";
import type { Diagnostic, Lang, Registry } from "../../schemas/index.ts";
import { diag } from "../diagnostics.ts";
import { sha256 } from "../hash.ts";
import type { SourceStamp } from "../host.ts";
import {
  type CorpusFile,
  classifyCorpusPath,
  type LoadedDocument,
  loadDocuments,
  loadRegistry,
  REGISTRY_FILE,
  tooLarge,
} from "../load/index.ts";
import {
  fileKey,
  type LoadMemo,
  registryKey,
  sameSourceStamp,
  settled,
  type TopicsRead,
} from "../load/memo.ts";
import { type LoadedTopics, loadTopics, TOPICS_FILE } from "../load/topics.ts";

/** One file of the corpus folder as the host lists it. */
export interface ListedCorpusFile {
  /** Path inside the corpus folder, "/"-separated ("A-78-265/zh.md"). */
  rel: string;
  size: number;
  /** Its stamp as listed (host.ts `SourceStamp`); without one, the file is read and hashed. */
  stamp?: SourceStamp;
}

/** The corpus folder as the runner hands it over. */
export interface CorpusFolder<F extends ListedCorpusFile = ListedCorpusFile> {
  /** The folder, relative to the repository root and "/"-separated, as the output names it ("corpus"). */
  path: string;
  /** Every file under it, sorted by path; null when the folder does not exist. */
  files: readonly F[] | null;
  /** Read one listed file's bytes. */
  read: (file: F) => Uint8Array;
  /**
   * The file system's time taken just before the listing (host.ts `FileStore.clock`), or null:
   * the stamps kept for the next build are those before it (load/memo.ts `settled`).
   */
  clock?: bigint | null;
}

/** The corpus as read: what the parser gets, the registry, and what went wrong. */
export interface CorpusRead {
  /** Documents that passed loading, sorted by symbol then language. */
  documents: LoadedDocument[];
  /** The registry (empty when there is none or it could not be read). */
  registry: Registry;
  /** The topic vocabulary (corpus/topics.yaml), or null when there is none or it is unreadable. */
  topics: LoadedTopics | null;
  /**
   * Why the corpus as a whole cannot be built, or null: no corpus folder, a registry missing or
   * unreadable as a whole, no document at all. A build then publishes nothing.
   */
  broken: string | null;
  /** How many document files the folder holds, read or not (the summary's "of N"). */
  found: number;
  diagnostics: Diagnostic[];
  /** What was read this time, for the next build's `known` (the runner keeps it). */
  memo: LoadMemo;
}

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A document file read now. */
function readFile(file: string, slug: string, lang: Lang, bytes: Uint8Array): CorpusFile {
  return { file, slug, lang, bytes, sha256: sha256(bytes) };
}

/**
 * A document file whose stamp says it holds the bytes of SHA-256 `sha`, read only when its bytes
 * are asked for (the parser's miss): they are checked against `sha` then, so a file edited
 * between the listing and that moment fails the build rather than feed its text under the old
 * hash's cache key (the next build sees the edit: the stamp moved).
 */
function unreadFile(file: string, slug: string, lang: Lang, sha: string, read: () => Uint8Array): CorpusFile {
  let bytes: Uint8Array | null = null;
  return {
    file,
    slug,
    lang,
    sha256: sha,
    get bytes() {
      if (bytes) return bytes;
      const b = read();
      if (sha256(b) !== sha)
        throw new Error(`${file} changed while the build was reading the corpus; run the build again`);
      bytes = b;
      return b;
    },
  };
}

/**
 * The topic vocabulary: the load memo's read of the same path, bytes and limit, or read now; the
 * read is kept in `memo` for the next build. No file, no entry.
 */
function readVocabulary(
  bytes: Uint8Array | null,
  file: string,
  maxBytes: number,
  known: LoadMemo | null,
  memo: LoadMemo,
): TopicsRead {
  if (bytes === null) return loadTopics(null, file, maxBytes);
  const key = registryKey(file, sha256(bytes), maxBytes);
  const read = known?.topics?.key === key ? known.topics.read : loadTopics(bytes, file, maxBytes);
  memo.topics = { key, read };
  return read;
}

/**
 * Read the corpus folder: classify every listed file, read the documents within `maxBytes` and
 * the registry, and load them (decode, front matter, registry, cross-document checks).
 * @param known what the last build read (its load memo), or null
 */
export function readCorpus<F extends ListedCorpusFile>(
  folder: CorpusFolder<F>,
  maxBytes: number,
  known: LoadMemo | null = null,
): CorpusRead {
  const diagnostics: Diagnostic[] = [];
  const memo: LoadMemo = { files: new Map(), registry: null, topics: null, stamps: new Map() };
  const fileOf = (rel: string) => path.posix.join(folder.path, rel);
  const registryFile = fileOf(REGISTRY_FILE);
  if (folder.files === null) {
    diagnostics.push(
      diag(
        "corpus/path",
        { file: folder.path || ".", line: 1 },
        "corpus folder not found",
        "Run from the repository root, or pass --corpus DIR.",
      ),
    );
    return {
      documents: [],
      registry: { documents: [] },
      topics: null,
      found: 0,
      diagnostics,
      memo,
      broken: `the corpus folder ${folder.path || "."} was not found`,
    };
  }
  const files: CorpusFile[] = [];
  let registryBytes: Uint8Array | null = null;
  let topicsBytes: Uint8Array | null = null;
  let found = 0;
  for (const f of folder.files) {
    const file = fileOf(f.rel);
    const entry = classifyCorpusPath(f.rel, file);
    if (entry.kind === "ignored") continue;
    if (entry.kind === "bad") {
      diagnostics.push(entry.diagnostic);
      continue;
    }
    if (entry.kind === "registry") {
      registryBytes = folder.read(f);
      continue;
    }
    if (entry.kind === "topics") {
      if (f.size > maxBytes) diagnostics.push(tooLarge(file, f.size, maxBytes));
      else topicsBytes = folder.read(f);
      continue;
    }
    found++;
    if (f.size > maxBytes) {
      diagnostics.push(tooLarge(file, f.size, maxBytes));
      continue;
    }
    // Listed with the stamp the last build kept: its hash is known, its bytes read only if needed.
    const had = f.stamp && known?.stamps.get(file);
    const doc =
      had && sameSourceStamp(had.stamp, f.stamp)
        ? unreadFile(file, entry.slug, entry.lang, had.sha256, () => folder.read(f))
        : readFile(file, entry.slug, entry.lang, folder.read(f));
    files.push(doc);
    if (f.stamp && settled(f.stamp, folder.clock ?? null))
      memo.stamps.set(file, { stamp: f.stamp, sha256: doc.sha256 });
  }
  const regKey = registryBytes && registryKey(registryFile, sha256(registryBytes), maxBytes);
  const reg =
    regKey && known?.registry?.key === regKey
      ? known.registry.read
      : loadRegistry(registryBytes, registryFile, maxBytes);
  if (regKey) memo.registry = { key: regKey, read: reg };
  diagnostics.push(...reg.diagnostics);
  const topics = readVocabulary(topicsBytes, fileOf(TOPICS_FILE), maxBytes, known, memo);
  diagnostics.push(...topics.diagnostics);
  const keys = new Map(files.map((f) => [f.file, fileKey(f.file, f.sha256)]));
  const loaded = loadDocuments(
    files,
    reg.usable ? reg.registry : null,
    maxBytes,
    known ? (f) => known.files.get(keys.get(f.file)!) : undefined,
  );
  diagnostics.push(...loaded.diagnostics);
  for (const f of files) {
    const load = loaded.loads.get(f.file);
    if (load) memo.files.set(keys.get(f.file)!, load);
  }
  const documents = [...loaded.documents].sort(
    (a, b) => byKey(a.meta.symbol, b.meta.symbol) || byKey(a.meta.lang, b.meta.lang),
  );
  const broken = !reg.usable
    ? `the registry ${registryFile} is ${registryBytes === null ? "missing" : "unreadable as a whole"}`
    : found === 0
      ? `the corpus folder ${folder.path || "."} holds no document`
      : null;
  return { documents, registry: reg.registry, topics: topics.topics, found, diagnostics, broken, memo };
}
