/**
 * Formulas: wording that recurs in so many paragraphs that sharing it says nothing about reuse.
 *
 * How formulas are treated (the README quotes this):
 *
 * - A shingle (k consecutive units: 5 characters of Chinese, 3 words of English) carried by at
 *   least `formulaDf` paragraphs is a formula shingle. `formulaDf` grows with the corpus: one
 *   paragraph in a thousand, at least 4 and at most 100 (4 in the 300-paragraph seed, where
 *   "在不限成员名额工作组第四届和第五届会议以及非正式会议期间，各国继续讨论…" opens four
 *   paragraphs; 100 at 100k paragraphs and more, as passim's default `max-df`).
 * - A run of consecutive formula shingles covering at least `minPassage` units (20 characters,
  5 words) is a formula passage, and its units are formula units; shorter runs are common terms
  ("不限成员名额工作组"), not formulas. Formula shingles never propose a
 *   candidate pair, and formula units never count towards a link: a link needs a shared passage
 *   with at least `minPassage` equal units outside formulas (for a verbatim or near copy too:
 *   a short paragraph that is itself boilerplate links to nothing).
 * - Common terms are discounted too, less strictly: a unit under any formula shingle is common
  ("不限成员名额工作组", "2021 年不限成员名额工作组报告"). A partial link needs, besides its
  `minPassage` equal units, at least `minRare` of them that are not common (6 characters, 3
  words), unless it covers nearly all (`nearMin`) of the shorter paragraph: two paragraphs that
  share only the names of bodies and reports are not reuse.
- A link whose shared wording includes formula units is kept for its other wording and marked
 *   `formula: true`; its `score` counts only the wording outside formulas.
 * - `formulas.json` lists the formula passages found (maximal runs of formula units, by text),
 *   with how many paragraphs carry each, so a reader can see what was discounted.
 */
import type { ShingleIndex } from "./shingles.ts";

/** The document-frequency threshold for a corpus of `n` paragraphs (see the module header). */
export function formulaThreshold(n: number): number {
  return Math.min(100, Math.max(4, Math.ceil(n / 1000)));
}

/**
 * Mark the formula units of paragraph p: 1 = inside a run of consecutive formula shingles that
 * covers at least `minRun` units; and its common units: under any formula shingle at all. A common term ("不限成员名额工作组", "information and
 * communications technologies") is a few frequent shingles, not a formula; an opening clause
 * that recurs in many paragraphs is a long run of them.
 */
export function formulaUnits(
  index: ShingleIndex,
  p: number,
  units: number,
  k: number,
  threshold: number,
  minRun: number,
): { mark: Uint8Array; common: Uint8Array; runs: FormulaRun[] } {
  const mark = new Uint8Array(units);
  const common = new Uint8Array(units);
  const runs: FormulaRun[] = [];
  const base = index.off[p]!;
  const count = index.off[p + 1]! - base;
  let s = -1;
  let minDf = 0;
  for (let i = 0; i <= count; i++) {
    const df = i < count ? index.df[index.group[base + i]!]! : 0;
    if (df >= threshold) {
      common.fill(1, i, i + k);
      if (s < 0) {
        s = i;
        minDf = df;
      } else minDf = Math.min(minDf, df);
    } else if (s >= 0) {
      const end = i - 1 + k;
      if (end - s >= minRun) {
        mark.fill(1, s, end);
        runs.push({ start: s, end, df: minDf });
      }
      s = -1;
    }
  }
  return { mark, common, runs };
}

/** A formula passage in one paragraph: units [start, end), and the fewest paragraphs any of its shingles is in. */
export interface FormulaRun {
  start: number;
  end: number;
  df: number;
}

/** Maximal runs of marked units: [start, end) unit pairs. */
export function markedRuns(mark: Uint8Array): [number, number][] {
  const out: [number, number][] = [];
  let s = -1;
  for (let i = 0; i <= mark.length; i++) {
    if (i < mark.length && mark[i]) {
      if (s < 0) s = i;
    } else if (s >= 0) {
      out.push([s, i]);
      s = -1;
    }
  }
  return out;
}
