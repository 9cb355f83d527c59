/**
 * What a citation nearly said: the documents a person probably meant when the grammar read
 * nothing, or read a symbol nobody knows. Used only to word the answer of `acquis cite` and the
 * site's resolver (query.ts); never to resolve: a suggestion is said, the citation stays unread
 * or not found, and the person chooses.
 *
 * Decisions:
 * - Suggestions come from the registry alone (every symbol and short name it lists), which the
 *   build, `acquis cite` and the site's resolver read alike, so both answer the same words; the
 *   documents a lookup happens to have fetched are not consulted.
 * - A mistyped symbol is one keystroke away (a character changed, two neighbours swapped, one
 *   left out or doubled): "A/78/256" for "A/78/265". Two keystrokes would offer a third of the
 *   registry's symbols of one session, which helps nobody.
 * - A name half-remembered ("OEWG final report") is offered the registered names holding all of
 *   its words, only when they are few (five at most): "report" alone names half the registry.
 */
import type { CiteRegistryEntry } from "./resolve.ts";

/** Whether `a` and `b` are at most one edit apart: one change, one swap of neighbours, one more or fewer. */
export function oneEditApart(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    // One changed character, or two neighbours swapped.
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  // One character more in the longer.
  const [long, short] = a.length > b.length ? [a, b] : [b, a];
  return long.slice(i + 1) === short.slice(i);
}

/** The registered symbols one keystroke away from `symbol` (not itself), sorted. */
export function nearSymbols(symbol: string, registry: ReadonlyMap<string, CiteRegistryEntry>): string[] {
  const want = symbol.toUpperCase();
  const out: string[] = [];
  for (const s of registry.keys()) {
    // A national paper's id is checked by its own rule (query.ts unknownPaperId).
    if (!/^[A-Z]/.test(s) || s === symbol) continue;
    if (oneEditApart(want, s.toUpperCase())) out.push(s);
  }
  return out.sort();
}

/** "A/78/256 is unknown…" with the registered symbols it nearly is; the message itself without any. */
export function withNearSymbols(
  message: string,
  symbol: string,
  registry: ReadonlyMap<string, CiteRegistryEntry>,
): string {
  const near = nearSymbols(symbol, registry);
  if (!near.length) return message;
  return `${message} Did you mean ${near.length === 1 ? near[0] : `${near.slice(0, -1).join(", ")} or ${near.at(-1)}`}? (one character apart)`;
}

/** Words of a citation that name no document: pinpoints, their numbers and small words. */
const NOT_NAME = new Set([
  "para",
  "paras",
  "paragraph",
  "paragraphs",
  "annex",
  "annexes",
  "section",
  "sections",
  "chapter",
  "part",
  "p",
  "pp",
  "page",
  "pages",
  "op",
  "operative",
  "preambular",
  "of",
  "the",
  "and",
  "in",
  "at",
  "see",
  "cf",
  "no",
]);

/** The most names offered: more than this and the words name too little to help. */
const MOST_NAMES = 5;

/**
 * The registered English short names holding every word of `query` that could name a document
 * (its pinpoint, numbers other than years and small words left out), with their symbols; empty
 * when no such word is left or more than MOST_NAMES names hold them.
 */
export function nearNames(
  query: string,
  registry: ReadonlyMap<string, CiteRegistryEntry>,
): Array<{ name: string; symbol: string }> {
  const words = (query.toLowerCase().match(/[a-z0-9]+/g) ?? []).filter(
    (w) => !NOT_NAME.has(w) && (!/^\d+$/.test(w) || /^(19|20)\d\d$/.test(w)) && !/^[ivxl]+$/.test(w),
  );
  if (!words.length) return [];
  const out: Array<{ name: string; symbol: string }> = [];
  for (const [symbol, entry] of registry) {
    for (const name of entry.short?.en ?? []) {
      const has = new Set(name.toLowerCase().match(/[a-z0-9]+/g) ?? []);
      if (words.every((w) => has.has(w))) out.push({ name, symbol });
    }
  }
  if (out.length > MOST_NAMES) return [];
  return out.sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : a.name < b.name ? -1 : 1));
}

/**
 * A document written by its number without its series ("第 78/265 号文件", "document 78/265"):
 * the phrase and the registered symbols of that number, e.g. A/78/265; null when the query has
 * no such phrase. A resolution's number ("第 78/265 号决议") is the grammar's, not this.
 */
export function bareNumber(
  query: string,
  registry: ReadonlyMap<string, CiteRegistryEntry>,
): { phrase: string; number: string; symbols: string[] } | null {
  const m =
    /(?:第\s*)?(?<![\w/.-])(\d{1,3}\s*\/\s*\d{1,5})\s*号\s*文件/u.exec(query) ??
    /\b(?:document|doc\.)\s+(\d{1,3}\s*\/\s*\d{1,5})(?![\d/])/iu.exec(query);
  if (!m) return null;
  const number = (m[1] ?? "").replace(/\s+/g, "");
  const symbols = [...registry.keys()].filter((s) => /^[A-Z]/.test(s) && s.endsWith(`/${number}`)).sort();
  return { phrase: m[0], number, symbols };
}

/** The words of a pinpoint in English, as the grammar reads them: a misspelling of one is named. */
const PINPOINT_WORDS = [
  "annex",
  "annexes",
  "appendix",
  "article",
  "articles",
  "chapter",
  "operative",
  "page",
  "pages",
  "para",
  "paras",
  "paragraph",
  "paragraphs",
  "preambular",
  "section",
  "sections",
  "subparagraph",
];

/** Words one edit from a pinpoint word that are words of their own: "part" is no misspelt "para". */
const SPELT_RIGHT = new Set(["part", "parts", "chapters", "annexed", "pager", "annexe"]);

/**
 * The pinpoint words a text not read nearly spells ("anex" for annex, "parragraph" for paragraph):
 * `[written, meant]` pairs, each word once. Words of three letters or fewer are left alone ("pa"
 * is no misspelling of "para" anyone can be sure of).
 */
export function misspeltPinpoints(text: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const word of new Set(text.match(/[A-Za-z]{4,}/g) ?? [])) {
    const lower = word.toLowerCase();
    if (PINPOINT_WORDS.includes(lower) || SPELT_RIGHT.has(lower)) continue;
    const meant = PINPOINT_WORDS.find((w) => oneEditApart(lower, w));
    if (meant) out.push([word, meant]);
  }
  return out;
}
