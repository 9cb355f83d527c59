/**
 * Citations as eyecite models them: one record per reference, tagged by what it targets, with a
 * span into the citing paragraph's text so the site can underline exactly the words that cite.
 * Exported to `dist/data/citations.jsonl`.
 */
import { z } from "zod";
import { SourcePosition } from "./common.ts";

/**
 * Where in the citing paragraph the reference stands: its text, one of its footnotes, the source
 * note after it, or (`from` then names the part the heading opens, as for a heading's footnotes)
 * the text of a heading ("Follow-up to resolution 75/240"), the span into the heading's text.
 */
export const CitationVia = z.enum(["text", "footnote", "source-note", "heading"]);
export type CitationVia = z.infer<typeof CitationVia>;

/** A paragraph of a UN document (or the whole document when `num` is []). */
export const DocTarget = z.object({
  /** Symbol exactly as resolved: "A/RES/75/240", "A/75/816". */
  doc: z.string(),
  /** English part labels as in paragraphs.jsonl: [] main body, ["annex", "annex A"] ... */
  part: z.array(z.string()),
  /** Language-neutral scope when the pinpoint names a section ("D/next-steps"); null otherwise. */
  scope: z.string().nullable().default(null),
  /** Normalised labels, as in paragraphs.jsonl; [] when the citation names the whole document or part. */
  num: z.array(z.string()),
  /** True when the part was not written but inferred (the report sits in annex I). */
  partInferred: z.boolean().default(false),
  /** Section named in words, kept for display ("国际法部分，建议采取的下一步行动"). */
  section: z.string().nullable().default(null),
  /**
   * Pages cited ("p. 58", "pp. 58-59", "第 58 页"), where the corpus records the document's pages;
   * `num` is then [] and the citation means the paragraphs standing on those pages. Null otherwise.
   */
  page: z
    .object({ first: z.number().int().positive(), last: z.number().int().positive() })
    .nullable()
    .default(null),
});
export type DocTarget = z.infer<typeof DocTarget>;

/** An article of the UN Charter: Article 2 (3) -> {article: "2", para: "3"}. */
export const CharterTarget = z.object({
  doc: z.literal("UN Charter"),
  article: z.string(),
  para: z.string().nullable(),
});
export type CharterTarget = z.infer<typeof CharterTarget>;

export const CitationStatus = z.enum([
  /** The cited paragraph is in the corpus: `resolved` holds its id. */
  "resolved",
  /** The document is known to the registry but not in the corpus. */
  "not-in-corpus",
  /** The document is in the corpus but has no such paragraph (or the pinpoint is past its end). */
  "unknown-paragraph",
  /** Neither the corpus nor the registry knows the symbol. */
  "unknown-document",
  /** Several paragraphs match; `candidates` lists them, none is picked. */
  "ambiguous",
  /** A citation of the UN Charter, which the corpus does not hold (when it does, "resolved"). */
  "external",
]);
export type CitationStatus = z.infer<typeof CitationStatus>;

/** Outcome of checking a quotation against the paragraph it cites. */
export const QuoteCheck = z.object({
  /** The quoted words as written in the citing paragraph. */
  quote: z.string(),
  /** "match": found in the cited text after normalisation; "mismatch": not found. */
  result: z.enum(["match", "mismatch"]),
  /** For a mismatch, the closest passage of the cited paragraph, to show beside the quote. */
  closest: z.string().nullable(),
});
export type QuoteCheck = z.infer<typeof QuoteCheck>;

export const Citation = z.object({
  /** Stable id: "<from>#c<n>". */
  id: z.string(),
  /** Id of the citing paragraph. */
  from: z.string(),
  via: CitationVia,
  /** Footnote mark when via = "footnote". */
  footnote: z.string().nullable().default(null),
  /** The words as written, e.g. "A/75/816，附件一，第 16 段". */
  raw: z.string(),
  /** [start, end) offsets (UTF-16) of `raw` in the paragraph text, or in the footnote text. */
  span: z.tuple([z.number().int(), z.number().int()]),
  target: z.union([DocTarget, CharterTarget]),
  /** Id of the cited paragraph, or null. */
  resolved: z.string().nullable(),
  status: CitationStatus,
  /** For ambiguous citations: the ids it could mean. */
  candidates: z.array(z.string()).default([]),
  /** Link to the document on the UN Official Document System when it is not in the corpus. */
  url: z.string().nullable().default(null),
  quote: QuoteCheck.nullable().default(null),
  source: SourcePosition,
});
export type Citation = z.infer<typeof Citation>;

/** `cited-by.json`: citation ids by cited paragraph id and by cited document symbol. */
export const CitedByFile = z.object({
  schemaVersion: z.number().int(),
  /** Paragraph (or part) id -> ids of the citations that resolve to it. */
  paragraphs: z.record(z.string(), z.array(z.string())),
  /** Document symbol ("A/75/816", "UN Charter") -> ids of the citations that target it. */
  documents: z.record(z.string(), z.array(z.string())),
});
export type CitedByFile = z.infer<typeof CitedByFile>;

/** `citations-summary.json`: what the site shows about citations as a whole. */
export const CitationSummaryFile = z.object({
  schemaVersion: z.number().int(),
  total: z.number().int(),
  byStatus: z.record(z.string(), z.number().int()),
  byVia: z.record(z.string(), z.number().int()),
  /** Every cited document, by symbol: how often, whether the corpus holds it, its ODS link. */
  documents: z.array(
    z.object({
      symbol: z.string(),
      citations: z.number().int(),
      inCorpus: z.boolean(),
      known: z.boolean(),
      url: z.string().nullable(),
    }),
  ),
});
export type CitationSummaryFile = z.infer<typeof CitationSummaryFile>;
