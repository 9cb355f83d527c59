/**
 * The synthetic corpus generator: what it writes is a corpus the real parser reads as planned
 * (every paragraph at the address the generator gave it), the planted reuse is where truth.json
 * says, at the rate it says, and the same seed gives the same bytes.
 */

import { beforeAll, describe, expect, test } from "vitest";
import YAML from "yaml";
import {
  clauseSources,
  clausesOf,
  EDIT_RATES,
  type Generated,
  generateCorpus,
  MIN_PASSAGE,
  parseSize,
  prng,
  seedParagraphs,
} from "../../bench/generate.ts";
import { parseDocument } from "../../pipeline/parse/index.ts";
import type { Diagnostic, Paragraph } from "../../schemas/index.ts";
import { FrontMatter, Registry } from "../../schemas/index.ts";

/** Levenshtein distance over code points (the zh mutation edits characters). */
function lev(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++)
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[y.length]!;
}

const zhSource = seedParagraphs();
let g: Generated;
const texts = new Map<string, string>();
const parsedByFile = new Map<string, Paragraph[]>();
const diagnostics: Diagnostic[] = [];

beforeAll(() => {
  g = generateCorpus({ paragraphs: 4000, seed: 11, zhSource });
  for (const d of g.docs) {
    const src = g.files.get(d.file)!;
    const m = /^---\n([\s\S]*?)\n---\n/.exec(src)!;
    const p = parseDocument({
      file: d.file,
      markdown: src.slice(m[0].length),
      firstLine: m[0].split("\n").length,
      meta: FrontMatter.parse(YAML.parse(m[1]!)),
    });
    parsedByFile.set(d.file, p.paragraphs);
    diagnostics.push(...p.diagnostics);
    for (const x of p.paragraphs) texts.set(x.id, x.text);
  }
});

describe("the corpus as written", () => {
  test("holds the paragraphs asked for, in documents of 100-200 paragraphs", () => {
    expect(g.docs.reduce((s, d) => s + d.paragraphs, 0)).toBe(4000);
    // All but the last document, which takes what is left of the budget.
    for (const d of g.docs.slice(0, -1)) {
      expect(d.paragraphs).toBeGreaterThanOrEqual(100);
      expect(d.paragraphs).toBeLessThanOrEqual(200);
    }
  });

  test("the parser finds every planned paragraph, with no warning", () => {
    for (const d of g.docs) expect(parsedByFile.get(d.file)!.length, d.file).toBe(d.paragraphs);
    expect(diagnostics.filter((x) => x.level !== "info")).toEqual([]);
  });

  test("it exercises the parser: annexes, subparagraphs at two depths, footnotes, page breaks", () => {
    const all = [...parsedByFile.values()].flat();
    expect(all.some((p) => p.part[0] === "annex")).toBe(true);
    expect(all.some((p) => p.num.length === 2)).toBe(true);
    expect(all.some((p) => p.num.length === 3)).toBe(true);
    expect(all.filter((p) => p.footnotes.length).length).toBeGreaterThan(200);
    expect(all.filter((p) => p.flags.includes("stitched")).length).toBeGreaterThan(30);
    // Footnote numbering restarts in the annex: some annex paragraph carries note 1.
    expect(all.some((p) => p.part[0] === "annex" && p.footnotes.some((f) => f.n === 1))).toBe(true);
  });

  test("about 80 % of the paragraphs are Chinese, 20 % English", () => {
    const zh = g.docs.filter((d) => d.lang === "zh").reduce((s, d) => s + d.paragraphs, 0);
    expect(zh / 4000).toBeGreaterThan(0.65);
    expect(zh / 4000).toBeLessThan(0.92);
    expect(g.docs.some((d) => d.lang === "en")).toBe(true);
  });

  test("the registry lists every generated document and the real ones footnotes cite", () => {
    const reg = Registry.parse(YAML.parse(g.files.get("registry.yaml")!));
    const symbols = new Set(reg.documents.map((e) => e.symbol));
    for (const d of g.docs) expect(symbols.has(d.symbol)).toBe(true);
    expect(symbols.has("A/75/816")).toBe(true);
    expect(symbols.has("A/78/265")).toBe(true);
  });
});

describe("planted reuse (truth.json)", () => {
  test("every row points at paragraphs that exist, with passages of at least 30 characters", () => {
    expect(g.truth.length).toBeGreaterThan(50);
    const order = new Map(g.docs.map((d, i) => [`${d.file.split("/")[0]}/${d.lang}`, i]));
    const docOf = (id: string) => order.get(id.split("/").slice(0, 2).join("/"))!;
    for (const t of g.truth) {
      expect(texts.has(t.from), t.from).toBe(true);
      expect(texts.has(t.to), t.to).toBe(true);
      expect(t.fromSpan[1] - t.fromSpan[0]).toBeGreaterThanOrEqual(MIN_PASSAGE);
      // A later document copies an earlier one.
      expect(docOf(t.from)).toBeLessThan(docOf(t.to));
    }
  });

  test("every kind and every edit rate is planted", () => {
    expect(new Set(g.truth.map((t) => t.kind))).toEqual(new Set(["verbatim", "near", "partial"]));
    expect(new Set(g.truth.map((t) => t.rate))).toEqual(new Set(EDIT_RATES));
  });

  test("at rate 0 the copy is the source passage exactly", () => {
    for (const t of g.truth.filter((x) => x.rate === 0)) {
      expect(texts.get(t.to)!.slice(...t.toSpan)).toBe(texts.get(t.from)!.slice(...t.fromSpan));
    }
  });

  test("a planted passage stands in its source and its copy only: it has one true source", () => {
    const all = [...texts];
    for (const t of g.truth.filter((x) => x.rate === 0)) {
      const passage = texts.get(t.from)!.slice(...t.fromSpan);
      expect(all.filter(([, text]) => text.includes(passage)).map(([id]) => id)).toEqual([t.from, t.to]);
    }
  });

  test("a whole-paragraph copy is the target paragraph's text", () => {
    for (const t of g.truth.filter((x) => x.kind !== "partial")) {
      const to = texts.get(t.to)!;
      expect(t.toSpan[0]).toBe(0);
      expect(to.length - t.toSpan[1]).toBeLessThanOrEqual(1); // the closing 。 or .
    }
  });

  test("Chinese copies differ from their source by at most the edits recorded, near the planted rate", () => {
    const zh = g.truth.filter((t) => t.to.includes("/zh/"));
    for (const t of zh) {
      const a = texts.get(t.from)!.slice(...t.fromSpan);
      const b = texts.get(t.to)!.slice(...t.toSpan);
      expect(lev(a, b), `${t.from} -> ${t.to}`).toBeLessThanOrEqual(t.edits);
    }
    // Over all copies of one rate, the edits made are close to the rate (Han characters only are edited).
    for (const rate of EDIT_RATES.filter((x) => x > 0)) {
      const rows = zh.filter((t) => t.rate === rate);
      const chars = rows.reduce((s, t) => s + (t.fromSpan[1] - t.fromSpan[0]), 0);
      const edits = rows.reduce((s, t) => s + t.edits, 0);
      expect(edits / chars).toBeGreaterThan(rate * 0.5);
      expect(edits / chars).toBeLessThan(rate * 1.3);
    }
  });
});

describe("determinism", () => {
  test("the same seed gives the same files and truth; another seed does not", () => {
    const a = generateCorpus({ paragraphs: 600, seed: 5, zhSource });
    const b = generateCorpus({ paragraphs: 600, seed: 5, zhSource });
    const c = generateCorpus({ paragraphs: 600, seed: 6, zhSource });
    expect([...a.files]).toEqual([...b.files]);
    expect(a.truth).toEqual(b.truth);
    expect([...a.files.values()].join("")).not.toBe([...c.files.values()].join(""));
  });

  test("the PRNG is mulberry32: uniform in [0, 1), same sequence per seed", () => {
    const r = prng(42);
    const xs = Array.from({ length: 1000 }, r);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(xs.reduce((s, x) => s + x, 0) / xs.length).toBeGreaterThan(0.45);
    expect(xs.reduce((s, x) => s + x, 0) / xs.length).toBeLessThan(0.55);
    expect(Array.from({ length: 1000 }, prng(42))).toEqual(xs);
  });
});

test.each([
  { input: "10k", expected: 10_000 },
  { input: "200K", expected: 200_000 },
  { input: "1500", expected: 1_500 },
  { input: "1.5k", expected: 1_500 },
  { input: "1m", expected: 1_000_000 },
])("parseSize($input) = $expected", ({ input, expected }) => {
  expect(parseSize(input)).toBe(expected);
});

test("parseSize refuses what is not a size", () => {
  expect(() => parseSize("ten")).toThrow(/not a size/);
});

describe("background sources (what the reuse benchmark counts apart from noise)", () => {
  test("every generated paragraph has its sources recorded, and a whole planted copy has none", () => {
    for (const id of texts.keys()) {
      if (id.startsWith("A-78-265/")) continue;
      expect(g.background.has(id), id).toBe(true);
    }
    for (const t of g.truth.filter((x) => x.kind !== "partial")) {
      expect(g.background.get(t.from)).toEqual([]);
      expect(g.background.get(t.to)).toEqual([]);
    }
  });

  test("a Chinese paragraph carries most characters of a seed clause of each source it names", () => {
    const clauses = clausesOf(zhSource);
    const sourceOf = clauseSources(clauses);
    const members = (source: number) => clauses.filter((_, i) => sourceOf[i] === source);
    // Share of a clause's characters that stand in the text (mutated at 8 %, a few are lost).
    const held = (text: string, clause: string) =>
      [...clause].filter((ch) => text.includes(ch)).length / [...clause].length;
    let checked = 0;
    let named = 0;
    let other = 0;
    for (const [id, sources] of g.background) {
      if (!id.includes("/zh/")) continue;
      const text = texts.get(id)!;
      for (const s of sources) {
        expect(s).toMatch(/^zh:\d+$/);
        const index = Number(s.slice(3));
        checked++;
        expect(sourceOf[index], s).toBe(index);
        if (members(index).some((c) => held(text, c) >= 0.8)) named++;
        // The control: a clause the paragraph does not name.
        if (held(text, clauses[(index + 7) % clauses.length]!) >= 0.8) other++;
      }
    }
    expect(checked).toBeGreaterThan(1000);
    expect(named / checked).toBeGreaterThan(0.97);
    expect(other / checked).toBeLessThan(0.2);
  });

  test.each([
    // Clauses sharing SOURCE_OVERLAP (12) consecutive characters are one source, the first named.
    {
      clauses: ["甲乙丙丁戊己庚辛壬癸子丑寅卯", "一二甲乙丙丁戊己庚辛壬癸子丑", "天地玄黄宇宙洪荒日月盈昃"],
      sources: [0, 0, 2],
    },
    // Eleven in common is not enough.
    { clauses: ["甲乙丙丁戊己庚辛壬癸子丑", "一乙丙丁戊己庚辛壬癸子丑"], sources: [0, 1] },
    // Through a chain: the first and the last share nothing directly.
    {
      clauses: [
        "甲乙丙丁戊己庚辛壬癸子丑",
        "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥天地",
        "寅卯辰巳午未申酉戌亥天地",
      ],
      sources: [0, 0, 0],
    },
  ])("clauseSources($clauses)", ({ clauses, sources }) => {
    expect(clauseSources(clauses)).toEqual(sources);
  });
});
