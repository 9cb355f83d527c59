/**
 * Pinpoints, the part of the grammar that reads where inside a document a citation points:
 * parts ("附件一", "annex I", "执行部分"), sections named in words, paragraphs with their labels,
 * lists and ranges ("第 15(b)(一)和(二)段", "paragraph 23 (a) to (h)"). Used by find.ts after a
 * document reference (and, for the citing document itself, on its own).
 *
 * Decisions:
 * - Every reader is bounded (lists capped at MAX_LIST items, words and runs at a few dozen
 *   characters), so reading pinpoints is linear in what it consumes and never backtracks.
 * - The abbreviations of negotiators ("OP5", "op. 5", "PP3", "pp. 3") are operative and preambular
 *   paragraphs only where the document is a resolution (`PinContext.resolution`): after a report,
 *   "pp. 3" is far more often pages, which are not read (a page pinpoint is left unread, and said).
 * - Legal scholarship's pinpoints read as paragraphs: "at [64]", "at [2(a)]", "¶ 23", "¶¶ 23–25";
 *   a bare "at 5" is a page.
 * - Pages ("p. 58", "pp. 58-59", "第 58 页", "at 58") are read as pages with their words' span;
 *   resolution places them only where the corpus records the document's pages, and the lookup
 *   gives the words back as not read everywhere else (a page is never the whole document unsaid).
 * - A State's section of a compendium is read by the names of the States the corpus knows (see
 *   `useStates`), and only where a pinpoint or the end of the citation follows the name, so "A/75/816,
 *   China stated" is not a State section.
 * - Numbered sections are read with their key in arabic numerals, as the parser keys them: "section
 *   2.2" -> "2.2", "Part II" -> "2", "sect. II.A" -> "2.A", "第二部分第（一）节" -> "2.1".
 */
import {
  fromRoman,
  isAlnum,
  isCjkNumeral,
  isDigit,
  isHan,
  isLower,
  isUpper,
  lit,
  readCjkNumeral,
  readInt,
  readLabel,
  readUpperRoman,
  readWord,
  skipWs,
  toRoman,
} from "./tokenize.ts";

/** Largest number of items a coordinated list or range may expand to. */
export const MAX_LIST = 60;

/** One pinpoint inside a cited document. */
export interface Pin {
  /**
   * Part label as written, in English: "annex I", "annex C", "annex", "preamble", "annex A/appendix"
   * (an appendix of the annex named before it); null if unwritten.
   */
  part: string | null;
  /** "执行部分" / "operative paragraph": the main body of a resolution, written explicitly. */
  operative: boolean;
  /** Section named in words ("国际法部分，建议采取的下一步行动"), or null. */
  section: string | null;
  /** Normalised labels: ["23", "a"]; [] for the whole document or part. */
  num: string[];
  /** A State's (or group's) section of a compendium, by its code ("DE"), or null. */
  state: string | null;
  /**
   * A numbered section's key, numerals in arabic as the parser keys sections ("2.2", "2.1" for
   * 第二部分第（一）节, "2" for Part II, "2.A" for sect. II.A); null if none was written.
   */
  key: string | null;
  /**
   * A number written bare after a national paper ("cn-2024-ict-position, 2.1"): paragraph 2.1
   * where there is one, else section 2.1.
   */
  bare?: true;
  /** Pages ("p. 58", "pp. 58-59", "第 58 页"), with the span of their words in the text; or null. */
  page: PagePin | null;
}

/** A page pinpoint: the pages and where their words stand in the text (offsets, UTF-16). */
export interface PagePin {
  first: number;
  last: number;
  span: [number, number];
}

/** The whole document: no part, no section, no number. */
export const WHOLE: Pin = {
  part: null,
  operative: false,
  section: null,
  num: [],
  state: null,
  key: null,
  page: null,
};

/** Something that names a State at an offset: the States' codes (see `useStates`). */
export interface StateNames {
  match(s: string, p: number): { end: number; value: string[] } | null;
  /** The States' codes. */
  readonly symbols: ReadonlySet<string>;
}

let states: StateNames | null = null;

/**
 * The State names the next readings use (findCitations sets them from its title matcher): one
 * grammar run reads one text synchronously, as the word cache of tokenize.ts assumes too.
 */
export function useStates(names: StateNames | null): void {
  states = names;
}

/** Longest page range a page pinpoint may span. */
const MAX_PAGES = 200;

/** "附件一" -> "annex I", "附件 A" -> "annex A", "附件" -> "annex". */
export function readAnnexZh(s: string, p: number, bare = false): { end: number; part: string } | null {
  const e = lit(s, p, "附件");
  if (e < 0) return null;
  const n = readCjkNumeral(s, e);
  if (n && n.value > 0) return { end: n.end, part: `annex ${toRoman(n.value).toUpperCase()}` };
  const q = skipWs(s, e, 2);
  const label = readAnnexLabel(s, q);
  if (label) return { end: label.end, part: `annex ${label.value}` };
  // A bare "附件" before more words is "the annex" only right after a document ("号决议附件所载").
  if (!bare && isHan(s[e]) && s[e] !== "第") return null;
  return { end: e, part: "annex" };
}

/**
 * An annex label after "annex"/"附件": a capital letter ("A") or an upper-case roman numeral
 * ("IV"), normalised to capitals. With `lower`, a typed "annex b" or "annex ii" is read too, but
 * only where a pinpoint or the end of the citation follows, so "annex a list" is not annex A.
 */
export function readAnnexLabel(s: string, q: number, lower = false): { end: number; value: string } | null {
  const roman = readUpperRoman(s, q);
  if (roman) return roman;
  if (isUpper(s[q]) && !isAlnum(s[q + 1])) return { end: q + 1, value: s[q]! };
  if (!lower || !isLower(s[q])) return null;
  let e = q;
  while (e < s.length && e - q < 6 && isLower(s[e])) e++;
  const text = s.slice(q, e);
  const value = text.length === 1 ? text.toUpperCase() : fromRoman(text) !== null ? text.toUpperCase() : null;
  if (value === null || isAlnum(s[e])) return null;
  const after = skipWs(s, e, 2);
  const next = readWord(s, after);
  const ends = after >= s.length || ",;.)]¶".includes(s[after]!) || isDigit(s[after]);
  if (!ends && !(next && LABEL_FOLLOWERS.has(next.value)) && !readParaAbbrev(s, after)) return null;
  return { end: e, value };
}

/**
 * Several annexes: "annexes I and II", "annexes I, II and III", "annexes I to III", "annexes A-C".
 * Labels as annexes are labelled (capital letters, upper-case roman numerals); a range runs over
 * one kind. Each annex is a part (`parts`).
 */
function readAnnexListEn(s: string, p: number): Component | null {
  const first = readAnnexLabel(s, p);
  if (!first) return null;
  const labels = [first.value];
  let end = first.end;
  while (labels.length < MAX_LIST) {
    let q = skipWs(s, end, 2);
    let range = false;
    if (s[q] === ",") q = skipWs(s, q + 1, 2);
    const w = readWord(s, q);
    if (w?.value === "and") q = skipWs(s, w.end, 2);
    else if (w?.value === "to" || w?.value === "through") {
      q = skipWs(s, w.end, 2);
      range = true;
    } else if ("-–—".includes(s[q] ?? "x")) {
      q = skipWs(s, q + 1, 2);
      range = true;
    } else if (q === skipWs(s, end, 2)) break;
    const next = readAnnexLabel(s, q);
    if (!next) break;
    if (range) {
      const run = annexRange(labels[labels.length - 1]!, next.value);
      if (!run) return null;
      labels.push(...run.slice(0, MAX_LIST - labels.length));
    } else labels.push(next.value);
    end = next.end;
  }
  return labels.length < 2
    ? null
    : annexesComponent(
        end,
        labels.map((x) => `annex ${x}`),
      );
}

/**
 * "附件一和附件二", "附件一和二", "附件一、二和三", "附件一至附件三", "附件一至三", "附件 A 和 B": several
 * annexes after the first one read. Null when no other annex follows.
 */
function readAnnexListZh(s: string, first: { end: number; part: string }): Component | null {
  if (first.part === "annex") return null;
  const parts = [first.part];
  let end = first.end;
  while (parts.length < MAX_LIST) {
    const q = skipWs(s, end, 2);
    let conn = -1;
    let range = false;
    for (const w of ["以及", "和", "、", "及", "与", "至", "到"]) {
      const e = lit(s, q, w);
      if (e >= 0) {
        conn = skipWs(s, e, 2);
        range = w === "至" || w === "到";
        break;
      }
    }
    if (conn < 0) break;
    // The next annex, with "附件" again or its label alone ("附件一和二").
    const next =
      lit(s, conn, "附件") >= 0
        ? readAnnexZh(s, conn, true)
        : (() => {
            const n = readCjkNumeral(s, conn);
            if (n && n.value > 0 && !isHan(s[n.end]))
              return { end: n.end, part: `annex ${toRoman(n.value).toUpperCase()}` };
            const label = readAnnexLabel(s, conn);
            return label ? { end: label.end, part: `annex ${label.value}` } : null;
          })();
    if (!next || next.part === "annex") break;
    if (range) {
      const run = annexRange(parts[parts.length - 1]!.slice(6), next.part.slice(6));
      if (!run) return null;
      parts.push(...run.slice(0, MAX_LIST - parts.length).map((x) => `annex ${x}`));
    } else parts.push(next.part);
    end = next.end;
  }
  return parts.length < 2 ? null : annexesComponent(end, parts);
}

function annexesComponent(end: number, parts: string[]): Component {
  return { ...NONE, end, nums: [], parts: parts.map((part) => ({ part, num: [] })) };
}

/** The labels after `from` up to `to`: "I" .. "III" -> ["II", "III"], "A" .. "C" -> ["B", "C"]. */
function annexRange(from: string, to: string): string[] | null {
  if (/^[A-Z]$/.test(from) && /^[A-Z]$/.test(to) && !(/^[IVXL]$/.test(from) && /^[IVXL]+$/.test(to))) {
    const a = from.charCodeAt(0);
    const b = to.charCodeAt(0);
    if (b <= a) return null;
    return Array.from({ length: b - a }, (_, k) => String.fromCharCode(a + k + 1));
  }
  const a = fromRoman(from.toLowerCase());
  const b = fromRoman(to.toLowerCase());
  if (!a || !b || b <= a || b - a > MAX_LIST) return null;
  return Array.from({ length: b - a }, (_, k) => toRoman(a + k + 1).toUpperCase());
}

/** Words after which a lower-case annex label is read: a pinpoint or a link to the document. */
const LABEL_FOLLOWERS = new Set([
  "para",
  "paras",
  "paragraph",
  "paragraphs",
  "to",
  "of",
  "at",
  "section",
  "sect",
]);

// ---------------------------------------------------------------------------------------------
// Pinpoints

/** A component with nothing set yet. */
const NONE = {
  part: null,
  operative: false,
  section: null,
  labels: null,
  state: null,
  key: null,
  page: null,
} as const;

/** What the pinpoints are read after. */
export interface PinContext {
  /**
   * The document is a resolution (a resolution number, or a symbol with /RES/): "OP5" and "PP3"
   * are its operative and preambular paragraphs. Elsewhere those abbreviations are not read.
   */
  resolution: boolean;
  /** The document is keyed by an id (a national paper): a bare "2.1" after it is read. */
  national?: boolean;
  /**
   * A paragraph number may be decimal ("para. 2.2", as national papers number them): true where
   * the document is a national paper, and when a pinpoint is read before its document is known
   * ("para. 2.2 of <paper>"; the rule keeps it only if the document is one).
   */
  decimal?: boolean;
}

/** No resolution: the abbreviations OP and PP are not read. */
export const PLAIN: PinContext = { resolution: false };

/** "执行部分" names the operative part (the main body), "序言部分" the preamble. */
const BODY_PARTS: readonly (readonly [string, string | null])[] = [
  ["执行部分", null],
  ["序言部分", "preamble"],
];

/** One pinpoint component: a part, a section or paragraphs. */
export interface Component {
  end: number;
  part: string | null;
  operative: boolean;
  section: string | null;
  nums: string[][];
  /**
   * Subparagraph labels that continue the paragraph just read ("para. 23, subparagraph (f)"):
   * each path is appended to it. Null for every other component.
   */
  labels: string[][] | null;
  /** A State's section, by code. */
  state: string | null;
  /** A numbered section's key. */
  key: string | null;
  /** Pages. */
  page: PagePin | null;
  /** A bare number after a national paper. */
  bare?: true;
  /**
   * Several parts named in one component, each with its paragraph or none: "articles 2 and 5",
   * "arts. 2-4", "第二条和第五条", "annexes I and II", "附件一和附件二". Null for every other component.
   */
  parts?: { part: string; num: string[] }[];
}

/**
 * Pinpoints after a document reference, separated by commas: "，附件一，第 16 段", ", annex I,
 * para. 56", "，执行部分第 1 段", "，国际法部分，建议采取的下一步行动，第 2 段", "第 15(b)(一)和(二)段以及
 * 国际法部分，……，第 2 段". Returns null when nothing follows.
 */
export function parsePins(
  s: string,
  p: number,
  ctx: PinContext = PLAIN,
): { end: number; pins: Pin[] } | null {
  let part: string | null = null;
  let operative = false;
  let section: string | null = null;
  let state: string | null = null;
  let key: string | null = null;
  const pins: Pin[] = [];
  let end = p;
  let sawAny = false;
  let q = p;
  // The paragraphs of the last component, which "subparagraph (f)" continues.
  let lastNums: Pin[] = [];
  // A part just named may be followed by its paragraphs without a comma ("附件 A 第 5 段").
  let partOnly = false;
  // A part named whole has been pushed before another of its kind ("article 2 and article 5").
  let chained = false;
  for (let k = 0; k < 8; k++) {
    let r = skipWs(s, q, 3);
    // "article 2 and article 5, para. 1": a part named whole, then another of its kind with its
    // word written again. Each is its own pinpoint, as the Charter's "Article 2, paragraph 3, and
    // Article 33, paragraph 1" writes them, so what follows the second is the second's alone.
    let again: Component | null = null;
    if (s[r] === ",") r = skipWs(s, r + 1, 3);
    else if (sawAny && pins.length > 0 && !partOnly) {
      // After a paragraph, "以及" / "和" / "and" may add another pinpoint of the same document.
      const conn = readContinuation(s, r);
      if (conn < 0) break;
      r = conn;
    } else if (partOnly && part !== null) {
      const conn = readContinuation(s, r);
      const next = conn < 0 ? null : readPinComponent(s, conn, ctx, true);
      if (next && samePartKind(part, next)) {
        pins.push({ part, operative: false, section, num: [], state, key, page: null });
        again = next;
        chained = true;
      }
    }
    const comp = again ?? readPinComponent(s, r, ctx);
    if (!comp) break;
    if (comp.parts) {
      // Several parts: each is a target. What follows them ("articles 2 and 5, para. 1") could
      // belong to any of them, so reading stops here and the rest is said not read.
      sawAny = true;
      partOnly = false;
      for (const x of comp.parts)
        pins.push({
          part: x.part,
          operative: false,
          section: null,
          num: x.num,
          state,
          key: null,
          page: null,
        });
      end = comp.end;
      break;
    }
    if (comp.labels) {
      // "subparagraph (f)" continues the paragraph read just before; alone it means nothing.
      if (lastNums.length !== 1) break;
      const base = lastNums[0]!;
      pins.pop();
      lastNums = comp.labels.map((l) => ({ ...base, num: [...base.num, ...l] }));
      pins.push(...lastNums);
      end = comp.end;
      q = comp.end;
      continue;
    }
    sawAny = true;
    // A part named anew replaces the one before: "PP3 and OP5" is the preamble, then the body.
    if (comp.operative) {
      part = null;
      operative = true;
      section = null;
    } else if (comp.part !== null) {
      // An appendix belongs to the annex just named: "annex A, appendix" is "annex A/appendix".
      part =
        comp.part === "appendix" && part !== null && part !== "preamble" ? `${part}/appendix` : comp.part;
      operative = false;
      section = null;
    }
    if (comp.section !== null) section = comp.section;
    // A State's section, then a numbered section in it: each carries to the pinpoints after it.
    if (comp.state !== null) {
      state = comp.state;
      key = null;
    }
    if (comp.key !== null) key = comp.key;
    partOnly =
      comp.nums.length === 0 &&
      comp.page === null &&
      (comp.part !== null || comp.state !== null || comp.key !== null);
    const base = { part, operative, section, state, key, page: null };
    lastNums = comp.page
      ? [{ ...base, num: [], page: comp.page }]
      : comp.nums.map((num) => ({ ...base, num, ...(comp.bare ? { bare: true as const } : {}) }));
    pins.push(...lastNums);
    if (comp.nums.length > 0 || comp.page) section = null;
    end = comp.end;
    q = comp.end;
  }
  if (!sawAny) return null;
  if (chained && partOnly) pins.push({ part, operative, section, num: [], state, key, page: null });
  if (pins.length === 0) {
    if (part === null && !operative && section === null && state === null && key === null) return null;
    pins.push({ part, operative, section, num: [], state, key, page: null });
  }
  return { end, pins };
}

/**
 * Whether a component names another part of the same kind as `part`, with its word: "article 5"
 * after "article 2", "annex II" after "annex I", "articles 5 and 6" after "article 2".
 */
function samePartKind(part: string, comp: Component): boolean {
  const kind = (x: string) =>
    x.startsWith("article ") ? "article" : /^annex [A-Z]+$/.test(x) ? "annex" : null;
  const k = kind(part);
  if (k === null) return false;
  if (comp.parts) return comp.parts.every((x) => x.part !== part && kind(x.part) === k);
  return comp.part !== null && comp.part !== part && kind(comp.part) === k;
}

function readContinuation(s: string, r: number): number {
  for (const w of ["以及", "和", "及"]) {
    const e = lit(s, r, w);
    if (e >= 0) return skipWs(s, e, 2);
  }
  const w = readWord(s, r);
  if (w?.value === "and") return skipWs(s, w.end, 2);
  return -1;
}

/**
 * One pinpoint component at `r`: a part, a section, paragraphs, or subparagraph labels that
 * continue the paragraph before. Null when none stands there.
 */
export function readPinComponent(
  s: string,
  r: number,
  ctx: PinContext = PLAIN,
  noState = false,
): Component | null {
  const none = NONE;
  const c = s[r];
  if (!noState) {
    const state = readStateComponent(s, r, ctx);
    if (state) return state;
  }
  if (ctx.national && isDigit(c)) {
    const bare = readBareNumber(s, r);
    if (bare) return bare;
  }
  if (c === "附" && lit(s, r, "附录") >= 0) return { ...none, end: r + 2, part: "appendix", nums: [] };
  if (c === "附") {
    const annexZh = readAnnexZh(s, r, true);
    if (!annexZh) return readSectionZh(s, r);
    return readAnnexListZh(s, annexZh) ?? { ...none, end: annexZh.end, part: annexZh.part, nums: [] };
  }
  if (c === "执" || c === "序") {
    for (const [w, part] of BODY_PARTS) {
      const e = lit(s, r, w);
      if (e < 0) continue;
      const para = s[skipWs(s, e, 2)] === "第" ? readParaZh(s, skipWs(s, e, 2)) : null;
      return {
        ...none,
        end: para ? para.end : e,
        part,
        operative: part === null,
        nums: para ? para.nums : [],
      };
    }
  }
  if (s[r] === "第") {
    const page = readPageZh(s, r);
    if (page) return page;
    const numbered = readSectionNumZh(s, r);
    if (numbered) return numbered;
    const article = readArticlesZh(s, r);
    if (article) return article;
    // "，第 2.2 段" after a national paper, as "para. 2.2" (readParaEn).
    const para = readParaZh(s, r, ctx.national === true || ctx.decimal === true);
    return para ? { ...none, end: para.end, nums: para.nums } : null;
  }
  if (c === "§") {
    // "§ 2.2": the section sign, as legal writing numbers a paper's sections.
    const numbered = readNumberedSectionEn(s, r, s[r + 1] === "§" ? r + 2 : r + 1);
    if (numbered?.key) return numbered;
  }
  if (c === "¶") {
    // "¶ 23", "¶¶ 23–25": the paragraph sign, doubled for several.
    const nums = parseNums(s, skipWs(s, s[r + 1] === "¶" ? r + 2 : r + 1, 2), false, false, true);
    return nums ? { ...none, end: nums.end, nums: nums.nums } : null;
  }
  if (isHan(s[r])) return readSectionZh(s, r);
  const abbrev = readParaAbbrev(s, r);
  if (abbrev) {
    // After any other document "pp. 12" is pages.
    if (!ctx.resolution) return abbrev.kind === "pp" ? readPageEn(s, r) : null;
    const nums = parseNums(s, abbrev.end, false, true);
    if (!nums) return null;
    const preamble = abbrev.kind === "pp";
    return {
      ...none,
      end: nums.end,
      part: preamble ? "preamble" : null,
      operative: !preamble,
      nums: nums.nums,
    };
  }
  const w = readWord(s, r);
  if (!w) return null;
  if (w.value === "appendix") return { ...none, end: w.end, part: "appendix", nums: [] };
  if (w.value === "annexes") return readAnnexListEn(s, skipWs(s, w.end, 2));
  if (w.value === "annex") {
    const label = readAnnexLabel(s, skipWs(s, w.end, 2), true);
    return {
      ...none,
      end: label ? label.end : w.end,
      part: label ? `annex ${label.value}` : "annex",
      nums: [],
    };
  }
  if (w.value === "article" || w.value === "art" || w.value === "articles" || w.value === "arts") {
    return readArticleEn(s, w.end);
  }
  if (w.value === "at") {
    // "at [64]", "at [2(a)]", "at [64]–[66]"; "at para. 23", "at ¶ 23". A bare "at 5" is a page.
    const q = skipWs(s, w.end, 2);
    if (s[q] === "[") {
      const nums = readBracketNums(s, q);
      return nums ? { ...none, end: nums.end, nums: nums.nums } : null;
    }
    if (readWord(s, q)?.value === "at") return null;
    // A bare "at 58" is a page.
    if (isDigit(s[q])) return pageRange(s, r, q);
    const next = readPinComponent(s, q, ctx);
    return next && next.nums.length > 0 && next.part === null && next.section === null ? next : null;
  }
  if (w.value === "operative" || w.value === "preambular") {
    const next = readWord(s, skipWs(s, w.end, 2));
    if (!next?.value.startsWith("para")) return null;
    const para = readParaEn(s, skipWs(s, w.end, 2));
    if (!para) return null;
    const preamble = w.value === "preambular";
    return {
      ...none,
      end: para.end,
      part: preamble ? "preamble" : null,
      operative: !preamble,
      nums: para.nums,
    };
  }
  if (SUBPARAGRAPH_WORDS.has(w.value)) {
    let q = w.end;
    if (s[q] === ".") q++;
    const labels = parseLabelList(s, skipWs(s, q, 2));
    return labels ? { ...none, end: labels.end, nums: [], labels: labels.labels } : null;
  }
  if (w.value.startsWith("para")) {
    // A national paper numbers its paragraphs "2.2" as often as "2": read the dots there only, so
    // "A/78/265, para. 2.2" still stops at "2" and says what it did not read.
    const para = readParaEn(s, r, ctx.national === true || ctx.decimal === true);
    return para ? { ...none, end: para.end, nums: para.nums } : null;
  }
  if (w.value === "p" || w.value === "page" || w.value === "pages") return readPageEn(s, r);
  if (SECTION_WORDS.has(w.value)) {
    const numbered = readNumberedSectionEn(s, r, w.end);
    if (numbered) return numbered;
  }
  return readSectionEn(s, r);
}

/** Words before a section's or chapter's number: "sect. II.E", "section 2.2", "Part II". */
export const SECTION_WORDS = new Set(["sect", "section", "chap", "chapter", "part"]);

/**
 * A State's section of a compendium by the State's name: "Germany", "德国", "(Germany)". Read only
 * where a pinpoint, a section or the end of the citation follows the name, so a State named in
 * running text after a symbol ("A/75/816, China stated") is not taken for a section.
 */
function readStateComponent(s: string, r: number, ctx: PinContext): Component | null {
  if (!states) return null;
  const open = s[r] === "(";
  let at = open ? skipWs(s, r + 1, 1) : r;
  // "the Federal Republic of Germany", "the Russian Federation": "the" is read with the name.
  const the = readWord(s, at);
  if (the?.value === "the" && !open) at = skipWs(s, the.end, 2);
  const m = states.match(s, at) ?? readStateCode(s, at, states);
  if (m?.value.length !== 1) return null;
  let end = m.end;
  if (open) {
    const close = skipWs(s, end, 1);
    if (s[close] !== ")") return null;
    end = close + 1;
  }
  let q = skipWs(s, end, 2);
  if (s[q] === ",") q = skipWs(s, q + 1, 2);
  if (!(q >= s.length || ";.)]".includes(s[q]!))) {
    const next = readPinComponent(s, q, ctx, true);
    if (!next || (next.nums.length === 0 && next.page === null && next.key === null)) return null;
  }
  return { ...NONE, end, nums: [], state: m.value[0]! };
}

/**
 * A State's ISO code as compendia's users write it, "DE" in "A/76/136 (DE)" or "A/76/136, DE,
 * para. 5": two capitals standing alone, a code of a State the corpus knows. The codes that are
 * also the UN's language codes (AR, ES, FR, RU, ZH, EN) are not read: "A/76/136 (FR)" may mean
 * the French text.
 */
function readStateCode(s: string, p: number, names: StateNames): { end: number; value: string[] } | null {
  if (!isUpper(s[p]) || !isUpper(s[p + 1]) || isAlnum(s[p - 1]) || isAlnum(s[p + 2])) return null;
  const code = s.slice(p, p + 2);
  if (LANGUAGE_CODES.has(code) || !names.symbols.has(code)) return null;
  return { end: p + 2, value: [code] };
}

/** The UN's language codes, which a two-letter code after a symbol may as well mean. */
const LANGUAGE_CODES = new Set(["AR", "ES", "FR", "RU", "ZH", "EN"]);

/** "2.1", "2.2.1", "3" written bare after a national paper: a paragraph, or else a section. */
function readBareNumber(s: string, r: number): Component | null {
  if (isAlnum(s[r - 1])) return null;
  const path: string[] = [];
  let q = r;
  while (path.length < 6) {
    const n = readInt(s, q, 3, true);
    if (!n) return null;
    path.push(String(n.value));
    q = n.end;
    if (s[q] === "." && isDigit(s[q + 1])) q++;
    else break;
  }
  if (isAlnum(s[q])) return null;
  return { ...NONE, end: q, nums: [path], bare: true };
}

/** "p. 58", "pp. 58-59", "page 58", "p.58": pages, in English. */
function readPageEn(s: string, r: number): Component | null {
  const w = readWord(s, r);
  if (!w) return null;
  let q = w.end;
  if (s[q] === ".") q++;
  return pageRange(s, r, skipWs(s, q, 2));
}

/** "第 58 页", "第 58-59 页", "第58至59页". */
function readPageZh(s: string, r: number): Component | null {
  const pages = pageRange(s, r, skipWs(s, r + 1, 2));
  if (!pages?.page) return null;
  const e = skipWs(s, pages.end, 2);
  if (s[e] !== "页") return null;
  return { ...pages, end: e + 1, page: { ...pages.page, span: [r, e + 1] } };
}

/** A page or a range of pages at `q`, its words spanning from `start`. */
function pageRange(s: string, start: number, q: number): Component | null {
  const a = readInt(s, q, 4);
  if (!a || a.value < 1) return null;
  let last = a.value;
  let end = a.end;
  const c = skipWs(s, end, 1);
  for (const w of ["-", "–", "—", "至", "~"]) {
    const e = lit(s, c, w);
    if (e < 0) continue;
    const b = readInt(s, skipWs(s, e, 1), 4);
    if (b && b.value >= a.value && b.value - a.value <= MAX_PAGES) {
      last = b.value;
      end = b.end;
    }
    break;
  }
  if (isAlnum(s[end])) return null;
  return { ...NONE, end, nums: [], page: { first: a.value, last, span: [start, end] } };
}

/**
 * "第二部分", "第二部分第（一）节", "第二部分第一节", "第 2 部分": a numbered section of a paper, keyed
 * as the parser keys it ("2", "2.1").
 */
function readSectionNumZh(s: string, r: number): Component | null {
  const q = skipWs(s, r + 1, 2);
  const n = readCjkNumeral(s, q) ?? readInt(s, q, 3);
  if (!n || n.value < 1) return null;
  const u = skipWs(s, n.end, 2);
  if (lit(s, u, "部分") < 0) return null;
  let key = String(n.value);
  let end = u + 2;
  const sub = skipWs(s, end, 2);
  if (s[sub] === "第") {
    let x = skipWs(s, sub + 1, 2);
    const paren = s[x] === "(";
    if (paren) x++;
    const m = readCjkNumeral(s, x) ?? readInt(s, x, 3);
    if (m && m.value > 0) {
      let y = m.end;
      if (paren) y = s[y] === ")" ? y + 1 : -1;
      if (y > 0 && s[y] === "节") {
        key += `.${m.value}`;
        end = y + 1;
      }
    }
  }
  return { ...NONE, end, section: s.slice(r, end), key, nums: [] };
}

/**
 * The key of a numbered section as the parser gives it: "2.2" -> "2.2", "II" -> "2", "II.E" ->
 * "2.E" (the first level's roman numeral in arabic, letters as printed); null for anything else.
 */
export function sectionKeyOf(label: string): string | null {
  const segs = label.split(".").filter((x) => x.length > 0);
  const out: string[] = [];
  for (const [k, seg] of segs.entries()) {
    if (/^[0-9]+$/.test(seg)) out.push(String(Number(seg)));
    else if (k === 0 && /^[IVXL]+$/.test(seg)) {
      const n = fromRoman(seg.toLowerCase());
      if (!n) return null;
      out.push(String(n));
    } else if (/^[A-Z]$/.test(seg)) out.push(seg);
    else return null;
  }
  return out.length ? out.join(".") : null;
}

/** Words that introduce subparagraph labels continuing a paragraph: "subparagraph (f)". */
const SUBPARAGRAPH_WORDS = new Set([
  "subparagraph",
  "subparagraphs",
  "subpara",
  "subparas",
  "sub-paragraph",
  "sub-paragraphs",
  "sub-para",
  "sub-paras",
]);

/**
 * The negotiators' abbreviations of a paragraph of a resolution, case-insensitive, before its
 * number: "OP5", "OP 5", "op. 5", "PP3", "pp.3". `end` is where the number starts. "op. cit." is
 * not one (no number follows).
 */
export function readParaAbbrev(s: string, p: number): { end: number; kind: "op" | "pp" } | null {
  if (isAlnum(s[p - 1])) return null;
  const two = s.slice(p, p + 2).toLowerCase();
  if (two !== "op" && two !== "pp") return null;
  let q = p + 2;
  if (s[q] === ".") q++;
  q = skipWs(s, q, 2);
  return isDigit(s[q]) ? { end: q, kind: two } : null;
}

/** "[64]", "[2(a)]", "[64]–[66]", "[64] and [65]", "[64], [65]": paragraph numbers in square brackets. */
function readBracketNums(s: string, p: number): { end: number; nums: string[][] } | null {
  const nums: string[][] = [];
  let end = -1;
  let q = p;
  let range = false;
  while (nums.length < MAX_LIST && s[q] === "[") {
    const inner = parseNums(s, skipWs(s, q + 1, 1), false);
    if (!inner) break;
    const close = skipWs(s, inner.end, 1);
    if (s[close] !== "]") break;
    if (range && inner.nums.length === 1 && nums.length > 0) {
      const expanded = expandRange(nums[nums.length - 1]!, inner.nums[0]!);
      if (!expanded) break;
      nums.push(...expanded.slice(0, MAX_LIST - nums.length));
    } else if (range) break;
    else nums.push(...inner.nums);
    end = close + 1;
    const conn = readNumConnector(s, skipWs(s, end, 2), false);
    if (!conn) break;
    range = conn.range;
    q = skipWs(s, conn.end, 2);
  }
  return end < 0 ? null : { end, nums };
}

/** "第 64 和 65 段", "第 15(b)(一)和(二)段", "第 23 段(a)至(h)分段", "第 71(c)段". */
export function readParaZh(s: string, p: number, decimal = false): { end: number; nums: string[][] } | null {
  if (s[p] !== "第") return null;
  const nums = parseNums(s, skipWs(s, p + 1, 2), true, false, false, decimal);
  if (!nums) return null;
  const q = skipWs(s, nums.end, 2);
  const e = lit(s, q, "分段") >= 0 ? q + 2 : lit(s, q, "段") >= 0 ? q + 1 : -1;
  // "第一段时间" is "a first period of time", "第二段路" a stretch of road: in Chinese numerals
  // 段 is also a measure word, so a word it begins is no paragraph.
  if (e >= 0 && isCjkNumeral(s[skipWs(s, p + 1, 2)]) && "时路距落".includes(s[e] ?? "x")) return null;
  // "第23段(f)(二)": 段 stood after the number, before the labels, and closes nothing more.
  if (e < 0) return nums.closed ? { end: nums.end, nums: nums.nums } : null;
  return { end: e, nums: nums.nums };
}

/**
 * Articles of the document just named (#20), each read as its part ("article 19", as the parser
 * names an article's part) with the paragraphs written with it: "article 19 (2)" -> article 19,
 * para. 2; "art. 19" -> the whole article (", para. 2" after it is the next component); "articles
 * 2 (3) and (4)" -> two paragraphs of article 2; "articles 2 and 5", "arts. 2-4", "articles 2 (3)
 * and 5" -> several articles, one target each (`parts`).
 */
function readArticleEn(s: string, p: number): Component | null {
  let q = p;
  if (s[q] === ".") q++;
  const list = parseNums(s, skipWs(s, q, 2), false);
  if (!list) return null;
  if (list.nums.some((n) => !/^\d{1,3}$/.test(n[0]!))) return null;
  return articlesComponent(
    list.end,
    list.nums.map((n) => ({ article: n[0]!, num: n.slice(1) })),
  );
}

/**
 * One article: its part and paragraphs, as any part. Several: `parts`. An article written both
 * whole and with a paragraph ("articles 2 and 2 (3)") is not read.
 */
function articlesComponent(end: number, items: { article: string; num: string[] }[]): Component | null {
  const first = items[0]!.article;
  if (items.every((x) => x.article === first)) {
    const nums = items.map((x) => x.num).filter((n) => n.length > 0);
    if (nums.length > 0 && nums.length !== items.length) return null;
    return { ...NONE, end, part: `article ${first}`, nums };
  }
  return { ...NONE, end, nums: [], parts: items.map((x) => ({ part: `article ${x.article}`, num: x.num })) };
}

/**
 * "第十九条", "第 19 条", "第十九条第二款", "第二条第四项" (#20): an article and the paragraph written
 * with it. 款 and 项 are both read as the article's paragraph, as the Charter's Chinese writes
 * 第二条第四项 for Article 2 (4). Several: "第二条和第五条", "第二条第三款、第五条", "第二条至第四条".
 */
function readArticlesZh(s: string, p: number): Component | null {
  const items: { article: string; num: string[] }[] = [];
  let q = p;
  let end = -1;
  while (items.length < MAX_LIST) {
    const one = readArticleZh(s, q);
    if (!one) break;
    const prev = items[items.length - 1];
    if (q !== p && s.slice(end, q).includes("至")) {
      // "第二条至第四条": a range of whole articles.
      if (!prev || prev.num.length > 0 || one.num.length > 0) return null;
      const from = Number(prev.article);
      const to = Number(one.article);
      if (to <= from || to - from > MAX_LIST) return null;
      for (let n = from + 1; n <= to && items.length < MAX_LIST; n++)
        items.push({ article: String(n), num: [] });
    } else items.push(one);
    end = one.end;
    const r = skipWs(s, end, 2);
    let conn = -1;
    for (const w of ["以及", "和", "、", "及", "至"]) {
      const e = lit(s, r, w);
      if (e >= 0 && s[skipWs(s, e, 2)] === "第") {
        conn = skipWs(s, e, 2);
        break;
      }
    }
    if (conn < 0) break;
    // Only another article continues the list ("第二条和第 5 段" is an article, then a paragraph).
    if (!readArticleZh(s, conn)) break;
    q = conn;
  }
  return items.length ? articlesComponent(end, items) : null;
}

/** One article in Chinese and the paragraph written with it. */
function readArticleZh(s: string, p: number): { end: number; article: string; num: string[] } | null {
  const article = readZhOrdinal(s, p, "条");
  if (!article) return null;
  const para =
    s[article.end] === "第"
      ? (readZhOrdinal(s, article.end, "款") ?? readZhOrdinal(s, article.end, "项"))
      : null;
  return {
    end: para ? para.end : article.end,
    article: String(article.value),
    num: para ? [String(para.value)] : [],
  };
}

/** "第十九条" / "第 19 条" with `unit` 条, 款 or 项: the number, or null. */
function readZhOrdinal(s: string, p: number, unit: string): { end: number; value: number } | null {
  if (s[p] !== "第") return null;
  const q = skipWs(s, p + 1, 2);
  const n = readCjkNumeral(s, q) ?? readInt(s, q, 3, true);
  if (!n || n.value <= 0) return null;
  const e = lit(s, skipWs(s, n.end, 2), unit);
  return e < 0 ? null : { end: e, value: n.value };
}

/** "para. 7", "paras. 64 and 65", "paragraph 23 (a) to (h)", "paragraphs 29 (a) and (b)". */
function readParaEn(s: string, p: number, dotted = false): { end: number; nums: string[][] } | null {
  const w = readWord(s, p);
  if (!w || !["para", "paras", "paragraph", "paragraphs"].includes(w.value)) return null;
  let q = w.end;
  if (s[q] === ".") q++;
  return parseNums(s, skipWs(s, q, 2), false, false, true, dotted);
}

/**
 * A section named in words before a paragraph: "国际法部分，建议采取的下一步行动，第 2 段",
 * "建立信任措施部分，建议的下一步，第 5 段", "定期机构对话章节，……". Only accepted when a
 * paragraph pinpoint follows.
 */
function readSectionZh(s: string, r: number): Component | null {
  const first = readHanRun(s, r, 24);
  const head = s.slice(r, first);
  if (!/(部分|章节|一节)$/.test(head) || head === "执行部分" || head === "序言部分") return null;
  let end = first;
  let q = skipWs(s, first, 2);
  if (s[q] === ",") {
    const second = skipWs(s, q + 1, 2);
    if (isHan(s[second]) && s[second] !== "第") {
      const e = readHanRun(s, second, 16);
      const after = skipWs(s, e, 2);
      if (s[after] === "," && s[skipWs(s, after + 1, 2)] === "第") {
        end = e;
        q = after;
      }
    }
  }
  const para = skipWs(s, s[q] === "," ? q + 1 : q, 2);
  if (s[para] !== "第" || !readParaZh(s, para)) return null;
  return { ...NONE, end, section: s.slice(r, end), nums: [] };
}

/** A run of Chinese characters, stopping before "第 <number>" and after at most `max` characters. */
export function readHanRun(s: string, p: number, max: number): number {
  let q = p;
  while (q < s.length && q - p < max && isHan(s[q])) {
    if (s[q] === "第" && (isDigit(s[skipWs(s, q + 1, 2)]) || isCjkNumeral(s[q + 1]))) break;
    q++;
  }
  return q;
}

/**
 * An English section before a paragraph: "section on international law, recommended next steps,
 * para. 2". Accepted only when a paragraph pinpoint follows.
 */
function readSectionEn(s: string, r: number): Component | null {
  const first = readPhraseEn(s, r);
  if (!first || !/\bsection\b/.test(first.text)) return null;
  let end = first.end;
  let q = skipWs(s, first.end, 2);
  if (s[q] === ",") {
    const second = readPhraseEn(s, skipWs(s, q + 1, 2));
    if (second && /\bsteps?\b/.test(second.text)) {
      end = second.end;
      q = skipWs(s, second.end, 2);
    }
  }
  const para = skipWs(s, s[q] === "," ? q + 1 : q, 2);
  if (!readParaEn(s, para)) return null;
  return { ...NONE, end, section: s.slice(r, end), nums: [] };
}

/** A section or chapter by its number: "sect. II.E", "chap. IV", "section 3". Kept in words. */
function readNumberedSectionEn(s: string, r: number, wordEnd: number): Component | null {
  let q = wordEnd;
  if (s[q] === ".") q++;
  q = skipWs(s, q, 2);
  let e = q;
  while (
    e < s.length &&
    e - q < 12 &&
    (isUpper(s[e]) || isDigit(s[e]) || (s[e] === "." && isAlnum(s[e + 1])))
  )
    e++;
  if (e === q || isAlnum(s[e])) return null;
  // A trailing full stop ends the sentence, not the number ("sect. II.E.").
  const key = sectionKeyOf(s.slice(q, e));
  return { ...NONE, end: e, section: s.slice(r, e), key, nums: [] };
}

/** Up to eight lower-case-insensitive words separated by single spaces. */
function readPhraseEn(s: string, p: number): { end: number; text: string } | null {
  let q = p;
  let words = 0;
  let end = -1;
  while (words < 8) {
    const w = readWord(s, q);
    if (!w || w.value.startsWith("para")) break;
    words++;
    end = w.end;
    if (s[w.end] !== " ") break;
    q = w.end + 1;
  }
  return end < 0 ? null : { end, text: s.slice(p, end).toLowerCase() };
}

// ---------------------------------------------------------------------------------------------
// Numbers, labels, lists and ranges

/**
 * A list of paragraph numbers with labels: "64 和 65", "15(b)(一)和(二)", "23 段(a)至(h)",
 * "29 (a) and (b)", "23 (a) to (h)". A labels-only item continues the previous one at its depth.
 */
export function parseNums(
  s: string,
  p: number,
  zh: boolean,
  glued = false,
  bare = false,
  dotted = false,
): { end: number; nums: string[][]; closed: boolean } | null {
  const first = readItem(s, p, zh, glued, bare, dotted);
  if (!first) return null;
  const nums: string[][] = [first.path];
  let end = first.end;
  let prev = first.path;
  let closed = first.closed;
  while (nums.length < MAX_LIST) {
    const q = skipWs(s, end, 2);
    const conn = readNumConnector(s, q, zh);
    if (!conn) break;
    const r = skipWs(s, conn.end, 2);
    const item = readItem(s, r, zh, false, bare, dotted);
    let path: string[] | null = item ? item.path : null;
    let itemEnd = item ? item.end : -1;
    if (!item) {
      const labels = readLabels(s, r);
      if (labels && labels.labels.length < prev.length) {
        path = [...prev.slice(0, prev.length - labels.labels.length), ...labels.labels];
        itemEnd = labels.end;
      }
    }
    if (!path) break;
    if (conn.range) {
      const expanded = expandRange(prev, path);
      if (!expanded) break;
      nums.push(...expanded.slice(0, MAX_LIST - nums.length));
    } else nums.push(path);
    prev = path;
    end = itemEnd;
    closed = item?.closed ?? false;
  }
  return { end, nums, closed };
}

function readItem(
  s: string,
  p: number,
  zh: boolean,
  glued = false,
  bare = false,
  dotted = false,
): { end: number; path: string[]; closed: boolean } | null {
  // "第二十三段": a paragraph number in Chinese numerals, read only where 段 closes it.
  const n = readInt(s, p, 4, glued) ?? (zh ? readCjkParaNumber(s, p) : null);
  if (!n) return null;
  let q = n.end;
  // "para. 2.2.1" in a national paper: each level a number, as readBareNumber reads them.
  const levels = [String(n.value)];
  while (dotted && levels.length < 6 && s[q] === "." && isDigit(s[q + 1])) {
    const next = readInt(s, q + 1, 3, true);
    if (!next) break;
    levels.push(String(next.value));
    q = next.end;
  }
  if (levels.length > 1) {
    const after = readLabels(s, q);
    return after
      ? { end: after.end, path: [...levels, ...after.labels], closed: false }
      : { end: q, path: levels, closed: false };
  }
  let closed = false;
  // "第 23 段(a)至(h)分段", "第23段(f)(二)": the labels may follow the paragraph's "段".
  if (zh) {
    const a = skipWs(s, q, 1);
    if (s[a] === "段" && s[skipWs(s, a + 1, 1)] === "(" && readLabel(s, skipWs(s, a + 1, 1))) {
      q = a + 1;
      closed = true;
    }
  }
  const labels = readLabels(s, q) ?? (bare ? readBareLabels(s, q) : null);
  return labels
    ? { end: labels.end, path: [String(n.value), ...labels.labels], closed }
    : { end: n.end, path: [String(n.value)], closed: false };
}

/**
 * A paragraph number in Chinese numerals ("二十三" in "第二十三段"). readParaZh reads a list only
 * where 段 closes it, so "第二部分", "第二条", "第一次" are never paragraphs.
 */
function readCjkParaNumber(s: string, p: number): { end: number; value: number } | null {
  const n = readCjkNumeral(s, p);
  return n && n.value >= 1 ? n : null;
}

/**
 * Labels written without brackets after a paragraph number, as typed: "para. 23 f ii" -> 23 (f)
 * (ii). Read only where they cannot be a word: a single letter, then at most one lower-case roman
 * numeral, each after one space, and the citation ends there (end of text, or , ; . ) ]) or the
 * list goes on with a number ("paras. 23 f and 24"). "para. 5 a list" is not read ("a" is a word
 * there).
 */
function readBareLabels(s: string, p: number): { end: number; labels: string[] } | null {
  if (s[p] !== " " || !/[a-z]/.test(s[p + 1] ?? "") || isAlnum(s[p + 2])) return null;
  const labels = [s[p + 1]!];
  let end = p + 2;
  if (s[end] === " " && /[ivx]/.test(s[end + 1] ?? "")) {
    let e = end + 1;
    while (e < s.length && e - end <= 5 && /[ivx]/.test(s[e]!)) e++;
    const roman = s.slice(end + 1, e);
    if (!isAlnum(s[e]) && fromRoman(roman) !== null) {
      labels.push(roman);
      end = e;
    }
  }
  const after = s[end];
  const closes =
    after === undefined ||
    ",;.)]".includes(after) ||
    (after === " " && s[end + 1] === undefined) ||
    nextInList(s, end);
  return closes ? { end, labels } : null;
}

/**
 * True when another paragraph number follows in the list: "paras. 23 f and 24", "¶¶ 23 f, 24".
 * A number after "and" or a comma cannot be a word, so the bare label before it is one ("paras.
 * 23 f and others" is still not read).
 */
function nextInList(s: string, p: number): boolean {
  let q = skipWs(s, p, 2);
  const comma = s[q] === ",";
  if (comma) q = skipWs(s, q + 1, 2);
  const and = readWord(s, q);
  if (and?.value === "and") q = skipWs(s, and.end, 2);
  else if (!comma) return false;
  return isDigit(s[q]);
}

/**
 * Labels only, as "subparagraph" introduces them: "(f)", "(a) and (b)", "(a) to (c)", "(f) (ii)".
 * Each item is a path of labels; a range expands on its last label.
 */
function parseLabelList(s: string, p: number): { end: number; labels: string[][] } | null {
  const first = readLabels(s, p);
  if (!first) return null;
  const labels: string[][] = [first.labels];
  let end = first.end;
  let prev = first.labels;
  while (labels.length < MAX_LIST) {
    const conn = readNumConnector(s, skipWs(s, end, 2), false);
    if (!conn) break;
    const next = readLabels(s, skipWs(s, conn.end, 2));
    if (!next || next.labels.length > prev.length) break;
    const path = [...prev.slice(0, prev.length - next.labels.length), ...next.labels];
    if (conn.range) {
      const expanded = expandRange(prev, path);
      if (!expanded) break;
      labels.push(...expanded.slice(0, MAX_LIST - labels.length));
    } else labels.push(path);
    prev = path;
    end = next.end;
  }
  return { end, labels };
}

function readLabels(s: string, p: number): { end: number; labels: string[] } | null {
  const labels: string[] = [];
  let end = p;
  while (labels.length < 6) {
    const lab = readLabel(s, skipWs(s, end, 1));
    if (!lab) break;
    labels.push(lab.value);
    end = lab.end;
  }
  return labels.length ? { end, labels } : null;
}

function readNumConnector(s: string, q: number, zh: boolean): { end: number; range: boolean } | null {
  for (const w of ["至", "到", "-", "–", "—", "~", "‒", "―"]) {
    const e = lit(s, q, w);
    if (e >= 0) return { end: e, range: true };
  }
  if (zh) {
    for (const w of ["和", "、", "及", "与"]) {
      const e = lit(s, q, w);
      const next = s[skipWs(s, e, 2)];
      if (e >= 0 && (isDigit(next) || next === "(" || isCjkNumeral(next))) return { end: e, range: false };
    }
    return null;
  }
  let r = q;
  if (s[r] === ",") r = skipWs(s, r + 1, 2);
  const w = readWord(s, r);
  if (w?.value === "to" || w?.value === "through") return { end: w.end, range: true };
  if (w?.value === "and") return { end: w.end, range: false };
  if (r > q && (isDigit(s[r]) || s[r] === "(" || s[r] === "[")) return { end: r, range: false };
  return null;
}

/** Expand "23(a)" .. "23(h)" or "64" .. "66"; null when the two ends do not differ in the last label only. */
function expandRange(from: string[], to: string[]): string[][] | null {
  if (from.length !== to.length) return null;
  for (let k = 0; k < from.length - 1; k++) if (from[k] !== to[k]) return null;
  const a = from[from.length - 1]!;
  const b = to[to.length - 1]!;
  const prefix = from.slice(0, -1);
  const seq = labelSequence(a, b);
  if (!seq) return null;
  return seq.slice(1).map((x) => [...prefix, x]);
}

function labelSequence(a: string, b: string): string[] | null {
  if (/^[0-9]+$/.test(a) && /^[0-9]+$/.test(b)) {
    const x = Number(a);
    const y = Number(b);
    if (y <= x || y - x > MAX_LIST) return null;
    return Array.from({ length: y - x + 1 }, (_, k) => String(x + k));
  }
  const romanA = romanValue(a);
  const romanB = romanValue(b);
  if (
    romanA !== null &&
    romanB !== null &&
    (a === "i" || a.length > 1 || b.length > 1) &&
    !(a.length === 1 && b.length === 1 && a !== "i")
  ) {
    if (romanB <= romanA || romanB - romanA > MAX_LIST) return null;
    return Array.from({ length: romanB - romanA + 1 }, (_, k) => toRoman(romanA + k));
  }
  if (/^[a-z]$/.test(a) && /^[a-z]$/.test(b)) {
    const x = a.charCodeAt(0);
    const y = b.charCodeAt(0);
    if (y <= x) return null;
    return Array.from({ length: y - x + 1 }, (_, k) => String.fromCharCode(x + k));
  }
  return null;
}

function romanValue(x: string): number | null {
  if (!/^[ivxlc]+$/.test(x)) return null;
  const order = [
    "i",
    "ii",
    "iii",
    "iv",
    "v",
    "vi",
    "vii",
    "viii",
    "ix",
    "x",
    "xi",
    "xii",
    "xiii",
    "xiv",
    "xv",
  ];
  const k = order.indexOf(x);
  return k < 0 ? null : k + 1;
}
