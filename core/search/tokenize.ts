/**
 * The search tokeniser, shared by the index build and the browser: the index is cut by this
 * module and a query is cut by this module, so they cannot disagree (test/index/equivalence
 * runs it over every indexed paragraph and compares with the terms the built index holds).
 *
 * Decision: no dictionary. Chinese (and Japanese kana) runs become overlapping character pairs
 * ("关键基础" -> 关键, 键基, 基础), a lone character becomes itself; runs of other letters and
 * digits become lower-cased, diacritic-folded words with light stemming (rights -> right,
 * policies -> policy). Word segmentation (nodejieba, pipeline/index/jieba.ts) cuts differently
 * with context and cannot run in a browser, so it serves term lists, never recall: a phrase that
 * starts or ends inside a Chinese word (础设施和关键信) is still found by its pairs, and then
 * verified against the stored text. Runs on folded text (normalize.ts).
 */

/** Character class of a code point: Chinese-like (no spaces between words), word, or other. */
export type CharClass = "cjk" | "word" | "other";

const CJK_RE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3005\u3007]/u;
const WORD_RE = /[\p{L}\p{N}]/u;

const CLASS_CACHE = new Map<number, CharClass>();

/** Class of one code point. */
export function charClass(cp: number): CharClass {
  if (cp < 0x80) {
    if ((cp >= 0x30 && cp <= 0x39) || (cp >= 0x61 && cp <= 0x7a) || (cp >= 0x41 && cp <= 0x5a)) return "word";
    return "other";
  }
  const hit = CLASS_CACHE.get(cp);
  if (hit) return hit;
  const ch = String.fromCodePoint(cp);
  const c: CharClass = CJK_RE.test(ch) ? "cjk" : WORD_RE.test(ch) ? "word" : "other";
  CLASS_CACHE.set(cp, c);
  return c;
}

/** A run of one class in a folded text: [start, end) in UTF-16 units. */
export interface Run {
  kind: "cjk" | "word";
  start: number;
  end: number;
  /** The run's characters (code points) for CJK runs. */
  chars: string[];
}

/** Split folded text into CJK runs and word runs; everything else separates them. */
export function runs(folded: string): Run[] {
  const out: Run[] = [];
  let cur: Run | null = null;
  for (let i = 0; i < folded.length; ) {
    const cp = folded.codePointAt(i) as number;
    const width = cp > 0xffff ? 2 : 1;
    const cls = charClass(cp);
    if (cls === "other") {
      cur = null;
    } else {
      if (!cur || cur.kind !== cls) {
        cur = { kind: cls, start: i, end: i, chars: [] };
        out.push(cur);
      }
      cur.end = i + width;
      if (cls === "cjk") cur.chars.push(folded.slice(i, i + width));
    }
    i += width;
  }
  return out;
}

/**
 * Light English stemming: plural endings only, so that "rights" finds "right" and "policies"
 * finds "policy", without the surprises of a full stemmer (a diplomat's "States" is not "state"
 * reduced further). Words of three letters or fewer, and digits, stay as they are.
 */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  if (word.endsWith("ies") && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith("sses")) return word.slice(0, -2);
  if (word.endsWith("s") && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

/** The index terms of one run. */
export function runTerms(run: Run, folded: string): string[] {
  if (run.kind === "word") return [stem(folded.slice(run.start, run.end))];
  const c = run.chars;
  if (c.length === 1) return [c[0] as string];
  const out: string[] = [];
  for (let k = 0; k + 1 < c.length; k++) out.push((c[k] as string) + (c[k + 1] as string));
  return out;
}

/**
 * Every index term of a folded text, deduplicated, in order of first occurrence: CJK pairs, lone
 * CJK characters (only where a run is one character long), stemmed words, and pairs of stemmed
 * words that stand next to each other with only white space between ("international law"): the
 * English counterpart of character pairs, so an English phrase narrows to the paragraphs that
 * hold its words side by side, not merely somewhere.
 */
export function terms(folded: string): string[] {
  const seen = new Set<string>();
  let prev: Run | null = null;
  for (const r of runs(folded)) {
    for (const t of runTerms(r, folded)) seen.add(t);
    if (r.kind === "word" && prev && wordPair(folded, prev, r)) {
      seen.add(`${stem(folded.slice(prev.start, prev.end))} ${stem(folded.slice(r.start, r.end))}`);
    }
    prev = r;
  }
  return [...seen];
}

/** Two word runs with only white space between them form a pair term ("international law"). */
function wordPair(folded: string, a: Run, b: Run): boolean {
  return a.kind === "word" && b.kind === "word" && /^\s+$/.test(folded.slice(a.end, b.start));
}

/**
 * Each CJK character of a text, for the single-character index: a query of one character (法)
 * must find it inside longer runs too, which its pairs alone cannot promise.
 */
export function unigrams(folded: string): string[] {
  const seen = new Set<string>();
  for (const r of runs(folded)) if (r.kind === "cjk") for (const ch of r.chars) seen.add(ch);
  return [...seen];
}

/**
 * The terms a phrase query needs from the index: any paragraph holding the phrase holds them all.
 * A CJK run is covered by non-overlapping pairs (0-1, 2-3, ..., and the last pair), half the
 * lookups of all pairs with the same guarantee; words joined by white space likewise by word
 * pairs (the words at a phrase's edges are whole words: findPhrase requires it). A query made only of single
 * CJK characters asks the single-character index (`unigram: true`).
 */
export function phraseTerms(folded: string): { terms: string[]; unigrams: string[] } {
  const rs = runs(folded);
  const out = new Set<string>();
  const uni = new Set<string>();
  const chain: string[] = [];
  const flush = () => {
    // A chain of words joined by white space: covering pairs, or the word when it stands alone.
    if (chain.length === 1) out.add(chain[0] as string);
    for (let k = 0; k + 1 < chain.length; k += 2) out.add(`${chain[k]} ${chain[k + 1]}`);
    if (chain.length > 1 && chain.length % 2 === 1)
      out.add(`${chain[chain.length - 2]} ${chain[chain.length - 1]}`);
    chain.length = 0;
  };
  let prev: Run | null = null;
  for (const r of rs) {
    if (r.kind !== "word" || !prev || !wordPair(folded, prev, r)) flush();
    prev = r;
    if (r.kind === "word") chain.push(stem(folded.slice(r.start, r.end)));
    else if (r.chars.length === 1) uni.add(r.chars[0] as string);
    else {
      const c = r.chars;
      for (let k = 0; k + 1 < c.length; k += 2) out.add((c[k] as string) + (c[k + 1] as string));
      if (c.length % 2 === 1) out.add((c[c.length - 2] as string) + (c[c.length - 1] as string));
    }
  }
  flush();
  // A lone character next to other terms is checked by verification; alone it needs its index.
  return { terms: [...out], unigrams: out.size ? [] : [...uni] };
}

function isWordAt(s: string, i: number): boolean {
  if (i < 0 || i >= s.length) return false;
  let cp = s.codePointAt(i) as number;
  // Step back onto a surrogate pair's first half.
  if (cp >= 0xdc00 && cp <= 0xdfff && i > 0) cp = s.codePointAt(i - 1) as number;
  return charClass(cp) === "word";
}

/** Collapse runs of white space to one space and trim (queries are pasted with line breaks). */
export function squeeze(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}

/** A phrase as a pattern: its pieces, and between two pieces white space required or optional. */
const PATTERNS = new Map<string, RegExp>();

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/**
 * The pattern of a squeezed, folded phrase. White space between two words stays required (at
 * least one white space character: "a b" is not "ab"); between Chinese and a Latin letter or
 * digit, spacing is optional whichever way it was typed, since UN texts space them one way or the
 * other ("附件 B 所载" and "附件B所载", "第 75/240 号决议" and "第75/240号决议").
 */
function phrasePattern(p: string): RegExp {
  let re = PATTERNS.get(p);
  if (re) return re;
  const cps = [...p];
  const cls = cps.map((c) => (c === " " ? null : charClass(c.codePointAt(0) as number)));
  // The class of the nearest character either side of position i (spaces skipped).
  const near = (i: number, step: -1 | 1): CharClass | null => {
    for (let j = i; j >= 0 && j < cps.length; j += step) if (cls[j] !== null) return cls[j] as CharClass;
    return null;
  };
  const mixed = (a: CharClass | null, b: CharClass | null) =>
    (a === "cjk" && b === "word") || (a === "word" && b === "cjk");
  let src = "";
  for (let i = 0; i < cps.length; i++) {
    if (cps[i] === " ") {
      src += mixed(near(i - 1, -1), near(i + 1, 1)) ? "\\s*" : "\\s+";
      continue;
    }
    if (i > 0 && cps[i - 1] !== " " && mixed(cls[i - 1] as CharClass, cls[i] as CharClass)) src += "\\s*";
    src += escapeRe(cps[i] as string);
  }
  re = new RegExp(src, "gu");
  if (PATTERNS.size > 256) PATTERNS.clear();
  PATTERNS.set(p, re);
  return re;
}

/**
 * Every occurrence of a folded phrase in a folded text, as [start, end) offsets. Letters and
 * digits at the phrase's edges must meet a word boundary ("law" does not match inside "lawful";
 * 国际法 matches anywhere, as Chinese has no spaces). White space in the phrase matches any run
 * of white space in the text; between Chinese and Latin letters or digits, spacing is optional
 * either way (phrasePattern). The index cuts both spellings into the same terms (Chinese runs and
 * word runs part wherever the script changes), so what the index narrows to, this verifies, and
 * the offsets it gives are what the page highlights.
 */
export function findPhrase(text: string, phrase: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const p = squeeze(phrase);
  if (!p) return out;
  const wordStart = isWordAt(p, 0);
  const wordEnd = isWordAt(p, p.length - 1);
  const re = phrasePattern(p);
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const at = m.index;
    const end = at + m[0].length;
    if ((wordStart && isWordAt(text, at - 1)) || (wordEnd && isWordAt(text, end))) {
      // Not on a word boundary: look again from the next character.
      re.lastIndex = at + 1;
      continue;
    }
    out.push([at, end]);
    re.lastIndex = end;
  }
  return out;
}
