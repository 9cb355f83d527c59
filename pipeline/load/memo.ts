/**
 * The load memo: what loading read from each corpus file (front matter, its lines, the file's
 * warnings) and the registry as read, kept from one build for the next by the files' bytes, so
 * that a file whose path and bytes are unchanged is neither decoded nor parsed as YAML again. At
 * 200k paragraphs that reading came to some 1.3 s of CPU per build, a tenth of a build after one
 * change (README, Measured).
 *
 * Decisions:
 * - An entry is found by the file's path and the SHA-256 of its bytes: the path is in the key
 *   because diagnostics and line numbers carry it, the bytes because they are all it is read
 *   from. The registry's entry and the topic vocabulary's (topics.yaml) carry the size limit they
 *   were read under too.
 * - The vocabulary is kept as read (topics, overrides with their lines, the file's diagnostics):
 *   parsing its YAML and checking each entry was 60 ms of every build after one change at 200k
 *   paragraphs (profile, under load), for a file that seldom changes. Layout "3" added it; a
 *   memo of layout "2" is no memo (the version is in the pack's).
 * - Only what a read gives and nothing it decides with other files: the cross-document checks
 *   (folder, duplicates, registry membership) run on every build, on what the entries give.
 * - The memo file is a pack (pipeline/pack.ts) the runner checks like the stages' memos (kind,
 *   the code's version, checksum): a memo of another version, or edited, is not used, and then
 *   every file is read as on a cold build. Pure: the runner reads and writes the file.
 * - A document file whose stamp (host.ts `SourceStamp`: inode, size, modification and
 *   status-change times) is the one the last build listed keeps the SHA-256 the last build read,
 *   and is not read at all unless the parser needs its text (git keeps its index so). The stamp
 *   alone would miss an edit made within the same tick of the file system's clock as the listing
 *   (the "racy" case): so a stamp is kept only when both its times are before the file system's
 *   time taken just before the listing (`settled`), since any write after that moment stamps the
 *   file at or after it. A file stamped later (edited as the build started) is hashed again next
 *   time. Only setting both times back, which needs the system clock moved, escapes.
 */
import type { Diagnostic, FrontMatter } from "../../schemas/index.ts";
import type { SourceStamp } from "../host.ts";
import type { Section } from "../pack.ts";
import type { FileLoad } from "./index.ts";
import type { RegistryRead } from "./registry.ts";
import type { LoadedTopics } from "./topics.ts";

/** What loadTopics gives. */
export interface TopicsRead {
  topics: LoadedTopics | null;
  diagnostics: Diagnostic[];
}

/** The kind of pack a load memo is, and its layout's version. */
export const LOAD_MEMO = { kind: "acquis load memo", version: "3" } as const;

/**
 * What a build read, by key: `<file>\n<sha256>` for a document, `<file>\n<sha256>\n<limit>` for
 * the registry and the vocabulary.
 */
export interface LoadMemo {
  files: Map<string, FileLoad>;
  registry: { key: string; read: RegistryRead } | null;
  /** corpus/topics.yaml as read (load/topics.ts `loadTopics`), or null when there is none. */
  topics: { key: string; read: TopicsRead } | null;
  /** Document files by path: the stamp the listing gave and the SHA-256 of the bytes read then. */
  stamps: Map<string, { stamp: SourceStamp; sha256: string }>;
}

/** Whether two stamps are of the same unchanged file (every field equal). */
export const sameSourceStamp = (a: SourceStamp | undefined, b: SourceStamp | undefined): boolean =>
  !!a && !!b && a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs;

/**
 * Whether a stamp may be kept for the next build: both its times strictly before `clock`, the
 * file system's time taken before the listing (module header), and a clock at all.
 */
export const settled = (stamp: SourceStamp, clock: bigint | null): boolean =>
  clock !== null && BigInt(stamp.mtimeNs) < clock && BigInt(stamp.ctimeNs) < clock;

/** The key of a corpus file's entry. */
export const fileKey = (file: string, sha: string): string => `${file}\n${sha}`;

/** The key of the registry's entry. */
export const registryKey = (file: string, sha: string, limit: number): string => `${file}\n${sha}\n${limit}`;

/** The memo as the sections of a pack. */
export function loadMemoSections(m: LoadMemo): Record<string, Section> {
  return {
    files: { json: [...m.files] },
    registry: { json: m.registry },
    topics: { json: m.topics },
    stamps: { json: [...m.stamps] },
  };
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

const isStamp = (v: unknown): v is SourceStamp =>
  isRecord(v) &&
  typeof v.ino === "string" &&
  typeof v.size === "number" &&
  typeof v.mtimeNs === "string" &&
  typeof v.ctimeNs === "string";

/** A file's entry as read back, or null when it is not one. */
function fileLoadOf(v: unknown): FileLoad | null {
  if (!isRecord(v) || !isRecord(v.meta) || !isRecord(v.keyLines)) return null;
  if (typeof v.firstLine !== "number" || !Array.isArray(v.diagnostics)) return null;
  return {
    meta: v.meta as FrontMatter,
    firstLine: v.firstLine,
    keyLines: v.keyLines as Record<string, number>,
    diagnostics: v.diagnostics as Diagnostic[],
  };
}

/** The vocabulary's entry as read back, or undefined when it is not one (null: no entry). */
function topicsEntryOf(v: unknown): LoadMemo["topics"] | undefined {
  if (v === null) return null;
  if (!isRecord(v) || typeof v.key !== "string" || !isRecord(v.read)) return undefined;
  const { topics, diagnostics } = v.read;
  if (!Array.isArray(diagnostics)) return undefined;
  if (topics !== null) {
    if (!isRecord(topics) || typeof topics.file !== "string") return undefined;
    if (!Array.isArray(topics.topics) || !Array.isArray(topics.overrides)) return undefined;
  }
  return { key: v.key, read: v.read as unknown as TopicsRead };
}

/**
 * The memo back from its sections, or null when they are not one. The pack's checksum and
 * version vouch for the content; the shape is checked so a memo of another layout is no memo.
 */
export function loadMemoFromSections(s: Record<string, Section>): LoadMemo | null {
  const files = (s.files as { json?: unknown } | undefined)?.json;
  const registry = (s.registry as { json?: unknown } | undefined)?.json;
  const stamps = (s.stamps as { json?: unknown } | undefined)?.json;
  const topics = topicsEntryOf((s.topics as { json?: unknown } | undefined)?.json);
  if (!Array.isArray(files) || !Array.isArray(stamps) || topics === undefined) return null;
  const out: LoadMemo = { files: new Map(), registry: null, topics, stamps: new Map() };
  for (const e of stamps) {
    if (!Array.isArray(e) || typeof e[0] !== "string" || !isRecord(e[1])) return null;
    const { stamp, sha256 } = e[1] as { stamp?: unknown; sha256?: unknown };
    if (!isStamp(stamp) || typeof sha256 !== "string") return null;
    out.stamps.set(e[0], { stamp, sha256 });
  }
  for (const e of files) {
    if (!Array.isArray(e) || typeof e[0] !== "string") return null;
    const load = fileLoadOf(e[1]);
    if (!load) return null;
    out.files.set(e[0], load);
  }
  if (registry !== null) {
    if (!isRecord(registry) || typeof registry.key !== "string" || !isRecord(registry.read)) return null;
    const read = registry.read;
    if (!isRecord(read.registry) || !Array.isArray(read.diagnostics) || typeof read.usable !== "boolean")
      return null;
    out.registry = { key: registry.key, read: read as unknown as RegistryRead };
  }
  return out;
}
