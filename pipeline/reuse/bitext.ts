/**
 * Paragraph-level alignment of a document's two language versions: which Chinese paragraphs and
 * which English paragraphs say the same thing, allowing one paragraph in one language to match
 * two in the other, and a paragraph to have no counterpart. Each pair carries a confidence.
 *
 * Decisions:
 * - Gale and Church's length-based dynamic programme (Computational Linguistics 19(1), 1993, as
 *   NLTK's `nltk.translate.gale_church` ports it): a path of "beads" (1:1, 1:0, 0:1, 2:1, 1:2)
 *   through the two sequences, each bead scored by a prior and by how well the lengths fit
 *   (English characters are, on average, `ratio` times the Chinese ones, measured per document).
 *   No npm package implements it for our inputs (the JavaScript ports are sentence aligners with
 *   fixed costs and no hook for anchors or confidences), so it is written here: it is forty
 *   lines of lattice.
 * - To the length cost we add what a translation keeps (anchors.ts): equal numbered addresses
 *   (the strongest evidence: the UN numbers both versions alike), the labels of the headings
 *   above ("Article 12" / "第十二条"), numbers, symbols, dates and quotations found on both
 *   sides, the count of footnotes, the part and the kind of paragraph. Equal `u4` addresses are
 *   no evidence: they are positions, and shift when one version splits a paragraph.
 * - Paragraph lengths vary more than sentence lengths in ratio, so the length's variance has a
 *   term proportional to the length (Gale and Church's) and one proportional to its square (a
 *   relative spread), and a paragraph with no counterpart pays a prior, not a length penalty.
 * - Confidence is the bead's posterior probability under the same model (forward-backward over
 *   the lattice): a pair the model would have made otherwise almost as readily is doubtful, one
 *   it had no good alternative to is not. It is computed from the two versions alone, so the
 *   result is a pure function of the pair of documents and can be cached per pair.
 * - Large documents are aligned in a band around the diagonal given by cumulative length, so the
 *   cost stays linear in the document's length.
 */
import type { Paragraph } from "../../schemas/index.ts";
import { type AlignFeatures, featuresOf } from "./anchors.ts";

/** What a pair rests on, for the side-by-side page and the diagnostics, strongest first. */
export type Evidence = "address" | "heading" | "anchors" | "footnotes" | "length";
const EVIDENCE_ORDER: readonly Evidence[] = ["address", "heading", "anchors", "footnotes", "length"];

/** One step of the alignment: paragraphs of each version that correspond. */
export interface Bead {
  /** Positions in the Chinese version's list (0, 1 or 2 of them), in reading order. */
  zh: number[];
  /** Positions in the English version's list. */
  en: number[];
  /**
   * Posterior probability of this bead, 0..1: for a pair, that these paragraphs correspond; for a
   * paragraph with no counterpart, that it has none.
   */
  confidence: number;
  /** What supports the pair (empty for a paragraph with no counterpart). */
  evidence: Evidence[];
}

/** The aligner's parameters, in nats (natural-log costs). */
export interface BitextOptions {
  /** Prior cost of each bead shape, as -ln(probability). */
  prior: { one: number; gap: number; split: number };
  /** Length variance per English character of the expected length (Gale and Church's s²). */
  variance: number;
  /** Relative spread of the length ratio, which dominates for long paragraphs. */
  spread: number;
  /** Reward per anchor (weighted by rarity) found on both sides. */
  anchorShared: number;
  /** Cost per anchor found on one side only. */
  anchorUnshared: number;
  /** Reward for a numbered address present in both sides of the bead. */
  address: number;
  /** Cost when both sides are numbered and no address is equal. */
  addressConflict: number;
  /** Cost when one side is numbered and the other is not. */
  addressOneSided: number;
  /** Reward for equal heading labels ("Article 12" / "第十二条"). */
  heading: number;
  /** Cost of two paragraphs as one text when the second carries a number of its own. */
  splitNumbered: number;
  /** Cost of pairing paragraphs of different parts, or of different kinds. */
  part: number;
  kind: number;
  /** Reward for the same number (> 0) of footnotes; cost per footnote of difference. */
  notesEqual: number;
  notesDiffer: number;
  /** Lattice cells above which the search keeps to a band around the length diagonal. */
  fullCells: number;
  /** Least half-width of that band, in paragraphs. */
  band: number;
}

/**
 * The parameters, set on the UDHR's zh/en pair, our fixture pairs and the synthetic pairs of
 * `npm run bench -- --only align` (see the README for what they reach). Priors: 1:1 0.89, a
 * paragraph with no counterpart 0.005, a split 0.05 (UN paragraphs split far more seldom than
 * sentences, Gale and Church's 0.0099 and 0.089).
 */
export const DEFAULT_BITEXT: BitextOptions = {
  prior: { one: -Math.log(0.89), gap: -Math.log(0.005), split: -Math.log(0.05) },
  variance: 3,
  spread: 0.12,
  anchorShared: 2,
  anchorUnshared: 0.6,
  address: 4,
  addressConflict: 2,
  splitNumbered: 4,
  addressOneSided: 0.5,
  heading: 1.5,
  part: 2,
  kind: 1.5,
  notesEqual: 0.5,
  notesDiffer: 0.5,
  fullCells: 160_000,
  band: 100,
};

/** Bead shapes: [zh paragraphs, en paragraphs]. Order breaks ties: a 1:1 pair wins an even cost. */
const SHAPES: readonly (readonly [number, number])[] = [
  [1, 1],
  [1, 0],
  [0, 1],
  [2, 1],
  [1, 2],
];

/** ln(erfc(x)) for x >= 0, without underflow (Numerical Recipes' erfcc, in logs). */
function logErfc(x: number): number {
  const t = 1 / (1 + 0.5 * x);
  const poly =
    -1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t *
              (0.09678418 +
                t *
                  (-0.18628806 +
                    t *
                      (0.27886807 +
                        t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  return Math.log(t) - x * x + poly;
}

/** -ln P(|Z| >= |δ|) for a standard normal Z: the cost of a length ratio δ deviations off. */
export function lengthCost(delta: number): number {
  return -logErfc(Math.abs(delta) / Math.SQRT2);
}

/** -ln(e^-a + e^-b), the sum of two probabilities given as costs. */
function addCosts(a: number, b: number): number {
  if (a === Number.POSITIVE_INFINITY) return b;
  if (b === Number.POSITIVE_INFINITY) return a;
  const m = Math.min(a, b);
  const d = Math.abs(a - b);
  // e^-40 is below a double's precision next to 1.
  return d > 40 ? m : m - Math.log1p(Math.exp(-d));
}

/** One version's paragraphs as numbers the lattice reads fast. */
interface Side {
  chars: Float64Array;
  numbered: (string | null)[];
  listed: boolean[];
  heading: (string | null)[];
  part: string[];
  kind: string[];
  notes: Int32Array;
  /** Anchor token ids, sorted, per paragraph. */
  anchors: Int32Array[];
}

function sideOf(features: AlignFeatures[], ids: Map<string, number>): Side {
  return {
    chars: Float64Array.from(features, (f) => f.length),
    numbered: features.map((f) => f.numbered),
    listed: features.map((f) => f.listed),
    heading: features.map((f) => f.heading),
    part: features.map((f) => f.part),
    kind: features.map((f) => f.kind),
    notes: Int32Array.from(features, (f) => f.notes),
    anchors: features.map((f) => {
      const out = Int32Array.from(f.anchors, (a) => {
        const id = ids.get(a);
        if (id !== undefined) return id;
        ids.set(a, ids.size);
        return ids.size - 1;
      });
      return out.sort();
    }),
  };
}

/** Anchor token weights: a token on every paragraph says little, a rare one much (an idf in 0..1]. */
function anchorWeights(zh: Side, en: Side, tokens: number): Float64Array {
  const df = (side: Side) => {
    const out = new Int32Array(tokens);
    for (const list of side.anchors) {
      for (let k = 0; k < list.length; k++) if (k === 0 || list[k] !== list[k - 1]) out[list[k]!]!++;
    }
    return out;
  };
  const dz = df(zh);
  const de = df(en);
  const n = Math.max(zh.anchors.length, en.anchors.length, 1);
  const norm = Math.log(1 + n);
  return Float64Array.from(
    { length: tokens },
    (_, t) => Math.log(1 + n / Math.max(1, dz[t]!, de[t]!)) / norm,
  );
}

function merged(lists: Int32Array[]): Int32Array {
  if (lists.length === 1) return lists[0]!;
  const out = new Int32Array(lists.reduce((s, l) => s + l.length, 0));
  let k = 0;
  for (const l of lists) {
    out.set(l, k);
    k += l.length;
  }
  return out.sort();
}

/** Shared weight and total weight of two sorted multisets of anchor ids. */
function anchorOverlap(a: Int32Array, b: Int32Array, w: Float64Array): { shared: number; total: number } {
  let shared = 0;
  let total = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      shared += w[a[i]!]!;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  for (const t of a) total += w[t]!;
  for (const t of b) total += w[t]!;
  return { shared, total };
}

/**
 * The lattice's rows: row i (i Chinese paragraphs consumed) holds columns lo[i]..hi[i] (English
 * paragraphs consumed). The whole rectangle when it is small; else a band around the point
 * where the two versions have consumed the same share of their length.
 */
function bandOf(zh: Side, en: Side, o: BitextOptions): { lo: Int32Array; hi: Int32Array } {
  const n = zh.chars.length;
  const m = en.chars.length;
  const lo = new Int32Array(n + 1);
  const hi = new Int32Array(n + 1).fill(m);
  if ((n + 1) * (m + 1) <= o.fullCells) return { lo, hi };
  const width = Math.max(o.band, Math.ceil(0.05 * Math.max(n, m)));
  const total = (xs: Float64Array) => xs.reduce((s, x) => s + x + 1, 0);
  const tz = total(zh.chars);
  const te = total(en.chars);
  let cz = 0;
  let ce = 0;
  let j = 0;
  for (let i = 0; i <= n; i++) {
    while (j < m && (ce + en.chars[j]! + 1) / te <= cz / tz) ce += en.chars[j++]! + 1;
    const g = i === n ? m : j;
    lo[i] = Math.max(0, g - width);
    hi[i] = Math.min(m, g + width);
    if (i < n) cz += zh.chars[i]! + 1;
  }
  lo[0] = 0;
  hi[n] = m;
  // Each row reaches the next: lo rises and hi rises, and a row starts no later than the last one ends.
  for (let i = 1; i <= n; i++) {
    if (hi[i]! < hi[i - 1]!) hi[i] = hi[i - 1]!;
    if (lo[i]! > hi[i - 1]!) lo[i] = hi[i - 1]!;
    if (lo[i]! < lo[i - 1]!) lo[i] = lo[i - 1]!;
  }
  return { lo, hi };
}

/**
 * Align the Chinese and English versions of one document, each in reading order. Returns the
 * beads in reading order; every paragraph of either version is in exactly one bead. Pure.
 */
export function alignVersions(
  zhParagraphs: readonly Paragraph[],
  enParagraphs: readonly Paragraph[],
  options: BitextOptions = DEFAULT_BITEXT,
): Bead[] {
  const o = options;
  const ids = new Map<string, number>();
  const zh = sideOf(zhParagraphs.map(featuresOf), ids);
  const en = sideOf(enParagraphs.map(featuresOf), ids);
  const weight = anchorWeights(zh, en, ids.size);
  const n = zh.chars.length;
  const m = en.chars.length;
  const sum = (xs: Float64Array) => xs.reduce((s, x) => s + x, 0);
  // English characters per Chinese character in this document.
  const ratio = sum(zh.chars) > 0 && sum(en.chars) > 0 ? sum(en.chars) / sum(zh.chars) : 1;

  const range = (from: number, count: number) => Array.from({ length: count }, (_, k) => from + k);
  const pairAnchors = new Map<number, Int32Array>();
  /** Anchors of zh[i0, i0+a) (side 0) or en[i0, i0+a) (side 1), merged once per pair of paragraphs. */
  const anchorsOfRun = (side: Side, i0: number, a: number, key: number) => {
    if (a === 1) return side.anchors[i0]!;
    const known = pairAnchors.get(key);
    if (known) return known;
    const list = merged([side.anchors[i0]!, side.anchors[i0 + 1]!]);
    pairAnchors.set(key, list);
    return list;
  };

  /** Cost of the bead made of zh[i0, i0+a) and en[j0, j0+b), and what supports it. */
  const bead = (i0: number, a: number, j0: number, b: number, evidence?: Evidence[]): number => {
    if (a === 0 || b === 0) return o.prior.gap;
    let cost = a === 1 && b === 1 ? o.prior.one : o.prior.split;

    const lz = zh.chars[i0]! + (a === 2 ? zh.chars[i0 + 1]! : 0);
    const le = en.chars[j0]! + (b === 2 ? en.chars[j0 + 1]! : 0);
    const expected = ratio * lz;
    const mean = (expected + le) / 2;
    const delta = (le - expected) / Math.sqrt(Math.max(1, o.variance * mean + (o.spread * mean) ** 2));
    cost += lengthCost(delta);
    if (Math.abs(delta) <= 2) evidence?.push("length");

    const z1 = zh.numbered[i0]!;
    const z2 = a === 2 ? zh.numbered[i0 + 1]! : null;
    const e1 = en.numbered[j0]!;
    const e2 = b === 2 ? en.numbered[j0 + 1]! : null;
    const zNumbered = z1 !== null || z2 !== null;
    const eNumbered = e1 !== null || e2 !== null;
    // A list's count is a position: its addresses count for half, and their difference for nothing.
    const listed = zh.listed[i0]! || en.listed[j0]!;
    if ((z1 !== null && (z1 === e1 || z1 === e2)) || (z2 !== null && (z2 === e1 || z2 === e2))) {
      cost -= listed ? o.address / 2 : o.address;
      evidence?.push("address");
    } else if (zNumbered && eNumbered) cost += listed ? 0 : o.addressConflict;
    else if (zNumbered || eNumbered) cost += o.addressOneSided;

    const hz = zh.heading[i0];
    if (hz && hz === en.heading[j0]) {
      cost -= o.heading;
      evidence?.push("heading");
    }
    // Two paragraphs of one side are one text printed as two: the second carries no number of
    // its own (a number opens a paragraph of its own).
    if ((a === 2 && zh.numbered[i0 + 1] !== null) || (b === 2 && en.numbered[j0 + 1] !== null))
      cost += o.splitNumbered;
    // Two paragraphs of one side are one text only inside one part.
    if ((a === 2 && zh.part[i0] !== zh.part[i0 + 1]) || (b === 2 && en.part[j0] !== en.part[j0 + 1]))
      return Number.POSITIVE_INFINITY;
    if (zh.part[i0] !== en.part[j0]) cost += o.part;
    if (zh.kind[i0] !== en.kind[j0]) cost += o.kind;

    const nz = zh.notes[i0]! + (a === 2 ? zh.notes[i0 + 1]! : 0);
    const ne = en.notes[j0]! + (b === 2 ? en.notes[j0 + 1]! : 0);
    if (nz === ne && nz > 0) {
      cost -= o.notesEqual;
      evidence?.push("footnotes");
    } else cost += o.notesDiffer * Math.min(4, Math.abs(nz - ne));

    const { shared, total } = anchorOverlap(
      anchorsOfRun(zh, i0, a, 2 * i0),
      anchorsOfRun(en, j0, b, 2 * j0 + 1),
      weight,
    );
    cost += -o.anchorShared * shared + o.anchorUnshared * (total - 2 * shared);
    if (shared >= 0.5) evidence?.push("anchors");
    return cost;
  };

  const { lo, hi } = bandOf(zh, en, o);
  const off = new Int32Array(n + 2);
  for (let i = 0; i <= n; i++) off[i + 1] = off[i]! + hi[i]! - lo[i]! + 1;
  const cells = off[n + 1]!;
  const at = (i: number, j: number) => (i < 0 || j < lo[i]! || j > hi[i]! ? -1 : off[i]! + j - lo[i]!);

  const INF = Number.POSITIVE_INFINITY;
  const best = new Float64Array(cells).fill(INF);
  const back = new Int8Array(cells).fill(-1);
  const forward = new Float64Array(cells).fill(INF);
  const costs = SHAPES.map(() => new Float64Array(cells).fill(INF));
  best[0] = 0;
  forward[0] = 0;
  for (let i = 0; i <= n; i++) {
    for (let j = lo[i]!; j <= hi[i]!; j++) {
      const c = off[i]! + j - lo[i]!;
      if (c === 0) continue;
      for (let s = 0; s < SHAPES.length; s++) {
        const [a, b] = SHAPES[s]!;
        const p = at(i - a, j - b);
        if (p < 0 || forward[p] === INF) continue;
        const cost = bead(i - a, a, j - b, b);
        costs[s]![c] = cost;
        if (best[p]! + cost < best[c]!) {
          best[c] = best[p]! + cost;
          back[c] = s;
        }
        forward[c] = addCosts(forward[c]!, forward[p]! + cost);
      }
    }
  }
  const backward = new Float64Array(cells).fill(INF);
  backward[cells - 1] = 0;
  for (let i = n; i >= 0; i--) {
    for (let j = hi[i]!; j >= lo[i]!; j--) {
      const c = off[i]! + j - lo[i]!;
      for (let s = 0; s < SHAPES.length; s++) {
        const [a, b] = SHAPES[s]!;
        if (i + a > n) continue;
        const next = at(i + a, j + b);
        if (next < 0 || costs[s]![next] === INF) continue;
        backward[c] = addCosts(backward[c]!, costs[s]![next]! + backward[next]!);
      }
    }
  }

  const total = forward[cells - 1]!;
  const out: Bead[] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const c = at(i, j);
    const s = back[c]!;
    const [a, b] = SHAPES[s]!;
    const p = at(i - a, j - b);
    const posterior = Math.exp(-(forward[p]! + costs[s]![c]! + backward[c]! - total));
    const evidence: Evidence[] = [];
    bead(i - a, a, j - b, b, evidence);
    evidence.sort((x, y) => EVIDENCE_ORDER.indexOf(x) - EVIDENCE_ORDER.indexOf(y));
    out.push({ zh: range(i - a, a), en: range(j - b, b), confidence: Math.min(1, posterior), evidence });
    i -= a;
    j -= b;
  }
  return out.reverse();
}
