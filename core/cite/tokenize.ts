/**
 * Tokenizing, the second step of the citation grammar: small readers, each recognising one kind
 * of token (a UN symbol, a session/number pair, a paragraph label, a Chinese numeral, a word, a
 * registry title) at a given offset of the cleaned text.
 *
 * Decision: readers are hand-written scanners with a hard bound on how far each may look
 * (no regular expression runs over the text), so the grammar that calls them stays linear in the
 * length of the text whatever the input. Every reader returns null instead of throwing.
 */

import { cjkToNumber, isCjkNumeral, romanToNumber, toRoman } from "../text/numerals.ts";

/** How far a reader may look past its start; anything longer is not a token of that kind. */
export const MAX_SYMBOL = 64;
const MAX_LABEL = 8;
const MAX_WORD = 40;

/** A token read at an offset: `end` is the offset just after it. */
export interface Read<T> {
  end: number;
  value: T;
}

/** ASCII digit. */
export function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= "0" && c <= "9";
}
/** ASCII capital letter. */
export function isUpper(c: string | undefined): boolean {
  return c !== undefined && c >= "A" && c <= "Z";
}
/** ASCII small letter. */
export function isLower(c: string | undefined): boolean {
  return c !== undefined && c >= "a" && c <= "z";
}
/** ASCII letter. */
export function isLatin(c: string | undefined): boolean {
  return isUpper(c) || isLower(c);
}
/** ASCII letter or digit: what a word or symbol is made of. */
export function isAlnum(c: string | undefined): boolean {
  return isLatin(c) || isDigit(c);
}
/** CJK ideographs (the basic block and extension A) and the compatibility block. */
export function isHan(c: string | undefined): boolean {
  if (c === undefined) return false;
  const code = c.charCodeAt(0);
  return (
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0xf900 && code <= 0xfaff)
  );
}

/** Skip at most `max` spaces (the cleaned text has only plain spaces). */
export function skipWs(s: string, p: number, max = 12): number {
  let q = p;
  while (q < s.length && q - p < max && s[q] === " ") q++;
  return q;
}

/** The literal `word` at `p`, or -1. */
export function lit(s: string, p: number, word: string): number {
  return s.startsWith(word, p) ? p + word.length : -1;
}

/** An ASCII word at `p` (letters, inner hyphens and apostrophes), lower-cased; `p` must start a word. */
export function readWord(s: string, p: number): Read<string> | null {
  if (!isLatin(s[p]) || isAlnum(s[p - 1])) return null;
  // English rules read the same few words again as they try each other: remember recent ones.
  const slot = p & (WORD_CACHE_SIZE - 1);
  const hit = WORD_CACHE[slot];
  if (hit && hit.s === s && hit.p === p) return hit.read;
  const read = scanWord(s, p);
  WORD_CACHE[slot] = { s, p, read };
  return read;
}

/**
 * Forget the remembered words. The grammar calls it before each text, so the cache only ever
 * compares a text with itself (an identity check, never a character-by-character one).
 */
export function forgetWords(): void {
  WORD_CACHE.fill(undefined);
}

const WORD_CACHE_SIZE = 64;
/** Recent words by offset; a cache of a pure function, keyed by the text itself. */
const WORD_CACHE: ({ s: string; p: number; read: Read<string> | null } | undefined)[] = new Array(
  WORD_CACHE_SIZE,
);

function scanWord(s: string, p: number): Read<string> | null {
  let q = p;
  while (
    q < s.length &&
    q - p < MAX_WORD &&
    (isLatin(s[q]) || ((s[q] === "-" || s[q] === "'") && isLatin(s[q + 1])))
  )
    q++;
  if (isAlnum(s[q])) return null;
  return { end: q, value: s.slice(p, q).toLowerCase() };
}

/**
 * A run of ASCII digits (at most `maxDigits`) not glued to other digits or letters; with `glued`,
 * letters may stand just before it ("OP5").
 */
export function readInt(s: string, p: number, maxDigits = 4, glued = false): Read<number> | null {
  if (!isDigit(s[p]) || isDigit(s[p - 1]) || (!glued && isAlnum(s[p - 1]))) return null;
  let q = p;
  while (q < s.length && isDigit(s[q])) {
    q++;
    if (q - p > maxDigits) return null;
  }
  if (isLatin(s[q])) return null;
  return { end: q, value: Number(s.slice(p, q)) };
}

/**
 * A session/number pair as resolutions and decisions are cited: "75/240". Not part of a longer
 * slash-separated run (a symbol or a date such as 12/5/2020).
 */
export function readPair(s: string, p: number): Read<[string, string]> | null {
  if (s[p - 1] === "/" || s[p - 1] === "." || isAlnum(s[p - 1])) return null;
  const a = readSlashInt(s, p, 3);
  if (!a || s[a.end] !== "/") return null;
  const b = readSlashInt(s, a.end + 1, 4);
  if (!b || s[b.end] === "/" || isAlnum(s[b.end])) return null;
  return { end: b.end, value: [s.slice(p, a.end), s.slice(a.end + 1, b.end)] };
}

function readSlashInt(s: string, p: number, maxDigits: number): { end: number } | null {
  let q = p;
  while (q < s.length && isDigit(s[q])) {
    q++;
    if (q - p > maxDigits) return null;
  }
  return q > p ? { end: q } : null;
}

/**
 * A UN document symbol: an organ ("A", "S", "E", "ST") and at least two slash-separated segments
 * of letters, digits, dots and hyphens, with a digit somewhere: "A/75/816", "A/RES/76/19",
 * "A/AC.292/2023/2/Rev.1". A sentence's closing full stop is not part of it. One space after a
 * slash is allowed (a symbol broken across PDF lines). Typed in lower case ("a/78/265"), it is
 * read when its organ is one of the principal organs' (A, S, E, ST) and given back in the UN's
 * own case ("A/78/265", "A/AC.292/2023/2/Rev.1").
 */
export function readSymbol(s: string, p: number): Read<string> | null {
  if (!isLatin(s[p])) return null;
  const prev = s[p - 1];
  if (isAlnum(prev) || prev === "/" || prev === "." || prev === "-") return null;
  let q = p;
  while (q < s.length && isLatin(s[q]) && q - p < 8) q++;
  if (s[q] !== "/") return null;
  const organ = s.slice(p, q);
  if (organ !== organ.toUpperCase() && !LOWER_ORGANS.has(organ.toLowerCase())) return null;
  let slashes = 0;
  let digit = false;
  let out = organ;
  while (s[q] === "/" && q - p < MAX_SYMBOL) {
    let r = q + 1;
    if (s[r] === " " && isAlnum(s[r + 1])) r++;
    const segStart = r;
    while (r < s.length && r - p < MAX_SYMBOL && (isAlnum(s[r]) || s[r] === "." || s[r] === "-")) {
      if (isDigit(s[r])) digit = true;
      r++;
    }
    // A segment ends before a trailing dot or hyphen: "A/80/257." closes a sentence.
    let segEnd = r;
    while (segEnd > segStart && (s[segEnd - 1] === "." || s[segEnd - 1] === "-")) segEnd--;
    if (segEnd === segStart) break;
    out += `/${s.slice(segStart, segEnd)}`;
    slashes++;
    q = segEnd;
    if (segEnd < r) break;
  }
  if (slashes < 2 || !digit || q - p > MAX_SYMBOL) return null;
  if (isAlnum(s[q])) return null;
  return { end: q, value: canonicalSymbol(out) };
}

/** Organs whose symbols are read when typed in lower case. */
const LOWER_ORGANS = new Set(["a", "s", "e", "st"]);

/**
 * A symbol in the UN's case: capitals, except the suffixes the UN writes with one capital
 * ("Rev.1", "Corr.1", "Add.2", "Amend.1", "Sub.2"). A symbol already so written is unchanged.
 */
export function canonicalSymbol(symbol: string): string {
  return symbol
    .toUpperCase()
    .replace(/(^|[/.])(REV|CORR|ADD|AMEND|SUB)\./g, (_m, before: string, word: string) => {
      return `${before}${word[0]}${word.slice(1).toLowerCase()}.`;
    });
}

export { isCjkNumeral };

/** Value of a Chinese numeral up to 999 ("三十三" -> 33, "十" -> 10), or null. */
export function cjkToInt(text: string): number | null {
  return cjkToNumber(text);
}

/** A Chinese numeral at `p` (at most 6 characters). */
export function readCjkNumeral(s: string, p: number): Read<number> | null {
  let q = p;
  while (q < s.length && q - p < 6 && isCjkNumeral(s[q])) q++;
  if (q === p) return null;
  const value = cjkToInt(s.slice(p, q));
  return value === null ? null : { end: q, value };
}

export { toRoman };

/** Value of a lower-case roman numeral written canonically, or null ("iv" -> 4, "iiii" -> null). */
export function fromRoman(text: string): number | null {
  // Pinpoints never go past c: "(d)" and "(m)" are letters here.
  if (text.length === 0 || text.length > 8 || !/^[ivxlc]+$/.test(text)) return null;
  return romanToNumber(text);
}

/**
 * A paragraph label in brackets: "(a)", "(iv)", "(一)", "(3)", normalised as paragraphs.jsonl
 * writes labels ("a", "iv", "i", "3"): Chinese numerals become lower-case roman numerals.
 */
export function readLabel(s: string, p: number): Read<string> | null {
  if (s[p] !== "(") return null;
  const q = skipWs(s, p + 1, 1);
  let r = q;
  while (r < s.length && r - q < MAX_LABEL && s[r] !== ")" && s[r] !== " ") r++;
  const close = skipWs(s, r, 1);
  if (s[close] !== ")" || r === q) return null;
  const inner = s.slice(q, r);
  const value = normaliseLabel(inner);
  return value === null ? null : { end: close + 1, value };
}

/** Normalise a label's inner text, or null when it is not a paragraph label. */
export function normaliseLabel(inner: string): string | null {
  if (/^[a-z]{1,2}$/.test(inner)) return inner;
  // A citation typed in capitals: "(C)", "(IV)". Two capitals are not read ("(EU)" is no label).
  if (/^[A-Z]$/.test(inner) || /^[IVXLC]{2,6}$/.test(inner)) return normaliseLabel(inner.toLowerCase());
  if (/^[ivxlc]{1,6}$/.test(inner) && fromRoman(inner) !== null) return inner;
  if (/^[0-9]{1,3}$/.test(inner)) return String(Number(inner));
  const n = cjkToInt(inner);
  if (n !== null && n > 0) return toRoman(n);
  return null;
}

/** Upper-case roman numeral word ("I", "IV") as an annex is labelled, or null. */
export function readUpperRoman(s: string, p: number): Read<string> | null {
  let q = p;
  while (q < s.length && q - p < 6 && "IVXL".includes(s[q]!)) q++;
  if (q === p || isAlnum(s[q])) return null;
  const text = s.slice(p, q);
  return fromRoman(text.toLowerCase()) === null ? null : { end: q, value: text };
}
