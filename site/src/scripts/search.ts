/**
 * The search page in the browser: read the query from the URL, run it, draw the results.
 *
 * Decision: results are drawn with DOM nodes and textContent only (never innerHTML), so paragraph
 * text stays data. The one engine is the search index's (core/search/engine.ts, reading the
 * shards under /data/search/ that pipeline/index writes, the same engine `acquis search` runs);
 * a build without an index says so on the page (search.astro) and this script does not run a
 * search it cannot answer.
 */
import { paraUrl } from "../../../core/address/urls.ts";
import { fetchSource, SearchEngine, type SearchHit } from "../../../core/search/engine.ts";

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

function drawHit(hit: SearchHit): HTMLLIElement {
  const li = document.createElement("li");
  const a = document.createElement("a");
  a.href = paraUrl(hit.id.slice(0, hit.id.indexOf("/")), hit.address);
  a.textContent = hit.citation;
  a.lang = hit.lang === "zh" ? "zh-Hans" : "en";
  const meta = document.createElement("span");
  meta.className = "muted";
  meta.textContent = ` · ${hit.date}`;
  const p = document.createElement("p");
  p.lang = hit.lang === "zh" ? "zh-Hans" : "en";
  p.append(highlighted(hit.text, hit.ranges));
  // The diplomat's next move is to cite it: one click copies the citation shown.
  const copy = document.createElement("button");
  copy.type = "button";
  copy.className = "copy-result";
  copy.textContent = hit.lang === "zh" ? "复制引文" : "Copy citation";
  copy.addEventListener("click", () => {
    navigator.clipboard.writeText(a.textContent ?? "").then(
      () => {
        copy.textContent = hit.lang === "zh" ? "已复制" : "Copied";
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
  // The build knows whether it wrote an index; without one the page says so, and nothing is asked for.
  if (list.dataset.index !== "1") {
    status.textContent = "Search is unavailable in this build: it has no search index.";
    return;
  }
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
    const engine = await SearchEngine.open(fetchSource("/data/search/"));
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
    list.replaceChildren(...result.hits.map(drawHit));
    status.textContent = say(result.total, !result.complete);
    document.title = `${q} · Search · acquis`;
  } catch (e) {
    status.textContent = `Search failed: ${(e as Error).message}`;
  }
}
