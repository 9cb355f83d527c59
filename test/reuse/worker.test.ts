/**
 * The reuse stage's first part computed ahead on a worker thread (pipeline/reuse/worker.ts)
 * against the same stage run on this thread: the same result and the same memo for the next
 * build, on the real seed (formulas, references, verbatim and partial reuse) and a few English
 * paragraphs of our own.
 */
import { describe, expect, test } from "vitest";
import { DEFAULT_OPTIONS, detectReuse, shingleCorpus, shinglingKey } from "../../pipeline/reuse/detect.ts";
import { reuseWithMemo } from "../../pipeline/reuse/incremental.ts";
import { pack, startShingling, unpack } from "../../pipeline/reuse/worker.ts";
import { SCHEMA_VERSION } from "../../schemas/index.ts";
import { documentRecord, paragraph } from "../factories.ts";
import { seed } from "./helpers.ts";

/** The seed, with an English document whose second paragraph repeats most of its first. */
function corpus() {
  const s = seed();
  const en = [
    "States should cooperate to strengthen the security of information and communications technologies and to protect critical infrastructure.",
    "States should cooperate to strengthen the security of information and communications technologies, and keep the directory of points of contact current.",
    "Too short to count.",
  ];
  const paragraphs = [...s.paragraphs, ...en.map((text) => paragraph({ doc: "A/79/2", lang: "en", text }))];
  const documents = [...s.documents, documentRecord({ symbol: "A/79/2", lang: "en", paragraphs: en.length })];
  return { ...s, paragraphs, documents };
}

describe("the reuse stage's first part on a worker thread", () => {
  test("gives the result and the memo the stage gives on the main thread", async () => {
    const input = corpus();
    const shingled = await startShingling(input.paragraphs);
    // Null would mean the worker did not run, and the comparison below would compare nothing.
    expect(shingled).not.toBeNull();
    // What detection checks before it starts from it: the same settings, the same paragraphs.
    expect(shingled!.key).toBe(shinglingKey(DEFAULT_OPTIONS));
    expect(shingled!.tokens.length).toBe(input.paragraphs.length);
    const ahead = reuseWithMemo(input, SCHEMA_VERSION, null, DEFAULT_OPTIONS, undefined, shingled);
    const here = reuseWithMemo(input, SCHEMA_VERSION, null);
    expect(here.result.reuse.length).toBeGreaterThan(0);
    expect(here.result.formulas.formulas.length).toBeGreaterThan(0);
    expect(ahead.result).toEqual(here.result);
    expect(ahead.memo).toEqual(here.memo);
  });

  test("packed flat and unpacked, it holds what was computed", () => {
    const { paragraphs } = corpus();
    const computed = shingleCorpus(paragraphs, DEFAULT_OPTIONS, true);
    expect(computed.tokens.some((t) => t === null)).toBe(true);
    expect(unpack(pack(computed), paragraphs.length)).toEqual(computed);
  });

  test("computed with other settings, it is not used", () => {
    const input = corpus();
    const other = { ...DEFAULT_OPTIONS, zh: { ...DEFAULT_OPTIONS.zh, k: DEFAULT_OPTIONS.zh.k + 2 } };
    const stale = shingleCorpus(input.paragraphs, other, true);
    expect(stale.index.off).not.toEqual(shingleCorpus(input.paragraphs, DEFAULT_OPTIONS, true).index.off);
    expect(detectReuse(input, DEFAULT_OPTIONS, undefined, stale)).toEqual(detectReuse(input));
  });
});
