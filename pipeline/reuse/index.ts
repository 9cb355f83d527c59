/**
 * The reuse stage's public entry: paragraphs in, the agreed-language map out.
 *
 * detect.ts finds the links in each language (shingle candidates -> alignment -> one best
 * source); links.ts turns them into `Reuse` records with spans and diffs; bilingual.ts aligns the
 * zh and en versions of each document paragraph by paragraph (bitext.ts); a link found in one
 * language is then carried over to the other language's counterparts of the same two paragraphs
 * (confident one-to-one pairs), marked `via: "aligned"`; lineage.ts groups the links into
 * families for the timeline; core/wording/formula.ts says what was discounted.
 *
 * A carried link keeps the kind and score found in the first language (the claim "this paragraph
 * reuses that one" is the first language's); its spans and diff are computed on its own two
 * texts, and are empty of spans when the translations happen to share no passage.
 */
import { diffTexts } from "../../core/wording/diff.ts";
import type { Diagnostic, FormulasFile, Paragraph, Reuse, ReuseSummaryFile } from "../../schemas/index.ts";
import { type AlignedFile, alignedFile, alignLanguages } from "./bilingual.ts";
import {
  DEFAULT_OPTIONS,
  type Detected,
  type DetectInput,
  detectReuse,
  marksOf,
  passagesBetween,
  type ReuseOptions,
} from "./detect.ts";
import { type LineageFile, lineageOf } from "./lineage.ts";
import { toReuse } from "./links.ts";

export { tokenize, unitsOf } from "../../core/wording/tokens.ts";
/** A formula passage, as listed in `formulas.json`. */
/** The shapes of `formulas.json` and `reuse-summary.json`, declared in schemas/reuse.ts. */
export type { FormulasFile } from "../../schemas/index.ts";
export type { AlignedFile, AlignedRow } from "./bilingual.ts";
export { DEFAULT_OPTIONS, type ReuseOptions } from "./detect.ts";
export type { LineageFamily, LineageFile } from "./lineage.ts";
export type Formula = FormulasFile["formulas"][number];
export type ReuseSummary = ReuseSummaryFile;

export interface ReuseResult {
  reuse: Reuse[];
  aligned: AlignedFile;
  lineage: LineageFile;
  formulas: FormulasFile;
  summary: ReuseSummary;
  /**
   * The formula windows (Detected.formulaWindows): not a file of dist/data, handed to the index
   * stage, which ships them with the search index.
   */
  formulaWindows: Uint32Array;
  diagnostics: Diagnostic[];
}

/** How many formula passages `formulas.json` lists. */
const FORMULA_LIST = 200;

/** Run the whole reuse stage on a corpus. Pure; same input, same output. */
export function buildReuse(
  input: DetectInput,
  schemaVersion: number,
  options: ReuseOptions = DEFAULT_OPTIONS,
): ReuseResult {
  const { paragraphs } = input;
  const detected = detectReuse(input, options);
  const { rank, tokens } = detected;
  const indexOf = new Map(paragraphs.map((p, i) => [p.id, i]));
  const byId = new Map(paragraphs.map((p) => [p.id, p]));

  const direct = detected.links.map((l) =>
    toReuse(l, paragraphs[l.from]!, paragraphs[l.to]!, tokens[l.from]!, tokens[l.to]!),
  );
  const { rows, partner, diagnostics } = alignLanguages(paragraphs);

  // Carry each link over to the other language where both paragraphs have a version there.
  const linked = new Set<string>();
  for (const l of [...detected.links, ...detected.redundant]) {
    linked.add(`${paragraphs[l.from]!.id}|${paragraphs[l.to]!.id}`);
    linked.add(`${paragraphs[l.to]!.id}|${paragraphs[l.from]!.id}`);
  }
  const carried: Reuse[] = [];
  for (const r of direct) {
    const fromId = partner.get(r.from);
    const toId = partner.get(r.to);
    if (!fromId || !toId || linked.has(`${fromId}|${toId}`)) continue;
    linked.add(`${fromId}|${toId}`);
    linked.add(`${toId}|${fromId}`);
    const a = indexOf.get(fromId)!;
    const b = indexOf.get(toId)!;
    // Keep the direction of the first language: the documents' dates are the same in both.
    carried.push(carry(r, a, b, paragraphs, detected, options));
  }

  const order = (x: Reuse, y: Reuse) =>
    rank[indexOf.get(x.to)!]! - rank[indexOf.get(y.to)!]! ||
    rank[indexOf.get(x.from)!]! - rank[indexOf.get(y.from)!]!;
  const reuse = [...direct, ...carried].sort(order);

  const dates = new Map(input.documents.map((d) => [`${d.symbol}|${d.lang}`, d.date]));
  const alsoIn = detected.redundant.map((l) => ({
    from: paragraphs[l.from]!.id,
    to: paragraphs[l.to]!.id,
    score: l.score,
  }));
  const lineage = lineageOf(
    reuse,
    alsoIn,
    byId,
    (id) => rank[indexOf.get(id)!]!,
    (p) => dates.get(`${p.doc}|${p.lang}`) ?? "",
    schemaVersion,
  );

  const count = (key: (r: Reuse) => string) => {
    const m: Record<string, number> = {};
    for (const r of reuse) m[key(r)] = (m[key(r)] ?? 0) + 1;
    return Object.fromEntries(Object.entries(m).sort(([a], [b]) => a.localeCompare(b)));
  };
  return {
    reuse,
    aligned: alignedFile(rows, schemaVersion),
    lineage,
    formulas: { schemaVersion, threshold: detected.formulaDf, formulas: formulasOf(paragraphs, detected) },
    summary: {
      schemaVersion,
      links: reuse.length,
      byKind: count((r) => r.kind),
      byVia: count((r) => r.via),
      withFormula: reuse.filter((r) => r.formula).length,
      alsoIn: alsoIn.length,
      compared: detected.stats.eligible,
      candidates: detected.stats.candidates,
      aligned: detected.stats.aligned,
      formulaThreshold: detected.formulaDf,
    },
    formulaWindows: detected.formulaWindows,
    diagnostics,
  };
}

/** The link `r` shown between the other-language versions `a` (earlier) and `b` (later). */
function carry(
  r: Reuse,
  a: number,
  b: number,
  paragraphs: Paragraph[],
  detected: Detected,
  options: ReuseOptions,
): Reuse {
  const pa = paragraphs[a]!;
  const pb = paragraphs[b]!;
  const ta = detected.tokens[a];
  const tb = detected.tokens[b];
  const passages =
    ta && tb ? passagesBetween(ta, tb, marksOf(detected, a), marksOf(detected, b), pb.lang, options) : [];
  if (passages.length && ta && tb) {
    const own = toReuse(
      { from: a, to: b, kind: r.kind, passages, score: r.score, formula: r.formula },
      pa,
      pb,
      ta,
      tb,
      "aligned",
    );
    return own;
  }
  return {
    from: pa.id,
    to: pb.id,
    kind: r.kind,
    score: r.score,
    spans: [],
    length: 0,
    formula: r.formula,
    diff: diffTexts(pa.text, pb.text, pb.lang),
    via: "aligned",
  };
}

/** The formula passages of the corpus, most frequent first (see core/wording/formula.ts). */
function formulasOf(paragraphs: Paragraph[], detected: Detected): Formula[] {
  const found = new Map<string, { text: string; ids: string[]; df: number }>();
  const order = paragraphs.map((_, i) => i).sort((x, y) => detected.rank[x]! - detected.rank[y]!);
  for (const p of order) {
    const t = detected.tokens[p];
    if (!t) continue;
    for (const run of detected.formulaRuns[p]!) {
      const key = Array.from(t.ids.subarray(run.start, run.end)).join(",");
      const id = paragraphs[p]!.id;
      const entry = found.get(key);
      if (entry) {
        if (entry.ids[entry.ids.length - 1] !== id) entry.ids.push(id);
        entry.df = Math.max(entry.df, run.df);
      } else {
        const text = paragraphs[p]!.text.slice(t.start[run.start]!, t.end[run.end - 1]!);
        found.set(key, { text, ids: [id], df: run.df });
      }
    }
  }
  return [...found.values()]
    .sort((x, y) => y.df - x.df || y.ids.length - x.ids.length || x.text.localeCompare(y.text))
    .slice(0, FORMULA_LIST)
    .map((f) => ({ text: f.text, paragraphs: f.df, examples: f.ids.slice(0, 3) }));
}
