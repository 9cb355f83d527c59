/**
 * Reuse detection against planted truth, on two synthetic corpora: the harness's
 * (bench/generate.ts, the corpus every section measures) and this section's own "chain" corpus
 * described below: recall and precision, time and peak memory at 10k, 50k
 * and 200k paragraphs, and the shingle index against exact brute force (every pair compared) on
 * a 2k-paragraph subset. Targets (issue 4): recall >= 0.99 and precision >= 0.99 for planted
 * passages of >= 30 characters with <= 10 % edits; <= 30 s and <= 4 GB at 200k on 2 cores.
 *
 * The corpus: background paragraphs drawn from a character Markov chain (order 1) trained on the
 * seed A/78/265's prose (Han characters and Chinese punctuation; Chinese, 80 %) and words drawn by frequency from A/RES/80/16 and 80/22
 * (English, 20 %), so common terms recur as in real reports; documents of 100 paragraphs, one a
 * day. Into that, passages of 30-150 characters of fresh text are planted: the original in an
 * earlier paragraph, a copy with 0-10 % edits (substitutions, insertions, deletions; of
 * characters in Chinese, of words in English, as each is compared and drafted) in a later one, each paragraph in at most one plant; one plant in five replaces the
 * whole later paragraph (a near or verbatim copy). A planted pair is found when the later
 * paragraph's links include one from the earlier paragraph; a link that joins no planted pair
 * is a false positive (chance sharing between chain texts counts against us).
 *
 * Each size runs in a child process so its peak memory (maxRSS) is its own.
 * Run alone: `npx tsx bench/sections/reuse.ts` (or `--sizes 10000,50000`).
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import YAML from "yaml";
import { parseDocument } from "../../pipeline/parse/index.ts";
import { DEFAULT_OPTIONS, detectReuse } from "../../pipeline/reuse/detect.ts";
import { buildReuse } from "../../pipeline/reuse/index.ts";
import { type DocumentRecord, FrontMatter, type Paragraph, SCHEMA_VERSION } from "../../schemas/index.ts";
import { documentRecord, paragraph } from "../../test/factories.ts";
import { generateCorpus as generateHarness, prng } from "../generate.ts";
import { CORPUS_SEED } from "../harness.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, "../..");

/** A planted reuse: the earlier paragraph, the later one, the passage length and edit share. */
export interface Plant {
  from: string;
  to: string;
  /** Length of the planted passage in the earlier paragraph, in characters. */
  length: number;
  /** The edit rate the plant was drawn at (a probability per unit). */
  rate: number;
  /**
   * The share of the passage's units (characters of Chinese, words of English) the edits that
   * came out touch: an upper bound on the edit distance over the length. The targets are for
   * passages with <= 10 % edits, and a plant drawn at 10 % comes out above that one time in three.
   */
  edits: number;
  whole: boolean;
}

export interface Corpus {
  paragraphs: Paragraph[];
  documents: DocumentRecord[];
  truth: Plant[];
  /** Background sources by paragraph id, where the generator records them (see sharesBackground). */
  background?: Map<string, string[]>;
}

/**
 * True when two paragraphs were recombined from a common background source (a seed clause or
 * an English phrase): they share that wording for real, though no plant put it there, so a link
 * between them is counted apart, as background reuse, neither planted nor a false positive.
 */
export function sharesBackground(
  background: Map<string, string[]> | undefined,
  a: string,
  b: string,
): boolean {
  const x = background?.get(a);
  const y = background?.get(b);
  return !!x && !!y && x.some((s) => y.includes(s));
}

/** A Markov chain over units (characters or words) with a given context length. */
class Chain {
  private next = new Map<string, string[]>();
  private starts: string[][] = [];
  constructor(
    texts: string[][],
    private order: number,
  ) {
    for (const units of texts) {
      if (units.length <= order) continue;
      this.starts.push(units.slice(0, order));
      for (let i = order; i < units.length; i++) {
        const key = units.slice(i - order, i).join("\u0001");
        const list = this.next.get(key);
        if (list) list.push(units[i]!);
        else this.next.set(key, [units[i]!]);
      }
    }
  }
  /** About `n` units of text. */
  text(n: number, rand: () => number): string[] {
    const out = [...this.starts[Math.floor(rand() * this.starts.length)]!];
    while (out.length < n) {
      const list = this.next.get(out.slice(out.length - this.order).join("\u0001"));
      if (!list) {
        out.push(...this.starts[Math.floor(rand() * this.starts.length)]!);
        continue;
      }
      out.push(list[Math.floor(rand() * list.length)]!);
    }
    return out;
  }
}

function stripFrontMatter(src: string): string {
  return src.replace(/^---\n[\s\S]*?\n---\n/, "");
}

/** Build the synthetic corpus of `n` paragraphs with planted reuse (see the module header). */
export function generateCorpus(n: number, seed = 1): Corpus {
  const rand = prng(seed);
  const zhSrc = stripFrontMatter(readFileSync(path.join(repoRoot, "corpus/A-78-265/zh.md"), "utf8"));
  const zhLines = zhSrc
    .split("\n")
    // Prose only: symbols, numbers and footnote marks are a small part of real agreed language,
    // but a character chain strings them into long runs of digits that real text does not have.
    .map((l) => l.replace(/[^\p{Script=Han}，。、；：“”《》（）]/gu, "").trim())
    .filter((l) => l.length > 20);
  const zh = new Chain(
    zhLines.map((l) => [...l]),
    1,
  );
  const enSrc = ["A-RES-80-16.en.md", "A-RES-80-22.en.md"]
    .map((f) => stripFrontMatter(readFileSync(path.join(repoRoot, "../shared/corpus-real", f), "utf8")))
    .join("\n");
  // English words drawn independently by frequency: the two resolutions are too short for a
  // word chain, which would repeat their phrases and plant chance reuse of its own.
  const enWords = enSrc.split(/\s+/).filter((w) => w.length > 0);
  const zhChars = [...new Set(zhLines.join(""))];
  const gen = (lang: "zh" | "en", chars: number): string =>
    lang === "zh"
      ? zh.text(chars, rand).join("").slice(0, chars)
      : Array.from(
          { length: Math.ceil(chars / 6) },
          () => enWords[Math.floor(rand() * enWords.length)]!,
        ).join(" ");

  const perDoc = 100;
  const docs = Math.ceil(n / perDoc);
  const documents: DocumentRecord[] = [];
  const langOfDoc: ("zh" | "en")[] = [];
  for (let d = 0; d < docs; d++) {
    const lang = d % 5 === 4 ? "en" : "zh";
    langOfDoc.push(lang);
    const date = new Date(Date.UTC(2000, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
    documents.push(documentRecord({ symbol: `A/AC.999/${d + 1}`, lang, date }));
  }
  const texts: string[] = [];
  const langs: ("zh" | "en")[] = [];
  for (let i = 0; i < n; i++) {
    const lang = langOfDoc[Math.floor(i / perDoc)]!;
    langs.push(lang);
    texts.push(gen(lang, 60 + Math.floor(rand() * 110)));
  }

  // Plant: one paragraph in ten is the later end of a plant.
  const used = new Uint8Array(n);
  const truth: Plant[] = [];
  const plants = Math.floor(n / 20);
  const byLang = { zh: [] as number[], en: [] as number[] };
  for (let i = 0; i < n; i++) byLang[langs[i]!].push(i);
  for (let t = 0, tries = 0; t < plants && tries < plants * 20; tries++) {
    const lang = rand() < 0.8 ? "zh" : "en";
    const pool = byLang[lang];
    let a = pool[Math.floor(rand() * pool.length)]!;
    let b = pool[Math.floor(rand() * pool.length)]!;
    if (Math.floor(a / perDoc) === Math.floor(b / perDoc) || used[a] || used[b]) continue;
    if (a > b) [a, b] = [b, a];
    used[a] = 1;
    used[b] = 1;
    const length = 30 + Math.floor(rand() * 121);
    const passage = gen(lang, length).slice(0, lang === "zh" ? length : undefined);
    const rate = [0, 0.03, 0.06, 0.1][Math.floor(rand() * 4)]!;
    const copy = lang === "zh" ? edit(passage, rate, zhChars, rand) : editWords(passage, rate, enWords, rand);
    const whole = rand() < 0.2;
    const insertAt = (s: string) => {
      const cut =
        lang === "zh" ? Math.floor(rand() * s.length) : s.indexOf(" ", Math.floor(rand() * s.length));
      const at = cut < 0 ? s.length : cut;
      return { before: s.slice(0, at), after: s.slice(at) };
    };
    const sep = lang === "en" ? " " : "";
    if (whole) {
      texts[a] = passage;
      texts[b] = copy;
    } else {
      const x = insertAt(texts[a]!);
      texts[a] = `${x.before}${sep}${passage}${sep}${x.after}`;
      const y = insertAt(texts[b]!);
      texts[b] = `${y.before}${sep}${copy}${sep}${y.after}`;
    }
    // edit() and editWords() make exactly round(rate * units) edits.
    const units = lang === "zh" ? [...passage].length : passage.split(" ").length;
    const edits = Math.round(rate * units) / units;
    truth.push({ from: String(a), to: String(b), length: passage.length, rate, edits, whole });
    t++;
  }
  const paragraphs = texts.map((text, i) => {
    const d = Math.floor(i / perDoc);
    return paragraph({ doc: documents[d]!.symbol, lang: langs[i]!, num: [String((i % perDoc) + 1)], text });
  });
  for (const p of truth) {
    p.from = paragraphs[Number(p.from)]!.id;
    p.to = paragraphs[Number(p.to)]!.id;
  }
  return { paragraphs, documents, truth };
}

/**
 * The harness's corpus (bench/generate.ts, the one every section measures): generated in memory
 * with the harness's seed, parsed by the real parser, with its planted truth. Its plants are
 * drawn at edit rates 0, 5, 10 and 20 %; the targets are for passages with <= 10 % edits, so
 * measure() counts in recall the plants inside the target (see inTarget: edits that came out at
 * <= 10 %, `Plant.edits`) and does not count links to the others as false positives.
 */
export function harnessCorpus(n: number): Corpus {
  const g = generateHarness({ paragraphs: n, seed: CORPUS_SEED });
  const paragraphs: Paragraph[] = [];
  const documents: DocumentRecord[] = [];
  for (const [file, text] of g.files) {
    if (!file.endsWith(".md")) continue;
    const m = /^---\n([\s\S]*?)\n---\n/.exec(text);
    if (!m) continue;
    const meta = FrontMatter.parse(YAML.parse(m[1]!));
    const parsed = parseDocument({
      file: `corpus/${file}`,
      markdown: text.slice(m[0].length),
      firstLine: m[0].split("\n").length,
      meta,
    });
    paragraphs.push(...parsed.paragraphs);
    documents.push(
      documentRecord({
        symbol: meta.symbol,
        lang: meta.lang,
        date: meta.date,
        paragraphs: parsed.paragraphs.length,
      }),
    );
  }
  const truth: Plant[] = [];
  const text = new Map(paragraphs.map((p) => [p.id, p.text]));
  for (const t of g.truth) {
    const passage = text.get(t.from)!.slice(t.fromSpan[0], t.fromSpan[1]);
    const units = t.from.includes("/en/") ? passage.split(/\s+/).length : [...passage].length;
    truth.push({
      from: t.from,
      to: t.to,
      length: passage.length,
      rate: t.rate,
      edits: t.edits / units,
      whole: t.kind !== "partial",
    });
  }
  return { paragraphs, documents, truth, background: g.background };
}

/** Edit about `rate` of the characters: substitutions, insertions and deletions. */
function edit(s: string, rate: number, alphabet: string[], rand: () => number): string {
  const chars = [...s];
  const edits = Math.round(rate * chars.length);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(rand() * chars.length);
    const op = Math.floor(rand() * 3);
    const c = /[a-z]/i.test(chars[at] ?? "")
      ? String.fromCharCode(97 + Math.floor(rand() * 26))
      : alphabet[Math.floor(rand() * alphabet.length)]!;
    if (op === 0) chars[at] = c;
    else if (op === 1) chars.splice(at, 0, c);
    else chars.splice(at, 1);
  }
  return chars.join("");
}

/** Edit about `rate` of the words (English is compared, and edited by drafters, word by word). */
function editWords(s: string, rate: number, vocabulary: string[], rand: () => number): string {
  const words = s.split(" ");
  const edits = Math.round(rate * words.length);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(rand() * words.length);
    const op = Math.floor(rand() * 3);
    const w = vocabulary[Math.floor(rand() * vocabulary.length)]!;
    if (op === 0) words[at] = w;
    else if (op === 1) words.splice(at, 0, w);
    else if (words.length > 1) words.splice(at, 1);
  }
  return words.join(" ");
}

/** One measured size. */
export interface ReuseBenchRow {
  corpus: CorpusKind;
  paragraphs: number;
  planted: number;
  links: number;
  recall: number;
  /** Links that join a planted pair or a background pair (see sharesBackground), of all links. */
  precision: number;
  /** Links between paragraphs recombined from a common background source (harness corpus). */
  background: number;
  /** Wall seconds for the whole stage (detection, diffs, lineage), corpus generation excluded. */
  seconds: number;
  /** CPU seconds (user + system) for the same: the machine is shared, wall time is not ours alone. */
  cpuSeconds: number;
  /** Recall and precision by language of the later paragraph. */
  byLang: Record<"zh" | "en", { planted: number; recall: number; links: number; precision: number }>;
  /** Recall of every plant (inside the target or not) by the edit rate it was drawn at. */
  byRate: Record<string, { planted: number; recall: number }>;
  /** Recall of English plants by passage length (characters): word matching needs longer passages. */
  enByLength: Record<string, { planted: number; recall: number }>;
  /** Peak resident memory of the process, GB (generation included). */
  peakGB: number;
  candidates: number;
  byKind: Record<string, number>;
  /** Planted pairs missed and links that join no planted pair, a few of each, for review. */
  missed: Plant[];
  falsePositives: { from: string; to: string; kind: string; length: number }[];
}

/** Which synthetic corpus: the harness's (bench/generate.ts) or this section's chain corpus. */
export type CorpusKind = "harness" | "chain";

/**
 * The targets are for passages of >= 30 characters with <= 10 % edits: a plant outside them
 * (its edits came out above 10 %, or its English words came out short) is left out of recall,
 * and a link to it is not a false positive.
 */
export function inTarget(p: Pick<Plant, "edits" | "length">): boolean {
  return p.edits <= 0.1 && p.length >= 30;
}

/** Measure one size in this process. */
export function measure(n: number, kind: CorpusKind = "harness"): ReuseBenchRow {
  const all = kind === "harness" ? harnessCorpus(n) : generateCorpus(n);
  const corpus = {
    ...all,
    truth: all.truth.filter(inTarget),
    excluded: new Set(all.truth.filter((p) => !inTarget(p)).map((p) => `${p.from}|${p.to}`)),
  };
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const out = buildReuse(corpus, SCHEMA_VERSION);
  const cpu = process.cpuUsage(c0);
  const seconds = (performance.now() - t0) / 1000;
  const planted = new Set(corpus.truth.map((p) => `${p.from}|${p.to}`));
  const linked = new Set(out.reuse.map((r) => `${r.from}|${r.to}`));
  const found = corpus.truth.filter((p) => linked.has(`${p.from}|${p.to}`));
  const unplanted = out.reuse.filter(
    (r) => !planted.has(`${r.from}|${r.to}`) && !corpus.excluded.has(`${r.from}|${r.to}`),
  );
  const isBackground = (r: { from: string; to: string }) => sharesBackground(corpus.background, r.from, r.to);
  const fps = unplanted.filter((r) => !isBackground(r));
  const inLang = (id: string, lang: string) => id.includes(`/${lang}/`);
  const byLang = Object.fromEntries(
    (["zh", "en"] as const).map((lang) => {
      const t = corpus.truth.filter((p) => inLang(p.to, lang));
      const l = out.reuse.filter((r) => inLang(r.to, lang));
      const f = t.filter((p) => linked.has(`${p.from}|${p.to}`)).length;
      const tp = l.filter(
        (r) =>
          planted.has(`${r.from}|${r.to}`) || corpus.excluded.has(`${r.from}|${r.to}`) || isBackground(r),
      ).length;
      return [
        lang,
        {
          planted: t.length,
          recall: f / Math.max(1, t.length),
          links: l.length,
          precision: tp / Math.max(1, l.length),
        },
      ];
    }),
  ) as ReuseBenchRow["byLang"];
  const byRate: ReuseBenchRow["byRate"] = {};
  for (const rate of [...new Set(all.truth.map((p) => p.rate))].sort()) {
    const t = all.truth.filter((p) => p.rate === rate);
    const f = t.filter((p) => linked.has(`${p.from}|${p.to}`)).length;
    byRate[`${Math.round(rate * 100)} %`] = { planted: t.length, recall: f / Math.max(1, t.length) };
  }
  const enByLength: ReuseBenchRow["enByLength"] = {};
  for (const [lo, hi] of [
    [30, 60],
    [60, 100],
    [100, 151],
  ] as const) {
    const t = corpus.truth.filter((p) => inLang(p.to, "en") && p.length >= lo && p.length < hi);
    const f = t.filter((p) => linked.has(`${p.from}|${p.to}`)).length;
    enByLength[`${lo}-${hi - 1}`] = { planted: t.length, recall: f / Math.max(1, t.length) };
  }
  return {
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    byLang,
    byRate,
    enByLength,
    paragraphs: n,
    planted: corpus.truth.length,
    links: out.reuse.length,
    recall: found.length / Math.max(1, corpus.truth.length),
    precision: (out.reuse.length - fps.length) / Math.max(1, out.reuse.length),
    background: unplanted.length - fps.length,
    corpus: kind,
    seconds,
    peakGB: process.resourceUsage().maxRSS / 1024 / 1024,
    candidates: out.summary.candidates,
    byKind: out.summary.byKind,
    missed: corpus.truth.filter((p) => !linked.has(`${p.from}|${p.to}`)).slice(0, 5),
    falsePositives: fps.slice(0, 5).map((r) => ({ from: r.from, to: r.to, kind: r.kind, length: r.length })),
  };
}

/** The index against exact brute force (every same-language pair aligned) on `n` paragraphs. */
export function bruteForce(n = 2000): { pairs: number; indexFound: number; recall: number; extra: number } {
  const corpus = generateCorpus(n, 7);
  const key = (d: ReturnType<typeof detectReuse>) =>
    new Set([...d.links, ...d.redundant].map((l) => `${l.from}|${l.to}`));
  const index = key(detectReuse(corpus));
  const exact = key(detectReuse(corpus, { ...DEFAULT_OPTIONS, exhaustive: true }));
  let found = 0;
  for (const k of exact) if (index.has(k)) found++;
  let extra = 0;
  for (const k of index) if (!exact.has(k)) extra++;
  return { pairs: exact.size, indexFound: found, recall: found / Math.max(1, exact.size), extra };
}

/** Run `measure(n)` in a fresh process, so the peak memory is that size's alone. */
function measureInChild(n: number, kind: CorpusKind): ReuseBenchRow {
  const r = spawnSync(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), "--one", String(n), kind],
    {
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (r.status !== 0) throw new Error(`reuse bench at ${n} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").at(-1)!) as ReuseBenchRow;
}

/** The section as Markdown for `npm run bench`. */
export function run(sizes = [10_000, 50_000, 200_000]): string {
  const rows = (["harness", "chain"] as const).flatMap((kind) => sizes.map((n) => measureInChild(n, kind)));
  const brute = bruteForce();
  const pct = (x: number) => `${(x * 100).toFixed(2)} %`;
  const lines = [
    "## Reuse detection (planted truth; targets: recall and precision >= 0.99, <= 30 s and <= 4 GB at 200k)",
    "",
    "| corpus | paragraphs | planted (>= 30 characters, edits <= 10 %) | links (background) | recall | precision | zh recall / precision | en recall / precision | wall | CPU | peak memory | candidates |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ...rows.map(
      (r) =>
        `| ${r.corpus} | ${r.paragraphs} | ${r.planted} | ${r.links} (${r.background}) | ${pct(r.recall)} | ${pct(r.precision)} | ${pct(r.byLang.zh.recall)} / ${pct(r.byLang.zh.precision)} | ${pct(r.byLang.en.recall)} / ${pct(r.byLang.en.precision)} | ${r.seconds.toFixed(1)} s | ${r.cpuSeconds.toFixed(1)} s | ${r.peakGB.toFixed(2)} GB | ${r.candidates} |`,
    ),
    "",
    `English recall by planted passage length at ${rows.at(-1)!.paragraphs}: ${Object.entries(
      rows.at(-1)!.enByLength,
    )
      .map(([k, v]) => `${k} chars ${pct(v.recall)} (${v.planted})`)
      .join(", ")}.`,
    "",
    `Recall of every plant by the rate it was drawn at, those outside the target included (edits that came out above 10 %, passages under 30 characters; the table's recall leaves them out): ${(
      ["harness", "chain"] as const
    )
      .map((kind) => {
        const r = rows.filter((x) => x.corpus === kind).at(-1)!;
        return `${kind} at ${r.paragraphs}: ${Object.entries(r.byRate)
          .map(([k, v]) => `${k} ${pct(v.recall)} (${v.planted})`)
          .join(", ")}`;
      })
      .join("; ")}.`,
    "",
    `Index against exact brute force (every same-language pair aligned) on ${2000} paragraphs: ${brute.indexFound} of ${brute.pairs} pairs (${pct(brute.recall)}), ${brute.extra} pairs the brute force does not give.`,
  ];
  const last = rows.filter((r) => r.corpus === "harness").at(-1)!;
  if (last.missed.length || last.falsePositives.length) {
    lines.push(
      "",
      `At ${last.paragraphs}: missed ${JSON.stringify(last.missed)}; false positives ${JSON.stringify(last.falsePositives)}`,
    );
  }
  return lines.join("\n");
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const one = process.argv.indexOf("--one");
  if (one > 0) {
    console.log(
      JSON.stringify(
        measure(Number(process.argv[one + 1]), (process.argv[one + 2] ?? "harness") as CorpusKind),
      ),
    );
  } else {
    const s = process.argv.indexOf("--sizes");
    const sizes = s > 0 ? process.argv[s + 1]!.split(",").map(Number) : undefined;
    console.log(run(sizes));
  }
}
