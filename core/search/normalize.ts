/**
 * Text normalisation for search, shared by the index build (pipeline/index) and the browser.
 *
 * Decision: one fold per UTF-16 code unit, through a 64K lookup table, so the folded text has
 * exactly the length of the original and every offset found in it (a phrase, a highlight) is an
 * offset into the paragraph as issued: no offset map, and no word of the document is altered,
 * only compared. The fold joins full-width and half-width forms (ＩＣＴ = ICT, ，= ,), upper and
 * lower case, letters with and without diacritics (é = e), and traditional and simplified
 * Chinese characters (關鍵 = 关键, from OpenCC's character table; phrase-level conversion is not
 * used because it can change lengths and rewrites UN terms). Pure, no dictionary beyond the
 * character table, no Node modules: the same code runs at build time and in the browser, so a
 * query is folded exactly as the indexed text was.
 */
import TS_CHARACTERS from "opencc-js/dict/TSCharacters";

let TABLE: Uint16Array | null = null;

/** Traditional -> simplified, one BMP character to one BMP character (first OpenCC target). */
function t2sPairs(): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const entry of (TS_CHARACTERS as string).split("|")) {
    const [from, to] = entry.split(" ");
    if (from && to && from.length === 1 && to.length === 1) out.push([from.charCodeAt(0), to.charCodeAt(0)]);
  }
  return out;
}

function foldOne(code: number): number {
  // Surrogates stay as they are: a pair is compared as it stands.
  if (code >= 0xd800 && code <= 0xdfff) return code;
  // Ideographic space and the full-width ASCII block fold to ASCII.
  if (code === 0x3000) return 0x20;
  let c = code >= 0xff01 && code <= 0xff5e ? code - 0xfee0 : code;
  let ch = String.fromCharCode(c);
  const nfkc = ch.normalize("NFKC");
  if (nfkc.length === 1) ch = nfkc;
  // Strip diacritics when what remains is one character (é -> e, ç -> c).
  const bare = ch.normalize("NFD").replace(/\p{M}+/gu, "");
  if (bare.length === 1 && bare !== ch && /\p{L}/u.test(bare)) ch = bare;
  const lower = ch.toLowerCase();
  if (lower.length === 1) ch = lower;
  c = ch.charCodeAt(0);
  return c;
}

/** The fold table, built once (about 20 ms). */
export function foldTable(): Uint16Array {
  if (TABLE) return TABLE;
  const t = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) t[c] = foldOne(c);
  for (const [from, to] of t2sPairs()) t[from] = t[to] ?? to;
  // Close the table under itself (a compatibility ideograph folds to a traditional character,
  // which folds on to a simplified one), so folding twice is folding once.
  for (let c = 0; c < 0x10000; c++) {
    for (let k = 0; k < 4 && t[t[c] as number] !== t[c]; k++) t[c] = t[t[c] as number] as number;
  }
  TABLE = t;
  return t;
}

/**
 * Fold a text for comparison. The result has the same length as the input, code unit for code
 * unit, so offsets carry over: `fold(s).length === s.length` always.
 */
export function fold(text: string): string {
  const t = foldTable();
  let out = "";
  let chunk: number[] = [];
  for (let i = 0; i < text.length; i++) {
    chunk.push(t[text.charCodeAt(i)] as number);
    if (chunk.length === 4096) {
      out += String.fromCharCode(...chunk);
      chunk = [];
    }
  }
  if (chunk.length) out += String.fromCharCode(...chunk);
  return out;
}
