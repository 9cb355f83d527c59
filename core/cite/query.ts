/**
 * A citation a person typed or pasted ("A/75/816, annex I, para. 56", "A/75/816，附件一，第 56 段",
 * "UN Doc A/78/265 at [23(f)(ii)]") read with the same grammar as the build, resolved against the
 * corpus, and either the cited paragraphs or a precise account of what could not be found:
 * `acquis cite` and the site's resolver both run this lookup, so they answer alike.
 *
 * Decisions:
 * - Nothing silently dropped. Every character of the query is either read (inside a citation the
 *   grammar found) or noise the grammar may ignore (NOISE below: spaces, punctuation, "see",
 *   "cf.", "见"), or it is reported in `unread` with its offsets. An answer that landed while
 *   something was not read says so; `acquis cite` exits 1 and the site does not move.
 * - Every citation in the query is read, not only the first ("A/78/265, annex, para. 13; A/75/816,
 *   annex I, para. 56" is two targets), each target carrying the span it was read from.
 * - A reference to the citing document ("paragraph 5 above", "见附件 B") or a short form ("ibid.",
 *   "同上") means nothing outside a document: it is not read, and the message says why.
 * - The lookup is pure (the command loads the data and prints; the page fetches and draws); every
 *   outcome names the document, the part and the paragraph it looked for, and for a missing
 *   paragraph what the part does hold, so a person can correct the citation without opening it.
 */

import { isDocId } from "../../schemas/identity.ts";
import type { CharterTarget, CitationStatus, DocTarget, TextSpan } from "../../schemas/index.ts";
import { anchorOf, partAddress } from "../address/address.ts";
import { odsUrl, resolvedUrl } from "../address/urls.ts";
import { clean } from "./clean.ts";
import { type Found, findCitations } from "./find.ts";
import { holdsWords, isDecimal, partWords, pinpointEn } from "./format.ts";
import { bareNumber, misspeltPinpoints, nearNames, withNearSymbols } from "./near.ts";
import {
  type CiteDocument,
  type CiteParagraph,
  type CorpusIndex,
  resolveCharter,
  resolveDoc,
} from "./resolve.ts";
import type { TitleMatcher } from "./titles.ts";
import { isAlnum, isHan } from "./tokenize.ts";

/** One target of the typed citation and what became of it (schemas/lookup.ts). */
export interface LookupResult<P extends CiteParagraph = CiteParagraph> {
  target: DocTarget | CharterTarget;
  status: CitationStatus;
  /** The words of the query this target was read from. */
  span: [number, number];
  /** The cited paragraph when found. */
  paragraph: P | null;
  /** Id of a whole document or part when the citation names one. */
  resolved: string | null;
  /** What could not be found, in a sentence; null when found. */
  message: string | null;
  url: string | null;
  candidates: string[];
  /**
   * Labels of paragraphs near a missing one, in the same part ("58", "59", "60"); for a whole
   * document or part, the addresses of the first paragraphs it holds (data; `holds` says them).
   */
  nearby: string[];
  /**
   * What a whole document, part, section or page holds, as people cite it: how many paragraphs
   * and their ranges ("annex, paras. 1-60"), in both languages; null for a paragraph or nothing.
   */
  holds: { count: number; en: string; zh: string } | null;
  /**
   * The HTML fragment the document page opens at for a whole part or section (its heading, the
   * parser's `anchor`) or a page (its first paragraph); null for a paragraph, a whole document or
   * nothing found.
   */
  anchor: string | null;
  /** Where the site shows the target, from its root ("/p/A-78-265/annex/23.f.ii/"); null when not found. */
  site: string | null;
}

/** A lookup (schemas/lookup.ts `lookupSchema`), generic in the paragraph it carries. */
export type Lookup<P extends CiteParagraph = CiteParagraph> =
  | { kind: "unparsed"; query: string; message: string; read: TextSpan[]; unread: TextSpan[] }
  | { kind: "parsed"; query: string; read: TextSpan[]; unread: TextSpan[]; results: LookupResult<P>[] };

/** A query as the grammar read it: the citations that name a document or the Charter, and the rest. */
export interface Reading {
  /** In the order written. */
  citations: Found[];
  /** Their words, merged where citations share them. */
  read: TextSpan[];
  /** What is neither read nor noise. */
  unread: TextSpan[];
  /** References that mean nothing outside a document: the citing document itself, short forms. */
  outside: Found[];
}

/** Read a typed citation: what it names, and what of it was not read. Never throws. */
export function readTyped(
  query: string,
  titles: TitleMatcher,
  holes: readonly (readonly [number, number])[] = [],
): Reading {
  const found = findCitations(query, titles);
  const citations = found.filter((f) => f.kind === "charter" || (f.kind === "doc" && f.ref !== "self"));
  const outside = found.filter((f) => !citations.includes(f));
  const merged: [number, number][] = [];
  for (const f of citations) {
    const last = merged[merged.length - 1];
    if (last && f.start <= last[1]) last[1] = Math.max(last[1], f.end);
    else merged.push([f.start, f.end]);
  }
  // Words read by the grammar that resolution could not use (pages of a document whose pages the
  // corpus does not record) are cut out of what was read, so they are said as not read.
  const spans: [number, number][] = [];
  for (const [a, b] of merged) {
    let at = a;
    for (const [h0, h1] of [...holes].sort((x, y) => x[0] - y[0])) {
      if (h1 <= at || h0 >= b) continue;
      if (h0 > at) spans.push(trimRead(query, at, h0));
      at = Math.max(at, h1);
    }
    if (at < b) spans.push([at, b]);
  }
  const s = clean(query);
  const unread: TextSpan[] = [];
  let at = 0;
  for (const [start, end] of [...spans, [query.length, query.length] as [number, number]]) {
    const gap = unreadIn(s, at, start);
    if (gap) unread.push({ text: query.slice(gap[0], gap[1]), span: gap });
    at = end;
  }
  return {
    citations,
    read: spans.filter(([a, b]) => b > a).map((span) => ({ text: query.slice(span[0], span[1]), span })),
    unread,
    outside,
  };
}

/** A stretch of read words without the noise marks at its end ("A/78/265, " -> "A/78/265"). */
function trimRead(query: string, a: number, b: number): [number, number] {
  const s = clean(query);
  let e = b;
  while (e > a && NOISE_MARKS.has(s[e - 1]!)) e--;
  return [a, e];
}

/**
 * Words that may stand around a citation without being read, lower-case: they say "look here"
 * or join citations, and change nothing of what is cited. GRAMMAR.md lists them.
 */
const NOISE_EN = new Set([
  "see",
  "also",
  "cf",
  "cf.",
  "compare",
  "e.g.",
  "and",
  "the",
  "in",
  "document",
  "doc",
  "doc.",
]);
const NOISE_ZH = ["另见", "参见", "参阅", "以及", "号文件", "文件", "见", "和", "及", "与"];
/** Punctuation and spaces that may stand around a citation (after cleaning: full width folded). */
const NOISE_MARKS = new Set([..." .,;:!?()[]{}\"'“”‘’«»。，；：、（）【】「」《》-–—/"]);

/**
 * The stretch of s[from, to) that is not noise, trimmed of the noise marks around it; null when
 * the whole stretch is noise.
 */
function unreadIn(s: string, from: number, to: number): [number, number] | null {
  let first = -1;
  let last = -1;
  let q = from;
  while (q < to) {
    const c = s[q]!;
    if (NOISE_MARKS.has(c)) {
      q++;
      continue;
    }
    let end = q + 1;
    let noise = false;
    if (isAlnum(c)) {
      // A word with its inner full stops ("e.g.", "cf."): noise when the list has it.
      while (end < to && (isAlnum(s[end]) || (s[end] === "." && isAlnum(s[end + 1])))) end++;
      const word = s.slice(q, end).toLowerCase();
      if (s[end] === "." && NOISE_EN.has(`${word}.`)) end++;
      noise = NOISE_EN.has(word) || NOISE_EN.has(s.slice(q, end).toLowerCase());
    } else if (isHan(c)) {
      const w = NOISE_ZH.find((x) => s.startsWith(x, q) && q + x.length <= to);
      if (w) {
        end = q + w.length;
        noise = true;
      }
    }
    if (!noise) {
      if (first < 0) first = q;
      last = end;
    }
    q = end;
  }
  if (first < 0) return null;
  // A bracket opened in what is said closes in it too: "resolution 2341 (2017)", not "(2017".
  let open = 0;
  for (let k = first; k < last; k++) {
    if (OPENERS.includes(s[k]!)) open++;
    else if (CLOSERS.includes(s[k]!) && open > 0) open--;
  }
  while (open > 0 && last < to && CLOSERS.includes(s[last]!)) {
    last++;
    open--;
  }
  return [first, last];
}

const OPENERS = "([{“‘（【「";
const CLOSERS = ")]}”’）】」";

/**
 * Why "Security Council resolution 75/240" reads as nothing: the grammar skips a Council name
 * before an Assembly resolution's number whole (find.ts), never reading either half, so the
 * answer says which half to mend instead of the generic "no citation".
 */
const COUNCIL_ASSEMBLY =
  /(Security Council|UNSC|S\.C\.|安全理事会|安理会)[^0-9/]{0,30}?(\d{1,3}\/\d{1,4})(?!\s*[(（]\s*\d{4})/u;

function councilWithAssemblyNumber(query: string): string | null {
  const m = COUNCIL_ASSEMBLY.exec(query);
  if (!m) return null;
  const [, council, number] = m;
  return `"${m[0].trim()}" names the ${council === "安理会" || council === "安全理事会" ? "Security Council (安理会)" : "Security Council"} with a General Assembly resolution's number (${number}, session/number), so neither was read. The Council's resolutions are numbered with their year, e.g. "resolution 2341 (2017)" or "S/RES/2341 (2017)"; for the Assembly's, write "resolution ${number}" or "A/RES/${number}".`;
}

/**
 * Why "cn-2099-test-paper, section 2.2" reads as nothing: a national paper is cited by its id only
 * when the corpus or the registry holds it, so an id neither knows is no citation, and the generic
 * answer ("write a symbol") would send a reader of a paper that has no symbol the wrong way.
 */
function unknownPaperId(query: string, index: CorpusIndex<CiteParagraph, CiteDocument>): string | null {
  for (const m of query.matchAll(/[a-z][a-z0-9]*(?:-[a-z0-9]+)+/g)) {
    const id = m[0];
    if (!isDocId(id) || index.docs.has(id) || index.registry.has(id)) continue;
    return `"${id}" reads as a national paper's id, but neither the corpus nor its registry has a paper by that id, so nothing was read: check the id (the paper's folder under corpus/), or cite the paper by its title.`;
  }
  return null;
}

/**
 * Why "第 78/265 号文件附件第 23 段" reads as nothing: a document written by its number alone, without
 * its series, is no symbol (78/265 could be A/78/265 or A/RES/78/265), so the grammar does not
 * read it and "第 23 段" is left pointing nowhere. The answer names the registered documents of
 * that number and the citation written with the symbol, instead of "write the document's symbol"
 * to someone who thinks they did.
 */
function numberWithoutSeries(query: string, index: CorpusIndex<CiteParagraph, CiteDocument>): string | null {
  const bare = bareNumber(query, index.registry);
  if (!bare) return null;
  const { phrase, number, symbols } = bare;
  const zh = /号\s*文件$/u.test(phrase);
  const known = symbols.length
    ? ` The registry knows ${symbols.join(" and ")}${symbols.length === 1 ? "" : ": name the one you mean"}.`
    : "";
  const example = symbols.length === 1 ? symbols[0]! : `A/${number}`;
  const rewritten = query.replace(phrase, zh ? `${example} 号文件` : `document ${example}`);
  return `"${phrase.trim()}" gives a document's number without its series (A/, S/, A/RES/…), so no citation was read.${known} Write the symbol, e.g. "${rewritten.trim()}".`;
}

/** " Registered names with those words: …" for a half-remembered name ("OEWG final report"); else "". */
function namesNear(query: string, index: CorpusIndex<CiteParagraph, CiteDocument>): string {
  const near = nearNames(query, index.registry);
  if (!near.length) return "";
  return ` No document is registered under that name; registered names with those words: ${near.map((n) => `"${n.name}" (${n.symbol})`).join(", ")}.`;
}

/** Read and resolve a typed citation. Never throws. */
export function lookupCitation<P extends CiteParagraph>(
  query: string,
  index: CorpusIndex<P, CiteDocument>,
): Lookup<P> {
  const lang = /[\u4e00-\u9fff]/.test(query) ? "zh" : "en";
  let reading = readTyped(query, index.titles);
  if (reading.citations.length === 0) {
    const outside = reading.outside[0];
    return {
      kind: "unparsed",
      query,
      message:
        numberWithoutSeries(query, index) ??
        (!outside
          ? (councilWithAssemblyNumber(query) ??
            unknownPaperId(query, index) ??
            `No citation could be read.${namesNear(query, index)} Write a symbol and a pinpoint, e.g. "A/75/816, annex I, para. 56" or "A/75/816，附件一，第 56 段".`)
          : outside.kind === "short"
            ? `"${query.slice(outside.start, outside.end)}" refers back to a citation before it, which a pasted citation does not have: write the document's symbol.`
            : `"${query.slice(outside.start, outside.end)}" refers to the document it stands in, which a pasted citation does not have: write the document's symbol.`),
      read: [],
      unread: reading.unread,
    };
  }
  const citing = { doc: "", lang, part: [] as string[] };
  const dropped: [number, number][] = [];
  const results = reading.citations.flatMap((found): LookupResult<P>[] => {
    const span: [number, number] = [found.start, found.end];
    if (found.kind === "charter") {
      const r = resolveCharter(found.article, found.para, index, lang);
      const paragraph = r.resolved ? (index.byId.get(r.resolved) ?? null) : null;
      return [
        placed(
          {
            target: r.target,
            status: r.status,
            resolved: r.resolved,
            url: r.url,
            candidates: r.candidates,
            span,
            paragraph,
            message:
              r.status === "external"
                ? "The UN Charter is not a corpus document; acquis does not hold its text."
                : explain(r.status, r.target, r.problem),
            nearby: r.resolved && !paragraph ? contents(r.resolved, index) : [],
          },
          undefined,
          index,
        ),
      ];
    }
    if (found.kind !== "doc") return [];
    return found.symbols
      .flatMap((symbol) => found.pins.map((pin) => ({ symbol, pin })))
      .slice(0, found.ref === "title" ? found.pins.length : undefined)
      .map(({ symbol, pin }) => {
        const symbols = found.ref === "title" ? found.symbols : [symbol];
        const r = resolveDoc(symbols, pin, citing, index);
        if (r.dropped) dropped.push(r.dropped);
        // A page or a section is answered whole, with what it holds, like a part.
        const paragraph = r.resolved && !r.holds ? (index.byId.get(r.resolved) ?? null) : null;
        return placed(
          {
            target: r.target,
            status: r.status,
            span,
            paragraph,
            resolved: r.resolved,
            message:
              r.status === "unknown-document"
                ? withNearSymbols(explain(r.status, r.target, r.problem) ?? "", r.target.doc, index.registry)
                : explain(r.status, r.target, r.problem),
            url:
              r.url ??
              (r.status === "resolved" || index.docs.has(r.target.doc) ? null : odsUrl(r.target.doc, lang)),
            candidates: r.candidates,
            nearby:
              r.status === "unknown-paragraph" && "num" in r.target
                ? nearby(r.target, index)
                : r.holds
                  ? r.holds.slice(0, 8).map((id) => index.byId.get(id)?.address ?? id)
                  : r.resolved && !paragraph
                    ? contents(r.resolved, index)
                    : [],
          },
          r.holds,
          index,
        );
      });
  });
  if (dropped.length) reading = readTyped(query, index.titles, dropped);
  return { kind: "parsed", query, read: reading.read, unread: reading.unread, results };
}

/**
 * A result with what it holds, where the document page opens at it and its site address: the
 * one place both `acquis cite` and the site's resolver get them from.
 * @param held the ids a page or a section holds (resolution lists them); else read from the index
 */
function placed<P extends CiteParagraph>(
  r: Omit<LookupResult<P>, "holds" | "anchor" | "site">,
  held: readonly string[] | undefined,
  index: CorpusIndex<P, CiteDocument>,
): LookupResult<P> {
  if (r.status !== "resolved" || !r.resolved) return { ...r, holds: null, anchor: null, site: null };
  if (r.paragraph)
    return {
      ...r,
      holds: null,
      anchor: null,
      site: resolvedUrl(r.resolved, { paragraph: true, anchor: null }),
    };
  const paragraphs = held
    ? held.map((id) => index.byId.get(id)).filter((p): p is P => p !== undefined)
    : within(r.resolved, index);
  const anchor = anchorAt(r.resolved, paragraphs, index);
  return {
    ...r,
    holds: holdsWords(paragraphs),
    anchor,
    site: resolvedUrl(r.resolved, { paragraph: false, anchor }),
  };
}

/** The paragraphs of a whole document ("A-78-265/zh") or part ("A-78-265/zh/annex"), in order. */
function within<P extends CiteParagraph>(id: string, index: CorpusIndex<P, CiteDocument>): P[] {
  const out: P[] = [];
  for (const p of index.byId.values()) if (p.id.startsWith(`${id}/`)) out.push(p);
  return out;
}

/**
 * Where the document page opens at a whole part or section: its heading (a section's `anchor`; a
 * part's title, the first depth-1 heading of the part), else its first paragraph; a page at its
 * first paragraph; a whole document (no address) at its top: null.
 */
function anchorAt(
  id: string,
  paragraphs: readonly CiteParagraph[],
  index: CorpusIndex<CiteParagraph, CiteDocument>,
): string | null {
  const [slug = "", lang = "", ...rest] = id.split("/");
  const address = rest.join("/");
  if (!address) return null;
  const own = index.byId.get(id);
  if (own) return anchorOf(own.address);
  for (const versions of index.docs.values()) {
    const record = versions.get(lang)?.record;
    if (!record || record.slug !== slug) continue;
    const heading = headingAnchor(record, address);
    if (heading) return heading;
  }
  return paragraphs[0] ? anchorOf(paragraphs[0].address) : null;
}

/**
 * The heading a part or section opens with on the document page: a section's `anchor`, a part's
 * title (partTitle); null when the address names neither or the part has no title. Exported so the
 * site's citation links (site/src/lib/links.ts) open a part where the resolver and `acquis cite` do.
 * @param address a part's or section's address in the document ("annex", "annex/@D", "state-de")
 */
export function headingAnchor(
  record: Pick<CiteDocument, "parts" | "sections" | "headings">,
  address: string,
): string | null {
  const section = (record.sections ?? []).find((x) => x.address === address);
  if (section) return section.anchor;
  const part = record.parts.find((x) => x.length > 0 && partAddress(x) === address);
  return part ? partTitle(record, part) : null;
}

/** The anchor of a part's title: its first heading of depth 1, not a dateline; null without one. */
export function partTitle(record: Pick<CiteDocument, "headings">, part: readonly string[]): string | null {
  const h = (record.headings ?? []).find(
    (x) =>
      x.depth === 1 &&
      x.role !== "dateline" &&
      x.part.length === part.length &&
      x.part.every((l, k) => l === part[k]),
  );
  return h?.anchor ?? null;
}

function explain(
  status: CitationStatus,
  target: DocTarget | CharterTarget,
  problem: string | null,
): string | null {
  const doc = target.doc;
  switch (status) {
    case "resolved":
      // What a page holds, or why page words were not read; else nothing to say.
      return problem ? sentence(problem) : null;
    case "not-in-corpus":
      return problem ?? `${doc} is known to the registry but not in the corpus, so its text is not here.`;
    case "unknown-document":
      return `${doc} is unknown: neither the corpus nor corpus/registry.yaml has it.`;
    case "unknown-paragraph":
      return problem ? sentence(problem) : null;
    case "ambiguous":
      return `The citation could mean several paragraphs (${problem}); name the part.`;
    default:
      return problem;
  }
}

/** A problem as a sentence: its first letter a capital, unless it starts with a document id. */
function sentence(problem: string): string {
  const first = problem.split(/[\s,]/)[0] ?? "";
  const head = isDocId(first) ? problem[0]! : problem[0]!.toUpperCase();
  return `${head}${problem.slice(1)}.`;
}

/** Labels of the numbered paragraphs near a missing one in the same part and scope. */
function nearby(target: DocTarget, index: CorpusIndex<CiteParagraph, CiteDocument>): string[] {
  const versions = index.docs.get(target.doc);
  if (!versions) return [];
  const v = [...versions.values()][0]!;
  const top = v.paragraphs.filter(
    (p) =>
      p.num.length === 1 &&
      p.scope === target.scope &&
      p.part.length === target.part.length &&
      p.part.every((x, k) => x === target.part[k]),
  );
  if (top.length === 0) return [];
  const n = Number(target.num[0]);
  const labels = top.map((p) => p.num.join("."));
  if (!Number.isFinite(n)) return labels.slice(0, 5);
  const idx = top.findIndex((p) => Number(p.num[0]) >= n);
  const at = idx < 0 ? top.length : idx;
  return labels.slice(Math.max(0, at - 3), at + 3);
}

/** The first paragraphs of a whole document or part, by address. */
function contents(id: string, index: CorpusIndex<CiteParagraph, CiteDocument>): string[] {
  const out: string[] = [];
  for (const p of index.byId.values()) {
    if (p.id.startsWith(`${id}/`)) out.push(p.address);
    if (out.length === 8) break;
  }
  return out;
}

/**
 * A target in words, as `acquis cite` and the site's resolver both say it: "A/75/816, annex I,
 * para. 56 (read as annex I, where its report sits)", "UN Charter, Article 2 (4)". A part the
 * citation did not write is said to be read, so an inference is never silent.
 */
export function targetText(t: DocTarget | CharterTarget): string {
  if ("article" in t) return `UN Charter, Article ${t.article}${t.para ? ` (${t.para})` : ""}`;
  return (
    [
      t.doc,
      ...(t.part.length ? [partWords(t.part)] : []),
      ...(t.section ? [t.section] : t.scope && /^[0-9A-Z]/.test(t.scope) ? [`section ${t.scope}`] : []),
      ...(t.num.length ? [`para. ${pinpointEn(t.num, isDecimal(t.doc, t.num))}`] : []),
      ...(t.page
        ? [t.page.first === t.page.last ? `p. ${t.page.first}` : `pp. ${t.page.first}-${t.page.last}`]
        : []),
    ].join(", ") + (t.partInferred ? ` (read as ${t.part.join(", ")}, where its report sits)` : "")
  );
}

/**
 * What was read and what was not, in one line, as `acquis cite` prints it and the site shows it:
 * "read: A/78/265; not read: at 5". Several stretches are joined with " … ".
 */
export function readingLine(lookup: Pick<Lookup, "read" | "unread">): string {
  const read = lookup.read.map((r) => r.text).join(" … ");
  const unread = lookup.unread.map((r) => r.text).join(" … ");
  // A misspelt pinpoint word ("anex") leaves the pinpoint unread and the answer the whole
  // document: the word meant is named where the reader looks first.
  const meant = misspeltPinpoints(unread).map(([w, m]) => `"${w}": did you mean "${m}"?`);
  return [
    read ? `read: ${read}` : "read: nothing",
    ...(unread ? [`not read: ${unread}${meant.length ? ` (${meant.join(" ")})` : ""}`] : []),
  ].join("; ");
}
