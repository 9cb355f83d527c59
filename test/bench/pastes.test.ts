/**
 * The search benchmark's pasted drafts (bench/pastes.ts) and phrase variants
 * (bench/sections/search.ts): what is drawn is what the benchmark says it is, and on a small
 * corpus the paragraph a paste came from is found first (a figure the benchmark measures at
 * 10k-200k; here a floor a change to ranking must keep).
 */
import { beforeAll, describe, expect, test } from "vitest";
import { clausesOf, drawPastes, rankPastes, withSources } from "../../bench/pastes.ts";
import { corpus, variantSet } from "../../bench/sections/search.ts";
import { memorySource, SearchEngine } from "../../core/search/engine.ts";
import { fold } from "../../core/search/normalize.ts";
import { formulaSet } from "../../core/search/rank.ts";
import { buildSearchIndex } from "../../pipeline/index/build.ts";
import { formulaWindowsOf } from "../../pipeline/reuse/detect.ts";
import type { DocumentRecord, Paragraph } from "../../schemas/index.ts";

let paragraphs: Paragraph[];
let documents: DocumentRecord[];
let textOf: (id: string) => string;

beforeAll(() => {
  ({ paragraphs, documents } = corpus(2000));
  const byId = new Map(paragraphs.map((p) => [p.id, p.text]));
  textOf = (id) => byId.get(id) as string;
});

describe("drawPastes", () => {
  test("half Chinese, half English, 20 to 2,000 characters, each kind of alteration, the same every run", () => {
    const pastes = drawPastes(paragraphs, 80);
    expect(pastes.filter((p) => p.lang === "zh")).toHaveLength(40);
    for (const p of pastes) {
      expect(p.text.length).toBeGreaterThanOrEqual(20);
      // English ends on a whole word, at most one word past 2,000 characters.
      expect(p.text.length).toBeLessThanOrEqual(2100);
    }
    expect(new Set(pastes.map((p) => p.alteration))).toEqual(
      new Set(["words", "words, clause dropped", "words, clause added", "words, sentences swapped"]),
    );
    expect(drawPastes(paragraphs, 80)).toEqual(pastes);
  });

  test("a paste is mostly its paragraphs' text: words changed, not replaced wholesale", () => {
    for (const p of drawPastes(paragraphs, 40)) {
      const drawn = p.drawn.map(textOf).join("\n");
      // Pieces of the paste (character pairs of Chinese, English words) found in the text drawn,
      // wherever they stand (sentences may have been swapped): words changed (up to one in 20
      // characters) and a clause of at most a quarter added leave well over half.
      const pieces =
        p.lang === "zh" ? [...p.text].slice(1).map((c, i) => [...p.text][i] + c) : p.text.split(/\s+/);
      const kept = pieces.filter((x) => drawn.includes(x)).length;
      const total = pieces.length;
      expect(kept / total, p.text).toBeGreaterThan(0.55);
    }
  });
});

describe("rankPastes", () => {
  test("on a 2,000-paragraph corpus, the source of at least 90 % of 60 pastes comes first", async () => {
    const windows = formulaWindowsOf(paragraphs);
    const engine = await SearchEngine.open(
      memorySource(buildSearchIndex(paragraphs, documents, { formulaWindows: windows }).files),
    );
    const pastes = withSources(drawPastes(paragraphs, 60), textOf, formulaSet(windows));
    for (const p of pastes) expect(p.drawn).toContain(p.source);
    const ranks = await rankPastes(engine, pastes, textOf, formulaSet(windows));
    expect(ranks.filter((r) => r.first).length / ranks.length).toBeGreaterThanOrEqual(0.9);
    expect(ranks.filter((r) => r.top3).length / ranks.length).toBeGreaterThanOrEqual(0.95);
  });
});

describe("variantSet", () => {
  test("each variant differs from the printed phrase only in spacing between Chinese and Latin or digits, and width", () => {
    const despace = (s: string) =>
      fold(s).replace(/(\p{Script=Han})\s+(?=[a-z0-9])|([a-z0-9])\s+(?=\p{Script=Han})/gu, "$1$2");
    const variants = variantSet(paragraphs, 40);
    expect(variants.length).toBeGreaterThan(20);
    for (const v of variants) {
      expect(v.query).not.toBe(v.printed);
      expect(despace(v.query)).toBe(despace(v.printed));
    }
  });
});

describe("clausesOf", () => {
  test.each([
    { lang: "en" as const, text: "States agreed on outcomes.\nParticipating States, in turn, noted it." },
    { lang: "zh" as const, text: "各国商定了成果。\n与会国继而注意到这一点；并表示欢迎。" },
    { lang: "en" as const, text: ".\n, leading marks; and trailing ones..\n" },
  ])("$lang: the clauses joined are the text, line breaks kept", ({ lang, text }) => {
    expect(clausesOf(text, lang).join("")).toBe(text);
  });

  test("a clause dropped or added keeps the line break between pasted paragraphs", () => {
    const pastes = drawPastes(paragraphs, 200).filter(
      (p) => p.lang === "en" && p.alteration !== "words" && p.alteration !== "words, sentences swapped",
    );
    expect(pastes.length).toBeGreaterThan(0);
    // A full stop straight before a capital is what a lost line break leaves: "outcomes.Participating".
    for (const p of pastes) expect(p.text).not.toMatch(/[a-z]\.[A-Z]/);
  });
});
