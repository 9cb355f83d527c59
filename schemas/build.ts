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

/**
 * What `acquis build --json` says of the publication, beside the report: what `dist` shows now
 * and why, the same facts the build prints for people (a script reads them here, not from text).
 */
export const Publication = z.object({
  /** True when this build's generation is what `dist` shows now. */
  published: z.boolean(),
  /** The generation published; null when nothing was. */
  generation: z.string().nullable(),
  /** The generation it replaced (kept until the next build); null when none. */
  previous: z.string().nullable(),
  /** What `dist` showed before this build, and still shows when nothing was published. */
  before: z.string().nullable(),
  /** Why nothing was published; null when the build was. */
  refused: z.string().nullable(),
  /** The site step; null when it did not run (--no-site). `log`: Astro's whole output. */
  site: z
    .object({
      ok: z.boolean(),
      pages: z.number().int().nonnegative(),
      error: z.string().nullable(),
      log: z.string(),
    })
    .nullable(),
  /** A data-only build took down the site `dist` showed before (until a build with the site). */
  siteRemoved: z.boolean(),
  /** Leftovers of killed builds left for a later build, one line each. */
  notes: z.array(z.string()),
});
export type Publication = z.infer<typeof Publication>;
