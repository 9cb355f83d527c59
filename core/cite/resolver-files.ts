/**
 * The citation resolver's files (shapes in schemas/resolver.ts): written from dist/data and the
 * registry at build time, read back in the browser into the same `CorpusIndex` the build and
 * `acquis cite` resolve against, so the site's resolver runs exactly the CLI's grammar and
 * resolution (query.ts) and gives the same answers.
 *
 * Decisions:
 * - Only what resolution reads is shipped, never text: a paragraph is its address, part, scope,
 *   number, kind, parent and heading path. Parts and heading paths repeat from one paragraph to
 *   the next, so each version lists them once and rows point into the lists.
 * - One small index (the registry's short titles and known structure, the documents held) and
 *   one file per document, so a lookup fetches the index and the files of the documents the
 *   citation names: a few kilobytes, whatever the size of the corpus.
 * - Rows keep the order of paragraphs.jsonl, because the answer for a whole part lists its first
 *   paragraphs in that order.
 * Pure and browser-safe.
 */

import { isDocId } from "../../schemas/identity.ts";
import type {
  DocumentRecord,
  Lang,
  Paragraph,
  RegistryEntry,
  ResolverDocumentFile,
  ResolverIndexFile,
  ResolverRow,
  ResolverVersion,
} from "../../schemas/index.ts";
import { idOf } from "../address/address.ts";
import { type Lookup, lookupCitation, partTitle, readTyped } from "./query.ts";
import {
  type CiteDocument,
  type CiteParagraph,
  type CiteRegistryEntry,
  indexWith,
  statesOf,
} from "./resolve.ts";
import { type StateName, TitleMatcher, withHeldIds } from "./titles.ts";

/**
 * Version of the resolver files' layout: the browser refuses files of another. 2: the index lists
 * the States the corpus knows and national papers' titles; a version carries its sections and a
 * row its pages. 3: a version carries the anchors of its parts' titles (`partAnchors`), so a
 * whole part opens at its heading.
 */
export const RESOLVER_FORMAT = 3;

/** Where the files stand on the site. */
export const RESOLVER_INDEX_PATH = "/resolve/index.json";
export function resolverDocumentPath(slug: string): string {
  return `/resolve/${encodeURIComponent(slug)}.json`;
}

/** `/resolve/index.json`: the registry as resolution reads it, and the documents held. */
export function resolverIndexFile(
  documents: readonly Pick<DocumentRecord, "symbol" | "slug" | "lang" | "sections" | "authors">[],
  registry: { documents: readonly RegistryEntry[] },
): ResolverIndexFile {
  const held = new Map<string, { symbol: string; slug: string; langs: Lang[] }>();
  for (const d of documents) {
    const entry = held.get(d.symbol) ?? { symbol: d.symbol, slug: d.slug, langs: [] };
    if (!entry.langs.includes(d.lang)) entry.langs.push(d.lang);
    held.set(d.symbol, entry);
  }
  return {
    format: RESOLVER_FORMAT,
    registry: registry.documents.map((e) => ({
      symbol: e.symbol,
      ...(e.short.zh.length || e.short.en.length ? { short: { zh: e.short.zh, en: e.short.en } } : {}),
      ...(e.structure ? { structure: e.structure } : {}),
      ...(isDocId(e.symbol) ? { title: { ...e.title } } : {}),
    })),
    states: statesOf(documents),
    documents: [...held.values()]
      .map((d) => ({ ...d, langs: [...d.langs].sort() }))
      .sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0)),
  };
}

/**
 * `/resolve/<slug>.json` for every document: its versions in the order of documents.json, each
 * version's paragraphs in the order of paragraphs.jsonl.
 */
export function resolverDocumentFiles(
  documents: readonly Pick<DocumentRecord, "symbol" | "slug" | "lang" | "parts" | "sections" | "headings">[],
  paragraphs: readonly Paragraph[],
): ResolverDocumentFile[] {
  const byVersion = new Map<string, Paragraph[]>();
  for (const p of paragraphs) {
    const key = `${p.doc}\u0000${p.lang}`;
    const list = byVersion.get(key);
    if (list) list.push(p);
    else byVersion.set(key, [p]);
  }
  const files = new Map<string, ResolverDocumentFile>();
  for (const d of documents) {
    let file = files.get(d.symbol);
    if (!file) {
      file = { format: RESOLVER_FORMAT, symbol: d.symbol, slug: d.slug, versions: [] };
      files.set(d.symbol, file);
    }
    file.versions.push(encodeVersion(d, byVersion.get(`${d.symbol}\u0000${d.lang}`) ?? []));
  }
  return [...files.values()];
}

function encodeVersion(
  d: Pick<DocumentRecord, "lang" | "parts" | "sections" | "headings">,
  paragraphs: Paragraph[],
): ResolverVersion {
  const paraParts: string[][] = [];
  const headings: string[][] = [];
  const partIndex = new Map<string, number>();
  const headingIndex = new Map<string, number>();
  const rowOf = new Map<string, number>();
  const indexOf = (table: string[][], index: Map<string, number>, value: string[]) => {
    const key = JSON.stringify(value);
    let k = index.get(key);
    if (k === undefined) {
      k = table.length;
      table.push(value);
      index.set(key, k);
    }
    return k;
  };
  for (const [k, p] of paragraphs.entries()) rowOf.set(p.id, k);
  const rows: ResolverRow[] = paragraphs.map((p) => [
    p.address,
    indexOf(paraParts, partIndex, p.part),
    p.scope,
    p.num,
    p.kind,
    p.parent === null ? -1 : (rowOf.get(p.parent) ?? -1),
    indexOf(headings, headingIndex, p.headings),
    p.pages ? [p.pages.first, p.pages.last] : null,
  ]);
  return {
    lang: d.lang,
    parts: d.parts,
    partAnchors: d.parts.map((part) => partTitle(d, part)),
    paraParts,
    headings,
    sections: d.sections ?? [],
    rows,
  };
}

/** A resolver file of another layout, or not one at all: rebuild the site. */
export class ResolverFormatError extends Error {
  override name = "ResolverFormatError";
}

function checkFormat(what: string, file: { format?: unknown } | null): void {
  if (!file || file.format !== RESOLVER_FORMAT) {
    throw new ResolverFormatError(
      `${what} is of format ${JSON.stringify(file?.format)}, this resolver reads ${RESOLVER_FORMAT}: rebuild the site (npm run build).`,
    );
  }
}

/** The documents and paragraphs of a document file, as resolution reads them. */
export function readResolverDocument(file: ResolverDocumentFile): {
  documents: CiteDocument[];
  paragraphs: CiteParagraph[];
} {
  checkFormat(`the resolver file of ${file?.symbol ?? "a document"}`, file);
  const documents: CiteDocument[] = [];
  const paragraphs: CiteParagraph[] = [];
  for (const v of file.versions) {
    documents.push({
      symbol: file.symbol,
      slug: file.slug,
      lang: v.lang,
      parts: v.parts,
      sections: v.sections,
      // Of the headings, the parts' titles: all the lookup reads of them (query.ts partTitle).
      headings: v.parts.flatMap((part, k) => {
        const anchor = v.partAnchors[k];
        return anchor ? [{ part, anchor, depth: 1 }] : [];
      }),
    });
    const ids = v.rows.map((r) => idOf(file.symbol, v.lang, r[0]));
    v.rows.forEach(([address, part, scope, num, kind, parent, headings, pages], k) => {
      paragraphs.push({
        ...(pages ? { pages: { first: pages[0], last: pages[1] } } : {}),
        id: ids[k] as string,
        doc: file.symbol,
        lang: v.lang,
        address,
        part: v.paraParts[part] ?? [],
        scope,
        num,
        kind,
        parent: parent < 0 ? null : (ids[parent] ?? null),
        headings: v.headings[headings] ?? [],
      });
    });
  }
  return { documents, paragraphs };
}

/** The resolver over its index file: reads a citation, then fetches what it names. */
export class Resolver {
  readonly titles: TitleMatcher;
  private readonly registry: CiteRegistryEntry[];
  private readonly states: StateName[];
  private readonly held: Map<string, { slug: string }>;

  constructor(index: ResolverIndexFile) {
    checkFormat(RESOLVER_INDEX_PATH, index);
    this.registry = index.registry.map((e) => ({
      symbol: e.symbol,
      short: e.short ?? { zh: [], en: [] },
      ...(e.structure ? { structure: e.structure } : {}),
      ...(e.title ? { title: e.title } : {}),
    }));
    this.states = index.states;
    this.titles = new TitleMatcher(
      {
        documents: withHeldIds(
          this.registry,
          index.documents.map((d) => d.symbol),
        ),
      },
      this.states,
    );
    this.held = new Map(index.documents.map((d) => [d.symbol, { slug: d.slug }]));
  }

  /** Slugs of the documents held in the corpus that a typed citation names (their files are needed). */
  slugsNamed(query: string): string[] {
    const slugs = new Set<string>();
    for (const found of readTyped(query, this.titles).citations) {
      if (found.kind !== "doc") continue;
      for (const s of found.symbols) {
        const d = this.held.get(s);
        if (d) slugs.add(d.slug);
      }
    }
    return [...slugs];
  }

  /**
   * Look up a typed citation as `acquis cite` does. `load(slug)` gives a document's resolver file
   * (fetched in the browser; read from memory in tests).
   */
  async lookup(query: string, load: (slug: string) => Promise<ResolverDocumentFile>): Promise<Lookup> {
    const files = await Promise.all(this.slugsNamed(query).map(load));
    const documents: CiteDocument[] = [];
    const paragraphs: CiteParagraph[] = [];
    for (const f of files) {
      const read = readResolverDocument(f);
      documents.push(...read.documents);
      paragraphs.push(...read.paragraphs);
    }
    // The States of the whole corpus, not of the documents fetched: the CLI reads the same names.
    return lookupCitation(query, indexWith(documents, paragraphs, { documents: this.registry }, this.states));
  }
}
