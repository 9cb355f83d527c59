/**
 * The diff of two texts as a reader sees it: by character for Chinese, by word for English, on
 * the original text (real punctuation and spacing, which matching ignores). The reuse stage's
 * links and search's "your text against this paragraph" are drawn with it.
 */
import { diffChars, diffWords } from "diff";
import type { DiffOp } from "../../schemas/reuse.ts";

/** A diff from `a` to `b`: by character for zh, by word for en. */
export function diffTexts(a: string, b: string, lang: "zh" | "en"): DiffOp[] {
  const changes = lang === "zh" ? diffChars(a, b) : diffWords(a, b);
  return changes.map((c) => ({
    op: c.added ? "insert" : c.removed ? "delete" : "equal",
    text: c.value,
  }));
}
