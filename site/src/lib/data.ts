/**
 * The site's view of `dist/data`: the knowledge base as the one reader gives it
 * (core/data/read.ts: schemaVersion checked, every record validated), indexed for the pages.
 *
 * Decision: this module is pure (file contents in, indexes out); reading the disk is the job of
 * `site/scripts/host.ts`, which runs only at build time. Optional files (citations, reuse) may be
 * absent: every index then comes back empty and every page still renders. The site never parses
 * Markdown: it shows what the pipeline exported, nothing more.
 */
import {
  type DataFiles,
  DataVersionError,
  type KnowledgeBase,
  readKnowledgeBase,
} from "../../../core/data/read.ts";
import { type StateEntry, statesOf } from "../../../core/data/states.ts";
import type {
  AdoptionLink,
  AlignedRow,
  Citation,
  DocumentRecord,
  Paragraph,
  Reuse,
  WorkingPaper,
} from "../../../schemas/index.ts";

export type { StateEntry };
export { type DataFiles, DataVersionError };

/** A paragraph address in both languages: the zh and en versions share it. */
export interface AddressEntry {
  slug: string;
  symbol: string;
  address: string;
  zh?: Paragraph;
  en?: Paragraph;
}

/** One step of a paragraph's lineage: a reuse link and the paragraph at its other end. */
export interface LineageStep {
  reuse: Reuse;
  paragraph: Paragraph;
  /** 1 = direct reuse; 2 = reuse of a reuse, and so on. */
  depth: number;
}

/**
 * Everything the pages read, validated (the knowledge base, whose `has` lets a page say "not
 * computed" rather than "none") and indexed once per build.
 */
export interface SiteData extends KnowledgeBase {
  bySymbol: Map<string, Partial<Record<"zh" | "en", DocumentRecord>>>;
  bySlug: Map<string, Partial<Record<"zh" | "en", DocumentRecord>>>;
  byId: Map<string, Paragraph>;
  /** Paragraphs of one document version in reading order, keyed "<slug>/<lang>". */
  byDoc: Map<string, Paragraph[]>;
  /** Keyed "<slug>/<address>". */
  byAddress: Map<string, AddressEntry>;
  citationsFrom: Map<string, Citation[]>;
  citedBy: Map<string, Citation[]>;
  /** Citations per cited symbol. */
  citedDocs: Map<string, Citation[]>;
  reuseTo: Map<string, Reuse[]>;
  reuseFrom: Map<string, Reuse[]>;
  /** The zh/en alignment's rows per document symbol, in reading order (empty without aligned.json). */
  alignedByDoc: Map<string, AlignedRow[]>;
  /** The alignment row holding each paragraph id. */
  alignedRowOf: Map<string, AlignedRow>;
  /** States and groups: the working papers they submitted, the papers they wrote, their sections of compendia. */
  states: Map<string, StateEntry>;
  /** Working papers by the id of the list entry (paragraph) that holds them. */
  papersByParagraph: Map<string, WorkingPaper[]>;
  /** Adoption links by paragraph id, at either end (the State's paragraph or the agreed one). */
  adoptionByParagraph: Map<string, AdoptionLink[]>;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Validate and index the exported data. Throws with file and line on data that breaks the contract. */
export function loadSiteData(files: DataFiles): SiteData {
  const kb = readKnowledgeBase(files, { reader: "the site" });
  const { documents, paragraphs, workingPapers, citations, reuse } = kb;

  const bySymbol: SiteData["bySymbol"] = new Map();
  const bySlug: SiteData["bySlug"] = new Map();
  for (const d of documents) {
    const entry = bySymbol.get(d.symbol) ?? {};
    entry[d.lang] = d;
    bySymbol.set(d.symbol, entry);
    bySlug.set(d.slug, entry);
  }
  const byId = new Map<string, Paragraph>();
  const byDoc = new Map<string, Paragraph[]>();
  const byAddress = new Map<string, AddressEntry>();
  for (const p of paragraphs) {
    byId.set(p.id, p);
    const slug = p.id.slice(0, p.id.indexOf("/"));
    push(byDoc, `${slug}/${p.lang}`, p);
    const key = `${slug}/${p.address}`;
    const entry = byAddress.get(key) ?? { slug, symbol: p.doc, address: p.address };
    entry[p.lang] = p;
    byAddress.set(key, entry);
  }
  for (const list of byDoc.values()) list.sort((a, b) => a.seq - b.seq);

  const citationsFrom = new Map<string, Citation[]>();
  const citedBy = new Map<string, Citation[]>();
  const citedDocs = new Map<string, Citation[]>();
  for (const c of citations) {
    push(citationsFrom, c.from, c);
    if (c.resolved) push(citedBy, c.resolved, c);
    push(citedDocs, c.target.doc, c);
  }
  const reuseTo = new Map<string, Reuse[]>();
  const reuseFrom = new Map<string, Reuse[]>();
  for (const r of reuse) {
    push(reuseTo, r.to, r);
    push(reuseFrom, r.from, r);
  }
  const alignedByDoc = new Map<string, AlignedRow[]>();
  const alignedRowOf = new Map<string, AlignedRow>();
  for (const row of kb.aligned) {
    push(alignedByDoc, row.doc, row);
    for (const id of [...row.zh, ...row.en]) alignedRowOf.set(id, row);
  }
  const papersByParagraph = new Map<string, WorkingPaper[]>();
  for (const wp of workingPapers) push(papersByParagraph, wp.paragraph, wp);
  // Papers, compendium sections and working papers per State, counted as the adoption stage counts them.
  const states: SiteData["states"] = statesOf(documents, workingPapers);
  const adoptionByParagraph = new Map<string, AdoptionLink[]>();
  for (const l of kb.adoption?.links ?? []) {
    push(adoptionByParagraph, l.paper, l);
    push(adoptionByParagraph, l.agreed, l);
  }
  return {
    ...kb,
    bySymbol,
    bySlug,
    byId,
    byDoc,
    byAddress,
    citationsFrom,
    citedBy,
    citedDocs,
    reuseTo,
    reuseFrom,
    alignedByDoc,
    alignedRowOf,
    states,
    papersByParagraph,
    adoptionByParagraph,
  };
}

/** The slug of the document a paragraph id belongs to: "A-78-265/zh/annex/1" -> "A-78-265". */
export function slugOfId(id: string): string {
  return id.slice(0, id.indexOf("/"));
}

/** The date of the document holding a paragraph ("" when unknown), to order a lineage in time. */
export function dateOf(data: SiteData, p: Paragraph): string {
  return data.bySymbol.get(p.doc)?.[p.lang]?.date ?? "";
}

/**
 * A paragraph's lineage: the earlier paragraphs it reuses and the later ones that reuse it,
 * followed link by link (up to `maxDepth`), each reached once, ordered by document date.
 */
export function lineageOf(
  data: SiteData,
  id: string,
  maxDepth = 6,
): { earlier: LineageStep[]; later: LineageStep[] } {
  const walk = (dir: "earlier" | "later"): LineageStep[] => {
    const seen = new Set([id]);
    const out: LineageStep[] = [];
    let frontier = [id];
    for (let depth = 1; depth <= maxDepth && frontier.length; depth++) {
      const next: string[] = [];
      for (const at of frontier) {
        const links = (dir === "earlier" ? data.reuseTo.get(at) : data.reuseFrom.get(at)) ?? [];
        for (const r of links) {
          const other = dir === "earlier" ? r.from : r.to;
          if (seen.has(other)) continue;
          seen.add(other);
          const paragraph = data.byId.get(other);
          if (!paragraph) continue;
          out.push({ reuse: r, paragraph, depth });
          next.push(other);
        }
      }
      frontier = next;
    }
    return out.sort(
      (a, b) =>
        dateOf(data, a.paragraph).localeCompare(dateOf(data, b.paragraph)) ||
        a.paragraph.seq - b.paragraph.seq,
    );
  };
  return { earlier: walk("earlier"), later: walk("later") };
}
