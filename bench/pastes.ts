/**
 * Pasted drafts for the search benchmark (issue 14): text drawn from the corpus and altered as
 * drafters alter agreed language, then searched; the paragraph it came from should come first.
 *
 * How a paste is made (deterministic for a seed):
 * - Length: 20 to 2,000 characters, log-uniform, half Chinese, half English. It starts at a
 *   clause (zh) or word (en) of a paragraph and runs on into the paragraphs after it in the same
 *   document when that paragraph is shorter (the synthetic paragraphs run to ~230 characters of
 *   Chinese, ~350 of English, so pastes over that span several paragraphs, as a pasted section of
 *   a draft does); it ends on a word.
 * - Alterations, as drafters make them: always 1-3 words changed (one per 20 characters of
 *   Chinese or 30 of English, at most 3; a Chinese "word" is two characters, replaced by two
 *   characters of the corpus that never stand together in it; an English word by a word of an
 *   English word list the corpus never uses: new wording); then one of: nothing
 *   more, a clause dropped, a clause added (a clause of another paragraph, as drafters combine
 *   agreed language), two sentences swapped (when there are two). A clause dropped or added is
 *   at most a quarter of the paste: a draft that is mostly another text has another source.
 * - The source paragraph: for a paste within one paragraph, that paragraph; for one that spans
 *   several, the one among them that carries most of the altered paste, measured as search
 *   measures it (core/search/rank.ts): which of the paragraphs drawn is the paste's main source
 *   is the measure's own answer, and what the benchmark checks is that search finds it among the
 *   whole corpus and puts it first.
 */

import { createRequire } from "node:module";
import type { SearchEngine, SearchHit } from "../core/search/engine.ts";
import { fold } from "../core/search/normalize.ts";
import { carried, discounted, type FormulaSet, readPaste } from "../core/search/rank.ts";
import type { Paragraph } from "../schemas/index.ts";
import { prng } from "./generate.ts";

type Rand = () => number;

/** An English word list (an-array-of-english-words, MIT; the importer's hyphenation uses it too). */
const englishWords = () => createRequire(import.meta.url)("an-array-of-english-words/index.json") as string[];

/** How a paste was altered. */
export type Alteration =
  | "words"
  | "words, clause dropped"
  | "words, clause added"
  | "words, sentences swapped";

/** A paste, the paragraphs it was drawn from, and its source. */
export interface Paste {
  text: string;
  lang: "zh" | "en";
  alteration: Alteration;
  /** Ids of the paragraphs the text was drawn from, in order. */
  drawn: string[];
  /** Id of the source paragraph (see the module header). */
  source: string;
}

const HAN = /\p{Script=Han}/u;
const CLAUSE_ZH = /[，；、：]/u;
const CLAUSE_EN = /[,;:]/;

/** Cut `text` to about `n` characters, ending on a whole word (en: at the end of the word at n). */
function cut(text: string, n: number, lang: "zh" | "en"): string {
  if (text.length <= n) return text;
  if (lang === "zh") return text.slice(0, n);
  const space = text.indexOf(" ", n);
  return space > 0 ? text.slice(0, space) : text;
}

/** Offsets where a clause starts (after clause punctuation), 0 included. */
function clauseStarts(text: string, lang: "zh" | "en"): number[] {
  const out = [0];
  const re = lang === "zh" ? CLAUSE_ZH : CLAUSE_EN;
  for (let i = 0; i < text.length - 1; i++)
    if (re.test(text[i] as string)) out.push(lang === "en" && text[i + 1] === " " ? i + 2 : i + 1);
  return out;
}

/** Replace `k` words: two Han characters (zh) or one word (en) at random places. */
function changeWords(text: string, k: number, lang: "zh" | "en", pool: string[], r: Rand): string {
  let t = text;
  for (let n = 0; n < k; n++) {
    if (lang === "zh") {
      const at: number[] = [];
      for (let i = 0; i + 1 < t.length; i++)
        if (HAN.test(t[i] as string) && HAN.test(t[i + 1] as string)) at.push(i);
      if (!at.length) return t;
      const i = at[Math.floor(r() * at.length)] as number;
      let w = t.slice(i, i + 2);
      for (let g = 0; g < 10 && w === t.slice(i, i + 2); g++)
        w = pool[Math.floor(r() * pool.length)] as string;
      t = t.slice(0, i) + w + t.slice(i + 2);
    } else {
      const words = [...t.matchAll(/[A-Za-z]{3,}/g)];
      if (!words.length) return t;
      const m = words[Math.floor(r() * words.length)] as RegExpMatchArray;
      let w = m[0];
      for (let g = 0; g < 10 && w.toLowerCase() === m[0].toLowerCase(); g++)
        w = pool[Math.floor(r() * pool.length)] as string;
      t = t.slice(0, m.index) + w + t.slice((m.index as number) + m[0].length);
    }
  }
  return t;
}

/** Split into sentences, each with its closing punctuation. */
function sentencesOf(text: string, lang: "zh" | "en"): string[] {
  const re = lang === "zh" ? /[^。！？；\n]+[。！？；]?\n?/gu : /[^.!?\n]+[.!?]?\s*/g;
  return text.match(re)?.filter((s) => s.trim()) ?? [text];
}

/**
 * A text's clauses, each ending at clause punctuation and keeping all of it, with the line break
 * after it: joined, they give the text back, character for character. (Clauses that kept one
 * mark at most lost the line break after a full stop between two pasted paragraphs whenever a
 * clause was dropped or added: "outcomes.Participating".)
 */
export function clausesOf(t: string, lang: "zh" | "en"): string[] {
  return (
    t.match(
      lang === "zh" ? /[^，；、：。\n]+[，；、：。\n]*|[，；、：。\n]+/gu : /[^,;:.\n]+[,;:.\n]*|[,;:.\n]+/g,
    ) ?? [t]
  );
}

/** Draw `count` pastes from the paragraphs (half zh, half en), altered (module header). */
export function drawPastes(
  paragraphs: readonly Paragraph[],
  count: number,
  opts: { seed?: number; minLength?: number; maxLength?: number } = {},
): Omit<Paste, "source">[] {
  const r = prng(opts.seed ?? 14);
  const lo = opts.minLength ?? 20;
  const hi = opts.maxLength ?? 2000;
  const byDoc = new Map<string, Paragraph[]>();
  for (const p of paragraphs) {
    if (p.kind !== "paragraph") continue;
    const key = `${p.doc}|${p.lang}`;
    const list = byDoc.get(key);
    if (list) list.push(p);
    else byDoc.set(key, [p]);
  }
  const ofLang = (lang: "zh" | "en") =>
    paragraphs.filter((p) => p.kind === "paragraph" && p.lang === lang && p.text.length >= 20);
  // Words a drafter writes instead: new wording, not the corpus's own (a word the corpus repeats
  // everywhere would make the paste closer to other paragraphs than to its source). English:
  // words of an English word list the corpus does not use; Chinese: two characters of the corpus
  // that do not stand side by side anywhere in it.
  const corpusWords = new Set(
    ofLang("en").flatMap((p) => (p.text.match(/[A-Za-z]+/g) ?? []).map((w) => w.toLowerCase())),
  );
  const bigrams = new Set(ofLang("zh").flatMap((p) => p.text.match(/\p{Script=Han}{2}/gu) ?? []));
  const chars = [...new Set(ofLang("zh").flatMap((p) => p.text.match(/\p{Script=Han}/gu) ?? []))].sort();
  const zhPairs: string[] = [];
  const rz = prng((opts.seed ?? 14) + 1);
  for (let g = 0; zhPairs.length < 2000 && g < 20000 && chars.length; g++) {
    const w =
      (chars[Math.floor(rz() * chars.length)] as string) + (chars[Math.floor(rz() * chars.length)] as string);
    if (!bigrams.has(w)) zhPairs.push(w);
  }
  const pool = {
    zh: zhPairs,
    en: englishWords().filter((w) => /^[a-z]{4,10}$/.test(w) && !corpusWords.has(w)),
  };
  const candidates = { zh: ofLang("zh"), en: ofLang("en") };
  const out: Omit<Paste, "source">[] = [];
  for (let i = 0; i < count; i++) {
    const lang: "zh" | "en" = i % 2 === 0 ? "zh" : "en";
    const list = candidates[lang];
    if (!list.length) continue;
    const length = Math.round(lo * (hi / lo) ** r());
    const first = list[Math.floor(r() * list.length)] as Paragraph;
    const siblings = byDoc.get(`${first.doc}|${first.lang}`) as Paragraph[];
    // Start at a clause of the first paragraph, then run on through the paragraphs after it.
    const starts = clauseStarts(first.text, lang).filter(
      (s) => first.text.length - s >= Math.min(length, 20),
    );
    const start = starts[Math.floor(r() * starts.length)] ?? 0;
    const drawn = [first.id];
    let text = first.text.slice(start);
    for (let k = siblings.indexOf(first) + 1; text.length < length && k < siblings.length; k++) {
      const next = siblings[k] as Paragraph;
      text += `\n${next.text}`;
      drawn.push(next.id);
    }
    text = cut(text, length, lang);
    // Paragraphs cut away entirely are not drawn.
    while (drawn.length > 1 && text.split("\n").length < drawn.length) drawn.pop();
    const per = lang === "zh" ? 20 : 30;
    text = changeWords(
      text,
      Math.max(1, Math.min(3, Math.floor(text.length / per), 1 + Math.floor(r() * 3))),
      lang,
      pool[lang],
      r,
    );
    const roll = Math.floor(r() * 4);
    let alteration: Alteration = "words";
    // A clause dropped or added is a quarter of the paste at most.
    const clauses = (t: string) => clausesOf(t, lang);
    if (roll === 1) {
      const cs = clauses(text);
      const k = 1 + Math.floor(r() * Math.max(1, cs.length - 1));
      if (cs.length >= 3 && k < cs.length && (cs[k] as string).length <= text.length / 4) {
        cs.splice(k, 1);
        text = cs.join("");
        alteration = "words, clause dropped";
      }
    } else if (roll === 2) {
      const room = Math.max(lang === "zh" ? 6 : 12, Math.floor(text.length / 4));
      let clause = "";
      for (let tries = 0; tries < 30 && !clause; tries++) {
        const other = list[Math.floor(r() * list.length)] as Paragraph;
        const options = clauses(other.text)
          .map((c) => c.replace(/[，；、：。,;:.\n]+$/u, "").trim())
          .filter((c) => c.length >= (lang === "zh" ? 4 : 8) && c.length <= room);
        clause = options[Math.floor(r() * options.length)] ?? "";
      }
      if (clause) {
        const cs = clauses(text);
        const k = Math.floor(r() * (cs.length + 1));
        cs.splice(
          k,
          0,
          lang === "zh" ? `${clause}，` : `${k === 0 ? "" : " "}${clause},${k === 0 ? " " : ""}`,
        );
        text = cs.join("");
        alteration = "words, clause added";
      }
    } else if (roll === 3) {
      const ss = sentencesOf(text, lang);
      if (ss.length >= 2) {
        const k = Math.floor(r() * (ss.length - 1));
        [ss[k], ss[k + 1]] = [ss[k + 1] as string, ss[k] as string];
        text = ss.join("");
        alteration = "words, sentences swapped";
      }
    }
    out.push({ text, lang, alteration, drawn });
  }
  return out;
}

/**
 * The source of each paste: the paragraph drawn that carries most of it, by search's measure
 * (what it carries with formulas discounted, then all it carries; the first drawn on a tie).
 */
export function withSources(
  pastes: ReadonlyArray<Omit<Paste, "source">>,
  textOf: (id: string) => string,
  formulas: FormulaSet | null,
): Paste[] {
  return pastes.map((p) => {
    if (p.drawn.length === 1) return { ...p, source: p.drawn[0] as string };
    const q = readPaste(p.text, fold(p.text), formulas);
    let best = p.drawn[0] as string;
    let key = [-1, -1];
    for (const id of p.drawn) {
      const c = carried(q, fold(textOf(id)));
      const d = discounted(c);
      if (d > (key[0] as number) || (d === key[0] && c.shared > (key[1] as number))) {
        key = [d, c.shared];
        best = id;
      }
    }
    return { ...p, source: best };
  });
}

/** Where search put a paste's source. */
export interface PasteRank {
  paste: Paste;
  /** 1-based position of the source among the hits (Infinity when not among them). */
  rank: number;
  /** First, or tied with the first (carrying exactly as much of the paste). */
  first: boolean;
  /** Among the first three, or tied with one of them. */
  top3: boolean;
  /**
   * Not first, but every paragraph ranked above it carries more of the paste than the source
   * does (formulas discounted): the corpus holds the altered wording closer elsewhere (the
   * synthetic English is recombined from a few dozen phrases), not a ranking error.
   */
  outcarried: boolean;
  ms: number;
}

/**
 * Search each paste (10 hits) and say where its source came. A hit ranked above the source that
 * carries exactly as much of the paste (the same wording, outside formulas and in all) is a tie:
 * the corpus holds that wording twice, and ties go by status and date.
 */
export async function rankPastes(
  engine: SearchEngine,
  pastes: readonly Paste[],
  textOf: (id: string) => string,
  formulas: FormulaSet | null,
): Promise<PasteRank[]> {
  const out: PasteRank[] = [];
  for (const paste of pastes) {
    const t = performance.now();
    const r = await engine.search(paste.text, { limit: 10 });
    const ms = performance.now() - t;
    const q = readPaste(paste.text, fold(paste.text), formulas);
    const own = carried(q, fold(textOf(paste.source)));
    const same = (h: SearchHit) => discounted(h) === discounted(own) && h.shared === own.shared;
    const at = r.hits.findIndex((h) => h.id === paste.source);
    const first = at === 0 || (r.hits[0] !== undefined && same(r.hits[0]));
    const above = at >= 0 ? r.hits.slice(0, at) : r.hits;
    const more = (h: SearchHit) =>
      discounted(h) > discounted(own) || (discounted(h) === discounted(own) && h.shared >= own.shared);
    out.push({
      paste,
      rank: at >= 0 ? at + 1 : Number.POSITIVE_INFINITY,
      first,
      top3: (at >= 0 && at < 3) || r.hits.slice(0, 3).some(same),
      outcarried: !first && above.length > 0 && above.every(more) && (at >= 0 || r.hits.length === 10),
      ms,
    });
  }
  return out;
}
