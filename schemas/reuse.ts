/**
 * Reuse of agreed language: one record per (earlier, later) paragraph pair that shares wording.
 * Exported to `dist/data/reuse.jsonl`.
 */
import { z } from "zod";

export const ReuseKind = z.enum(["verbatim", "near", "partial"]);
export type ReuseKind = z.infer<typeof ReuseKind>;

/** A passage shared by the two paragraphs: [start, end) offsets into each paragraph's `text`. */
export const SharedSpan = z.object({
  from: z.tuple([z.number().int(), z.number().int()]),
  to: z.tuple([z.number().int(), z.number().int()]),
});
export type SharedSpan = z.infer<typeof SharedSpan>;

/** One step of a diff from the earlier text to the later: kept, added or removed words. */
export const DiffOp = z.object({
  op: z.enum(["equal", "insert", "delete"]),
  text: z.string(),
});
export type DiffOp = z.infer<typeof DiffOp>;

export const Reuse = z.object({
  /** Earlier paragraph id (earlier document by date; inside one document, earlier paragraph). */
  from: z.string(),
  /** Later paragraph id. */
  to: z.string(),
  kind: ReuseKind,
  /** 0..1: share of the shorter text covered by aligned passages, edits discounted. */
  score: z.number(),
  spans: z.array(SharedSpan),
  /** Characters (zh) or words (en) of the longest shared passage. */
  length: z.number().int(),
  /**
   * True when the shared wording includes a formula (wording that recurs across many paragraphs,
   * counted for less); the link stands on its other wording (pipeline/reuse/detect.ts).
   */
  formula: z.boolean().default(false),
  /**
   * Changes from `from` to `to` (by character for zh, by word for en): `equal` and `insert` give
   * the later text, `equal` and `delete` the earlier, whole, for every kind of link (a partial
   * link's wording outside its shared region is removed and added wording).
   */
  diff: z.array(DiffOp),
  /** Set when this link was found in the other language's version and carried over. */
  via: z.enum(["direct", "aligned"]).default("direct"),
});
export type Reuse = z.infer<typeof Reuse>;

/** `lineage.json`: families of paragraphs linked by reuse, each a timeline the site can draw. */
export const LineageFile = z.object({
  schemaVersion: z.number().int(),
  families: z.array(
    z.object({
      /** Index of the family in `families`. */
      id: z.number().int(),
      lang: z.enum(["zh", "en"]),
      /** Members in reading order (date, symbol, position): the timeline. */
      members: z.array(
        z.object({
          id: z.string(),
          doc: z.string(),
          /** The document's date (ISO). */
          date: z.string(),
          /** 0 = reuses nothing in this family; else 1 + the deepest generation among its sources. */
          generation: z.number().int(),
        }),
      ),
      /** The exported reuse links inside the family (one best source per passage). */
      links: z.array(
        z.object({
          from: z.string(),
          to: z.string(),
          kind: ReuseKind,
          score: z.number(),
          via: z.enum(["direct", "aligned"]),
        }),
      ),
      /** Other earlier paragraphs that carry a passage a better source already gives ("also in"). */
      alsoIn: z.array(z.object({ from: z.string(), to: z.string(), score: z.number() })),
    }),
  ),
  /** Paragraph id -> index of its family. */
  paragraphs: z.record(z.string(), z.number().int()),
});
export type LineageFile = z.infer<typeof LineageFile>;

/** What a zh/en pair rests on (pipeline/reuse/bitext.ts). */
export const AlignEvidence = z.enum([
  /** The same numbered address in both versions ("annex/23.f"), the strongest evidence. */
  "address",
  /** The same heading labels above ("Article 12" / "第十二条"). */
  "heading",
  /** Numbers, symbols, dates, quotations or opening words found in both. */
  "anchors",
  /** The same number of footnotes. */
  "footnotes",
  /** Lengths in the document's usual ratio. */
  "length",
]);
export type AlignEvidence = z.infer<typeof AlignEvidence>;

/**
 * One row of a document's side-by-side alignment: the paragraphs of each version that say the
 * same thing. One paragraph may match two in the other language; a row with one side empty is a
 * paragraph with no counterpart.
 */
export const AlignedRow = z.object({
  /** The document symbol. */
  doc: z.string(),
  /** Ids of the Chinese paragraphs in this row (none, one or two), in reading order. */
  zh: z.array(z.string()).max(2),
  /** Ids of the English paragraphs in this row. */
  en: z.array(z.string()).max(2),
  /**
   * "pair": the paragraphs correspond; "doubtful": shown side by side but not claimed as a pair
   * (confidence below `doubtfulBelow`); "gap": a paragraph with no counterpart.
   */
  status: z.enum(["pair", "doubtful", "gap"]),
  /** 0..1, the row's probability under the aligner's model (for a gap: that there is no counterpart). */
  confidence: z.number().min(0).max(1),
  evidence: z.array(AlignEvidence),
});
export type AlignedRow = z.infer<typeof AlignedRow>;

/**
 * `aligned.json`: the zh and en versions of every document held in both languages, aligned
 * paragraph by paragraph (documents in symbol order, rows in reading order). Schema version 2:
 * rows replace the address pairs of version 1, which paired equal addresses only.
 */
export const AlignedFile = z.object({
  schemaVersion: z.number().int(),
  /** Confidence below which a row of two sides is doubtful. */
  doubtfulBelow: z.number(),
  rows: z.array(AlignedRow),
});
export type AlignedFile = z.infer<typeof AlignedFile>;

/** `formulas.json`: the recurring wording that counted for less (see core/wording/formula.ts). */
export const FormulasFile = z.object({
  schemaVersion: z.number().int(),
  /** Document frequency at which a window counts as a formula in this corpus. */
  threshold: z.number().int(),
  formulas: z.array(
    z.object({
      /** The passage as first written (the earliest paragraph carrying it). */
      text: z.string(),
      /** Paragraphs that carry its wording. */
      paragraphs: z.number().int(),
      /** Up to three paragraphs carrying exactly this passage, earliest first. */
      examples: z.array(z.string()),
    }),
  ),
});
export type FormulasFile = z.infer<typeof FormulasFile>;

/** `reuse-summary.json`: counts for the site and the benchmark's corpus report. */
export const ReuseSummaryFile = z.object({
  schemaVersion: z.number().int(),
  links: z.number().int(),
  byKind: z.record(z.string(), z.number().int()),
  byVia: z.record(z.string(), z.number().int()),
  /** Links whose shared wording includes a formula. */
  withFormula: z.number().int(),
  /** Sources not exported because a better one carries the same passage. */
  alsoIn: z.number().int(),
  /** Paragraphs compared (long enough, not a source note or list entry). */
  compared: z.number().int(),
  /** Candidate pairs proposed by the shingle index, and how many aligned into a link. */
  candidates: z.number().int(),
  aligned: z.number().int(),
  formulaThreshold: z.number().int(),
});
export type ReuseSummaryFile = z.infer<typeof ReuseSummaryFile>;
