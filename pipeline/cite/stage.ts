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
 *   for paragraphs), and the memo keeps them.
 * - Incremental (`citeStageMemo`): a document's citations depend on its own text, on the
 *   registry and the States the corpus knows (the grammar's titles, the resolver's entries), and
 *   on the documents its citations look up, which the resolver reaches only through the index's
 *   `docs` and `byId` (extract.ts). Those look-ups are recorded while a document is extracted, with
 *   the state each looked-up document had (its versions' files and hashes; absent is a state too).
 *   A later build reuses a document's citations only when its own file and hash, the registry and
 *   States, the grammar's version (core/cite/version.ts) and every recorded document's state are
 *   unchanged: a citation whose target was added, removed or changed is resolved again; nothing is
 *   taken on trust. Cited-by and the summary are rebuilt from all the citations, memo'd or fresh
 *   (cheap beside extraction).
 */
import { odsUrl } from "../../core/address/urls.ts";
import { buildIndex, statesOf } from "../../core/cite/resolve.ts";
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
import { citingOrder, extractDocument } from "./extract.ts";

/** `cited-by.json` and `citations-summary.json`, declared in schemas/. */
export type CitedBy = CitedByFile;
export type CitationSummary = CitationSummaryFile;

/** Who cites what: built from the citations. */
export function citedBy(citations: Citation[]): CitedBy {
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
  citations: Citation[],
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

/** What the cite stage gives: the citations in reading order, who cites what, the counts. */
export interface Cited {
  citations: Citation[];
  /** The same citations as citations.jsonl lines (validated, no newline). */
  lines: string[];
  citedBy: CitedBy;
  summary: CitationSummary;
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
  /** Its citations as citations.jsonl lines. */
  lines: string[];
  diagnostics: Diagnostic[];
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
  const index = buildIndex(input.documents, input.paragraphs, input.registry);
  const states = documentStates(input.documents);
  // The grammar's version leads the key, so a memo of another grammar is told apart (and said).
  const context = `grammar ${GRAMMAR_VERSION}:${sha256(
    // The papers held but not registered are read by their ids (core/cite/titles.ts withHeldIds).
    JSON.stringify([
      input.registry.documents,
      input.registry.bodies ?? null,
      statesOf(input.documents),
      withHeldIds(
        [],
        input.documents.map((d) => d.symbol),
      ).map((e) => e.symbol),
    ]),
  )}`;
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

  const lines: string[] = [];
  const citations: Citation[] = [];
  const diagnostics: Diagnostic[] = [];
  const docs = new Map<string, CiteMemoDoc>();
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
      entry = had;
      for (const l of had.lines) citations.push(JSON.parse(l) as Citation);
    } else {
      redone++;
      reads = new Set([record.symbol]);
      const one = extractDocument(record, index);
      const mine: string[] = [];
      for (const c of one.citations) {
        const valid = Citation.parse(c);
        citations.push(valid);
        mine.push(JSON.stringify(valid));
      }
      entry = {
        key,
        reads: [...reads].sort().map((symbol) => [symbol, states.get(symbol) ?? ""]),
        lines: mine,
        diagnostics: one.diagnostics,
      };
    }
    docs.set(versionKey(record), entry);
    for (const l of entry.lines) lines.push(l);
    for (const d of entry.diagnostics) diagnostics.push(d);
  }
  index.docs.get = docsGet;
  index.docs.has = docsHas;
  index.byId.get = byIdGet;

  const summary = summarise(
    citations,
    (s) => index.docs.has(s),
    (s) => index.registry.has(s),
  );
  return {
    cited: { citations, lines, citedBy: citedBy(citations), summary, diagnostics },
    memo: { context, docs },
    mode: usable ? "incremental" : "cold",
    why,
    redone,
  };
}
