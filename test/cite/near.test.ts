/**
 * What a citation nearly said (core/cite/near.ts): the registered symbols a keystroke away, the
 * registered names holding a half-remembered name's words, a number written without its series.
 */
import { expect, test } from "vitest";
import { bareNumber, misspeltPinpoints, nearNames, nearSymbols, oneEditApart } from "../../core/cite/near.ts";
import type { CiteRegistryEntry } from "../../core/cite/resolve.ts";

const entry = (symbol: string, en: string[] = []): [string, CiteRegistryEntry] => [
  symbol,
  { symbol, short: { zh: [], en } },
];
const registry = new Map([
  entry("A/78/265", ["second annual progress report"]),
  entry("A/RES/78/265"),
  entry("A/75/816", ["2021 OEWG final report", "2021 OEWG report"]),
  entry("A/80/257", ["2025 OEWG final report"]),
  entry("cn-2024-ict-position"),
]);

test.each([
  ["A/78/265", "A/78/256", true], // two neighbours swapped
  ["A/78/265", "A/78/266", true], // one changed
  ["A/78/265", "A/78/2655", true], // one doubled
  ["A/78/265", "A/78/25", true], // one left out
  ["A/78/265", "A/78/562", false], // two apart
  ["A/78/265", "A/87/256", false], // two swaps
  ["A/78/265", "A/78/265", true], // itself
])("%s and %s one edit apart: %s", (a, b, want) => {
  expect(oneEditApart(a, b)).toBe(want);
  expect(oneEditApart(b, a)).toBe(want);
});

test("a mistyped symbol is offered the registered ones a keystroke away, never a national paper's id", () => {
  expect(nearSymbols("A/78/256", registry)).toEqual(["A/78/265"]);
  expect(nearSymbols("A/78/265", registry)).toEqual([]);
  expect(nearSymbols("A/99/999", registry)).toEqual([]);
});

test.each([
  // Both final reports hold the words; neither is picked.
  [
    "OEWG final report, para 5",
    [
      { name: "2021 OEWG final report", symbol: "A/75/816" },
      { name: "2025 OEWG final report", symbol: "A/80/257" },
    ],
  ],
  // A year narrows it to the names holding it.
  [
    "2021 OEWG, para. 5",
    [
      { name: "2021 OEWG final report", symbol: "A/75/816" },
      { name: "2021 OEWG report", symbol: "A/75/816" },
    ],
  ],
  // Only pinpoint words and small words: nothing to go on.
  ["the para. 5", []],
  // A word no registered name holds.
  ["GGE final report, para. 5", []],
])("%s: the registered names holding its words", (query, want) => {
  expect(nearNames(query, registry)).toEqual(want);
});

test("a number without its series names the registered symbols of that number", () => {
  expect(bareNumber("第 78/265 号文件附件第 23 段", registry)).toEqual({
    phrase: "第 78/265 号文件",
    number: "78/265",
    symbols: ["A/78/265", "A/RES/78/265"],
  });
  expect(bareNumber("document 78/265, annex, para. 23", registry)?.symbols).toEqual([
    "A/78/265",
    "A/RES/78/265",
  ]);
  // A resolution's number is the grammar's to read, and a symbol is no bare number.
  expect(bareNumber("第 78/265 号决议", registry)).toBeNull();
  expect(bareNumber("A/78/265 号文件附件第 23 段", registry)).toBeNull();
  expect(bareNumber("S/78/265 号文件", registry)).toBeNull();
});

test.each([
  ["anex, para. 23", [["anex", "annex"]]], // a letter left out
  ["parragraph 23", [["parragraph", "paragraph"]]], // a letter doubled
  ["Secton 2", [["Secton", "section"]]], // the case as written
  ["part 2 and parts 3", []], // words of their own, one letter from "para"
  ["para. 23 and annex", []], // spelt right
  ["at 5 pa 3", []], // too short to be sure of
])("%s: the pinpoint words it nearly spells", (text, want) => {
  expect(misspeltPinpoints(text)).toEqual(want);
});
