/**
 * The corpus as people write it: the front matter of `corpus/<slug>/<lang>.md` and the entries of
 * `corpus/registry.yaml`. Both are validated where they enter (the build runner), nowhere else.
 */
import { z } from "zod";
import { DocId, DocKey, IsoDate, Lang } from "./common.ts";

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

/**
 * Who wrote a national paper: a State's ISO 3166-1 alpha-2 code ("CN") or a group's code from the
 * table in pipeline/parse/authors.ts ("EU", "AU", "ASEAN", "NAM"). Upper case, as ISO writes them.
 */
export const AuthorCode = z.string().regex(/^[A-Z][A-Z0-9]{1,11}(?:-[A-Z0-9]{1,12}){0,3}$/, {
  message:
    'an author code: a State\'s ISO 3166-1 alpha-2 code in capitals ("CN", "DE") or a group\'s code ("EU")',
});
export type AuthorCode = z.infer<typeof AuthorCode>;

/** Statuses and types that make a document a national paper, whose authors must be named. */
export const NATIONAL_STATUSES: readonly DocStatus[] = ["national"];
export const NATIONAL_TYPES: readonly DocType[] = ["position paper"];

/** A national paper: its status or type says so. */
export function isNationalPaper(meta: { status?: DocStatus; type: DocType }): boolean {
  return (
    (meta.status !== undefined && NATIONAL_STATUSES.includes(meta.status)) ||
    NATIONAL_TYPES.includes(meta.type)
  );
}

/**
 * Exactly one key: `symbol` for a document with a UN symbol, `id` for one without. Both are read
 * the same way afterwards (see `keyed`).
 */
function oneKey(m: { symbol?: string; id?: string }, ctx: z.RefinementCtx): void {
  if (m.symbol !== undefined && m.id !== undefined)
    ctx.addIssue({
      code: "custom",
      path: ["id"],
      message: "one key only: symbol (a UN symbol) or id (a document without one), not both",
    });
  if (m.symbol === undefined && m.id === undefined)
    ctx.addIssue({
      code: "custom",
      path: ["symbol"],
      message:
        'no key: give symbol (a UN symbol such as "A/78/265") or, for a document without one, id (such as "cn-2024-ict-position")',
    });
}

/**
 * After validation a document is known by one key, in `symbol`: its UN symbol, or its id. Every
 * stage, the data files and the site read the key from there (schemaVersion 2).
 */
function keyed<T extends { symbol?: string; id?: string }>({
  id,
  ...rest
}: T): Omit<T, "id" | "symbol"> & {
  symbol: string;
} {
  return { ...rest, symbol: rest.symbol ?? id ?? "" } as Omit<T, "id" | "symbol"> & { symbol: string };
}

/**
 * The YAML front matter of a corpus file. Unknown keys are an error: they are usually typos. A
 * document with a UN symbol gives `symbol`; one without gives `id` (author code(s), year, short
 * name: "cn-2024-ict-position"). `symbol` also takes an id, so a validated front matter (whose
 * `symbol` holds the key) validates again as it is.
 */
export const FrontMatter = z
  .object({
    /** The UN symbol ("A/78/265"); after validation, the document's key (its id when it has none). */
    symbol: DocKey.optional(),
    /** The id of a document without a UN symbol ("cn-2024-ict-position"). */
    id: DocId.optional(),
    lang: Lang,
    title: z.string().min(1),
    date: IsoDate,
    type: DocType,
    /** The body that produced it, e.g. "OEWG 2021-2025", "GGE 2019-2021", "General Assembly", or the government. */
    body: z.string().min(1),
    status: DocStatus,
    /**
     * Who wrote it: ISO 3166-1 alpha-2 codes (several for a joint paper) or a group's code. Required
     * for a national paper (status national, or type position paper); optional otherwise.
     */
    authors: z.array(AuthorCode).min(1).optional(),
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
  .strict()
  .superRefine((m, ctx) => {
    oneKey(m, ctx);
    if (!m.authors && isNationalPaper(m))
      ctx.addIssue({
        code: "custom",
        path: ["authors"],
        message: `a national paper (${m.status === "national" ? "status national" : `type ${m.type}`}) names its authors: add authors: [CN], or authors: [CA, CH] for a joint paper`,
      });
  })
  .transform(keyed);
export type FrontMatter = z.infer<typeof FrontMatter>;
/** A front matter as written, before validation. */
export type FrontMatterInput = z.input<typeof FrontMatter>;

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

/**
 * One entry of `corpus/registry.yaml`: every known document, in the corpus or only cited. Keyed
 * like the front matter: `symbol`, or `id` for a document without a UN symbol (a national paper
 * cited by its title); after validation the key is in `symbol`.
 */
export const RegistryEntry = z
  .object({
    symbol: DocKey.optional(),
    id: DocId.optional(),
    type: DocType,
    date: IsoDate.optional(),
    body: z.string().optional(),
    status: DocStatus.optional(),
    /** Who wrote it (a national paper): ISO 3166-1 alpha-2 codes or a group's code. */
    authors: z.array(AuthorCode).min(1).optional(),
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
  .strict()
  .superRefine(oneKey)
  .transform(keyed);
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
