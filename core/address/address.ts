/**
 * Paragraph addresses: the one place that turns (part, scope, num) into the language-neutral
 * address, the unique id and the HTML anchor. Parser, citation resolver and site all use it, so a
 * citation's target and a paragraph's id can never be spelled two ways. Browser-safe.
 *
 *   addressOf(["annex"], null, ["23","f","ii"])        -> "annex/23.f.ii"
 *   addressOf(["annex","annex A","appendix"], "list-2", ["3"]) -> "annex/annex-a/appendix/@list-2/3"
 *   addressOf([], null, ["7"])                         -> "7"
 *   addressOf([], "2.2", [], 1)                        -> "@2.2/u1" (unnumbered, in section 2.2)
 *   addressOf(["annex", "state DE"], null, ["5"])      -> "annex/state-de/5" (Germany's para. 5)
 *   addressOf(["article 19"], null, ["2"])             -> "article/19/2" (article 19, para. 2)
 *   sectionAddress([], "2.2")                          -> "@2.2" (the section itself)
 *   idOf("A/78/265", "zh", "annex/23.f.ii")            -> "A-78-265/zh/annex/23.f.ii"
 *   idOf("A/ES-10/1", "en", "3")                       -> "A-ES--10-1/en/3" (slugOf: reversible)
 *   anchorOf("annex/23.f.ii")                          -> "annex-23-f-ii"
 *   anchorOf("@2/1")                                   -> "s2-1" (never "2-1", paragraph 2 (1)'s)
 */
import { slugOf } from "../../schemas/identity.ts";

/**
 * Slug of a part label: "annex A" -> "annex-a"; an article's "article 19" -> "article/19", so its
 * paragraphs read as cited ("article/19/2": article 19, paragraph 2).
 */
export function partSlug(label: string): string {
  const article = articleOfPart(label);
  if (article !== null) return `article/${article}`;
  return label.toLowerCase().trim().replace(/\s+/g, "-");
}

/** The prefix of an article's part label: ["article 19"] is article 19. */
export const ARTICLE_PART = "article ";

/** The part label of article `n` ("19" -> "article 19"). */
export function articlePart(n: string): string {
  return `${ARTICLE_PART}${n}`;
}

/** The article number of an article's part label ("article 19" -> "19"), or null. */
export function articleOfPart(label: string | undefined): string | null {
  const m = /^article (\d+)$/.exec(label ?? "");
  return m ? m[1]! : null;
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

/**
 * Address of a numbered section: its part's address, "@" and its key ("@2.2", "annex/@1.2"), the
 * prefix of the addresses of the unnumbered paragraphs counted in it ("@2.2/u1").
 */
export function sectionAddress(part: readonly string[], key: string): string {
  return [...part.map(partSlug), `@${key}`].join("/");
}

/** The prefix of a State's section's part label: ["annex", "state DE"] is Germany's section. */
export const STATE_PART = "state ";

/** The part label of a State's (or group's) section of a compendium: "DE" -> "state DE". */
export function statePart(code: string): string {
  return `${STATE_PART}${code}`;
}

/** The State (or group) code of a State section's part label ("state DE" -> "DE"), or null. */
export function stateOfPart(label: string | undefined): string | null {
  return label?.startsWith(STATE_PART) ? label.slice(STATE_PART.length) : null;
}

/** Address of a part itself (a heading or a whole annex): "annex/annex-a". */
export function partAddress(part: readonly string[]): string {
  return part.length ? part.map(partSlug).join("/") : "body";
}

/** Unique paragraph id: "<doc slug>/<lang>/<address>"; the slug is the key's folder (identity.ts). */
export function idOf(doc: string, lang: string, address: string): string {
  return `${slugOf(doc)}/${lang}/${address}`;
}

/**
 * HTML fragment for an address: separators become "-". A numbered section's scope ("@2/1",
 * paragraph 1 of section 2) is marked "s", so it never meets paragraph 2 (1) ("2.1" -> "2-1");
 * the scopes that start with a letter ("@list-2", "@D/next-steps") keep the anchors they had.
 */
export function anchorOf(address: string): string {
  return address
    .replace(/@(?=\d)/g, "s")
    .replace(/[/.@]+/g, "-")
    .replace(/^-+|-+$/g, "");
}
