/**
 * The diff of two texts as a reader sees it: by character for Chinese, by word for English, on
 * the original text (real punctuation and spacing, which matching ignores). The reuse stage's
 * links and search's "your text against this paragraph" are drawn with it.
 *
 * Decision: the alignment's tie rule (align.ts, joinRuns) holds here too, so the wording a diff
 * marks equal is the wording the measure counted: an equal piece with text of one side only
 * between it and the next equal piece is moved over it to join that piece, where the same text
 * stands there ("and " paired with the second "and" of "open and transparent manner, and the
 * delegations", not the first).
 */
import { diffChars, diffWords } from "diff";
import type { DiffOp } from "../../schemas/reuse.ts";

/** A diff from `a` to `b`: by character for zh, by word for en. */
export function diffTexts(a: string, b: string, lang: "zh" | "en"): DiffOp[] {
  const changes = lang === "zh" ? diffChars(a, b) : diffWords(a, b);
  return joinEqual(
    changes.map((c) => ({
      op: c.added ? "insert" : c.removed ? "delete" : "equal",
      text: c.value,
    })),
    lang,
  );
}

/** A word character: an English diff joins pieces only where a word starts. */
const WORD = /[\p{L}\p{N}]/u;

/**
 * The tie rule on a reader's diff: an equal piece E, an edit of one side only D, an equal piece F
 * become one edit and one equal piece E + F when D ends with E (E moved forward) or starts with F
 * (F moved back); in English only where the moved piece starts and ends on a word's edge. The
 * join making the longest equal piece first, as joinRuns does; each keeps both texts whole.
 */
export function joinEqual(ops: DiffOp[], lang: "zh" | "en"): DiffOp[] {
  let out = ops;
  for (;;) {
    let best = -1;
    let bestLength = 0;
    let forward = false;
    for (let x = 0; x + 2 < out.length; x++) {
      const [e, d, f] = [out[x]!, out[x + 1]!, out[x + 2]!];
      if (e.op !== "equal" || d.op === "equal" || f.op !== "equal") continue;
      const length = e.text.length + f.text.length;
      if (length <= bestLength) continue;
      const cut = d.text.length - e.text.length;
      const edge = (s: string, at: number) =>
        lang === "zh" || at <= 0 || at >= s.length || !WORD.test(s[at - 1]!) || !WORD.test(s[at]!);
      const fwd = cut >= 0 && d.text.endsWith(e.text) && edge(d.text, cut);
      const back = d.text.length >= f.text.length && d.text.startsWith(f.text) && edge(d.text, f.text.length);
      if (!fwd && !back) continue;
      best = x;
      bestLength = length;
      forward = fwd && (!back || e.text.length <= f.text.length);
    }
    if (best < 0) return out;
    const [e, d, f] = [out[best]!, out[best + 1]!, out[best + 2]!];
    const moved: DiffOp[] = forward
      ? [
          { op: d.op, text: e.text + d.text.slice(0, d.text.length - e.text.length) },
          { op: "equal", text: e.text + f.text },
        ]
      : [
          { op: "equal", text: e.text + f.text },
          { op: d.op, text: d.text.slice(f.text.length) + f.text },
        ];
    out = tidy([...out.slice(0, best), ...moved, ...out.slice(best + 3)]);
  }
}

/** Edits next to each other as one deletion then one insertion; equal pieces next to each other as one. */
function tidy(ops: DiffOp[]): DiffOp[] {
  const out: DiffOp[] = [];
  let del = "";
  let ins = "";
  const flush = () => {
    if (del) out.push({ op: "delete", text: del });
    if (ins) out.push({ op: "insert", text: ins });
    del = "";
    ins = "";
  };
  for (const o of ops) {
    if (!o.text) continue;
    if (o.op === "delete") del += o.text;
    else if (o.op === "insert") ins += o.text;
    else {
      flush();
      const last = out[out.length - 1];
      if (last?.op === "equal" && !del && !ins) last.text += o.text;
      else out.push({ ...o });
    }
  }
  flush();
  return out;
}
