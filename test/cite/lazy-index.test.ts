/**
 * The citation index built as it is read (core/cite/resolve.ts indexLazily), which the cite stage
 * uses, against the index built whole (indexWith): the same versions, paragraphs, addresses and
 * paragraphs by id, on the corpus the cite stage's tests read and on paragraphs in odd orders
 * (a version's paragraphs apart, ids of another shape, an id twice).
 */
import { describe, expect, test } from "vitest";
import { indexLazily, indexWith, statesOf } from "../../core/cite/resolve.ts";
import { type ParagraphRun, scanRuns } from "../../pipeline/paragraph-runs.ts";
import type { DocumentRecord, Paragraph } from "../../schemas/index.ts";
import { paragraph } from "../factories.ts";
import { fixture, loadRegistry, merge, seed } from "./helpers.ts";

type Input = { documents: DocumentRecord[]; paragraphs: Paragraph[] };

/**
 * Every answer of the two indexes compared, for the ids of the paragraphs and some others: the
 * lazy one built from its own pass over the paragraphs, and from their runs found before
 * (paragraph-runs.ts, as a build after a change gives them).
 */
function same(input: Input, others: string[] = []): void {
  sameWith(input, others, null);
  sameWith(input, others, scanRuns(input.paragraphs));
  sameWith(input, others, scanRuns(input.paragraphs), true);
}

/**
 * With `reads`, a paragraph's address and the paragraph alone are given as the build after a
 * change knows them (KnownReads), and a version's addresses are asked before its paragraphs: no
 * version's paragraphs are gathered for them, each answer read alone.
 */
function sameWith(input: Input, others: string[], runs: ParagraphRun[] | null, reads = false): void {
  const registry = loadRegistry();
  const states = statesOf(input.documents);
  const whole = indexWith(input.documents, input.paragraphs, registry, states);
  const alone: number[] = [];
  const known = reads
    ? {
        idAt: (i: number) => input.paragraphs[i]!.id,
        addressAt: (i: number) => input.paragraphs[i]!.address,
        one: (i: number) => {
          alone.push(i);
          return input.paragraphs[i]!;
        },
      }
    : null;
  const lazy = indexLazily(input.documents, input.paragraphs, registry, states, runs, known);
  if (reads) {
    for (const [symbol, langs] of whole.docs)
      for (const [lang, v] of langs) {
        const w = lazy.docs.get(symbol)!.get(lang)!;
        for (const address of [...v.byAddress.keys(), "no-such-address", ""]) {
          expect(w.byAddress.get(address), address).toBe(v.byAddress.get(address));
          expect(w.byAddress.has(address), address).toBe(v.byAddress.has(address));
        }
      }
    expect(alone.length).toBeGreaterThan(0);
  }
  // By id first, before anything reads the whole map.
  for (const id of [...input.paragraphs.map((p) => p.id), ...others]) {
    expect(lazy.byId.get(id), id).toBe(whole.byId.get(id));
    expect(lazy.byId.has(id), id).toBe(whole.byId.has(id));
  }
  expect([...lazy.docs.keys()]).toEqual([...whole.docs.keys()]);
  for (const [symbol, langs] of whole.docs) {
    const mine = lazy.docs.get(symbol)!;
    expect([...mine.keys()]).toEqual([...langs.keys()]);
    for (const [lang, v] of langs) {
      const w = mine.get(lang)!;
      expect(w.record).toBe(v.record);
      expect(w.paragraphs.length).toBe(v.paragraphs.length);
      for (const [i, p] of v.paragraphs.entries()) expect(w.paragraphs[i]).toBe(p);
      expect([...w.byAddress]).toEqual([...v.byAddress]);
    }
  }
  expect([...lazy.byId.keys()]).toEqual([...whole.byId.keys()]);
  expect(lazy.byId.size).toBe(whole.byId.size);
  expect([...lazy.registry]).toEqual([...whole.registry]);
  expect([...lazy.stateNames]).toEqual([...whole.stateNames]);
  // The titles it matches: the registry's, and the held papers' ids (withHeldIds).
  const names = [
    ...registry.documents.flatMap((d) => [...d.short.zh, ...d.short.en]),
    ...input.documents.map((d) => d.symbol),
  ];
  for (const name of names) expect(lazy.titles.lookup(name), name).toEqual(whole.titles.lookup(name));
}

describe("the citation index built as it is read", () => {
  const corpus = merge(seed(), fixture("en-report"), fixture("en-cited"), fixture("zh-notes"));

  test("answers as the whole index on the cite stage's corpus", () => {
    expect(corpus.paragraphs.length).toBeGreaterThan(100);
    const first = corpus.paragraphs[0]!;
    same(corpus, [`${first.id}x`, "A-78-265/zh/no-such", "no-slash", "one/slash", ""]);
  });

  test("answers as the whole index when a version's paragraphs stand apart", () => {
    // The paragraphs reversed: every version's paragraphs in runs of one, versions interleaved.
    const mixed = [...corpus.paragraphs].reverse();
    const odd = corpus.paragraphs
      .filter((_, i) => i % 2 === 0)
      .concat(corpus.paragraphs.filter((_, i) => i % 2));
    same({ ...corpus, paragraphs: mixed });
    same({ ...corpus, paragraphs: odd });
  });

  test("answers as the whole index for ids of another shape, an id twice, a paragraph of no version", () => {
    const p = (doc: string, lang: "zh" | "en", id: string, address: string) =>
      paragraph({ doc, lang, id, address, text: "x" });
    const documents = corpus.documents.slice(0, 2);
    const [a, b] = documents;
    const base = [
      p(a!.symbol, a!.lang, "s/zh/1", "1"),
      p(a!.symbol, a!.lang, "s/zh/2", "2"),
      p(b!.symbol, b!.lang, "t/en/1", "1"),
      p("Nowhere", "en", "s/zh/1", "9"),
      p(a!.symbol, a!.lang, "s/zh/1", "1bis"),
    ];
    same({ documents, paragraphs: base }, ["s/zh/3", "t/en/1"]);
    // An id that does not start with its run's "slug/lang/": the whole map is read.
    same({ documents, paragraphs: [...base, p(b!.symbol, b!.lang, "s/zh/2", "2")] }, ["s/zh/2"]);
    same({ documents, paragraphs: [p(a!.symbol, a!.lang, "flat", "1"), ...base] }, ["flat"]);
  });
});
