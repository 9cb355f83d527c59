/**
 * Document identity: the key a document is known by, and the folder and URL slug that follow from
 * it. Pure and browser-safe (no zod here: the parser, the citation resolver and the site's scripts
 * all spell ids with it).
 *
 * A document's **key** is its UN symbol ("A/78/265") when it has one, else its **id**, chosen once
 * by the project: author code(s), year, short name, lower-case ASCII joined by hyphens
 * ("cn-2024-ict-position", "ca-ch-2022-international-law", "eu-2023-cyber-posture").
 *
 * Decisions:
 * - The two kinds of key cannot meet: a UN symbol starts with an upper-case letter, an id with a
 *   lower-case one. `slugOf` and `keyOfSlug` are therefore one-to-one and reversible over both.
 * - A symbol's "/" becomes "-" in its slug and its own "-" becomes "--": "A/ES-10/1" ->
 *   "A-ES--10-1", "A-ES/10/1" -> "A--ES-10-1" (the first slug scheme mapped both to "A-ES-10-1", so
 *   importing one overwrote the other). A symbol without a hyphen keeps the slug it always had.
 * - The grammar is strict where the first one was loose: every segment of a symbol is runs of
 *   letters and digits joined by single dots or hyphens, so ".", "..", empty segments and trailing
 *   dots (which some file systems drop) cannot become path segments; a key has a length limit,
 *   so a folder name never exceeds what a file system takes.
 */

/**
 * Longest key accepted, symbol or id: issued symbols are under 40 characters, and a slug, which
 * may double a symbol's hyphens, stays well under the 255 bytes a file name may take.
 */
export const MAX_KEY_LENGTH = 100;

/** Letters and digits, joined by single dots: "Rev.1", "AC.292", "2023". */
const PIECE = "[A-Za-z0-9]+(?:\\.[A-Za-z0-9]+)*";
/** One segment of a symbol: pieces joined by single hyphens ("ES-10", "217A-III"). */
const SEGMENT = `${PIECE}(?:-${PIECE})*`;

/**
 * A UN symbol: two or more segments separated by "/", the first starting with an upper-case
 * letter ("A/78/265", "A/AC.292/2023/2/Rev.1", "A/ES-10/1").
 */
export const SYMBOL_PATTERN = new RegExp(`^(?=[A-Z])${SEGMENT}(?:/${SEGMENT})+$`);

/**
 * A document id: author code(s), a year, a short name, lower-case ASCII and digits joined by
 * single hyphens ("cn-2024-ict-position"). The author part starts with a letter.
 */
export const ID_PATTERN = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*?-(?:1[89]|2\d)\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Either kind of key. */
export const KEY_PATTERN = new RegExp(`${SYMBOL_PATTERN.source}|${ID_PATTERN.source}`);

/** True for a well-formed UN symbol within the length limit. */
export function isUnSymbol(key: string): boolean {
  return key.length <= MAX_KEY_LENGTH && SYMBOL_PATTERN.test(key);
}

/** True for a well-formed document id within the length limit. */
export function isDocId(key: string): boolean {
  return key.length <= MAX_KEY_LENGTH && ID_PATTERN.test(key);
}

/** True for either kind of document key. */
export function isDocKey(key: string): boolean {
  return isUnSymbol(key) || isDocId(key);
}

/**
 * The folder and URL slug of a document key: an id is its own slug; a symbol's "-" becomes "--"
 * and its "/" becomes "-". Total over strings, but reversible (see `keyOfSlug`) only for keys.
 */
export function slugOf(key: string): string {
  if (/^[a-z]/.test(key)) return key;
  return key.replace(/-/g, "--").replace(/\//g, "-");
}

/** The document key a slug stands for, or null when no key has this slug. */
export function keyOfSlug(slug: string): string | null {
  if (/^[a-z]/.test(slug)) return isDocId(slug) ? slug : null;
  const key = slug
    .split("--")
    .map((s) => s.replace(/-/g, "/"))
    .join("-");
  return isUnSymbol(key) && slugOf(key) === slug ? key : null;
}

/**
 * What a string offered as a document key should have been, as a phrase that follows "expected"
 * ("symbol is "X", expected …"), or null when it is one. For messages at the edges (front matter,
 * registry, `acquis import --symbol/--id`).
 */
export function keyProblem(key: string, kind: "symbol" | "id" | "key"): string | null {
  if (kind === "key") {
    if (isDocKey(key)) return null;
    return keyProblem(key, /^[a-z]/.test(key) ? "id" : "symbol");
  }
  if (key.length > MAX_KEY_LENGTH)
    return `${kind === "id" ? "an id" : "a UN symbol"} of at most ${MAX_KEY_LENGTH} characters (this one has ${key.length})`;
  if (kind === "symbol") {
    if (SYMBOL_PATTERN.test(key)) return null;
    if (/(^|\/)\.{1,2}(\/|$)/.test(key)) return 'a UN symbol, whose segments are never "." or ".."';
    if (ID_PATTERN.test(key.toLowerCase()) && !key.includes("/"))
      return `a UN symbol such as "A/78/265"; a document without one is keyed by its id: id: ${key.toLowerCase()}`;
    return 'a UN symbol such as "A/78/265" or "A/RES/76/19": segments of letters and digits (joined by single "." or "-") separated by "/", the first starting with a capital letter';
  }
  if (ID_PATTERN.test(key)) return null;
  if (ID_PATTERN.test(key.toLowerCase())) return `an id in lower case: ${key.toLowerCase()}`;
  if (SYMBOL_PATTERN.test(key)) return `an id; "${key}" is a UN symbol, written symbol: ${key}`;
  return 'an id of author code(s), year and short name in lower-case ASCII joined by hyphens, such as "cn-2024-ict-position"';
}
