/**
 * Type-ahead (core/search/suggest.ts, entries from site/src/lib/suggest.ts): documents by symbol,
 * title and short title in zh and en, States by name in both languages, prefix and fuzzy matching
 * as MiniSearch does them over search's own tokeniser.
 */
import { describe, expect, test } from "vitest";
import { type SuggestEntry, suggest, suggestionIndex, suggestTerms } from "../../../core/search/suggest.ts";
import { stateDetail, suggestFile } from "../../../site/src/lib/suggest.ts";
import { documentRecord } from "../../factories.ts";

const entry = (over: Partial<SuggestEntry> & Pick<SuggestEntry, "id" | "key" | "names">): SuggestEntry => ({
  kind: "document",
  label: over.key,
  detail: "",
  url: `/x/${over.key}/`,
  ...over,
});

const entries = [
  entry({
    id: "document:A/78/265",
    key: "A/78/265",
    names: ["不限成员名额工作组第二次年度进展报告", "second annual progress report", "second APR"],
  }),
  entry({
    id: "document:A/77/275",
    key: "A/77/275",
    names: ["第一次年度进展报告", "first annual progress report"],
  }),
  entry({ id: "document:A/RES/76/19", key: "A/RES/76/19", names: ["Developments in the field of ICTs"] }),
  entry({ id: "state:AU", kind: "state", key: "AU", names: ["Australia", "澳大利亚"] }),
  entry({ id: "state:AT", kind: "state", key: "AT", names: ["Austria", "奥地利"] }),
];
const index = suggestionIndex(entries);
const ids = (typed: string) => suggest(index, typed).map((s) => s.id);

describe("suggest", () => {
  test.each([
    { typed: "A/78", ids: ["document:A/78/265"] }, // a symbol's beginning
    { typed: "a/res", ids: ["document:A/RES/76/19"] }, // case folded
    { typed: "不限成员", ids: ["document:A/78/265"] }, // inside a Chinese title, as one types
    { typed: "年度进展", ids: ["document:A/77/275", "document:A/78/265"] }, // both titles hold it
    { typed: "second ann", ids: ["document:A/78/265"] }, // the last word a prefix
    { typed: "澳大", ids: ["state:AU"] }, // a State by its Chinese name
    { typed: "不限成园", ids: [] }, // no fuzzy matching of Chinese: one character off is another word
    { typed: "  ", ids: [] },
  ])("$typed -> $ids", ({ typed, ids: expected }) => {
    expect(ids(typed).sort()).toEqual([...expected].sort());
  });

  test("a misspelt Latin word finds the name nearest to it first (fuzzy matching)", () => {
    expect(ids("Australa")[0]).toBe("state:AU"); // one letter missing; Austria is two edits away
    expect(ids("Austia")).toEqual(["state:AT"]); // one letter missing from Austria, three from Australia
  });

  test("the symbol counts first: A/77/275 before a title that merely mentions 77", () => {
    const more = suggestionIndex([
      ...entries,
      entry({ id: "document:X/1", key: "X/1", names: ["77 proposals"] }),
    ]);
    expect(suggest(more, "77")[0]?.id).toBe("document:A/77/275");
  });

  test("search's cut: character pairs and folded, stemmed words", () => {
    expect(suggestTerms("關鍵基礎 Reports")).toEqual(["关键", "键基", "基础", "report"]);
  });
});

describe("the site's entries", () => {
  test("documents with both titles and the registry's short titles, States in both languages, topics after", () => {
    const en = documentRecord({
      symbol: "A/78/265",
      lang: "en",
      title: "Second progress report",
      date: "2023-08-01",
    });
    const zh = documentRecord({
      symbol: "A/78/265",
      lang: "zh",
      title: "第二次进展报告",
      date: "2023-08-01",
    });
    const file = suggestFile(
      {
        bySymbol: new Map([["A/78/265", { en, zh }]]),
        states: new Map([
          [
            "AU",
            {
              state: { code: "AU", name: { en: "Australia", zh: "澳大利亚" }, printed: "澳大利亚" },
              papers: [],
              documents: [],
              sections: [],
            },
          ],
        ]),
      },
      {
        documents: [
          {
            symbol: "A/78/265",
            type: "report",
            date: "2023-08-01",
            title: { en: "Second progress report", zh: "第二次进展报告" },
            short: { en: ["second APR"], zh: ["第二次年度进展报告"] },
          },
        ],
      } as never,
      [
        entry({
          id: "topic:cbms",
          kind: "topic",
          key: "CBMs",
          names: ["confidence-building measures", "建立信任措施"],
        }),
      ],
    );
    expect(file.entries.map((e) => [e.id, e.url])).toEqual([
      ["document:A/78/265", "/doc/A-78-265/"],
      ["state:AU", "/states/AU/"],
      ["topic:cbms", "/x/CBMs/"],
    ]);
    expect(file.entries[0]?.names).toEqual([
      "Second progress report",
      "第二次进展报告",
      "second APR",
      "第二次年度进展报告",
    ]);
    expect(suggest(suggestionIndex(file.entries), "建立信任").map((s) => s.kind)).toEqual(["topic"]);
  });
});

describe("a State's entry says what it holds", () => {
  test.each([
    [1, 0, 2, "1 paper · 2 working papers"],
    [0, 1, 0, "1 section of a compendium"],
    [2, 3, 1, "2 papers · 3 sections of compendia · 1 working paper"],
    [0, 0, 0, "no papers held"],
  ])("%i papers, %i sections, %i working papers: %s", (papers, sections, workingPapers, detail) => {
    expect(stateDetail(papers, sections, workingPapers)).toBe(detail);
  });
});
