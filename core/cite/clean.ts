/**
 * Cleaning, the first step of the citation grammar (clean -> tokenize -> find -> resolve).
 *
 * Decision: cleaning is length-preserving, one UTF-16 unit in, one out, so every offset the
 * grammar finds in the cleaned text is also an offset in the original and `raw` is always sliced
 * from the text as written. Full-width ASCII forms fold to half-width (，-> , ；-> ; （-> ( ), the
 * ideographic space and every line break become a plain space: a citation broken across PDF lines
 * reads as if it were on one line.
 */

/** Fold one UTF-16 code unit; the result is always exactly one code unit. */
export function foldChar(code: number): number {
  // Full-width ASCII variants U+FF01..U+FF5E map onto U+0021..U+007E.
  if (code >= 0xff01 && code <= 0xff5e) return code - 0xfee0;
  // Ideographic space, no-break space, tabs and line breaks read as one space.
  if (code === 0x3000 || code === 0x00a0 || code === 0x09 || code === 0x0a || code === 0x0d) return 0x20;
  return code;
}

/**
 * Clean a text for the grammar. The result has exactly the length of the input.
 * Never throws; linear in the length of the text.
 */
export function clean(text: string): string {
  return text.replace(FOLDABLE, (c) => String.fromCharCode(foldChar(c.charCodeAt(0))));
}

/** Every code unit `foldChar` changes; one character class, so the replace is linear. */
const FOLDABLE = /[\uff01-\uff5e\u3000\u00a0\t\n\r]/g;
