/**
 * The corpus as people write it: the front matter of `corpus/<slug>/<lang>.md` and the entries of
 * `corpus/registry.yaml`. Both are validated where they enter (the build runner), nowhere else.
 */
import { z } from "zod";
import { IsoDate, Lang, UnSymbol } from "./common.ts";

/** What kind of text a document is. */
export const DocType = z.enum([
  "report",
  "resolution",
  "decision",
  "working paper",
  "position paper",
  "chair's summary",
  "note",
  "letter",
  "draft resolution",
  "compendium",
  "treaty",
  "other",
]);
export type DocType = z.infer<typeof DocType>;

/** How far the text is agreed: a consensus text outranks a chair's text or a national paper. */
export const DocStatus = z.enum(["consensus", "adopted", "chair", "national", "draft", "other"]);
export type DocStatus = z.infer<typeof DocStatus>;

/** The YAML front matter of a corpus file. Unknown keys are an error: they are usually typos. */
export const FrontMatter = z
  .object({
    symbol: UnSymbol,
    lang: Lang,
    title: z.string().min(1),
    date: IsoDate,
    type: DocType,
    /** The body that produced it, e.g. "OEWG 2021-2025", "GGE 2019-2021", "General Assembly". */
    body: z.string().min(1),
    status: DocStatus,
    /** Where the text came from: a URL, or a description of the original. */
    source: z.string().min(1),
    /** SHA-256 of the original file this text was imported from (set by `acquis import`). */
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional(),
    /** Free-form note on how the text was prepared (conversion, corrections). */
    note: z.string().optional(),
  })
  .strict();
export type FrontMatter = z.infer<typeof FrontMatter>;

/** What the registry knows of a document's structure, for citing it when it is not in the corpus. */
export const KnownStructure = z
  .object({
    /**
     * Where the substantive report sits when the body is only a cover note: "annex I" for A/75/816,
     * whose report is annex I. A citation "A/75/816, para. 56" is resolved there (and marked inferred).
     */
    reportIn: z.array(z.string()).optional(),
    /** The annexes the document has, as English part labels ("annex I", "annex II"). */
    annexes: z.array(z.array(z.string())).optional(),
    /** Highest paragraph number of the main text, when known: a pinpoint beyond it is flagged. */
    lastParagraph: z.number().int().positive().optional(),
  })
  .strict();
export type KnownStructure = z.infer<typeof KnownStructure>;

/** One entry of `corpus/registry.yaml`: every known document, in the corpus or only cited. */
export const RegistryEntry = z
  .object({
    symbol: UnSymbol,
    type: DocType,
    date: IsoDate.optional(),
    body: z.string().optional(),
    status: DocStatus.optional(),
    title: z.object({ zh: z.string().optional(), en: z.string().optional() }).strict(),
    /** Short titles people cite it by, per language (《2021 年政府专家组报告》 -> A/76/135). */
    short: z
      .object({ zh: z.array(z.string()).default([]), en: z.array(z.string()).default([]) })
      .strict()
      .default({ zh: [], en: [] }),
    structure: KnownStructure.optional(),
    /** Documents this one replaces or is replaced by (a Rev.1 replaces the original). */
    note: z.string().optional(),
  })
  .strict();
export type RegistryEntry = z.infer<typeof RegistryEntry>;

/**
 * One entry of the registry's `bodies:` list: a body's names as written out in full. A name is
 * a reference, not agreed language: two paragraphs that name the same working group share
 * nothing a reader would call reuse (see pipeline/reuse/references.ts).
 */
export const BodyEntry = z
  .object({
    /** As documents' `body` spells it: "OEWG 2021-2025". */
    body: z.string().min(1),
    names: z
      .object({ zh: z.array(z.string().min(1)).default([]), en: z.array(z.string().min(1)).default([]) })
      .strict(),
  })
  .strict();
export type BodyEntry = z.infer<typeof BodyEntry>;

export const Registry = z
  .object({
    documents: z.array(RegistryEntry),
    bodies: z.array(BodyEntry).optional(),
  })
  .strict();
export type Registry = z.infer<typeof Registry>;
