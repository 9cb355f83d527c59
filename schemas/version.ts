/**
 * Version of the on-disk data contract (`dist/data/*`). Bump it when a field changes meaning or
 * disappears; adding an optional field does not need a bump.
 *
 * In a module of its own, without zod, so that a command that only reads the data (`acquis
 * cite`) can check the version without loading the schemas (zod is a third of its start-up).
 */
export const SCHEMA_VERSION = 1 as const;
