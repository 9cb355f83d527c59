/**
 * The reuse stage after some documents changed: only what the change can reach is computed again,
 * and the output is what a cold build of the same corpus writes, byte for byte.
 *
 * A build keeps a memo (`ReuseMemo`) for the next: the postings of every shingle and formula
 * window (postings.ts), the candidate pairs and the links found, the formula table
 * (formula-table.ts), the records written and a key of each paragraph. The next build compares
 * its documents with the memo's (by content hash), a changed document's paragraphs with the
 * memo's (by key: what the stage reads of a paragraph alone, `paragraphKeys`), and recomputes:
 *
 * - the changed paragraphs (`touched`), compared with every other paragraph through the updated
 *   postings, exactly as the cold search compares them (same candidate rule, same alignment,
 *   detect.ts). A paragraph of a changed document whose key did not change is not changed: one
 *   sentence appended to a document of 150 paragraphs redoes one. Unless the document's place
 *   in the reading order may have moved (`partlyComparable`: it was redated, or its paragraphs'
 *   order is not their position), in which case all its paragraphs are changed;
 * - the paragraphs whose formula marks the change moved: a window whose count crossed the
 *   formula threshold changes the marks of every paragraph carrying it, so those paragraphs are
 *   touched too, and so are paragraphs whose citation spans changed (their reference marks);
 * - the pairs of untouched paragraphs whose candidacy the change moved: a shingle whose count
 *   crossed `maxDf` may make or unmake a candidate pair among its carriers (at most `maxDf` of
 *   them), so exactly those pairs are counted again;
 * - the verbatim-copy groups that hold a touched paragraph, or whose pairs were or became linked
 *   by the search;
 * - the best source of every paragraph whose incoming links changed.
 *
 * A paragraph's formula marks read the counts of its windows at or over the formula threshold
 * only (under it, a count moves nothing): the memo keeps those windows with their counts, updated
 * from the windows whose counts moved, so comparing reads no base of postings for them.
 *
 * Everything decided over the whole corpus is then put together again from those parts, which
 * costs a pass over the links, not the corpus: the lineage, the summary. The formula list is
 * updated where touched: each formula's count is recounted where one of its windows' counts
 * changed, its carriers and examples moved by the touched paragraphs' runs (formula-table.ts
 * `updatedCounts`), its texts taken from the memo where their carrier stands (`textsKept`).
 * Records (spans, diffs) of links whose two paragraphs and passages did not change are taken from
 * the memo.
 *
 * The steps go by lists of what changed, not by passes over the corpus: the touched paragraphs
 * are a list beside their flags, the old paragraphs changed or gone are found in the memo's
 * documents that do not stand whole, a standing document's columns are copied as ranges, the
 * citing paragraphs' spans are updated in the memo's map. Decision: what is still a pass over
 * every paragraph, pair or link is what this memo's layout asks for (the postings' numbering, the
 * candidate pairs renumbered), or what carrying would cost more than it saves. Measured at 200k
 * paragraphs, one build after one change (the bench's), old and new side by side:
 * - the formula list carried (its counts 2.5 MB more of memo: 125,000 keys, five numbers each;
 *   its texts some 200 strings): the list went from some 150 ms to 20 ms, and updatedCounts takes
 *   10 ms (profiles); over 12 builds each, the stage's CPU 0.585 -> 0.490 s (medians), the memo's
 *   read 0.475 -> 0.480 s and write 0.270 -> 0.275 s: the memo's cost moved within the noise;
 * - the lineage not carried: 6,798 families, 13,702 members, 6,904 links. lineageOf was 105 ms
 *   in a profile, of which carrying the families would save the union-find and sorts (some 50
 *   ms): their members, links and the map by id are made at every build anyway, for the writer.
 *   The families as the memo would keep them are 2.55 MB of JSON, 22-40 ms to parse and 15-30 ms
 *   to write out (measured), to hash and write at nearly every build (a family added anywhere
 *   renumbers those after it), as much as it would save.
 *
 * When the change reaches what everything depends on (the registered names, the formula
 * threshold, the settings), the stage says so and the caller builds cold. The property test
 * (test/reuse/incremental.test.ts) checks random sequences of edits against cold builds.
 */

import { createHash } from "node:crypto";
import { spanHolding } from "../../core/search/ranges.ts";
import type { Side } from "../../core/wording/align.ts";
import { type FormulaRun, formulaThreshold, formulaUnits } from "../../core/wording/formula.ts";
import { MEASURE_VERSION, weightsOf } from "../../core/wording/measure.ts";
import { shingleHash } from "../../core/wording/shingle.ts";
import { type Tokens, tokenize } from "../../core/wording/tokens.ts";
import type { DocumentRecord, Lang, Paragraph, Reuse } from "../../schemas/index.ts";
import { sha256, sha256Of } from "../hash.ts";
import { idLookup, knownRuns, languageOf, type ParagraphRun, paragraphAlone } from "../paragraph-runs.ts";
import { assemble, type RecordCache, type ReuseResult } from "./assemble.ts";
import { alignDocument, type alignLanguages } from "./bilingual.ts";
import {
  bestSources,
  DEFAULT_OPTIONS,
  type DetectInput,
  type DetectTrace,
  idsHash,
  type LangOptions,
  linkOf,
  type Marks,
  type RawLink,
  type ReuseOptions,
  readingRank,
  related,
  type Shingled,
  sameUnits,
  UNDATED,
} from "./detect.ts";
import {
  carriedInPlace,
  carriedRunColumns,
  type FormulaTable,
  type FormulaTexts,
  formulaList,
  keyRunsOf,
  type ListCounts,
  listCounts,
  recount,
  type TouchedRuns,
  textsKept,
  unitsText,
  updatedCounts,
} from "./formula-table.ts";
import { coldReuse } from "./index.ts";
import {
  BaseUnreadable,
  compact,
  forEachOccurrence,
  type LivePostings,
  liveCarriers,
  liveDf,
  liveOf,
  memoryBase,
  updateLive,
  wantsCompaction,
} from "./live.ts";
import { type DfChange, dfOf, postingsOf, sortedIndexOf } from "./postings.ts";
import { type NameIndex, nameIndex, referenceMarks } from "./references.ts";

/**
 * A document as the memo knows it: its paragraphs are numbers `first .. first + count - 1`, the
 * first and last of them with the ids given (the memo keeps no list of every id: 5.8 MB of its
 * JSON at 200k paragraphs, parsed and written again at every build for these two checks).
 */
export interface DocSpan {
  key: string;
  hash: string;
  first: number;
  count: number;
  firstId: string;
  lastId: string;
  /** Its date as the reading order reads it (readingRank): the order of its links with other documents'. */
  date: string;
  /**
   * Whether its paragraphs' `seq` ascend with their position: then the reading order of any two of
   * them is their order in the document, and paragraphs kept in order keep their order (see
   * `partlyComparable`).
   */
  ordered: boolean;
}

/** A link found, with how it was found and whether it was kept as a best source. */
export interface StoredLink extends RawLink {
  /** Found by the verbatim-copy pass rather than the shingle search. */
  copy: boolean;
  kept: boolean;
}

/** What a build keeps for the next (see the module header); paragraphs are numbered as in `ids`. */
export interface ReuseMemo {
  /** The settings, registered names and schema version it was computed with. */
  settings: string;
  formulaDf: number;
  /**
   * The formula windows the search index ships (ReuseResult.formulaWindows): the hashes of the
   * windows carried by at least `formulaDf` paragraphs, sorted. Updated from the windows whose
   * counts crossed the threshold, never recounted over the corpus.
   */
  formulaWindows: Uint32Array;
  /**
   * The count of each of `formulaWindows`, in its order: a paragraph compared with a changed one
   * reads its formula windows' counts here, not from the base of postings (see Features.get).
   */
  formulaCounts: Uint32Array;
  /** How many paragraphs the corpus had (the numbering's size). */
  size: number;
  docs: DocSpan[];
  /**
   * Each paragraph's key (two numbers a paragraph, `paragraphKeys`): what the stage reads of the
   * paragraph alone. A changed document's paragraphs whose keys did not change are taken as
   * unchanged paragraphs, mapped old -> new, and only the others are computed again.
   */
  paraKey: Uint32Array;
  /**
   * The in-text citation spans of each paragraph that has some, by id: "start-end" joined by
   * spaces. Only the citing paragraphs, so that a build compares what changed without a lookup
   * for every paragraph of the corpus.
   */
  refs: Map<string, string>;
  /**
   * Each paragraph's verbatim-copy key: (units * 2 + 1 for English, hash of its units); (0, 0)
   * for a paragraph that takes no part.
   */
  copyKey: Uint32Array;
  /** Postings of shingles and of formula windows: a base and what changed since (live.ts). */
  shingles: LivePostings;
  windows: LivePostings;
  /** Candidate pairs of the shingle search, (lower, higher) flattened, ascending. */
  pairs: Uint32Array;
  /** Pairs the verbatim-copy pass aligned, (source, copy) flattened. */
  copies: Uint32Array;
  found: StoredLink[];
  formulas: FormulaTable;
  /** What the formula list counts of the table's runs (formula-table.ts), updated where touched. */
  listCounts: ListCounts;
  /**
   * The texts of the formula list's passages, by their carrier's id and units (formula-table.ts
   * `textsKept`): taken again where that carrier stands.
   */
  formulaTexts: FormulaTexts;
  /** Records of kept links, by "from|to" ids, with the signature of the link they were made from. */
  direct: Map<string, DirectRecord>;
  /** Links carried to the other language, by "from|to|x|y" (direct link, then the carried pair). */
  carried: Map<string, Reuse>;
  /** zh/en pairs and their warnings per document held in both languages, by symbol. */
  aligned: Map<string, AlignedDoc>;
}

/**
 * A kept link's record with the signature of the link it was made from; `bytes`, its JSON as the
 * memo held it, when it was taken from the memo unchanged: written again as those bytes
 * (memo-file.ts), not made into JSON again (5.5 MB of records at 200k paragraphs, nearly all
 * unchanged by one changed document). Such a record's diff is parsed from them when first read
 * (memo-file.ts `recordOf`).
 */
export interface DirectRecord {
  sig: string;
  record: Reuse;
  bytes?: Uint8Array;
}

/** One document's zh/en alignment and warnings, keyed by the hashes of its two versions. */
export interface AlignedDoc {
  key: string;
  rows: ReturnType<typeof alignLanguages>["rows"];
  diagnostics: ReturnType<typeof alignLanguages>["diagnostics"];
}

/** What the reuse stage reads, with the citations' spans already gathered (stage.ts). */
export interface MemoInput extends DetectInput {
  references: ReadonlyMap<string, readonly (readonly [number, number])[]>;
  names: readonly string[];
}

/** What a run gives: the stage's result, the memo for the next build, and how it ran. */
export interface MemoRun {
  result: ReuseResult;
  memo: ReuseMemo;
  /** "cold", or "incremental" with what was recomputed. */
  mode: "cold" | "incremental";
  /** Why a memo given was not used (null when it was, or none was given). */
  why: string | null;
  /** Paragraphs recomputed (touched) and pairs counted again, for the bench. */
  touched: number;
}

/**
 * The settings a memo must share with the build using it; the measure's version among them, so a
 * memo measured by an earlier alignment is not taken for this one's.
 */
function settingsOf(input: MemoInput, options: ReuseOptions, schemaVersion: number): string {
  return sha256(JSON.stringify({ options, names: input.names, schemaVersion, measure: MEASURE_VERSION }));
}

const refKey = (spans: readonly (readonly [number, number])[] | undefined) =>
  spans?.length ? spans.map(([s, e]) => `${s}-${e}`).join(" ") : "";

/** The memo's `refs`: the citing paragraphs' spans as keys, by id. */
function refsOf(references: MemoInput["references"]): Map<string, string> {
  const out = new Map<string, string>();
  for (const [id, spans] of references) {
    const key = refKey(spans);
    if (key) out.set(id, key);
  }
  return out;
}

/**
 * The ids whose citation spans moved, `refs` (the memo's, consumed) updated in place to
 * `references`' keys: a new map of every citing paragraph, and a lookup of each old one in it,
 * were made at every build for the few a change moves. The old ids all stand when the map, once
 * updated, holds as many as `references` has citing ids (each of those is in it): then no pass
 * looks for the ids that went. The order of the entries may then differ from `refsOf`'s, which
 * only the memo's bytes see.
 */
export function movedRefs(refs: Map<string, string>, references: MemoInput["references"]): Set<string> {
  const moved = new Set<string>();
  let citing = 0;
  for (const [id, spans] of references) {
    const key = refKey(spans);
    if (!key) continue;
    citing++;
    if (refs.get(id) === key) continue;
    moved.add(id);
    refs.set(id, key);
  }
  if (refs.size === citing) return moved;
  for (const id of refs.keys())
    if (!refKey(references.get(id))) {
      moved.add(id);
      refs.delete(id);
    }
  return moved;
}

/** Sign a raw link: its kind, score, formula flag and passages. */
function sigOf(l: RawLink): string {
  return `${l.kind}|${l.score}|${l.formula}|${l.passages.map((x) => `${x.a0},${x.a1},${x.b0},${x.b1},${x.equal},${x.informative},${x.equalWeight},${x.informativeWeight},${x.joinedWeight}`).join(";")}`;
}

/** The language of old paragraph `o`, from the memo's documents (in paragraph order). */
function langOfOld(docs: readonly DocSpan[], o: number): Lang {
  const key = docs[spanHolding(docs, o)]!.key;
  return key.slice(key.lastIndexOf("|") + 1) as Lang;
}

/** The document of a span: its key is "<doc>|<lang>", and a language holds no "|". */
function docOfSpan(d: DocSpan): string {
  return d.key.slice(0, d.key.lastIndexOf("|"));
}

/**
 * A run known without reading its paragraphs (paragraph-runs.ts) as the span docSpans finds by
 * reading them: the build after a change makes only the paragraphs it reads.
 */
function spanOfRun(r: ParagraphRun, record: DocumentRecord | undefined): DocSpan {
  return {
    key: `${r.doc}|${r.lang}`,
    hash: record?.hash ?? "",
    first: r.from,
    count: r.to - r.from,
    firstId: r.firstId,
    lastId: r.lastId,
    date: record?.date ?? UNDATED,
    ordered: r.ordered,
  };
}

/** The documents of a corpus as spans of its paragraph list. */
export function docSpans(paragraphs: Paragraph[], documents: DocumentRecord[]): DocSpan[] {
  const records = new Map(documents.map((d) => [`${d.symbol}|${d.lang}`, d]));
  const runs = knownRuns(paragraphs);
  if (runs) return runs.map((r) => spanOfRun(r, records.get(`${r.doc}|${r.lang}`)));
  const out: DocSpan[] = [];
  // A run is found by comparing a paragraph's document and language with the one before: the
  // key is made once a run, not once a paragraph (200k strings at 200k paragraphs).
  for (let i = 0; i < paragraphs.length; i++) {
    const p = paragraphs[i]!;
    const prev = paragraphs[i - 1];
    if (prev && prev.doc === p.doc && prev.lang === p.lang) {
      const d = out[out.length - 1]!;
      d.count++;
      if (prev.seq >= p.seq) d.ordered = false;
    } else {
      const key = `${p.doc}|${p.lang}`;
      const r = records.get(key);
      out.push({
        key,
        hash: r?.hash ?? "",
        first: i,
        count: 1,
        firstId: p.id,
        lastId: "",
        // As readingRank reads it, a document without a record last.
        date: r?.date ?? UNDATED,
        ordered: true,
      });
    }
  }
  for (const d of out) d.lastId = paragraphs[d.first + d.count - 1]!.id;
  return out;
}

/**
 * The keys of the paragraphs of document `d` (ReuseMemo.paraKey), two numbers a paragraph, in
 * order: 64 bits of the SHA-256 of what the stage reads of a paragraph alone: its id (links and
 * records name it), language, kind (a note or entry takes no part), the ids of the paragraphs
 * enclosing it as they resolve in its document (`related` reads them: two paragraphs whose chains
 * did not change are related as before) and its text.
 *
 * Decision: 64 bits of a cryptographic hash, not the texts: the memo keeps no text, and a key is
 * only compared with the keys the same document's paragraphs had, so a change goes unseen only if
 * a new paragraph's key equals one of those by chance: 2^-64 a comparison, some 10^-15 a build
 * after one change to a document of 150 paragraphs (150 x 150 comparisons at most), far under the
 * odds of the machine itself miscounting. A hash per paragraph costs some microseconds (the
 * object, the digest): a cold build pays it for every paragraph (0.45 s of CPU at 200k
 * paragraphs, measured under load), a build after a change for its changed documents' only.
 */
function paragraphKeys(paragraphs: Paragraph[], d: DocSpan): Uint32Array {
  const out = new Uint32Array(2 * d.count);
  let byId: Map<string, Paragraph> | null = null;
  for (let i = d.first; i < d.first + d.count; i++) {
    const p = paragraphs[i]!;
    const chain: string[] = [];
    if (p.parent) {
      byId ??= new Map(paragraphs.slice(d.first, d.first + d.count).map((x) => [x.id, x]));
      // Bounded by the document's length: a cycle of parents (which `related` would not leave)
      // gives a key all the same, and the paragraph is compared as any other.
      for (
        let q = byId.get(p.parent);
        q && chain.length <= d.count;
        q = q.parent ? byId.get(q.parent) : undefined
      )
        chain.push(q.id);
    }
    const digest = createHash("sha256")
      .update(`${p.id}\0${p.lang}\0${p.kind}\0${chain.length}\0${chain.join("\0")}\0${p.text}`)
      .digest();
    out[2 * (i - d.first)] = digest.readUInt32LE(0);
    out[2 * (i - d.first) + 1] = digest.readUInt32LE(4);
  }
  return out;
}

/** The keys of every paragraph (a cold run). */
function allParagraphKeys(paragraphs: Paragraph[], docs: readonly DocSpan[]): Uint32Array {
  const out = new Uint32Array(paragraphs.length * 2);
  for (const d of docs) out.set(paragraphKeys(paragraphs, d), 2 * d.first);
  return out;
}

/**
 * Whether the paragraphs of a changed document (old span `o`, new span `d`) whose keys did not
 * change may stand as unchanged paragraphs: whether everything they are compared by, besides
 * their keys, is as it was. That is the reading order (readingRank), which sets the direction of
 * their links and the order of a paragraph's sources:
 * - between documents, by date then symbol: the date must not have moved (a redated document is
 *   changed whole), and no other document may share its date and a symbol that sorts equal to
 *   its own (their paragraphs would be ordered together by `seq`, which an insertion moves);
 * - inside the document, by `seq` then position: both versions must have `seq` ascending with
 *   position (`ordered`), so that paragraphs kept in order (`keptParagraphs`) keep their order.
 * (The other language's version of the document shares its date and symbol, but links join
 * paragraphs of one language only.)
 */
function partlyComparable(o: DocSpan, d: DocSpan, docs: readonly DocSpan[]): boolean {
  if (o.date !== d.date || !o.ordered || !d.ordered) return false;
  // The document of a span from its key: reading its first paragraph for it made every
  // document's paragraphs in a build after a change (build/cache.ts `LazyCorpus`).
  const symbol = docOfSpan(d);
  for (const e of docs) {
    const other = docOfSpan(e);
    if (other !== symbol && e.date.localeCompare(d.date) === 0 && other.localeCompare(symbol) === 0)
      return false;
  }
  return true;
}

/**
 * Map the paragraphs of a changed document whose keys did not change, old -> new (`remap`,
 * `oldOf`), in order: a paragraph is matched by its key (which holds its id, unique in its
 * document) to an old one after the last matched, so the matched keep their order. A key two old
 * paragraphs share is matched to neither. A paragraph moved against the others is left unmatched
 * (changed), which a smallest set of changes would not need but correctness does not mind.
 */
function keptParagraphs(
  o: DocSpan,
  d: DocSpan,
  oldKey: Uint32Array,
  /** The keys of `d`'s paragraphs (`paragraphKeys`). */
  newKey: Uint32Array,
  remap: Int32Array,
  oldOf: Int32Array,
): void {
  const at = new Map<string, number>();
  for (let q = o.first; q < o.first + o.count; q++) {
    const k = `${oldKey[2 * q]},${oldKey[2 * q + 1]}`;
    at.set(k, at.has(k) ? -1 : q);
  }
  let last = -1;
  for (let p = d.first; p < d.first + d.count; p++) {
    const q = at.get(`${newKey[2 * (p - d.first)]},${newKey[2 * (p - d.first) + 1]}`);
    if (q === undefined || q <= last) continue;
    remap[q] = p;
    oldOf[p] = q;
    last = q;
  }
}

/**
 * The zh/en alignment, document by document (bilingual.ts aligns each from its own paragraphs),
 * through the memo's per-document results: a document pair whose two versions did not change is
 * not aligned again. The same rows, partners and warnings as alignLanguages, in the same order.
 */
function alignedOf(
  paragraphs: Paragraph[],
  docs: readonly DocSpan[],
  old: ReuseMemo["aligned"] | null,
): { result: ReturnType<typeof alignLanguages>; memo: ReuseMemo["aligned"] } {
  // Grouped by the documents' runs of paragraphs (docSpans), a few thousand, rather than
  // paragraph by paragraph: the same lists, each in paragraph order. A pair whose entry stands
  // reads none of its paragraphs (the build after a change makes only those it reads).
  const byDoc = new Map<string, { zh: DocSpan[]; en: DocSpan[]; hash: { zh: string; en: string } }>();
  for (const d of docs) {
    const doc = docOfSpan(d);
    const lang = d.key.slice(doc.length + 1) as Lang;
    let entry = byDoc.get(doc);
    if (!entry) {
      entry = { zh: [], en: [], hash: { zh: "", en: "" } };
      byDoc.set(doc, entry);
    }
    entry[lang].push(d);
    entry.hash[lang] = d.hash;
  }
  const listOf = (spans: readonly DocSpan[]): Paragraph[] => {
    const list: Paragraph[] = [];
    for (const d of spans) for (let i = d.first; i < d.first + d.count; i++) list.push(paragraphs[i]!);
    return list;
  };
  const memo: ReuseMemo["aligned"] = new Map();
  const result: ReturnType<typeof alignLanguages> = { rows: [], partner: new Map(), diagnostics: [] };
  for (const doc of [...byDoc.keys()].sort()) {
    const { zh, en, hash } = byDoc.get(doc)!;
    if (!zh.length || !en.length) continue;
    const key = `${hash.zh}|${hash.en}`;
    let entry = old?.get(doc);
    if (!entry || entry.key !== key) entry = { key, ...alignDocument(listOf(zh), listOf(en)) };
    memo.set(doc, entry);
    for (const r of entry.rows) result.rows.push(r);
    for (const w of entry.diagnostics) result.diagnostics.push(w);
    for (const r of entry.rows) {
      if (r.status !== "pair" || r.zh.length !== 1 || r.en.length !== 1) continue;
      result.partner.set(r.zh[0]!, r.en[0]!);
      result.partner.set(r.en[0]!, r.zh[0]!);
    }
  }
  return { result, memo };
}

/** The verbatim-copy key of units (see ReuseMemo.copyKey). */
function copyKeyOf(ids: Int32Array, lang: Lang): [number, number] {
  return [ids.length * 2 + (lang === "en" ? 1 : 0), idsHash(ids)];
}

/** Records kept and reused through the memo (assemble.ts's RecordCache). */
class Records implements RecordCache {
  readonly directOut = new Map<string, DirectRecord>();
  readonly carriedOut = new Map<string, Reuse>();
  /** Direct records taken from the memo unchanged: their carried links may be too. */
  private readonly reused = new Set<string>();
  constructor(
    private readonly old: ReuseMemo | null,
    private readonly ids: (p: number) => string,
    /** Whether paragraph p's text changed (its records must be made again). */
    private readonly textChanged: (p: number) => boolean,
    /** Whether paragraph p's text or marks changed. */
    private readonly touched: (p: number) => boolean,
  ) {}

  direct(link: RawLink, compute: () => Reuse): Reuse {
    const key = `${this.ids(link.from)}|${this.ids(link.to)}`;
    const sig = sigOf(link);
    const before = this.old?.direct.get(key);
    if (before && before.sig === sig && !this.textChanged(link.from) && !this.textChanged(link.to)) {
      this.reused.add(key);
      // The memo's entry as it was read, its bytes with it (see DirectRecord).
      this.directOut.set(key, before);
      return before.record;
    }
    const record = compute();
    this.directOut.set(key, { sig, record });
    return record;
  }

  carried(r: Reuse, a: number, b: number, compute: () => Reuse): Reuse {
    const key = `${r.from}|${r.to}|${this.ids(a)}|${this.ids(b)}`;
    const before = this.old?.carried.get(key);
    const record =
      before && this.reused.has(`${r.from}|${r.to}`) && !this.touched(a) && !this.touched(b)
        ? before
        : compute();
    this.carriedOut.set(key, record);
    return record;
  }
}

/**
 * Run the stage: from the memo of an earlier build when one is given and fits, else cold; either
 * way with the memo for the next build. Pure.
 * @param compactAt the share of a base of postings the changes since may reach before they are
 *   merged into a new one (live.ts; tests use 0 and Infinity to run both ways every time)
 * @param shingled what a cold run reads of the texts alone, computed ahead (worker.ts); unused
 *   by an incremental run
 */
export function reuseWithMemo(
  input: MemoInput,
  schemaVersion: number,
  previous: ReuseMemo | null,
  options: ReuseOptions = DEFAULT_OPTIONS,
  compactAt = 0.1,
  shingled: Shingled | null = null,
): MemoRun {
  const settings = settingsOf(input, options, schemaVersion);
  let why: string | null = null;
  if (previous) {
    if (previous.settings !== settings) why = "the settings or the registered names changed";
    else {
      const run = incrementalUnlessUnreadable(() =>
        incremental(input, schemaVersion, previous, options, settings, compactAt),
      );
      if (typeof run !== "string") return run;
      why = run;
    }
  }
  return { ...cold(input, schemaVersion, options, settings, shingled), why };
}

/**
 * `run()`, or why not when a base of postings read by range turns out not to read back (live.ts
 * `BaseUnreadable`): the stage then runs cold, as for any memo that does not prove itself.
 */
function incrementalUnlessUnreadable(run: () => MemoRun | string): MemoRun | string {
  try {
    return run();
  } catch (e) {
    if (e instanceof BaseUnreadable) return e.message;
    throw e;
  }
}

/** A cold run, and the memo made from what it computed. */
function cold(
  input: MemoInput,
  schemaVersion: number,
  options: ReuseOptions,
  settings: string,
  shingled: Shingled | null,
): Omit<MemoRun, "why"> {
  const { paragraphs } = input;
  const trace: Partial<DetectTrace> = {};
  const records = new Records(
    null,
    (p) => paragraphs[p]!.id,
    () => true,
    () => true,
  );
  // The zh/en alignment once: the result's rows and the memo's entries are the same alignment
  // (it was made twice, alignLanguages for the one and alignedOf for the other).
  const spans = docSpans(paragraphs, input.documents);
  const aligned = alignedOf(paragraphs, spans, null);
  const { result, detected, table, counts, texts } = coldReuse(
    input,
    schemaVersion,
    options,
    trace,
    records,
    shingled,
    aligned.result,
  );
  const copyKey = new Uint32Array(paragraphs.length * 2);
  detected.tokens.forEach((t, p) => {
    if (!t) return;
    const [a, b] = copyKeyOf(t.ids, paragraphs[p]!.lang);
    copyKey[2 * p] = a;
    copyKey[2 * p + 1] = b;
  });
  const found: StoredLink[] = [
    ...detected.links.map((l) => ({ ...l, copy: trace.copyLinks!.has(l), kept: true })),
    ...detected.redundant.map((l) => ({ ...l, copy: trace.copyLinks!.has(l), kept: false })),
  ];
  const memo: ReuseMemo = {
    settings,
    formulaDf: detected.formulaDf,
    formulaWindows: detected.formulaWindows,
    formulaCounts: Uint32Array.from(detected.formulaWindows, (h) => dfOf(trace.windows!, h)),
    size: paragraphs.length,
    docs: spans,
    paraKey: allParagraphKeys(paragraphs, spans),
    refs: refsOf(input.references),
    copyKey,
    shingles: liveOf(
      memoryBase(trace.shingles!, paragraphs.length),
      baseId(settings, paragraphs, "shingles"),
      paragraphs.length,
    ),
    windows: liveOf(
      memoryBase(trace.windows!, paragraphs.length),
      baseId(settings, paragraphs, "windows"),
      paragraphs.length,
    ),
    pairs: sortedPairs(trace.pairs!),
    copies: Uint32Array.from(trace.copies!),
    found,
    formulas: table,
    listCounts: counts,
    formulaTexts: texts,
    direct: records.directOut,
    carried: records.carriedOut,
    aligned: aligned.memo,
  };
  return { result, memo, mode: "cold", touched: paragraphs.length };
}

/** The id of a base of postings: what it was made from (the settings and the paragraphs). */
function baseId(settings: string, paragraphs: Paragraph[], kind: string): string {
  return sha256Of(
    (function* () {
      yield `${settings}\n${kind}\n`;
      for (const p of paragraphs) yield `${p.id}\n${p.text}\n`;
    })(),
  ).slice(0, 20);
}

/** Pairs (flattened) sorted by (first, second). */
function sortedPairs(flat: ArrayLike<number>): Uint32Array {
  const n = flat.length / 2;
  const idx = Array.from({ length: n }, (_, i) => i);
  idx.sort((x, y) => flat[2 * x]! - flat[2 * y]! || flat[2 * x + 1]! - flat[2 * y + 1]!);
  const out = new Uint32Array(flat.length);
  idx.forEach((i, j) => {
    out[2 * j] = flat[2 * i]!;
    out[2 * j + 1] = flat[2 * i + 1]!;
  });
  return out;
}

/**
 * Pairs (flattened) in order: the first `head` numbers of `buffer`, already in order, with `tail`
 * sorted and merged in (a pair in both is kept twice, as sorting them all together keeps it).
 * Merged from the end, in `buffer` itself when it has room (the memo's array, consumed: memory
 * first written is what costs, see formula-table.ts carriedInPlace), else in a new array.
 */
function mergePairs(buffer: Uint32Array, head: number, tail: readonly number[]): Uint32Array {
  const added = sortedPairs(tail);
  const total = head + added.length;
  let out = buffer;
  if (total > buffer.length) {
    out = new Uint32Array(total);
    out.set(buffer.subarray(0, head));
  }
  let i = head - 2;
  let j = added.length - 2;
  // The later of two pairs goes last; of two equal ones the added, as a merge from the start
  // puts the standing one first. Once the added are placed, the standing ones left are in place.
  for (let at = total - 2; j >= 0; at -= 2) {
    const headLater = i >= 0 && (out[i]! > added[j]! || (out[i] === added[j] && out[i + 1]! > added[j + 1]!));
    if (headLater) {
      out[at] = out[i]!;
      out[at + 1] = out[i + 1]!;
      i -= 2;
    } else {
      out[at] = added[j]!;
      out[at + 1] = added[j + 1]!;
      j -= 2;
    }
  }
  return out.subarray(0, total);
}

/** Whether (a, b) is among sorted flattened pairs. */
function hasPair(pairs: Uint32Array, a: number, b: number): boolean {
  let lo = 0;
  let hi = pairs.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const x = pairs[2 * mid]!;
    const y = pairs[2 * mid + 1]!;
    if (x < a || (x === a && y < b)) lo = mid + 1;
    else if (x > a || (x === a && y > b)) hi = mid - 1;
    else return true;
  }
  return false;
}

/**
 * What counting shared shingles reads of a paragraph: its units and shingle hashes (see
 * Features.shingled).
 */
interface Shingles {
  tokens: Tokens;
  lang: Lang;
  /** Shingle hash at each start (the alignment's groups: equal hashes, equal shingles). */
  shingles: Uint32Array;
  positions: Map<number, number[]> | null;
}

/** A paragraph as detection sees it, computed when first asked (see Features). */
interface Feature extends Shingles {
  /** Formula-window hash at each start. */
  windows: Uint32Array;
  formula: Uint8Array;
  frequent: Uint8Array;
  runs: FormulaRun[];
  weight: Uint8Array;
  ref: Uint8Array | null;
}

/** Per-paragraph features of the new corpus, from its text and the updated window counts. */
class Features {
  private readonly cache = new Map<number, Feature | null>();
  /** Shingles of paragraphs, whole features once made (`get` puts them here too). */
  private readonly light = new Map<number, Shingles | null>();
  /** Units of paragraphs asked for their units alone (`tokens`), not (yet) for their features. */
  private readonly bare = new Map<number, Tokens | null>();
  /** A paragraph by itself: read alone from its cache entry when its document is not made. */
  private readonly paragraph: (p: number) => Paragraph;
  private readonly idOf: (p: number) => string;
  constructor(
    paragraphs: Paragraph[],
    private readonly options: ReuseOptions,
    /** The windows at or over the threshold, sorted, and their counts (ReuseMemo.formulaWindows). */
    private readonly formulaWindows: () => { hashes: Uint32Array; counts: Uint32Array },
    private readonly formulaDf: () => number,
    private readonly references: MemoInput["references"],
    private readonly names: NameIndex,
  ) {
    this.paragraph = paragraphAlone(paragraphs);
    const ids = idLookup(paragraphs);
    this.idOf = (p) => ids.idOf(p);
  }

  /** Units alone, without counts (for the changed documents, before the postings are updated). */
  units(p: number): Tokens | null {
    const para = this.paragraph(p);
    if (para.kind !== "paragraph") return null;
    const t = tokenize(para.text);
    return t.ids.length < this.options[para.lang].minUnits ? null : t;
  }

  /**
   * A paragraph's units and shingles, without its marks: most paragraphs a touched one meets
   * share too few shingles with it to be aligned, and counting them needs only these (the
   * windows, weights and reference marks of every one of them were most of the comparing).
   */
  shingled(p: number): Shingles | null {
    let f = this.light.get(p);
    if (f !== undefined) return f;
    const para = this.paragraph(p);
    const k = this.options[para.lang].k;
    const tokens = this.bare.has(p) ? this.bare.get(p)! : this.units(p);
    if (!tokens) f = null;
    else {
      const ids = tokens.ids;
      const shingles = new Uint32Array(Math.max(0, ids.length - k + 1));
      for (let s = 0; s < shingles.length; s++) shingles[s] = shingleHash(ids, s, k);
      f = { tokens, lang: para.lang, shingles, positions: null };
    }
    this.light.set(p, f);
    return f;
  }

  get(p: number): Feature | null {
    let f = this.cache.get(p);
    if (f !== undefined) return f;
    const light = this.shingled(p);
    if (!light) f = null;
    else {
      const { tokens, lang } = light;
      const ids = tokens.ids;
      const w = this.options[lang].formulaWindow;
      const windows = new Uint32Array(Math.max(0, ids.length - w + 1));
      const df = new Uint32Array(windows.length);
      const frequent = this.formulaWindows();
      // Counts only of the windows at or over the threshold: under it, a window's count moves no
      // mark and enters no run (formulaUnits reads it as "under"), so 0 stands in. Those windows
      // and their counts are the memo's, kept as exact as a cold count (`crossed`): a lookup in
      // the base of postings for every window of every paragraph compared (most of them formula
      // windows, in a corpus of boilerplate) cost more than the comparing, and read the base's
      // columns whole.
      for (let s = 0; s < windows.length; s++) {
        windows[s] = shingleHash(ids, s, w);
        const at = sortedIndexOf(frequent.hashes, windows[s]!);
        if (at >= 0) df[s] = frequent.counts[at]!;
      }
      const marks = formulaUnits(df, ids.length, w, this.formulaDf());
      f = {
        tokens,
        lang,
        shingles: light.shingles,
        positions: light.positions,
        windows,
        formula: marks.mark,
        frequent: marks.frequent,
        runs: marks.runs,
        weight: weightsOf(tokens, lang),
        ref: referenceMarks(tokens, this.references.get(this.idOf(p)), this.names),
      };
      this.light.set(p, f);
    }
    this.cache.set(p, f);
    return f;
  }

  /**
   * A paragraph's units, from its features when they were computed, else alone: the formula
   * list's texts need only these, where `get` also counts every window of the paragraph (the
   * first carriers of the listed formulas are mostly untouched paragraphs, some 200 ms of a build
   * after one change at 200k paragraphs under load, for a few hundred of them).
   */
  tokens(p: number): Tokens | null {
    const f = this.light.get(p);
    if (f !== undefined) return f?.tokens ?? null;
    let t = this.bare.get(p);
    if (t === undefined) {
      t = this.units(p);
      this.bare.set(p, t);
    }
    return t;
  }

  side(p: number): Side {
    const f = this.get(p)!;
    return {
      ids: f.tokens.ids,
      groups: f.shingles,
      formula: f.formula,
      frequent: f.frequent,
      window: this.options[f.lang].formulaWindow,
      weight: f.weight,
      ref: f.ref,
    };
  }

  positions(p: number): Map<number, number[]> {
    const f = this.shingled(p)!;
    if (!f.positions) {
      const m = new Map<number, number[]>();
      f.shingles.forEach((h, s) => {
        const list = m.get(h);
        if (list) list.push(s);
        else m.set(h, [s]);
      });
      f.positions = m;
    }
    return f.positions;
  }
}

/** A link during an incremental run: `kept` is the best-source verdict, unset until chosen. */
type Link = RawLink & { copy: boolean; kept?: boolean };

/**
 * The incremental run, or why it cannot be made (the caller then builds cold). The memo given is
 * consumed: its formula table is updated in place and handed on.
 */
function incremental(
  input: MemoInput,
  schemaVersion: number,
  old: ReuseMemo,
  options: ReuseOptions,
  settings: string,
  compactAt: number,
): MemoRun | string {
  const { paragraphs, documents } = input;
  const n = paragraphs.length;
  const nOld = old.size;
  // From the runs when they are known: asked of the carriers of every formula, it would make
  // every document's paragraphs after a change (paragraph-runs.ts).
  const langOf: (p: number) => Lang = languageOf(paragraphs);
  // Ids likewise, from the entries' headers (paragraph-runs.ts `idLookup`): the records' keys name
  // the ends of every link kept, the formula list its examples.
  const ids = idLookup(paragraphs);
  const idOf = (p: number): string => ids.idOf(p);
  // The formula list's texts are of the first carriers of the formulas, a paragraph here and there
  // of many documents: read alone, their documents are not made (paragraph-runs.ts).
  const alone = paragraphAlone(paragraphs);
  const opt = (p: number): LangOptions => options[langOf(p)];

  // 1. Which paragraphs changed: old paragraph -> new (or -1), and the new ones' paragraphs. A
  // document whose hash did not change is mapped whole; a changed one paragraph by paragraph,
  // by their keys, where its date and order let its kept paragraphs stand (`partlyComparable`).
  const docs = docSpans(paragraphs, documents);
  const oldDocs = new Map(old.docs.map((d) => [d.key, d]));
  const remap = new Int32Array(nOld).fill(-1);
  const oldOf = new Int32Array(n).fill(-1);
  const changed = new Uint8Array(n);
  // The keys are written in place in the memo's column (consumed, as its formula table is) when
  // every document stands where it stood (documents edited, none added, removed or grown): the
  // changed documents' spans are all that is written, where a new column meant 1.6 MB made and
  // copied at 200k paragraphs. Each document reads only its own span of the memo's keys.
  const inPlace =
    n === nOld &&
    docs.length === old.docs.length &&
    docs.every((d, i) => d.key === old.docs[i]!.key && d.first === old.docs[i]!.first);
  const paraKey = inPlace ? old.paraKey : new Uint32Array(n * 2);
  // The verbatim-copy keys likewise in place, else a standing document's copied as one range; the
  // changed documents' paragraphs are written one by one (step 2), where a pass over every
  // paragraph copied them pair by pair into new memory. In place, the memo's keys of the changed
  // documents are kept aside before they are written over (`oldCopyKey`): the verbatim-copy
  // groups they were in are read after (step 7).
  const copyKey = inPlace ? old.copyKey : new Uint32Array(n * 2);
  const overwritten = new Map<number, number>();
  /** The memo's copy key column at `i` as it was read. */
  const oldCopyKey = (i: number): number => overwritten.get(i) ?? old.copyKey[i]!;
  /** The changed documents (some of their paragraphs, or all, changed). */
  const changedDocs: DocSpan[] = [];
  /**
   * The memo's documents that stand whole: the paragraphs of every other one that are not mapped
   * (`remap` -1) are the old paragraphs changed or gone (`touchedOld`), found without a pass over
   * the old corpus.
   */
  const standingDocs = new Set<string>();
  /** The changed paragraphs, ascending. */
  const changedList: number[] = [];
  for (const d of docs) {
    const o = oldDocs.get(d.key);
    const same =
      o !== undefined &&
      o.hash === d.hash &&
      o.count === d.count &&
      o.firstId === d.firstId &&
      o.lastId === d.lastId;
    if (same) {
      standingDocs.add(d.key);
      for (let i = 0; i < d.count; i++) {
        remap[o.first + i] = d.first + i;
        oldOf[d.first + i] = o.first + i;
      }
      if (!inPlace) {
        paraKey.set(old.paraKey.subarray(2 * o.first, 2 * (o.first + o.count)), 2 * d.first);
        copyKey.set(old.copyKey.subarray(2 * o.first, 2 * (o.first + o.count)), 2 * d.first);
      }
      continue;
    }
    changedDocs.push(d);
    // In place, a changed document's span is its old one (same first, and so same count).
    if (inPlace)
      for (let i = 2 * d.first; i < 2 * (d.first + d.count); i++) overwritten.set(i, old.copyKey[i]!);
    const keys = paragraphKeys(paragraphs, d);
    if (o && partlyComparable(o, d, docs)) keptParagraphs(o, d, old.paraKey, keys, remap, oldOf);
    paraKey.set(keys, 2 * d.first);
    for (let p = d.first; p < d.first + d.count; p++)
      if (oldOf[p]! < 0) {
        changed[p] = 1;
        changedList.push(p);
      }
  }

  // 2. The changed paragraphs' shingles and windows, and the counts updated.
  const names = nameIndex(input.names);
  let formulaDf = old.formulaDf;
  let formulaWindows = { hashes: old.formulaWindows, counts: old.formulaCounts };
  const features = new Features(
    paragraphs,
    options,
    () => formulaWindows,
    () => formulaDf,
    input.references,
    names,
  );
  const addedSh: { hash: number[]; para: number[] } = { hash: [], para: [] };
  const addedWi: { hash: number[]; para: number[] } = { hash: [], para: [] };
  // Paragraphs kept in a changed document take their old keys; the changed ones are computed
  // (in paragraph order: the postings added are grouped in that order).
  for (const d of changedDocs)
    for (let p = d.first; p < d.first + d.count; p++) {
      const o = oldOf[p]!;
      copyKey[2 * p] = o < 0 ? 0 : oldCopyKey(2 * o);
      copyKey[2 * p + 1] = o < 0 ? 0 : oldCopyKey(2 * o + 1);
    }
  for (const p of changedList) {
    const t = features.units(p);
    if (!t) continue;
    const lo = opt(p);
    [copyKey[2 * p], copyKey[2 * p + 1]] = copyKeyOf(t.ids, langOf(p));
    for (let s = 0; s + lo.k <= t.ids.length; s++) {
      addedSh.hash.push(shingleHash(t.ids, s, lo.k));
      addedSh.para.push(p);
    }
    for (let s = 0; s + lo.formulaWindow <= t.ids.length; s++) {
      addedWi.hash.push(shingleHash(t.ids, s, lo.formulaWindow));
      addedWi.para.push(p);
    }
  }
  // A paragraph takes part (is compared) exactly when it has a verbatim-copy key (copyKeyOf's
  // first number is never 0 for units).
  let eligible = 0;
  for (let i = 0; i < copyKey.length; i += 2) if (copyKey[i]) eligible++;
  formulaDf = options.formulaDf ?? formulaThreshold(eligible);
  if (formulaDf !== old.formulaDf) return `the formula threshold moved (${old.formulaDf} -> ${formulaDf})`;
  const grouped = (a: { hash: number[]; para: number[] }) =>
    postingsOf(Uint32Array.from(a.hash), Uint32Array.from(a.para));
  const sh = updateLive(old.shingles, remap, grouped(addedSh));
  const wi = updateLive(old.windows, remap, grouped(addedWi));
  const windows = wi.live;
  const shingles = sh.live;
  // The formula windows the search index ships are those of the memo, less the windows whose
  // counts fell under the threshold, plus those that rose to it; the features read them too.
  formulaWindows = crossed(old.formulaWindows, old.formulaCounts, wi.changed, formulaDf);

  // 3. Touched: the changed paragraphs, those whose formula marks moved, those whose citations moved.
  // A list of them beside the flags (sorted once all are known): the steps that visit the
  // touched paragraphs visit them from it, in paragraph order, not by a pass over the corpus.
  const touched = new Uint8Array(n);
  const touchedList: number[] = [];
  const touch = (p: number) => {
    if (touched[p]) return;
    touched[p] = 1;
    touchedList.push(p);
  };
  for (const p of changedList) touch(p);
  const windowMoved = new Set<number>();
  for (const c of wi.changed) {
    windowMoved.add(c.hash);
    if (c.before >= formulaDf !== c.after >= formulaDf)
      for (const p of liveCarriers(windows, c.hash)) touch(p);
  }
  // Citing paragraphs whose spans moved, compared by id over the citing ones only; an id whose
  // paragraph is in a changed document is touched already, any other is looked up by id (in the
  // documents its prefix can be in: paragraph-runs.ts `idLookup`).
  const refs = old.refs;
  const moved = movedRefs(refs, input.references);
  if (moved.size) {
    // The changed documents' paragraphs first: the changed ones are touched already, and the
    // citations a change moved are mostly of its own document.
    for (const d of changedDocs)
      for (let p = d.first; p < d.first + d.count; p++)
        if (moved.delete(paragraphs[p]!.id) && !changed[p]) touch(p);
    if (moved.size) {
      for (const id of moved) {
        const p = ids.indexOf(id);
        if (p !== undefined && oldOf[p]! >= 0) touch(p);
      }
    }
  }
  touchedList.sort((x, y) => x - y);
  // The old paragraphs changed or gone: those not mapped, all in the memo's documents that do not
  // stand whole, and those mapped to a touched one.
  const touchedOld = new Uint8Array(nOld);
  const touchedOldList: number[] = [];
  for (const o of old.docs) {
    if (standingDocs.has(o.key)) continue;
    for (let q = o.first; q < o.first + o.count; q++) if (remap[q]! < 0) touchedOldList.push(q);
  }
  for (const p of touchedList) if (oldOf[p]! >= 0) touchedOldList.push(oldOf[p]!);
  touchedOldList.sort((x, y) => x - y);
  for (const o of touchedOldList) touchedOld[o] = 1;

  // 4. What the memo found among untouched paragraphs stands; the rest is dropped.
  const rank = readingRank(paragraphs, documents);
  // The memo's pairs that stand, renumbered: still in order (the renumbering keeps order), so
  // the new ones (`pairs`) are merged in at the end rather than all sorted again. The standing
  // ones are moved down within the memo's array (consumed, as its formula table is), not pushed
  // one by one onto a list (some 450,000 pairs at 200k paragraphs: 0.18 s of a build after one
  // change) nor copied into new memory (see mergePairs).
  const standingPairs = old.pairs;
  let standing = 0;
  for (let i = 0; i < old.pairs.length; i += 2) {
    const a = old.pairs[i]!;
    const b = old.pairs[i + 1]!;
    if (touchedOld[a] || touchedOld[b]) continue;
    standingPairs[standing++] = remap[a]!;
    standingPairs[standing++] = remap[b]!;
  }
  const pairs: number[] = [];
  /** Links of the shingle search, and of the verbatim-copy pass, in the new numbering. */
  const main: Link[] = [];
  const copyFound: Link[] = [];
  /** Paragraphs whose incoming links changed: their best sources are chosen again. */
  const dirtyTo = new Set<number>();
  /** Pairs whose search link appeared or went: the copy pass reads them (`seen`). */
  const seenMoved: Array<[number, number]> = [];
  for (const l of old.found) {
    const from = remap[l.from]!;
    const to = remap[l.to]!;
    if (touchedOld[l.from] || touchedOld[l.to]) {
      if (to >= 0) dirtyTo.add(to);
      if (!l.copy && from >= 0 && to >= 0) seenMoved.push([from, to]);
      continue;
    }
    (l.copy ? copyFound : main).push({ ...l, from, to });
  }
  const spans = new Map(docs.map((d) => [d.key, d]));
  const docMaps = new Map<string, Map<string, Paragraph>>();
  /** `related` (detect.ts) over the paragraphs of the one document both are in. */
  const relatedPair = (p: number, q: number): boolean => {
    // Paragraphs of two documents are never related: known from the runs, neither is made.
    const x = ids.placeOf(p);
    const y = ids.placeOf(q);
    if (x.doc !== y.doc || x.lang !== y.lang) return false;
    const a = paragraphs[p]!;
    const b = paragraphs[q]!;
    if (a.doc !== b.doc || a.lang !== b.lang) return false;
    const key = `${a.doc}|${a.lang}`;
    let m = docMaps.get(key);
    if (!m) {
      const d = spans.get(key)!;
      m = new Map(paragraphs.slice(d.first, d.first + d.count).map((x) => [x.id, x]));
      docMaps.set(key, m);
    }
    return related(m, a, b);
  };

  // 5. Touched paragraphs against all others, as the cold search compares them.
  const count = new Uint32Array(n);
  const rare = (df: number) => df >= 2 && df < options.maxDf;
  const addLink = (l: RawLink | null) => {
    if (!l) return;
    main.push({ ...l, copy: false });
    dirtyTo.add(l.to);
    seenMoved.push([l.from, l.to]);
  };
  const evaluate = (p: number, q: number) => {
    const lo = Math.min(p, q);
    const hi = Math.max(p, q);
    const positions = features.positions(lo);
    let shared = 0;
    for (const h of features.shingled(hi)!.shingles) if (positions.has(h)) shared++;
    if (shared < opt(lo).minShared) return;
    pairs.push(lo, hi);
    addLink(linkOf(lo, hi, features.side(lo), features.side(hi), positions, options, rank, langOf(lo)));
  };
  for (const p of touchedList) {
    const f = features.shingled(p);
    if (!f) continue;
    const met: number[] = [];
    for (const h of f.shingles) {
      if (!rare(liveDf(shingles, h))) continue;
      forEachOccurrence(shingles, h, (q) => {
        if (q === p || (touched[q] && q < p)) return;
        if (count[q] === 0) met.push(q);
        count[q]!++;
      });
    }
    for (const q of met) {
      const c = count[q]!;
      count[q] = 0;
      if (c < options.minRareShared || langOf(q) !== langOf(p)) continue;
      if (relatedPair(p, q)) continue;
      evaluate(p, q);
    }
  }

  // 6. Untouched pairs whose candidacy a shingle crossing maxDf may have moved.
  const recheck = new Set<number>();
  for (const c of sh.changed) {
    if (rare(c.before) === rare(c.after)) continue;
    const list = liveCarriers(shingles, c.hash).filter((p) => !touched[p]);
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++) recheck.add(list[i]! * n + list[j]!);
  }
  /** Pairs no longer candidates: dropped from the pairs at the end. */
  const unmade = new Set<number>();
  for (const key of [...recheck].sort((x, y) => x - y)) {
    const p = Math.floor(key / n);
    const q = key % n;
    if (langOf(p) !== langOf(q) || relatedPair(p, q)) continue;
    // Both untouched: their pair, if the memo had it, stands, renumbered (and still in order).
    const wasCandidate = hasPair(standingPairs.subarray(0, standing), p, q);
    const positions = features.positions(p);
    let rareShared = 0;
    let shared = 0;
    for (const h of features.shingled(q)!.shingles) {
      const at = positions.get(h);
      if (!at) continue;
      shared++;
      if (rare(liveDf(shingles, h))) rareShared += at.length;
    }
    const isCandidate = rareShared >= options.minRareShared && shared >= opt(p).minShared;
    if (wasCandidate === isCandidate) continue;
    if (isCandidate) {
      pairs.push(p, q);
      addLink(linkOf(p, q, features.side(p), features.side(q), positions, options, rank, langOf(p)));
    } else {
      unmade.add(key);
      const at = main.findIndex((l) => Math.min(l.from, l.to) === p && Math.max(l.from, l.to) === q);
      if (at >= 0) {
        const [l] = main.splice(at, 1);
        dirtyTo.add(l!.to);
        seenMoved.push([l!.from, l!.to]);
      }
    }
  }
  if (unmade.size) {
    const stands = (a: number, b: number) => !unmade.has(a * n + b);
    let w = 0;
    for (let i = 0; i < standing; i += 2)
      if (stands(standingPairs[i]!, standingPairs[i + 1]!)) {
        standingPairs[w++] = standingPairs[i]!;
        standingPairs[w++] = standingPairs[i + 1]!;
      }
    standing = w;
    w = 0;
    for (let i = 0; i < pairs.length; i += 2)
      if (stands(pairs[i]!, pairs[i + 1]!)) {
        pairs[w++] = pairs[i]!;
        pairs[w++] = pairs[i + 1]!;
      }
    pairs.length = w;
  }

  // 7. Verbatim-copy groups that hold a touched paragraph or a pair whose search link moved.
  const groupKey = (p: number) => `${copyKey[2 * p]}|${copyKey[2 * p + 1]}`;
  const oldGroupKey = (o: number) => `${oldCopyKey(2 * o)}|${oldCopyKey(2 * o + 1)}`;
  const dirtyGroups = new Set<string>();
  /**
   * The units hashes of the dirty groups: a paragraph whose hash is none of them is in none of
   * them, found without making its key (a string for every paragraph of the corpus, at every
   * build). A sieve only: the key decides.
   */
  const dirtyHashes = new Set<number>();
  const dirty = (key: string, hash: number) => {
    dirtyGroups.add(key);
    dirtyHashes.add(hash);
  };
  const isDirty = (p: number) => dirtyHashes.has(copyKey[2 * p + 1]!) && dirtyGroups.has(groupKey(p));
  for (const p of touchedList) if (copyKey[2 * p]) dirty(groupKey(p), copyKey[2 * p + 1]!);
  for (const o of touchedOldList) if (oldCopyKey(2 * o)) dirty(oldGroupKey(o), oldCopyKey(2 * o + 1));
  for (const [a, b] of seenMoved)
    if (copyKey[2 * a] && groupKey(a) === groupKey(b)) dirty(groupKey(a), copyKey[2 * a + 1]!);
  const copies: number[] = [];
  for (let i = 0; i < old.copies.length; i += 2) {
    const a = old.copies[i]!;
    const b = old.copies[i + 1]!;
    if (dirtyHashes.has(oldCopyKey(2 * a + 1)) && dirtyGroups.has(oldGroupKey(a))) continue;
    copies.push(remap[a]!, remap[b]!);
  }
  const copyLinks = copyFound.filter((l) => !isDirty(l.from));
  for (const l of copyFound) if (isDirty(l.from)) dirtyTo.add(l.to);
  if (dirtyGroups.size) {
    const members = new Map<string, number[]>();
    for (let p = 0; p < n; p++) {
      if (!copyKey[2 * p] || !dirtyHashes.has(copyKey[2 * p + 1]!)) continue;
      const key = groupKey(p);
      if (!dirtyGroups.has(key)) continue;
      const list = members.get(key);
      if (list) list.push(p);
      else members.set(key, [p]);
    }
    const seen = new Set(main.map((l) => Math.min(l.from, l.to) * n + Math.max(l.from, l.to)));
    for (const list of members.values()) {
      if (list.length < 2) continue;
      const src = list.reduce((a, b) => (rank[a]! < rank[b]! ? a : b));
      for (const m of list) {
        if (m === src || seen.has(Math.min(src, m) * n + Math.max(src, m))) continue;
        const fs = features.get(src)!;
        const fm = features.get(m)!;
        if (!sameUnits(fs.tokens.ids, fm.tokens.ids) || relatedPair(src, m)) continue;
        copies.push(src, m);
        const link = linkOf(
          src,
          m,
          features.side(src),
          features.side(m),
          features.positions(src),
          options,
          rank,
          langOf(src),
        );
        if (link) {
          copyLinks.push({ ...link, copy: true });
          dirtyTo.add(link.to);
        }
      }
    }
  }

  // 8. Best sources again where a paragraph's incoming links changed.
  const all: Link[] = [...main, ...copyLinks];
  const redo = all.filter((l) => dirtyTo.has(l.to));
  // Only the paragraphs whose sources are chosen again have their weights read: a sparse list,
  // not one slot for every paragraph of the corpus filled at every build.
  const weights: (Uint8Array | null)[] = [];
  for (const l of redo) weights[l.to] ??= features.get(l.to)!.weight;
  const chosen = bestSources(redo, rank, weights, options, langOf);
  for (const l of chosen.kept) (l as Link).kept = true;
  for (const l of chosen.redundant) (l as Link).kept = false;
  const kept: Link[] = [];
  const redundant: Link[] = [];
  for (const l of all) (l.kept ? kept : redundant).push(l);
  const order = (x: RawLink, y: RawLink) => rank[x.to]! - rank[y.to]! || rank[x.from]! - rank[y.from]!;
  kept.sort(order);
  redundant.sort(order);

  // 9. Formulas: the runs of touched paragraphs, the counts of formulas whose windows moved.
  // The untouched paragraphs' runs are copied as they stand in the memo's columns (their keys
  // hold: keys are only added), or left where they stand when no paragraph moved and the touched
  // ones kept their count of runs; the touched ones' are keyed again, in paragraph order.
  const table: FormulaTable = { ...old.formulas };
  recount(table, windowMoved, { zh: options.zh.formulaWindow, en: options.en.formulaWindow }, (h) =>
    liveDf(windows, h),
  );
  const keyed: number[] = [];
  for (const p of touchedList) if (features.get(p)?.runs.length) keyed.push(p);
  const keyedRuns = keyRunsOf(
    table,
    keyed.map((p) => {
      const f = features.get(p)!;
      return { ids: f.tokens.ids, runs: f.runs, lang: f.lang };
    }),
  );
  const fresh = new Map(keyed.map((p, i) => [p, keyedRuns[i]!]));
  // The list's counts moved by the touched paragraphs' runs, the old ones read before the memo's
  // run columns are written over (below); a pass over every run when that cannot say (null).
  const before: TouchedRuns[] = [];
  for (const o of touchedOldList) {
    const a = old.formulas.runStart[o]!;
    const e = old.formulas.runStart[o + 1]!;
    if (a === e) continue;
    const lang = remap[o]! >= 0 ? langOf(remap[o]!) : langOfOld(old.docs, o);
    before.push({ p: o, lang, runs: old.formulas.runs.slice(3 * a, 3 * e) });
  }
  const after: TouchedRuns[] = keyed.map((p) => ({ p, lang: langOf(p), runs: fresh.get(p)! }));
  const updated = updatedCounts(
    old.listCounts,
    old.formulas.keys,
    table.keys,
    before,
    after,
    remap,
    oldOf,
    rank,
  );
  // `oldOf` itself, read no more after this: a copy was 0.8 MB first written at 200k paragraphs.
  const carry = oldOf;
  for (const p of touchedList) carry[p] = -1;
  if (!carriedInPlace(table, carry, fresh))
    Object.assign(table, carriedRunColumns(old.formulas, carry, fresh));
  const counts = updated ?? listCounts(table, langOf, rank);

  // 10. Put the output together.
  const aligned = alignedOf(paragraphs, docs, old.aligned);
  const records = new Records(
    old,
    idOf,
    (p) => changed[p] === 1,
    (p) => touched[p] === 1,
  );
  const tokensOf = (p: number) => features.get(p)?.tokens ?? null;
  const marksOf = (p: number): Marks => {
    const f = features.get(p)!;
    return { formula: f.formula, frequent: f.frequent, ref: f.ref };
  };
  const stats = {
    eligible,
    candidates: (standing + pairs.length) / 2 + copies.length / 2,
    aligned: all.length,
  };
  const texts = textsKept(
    (p, s, e) => unitsText(alone(p).text, features.tokens(p)!, s, e),
    idOf,
    old.formulaTexts,
    (p) => touched[p] === 0,
  );
  const result = assemble({
    paragraphs,
    documents,
    kept,
    redundant,
    rank,
    tokens: tokensOf,
    marks: marksOf,
    aligned: aligned.result,
    formulas: formulaList(table, counts, idOf, rank, texts.textOf),
    formulaDf,
    formulaWindows: formulaWindows.hashes,
    stats,
    options,
    schemaVersion,
    cache: records,
  });

  const memo: ReuseMemo = {
    settings,
    formulaDf,
    formulaWindows: formulaWindows.hashes,
    formulaCounts: formulaWindows.counts,
    size: n,
    docs,
    paraKey,
    refs,
    copyKey,
    // Grown past a tenth of their base, the changes are merged into a new base (live.ts).
    shingles: wantsCompaction(shingles, compactAt)
      ? compact(shingles, n, baseId(settings, paragraphs, "shingles"))
      : shingles,
    windows: wantsCompaction(windows, compactAt)
      ? compact(windows, n, baseId(settings, paragraphs, "windows"))
      : windows,
    pairs: mergePairs(standingPairs, standing, pairs),
    copies: Uint32Array.from(copies),
    found: all.map((l) => ({
      from: l.from,
      to: l.to,
      kind: l.kind,
      passages: l.passages,
      score: l.score,
      formula: l.formula,
      copy: l.copy,
      kept: l.kept === true,
    })),
    formulas: table,
    listCounts: counts,
    formulaTexts: texts.kept,
    direct: records.directOut,
    carried: records.carriedOut,
    aligned: aligned.memo,
  };
  return { result, memo, mode: "incremental", why: null, touched: touchedList.length };
}

/**
 * Sorted hashes `old` (those at or over `threshold`) and their counts `counts` after the counts of
 * `changes` moved: a hash that rose to the threshold joins, one that fell under it leaves, one
 * that stays takes its new count. The same set and counts a cold count of every window gives
 * (frequentHashes, shingles.ts), at the cost of the changes only.
 */
export function crossed(
  old: Uint32Array,
  counts: Uint32Array,
  changes: readonly DfChange[],
  threshold: number,
): { hashes: Uint32Array; counts: Uint32Array } {
  const joined: DfChange[] = [];
  const moved = new Map<number, number>();
  for (const c of changes) {
    const was = c.before >= threshold;
    const is = c.after >= threshold;
    if (is && !was) joined.push(c);
    else if (was) moved.set(c.hash, is ? c.after : -1);
  }
  if (!joined.length && !moved.size) return { hashes: old, counts };
  joined.sort((a, b) => a.hash - b.hash);
  const n = old.length + joined.length;
  const hashes = new Uint32Array(n);
  const out = new Uint32Array(n);
  let i = 0;
  let j = 0;
  let at = 0;
  while (i < old.length || j < joined.length) {
    if (j >= joined.length || (i < old.length && old[i]! < joined[j]!.hash)) {
      const h = old[i]!;
      const now = moved.get(h) ?? counts[i]!;
      i++;
      if (now < 0) continue;
      hashes[at] = h;
      out[at++] = now;
    } else {
      hashes[at] = joined[j]!.hash;
      out[at++] = joined[j++]!.after;
    }
  }
  return { hashes: hashes.subarray(0, at), counts: out.subarray(0, at) };
}
