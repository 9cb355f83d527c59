/**
 * Matching units of a paragraph: the text folded for comparison, with every unit pointing back at
 * the characters it came from, so spans are always reported in the original text.
 *
 * Decision: one tokeniser for both languages. A Han character is a unit of its own (Chinese has no
 * spaces, and character n-grams need no dictionary); a run of other letters and digits is one unit
 * (an English word, "2021", "ping" inside Chinese). Width is folded (NFKC: "２０２１" -> "2021",
 * "，" -> ","), case is lowered, and spacing and punctuation separate units without being units, so
 * "实施，包括" and "实施, 包括" are the same units: two texts that differ only in width, spacing or
 * punctuation style are verbatim copies. The reuse stage and search both cut texts with it
 * (core/wording/measure.ts), so a pasted text is measured against a paragraph as two paragraphs
 * are measured against each other.
 */

/** A paragraph's matching units. */
export interface Tokens {
  /** One id per unit: the code point for a single Han character, a 31-bit hash for a run. */
  ids: Int32Array;
  /** Offset (UTF-16) in the original text where each unit starts. */
  start: Uint32Array;
  /** Offset (UTF-16) in the original text just after each unit. */
  end: Uint32Array;
}

const HAN = /\p{Script=Han}/u;
const WORD = /[\p{L}\p{N}]/u;

/** FNV-1a over a folded run, with the top bit set so it never equals a code point id. */
function runId(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h | 0x40000000) & 0x7fffffff;
}

/** Split a text into matching units (see the module header). Pure and deterministic. */
export function tokenize(text: string): Tokens {
  // Typed arrays sized for the worst case (one unit per code unit), trimmed at the end: the build
  // tokenises every paragraph, and plain arrays of boxed numbers cost five times as much.
  const ids = new Int32Array(text.length);
  const start = new Uint32Array(text.length);
  const end = new Uint32Array(text.length);
  let n = 0;
  let run = "";
  let runStart = 0;
  let runEnd = 0;
  const flush = () => {
    if (run) {
      ids[n] = runId(run);
      start[n] = runStart;
      end[n] = runEnd;
      n++;
      run = "";
    }
  };
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    // Fast paths for the bulk of the corpus: common Han characters and ASCII need no folding.
    if (c >= 0x4e00 && c <= 0x9fff) {
      flush();
      ids[n] = c;
      start[n] = i;
      end[n] = i + 1;
      n++;
      i += 1;
      continue;
    }
    if (c < 0x80) {
      const lower = c >= 0x41 && c <= 0x5a ? c + 32 : c;
      if ((lower >= 0x61 && lower <= 0x7a) || (lower >= 0x30 && lower <= 0x39)) {
        if (!run) runStart = i;
        run += String.fromCharCode(lower);
        runEnd = i + 1;
      } else flush();
      i += 1;
      continue;
    }
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const folded = String.fromCodePoint(cp).normalize("NFKC").toLowerCase();
    for (const ch of folded) {
      if (HAN.test(ch)) {
        flush();
        ids[n] = ch.codePointAt(0)!;
        start[n] = i;
        end[n] = i + width;
        n++;
      } else if (WORD.test(ch)) {
        if (!run) runStart = i;
        run += ch;
        runEnd = i + width;
      } else {
        flush();
      }
    }
    i += width;
  }
  flush();
  return { ids: ids.slice(0, n), start: start.slice(0, n), end: end.slice(0, n) };
}

/** The folded units of a text, as strings (for tests and for naming formulas). */
export function unitsOf(text: string): string[] {
  const t = tokenize(text);
  return Array.from(t.ids, (_, k) => text.slice(t.start[k]!, t.end[k]!));
}
