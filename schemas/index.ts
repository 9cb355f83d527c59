/**
 * Every data shape of acquis, declared once. Stages import types from here; the build runner
 * validates with these schemas where data enters (front matter, registry, CLI input) and before
 * each output file is written. `npm run schemas` writes the JSON Schema of each for users.
 */
export * from "./adoption.ts";
export * from "./build.ts";
export * from "./citation.ts";
export * from "./common.ts";
export * from "./corpus.ts";
export * from "./lookup.ts";
export * from "./paragraph.ts";
export * from "./resolver.ts";
export * from "./reuse.ts";
export * from "./topics.ts";
export * from "./working-paper.ts";
