/**
 * Quotation check: where a paragraph quotes (“…”, "…", 「…」) and cites a paragraph held in the
 * corpus, verify that the quoted words stand in the cited paragraph.
 *
 * Decisions: the comparison ignores width, spacing, case and punctuation style (a quotation
 * that writes "，" for "," or drops a space still matches), and an ellipsis splits a quotation
 * into fragments that must appear in order. A quotation shorter than four characters is a term
 * in quotation marks ("ping"), not a quotation, and is not checked.
 */
import type { QuoteCheck } from "../../schemas/index.ts";

/** A quotation in a text: offsets of the words inside the quotation marks. */
export interface Quote {
  start: number;
  end: number;
  text: string;
}

/** Opening marks and their closes; findQuotes tests the openers' codes (U+201C, U+300C, U+300E, U+0022). */
const PAIRS: Record<string, string> = { "“": "”", "「": "」", "『": "』", '"': '"' };
const MAX_QUOTE = 4000;
/** Shortest normalised quotation worth checking. */
export const MIN_QUOTE = 4;

/** Quotations in a text, outermost only, in order. Linear: each close is searched once. */
export function findQuotes(text: string): Quote[] {
  const out: Quote[] = [];
  let i = 0;
  while (i < text.length) {
    // By code first: most characters open nothing, and a one-character string of each (new for
    // every Chinese character) looked up in PAIRS was most of this function's time.
    const code = text.charCodeAt(i);
    if (code !== 0x201c && code !== 0x300c && code !== 0x300e && code !== 0x22) {
      i++;
      continue;
    }
    const close = PAIRS[text[i]!]!;
    const end = text.indexOf(close, i + 1);
    if (end < 0 || end - i > MAX_QUOTE) {
      i++;
      continue;
    }
    out.push({ start: i + 1, end, text: text.slice(i + 1, end) });
    i = end + 1;
  }
  return out;
}

/** Normal form for comparison: width folded (NFKC), lower-case, no spaces, no punctuation. */
export function normaliseForQuote(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, "");
}

/**
 * Check a quotation against the cited paragraph's text.
 * @returns null when the quotation is too short to be checked
 */
export function checkQuote(quote: string, cited: string): QuoteCheck | null {
  const fragments = quote
    .split(/…+|\.{3,}|⋯+/)
    .map(normaliseForQuote)
    .filter((f) => f.length > 0);
  const total = fragments.reduce((n, f) => n + f.length, 0);
  if (total < MIN_QUOTE) return null;
  const hay = normaliseForQuote(cited);
  let from = 0;
  for (const f of fragments) {
    const at = hay.indexOf(f, from);
    if (at < 0) return { quote, result: "mismatch", closest: closest(quote, cited) };
    from = at + f.length;
  }
  return { quote, result: "match", closest: null };
}

/**
 * The passage of the cited text most like the quotation: the window of the quotation's length
 * sharing most character bigrams with it. Bounded by the two lengths' product.
 */
export function closest(quote: string, cited: string): string | null {
  const q = quote.trim();
  if (cited.length === 0 || q.length === 0) return null;
  const want = new Map<string, number>();
  for (let k = 0; k + 1 < q.length; k++) want.set(q.slice(k, k + 2), (want.get(q.slice(k, k + 2)) ?? 0) + 1);
  const w = Math.min(cited.length, q.length);
  let best = 0;
  let bestScore = -1;
  for (let start = 0; start + w <= cited.length; start++) {
    const seen = new Map(want);
    let score = 0;
    for (let k = start; k + 1 < start + w; k++) {
      const bg = cited.slice(k, k + 2);
      const n = seen.get(bg);
      if (n) {
        score++;
        seen.set(bg, n - 1);
      }
    }
    if (score > bestScore) {
      bestScore = score;
      best = start;
    }
    if (cited.length * w > 400_000) break;
  }
  if (bestScore <= 0) return null;
  // Show whole words where the text has them.
  let from = best;
  let to = best + w;
  while (from > 0 && /\p{L}/u.test(cited[from - 1]!) && /[A-Za-z]/.test(cited[from]!)) from--;
  while (to < cited.length && /[A-Za-z]/.test(cited[to - 1]!) && /\p{L}/u.test(cited[to]!)) to++;
  return cited.slice(from, to);
}
