/**
 * The topics stage in a build (build/stages.ts): every document's tags, taken from the memo of the
 * last build when the document and the vocabulary are the same, and topics.json made from each
 * document's piece of its `paragraphs` array, serialised once.
 *
 * Decisions:
 * - A document's tags are a pure function of its paragraphs (a pure function of its file's path
 *   and bytes, the parse cache's key: `file` and `hash` of its record) and of the vocabulary's
 *   topics, so they are kept by those. The curator's overrides name paragraphs: a document with
 *   an override is tagged again on every build (overrides are few), never kept.
 * - What is kept is the tags as topics.json writes them (each document's rows through their schema
 *   and serialised, joined by commas) with their counts by topic: a build after one change neither
 *   tags, validates nor serialises the others again. At 200k paragraphs with the project's
 *   vocabulary, tagging took 1.6 s of CPU and the file's validation and serialisation 0.8-1.4 s,
 *   on every build.
 * - An unchanged document's paragraphs are not read: the stage goes by the documents' records
 *   (the paragraphs of document i are the `paragraphs` count after those of the ones before it).
 *   An override's paragraph is looked for in the document its id names (<slug>/<lang>/...), and
 *   through every paragraph only when it is not there.
 */
import type { Diagnostic, DocumentRecord, Paragraph } from "../../schemas/index.ts";
import { type RemovedTag, TaggedParagraph, TopicsDataFile } from "../../schemas/topics.ts";
import { sha256, sha256Of } from "../hash.ts";
import type { LoadedTopics } from "../load/topics.ts";
import { checkOverrides, type Overrides, taggerOf, tagRun, topicsHead } from "./stage.ts";

/** A document's tags as kept: its rows of topics.json serialised and joined by commas. */
export interface DocTags {
  /**
   * The rows' JSON, joined by ","; empty when no paragraph of the document carries a topic. Read
   * when first asked for where it is kept in a piece of the memo (memo-file.ts): only when
   * topics.json is made, or the piece written again.
   */
  readonly json: Uint8Array;
  /** Its size in bytes, and their SHA-256, known without reading it. */
  size: number;
  sum: string;
  /** How many rows. */
  rows: number;
  /** How many of them carry each topic, in the vocabulary's order. */
  counts: number[];
}

/** What the stage keeps for the next build. */
export interface TopicsMemo {
  /** The digest of the vocabulary's topics (not its overrides) the tags were read with. */
  vocabulary: string;
  /** Tags by document key (`docKey`). */
  docs: Map<string, DocTags>;
  /** True when the memo is the one read, untouched (then its file need not be written again). */
  unchanged?: boolean;
}

/** What the stage gives the writer: topics.json in pieces. */
export interface TopicsTagged {
  /** The vocabulary with its counts, and the curator's removals; empty without a vocabulary. */
  topics: TopicsDataFile["topics"];
  removed: RemovedTag[];
  /** Each document's tags (their rows as `DocTags.json`), in the documents' order. */
  pieces: DocTags[];
  /** How many paragraphs carry a topic. */
  tagged: number;
  /** A digest of everything topics.json is made from (write.ts `source`). */
  source: string;
  diagnostics: Diagnostic[];
}

/** What the stage reads. */
export interface TopicsStageInput {
  documents: readonly DocumentRecord[];
  paragraphs: readonly Paragraph[];
  vocabulary: LoadedTopics | null;
}

/** A document's key: what its paragraphs are a pure function of. */
export const docKey = (d: DocumentRecord) => `${d.file}\n${d.hash}`;

const enc = new TextEncoder();

/**
 * Tag the corpus, from the memo where a document and the vocabulary are the same.
 * @returns the tags, the memo for the next build (null without a vocabulary), how many
 *   documents were tagged anew, and whether the memo was used (or why not)
 */
export function topicsStageMemo(
  input: TopicsStageInput,
  memo: TopicsMemo | null,
): {
  tagged: TopicsTagged;
  memo: TopicsMemo | null;
  redone: number;
  mode: "cold" | "incremental";
  why: string | null;
} {
  const vocab = input.vocabulary;
  if (!vocab) {
    const empty = { topics: [], removed: [], pieces: [], tagged: 0, diagnostics: [] };
    // Said, so the build's report does not call it a cold run for want of a memo.
    const none = {
      memo: null,
      redone: 0,
      mode: "cold" as const,
      why: "the corpus has no topic vocabulary (corpus/topics.yaml): nothing to tag",
    };
    return { tagged: { ...empty, source: sha256("topics: none") }, ...none };
  }
  const { documents, paragraphs } = input;
  const vocabulary = sha256(JSON.stringify(vocab.topics));
  const usable = memo?.vocabulary === vocabulary ? memo.docs : new Map<string, DocTags>();
  const starts: number[] = [];
  let at = 0;
  for (const d of documents) {
    starts.push(at);
    at += d.paragraphs;
  }
  const slice = (i: number) => paragraphs.slice(starts[i], starts[i]! + documents[i]!.paragraphs);
  // The document an id names (<slug>/<lang>/<address>), then every document when not there.
  const byPrefix = new Map(documents.map((d, i) => [`${d.slug}/${d.lang}/`, i]));
  const docOf = (id: string): number => {
    const guess = byPrefix.get(`${id.split("/", 2).join("/")}/`);
    if (guess !== undefined && slice(guess).some((p) => p.id === id)) return guess;
    return documents.findIndex((_, i) => slice(i).some((p) => p.id === id));
  };
  const diagnostics: Diagnostic[] = [];
  const overridden = new Map<number, Map<string, Overrides>>();
  const overrides = checkOverrides(vocab, (id) => docOf(id) >= 0, diagnostics);
  for (const [id, list] of overrides) {
    const i = docOf(id);
    if (!overridden.has(i)) overridden.set(i, new Map());
    overridden.get(i)!.set(id, list);
  }

  const tagger = taggerOf(vocab);
  const docs = new Map<string, DocTags>();
  const counts = vocab.topics.map(() => 0);
  const removed: RemovedTag[] = [];
  const pieces: DocTags[] = [];
  let tagged = 0;
  let redone = 0;
  documents.forEach((d, i) => {
    const key = docKey(d);
    const own = overridden.get(i);
    let tags = own ? undefined : usable.get(key);
    if (!tags) {
      redone++;
      const run = tagRun(slice(i), tagger, own ?? new Map());
      diagnostics.push(...run.diagnostics);
      removed.push(...run.removed);
      const json = run.rows.map((r) => JSON.stringify(TaggedParagraph.parse(r))).join(",");
      const bytes = enc.encode(json);
      tags = {
        json: bytes,
        size: bytes.length,
        sum: sha256(bytes),
        rows: run.rows.length,
        counts: run.counts,
      };
      if (!own) docs.set(key, tags);
    } else docs.set(key, tags);
    pieces.push(tags);
    tagged += tags.rows;
    tags.counts.forEach((n, t) => {
      counts[t]! += n;
    });
  });
  // What the file is made of: the head (vocabulary and counts), the removals, and each document's
  // rows by their SHA-256 (a document changed whose tags are the same leaves the file as it was,
  // and the rows kept in the memo's pieces are then not read).
  const head = topicsHead(vocab, counts);
  const source = sha256Of(
    ["topics.json", JSON.stringify(head), JSON.stringify(removed)]
      .concat(pieces.map((t) => t.sum))
      .map((part) => `${part}\n`),
  );
  const unchanged =
    !!memo && redone === overridden.size && usable === memo.docs && docs.size === memo.docs.size;
  return {
    tagged: { topics: head, removed, pieces, tagged, source, diagnostics },
    memo: { vocabulary, docs, unchanged },
    redone,
    mode: memo && usable === memo.docs ? "incremental" : "cold",
    why: memo && usable !== memo.docs ? "the vocabulary's topics changed" : null,
  };
}

/**
 * topics.json from the stage's pieces: the bytes JSON.stringify gives for the whole file through
 * its schema (the head and the removals validated here, each row when it was tagged), one line.
 */
export function* topicsFileChunks(t: TopicsTagged, schemaVersion: number): Generator<string | Uint8Array> {
  const head = TopicsDataFile.parse({ schemaVersion, topics: t.topics, paragraphs: [], removed: t.removed });
  yield `{"schemaVersion":${JSON.stringify(head.schemaVersion)},"topics":${JSON.stringify(head.topics)},"paragraphs":[`;
  let first = true;
  for (const piece of t.pieces) {
    if (!piece.size) continue;
    if (!first) yield ",";
    yield piece.json;
    first = false;
  }
  yield `],"removed":${JSON.stringify(head.removed)}}\n`;
}
