/**
 * The site's view of `dist/data`: parse the exported files, check their schemaVersion, validate
 * them with the zod schemas of the data contract, and index them for the pages.
 *
 * Decision: this module is pure (file contents in, indexes out); reading the disk is the job of
 * `site/scripts/host.ts`, which runs only at build time. Optional files (citations, reuse) may be
 * absent: every index then comes back empty and every page still renders. The site never parses
 * Markdown: it shows what the pipeline exported, nothing more.
 */
import { z } from "zod";
import {
  Citation,
  DocumentRecord,
  DocumentsFile,
  Paragraph,
  Reuse,
  SCHEMA_VERSION,
  type State,
  WorkingPaper,
  WorkingPapersFile,
} from "../../../schemas/index.ts";

/** The raw contents of the files the site reads; `null` when a file is absent. */
export interface DataFiles {
  documents: string;
  paragraphs: string;
  workingPapers: string | null;
  citations: string | null;
  reuse: string | null;
  /** citations-summary.json from the cite stage (cited documents, known to the registry or not). */
  citationsSummary?: string | null;
}

/** The part of `citations-summary.json` the site reads. */
export const CitationsSummary = z.object({
  schemaVersion: z.number().int(),
  documents: z.array(
    z.object({ symbol: z.string(), citations: z.number().int(), inCorpus: z.boolean(), known: z.boolean() }),
  ),
});
export type CitationsSummary = z.infer<typeof CitationsSummary>;

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

/** Everything the pages read, validated and indexed once per build. */
export interface SiteData {
  documents: DocumentRecord[];
  paragraphs: Paragraph[];
  workingPapers: WorkingPaper[];
  citations: Citation[];
  reuse: Reuse[];
  /** Which optional files were present, so pages can say "not computed" rather than "none". */
  has: { citations: boolean; reuse: boolean };
  /** Cited documents as the cite stage summarised them; null when the file is absent. */
  citationsSummary: CitationsSummary | null;
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
  states: Map<string, { state: State; papers: WorkingPaper[] }>;
  /** Working papers by the id of the list entry (paragraph) that holds them. */
  papersByParagraph: Map<string, WorkingPaper[]>;
}

/** Thrown when the data was written for another version of the contract: rebuild, do not guess. */
export class DataVersionError extends Error {
  override name = "DataVersionError";
}

function checkVersion(file: string, version: unknown): void {
  if (version !== SCHEMA_VERSION) {
    throw new DataVersionError(
      `dist/data/${file} has schemaVersion ${JSON.stringify(version)}, the site reads ${SCHEMA_VERSION}: run the build again (npm run build).`,
    );
  }
}

/** Read a JSON Lines file; a header line carrying only `schemaVersion` is checked and skipped. */
function jsonl<T>(file: string, text: string, schema: z.ZodType<T>): T[] {
  const rows: T[] = [];
  const lines = text.split("\n");
  for (const [i, line] of lines.entries()) {
    if (!line.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      throw new Error(`dist/data/${file}:${i + 1}: not JSON (${(e as Error).message})`);
    }
    if (value && typeof value === "object" && "schemaVersion" in value && Object.keys(value).length <= 2) {
      checkVersion(file, (value as { schemaVersion: unknown }).schemaVersion);
      continue;
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      throw new Error(`dist/data/${file}:${i + 1}: ${z.prettifyError(parsed.error)}`);
    }
    rows.push(parsed.data);
  }
  return rows;
}

function parseJson<T>(file: string, text: string, schema: z.ZodType<T>): T {
  const value: unknown = JSON.parse(text);
  checkVersion(file, (value as { schemaVersion?: unknown })?.schemaVersion);
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Error(`dist/data/${file}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Validate and index the exported data. Throws with file and line on data that breaks the contract. */
export function loadSiteData(files: DataFiles): SiteData {
  const { documents } = parseJson("documents.json", files.documents, DocumentsFile);
  const paragraphs = jsonl("paragraphs.jsonl", files.paragraphs, Paragraph);
  const workingPapers = files.workingPapers
    ? parseJson("working-papers.json", files.workingPapers, WorkingPapersFile).papers
    : [];
  const citations = files.citations ? jsonl("citations.jsonl", files.citations, Citation) : [];
  const reuse = files.reuse ? jsonl("reuse.jsonl", files.reuse, Reuse) : [];
  const citationsSummary = files.citationsSummary
    ? parseJson("citations-summary.json", files.citationsSummary, CitationsSummary)
    : null;

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
  const states: SiteData["states"] = new Map();
  const papersByParagraph = new Map<string, WorkingPaper[]>();
  for (const wp of workingPapers) {
    push(papersByParagraph, wp.paragraph, wp);
    for (const s of wp.states) {
      const entry = states.get(s.code) ?? { state: s, papers: [] };
      entry.papers.push(wp);
      states.set(s.code, entry);
    }
  }
  return {
    documents,
    paragraphs,
    workingPapers,
    citations,
    reuse,
    has: { citations: files.citations !== null, reuse: files.reuse !== null },
    citationsSummary,
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
    states,
    papersByParagraph,
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

export { DocumentRecord, WorkingPaper };
