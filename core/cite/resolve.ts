/**
 * Resolution, the last step of the citation grammar: a found reference becomes a `Citation`
 * target, matched against the corpus (paragraph ids) and the registry (documents known only by
 * name), with a status.
 *
 * Decisions:
 * - Never guess. A target that matches several paragraphs is "ambiguous" with its candidates; a
 *   pinpoint the document does not have is "unknown-paragraph", never the nearest paragraph.
 * - Where the report sits: when a citation names no part, the registry's `structure.reportIn`
 *   ("annex I" for A/75/816) is tried first, then the main body, then the one annex that has
 *   such a paragraph; any part found this way is marked `partInferred`. A document absent from
 *   the corpus is placed where the registry says its report sits.
 * - The citing document's own references ("上文第 23 段", "see annex B") resolve in the part of
 *   the citing paragraph first.
 * - Same language first: a zh paragraph citing a document held in zh and en resolves to the zh
 *   paragraph; otherwise to the language the corpus has.
 */

import type {
  CharterTarget,
  CitationStatus,
  CiteParagraph,
  DocTarget,
  DocumentRecord,
  Heading,
  Paragraph,
  RegistryEntry,
} from "../../schemas/index.ts";
import { addressOf, articlePart, idOf, partAddress, stateOfPart, statePart } from "../address/address.ts";
import { odsUrl } from "../address/urls.ts";
import { UN_STATES_EN, UN_STATES_ZH } from "../data/state-names.ts";
import { romanToNumber, toRoman } from "../text/numerals.ts";
import { citeEn, isDecimal, partWords, pinpointEn } from "./format.ts";
import type { Pin } from "./pins.ts";
import { type StateName, TitleMatcher, withHeldIds } from "./titles.ts";

/**
 * What resolution reads of a paragraph: where it stands, never its text (schemas/lookup.ts). The
 * build passes whole paragraphs; the browser's resolver only these fields, from the site's compact
 * export (resolver-files.ts), and both get the same answers.
 */
export type { CiteParagraph };

/**
 * What resolution reads of a document version: its parts, and its numbered and States' sections
 * with their authors (for "section 2.2", "A/76/136, Germany"); of its headings, where a part's
 * title stands (the lookup opens a whole part there), which the site's resolver files carry for
 * part titles only.
 */
export type CiteDocument = Pick<
  DocumentRecord,
  "symbol" | "slug" | "lang" | "parts" | "sections" | "authors"
> & {
  headings?: readonly Pick<Heading, "part" | "anchor" | "depth" | "role">[];
};

/**
 * What resolution reads of a registry entry: its short titles, what is known of its structure,
 * and (for a national paper) its titles.
 */
export type CiteRegistryEntry = Pick<RegistryEntry, "symbol" | "short" | "structure"> & {
  title?: RegistryEntry["title"];
};

/** One language version of a corpus document, indexed for lookups. */
export interface DocVersion<P extends CiteParagraph = Paragraph, D extends CiteDocument = DocumentRecord> {
  record: D;
  /** Paragraphs by address. */
  byAddress: Map<string, P>;
  /** Paragraphs in reading order. */
  paragraphs: P[];
}

/** Everything resolution needs, built once per build (or once per lookup in the browser). */
export interface CorpusIndex<P extends CiteParagraph = Paragraph, D extends CiteDocument = DocumentRecord> {
  registry: Map<string, CiteRegistryEntry>;
  titles: TitleMatcher;
  /** symbol -> lang -> version */
  docs: Map<string, Map<string, DocVersion<P, D>>>;
  /** Paragraphs by id. */
  byId: Map<string, P>;
  /** Names of the States the corpus knows, by code. */
  stateNames: Map<string, { zh: string; en: string }>;
}

/**
 * The States the corpus knows, as authors of its papers or as sections of its compendiums, with
 * their names: what the grammar reads as a State's section.
 */
export function statesOf(documents: readonly Pick<CiteDocument, "sections" | "authors">[]): StateName[] {
  const byCode = new Map<string, StateName>();
  const add = (a: { code: string; name: { zh: string; en: string } }) => {
    const x = byCode.get(a.code) ?? { code: a.code, zh: [], en: [] };
    if (!x.zh.includes(a.name.zh)) x.zh.push(a.name.zh);
    if (!x.en.includes(a.name.en)) x.en.push(a.name.en);
    byCode.set(a.code, x);
  };
  for (const d of documents) {
    for (const a of d.authors ?? []) add(a);
    for (const sec of d.sections ?? []) if (sec.state) add(sec.state);
  }
  // Other spellings of the same States from the one table of States' names ("Russia", "the
  // Federal Republic of Germany", "中华人民共和国"); only for States the corpus knows.
  for (const x of byCode.values()) {
    for (const n of UN_STATES_ZH[x.code] ?? []) if (!x.zh.includes(n)) x.zh.push(n);
    for (const n of UN_STATES_EN[x.code] ?? []) if (!x.en.includes(n)) x.en.push(n);
  }
  return [...byCode.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/**
 * Build the index from the parse output (or the resolver export) and the registry, reading as
 * States those the documents name, under every spelling of the table of States' names.
 */
export function buildIndex<P extends CiteParagraph, D extends CiteDocument>(
  documents: readonly D[],
  paragraphs: readonly P[],
  registry: { documents: readonly CiteRegistryEntry[] },
  states: readonly StateName[] = statesOf(documents),
): CorpusIndex<P, D> {
  return indexWith(documents, paragraphs, registry, states);
}

/** What both indexes build alike: the registry by symbol, the titles' matcher, the States' names. */
function namesOf(
  registry: { documents: readonly CiteRegistryEntry[] },
  held: Iterable<string>,
  states: readonly StateName[],
): Pick<CorpusIndex<CiteParagraph, CiteDocument>, "registry" | "titles" | "stateNames"> {
  return {
    registry: new Map(registry.documents.map((e) => [e.symbol, e])),
    titles: new TitleMatcher({ documents: withHeldIds(registry.documents, held) }, states),
    stateNames: new Map(states.map((x) => [x.code, { zh: x.zh[0] ?? x.code, en: x.en[0] ?? x.code }])),
  };
}

/**
 * The index with the States given: the browser's resolver passes those its index file lists
 * (written with `statesOf` by the build), so the table of States' names, which only `statesOf`
 * reads, stays out of the page's script.
 */
export function indexWith<P extends CiteParagraph, D extends CiteDocument>(
  documents: readonly D[],
  paragraphs: readonly P[],
  registry: { documents: readonly CiteRegistryEntry[] },
  states: readonly StateName[],
): CorpusIndex<P, D> {
  const docs = new Map<string, Map<string, DocVersion<P, D>>>();
  for (const record of documents) {
    const langs = docs.get(record.symbol) ?? new Map<string, DocVersion<P, D>>();
    langs.set(record.lang, { record, byAddress: new Map(), paragraphs: [] });
    docs.set(record.symbol, langs);
  }
  const byId = new Map<string, P>();
  for (const p of paragraphs) {
    byId.set(p.id, p);
    const v = docs.get(p.doc)?.get(p.lang);
    if (!v) continue;
    v.byAddress.set(p.address, p);
    v.paragraphs.push(p);
  }
  return { ...namesOf(registry, docs.keys(), states), docs, byId };
}

/**
 * The index indexWith() builds, with the same answers, built as it is read: each document
 * version's paragraphs and addresses when that version is first looked at, a paragraph by id
 * from the versions its id can belong to. For the build after a change, which extracts the
 * citations of a few documents and reads a few others: building the whole (a map entry and an
 * array slot per paragraph, twice) took 180 ms at 200k paragraphs for the handful it reads.
 *
 * Decisions:
 * - One pass over the paragraphs notes the runs of each version (the parse gives a version's
 *   paragraphs together; apart, they are runs of their own) and checks that every paragraph's id
 *   starts with its run's first paragraph's "slug/lang/": then a paragraph with a given id can
 *   only be in a run of that prefix, and get() reads only those, the last one found winning as
 *   a Map's last set() does. Any id of another shape, and any reading of the whole (values(),
 *   keys(), size...), builds the whole map first, as indexWith() does.
 * - Same order as indexWith(): a version's paragraphs in their order in `paragraphs`.
 * - The runs may be given, found before without reading the paragraphs (the build after a
 *   change knows them from its parse cache's entries): then no paragraph is read here, and only
 *   the versions looked at make theirs.
 */
export function indexLazily<P extends CiteParagraph, D extends CiteDocument>(
  documents: readonly D[],
  paragraphs: readonly P[],
  registry: { documents: readonly CiteRegistryEntry[] },
  states: readonly StateName[],
  knownRuns: readonly KnownRun[] | null = null,
  known: KnownReads<P> | null = null,
): CorpusIndex<P, D> {
  /** A run of paragraphs [from, to) of one version. */
  interface Run {
    from: number;
    to: number;
    version: LazyVersion<P, D> | null;
    ids: Map<string, P> | null;
  }
  const docs = new Map<string, Map<string, DocVersion<P, D>>>();
  for (const record of documents) {
    const langs = docs.get(record.symbol) ?? new Map<string, DocVersion<P, D>>();
    const v = new LazyVersion<P, D>(record, paragraphs, knownRuns ? known : null);
    langs.set(record.lang, v);
    docs.set(record.symbol, langs);
  }
  const byPrefix = new Map<string, Run[]>();
  let regular = true;
  if (knownRuns) {
    for (const k of knownRuns) {
      const v = (docs.get(k.doc)?.get(k.lang) as LazyVersion<P, D> | undefined) ?? null;
      const r: Run = { from: k.from, to: k.to, version: v, ids: null };
      v?.runs.push(r);
      if (!k.regular) regular = false;
      const list = byPrefix.get(k.prefix);
      if (list) list.push(r);
      else byPrefix.set(k.prefix, [r]);
    }
    const byId = new LazyIds<P>(paragraphs, regular ? byPrefix : null, known);
    return { ...namesOf(registry, docs.keys(), states), docs, byId };
  }
  let run: Run | null = null;
  let prefix = "";
  for (let i = 0; i < paragraphs.length; i++) {
    const p = paragraphs[i]!;
    if (!run || p.doc !== paragraphs[run.from]!.doc || p.lang !== paragraphs[run.from]!.lang) {
      const v = (docs.get(p.doc)?.get(p.lang) as LazyVersion<P, D> | undefined) ?? null;
      run = { from: i, to: i + 1, version: v, ids: null };
      v?.runs.push(run);
      const cut = p.id.indexOf("/", p.id.indexOf("/") + 1);
      prefix = cut < 0 ? "" : p.id.slice(0, cut + 1);
      if (!prefix) regular = false;
      const list = byPrefix.get(prefix);
      if (list) list.push(run);
      else byPrefix.set(prefix, [run]);
    } else run.to = i + 1;
    if (regular && !p.id.startsWith(prefix)) regular = false;
  }
  const byId = new LazyIds<P>(paragraphs, regular ? byPrefix : null);
  return { ...namesOf(registry, docs.keys(), states), docs, byId };
}

/**
 * A run of paragraphs [from, to) of one version, found before (indexLazily): its id prefix
 * ("slug/lang/", "" when its first id has no second "/") and whether every id starts with it.
 */
export interface KnownRun {
  from: number;
  to: number;
  doc: string;
  lang: string;
  prefix: string;
  regular: boolean;
}

/**
 * What the build after a change knows of a paragraph without its document's paragraphs (its parse
 * cache entry's header: pipeline/paragraph-runs.ts): its id, its address, and the paragraph read
 * alone: a citation into a document no change touched reads the paragraph it points to only.
 */
export interface KnownReads<P> {
  idAt(i: number): string;
  addressAt(i: number): string;
  one(i: number): P;
}

/** A document version whose paragraphs and addresses are gathered when first read (indexLazily). */
class LazyVersion<P extends CiteParagraph, D extends CiteDocument> implements DocVersion<P, D> {
  readonly runs: Array<{ from: number; to: number }> = [];
  #paragraphs: P[] | null = null;
  #byAddress: Map<string, P> | null = null;
  constructor(
    readonly record: D,
    private readonly all: readonly P[],
    private readonly known: KnownReads<P> | null = null,
  ) {}
  get paragraphs(): P[] {
    if (!this.#paragraphs) {
      this.#paragraphs = [];
      for (const r of this.runs) for (let i = r.from; i < r.to; i++) this.#paragraphs.push(this.all[i]!);
    }
    return this.#paragraphs;
  }
  set paragraphs(list: P[]) {
    this.#paragraphs = list;
  }
  get byAddress(): Map<string, P> {
    if (!this.#byAddress)
      this.#byAddress = this.known
        ? new LazyAddresses(this, this.known)
        : new Map(this.paragraphs.map((p) => [p.address, p]));
    return this.#byAddress;
  }
  set byAddress(map: Map<string, P>) {
    this.#byAddress = map;
  }
}

/**
 * A map that answers lookups its own way (a subclass's `get` and `has`) until something reads or
 * changes it whole: then, once, it is filled with every entry, as the plain map it stands for
 * (`fill`), and answers as that map does from there on.
 */
abstract class WholeOnDemand<P> extends Map<string, P> {
  #whole = false;
  /** Every entry put, in the order the plain map would have been built (the last of a key wins). */
  protected abstract fill(put: (key: string, p: P) => void): void;
  protected get whole(): boolean {
    return this.#whole;
  }
  protected makeWhole(): void {
    if (this.#whole) return;
    this.#whole = true;
    this.fill((key, p) => {
      super.set(key, p);
    });
  }
  override set(key: string, p: P): this {
    this.makeWhole();
    return super.set(key, p);
  }
  override delete(key: string): boolean {
    this.makeWhole();
    return super.delete(key);
  }
  override get size(): number {
    this.makeWhole();
    return super.size;
  }
  override keys(): MapIterator<string> {
    this.makeWhole();
    return super.keys();
  }
  override values(): MapIterator<P> {
    this.makeWhole();
    return super.values();
  }
  override entries(): MapIterator<[string, P]> {
    this.makeWhole();
    return super.entries();
  }
  override forEach(f: (value: P, key: string, map: Map<string, P>) => void, self?: unknown): void {
    this.makeWhole();
    super.forEach(f, self);
  }
  override [Symbol.iterator](): MapIterator<[string, P]> {
    this.makeWhole();
    return super[Symbol.iterator]();
  }
}

/**
 * A version's paragraphs by address, as `new Map(paragraphs.map((p) => [p.address, p]))` gives
 * them (the last of two with one address wins), from the addresses known without the paragraphs:
 * a citation into a document no change touched reads the one paragraph it points to, not the
 * document (some 40 documents made for the citations of one changed document at 200k paragraphs).
 * Any reading of the whole builds the whole map first.
 */
class LazyAddresses<P extends CiteParagraph> extends WholeOnDemand<P> {
  #at: Map<string, number> | null = null;
  constructor(
    private readonly version: { runs: ReadonlyArray<{ from: number; to: number }>; paragraphs: P[] },
    private readonly known: KnownReads<P>,
  ) {
    super();
  }
  #index(): Map<string, number> {
    if (!this.#at) {
      this.#at = new Map();
      for (const r of this.version.runs)
        for (let i = r.from; i < r.to; i++) this.#at.set(this.known.addressAt(i), i);
    }
    return this.#at;
  }
  protected fill(put: (key: string, p: P) => void): void {
    for (const p of this.version.paragraphs) put(p.address, p);
  }
  override get(address: string): P | undefined {
    if (this.whole) return super.get(address);
    const i = this.#index().get(address);
    return i === undefined ? undefined : this.known.one(i);
  }
  override has(address: string): boolean {
    return this.whole ? super.has(address) : this.#index().has(address);
  }
}

/** Paragraphs by id, looked up in the runs an id's prefix points to (indexLazily). */
class LazyIds<P extends CiteParagraph> extends WholeOnDemand<P> {
  constructor(
    private readonly all: readonly P[],
    private readonly byPrefix: Map<
      string,
      Array<{ from: number; to: number; ids: Map<string, P> | null; at?: Map<string, number> }>
    > | null,
    private readonly known: KnownReads<P> | null = null,
  ) {
    super();
  }
  /** The whole map, as indexWith() builds it. */
  protected fill(put: (key: string, p: P) => void): void {
    for (const p of this.all) put(p.id, p);
  }
  override get(id: string): P | undefined {
    if (this.whole || !this.byPrefix) {
      this.makeWhole();
      return super.get(id);
    }
    const cut = id.indexOf("/", id.indexOf("/") + 1);
    const runs = cut < 0 ? undefined : this.byPrefix.get(id.slice(0, cut + 1));
    let found: P | undefined;
    for (const r of runs ?? []) {
      if (this.known) {
        // The ids known without the paragraphs: the one found is read alone (KnownReads).
        if (!r.at) {
          r.at = new Map();
          for (let i = r.from; i < r.to; i++) r.at.set(this.known.idAt(i), i);
        }
        const i = r.at.get(id);
        if (i !== undefined) found = this.known.one(i);
        continue;
      }
      if (!r.ids) {
        r.ids = new Map();
        for (let i = r.from; i < r.to; i++) r.ids.set(this.all[i]!.id, this.all[i]!);
      }
      found = r.ids.get(id) ?? found;
    }
    return found;
  }
  override has(id: string): boolean {
    return this.get(id) !== undefined;
  }
}

/** Where the citation stands. */
export interface Citing {
  doc: string;
  lang: string;
  /** Part of the citing paragraph (for references to the citing document). */
  part: string[];
}

/** A resolved target, before it becomes a Citation. */
export interface Resolution {
  target: DocTarget | CharterTarget;
  resolved: string | null;
  status: CitationStatus;
  candidates: string[];
  url: string | null;
  /** Why the status is not "resolved", for the diagnostic; for a page, what the page holds. */
  problem: string | null;
  /**
   * The span of page words that could not be placed (the corpus records no pages for the
   * document): the target is the whole document or part, and the lookup says the words not read.
   */
  dropped?: [number, number];
  /** Ids of the paragraphs a page or a section holds, in reading order. */
  holds?: string[];
}

/**
 * The names that make a registry entry the Charter of the United Nations. The Charter has no UN
 * symbol: a corpus that holds it registers it under a key of its choosing with one of these short
 * titles, and Charter citations resolve into it.
 */
export const CHARTER_NAMES = ["Charter of the United Nations", "UN Charter", "联合国宪章"];

/** The key of the corpus document that is the Charter (its registry entry names it so), or null. */
export function charterSymbol(index: Pick<CorpusIndex<CiteParagraph, CiteDocument>, "titles" | "docs">) {
  for (const name of CHARTER_NAMES) {
    const held = index.titles.lookup(name).filter((symbol) => index.docs.has(symbol));
    if (held.length === 1) return held[0]!;
  }
  return null;
}

/**
 * A Charter article, "Article 2 (4)": into the corpus's Charter when it holds one (article 2,
 * paragraph 4 is `article/2/4`; a whole article is its part), else external, as before the corpus
 * held it.
 */
export function resolveCharter(
  article: string,
  para: string | null,
  index?: CorpusIndex<CiteParagraph, CiteDocument>,
  lang = "en",
): Resolution {
  const target: CharterTarget = { doc: "UN Charter", article, para };
  const symbol = index ? charterSymbol(index) : null;
  const versions = symbol ? index!.docs.get(symbol) : undefined;
  if (!symbol || !versions || versions.size === 0)
    return { target, resolved: null, status: "external", candidates: [], url: null, problem: null };
  const langs = orderLangs(versions, lang);
  const primary = versions.get(langs[0]!)!;
  const part = [articlePart(article)];
  const hit = para === null ? null : findParagraph(versions, langs, part, null, [para]);
  const hasArticle = primary.record.parts.some((p) => samePart(p, part));
  if (hit) return { target, resolved: hit.id, status: "resolved", candidates: [], url: null, problem: null };
  if (para === null && hasArticle) {
    const resolved = idOf(symbol, primary.record.lang, partAddress(part));
    return { target, resolved, status: "resolved", candidates: [], url: null, problem: null };
  }
  const problem = hasArticle
    ? `the Charter (${symbol}) has no paragraph ${para} in article ${article}`
    : `the Charter (${symbol}) has no article ${article}`;
  return { target, resolved: null, status: "unknown-paragraph", candidates: [], url: null, problem };
}

/**
 * Resolve one pinpoint of one document.
 * @param symbols the symbols the reference may mean ([] for the citing document itself)
 */
export function resolveDoc(
  symbols: string[],
  pin: Pin,
  citing: Citing,
  index: CorpusIndex<CiteParagraph, CiteDocument>,
): Resolution {
  if (symbols.length > 1) {
    return {
      target: docTarget(symbols[0]!, [], pin, false),
      resolved: null,
      status: "ambiguous",
      candidates: [...symbols].sort(),
      url: null,
      problem: `it names ${symbols.length} documents`,
    };
  }
  const self = symbols.length === 0;
  const symbol = self ? citing.doc : symbols[0]!;
  const versions = index.docs.get(symbol);
  const entry = index.registry.get(symbol);
  if (!versions || versions.size === 0) return resolveAbsent(symbol, pin, citing, entry);
  const langs = orderLangs(versions, citing.lang);
  const primary = versions.get(langs[0]!)!;
  const knownParts = primary.record.parts;
  const reportIn = entry?.structure?.reportIn ?? null;

  // A State's section of a compendium: its part, or not found, saying which States have one.
  let statePartPath: string[] | null = null;
  if (pin.state !== null) {
    const label = statePart(pin.state);
    const found = knownParts.find((p) => p[p.length - 1] === label);
    if (!found)
      return notFound(
        docTarget(symbol, [label], pin, false),
        noStateMessage(symbol, pin.state, primary, index),
      );
    statePartPath = found;
  }
  if (pin.page) return resolvePage(symbol, pin, statePartPath, langs, versions, citing, index);
  // A numbered section of the part named ("A/78/265, annex, section III"): looked for in that part
  // only. Trying main, the annex's missing section III was answered with the main body's.
  if (pin.key !== null) {
    const inPart =
      statePartPath ?? (pin.part !== null ? partFromLabel(pin.part, knownParts, reportIn) : null);
    return resolveNumbered(symbol, pin, inPart, pin.key, langs, versions, statePartPath !== null);
  }
  if (statePartPath) {
    const target = docTarget(symbol, statePartPath, pin, false);
    if (pin.num.length === 0)
      return ok(target, idOf(symbol, primary.record.lang, partAddress(statePartPath)));
    const hit = findParagraph(versions, langs, statePartPath, null, pin.num);
    return hit
      ? ok(target, hit.id)
      : notFound(target, withStateNames(missingMessage(symbol, primary, [statePartPath], pin.num), index));
  }

  // The whole document or a whole part.
  if (pin.num.length === 0) {
    const part = pin.part !== null ? partFromLabel(pin.part, knownParts, reportIn) : pin.operative ? [] : [];
    const exists = part.length === 0 || knownParts.some((p) => startsWithPart(p, part));
    const target = docTarget(symbol, part, pin, false);
    if (!exists) {
      return notFound(
        target,
        `${symbol} has no ${part[part.length - 1]}; its parts are ${partsList(knownParts)}`,
      );
    }
    const resolved = part.length
      ? idOf(symbol, primary.record.lang, partAddress(part))
      : `${primary.record.slug}/${primary.record.lang}`;
    return { target, resolved, status: "resolved", candidates: [], url: null, problem: null };
  }

  // A section named in words: numbering relative to that section's list.
  if (pin.section !== null) return resolveSection(symbol, pin, langs, versions, reportIn);

  const tries: { part: string[]; inferred: boolean }[] = [];
  if (pin.part !== null) tries.push({ part: partFromLabel(pin.part, knownParts, reportIn), inferred: false });
  else if (pin.operative) tries.push({ part: [], inferred: false });
  else {
    if (self) tries.push({ part: citing.part, inferred: false });
    if (reportIn && !self) tries.push({ part: reportIn, inferred: true });
    tries.push({ part: [], inferred: false });
  }
  for (const t of tries) {
    const hit = findParagraph(versions, langs, t.part, null, pin.num);
    if (hit) {
      return {
        target: docTarget(symbol, t.part, pin, t.inferred && t.part.length > 0),
        resolved: hit.id,
        status: "resolved",
        candidates: [],
        url: null,
        problem: null,
      };
    }
  }
  const first = tries[0]!;
  if (pin.part === null && !pin.operative) {
    // The one part that has such a paragraph, if only one does.
    const found = knownParts
      .filter((p) => !tries.some((t) => samePart(t.part, p)))
      .map((p) => ({ part: p, hit: findParagraph(versions, langs, p, null, pin.num) }))
      .filter((x) => x.hit !== null);
    if (found.length === 1) {
      return {
        target: docTarget(symbol, found[0]!.part, pin, true),
        resolved: found[0]!.hit!.id,
        status: "resolved",
        candidates: [],
        url: null,
        problem: null,
      };
    }
    if (found.length > 1) {
      return {
        target: docTarget(symbol, first.part, pin, false),
        resolved: null,
        status: "ambiguous",
        candidates: found.map((x) => x.hit!.id).sort(),
        url: null,
        problem: `${symbol} has paragraph ${pin.num.join(".")} in several parts`,
      };
    }
  }
  // "cn-2024-ict-position, 2.1" where the paper has no paragraph 2.1: its section 2.1.
  if (pin.bare) {
    const key = pin.num.join(".");
    if ((primary.record.sections ?? []).some((x) => x.key === key))
      return resolveNumbered(symbol, { ...pin, num: [], key, section: key }, null, key, langs, versions);
  }
  const target = docTarget(symbol, first.part, pin, first.inferred && first.part.length > 0);
  // A part the document does not have at all ("A/78/265, annex D, para. 1", its annex holding
  // annexes A to C) is said so, as for a whole part above: "annex, annex D, has no numbered
  // paragraphs" told a reader the part exists. Found trying main as secretariat staff.
  if (pin.part !== null && first.part.length > 0 && !knownParts.some((p) => startsWithPart(p, first.part)))
    return notFound(
      target,
      `${symbol} has no ${first.part[first.part.length - 1]}; its parts are ${partsList(knownParts)}`,
    );
  const searched = pin.part === null && !pin.operative ? tries.map((t) => t.part) : [first.part];
  return notFound(target, missingMessage(symbol, primary, searched, pin.num));
}

/** "A/76/136 has no section of France; its States' sections are Germany, Japan and Kenya". */
function noStateMessage(
  symbol: string,
  code: string,
  v: DocVersion<CiteParagraph, CiteDocument>,
  index: CorpusIndex<CiteParagraph, CiteDocument>,
): string {
  const name = (c: string) => index.stateNames.get(c)?.en ?? c;
  const have = v.record.parts.map((p) => stateOfPart(p[p.length - 1])).filter((c): c is string => c !== null);
  return have.length
    ? `${symbol} has no section of ${name(code)}; its States' sections are ${andList(have.map(name))}`
    : `${symbol} has no States' sections, so none of ${name(code)}`;
}

/** A message's part labels of States' sections by the States' names: "annex, state DE" -> "annex, Germany". */
function withStateNames(text: string, index: CorpusIndex<CiteParagraph, CiteDocument>): string {
  return text.replace(
    /\bstate ([A-Z][A-Z0-9-]*)\b/g,
    (all, code: string) => index.stateNames.get(code)?.en ?? all,
  );
}

function andList(xs: string[]): string {
  return xs.length <= 1 ? (xs[0] ?? "") : `${xs.slice(0, -1).join(", ")} and ${xs[xs.length - 1]}`;
}

/** "p. 58", "pp. 58-59". */
function pagesWords(page: { first: number; last: number }): string {
  return page.first === page.last ? `p. ${page.first}` : `pp. ${page.first}-${page.last}`;
}

/** "page 58", "pages 58 to 59", as a sentence names them. */
function pagesNamed(page: { first: number; last: number }): string {
  return page.first === page.last ? `page ${page.first}` : `pages ${page.first} to ${page.last}`;
}

/**
 * A page pinpoint: the paragraphs standing on the pages (in the State's section or part when one
 * was written), where the corpus records the document's pages. Where it records none, the whole
 * document (or part) with the page words given back as not read: never the whole document unsaid.
 */
function resolvePage(
  symbol: string,
  pin: Pin,
  statePartPath: string[] | null,
  langs: string[],
  versions: Map<string, DocVersion<CiteParagraph, CiteDocument>>,
  citing: Citing,
  index: CorpusIndex<CiteParagraph, CiteDocument>,
): Resolution {
  const page = pin.page!;
  const known = versions.get(langs[0]!)!.record.parts;
  const part = statePartPath ?? (pin.part !== null ? partFromLabel(pin.part, known, null) : []);
  const target: DocTarget = {
    ...docTarget(symbol, part, pin, false),
    page: { first: page.first, last: page.last },
  };
  for (const lang of langs) {
    const v = versions.get(lang)!;
    const paged = v.paragraphs.filter((p) => p.pages && startsWithPart(p.part, part));
    if (paged.length === 0) continue;
    const on = paged.filter(
      (p) => p.kind !== "source-note" && p.pages!.first <= page.last && p.pages!.last >= page.first,
    );
    const where = part.length ? `${symbol}, ${placeWords(part, index)},` : symbol;
    if (on.length === 0) {
      const lo = Math.min(...paged.map((p) => p.pages!.first));
      const hi = Math.max(...paged.map((p) => p.pages!.last));
      return notFound(target, `${where} runs from p. ${lo} to p. ${hi}; no ${pagesWords(page)}`);
    }
    const shown = on.slice(0, 12).map((p) => paragraphWords(p, index));
    return {
      target,
      resolved: on[0]!.id,
      status: "resolved",
      candidates: [],
      url: null,
      problem: `${pagesNamed(page)} of ${symbol} ${page.first === page.last ? "holds" : "hold"} ${shown.join("; ")}${on.length > shown.length ? `; and ${on.length - shown.length} more` : ""}`,
      holds: on.map((p) => p.id),
    };
  }
  const whole = resolveDoc([symbol], { ...pin, page: null }, citing, index);
  return {
    ...whole,
    dropped: page.span,
    problem: `${symbol} has no page marks in the corpus, so ${pagesWords(page)} cannot be placed`,
  };
}

/** A part in words, States by name: "annex, Germany". */
function placeWords(part: readonly string[], index: CorpusIndex<CiteParagraph, CiteDocument>): string {
  return part
    .map((l) => {
      const code = stateOfPart(l);
      return code ? (index.stateNames.get(code)?.en ?? code) : l;
    })
    .join(", ");
}

/** A paragraph in words, without its document: "annex, Germany, para. 3", "section 2.2, unnumbered para. 1". */
function paragraphWords(p: CiteParagraph, index: CorpusIndex<CiteParagraph, CiteDocument>): string {
  const u = /(?:^|\/)u(\d+)$/.exec(p.address);
  const segs = [
    ...(p.part.length ? [placeWords(p.part, index)] : []),
    ...(p.scope ? [`section ${p.scope}`] : []),
    p.num.length
      ? `para. ${pinpointEn(p.num, isDecimal(p.doc, p.num))}`
      : u
        ? `unnumbered para. ${u[1]}`
        : p.address,
  ];
  return segs.join(", ");
}

/**
 * How section keys are written back to a reader: as the citation wrote its own. A key's first
 * level is a number ("2.A" for "II.A"); a citation that numbered it in roman numerals reads the
 * keys in roman numerals too, any other in the keys' arabic numbers.
 */
function sectionShown(cited: string): (key: string) => string {
  // The label is the citation's words ("section IX", "Part II.A"): its numbering is the last word.
  const head = (cited.trim().split(/\s+/).pop() ?? "").split(".")[0] ?? "";
  if (!/^[IVXL]+$/.test(head) || romanToNumber(head.toLowerCase()) === null) return (key) => key;
  return (key) => {
    const [first, ...rest] = key.split(".");
    return /^[0-9]+$/.test(first!) ? [toRoman(Number(first)).toUpperCase(), ...rest].join(".") : key;
  };
}

/**
 * A numbered section ("section 2.2", "第二部分第（一）节", "Part II", a State's "A. Basic position"):
 * the section itself, a whole section being a valid answer, or a paragraph in it ("第三部分第 1
 * 段"). Where the document keys no sections (a document read before sections were), the words are
 * matched against headings as a section named in words is.
 */
function resolveNumbered(
  symbol: string,
  pin: Pin,
  statePartPath: string[] | null,
  key: string,
  langs: string[],
  versions: Map<string, DocVersion<CiteParagraph, CiteDocument>>,
  stateSection = statePartPath !== null,
): Resolution {
  const primary = versions.get(langs[0]!)!;
  const sections = (primary.record.sections ?? []).filter(
    (x) => x.kind === "numbered" && (statePartPath === null || samePart(x.part, statePartPath)),
  );
  const hits = sections.filter((x) => x.key === key);
  const target = { ...docTarget(symbol, statePartPath ?? [], pin, false, key) };
  if (hits.length === 0) {
    // Decimal numbering: "section 2.2.1" may be the paragraph numbered 2.2.1.
    if (pin.num.length === 0 && /^[0-9]+(\.[0-9]+)+$/.test(key)) {
      const para = findParagraph(versions, langs, statePartPath ?? [], null, key.split("."));
      if (para) return ok({ ...target, scope: null, num: key.split(".") }, para.id);
    }
    if (pin.num.length > 0 && pin.section !== null && sections.length === 0 && !stateSection)
      return resolveSection(symbol, pin, langs, versions, null);
    // Said in the citation's numerals: "section IX" read as key 9 is answered "no section IX;
    // its sections are I, II, II.A", not "no section 9; its sections are 1, 2, 2.A".
    const shown = sectionShown(pin.section ?? key);
    const keys = sections.map((x) => shown(x.key!));
    return notFound(
      target,
      keys.length
        ? `${symbol}${statePartPath ? `, ${statePartPath.join(", ")},` : ""} has no section ${shown(key)}; its sections are ${andList(keys)}`
        : `${symbol} has no numbered sections, so no section ${shown(key)}`,
    );
  }
  if (hits.length > 1) {
    return {
      target,
      resolved: null,
      status: "ambiguous",
      candidates: hits.map((x) => idOf(symbol, primary.record.lang, x.address)).sort(),
      url: null,
      problem: `${symbol} has a section ${key} in several parts`,
    };
  }
  const sec = hits[0]!;
  const placed = { ...target, part: [...sec.part] };
  const under = primary.paragraphs.filter(
    (p) => samePart(p.part, sec.part) && p.headings.includes(sec.title) && p.kind !== "source-note",
  );
  if (pin.num.length === 0)
    return { ...ok(placed, idOf(symbol, primary.record.lang, sec.address)), holds: under.map((p) => p.id) };
  const direct = findParagraph(versions, langs, sec.part, key, pin.num);
  if (direct) return ok(placed, direct.id);
  const byLabel = under.filter((p) => p.num.join(".") === pin.num.join("."));
  if (byLabel.length === 1) return ok(placed, byLabel[0]!.id);
  const labels = under.filter((p) => p.num.length === 1).map((p) => p.num[0]!);
  return notFound(
    placed,
    `section ${key} of ${symbol} ${labels.length ? `has paras ${andList(labels)}` : "has no numbered paragraphs"}; no para. ${pinpointEn(pin.num, isDecimal(symbol, pin.num))}`,
  );
}

/**
 * A Security Council resolution with its year ("S/RES/2341(2017)") or an old-style General
 * Assembly resolution with its session ("A/RES/217(III)"): symbols the citation's own words make.
 */
const NUMBERED_BY_FORM = /^(S\/RES\/[0-9]+\([0-9]{4}\)|A\/RES\/[0-9]+\([IVXL]+\))$/;

function notFound(target: DocTarget, problem: string): Resolution {
  return { target, resolved: null, status: "unknown-paragraph", candidates: [], url: null, problem };
}

/** A document the corpus does not hold: placed by what the registry knows, linked to ODS. */
function resolveAbsent(
  symbol: string,
  pin: Pin,
  citing: Citing,
  entry: CiteRegistryEntry | undefined,
): Resolution {
  const url = odsUrl(symbol, citing.lang);
  const reportIn = entry?.structure?.reportIn ?? null;
  const known = entry?.structure?.annexes ?? [];
  let part: string[] = [];
  let inferred = false;
  if (pin.page) {
    // A document the corpus does not hold records no pages here: the page words are not read.
    const whole = resolveAbsent(symbol, { ...pin, page: null }, citing, entry);
    return { ...whole, dropped: pin.page.span };
  }
  if (pin.state !== null) part = [statePart(pin.state)];
  else if (pin.part !== null)
    part = partFromLabel(pin.part, reportIn ? [reportIn, ...known] : known, reportIn);
  else if (!pin.operative && pin.num.length > 0 && reportIn) {
    part = reportIn;
    inferred = true;
  }
  const target = docTarget(symbol, part, pin, inferred);
  if (!entry && NUMBERED_BY_FORM.test(symbol)) {
    // The registry cannot list every Council resolution: the number and the year (or the old
    // style's session) make the symbol, so the document is linked, and said unchecked.
    return {
      target,
      resolved: null,
      status: "not-in-corpus",
      candidates: [],
      url,
      problem: `${symbol} is not in the corpus, nor listed in corpus/registry.yaml; its number and ${symbol.startsWith("S/") ? "year" : "session"} make the symbol, so the link to it is given unchecked.`,
    };
  }
  if (!entry) {
    return {
      target,
      resolved: null,
      status: "unknown-document",
      candidates: [],
      url,
      problem: `neither the corpus nor corpus/registry.yaml knows ${symbol}`,
    };
  }
  const last = entry.structure?.lastParagraph;
  const n = Number(pin.num[0]);
  if (last !== undefined && pin.section === null && Number.isFinite(n) && n > last) {
    return {
      target,
      resolved: null,
      status: "unknown-paragraph",
      candidates: [],
      url,
      problem: `${symbol} ends at paragraph ${last}, so paragraph ${pin.num.join(".")} is past its end`,
    };
  }
  return { target, resolved: null, status: "not-in-corpus", candidates: [], url, problem: null };
}

/**
 * "A/77/275，国际法部分，建议采取的下一步行动，第 2 段": the paragraphs under a heading naming the
 * section and, when the words say so, under its "next steps" heading; either a scope the parser
 * gave them, or the n-th of them when their numbering continues the main one.
 */
function resolveSection(
  symbol: string,
  pin: Pin,
  langs: string[],
  versions: Map<string, DocVersion<CiteParagraph, CiteDocument>>,
  reportIn: string[] | null,
): Resolution {
  const key = sectionKey(pin.section!);
  const nextSteps = /下一步|后续步骤|next steps/i.test(pin.section!);
  // With no part written and no registry knowledge, the section's own paragraphs say where it is.
  const wanted =
    pin.part !== null ? partFromLabel(pin.part, versions.get(langs[0]!)!.record.parts, reportIn) : reportIn;
  let part = wanted ?? [];
  let inferred = pin.part === null && part.length > 0;
  for (const lang of langs) {
    const v = versions.get(lang)!;
    const list = v.paragraphs.filter(
      (p) =>
        p.parent === null &&
        p.kind === "paragraph" &&
        (wanted === null || samePart(p.part, wanted)) &&
        p.num.length > 0 &&
        p.headings.some((h) => normaliseKey(h).includes(key)) &&
        (!nextSteps || /下一步|后续步骤|next steps/i.test(p.headings[p.headings.length - 1] ?? "")),
    );
    if (list.length === 0) continue;
    if (wanted === null) {
      part = list[0]!.part;
      inferred = part.length > 0;
    }
    const scoped = list.find((p) => p.scope !== null);
    if (scoped) {
      const hit = v.byAddress.get(addressOf(part, scoped.scope, pin.num));
      if (hit) return ok(docTarget(symbol, part, pin, inferred, scoped.scope), hit.id);
      continue;
    }
    const nth = list[Number(pin.num[0]) - 1];
    if (!nth) continue;
    const hit = v.byAddress.get(addressOf(part, null, [...nth.num, ...pin.num.slice(1)]));
    if (hit) return ok(docTarget(symbol, part, pin, inferred), hit.id);
  }
  return notFound(
    docTarget(symbol, part, pin, inferred),
    `${symbol} has no paragraph ${pin.num.join(".")} under "${pin.section}"`,
  );
}

function ok(target: DocTarget, id: string): Resolution {
  return { target, resolved: id, status: "resolved", candidates: [], url: null, problem: null };
}

/** The distinctive words of a section name: "国际法部分，建议…" -> "国际法"; "section on international law" -> "internationallaw". */
export function sectionKey(section: string): string {
  const head = section.split(/[,，]/)[0] ?? section;
  const zh = head.replace(/(部分|章节|一节)$/, "");
  const en = zh.replace(/^(the\s+)?section\s+on\s+/i, "").replace(/\s+section$/i, "");
  return normaliseKey(en);
}

function normaliseKey(text: string): string {
  return text.toLowerCase().replace(/[\s,，.。:：;；、"“”]/g, "");
}

function findParagraph(
  versions: Map<string, DocVersion<CiteParagraph, CiteDocument>>,
  langs: string[],
  part: string[],
  scope: string | null,
  num: string[],
): CiteParagraph | null {
  const address = addressOf(part, scope, num);
  for (const lang of langs) {
    const hit = versions.get(lang)?.byAddress.get(address);
    if (hit) return hit;
  }
  return null;
}

function orderLangs(versions: Map<string, DocVersion<CiteParagraph, CiteDocument>>, lang: string): string[] {
  const all = [...versions.keys()].sort();
  return all.includes(lang) ? [lang, ...all.filter((l) => l !== lang)] : all;
}

/**
 * The part a written label means in a document: the known part whose last labels are it
 * ("annex A" -> ["annex", "annex A"]; "annex A/appendix" -> ["annex", "annex A", "appendix"]); a
 * lettered annex of a document whose report sits in an annex is that report's annex; otherwise
 * the labels alone.
 */
export function partFromLabel(label: string, known: string[][], reportIn: string[] | null): string[] {
  if (label === "preamble") return ["preamble"];
  const labels = label.toLowerCase().split("/");
  const hits = known.filter(
    (p) =>
      p.length >= labels.length &&
      labels.every((l, k) => p[p.length - labels.length + k]!.toLowerCase() === l),
  );
  if (hits.length > 0) return [...hits.sort((a, b) => a.length - b.length)[0]!];
  if (reportIn && /^annex [A-Z]$/.test(label) && !samePart(reportIn, [label])) return [...reportIn, label];
  return label.split("/");
}

function samePart(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, k) => x === b[k]);
}

function startsWithPart(p: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length <= p.length && prefix.every((x, k) => x === p[k]);
}

function docTarget(
  symbol: string,
  part: string[],
  pin: Pin,
  inferred: boolean,
  scope: string | null = null,
): DocTarget {
  return {
    doc: symbol,
    part: [...part],
    scope,
    num: [...pin.num],
    partInferred: inferred,
    section: pin.section,
    page: null,
  };
}

/**
 * What a document holds where a pinpoint is missing, naming the part searched: "A/78/265, annex,
 * para. 23 (f) has (i) and (ii); no (iii)", "A/78/265, annex, runs from para. 1 to para. 60, and
 * its main body from para. 1 to para. 16; no para. 999".
 * @param parts the parts searched, the first the one the citation named or the registry placed
 */
function missingMessage(
  symbol: string,
  v: DocVersion<CiteParagraph, CiteDocument>,
  parts: string[][],
  num: string[],
): string {
  // The deepest paragraph the pinpoint does name, in the first part that has it: its subparagraphs.
  for (const part of parts) {
    for (let k = num.length - 1; k >= 1; k--) {
      const prefix = num.slice(0, k);
      if (!v.byAddress.has(addressOf(part, null, prefix))) continue;
      const children = v.paragraphs
        .filter(
          (p) =>
            samePart(p.part, part) &&
            p.scope === null &&
            p.num.length === k + 1 &&
            prefix.every((x, j) => p.num[j] === x),
        )
        .map((p) => p.num[k]!);
      const here = citeEn({ symbol, part, scope: null, num: prefix });
      const missing = `(${num[k]})`;
      return children.length
        ? `${here} has ${labelList(children)}; no ${missing}`
        : `${here} has no subparagraphs; no ${missing}`;
    }
  }
  const ranges = parts.map((part, k) => {
    // A paper numbered "1.1", "1.2", "2.1" has no one-level numbers: its top paragraphs are those
    // with no parent, so "para. 2" is answered with the range it does have, not "no numbered paragraphs".
    const top = v.paragraphs.filter(
      (p) =>
        samePart(p.part, part) &&
        p.scope === null &&
        (p.num.length === 1 || (p.parent === null && isDecimal(symbol, p.num))),
    );
    const where = part.length
      ? k === 0
        ? `${symbol}, ${part.join(", ")},`
        : `its ${part.join(", ")}`
      : k === 0
        ? `the main body of ${symbol}`
        : "its main body";
    const first = top[0];
    const last = top[top.length - 1];
    if (!first || !last) return `${where} has no numbered paragraphs`;
    const pin = (n: readonly string[]) => pinpointEn(n, isDecimal(symbol, n));
    if (first === last) return `${where} ${k === 0 ? "has " : ""}only para. ${pin(first.num)}`;
    return `${where} ${k === 0 ? "runs " : ""}from para. ${pin(first.num)} to para. ${pin(last.num)}`;
  });
  const said =
    ranges.length > 1 ? `${ranges.slice(0, -1).join(", ")}, and ${ranges[ranges.length - 1]}` : ranges[0];
  return `${said}; no para. ${pinpointEn(num, isDecimal(symbol, num))}`;
}

/** "(a) to (h)" for a run of three or more labels in sequence, else "(i) and (ii)", "(a), (c) and (e)". */
function labelList(labels: string[]): string {
  const isRun = (values: (number | null)[]) =>
    values.every((x, k) => x !== null && (k === 0 || x === values[k - 1]! + 1));
  // Letters first ((h) then (i) is a letter), then roman numerals and digits.
  const letters = labels.map((l) => (/^[a-z]$/.test(l) ? l.charCodeAt(0) - 96 : null));
  const others = labels.map((l) =>
    /^[0-9]+$/.test(l) ? Number(l) : /^[ivxlc]+$/.test(l) ? romanToNumber(l) : null,
  );
  if (labels.length >= 3 && (isRun(letters) || isRun(others)))
    return `(${labels[0]}) to (${labels[labels.length - 1]})`;
  const shown = labels.map((l) => `(${l})`);
  return shown.length === 1 ? shown[0]! : `${shown.slice(0, -1).join(", ")} and ${shown[shown.length - 1]}`;
}

/** A document's parts in words: "the main body, annex, annex A, annex A appendix, annex B". */
function partsList(parts: string[][]): string {
  return parts.map(partWords).join(", ");
}
