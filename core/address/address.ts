/**
 * Paragraph addresses: the one place that turns (part, scope, num) into the language-neutral
 * address, the unique id and the HTML anchor. Parser, citation resolver and site all use it, so a
 * citation's target and a paragraph's id can never be spelled two ways. Browser-safe.
 *
 *   addressOf(["annex"], null, ["23","f","ii"])        -> "annex/23.f.ii"
 *   addressOf(["annex","annex A","appendix"], "list-2", ["3"]) -> "annex/annex-a/appendix/@list-2/3"
 *   addressOf([], null, ["7"])                         -> "7"
 *   idOf("A/78/265", "zh", "annex/23.f.ii")            -> "A-78-265/zh/annex/23.f.ii"
 *   anchorOf("annex/23.f.ii")                          -> "annex-23-f-ii"
 */

/** Slug of a part label: "annex A" -> "annex-a". */
export function partSlug(label: string): string {
  return label.toLowerCase().trim().replace(/\s+/g, "-");
}

/**
 * Address of a paragraph. Unnumbered paragraphs get `u<ordinal>`, their position among the
 * unnumbered paragraphs of the same part and scope, which is the same in every language version.
 */
export function addressOf(
  part: readonly string[],
  scope: string | null,
  num: readonly string[],
  ordinal = 1,
): string {
  const segs = part.map(partSlug);
  if (scope) segs.push(`@${scope}`);
  segs.push(num.length ? num.join(".") : `u${ordinal}`);
  return segs.join("/");
}

/** Address of a part itself (a heading or a whole annex): "annex/annex-a". */
export function partAddress(part: readonly string[]): string {
  return part.length ? part.map(partSlug).join("/") : "body";
}

/** Unique paragraph id: "<doc slug>/<lang>/<address>". */
export function idOf(doc: string, lang: string, address: string): string {
  return `${doc.replace(/\//g, "-")}/${lang}/${address}`;
}

/** HTML fragment for an address: separators become "-". */
export function anchorOf(address: string): string {
  return address.replace(/[/.@]+/g, "-").replace(/^-+|-+$/g, "");
}
