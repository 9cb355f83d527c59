/**
 * A State's wording and the agreed texts: the reuse links between a State's paragraph (a national
 * or joint paper, a working paper, its section of a compendium) and a paragraph of an agreed text
 * (status consensus or adopted), read by date. Exported to `dist/data/adoption.json`.
 *
 * Shared wording is evidence of textual origin, not of influence: a link says that both texts
 * carry these words and which carried them first, never that one caused the other.
 */
import { z } from "zod";
import { AuthorCode } from "./corpus.ts";
import { ReuseKind } from "./reuse.ts";

/**
 * "proposed": the State's paper is earlier and the agreed text later carries its wording
 * ("proposed before it was agreed"). "quotes": the agreed text is earlier and the paper carries
 * its wording ("quotes agreed language"). "same-date": both are dated the same day, so the date
 * cannot tell which came first.
 */
export const AdoptionDirection = z.enum(["proposed", "quotes", "same-date"]);
export type AdoptionDirection = z.infer<typeof AdoptionDirection>;

/** Why a paragraph counts as a State's: which of its papers holds it. */
export const AdoptionCredit = z.enum([
  /** A document that names the State among its `authors` (a joint paper credits each). */
  "author",
  /** The State's section of a compendium. */
  "section",
  /** A document that a list of working papers (working-papers.json) says the State submitted. */
  "working paper",
]);
export type AdoptionCredit = z.infer<typeof AdoptionCredit>;

/** One passage both ends carry: [start, end) offsets into each paragraph's `text`, and its words. */
export const AdoptionPassage = z.object({
  paper: z.tuple([z.number().int(), z.number().int()]),
  agreed: z.tuple([z.number().int(), z.number().int()]),
  /** The shared words as the State's paragraph prints them. */
  text: z.string(),
});
export type AdoptionPassage = z.infer<typeof AdoptionPassage>;

export const AdoptionLink = z.object({
  direction: AdoptionDirection,
  /** The State's paragraph (id in paragraphs.jsonl). */
  paper: z.string(),
  /** The agreed text's paragraph. */
  agreed: z.string(),
  /** The States or groups credited with the paper's paragraph, in code order. */
  states: z.array(AuthorCode).min(1),
  credit: AdoptionCredit,
  /** The documents' dates (ISO). */
  paperDate: z.string(),
  agreedDate: z.string(),
  /** The reuse link it reads (reuse.jsonl): its kind, score and whether it was carried from the other language. */
  kind: ReuseKind,
  score: z.number(),
  via: z.enum(["direct", "aligned"]),
  /** True when the shared wording includes a formula (the link stands on its other wording). */
  formula: z.boolean(),
  passages: z.array(AdoptionPassage),
});
export type AdoptionLink = z.infer<typeof AdoptionLink>;

/** Counts for one State: links per year of the later text, by direction. */
export const AdoptionCounts = z.object({
  /** Paragraphs credited to the State in the corpus. */
  paragraphs: z.number().int(),
  /** year -> links whose agreed text (the later end) is of that year. */
  proposed: z.record(z.string(), z.number().int()),
  /** year -> links whose paper (the later end) is of that year. */
  quotes: z.record(z.string(), z.number().int()),
  sameDate: z.record(z.string(), z.number().int()),
});
export type AdoptionCounts = z.infer<typeof AdoptionCounts>;

export const AdoptionFile = z.object({
  schemaVersion: z.number().int(),
  /** Links, by paper paragraph id then agreed paragraph id. */
  links: z.array(AdoptionLink),
  /** State or group code -> its counts (codes sorted). */
  states: z.record(z.string(), AdoptionCounts),
});
export type AdoptionFile = z.infer<typeof AdoptionFile>;

/** One end of a link as a reader sees it: the paragraph, its citation in both languages, its date. */
export const AdoptionEnd = z.object({
  id: z.string(),
  doc: z.string(),
  lang: z.enum(["zh", "en"]),
  citation: z.object({ en: z.string(), zh: z.string() }),
  date: z.string(),
});
export type AdoptionEnd = z.infer<typeof AdoptionEnd>;

/** A row of a State's tables: its paragraph, the agreed paragraph, the shared words. */
export const AdoptionRow = z.object({
  paper: AdoptionEnd,
  agreed: AdoptionEnd,
  states: z.array(AuthorCode),
  credit: AdoptionCredit,
  /** The shared words as the State's paragraph prints them, passage by passage. */
  shared: z.array(z.string()),
  kind: ReuseKind,
  score: z.number(),
  via: z.enum(["direct", "aligned"]),
});
export type AdoptionRow = z.infer<typeof AdoptionRow>;

/** What `acquis state <code> --json` prints: the State's papers, then its wording and the agreed texts. */
export const StateReport = z.object({
  schemaVersion: z.number().int(),
  state: z.object({ code: AuthorCode, name: z.object({ zh: z.string(), en: z.string() }) }),
  /** Documents it wrote, co-wrote or submitted as a held working paper, newest first. */
  papers: z.array(
    z.object({
      doc: z.string(),
      title: z.string(),
      date: z.string(),
      langs: z.array(z.enum(["zh", "en"])),
      /** The other authors of a joint paper. */
      with: z.array(AuthorCode),
    }),
  ),
  /** Its sections of compendia. */
  sections: z.array(
    z.object({ doc: z.string(), lang: z.enum(["zh", "en"]), address: z.string(), title: z.string() }),
  ),
  /** The working papers a list says it submitted (held in the corpus or not). */
  workingPapers: z.array(
    z.object({
      doc: z.string(),
      lang: z.enum(["zh", "en"]),
      n: z.number().int(),
      title: z.string(),
      joint: z.boolean(),
    }),
  ),
  /** Proposed before it was agreed, by agreed text's date then citation. */
  proposed: z.array(AdoptionRow),
  /** Quotes agreed language, by paper's date then citation. */
  quotes: z.array(AdoptionRow),
  /** Same date: the dates cannot tell which came first. */
  sameDate: z.array(AdoptionRow),
  /** Counts per year (null when adoption was not computed in this build). */
  counts: AdoptionCounts.nullable(),
});
export type StateReport = z.infer<typeof StateReport>;
