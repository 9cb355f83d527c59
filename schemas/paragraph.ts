/**
 * The parser's output, as exported to `dist/data/paragraphs.jsonl` and `documents.json`.
 *
 * Addressing: a paragraph's `address` is language-neutral (part, scope, number), so the zh and en
 * versions of one paragraph share it; `id` = `<doc slug>/<lang>/<address>` is unique in the corpus.
 *
 *   address  "annex/23.f.ii"        part ["annex"], num ["23","f","ii"]
 *            "annex/annex-a/appendix/@list-2/3"   scope "list-2"
 *            "7"                    main body, paragraph 7
 *            "preamble/2"           a resolution's second preambular paragraph
 *            "annex/annex-c/u4"     the fourth unnumbered paragraph of annex C
 *   anchor   "annex-23-f-ii"        the same, as an HTML fragment
 */
import { z } from "zod";
import { Lang, SourcePosition } from "./common.ts";
import { DocStatus, DocType } from "./corpus.ts";

/** A footnote, attached to the paragraph (or heading) whose marker points at it. */
export const Footnote = z.object({
  /** The marker as printed: "¹", "23", "*". */
  mark: z.string(),
  /** The marker as a number (superscript digits read), or null for "*". */
  n: z.number().int().nullable(),
  /** The note's text, without its marker. */
  text: z.string(),
  /** Offset (UTF-16 code units) in the owning paragraph's `text` just after which the marker stood. */
  at: z.number().int().nonnegative(),
  source: SourcePosition,
});
export type Footnote = z.infer<typeof Footnote>;

export const Paragraph = z.object({
  /** Unique and stable: "A-78-265/zh/annex/23.f.ii". */
  id: z.string(),
  /** Language-neutral address inside the document: "annex/23.f.ii". */
  address: z.string(),
  /** HTML fragment for the paragraph: "annex-23-f-ii". */
  anchor: z.string(),
  /** The document symbol: "A/78/265". */
  doc: z.string(),
  lang: Lang,
  /** English segment labels: [] main body, ["preamble"], ["annex"], ["annex", "annex A", "appendix"]. */
  part: z.array(z.string()),
  /** Where numbering restarts inside a part ("list-2", "D/next-steps"); null when it does not. */
  scope: z.string().nullable(),
  /** Labels normalised: "23", "f", "ii" (Chinese (一) -> "i"); [] when unnumbered. */
  num: z.array(z.string()),
  /** The label of the last level as printed: "23.", "(f)", "(一)", "建立信任措施 1." ("" if none). */
  label: z.string(),
  /** Plain text as issued, label excluded, footnote markers removed (see `footnotes[].at`). */
  text: z.string(),
  footnotes: z.array(Footnote),
  /** Heading path from the part down: ["C. 负责任国家行为的规则、规范和原则", "建议的后续步骤"]. */
  headings: z.array(z.string()),
  /** Id of the enclosing numbered paragraph for a subparagraph, else null. */
  parent: z.string().nullable(),
  /** Position in the document, 0-based, in reading order. */
  seq: z.number().int().nonnegative(),
  source: SourcePosition,
  /**
   * "entry": an item of a list of documents (annex D's working papers: text is title, "\n", submitter).
   * "source-note": a bracketed note giving the source of the paragraph just before it (annex B's
   * "[2021 年不限成员名额工作组报告，第 51 段]"); its `parent` is that paragraph, its address that
   * paragraph's address + "/source".
   */
  kind: z.enum(["paragraph", "entry", "source-note"]),
  /** Structural notes the parser made about this paragraph ("stitched", "renumbered"). */
  flags: z.array(z.enum(["stitched", "renumbered", "page-artifact-removed", "preamble"])),
});
export type Paragraph = z.infer<typeof Paragraph>;

/** A heading of the document, with the notes attached to it ("附件*", "商定的能力建设原则¹"). */
export const Heading = z.object({
  text: z.string(),
  /** Depth in the document outline, 1 = part title. */
  depth: z.number().int().positive(),
  part: z.array(z.string()),
  anchor: z.string(),
  footnotes: z.array(Footnote),
  source: SourcePosition,
});
export type Heading = z.infer<typeof Heading>;

/** One record per document and language in `documents.json`. */
export const DocumentRecord = z.object({
  /** "A/78/265". */
  symbol: z.string(),
  /** "A-78-265". */
  slug: z.string(),
  lang: Lang,
  title: z.string(),
  date: z.string(),
  type: DocType,
  body: z.string(),
  status: DocStatus,
  source: z.string(),
  /** Repository-relative path of the corpus file. */
  file: z.string(),
  /** SHA-256 of the corpus file, the cache key. */
  hash: z.string(),
  /** Number of paragraphs exported. */
  paragraphs: z.number().int().nonnegative(),
  /** The parts in reading order, each an English label path. */
  parts: z.array(z.array(z.string())),
  /** Every heading in reading order; together with the paragraphs they hold every word of the text. */
  headings: z.array(Heading),
});
export type DocumentRecord = z.infer<typeof DocumentRecord>;

export const DocumentsFile = z.object({
  schemaVersion: z.number().int(),
  documents: z.array(DocumentRecord),
});
export type DocumentsFile = z.infer<typeof DocumentsFile>;

/** What a search result or a citation needs of a paragraph: its address and its text. */
export type ParagraphCore = Pick<
  Paragraph,
  "id" | "doc" | "lang" | "address" | "part" | "scope" | "num" | "text"
>;
