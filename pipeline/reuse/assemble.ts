/**
 * From the links detection kept to the files of the reuse stage: `Reuse` records with their spans
 * and diffs (links.ts), the zh/en pairs (bilingual.ts), the links carried to the other language,
 * the lineage (lineage.ts), the formula list (formula-table.ts) and the counts.
 *
 * A cold build (index.ts) and a build after a change (incremental.ts) both end here, with the
 * same kept links and paragraphs, so they cannot write two different files. What they differ in
 * is where a paragraph's tokens and marks come from (detection's arrays, or computed when asked)
 * and whether a record computed by an earlier build may be taken as it is (`RecordCache`).
 *
 * A carried link keeps the kind and score found in the first language (the claim "this paragraph
 * reuses that one" is the first language's); its spans and diff are computed on its own two
 * texts, and are empty of spans when the translations happen to share no passage.
 */
import { diffTexts } from "../../core/wording/diff.ts";
import type { Tokens } from "../../core/wording/tokens.ts";
import type {
  AlignedFile,
  AlignedRow,
  Diagnostic,
  DocumentRecord,
  FormulasFile,
  Paragraph,
  Reuse,
  ReuseSummaryFile,
} from "../../schemas/index.ts";
import { idLookup } from "../paragraph-runs.ts";
import { alignedFile } from "./bilingual.ts";
import { type Marks, passagesBetween, type RawLink, type ReuseOptions } from "./detect.ts";
import type { Formula } from "./formula-table.ts";
import { byRank, type LineageFile, lineageOf, type Place } from "./lineage.ts";
import { toReuse } from "./links.ts";

export interface ReuseResult {
  reuse: Reuse[];
  aligned: AlignedFile;
  lineage: LineageFile;
  formulas: FormulasFile;
  summary: ReuseSummaryFile;
  /**
   * The formula windows (Detected.formulaWindows): not a file of dist/data, handed to the index
   * stage, which ships them with the search index.
   */
  formulaWindows: Uint32Array;
  diagnostics: Diagnostic[];
}

/**
 * Records an earlier build computed: `get` gives one back when it is still what `compute` would
 * give (the cache knows which paragraphs changed), else computes it; every record given is kept
 * for the next build. Without a cache, every record is computed.
 */
export interface RecordCache {
  direct(link: RawLink, compute: () => Reuse): Reuse;
  /** A link carried to paragraphs a (earlier) and b (later), from the direct record `r`. */
  carried(r: Reuse, a: number, b: number, compute: () => Reuse): Reuse;
}

/** Everything the assembly reads. */
export interface Assembly {
  paragraphs: Paragraph[];
  documents: DocumentRecord[];
  /** Best-source links and "also in" links, each ordered by `to` then `from` reading rank. */
  kept: RawLink[];
  redundant: RawLink[];
  rank: Uint32Array;
  /** A paragraph's matching units (null when it takes no part) and its formula and reference marks. */
  tokens: (p: number) => Tokens | null;
  marks: (p: number) => Marks;
  /** The zh/en alignment (bilingual.ts), each id's partner in the other language, the warnings. */
  aligned: { rows: AlignedRow[]; partner: Map<string, string>; diagnostics: Diagnostic[] };
  formulas: Formula[];
  formulaDf: number;
  /** Hashes of the windows carried by at least `formulaDf` paragraphs, sorted (ReuseResult.formulaWindows). */
  formulaWindows: Uint32Array;
  stats: { eligible: number; candidates: number; aligned: number };
  options: ReuseOptions;
  schemaVersion: number;
  cache?: RecordCache;
}

const NO_CACHE: RecordCache = {
  direct: (_link, compute) => compute(),
  carried: (_r, _a, _b, compute) => compute(),
};

/** Put the stage's output together (see the module header). Pure. */
export function assemble(a: Assembly): ReuseResult {
  const { paragraphs, rank, schemaVersion } = a;
  const cache = a.cache ?? NO_CACHE;
  // Paragraph numbers by id, for the links' paragraphs; others by the id lookup, which in a build
  // after a change reads the entries' ids of the few documents an id's prefix can be in, never the
  // paragraphs (paragraph-runs.ts): a map of every id cost such a build a tenth of its reuse
  // stage, and reading the links' ends from their paragraphs made most documents of the corpus.
  const ids = idLookup(paragraphs);
  const idOf = (p: number) => ids.idOf(p);
  const known = new Map<string, number>();
  for (const l of [...a.kept, ...a.redundant]) {
    known.set(idOf(l.from), l.from);
    known.set(idOf(l.to), l.to);
  }
  const indexOf = {
    get(id: string): number | undefined {
      return known.get(id) ?? ids.indexOf(id);
    },
  };
  const direct = a.kept.map((l) =>
    cache.direct(l, () =>
      toReuse(l, paragraphs[l.from]!, paragraphs[l.to]!, a.tokens(l.from)!, a.tokens(l.to)!),
    ),
  );

  // Carry each link over to the other language where both paragraphs have a version there.
  // The pairs linked already, made only when some link has both its paragraphs in the other
  // language too: two keys for every link of the corpus, at every build, for none to carry when
  // no document is held in both languages.
  const { partner } = a.aligned;
  const carries = direct.some((r) => partner.has(r.from) && partner.has(r.to));
  const linked = new Set<string>();
  for (const l of carries ? [...a.kept, ...a.redundant] : []) {
    linked.add(`${idOf(l.from)}|${idOf(l.to)}`);
    linked.add(`${idOf(l.to)}|${idOf(l.from)}`);
  }
  const carried: Reuse[] = [];
  for (const r of carries ? direct : []) {
    const fromId = partner.get(r.from);
    const toId = partner.get(r.to);
    if (!fromId || !toId || linked.has(`${fromId}|${toId}`)) continue;
    linked.add(`${fromId}|${toId}`);
    linked.add(`${toId}|${fromId}`);
    const x = indexOf.get(fromId)!;
    const y = indexOf.get(toId)!;
    // Keep the direction of the first language: the documents' dates are the same in both.
    carried.push(cache.carried(r, x, y, () => carry(r, x, y, a)));
  }

  const reuse = byRank(
    [...direct, ...carried],
    (r) => rank[indexOf.get(r.to)!]!,
    (r) => rank[indexOf.get(r.from)!]!,
  );

  // Lineage reads a member's document and language only: from the runs, not its paragraph.
  const byId = new Map<string, Place>();
  for (const r of reuse) {
    byId.set(r.from, ids.placeOf(indexOf.get(r.from)!));
    byId.set(r.to, ids.placeOf(indexOf.get(r.to)!));
  }
  // By document, then language: a key made of the two for every member of a family (a string
  // joined and hashed anew each time) cost some 70 ms of a build after one change at 200k
  // paragraphs in a profile.
  const dates = new Map<string, Map<string, string>>();
  for (const d of a.documents) {
    const byLang = dates.get(d.symbol) ?? new Map<string, string>();
    dates.set(d.symbol, byLang);
    byLang.set(d.lang, d.date);
  }
  const alsoIn = a.redundant.map((l) => ({
    from: idOf(l.from),
    to: idOf(l.to),
    score: l.score,
  }));
  const lineage = lineageOf(
    reuse,
    alsoIn,
    byId,
    (id) => rank[indexOf.get(id)!]!,
    (p) => dates.get(p.doc)?.get(p.lang) ?? "",
    schemaVersion,
  );

  const count = (key: (r: Reuse) => string) => {
    const m: Record<string, number> = {};
    for (const r of reuse) m[key(r)] = (m[key(r)] ?? 0) + 1;
    return Object.fromEntries(Object.entries(m).sort(([x], [y]) => x.localeCompare(y)));
  };
  return {
    reuse,
    aligned: alignedFile(a.aligned.rows, schemaVersion),
    lineage,
    formulas: { schemaVersion, threshold: a.formulaDf, formulas: a.formulas },
    summary: {
      schemaVersion,
      links: reuse.length,
      byKind: count((r) => r.kind),
      byVia: count((r) => r.via),
      withFormula: reuse.filter((r) => r.formula).length,
      alsoIn: alsoIn.length,
      compared: a.stats.eligible,
      candidates: a.stats.candidates,
      aligned: a.stats.aligned,
      formulaThreshold: a.formulaDf,
    },
    formulaWindows: a.formulaWindows,
    diagnostics: a.aligned.diagnostics,
  };
}

/** The link `r` shown between the other-language versions `x` (earlier) and `y` (later). */
function carry(r: Reuse, x: number, y: number, a: Assembly): Reuse {
  const px = a.paragraphs[x]!;
  const py = a.paragraphs[y]!;
  const tx = a.tokens(x);
  const ty = a.tokens(y);
  const passages = tx && ty ? passagesBetween(tx, ty, a.marks(x), a.marks(y), py.lang, a.options) : [];
  if (passages.length && tx && ty) {
    return toReuse(
      { from: x, to: y, kind: r.kind, passages, score: r.score, formula: r.formula },
      px,
      py,
      tx,
      ty,
      "aligned",
    );
  }
  return {
    from: px.id,
    to: py.id,
    kind: r.kind,
    score: r.score,
    spans: [],
    length: 0,
    formula: r.formula,
    diff: diffTexts(px.text, py.text, py.lang),
    via: "aligned",
  };
}
