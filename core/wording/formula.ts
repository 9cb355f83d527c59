/**
 * Formulas: wording that recurs in so many paragraphs that sharing it says nothing about reuse.
 *
 * How formulas are treated (the README quotes this):
 *
 * - Formulas are found by document frequency over windows of `formulaWindow` consecutive units
 *   (6 characters of Chinese, 3 words of English): a window carried by at least `formulaDf`
 *   paragraphs is a formula window, and every unit under one is a formula unit. `formulaDf` grows
 *   with the corpus: one paragraph in a thousand, at least 4 and at most 100 (4 in the
 *   300-paragraph seed, where "在不限成员名额工作组第四届和第五届会议以及非正式会议期间，各国继续
 *   讨论…" opens four paragraphs; 100 from 100k paragraphs on, as passim's default `max-df`).
 * - The window is short so that boilerplate is caught even where each copy differs a little
 *   (a clause repeated across reports with a word changed here and there still has most of its
 *   six-character pieces in common); measured on the benchmark corpora, 12-character windows
 *   let such recurring clauses link as reuse (precision 33 % at 50k), 6-character windows do not.
 *   English windows of 3 words rather than 4 let 6-word passages count without linking
 *   formulaic English ("with a view to reducing risks of misperception") through its variants.
 * - Formula units count for less: a partial link needs a passage of `minPassage` equal units
 *   (20 characters, 6 words) of which at least `minInformative` (15 characters, 5 words) are
 *   outside formulas; a verbatim or near copy needs `minUnits` outside formulas. A paragraph that
 *   is itself boilerplate links to nothing, and two paragraphs that share only an opening formula
 *   are not linked.
 * - Joined formulas: a Chinese passage whose wording is mostly formulas can still stand when the
 *   formulas are joined the same way in both texts. Every formula window of the shared wording
 *   that is itself rare (carried by fewer than `formulaDf` paragraphs) is evidence: a partial
 *   link also stands on `minJoined` (22) characters that are outside formulas or under such a
 *   rare shared window. One formula with one edit in common is not enough (an edit makes at most
 *   11 such characters); three formulas joined the same way, or a recombined passage, are.
 * - References are never joined wording: the words of an in-text citation (the cite stage's
 *   spans) and every registered name (`registry.yaml` titles, short titles and bodies' names;
 *   see references.ts), so two paragraphs that name the same working group or cite the same
 *   report are not linked for that.
 * - A link whose shared wording includes formula units is kept for its other wording and marked
 *   `formula: true`; its `score` counts only the wording outside formulas.
 * - `formulas.json` lists the formula passages found (maximal runs of formula units, by text),
 *   with how many paragraphs carry each, so a reader can see what was discounted.
 */

/** The document-frequency threshold for a corpus of `n` paragraphs (see the module header). */
export function formulaThreshold(n: number): number {
  return Math.min(100, Math.max(4, Math.ceil(n / 1000)));
}

/** A formula passage in one paragraph: units [start, end), and the fewest paragraphs any of its windows is in. */
export interface FormulaRun {
  start: number;
  end: number;
  df: number;
}

/**
 * Mark the formula units of one text, given the document frequency of each of its `w`-unit
 * windows (`df[s]` for the window starting at unit s): 1 = under a window carried by at least
 * `threshold` paragraphs. Also returns the maximal marked runs, and which windows are frequent
 * (`frequent[s]` = 1 when the window starting at unit s is). The reuse stage reads the frequencies
 * from its window index over the corpus; search, from the list of formula windows the build
 * ships (every window at or over the threshold), so a pasted text is discounted as a paragraph is.
 */
export function formulaUnits(
  df: ArrayLike<number>,
  units: number,
  w: number,
  threshold: number,
): { mark: Uint8Array; frequent: Uint8Array; runs: FormulaRun[] } {
  const mark = new Uint8Array(units);
  const frequent = new Uint8Array(units);
  const runs: FormulaRun[] = [];
  const count = df.length;
  let s = -1;
  let minDf = 0;
  for (let i = 0; i <= count; i++) {
    const d = i < count ? df[i]! : 0;
    if (d >= threshold) {
      mark.fill(1, i, i + w);
      frequent[i] = 1;
      if (s < 0) {
        s = i;
        minDf = d;
      } else minDf = Math.min(minDf, d);
    } else if (s >= 0) {
      runs.push({ start: s, end: i - 1 + w, df: minDf });
      s = -1;
    }
  }
  return { mark, frequent, runs };
}
