/**
 * Sentences of the search page's status line that more than one outcome shares. An English query
 * on a Chinese-only corpus both finds no word of it and meets the wrong language: the page once
 * replaced the language note with "None of the words … occurs" (user trial), while `acquis search`
 * printed both. Both now come from here, and the second keeps the first.
 */
import type { Lang } from "../../../schemas/index.ts";

const NAME = { zh: "Chinese", en: "English" } as const;

/** The note for a query in one language on a corpus holding only the other ("" when none applies). */
export function onlyLanguageNote(only: Lang | null, queryLang: Lang): string {
  if (!only) return "";
  return ` The corpus holds only ${NAME[only]} texts, so a query in ${NAME[queryLang]} finds nothing here: search in ${NAME[only]}.`;
}

/** The status when no word of the query occurs anywhere, keeping the language note. */
export function noneOccursStatus(namedQuery: string, languageNote: string): string {
  return `None of the words of ${namedQuery} occurs in any paragraph of the corpus.${languageNote}`;
}
