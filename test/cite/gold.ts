/**
 * The hand-checked citation sets (test/cite/gold/*.txt): one line per citation, as a person
 * reading the document listed it. Lines starting with "MISS " are true citations the grammar does
 * not find yet: they are left out of the asserted set and counted in a second recall figure, so a
 * known gap is visible instead of hidden. "#" starts a comment.
 *
 * Line format: `<from> <via>[:<footnote mark>] | <raw> => <target>` where the target is
 * `<doc> [<part labels>] «<section>» <num>` ("whole" for no number) or `UN Charter art. 2(3)`.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Citation } from "../../schemas/index.ts";
import {
  type Corpus,
  fixture,
  merge,
  RES_80_22,
  realResolution,
  repoRoot,
  res8016,
  seed,
} from "./helpers.ts";

/**
 * The hand-checked sets: a label, the set's file name and the corpus it was checked on. The real
 * resolutions are read in place from ../shared: without it (`shared` false), their sets are left out.
 */
export function goldSets(shared: boolean): [string, string, () => Corpus][] {
  return [
    ["the seed A/78/265 (zh, real)", "A-78-265.zh", seed],
    ...(shared
      ? ([
          ["A/RES/80/16 (en, real, read in place)", "A-RES-80-16.en", res8016],
          [
            "A/RES/80/22 (en, real, read in place)",
            "A-RES-80-22.en",
            () => realResolution(RES_80_22, "A/RES/80/22"),
          ],
        ] as [string, string, () => Corpus][])
      : []),
    ["our fixtures (en and zh)", "fixtures", fixtures],
  ];
}

/** Our own fixtures, as one corpus: test/fixtures/cite/*.md. */
export function fixtures(): Corpus {
  return merge(...FIXTURES.map(fixture));
}

/** The names of our citation fixtures, test/fixtures/cite/<name>.md. */
export const FIXTURES = [
  "en-report",
  "en-cited",
  "zh-notes",
  "en-un-layout",
  "en-forms",
  "zh-forms",
] as const;

/** The line a citation is listed by. */
export function citationLine(c: Citation): string {
  const t = c.target;
  const target =
    "article" in t
      ? `UN Charter art. ${t.article}${t.para ? `(${t.para})` : ""}`
      : `${t.doc} [${t.part.join(", ")}]${t.section ? ` «${t.section}»` : ""} ${t.num.length ? t.num.join(".") : "whole"}`;
  return `${c.from} ${c.via}${c.footnote ? `:${c.footnote}` : ""} | ${c.raw.replace(/\s+/g, " ")} => ${target}`;
}

export interface Gold {
  /** Citations the grammar must find. */
  expected: string[];
  /** True citations it does not find yet. */
  misses: string[];
}

/** Read test/cite/gold/<name>.txt. */
export function loadGold(name: string): Gold {
  const lines = readFileSync(resolve(repoRoot, `test/cite/gold/${name}.txt`), "utf8")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
  return {
    expected: lines.filter((l) => !l.startsWith("MISS ")),
    misses: lines.filter((l) => l.startsWith("MISS ")).map((l) => l.slice(5)),
  };
}

/** Precision and recall of found lines against a gold set (multisets: a citation may recur). */
export function score(found: string[], gold: Gold) {
  const want = new Map<string, number>();
  for (const g of gold.expected) want.set(g, (want.get(g) ?? 0) + 1);
  let hits = 0;
  const extra: string[] = [];
  for (const f of found) {
    const n = want.get(f) ?? 0;
    if (n > 0) {
      hits++;
      want.set(f, n - 1);
    } else extra.push(f);
  }
  const missing = [...want.entries()].flatMap(([line, n]) => Array<string>(n).fill(line));
  const all = gold.expected.length + gold.misses.length;
  return {
    precision: found.length ? hits / found.length : 1,
    recall: gold.expected.length ? hits / gold.expected.length : 1,
    recallWithKnownMisses: all ? hits / all : 1,
    extra,
    missing,
  };
}
