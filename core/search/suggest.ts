/**
 * Type-ahead: as one types in a search box, the documents, States and topics whose symbol or name
 * begins with what is typed, so that choosing one opens its page. The site writes the entries at
 * build time (site/src/lib/suggest.ts, /search/suggest.json); the browser indexes them here.
 *
 * Decisions:
 * - MiniSearch, because this index is small (a few hundred entries: symbols, titles and short
 *   titles in zh and en, State names in both languages) and wants what MiniSearch does well:
 *   prefix matching as one types, fuzzy matching of a misspelt English word, ranking by field.
 *   The paragraph index stays our own (pipeline/index/README.md says why MiniSearch is not it).
 * - The tokeniser is search's own (tokenize.ts), handed to MiniSearch as its `tokenize` and
 *   `processTerm`: Chinese is cut into character pairs (a Chinese title is one long "word" to
 *   MiniSearch's default tokeniser), English into folded, lightly stemmed words, so "不限成员"
 *   finds 不限成员名额工作组 and "A/78" finds A/78/265. Fuzzy matching applies to Latin words of
 *   four letters or more only: one character off in a Chinese pair is another word.
 * - Entries carry their kind, and the kinds are open: topics are entries like the others, with
 *   their own page (written by site/src/lib/topics.ts).
 */
import MiniSearch, { type SearchResult } from "minisearch";
import { fold } from "./normalize.ts";
import { runs, stem } from "./tokenize.ts";

/** What a suggestion points at. */
export type SuggestKind = "document" | "state" | "topic";

/** One entry of the suggestion index, as the site writes it. */
export interface SuggestEntry {
  /** Unique: "document:A/78/265", "state:AU", "topic:…". */
  id: string;
  kind: SuggestKind;
  /** The symbol or code, matched first: "A/78/265", "AU". */
  key: string;
  /** Every name it goes by, in both languages: titles, short titles, State names. */
  names: string[];
  /** What the list shows: the key and the best name. */
  label: string;
  /** A second line: the name in the other language, a date. */
  detail: string;
  /** The page it opens. */
  url: string;
}

/** The file the site writes: its entries, with a version a reader checks. */
export interface SuggestFile {
  version: 1;
  entries: SuggestEntry[];
}

/** Search's cut of a text, as index terms: character pairs (a lone character alone), words. */
export function suggestTerms(text: string): string[] {
  const folded = fold(text);
  const out: string[] = [];
  for (const r of runs(folded)) {
    if (r.kind === "word") {
      out.push(stem(folded.slice(r.start, r.end)));
      continue;
    }
    if (r.chars.length === 1) out.push(r.chars[0] as string);
    for (let k = 0; k + 1 < r.chars.length; k++)
      out.push((r.chars[k] as string) + (r.chars[k + 1] as string));
  }
  return out;
}

const LATIN = /^[\p{L}\p{N}]+$/u;
const CJK = /\p{Script=Han}/u;

/** MiniSearch's options: our tokeniser, prefix search, fuzzy on longer Latin words only. */
export const SUGGEST_OPTIONS = {
  idField: "id",
  fields: ["key", "names"],
  storeFields: ["kind", "label", "detail", "url"],
  extractField: (entry: SuggestEntry, field: string) =>
    field === "names" ? entry.names.join(" \u2029 ") : (entry as unknown as Record<string, unknown>)[field],
  tokenize: (text: string) => suggestTerms(text),
  processTerm: (term: string) => term,
  searchOptions: {
    prefix: true,
    fuzzy: (term: string) => (!CJK.test(term) && LATIN.test(term) && term.length >= 4 ? 0.2 : false),
    boost: { key: 3 },
    combineWith: "AND" as const,
  },
};

/** Index the entries (a few milliseconds for a few hundred). */
export function suggestionIndex(entries: readonly SuggestEntry[]): MiniSearch<SuggestEntry> {
  const index = new MiniSearch<SuggestEntry>(SUGGEST_OPTIONS);
  index.addAll([...entries]);
  return index;
}

/** A suggestion as the box lists it. */
export type Suggestion = Pick<SuggestEntry, "id" | "kind" | "label" | "detail" | "url">;

/** The best `n` suggestions for what has been typed (none for an empty box). */
export function suggest(index: MiniSearch<SuggestEntry>, typed: string, n = 8): Suggestion[] {
  if (!suggestTerms(typed).length) return [];
  return index
    .search(typed)
    .slice(0, n)
    .map((r: SearchResult) => ({
      id: r.id as string,
      kind: r.kind as SuggestKind,
      label: r.label as string,
      detail: r.detail as string,
      url: r.url as string,
    }));
}
