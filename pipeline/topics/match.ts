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
  /**
   * Characters every match holds as they stand (the folded Chinese term, or the longest of an
   * English term's words): a text without them is not run through the expression at all.
   */
  needle: string;
  /** The needle's number in its vocabulary's scan (NeedleScan); -1 when the term is always run. */
  id: number;
  /** True when the expression is the needle itself (a Chinese term): `indexOf` finds its match. */
  literal: boolean;
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

/**
 * A term as a regular expression over folded text, and its needle (TermMatcher): what the
 * expression matches literally, so that a text without it is ruled out before the expression
 * runs. Tagging 200k paragraphs ran every term's expression over every text (some 4 s of CPU, on
 * every build); most texts hold none of most terms' words.
 */
function termMatcher(term: string): TermMatcher {
  const star = term.endsWith("*");
  const body = fold(star ? term.slice(0, -1) : term).trim();
  if (HAN.test(body) && !/[A-Za-z]/.test(body))
    return { term, re: new RegExp(escapeRe(body), "gu"), needle: body, id: -1, literal: true };
  const words = body.split(/[\s-]+/).filter(Boolean);
  const needle = words.reduce((a, w) => (w.length > a.length ? w : a), "");
  const re = new RegExp(
    `(?<![\\p{L}\\p{N}])${words.map(escapeRe).join("[\\s\\-\u2010\u2011]+")}${star ? "[\\p{L}\\p{N}]*" : "(?![\\p{L}\\p{N}])"}`,
    "gu",
  );
  return { term, re, needle, id: -1, literal: false };
}

/**
 * Every needle of a vocabulary, found in a text in one pass: the needles by their first code unit
 * (a chained table over the 64K units), a candidate checked on its second unit before the whole.
 * Calling `includes` once per term and text cost more than the expressions it spared.
 */
class NeedleScan {
  private readonly needles: string[] = [];
  private readonly head = new Int32Array(0x10000).fill(-1);
  private next: number[] = [];
  private readonly ids = new Map<string, number>();
  private seen = new Uint8Array(0);
  /** The needles the last scan found, by number (the first `count`). */
  found: number[] = [];
  count = 0;

  /** The needle's number (one per distinct needle); -1 for the empty needle, always present. */
  add(needle: string): number {
    if (!needle) return -1;
    let id = this.ids.get(needle);
    if (id === undefined) {
      id = this.needles.length;
      this.needles.push(needle);
      this.next.push(this.head[needle.charCodeAt(0)]!);
      this.head[needle.charCodeAt(0)] = id;
      this.ids.set(needle, id);
      this.seen = new Uint8Array(this.needles.length);
    }
    return id;
  }

  /** Which needles `text` holds: flags by number, and `found` (the arrays are reused by the next call). */
  scan(text: string): Uint8Array {
    const { head, next, needles, seen, found } = this;
    seen.fill(0);
    let count = 0;
    for (let i = 0; i < text.length; i++) {
      for (let k = head[text.charCodeAt(i)]!; k >= 0; k = next[k]!) {
        if (seen[k]) continue;
        const n = needles[k]!;
        if ((n.length === 1 || text.charCodeAt(i + 1) === n.charCodeAt(1)) && text.startsWith(n, i)) {
          seen[k] = 1;
          found[count++] = k;
        }
      }
    }
    this.count = count;
    return seen;
  }
}

/**
 * The scan of each compiled vocabulary (compileTopics), the topics each needle's terms belong to,
 * and the topics with a term that always runs: a topic none of whose needles a text holds is not
 * looked at.
 */
interface Scan {
  scan: NeedleScan;
  topicsOf: number[][];
  always: Uint8Array;
  touched: Uint8Array;
}
const scans = new WeakMap<readonly CompiledTopic[], Scan>();

/**
 * Compile a vocabulary once; matching is then one scan of each text for the terms' needles, and
 * the expressions of the terms whose needles it holds.
 * @param needles false to run every expression over every text (the tests' reference)
 */
export function compileTopics(topics: readonly Topic[], needles = true): CompiledTopic[] {
  const scan = new NeedleScan();
  const matcher = (term: string): TermMatcher => {
    const m = termMatcher(term);
    if (!needles) m.needle = "";
    m.id = scan.add(m.needle);
    return m;
  };
  const compiled = topics.map((t) => ({
    id: t.id,
    terms: [...t.terms.zh, ...t.terms.en].map(matcher),
    not: [...t.not.zh, ...t.not.en].map(matcher),
  }));
  const topicsOf: number[][] = [];
  const always = new Uint8Array(compiled.length);
  compiled.forEach((t, i) => {
    for (const m of t.terms) {
      if (m.id < 0) always[i] = 1;
      else {
        const list = topicsOf[m.id] ?? [];
        if (!list.includes(i)) list.push(i);
        topicsOf[m.id] = list;
      }
    }
  });
  scans.set(compiled, { scan, topicsOf, always, touched: new Uint8Array(compiled.length) });
  return compiled;
}

/**
 * The folded text with a topic's false friends blanked out. A needle absent from the folded text
 * is absent from it blanked too (blanking adds only U+0000), so `held` rules terms out for both.
 */
function masked(folded: string, not: readonly TermMatcher[], held: (m: TermMatcher) => boolean): string {
  let out = folded;
  for (const n of not) {
    if (!held(n)) continue;
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
  const s = scans.get(compiled);
  const seen = s?.scan.scan(folded);
  if (s) {
    s.touched.set(s.always);
    for (let i = 0; i < s.scan.count; i++)
      for (const t of s.topicsOf[s.scan.found[i]!] ?? []) s.touched[t] = 1;
  }
  const held = (m: TermMatcher) => m.id < 0 || !seen || seen[m.id] === 1;
  for (let i = 0; i < compiled.length; i++) {
    if (s && !s.touched[i]) continue;
    const t = compiled[i]!;
    let hay: string | null = null;
    const hits: TermHit[] = [];
    for (const m of t.terms) {
      if (!held(m)) continue;
      hay ??= masked(folded, t.not, held);
      if (m.literal && m.needle) {
        const at = hay.indexOf(m.needle);
        if (at >= 0) hits.push({ term: m.term, span: [at, at + m.needle.length] });
        continue;
      }
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
