/**
 * The self-similarity measure (bench/self-similarity.ts) and the varied English generator
 * (bench/english.ts) it was made to check: the measure finds a paragraph's closest other
 * paragraph, in other documents and in its own, by search's `carried`; the varied English is
 * measurably less self-similar than the current generator's, is written as the parser expects,
 * and leaves the current generator's output as it was.
 */
import { createHash } from "node:crypto";
import { describe, expect, test } from "vitest";
import { generateCorpus, prng } from "../../bench/generate.ts";
import { nearest, spread, syntheticTexts, type Text } from "../../bench/self-similarity.ts";

const t = (id: string, doc: string, text: string, lang: "zh" | "en" = "en"): Text => ({
  id,
  doc,
  lang,
  text,
});

describe("nearest", () => {
  const texts = [
    t(
      "a1",
      "A",
      "Member States welcomed the practical guidance on incident notification between national teams.",
    ),
    // The whole of a1, in another document.
    t(
      "b1",
      "B",
      "Member States welcomed the practical guidance on incident notification between national teams.",
    ),
    // Half of a1's words, in a1's own document.
    t("a2", "A", "The practical guidance on incident notification was discussed at length by the meeting."),
    t("c1", "C", "Nothing here resembles any other paragraph of this small invented corpus at all."),
  ];
  const byId = new Map(nearest(texts, 10).map((n) => [n.id, n]));

  test.each([
    // [paragraph, best share in other documents, best share in its own document]
    ["a1", 1, 6 / 12], // b1 carries it whole; a2 six of its 12 words, "the practical ... notification"
    ["b1", 1, 0], // a1 is in another document; B has no other paragraph
    ["c1", 0, 0], // shares nothing
  ] as const)("%s: across %d, within %d", (id, across, within) => {
    const n = byId.get(id);
    expect(n?.across).toBeCloseTo(across, 5);
    expect(n?.within).toBeCloseTo(within, 5);
  });

  test("draws every paragraph when asked for more than there are, the same ones for one seed", () => {
    expect(byId.size).toBe(texts.length);
    expect(nearest(texts, 2, 5).map((n) => n.id)).toEqual(nearest(texts, 2, 5).map((n) => n.id));
  });

  test("spread gives quantiles and the shares at 50 % and 80 %", () => {
    const s = spread([0, 0.2, 0.5, 0.9]);
    expect(s).toMatchObject({ n: 4, p50: 0.5, p90: 0.9, atHalf: 0.5, atFourFifths: 0.25 });
    expect(s.mean).toBeCloseTo(0.4, 10);
  });
});

describe("the varied English generator", () => {
  test("leaves the current generator's output unchanged: the default is the current English", () => {
    const digest = (english?: "current" | "varied") => {
      const g = generateCorpus({ paragraphs: 800, seed: 3, english });
      const h = createHash("sha256");
      for (const [k, v] of [...g.files].sort()) h.update(k).update(v);
      return h.digest("hex");
    };
    expect(digest()).toBe(digest("current"));
    expect(digest("varied")).not.toBe(digest());
  });

  test("its English paragraphs are all found by the parser, one language per document", () => {
    const g = generateCorpus({ paragraphs: 1200, seed: 1, english: "varied" });
    const texts = syntheticTexts(1200, "varied");
    const planned = g.docs.reduce((s, d) => s + d.paragraphs, 0);
    expect(texts.length).toBeLessThanOrEqual(planned);
    expect(texts.filter((x) => x.lang === "en").length).toBeGreaterThan(100);
    for (const x of texts.filter((y) => y.lang === "en")) expect(x.text).not.toMatch(/\p{Script=Han}/u);
  });

  test("is measurably less self-similar than the current English on the same corpus size", () => {
    const en = (english: "current" | "varied") =>
      syntheticTexts(3000, english).filter((x) => x.lang === "en");
    const current = spread(nearest(en("current"), 150).map((n) => n.across));
    const varied = spread(nearest(en("varied"), 150).map((n) => n.across));
    // Measured 56 % against 15 % (mean best share, 3,000 paragraphs): far apart, not at a margin.
    expect(varied.mean).toBeLessThan(current.mean / 2);
    expect(varied.atHalf).toBeLessThan(current.atHalf / 2);
  });

  test("draws its wording from its own PRNG: one seed, one corpus", () => {
    const a = generateCorpus({ paragraphs: 800, seed: 9, english: "varied" });
    const b = generateCorpus({ paragraphs: 800, seed: 9, english: "varied" });
    expect([...a.files]).toEqual([...b.files]);
    expect(prng(9)()).toBe(prng(9)());
  });
});
