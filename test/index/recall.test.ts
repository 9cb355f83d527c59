/**
 * Exact-phrase recall on the real corpus: every paragraph a plain scan finds, the index finds,
 * and nothing else, for phrases that cut across word boundaries, traditional-character and
 * full-width queries, and (fast-check) any substring of any paragraph.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, test } from "vitest";
import { memorySource, SearchEngine } from "../../core/search/engine.ts";
import { buildSearchIndex } from "../../pipeline/index/build.ts";
import type { Paragraph } from "../../schemas/index.ts";
import { has } from "../needs.ts";
import { realCorpus, scan } from "./helpers.ts";

let paragraphs: Paragraph[];
let engine: SearchEngine;

/** The real corpus, indexed and opened as the browser opens it. */
async function open(): Promise<void> {
  const corpus = realCorpus();
  paragraphs = corpus.paragraphs;
  engine = await SearchEngine.open(memorySource(buildSearchIndex(paragraphs, corpus.documents).files));
}

const found = async (q: string) =>
  (await engine.search(q, { phrase: true, limit: Number.POSITIVE_INFINITY })).hits.map((h) => h.id).sort();

describe.runIf(has("shared"))("exact phrases on the real corpus", () => {
  beforeAll(open);

  test.each([
    // [query, the phrase a scan looks for]
    ["础设施和关键信", "础设施和关键信"], // starts and ends inside words
    ["国际法如何适", "国际法如何适"], // ends inside 适用
    ["关键基础设施", "关键基础设施"], // a whole term, also inside 关键信息基础设施? no: scan decides
    ["關鍵基礎設施", "关键基础设施"], // traditional characters fold to simplified
    ["建立信任措施", "建立信任措施"], // a UN term of the user dictionary
    ["联络点名录", "联络点名录"],
    ["点名", "点名"], // a spurious jieba sub-word, still a substring
    ["法", "法"], // one character: the single-character index
    ["，包括", "，包括"], // punctuation at the edge, full-width
    ["A/AC.292", "A/AC.292"], // symbols: letters, digits, punctuation
    ["ＩＣＴ", "ICT"], // full-width Latin folds
    ["information and communications technologies", "information and communications technologies"],
    ["Open-ended working group", "open-ended working group"], // case folded
    ["States", "states"], // a whole word: not inside "statesman"
  ])("%s finds every paragraph a scan for %s finds", async (query, phrase) => {
    const expected = scan(paragraphs, phrase);
    expect(expected.length).toBeGreaterThan(0);
    expect(await found(query)).toEqual(expected);
  });

  test("any substring of any paragraph is found in that paragraph and wherever a scan finds it", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: paragraphs.length - 1 }),
        fc.nat(),
        fc.integer({ min: 2, max: 14 }),
        async (pi, start, len) => {
          const text = paragraphs[pi]!.text;
          const s = start % Math.max(1, text.length - len);
          const phrase = text.slice(s, s + len).trim();
          fc.pre(phrase.length >= 2 && /[\p{L}\p{N}]/u.test(phrase));
          const expected = scan(paragraphs, phrase);
          const got = await found(phrase);
          // A substring that starts or ends mid-word in English is not a phrase of whole words.
          if (expected.length) expect(got).toEqual(expected);
          if (/^[\p{Script=Han}]/u.test(phrase) && /[\p{Script=Han}]$/u.test(phrase)) {
            expect(got).toContain(paragraphs[pi]!.id);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
