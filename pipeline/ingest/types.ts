/**
 * Shapes shared by the importers. Every format (PDF, plain text, HTML, DOCX) is read into the same
 * list of blocks, and one writer turns blocks into corpus Markdown, so the formats cannot drift
 * apart in how they lay out paragraphs, headings and footnotes.
 */
import type { Diagnostic, Lang } from "../../schemas/index.ts";

/**
 * One block of the corpus text, in reading order.
 * - `text`: a paragraph or a heading, as one line (wrapped lines already joined).
 * - `note`: a footnote definition; `marker` is "1", "2"... or "*", `text` its words.
 */
export type Block = { kind: "text"; text: string } | { kind: "note"; marker: string; text: string };

/** What the cover block of a UN document said (masthead, distribution, date, language, job number). */
export interface Cover {
  /** The lines dropped from the text, as printed. */
  lines: string[];
  /** "General", "Limited"... */
  distribution?: string;
  /** The issue date as YYYY-MM-DD, when the cover prints one. */
  date?: string;
  /** "Original: English" -> "English". */
  original?: string;
  /** The job number, e.g. "23-15135". */
  job?: string;
  /** The document symbol printed on the cover, e.g. "A/78/265". */
  symbol?: string;
}

/** Options every converter takes. */
export interface ConvertOptions {
  /** Language of the text: decides how wrapped lines are joined (Chinese joins without a space). */
  lang: Lang;
  /** Name of the original, for diagnostics. */
  file: string;
}

/** What a converter returns. */
export interface Converted {
  /** Corpus Markdown (no front matter), one block a line, blocks separated by blank lines. */
  markdown: string;
  blocks: Block[];
  cover: Cover;
  diagnostics: Diagnostic[];
}
