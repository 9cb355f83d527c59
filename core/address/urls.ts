/**
 * Every URL acquis writes, built here and only here from symbols, slugs and addresses the pipeline
 * constructed: the site's pages, and the UN Official Document System's link that the citations in
 * dist/data, the site and `acquis cite` give for a document the corpus does not hold. Document
 * text never becomes a URL. Pure and browser-safe.
 */

/** A document version: "/doc/A-78-265/zh/". */
export function docUrl(slug: string, lang: "zh" | "en"): string {
  return `/doc/${encodeURIComponent(slug)}/${lang}/`;
}

/** The side-by-side view of a document: "/doc/A-78-265/". */
export function docBothUrl(slug: string): string {
  return `/doc/${encodeURIComponent(slug)}/`;
}

/** A paragraph page: "/p/A-78-265/annex/23.f.ii/". */
export function paraUrl(slug: string, address: string): string {
  return `/p/${encodeURIComponent(slug)}/${address.split("/").map(encodeURIComponent).join("/")}/`;
}

/** A paragraph page from a paragraph id ("A-78-265/zh/annex/23.f.ii"). */
export function paraUrlOfId(id: string): string {
  const [slug = "", , ...address] = id.split("/");
  return paraUrl(slug, address.join("/"));
}

/**
 * Where the site shows what a citation resolved to, from the site's root: a paragraph's own page;
 * a part, a section or a page of the original at its place on the document page (`anchor`: the
 * heading, or the first paragraph); a whole document side by side. The one function the site's
 * resolver and `acquis cite` both use (through core/cite/query.ts), so they give the same address.
 * @param resolved a paragraph id ("A-78-265/zh/annex/23.f.ii"), a part's ("A-78-265/zh/annex"),
 *   or a whole document's ("A-78-265/zh")
 */
export function resolvedUrl(resolved: string, place: { paragraph: boolean; anchor: string | null }): string {
  if (place.paragraph) return paraUrlOfId(resolved);
  const [slug = "", lang = "", ...address] = resolved.split("/");
  if (address.length === 0 || (lang !== "zh" && lang !== "en")) return docBothUrl(slug);
  return `${docUrl(slug, lang)}${place.anchor ? `#${encodeURIComponent(place.anchor)}` : ""}`;
}

/** The Charter's full text on un.org: it is not a corpus document, and has no ODS symbol. */
export const CHARTER_URL = "https://www.un.org/en/about-us/un-charter/full-text";

/** A State's page: "/states/VE/". */
export function stateUrl(code: string): string {
  return `/states/${encodeURIComponent(code)}/`;
}

/** A topic's page: "/topics/due-diligence/". */
export function topicUrl(id: string): string {
  return `/topics/${encodeURIComponent(id)}/`;
}

/** The compare view: States' paragraphs side by side, topic and States chosen on the page. */
export function compareUrl(topic?: string, states: readonly string[] = []): string {
  const q = new URLSearchParams();
  if (topic) q.set("topic", topic);
  if (states.length) q.set("states", states.join(","));
  const qs = q.toString();
  return `/topics/compare/${qs ? `?${qs}` : ""}`;
}

/** The agreed-language map of a document pair in one language: "/map/A-77-275/A-78-265/en/". */
export function mapUrl(fromSlug: string, toSlug: string, lang: string): string {
  return `/map/${encodeURIComponent(fromSlug)}/${encodeURIComponent(toSlug)}/${lang}/`;
}

/**
 * A symbol, with the bracket that closes a Security Council resolution's ("S/RES/2341(2017)") or an
 * old-style General Assembly resolution's ("A/RES/217(III)") as the UN writes them.
 */
const SYMBOL = /^[A-Z][A-Za-z0-9.-]*(\/[A-Za-z0-9.-]+)+(\([0-9]{4}\)|\([IVXL]+\))?$/;

/**
 * The UN Official Document System's permanent link for a symbol (undocs.org), in one language;
 * the one ODS link of the project: the citations' `url` in dist/data, the site's links and
 * `acquis cite` all come from here.
 *
 * null when the string is not a well-formed symbol (we never link to what a document or citation
 * record says) and for the registry's own `A/DEC/<session>/<n>` convention: a General Assembly
 * decision has no document symbol of its own, so undocs.org has nothing at that address.
 */
export function odsUrl(symbol: string, lang: string): string | null {
  if (!SYMBOL.test(symbol) || symbol.startsWith("A/DEC/")) return null;
  return `https://undocs.org/${lang}/${symbol.split("/").map(encodeURIComponent).join("/")}`;
}
