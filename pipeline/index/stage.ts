/**
 * The "index" stage: the search index under dist/data/search/ (build.ts), with each Chinese
 * document's key terms from nodejieba (key-terms.ts through the jieba.ts host).
 *
 * Decision: the index itself never depends on nodejieba (recall comes from the shared tokeniser);
 * if nodejieba cannot load, the key terms are left out with a warning and the index is built.
 */
import { diag } from "../diagnostics.ts";
import type { Stage } from "../stages.ts";
import { buildSearchIndex } from "./build.ts";
import { cutWords } from "./jieba.ts";
import { keyTerms } from "./key-terms.ts";

export const indexStage: Stage = {
  name: "index",
  run(ctx) {
    const diagnostics = [];
    let terms: Record<string, string[]> = {};
    if (ctx.paragraphs.some((p) => p.lang === "zh")) {
      try {
        terms = keyTerms(ctx.paragraphs, cutWords);
      } catch (e) {
        diagnostics.push(
          diag(
            "index/segmenter-unavailable",
            { file: "pipeline/index/jieba.ts", line: 1 },
            `nodejieba could not be loaded (${(e as Error).message}); key terms are left out of the search index.`,
            "Run `npm rebuild nodejieba`; search itself does not need it.",
          ),
        );
      }
    }
    const built = buildSearchIndex(ctx.paragraphs, ctx.documents, { keyTerms: terms });
    const files: Record<string, string | Uint8Array> = {};
    for (const [path, content] of Object.entries(built.files)) files[`search/${path}`] = content;
    return { files, diagnostics, data: { manifest: built.manifest, stats: built.stats } };
  },
};
