/**
 * Where a citation's link goes, and how a page describes it. Built only from the citation's
 * resolved id and target symbol, never from its `url` or any document text.
 */

import { idOf, partAddress } from "../../../core/address/address.ts";
import { CHARTER_URL, docUrl, odsUrl, paraUrlOfId } from "../../../core/address/urls.ts";
import { headingAnchor } from "../../../core/cite/query.ts";
import type { Citation, DocumentRecord, Heading, Paragraph } from "../../../schemas/index.ts";
import { type SiteData, slugOfId } from "./data.ts";

/** The Charter's full text on un.org (core/address/urls.ts, where every URL is built). */
export const CHARTER = CHARTER_URL;
/** The document key the citation grammar gives the Charter (core/cite/resolve.ts). */
export const CHARTER_DOC = "UN Charter";

/** The link of a citation: the resolved paragraph, the document in the corpus, or UN ODS. */
export function citeHref(data: SiteData, c: Citation, lang: "zh" | "en"): string | null {
  if (c.resolved && data.byId.has(c.resolved)) return paraUrlOfId(c.resolved);
  // Resolved to a part or section ("A-78-265/zh/annex", "A-78-265/zh/annex/@D"): at its heading on
  // the document page, as the resolver and `acquis cite` open it (core/cite/query.ts), else at its
  // first paragraph; a part without paragraphs or heading, at the document's top.
  if (c.resolved) {
    const [slug = "", version = "", ...rest] = c.resolved.split("/");
    const record = version === "zh" || version === "en" ? data.bySlug.get(slug)?.[version] : undefined;
    if (record && rest.length === 0) return docUrl(slug, record.lang);
    if (record) {
      const heading = headingAnchor(record, rest.join("/"));
      const first = heading
        ? null
        : (data.byDoc.get(`${slug}/${record.lang}`) ?? []).find((p) => p.id.startsWith(`${c.resolved}/`));
      const anchor = heading ?? first?.anchor;
      return `${docUrl(slug, record.lang)}${anchor ? `#${encodeURIComponent(anchor)}` : ""}`;
    }
  }
  if (c.status === "ambiguous") return `${paraUrlOfId(c.from)}#cites`;
  if (c.target.doc === CHARTER_DOC) return CHARTER;
  const inCorpus = data.bySymbol.get(c.target.doc);
  if (inCorpus) {
    const version = inCorpus[lang] ?? inCorpus.en ?? inCorpus.zh;
    if (version) return docUrl(version.slug, version.lang);
  }
  return odsUrl(c.target.doc, lang);
}

/** A short English description of a citation's status, for titles and lists. */
export function statusText(c: Citation): string {
  switch (c.status) {
    case "resolved":
      return c.resolved ? "resolved to a paragraph in the corpus" : "the document is in the corpus";
    case "not-in-corpus":
      // A decision (A/DEC/...) has no symbol of its own on ODS: nothing to open there.
      return odsUrl(c.target.doc, "en")
        ? "document not in the corpus: opens the UN Official Document System"
        : "document not in the corpus";
    case "unknown-paragraph":
      return "the document has no such paragraph";
    case "unknown-document":
      return "unknown document";
    case "ambiguous":
      return `ambiguous: ${c.candidates.length} candidates`;
    case "external":
      return "UN Charter";
  }
}

/** "A/77/275, annex, para. 5" style label of a target, for lists. */
export function targetText(c: Citation): string {
  const t = c.target;
  if (t.doc === CHARTER_DOC && "article" in t)
    return `Charter of the United Nations, Article ${t.article}${t.para ? ` (${t.para})` : ""}`;
  if (!("part" in t)) return t.doc;
  const segs = [t.doc, ...t.part];
  const [first, ...rest] = t.num;
  if (first) segs.push(`para. ${first}${rest.map((r) => ` (${r})`).join("")}`);
  return segs.join(", ");
}

/**
 * The citations whose spans point into a paragraph's own text. A source note ("[2021 年…报告，第 51 段]")
 * is its own paragraph, but the cite stage files its citations under the paragraph it annotates
 * (`from` = parent, `via` = "source-note"), with spans into the note's text.
 */
export function textCitations(data: SiteData, p: Paragraph): Citation[] {
  if (p.kind === "source-note" && p.parent) {
    return (data.citationsFrom.get(p.parent) ?? []).filter((c) => c.via === "source-note");
  }
  return (data.citationsFrom.get(p.id) ?? []).filter((c) => c.via === "text");
}

/**
 * The citations in a heading's own words ("Follow-up to resolution 75/240"): the cite stage files
 * them under the part the heading opens (via "heading", spans into the heading's text), as it does
 * a heading's notes; the heading's line tells which heading of the part.
 */
export function headingCitations(data: SiteData, doc: DocumentRecord, h: Heading): Citation[] {
  return (data.citationsFrom.get(idOf(doc.symbol, doc.lang, partAddress(h.part))) ?? []).filter(
    (c) => c.via === "heading" && c.source.line === h.source.line && c.source.file === h.source.file,
  );
}

/**
 * The heading a paragraph stands under, nearest first (the last of its heading path), as the
 * document's record holds it: the one of that text before it in its file. Null without one.
 */
export function headingAbove(doc: DocumentRecord, p: Paragraph): Heading | null {
  const text = p.headings.at(-1);
  if (!text) return null;
  let found: Heading | null = null;
  for (const h of doc.headings) {
    if (h.source.line > p.source.line) break;
    if (h.text === text) found = h;
  }
  return found;
}

/** The citations whose spans point into one footnote of a paragraph. */
export function footnoteCitations(data: SiteData, p: Paragraph, mark: string): Citation[] {
  return (data.citationsFrom.get(p.id) ?? []).filter((c) => c.via === "footnote" && c.footnote === mark);
}

export { slugOfId };
