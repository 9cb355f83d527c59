/**
 * Finding, the third step of the citation grammar: walk the cleaned text once and, at each place
 * a citation can start, try the rules of the grammar in Chinese and English. A rule reads forward
 * from there with the bounded readers of tokenize.ts and returns what it found and where it ended;
 * the walk then resumes after it. Pinpoints (parts, sections, paragraphs) are read by pins.ts.
 *
 * Decisions:
 * - Linear time: the walk visits each offset once, a rule starts only at a trigger character and
 *   may look at most a bounded distance ahead (lists are capped), so no input can make it slow.
 * - A citation is a document reference (a symbol, a resolution or decision number, a registry
 *   title, or the citing document itself) plus zero or more pinpoints; every pinpoint becomes its
 *   own target ("第 64 和 65 段" is two targets, "第 23 段(a)至(h)分段" eight), all sharing the span
 *   of the words as written.
 * - The kind of a coordinated list distributes: "第 75/564 和 77/512 号决定" is two decisions.
 * - What is not recognised is left alone: the grammar never guesses a document.
 */
import { isDocId } from "../../schemas/identity.ts";
import { MONTHS_EN } from "../text/months.ts";
import { clean } from "./clean.ts";
import {
  type Component,
  MAX_LIST,
  type Pin,
  type PinContext,
  PLAIN,
  parsePins,
  readAnnexLabel,
  readAnnexZh,
  readHanRun,
  readParaAbbrev,
  readParaZh,
  readPinComponent,
  useStates,
  WHOLE,
} from "./pins.ts";
import type { TitleMatcher } from "./titles.ts";
import {
  forgetWords,
  fromRoman,
  isAlnum,
  isCjkNumeral,
  isDigit,
  isHan,
  isLatin,
  isUpper,
  lit,
  readCjkNumeral,
  readInt,
  readLabel,
  readPair,
  readSymbol,
  readUpperRoman,
  readWord,
  skipWs,
} from "./tokenize.ts";

/** How the document was named. */
export type RefKind = "symbol" | "resolution" | "decision" | "title" | "self";

export type Found =
  | {
      kind: "doc";
      start: number;
      end: number;
      ref: RefKind;
      /** The symbols the reference may mean: one, several for an ambiguous title, [] for "self". */
      symbols: string[];
      pins: Pin[];
    }
  | { kind: "charter"; start: number; end: number; article: string; para: string | null }
  | {
      kind: "short";
      start: number;
      end: number;
      /** "ibid": 同上 / ibid.; "resolution": the above-mentioned resolution / 上述决议. */
      form: "ibid" | "resolution";
      /** Pinpoints written after the short form ("同上，第 5 段"), or null to take the antecedent's. */
      pins: Pin[] | null;
    };

interface RuleResult {
  end: number;
  found: Found[];
}

/**
 * Find every citation in a text. Never throws; linear in the text's length.
 * @param text the paragraph or footnote text as written
 * @param titles the registry's short titles
 */
export function findCitations(text: string, titles: TitleMatcher): Found[] {
  const s = clean(text);
  forgetWords();
  useStates(titles.states);
  const out: Found[] = [];
  const memo: Memo = { coordinatedFailEnd: -1 };
  let i = 0;
  while (i < s.length) {
    // Most characters start nothing: step over them without tryAt (see TRIGGERS).
    const code = s.charCodeAt(i);
    if (TRIGGERS[code] === 0 && !titles.startsWithCode(code)) {
      i++;
      continue;
    }
    const r = tryAt(s, i, titles, memo);
    if (r && r.end > i) {
      for (const f of r.found) out.push(f.kind === "doc" ? withOriginalSections(f, s, text) : f);
      i = r.end;
      continue;
    }
    const c = s[i];
    if (isLatin(c) || isDigit(c)) {
      // Skip the rest of a word or number: nothing starts inside one.
      while (i < s.length && isAlnum(s[i])) i++;
    } else i++;
  }
  return out;
}

/**
 * The characters at which tryAt tries a rule other than a registry title: 《, 第, ¶, the Chinese
 * short-form and Charter openers, ASCII letters and digits. At any other character tryAt tries
 * only a title, and only where some title starts with it (TitleMatcher.startsWithCode), so the
 * walk steps over the rest by their code, without making a one-character string of each (a new
 * string for every Chinese character) and asking the rules: that dispatch was a quarter of the
 * extraction's time. The table must list every character tryAt tests before its title test (a
 * test checks it).
 */
export const TRIGGERS = (() => {
  const table = new Uint8Array(0x10000);
  for (const c of "《第¶上本见附下同该联0123456789") table[c.charCodeAt(0)] = 1;
  for (let code = 0x41; code <= 0x5a; code++) table[code] = table[code + 0x20] = 1;
  return table;
})();

/**
 * Sections were read from the cleaned text; give them back as written (cleaning preserves
 * offsets, so the cleaned words' position is the original's).
 */
function withOriginalSections(f: Found & { kind: "doc" }, s: string, text: string): Found {
  if (!f.pins.some((p) => p.section !== null)) return f;
  return {
    ...f,
    pins: f.pins.map((p) => {
      if (p.section === null) return p;
      const at = s.indexOf(p.section, f.start);
      return at < 0 ? p : { ...p, section: text.slice(at, at + p.section.length) };
    }),
  };
}

/**
 * What one walk remembers so a failed rule is not retried on the same words: a list of years or
 * ordinals before a title that named nothing the registry knows fails from any later start too.
 */
export interface Memo {
  coordinatedFailEnd: number;
}

/**
 * The rules that may start at `i`, or null. Exported for a test only (that every character it
 * tests before the title test is in TRIGGERS); not part of the grammar's API.
 */
export function tryAt(s: string, i: number, titles: TitleMatcher, memo: Memo): RuleResult | null {
  const c = s[i]!;
  if (c === "《") return ruleBracket(s, i, titles);
  if (c === "第") {
    // Every rule starting at 第 needs a number after it ("第 16 段", "第一次", "第二条").
    const next = s[skipWs(s, i + 1, 2)];
    if (!isDigit(next) && !isCjkNumeral(next)) return null;
    return (
      ruleTitle(s, i, titles) ??
      ruleNumbersZh(s, i) ??
      ruleSameZh(s, i) ??
      ruleCoordinatedTitles(s, i, titles, memo)
    );
  }
  if (isDigit(c)) {
    if (isAlnum(s[i - 1])) return null;
    return ruleTitle(s, i, titles) ?? ruleNumbersZh(s, i) ?? ruleCoordinatedTitles(s, i, titles, memo);
  }
  if (isLatin(c)) {
    if (isAlnum(s[i - 1])) return null;
    return ruleSymbol(s, i, i) ?? ruleEnglish(s, i, titles) ?? ruleTitle(s, i, titles);
  }
  if (c === "¶") return rulePinsFirstEn(s, i, titles);
  if (c === "上" || c === "本" || c === "见" || c === "附" || c === "下")
    return ruleShortZh(s, i) ?? ruleSameZh(s, i) ?? ruleTitle(s, i, titles);
  if (c === "同" || c === "该") return ruleShortZh(s, i) ?? ruleTitle(s, i, titles);
  if (c === "联") return ruleCharterZh(s, i) ?? ruleTitle(s, i, titles);
  if (titles.startsWith(c)) return ruleTitle(s, i, titles);
  return null;
}

// ---------------------------------------------------------------------------------------------
// Document references

/**
 * A symbol, then pinpoints: "A/75/816，附件一，第 16 段", "A/80/534, para. 7", "A/78/265 (2023),
 * annex, para. 13" (a year or date in brackets after the symbol is read with it).
 * @param start where the citation starts: before the symbol when "UN Doc." was read first
 */
function ruleSymbol(s: string, start: number, i: number): RuleResult | null {
  const sym = readSymbolAt(s, i);
  if (!sym) return null;
  const linkEnd = skipLinkTail(s, i, sym.end);
  const dated = readParenDate(s, linkEnd);
  let end = dated ?? linkEnd;
  const ctx = contextOf(sym.value);
  // "A/75/816 号文件附件一", "A/RES/99/3 号决议第十九条": the pinpoints follow "号文件" / "号决议".
  const after = skipWs(s, end, 2);
  const doc = Math.max(lit(s, after, "号文件"), lit(s, after, "号决议"), lit(s, after, "号决定"));
  let pins = parsePins(s, end, ctx);
  if (!pins && doc >= 0) {
    pins = parsePins(s, doc, ctx);
    if (pins) end = doc;
  }
  const stop = pins ? pins.end : (dated ?? sym.end);
  return {
    end: pins ? pins.end : end,
    found: [
      {
        kind: "doc",
        start,
        end: stop,
        ref: "symbol",
        symbols: [sym.value],
        pins: pins ? pins.pins : [WHOLE],
      },
    ],
  };
}

/**
 * A symbol with what the UN writes after the number of a Security Council resolution or an
 * old-style General Assembly resolution: "S/RES/2341 (2017)" -> "S/RES/2341(2017)", "A/RES/217
 * (III) A" -> "A/RES/217(III)". The bracket is part of those symbols (S/RES/2341 alone names no
 * document), so it is read into the symbol rather than as a date beside it.
 */
function readSymbolAt(s: string, p: number): { end: number; value: string } | null {
  const sym = readSymbol(s, p);
  if (!sym) return null;
  const organ = /^S\/RES\/\d+$/.test(sym.value) ? "sc" : /^A\/RES\/\d+$/.test(sym.value) ? "ga" : null;
  if (!organ) return sym;
  const tail = readNumberTail(s, sym.end, organ, true);
  return tail ? { end: tail.end, value: `${sym.value}${tail.tail}` } : sym;
}

/** A resolution's symbol ("A/RES/76/19") makes OP and PP its operative and preambular paragraphs. */
function contextOf(symbol: string): PinContext {
  return { resolution: /\/RES\//.test(symbol) };
}

/**
 * "UN Doc.", "U.N. Doc.", "UN doc", "UN Document" before a symbol, as legal scholarship writes
 * it: read with the symbol. Returns where the symbol starts, or -1.
 */
function readUnDocPrefix(s: string, i: number): number {
  const un = readUn(s, i);
  if (un < 0) return -1;
  const w = readWord(s, skipWs(s, un, 2));
  if (!w || (w.value !== "doc" && w.value !== "document")) return -1;
  let q = w.end;
  if (s[q] === ".") q++;
  return skipWs(s, q, 2);
}

/** "UN", "U.N." (any case) at `i`; the offset after it, or -1. */
function readUn(s: string, i: number): number {
  const w = readWord(s, i);
  if (w?.value === "un") return w.end;
  if (
    w?.value === "u" &&
    s[w.end] === "." &&
    (s[w.end + 1] === "N" || s[w.end + 1] === "n") &&
    s[w.end + 2] === "."
  )
    return w.end + 3;
  return -1;
}

/**
 * "(2023)", "(31 December 2020)", "(Dec. 31, 2020)" right after a document reference, or null.
 * Read as part of the citation; the document is named by its symbol, so the date is not checked.
 */
function readParenDate(s: string, p: number): number | null {
  const q = skipWs(s, p, 1);
  if (s[q] !== "(") return null;
  let r = skipWs(s, q + 1, 1);
  const year = (at: number) => {
    const y = readInt(s, at, 4);
    return y && y.end - at === 4 ? y.end : -1;
  };
  let e = year(r);
  if (e < 0) {
    // "31 December 2020" or "December 31, 2020" (month names full or shortened with a full stop).
    const day = readInt(s, r, 2);
    if (day) {
      const m = readMonth(s, skipWs(s, day.end, 1));
      if (m < 0) return null;
      e = year(skipWs(s, m, 1));
    } else {
      const m = readMonth(s, r);
      if (m < 0) return null;
      const d = readInt(s, skipWs(s, m, 1), 2);
      if (!d) return null;
      r = skipWs(s, d.end, 1);
      if (s[r] === ",") r = skipWs(s, r + 1, 1);
      e = year(r);
    }
    if (e < 0) return null;
  }
  const close = skipWs(s, e, 1);
  return s[close] === ")" ? close + 1 : null;
}

/** An English month, in full or shortened with a full stop ("Dec.", "Sept."); the offset after it, or -1. */
function readMonth(s: string, p: number): number {
  const w = readWord(s, p);
  if (!w) return -1;
  if (MONTHS.has(w.value)) return w.end;
  if (s[w.end] === "." && w.value.length >= 3 && [...MONTHS].some((m) => m.startsWith(w.value)))
    return w.end + 1;
  return -1;
}

/** After a symbol written as a Markdown link "[A/77/275](#)", skip "](#)". */
function skipLinkTail(s: string, start: number, end: number): number {
  if (s[start - 1] !== "[" || lit(s, end, "](") < 0) return end;
  for (let q = end + 2; q < s.length && q < end + 200; q++) {
    if (s[q] === ")") return q + 1;
    if (s[q] === " ") break;
  }
  return end;
}

/**
 * A registry title, optionally followed by the symbol and pinpoints:
 * "2021 年不限成员名额工作组报告第 56 段", "《2021 年政府专家组报告》，A/76/135，第 42 段",
 * "第一次年度进展报告(A/77/275)", "[2021 年不限成员名额工作组报告，第 51 段]".
 */
function ruleTitle(s: string, i: number, titles: TitleMatcher): RuleResult | null {
  const m = titles.match(s, i);
  if (!m) return null;
  return afterTitle(s, i, m.end, m.value);
}

function afterTitle(s: string, start: number, titleEnd: number, symbols: string[]): RuleResult {
  let q = skipWs(s, titleEnd);
  const paren = s[q] === "(";
  if (s[q] === "," || paren) q = skipWs(s, q + 1);
  if (s[q] === "[") q++;
  const sym = readSymbolAt(s, q);
  if (sym) {
    const linkEnd = skipLinkTail(s, q, sym.end);
    const dated = readParenDate(s, linkEnd);
    const pins = parsePins(s, dated ?? linkEnd, contextOf(sym.value));
    let end = pins ? pins.end : (dated ?? sym.end);
    let after = pins;
    if (paren) {
      const close = skipWs(s, end);
      if (s[close] === ")") {
        end = close + 1;
        // "第二次年度进展报告(A/78/265)，附件，第 40 段": the pinpoints follow the brackets.
        if (!pins) {
          after = parsePins(s, end, contextOf(sym.value));
          if (after) end = after.end;
        }
      }
    }
    return {
      end,
      found: [
        { kind: "doc", start, end, ref: "symbol", symbols: [sym.value], pins: after ? after.pins : [WHOLE] },
      ],
    };
  }
  // A national paper (keyed by its id) may be followed by a bare number: "…, 2.1".
  const pins = parsePins(s, titleEnd, { resolution: false, national: symbols.every(isDocId) });
  const end = pins ? pins.end : titleEnd;
  return {
    end,
    found: [{ kind: "doc", start, end, ref: "title", symbols, pins: pins ? pins.pins : [WHOLE] }],
  };
}

/**
 * Titles sharing their words after coordinated years or ordinals: "2010 年、2013 年、2015 年和 2021
 * 年政府专家组的共识报告" is four reports, "第一次和第二次年度进展报告" two. Each year or ordinal is
 * put before the shared words and looked up in the registry (also without "的" and a qualifier
 * such as 共识 / 最后 before 报告); only what the registry knows is cited.
 */
function ruleCoordinatedTitles(s: string, i: number, titles: TitleMatcher, memo: Memo): RuleResult | null {
  if (i < memo.coordinatedFailEnd) return null;
  const items: string[] = [];
  let p = i;
  let end = i;
  for (;;) {
    const item = readYear(s, p) ?? readOrdinal(s, p);
    if (!item) break;
    // Past the cap the list is read to its end only to remember where it ends.
    if (items.length < MAX_COORDINATED) items.push(item.value);
    else items.length = MAX_COORDINATED + 1;
    end = item.end;
    const q = skipWs(s, item.end, 2);
    const conn = readConnectorZh(s, q);
    if (conn < 0) break;
    p = skipWs(s, conn, 2);
  }
  if (items.length < 2) return null;
  // Any later start inside the same list reads a suffix of these items: it fails the same way.
  memo.coordinatedFailEnd = end;
  if (items.length > MAX_COORDINATED) return null;
  const restStart = skipWs(s, end, 2);
  const run = readHanRun(s, restStart, 24);
  const at = s.slice(restStart, run).lastIndexOf("报告");
  if (at < 0) return null;
  const restEnd = restStart + at + 2;
  const rest = s.slice(restStart, restEnd);
  const plain = rest.replace(/的/g, "").replace(/(共识|最后|最终)报告$/, "报告");
  const found: Found[] = [];
  for (const item of items) {
    const symbols = titles.lookup(item + rest).length
      ? titles.lookup(item + rest)
      : titles.lookup(item + plain);
    if (symbols.length)
      found.push({ kind: "doc", start: i, end: restEnd, ref: "title", symbols, pins: [WHOLE] });
  }
  if (found.length === 0) return null;
  memo.coordinatedFailEnd = -1;
  return { end: restEnd, found };
}

/** Most years or ordinals a coordinated list of titles may have. */
const MAX_COORDINATED = 12;

/** "2010 年" as a title begins. */
function readYear(s: string, p: number): { end: number; value: string } | null {
  const y = readInt(s, p, 4);
  if (!y || y.end - p !== 4) return null;
  const q = skipWs(s, y.end, 2);
  return s[q] === "年" ? { end: q + 1, value: `${y.value}年` } : null;
}

/** "第一次" as a title begins. */
function readOrdinal(s: string, p: number): { end: number; value: string } | null {
  if (s[p] !== "第") return null;
  const n = readCjkNumeral(s, p + 1);
  if (!n || s[n.end] !== "次") return null;
  return { end: n.end + 1, value: s.slice(p, n.end + 1) };
}

/** 《…》: the Charter with its article, or a registry title; any other book title is skipped. */
function ruleBracket(s: string, i: number, titles: TitleMatcher): RuleResult | null {
  let close = -1;
  for (let q = i + 1; q < s.length && q < i + 60; q++) {
    if (s[q] === "》") {
      close = q;
      break;
    }
    if (s[q] === "《") break;
  }
  if (close < 0) return null;
  const inner = s.slice(i + 1, close);
  // 《宪章》 is how a UN text names the Charter once it has been named in full.
  const name = inner.replace(/\s/g, "");
  if (name === "联合国宪章" || name === "宪章") {
    const list = readArticlesZh(s, skipWs(s, close + 1));
    if (!list) return { end: close + 1, found: [] };
    return { end: list.end, found: charterFound(i, list.end, list.items) };
  }
  const symbols = titles.lookup(inner);
  if (symbols.length === 0) return { end: close + 1, found: [] };
  return afterTitle(s, i, close + 1, symbols);
}

/**
 * "第二条第三项", "第三十三条第一项", "第 2 条第 4 款", and coordinated: "第二条第三项和第三十三条
 * 第一项", "第二条第三项和第四项" (two paragraphs of one article), "第二条和第五十一条".
 */
function readArticlesZh(s: string, p: number): { end: number; items: ArticleItem[] } | null {
  const items: ArticleItem[] = [];
  let q = p;
  let end = -1;
  while (items.length < MAX_LIST) {
    const a = readOrdinalZh(s, q, "条");
    if (a) {
      items.push({ article: a.value, paras: [] });
      end = a.end;
    } else {
      // "和第四项": another paragraph of the article just read.
      const last = items[items.length - 1];
      const b = last && last.paras.length > 0 ? readParaOrdinalZh(s, q) : null;
      if (!last || !b) break;
      last.paras.push(b.value);
      end = b.end;
    }
    const item = items[items.length - 1]!;
    const b = a ? readParaOrdinalZh(s, a.end) : null;
    if (b) {
      item.paras.push(b.value);
      end = b.end;
    }
    const conn = readConnectorZh(s, skipWs(s, end, 2));
    if (conn < 0) break;
    q = skipWs(s, conn, 2);
  }
  return items.length ? { end, items } : null;
}

/** "第三项" / "第 4 款": a paragraph of an article. */
function readParaOrdinalZh(s: string, p: number): { end: number; value: string } | null {
  return readOrdinalZh(s, p, "项") ?? readOrdinalZh(s, p, "款");
}

/** "联合国宪章第五十一条" without book-title marks, as typed or pasted. */
function ruleCharterZh(s: string, i: number): RuleResult | null {
  const e = lit(s, i, "联合国宪章");
  if (e < 0) return null;
  const list = readArticlesZh(s, skipWs(s, e, 2));
  return list ? { end: list.end, found: charterFound(i, list.end, list.items) } : null;
}

function readOrdinalZh(s: string, p: number, unit: string): { end: number; value: string } | null {
  if (s[p] !== "第") return null;
  const q = skipWs(s, p + 1, 2);
  const n = readCjkNumeral(s, q) ?? readInt(s, q, 3);
  if (!n) return null;
  const u = skipWs(s, n.end, 2);
  if (s[u] !== unit) return null;
  return { end: u + 1, value: String(n.value) };
}

/**
 * Resolutions and decisions by number, in Chinese: "大会第 75/240 号决议",
 * "第 75/564 和 77/512 号决定" (two decisions), "75/240 号决议", the Security Council's
 * "安全理事会第 2341（2017）号决议" and the General Assembly's old style "第 217 A (III) 号决议".
 */
function ruleNumbersZh(s: string, i: number): RuleResult | null {
  const before = organBeforeZh(s, i);
  const r = readNumbersZh(s, i, before);
  if (r || before.organ === null) return r;
  // "安理会第 75/240 号决议": numbers of the other organ's form are no citation, and are skipped
  // whole so that no later start reads them without the organ.
  const other = readNumbersZh(s, i, { start: before.start, organ: null });
  return other ? { end: other.end, found: [] } : null;
}

function readNumbersZh(s: string, i: number, before: { start: number; organ: Organ }): RuleResult | null {
  let p = i;
  if (s[p] === "第") p = skipWs(s, p + 1, 2);
  const items: NumberItem[] = [];
  let end = -1;
  for (let k = 0; k < MAX_LIST; k++) {
    const item = readNumberItem(s, p, before.organ);
    if (!item) break;
    items.push(item);
    end = item.end;
    let q = skipWs(s, item.end, 2);
    // "第 75/240 号和 2021 年 12 月 6 日第 76/19 号决议": each number may close with 号, and the
    // next may carry its date and its own 第.
    if (s[q] === "号" && readConnectorZh(s, skipWs(s, q + 1, 2)) >= 0) q = skipWs(s, q + 1, 2);
    const conn = readConnectorZh(s, q);
    if (conn < 0) break;
    p = skipDateZh(s, skipWs(s, conn, 2));
    if (s[p] === "第") p = skipWs(s, p + 1, 2);
  }
  if (items.length === 0) return null;
  const q = skipWs(s, end, 2);
  let kind: "resolution" | "decision";
  let kwEnd = lit(s, q, "号决议");
  if (kwEnd >= 0) kind = "resolution";
  else {
    kwEnd = lit(s, q, "号决定");
    if (kwEnd < 0) return null;
    kind = "decision";
  }
  const symbols = symbolsOf(items, kind);
  return symbols ? numberedCitations(s, before.start, kwEnd, kind, symbols) : null;
}

/** Who adopted a resolution, as the words before its number say: the Assembly, the Council, or unsaid. */
type Organ = "ga" | "sc" | null;

/**
 * One number of a resolution or decision as written: a session and number ("75/240"), a Security
 * Council resolution's number and year ("2341 (2017)"), or an old-style resolution of the General
 * Assembly's first thirty sessions, its number and session in roman numerals, with a letter where
 * the resolution has several ("217 A (III)", "2625 (XXV)").
 */
interface NumberItem {
  end: number;
  /** "75/240"; "2341(2017)" for the Council; "217(III)" for the old style. */
  value: string;
  form: "pair" | "sc" | "old";
}

function readNumberItem(s: string, p: number, organ: Organ): NumberItem | null {
  const pair = organ === "sc" ? null : readPair(s, p);
  if (pair) return { end: pair.end, value: `${pair.value[0]}/${pair.value[1]}`, form: "pair" };
  const n = readInt(s, p, 4);
  if (!n || n.value < 1) return null;
  const tail = readNumberTail(s, n.end, organ, false);
  return tail
    ? { end: tail.end, value: `${n.value}${tail.tail}`, form: tail.organ === "sc" ? "sc" : "old" }
    : null;
}

/**
 * What follows a bare resolution number: "(2017)", a Security Council resolution's year (1946 on);
 * "(III)" or "A (III)", an old-style General Assembly session (I to XXX: from the thirty-first
 * session the Assembly numbers resolutions 31/1). In a symbol ("A/RES/217 (III) A") the letter
 * may follow the session. The letter names one resolution of several adopted under one number;
 * the symbol, as the UN registers it, is the number's ("A/RES/217(III)"), so the letter is read
 * and the document is the target. Null when the words are neither.
 */
function readNumberTail(
  s: string,
  p: number,
  organ: Organ,
  symbol: boolean,
): { end: number; tail: string; organ: "ga" | "sc" } | null {
  let q = skipWs(s, p, 1);
  let letter = false;
  if (organ !== "sc" && isUpper(s[q]) && !isAlnum(s[q + 1])) {
    const open = skipWs(s, q + 1, 1);
    if (s[open] !== "(") return null;
    q = open;
    letter = true;
  }
  if (s[q] !== "(") return null;
  const inner = skipWs(s, q + 1, 1);
  const year = readInt(s, inner, 4);
  if (year) {
    if (letter || organ === "ga" || year.end - inner !== 4 || year.value < 1946) return null;
    const close = skipWs(s, year.end, 1);
    return s[close] === ")" ? { end: close + 1, tail: `(${year.value})`, organ: "sc" } : null;
  }
  if (organ === "sc") return null;
  const roman = readUpperRoman(s, inner);
  const session = roman ? fromRoman(roman.value.toLowerCase()) : null;
  if (!roman || !session || session > 30) return null;
  const close = skipWs(s, roman.end, 1);
  if (s[close] !== ")") return null;
  let end = close + 1;
  // "A/RES/217 (III) A": the symbol's letter after the session.
  const l = skipWs(s, end, 1);
  if (symbol && !letter && isUpper(s[l]) && !isAlnum(s[l + 1]) && s[l + 1] !== "/") end = l + 1;
  return { end, tail: `(${roman.value})`, organ: "ga" };
}

/**
 * The symbols of the numbers read, or null when one of them cannot be of that kind (the Council's
 * and the old-style numbers are resolutions; there are no such decisions).
 */
function symbolsOf(items: NumberItem[], kind: "resolution" | "decision"): string[] | null {
  if (kind === "decision" && items.some((x) => x.form !== "pair")) return null;
  return items.map((x) =>
    x.form === "sc"
      ? `S/RES/${x.value}`
      : x.form === "old"
        ? `A/RES/${x.value}`
        : numberSymbol(kind, x.value.split("/") as [string, string]),
  );
}

/**
 * The citations of a list of resolution or decision numbers, zh or en alike: one per number,
 * all sharing the pinpoints read after the list (from `after`), which end them all.
 */
function numberedCitations(
  s: string,
  start: number,
  after: number,
  kind: "resolution" | "decision",
  symbols: string[],
): RuleResult {
  const pins = parsePins(s, after, { resolution: kind === "resolution" });
  const stop = pins ? pins.end : after;
  return {
    end: stop,
    found: symbols.map((symbol) => ({
      kind: "doc" as const,
      start,
      end: stop,
      ref: kind,
      symbols: [symbol],
      pins: pins ? pins.pins : [WHOLE],
    })),
  };
}

/**
 * Where a Chinese resolution citation starts, and the organ written there: before "大会", "联大"
 * or "联合国大会" ("联合国大会第 70/237 号决议", "大会 70/237 号决议"), or "安全理事会", "安理会",
 * "联合国安全理事会" ("安理会第2341(2017)号决议") written just before its number; else at `i`.
 */
function organBeforeZh(s: string, i: number): { start: number; organ: Organ } {
  let b = i;
  if (s[b - 1] === " ") b--;
  for (const [word, organ] of ORGANS_ZH) {
    if (s.slice(Math.max(0, b - word.length), b) !== word) continue;
    const w = b - word.length;
    return { start: s.slice(Math.max(0, w - 3), w) === "联合国" ? w - 3 : w, organ };
  }
  return { start: i, organ: null };
}

/** The organs' names before a resolution number, longest first. */
const ORGANS_ZH: readonly (readonly [string, Organ])[] = [
  ["安全理事会", "sc"],
  ["安理会", "sc"],
  ["大会", "ga"],
  ["联大", "ga"],
];

/** A date "2021 年 12 月 6 日" is skipped; returns the offset after it, or `p` when there is none. */
function skipDateZh(s: string, p: number): number {
  let q = p;
  for (const unit of ["年", "月", "日"]) {
    const n = readInt(s, q, 4);
    if (!n) return p;
    const u = skipWs(s, n.end, 2);
    if (s[u] !== unit) return p;
    q = skipWs(s, u + 1, 2);
  }
  return q;
}

/** "resolution 75/240" -> "A/RES/75/240"; "decision 77/512" -> "A/DEC/77/512" (registry convention). */
export function numberSymbol(kind: "resolution" | "decision", pair: readonly [string, string]): string {
  return `${kind === "resolution" ? "A/RES" : "A/DEC"}/${pair[0]}/${pair[1]}`;
}

function readConnectorZh(s: string, q: number): number {
  for (const w of ["以及", "和", "、", "及", "与"]) {
    const e = lit(s, q, w);
    if (e >= 0) return e;
  }
  return -1;
}

const MONTHS = new Set(MONTHS_EN);

/** English keywords, dispatched on the word at `i`. */
function ruleEnglish(s: string, i: number, titles: TitleMatcher): RuleResult | null {
  if (readParaAbbrev(s, i)) return rulePinsFirstEn(s, i, titles);
  const w = readWord(s, i);
  if (!w) return null;
  switch (w.value) {
    case "resolution":
    case "resolutions":
      return ruleNumbersEn(s, i, w.end, "resolution");
    case "decision":
    case "decisions":
      return ruleNumbersEn(s, i, w.end, "decision");
    case "res":
    case "unga":
    case "ga":
    case "g":
    case "general":
    case "security":
    case "unsc":
    case "sc":
    case "s":
      return ruleResolutionPrefixEn(s, i);
    case "para":
    case "paras":
    case "paragraph":
    case "paragraphs":
    case "operative":
    case "preambular":
      return rulePinsFirstEn(s, i, titles);
    case "annex":
      return ruleAnnexEn(s, i, i, titles);
    case "annexed":
      // "the declaration annexed to the present resolution", "annexed to resolution 75/240": the
      // annex of the document after "to" (annexes are read so only with "to" and a document).
      return readWord(s, skipWs(s, w.end, 2))?.value === "to" ? ruleAnnexEn(s, i, i, titles) : null;
    case "section":
    case "sect":
    case "part":
    case "chapter":
    case "chap":
      return rulePinsFirstEn(s, i, titles);
    case "the": {
      const next = readWord(s, skipWs(s, w.end, 2));
      if (next?.value === "annex") return ruleAnnexEn(s, i, skipWs(s, w.end, 2), titles);
      if (next?.value === "above-mentioned") return ruleAboveMentioned(s, i, next.end);
      if (next?.value === "charter") return ruleCharterFirstEn(s, i);
      return null;
    }
    case "article":
    case "articles":
    case "art":
    case "arts":
      return ruleArticlesEn(s, i, titles);
    case "un":
    case "u":
    case "united":
    case "charter": {
      const doc = readUnDocPrefix(s, i);
      if (doc >= 0) return ruleSymbol(s, i, doc);
      if (w.value === "un" && ["general", "security"].includes(readWord(s, skipWs(s, w.end, 2))?.value ?? ""))
        return ruleResolutionPrefixEn(s, i);
      return ruleCharterFirstEn(s, i);
    }
    case "ibid":
      return ruleIbidEn(s, i, w.end);
    default:
      return null;
  }
}

/**
 * "resolutions 75/240 of 31 December 2020 and 76/19 of 6 December 2021", "decision 77/512",
 * "resolution 79/237", "resolution 70/237 (2015)".
 * @param start where the citation starts: before "General Assembly" or "UNGA Res." when read
 */
function ruleNumbersEn(
  s: string,
  i: number,
  wordEnd: number,
  kind: "resolution" | "decision",
  start = i,
  organ: Organ = null,
): RuleResult | null {
  const list = readNumberListEn(s, skipWs(s, wordEnd), kind, organ);
  return list ? numberedCitations(s, start, list.end, kind, list.symbols) : null;
}

/**
 * A list of resolution or decision numbers after "resolution(s)" / "decision(s)", each with its
 * date where written: "75/240 of 31 December 2020 and 76/19", "2341 (2017) and 2286 (2016)".
 */
function readNumberListEn(
  s: string,
  from: number,
  kind: "resolution" | "decision",
  organ: Organ,
): { end: number; symbols: string[] } | null {
  let p = from;
  const items: NumberItem[] = [];
  let end = -1;
  for (let k = 0; k < MAX_LIST; k++) {
    const item = readNumberItem(s, p, organ);
    if (!item) break;
    items.push(item);
    end = skipDateEn(s, item.end);
    if (item.form === "pair") end = readParenDate(s, end) ?? end;
    const q = readListConnectorEn(s, end);
    if (q < 0) break;
    p = q;
  }
  const symbols = items.length ? symbolsOf(items, kind) : null;
  return symbols ? { end, symbols } : null;
}

/** " of 31 December 2020" after a resolution number, skipped; returns the offset after it. */
function skipDateEn(s: string, p: number): number {
  const q = skipWs(s, p, 2);
  const of = readWord(s, q);
  if (of?.value !== "of") return p;
  const day = readInt(s, skipWs(s, of.end, 2), 2);
  if (!day) return p;
  const month = readWord(s, skipWs(s, day.end, 2));
  if (!month || !MONTHS.has(month.value)) return p;
  const year = readInt(s, skipWs(s, month.end, 2), 4);
  return year ? year.end : p;
}

/** ", " / " and " / ", and " between list items; the offset of the next item, or -1. */
function readListConnectorEn(s: string, p: number): number {
  let q = skipWs(s, p, 2);
  if (s[q] === ",") q = skipWs(s, q + 1, 2);
  const and = readWord(s, q);
  if (and?.value === "and") q = skipWs(s, and.end, 2);
  else if (q === skipWs(s, p, 2)) return -1;
  return q;
}

/**
 * A resolution named with its organ, as lawyers and delegations abbreviate it: "UNGA Res 70/237",
 * "GA res. 70/237", "G.A. Res. 70/237", "General Assembly resolution 76/19", "UN General Assembly
 * resolution 76/19", "Res. 70/237". The organ's words are read with the citation.
 */
function ruleResolutionPrefixEn(s: string, i: number): RuleResult | null {
  let q = i;
  const w = readWord(s, q);
  if (!w) return null;
  if (w.value === "un") q = skipWs(s, w.end, 2);
  const council = readCouncilEn(s, q);
  if (council >= 0) {
    const kw = readWord(s, council);
    if (kw?.value !== "res" && kw?.value !== "resolution" && kw?.value !== "resolutions") return null;
    const after = kw.value === "res" && s[kw.end] === "." ? kw.end + 1 : kw.end;
    return ruleNumbersOf(s, council, after, i, "sc");
  }
  const organ = readWord(s, q);
  if (!organ) return null;
  if (organ.value === "general") {
    const assembly = readWord(s, skipWs(s, organ.end, 2));
    if (assembly?.value !== "assembly") return null;
    q = skipWs(s, assembly.end, 2);
  } else if (organ.value === "unga" || organ.value === "ga") q = skipWs(s, organ.end, 2);
  else if (organ.value === "g" && lit(s.toLowerCase(), organ.end, ".a.") >= 0)
    q = skipWs(s, organ.end + 3, 2);
  else if (organ.value !== "res") return null;
  const kw = readWord(s, q);
  if (!kw) return null;
  if (kw.value === "res" || kw.value === "resolution" || kw.value === "resolutions") {
    const after = kw.value === "res" && s[kw.end] === "." ? kw.end + 1 : kw.end;
    if (organ.value === "res") return ruleNumbersEn(s, q, after, "resolution", i);
    return ruleNumbersOf(s, q, after, i, "ga");
  }
  if (kw.value === "decision" || kw.value === "decisions") return ruleNumbersEn(s, q, kw.end, "decision", i);
  return null;
}

/**
 * Resolution numbers after an organ's name. Numbers of the other organ's form ("Security Council
 * resolution 75/240", "General Assembly resolution 2341 (2017)") are no citation: they are skipped
 * whole, so that no later start reads them without the organ.
 */
function ruleNumbersOf(
  s: string,
  q: number,
  after: number,
  start: number,
  organ: "ga" | "sc",
): RuleResult | null {
  const r = ruleNumbersEn(s, q, after, "resolution", start, organ);
  if (r) return r;
  const other = ruleNumbersEn(s, q, after, "resolution", start);
  return other ? { end: other.end, found: [] } : null;
}

/**
 * The Security Council named before a resolution: "Security Council", "UN Security Council",
 * "UNSC", "SC", "S.C." (any case). Where the next word starts, or -1.
 */
function readCouncilEn(s: string, p: number): number {
  let q = p;
  const un = readUn(s, q);
  if (un >= 0) q = skipWs(s, un, 2);
  const w = readWord(s, q);
  if (!w) return -1;
  if (w.value === "security") {
    const council = readWord(s, skipWs(s, w.end, 2));
    return council?.value === "council" ? skipWs(s, council.end, 2) : -1;
  }
  if ((w.value === "unsc" || w.value === "sc") && un < 0) return skipWs(s, w.end, 2);
  if (w.value === "s" && un < 0 && lit(s.toLowerCase(), w.end, ".c.") >= 0) return skipWs(s, w.end + 3, 2);
  return -1;
}

/**
 * Pinpoint first, then the document: "paragraph 7 of resolution 75/240", "paras. 64 and 65 of
 * the 2021 OEWG report", "¶ 23 of A/78/265", "OP5 of resolution 76/19", "paragraph 13 contained
 * in document A/78/265"; or the citing document itself: "paragraph 29 (a) and (b) above".
 */
function rulePinsFirstEn(s: string, i: number, titles: TitleMatcher): RuleResult | null {
  // OP and PP are read here whatever the document; they stand only if it is a resolution.
  const abbrev = readParaAbbrev(s, i) !== null;
  const comp = readPinComponent(s, i, { resolution: true }, true);
  // "para. 2.2 of <paper>": a decimal number is read only when a national paper follows; before
  // any other document "para. 2" is what is read, and the rest said to be unread.
  if (comp && s[comp.end] === "." && isDigit(s[comp.end + 1])) {
    const decimal = readPinComponent(s, i, { resolution: true, decimal: true }, true);
    const r = decimal && decimal.end > comp.end ? pinsFirstFrom(s, i, titles, abbrev, decimal) : null;
    if (r?.found.every((f) => f.kind === "doc" && f.symbols.length > 0 && f.symbols.every(isDocId))) return r;
  }
  return comp ? pinsFirstFrom(s, i, titles, abbrev, comp) : null;
}

/** rulePinsFirstEn once its first pinpoint is read. */
function pinsFirstFrom(
  s: string,
  i: number,
  titles: TitleMatcher,
  abbrev: boolean,
  comp: Component,
): RuleResult | null {
  // "section 2.2 of …", "Part II of …": a numbered section before its document.
  const sectionOnly = comp !== null && comp.nums.length === 0 && comp.key !== null;
  if (!comp || (comp.nums.length === 0 && !sectionOnly)) return null;
  let nums = comp.nums;
  let compEnd = comp.end;
  // "para. 23, subparagraph (f) (ii) of …": the labels continue the one paragraph read.
  const c = skipWs(s, compEnd, 2);
  const at = s[c] === "," ? skipWs(s, c + 1, 2) : c;
  const sub = nums.length === 1 && readWord(s, at)?.value.startsWith("sub") ? readPinComponent(s, at) : null;
  if (sub?.labels) {
    nums = sub.labels.map((l) => [...nums[0]!, ...l]);
    compEnd = sub.end;
  }
  const pins: Pin[] = sectionOnly
    ? [{ ...WHOLE, section: comp.section, key: comp.key }]
    : nums.map((num) => ({ ...WHOLE, part: comp.part, operative: comp.operative, num }));
  const q = skipWs(s, compEnd, 2);
  const w = readWord(s, q);
  if (!abbrev && (w?.value === "above" || w?.value === "below")) {
    return { end: w.end, found: [{ kind: "doc", start: i, end: w.end, ref: "self", symbols: [], pins }] };
  }
  let p = readPinLink(s, q);
  if (p < 0) return null;
  for (let k = 0; k < 4; k++) {
    const x = readWord(s, p);
    // A title may begin with one of these words ("The application of international law …").
    if (!x || !LEAD_WORDS.has(x.value) || titles.match(s, p)) break;
    if (x.value === "present") {
      const y = readWord(s, skipWs(s, x.end, 2));
      if (!abbrev && y && SELF_NOUNS_EN.has(y.value))
        return { end: y.end, found: [{ kind: "doc", start: i, end: y.end, ref: "self", symbols: [], pins }] };
      return null;
    }
    p = skipWs(s, x.end, 2);
  }
  // "paragraphs 1 to 5 of annex B" / "of annex C to document A/79/214": the annex rule reads on.
  const annex = readWord(s, p);
  if (annex?.value === "annex") {
    const r = ruleAnnexEn(s, i, p, titles);
    const f = r?.found[0];
    if (!r || !f || f.kind !== "doc" || f.pins.some((x) => x.num.length > 0)) return null;
    if (abbrev && !isResolution(f)) return null;
    const part = f.pins[0]!.part;
    return {
      end: r.end,
      found: r.found.map((x) => ({ ...x, start: i, pins: pins.map((pin) => ({ ...pin, part })) })),
    };
  }
  const ref = readDocRef(s, p, titles);
  if (!ref) return null;
  if (abbrev && !(ref.ref === "resolution" || ref.symbols.every((x) => /\/RES\//.test(x)))) return null;
  return {
    end: ref.end,
    found: ref.symbols
      .map((symbol) => ({
        kind: "doc" as const,
        start: i,
        end: ref.end,
        ref: ref.ref,
        symbols: ref.ref === "title" ? ref.symbols : [symbol],
        pins,
      }))
      .slice(0, ref.ref === "title" ? 1 : undefined),
  };
}

/** Whether a found reference names a resolution (by number or by a symbol with /RES/). */
function isResolution(f: Found): boolean {
  return f.kind === "doc" && (f.ref === "resolution" || f.symbols.some((x) => /\/RES\//.test(x)));
}

/** "of", "in", "contained in", "of document" between a pinpoint and its document; where the document starts, or -1. */
function readPinLink(s: string, q: number): number {
  let w = readWord(s, q);
  if (s[q] === ",") w = readWord(s, skipWs(s, q + 1, 2));
  if (w?.value === "contained") w = readWord(s, skipWs(s, w.end, 2));
  if (w?.value !== "of" && w?.value !== "in") return -1;
  return skipWs(s, w.end, 2);
}

/**
 * What "the present" names the citing document with: "paragraph 12 of the present report",
 * "annex II to the present resolution", "article 5 of the present convention".
 */
const SELF_NOUNS_EN = new Set([
  "report",
  "resolution",
  "document",
  "decision",
  "declaration",
  "convention",
  "note",
  "protocol",
  "agreement",
]);

/** Words that may stand between "of" and the document: "of the present report", "of its resolution". */
const LEAD_WORDS = new Set(["the", "its", "general", "assembly", "document", "present", "un", "unga", "ga"]);

/** A bare document reference: a symbol, "resolution 75/240" (or several), or a registry title. */
function readDocRef(
  s: string,
  p: number,
  titles: TitleMatcher,
): { end: number; ref: RefKind; symbols: string[] } | null {
  const sym = readSymbolAt(s, p);
  if (sym) {
    const end = skipLinkTail(s, p, sym.end);
    return { end: readParenDate(s, end) ?? end, ref: "symbol", symbols: [sym.value] };
  }
  // "of Security Council resolution 2341 (2017)": the Council's numbers only.
  const council = readCouncilEn(s, p);
  const at = council >= 0 ? council : p;
  const w = readWord(s, at);
  if (w && (w.value.startsWith("resolution") || w.value.startsWith("decision") || w.value === "res")) {
    const kind = w.value.startsWith("decision") ? "decision" : "resolution";
    const q = skipWs(s, w.value === "res" && s[w.end] === "." ? w.end + 1 : w.end);
    const list = readNumberListEn(s, q, kind, council >= 0 ? "sc" : null);
    return list ? { end: list.end, ref: kind, symbols: list.symbols } : null;
  }
  if (council >= 0) return null;
  const m = titles.match(s, p);
  if (m) return { end: m.end, ref: "title", symbols: m.value };
  return null;
}

/**
 * "annex C to document A/79/214", "the annex to document A/80/257", "annex I to A/80/257";
 * without a document, the citing document's own annex: "see annex B", "annex A, paragraph 3".
 */
function ruleAnnexEn(s: string, start: number, at: number, titles: TitleMatcher): RuleResult | null {
  const w = readWord(s, at);
  if (!w) return null;
  const q = skipWs(s, w.end, 2);
  const label = readAnnexLabel(s, q, true);
  const part = label ? `annex ${label.value}` : "annex";
  const after = label ? label.end : w.end;
  const r = skipWs(s, after, 2);
  const to = readWord(s, r);
  if (to?.value === "to" || to?.value === "of") {
    let p = skipWs(s, to.end, 2);
    // "to document …", "to its resolution …", "to General Assembly resolution …".
    for (let k = 0; k < 3; k++) {
      const x = readWord(s, p);
      if (!x || !["document", "its", "general", "assembly"].includes(x.value)) break;
      p = skipWs(s, x.end, 2);
    }
    const the = readWord(s, p);
    if (the?.value === "the") {
      const present = readWord(s, skipWs(s, the.end, 2));
      if (present?.value === "present") {
        const noun = readWord(s, skipWs(s, present.end, 2));
        if (noun && SELF_NOUNS_EN.has(noun.value)) {
          const pin = { ...WHOLE, part };
          return {
            end: noun.end,
            found: [{ kind: "doc", start, end: noun.end, ref: "self", symbols: [], pins: [pin] }],
          };
        }
      }
    }
    // "annex A to the second annual progress report": a title may follow "the".
    const ref =
      readDocRef(s, p, titles) ??
      (the?.value === "the" ? readDocRef(s, skipWs(s, the.end, 2), titles) : null);
    if (ref) {
      // "annex I to document A/75/816, para. 56": pinpoints after the document stay in the annex.
      const more = parsePins(s, ref.end, {
        resolution: ref.ref === "resolution" || ref.symbols.some((x) => /\/RES\//.test(x)),
      });
      const pins = more ? more.pins.map((x) => (x.part ? x : { ...x, part })) : [{ ...WHOLE, part }];
      const stop = more ? more.end : ref.end;
      return {
        end: stop,
        found: (ref.ref === "title" ? [ref.symbols] : ref.symbols.map((x) => [x])).map((symbols) => ({
          kind: "doc" as const,
          start,
          end: stop,
          ref: ref.ref,
          symbols,
          pins,
        })),
      };
    }
    return null;
  }
  if (!label) return null;
  const more = parsePins(s, after);
  const pins = more ? more.pins.map((p) => (p.part ? p : { ...p, part })) : [{ ...WHOLE, part }];
  const end = more ? more.end : after;
  return { end, found: [{ kind: "doc", start, end, ref: "self", symbols: [], pins }] };
}

/** One article of a coordinated list and the paragraphs written for it ([] for the whole article). */
interface ArticleItem {
  article: string;
  paras: string[];
}

/**
 * Charter articles, coordinated: "Article 33, paragraph 1, of the Charter", "Article 2 (3) of the
 * Charter of the United Nations", "Article 2, paragraph 3, and Article 33, paragraph 1, of the
 * Charter", "Articles 2 (4) and 51 of the UN Charter", "Art. 2(4) UN Charter", "Article 2,
 * paragraphs 3 and 4, of the Charter". Each article (and each of its paragraphs) is a target;
 * without the Charter named after them, articles are another instrument's and are left alone.
 */
function ruleArticlesEn(s: string, i: number, titles: TitleMatcher): RuleResult | null {
  const list = readArticleListEn(s, i);
  if (!list) return null;
  const tail = readCharterTailEn(s, list.end);
  // Another instrument's articles: any later start in the list reads a suffix of it, with the same
  // words after it, so the walk skips the list whole (and stays linear on a list that never ends).
  // Where a document the grammar knows follows ("article 19 of A/RES/99/3"), they are its articles.
  if (tail < 0) return ruleArticlesBeforeDocEn(s, i, titles) ?? { end: list.end, found: [] };
  return { end: tail, found: charterFound(i, tail, list.items) };
}

/**
 * Articles written before their document: "article 19 of A/RES/99/3", "articles 2 and 5 of
 * resolution 99/3", "art. 19, para. 2, of A/RES/99/3", "article 3 (2) of document A/RES/99/3". The
 * document is read as after "paragraph 7 of" (a symbol, a resolution number or a registry title);
 * anything else after "of" is another instrument, and nothing is read.
 */
function ruleArticlesBeforeDocEn(s: string, i: number, titles: TitleMatcher): RuleResult | null {
  // "art. 19, para. 2", "articles 2 and 5", "article 2 and article 5, para. 1": read as after a
  // document, and only articles (with their paragraphs) may stand before "of".
  const read = parsePins(s, i, PLAIN);
  if (!read?.pins.every(isArticlePin)) return null;
  const pins = read.pins;
  const end = read.end;
  // "article 5 above", "articles 2 and 5 of the present convention": the citing document's own.
  const self = readSelfTailEn(s, skipWs(s, end, 2));
  if (self >= 0)
    return { end: self, found: [{ kind: "doc", start: i, end: self, ref: "self", symbols: [], pins }] };
  let p = readPinLink(s, skipWs(s, end, 2));
  if (p < 0) return null;
  for (let k = 0; k < 4; k++) {
    const x = readWord(s, p);
    if (!x || !LEAD_WORDS.has(x.value) || x.value === "present" || titles.match(s, p)) break;
    p = skipWs(s, x.end, 2);
  }
  const ref = readDocRef(s, p, titles);
  if (!ref) return null;
  return {
    end: ref.end,
    found: (ref.ref === "title" ? [ref.symbols] : ref.symbols.map((x) => [x])).map((symbols) => ({
      kind: "doc" as const,
      start: i,
      end: ref.end,
      ref: ref.ref,
      symbols,
      pins,
    })),
  };
}

/** A pinpoint into an article (or a paragraph of one), nothing else. */
function isArticlePin(p: Pin): boolean {
  return (
    p.part?.startsWith("article ") === true &&
    !p.operative &&
    p.section === null &&
    p.state === null &&
    p.key === null &&
    p.page === null
  );
}

/**
 * After a pinpoint, words that make it the citing document's own: "above", "below", "of the
 * present convention" (a noun of SELF_NOUNS_EN). Where they end, or -1.
 */
function readSelfTailEn(s: string, q: number): number {
  // "art. 3, para. 2, above": the comma that closes the pinpoint.
  const w = readWord(s, s[q] === "," ? skipWs(s, q + 1, 2) : q);
  if (w?.value === "above" || w?.value === "below") return w.end;
  const p = readPinLink(s, q);
  if (p < 0) return -1;
  const the = readWord(s, p);
  const present = the?.value === "the" ? readWord(s, skipWs(s, the.end, 2)) : null;
  const noun = present?.value === "present" ? readWord(s, skipWs(s, present.end, 2)) : null;
  return noun && SELF_NOUNS_EN.has(noun.value) ? noun.end : -1;
}

/**
 * The Charter named first, then its articles: "UN Charter, Art. 2(4)", "Charter of the United
 * Nations, Article 2, paragraph 4", "the Charter, Article 51", "U.N. Charter art. 51".
 */
function ruleCharterFirstEn(s: string, i: number): RuleResult | null {
  const name = readCharterName(s, i);
  if (name < 0) return null;
  let q = skipWs(s, name, 2);
  if (s[q] === ",") q = skipWs(s, q + 1, 2);
  const list = readArticleListEn(s, q);
  if (!list) return null;
  return { end: list.end, found: charterFound(i, list.end, list.items) };
}

function charterFound(start: number, end: number, items: ArticleItem[]): Found[] {
  return items.flatMap((it) =>
    (it.paras.length ? it.paras : [null]).map((para) => ({
      kind: "charter" as const,
      start,
      end,
      article: it.article,
      para,
    })),
  );
}

/** "Article 2, paragraph 3, and Article 33, paragraph 1", "Articles 2 and 51", "Art. 2(4)". */
function readArticleListEn(s: string, i: number): { end: number; items: ArticleItem[] } | null {
  const items: ArticleItem[] = [];
  let p = i;
  let end = -1;
  while (items.length < MAX_LIST) {
    let q = p;
    const w = readWord(s, q);
    if (w && ARTICLE_WORDS.has(w.value)) {
      q = w.end;
      if (s[q] === ".") q++;
      q = skipWs(s, q, 2);
    } else if (items.length === 0) return null;
    const n = readInt(s, q, 3);
    if (!n) break;
    const item: ArticleItem = { article: String(n.value), paras: [] };
    let e = n.end;
    const labels = readArticleParaLabels(s, e);
    if (labels) {
      item.paras = labels.paras;
      e = labels.end;
    } else {
      const words = readArticleParaWords(s, e);
      if (words) {
        item.paras = words.paras;
        e = words.end;
      }
    }
    items.push(item);
    end = e;
    // ", and Article 33", " and 51", ", 33": the next article, with or without its word.
    let r = skipWs(s, e, 2);
    if (s[r] === ",") r = skipWs(s, r + 1, 2);
    const and = readWord(s, r);
    if (and?.value === "and") r = skipWs(s, and.end, 2);
    else if (r === skipWs(s, e, 2)) break;
    const next = readWord(s, r);
    if (!(next && ARTICLE_WORDS.has(next.value)) && !isDigit(s[r])) break;
    p = r;
  }
  return items.length ? { end, items } : null;
}

const ARTICLE_WORDS = new Set(["article", "articles", "art", "arts"]);

/** "(3)", "(3) and (4)", "(3)-(4)" right after an article number. */
function readArticleParaLabels(s: string, p: number): { end: number; paras: string[] } | null {
  const first = readLabel(s, skipWs(s, p, 1));
  if (!first || !/^[0-9]+$/.test(first.value)) return null;
  const paras = [first.value];
  let end = first.end;
  for (;;) {
    let q = skipWs(s, end, 2);
    const and = readWord(s, q);
    if (and?.value === "and") q = skipWs(s, and.end, 2);
    else if (s[q] === ",") q = skipWs(s, q + 1, 2);
    else break;
    const next = readLabel(s, q);
    if (!next || !/^[0-9]+$/.test(next.value)) break;
    paras.push(next.value);
    end = next.end;
  }
  return { end, paras };
}

/** ", paragraph 1", " para. 4", ", paragraphs 3 and 4," after an article number (a trailing comma is read). */
function readArticleParaWords(s: string, p: number): { end: number; paras: string[] } | null {
  let q = skipWs(s, p, 2);
  if (s[q] === ",") q = skipWs(s, q + 1, 2);
  const w = readWord(s, q);
  if (!w || !["paragraph", "paragraphs", "para", "paras"].includes(w.value)) return null;
  let r = w.end;
  if (s[r] === ".") r++;
  const first = readInt(s, skipWs(s, r, 2), 3);
  if (!first) return null;
  const paras = [String(first.value)];
  let end = first.end;
  for (;;) {
    let x = skipWs(s, end, 2);
    if (s[x] === ",") x = skipWs(s, x + 1, 2);
    const and = readWord(s, x);
    if (and?.value === "and") x = skipWs(s, and.end, 2);
    else if (x === skipWs(s, end, 2)) break;
    const next = readInt(s, x, 3);
    if (!next) break;
    paras.push(String(next.value));
    end = next.end;
  }
  return { end, paras };
}

/**
 * After the articles, the Charter: ", of the Charter", "of the Charter of the United Nations",
 * "of the UN Charter", "of the United Nations Charter", or "UN Charter" directly. Where it ends, or -1.
 */
function readCharterTailEn(s: string, p: number): number {
  let q = skipWs(s, p, 2);
  if (s[q] === ",") q = skipWs(s, q + 1, 2);
  const of = readWord(s, q);
  if (of?.value === "of") {
    const the = readWord(s, skipWs(s, of.end, 2));
    if (the?.value !== "the") return -1;
    return readCharterName(s, skipWs(s, the.end, 2));
  }
  return readUn(s, q) >= 0 ? readCharterName(s, q) : -1;
}

/**
 * The Charter's name at `p`: "Charter" (with "of the United Nations" read when it follows),
 * "UN Charter", "U.N. Charter", "United Nations Charter"; "the" before any of them. Where it
 * ends, or -1.
 */
function readCharterName(s: string, p: number): number {
  let q = p;
  const the = readWord(s, q);
  if (the?.value === "the") q = skipWs(s, the.end, 2);
  const un = readUn(s, q);
  if (un >= 0) q = skipWs(s, un, 2);
  else {
    const united = readWord(s, q);
    if (united?.value === "united") {
      const nations = readWord(s, skipWs(s, united.end, 2));
      if (nations?.value !== "nations") return -1;
      q = skipWs(s, nations.end, 2);
    }
  }
  const charter = readWord(s, q);
  if (charter?.value !== "charter") return -1;
  const tail = " of the United Nations";
  if (s.slice(charter.end, charter.end + tail.length).toLowerCase() === tail.toLowerCase())
    return charter.end + tail.length;
  return charter.end;
}

function ruleIbidEn(s: string, i: number, wordEnd: number): RuleResult {
  let end = wordEnd;
  if (s[end] === ".") end++;
  const pins = parsePins(s, end);
  const stop = pins ? pins.end : end;
  return {
    end: stop,
    found: [{ kind: "short", start: i, end: stop, form: "ibid", pins: pins ? pins.pins : null }],
  };
}

/** "the above-mentioned resolution". */
function ruleAboveMentioned(s: string, i: number, end: number): RuleResult | null {
  const w = readWord(s, skipWs(s, end, 2));
  if (w?.value !== "resolution") return null;
  return { end: w.end, found: [{ kind: "short", start: i, end: w.end, form: "resolution", pins: null }] };
}

/** 同上 (ibid.), 上述决议 / 该决议 (the above-mentioned resolution). */
function ruleShortZh(s: string, i: number): RuleResult | null {
  const ibid = lit(s, i, "同上");
  if (ibid >= 0 && !isHan(s[ibid])) {
    const pins = parsePins(s, ibid);
    const end = pins ? pins.end : ibid;
    return { end, found: [{ kind: "short", start: i, end, form: "ibid", pins: pins ? pins.pins : null }] };
  }
  for (const w of ["上述决议", "该决议"]) {
    const e = lit(s, i, w);
    if (e >= 0)
      return { end: e, found: [{ kind: "short", start: i, end: e, form: "resolution", pins: null }] };
  }
  return null;
}

/**
 * References to the citing document: "上文第 29(a)和(b)分段", "本报告第 37(b)和(c)分段",
 * "第 52(a)和(b)分段", "本报告附件 A", "见附件 D", "(见附件)", "本决议附件", "本决议第 5 段",
 * "本公约第十九条第二款".
 */
function ruleSameZh(s: string, i: number): RuleResult | null {
  let p = i;
  let prefixed = false;
  for (const w of ["上文", "下文", "见"]) {
    const e = lit(s, i, w);
    if (e >= 0) {
      p = skipWs(s, e, 2);
      prefixed = true;
      break;
    }
  }
  if (s[i] === "本") {
    // "本报告第 37(b)和(c)分段", "本决议附件", "本公约第十九条": 本 and a document's noun name the
    // citing document, so whatever pinpoints follow (paragraphs, annexes, articles) are its own.
    const noun = SELF_NOUNS_ZH.find((w) => lit(s, i + 1, w) >= 0);
    if (!noun) return null;
    const pins = parsePins(s, skipWs(s, i + 1 + noun.length, 2));
    if (!pins) return null;
    return {
      end: pins.end,
      found: [{ kind: "doc", start: i, end: pins.end, ref: "self", symbols: [], pins: pins.pins }],
    };
  }
  if (s[p] === "第") {
    if (!prefixed && namesADocumentBefore(s, i)) return null;
    const para = readParaZh(s, p);
    if (!para) return null;
    const pins = para.nums.map((num) => ({ ...WHOLE, num }));
    return {
      end: para.end,
      found: [{ kind: "doc", start: i, end: para.end, ref: "self", symbols: [], pins }],
    };
  }
  const annex = readAnnexZh(s, p);
  if (annex && (annex.part !== "annex" || prefixed)) {
    const more = parsePins(s, annex.end);
    const pins = more
      ? more.pins.map((x) => (x.part ? x : { ...x, part: annex.part }))
      : [{ ...WHOLE, part: annex.part }];
    const end = more ? more.end : annex.end;
    return { end, found: [{ kind: "doc", start: i, end, ref: "self", symbols: [], pins }] };
  }
  return null;
}

/** What "本" names the citing document with: "本报告", "本决议", "本公约" … */
const SELF_NOUNS_ZH = ["报告", "决议", "决定", "文件", "公约", "宣言", "说明", "议定书", "协定"];

/**
 * True when the words just before "第" name a document the grammar did not recognise ("某报告第 5
 * 段"): such a pinpoint is not a reference to the citing document and is left alone.
 */
function namesADocumentBefore(s: string, i: number): boolean {
  const a = s[i - 2];
  const b = s[i - 1];
  // "条" ends an article ("第二条第三项"); "其" / "该" / "此" point at a document named earlier.
  if (b === "条" || b === "其" || b === "该" || b === "此") return true;
  for (const noun of DOCUMENT_NOUNS) if (a === noun[0] && b === noun[1]) return true;
  return false;
}

const DOCUMENT_NOUNS = ["报告", "决议", "决定", "文件", "宪章", "部分", "章节", "公约", "纲领"];
