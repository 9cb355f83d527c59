/**
 * The type-ahead's entries (core/search/suggest.ts), written at build time to
 * /search/suggest.json: every document the corpus holds (its symbol, titles in zh and en, the
 * short titles the registry knows it by) and every State with a page (names in both languages,
 * the name as printed). Pure: the site's data and the registry in, entries out.
 *
 * Decision: topics join as one more list of `SuggestEntry` of kind "topic" (lib/topics.ts),
 * passed in `extra`, with nothing to change here or in the browser.
 */
import { docBothUrl, docUrl, stateUrl } from "../../../core/address/urls.ts";
import type { SuggestEntry, SuggestFile } from "../../../core/search/suggest.ts";
import type { Registry } from "../../../schemas/index.ts";
import type { SiteData } from "./data.ts";

/** Every entry the type-ahead offers, documents first, then States, then `extra` (topics). */
export function suggestFile(
  data: Pick<SiteData, "bySymbol" | "states">,
  registry: Registry,
  extra: readonly SuggestEntry[] = [],
): SuggestFile {
  const known = new Map(registry.documents.map((d) => [d.symbol, d]));
  const documents = [...data.bySymbol.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([symbol, v]): SuggestEntry => {
      const any = (v.en ?? v.zh)!;
      const reg = known.get(symbol);
      const names = [
        v.en?.title,
        v.zh?.title,
        reg?.title.en,
        reg?.title.zh,
        ...(reg?.short.en ?? []),
        ...(reg?.short.zh ?? []),
      ].filter((n): n is string => !!n);
      const url = v.en && v.zh ? docBothUrl(any.slug) : docUrl(any.slug, any.lang);
      return {
        id: `document:${symbol}`,
        kind: "document",
        key: symbol,
        names: [...new Set(names)],
        label: `${symbol} · ${v.en?.title ?? v.zh?.title ?? ""}`,
        detail: [v.en && v.zh ? v.zh.title : "", any.date].filter(Boolean).join(" · "),
        url,
      };
    });
  const states = [...data.states.values()]
    .sort((a, b) => a.state.name.en.localeCompare(b.state.name.en))
    .map(
      ({ state, papers, documents, sections }): SuggestEntry => ({
        id: `state:${state.code}`,
        kind: "state",
        key: state.code,
        names: [...new Set([state.name.en, state.name.zh, state.printed])],
        label: `${state.name.en} · ${state.name.zh}`,
        detail: stateDetail(documents.length, sections.length, papers.length),
        url: stateUrl(state.code),
      }),
    );
  return { version: 1, entries: [...documents, ...states, ...extra] };
}

/**
 * What a State's entry holds, in words: its papers, its sections of compendia, its working
 * papers (only the last was once counted, so a State with one paper and two working papers read
 * "2 working papers").
 */
export function stateDetail(papers: number, sections: number, workingPapers: number): string {
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const parts = [
    papers ? count(papers, "paper", "papers") : "",
    sections ? count(sections, "section of a compendium", "sections of compendia") : "",
    workingPapers ? count(workingPapers, "working paper", "working papers") : "",
  ].filter(Boolean);
  return parts.length ? parts.join(" · ") : "no papers held";
}
