/**
 * Version of the on-disk data contract (`dist/data/*`). Bump it when a field changes meaning or
 * disappears; adding an optional field does not need a bump.
 *
 * 2: `aligned.json` holds the rows of a paragraph-level alignment (`rows`, with confidence and
 *    status) instead of pairs of equal addresses (`pairs`).
 * 3: a document's `symbol` and a paragraph's `doc` hold the document's key, which is its id when it
 *    has no UN symbol ("cn-2024-ict-position"); a paragraph's `scope` also names the numbered
 *    section an unnumbered paragraph, a list under a heading, or a numbering restarted per section
 *    is counted in (`@2.2/u1`); a symbol with a hyphen has a new slug ("A/ES-10/1" -> "A-ES--10-1").
 * 4: a partial reuse link's `diff` covers both whole paragraphs (the earlier one's wording
 *    outside the shared region is removed wording), where 2 gave the earlier one's region only.
 *
 * In a module of its own, without zod, so that a command that only reads the data (`acquis
 * cite`) can check the version without loading the schemas (zod is a third of its start-up).
 */
export const SCHEMA_VERSION = 4 as const;
