/**
 * Synthetic zh/en document pairs with known true pairs, for measuring the aligner
 * (pipeline/reuse/bitext.ts): `npm run bench -- --only align`, and a small sample in
 * test/reuse/bitext.test.ts.
 *
 * Each document is a sequence of units (what one paragraph says), written in both languages,
 * then perturbed the way real versions differ, each perturbation planted at a known rate:
 * - a unit printed as two paragraphs in one language (a split; its second half is an
 *   unnumbered paragraph, so every later `u` address of that language shifts by one);
 * - a unit present in one language only (a gap);
 * - a labelled heading present in one language only;
 * - footnotes numbered from another start in each language.
 * Four layouts, modelled on the corpus's: a report (numbered paragraphs, then an annex of
 * unnumbered ones), a resolution (preambular paragraphs by position, then numbered operative
 * ones with subparagraphs), a national paper (unnumbered paragraphs under labelled sections) and
 * a convention-like text (articles of one to three unnumbered paragraphs, each article a part
 * of its own, as the parser reads the UDHR since issue 20).
 *
 * Decisions:
 * - Lengths as translations have them: English characters about `ratio` (2.6-3.4, drawn per
 *   document) times the Chinese ones, with a log-normal spread of 0.15 for short paragraphs and
 *   0.09 for long ones, as measured on the UDHR's 57 true pairs.
 * - Chinese is the real seed's clauses recombined (as bench/generate.ts does), so it carries the
 *   seed's own numbers and terms, which the English does not mirror: noise, as free translation
 *   is. Anchors are then planted in both languages at known rates (a resolution number, a date,
 *   a symbol, a fixed term), and in one language only at a lower rate.
 * - English words are drawn from a list written here. Nothing of a real UN text in English.
 * - Paragraphs are built directly (no Markdown, no parser), with the addresses the parser gives
 *   such layouts, so the measure is the aligner's alone; the fixture pairs and the UDHR test
 *   cover the path through the parser.
 */
import { addressOf, anchorOf, articlePart, idOf } from "../core/address/address.ts";
import { numberToCjk } from "../core/text/numerals.ts";
import { anchorsOf } from "../pipeline/reuse/anchors.ts";
import { GLOSSARY, termsOf } from "../pipeline/reuse/terms.ts";
import type { Paragraph } from "../schemas/index.ts";
import { clausesOf, prng, seedParagraphs } from "./generate.ts";

/** One synthetic document pair and its true rows (positions in `zh` and `en`). */
export interface SyntheticPair {
  doc: string;
  layout: Layout;
  zh: Paragraph[];
  en: Paragraph[];
  /** The true rows: positions of the zh and en paragraphs that correspond (one side empty: a gap). */
  truth: { zh: number[]; en: number[] }[];
  /** What was planted. */
  planted: { splits: number; gaps: number; headings: number };
}

export type Layout = "report" | "resolution" | "paper" | "articles";
const LAYOUTS: readonly Layout[] = ["report", "resolution", "paper", "articles"];

export interface PairOptions {
  documents: number;
  seed?: number;
  /** Units per document, drawn in this range. */
  units?: [number, number];
  /** Probability per unit of a split, of a gap, and per section of a heading in one language only. */
  splitRate?: number;
  gapRate?: number;
  headingRate?: number;
  /** Chinese paragraphs to recombine (default: the real seed's). */
  zhSource?: string[];
}

type Rand = () => number;
const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
/** A standard normal draw (Box-Muller). */
const normal = (r: Rand) => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());

/** English words for filler text, written for acquis. */
const WORDS = (
  "the states group members views report measures work further common approach continue " +
  "support efforts national regional global exchange practices proposals elements agreed " +
  "framework session discussions within open ended process future consider relevant " +
  "security technologies use their own level across including through develop promote " +
  "important role ensure stability trust between among various bodies meetings held"
).split(" ");

/** Anchors planted in both languages: [Chinese, English]. */
const ANCHORS: readonly (readonly [string, string])[] = [
  ["第 75/240 号决议", "resolution 75/240"],
  ["第 76/19 号决议", "resolution 76/19"],
  ["2021 年 3 月 12 日", "12 March 2021"],
  ["2025 年 7 月", "July 2025"],
  ["A/75/816", "A/75/816"],
  ["A/78/265", "A/78/265"],
  ["能力建设", "capacity-building"],
  ["联络点", "points of contact"],
  ["国际法", "international law"],
  ["妇女", "women"],
  ["关键基础设施", "critical infrastructure"],
  ["勒索软件", "ransomware"],
  ["第 15 段", "paragraph 15"],
  ["2030 年", "2030"],
];

interface Unit {
  zh: string;
  en: string;
  notes: number;
}

/** One string a pattern of the glossary matches: optional parts left out, the first of each choice taken. */
function formOf(pattern: string): string {
  let f = pattern;
  // Innermost groups first: "(?:x|y)?" is left out, "(?:x|y)" becomes x.
  for (let k = 0; k < 5 && f.includes("(?:"); k++) {
    f = f.replace(/\(\?:([^()]*)\)(\?)?/g, (_, body: string, optional?: string) =>
      optional ? "" : body.split("|")[0]!,
    );
  }
  return f
    .split("|")[0]!
    .replace(/\[(.)[^\]]*\]/g, "$1")
    .replace(/.\?/g, "");
}

/** An English form of each glossary term, checked against its pattern. */
export const TERM_EN = new Map<string, string>(
  GLOSSARY.flatMap(([token, pattern]) => {
    const form = formOf(pattern);
    return termsOf(form).join() === `term:${token}` ? [[`term:${token}`, form] as [string, string]] : [];
  }),
);

/** English for the anchors of a Chinese text that a translation keeps (numbers, symbols, dates, terms). */
function mirrored(r: Rand, zh: string): string[] {
  const out: string[] = [];
  for (const t of [...anchorsOf(zh), ...termsOf(zh)]) {
    // A translation drops or rewords one anchor in ten.
    if (r() < 0.1) continue;
    const [kind, value] = [t.slice(0, t.indexOf(":")), t.slice(t.indexOf(":") + 1)];
    if (kind === "n" || kind === "sym") out.push(value);
    else if (kind === "date") {
      const [y, m, d] = value.split("-");
      out.push([d ? String(Number(d)) : "", MONTHS[Number(m) - 1] ?? "", y].filter(Boolean).join(" "));
    } else if (kind === "term" && TERM_EN.has(t)) out.push(TERM_EN.get(t)!);
  }
  return out;
}

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

function zhText(r: Rand, clauses: string[], length: number, anchors: string[]): string {
  let out = anchors.join("，");
  while ([...out].length < length) out += (out ? "，" : "") + pick(r, clauses);
  return `${out}。`;
}

function enText(r: Rand, length: number, anchors: string[]): string {
  const words: string[] = [];
  let n = anchors.join(" ").replace(/\s/g, "").length;
  while (n < length) {
    const w = pick(r, WORDS);
    words.push(w);
    n += w.length;
  }
  // Anchors stand among the words, in their order.
  for (const a of anchors) words.splice(int(r, 0, words.length), 0, a);
  const s = words.join(" ");
  return `${s[0]!.toUpperCase()}${s.slice(1)}.`;
}

/** One unit in both languages. */
function unitOf(r: Rand, ratio: number, clauses: string[]): Unit {
  // Chinese length: log-normal around 60 characters, 8 to 400.
  const zhLength = Math.round(Math.min(400, Math.max(8, Math.exp(Math.log(60) + 0.7 * normal(r)))));
  const spread = zhLength < 40 ? 0.15 : 0.09;
  const enLength = Math.max(6, Math.round(ratio * zhLength * Math.exp(spread * normal(r))));
  const planted = r() < 0.2 ? [pick(r, ANCHORS)] : [];
  const zh = zhText(
    r,
    clauses,
    zhLength,
    planted.map(([z]) => z),
  );
  const en = mirrored(r, zh);
  // An anchor the translation added.
  if (r() < 0.05) en.push(pick(r, ANCHORS)[1]);
  return { zh, en: enText(r, enLength, en), notes: r() < 0.1 ? 1 : 0 };
}

/** A text cut in two at a clause or word boundary near `share` of its length. */
function cut(r: Rand, text: string, lang: "zh" | "en"): [string, string] {
  const sep = lang === "zh" ? "，" : " ";
  const pieces = text.split(sep);
  if (pieces.length < 2) {
    const k = Math.max(1, Math.floor(text.length / 2));
    return [text.slice(0, k), text.slice(k)];
  }
  const k = int(r, 1, pieces.length - 1);
  return [pieces.slice(0, k).join(sep), pieces.slice(k).join(sep)];
}

interface Draft {
  lang: "zh" | "en";
  text: string;
  part: string[];
  /** Printed number path, or [] when unnumbered. */
  num: string[];
  preamble: boolean;
  headings: string[];
  notes: number;
  /** Index of the unit it renders (its true row). */
  unit: number;
}

const SECTION_EN = ["A.", "B.", "C.", "D.", "E.", "F.", "G.", "H."];

/** Paragraphs of one language from its drafts, addressed as the parser addresses such layouts. */
function finish(doc: string, drafts: Draft[], noteStart: number): Paragraph[] {
  const unnumbered = new Map<string, number>();
  const preamble = new Map<string, number>();
  let note = noteStart;
  return drafts.map((d, seq) => {
    let num = d.num;
    const partKey = d.part.join("/");
    if (d.preamble) {
      const k = (preamble.get(partKey) ?? 0) + 1;
      preamble.set(partKey, k);
      num = [String(k)];
    }
    const ordinal = (unnumbered.get(partKey) ?? 0) + (num.length ? 0 : 1);
    if (!num.length) unnumbered.set(partKey, ordinal);
    const address = addressOf(d.part, null, num, ordinal);
    const footnotes = Array.from({ length: d.notes }, () => {
      const n = note++;
      return {
        mark: String(n),
        n,
        text: "A/75/816",
        at: d.text.length - 1,
        source: { file: `corpus/${doc}/${d.lang}.md`, line: seq + 1 },
      };
    });
    return {
      id: idOf(doc, d.lang, address),
      address,
      anchor: anchorOf(address),
      doc,
      lang: d.lang,
      part: d.part,
      scope: null,
      num,
      label: num.length && !d.preamble ? `${num.at(-1)}.` : "",
      text: d.text,
      footnotes,
      headings: d.headings,
      parent: null,
      seq,
      source: { file: `corpus/${doc.replace(/\//g, "-")}/${d.lang}.md`, line: seq + 1 },
      kind: "paragraph",
      flags: d.preamble ? ["preamble"] : [],
    } satisfies Paragraph;
  });
}

/** Generate `documents` synthetic pairs. Deterministic for one seed. */
export function generatePairs(opts: PairOptions): SyntheticPair[] {
  const r = prng(opts.seed ?? 1);
  const clauses = clausesOf(opts.zhSource ?? seedParagraphs());
  const [minUnits, maxUnits] = opts.units ?? [30, 120];
  const splitRate = opts.splitRate ?? 0.03;
  const gapRate = opts.gapRate ?? 0.02;
  const headingRate = opts.headingRate ?? 0.1;
  const out: SyntheticPair[] = [];
  for (let d = 0; d < opts.documents; d++) {
    const layout = LAYOUTS[d % LAYOUTS.length]!;
    const doc = `A/SYN/${d + 1}`;
    const ratio = 2.6 + 0.8 * r();
    const n = int(r, minUnits, maxUnits);
    const units = Array.from({ length: n }, () => unitOf(r, ratio, clauses));
    const drafts: Record<"zh" | "en", Draft[]> = { zh: [], en: [] };
    const planted = { splits: 0, gaps: 0, headings: 0 };
    // Where each unit sits: part, numbering, heading path, in both languages alike.
    let section = -1;
    let numbered = 0;
    let sub = 0;
    const sectionEvery = int(r, 4, 12);
    const headingsOf: Record<"zh" | "en", string[]> = { zh: [], en: [] };
    for (let u = 0; u < n; u++) {
      const unit = units[u]!;
      let part: string[] = [];
      let num: string[] = [];
      let preamble = false;
      const at = u / n;
      if (layout === "report") {
        if (at < 0.6) num = [String(++numbered)];
        else part = ["annex"];
      } else if (layout === "resolution") {
        if (at < 0.3) preamble = true;
        else if (numbered > 0 && sub < 3 && r() < 0.3) num = [String(numbered), "abcdefgh"[sub++]!];
        else {
          num = [String(++numbered)];
          sub = 0;
        }
        part = preamble ? ["preamble"] : [];
      }
      // A new section (an article, or a labelled heading) every few units.
      const newSection =
        layout === "articles" ? u === 0 || r() < 0.45 : layout !== "resolution" && u % sectionEvery === 0;
      if (newSection) {
        section++;
        const label = SECTION_EN[section % SECTION_EN.length]!;
        const [zhHead, enHead] =
          layout === "articles"
            ? [`第${numberToCjk(section + 1)}条`, `Article ${section + 1}`]
            : [`${label} 讨论情况`, `${label} Discussions`];
        headingsOf.zh = [zhHead];
        headingsOf.en = [enHead];
        // A heading in one language only: that language's paragraphs stand under it, the other's
        // stay under the previous heading.
        if (layout !== "articles" && section > 0 && r() < headingRate) {
          const lang = r() < 0.5 ? "zh" : "en";
          headingsOf[lang === "zh" ? "en" : "zh"] =
            drafts[lang === "zh" ? "en" : "zh"].at(-1)?.headings ?? [];
          planted.headings++;
        }
      }
      // An article is a part of its own, as the parser reads one (issue 20): article/3/u1.
      if (layout === "articles") part = [articlePart(String(section + 1))];
      const gap = r() < gapRate ? (r() < 0.5 ? "zh" : "en") : null;
      const split = !gap && r() < splitRate ? (r() < 0.5 ? "zh" : "en") : null;
      if (gap) planted.gaps++;
      if (split) planted.splits++;
      for (const lang of ["zh", "en"] as const) {
        if (gap === lang) continue;
        const full = unit[lang];
        const base = { lang, part, preamble, headings: headingsOf[lang], notes: unit.notes, unit: u };
        if (split === lang) {
          const [first, second] = cut(r, full, lang);
          drafts[lang].push({ ...base, num, text: first });
          // The second half: an unnumbered paragraph (a preambular one in a preamble).
          drafts[lang].push({ ...base, num: [], notes: 0, text: second });
        } else drafts[lang].push({ ...base, num, text: full });
      }
    }
    const zh = finish(doc, drafts.zh, 1);
    const en = finish(doc, drafts.en, int(r, 1, 5));
    const truth: SyntheticPair["truth"] = [];
    for (let u = 0; u < n; u++) {
      truth.push({
        zh: drafts.zh.flatMap((x, k) => (x.unit === u ? [k] : [])),
        en: drafts.en.flatMap((x, k) => (x.unit === u ? [k] : [])),
      });
    }
    out.push({ doc, layout, zh, en, truth, planted });
  }
  return out;
}

/** How an alignment's rows compare with the true rows of one or more pairs. */
export interface AlignScore {
  /** True links (one zh paragraph with one en paragraph of the same true row). */
  trueLinks: number;
  /** True links the aligner claimed (rows with status "pair"). */
  right: number;
  /** Links claimed that are not true. */
  wrong: number;
  /** True links shown side by side but flagged doubtful, and false links so flagged. */
  doubtfulRight: number;
  doubtfulWrong: number;
  /** True gaps (a paragraph with no counterpart) found as gaps, of all true gaps. */
  gapsFound: number;
  gaps: number;
}

/** Links of rows, as "zh|en" position keys. */
function links(rows: readonly { zh: readonly number[]; en: readonly number[] }[]): Set<string> {
  const out = new Set<string>();
  for (const row of rows) for (const z of row.zh) for (const e of row.en) out.add(`${z}|${e}`);
  return out;
}

/**
 * Score rows (positions, with their status) against the truth. Accuracy is `right / trueLinks`,
 * precision `right / (right + wrong)`.
 */
export function scoreRows(
  truth: SyntheticPair["truth"],
  rows: readonly { zh: readonly number[]; en: readonly number[]; status: string }[],
): AlignScore {
  const t = links(truth);
  const claimed = links(rows.filter((r) => r.status === "pair"));
  const doubtful = links(rows.filter((r) => r.status === "doubtful"));
  const gapKey = (row: { zh: readonly number[]; en: readonly number[] }) =>
    row.zh.length ? `zh${row.zh[0]}` : `en${row.en[0]}`;
  const trueGaps = new Set(truth.filter((x) => !x.zh.length || !x.en.length).map(gapKey));
  const foundGaps = new Set(rows.filter((x) => !x.zh.length || !x.en.length).map(gapKey));
  const count = (s: Set<string>, pred: (k: string) => boolean) => [...s].filter(pred).length;
  return {
    trueLinks: t.size,
    right: count(claimed, (k) => t.has(k)),
    wrong: count(claimed, (k) => !t.has(k)),
    doubtfulRight: count(doubtful, (k) => t.has(k)),
    doubtfulWrong: count(doubtful, (k) => !t.has(k)),
    gapsFound: count(trueGaps, (k) => foundGaps.has(k)),
    gaps: trueGaps.size,
  };
}

/** The sum of several scores. */
export function addScores(scores: readonly AlignScore[]): AlignScore {
  const zero: AlignScore = {
    trueLinks: 0,
    right: 0,
    wrong: 0,
    doubtfulRight: 0,
    doubtfulWrong: 0,
    gapsFound: 0,
    gaps: 0,
  };
  return scores.reduce(
    (a, s) =>
      Object.fromEntries(
        Object.keys(a).map((k) => [k, a[k as keyof AlignScore] + s[k as keyof AlignScore]]),
      ) as unknown as AlignScore,
    zero,
  );
}
