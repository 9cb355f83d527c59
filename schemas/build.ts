/**
 * What the build says about itself: `dist/data/manifest.json` (every file written, with its
 * contract version, size and hash) and `dist/data/diagnostics.json` (the build report).
 */
import { z } from "zod";
import { Diagnostic } from "./common.ts";

/** `manifest.json`: every file written (not itself), with its record count, size and hash. */
export const Manifest = z.object({
  schemaVersion: z.number().int(),
  files: z.array(
    z.object({
      /** Path inside the output folder. */
      path: z.string(),
      /** The contract version the file follows; null for a file that carries none. */
      schemaVersion: z.number().int().nullable(),
      /** JSONL lines or list entries; null when the file is not a list of records. */
      records: z.number().int().nonnegative().nullable(),
      bytes: z.number().int().nonnegative(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
    }),
  ),
});
export type Manifest = z.infer<typeof Manifest>;

/** Counts of a run. */
export const Summary = z.object({
  /** Documents found in the corpus (files named <lang>.md in a symbol folder). */
  documents: z.number().int().nonnegative(),
  /** Documents exported (those without an error). */
  built: z.number().int().nonnegative(),
  paragraphs: z.number().int().nonnegative(),
  errors: z.number().int().nonnegative(),
  warnings: z.number().int().nonnegative(),
  infos: z.number().int().nonnegative(),
  /** Diagnostics per code, codes sorted. */
  byCode: z.record(z.string(), z.number().int().positive()),
});
export type Summary = z.infer<typeof Summary>;

/** `dist/data/diagnostics.json`: the build report. */
export const BuildReport = z.object({
  schemaVersion: z.number().int(),
  summary: Summary,
  diagnostics: z.array(Diagnostic),
});
export type BuildReport = z.infer<typeof BuildReport>;
