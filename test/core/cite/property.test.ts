/**
 * Properties of the grammar, checked with fast-check: it never throws, whatever the text; what
 * it finds is well formed (spans inside the text, in order, raw words given back exactly); the
 * cleaning keeps every offset; and it stays linear on 1 MB pathological lines built to make a
 * backtracking matcher blow up (completing at all is the check: a quadratic or exponential
 * matcher would not finish within the test's limit, set far above any linear run's time so a
 * loaded machine cannot trip it; the timings are measured in the report).
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { clean } from "../../../core/cite/clean.ts";
import { findCitations, TRIGGERS, tryAt } from "../../../core/cite/find.ts";
import { readTyped } from "../../../core/cite/query.ts";
import { TitleMatcher } from "../../../core/cite/titles.ts";
import { extractCitations } from "../../../pipeline/cite/extract.ts";
import { loadRegistry, oneParagraph } from "../../cite/helpers.ts";

const registry = loadRegistry();
const titles = new TitleMatcher(registry);

/** Pieces of the grammar, so random strings come near real citations. */
const FRAGMENTS = [
  "第",
  " ",
  "，",
  ",",
  "、",
  "；",
  "。",
  ".",
  "(",
  ")",
  "（",
  "）",
  "[",
  "]",
  "《",
  "》",
  "“",
  "”",
  "\n",
  "号决议",
  "号决定",
  "段",
  "分段",
  "和",
  "至",
  "以及",
  "附件",
  "附件一",
  "上文",
  "本报告",
  "见",
  "同上",
  "执行部分",
  "国际法部分",
  "建议采取的下一步行动",
  "条",
  "项",
  "二",
  "三十三",
  "次",
  "年",
  "A/",
  "A/RES/",
  "75/240",
  "A/75/816",
  "/Rev.1",
  "16",
  "2021",
  "(a)",
  "(一)",
  "(iv)",
  "paragraph",
  "paras.",
  "para.",
  "annex",
  "I",
  "C",
  "to",
  "document",
  "of",
  "the",
  "above",
  "and",
  "resolution",
  "resolutions",
  "decision",
  "Article",
  "Charter",
  "Ibid.",
  "section on",
  "next steps",
  "2021 年不限成员名额工作组报告",
  "第一次年度进展报告",
  "2021 OEWG report",
  "联合国宪章",
];
const grammarish = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 60 }).map((a) => a.join(""));
const anyText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.string({ maxLength: 200 }),
  grammarish,
);

describe("the grammar on any string", () => {
  test("never throws, and every span lies inside the text, in order, non-empty", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const found = findCitations(text, titles);
        let prev: { start: number; end: number } | null = null;
        for (const f of found) {
          expect(f.start).toBeGreaterThanOrEqual(0);
          expect(f.end).toBeGreaterThan(f.start);
          expect(f.end).toBeLessThanOrEqual(text.length);
          // Targets of one expression share its span; otherwise spans follow each other.
          if (prev && !(prev.start === f.start && prev.end === f.end))
            expect(f.start).toBeGreaterThanOrEqual(prev.end);
          prev = f;
        }
      }),
      { numRuns: 2000 },
    );
  });

  test("cleaning keeps the length, so offsets in the cleaned text are offsets in the original", () => {
    fc.assert(fc.property(anyText, (text) => clean(text).length === text.length));
  });

  test("the whole stage never throws on a paragraph or footnote of any text", () => {
    fc.assert(
      fc.property(anyText, anyText, (text, note) => {
        const corpus = oneParagraph({
          doc: "A/99/1",
          num: ["1"],
          text,
          footnotes: [{ mark: "1", n: 1, text: note, at: text.length, source: { file: "f.md", line: 1 } }],
        });
        const { citations } = extractCitations({ ...corpus, registry });
        for (const c of citations) {
          const source = c.via === "footnote" ? note : text;
          expect(source.slice(c.span[0], c.span[1])).toBe(c.raw);
        }
      }),
      { numRuns: 500 },
    );
  });

  test("a citation is found whatever surrounds it", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.string({ maxLength: 30 }), (before, after) => {
        const text = `${before}。A/75/816，附件一，第 16 段。${after}`;
        const found = findCitations(text, titles).filter(
          (f) => f.kind === "doc" && f.symbols[0] === "A/75/816",
        );
        expect(found.length).toBeGreaterThan(0);
      }),
    );
  });
});

describe("linear time on 1 MB pathological lines", () => {
  const MB = 1 << 20;
  const line = (unit: string, head = "") => head + unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB);
  test.each([
    { name: "one trigger character repeated", text: line("第") },
    { name: "a list that never ends in 段", text: line("1 和 ", "第 ") },
    { name: "labels without end", text: line("(a)", "第 1") },
    { name: "a symbol that never ends", text: line("/1", "A") },
    { name: "unclosed book-title marks", text: line("《") },
    { name: "a title prefix repeated", text: line("不限成员名额工作组") },
    { name: "coordinated years without a title", text: line("2010 年、") },
    { name: "coordinated ordinals without a title", text: line("第一次和") },
    { name: "English pinpoints without a document", text: line("paragraph 1 of ") },
    { name: "a resolution list", text: line("75/240 and ", "resolutions ") },
    { name: "unclosed quotation marks", text: line("“") },
    { name: "spaces after a symbol", text: line(" ", "A/75/816") },
    { name: "at repeated after a symbol", text: line("at ", "A/78/265 ") },
    { name: "paragraph signs", text: line("¶") },
    { name: "bracketed paragraphs without end", text: line("[1], ", "A/78/265 at ") },
    { name: "articles of no Charter", text: line("Article 1 and ") },
    { name: "OP without end", text: line("OP1 and ", "resolution 1/1, ") },
    { name: "UN Doc without a symbol", text: line("UN Doc ") },
    { name: "years in brackets", text: line("(2023) ", "A/78/265 ") },
    { name: "subparagraphs without end", text: line("(a) and ", "para. 1, subparagraph ") },
  ])(
    "$name",
    ({ text }) => {
      const found = findCitations(text, titles);
      expect(Array.isArray(found)).toBe(true);
      // A typed citation is read the same way, then every character accounted for.
      const reading = readTyped(text, titles);
      expect(Array.isArray(reading.unread)).toBe(true);
    },
    // The limit tells linear from quadratic, not fast from slow: a linear pass over 1 MB takes
    // well under a second alone and a few seconds on a loaded 2-core machine (20 s was hit once
    // there), while a quadratic matcher's 10^12 steps would not finish in hours.
    180_000,
  );
});

describe("a typed citation: every character is read, noise, or said not read", () => {
  test("read and unread stretches never overlap, lie in order inside the query, and give back its words", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const r = readTyped(text, titles);
        const spans = [...r.read, ...r.unread].sort((a, b) => a.span[0] - b.span[0]);
        let end = 0;
        for (const { text: words, span } of spans) {
          expect(span[0]).toBeGreaterThanOrEqual(end);
          expect(span[1]).toBeGreaterThan(span[0]);
          expect(text.slice(span[0], span[1])).toBe(words);
          end = span[1];
        }
        expect(end).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 1000 },
    );
  });

  test("whatever is added after a citation is read into it or said not read, never dropped", () => {
    const tail = fc.string({ minLength: 1, maxLength: 12 }).filter((t) => /[\p{L}\p{N}]/u.test(t));
    fc.assert(
      fc.property(tail, (after) => {
        const query = `A/78/265, annex, para. 13 ${after}`;
        const r = readTyped(query, titles);
        const covered = [...r.read, ...r.unread].some((x) => x.span[1] > "A/78/265, annex, para. 13".length);
        expect(covered || NOISE_ONLY.test(after), after).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

/** A tail made only of what GRAMMAR.md lists as noise may vanish. */
const NOISE_ONLY =
  /^(?:[\s.,;:!?()[\]{}"'“”‘’«»。，；：、（）【】「」《》\-–—/]|\b(?:see|also|cf|compare|e\.g|and|the|in|document|doc)\b|见|参见|另见|参阅|以及|和|及|与|号文件|文件)*$/i;

describe("the walk steps over a character only where no rule can start", () => {
  // findCitations skips a character that is not in TRIGGERS and starts no title without asking
  // tryAt: that holds only while tryAt finds nothing at every such character.
  // What completes a rule after each character tryAt tests: 第 5 段, 75/240 号决议, A/RES/75/240,
  // ¶ 5 of A/75/816, 《2021 年政府专家组报告》, 上述决议, 上文第 5 段, 本报告第 5 段, 见第 5 段, 附件一第 5 段,
  // 同上, 该决议, 联合国宪章第五十一条.
  const after = [
    " 5 段",
    "5/240 号决议",
    "/RES/75/240",
    " 5 of A/75/816",
    "2021 年政府专家组报告》",
    "述决议",
    "文第 5 段",
    "报告第 5 段",
    "第 5 段",
    "件一第 5 段",
    "上",
    "决议",
    "合国宪章第五十一条",
  ];
  const skipped = (code: number) => TRIGGERS[code] === 0 && !titles.startsWithCode(code);

  test("tryAt finds nothing at any skipped character, whatever follows", () => {
    let count = 0;
    const found: string[] = [];
    for (let code = 0; code < 0x10000; code++) {
      if (!skipped(code)) continue;
      count++;
      const c = String.fromCharCode(code);
      for (const rest of after)
        if (tryAt(c + rest, 0, titles, { coordinatedFailEnd: -1 }) !== null) found.push(c + rest);
    }
    expect(found).toEqual([]);
    expect(count).toBeGreaterThan(60_000);
  });

  test("the title table agrees with startsWith at every code unit", () => {
    const differ: number[] = [];
    for (let code = 0; code < 0x10000; code++)
      if (titles.startsWithCode(code) !== titles.startsWith(String.fromCharCode(code))) differ.push(code);
    expect(differ).toEqual([]);
    expect(titles.startsWithCode("2".charCodeAt(0)) || titles.startsWithCode("不".charCodeAt(0))).toBe(true);
  });
});
