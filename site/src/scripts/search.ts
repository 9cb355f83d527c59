/// <reference types="vite/client" />
/**
 * The search page in the browser: read the query from the URL, run it, draw the results.
 *
 * Decision: results are drawn with DOM nodes and textContent only (never innerHTML), so paragraph
 * text stays data. The engine is the search index's (core/search/engine.ts, reading the
 * shards under /data/search/ that pipeline/index writes); when a build has no index, a plain
 * substring scan of /data/paragraphs.jsonl (lib/fallback-search.ts) answers instead, so search
 * never breaks. `#results[data-engine]` says which one answered.
 */

import { paraUrl } from "../../../core/address/urls.ts";
import { citationsOf } from "../../../core/cite/format.ts";
import { STATUS_RANK } from "../../../core/search/format.ts";
import type { ParagraphCore } from "../../../schemas/paragraph.ts";
import { type SearchDoc, type SearchHit, searchParagraphs } from "../lib/fallback-search.ts";

interface DocInfo {
  symbol: string;
  lang: string;
  date: string;
  status: string;
  type: string;
}

async function loadCorpus(): Promise<{ paragraphs: SearchDoc[]; documents: DocInfo[] }> {
  const [pRes, dRes] = await Promise.all([fetch("/data/paragraphs.jsonl"), fetch("/data/documents.json")]);
  if (!pRes.ok || !dRes.ok) throw new Error("the corpus data could not be loaded");
  const paragraphs = (await pRes.text())
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as SearchDoc & { schemaVersion?: number })
    .filter((p) => typeof p.id === "string");
  const documents = ((await dRes.json()) as { documents: DocInfo[] }).documents;
  return { paragraphs, documents };
}

/** Consensus texts first, then newest first. */
function ranker(documents: DocInfo[]): (symbol: string, lang: string) => number {
  const order = [...documents].sort(
    (a, b) => (STATUS_RANK[a.status] ?? 9) - (STATUS_RANK[b.status] ?? 9) || b.date.localeCompare(a.date),
  );
  const rank = new Map(order.map((d, i) => [`${d.symbol}|${d.lang}`, i]));
  return (symbol, lang) => rank.get(`${symbol}|${lang}`) ?? 1e9;
}

/** Text with <mark> around the ranges, built from text nodes only. */
function highlighted(text: string, ranges: Array<[number, number]>): DocumentFragment {
  const frag = document.createDocumentFragment();
  let at = 0;
  for (const [a, b] of ranges) {
    if (a > at) frag.append(text.slice(at, a));
    const mark = document.createElement("mark");
    mark.textContent = text.slice(a, b);
    frag.append(mark);
    at = b;
  }
  if (at < text.length) frag.append(text.slice(at));
  return frag;
}

function drawHit(hit: SearchHit, dates: Map<string, string>): HTMLLIElement {
  const li = document.createElement("li");
  const slug = hit.p.id.slice(0, hit.p.id.indexOf("/"));
  const a = document.createElement("a");
  a.href = paraUrl(slug, hit.p.address);
  const cite = citationsOf(hit.p);
  a.textContent = hit.p.lang === "zh" ? cite.zh : cite.en;
  a.lang = hit.p.lang === "zh" ? "zh-Hans" : "en";
  const meta = document.createElement("span");
  meta.className = "muted";
  meta.textContent = ` · ${dates.get(`${hit.p.doc}|${hit.p.lang}`) ?? ""}`;
  const p = document.createElement("p");
  p.lang = hit.p.lang === "zh" ? "zh-Hans" : "en";
  p.append(highlighted(hit.p.text, hit.ranges));
  // The diplomat's next move is to cite it: one click copies the citation shown.
  const copy = document.createElement("button");
  copy.type = "button";
  copy.className = "copy-result";
  copy.textContent = hit.p.lang === "zh" ? "复制引文" : "Copy citation";
  copy.addEventListener("click", () => {
    navigator.clipboard.writeText(a.textContent ?? "").then(
      () => {
        copy.textContent = hit.p.lang === "zh" ? "已复制" : "Copied";
      },
      () => {
        copy.textContent = "Select the citation and press Ctrl+C";
      },
    );
  });
  li.append(a, " ", copy, meta, p);
  return li;
}

const LIMIT = 100;

/** What the page needs of the index engine (core/search/engine.ts). */
interface IndexHit extends ParagraphCore {
  date: string;
  ranges: Array<[number, number]>;
}
interface IndexEngine {
  search(
    query: string,
    opts: {
      phrase?: boolean;
      lang?: "" | "zh" | "en";
      doc?: string;
      type?: string;
      yearFrom?: number;
      yearTo?: number;
      consensus?: boolean;
      limit?: number;
    },
  ): Promise<{ hits: IndexHit[]; total: number; complete: boolean }>;
}
interface EngineModule {
  SearchEngine: { open(source: { get(path: string): Promise<Uint8Array> }): Promise<IndexEngine> };
}

// A glob, not an import: a site built before the index engine exists still builds and searches.
const engineModules = import.meta.glob<EngineModule>("../../../core/search/engine.ts");

/** The index engine over /data/search/, or null when this build has no index. */
async function openIndex(): Promise<IndexEngine | null> {
  const load = Object.values(engineModules)[0];
  // The page knows from the build whether an index was written: no request for a missing one.
  if (!load || document.getElementById("results")?.dataset.index !== "1") return null;
  const head = await fetch("/data/search/index.json");
  if (!head.ok) return null;
  const first = new Uint8Array(await head.arrayBuffer());
  const { SearchEngine } = await load();
  return SearchEngine.open({
    async get(path: string): Promise<Uint8Array> {
      if (path === "index.json") return first;
      const res = await fetch(`/data/search/${path.split("/").map(encodeURIComponent).join("/")}`);
      if (!res.ok) throw new Error(`the search index file ${path} could not be loaded (${res.status})`);
      return new Uint8Array(await res.arrayBuffer());
    },
  });
}

/** Wire the search page: fill the form from the URL, search, draw. */
export async function runSearchPage(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const q = params.get("q") ?? "";
  const phrase = params.get("phrase") === "1";
  const lang = (params.get("lang") ?? "") as "" | "zh" | "en";
  const doc = params.get("doc") ?? "";
  const type = params.get("type") ?? "";
  const from = Number(params.get("from") ?? "") || 0;
  const to = Number(params.get("to") ?? "") || 9999;
  const consensus = params.get("consensus") === "1";
  const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
  $<HTMLInputElement>("q").value = q;
  $<HTMLInputElement>("phrase").checked = phrase;
  $<HTMLSelectElement>("lang").value = lang;
  $<HTMLSelectElement>("doc").value = doc;
  $<HTMLSelectElement>("type").value = type;
  $<HTMLInputElement>("from").value = from ? String(from) : "";
  $<HTMLInputElement>("to").value = to < 9999 ? String(to) : "";
  $<HTMLInputElement>("consensus").checked = consensus;
  const status = $("search-status");
  const list = $("results");
  if (!q.trim()) {
    status.textContent = "Type words or a phrase in Chinese or English.";
    return;
  }
  status.textContent = "Searching…";
  const say = (n: number, more: boolean) =>
    n === 0
      ? `No paragraph contains “${q}”.`
      : `${more ? "At least " : ""}${n} paragraph${n === 1 ? "" : "s"}${n > LIMIT ? ` (first ${LIMIT} shown)` : ""} for “${q}”.`;
  try {
    const engine = await openIndex();
    if (engine) {
      const result = await engine.search(q, {
        phrase,
        lang,
        doc,
        type,
        consensus,
        limit: LIMIT,
        ...(from ? { yearFrom: from } : {}),
        ...(to < 9999 ? { yearTo: to } : {}),
      });
      const dates = new Map(result.hits.map((h) => [`${h.doc}|${h.lang}`, h.date]));
      list.dataset.engine = "index";
      list.replaceChildren(...result.hits.map((h) => drawHit({ p: h, ranges: h.ranges }, dates)));
      status.textContent = say(result.total, !result.complete);
      document.title = `${q} · Search · acquis`;
      return;
    }
    list.dataset.engine = "scan";
    const corpus = await loadCorpus();
    // Document-level filters (type, years, consensus) decide which documents take part at all.
    const keep = new Set(
      corpus.documents
        .filter((d) => {
          const year = Number(d.date.slice(0, 4));
          return (
            (!type || d.type === type) &&
            year >= from &&
            year <= to &&
            (!consensus || d.status === "consensus")
          );
        })
        .map((d) => `${d.symbol}|${d.lang}`),
    );
    const pool = corpus.paragraphs.filter((p) => keep.has(`${p.doc}|${p.lang}`));
    const hits = searchParagraphs(pool, q, { phrase, lang, doc }, ranker(corpus.documents));
    const dates = new Map(corpus.documents.map((d) => [`${d.symbol}|${d.lang}`, d.date]));
    list.replaceChildren(...hits.slice(0, LIMIT).map((h) => drawHit(h, dates)));
    status.textContent = say(hits.length, false);
    document.title = `${q} · Search · acquis`;
  } catch (e) {
    status.textContent = `Search failed: ${(e as Error).message}`;
  }
}
