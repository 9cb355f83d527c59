/** Input and output of the parse stage. */
import type { Diagnostic, FrontMatter, Heading, Paragraph } from "../../schemas/index.ts";

export interface ParseInput {
  /** Repository-relative path of the corpus file, for positions and diagnostics. */
  file: string;
  /** The Markdown text after the front matter, exactly as in the file (LF line endings). */
  markdown: string;
  /** 1-based line in the file where `markdown` starts (after the closing `---`). */
  firstLine: number;
  meta: FrontMatter;
}

export interface Parsed {
  paragraphs: Paragraph[];
  headings: Heading[];
  /** The parts in reading order, each an English label path ([] = main body). */
  parts: string[][];
  diagnostics: Diagnostic[];
}
