/**
 * The "cite" stage: every citation of the corpus extracted and resolved, who cites each paragraph
 * and each document, and the counts the site shows. The build runner writes them as
 * `citations.jsonl`, `cited-by.json` and `citations-summary.json` (pipeline/build/write.ts) and
 * hands the citations to the reuse stage.
 *
 * Decisions:
 * - Every map is built with sorted keys, so the same corpus always gives byte-identical files.
 * - Each citation is validated against its zod schema once, here, and kept as its
 *   citations.jsonl line: the writer writes the lines as they are (the parse cache does the same
 *   for paragraphs), and the memo keeps them, as bytes, by citing document (`CiteLines`).
 * - The stages after this one, cited-by and the summary read seven fields of a citation (its
 *   mark, `CiteMark`): the build hands them the marks, and the memo keeps them apart from the
 *   lines, so that a build after one change neither reads nor parses the lines of the documents
 *   it did not extract again (`Cited.citations` parses them, for whoever asks).
 * - Incremental (`citeStageMemo`): a document's citations depend on its own text, on the
 *   registry and the States the corpus knows (the grammar's titles, the resolver's entries), and
 *   on the documents its citations look up, which the resolver reaches only through the index's
 *   `docs` and `byId` (extract.ts). Those look-ups are recorded while a document is extracted, with
 *   the state each looked-up document had (its versions' files and hashes; absent is a state too).
 *   A later build reuses a document's citations only when its own file and hash, the registry and
 *   States, the grammar's version (core/cite/version.ts) and every recorded document's state are
 *   unchanged: a citation whose target was added, removed or changed is resolved again; nothing is
 *   taken on trust.
 * - Cited-by and the summary are made from all the marks, memo'd or fresh, only when their files
 *   are: each document's entry carries the SHA-256 of its marks (`markSum`), and the stage gives
 *   the digests of what each file is made from (`Cited.made`: the marks' sums in order, and for
 *   the summary each cited document's two look-ups), which the writer compares with the last
 *   output's (write.ts `sourceOf`). After one change they are the same, and neither is made: at
 *   200k paragraphs the two cost some 0.3 s of CPU to build from 52,000 marks, and as much again
 *   to serialise for their digest.
 * - The same for the diagnostics: each entry carries the SHA-256 of its diagnostics' JSON
 *   (`diagnosticsSum`), and `Cited.made.diagnostics` digests them in order, so that the writer
 *   knows diagnostics.json unchanged without serialising the stage's 28,000 diagnostics (200k
 *   paragraphs) to hash them.
 * - So the marks themselves are needed only when one of those files is made: each entry also
 *   keeps what the other readers of a citation need, its text citations' paragraphs and spans
 *   (`CiteMemoDoc.refs`, the reuse and adoption stages' references) and the documents its
 *   citations target (`targets`, the summary's look-ups), and `Cited.marks` is gathered only when
 *   first asked for. A memo'd entry's marks are then decoded only when asked for too
 *   (memo-file.ts): at 200k paragraphs the 52,000 marks were 0.2 s of decoding and some 200,000
 *   objects on every build, for files that a change to one document leaves as they were.
 */

import { odsUrl } from "../../core/address/urls.ts";
import { indexLazily, type KnownReads, statesOf } from "../../core/cite/resolve.ts";
import { withHeldIds } from "../../core/cite/titles.ts";
import { GRAMMAR_VERSION } from "../../core/cite/version.ts";
import {
  Citation,
  type CitationSummaryFile,
  type CitedByFile,
  type Diagnostic,
  type DocumentRecord,
  type Paragraph,
  type Registry,
  SCHEMA_VERSION,
} from "../../schemas/index.ts";
import { sha256 } from "../hash.ts";
import { idLookup, knownRuns, paragraphAlone } from "../paragraph-runs.ts";
import { citingOrder, extractDocument } from "./extract.ts";

/**
 * A paragraph's address and the paragraph alone, known without making its document (the build
 * after a change: paragraph-runs.ts), for the citations into documents no change touched.
 */
function knownReads(paragraphs: Paragraph[]): KnownReads<Paragraph> {
  const ids = idLookup(paragraphs);
  return { idAt: (i) => ids.idOf(i), addressAt: (i) => ids.addressOf(i), one: paragraphAlone(paragraphs) };
}

/** `cited-by.json` and `citations-summary.json`, declared in schemas/. */
export type CitedBy = CitedByFile;
export type CitationSummary = CitationSummaryFile;

/**
 * What the reuse and adoption stages read of a citation: its paragraph, how it is made and where
 * it lies; only citations in the text are references (reuse/stage.ts `referenceSpans`).
 */
export type CiteRef = Pick<Citation, "from" | "via" | "span">;

/**
 * What the stages after this one, cited-by and the summary read of a citation: its id, its
 * paragraph, how it is made, where it lies, its target document, what it resolved to and its
 * status. A citation is one; so is a citation read back from the memo as its mark alone.
 */
export type CiteMark = Pick<Citation, "id" | "from" | "via" | "span" | "resolved" | "status"> & {
  target: { doc: string };
};

/** Who cites what: built from the citations. */
export function citedBy(citations: readonly CiteMark[]): CitedBy {
  const paragraphs = new Map<string, string[]>();
  const documents = new Map<string, string[]>();
  for (const c of citations) {
    if (c.resolved !== null) push(paragraphs, c.resolved, c.id);
    push(documents, c.target.doc, c.id);
  }
  return {
    schemaVersion: SCHEMA_VERSION,
    paragraphs: sortedRecord(paragraphs),
    documents: sortedRecord(documents),
  };
}

function push(map: Map<string, string[]>, key: string, id: string): void {
  const list = map.get(key) ?? [];
  list.push(id);
  map.set(key, list);
}

function sortedRecord<T>(map: Map<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const key of [...map.keys()].sort()) out[key] = map.get(key)!;
  return out;
}

/** The summary the site shows. */
export function summarise(
  citations: readonly CiteMark[],
  inCorpus: (symbol: string) => boolean,
  known: (symbol: string) => boolean,
): CitationSummary {
  const byStatus = new Map<string, number>();
  const byVia = new Map<string, number>();
  const docs = new Map<string, number>();
  for (const c of citations) {
    byStatus.set(c.status, (byStatus.get(c.status) ?? 0) + 1);
    byVia.set(c.via, (byVia.get(c.via) ?? 0) + 1);
    docs.set(c.target.doc, (docs.get(c.target.doc) ?? 0) + 1);
  }
  return {
    schemaVersion: SCHEMA_VERSION,
    total: citations.length,
    byStatus: sortedRecord(byStatus),
    byVia: sortedRecord(byVia),
    documents: [...docs.keys()].sort().map((symbol) => {
      const held = inCorpus(symbol);
      return {
        symbol,
        citations: docs.get(symbol)!,
        inCorpus: held,
        known: held || known(symbol),
        url: held || symbol === "UN Charter" ? null : odsUrl(symbol, "en"),
      };
    }),
  };
}

/** What the cite stage reads: the parse output and the registry. */
export interface CiteInput {
  /** Every parsed document, sorted by symbol then language. */
  documents: DocumentRecord[];
  /** Every paragraph, documents in the order above, each in reading order. */
  paragraphs: Paragraph[];
  registry: Registry;
}

/**
 * One document's citations.jsonl lines: how many, the SHA-256 of their bytes, and their bytes
 * (each line ending in a newline), read when first asked for where they are kept in a piece of
 * the memo (only when citations.jsonl is made).
 */
export interface CiteLines {
  count: number;
  /** Their size in bytes. */
  size: number;
  sum: string;
  readonly bytes: Uint8Array;
}

/**
 * What cited-by and the summary are made from, as digests (see the decisions above), and how many
 * documents the citations target (the summary's record count), known without making either.
 */
export interface CiteMade {
  citedBy: string;
  summary: string;
  targets: number;
  /**
   * The SHA-256 of the documents' diagnostics' sums in order (`CiteMemoDoc.diagnosticsSum`):
   * equal digests, the same `diagnostics` in the same order (the writer's digest of
   * diagnostics.json, write.ts, is made of it rather than of the 28,000 diagnostics themselves).
   */
  diagnostics: string;
}

/** What the cite stage gives: the citations in reading order, who cites what, the counts. */
export interface Cited {
  /** The citations, parsed from `lines` when first asked for (the build reads `marks`). */
  readonly citations: Citation[];
  /** What cited-by and the summary read of each citation, in the same order (gathered when first asked for). */
  readonly marks: CiteMark[];
  /** The citations in the text, in the same order: what the reuse and adoption stages read. */
  references: CiteRef[];
  /** The same citations as citations.jsonl lines (validated), by citing document in order. */
  lines: CiteLines[];
  /** Made from the marks when first asked for. */
  readonly citedBy: CitedBy;
  /** Made from the marks when first asked for. */
  readonly summary: CitationSummary;
  made: CiteMade;
  diagnostics: Diagnostic[];
}

/** The stage: extract, resolve and count every citation of the corpus. Pure. */
export function citeStage(input: CiteInput): Cited {
  return citeStageMemo(input, null).cited;
}

/** What the cite stage keeps of one document version for the next build. */
export interface CiteMemoDoc {
  /** The document's own content: its file and its bytes' SHA-256. */
  key: string;
  /** The documents its extraction looked up, each with the state it had then (symbol, state). */
  reads: Array<[string, string]>;
  /** What cited-by and the summary read of its citations (read from a memo when first asked for). */
  readonly marks: CiteMark[];
  /** The SHA-256 of its marks (`marksSum`). */
  markSum: string;
  /** Its citations in the text (`CiteRef`), in order: the marks whose `via` is "text". */
  refs: CiteRef[];
  /** The documents its citations target, distinct and sorted. */
  targets: string[];
  /** Its citations as citations.jsonl lines. */
  lines: CiteLines;
  diagnostics: Diagnostic[];
  /** The SHA-256 of the JSON of its diagnostics (`diagnosticsSumOf`). */
  diagnosticsSum: string;
}

/** What the cite stage keeps for the next build. */
export interface CiteMemo {
  /** A digest of what every document's citations read besides documents: registry and States. */
  context: string;
  /** By document version, `${symbol}\u0000${lang}`. */
  docs: Map<string, CiteMemoDoc>;
}

/** How the stage ran, and the memo for the next build. */
export interface CiteRun {
  cited: Cited;
  memo: CiteMemo;
  mode: "cold" | "incremental";
  why: string | null;
  /** Document versions extracted again. */
  redone: number;
}

const versionKey = (r: DocumentRecord) => `${r.symbol}\u0000${r.lang}`;
const contentKey = (r: DocumentRecord) => `${r.file}\u0000${r.hash}`;

/**
 * The state of every document symbol of the corpus, as a citation's resolution sees it: its
 * versions' languages, files and hashes. A symbol the corpus does not hold has the state "".
 */
function documentStates(documents: readonly DocumentRecord[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of documents) {
    const s = `${r.lang}\u0000${contentKey(r)}`;
    const had = out.get(r.symbol);
    out.set(r.symbol, had === undefined ? s : [had, s].sort().join("\u0001"));
  }
  return out;
}

/**
 * The stage, from the memo of an earlier build when one is given: a document's citations are
 * taken from it only where nothing they read changed (see the decisions above); the others are
 * extracted again. The same output as a cold run, and the memo for the next build.
 */
export function citeStageMemo(input: CiteInput, previous: CiteMemo | null): CiteRun {
  const stateNames = statesOf(input.documents);
  // The grammar's version leads the key, so a memo of another grammar is told apart (and said).
  const context = `grammar ${GRAMMAR_VERSION}:${sha256(
    // The papers held but not registered are read by their ids (core/cite/titles.ts withHeldIds).
    JSON.stringify([
      input.registry.documents,
      input.registry.bodies ?? null,
      stateNames,
      withHeldIds(
        [],
        input.documents.map((d) => d.symbol),
      ).map((e) => e.symbol),
    ]),
  )}`;
  // Built as it is read: after one change, extraction reads a few documents of the corpus.
  // The runs of the paragraphs, when the parse knows them without reading them (paragraph-runs.ts).
  const index = indexLazily(
    input.documents,
    input.paragraphs,
    input.registry,
    stateNames,
    knownRuns(input.paragraphs),
    knownReads(input.paragraphs),
  );
  const states = documentStates(input.documents);
  const usable = previous && previous.context === context ? previous.docs : null;
  const why =
    previous && !usable
      ? previous.context.startsWith(`grammar ${GRAMMAR_VERSION}:`)
        ? "the registry, the States the corpus knows or the papers it holds unregistered changed"
        : "the citation grammar changed"
      : null;

  // Every look-up of a document while one document is extracted lands in `reads`.
  let reads = new Set<string>();
  const docsGet = index.docs.get.bind(index.docs);
  const docsHas = index.docs.has.bind(index.docs);
  const byIdGet = index.byId.get.bind(index.byId);
  index.docs.get = (symbol) => {
    reads.add(symbol);
    return docsGet(symbol);
  };
  index.docs.has = (symbol) => {
    reads.add(symbol);
    return docsHas(symbol);
  };
  index.byId.get = (id) => {
    const p = byIdGet(id);
    if (p) reads.add(p.doc);
    return p;
  };

  const kept: CiteMemoDoc[] = [];
  const references: CiteRef[] = [];
  const targets = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  const docs = new Map<string, CiteMemoDoc>();
  const sums: string[] = [];
  const diagnosticsSums: string[] = [];
  let redone = 0;
  for (const record of citingOrder(input.documents)) {
    const key = contentKey(record);
    const had = usable?.get(versionKey(record));
    let entry: CiteMemoDoc;
    if (
      had &&
      had.key === key &&
      had.reads.every(([symbol, state]) => (states.get(symbol) ?? "") === state)
    ) {
      // Taken as kept: its references and targets for the stages after this one, its marks and
      // lines left where they are until a file made from them asks.
      entry = had;
    } else {
      redone++;
      reads = new Set([record.symbol]);
      const one = extractDocument(record, index);
      const valid = one.citations.map((c) => Citation.parse(c));
      const own = valid.map(markOf);
      entry = {
        key,
        reads: [...reads].sort().map((symbol) => [symbol, states.get(symbol) ?? ""]),
        marks: own,
        markSum: marksSum(own),
        refs: own.filter((m) => m.via === "text"),
        targets: [...new Set(own.map((m) => m.target.doc))].sort(),
        lines: linesOf(valid.map((c) => JSON.stringify(c))),
        diagnostics: one.diagnostics,
        diagnosticsSum: diagnosticsSumOf(one.diagnostics),
      };
    }
    docs.set(versionKey(record), entry);
    sums.push(entry.markSum);
    diagnosticsSums.push(entry.diagnosticsSum);
    kept.push(entry);
    for (const r of entry.refs) references.push(r);
    for (const t of entry.targets) targets.add(t);
    for (const d of entry.diagnostics) diagnostics.push(d);
  }
  index.docs.get = docsGet;
  index.docs.has = docsHas;
  index.byId.get = byIdGet;

  return {
    cited: citedOf(kept, references, sums, lookUps(targets, index), diagnostics, diagnosticsSums),
    memo: { context, docs },
    mode: usable ? "incremental" : "cold",
    why,
    redone,
  };
}

/**
 * The SHA-256 of a document's marks, every field in order: equal sums, equal marks (what cited-by
 * and the summary read of them).
 */
export function marksSum(marks: readonly CiteMark[]): string {
  return sha256(
    JSON.stringify(
      marks.map((m) => [m.id, m.from, m.via, m.span[0], m.span[1], m.target.doc, m.resolved, m.status]),
    ),
  );
}

/**
 * The SHA-256 of a document's diagnostics as JSON: equal sums, equal diagnostics (plain data, which
 * JSON gives back as it was: the memo keeps them so that they read back as their JSON would,
 * memo-file.ts, and the sum holds of them read back).
 */
export function diagnosticsSumOf(diagnostics: readonly Diagnostic[]): string {
  return sha256(JSON.stringify(diagnostics));
}

/**
 * What the summary looks up of each cited document (`targets`, every citation's target), by
 * symbol, sorted: whether the corpus holds it, and whether the registry knows it. Taken now, while
 * the index is at hand (a few milliseconds for the 52,000 marks at 200k paragraphs), so the
 * summary can be made later, or not at all.
 */
function lookUps(
  targets: ReadonlySet<string>,
  index: { docs: { has(s: string): boolean }; registry: { has(s: string): boolean } },
): Map<string, [held: boolean, known: boolean]> {
  const out = new Map<string, [boolean, boolean]>();
  for (const symbol of [...targets].sort())
    out.set(symbol, [index.docs.has(symbol), index.registry.has(symbol)]);
  return out;
}

/** A citation's mark (`CiteMark`), a plain object of its own (the citation is not kept by it). */
export function markOf(c: CiteMark): CiteMark {
  return {
    id: c.id,
    from: c.from,
    via: c.via,
    span: [c.span[0], c.span[1]],
    target: { doc: c.target.doc },
    resolved: c.resolved,
    status: c.status,
  };
}

const enc = new TextEncoder();
const dec = new TextDecoder();

/** A document's citations.jsonl lines (validated and serialised, no newline) as `CiteLines`. */
export function linesOf(json: readonly string[]): CiteLines {
  const bytes = enc.encode(json.map((l) => `${l}\n`).join(""));
  return { count: json.length, size: bytes.length, sum: sha256(bytes), bytes };
}

/** A document's citations from its lines. */
const parsed = (l: CiteLines): Citation[] =>
  l.count === 0
    ? []
    : dec
        .decode(l.bytes)
        .slice(0, -1)
        .split("\n")
        .map((x) => JSON.parse(x) as Citation);

/**
 * The stage's output from the citing documents' entries in order: its marks gathered, its
 * citations parsed from the lines, cited-by and the summary made from the marks, each only when
 * asked for; `sums`, the marks' sums by citing document in order (`marksSum`), and
 * `diagnosticsSums` their diagnostics' (`diagnosticsSumOf`).
 */
function citedOf(
  entries: readonly CiteMemoDoc[],
  references: CiteRef[],
  sums: readonly string[],
  looked: ReadonlyMap<string, [boolean, boolean]>,
  diagnostics: Diagnostic[],
  diagnosticsSums: readonly string[],
): Cited {
  const lines = entries.map((e) => e.lines);
  let marks: CiteMark[] | null = null;
  const allMarks = () => {
    marks ??= entries.flatMap((e) => e.marks);
    return marks;
  };
  let citations: Citation[] | null = null;
  let by: CitedBy | null = null;
  let summary: CitationSummary | null = null;
  const marksDigest = sha256(JSON.stringify(sums));
  return {
    get citations() {
      citations ??= lines.flatMap(parsed);
      return citations;
    },
    get marks() {
      return allMarks();
    },
    references,
    lines,
    get citedBy() {
      by ??= citedBy(allMarks());
      return by;
    },
    get summary() {
      summary ??= summarise(
        allMarks(),
        (s) => looked.get(s)?.[0] ?? false,
        (s) => looked.get(s)?.[1] ?? false,
      );
      return summary;
    },
    made: {
      citedBy: marksDigest,
      summary: sha256(marksDigest, JSON.stringify([...looked])),
      targets: looked.size,
      diagnostics: sha256(JSON.stringify(diagnosticsSums)),
    },
    diagnostics,
  };
}
