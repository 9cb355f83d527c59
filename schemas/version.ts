/**
 * Version of the on-disk data contract (`dist/data/*`). Bump it when a field changes meaning or
 * disappears; adding an optional field does not need a bump.
 *
 * 2: `aligned.json` holds the rows of a paragraph-level alignment (`rows`, with confidence and
 *    status) instead of pairs of equal addresses (`pairs`).
 *
 * In a module of its own, without zod, so that a command that only reads the data (`acquis
 * cite`) can check the version without loading the schemas (zod is a third of its start-up).
 */
export const SCHEMA_VERSION = 2 as const;
