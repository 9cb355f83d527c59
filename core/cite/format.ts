/**
 * UN-style citations of a paragraph, in English and Chinese, for the "copy citation" buttons:
 *
 *   en  "A/78/265, annex, para. 23 (f) (ii)"
 *   zh  "A/78/265，附件，第 23(f)(二)段"
 *
 * Decision: built from the language-neutral (part, scope, num) of the paragraph, never from its
 * printed label, so both languages cite the same paragraph the same way. Browser-safe and pure:
 * the site's copy buttons, search hits (core/search) and `acquis cite` print these, and the
 * citation grammar (find.ts) reads them back.
 */

import { isDocId } from "../../schemas/identity.ts";
import { numberToCjk, romanToNumber, toRoman } from "../text/numerals.ts";

export { toRoman };

/** Value of a lower-case roman numeral up to 39 (the labels a list reaches), or null. */
export function fromRoman(s: string): number | null {
  if (!/^[ivxl]+$/.test(s)) return null;
  const n = romanToNumber(s);
  return n !== null && n < 40 ? n : null;
}

/** Chinese numeral for 1..99 ("二", "十二", "二十"). */
export function toZhNumeral(n: number): string {
  return numberToCjk(n);
}

/** A part label in English as cited: "annex", "annex I", "annex A", "appendix", "preamble". */
function partEn(label: string): string {
  return label;
}

/**
 * A part label in Chinese: "annex" -> 附件, "annex I" -> 附件一, "annex A" -> 附件 A, "appendix" -> 附录,
 * "article 19" -> 第十九条.
 */
export function partZh(label: string): string {
  const m = /^annex(?: (.+))?$/.exec(label);
  if (m) {
    const tail = m[1];
    if (!tail) return "附件";
    const roman = fromRoman(tail.toLowerCase());
    if (/^[IVXL]+$/.test(tail) && roman) return `附件${toZhNumeral(roman)}`;
    return `附件 ${tail}`;
  }
  if (label === "appendix") return "附录";
  // An article's part: "article 19" -> 第十九条.
  const article = /^article (\d+)$/.exec(label);
  if (article) return `第${toZhNumeral(Number(article[1]))}条`;
  if (label === "preamble") return "序言部分";
  return label;
}

/**
 * A part in a few words, as messages name it: "annex", "annex B", "annex A appendix" (the report's
 * own "annex" before a lettered annex left out), "the main body" for [].
 */
export function partWords(part: readonly string[]): string {
  if (part.length === 0) return "the main body";
  const rest = part.length > 1 && part[0] === "annex" && /^annex /.test(part[1] ?? "") ? part.slice(1) : part;
  return rest.join(" ");
}

/** A scope as words: "list-2" -> "list 2", "D/next-steps" -> "D, next steps". */
function scopeWords(scope: string): string {
  return scope.replace(/\//g, ", ").replace(/-/g, " ");
}

/** What the citation points at. */
export interface CiteTarget {
  symbol: string;
  part: readonly string[];
  scope: string | null;
  num: readonly string[];
  /** Ordinal of an unnumbered paragraph (the `u4` of its address), when `num` is empty. */
  ordinal?: number;
}

/** Roman subparagraph labels print as Chinese numerals in Chinese citations: (ii) -> (二). */
function numZh(label: string, level: number): string {
  if (level >= 2) {
    const roman = fromRoman(label);
    if (roman) return toZhNumeral(roman);
  }
  return label;
}

/**
 * True for a national paper's decimal numbering ("2.2", "3.1.4"): a document keyed by an id whose
 * paragraph number is digits at every level. Such a paper prints its paragraphs "2.2", and a
 * citation to copy must too: "para. 2 (2)" would send a reader to a subparagraph that is not there.
 * A UN text's levels below the paragraph are letters and roman numerals ("23 (f) (ii)").
 */
export function isDecimal(symbol: string, num: readonly string[]): boolean {
  return num.length > 1 && isDocId(symbol) && num.every((n) => /^[0-9]+$/.test(n));
}

/**
 * A paragraph number as English citations print it: ["23", "f", "ii"] -> "23 (f) (ii)"; a national
 * paper's decimal number (`isDecimal`) with its dots: ["2", "2"] -> "2.2".
 */
export function pinpointEn(num: readonly string[], decimal = false): string {
  if (decimal) return num.join(".");
  const [first, ...rest] = num;
  return `${first ?? ""}${rest.map((r) => ` (${r})`).join("")}`;
}

/** English citation: "A/78/265, annex, para. 23 (f) (ii)"; "A/RES/76/19, preambular para. 3". */
export function citeEn(t: CiteTarget): string {
  const preamble = t.part[0] === "preamble";
  const parts = (preamble ? t.part.slice(1) : t.part).map(partEn);
  const segs = [t.symbol, ...parts];
  if (t.scope) segs.push(scopeWords(t.scope));
  if (t.num.length) {
    segs.push(`${preamble ? "preambular para." : "para."} ${pinpointEn(t.num, isDecimal(t.symbol, t.num))}`);
  } else if (t.ordinal) {
    segs.push(`unnumbered para. ${t.ordinal}`);
  }
  return segs.join(", ");
}

/**
 * Chinese citation: "A/78/265，附件，第 23(f)(二)段"; "A/77/275，第 12 段"; "A/RES/76/19，序言部分第 3 段".
 * A bare number stands between spaces, as the UN prints it; subparagraph labels close up to 段.
 */
export function citeZh(t: CiteTarget): string {
  const preamble = t.part[0] === "preamble";
  const parts = (preamble ? t.part.slice(1) : t.part).map(partZh);
  const segs = [t.symbol, ...parts];
  if (t.scope) segs.push(scopeWords(t.scope));
  const [first, ...rest] = t.num;
  let para = "";
  if (first !== undefined) {
    para = isDecimal(t.symbol, t.num)
      ? `第 ${t.num.join(".")} 段`
      : rest.length
        ? `第 ${first}${rest.map((r, i) => `(${numZh(r, i + 1)})`).join("")}段`
        : `第 ${first} 段`;
  } else if (t.ordinal) {
    para = `第 ${t.ordinal} 个未编号段落`;
  }
  if (para) segs.push(preamble ? `序言部分${para}` : para);
  return segs.join("，");
}

/**
 * Both citations of a paragraph, from its exported fields. Two kinds of paragraph carry no number
 * of their own: an item of a list of documents (address ".../e3": "item 3", "第 3 项") and the
 * source note of a paragraph (".../2.a/source": the paragraph's citation + "source note").
 */
export function citationsOf(p: {
  doc: string;
  part: readonly string[];
  scope: string | null;
  num: readonly string[];
  address: string;
}): { en: string; zh: string } {
  if (p.address.endsWith("/source")) {
    const parentAddress = p.address.slice(0, -"/source".length);
    const parentNum = p.num.length ? p.num : (parentAddress.split("/").at(-1) ?? "").split(".");
    const parent = citationsOf({ ...p, num: parentNum, address: parentAddress });
    return { en: `${parent.en}, source note`, zh: `${parent.zh}，来源说明` };
  }
  const u = /(?:^|\/)u(\d+)$/.exec(p.address);
  const e = /(?:^|\/)e(\d+)$/.exec(p.address);
  const t: CiteTarget = {
    symbol: p.doc,
    part: p.part,
    scope: p.scope,
    num: p.num,
    ...(u && !p.num.length ? { ordinal: Number(u[1]) } : {}),
  };
  if (e && !p.num.length) {
    return { en: `${citeEn(t)}, item ${e[1]}`, zh: `${citeZh(t)}，第 ${e[1]} 项` };
  }
  return { en: citeEn(t), zh: citeZh(t) };
}

/** A paragraph as `holdsWords` reads it. */
export interface HeldParagraph {
  id: string;
  part: readonly string[];
  scope: string | null;
  num: readonly string[];
  parent: string | null;
  kind: string;
}

/**
 * What a whole part, section or page holds, as people cite it: how many paragraphs, and their
 * ranges part by part, "annex, paras. 1-60; annex, annex A, paras. 1-9" / "附件，第 1-60 段；附件，
 * 附件 A，第 1-9 段". A subparagraph counts only where its paragraph is not held (a page that
 * starts inside a list); unnumbered paragraphs and list entries are counted, not ranged.
 * Decision: never the internal addresses ("annex/1, annex/2, …"), which no one cites.
 * @param max the ranges said before "and N more"
 */
export function holdsWords(
  paragraphs: readonly HeldParagraph[],
  max = 6,
): { count: number; en: string; zh: string } {
  const held = new Set(paragraphs.map((p) => p.id));
  const top = paragraphs.filter(
    (p) => p.kind !== "source-note" && (p.parent === null || !held.has(p.parent)),
  );
  // By part, in the order first met; a part's numbered lists (scopes) said within it.
  const parts = new Map<string, { part: readonly string[]; items: HeldParagraph[] }>();
  for (const p of top) {
    const key = p.part.join("\u0000");
    const group = parts.get(key);
    if (group) group.items.push(p);
    else parts.set(key, { part: p.part, items: [p] });
  }
  const said = [...parts.values()].map((g) => partHolds(g.part, g.items));
  const more = said.length - max;
  const en = said.slice(0, max).map((s) => s.en);
  const zh = said.slice(0, max).map((s) => s.zh);
  if (more > 0) {
    en.push(`and ${more} more ${more === 1 ? "part" : "parts"}`);
    zh.push(`另有 ${more} 个部分`);
  }
  const n = top.length;
  const tally = tallyOf(paragraphs, held);
  return {
    count: n,
    en: `${tally.en}${en.length ? `: ${en.join("; ")}` : ""}`,
    zh: `${tally.zh}${zh.length ? `：${zh.join("；")}` : ""}`,
  };
}

/**
 * What is held, by kind, so the count agrees with the build's (which counts every unit): "119
 * paragraphs, 95 subparagraphs, 12 source notes and 81 list items (307 in all)". A subparagraph is
 * one whose paragraph is held too; alone (a page that starts inside a list) it is ranged and
 * counted as a paragraph.
 */
function tallyOf(
  paragraphs: readonly HeldParagraph[],
  held: ReadonlySet<string>,
): { en: string; zh: string } {
  let paras = 0;
  let subs = 0;
  let notes = 0;
  let items = 0;
  for (const p of paragraphs) {
    if (p.kind === "source-note") notes++;
    else if (p.parent !== null && held.has(p.parent)) subs++;
    else if (p.kind === "entry") items++;
    else paras++;
  }
  const en: string[] = [];
  const zh: string[] = [];
  const say = (k: number, one: string, many: string, unit: string) => {
    if (k === 0) return;
    en.push(`${k} ${k === 1 ? one : many}`);
    zh.push(`${k} ${unit}`);
  };
  say(paras, "paragraph", "paragraphs", "段");
  say(subs, "subparagraph", "subparagraphs", "个分段");
  say(notes, "source note", "source notes", "条来源说明");
  say(items, "list item", "list items", "项");
  if (en.length === 0) return { en: "0 paragraphs", zh: "0 段" };
  const all = paragraphs.length;
  const list = (xs: string[], comma: string, and: string) =>
    xs.length > 1 ? `${xs.slice(0, -1).join(comma)}${and}${xs[xs.length - 1]}` : xs[0]!;
  return {
    en: `${list(en, ", ", " and ")}${en.length > 1 ? ` (${all} in all)` : ""}`,
    zh: `${list(zh, "、", "和 ")}${zh.length > 1 ? `（共 ${all} 个单元）` : ""}`,
  };
}

/**
 * One part: "annex, paras. 1-60", "annex, annex A, appendix, list 1 paras. 1-4, list 2 paras. 1-3
 * and 2 unnumbered paras." / "附件，第 1-60 段".
 */
function partHolds(part: readonly string[], items: readonly HeldParagraph[]): { en: string; zh: string } {
  const preamble = part[0] === "preamble";
  const where = (preamble ? part.slice(1) : part).map(partEn);
  const whereZh = (preamble ? part.slice(1) : part).map(partZh);
  const en: string[] = [];
  const zh: string[] = [];
  const scopes = [...new Set(items.filter((p) => p.num.length > 0).map((p) => p.scope))];
  for (const scope of scopes) {
    const numbered = items.filter((p) => p.num.length > 0 && p.scope === scope);
    // The document's key is the id's first segment: a national paper's id is its own slug.
    const pin = (p: HeldParagraph) => pinpointEn(p.num, isDecimal(p.id.slice(0, p.id.indexOf("/")), p.num));
    const a = pin(numbered[0]!);
    const b = pin(numbered[numbered.length - 1]!);
    const one = numbered.length === 1;
    const word = preamble ? "preambular para" : "para";
    const head = scope ? `${scopeWords(scope)} ` : "";
    en.push(`${head}${word}${one ? "." : "s."} ${one ? a : `${a}-${b}`}`);
    zh.push(`${head}${preamble ? "序言部分" : ""}第 ${one ? a : `${a}-${b}`} 段`);
  }
  const entries = items.filter((p) => p.num.length === 0 && p.kind === "entry").length;
  const unnumbered = items.filter((p) => p.num.length === 0).length - entries;
  if (unnumbered) {
    en.push(`${unnumbered} unnumbered ${unnumbered === 1 ? "para." : "paras."}`);
    zh.push(`${unnumbered} 个未编号段落`);
  }
  if (entries) {
    en.push(`${entries} ${entries === 1 ? "item" : "items"}`);
    zh.push(`${entries} 项`);
  }
  const list = (xs: string[], comma: string, and: string) =>
    xs.length > 1 ? `${xs.slice(0, -1).join(comma)}${and}${xs[xs.length - 1]}` : (xs[0] ?? "");
  const placeEn = where.length ? where.join(", ") : "main body";
  const placeZh = whereZh.length ? whereZh.join("，") : "正文";
  return { en: `${placeEn}, ${list(en, ", ", " and ")}`, zh: `${placeZh}，${list(zh, "、", "及 ")}` };
}
