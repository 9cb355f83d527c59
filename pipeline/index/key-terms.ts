/**
 * Key terms of each Chinese document, from nodejieba's word cut with the UN user dictionary: the
 * words a document is about (信通技术, 建立信任措施, 联络点名录), for the site's term lists and
 * query suggestions. Pure: the cut is handed in, so the ranking is testable without nodejieba.
 *
 * Decision: tf-idf over the corpus's Chinese documents, on words of two or more characters minus
 * a short list of function words; with one document, idf is constant and frequency decides.
 */
import type { Paragraph } from "../../schemas/index.ts";

/** Frequent words that say nothing about a document's subject. */
const STOP = new Set(
  "以及 包括 进行 方面 有关 其他 这些 这种 所有 我们 他们 以便 通过 根据 关于 对于 可以 应当 已经 并且 或者 如何 为了 相关 继续 之间 其中 一个 一项 此外 因此 同时 认为 指出 表示 强调 注意 指出 重申 回顾".split(
    " ",
  ),
);

/**
 * The Chinese runs of a text (Latin, digits and punctuation split them, never reach the cut):
 * jieba.ts cuts each alone.
 */
export function chineseRuns(text: string): string[] {
  return text.match(/[\p{Script=Han}]+/gu) ?? [];
}

/** Each Chinese document's words (two characters or more, no stop words) with their counts. */
export type TermCounts = Map<string, Map<string, number>>;

/** The word counts of the Chinese paragraphs given, by document ("A/78/265|zh"). */
export function termCounts(
  paragraphs: readonly Pick<Paragraph, "doc" | "lang" | "text">[],
  cut: (text: string) => string[],
): TermCounts {
  const tf: TermCounts = new Map();
  for (const p of paragraphs) {
    if (p.lang !== "zh") continue;
    const key = `${p.doc}|${p.lang}`;
    let m = tf.get(key);
    if (!m) {
      m = new Map();
      tf.set(key, m);
    }
    for (const w of cut(p.text)) {
      if (w.length < 2 || STOP.has(w)) continue;
      m.set(w, (m.get(w) ?? 0) + 1);
    }
  }
  return tf;
}

/** In how many documents each word occurs. */
export function documentFrequency(tf: TermCounts): Map<string, number> {
  const df = new Map<string, number>();
  for (const m of tf.values()) for (const w of m.keys()) df.set(w, (df.get(w) ?? 0) + 1);
  return df;
}

/** One document's top `top` words by tf-idf over `n` documents (ties by word). */
export function topTerms(m: Map<string, number>, df: Map<string, number>, n: number, top: number): string[] {
  return [...m]
    .map(([w, c]) => [w, c * Math.log(1 + n / (df.get(w) ?? 1))] as const)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, top)
    .map(([w]) => w);
}

/**
 * Top `top` words of each Chinese document ("A/78/265|zh" -> words, best first; ties by word, so
 * the output is stable).
 */
export function keyTerms(
  paragraphs: readonly Paragraph[],
  cut: (text: string) => string[],
  top = 20,
): Record<string, string[]> {
  return rankTerms(termCounts(paragraphs, cut), top);
}

/** The key terms of every document of `tf`, in document order. */
export function rankTerms(tf: TermCounts, top = 20): Record<string, string[]> {
  const df = documentFrequency(tf);
  const out: Record<string, string[]> = {};
  for (const key of [...tf.keys()].sort()) out[key] = topTerms(tf.get(key)!, df, tf.size, top);
  return out;
}
