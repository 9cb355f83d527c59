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

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * Scratch arrays sized for the longest text seen so far (one unit per code unit, grown in the
 * rare case a folded character gives more): each text is cut into them and its units copied out
 * at their own length, so a paragraph costs three small arrays, not six (the build tokenises every
 * paragraph; each allocation the hot loop avoids is one the garbage collector does not copy).
 */
let scratchIds = new Int32Array(256);
let scratchStart = new Uint32Array(256);
let scratchEnd = new Uint32Array(256);

/** Scratch arrays of at least `size`, keeping what they hold. */
function grow(size: number): void {
  const ids = new Int32Array(size);
  const start = new Uint32Array(size);
  const end = new Uint32Array(size);
  ids.set(scratchIds);
  start.set(scratchStart);
  end.set(scratchEnd);
  scratchIds = ids;
  scratchStart = start;
  scratchEnd = end;
}

/** Split a text into matching units (see the module header). Pure and deterministic. */
export function tokenize(text: string): Tokens {
  if (scratchIds.length < text.length) grow(Math.max(text.length, scratchIds.length * 2));
  let ids = scratchIds;
  let start = scratchStart;
  let end = scratchEnd;
  let n = 0;
  // A run of letters and digits is hashed as it is read (FNV-1a over its folded UTF-16 code
  // units, the top bit set so it never equals a code point id): the same id as hashing the folded
  // string, without building one string per word.
  let inRun = false;
  let h = FNV_OFFSET;
  let runStart = 0;
  let runEnd = 0;
  const flush = () => {
    if (inRun) {
      ids[n] = (h | 0x40000000) & 0x7fffffff;
      start[n] = runStart;
      end[n] = runEnd;
      n++;
      inRun = false;
      h = FNV_OFFSET;
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
        if (!inRun) {
          runStart = i;
          inRun = true;
        }
        h = Math.imul(h ^ lower, FNV_PRIME);
        runEnd = i + 1;
      } else flush();
      i += 1;
      continue;
    }
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const folded = String.fromCodePoint(cp).normalize("NFKC").toLowerCase();
    // A compatibility character can fold to more units than it has code units ("㍻" is two Han
    // characters): grow the scratch arrays rather than drop a unit.
    if (n + folded.length > ids.length) {
      grow(n + folded.length + text.length - i);
      ids = scratchIds;
      start = scratchStart;
      end = scratchEnd;
    }
    for (const ch of folded) {
      if (HAN.test(ch)) {
        flush();
        ids[n] = ch.codePointAt(0)!;
        start[n] = i;
        end[n] = i + width;
        n++;
      } else if (WORD.test(ch)) {
        if (!inRun) {
          runStart = i;
          inRun = true;
        }
        for (let u = 0; u < ch.length; u++) h = Math.imul(h ^ ch.charCodeAt(u), FNV_PRIME);
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
