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
  /** True when the shared wording is a formula that recurs across many paragraphs. */
  formula: z.boolean().default(false),
  /** Changes from `from` to `to` over the aligned region (by character for zh, by word for en). */
  diff: z.array(DiffOp),
  /** Set when this link was found in the other language's version and carried over. */
  via: z.enum(["direct", "aligned"]).default("direct"),
});
export type Reuse = z.infer<typeof Reuse>;
