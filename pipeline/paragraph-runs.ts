/**
 * Runs of paragraphs: the stretches of the corpus's paragraph array whose paragraphs share a
 * document and a language, with what the stages' scans of the whole array read of them (the id
 * prefix, the order of `seq`, the working-paper entries, the parts). The parse writes a
 * document's runs into its cache entry (build/entry.ts), so that a build after a change knows
 * them for every document without making its paragraphs (build/cache.ts `LazyCorpus`).
 *
 * Decisions:
 * - A stage asks `knownRuns(paragraphs)`: the runs when the array is a lazy corpus's, which made
 *   them from the entries' headers; null otherwise, and the stage scans as it did. The cold
 *   build keeps its scans (it reads every paragraph anyway); the route from the runs serves the
 *   build after a change, where a scan would make every document's paragraphs for the few read.
 * - A run ends where the document or the language changes, as the stages' scans end them; the
 *   runs of two documents side by side that name the same document and language are one run
 *   (`joinRuns`), as a scan of the whole array would see them.
 * - The runs of an entry are trusted as its sections are: its CRC says they are the bytes the
 *   codec wrote; a document made later is checked against them (cache.ts), and one that does not
 *   fit fails the build rather than be read two ways.
 * - The ids are known the same way (`idLookup`): an entry's ids line, after its header, carries
 *   its paragraphs' ids, and the reuse stage, which names the ends of every link by id, reads
 *   them there rather than make the documents they are in. The line is parsed when the lookup
 *   first asks for one of the document's ids (cache.ts), its CRC-32 the one the header gives.
 */
import type { Paragraph } from "../schemas/index.ts";

/** A run of paragraphs [from, to) of the array it was found in. */
export interface ParagraphRun {
  from: number;
  to: number;
  doc: string;
  lang: Paragraph["lang"];
  /** The first paragraph's id up to its second "/" included ("<slug>/<lang>/"), "" when none. */
  prefix: string;
  /** Every id of the run starts with `prefix`, and it is not "". */
  regular: boolean;
  firstId: string;
  lastId: string;
  firstSeq: number;
  lastSeq: number;
  /** Each paragraph's `seq` above the one before it. */
  ordered: boolean;
  /** How many of its paragraphs are list entries (kind "entry": working papers). */
  entries: number;
  /** Its paragraphs' parts, each with how many paragraphs have it (a part may come twice). */
  parts: Array<[readonly string[], number]>;
}

/** The id's "<slug>/<lang>/" (up to its second "/" included), "" when it has no second "/". */
export function idPrefix(id: string): string {
  const cut = id.indexOf("/", id.indexOf("/") + 1);
  return cut < 0 ? "" : id.slice(0, cut + 1);
}

/** The runs of `paragraphs`, found by reading each (the parse's, and the test of the others). */
export function scanRuns(paragraphs: readonly Paragraph[]): ParagraphRun[] {
  const runs: ParagraphRun[] = [];
  let run: ParagraphRun | null = null;
  let parts = new Map<string, [readonly string[], number]>();
  for (let i = 0; i < paragraphs.length; i++) {
    const p = paragraphs[i]!;
    if (!run || p.doc !== run.doc || p.lang !== run.lang) {
      if (run) run.parts = [...parts.values()];
      parts = new Map();
      const prefix = idPrefix(p.id);
      run = {
        from: i,
        to: i,
        doc: p.doc,
        lang: p.lang,
        prefix,
        regular: prefix !== "",
        firstId: p.id,
        lastId: p.id,
        firstSeq: p.seq,
        lastSeq: p.seq,
        ordered: true,
        entries: 0,
        parts: [],
      };
      runs.push(run);
    } else if (run.lastSeq >= p.seq) run.ordered = false;
    run.to = i + 1;
    run.lastId = p.id;
    run.lastSeq = p.seq;
    if (run.regular && !p.id.startsWith(run.prefix)) run.regular = false;
    if (p.kind === "entry") run.entries++;
    const key = p.part.join("\u0000");
    const seen = parts.get(key);
    if (seen) seen[1]++;
    else parts.set(key, [p.part, 1]);
  }
  if (run) run.parts = [...parts.values()];
  return runs;
}

/**
 * `next`'s runs moved by `offset` after `runs`, in place: its first run joined to the last one
 * when they name the same document and language (a scan of the whole array sees one run).
 */
export function joinRuns(runs: ParagraphRun[], next: readonly ParagraphRun[], offset: number): void {
  for (const [k, r] of next.entries()) {
    const moved = { ...r, from: r.from + offset, to: r.to + offset };
    const last = runs[runs.length - 1];
    if (k === 0 && last && last.to === moved.from && last.doc === r.doc && last.lang === r.lang) {
      runs[runs.length - 1] = {
        ...last,
        to: moved.to,
        regular: last.regular && r.regular && last.prefix === r.prefix,
        lastId: r.lastId,
        lastSeq: r.lastSeq,
        ordered: last.ordered && r.ordered && last.lastSeq < r.firstSeq,
        entries: last.entries + r.entries,
        parts: [...last.parts, ...r.parts],
      };
    } else runs.push(moved);
  }
}

const KNOWN = new WeakMap<readonly unknown[], readonly ParagraphRun[]>();

/** Name `runs` as the runs of `paragraphs` (a lazy corpus's array: cache.ts). */
export function registerRuns(paragraphs: readonly Paragraph[], runs: readonly ParagraphRun[]): void {
  KNOWN.set(paragraphs, runs);
}

/** The runs of `paragraphs` when they are known without reading them; null when they are not. */
export function knownRuns(paragraphs: readonly unknown[]): readonly ParagraphRun[] | null {
  return KNOWN.get(paragraphs) ?? null;
}

/**
 * Paragraph `p`'s language by its index: from the runs when they are known (one byte a paragraph,
 * filled run by run), so that a stage asking it of every paragraph makes none; else read.
 */
export function languageOf(paragraphs: readonly Paragraph[]): (p: number) => Paragraph["lang"] {
  const runs = knownRuns(paragraphs);
  if (!runs) return (p) => paragraphs[p]!.lang;
  const langs: Paragraph["lang"][] = [];
  const code = new Uint8Array(paragraphs.length);
  for (const r of runs) {
    let c = langs.indexOf(r.lang);
    if (c < 0) c = langs.push(r.lang) - 1;
    code.fill(c, r.from, r.to);
  }
  return (p) => langs[code[p]!]!;
}

/**
 * One document's paragraph ids as a lazy corpus knows them before making its paragraphs: where it
 * starts in the array, its count, its own runs ([from, to) within it) and its ids joined by "\n"
 * as its entry gives them (null when an id holds a "\n": read from the paragraphs). The joined
 * ids and addresses may be getters that read the entry's ids line when first asked (cache.ts):
 * the lookup asks only for the documents an id's prefix can be in.
 */
export interface DocumentIds {
  start: number;
  count: number;
  runs: readonly ParagraphRun[];
  readonly ids: string | null;
  /** Its paragraphs' addresses joined so (null likewise). */
  readonly addresses: string | null;
  /**
   * Whether `ids` is a string, known without reading it (the entry's header says so); when absent,
   * `ids` is read to know.
   */
  readonly joined?: boolean;
}

/** The documents of a lazy corpus's array, in order (cache.ts), to answer by id without its paragraphs. */
const DOCUMENTS = new WeakMap<readonly unknown[], readonly DocumentIds[]>();
/** The lookups made for an array, shared by the stages that ask (each document's ids split once). */
const LOOKUPS = new WeakMap<readonly unknown[], IdLookup>();

/** Name `documents` as those of `paragraphs` (a lazy corpus's array: cache.ts). */
export function registerIds(paragraphs: readonly Paragraph[], documents: readonly DocumentIds[]): void {
  DOCUMENTS.set(paragraphs, documents);
  LOOKUPS.delete(paragraphs);
}

/**
 * A document's ids (or addresses) joined as an entry's ids line carries them; null when one holds
 * the separator, or is empty (a list of one empty id would read back as none).
 */
export function joinIds(paragraphs: readonly Paragraph[], key: "id" | "address" = "id"): string | null {
  const ids = paragraphs.map((p) => p[key]);
  return ids.some((id) => id === "" || id.includes("\n")) ? null : ids.join("\n");
}

/**
 * Paragraph ids by index and indexes by id, from the documents' ids when they are known (a build
 * after a change: no paragraph made), else read from the paragraphs (a cold build, a plain array).
 *
 * Decisions:
 * - Asked for an id's index, the lookup takes the documents its "<slug>/<lang>/" prefix can be in
 *   (those whose runs are all `regular` with that prefix, and every one that is not regular),
 *   then a map of those documents' ids alone: a map of every id of the corpus cost a tenth of the
 *   reuse stage of a build after a change, and reading them all made every document.
 * - Of two paragraphs with the same id, the later one answers, as a Map made in paragraph order
 *   (the stages' maps of every id) keeps it.
 * - A document's ids are split from their joined string when first asked, and checked to be as
 *   many as its paragraphs: the ids line that gives them is trusted as the header's runs are (its
 *   CRC-32, which the header's vouches for), and the document made later is checked against them
 *   (cache.ts).
 */
export interface IdLookup {
  idOf(p: number): string;
  /** Paragraph `p`'s address, as the ids are known (the cite stage's lookups by address). */
  addressOf(p: number): string;
  indexOf(id: string): number | undefined;
  /** Paragraph `p`'s document and language. */
  placeOf(p: number): { doc: string; lang: Paragraph["lang"] };
}

/** The id lookup of `paragraphs` (module `IdLookup`), made once an array. */
export function idLookup(paragraphs: readonly Paragraph[]): IdLookup {
  let lookup = LOOKUPS.get(paragraphs);
  if (!lookup) {
    const documents = DOCUMENTS.get(paragraphs);
    lookup = documents ? new KnownIdLookup(paragraphs, documents) : readIdLookup(paragraphs);
    LOOKUPS.set(paragraphs, lookup);
  }
  return lookup;
}

/** The lookup of a plain array: read from its paragraphs, the map of every id made when first asked. */
function readIdLookup(paragraphs: readonly Paragraph[]): IdLookup {
  let all: Map<string, number> | null = null;
  return {
    idOf: (p) => paragraphs[p]!.id,
    addressOf: (p) => paragraphs[p]!.address,
    indexOf: (id) => {
      all ??= new Map(paragraphs.map((p, i) => [p.id, i]));
      return all.get(id);
    },
    placeOf: (p) => paragraphs[p]!,
  };
}

/** The lookup from the documents' ids (`IdLookup`). */
class KnownIdLookup implements IdLookup {
  readonly #split: Array<readonly string[] | undefined> = [];
  readonly #addresses: Array<readonly string[] | undefined> = [];
  readonly #maps: Array<Map<string, number> | undefined> = [];
  /** Documents by the one prefix all their ids share; `#irregular` the others, asked for every id. */
  readonly #byPrefix = new Map<string, number[]>();
  readonly #irregular: number[] = [];
  constructor(
    private readonly paragraphs: readonly Paragraph[],
    private readonly documents: readonly DocumentIds[],
  ) {
    for (const [d, doc] of documents.entries()) {
      const prefixes = new Set(doc.runs.map((r) => (r.regular ? r.prefix : "")));
      // Whether its ids are joined, from the header when it says so: `ids` may read the entry.
      if (prefixes.has("") || !(doc.joined ?? doc.ids !== null)) this.#irregular.push(d);
      else
        for (const prefix of prefixes) {
          const list = this.#byPrefix.get(prefix);
          if (list) list.push(d);
          else this.#byPrefix.set(prefix, [d]);
        }
    }
  }

  idOf(p: number): string {
    const d = this.#docAt(p);
    return this.#ids(d)[p - this.documents[d]!.start]!;
  }

  addressOf(p: number): string {
    const d = this.#docAt(p);
    const doc = this.documents[d]!;
    let list = this.#addresses[d];
    if (!list) {
      list = this.#joined(doc, doc.addresses, (p) => p.address);
      this.#addresses[d] = list;
    }
    return list[p - doc.start]!;
  }

  indexOf(id: string): number | undefined {
    let found: number | undefined;
    const look = (d: number) => {
      const k = this.#map(d).get(id);
      if (k !== undefined && (found === undefined || k > found)) found = k;
    };
    for (const d of this.#byPrefix.get(idPrefix(id)) ?? []) look(d);
    for (const d of this.#irregular) look(d);
    return found;
  }

  placeOf(p: number): { doc: string; lang: Paragraph["lang"] } {
    const doc = this.documents[this.#docAt(p)]!;
    const at = p - doc.start;
    return doc.runs.find((r) => r.from <= at && at < r.to)!;
  }

  /** The document holding paragraph `p`: the last start at or before it. */
  #docAt(p: number): number {
    let lo = 0;
    let hi = this.documents.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.documents[mid]!.start <= p) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  #ids(d: number): readonly string[] {
    let ids = this.#split[d];
    if (ids) return ids;
    ids = this.#joined(this.documents[d]!, this.documents[d]!.ids, (p) => p.id);
    this.#split[d] = ids;
    return ids;
  }

  /** A document's ids or addresses split from `joined`, or read from its paragraphs when null. */
  #joined(doc: DocumentIds, joined: string | null, read: (p: Paragraph) => string): readonly string[] {
    let list: string[];
    if (joined === null) {
      list = [];
      for (let p = doc.start; p < doc.start + doc.count; p++) list.push(read(this.paragraphs[p]!));
    } else list = doc.count === 0 ? [] : joined.split("\n");
    if (list.length !== doc.count) throw new Error("a document's ids are not as many as its paragraphs");
    return list;
  }

  /** Document `d`'s ids to their indexes in the array (the later of two equal ids). */
  #map(d: number): Map<string, number> {
    let map = this.#maps[d];
    if (!map) {
      const start = this.documents[d]!.start;
      map = new Map(this.#ids(d).map((id, k) => [id, start + k]));
      this.#maps[d] = map;
    }
    return map;
  }
}

const ALONE = new WeakMap<readonly unknown[], (p: number) => Paragraph>();

/** Name `read` as the way to read one paragraph of `paragraphs` by itself (a lazy corpus's: cache.ts). */
export function registerAlone(paragraphs: readonly Paragraph[], read: (p: number) => Paragraph): void {
  ALONE.set(paragraphs, read);
}

/**
 * Paragraph `p` by itself: from a lazy corpus, read alone from its entry when its document is not
 * made (cache.ts), so that a stage that reads a few paragraphs of many documents (the formula
 * list's first carriers, the features of paragraphs a change touched) makes none of them; else
 * the array's. What it gives is the paragraph as paragraphs.jsonl holds it, the same values.
 */
export function paragraphAlone(paragraphs: readonly Paragraph[]): (p: number) => Paragraph {
  return ALONE.get(paragraphs) ?? ((p) => paragraphs[p]!);
}
