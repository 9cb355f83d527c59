/**
 * The search page in the browser: read the query (from the URL, or from session storage for a
 * pasted draft), run it, draw the draft sentence by sentence and the results, each with how much
 * of the query it carries.
 *
 * Decisions:
 * - Results are drawn with DOM nodes and textContent only (never innerHTML), so paragraph text
 *   stays data. The one engine is the search index's (core/search/engine.ts over the shards
 *   under /data/search/, the engine `acquis search` runs); a build without an index says so on
 *   the page (search.astro) and this script does not run a search it cannot answer.
 * - Where the query is kept: up to SHORT characters, in the URL (?q=), so the link shares the
 *   search; longer, never in the URL (a 2,000-character Chinese draft is 17 KB of address, which
 *   servers refuse), but in this tab's session storage under an id the fragment names
 *   (#paste=<id>): a reload finds it, no server sees it, and the page says so.
 * - After a search, focus moves to the results' heading, so the keyboard is at the results
 *   instead of nineteen Tabs away.
 * - The index is opened when the page loads (runSearchPage), so a pasted draft's search starts
 *   with the manifest and the documents at hand.
 */
import { paraUrl, paraUrlOfId } from "../../../core/address/urls.ts";
import {
  fetchSource,
  onlyOtherLanguage,
  SearchEngine,
  type SearchHit,
  type SearchOptions,
  type SearchResult,
  VERIFY_BUDGET,
} from "../../../core/search/engine.ts";
import { verdictWords } from "../../../core/search/rank.ts";
import { noneOccursStatus, onlyLanguageNote } from "../lib/search-status.ts";

/** The longest query kept in the URL. */
export const SHORT = 200;
/** Longer than this, a query is read as a draft: sentence by sentence, its citations left out. */
const DRAFT = 60;
/** Results drawn: every paragraph for a word or a phrase, the closest for a pasted draft. */
const LIMIT = 100;
const LIMIT_DRAFT = 20;
/** The longest query read (as `acquis search`). */
const MAX = 20_000;

const KEY = (id: string) => `acquis:paste:${id}`;

/** What the page searches: the query, the filters, and where the query was kept. */
interface PageState {
  q: string;
  phrase: boolean;
  lang: "" | "zh" | "en";
  doc: string;
  type: string;
  from: number;
  to: number;
  consensus: boolean;
  /** url: in ?q=; session: in session storage (#paste=<id>); missing: the fragment names a text this tab no longer has; refused: storage refused it. */
  kept: "url" | "session" | "missing" | "refused" | "none";
}

/** A short id for a text: FNV-1a over its code units, and its length. */
function pasteId(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return `${(h >>> 0).toString(36)}${text.length.toString(36)}`;
}

function readState(): PageState {
  const params = new URLSearchParams(location.search);
  const id = new URLSearchParams(location.hash.slice(1)).get("paste");
  let q = params.get("q") ?? "";
  let kept: PageState["kept"] = q ? "url" : "none";
  if (id) {
    let stored: string | null = null;
    try {
      stored = sessionStorage.getItem(KEY(id));
    } catch {
      stored = null;
    }
    if (stored !== null) {
      q = stored;
      kept = "session";
    } else kept = "missing";
  }
  return {
    q,
    phrase: params.get("phrase") === "1",
    lang: (params.get("lang") ?? "") as PageState["lang"],
    doc: params.get("doc") ?? "",
    type: params.get("type") ?? "",
    from: Number(params.get("from") ?? "") || 0,
    to: Number(params.get("to") ?? "") || 9999,
    consensus: params.get("consensus") === "1",
    kept,
  };
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function fillForm(s: PageState): void {
  $<HTMLTextAreaElement>("q").value = s.q;
  $<HTMLInputElement>("phrase").checked = s.phrase;
  $<HTMLSelectElement>("lang").value = s.lang;
  $<HTMLSelectElement>("doc").value = s.doc;
  $<HTMLSelectElement>("type").value = s.type;
  $<HTMLInputElement>("from").value = s.from ? String(s.from) : "";
  $<HTMLInputElement>("to").value = s.to < 9999 ? String(s.to) : "";
  $<HTMLInputElement>("consensus").checked = s.consensus;
}

function fromForm(): PageState {
  return {
    q: $<HTMLTextAreaElement>("q").value.trim(),
    phrase: $<HTMLInputElement>("phrase").checked,
    lang: $<HTMLSelectElement>("lang").value as PageState["lang"],
    doc: $<HTMLSelectElement>("doc").value,
    type: $<HTMLSelectElement>("type").value,
    from: Number($<HTMLInputElement>("from").value) || 0,
    to: Number($<HTMLInputElement>("to").value) || 9999,
    consensus: $<HTMLInputElement>("consensus").checked,
    kept: "none",
  };
}

/** Keep the query where it belongs (module header) and give the page's new address. */
function keep(s: PageState): string {
  const params = new URLSearchParams();
  let hash = "";
  if (s.q.length <= SHORT) {
    if (s.q) params.set("q", s.q);
    s.kept = s.q ? "url" : "none";
  } else {
    const id = pasteId(s.q);
    try {
      sessionStorage.setItem(KEY(id), s.q);
      s.kept = "session";
      hash = `#paste=${id}`;
    } catch {
      s.kept = "refused";
    }
  }
  if (s.phrase) params.set("phrase", "1");
  for (const k of ["lang", "doc", "type"] as const) if (s[k]) params.set(k, s[k]);
  if (s.from) params.set("from", String(s.from));
  if (s.to < 9999) params.set("to", String(s.to));
  if (s.consensus) params.set("consensus", "1");
  const query = params.toString();
  return `/search/${query ? `?${query}` : ""}${hash}`;
}

/** A query named in a sentence: itself when short, its length otherwise. */
function named(q: string): string {
  const one = q.replace(/\s+/g, " ").trim();
  return one.length <= 60 ? `“${one}”` : `your text (${[...q].length.toLocaleString("en")} characters)`;
}

/** Text with <mark class=...> around the ranges, built from text nodes only. */
function marked(text: string, ranges: ReadonlyArray<readonly [number, number]>, cls = ""): DocumentFragment {
  const frag = document.createDocumentFragment();
  let at = 0;
  for (const [a, b] of ranges) {
    if (b <= at) continue;
    const s = Math.max(a, at);
    if (s > at) frag.append(text.slice(at, s));
    const mark = document.createElement("mark");
    if (cls) mark.className = cls;
    mark.textContent = text.slice(s, b);
    frag.append(mark);
    at = b;
  }
  if (at < text.length) frag.append(text.slice(at));
  return frag;
}

/** How a hit matched, in words. */
function how(hit: SearchHit, phrase: boolean, unit: string): string {
  if (hit.match === "phrase")
    return phrase ? "Holds the phrase as written." : "Carries your text word for word.";
  if (hit.match === "passage") return `Carries ${Math.round(hit.carried * 100)} % of your text.`;
  return `Holds ${Math.round(hit.coverage * 100)} % of your ${unit}, not together.`;
}

function drawHit(hit: SearchHit, q: string, result: SearchResult): HTMLLIElement {
  const li = document.createElement("li");
  const a = document.createElement("a");
  a.href = paraUrl(hit.id.slice(0, hit.id.indexOf("/")), hit.address);
  a.textContent = hit.citation;
  a.lang = hit.lang === "zh" ? "zh-Hans" : "en";
  const meta = document.createElement("span");
  meta.className = "muted";
  meta.textContent = ` · ${hit.date} · ${hit.status}`;
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
  const figure = document.createElement("p");
  figure.className = `carried ${hit.match}`;
  figure.textContent = how(hit, result.query.phrase, result.query.lang === "zh" ? "characters" : "words");
  const p = document.createElement("p");
  p.className = "hit-text";
  p.lang = hit.lang === "zh" ? "zh-Hans" : "en";
  p.append(marked(hit.text, hit.ranges));
  li.append(a, " ", copy, meta, figure, p);
  // A long query against this paragraph: the query with what the paragraph carries marked,
  // drawn when opened (a 2,000-character draft a hundred times over would weigh on the page).
  if (hit.match === "passage" && q.length > 60) {
    const details = document.createElement("details");
    const summary = document.createElement("summary");
    summary.textContent = "Your text against this paragraph";
    const mine = document.createElement("p");
    mine.className = "hit-text";
    details.append(summary, mine);
    details.addEventListener("toggle", () => {
      if (details.open && !mine.childNodes.length) mine.append(marked(q, hit.queryRanges));
    });
    li.append(details);
  }
  return li;
}

/** The draft sentence by sentence: its verdict, then the sentence (words that occur nowhere marked later). */
function drawSentences(q: string, result: SearchResult): HTMLLIElement[] {
  return result.sentences.map((s) => {
    const li = document.createElement("li");
    li.className = s.agreed ? "agreed" : "new";
    const verdict = document.createElement("span");
    verdict.className = `verdict ${s.agreed ? "agreed" : "new"}`;
    if (s.agreed && s.source) {
      const [before, after] = verdictWords(s);
      verdict.append(before);
      const a = document.createElement("a");
      a.href = paraUrlOfId(s.source.id);
      a.textContent = s.source.citation;
      a.lang = s.source.lang === "zh" ? "zh-Hans" : "en";
      verdict.append(a, after);
    } else verdict.textContent = verdictWords(s)[0];
    const text = document.createElement("span");
    text.className = "s-text";
    text.textContent = q.slice(s.start, s.end);
    text.dataset.start = String(s.start);
    li.append(verdict, " ", text);
    if (s.cited.length && s.share > 0) {
      const note = document.createElement("span");
      note.className = "muted cited";
      note.textContent = ` (not measured, as citations: ${s.cited.map(([a, b]) => `“${q.slice(a, b).trim()}”`).join(", ")})`;
      li.append(note);
    }
    return li;
  });
}

/** Mark the words that occur nowhere in each sentence drawn. */
function markUnseen(q: string, ranges: Array<[number, number]>): void {
  for (const span of document.querySelectorAll<HTMLElement>("#sentences .s-text")) {
    const start = Number(span.dataset.start);
    const text = span.textContent ?? "";
    const here = ranges
      .map(
        ([a, b]) =>
          [Math.max(a, start) - start, Math.min(b, start + text.length) - start] as [number, number],
      )
      .filter(([a, b]) => b > a);
    if (here.length) span.replaceChildren(marked(q.slice(start, start + text.length), here, "unseen"));
  }
}

let engine: Promise<SearchEngine> | null = null;

/**
 * The engine over the site's index, opened once (its manifest and documents: two small files).
 * A failed opening is not kept: it is opened on page load now, and the next search tries again.
 */
function openEngine(): Promise<SearchEngine> {
  engine ??= SearchEngine.open(fetchSource("/data/search/")).catch((e: unknown) => {
    engine = null;
    throw e;
  });
  return engine;
}

/**
 * Run the page's search and draw it; `focus`: move focus to the results afterwards; `widen`: how
 * many times the default candidates and results ("Show more" multiplies it by 4, as `acquis
 * search --all` reads every candidate).
 */
async function run(s: PageState, focus: boolean, widen = 1): Promise<void> {
  const status = $("search-status");
  const list = $("results");
  const heading = $("results-h");
  const draft = $("draft");
  const kept = $("kept");
  kept.hidden = s.kept !== "session" && s.kept !== "missing" && s.kept !== "refused";
  kept.textContent =
    s.kept === "session"
      ? `Your text (${[...s.q].length.toLocaleString("en")} characters) is kept in this tab's session storage, not in the address: reloading the page keeps it; the link does not carry it.`
      : s.kept === "missing"
        ? "This address pointed to a text kept in another tab's session storage, which this tab does not have: paste the text again."
        : s.kept === "refused"
          ? "Your text is too long for the address and this browser refused to keep it in session storage: a reload will lose it."
          : "";
  list.replaceChildren();
  // Kept while "Show more" widens the same search (it holds the focus), hidden for a new one.
  if (widen === 1) $("more").hidden = true;
  draft.hidden = true;
  heading.hidden = true;
  // The build knows whether it wrote an index; without one the page says so, and nothing is asked for.
  if (list.dataset.index !== "1") {
    status.textContent = "Search is unavailable in this build: it has no search index.";
    return;
  }
  if (!s.q.trim()) {
    if (s.kept !== "missing")
      status.textContent = "Type words, a phrase, or paste your draft, in Chinese or English.";
    else status.textContent = "";
    return;
  }
  if (s.q.length > MAX) {
    status.textContent = `Your text has ${s.q.length.toLocaleString("en")} characters; search reads at most ${MAX.toLocaleString("en")}. Search a part of it.`;
    return;
  }
  status.textContent = "Searching…";
  const opts: SearchOptions = {
    phrase: s.phrase,
    lang: s.lang,
    doc: s.doc,
    type: s.type,
    consensus: s.consensus,
    limit: (s.q.length > SHORT ? LIMIT_DRAFT : LIMIT) * widen,
    budget: VERIFY_BUDGET * widen,
    ...(s.from ? { yearFrom: s.from } : {}),
    ...(s.to < 9999 ? { yearTo: s.to } : {}),
  };
  try {
    const e = await openEngine();
    // A draft's citations are not wording: its sentences are measured without them. The grammar
    // is loaded for a draft only (its own chunk), so a short search does not wait on it.
    if (s.q.length > DRAFT && !s.phrase)
      opts.citations = (await import("../../../core/cite/spans.ts")).citationSpans(s.q);
    const result = await e.search(s.q, opts);
    const long = !result.query.phrase && (result.sentences.length > 1 || s.q.length > DRAFT);
    if (long) {
      $("sentences").replaceChildren(...drawSentences(s.q, result));
      draft.hidden = false;
    }
    list.replaceChildren(...result.hits.map((h) => drawHit(h, s.q, result)));
    const n = result.total;
    const more = !result.complete;
    // Both forms written out: "carry" + "s" gave "carrys".
    const [one, many] = result.query.phrase ? ["holds", "hold"] : ["carries", "carry"];
    status.textContent =
      n === 0
        ? `No paragraph ${one} ${result.query.phrase ? "the phrase " : "any of "}${named(s.q)}.`
        : `${more ? "At least " : ""}${n} paragraph${n === 1 ? ` ${one}` : `s ${many}`} ${result.query.phrase ? "the phrase" : "wording of"} ${named(s.q)}${n > result.hits.length ? ` (the first ${result.hits.length} shown)` : ""}.`;
    const languageNote = onlyLanguageNote(onlyOtherLanguage(result, s.lang), result.query.lang);
    status.textContent += languageNote;
    heading.textContent =
      n === 0 ? "Results: none" : `Results: ${result.hits.length} of ${more ? "at least " : ""}${n}`;
    // A floor ("At least 40") or results not drawn: the way to the rest, on the page as in the CLI.
    const button = $<HTMLButtonElement>("more");
    button.hidden = !(more || n > result.hits.length);
    button.onclick = () => {
      button.disabled = true;
      void run(s, false, widen * 4).finally(() => {
        button.disabled = false;
      });
    };
    heading.hidden = false;
    document.title = `${s.q.length <= 60 ? s.q : "Your text"} · Search · acquis`;
    if (focus) heading.focus();
    if (long || !result.hits.length) {
      const unseen = await e.unseen(s.q, result);
      // A citation's words ("78/265", "第") are not wording: never marked as occurring nowhere.
      const cited = opts.citations ?? [];
      if (long)
        markUnseen(
          s.q,
          unseen.ranges.filter(([a, b]) => !cited.some(([c, d]) => a < d && b > c)),
        );
      // Every word of the query occurs nowhere: say so plainly.
      const covered = unseen.ranges.reduce(
        (sum, [a, b]) => sum + s.q.slice(a, b).replace(/[^\p{L}\p{N}]/gu, "").length,
        0,
      );
      if (!result.hits.length && unseen.complete && covered >= s.q.replace(/[^\p{L}\p{N}]/gu, "").length) {
        status.textContent = noneOccursStatus(named(s.q), languageNote);
      }
    }
    // Filters that leave nothing (a year past the newest text) must not read as "the corpus does
    // not carry it": say so, and whether it is found without them, as `acquis search` does.
    const filtered = !!(s.doc || s.type || s.consensus || s.from || s.to < 9999);
    if (!result.hits.length && filtered) {
      const loose = await e.search(s.q, { phrase: s.phrase, lang: s.lang, limit: 1 });
      status.textContent += loose.hits.length
        ? " Only what the filters allow was searched; without them, paragraphs do carry it: clear or widen the filters."
        : " Only what the filters allow was searched; without them it is not found either.";
    }
  } catch (e) {
    status.textContent = `Search failed: ${(e as Error).message}`;
  }
}

/** Wire the search page: fill the form from the URL, search, draw; searches from the form run in place. */
export async function runSearchPage(): Promise<void> {
  const form = $<HTMLFormElement>("search-form");
  const box = $<HTMLTextAreaElement>("q");
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const s = fromForm();
    history.pushState(null, "", keep(s));
    void run(s, true);
  });
  box.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      form.requestSubmit();
    }
  });
  window.addEventListener("popstate", () => {
    const s = readState();
    fillForm(s);
    void run(s, false);
  });
  // The index is opened as the page loads, not when a draft is pasted: its manifest and documents
  // are two fetches one after the other, which a search would otherwise wait for. A failure is
  // reported by the search that awaits it.
  if ($("results").dataset.index === "1") openEngine().catch(() => {});
  const s = readState();
  fillForm(s);
  await run(s, s.q.trim().length > 0);
}
