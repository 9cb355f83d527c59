/**
 * The vocabulary compiled into matchers, and one text read against it: which topics its words
 * name, with the term and where.
 *
 * Decisions:
 * - Texts and terms are folded with search's fold (core/search/normalize.ts: width, case,
 *   accents, traditional to simplified, one code unit for one), so a span found in the folded
 *   text is a span of the text as issued, and ＣＢＭ or 關鍵基礎設施 match like CBM and 关键基础设施.
 * - False friends are set aside first: their characters are blanked (same length) in the folded
 *   text, so a term cannot match inside one, while the rest of the text still can (重申国家主权和
 *   主权平等原则 is about sovereignty through 国家主权, not through 主权平等).
 * - Both languages' terms are read in every text: a Chinese paragraph may print an English
 *   abbreviation ("POC 101"), and an English term can never match Chinese characters.
 * - English terms match whole words (Unicode letters and digits around them end a word); a
 *   hyphen or space in a term matches either; a term ending in `*` matches any ending. Chinese
 *   has no word boundaries to respect: a term is a run of characters, which is why false friends
 *   matter more there.
 */
import { fold } from "../../core/search/normalize.ts";
import type { Topic } from "../../schemas/topics.ts";

/** One term, ready to search a folded text. */
interface TermMatcher {
  /** The term as the vocabulary writes it. */
  term: string;
  re: RegExp;
}

/** A topic ready to match. */
export interface CompiledTopic {
  id: string;
  terms: TermMatcher[];
  not: TermMatcher[];
}

/** A term's occurrence: the term as written and where, [start, end) in the text. */
export interface TermHit {
  term: string;
  span: [number, number];
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const HAN = /\p{Script=Han}/u;

/** A term as a regular expression over folded text. */
function termRegExp(term: string): RegExp {
  const star = term.endsWith("*");
  const body = fold(star ? term.slice(0, -1) : term).trim();
  if (HAN.test(body) && !/[A-Za-z]/.test(body)) return new RegExp(escapeRe(body), "gu");
  const words = body
    .split(/[\s-]+/)
    .filter(Boolean)
    .map(escapeRe)
    .join("[\\s\\-\u2010\u2011]+");
  return new RegExp(`(?<![\\p{L}\\p{N}])${words}${star ? "[\\p{L}\\p{N}]*" : "(?![\\p{L}\\p{N}])"}`, "gu");
}

/** Compile a vocabulary once; matching is then one pass of each term over each text. */
export function compileTopics(topics: readonly Topic[]): CompiledTopic[] {
  const matcher = (term: string): TermMatcher => ({ term, re: termRegExp(term) });
  return topics.map((t) => ({
    id: t.id,
    terms: [...t.terms.zh, ...t.terms.en].map(matcher),
    not: [...t.not.zh, ...t.not.en].map(matcher),
  }));
}

/** The folded text with a topic's false friends blanked out. */
function masked(folded: string, not: readonly TermMatcher[]): string {
  if (!not.length) return folded;
  let out = folded;
  for (const n of not) {
    n.re.lastIndex = 0;
    out = out.replace(n.re, (m) => "\u0000".repeat(m.length));
  }
  return out;
}

/**
 * Every topic whose terms occur in `text`, each with its terms' first occurrences in text order.
 * @param folded `fold(text)`, when the caller has it already (several passes over one text)
 */
export function matchTopics(
  compiled: readonly CompiledTopic[],
  text: string,
  folded: string = fold(text),
): Map<string, TermHit[]> {
  const found = new Map<string, TermHit[]>();
  for (const t of compiled) {
    const hay = masked(folded, t.not);
    const hits: TermHit[] = [];
    for (const m of t.terms) {
      m.re.lastIndex = 0;
      const hit = m.re.exec(hay);
      if (hit) hits.push({ term: m.term, span: [hit.index, hit.index + hit[0].length] });
    }
    if (!hits.length) continue;
    // A term found inside a longer one's occurrence (信任措施 in 建立信任措施) adds no reason.
    hits.sort((a, b) => a.span[0] - b.span[0] || b.span[1] - a.span[1]);
    const kept: TermHit[] = [];
    for (const h of hits) {
      const last = kept.at(-1);
      if (last && h.span[0] >= last.span[0] && h.span[1] <= last.span[1]) continue;
      kept.push(h);
    }
    found.set(t.id, kept);
  }
  return found;
}
