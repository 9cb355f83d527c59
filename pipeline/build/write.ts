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
 * - A file that the last output holds byte for byte is hard-linked from it, not written again
 *   (`previousOutput`; every file is made and hashed before it is written): after a change to one document most of the index's ~8,000 files at 200k
 *   paragraphs are the same, and removing the last output's copies of them cost more than
 *   writing them (ext4 discarding freed blocks: 17 s for the 7,900 files of one output). The
 *   last output is the folder being replaced (`acquis build --out`) or the published generation,
 *   which a new generation never changes (generations.ts): linking keeps publish-whole-or-nothing.
 * - A file whose making costs well above a digest of what it is made from (`sourceOf`) is not
 *   even made when the last output's file was made from the same: that file is linked.
 * - documents.json, which changes with any document, is made from the last output's: the record
 *   of a document of the same path and bytes is copied from there, proven by the file's SHA-256
 *   (`lastDocuments`), and only the others are serialised (`documentsFile`).
 * - paragraphs.jsonl, which changes with any document too, takes the unchanged documents' pieces
 *   from the last output's file, vouched for by its stamp (`lastParagraphs`), rather than from
 *   their parse cache entries; it is still hashed whole as it is written, for the manifest.
 */

import { createHash, type Hash } from "node:crypto";
import path from "node:path";
import {
  AdoptionFile,
  AlignedFile,
  CitationSummaryFile,
  CitedByFile,
  type Diagnostic,
  DocumentRecord,
  FormulasFile,
  LineageFile,
  Manifest,
  Reuse,
  ReuseSummaryFile,
  SCHEMA_VERSION,
  type Summary,
  WorkingPapersFile,
} from "../../schemas/index.ts";
import type { CiteLines } from "../cite/stage.ts";
import { hashJson, hashString, JSON_BATCH, jsonParts } from "../hash.ts";
import type { FileStamp, OutputFile, RangeFile, WriteHooks, WrittenFile } from "../host.ts";
import { buildReport } from "../report.ts";
import { recordJson } from "../reuse/memo-file.ts";
import { topicsFileChunks } from "../topics/incremental.ts";
import type { LastPieces } from "./cache.ts";
import { type OutputMemo, sameStamp } from "./memos.ts";
import type { Analysed } from "./stages.ts";

/** Everything a build exports. */
export interface BuildOutput {
  documents: DocumentRecord[];
  /**
   * paragraphs.jsonl as pieces of UTF-8 bytes, one per document, each line ending in a newline
   * (validated and serialised by the cache step, cache.ts), and how many lines they hold. A
   * function gives them read anew, each a view valid until the next is asked for (cache.ts
   * `ParsedCorpus.pieces`): the file is then written and hashed as they come (host.ts `transient`).
   */
  paragraphPieces: readonly Uint8Array[] | (() => Iterable<Uint8Array>);
  paragraphCount: number;
  analysed: Analysed;
  /** Every diagnostic of the build, sorted, and their counts. */
  diagnostics: Diagnostic[];
  /**
   * A digest of what `diagnostics` were sorted from (`diagnosticsSource`), when the caller has
   * one: diagnostics.json's source is then made of it, not of every diagnostic.
   */
  diagnosticsMade?: string;
  summary: Summary;
}

/** The files to write, and the files made from what was written (the manifest). */
export interface DataFiles {
  files: OutputFile[];
  /** Where each record of documents.json stands, once the file is made (`documentsFile`). */
  places: readonly DocumentPlace[];
  finish: (written: readonly WrittenFile[]) => OutputFile[];
}

/**
 * The digest of what a file is made from: its path, the contract version and the value handed to
 * its schema, serialised as it stands. The schema's output (and so the file's bytes) is a pure
 * function of that value, for the values the stages hand over (plain data: no Map, Date or
 * undefined that JSON would hide); the code that makes it is named by the output memo's version.
 * Decision: only for the files where making costs well above this digest (one JSON.stringify):
 * those laid out for reading, reuse.jsonl, whose records go through their schema one by one, and
 * diagnostics.json.
 * A compact file costs little more to make (zod 4 validates 33,000 diagnostics in some 10 ms, less
 * than their serialisation), so it is made, hashed, and linked when the bytes are the same.
 * Hashed as the string handed to the hash, which encodes it to UTF-8 itself: three times as fast
 * as asking it for UTF-16 (measured on 8 MB of diagnostics' JSON, 14-18 ms against 47-57), and
 * as exact, JSON.stringify giving well-formed strings (a lone surrogate escaped); in parts, never
 * the JSON whole (hash.ts `hashJson`: a string of megabytes is memory fresh from the system).
 */
function sourceOf(path: string, ...values: unknown[]): string {
  const h = createHash("sha256").update(`${path}\n${SCHEMA_VERSION}`);
  for (const v of values) hashJson(h.update("\n"), v);
  return h.digest("hex");
}

/**
 * `sourceOf(path, records)`, the same digest, with each record whose JSON `bytesOf` gives (the
 * UTF-8 of `JSON.stringify(record)`: the reuse stage's records read from its memo, memo-file.ts
 * `recordJson`) hashed as those bytes and the others serialised. The hash reads
 * what the array's JSON is, "[" then the records' JSON joined by "," then "]", whatever gives it.
 * Decision: at 200k paragraphs reuse.jsonl's 4.7 million characters of records were serialised
 * only to be hashed, at every build, where nearly all of them are in hand as bytes.
 */
export function recordsSource<T>(
  path: string,
  records: readonly T[],
  bytesOf: (r: T) => Uint8Array | undefined,
): string {
  const h = createHash("sha256").update(`${path}\n${SCHEMA_VERSION}\n[`);
  let pending = "";
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    const sep = i > 0 ? "," : "";
    const bytes = bytesOf(r);
    if (!bytes) {
      pending += `${sep}${JSON.stringify(r) ?? "null"}`;
      if (pending.length >= JSON_BATCH) pending = flushed(h, pending);
      continue;
    }
    pending = flushed(h, pending + sep);
    h.update(bytes);
  }
  flushed(h, `${pending}]`);
  return h.digest("hex");
}

/** `s` hashed (hash.ts `hashString`), and nothing left pending. */
function flushed(h: Hash, s: string): string {
  if (s) hashString(h, s);
  return "";
}

/**
 * A digest of a list of diagnostics from its parts in order, each the diagnostics themselves
 * (hashed as their JSON) or a digest of them that a stage gives (a SHA-256 in hex of their JSON
 * or of their parts' sums: cite stage.ts `CiteMade.diagnostics`). The same parts in the same
 * order, the same list; and the same list sorted (a stable sort, so even diagnostics that compare
 * equal stand in the same order), the same diagnostics.json. Decision: made so, for that file's
 * source, because the cite stage's 28,000 diagnostics at 200k paragraphs (10.7 MB of JSON with the
 * others) cost some 0.13 s to serialise and hash on every build, where their digest is in hand.
 */
export function diagnosticsSource(parts: ReadonlyArray<readonly Diagnostic[] | string>): string {
  const h = createHash("sha256").update("diagnostics");
  for (const p of parts) {
    if (typeof p === "string") h.update(`\ndigest ${p}`);
    else hashJson(h.update("\njson "), p);
  }
  return h.digest("hex");
}

/**
 * A JSON file, compact, with a trailing newline: `value` is validated by `schema` and serialised
 * when the writer makes it, in parts (hash.ts `jsonParts`): the manifest (1.3 MB at 200k
 * paragraphs) and diagnostics.json (10.7 MB) are never one string of memory fresh from the system.
 */
function compact<T>(
  path: string,
  schema: { parse(v: T): unknown },
  value: T,
  records: number | null,
): OutputFile {
  return {
    path,
    chunks: () => jsonChunks(schema.parse(value)),
    records,
    schemaVersion: SCHEMA_VERSION,
  };
}

/** A value's JSON and a newline, as chunks made as they are asked for (hash.ts `jsonParts`). */
function* jsonChunks(value: unknown): Generator<string, void, undefined> {
  yield* jsonParts(value);
  yield "\n";
}

/**
 * A JSON file laid out for reading (two-space indent), with a trailing newline; as `compact`, but
 * not made at all when the last output's file was made from the same value (host.ts `made`).
 */
function pretty<T>(
  path: string,
  schema: { parse(v: T): unknown },
  value: T,
  records: number | null,
): OutputFile {
  return {
    path,
    chunks: () => [`${JSON.stringify(schema.parse(value), null, 2)}\n`],
    source: sourceOf(path, "pretty", value),
    records,
    schemaVersion: SCHEMA_VERSION,
  };
}

/**
 * As `pretty`, for a value made only when the file is (`value`), whose source is given: a digest
 * of everything the value is made from (`from`, the cite stage's `Cited.made`), so that after a
 * change that leaves it as it was, the value is neither made nor serialised.
 */
function prettyMade<T>(
  path: string,
  schema: { parse(v: T): unknown },
  value: () => T,
  from: string,
  records: number | null,
): OutputFile {
  return {
    path,
    chunks: () => [`${JSON.stringify(schema.parse(value()), null, 2)}\n`],
    source: sourceOf(path, "pretty made from", from),
    records,
    schemaVersion: SCHEMA_VERSION,
  };
}

/**
 * A JSONL file: one record a line, each validated by `parse` as it is made; as `pretty`. With
 * `bytesOf`, the records whose JSON the caller holds as bytes are hashed as those (`recordsSource`).
 */
function jsonl<T>(
  path: string,
  records: readonly T[],
  parse: (r: T) => unknown,
  bytesOf?: (r: T) => Uint8Array | undefined,
): OutputFile {
  return {
    path,
    chunks: function* () {
      for (const r of records) yield `${JSON.stringify(parse(r))}\n`;
    },
    source: bytesOf ? recordsSource(path, records, bytesOf) : sourceOf(path, records),
    records: records.length,
    schemaVersion: SCHEMA_VERSION,
  };
}

/**
 * citations.jsonl from each citing document's lines, already validated and serialised (cite
 * stage.ts `CiteLines`); as `pretty`, with the SHA-256 of each document's lines for the source:
 * no line holds a newline, so the documents' lines in order say the file. A document's lines kept
 * in the cite memo are read only when the file is made: after a change that leaves the citations
 * as they were, none are.
 */
function citationLines(path: string, docs: readonly CiteLines[]): OutputFile {
  const h = createHash("sha256").update(`${path}\n${SCHEMA_VERSION}\ndocuments`);
  let records = 0;
  for (const d of docs) {
    h.update("\n").update(d.sum);
    records += d.count;
  }
  return {
    path,
    chunks: function* () {
      for (const d of docs) if (d.size) yield d.bytes;
    },
    source: h.digest("hex"),
    records,
    schemaVersion: SCHEMA_VERSION,
  };
}

/**
 * Records the last build validated whose schema gave them back as they were (the same JSON): by
 * the SHA-256 of their JSON (base64). `known`: those the output memo names, under the same code;
 * `validated`: filled as the writer validates, for the next build's output memo.
 */
export interface ValidRecords {
  known: ReadonlySet<string>;
  validated: Set<string>;
}

/**
 * Where a record of documents.json stands in the file: by the document's file and the SHA-256 of
 * its bytes (the record's `file` and `hash`), its first byte and length, and the SHA-256 of its
 * JSON (base64, as `ValidRecords` names it).
 */
export interface DocumentPlace {
  file: string;
  hash: string;
  at: number;
  bytes: number;
  sum: string;
}

/**
 * The last output's documents.json, proven by its SHA-256 (the one the output memo recorded for
 * it), and where each of its records stands (`DocumentPlace`), by `${file}\n${hash}`.
 */
export interface LastDocuments {
  bytes: Uint8Array;
  places: ReadonlyMap<string, DocumentPlace>;
}

const COMMA = 0x2c;

/**
 * documents.json, compact, as `compact` makes it from DocumentsFile (an object of the contract
 * version and the records, in that order), each record validated only when new: one whose JSON a
 * build validated before and its schema gave back unchanged is written as its JSON. The schema's
 * output is a pure function of the record's JSON for the plain data the parse step hands over (as
 * `sourceOf` says), so validating it again would give the same bytes. At 200k paragraphs: the
 * 1,329 records (5.3 MB), one of them new after a change, cost 77 ms of zod whole.
 * Decision: a record the last output's documents.json holds (`last`), of a document of the same
 * file and bytes, is copied from there, never serialised nor hashed again: the record is made by
 * the parse step from the document's path and bytes alone (its front matter and its parse), by
 * the same code (the output memo's version), so its JSON is the same. Runs of such records that
 * stand together in the last file are copied as one range. `places` gets where each record stands
 * in the file made, for the next build.
 */
function documentsFile(
  documents: readonly DocumentRecord[],
  valid: ValidRecords,
  last: LastDocuments | null,
  places: DocumentPlace[],
): OutputFile {
  return {
    path: "documents.json",
    chunks: function* () {
      places.length = 0;
      const head = `{"schemaVersion":${JSON.stringify(SCHEMA_VERSION)},"documents":[`;
      yield head;
      let pos = head.length;
      // A range of the last file not yet handed out: records that stood together there.
      let run: { start: number; end: number } | null = null;
      for (const [i, r] of documents.entries()) {
        const was = last?.places.get(`${r.file}\n${r.hash}`);
        if (i > 0 && !(run && was && was.at === run.end + 1 && last!.bytes[run.end] === COMMA)) {
          if (run) yield last!.bytes.subarray(run.start, run.end);
          run = null;
          yield ",";
        }
        if (i > 0) pos += 1;
        if (was && last) {
          if (run) run.end = was.at + was.bytes;
          else run = { start: was.at, end: was.at + was.bytes };
          valid.validated.add(was.sum);
          places.push({ file: r.file, hash: r.hash, at: pos, bytes: was.bytes, sum: was.sum });
          pos += was.bytes;
          continue;
        }
        const json = JSON.stringify(r);
        const sum = createHash("sha256").update(json).digest("base64");
        let out = json;
        if (!valid.known.has(sum)) {
          out = JSON.stringify(DocumentRecord.parse(r));
          if (out === json) valid.validated.add(sum);
        } else valid.validated.add(sum);
        const bytes = Buffer.byteLength(out);
        // The sum names the JSON written only when the schema gave the record back as it was.
        if (out === json) places.push({ file: r.file, hash: r.hash, at: pos, bytes, sum });
        pos += bytes;
        yield out;
      }
      if (run) yield last!.bytes.subarray(run.start, run.end);
      yield "]}\n";
    },
    records: documents.length,
    schemaVersion: SCHEMA_VERSION,
  };
}

/**
 * The last output's documents.json from the output memo and the file's bytes as read now (null
 * when there are none): taken only when the memo is of this code and this folder, and the bytes
 * are the ones it recorded, each place inside them and holding one JSON object. Anything else:
 * null, and every record is made. The bytes are the ones recorded when the file's stamp, taken
 * after reading them, is still the one recorded right after the last build wrote it (as for a
 * file linked, `previousOutput`: an edit since then moves it), else when their SHA-256 is
 * (5.3 MB at 200k paragraphs, 13 ms of every build after a change, in the profile).
 */
export function lastDocuments(
  memo: OutputMemo | null,
  dir: string,
  version: string,
  read: (abs: string) => Uint8Array | null,
  stampOf: (abs: string) => FileStamp | null = () => null,
): LastDocuments | null {
  if (!memo || memo.version !== version || !Array.isArray(memo.documents)) return null;
  if (path.resolve(memo.dir) !== path.resolve(dir)) return null;
  const f = memo.files.find((x) => x.path === "documents.json");
  const abs = f ? path.join(dir, f.path) : "";
  const bytes = f ? read(abs) : null;
  if (!(f && bytes)) return null;
  const now = bytes.length === f.stamp.size ? stampOf(abs) : null;
  const unmoved =
    !!now && now.ino === f.stamp.ino && now.size === f.stamp.size && now.mtimeNs === f.stamp.mtimeNs;
  if (!unmoved && createHash("sha256").update(bytes).digest("hex") !== f.sha256) return null;
  const places = new Map<string, DocumentPlace>();
  for (const p of memo.documents) {
    const ok =
      p &&
      typeof p.file === "string" &&
      typeof p.hash === "string" &&
      typeof p.sum === "string" &&
      Number.isSafeInteger(p.at) &&
      Number.isSafeInteger(p.bytes) &&
      p.at > 0 &&
      p.bytes > 1 &&
      p.at + p.bytes <= bytes.length &&
      bytes[p.at] === 0x7b &&
      bytes[p.at + p.bytes - 1] === 0x7d;
    if (!ok) return null;
    places.set(`${p.file}\n${p.hash}`, p);
  }
  return { bytes, places };
}

/**
 * The last output's paragraphs.jsonl, for the pieces it holds (cache.ts `piecesOf`), or null: taken
 * only when the memo is of this code and this folder, says where each piece stands (cache key
 * and length, in order, adding up to the file's size), and the file opened still has the stamp
 * recorded right after the last build wrote it (as for a file linked, `previousOutput`: an edit
 * since then moves it); read through that descriptor. `close` lets it go. Decision: vouched for by
 * its stamp, not its SHA-256, which would cost as much as reading the entries: 133 MB at 200k
 * paragraphs.
 */
export function lastParagraphs(
  memo: OutputMemo | null,
  dir: string,
  version: string,
  open: (abs: string) => RangeFile | undefined,
): (LastPieces & { close: () => void }) | null {
  if (!memo || memo.version !== version || !Array.isArray(memo.paragraphs)) return null;
  if (path.resolve(memo.dir) !== path.resolve(dir)) return null;
  const f = memo.files.find((x) => x.path === "paragraphs.jsonl");
  if (!f) return null;
  const places = new Map<string, { at: number; bytes: number }>();
  let at = 0;
  for (const p of memo.paragraphs) {
    const ok = Array.isArray(p) && typeof p[0] === "string" && Number.isSafeInteger(p[1]) && p[1] >= 0;
    if (!ok) return null;
    places.set(p[0], { at, bytes: p[1] });
    at += p[1];
  }
  if (at !== f.stamp.size) return null;
  const file = open(path.join(dir, f.path));
  if (!file) return null;
  if (!sameStamp(file.stamp, f.stamp)) {
    file.close();
    return null;
  }
  let buf = Buffer.alloc(0);
  return {
    places,
    read: (pos, length) => {
      if (buf.length < length) buf = Buffer.allocUnsafeSlow(length);
      const view = buf.subarray(0, length);
      if (!file.read(pos, view)) throw new Error(`${path.join(dir, f.path)} is shorter than its memo says`);
      return view;
    },
    close: () => file.close(),
  };
}

/** The stages' files: citations, reuse, the search index. */
function stageFiles(stages: NonNullable<Analysed["stages"]>): OutputFile[] {
  const { cite, reuse, adoption, index, topics } = stages;
  return [
    pretty("adoption.json", AdoptionFile, adoption.file, adoption.file.links.length),
    // Validated and serialised by the cite stage, once (kept so by its memo): written as given.
    citationLines("citations.jsonl", cite.lines),
    // Made from the marks only when their digest is not the last output's (cite stage.ts `made`).
    prettyMade("cited-by.json", CitedByFile, () => cite.citedBy, cite.made.citedBy, null),
    prettyMade(
      "citations-summary.json",
      CitationSummaryFile,
      () => cite.summary,
      cite.made.summary,
      cite.made.targets,
    ),
    jsonl("reuse.jsonl", reuse.reuse, (r) => Reuse.parse(r), recordJson),
    pretty("lineage.json", LineageFile, reuse.lineage, reuse.lineage.families.length),
    pretty("aligned.json", AlignedFile, reuse.aligned, reuse.aligned.rows.length),
    pretty("formulas.json", FormulasFile, reuse.formulas, reuse.formulas.formulas.length),
    pretty("reuse-summary.json", ReuseSummaryFile, reuse.summary, null),
    // Made from each document's rows, serialised when they were tagged (topics/incremental.ts).
    {
      path: "topics.json",
      chunks: () => topicsFileChunks(topics, SCHEMA_VERSION),
      source: sourceOf("topics.json", topics.source),
      records: topics.tagged,
      schemaVersion: SCHEMA_VERSION,
    },
    // The index's files are in its own format (pipeline/index/README.md): written as given.
    ...Object.entries(index.files).map(([path, content]) => ({
      path: `search/${path}`,
      chunks: [content],
      records: null,
      schemaVersion: path === "index.json" ? index.manifest.schemaVersion : null,
    })),
    // Those still in the index memo's pieces: known by the SHA-256 of their bytes (the memo lists
    // it), read only when the last output has no file of the same (pipeline/index/memo-file.ts).
    // By the bytes alone, not by path and source: a change to one text chunk renames the folder
    // of all of them (t-<hash of every chunk's hash>), and the others' bytes are the same.
    ...Object.entries(index.kept ?? {}).map(([path, k]) => ({
      path: `search/${path}`,
      chunks: () => [k.read()],
      known: { sha256: k.source, bytes: k.size },
      records: null,
      schemaVersion: null,
    })),
  ];
}

/**
 * Every file of dist/data but the manifest, sorted by path; and the manifest, made last. The
 * files validated here are validated when the writer makes them (before anything is swapped in):
 * one whose source is that of a file of the last output is that file, validated when it was made.
 */
export function dataFiles(
  out: BuildOutput,
  valid: ValidRecords = { known: new Set(), validated: new Set() },
  last: LastDocuments | null = null,
): DataFiles {
  const { documents, analysed } = out;
  const places: DocumentPlace[] = [];
  const files: OutputFile[] = [
    documentsFile(documents, valid, last, places),
    {
      path: "paragraphs.jsonl",
      // Written and hashed as the bytes they are (validated and serialised by the cache step),
      // as they are read: 133 MB at 200k paragraphs, never held whole.
      chunks: out.paragraphPieces,
      transient: true,
      records: out.paragraphCount,
      schemaVersion: SCHEMA_VERSION,
    },
    compact(
      "working-papers.json",
      WorkingPapersFile,
      { schemaVersion: SCHEMA_VERSION, papers: analysed.workingPapers },
      analysed.workingPapers.length,
    ),
    ...(analysed.stages ? stageFiles(analysed.stages) : []),
    {
      path: "diagnostics.json",
      chunks: () => jsonChunks(buildReport(out.diagnostics, out.summary)),
      // As `pretty`: some 33,000 diagnostics at 200k paragraphs (10.7 MB), which a change to one
      // document seldom moves, and whose making (zod, a sort, the UTF-8 of 10.7 MB, its hash) cost
      // some 0.3 s of the build after one change; the digest is of what they were sorted from
      // (`diagnosticsSource`) when the caller gives it, else one JSON.stringify and its hash.
      source:
        out.diagnosticsMade !== undefined
          ? sourceOf("diagnostics.json", "made from", out.diagnosticsMade, out.summary)
          : sourceOf("diagnostics.json", out.diagnostics, out.summary),
      records: out.diagnostics.length,
      schemaVersion: SCHEMA_VERSION,
    },
  ].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    files,
    places,
    finish: (written) => [
      compact("manifest.json", Manifest, { schemaVersion: SCHEMA_VERSION, files: written }, written.length),
    ],
  };
}

/**
 * The writer's hooks from the last output (in `dir`): `link`, the file of the last output with
 * this content, or null; and `made`, the content of the file the last output made from this
 * source, or null. A file is linked only when the output memo says the last build wrote these
 * bytes (SHA-256 and size) at that path of this very folder, and the file's stamp (inode, size,
 * modification time in nanoseconds) is still the one recorded right after it was written: a file
 * edited by hand, or replaced, since then is made and written anew (host.ts `stampOf`, which the
 * runner hands in, says why the stamp is enough). A source is only taken from a memo made by the
 * same code (`version`): another version may make other bytes from the same value.
 */
export function previousOutput(
  memo: OutputMemo | null,
  dir: string,
  stampOf: (abs: string) => FileStamp | null,
  version: string,
  linked?: Map<string, FileStamp>,
): Pick<WriteHooks, "link" | "made"> {
  if (!memo || path.resolve(memo.dir) !== path.resolve(dir)) return {};
  const bySha = new Map(memo.files.map((f) => [f.sha256, f]));
  const bySource = new Map(
    memo.version === version
      ? memo.files.flatMap((f) => (f.source ? [[`${f.path}\n${f.source}`, f] as const] : []))
      : [],
  );
  return {
    link: ({ path: rel, sha256, bytes }) => {
      const f = bySha.get(sha256);
      if (!f || f.stamp.size !== bytes) return null;
      const abs = path.join(dir, f.path);
      const now = stampOf(abs);
      if (!(now && now.ino === f.stamp.ino && now.size === f.stamp.size && now.mtimeNs === f.stamp.mtimeNs))
        return null;
      linked?.set(rel, now);
      return abs;
    },
    made: ({ path: rel, source }) => {
      const f = bySource.get(`${rel}\n${source}`);
      return f ? { sha256: f.sha256, bytes: f.stamp.size } : null;
    },
  };
}

/**
 * The output memo of files just written into `dir`, for the next build: each file's stamp read
 * now, but for those in `linked` (path -> the stamp checked when it was linked): a hard link is
 * the same inode, size and modification time, so its stamp is known without a stat (8,000 of them
 * after a change at 200k paragraphs). Should a link have failed and the file been written instead,
 * the stamp recorded is the old file's, which the next build finds moved: it writes that file
 * anew, never links wrong bytes. `files`: what was handed to the writer, for each file's source;
 * `validated`: the records found valid as they were (`ValidRecords`); `documents`: where each
 * record of documents.json stands (`DocumentPlace`); `paragraphs`: where each document's piece of
 * paragraphs.jsonl stands (`lastParagraphs`).
 */
export function outputMemoOf(
  dir: string,
  written: readonly WrittenFile[],
  stampOf: (abs: string) => FileStamp | null,
  version: string,
  files: readonly OutputFile[] = [],
  linked: ReadonlyMap<string, FileStamp> = new Map(),
  validated: ReadonlySet<string> = new Set(),
  documents: readonly DocumentPlace[] = [],
  paragraphs: ReadonlyArray<[string, number]> = [],
): OutputMemo {
  const sources = new Map(files.flatMap((f) => (f.source ? [[f.path, f.source] as const] : [])));
  const out: OutputMemo["files"] = [];
  for (const w of written) {
    const stamp = linked.get(w.path) ?? stampOf(path.join(dir, w.path));
    const source = sources.get(w.path);
    if (stamp) out.push({ sha256: w.sha256, path: w.path, stamp, ...(source ? { source } : {}) });
  }
  return {
    dir: path.resolve(dir),
    version,
    files: out,
    records: [...validated].sort(),
    documents: [...documents],
    paragraphs: [...paragraphs],
  };
}
