/**
 * The files the site's citation resolver fetches (`/resolve/index.json`, `/resolve/<slug>.json`),
 * written at build time from dist/data and the registry. They carry what resolution reads and no
 * text: the registry's short titles and known structure, and per document the parts and every
 * paragraph's place (address, part, scope, number, kind, parent, headings).
 *
 * The browser reads them with core/cite/resolver-files.ts and resolves with the same code as
 * `acquis cite` (core/cite), so a pasted citation gets the same answer on the site and in the
 * terminal. `format` is the files' own version: the browser refuses another one.
 */
import { z } from "zod";
import { Lang } from "./common.ts";
import { KnownStructure } from "./corpus.ts";
import { Paragraph, Section } from "./paragraph.ts";

/**
 * A registry entry as the resolver needs it; `short` and `structure` left out when empty; `title`
 * only for a national paper (an entry keyed by an id), which is cited by its title.
 */
export const ResolverRegistryEntry = z
  .object({
    symbol: z.string(),
    short: z
      .object({ zh: z.array(z.string()), en: z.array(z.string()) })
      .strict()
      .optional(),
    structure: KnownStructure.optional(),
    title: z.object({ zh: z.string().optional(), en: z.string().optional() }).strict().optional(),
  })
  .strict();
export type ResolverRegistryEntry = z.infer<typeof ResolverRegistryEntry>;

/** `/resolve/index.json`: the registry and the documents the corpus holds. */
export const ResolverIndexFile = z
  .object({
    format: z.number().int(),
    registry: z.array(ResolverRegistryEntry),
    /**
     * The States the corpus knows (authors, compendium sections) and their names: what the grammar
     * reads as a State's section ("A/76/136, Germany, para. 5").
     */
    states: z.array(
      z.object({ code: z.string(), zh: z.array(z.string()), en: z.array(z.string()) }).strict(),
    ),
    /** One entry per symbol in the corpus; its paragraphs are in `/resolve/<slug>.json`. */
    documents: z.array(z.object({ symbol: z.string(), slug: z.string(), langs: z.array(Lang) }).strict()),
  })
  .strict();
export type ResolverIndexFile = z.infer<typeof ResolverIndexFile>;

/**
 * One paragraph's place: [address, part (index into `paraParts`), scope, num, kind, parent (row
 * of the enclosing paragraph in the same version, -1 for none), headings (index into
 * `headings`), pages ([first, last], or null where the corpus records none)]. Rows stand in
 * reading order.
 */
export const ResolverRow = z.tuple([
  z.string(),
  z.number().int().nonnegative(),
  z.string().nullable(),
  z.array(z.string()),
  Paragraph.shape.kind,
  z.number().int().min(-1),
  z.number().int().nonnegative(),
  z.tuple([z.number().int().positive(), z.number().int().positive()]).nullable(),
]);
export type ResolverRow = z.infer<typeof ResolverRow>;

/** One language version of a document. */
export const ResolverVersion = z
  .object({
    lang: Lang,
    /** The document's parts in reading order (documents.json `parts`). */
    parts: z.array(z.array(z.string())),
    /** The anchor of each part's title (its heading on the document page), null where it has none; as `parts`. */
    partAnchors: z.array(z.string().nullable()),
    /** The distinct `part` paths of its paragraphs. */
    paraParts: z.array(z.array(z.string())),
    /** The distinct heading paths of its paragraphs. */
    headings: z.array(z.array(z.string())),
    /** Its numbered and States' sections (documents.json `sections`). */
    sections: z.array(Section),
    rows: z.array(ResolverRow),
  })
  .strict();
export type ResolverVersion = z.infer<typeof ResolverVersion>;

/** `/resolve/<slug>.json`: one document, every language version the corpus holds. */
export const ResolverDocumentFile = z
  .object({
    format: z.number().int(),
    symbol: z.string(),
    slug: z.string(),
    versions: z.array(ResolverVersion),
  })
  .strict();
export type ResolverDocumentFile = z.infer<typeof ResolverDocumentFile>;
