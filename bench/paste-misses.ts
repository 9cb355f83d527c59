/**
 * The pasted-draft misses, one line each, classified (issue 14): run as
 * `npx tsx bench/paste-misses.ts 50k [--budget N] [--buckets N] [--only 3,17] [--show] [--varied]`.
 *
 * For every paste whose source is not first, the source's own measure (what it carries of the
 * altered paste, formulas discounted / in all) beside the hits above it, and a class:
 * - engine: a paragraph ranked above the source carries less of the paste than the source (or
 *   the source is missing from a page whose last hit carries less): the engine did not read the
 *   source, or read it too late; an engine error by the issue's own definition;
 * - outcarried: every hit above the source carries more of the paste (the issue's measure puts
 *   them first); "near" when the first carries at most one unit more;
 * - tie: the first carries exactly as much (the bench counts it first; tie rules decide).
 *
 * `--show` prints each miss whole: the paste, its source, and every hit ranked above the source
 * with the wording of the paste it carries that the source does not, and the reverse (what the
 * source carries that the hit does not): why the hit carries more. `--varied`: the corpus whose
 * English is the varied generator's (bench/english.ts), as the search section's second table.
 */
import { memorySource, SearchEngine } from "../core/search/engine.ts";
import { fold } from "../core/search/normalize.ts";
import { type Carried, carried, discounted, formulaSet, readPaste } from "../core/search/rank.ts";
import { buildSearchIndex } from "../pipeline/index/build.ts";
import { formulaWindowsOf } from "../pipeline/reuse/detect.ts";
import { parseSize } from "./generate.ts";
import { drawPastes, withSources } from "./pastes.ts";
import { corpus } from "./sections/search.ts";

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args.splice(i, 2)[1]) : undefined;
};
const budget = flag("--budget");
const onlyAt = args.indexOf("--only");
const only = onlyAt >= 0 ? new Set(args.splice(onlyAt, 2)[1]?.split(",").map(Number)) : null;
const buckets = flag("--buckets");
const showAt = args.indexOf("--show");
const show = showAt >= 0 && args.splice(showAt, 1).length > 0;
const variedAt = args.indexOf("--varied");
const varied = variedAt >= 0 && args.splice(variedAt, 1).length > 0;
const n = parseSize(args[0] ?? "10k");
const { paragraphs, documents } = corpus(n, varied ? "varied" : "current");
const windows = formulaWindowsOf(paragraphs);
const built = buildSearchIndex(paragraphs, documents, { formulaWindows: windows });
const formulas = formulaSet(windows);
const byId = new Map(paragraphs.map((p) => [p.id, p.text]));
const textOf = (id: string) => byId.get(id) as string;
const engine = await SearchEngine.open(memorySource(built.files));
const pastes = withSources(drawPastes(paragraphs, 200), textOf, formulas);
const counts = { first: 0, engine: 0, outcarried: 0, near: 0, tie: 0 };
const fmt = (x: number) => x.toFixed(1);
/** The parts of ranges `a` that no range of `b` covers (both sorted, not overlapping). */
const minus = (a: Array<[number, number]>, b: Array<[number, number]>): Array<[number, number]> => {
  const out: Array<[number, number]> = [];
  for (const [s, e] of a) {
    let at = s;
    for (const [bs, be] of b) {
      if (be <= at || bs >= e) continue;
      if (bs > at) out.push([at, bs]);
      at = Math.max(at, be);
    }
    if (at < e) out.push([at, e]);
  }
  return out;
};
let ms = 0;
for (const [i, paste] of pastes.entries()) {
  if (only && !only.has(i)) continue;
  const t = performance.now();
  const r = await engine.search(paste.text, { limit: 10, budget, buckets });
  ms += performance.now() - t;
  const q = readPaste(paste.text, fold(paste.text), formulas);
  const own = carried(q, fold(textOf(paste.source)));
  const d = discounted(own);
  const at = r.hits.findIndex((h) => h.id === paste.source);
  const top = r.hits[0];
  if (at === 0 || !top || (discounted(top) === d && top.shared === own.shared)) {
    counts.first++;
    if (at !== 0 && top) counts.tie++;
    continue;
  }
  const above = at >= 0 ? r.hits.slice(0, at) : r.hits;
  const less = above.filter((h) => discounted(h) < d || (discounted(h) === d && h.shared < own.shared));
  const full = at < 0 && r.hits.length === 10;
  let kind: string;
  if (less.length || (at < 0 && !full)) kind = "engine";
  else if (discounted(top) - d <= 1) kind = "near";
  else kind = "outcarried";
  if (kind === "near") counts.near++;
  counts[kind === "near" ? "outcarried" : (kind as "engine" | "outcarried")]++;
  console.log(
    `${show ? "\n" : ""}#${i} ${paste.lang} ${paste.text.length} ch, ${paste.alteration}, drawn ${paste.drawn.length}: source rank ${at < 0 ? ">10" : at + 1}, carries ${fmt(d)}/${fmt(own.shared)} of ${fmt(q.total)}; first ${fmt(discounted(top))}/${fmt(top.shared)} (${top.status} ${top.date}); ${kind}${less.length ? ` (${less.length} above carry less)` : ""}; candidates ${r.candidates}`,
  );
  if (show) {
    // Pieces of the paste, those with a letter or digit only (a range's edge can leave a comma).
    const words = (ranges: Carried["queryRanges"]) =>
      ranges.map(([a, b]) => paste.text.slice(a, b)).filter((w) => /[\p{L}\p{N}]/u.test(w));
    console.log(`  paste: ${JSON.stringify(paste.text)}`);
    console.log(`  source ${paste.source}: ${JSON.stringify(textOf(paste.source))}`);
    console.log(`  source carries: ${JSON.stringify(words(own.queryRanges))}`);
    for (const h of above) {
      const mine = minus(h.queryRanges, own.queryRanges);
      const theirs = minus(own.queryRanges, h.queryRanges);
      console.log(
        `  above: ${h.id} ${fmt(discounted(h))}/${fmt(h.shared)} (${h.status} ${h.date}): ${JSON.stringify(h.text)}`,
      );
      console.log(`    carries, the source not: ${JSON.stringify(words(mine))}`);
      console.log(`    the source carries, it not: ${JSON.stringify(words(theirs))}`);
    }
  }
}
console.log(
  `${n}: ${counts.first} first (${counts.tie} ties) of ${pastes.length}; misses: engine ${counts.engine}, outcarried ${counts.outcarried} (near ${counts.near}); search ${(ms / pastes.length).toFixed(1)} ms a paste`,
);
