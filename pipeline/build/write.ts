/**
 * Write: what the build computed -> the files of dist/data, each validated against its zod schema
 * and serialised, with its record count and contract version for the manifest. The runner hands
 * them to the host's atomic write (host.ts), which writes them all into a fresh folder, adds the
 * manifest from what was written (`finish`) and swaps the folder in.
 *
 * This is the data contract in one place: every file of dist/data, its schema and its layout.
 * Decisions:
 * - Byte-identical output for the same input: files sorted by path, every record through its
 *   zod schema (whose output follows the schema's key order), maps with sorted keys (the stages
 *   build them so), no dates.
 * - Records are validated as the files are produced, before anything is swapped in: an invalid
 *   record throws, and the last good output stays.
 * - Large files are sequences of chunks (paragraphs.jsonl line by line), never one string.
 * - A file whose content is already in memory (the search index's files, the small JSON files)
 *   and that the last output holds byte for byte is hard-linked from it, not written again
 *   (`linkPrevious`): after a change to one document most of the index's ~8,000 files at 200k
 *   paragraphs are the same, and removing the last output's copies of them cost more than
 *   writing them (ext4 discarding freed blocks: 17 s for the 7,900 files of one output). The
 *   last output is the folder being replaced (`acquis build --out`) or the published generation,
 *   which a new generation never changes (generations.ts): linking keeps publish-whole-or-nothing.
 */

import path from "node:path";
import {
  AdoptionFile,
  AlignedFile,
  CitationSummaryFile,
  CitedByFile,
  type Diagnostic,
  type DocumentRecord,
  DocumentsFile,
  FormulasFile,
  LineageFile,
  Manifest,
  Reuse,
  ReuseSummaryFile,
  SCHEMA_VERSION,
  type Summary,
  WorkingPapersFile,
} from "../../schemas/index.ts";
import { TopicsDataFile } from "../../schemas/topics.ts";
import type { FileStamp, OutputFile, WrittenFile } from "../host.ts";
import { buildReport } from "../report.ts";
import type { OutputMemo } from "./memos.ts";
import type { Analysed } from "./stages.ts";

/** Everything a build exports. */
export interface BuildOutput {
  documents: DocumentRecord[];
  /**
   * paragraphs.jsonl as pieces of UTF-8 bytes, one per document, each line ending in a newline
   * (validated and serialised by the cache step, cache.ts), and how many lines they hold.
   */
  paragraphPieces: readonly Uint8Array[];
  paragraphCount: number;
  analysed: Analysed;
  /** Every diagnostic of the build, sorted, and their counts. */
  diagnostics: Diagnostic[];
  summary: Summary;
}

/** The files to write, and the files made from what was written (the manifest). */
export interface DataFiles {
  files: OutputFile[];
  finish: (written: readonly WrittenFile[]) => OutputFile[];
}

/** A JSON file as one chunk, compact, with a trailing newline. */
function compact(path: string, value: unknown, records: number | null): OutputFile {
  return { path, chunks: [`${JSON.stringify(value)}\n`], records, schemaVersion: SCHEMA_VERSION };
}

/** A JSON file laid out for reading (two-space indent), with a trailing newline. */
function pretty(path: string, value: unknown, records: number | null): OutputFile {
  return { path, chunks: [`${JSON.stringify(value, null, 2)}\n`], records, schemaVersion: SCHEMA_VERSION };
}

/** A JSONL file: one record a line, each validated by `parse` as it is written. */
function jsonl<T>(path: string, records: readonly T[], parse: (r: T) => unknown): OutputFile {
  return {
    path,
    chunks: (function* () {
      for (const r of records) yield `${JSON.stringify(parse(r))}\n`;
    })(),
    records: records.length,
    schemaVersion: SCHEMA_VERSION,
  };
}

/** A JSONL file from lines already validated and serialised (no newline). */
function lines(path: string, records: readonly string[]): OutputFile {
  return {
    path,
    chunks: (function* () {
      for (const l of records) yield `${l}\n`;
    })(),
    records: records.length,
    schemaVersion: SCHEMA_VERSION,
  };
}

/** The stages' files: citations, reuse, the search index. */
function stageFiles(stages: NonNullable<Analysed["stages"]>): OutputFile[] {
  const { cite, reuse, adoption, index, topics } = stages;
  return [
    pretty("adoption.json", AdoptionFile.parse(adoption.file), adoption.file.links.length),
    // Validated and serialised by the cite stage, once (kept so by its memo): written as given.
    lines("citations.jsonl", cite.lines),
    pretty("cited-by.json", CitedByFile.parse(cite.citedBy), null),
    pretty("citations-summary.json", CitationSummaryFile.parse(cite.summary), cite.summary.documents.length),
    jsonl("reuse.jsonl", reuse.reuse, (r) => Reuse.parse(r)),
    pretty("lineage.json", LineageFile.parse(reuse.lineage), reuse.lineage.families.length),
    pretty("aligned.json", AlignedFile.parse(reuse.aligned), reuse.aligned.rows.length),
    pretty("formulas.json", FormulasFile.parse(reuse.formulas), reuse.formulas.formulas.length),
    pretty("reuse-summary.json", ReuseSummaryFile.parse(reuse.summary), null),
    compact(
      "topics.json",
      TopicsDataFile.parse({ schemaVersion: SCHEMA_VERSION, ...topics.data }),
      topics.data.paragraphs.length,
    ),
    // The index's files are in its own format (pipeline/index/README.md): written as given.
    ...Object.entries(index.files).map(([path, content]) => ({
      path: `search/${path}`,
      chunks: [content],
      records: null,
      schemaVersion: path === "index.json" ? index.manifest.schemaVersion : null,
    })),
  ];
}

/** Every file of dist/data but the manifest, sorted by path; and the manifest, made last. */
export function dataFiles(out: BuildOutput): DataFiles {
  const { documents, analysed } = out;
  const report = buildReport(out.diagnostics, out.summary);
  const files: OutputFile[] = [
    compact(
      "documents.json",
      DocumentsFile.parse({ schemaVersion: SCHEMA_VERSION, documents }),
      documents.length,
    ),
    {
      path: "paragraphs.jsonl",
      // Written and hashed as the bytes they are (a generator, not an array: streamed once).
      chunks: (function* () {
        yield* out.paragraphPieces;
      })(),
      records: out.paragraphCount,
      schemaVersion: SCHEMA_VERSION,
    },
    compact(
      "working-papers.json",
      WorkingPapersFile.parse({ schemaVersion: SCHEMA_VERSION, papers: analysed.workingPapers }),
      analysed.workingPapers.length,
    ),
    ...(analysed.stages ? stageFiles(analysed.stages) : []),
    compact("diagnostics.json", report, report.diagnostics.length),
  ].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    files,
    finish: (written) => [
      compact(
        "manifest.json",
        Manifest.parse({ schemaVersion: SCHEMA_VERSION, files: written }),
        written.length,
      ),
    ],
  };
}

/**
 * The writer's `link` hook: the file of the last output (in `dir`) with this content, or null.
 * A file is linked only when the output memo says the last build wrote these bytes (SHA-256 and
 * size) at that path of this very folder, and the file's stamp (inode, size, modification time
 * in nanoseconds) is still the one recorded right after it was written: a file edited by hand, or
 * replaced, since then is written anew (host.ts `stampOf`, which the runner hands in, says why
 * the stamp is enough).
 */
export function linkPrevious(
  memo: OutputMemo | null,
  dir: string,
  stampOf: (abs: string) => FileStamp | null,
  linked?: Map<string, FileStamp>,
): ((file: { path: string; sha256: string; bytes: number }) => string | null) | undefined {
  if (!memo || path.resolve(memo.dir) !== path.resolve(dir)) return undefined;
  const bySha = new Map(memo.files.map((f) => [f.sha256, f]));
  return ({ path: rel, sha256, bytes }) => {
    const f = bySha.get(sha256);
    if (!f || f.stamp.size !== bytes) return null;
    const abs = path.join(dir, f.path);
    const now = stampOf(abs);
    if (!(now && now.ino === f.stamp.ino && now.size === f.stamp.size && now.mtimeNs === f.stamp.mtimeNs))
      return null;
    linked?.set(rel, now);
    return abs;
  };
}

/**
 * The output memo of files just written into `dir`, for the next build: each file's stamp read
 * now, but for those in `linked` (path -> the stamp checked when it was linked): a hard link is
 * the same inode, size and modification time, so its stamp is known without a stat (8,000 of them
 * after a change at 200k paragraphs). Should a link have failed and the file been written instead,
 * the stamp recorded is the old file's, which the next build finds moved: it writes that file
 * anew, never links wrong bytes.
 */
export function outputMemoOf(
  dir: string,
  written: readonly WrittenFile[],
  stampOf: (abs: string) => FileStamp | null,
  linked: ReadonlyMap<string, FileStamp> = new Map(),
): OutputMemo {
  const files: OutputMemo["files"] = [];
  for (const w of written) {
    const stamp = linked.get(w.path) ?? stampOf(path.join(dir, w.path));
    if (stamp) files.push({ sha256: w.sha256, path: w.path, stamp });
  }
  return { dir: path.resolve(dir), files };
}
