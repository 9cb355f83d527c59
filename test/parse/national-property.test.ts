/**
 * Property tests for national papers: fast-check builds papers from a model (a title, numbered
 * sections and subsections in the Chinese (一、 / （一）) or decimal (1 / 1.1) scheme, unnumbered
 * paragraphs, paragraphs that introduce bullet items), renders them to Markdown, and the parser
 * must give back the model: each paragraph's address within its section, its whole heading path,
 * its items; and every character of the body in exactly one paragraph, heading or note, in order.
 * Also: symbol -> folder is one-to-one and reversible over generated symbols and ids.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { numberToCjk } from "../../core/text/numerals.ts";
import { isDocId, isUnSymbol, keyOfSlug, slugOf } from "../../schemas/index.ts";
import { coverageProblem } from "./coverage.ts";
import { parseMarkdown } from "./helpers.ts";

const para = fc.record({
  words: fc.array(fc.nat({ max: 9 }), { minLength: 3, maxLength: 10 }),
  items: fc.nat({ max: 3 }),
});
// A section holds something: a heading with nothing under it at the end of a paper is a guess the
// parser warns about (tested in structure.test.ts), not a layout to model.
const section = fc
  .record({
    words: fc.array(fc.nat({ max: 9 }), { minLength: 1, maxLength: 3 }),
    paragraphs: fc.array(para, { maxLength: 3 }),
    subsections: fc.array(
      fc.record({
        words: fc.array(fc.nat({ max: 9 }), { minLength: 1, maxLength: 3 }),
        paragraphs: fc.array(para, { minLength: 1, maxLength: 3 }),
      }),
      { maxLength: 3 },
    ),
  })
  .filter((s) => s.paragraphs.length > 0 || s.subsections.length > 0);
const paper = fc.record({
  zh: fc.boolean(),
  intro: fc.array(para, { maxLength: 2 }),
  sections: fc.array(section, { minLength: 1, maxLength: 4 }),
});

type Paper = typeof paper extends fc.Arbitrary<infer T> ? T : never;

interface Expected {
  address: string;
  headings: string[];
  items: number;
}

const ZH = ["各国", "应当", "加强", "合作", "维护", "网络", "安全", "和平", "稳定", "能力"];
const EN = ["States", "should", "cooperate", "on", "the", "security", "of", "networks", "and", "data"];

/** Render the model as a paper would stand, and list what the parser must find. */
function render(m: Paper): { md: string; expected: Expected[] } {
  const w = (ns: number[]) => ns.map((n) => (m.zh ? ZH : EN)[n]).join(m.zh ? "" : " ");
  const out: string[] = [];
  const expected: Expected[] = [];
  const title = m.zh ? "关于网络安全的立场文件" : "Position on the security of networks";
  out.push(title);
  const paras = (ps: Paper["intro"], scope: string | null, headings: string[]) => {
    ps.forEach((p, k) => {
      const text = w(p.words);
      if (p.items) {
        out.push(`${text}${m.zh ? "：" : ":"}`);
        for (let i = 1; i <= p.items; i++) out.push(`- ${w([i, i + 1])}${m.zh ? "；" : ";"}`);
      } else out.push(`${text}${m.zh ? "。" : "."}`);
      expected.push({ address: `${scope ? `@${scope}/` : ""}u${k + 1}`, headings, items: p.items });
    });
  };
  paras(m.intro, null, [title]);
  m.sections.forEach((s, i) => {
    const n = i + 1;
    const head = m.zh
      ? `${numberToCjk(n)}、${w(s.words)}`
      : `${n} ${w(s.words).replace(/^./, (c) => c.toUpperCase())}`;
    out.push(head);
    paras(s.paragraphs, String(n), [title, head]);
    s.subsections.forEach((sub, j) => {
      const subHead = m.zh
        ? `（${numberToCjk(j + 1)}）${w(sub.words)}`
        : `${n}.${j + 1} ${w(sub.words).replace(/^./, (c) => c.toUpperCase())}`;
      out.push(subHead);
      paras(sub.paragraphs, `${n}.${j + 1}`, [title, head, subHead]);
    });
  });
  return { md: `${out.join("\n\n")}\n`, expected };
}

describe("national papers, generated", () => {
  test("every paragraph is addressed within its section, keeps its whole heading path and its items", () => {
    fc.assert(
      fc.property(paper, (m) => {
        const { md, expected } = render(m);
        const parsed = parseMarkdown(md, {
          symbol: m.zh ? "cn-2024-generated" : "nz-2024-generated",
          lang: m.zh ? "zh" : "en",
          type: "position paper",
          status: "national",
          authors: [m.zh ? "CN" : "NZ"],
        });
        expect(
          parsed.paragraphs.map((p) => ({
            address: p.address,
            headings: p.headings,
            items: p.items?.length ?? 0,
          })),
        ).toEqual(expected);
        expect(parsed.diagnostics).toEqual([]);
        expect(coverageProblem(md, 1, parsed)).toBeNull();
      }),
      { numRuns: 150 },
    );
  });

  test("a paragraph added to one section renumbers nothing in another", () => {
    fc.assert(
      fc.property(paper, fc.nat(), (m, pick) => {
        const i = pick % m.sections.length;
        const before = render(m).expected;
        const grown = structuredClone(m);
        grown.sections[i]!.paragraphs.push({ words: [0, 1, 2], items: 0 });
        const after = render(grown).expected;
        const outside = (e: Expected) => !e.address.startsWith(`@${i + 1}/`);
        expect(after.filter(outside).map((e) => e.address)).toEqual(
          before.filter(outside).map((e) => e.address),
        );
      }),
      { numRuns: 50 },
    );
  });
});

/** Symbols as the UN issues them, and some it could: series, numbers, dotted and hyphenated parts. */
const segment = fc
  .array(fc.stringMatching(/^[A-Za-z0-9]{1,6}$/), { minLength: 1, maxLength: 3 })
  .chain((pieces) => fc.constantFrom(".", "-").map((sep) => pieces.join(sep)));
const symbol = fc
  .tuple(fc.stringMatching(/^[A-Z][A-Za-z0-9]{0,4}$/), fc.array(segment, { minLength: 1, maxLength: 5 }))
  .map(([first, rest]) => [first, ...rest].join("/"));
const docId = fc
  .tuple(
    fc.array(fc.stringMatching(/^[a-z][a-z0-9]{1,5}$/), { minLength: 1, maxLength: 3 }),
    fc.integer({ min: 1990, max: 2099 }),
    fc.array(fc.stringMatching(/^[a-z0-9]{1,8}$/), { minLength: 1, maxLength: 4 }),
  )
  .map(([authors, year, name]) => [...authors, String(year), ...name].join("-"));

describe("document keys and folders (issue 18, point 8)", () => {
  test("slugOf is one-to-one and reversible over generated symbols and ids", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(symbol, docId), { minLength: 2, maxLength: 30 }), (keys) => {
        const valid = [...new Set(keys)].filter((k) => isUnSymbol(k) || isDocId(k));
        for (const k of valid) expect(keyOfSlug(slugOf(k))).toBe(k);
        expect(new Set(valid.map(slugOf)).size).toBe(valid.length);
        for (const k of valid) expect(slugOf(k)).not.toMatch(/\/|^\.{1,2}$/);
      }),
      { numRuns: 500 },
    );
  });

  test.each([
    // [key, slug]: the cases the issue met, and the first slug scheme's
    ["A/78/265", "A-78-265"],
    ["A/ES-10/1", "A-ES--10-1"],
    ["A-ES/10/1", "A--ES-10-1"],
    ["A/AC.292/2023/2/Rev.1", "A-AC.292-2023-2-Rev.1"],
    ["cn-2024-ict-position", "cn-2024-ict-position"],
  ])("%s -> %s and back", (key, slug) => {
    expect(slugOf(key)).toBe(slug);
    expect(keyOfSlug(slug)).toBe(key);
  });

  test.each([
    "A/78/265/../../..",
    "A/78/./265",
    "A//78",
    "A/78/265.",
    "A/78--265",
    `A/${"1".repeat(300)}`,
    "a/78/265",
  ])("%s is not a key: no folder is made from it", (bad) => {
    expect(isUnSymbol(bad) || isDocId(bad)).toBe(false);
  });
});
