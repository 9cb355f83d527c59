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
import { Paragraph } from "./paragraph.ts";

/** A registry entry as the resolver needs it; `short` and `structure` left out when empty. */
export const ResolverRegistryEntry = z
  .object({
    symbol: z.string(),
    short: z
      .object({ zh: z.array(z.string()), en: z.array(z.string()) })
      .strict()
      .optional(),
    structure: KnownStructure.optional(),
  })
  .strict();
export type ResolverRegistryEntry = z.infer<typeof ResolverRegistryEntry>;

/** `/resolve/index.json`: the registry and the documents the corpus holds. */
export const ResolverIndexFile = z
  .object({
    format: z.number().int(),
    registry: z.array(ResolverRegistryEntry),
    /** One entry per symbol in the corpus; its paragraphs are in `/resolve/<slug>.json`. */
    documents: z.array(z.object({ symbol: z.string(), slug: z.string(), langs: z.array(Lang) }).strict()),
  })
  .strict();
export type ResolverIndexFile = z.infer<typeof ResolverIndexFile>;

/**
 * One paragraph's place: [address, part (index into `paraParts`), scope, num, kind, parent (row
 * of the enclosing paragraph in the same version, -1 for none), headings (index into
 * `headings`)]. Rows stand in reading order.
 */
export const ResolverRow = z.tuple([
  z.string(),
  z.number().int().nonnegative(),
  z.string().nullable(),
  z.array(z.string()),
  Paragraph.shape.kind,
  z.number().int().min(-1),
  z.number().int().nonnegative(),
]);
export type ResolverRow = z.infer<typeof ResolverRow>;

/** One language version of a document. */
export const ResolverVersion = z
  .object({
    lang: Lang,
    /** The document's parts in reading order (documents.json `parts`). */
    parts: z.array(z.array(z.string())),
    /** The distinct `part` paths of its paragraphs. */
    paraParts: z.array(z.array(z.string())),
    /** The distinct heading paths of its paragraphs. */
    headings: z.array(z.array(z.string())),
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
