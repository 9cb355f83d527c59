/**
 * A citation a person typed or pasted, looked up: what `acquis cite --json` prints and what the
 * site's resolver draws (both run core/cite/query.ts). Every character of the query is either
 * read (`read`: the words of the citations found) or, unless it is noise the grammar may ignore
 * (spaces, punctuation, "see", "cf.", listed in core/cite/GRAMMAR.md), reported in `unread`; a
 * lookup with anything unread is never a silent answer.
 */
import { z } from "zod";
import { CharterTarget, CitationStatus, DocTarget } from "./citation.ts";
import { Paragraph } from "./paragraph.ts";

/** A stretch of the query: its words and their [start, end) offsets (UTF-16) in the query. */
export const TextSpan = z.object({
  text: z.string(),
  span: z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]),
});
export type TextSpan = z.infer<typeof TextSpan>;

/** What resolution reads of a paragraph: where it stands, never its text (the site's resolver files). */
export const CiteParagraph = Paragraph.pick({
  id: true,
  doc: true,
  lang: true,
  address: true,
  part: true,
  scope: true,
  num: true,
  parent: true,
  kind: true,
  headings: true,
  pages: true,
});
export type CiteParagraph = z.infer<typeof CiteParagraph>;

/** The lookup's shape for a given paragraph shape (the CLI prints whole paragraphs, the site places only). */
export function lookupSchema<P extends z.ZodType>(paragraph: P) {
  const result = z.object({
    target: z.union([DocTarget, CharterTarget]),
    status: CitationStatus,
    /** The words of the query this target was read from (a list or a range gives several targets). */
    span: TextSpan.shape.span,
    /** The cited paragraph when found. */
    paragraph: paragraph.nullable(),
    /** Id of the paragraph, or of a whole document ("A-78-265/zh") or part ("A-78-265/zh/annex/annex-b"). */
    resolved: z.string().nullable(),
    /** What could not be found, in a sentence naming the part searched and what it holds; null when found. */
    message: z.string().nullable(),
    /** The document on the UN Official Document System, when it is not in the corpus. */
    url: z.string().nullable(),
    /** Ids (or symbols) an ambiguous citation could mean; none is picked. */
    candidates: z.array(z.string()),
    /**
     * Labels of the paragraphs near a missing one in the part searched ("58", "59", "60"); for a
     * whole document or part, the addresses of the first paragraphs it holds.
     */
    nearby: z.array(z.string()),
    /**
     * What a whole document, part, section or page holds, as people cite it: the number of
     * paragraphs and their ranges part by part ("75 paragraphs: annex, paras. 1-60; …"), in both
     * languages; null for a paragraph or a target not found.
     */
    holds: z.object({ count: z.number().int().nonnegative(), en: z.string(), zh: z.string() }).nullable(),
    /**
     * The HTML fragment the document page opens at: a whole part's or section's heading, a page's
     * first paragraph; null for a paragraph, a whole document or a target not found.
     */
    anchor: z.string().nullable(),
    /**
     * Where the site shows the target, from the site's root: "/p/A-78-265/annex/23.f.ii/" for a
     * paragraph, "/doc/A-78-265/zh/#annex-h1" for a part; null when not found.
     */
    site: z.string().nullable(),
  });
  return z.discriminatedUnion("kind", [
    z.object({
      /** Nothing in the query names a document or the Charter. */
      kind: z.literal("unparsed"),
      query: z.string(),
      message: z.string(),
      read: z.array(TextSpan),
      unread: z.array(TextSpan),
    }),
    z.object({
      kind: z.literal("parsed"),
      query: z.string(),
      /** The citations read, in the order written. */
      read: z.array(TextSpan),
      /** What was not read and is not noise: said to the person, and `acquis cite` exits 1. */
      unread: z.array(TextSpan),
      results: z.array(result),
    }),
  ]);
}

/** `acquis cite --json`: the lookup with whole paragraphs. */
export const CiteLookup = lookupSchema(Paragraph);
export type CiteLookup = z.infer<typeof CiteLookup>;
