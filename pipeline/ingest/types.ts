/**
 * Shapes shared by the importers. Every format (PDF, plain text, HTML, DOCX) is read into the same
 * list of blocks, and one writer turns blocks into corpus Markdown, so the formats cannot drift
 * apart in how they lay out paragraphs, headings and footnotes.
 */
import type { Diagnostic, Lang } from "../../schemas/index.ts";
import type { HyphenDecision } from "./hyphenation.ts";

/**
 * One block of the corpus text, in reading order.
 * - `text`: a paragraph or a heading, as one line (wrapped lines already joined).
 * - `note`: a footnote definition; `marker` is "1", "2"... or "*", `text` its words.
 */
export type Block =
  | {
      kind: "text";
      text: string;
      /**
       * A bulleted item: printed with a bullet glyph (PDF, text) or as a `<ul>` item (HTML, DOCX).
       * The corpus writes it as a Markdown "- " item, whatever the format, so one document gives
       * one text; the glyph is not part of the text.
       */
      bullet?: boolean;
      /** A page of the original begins just before this block (PDF): written as `<!-- page N -->`. */
      page?: number;
      /**
       * The level of the heading the original marks it as (HTML `<h1>`-`<h6>`; DOCX's "Heading 1"-
       * "Heading 6", which mammoth writes as those): written as an ATX heading of that level
       * ("## 1. Sovereignty"), so the parser reads it as a heading, never as a paragraph its label
       * would make of a plain line. Formats that mark no headings (PDF, text) leave it out.
       */
      heading?: HeadingLevel;
    }
  | { kind: "note"; marker: string; text: string; page?: number };

/** An HTML heading's level, 1 for `<h1>`. */
export type HeadingLevel = 1 | 2 | 3 | 4 | 5 | 6;

/**
 * A structural call a converter guessed, at the line of `markdown` where it shows: the importer
 * warns with it at that line of the corpus file (ingest/structure-guessed).
 */
export interface StructureGuess {
  /** 1-based line in `markdown`. */
  line: number;
  message: string;
  hint: string;
}

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
  /** The organ the masthead names ("General Assembly"). */
  organ?: string;
}

/** Options every converter takes. */
export interface ConvertOptions {
  /** Language of the text: decides how wrapped lines are joined (Chinese joins without a space). */
  lang: Lang;
  /** Name of the original, for diagnostics. */
  file: string;
  /**
   * Mark where each page of the original begins (`<!-- page N -->`), so paragraphs can be cited by
   * page. PDF only; `acquis import` asks for it.
   */
  pages?: boolean;
}

/** How a PDF page was laid out, as the importer read it. */
export interface PageSummary {
  page: number;
  /** Most columns in any band of the page. */
  columns: number;
  /** True when full-width lines stand above the columns. */
  head: boolean;
  /** Why the layout was not understood, when it was not. */
  unclear?: string;
}

/** What a converter returns. */
export interface Converted {
  /** Corpus Markdown (no front matter), one block a line, blocks separated by blank lines. */
  markdown: string;
  blocks: Block[];
  cover: Cover;
  diagnostics: Diagnostic[];
  /** PDF only: each page's layout. */
  layout?: PageSummary[];
  /** Every line-end or soft hyphen decided, with its line in `markdown`. */
  hyphenation: HyphenDecision[];
  /** Structural calls guessed (HTML, DOCX: a heading element read as a paragraph...), where any were. */
  guesses?: StructureGuess[];
  /**
   * The title the format declares, where it has a place for one (HTML: the first `<h1>`, else a
   * `<title>` that is not only a symbol): preferred by `acquis import` to a title read from the
   * head of the text. Not for DOCX, whose "Heading 1" is often a section heading.
   */
  title?: string;
}
