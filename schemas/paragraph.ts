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
 *            "@2.2/u1"              the first unnumbered paragraph of numbered section 2.2
 *            "@1.1/3"               paragraph 3 of section 一、>（一）, where numbering restarts per section
 *            "2.1.3"                a paragraph numbered 2.1.3 (decimal numbering)
 *            "state-de/5"           paragraph 5 of Germany's section of a compendium
 *   anchor   "annex-23-f-ii"        the same, as an HTML fragment
 *
 * A document's key (`doc`, the symbol or, for a document without one, its id) is never part of
 * the address; `id` adds it through its slug (schemas/identity.ts).
 */
import { z } from "zod";
import { Lang, SourcePosition } from "./common.ts";
import { AuthorCode, DocStatus, DocType } from "./corpus.ts";

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

/**
 * A bullet item ("- physical damage", "• loss of function") kept inside the paragraph that
 * introduces it: one paragraph, its items addressable as `<address>/b<n>` (anchor `<anchor>-b<n>`).
 */
export const Item = z.object({
  /** 1-based position among the paragraph's items. */
  n: z.number().int().positive(),
  /** The bullet as printed: "-", "•", "–", "▪", "o" (not part of `text`). */
  mark: z.string(),
  /** Offset (UTF-16 code units) in the paragraph's `text` where the item's words start. */
  start: z.number().int().nonnegative(),
  /** Offset just after the item's last character. */
  end: z.number().int().nonnegative(),
});
export type Item = z.infer<typeof Item>;

/** Pages of the original a paragraph or heading stands on (`acquis import` marks them from a PDF). */
export const Pages = z.object({
  first: z.number().int().positive(),
  last: z.number().int().positive(),
});
export type Pages = z.infer<typeof Pages>;

export const Paragraph = z.object({
  /** Unique and stable: "A-78-265/zh/annex/23.f.ii", "cn-2024-ict-position/zh/@1.1/u1". */
  id: z.string(),
  /** Language-neutral address inside the document: "annex/23.f.ii". */
  address: z.string(),
  /** HTML fragment for the paragraph: "annex-23-f-ii". */
  anchor: z.string(),
  /** The document's key: its symbol ("A/78/265"), or its id when it has none ("cn-2024-ict-position"). */
  doc: z.string(),
  lang: Lang,
  /** English segment labels: [] main body, ["preamble"], ["annex"], ["annex", "annex A", "appendix"]. */
  part: z.array(z.string()),
  /**
   * Where the paragraph is counted inside its part: a numbering that restarts ("list-2",
   * "D/next-steps"), or the numbered section ("2.2", "1.1") an unnumbered paragraph, or a
   * numbering restarted per section, is counted in; null for the part's main sequence.
   */
  scope: z.string().nullable(),
  /** Labels normalised: "23", "f", "ii" (Chinese (一) -> "i"); [] when unnumbered. */
  num: z.array(z.string()),
  /** The label of the last level as printed: "23.", "(f)", "(一)", "建立信任措施 1." ("" if none). */
  label: z.string(),
  /**
   * Plain text as issued, label excluded, footnote markers removed (see `footnotes[].at`); bullet
   * items follow the words that introduce them, each on its own line, bullets excluded (`items`).
   */
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
  /** Bullet items inside the paragraph, when it introduces some. */
  items: z.array(Item).optional(),
  /** The pages of the original it stands on, when the corpus file marks pages. */
  pages: Pages.optional(),
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
  /** A numbered heading's label as printed: "2.1", "（一）", "II.". */
  label: z.string().optional(),
  /**
   * The key of the numbered section the heading opens ("2.1", "1.2" for 一、>（二）, "2.A" for II. >
   * A.): every numeral in arabic, letters as printed. The section's address is its part's address
   * and `@<key>` ("@2.1", "annex/@1.2").
   */
  section: z.string().optional(),
  /**
   * "dateline": a line of a paper's front (its date, its place, "[Original: English]"), not on any
   * heading path. "state": the heading of a State's section of a compendium (the part's title).
   */
  role: z.enum(["dateline", "state"]).optional(),
  /** The page of the original it stands on, when the corpus file marks pages. */
  page: z.number().int().positive().optional(),
});
export type Heading = z.infer<typeof Heading>;

/** A State or a group of States, as an author or as a compendium section's contributor. */
export const Author = z.object({
  /** ISO 3166-1 alpha-2 ("CN") or the group's code ("EU"). */
  code: AuthorCode,
  kind: z.enum(["state", "group"]),
  /** Names in both languages: the UN's short names for States. */
  name: z.object({ zh: z.string(), en: z.string() }),
});
export type Author = z.infer<typeof Author>;

/**
 * A section of a document that can be cited as a whole: a numbered section ("section 2.2",
 * "第二部分第（一）节") or a State's section of a compendium ("A/76/136, Germany").
 */
export const Section = z.object({
  /** Its address: "@2.2", "annex/@1.1", "state-de", "annex/state-de". */
  address: z.string(),
  kind: z.enum(["numbered", "state"]),
  /** The part it stands in (for a State's section, the part it is). */
  part: z.array(z.string()),
  /** A numbered section's key ("2.2"), as paragraphs' `scope` carries it; null for a State's section. */
  key: z.string().nullable(),
  /** The label as printed ("2.2", "（一）"); "" for a State's section. */
  label: z.string(),
  /** The heading's text as printed. */
  title: z.string(),
  /** The HTML fragment of its heading on the document page. */
  anchor: z.string(),
  /** The State or group whose section it is. */
  state: Author.optional(),
  /** The pages of the original it covers, when the corpus file marks pages. */
  pages: Pages.optional(),
});
export type Section = z.infer<typeof Section>;

/** One record per document and language in `documents.json`. */
export const DocumentRecord = z.object({
  /** The document's key: its UN symbol ("A/78/265"), or its id when it has none ("cn-2024-ict-position"). */
  symbol: z.string(),
  /** Its folder and URL slug: "A-78-265", "cn-2024-ict-position" (schemas/identity.ts). */
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
  /**
   * Who wrote it (a national paper's `authors`), each with its names. The build always writes it
   * ([] when the front matter names none); optional for records made elsewhere.
   */
  authors: z.array(Author).optional(),
  /** Its numbered sections and States' sections, in reading order (the build always writes it). */
  sections: z.array(Section).optional(),
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
