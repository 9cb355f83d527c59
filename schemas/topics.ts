/**
 * Topics: the reviewed vocabulary a curator keeps in `corpus/topics.yaml` (what people write),
 * and `dist/data/topics.json` (what the topics stage writes: each paragraph's tags, each with
 * why it was given).
 *
 * Decisions:
 * - A topic is matched by its terms in the paragraph's words and in its heading path, in each
 *   language separately. Phrases listed under `not` are false friends: their characters are set
 *   aside before the terms are looked for, so 主权平等 (sovereign equality) does not make a
 *   paragraph about 主权 (sovereignty), nor 自主权 (national ownership).
 * - A curator's word is per paragraph (`overrides`: add or remove a topic), never an edit of the
 *   text; each override says why, and the tag it adds says it came from a curator.
 * - A tag is a reading aid drawn from words, not a legal classification: `why` lists every
 *   reason, so a reader can judge it.
 */
import { z } from "zod";

/** A topic's key: lower-case ASCII words joined by hyphens ("due-diligence"). */
export const TopicId = z
  .string()
  .regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, "lower-case words joined by hyphens");
export type TopicId = z.infer<typeof TopicId>;

/** Terms in each language; at least one language must have one. */
const Terms = z.strictObject({
  zh: z.array(z.string().min(1)).default([]),
  en: z.array(z.string().min(1)).default([]),
});

/** One topic of the vocabulary, as the curator writes it. */
export const Topic = z.strictObject({
  /** Permanent key, used in URLs (/topics/<id>/) and by `acquis topic <id>`. */
  id: TopicId,
  /** What the topic is called, in both languages. */
  name: z.strictObject({ zh: z.string().min(1), en: z.string().min(1) }),
  /** A sentence saying what the topic covers and where its edges are. */
  scope: z.string().min(1),
  /**
   * Words that make a paragraph about the topic, matched after folding (width, case,
   * traditional/simplified). English terms match whole words; a term ending in `*` matches any
   * ending ("countermeasure*"); a hyphen matches a hyphen or a space.
   */
  terms: Terms,
  /** False friends: phrases that hold a term but are not the topic ("主权平等"). */
  not: Terms.default({ zh: [], en: [] }),
});
export type Topic = z.infer<typeof Topic>;

/** A curator's decision about one paragraph. */
export const TopicOverride = z
  .strictObject({
    /** The paragraph's id, as in paragraphs.jsonl ("A-78-265/zh/annex/30.a"). */
    paragraph: z.string().min(1),
    /** Topics to give the paragraph although its words do not say so. */
    add: z.array(TopicId).default([]),
    /** Topics to take away although its words matched. */
    remove: z.array(TopicId).default([]),
    /** Why: shown with the tag. */
    why: z.string().min(1),
  })
  .refine((o) => o.add.length + o.remove.length > 0, { message: "an override must add or remove a topic" });
export type TopicOverride = z.infer<typeof TopicOverride>;

/** `corpus/topics.yaml`. */
export const TopicsFile = z.strictObject({
  topics: z.array(Topic).min(1),
  overrides: z.array(TopicOverride).default([]),
});
export type TopicsFileInput = z.input<typeof TopicsFile>;

/** Why a paragraph carries a topic: one matched term, heading or curator's note. */
export const TagReason = z.discriminatedUnion("from", [
  z.object({
    from: z.literal("words"),
    /** The vocabulary's term that matched. */
    term: z.string(),
    /** Where in the paragraph's text: [start, end) in UTF-16 code units. */
    span: z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]),
  }),
  z.object({
    from: z.literal("heading"),
    term: z.string(),
    /** The heading of the paragraph's heading path that matched, as printed. */
    heading: z.string(),
  }),
  z.object({
    from: z.literal("curator"),
    /** The curator's reason, from corpus/topics.yaml. */
    note: z.string(),
  }),
]);
export type TagReason = z.infer<typeof TagReason>;

/** One topic of one paragraph. */
export const Tag = z.object({
  topic: TopicId,
  /** Every reason, words first, then headings, then the curator's. */
  why: z.array(TagReason).min(1),
});
export type Tag = z.infer<typeof Tag>;

/** A paragraph's tags. */
export const TaggedParagraph = z.object({
  /** Paragraph id, as in paragraphs.jsonl. */
  paragraph: z.string(),
  tags: z.array(Tag).min(1),
});
export type TaggedParagraph = z.infer<typeof TaggedParagraph>;

/** A topic a curator removed from a paragraph whose words matched it. */
export const RemovedTag = z.object({
  paragraph: z.string(),
  topic: TopicId,
  /** What had matched, kept so the decision can be reviewed. */
  matched: z.array(TagReason),
  note: z.string(),
});
export type RemovedTag = z.infer<typeof RemovedTag>;

/** `dist/data/topics.json`. */
export const TopicsDataFile = z.object({
  schemaVersion: z.number().int(),
  /** The vocabulary as read (false friends included), in its file's order. */
  topics: z.array(
    z.object({
      id: TopicId,
      name: z.object({ zh: z.string(), en: z.string() }),
      scope: z.string(),
      terms: z.object({ zh: z.array(z.string()), en: z.array(z.string()) }),
      not: z.object({ zh: z.array(z.string()), en: z.array(z.string()) }),
      /** How many paragraphs carry it. */
      paragraphs: z.number().int().nonnegative(),
    }),
  ),
  /** Tagged paragraphs in paragraphs.jsonl's order (untagged ones are left out). */
  paragraphs: z.array(TaggedParagraph),
  /** Tags a curator removed. */
  removed: z.array(RemovedTag),
});
export type TopicsDataFile = z.infer<typeof TopicsDataFile>;
