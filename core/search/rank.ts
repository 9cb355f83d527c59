/**
 * Ranking by shared wording: how much of a query (a word, a sentence, a pasted draft of 20,000
 * characters) a paragraph carries, measured as the reuse stage measures reuse (core/wording):
 * the same units (a Chinese character, an English word), the same alignment into shared passages
 * (longest shared runs, edits of a few units allowed inside one), lengths in characters for
 * Chinese and in words for English, formulas discounted with the reuse stage's own list of
 * formula windows (the index ships it).
 *
 * Decisions:
 * - The query is one side of the alignment, the paragraph the other, exactly as two paragraphs
 *   are aligned by the reuse stage. Only the lengths a passage needs are shortened where the
 *   query itself is shorter than the reuse stage's (20 characters, 6 words): a passage then needs
 *   half the query, so a 12-character query one character away from a paragraph still counts.
 * - What a paragraph carries is the weight of the query's units that fall in equal runs of its
 *   passages (a unit counted once however often the paragraph repeats it). What ranks first is
 *   what it carries with formulas discounted (a formula unit counts FORMULA_WEIGHT of a unit
 *   outside formulas: "formula units count for less", as in the reuse stage, without a single
 *   word outside formulas outweighing a whole formulaic sentence), then all it carries, then
 *   whether it holds the query word for word, then the share of the query's words it holds
 *   anywhere, then consensus and date.
 * - A single Latin letter, digits alone, or a lone Chinese character cut off by punctuation is a
 *   weak term: it never makes a paragraph a candidate or a hit on its own (the "A" of "A/77/275"
 *   in a Chinese paragraph, "2021" in any), though it counts inside a longer shared passage. A
 *   query made only of such terms ("A/77/275", "2021") is looked up as a phrase.
 */
import type { AlignOptions, Passage } from "../wording/align.ts";
import { formulaUnits } from "../wording/formula.ts";
import {
  alignTexts,
  equalRuns,
  MEASURE_DEFAULTS,
  type Prepared,
  positionsOf,
  prepare,
  slicePrepared,
} from "../wording/measure.ts";
import { shingleHash } from "../wording/shingle.ts";
import { tokenize } from "../wording/tokens.ts";
import { mergeRanges } from "./ranges.ts";
import { runs, stem } from "./tokenize.ts";

export type Lang = "zh" | "en";

/** A unit of the query as the index cuts it: a word, or one Chinese character. */
export interface QueryUnit {
  /** [start, end) in the query text. */
  start: number;
  end: number;
  /** Weak units never make a hit on their own (see the module header). */
  weak: boolean;
}

/** An index term of the query: what it weighs and which query units it stands for. */
export interface QueryTerm {
  term: string;
  /** Units it spans: 2 for a pair of characters or of words, 1 for a word or a lone character. */
  weight: number;
  weak: boolean;
  /** Indices into Paste.units. */
  units: number[];
}

/** A query read for ranking. */
export interface Paste {
  /** The query as given, and folded (same length: offsets carry over). */
  text: string;
  folded: string;
  /** The language it is written in: paragraphs in the other language come after. */
  lang: Lang;
  /** Its wording units, prepared for alignment (core/wording/measure.ts). */
  prepared: Prepared;
  /** The alignment's lengths, the reuse stage's shortened to the query (module header). */
  align: AlignOptions;
  /** Weight of the whole query: characters (zh) or words (en); and outside formulas. */
  total: number;
  informativeTotal: number;
  /** The index terms, strong and weak, each once. */
  terms: QueryTerm[];
  /** The units the terms stand for. */
  units: QueryUnit[];
}

/** The formula windows the index ships, for membership tests. */
export type FormulaSet = { has(hash: number): boolean };

/** A sorted list of hashes as a FormulaSet. */
export function formulaSet(sorted: Uint32Array): FormulaSet {
  return {
    has(h: number) {
      let lo = 0;
      let hi = sorted.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const v = sorted[mid] as number;
        if (v === h) return true;
        if (v < h) lo = mid + 1;
        else hi = mid - 1;
      }
      return false;
    },
  };
}

/** A word that never makes a hit alone: one letter, digits, a roman numeral of a list label. */
export function weakWord(w: string): boolean {
  return [...w].length === 1 || /^\p{N}+$/u.test(w) || (w.length <= 4 && /^[ivxlc]+$/.test(w));
}

/** The index terms of a folded query, with the units each stands for (search's own cut). */
function queryTerms(folded: string): { terms: QueryTerm[]; units: QueryUnit[]; han: number; latin: number } {
  const units: QueryUnit[] = [];
  const byTerm = new Map<string, QueryTerm>();
  const add = (term: string, weight: number, weak: boolean, us: number[]) => {
    const t = byTerm.get(term);
    if (t) t.units.push(...us);
    else byTerm.set(term, { term, weight, weak, units: [...us] });
  };
  let han = 0;
  let latin = 0;
  let prev: { run: ReturnType<typeof runs>[number]; unit: number; word: string } | null = null;
  for (const r of runs(folded)) {
    if (r.kind === "word") {
      const word = stem(folded.slice(r.start, r.end));
      const weak = weakWord(folded.slice(r.start, r.end));
      const u = units.push({ start: r.start, end: r.end, weak }) - 1;
      latin += r.end - r.start;
      add(word, 1, weak, [u]);
      if (prev && /^\s+$/.test(folded.slice(prev.run.end, r.start))) {
        add(`${prev.word} ${word}`, 2, weak && (units[prev.unit] as QueryUnit).weak, [prev.unit, u]);
      }
      prev = { run: r, unit: u, word };
      continue;
    }
    prev = null;
    han += r.chars.length;
    const first = units.length;
    let at = r.start;
    for (const ch of r.chars) {
      units.push({ start: at, end: at + ch.length, weak: r.chars.length === 1 });
      at += ch.length;
    }
    if (r.chars.length === 1) add(r.chars[0] as string, 1, true, [first]);
    for (let k = 0; k + 1 < r.chars.length; k++) {
      add((r.chars[k] as string) + (r.chars[k + 1] as string), 2, false, [first + k, first + k + 1]);
    }
  }
  return { terms: [...byTerm.values()], units, han, latin };
}

/**
 * Read a query for ranking. `formulas`: the index's formula windows (null: none discounted).
 * `as`: measure it as a text of that language (a paragraph in the other language is measured
 * with its own language's lengths, as the reuse stage measures each language); by default the
 * language it is written in.
 */
export function readPaste(text: string, folded: string, formulas: FormulaSet | null, as?: Lang): Paste {
  const { terms, units, han, latin } = queryTerms(folded);
  // Chinese text carries symbols and figures in Latin letters and digits; English carries no Han.
  const lang: Lang = as ?? (han > 0 && han >= 0.2 * (han + latin) ? "zh" : "en");
  const lo = MEASURE_DEFAULTS[lang];
  const tokens = tokenize(folded);
  const n = tokens.ids.length;
  const k = Math.max(1, Math.min(lo.k, n));
  const w = lo.formulaWindow;
  let formula: Uint8Array = new Uint8Array(n);
  let frequent: Uint8Array = new Uint8Array(n);
  if (formulas && n >= w) {
    const df = new Uint8Array(n - w + 1);
    for (let s = 0; s < df.length; s++) df[s] = formulas.has(shingleHash(tokens.ids, s, w)) ? 1 : 0;
    ({ mark: formula, frequent } = formulaUnits(df, n, w, 1));
  }
  const prepared = prepare(tokens, { formula, frequent, ref: null }, lang, k, w);
  let total = 0;
  let informativeTotal = 0;
  for (let i = 0; i < n; i++) {
    total += prepared.weight[i] as number;
    if (!formula[i]) informativeTotal += prepared.weight[i] as number;
  }
  const minPassage = Math.min(lo.minPassage, Math.max(k, Math.ceil(total / 2)));
  const shingles = Math.max(1, n - k + 1);
  return {
    text,
    folded,
    lang,
    prepared,
    align: {
      k,
      minPassage,
      maxGap: lo.maxGap,
      minIdentity: MEASURE_DEFAULTS.minIdentity,
      minMatches: Math.max(1, Math.min(lo.minShared, shingles, minPassage - k + 1)),
    },
    total,
    informativeTotal,
    terms,
    units,
  };
}

/** What a unit under a formula counts for in ranking, against 1 for a unit outside formulas. */
export const FORMULA_WEIGHT = 0.5;

/** What ranks a paragraph first: what it carries, its formula units discounted. */
export function discounted(c: Pick<Carried, "shared" | "informative">): number {
  return c.informative + FORMULA_WEIGHT * (c.shared - c.informative);
}

/** What a paragraph carries of a query. */
export interface Carried {
  /** Weight of the query's units in equal runs of shared passages (characters or words). */
  shared: number;
  /** Of which outside formulas. */
  informative: number;
  /** The passages: [start, end) in the query, and in the paragraph's text. */
  passages: Array<{ query: [number, number]; text: [number, number] }>;
  /** The equal runs: [start, end) in the query, and in the paragraph's text. */
  queryRanges: Array<[number, number]>;
  textRanges: Array<[number, number]>;
}

/** Character ranges of runs of units, consecutive units joined (the space between words included). */
function unitRanges(
  start: Uint32Array,
  end: Uint32Array,
  spans: Array<[number, number]>,
): Array<[number, number]> {
  return mergeRanges(spans.map(([u0, u1]) => [start[u0] as number, end[u1 - 1] as number]));
}

/**
 * What the paragraph (its folded text) carries of the query: the reuse stage's measure.
 *
 * The paragraph is the first text of the alignment, the query the second (so the query's formula
 * marks discount it, as a later paragraph's do). Only the regions of the query that share
 * shingles with the paragraph are aligned, and a region much longer than the paragraph window by
 * window (2.5 times the paragraph, a step of one paragraph, so any passage the paragraph can
 * share, at most 1/0.7 of its length, lies whole in some window): in one long query the
 * paragraph's common words and formulas match here and there, and the alignment would take the
 * whole query for one stretch to diff against the paragraph, and give up.
 */
export function carried(paste: Paste, foldedText: string): Carried {
  const q = paste.prepared;
  const tokens = tokenize(foldedText);
  const none = new Uint8Array(tokens.ids.length);
  const k = paste.align.k;
  const para = prepare(tokens, { formula: none, frequent: none, ref: null }, paste.lang, k, q.window);
  const positions = positionsOf(para);
  const n = q.tokens.ids.length;
  const m = tokens.ids.length;
  const span = Math.ceil(2.5 * m) + 2 * k;
  // Where the query shares a shingle with the paragraph, gathered into regions (a passage's
  // shingles lie at most an edit apart): only those regions are aligned, each once, a region
  // longer than a window window by window. Most of a long query shares nothing with a paragraph.
  const gap = paste.align.maxGap + 2 * k;
  const regions: Array<[number, number, number]> = [];
  for (let s = 0; s < q.groups.length; s++) {
    if (!positions.has(q.groups[s] as number)) continue;
    const last = regions[regions.length - 1];
    if (last && s - last[1] <= gap) {
      last[1] = s;
      last[2]++;
    } else regions.push([s, s, 1]);
  }
  const windows: Array<[number, number]> = [];
  for (const [first, last, count] of regions) {
    if (count < paste.align.minMatches) continue;
    const from = Math.max(0, first - 2 * k);
    const to = Math.min(n, last + 3 * k);
    for (let s = from; ; s += Math.max(1, m)) {
      const e = Math.min(to, s + span);
      windows.push([s, e]);
      if (e === to) break;
    }
  }
  const found: Passage[] = [];
  const seen = new Set<string>();
  for (const [s, e] of windows) {
    for (const x of alignTexts(para, slicePrepared(q, s, e, k), paste.align, positions)) {
      const key = `${x.a0}:${x.a1}:${x.b0 + s}:${x.b1 + s}`;
      if (seen.has(key)) continue;
      seen.add(key);
      found.push({ ...x, b0: x.b0 + s, b1: x.b1 + s });
    }
  }
  const covered = new Uint8Array(n);
  const qSpans: Array<[number, number]> = [];
  const tSpans: Array<[number, number]> = [];
  const passages: Carried["passages"] = [];
  for (const x of found) {
    passages.push({
      query: [q.tokens.start[x.b0] as number, q.tokens.end[x.b1 - 1] as number],
      text: [tokens.start[x.a0] as number, tokens.end[x.a1 - 1] as number],
    });
    for (const run of equalRuns(tokens.ids, q.tokens.ids, x)) {
      covered.fill(1, run.b, run.b + run.n);
      tSpans.push([run.a, run.a + run.n]);
      qSpans.push([run.b, run.b + run.n]);
    }
  }
  let shared = 0;
  let informative = 0;
  for (let i = 0; i < n; i++) {
    if (!covered[i]) continue;
    shared += q.weight[i] as number;
    if (!q.formula[i]) informative += q.weight[i] as number;
  }
  return {
    shared,
    informative,
    passages: passages.sort((x, y) => x.query[0] - y.query[0]),
    queryRanges: unitRanges(q.tokens.start, q.tokens.end, qSpans),
    textRanges: unitRanges(tokens.start, tokens.end, tSpans),
  };
}

/** The share of the query's strong units a paragraph holds anywhere, given the terms it holds. */
export function coverage(paste: Paste, held: (term: string) => boolean): number {
  const present = new Uint8Array(paste.units.length);
  for (const t of paste.terms) if (held(t.term)) for (const u of t.units) present[u] = 1;
  let all = 0;
  let have = 0;
  paste.units.forEach((u, i) => {
    if (u.weak) return;
    all++;
    if (present[i]) have++;
  });
  return all ? have / all : 0;
}

/** A sentence of the query, and how far it is agreed language. */
export interface Sentence {
  /** [start, end) in the query text. */
  start: number;
  end: number;
  /** Share (0..1) of the sentence's wording carried by its best source; 0 when none. */
  share: number;
  /** The paragraph carrying most of it (an index into the hits given), or -1. */
  source: number;
  /** Agreed language: its best source carries at least AGREED of it. */
  agreed: boolean;
  /**
   * Places where the best source has wording the sentence leaves out or changes: breaks between
   * the runs the two share, in the source. A sentence with words struck from agreed language is
   * carried whole (share 1) and yet is not the agreed text: this says so.
   */
  gaps: number;
  /**
   * The citations in the sentence ([start, end) in the query), left out of its measure: "as
   * A/78/265, annex, para. 23 says" names agreed language, it is not wording that can be agreed.
   */
  cited: Array<[number, number]>;
}

/** Word for word: the source carries the whole sentence, in one run. */
export const verbatim = (s: Pick<Sentence, "share" | "gaps">): boolean => s.share >= 0.999 && s.gaps === 0;

/**
 * Places where a source's wording breaks a sentence's: the breaks between the equal runs of the
 * passage carrying most of the sentence, and one for each other passage carrying another part of
 * it. Not every range the sentence's words match: a source that states the sentence word for word
 * and repeats some of its words later (关键基础设施 five times in one paragraph) carries it in one
 * run, and the later matches are other places of the same words, not breaks.
 */
function breaks(c: Carried): number {
  const size = (x: { query: [number, number] }) => x.query[1] - x.query[0];
  const main = c.passages.reduce<Carried["passages"][number] | undefined>(
    (best, x) => (!best || size(x) > size(best) ? x : best),
    undefined,
  );
  if (!main) return 0;
  const [t0, t1] = main.text;
  const runs = c.textRanges.filter(([a, b]) => a < t1 && b > t0).length;
  const others = c.passages.filter(
    (x) => x !== main && (x.query[0] < main.query[0] || x.query[1] > main.query[1]),
  ).length;
  return Math.max(0, runs - 1) + others;
}

/** The share of a sentence a source must carry for the sentence to be called agreed language. */
export const AGREED = 0.5;

/**
 * The sentences of a query (Intl.Segmenter, the platform's sentence rules), as [start, end)
 * offsets that cover the whole query; a segment without a strong word ("4. ", "(a)") is a
 * label, not a sentence, and joins the one after it.
 */
export function sentenceSpans(paste: Paste): Array<[number, number]> {
  const seg = new Intl.Segmenter(paste.lang === "zh" ? "zh" : "en", { granularity: "sentence" });
  const spans: Array<[number, number]> = [];
  let open = -1;
  for (const s of seg.segment(paste.text)) {
    const start = open >= 0 ? open : s.index;
    const end = s.index + s.segment.length;
    if (paste.units.some((u) => !u.weak && u.start >= s.index && u.end <= end)) {
      spans.push([start, end]);
      open = -1;
    } else open = start;
  }
  if (open >= 0) {
    const last = spans[spans.length - 1];
    if (last) last[1] = paste.text.length;
    else spans.push([open, paste.text.length]);
  }
  return spans;
}

/** A paragraph that carries some of the query, as the sentence verdicts read it. */
export interface Source {
  /** Its folded text. */
  folded: string;
  /** Its index terms. */
  terms: ReadonlySet<string>;
  /** What it carries of the whole query. */
  queryRanges: ReadonlyArray<readonly [number, number]>;
}

/** Sources aligned with each sentence on its own: the likeliest few. */
const PER_SENTENCE = 4;

/**
 * The query sentence by sentence, each measured on its own against the likeliest of `sources`
 * (those carrying most of it within the whole query, and those holding most of its words): the
 * paragraph carrying most of the sentence, and how much. On its own, because a sentence the draft
 * repeats, or moves, is agreed language wherever it stands.
 */
export function sentences(
  paste: Paste,
  sources: readonly Source[],
  formulas: FormulaSet | null,
  cited: ReadonlyArray<readonly [number, number]> = [],
): Sentence[] {
  const t = paste.prepared.tokens;
  const w = paste.prepared.weight;
  const n = t.ids.length;
  // Per source, the weight it carries of the whole query up to each unit (prefix sums), so a
  // sentence's share costs two lookups.
  const upTo = sources.map((src) => {
    const sum = new Float64Array(n + 1);
    const ranges = [...src.queryRanges].sort((x, y) => x[0] - y[0]);
    let r = 0;
    for (let u = 0; u < n; u++) {
      const us = t.start[u] as number;
      const ue = t.end[u] as number;
      while (r < ranges.length && (ranges[r] as readonly [number, number])[1] <= us) r++;
      const range = ranges[r];
      const inside = range !== undefined && us >= range[0] && ue <= range[1];
      sum[u + 1] = (sum[u] as number) + (inside ? (w[u] as number) : 0);
    }
    return sum;
  });
  let u0 = 0;
  return sentenceSpans(paste).map(([start, end]): Sentence => {
    const inside = (a: number, b: number) => a >= start && b <= end;
    let u1 = u0;
    while (u1 < n && (t.end[u1] as number) <= end) u1++;
    const first = u0;
    u0 = u1;
    // The terms standing in this sentence (a term of several sentences lists all its places).
    const strong = paste.terms.filter(
      (term) =>
        !term.weak &&
        term.units.some((u) =>
          inside((paste.units[u] as QueryUnit).start, (paste.units[u] as QueryUnit).end),
        ),
    );
    // The likeliest sources: by what they carry of the sentence within the whole query, and by
    // the weight of the sentence's terms they hold.
    const carriedHere = upTo.map((sum) => (sum[u1] as number) - (sum[first] as number));
    const holds = sources.map((src) =>
      strong.reduce((sum, term) => sum + (src.terms.has(term.term) ? term.weight : 0), 0),
    );
    const top = (score: number[]) =>
      score
        .map((v, i) => [v, i] as const)
        .filter(([v]) => v > 0)
        .sort((x, y) => y[0] - x[0] || x[1] - y[1])
        .slice(0, PER_SENTENCE)
        .map(([, i]) => i);
    const likely = [...new Set([...top(carriedHere), ...top(holds)])].sort((x, y) => x - y);
    const text = paste.text.slice(start, end);
    // The citations in it are blanked (the folded text keeps its offsets), so the share is of
    // its wording alone.
    const here = cited
      .filter(([a, b]) => a < end && b > start)
      .map(([a, b]): [number, number] => [Math.max(a, start), Math.min(b, end)]);
    let folded = paste.folded.slice(start, end);
    for (const [a, b] of here)
      folded = `${folded.slice(0, a - start)}${" ".repeat(b - a)}${folded.slice(b - start)}`;
    const own = readPaste(text, folded, formulas, paste.lang);
    let best = -1;
    let bestShare = 0;
    let gaps = 0;
    if (own.total > 0) {
      for (const i of likely) {
        const c = carried(own, (sources[i] as Source).folded);
        const share = c.shared / own.total;
        if (share > bestShare) {
          bestShare = share;
          best = i;
          gaps = breaks(c);
        }
      }
    }
    return { start, end, share: bestShare, source: best, agreed: bestShare >= AGREED, gaps, cited: here };
  });
}

/**
 * What a sentence's verdict says, around its source's citation: `[before, after]` (the site links
 * the citation between them; the terminal prints it). Word for word only when it is; a sentence
 * with words struck from, or changed in, the agreed text is "close to" it and says where it
 * differs, however much of it the source carries.
 */
export function verdictWords(
  s: Pick<Sentence, "share" | "gaps" | "agreed"> & {
    cited?: Sentence["cited"];
    start?: number;
    end?: number;
  },
): [string, string] {
  // A sentence that is a citation and nothing else has no wording to measure.
  if (!s.agreed && s.share === 0 && s.cited?.length && s.start !== undefined && s.end !== undefined) {
    const covered = s.cited.reduce((n, [a, b]) => n + (b - a), 0);
    if (covered >= 0.8 * (s.end - s.start)) return ["A citation, not wording: not measured", ""];
  }
  if (!s.agreed) return ["New wording", ""];
  if (verbatim(s)) return ["Agreed language, word for word: ", ""];
  const places = `${s.gaps} place${s.gaps === 1 ? "" : "s"}`;
  return [
    `Close to agreed language: ${Math.round(s.share * 100)} % of it in `,
    s.gaps ? `, whose wording your text leaves out or changes in ${places}` : "",
  ];
}
