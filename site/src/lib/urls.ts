/**
 * Every URL of the site, built here and only here from symbols, slugs and addresses the pipeline
 * constructed: document text never becomes a URL. Browser-safe.
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

/** A State's page: "/states/VE/". */
export function stateUrl(code: string): string {
  return `/states/${encodeURIComponent(code)}/`;
}

/** The agreed-language map of a document pair in one language: "/map/A-77-275/A-78-265/en/". */
export function mapUrl(fromSlug: string, toSlug: string, lang: string): string {
  return `/map/${encodeURIComponent(fromSlug)}/${encodeURIComponent(toSlug)}/${lang}/`;
}

const SYMBOL = /^[A-Z][A-Za-z0-9.-]*(\/[A-Za-z0-9.-]+)+$/;

/**
 * The UN Official Document System's permanent link for a symbol (undocs.org), or null when the
 * string is not a well-formed symbol: we never link to what a document or citation record says.
 */
export function odsUrl(symbol: string, lang: "zh" | "en"): string | null {
  if (!SYMBOL.test(symbol)) return null;
  return `https://undocs.org/${lang}/${symbol.split("/").map(encodeURIComponent).join("/")}`;
}
