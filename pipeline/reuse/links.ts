/**
 * From detected links (unit indices) to `Reuse` records: spans as offsets into the original
 * texts, the length of the longest shared passage, and the diff that marks what changed.
 *
 * Decision: the diff comes from the `diff` package on the original text, by character for
 * Chinese (`diffChars`) and by word for English (`diffWords`), so a reader sees the real
 * punctuation and spacing that matching ignored. Joining its `equal` and `insert` steps always
 * gives the later paragraph's full text, and joining its `equal` and `delete` steps the earlier
 * paragraph's, so a page can show the later paragraph with what was added and what was removed,
 * and lose no word of either. For `verbatim` and `near` it is the diff of the two whole
 * paragraphs. For `partial` it is the diff of the aligned region (from the first shared passage
 * to the last; `spans` say where it sits in each paragraph), with the wording before and after
 * that region as removed (the earlier paragraph's) and added (the later one's): three opening
 * words replaced show the dropped words beside the new ones, and a reference the later text
 * dropped shows as dropped.
 */
import type { Passage } from "../../core/wording/align.ts";
import { diffTexts } from "../../core/wording/diff.ts";
import type { Tokens } from "../../core/wording/tokens.ts";
import type { DiffOp, Paragraph, Reuse, SharedSpan } from "../../schemas/index.ts";
import type { RawLink } from "./detect.ts";

/** A passage as character offsets: [start of its first unit, end of its last unit). */
export function spanOf(x: Passage, ta: Tokens, tb: Tokens): SharedSpan {
  return {
    from: [ta.start[x.a0]!, ta.end[x.a1 - 1]!],
    to: [tb.start[x.b0]!, tb.end[x.b1 - 1]!],
  };
}

/** The exported record of one link. `via` is "direct": found in this language's own texts. */
export function toReuse(
  link: RawLink,
  from: Paragraph,
  to: Paragraph,
  ta: Tokens,
  tb: Tokens,
  via: "direct" | "aligned" = "direct",
): Reuse {
  const spans = link.passages.map((x) => spanOf(x, ta, tb));
  // Characters for Chinese, words for English, of the longest passage in the later text.
  const length = Math.max(
    0,
    ...link.passages.map((x, i) => (to.lang === "zh" ? spans[i]!.to[1] - spans[i]!.to[0] : x.b1 - x.b0)),
  );
  const diff =
    link.kind === "partial" && spans.length
      ? regionDiff(from.text, to.text, spans, to.lang)
      : diffTexts(from.text, to.text, to.lang);
  return {
    from: from.id,
    to: to.id,
    kind: link.kind,
    score: link.score,
    spans,
    length,
    formula: link.formula,
    diff,
    via,
  };
}

/**
 * The diff of a partial link's region. When the passages run in the same order in both texts,
 * each passage is diffed on its own and the wording between two passages is shown as removed and
 * added (it is not shared, and a character diff of unrelated wording only finds stray common
 * characters); otherwise the region is diffed as a whole.
 */
function regionDiff(a: string, b: string, spans: SharedSpan[], lang: "zh" | "en"): DiffOp[] {
  const a0 = Math.min(...spans.map((s) => s.from[0]));
  const a1 = Math.max(...spans.map((s) => s.from[1]));
  const b0 = Math.min(...spans.map((s) => s.to[0]));
  const b1 = Math.max(...spans.map((s) => s.to[1]));
  // Outside the region the two texts share no wording: what the earlier one had there was
  // removed, what the later one has was added; only punctuation and spacing they end or start
  // alike with (the space before the region, the full stop after it) is kept as equal.
  return [
    ...outside(a.slice(0, a0), b.slice(0, b0), "before"),
    ...regionOnly(a, b, spans, lang),
    ...outside(a.slice(a1), b.slice(b1), "after"),
  ];
}

const NOT_WORD = /[^\p{L}\p{N}]/u;

/** The wording outside a partial link's region, on one side of it: removed, added, and what both have next to the region or at the paragraph's end. */
function outside(a: string, b: string, side: "before" | "after"): DiffOp[] {
  // Punctuation and spacing both have at the end (before the region) or the start (after it).
  let near = 0;
  const at = (s: string, k: number) => (side === "before" ? s[s.length - 1 - k] : s[k]);
  while (
    near < a.length &&
    near < b.length &&
    at(a, near) === at(b, near) &&
    NOT_WORD.test(at(a, near) as string)
  )
    near++;
  // After the region, what both end with too (the paragraph's full stop).
  let end = 0;
  if (side === "after")
    while (
      end < a.length - near &&
      end < b.length - near &&
      a[a.length - 1 - end] === b[b.length - 1 - end] &&
      NOT_WORD.test(a[a.length - 1 - end] as string)
    )
      end++;
  const out: DiffOp[] = [];
  const push = (op: DiffOp["op"], text: string) => {
    if (text) out.push({ op, text });
  };
  if (side === "before") {
    push("delete", a.slice(0, a.length - near));
    push("insert", b.slice(0, b.length - near));
    push("equal", a.slice(a.length - near));
  } else {
    push("equal", a.slice(0, near));
    push("delete", a.slice(near, a.length - end));
    push("insert", b.slice(near, b.length - end));
    push("equal", a.slice(a.length - end));
  }
  return out;
}

function regionOnly(a: string, b: string, spans: SharedSpan[], lang: "zh" | "en"): DiffOp[] {
  const ordered = spans.every(
    (s, i) => i === 0 || (s.from[0] >= spans[i - 1]!.from[1] && s.to[0] >= spans[i - 1]!.to[1]),
  );
  if (!ordered) {
    const a0 = Math.min(...spans.map((s) => s.from[0]));
    const a1 = Math.max(...spans.map((s) => s.from[1]));
    const b0 = Math.min(...spans.map((s) => s.to[0]));
    const b1 = Math.max(...spans.map((s) => s.to[1]));
    return diffTexts(a.slice(a0, a1), b.slice(b0, b1), lang);
  }
  const out: DiffOp[] = [];
  spans.forEach((s, i) => {
    if (i > 0) {
      const gapA = a.slice(spans[i - 1]!.from[1], s.from[0]);
      const gapB = b.slice(spans[i - 1]!.to[1], s.to[0]);
      if (gapA) out.push({ op: "delete", text: gapA });
      if (gapB) out.push({ op: "insert", text: gapB });
    }
    out.push(...diffTexts(a.slice(s.from[0], s.from[1]), b.slice(s.to[0], s.to[1]), lang));
  });
  return out;
}
