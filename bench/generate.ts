/**
 * Synthetic corpus generator for the benchmark and for reuse tests with ground truth.
 *
 * Writes N paragraphs (10k, 50k, 200k) as a real corpus: `<slug>/<lang>.md` with front matter,
 * `registry.yaml` and `topics.yaml`, plus `truth.json` (the reuse planted) and `generated.json` (what was generated).
 * About 80 % of the paragraphs are Chinese, 20 % English, in documents of 100-200 paragraphs with
 * sections, an annex, subparagraphs at two depths, footnotes (numbering restarts in the annex) and
 * the odd paragraph broken by a page's footnote block, so the parser does its real work.
 *
 * Decisions:
 * - Chinese text is the real seed's clauses recombined (parsed with parseDocument), each character
 *   then substituted at a background rate (8 %), so two synthetic paragraphs share little more
 *   than short phrases by chance. English text is recombined from UN-style phrases written here,
 *   in our own words (no real UN English enters the repository), with words swapped at the same
 *   rate: formulaic, as UN English is. Reuse is then planted on purpose: a fresh passage (seed
 *   clauses mutated at 30 %, or English words drawn at random; >= 30 characters) or a whole fresh
 *   paragraph is written into an earlier document and copied into a later one, mutated at a known
 *   edit rate (0, 5, 10 or 20 %). Fresh text has one true source, which background text, recurring
 *   by chance, would not. `truth.json` records from / to ids, kind, spans and rate; background
 *   sharing is not recorded.
 * - Deterministic: one seeded PRNG (mulberry32) drives everything, and the pure generateCorpus()
 *   returns files as strings; only the command line at the bottom touches the disk.
 *
 * Run: `npx tsx bench/generate.ts 10k [--out DIR] [--seed N]` (default DIR bench/out/corpus-<n>).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import YAML from "yaml";
import { idOf } from "../core/address/address.ts";
import { toSuperscript } from "../core/text/superscript.ts";
import { parseDocument } from "../pipeline/parse/index.ts";
import { symbolSlug } from "../schemas/common.ts";
import { FrontMatter } from "../schemas/index.ts";
import { type English, variedDocument } from "./english.ts";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Edit rates at which reuse is planted. */
export const EDIT_RATES = [0, 0.05, 0.1, 0.2] as const;
/** Rate at which background text is mutated away from the seed it was recombined from. */
export const BACKGROUND_RATE = 0.08;
/** Rate at which a planted passage's Chinese is mutated away from the seed, so that it is unique. */
export const FRESH_RATE = 0.3;
/** Shortest planted passage, in characters. */
export const MIN_PASSAGE = 30;

/** One planted reuse, as `truth.json` lists it. */
export interface TruthRow {
  /** Paragraph id of the earlier text. */
  from: string;
  /** Paragraph id of the later text that reuses it. */
  to: string;
  /** "verbatim": a whole paragraph at rate 0; "near": a whole paragraph mutated; "partial": a passage. */
  kind: "verbatim" | "near" | "partial";
  /** Fraction of characters edited (substituted, deleted or inserted) in the copy. */
  rate: number;
  /** [start, end) of the copied passage in the source paragraph's text (UTF-16 offsets). */
  fromSpan: [number, number];
  /** [start, end) of the mutated copy in the target paragraph's text. */
  toSpan: [number, number];
  /** Edits actually made (the rate is a probability; this is the count that came out). */
  edits: number;
}

export interface GenerateOptions {
  /** Paragraphs to generate (the seed's own paragraphs are not counted). */
  paragraphs: number;
  /** PRNG seed. */
  seed?: number;
  /** Chinese paragraphs to recombine (the real seed's, by default read from corpus/). */
  zhSource?: string[];
  /** Add the real seed document (corpus/A-78-265/zh.md) and the real registry's entries. */
  withSeed?: boolean;
  /**
   * The English generator: "current" (a few dozen phrases recombined; the default, its output
   * unchanged) or "varied" (bench/english.ts: a larger inventory in UN report layouts, as
   * self-similar as real UN English by bench/self-similarity.ts).
   */
  english?: "current" | "varied";
}

export interface GeneratedDoc {
  symbol: string;
  lang: "zh" | "en";
  /** Path relative to the corpus folder. */
  file: string;
  /** Paragraphs written (numbered, subparagraphs and unnumbered), as the parser should find them. */
  paragraphs: number;
  bytes: number;
}

export interface Generated {
  /** Corpus files by path relative to the corpus folder (documents and registry.yaml). */
  files: Map<string, string>;
  truth: TruthRow[];
  docs: GeneratedDoc[];
  /**
   * The background text each paragraph was recombined from, by paragraph id: "zh:<clause>" for a
   * seed clause (the first of the clauses that share its wording, see clauseSources),
   * "en:<object>" for an English object phrase. Two paragraphs with a source in
   * common really do share wording (each copy mutated at BACKGROUND_RATE), though no plant put
   * it there: the reuse benchmark counts a link between them as background, not as noise.
   */
  background: Map<string, string[]>;
}

/** mulberry32: small, fast, and the same sequence everywhere for one seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

// --- Text sources --------------------------------------------------------------------------------

/** Read the real seed's paragraphs with the parser (the generator recombines what the parser sees). */
export function seedParagraphs(root = repoRoot): string[] {
  const src = readFileSync(path.join(root, "corpus/A-78-265/zh.md"), "utf8");
  const m = /^---\n([\s\S]*?)\n---\n/.exec(src);
  if (!m) throw new Error("seed has no front matter");
  const parsed = parseDocument({
    file: "corpus/A-78-265/zh.md",
    markdown: src.slice(m[0].length),
    firstLine: m[0].split("\n").length,
    meta: FrontMatter.parse(YAML.parse(m[1]!)),
  });
  return parsed.paragraphs.filter((p) => p.kind === "paragraph").map((p) => p.text);
}

/** Clauses of the seed: cut after Chinese punctuation, 6-40 characters, punctuation dropped. */
export function clausesOf(paragraphs: string[]): string[] {
  const out: string[] = [];
  for (const p of paragraphs) {
    for (const c of p.split(/[，。；：,;:！？]/)) {
      const t = c.replace(/\s+/g, " ").trim();
      // Keep clauses that cannot be mistaken for a label or a list marker at a line start.
      if (t.length >= 6 && t.length <= 40 && !/^[(（\d一二三四五六七八九十A-Za-z*¹²³⁴⁵⁶⁷⁸⁹⁰]/.test(t))
        out.push(t);
    }
  }
  return out;
}

/** Consecutive characters two seed clauses must share to count as one background source. */
export const SOURCE_OVERLAP = 12;

/**
 * The background source of each clause: the seed repeats itself (the mandate in three places,
 * an opener in four, a list quoted into an annex), so clauses that share SOURCE_OVERLAP
 * consecutive characters, directly or through a chain of such clauses, are one source, named
 * by the first of them. Two paragraphs that drew such clauses share that wording for real.
 */
export function clauseSources(clauses: string[]): number[] {
  const parent = clauses.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const seen = new Map<string, number>();
  clauses.forEach((c, i) => {
    const chars = [...c.replace(/\s+/g, "")];
    for (let s = 0; s + SOURCE_OVERLAP <= chars.length; s++) {
      const gram = chars.slice(s, s + SOURCE_OVERLAP).join("");
      const j = seen.get(gram);
      if (j === undefined) seen.set(gram, i);
      else {
        const [a, b] = [find(i), find(j)];
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
      }
    }
  });
  return clauses.map((_, i) => find(i));
}

/** UN-style English phrases, written for acquis (not taken from any UN text). */
const EN = {
  subject: [
    "States",
    "Participating States",
    "The working group",
    "Delegations",
    "Several States",
    "Member States",
    "The Chair",
    "Regional organizations",
    "Many delegations",
    "The group of experts",
  ],
  verb: [
    "reaffirmed",
    "recalled",
    "underscored",
    "welcomed",
    "noted with concern",
    "emphasized",
    "recognized",
    "called for",
    "encouraged further work on",
    "agreed to continue discussions on",
    "expressed support for",
    "highlighted",
  ],
  object: [
    "the voluntary norms of responsible behaviour",
    "the protection of critical infrastructure",
    "capacity-building programmes tailored to national needs",
    "a global directory of points of contact",
    "confidence-building measures at the regional level",
    "the application of international law to the use of digital technologies",
    "the exchange of national views on emerging threats",
    "cooperation with the private sector and academia",
    "the integrity of supply chains",
    "the security of data and software updates",
    "the particular needs of developing countries",
    "gender-sensitive approaches to capacity-building",
    "a regular institutional dialogue under the auspices of the United Nations",
    "the peaceful settlement of disputes",
    "information sharing on incidents affecting essential services",
    "national surveys of implementation",
    "the role of computer emergency response teams",
    "transparency about national doctrines",
    "technical assistance on request",
    "the prevention of conflict arising from malicious activity",
  ],
  qualifier: [
    "",
    "in accordance with international law",
    "on a voluntary basis",
    "as appropriate",
    "building on previous consensus outcomes",
    "taking into account national circumstances",
    "with a view to reducing risks of misperception",
    "through existing mechanisms",
    "in a balanced and inclusive manner",
    "within available resources",
  ],
  filler: [
    "further",
    "also",
    "notably",
    "together",
    "jointly",
    "again",
    "firmly",
    "broadly",
    "duly",
    "in turn",
  ],
};

// --- Mutation ------------------------------------------------------------------------------------

/** Characters of the seed, with repeats, to draw Chinese substitutions from its own distribution. */
function hanPool(paragraphs: string[]): string[] {
  const out: string[] = [];
  for (const p of paragraphs) for (const ch of p) if (/\p{Script=Han}/u.test(ch)) out.push(ch);
  return out;
}

/**
 * Mutate text at `rate`: each unit (a character, or a word for English) is, with that
 * probability, substituted (60 %), deleted (20 %) or followed by an inserted unit (20 %).
 */
function mutate(
  r: Rand,
  text: string,
  rate: number,
  lang: "zh" | "en",
  han: string[],
): { text: string; edits: number } {
  if (rate === 0) return { text, edits: 0 };
  const units = lang === "zh" ? [...text] : text.split(/(?<= )/);
  const unit = () => (lang === "zh" ? pick(r, han) : `${pick(r, EN.filler)} `);
  let edits = 0;
  const out: string[] = [];
  for (const u of units) {
    // Keep spaces, digits and Latin inside Chinese as they are: they carry symbols and numbers.
    if (r() >= rate || (lang === "zh" && !/\p{Script=Han}/u.test(u))) {
      out.push(u);
      continue;
    }
    edits++;
    const k = r();
    if (k < 0.6) out.push(lang === "zh" ? unit() : u.endsWith(" ") ? unit() : unit().trimEnd());
    else if (k < 0.8) {
      // deleted
    } else out.push(lang === "en" && !u.endsWith(" ") ? `${u} ` : u, unit());
  }
  let s = out.join("");
  if (lang === "en") s = s.replace(/\s+$/, "");
  return { text: s || text, edits };
}

// --- Documents -----------------------------------------------------------------------------------

const sup = (n: number) => toSuperscript(String(n));
const ZH_NUM = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
const zhNum = (n: number): string =>
  n <= 10
    ? ZH_NUM[n - 1]!
    : n < 20
      ? `十${ZH_NUM[n - 11]!}`
      : `${ZH_NUM[Math.floor(n / 10) - 1]}十${n % 10 ? ZH_NUM[(n % 10) - 1] : ""}`;
const ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"];
const roman = ["i", "ii", "iii", "iv", "v", "vi"];
const LETTERS = "abcdefghijklmnopqrstuvwxyz";

/** One paragraph the generator writes, with the address the parser will give it. */
interface Para {
  /** Address as core/address/address.ts spells it: "12", "annex/3.b", "annex/3.b.ii". */
  address: string;
  label: string;
  text: string;
  depth: number;
  /** The background sources of the text (see Generated.background). */
  sources: string[];
}

interface DocPlan {
  symbol: string;
  lang: "zh" | "en";
  date: string;
  title: string;
  paras: Para[];
}

const ZH_SECTIONS = ["引言", "组织事项", "讨论情况", "结论和建议", "今后的工作"];
const ZH_SUBSECTIONS = [
  "概述",
  "现有和潜在威胁",
  "负责任国家行为的规则、规范和原则",
  "国际法",
  "建立信任措施",
  "能力建设",
  "定期机构对话",
];
const EN_SECTIONS = [
  "Introduction",
  "Organizational matters",
  "Discussions",
  "Conclusions and recommendations",
  "Future work",
];
const EN_SUBSECTIONS = [
  "Overview",
  "Existing and potential threats",
  "Rules, norms and principles",
  "International law",
  "Confidence-building measures",
  "Capacity-building",
  "Regular institutional dialogue",
];

/**
 * Generate a corpus. Pure: returns the files; see the command line below for writing them.
 */
export function generateCorpus(opts: GenerateOptions): Generated {
  const r = prng(opts.seed ?? 1);
  const zhSource = opts.zhSource ?? seedParagraphs();
  const clauses = clausesOf(zhSource);
  const sourceOf = clauseSources(clauses);
  const han = hanPool(zhSource);
  if (clauses.length < 20) throw new Error("too few clauses to recombine");

  // Indices are drawn as pick() draws them, so recording the sources leaves the corpus unchanged.
  const index = (xs: readonly unknown[]) => Math.floor(r() * xs.length);
  const zhText = (): { text: string; sources: string[] } => {
    const n = int(r, 2, 5);
    const parts: string[] = [];
    const sources: string[] = [];
    for (let i = 0; i < n; i++) {
      const c = index(clauses);
      parts.push(clauses[c]!);
      sources.push(`zh:${sourceOf[c]}`);
    }
    return { text: `${mutate(r, parts.join("，"), BACKGROUND_RATE, "zh", han).text}。`, sources };
  };
  const enText = (): { text: string; sources: string[] } => {
    const n = int(r, 1, 2);
    const parts: string[] = [];
    const sources: string[] = [];
    for (let i = 0; i < n; i++) {
      const q = pick(r, EN.qualifier);
      const subject = pick(r, EN.subject);
      const verb = pick(r, EN.verb);
      const o = index(EN.object);
      parts.push(`${subject} ${verb} ${EN.object[o]}${q ? ` ${q}` : ""}`);
      sources.push(`en:${o}`);
    }
    return { text: `${mutate(r, parts.join(", and "), BACKGROUND_RATE, "en", han).text}.`, sources };
  };

  const rv = prng((opts.seed ?? 1) + 0x5eed);
  // Depth of the paragraph being written, for the varied English's list items.
  let depthNow = 1;
  const variedText =
    (doc: (depth: number) => English, k: number) => (): { text: string; sources: string[] } => {
      // The current English is written and set aside, so that the main PRNG runs as it does
      // without the variant: the same documents, languages, plants and footnotes; only the
      // English background wording differs.
      enText();
      const e = doc(depthNow);
      // A document's own terms are its own: named with the document, formulas with none.
      return { text: e.text, sources: e.sources.map((x) => `en:${x.startsWith("term:") ? `${k}:${x}` : x}`) };
    };

  // Plan documents until the paragraph budget is spent.
  const plans: DocPlan[] = [];
  let budget = opts.paragraphs;
  let k = 0;
  while (budget > 0) {
    k++;
    const lang: "zh" | "en" = r() < 0.8 ? "zh" : "en";
    const size = Math.min(budget, int(r, 100, 200));
    budget -= size;
    const year = 2001 + Math.floor((k - 1) / 50);
    const day = ((k - 1) % 50) + 1;
    const date = `${year}-${String(1 + Math.floor((day - 1) / 5)).padStart(2, "0")}-${String(1 + ((day - 1) % 5) * 5).padStart(2, "0")}`;
    const symbol = `A/AC.990/${year}/${day}`;
    const title =
      lang === "zh"
        ? `合成基准文件第 ${k} 号：信通技术安全问题工作组报告`
        : `Synthetic benchmark document ${k}: report of the working group on ICT security`;
    // The varied English draws its wording from a PRNG of its own, one document at a time.
    const text =
      lang === "zh" ? zhText : opts.english === "varied" ? variedText(variedDocument(rv), k) : enText;
    // Numbered paragraphs with subparagraphs; ~45 % in the body, the rest in the annex.
    const paras: Para[] = [];
    const bodyShare = Math.round(size * 0.45);
    for (const part of ["", "annex"] as const) {
      const target = part === "" ? bodyShare : size;
      let n = 0;
      while (paras.length < target) {
        n++;
        const base = part ? `${part}/${n}` : `${n}`;
        depthNow = 1;
        paras.push({ address: base, label: `${n}.`, ...text(), depth: 1 });
        if (r() < 0.2 && paras.length + 2 <= target) {
          const subs = int(r, 2, 4);
          for (let s = 0; s < subs && paras.length < target; s++) {
            const a = `${base}.${LETTERS[s]}`;
            depthNow = 2;
            paras.push({ address: a, label: `(${LETTERS[s]})`, ...text(), depth: 2 });
            if (r() < 0.15 && paras.length + 2 <= target) {
              for (let t = 0; t < 2; t++) {
                const lab = lang === "zh" ? `(${ZH_NUM[t]})` : `(${roman[t]})`;
                depthNow = 3;
                paras.push({ address: `${a}.${roman[t]}`, label: lab, ...text(), depth: 3 });
              }
            }
          }
        }
      }
    }
    plans.push({ symbol, lang, date, title, paras });
  }

  // Plant reuse: from the 4th document on, a later document copies a passage of an earlier one of
  // its language. The passage is fresh text written into the earlier paragraph (clauses mutated at
  // 30 %, or English words drawn at random), so it has one true source: background text can recur
  // by chance, and a detector would then rightly link another source than the truth says.
  const enWords = [...new Set(Object.values(EN).flat().join(" ").split(/\s+/).filter(Boolean))].filter((w) =>
    /^[a-z]/.test(w),
  );
  const fresh = (lang: "zh" | "en", whole: boolean): string => {
    let out = "";
    while (out.length < MIN_PASSAGE) {
      if (lang === "zh") {
        const parts = Array.from({ length: whole ? int(r, 3, 5) : int(r, 2, 3) }, () => pick(r, clauses));
        out += `${out ? "，" : ""}${mutate(r, parts.join("，"), FRESH_RATE, "zh", han).text}`;
      } else {
        const words = Array.from({ length: whole ? int(r, 14, 24) : int(r, 6, 14) }, () => pick(r, enWords));
        out += `${out ? " " : ""}${words.join(" ")}`;
      }
    }
    return lang === "en" ? `${out[0]!.toUpperCase()}${out.slice(1)}` : out;
  };
  /** Put `text` into a paragraph after its first clause; returns where it starts. */
  const insert = (host: Para, text: string, lang: "zh" | "en"): number => {
    const cut = Math.max(host.text.search(/[，,]/) + 1, 0);
    const sep = lang === "en" && cut ? " " : "";
    host.text = `${host.text.slice(0, cut)}${sep}${text}${lang === "zh" ? "，" : ", "}${host.text.slice(cut).trimStart()}`;
    return cut + sep.length;
  };
  const truth: TruthRow[] = [];
  // A paragraph takes part in one plant at most, so spans stay where they were recorded.
  const touched = new Set<Para>();
  for (let d = 3; d < plans.length; d++) {
    const to = plans[d]!;
    const earlier = plans.slice(0, d).filter((p) => p.lang === to.lang);
    if (!earlier.length) continue;
    const plants = int(r, 3, 8);
    for (let i = 0; i < plants; i++) {
      const from = pick(r, earlier);
      const src = pick(r, from.paras);
      const target = pick(r, to.paras);
      if (touched.has(src) || touched.has(target)) continue;
      touched.add(src);
      touched.add(target);
      const rate = pick(r, EDIT_RATES);
      const whole = r() < 0.4;
      const passage = fresh(to.lang, whole);
      const copy = mutate(r, passage, rate, to.lang, han);
      const end = to.lang === "zh" ? "。" : ".";
      let fromStart = 0;
      let toStart = 0;
      if (whole) {
        src.text = `${passage}${end}`;
        target.text = `${copy.text}${end}`;
        src.sources = [];
        target.sources = [];
      } else {
        fromStart = insert(src, passage, to.lang);
        toStart = insert(target, copy.text, to.lang);
      }
      truth.push({
        from: idOf(from.symbol, from.lang, src.address),
        to: idOf(to.symbol, to.lang, target.address),
        kind: whole ? (rate === 0 ? "verbatim" : "near") : "partial",
        rate,
        fromSpan: [fromStart, fromStart + passage.length],
        toSpan: [toStart, toStart + copy.text.length],
        edits: copy.edits,
      });
    }
  }

  const files = new Map<string, string>();
  const docs: GeneratedDoc[] = [];
  // Footnotes cite paragraphs that exist: the seed's body (1-16) or an earlier document's body.
  const bodyCount = plans.map((p) => p.paras.filter((q) => /^\d+$/.test(q.address)).length);
  plans.forEach((p, i) => {
    const cite = (): [string, number] => {
      if (i === 0 || r() < 0.5) return ["A/78/265", int(r, 1, 16)];
      const j = Math.floor(r() * i);
      return [plans[j]!.symbol, int(r, 1, Math.max(1, bodyCount[j]!))];
    };
    const md = render(p, r, cite);
    const file = `${symbolSlug(p.symbol)}/${p.lang}.md`;
    files.set(file, md);
    docs.push({
      symbol: p.symbol,
      lang: p.lang,
      file,
      paragraphs: p.paras.length,
      bytes: Buffer.byteLength(md),
    });
  });
  files.set("registry.yaml", registry(plans, opts.withSeed ?? true));
  files.set("topics.yaml", vocabulary());
  const background = new Map<string, string[]>();
  for (const p of plans)
    for (const q of p.paras) background.set(idOf(p.symbol, p.lang, q.address), q.sources);
  return { files, truth, docs, background };
}

/** The corpus Markdown of one planned document. */
function render(p: DocPlan, r: Rand, cite: () => [string, number]): string {
  const zh = p.lang === "zh";
  const fm = {
    symbol: p.symbol,
    lang: p.lang,
    title: p.title,
    date: p.date,
    type: "report",
    body: "OEWG 2021-2025",
    status: "consensus",
    source: "Synthetic text generated by bench/generate.ts for the benchmark; not a UN text.",
  };
  const out: string[] = [`---\n${YAML.stringify(fm).trimEnd()}\n---`, ""];
  out.push(p.title, "");
  let section = 0;
  let sub = 0;
  let note = 0;
  let inAnnex = false;
  const notes: string[] = [];
  const flushNotes = () => {
    if (notes.length) out.push(...notes.flatMap((n) => [n, ""]));
    notes.length = 0;
  };
  for (let i = 0; i < p.paras.length; i++) {
    const q = p.paras[i]!;
    if (!inAnnex && q.address.startsWith("annex/")) {
      flushNotes();
      inAnnex = true;
      note = 0;
      sub = 0;
      out.push(
        zh ? "附件" : "Annex",
        "",
        zh ? "工作组讨论情况的进度报告" : "Progress report on the discussions",
        "",
      );
    }
    if (q.depth === 1) {
      // A new heading every dozen or so paragraphs: sections in the body, lettered ones in the annex.
      if (i === 0 || (r() < 0.08 && !inAnnex)) {
        section++;
        const name = (zh ? ZH_SECTIONS : EN_SECTIONS)[(section - 1) % 5]!;
        out.push(zh ? `${zhNum(section)}. ${name}` : `${ROMAN[(section - 1) % 12]}. ${name}`, "");
      } else if (inAnnex && (sub === 0 || r() < 0.08) && sub < 7) {
        sub++;
        out.push(`${"ABCDEFG"[sub - 1]}. ${(zh ? ZH_SUBSECTIONS : EN_SUBSECTIONS)[sub - 1]}`, "");
      }
    }
    // Footnotes on about one paragraph in ten, marker at the end, notes after the paragraph.
    const text = q.text;
    let marker = "";
    if (r() < 0.1) {
      note++;
      marker = sup(note);
      const [symbol, para] = cite();
      const cited = zh ? `${symbol}，第 ${para} 段。` : `${symbol}, para. ${para}.`;
      notes.push(`${marker} ${cited}`);
    }
    // Now and then a page's footnote block interrupts a paragraph after its marker (as in the
    // seed); the parser stitches the halves back into one paragraph.
    // (English continues in lower case, or it would read as a new paragraph.)
    const breakAt = marker && r() < 0.3 ? text.search(zh ? /，/ : /, [a-z]/) : -1;
    if (breakAt > 0 && text.length - breakAt > 12) {
      out.push(`${q.label} ${text.slice(0, breakAt + 1)}${marker}`, "");
      flushNotes();
      out.push(text.slice(breakAt + 1).trimStart(), "");
    } else {
      out.push(`${q.label} ${text}${marker}`, "");
      flushNotes();
    }
  }
  flushNotes();
  return `${out.join("\n").trimEnd()}\n`;
}

/** registry.yaml: the real registry's entries (what footnotes cite) plus every generated document. */
function registry(plans: DocPlan[], withReal: boolean): string {
  const real = withReal
    ? (
        YAML.parse(readFileSync(path.join(repoRoot, "corpus/registry.yaml"), "utf8")) as {
          documents: unknown[];
        }
      ).documents
    : [];
  const mine = plans.map((p) => ({
    symbol: p.symbol,
    type: "report",
    date: p.date,
    body: "OEWG 2021-2025",
    status: "consensus",
    title: { [p.lang]: p.title },
  }));
  return `# Generated by bench/generate.ts\n${YAML.stringify({ documents: [...real, ...mine] })}`;
}

/**
 * topics.yaml: the project's vocabulary (corpus/topics.yaml) without its overrides, which name
 * paragraphs of the real corpus. A build with a vocabulary tags every paragraph, as the project's
 * own build does: a bench corpus without one never timed the topics stage.
 */
function vocabulary(): string {
  const v = YAML.parse(readFileSync(path.join(repoRoot, "corpus/topics.yaml"), "utf8")) as {
    topics: unknown[];
  };
  return `# Generated by bench/generate.ts\n${YAML.stringify({ topics: v.topics })}`;
}

/** "10k" -> 10000, "200k" -> 200000, "1500" -> 1500. */
export function parseSize(s: string): number {
  const m = /^(\d+(?:\.\d+)?)(k|m)?$/i.exec(s.trim());
  if (!m) throw new Error(`not a size: ${s} (use 10k, 50k, 200k or a number)`);
  const mult = m[2]?.toLowerCase() === "k" ? 1_000 : m[2]?.toLowerCase() === "m" ? 1_000_000 : 1;
  return Math.round(Number(m[1]) * mult);
}

/** Bump when the same options generate a different corpus, so cached corpora are made again. */
export const GENERATOR_VERSION = 4;

/** What `generated.json` records: enough to tell whether a corpus on disk is the one asked for. */
export interface GeneratedMeta {
  version: number;
  paragraphs: number;
  seed: number;
  docs: GeneratedDoc[];
}

/** Write a generated corpus to `dir` (replacing it), with the real seed when asked. */
export function writeCorpus(
  dir: string,
  g: Generated,
  meta: { paragraphs: number; seed: number },
  withSeed = true,
): void {
  rmSync(dir, { recursive: true, force: true });
  for (const [rel, text] of g.files) {
    const file = path.join(dir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  if (withSeed) {
    mkdirSync(path.join(dir, "A-78-265"), { recursive: true });
    writeFileSync(
      path.join(dir, "A-78-265/zh.md"),
      readFileSync(path.join(repoRoot, "corpus/A-78-265/zh.md")),
    );
  }
  writeFileSync(
    path.join(dir, "truth.json"),
    `${JSON.stringify({ rates: EDIT_RATES, backgroundRate: BACKGROUND_RATE, reuse: g.truth }, null, 1)}\n`,
  );
  const info: GeneratedMeta = { version: GENERATOR_VERSION, ...meta, docs: g.docs };
  writeFileSync(path.join(dir, "generated.json"), `${JSON.stringify(info, null, 1)}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const flag = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args.splice(i, 2)[1] : undefined;
  };
  const out = flag("--out");
  const seed = Number(flag("--seed") ?? 1);
  const n = parseSize(args[0] ?? "10k");
  const dir = out ?? path.join(repoRoot, "bench", "out", `corpus-${n}`);
  const t = performance.now();
  const g = generateCorpus({ paragraphs: n, seed });
  writeCorpus(dir, g, { paragraphs: n, seed });
  const mb = g.docs.reduce((s, d) => s + d.bytes, 0) / 1e6;
  console.log(
    `${g.docs.length} documents, ${n} paragraphs, ${mb.toFixed(1)} MB, ${g.truth.length} planted reuses -> ${path.relative(process.cwd(), dir) || "."} (${((performance.now() - t) / 1000).toFixed(1)} s)`,
  );
}
