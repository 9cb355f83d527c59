/**
 * A plain substring search over exported paragraphs, used by the search page until (or unless)
 * the search index from pipeline/index is in dist/data/search/. Browser-safe and pure.
 *
 * Decision: exact substring on normalised text (NFKC, lower case) finds every paragraph that
 * holds a phrase, including phrases that start or end inside a Chinese word; without phrase mode
 * each space-separated term must occur, and a Chinese term is matched by its character pairs so
 * that word order inside it may differ. Ranking: consensus texts first, then newest first.
 */

import type { ParagraphCore } from "../../../schemas/paragraph.ts";

/** What a search result needs of a paragraph. */
export type SearchDoc = ParagraphCore;

export interface SearchOptions {
  phrase: boolean;
  lang: "" | "zh" | "en";
  doc: string;
}

export interface SearchHit {
  p: SearchDoc;
  /** [start, end) ranges of `p.text` to highlight. */
  ranges: Array<[number, number]>;
}

/** Fold width and case; one-to-one on the characters the corpus uses, so offsets still fit the text. */
export function fold(s: string): string {
  return [...s]
    .map((ch) => (ch.normalize("NFKC").length === 1 ? ch.normalize("NFKC") : ch))
    .join("")
    .toLowerCase();
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

function allRanges(hay: string, needle: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  if (!needle) return out;
  let at = hay.indexOf(needle);
  while (at >= 0) {
    out.push([at, at + needle.length]);
    at = hay.indexOf(needle, at + needle.length);
  }
  return out;
}

function termRanges(hay: string, term: string): Array<[number, number]> | null {
  const whole = allRanges(hay, term);
  if (whole.length) return whole;
  if (!CJK.test(term) || term.length < 3) return null;
  const out: Array<[number, number]> = [];
  for (let i = 0; i + 2 <= term.length; i++) {
    const r = allRanges(hay, term.slice(i, i + 2));
    if (!r.length) return null;
    out.push(...r);
  }
  return out;
}

/** Merge overlapping ranges, sorted. */
export function mergeRanges(ranges: Array<[number, number]>): Array<[number, number]> {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const r of sorted) {
    const last = out.at(-1);
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

/**
 * Search `docs` for `query`. `rank(doc)` gives each document symbol a sort key (smaller first),
 * so the caller decides what "newest consensus first" means from documents.json.
 */
export function searchParagraphs(
  docs: readonly SearchDoc[],
  query: string,
  opts: SearchOptions,
  rank: (symbol: string, lang: string) => number = () => 0,
): SearchHit[] {
  const q = fold(query.trim().replace(/^["“”「『]+|["“”」』]+$/g, ""));
  if (!q) return [];
  const terms = opts.phrase ? [q] : q.split(/\s+/).filter(Boolean);
  const hits: SearchHit[] = [];
  for (const p of docs) {
    if (opts.lang && p.lang !== opts.lang) continue;
    if (opts.doc && p.doc !== opts.doc) continue;
    const hay = fold(p.text);
    const ranges: Array<[number, number]> = [];
    let ok = true;
    for (const t of terms) {
      const r = opts.phrase ? allRanges(hay, t) : termRanges(hay, t);
      if (!r?.length) {
        ok = false;
        break;
      }
      ranges.push(...r);
    }
    if (ok) hits.push({ p, ranges: mergeRanges(ranges) });
  }
  return hits.sort((a, b) => rank(a.p.doc, a.p.lang) - rank(b.p.doc, b.p.lang));
}
