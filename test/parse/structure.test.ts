/**
 * The structure builder's classifier, one decision a row: what each block of a short document is
 * read as (the handler it goes to), given what came before it. The texts are ours, in UN layout.
 * A new layout (national papers' hierarchies, articles) adds its rows here with its handler.
 */
import { describe, expect, test } from "vitest";
import { toBlocks } from "../../pipeline/parse/blocks.ts";
import { handlers } from "../../pipeline/parse/structure/handlers/index.ts";
import {
  buildStructure,
  type Classified,
  createState,
  readBlock,
  type StructureInput,
} from "../../pipeline/parse/structure/index.ts";

interface Options {
  lang?: "zh" | "en";
  title?: string;
  isResolution?: boolean;
  national?: boolean;
  compendium?: boolean;
}

function input(md: string, o: Options = {}): StructureInput {
  return {
    file: "test.md",
    lineOffset: 0,
    doc: "A/00/000",
    lang: o.lang ?? "en",
    title: o.title ?? "Report of the working group on testing",
    isResolution: o.isResolution ?? false,
    national: o.national ?? false,
    compendium: o.compendium ?? false,
    blocks: toBlocks(md),
  };
}

/** The kind each non-blank block is read as; a heading's kind names its level too. */
function kinds(md: string, o: Options = {}): string[] {
  const s = createState(input(md, o));
  const out: string[] = [];
  for (let i = 0; i < s.input.blocks.length; i++) {
    const c: Classified | null = readBlock(s, i);
    if (c) out.push(c.kind === "heading" ? `heading:${c.heading}` : c.kind);
  }
  return out;
}

type Row = [what: string, md: string, expected: string[], options?: Options];

const rows: Row[] = [
  // Numbering.
  ["a number, then its subparagraph", "1. States agreed:\n\n(a) To cooperate;", ["numbered", "subparagraph"]],
  ["a label with no number open is a list of its own", "(a) A list under a heading.", ["looseItem"]],
  ["a measure's number is a number", "CBM 1. Nominate points of contact.", ["numbered"]],
  // Notes.
  ["a note after its marker", "States agreed.¹\n\n¹ A/00/1.", ["unnumbered", "note"]],
  ["a GFM definition is a note", "1. States agreed.[^2]\n\n[^2]: A/76/135, para. 42.", ["numbered", "note"]],
  [
    "a bullet starting with * is a note while a * marker waits",
    "Annex*\n\n* Issued without formal editing.",
    ["part", "note"],
  ],
  [
    "a bullet starting with * is text when no * marker waits",
    "* Activities should be voluntary.",
    ["unnumbered"],
  ],
  // Page breaks.
  [
    "text after a page's notes continues a paragraph that ends open",
    "1. States recalled the framework¹ and\n\n¹ A/00/1.\n\nagreed to continue.",
    ["numbered", "note", "continuation"],
  ],
  [
    "English text after notes does not continue a finished sentence unless it starts in lower case",
    "1. States agreed.¹\n\n¹ A/00/1.\n\nThey also met.",
    ["numbered", "note", "unnumbered"],
  ],
  [
    "Chinese text after notes continues a numbered paragraph even after a full stop (A/78/265, 37 (c))",
    "1. 各国强调合作。¹\n\n¹ 注释。\n\n各国还决定继续合作。",
    ["numbered", "note", "continuation"],
    { lang: "zh" },
  ],
  [
    "a page number inside a sentence is dropped and the sentence goes on",
    "1. States recalled the\n\n3/20\n\nframework of responsible behaviour.",
    ["numbered", "artifact", "continuation"],
  ],
  [
    "the title repeated inside a sentence is a running header",
    "1. States recalled the\n\nReport of the working group\n\nframework of responsible behaviour.",
    ["numbered", "artifact", "continuation"],
  ],
  [
    "a bare page break inside a sentence joins its halves",
    "1. States recalled the\n\nframework of responsible behaviour.",
    ["numbered", "continuation"],
  ],
  // Headings and parts.
  [
    "a title, a chapter, a section",
    "Report of the group\n\nI. Introduction\n\nA. Overview\n\n1. States met.",
    ["heading:title", "heading:chapter", "heading:section", "numbered"],
  ],
  [
    "Markdown headings (an imported HTML or DOCX's <h1>-<h6>): the label still makes a chapter or a section",
    "# Report of the group\n\n## I. Introduction\n\n### A. Overview\n\n1. States met.",
    ["heading:title", "heading:chapter", "heading:section", "numbered"],
  ],
  [
    "a Markdown heading is a heading even when a line of its length or punctuation would be a paragraph",
    "1. States met.\n\n## Considerations on the application of international law to the use of information and communications technologies by States, in peace and in conflict.\n\n2. States agreed.",
    ["numbered", "heading:plain", "numbered"],
  ],
  [
    "a national paper's Markdown heading numbered as its paragraphs are is a numbered heading, not paragraph 2",
    "# Position of Testland\n\n## 1. Sovereignty\n\n1. States hold sovereignty.\n\n2. It applies online.\n\n## 2. Non-intervention\n\n3. States shall not intervene.",
    ["heading:title", "numberedHeading", "numbered", "numbered", "numberedHeading", "numbered"],
    { national: true },
  ],
  [
    "a paper's short line numbered 2 again after its paragraph 2 is a heading, though paragraph 3 follows it",
    "# Position of Testland\n\n1. Introduction\n\n1. States hold sovereignty.\n\n2. It applies online.\n\n2. Sovereignty\n\n3. States shall not intervene.",
    ["heading:title", "numberedHeading", "numbered", "numbered", "numberedHeading", "numbered"],
    { national: true },
  ],
  [
    "a heading that recurs between paragraphs is a heading, not a running header",
    "1. States agreed.\n\nRecommended next steps\n\n1. States continue.",
    ["numbered", "heading:plain", "numbered"],
  ],
  [
    "a heading before a subparagraph that continues the open list is inside the paragraph",
    "1. States:\n\n(a) first;\n\nGeneral matters\n\n(b) second.",
    ["numbered", "subparagraph", "heading:inner", "subparagraph"],
  ],
  ["annexes, nested, and an appendix", "Annex\n\nAnnex A\n\nAppendix", ["part", "part", "part"]],
  [
    "a resolution's preamble",
    "The General Assembly,\n\nRecalling its resolution 1/1,\n\n1. Decides to continue.",
    ["heading:title", "unnumbered", "numbered"],
    { isResolution: true },
  ],
  // Lists of documents and source notes.
  [
    "a list of documents: a bracketed note, then entries",
    "Annex\n\nList of working papers\n\n(In order of submission)\n\nWorking paper on points of contact\nCanada",
    ["part", "heading:title", "listNote", "entry"],
  ],
  [
    "a bracketed reference after a paragraph is its source note",
    "1. Nominate points of contact.\n\n[A/00/1, para. 3]",
    ["numbered", "sourceNote"],
  ],
  // National papers (national.ts): the outline, the front, bullets, compendia.
  [
    "a short labelled line followed by a paragraph is a heading (zh)",
    "（二）和平解决争端\n\n各国应通过和平手段解决争端。",
    ["numberedHeading", "unnumbered"],
    { lang: "zh", national: true },
  ],
  [
    "the same line in a UN document is a subparagraph label, as before",
    "1. 各国同意：\n\n（二）和平解决争端",
    ["numbered", "subparagraph"],
    { lang: "zh" },
  ],
  [
    "a short labelled line followed by its sibling is an item of a list, not a heading",
    "(a) Sovereignty\n\n(b) Non-intervention",
    // The second item is the list's next (b), not a subparagraph of (a) (was "a.b" before #20).
    ["looseItem", "looseItem"],
    { national: true },
  ],
  [
    "a chapter-style label makes a short line a heading whatever follows",
    "一、总体立场\n\n二、具体主张",
    ["numberedHeading", "numberedHeading"],
    { lang: "zh", national: true },
  ],
  [
    "decimal numbers: a short line is a heading, a sentence a paragraph numbered by its path",
    "2 Sovereignty\n\n2.1 General\n\n2.1.1 Sovereignty applies to cyber infrastructure.",
    ["numberedHeading", "numberedHeading", "outlined"],
    { national: true },
  ],
  [
    "一、 before a sentence numbers a paragraph",
    "一、各国应和平利用信息通信技术。",
    ["outlined"],
    { lang: "zh", national: true },
  ],
  [
    "a part of a Chinese paper (第二部分) and its sections are headings, the outline's outermost level",
    "第一部分 总体立场\n\n（一）主权原则\n\n各国应尊重他国主权。\n\n第二部分 具体主张",
    ["numberedHeading", "numberedHeading", "unnumbered", "numberedHeading"],
    { lang: "zh", national: true },
  ],
  [
    "a State's reply in a report of States' views: its name, the original language and the date in brackets",
    "Australia\n\n[Original: English]\n\n[31 May 2021]\n\n1. Australia welcomes the opportunity.",
    ["stateSection", "dateline", "dateline", "numbered"],
  ],
  [
    "a date line and a place line under the title are the paper's front",
    "关于若干问题的立场\n\n2024 年 5 月\n\n北京\n\n各国应加强合作。",
    ["heading:title", "dateline", "dateline", "unnumbered"],
    { lang: "zh", national: true },
  ],
  [
    "bullets after a paragraph that introduces them are its items; under a heading they are paragraphs",
    "States agreed on the following:\n\n- first;\n- second.\n\nPrinciples\n\n- Activities should be voluntary.",
    ["unnumbered", "item", "item", "heading:plain", "unnumbered"],
  ],
  [
    "a bullet after a finished sentence is a paragraph of its own",
    "States agreed.\n\n• Capacity-building is voluntary.",
    ["unnumbered", "unnumbered"],
  ],
  [
    "a State's name in a compendium opens its section; [Original: …] is its front",
    "Annex\n\nGermany\n\n[Original: English]\n\n1. Germany considers that international law applies.",
    ["part", "stateSection", "dateline", "numbered"],
    { compendium: true },
  ],
  // Articles and chapters (articles.ts), and a declaration's preamble.
  [
    "a chapter's and an article's headings, each with the title line under it",
    "Chapter I\n\nGeneral provisions\n\nArticle 1\n\nPurpose\n\n1. This instrument sets out rules.",
    ["chapter", "heading:plain", "article", "heading:plain", "numbered"],
  ],
  [
    "an article's title on its own line",
    "Art. 2 Use of terms\n\nTerms mean what they say.",
    ["article", "unnumbered"],
  ],
  [
    "Chinese articles under a chapter, spaced or not",
    "第一章 总则\n\n第一条\n\n本文书订立规则。\n\n第 2 条\n\n一、各方合作。",
    ["chapter", "article", "unnumbered", "article", "unnumbered"],
    { lang: "zh" },
  ],
  [
    "a sentence that starts with an article's name is a paragraph",
    "Article 51 of the Charter applies.\n\n第五十一条规定了自卫权。",
    ["unnumbered", "unnumbered"],
  ],
  [
    "a Preamble heading, its paragraphs, the operative connective and a proclamation",
    "Preamble\n\nWhereas peace matters,\n\nNow, therefore,\n\nProclaims this text.",
    ["heading:title", "unnumbered", "unnumbered", "unnumbered"],
  ],
];

describe("what each block is read as", () => {
  test.each(rows)("%s", (_what, md, expected, options) => {
    expect(kinds(md, options)).toEqual(expected);
  });

  test("every kind the rows meet has its handler, and every handler is met by a row", () => {
    const met = new Set(rows.flatMap(([, md, , o]) => kinds(md, o).map((k) => k.replace(/:.*/, ""))));
    expect([...met].sort()).toEqual(Object.keys(handlers).sort());
  });
});

describe("the builder", () => {
  test("a block with no text (an image without alt text) is read as nothing and changes nothing", () => {
    const md = "1. States agreed:\n\n![](figure.png)\n\n(a) To cooperate.";
    const s = createState(input(md));
    expect(s.input.blocks.map((_, i) => readBlock(s, i)?.kind ?? null)).toEqual([
      "numbered",
      null,
      "subparagraph",
    ]);
    expect(buildStructure(input(md)).paragraphs.map((p) => p.address)).toEqual(["1", "1.a"]);
  });

  const addresses = (md: string, o: Options = {}) =>
    buildStructure(input(md, o)).paragraphs.map((p) => `${p.address} ${p.headings.join(" > ")}`);

  test("articles are parts numbered through their chapters; a chapter is on the path, not in the address", () => {
    const md = [
      "Chapter I\n\nGeneral provisions",
      "Article 1\n\nPurpose\n\nThis instrument sets out rules.",
      "Article 2\n\n1. Terms mean what they say:\n\n(a) A term is a word.\n\n2. Nothing else.",
      "Chapter II\n\nFinal provisions",
      "Article 3\n\nIt enters into force.",
    ].join("\n\n");
    expect(addresses(md)).toEqual([
      "article/1/u1 Chapter I > General provisions > Article 1 > Purpose",
      "article/2/1 Chapter I > General provisions > Article 2",
      "article/2/1.a Chapter I > General provisions > Article 2",
      "article/2/2 Chapter I > General provisions > Article 2",
      "article/3/u1 Chapter II > Final provisions > Article 3",
    ]);
  });

  test("articles in an annex stand in the annex; the next annex (nested in it, as before) ends them", () => {
    const md = "Annex\n\nArticle 4\n\n1. Parties cooperate.\n\nAnnex B\n\n1. A list.";
    expect(buildStructure(input(md)).paragraphs.map((p) => p.address)).toEqual([
      "annex/article/4/1",
      "annex/annex-b/1",
    ]);
  });

  test("a declaration's preamble is numbered by position and ends at its operative part, in both languages", () => {
    const en =
      "Preamble\n\nWhereas peace matters,\n\nWhereas law applies,\n\nNow, therefore,\n\nProclaims this text.";
    const zh = "序言\n\n鉴于和平重要,\n\n鉴于法律适用,\n\n因此现在,大会,发布本文。";
    expect(addresses(en)).toEqual(["preamble/1 Preamble", "preamble/2 Preamble", "u1 ", "u2 "]);
    expect(addresses(zh, { lang: "zh" })).toEqual(["preamble/1 序言", "preamble/2 序言", "u1 "]);
  });

  test("a convention in an annex has its preamble and articles in the annex", () => {
    const md = [
      "Annex",
      "Convention on testing",
      "Preamble",
      "The States Parties to this Convention,",
      "Recalling the Charter,",
      "Have agreed as follows:",
      "Article 1",
      "1. Parties test.",
    ].join("\n\n");
    expect(buildStructure(input(md)).paragraphs.map((p) => p.address)).toEqual([
      "annex/preamble/1",
      "annex/u1",
      "annex/article/1/1",
    ]);
  });

  test("a paragraph that opens as a preambular one but ends a sentence is operative, and the guess is warned", () => {
    const md = "Preamble\n\nWhereas peace matters,\n\nWhereas law applies.\n\nArticle 1\n\nText.";
    const out = buildStructure(input(md));
    expect(out.paragraphs.map((p) => p.address)).toEqual(["preamble/1", "u1", "article/1/u1"]);
    expect(out.diagnostics.map((d) => `${d.line} ${d.code}`)).toEqual(["5 parse/role-guessed"]);
  });

  test("'The General Assembly,' in an annex opens no preamble there, as before", () => {
    const md = "Annex\n\nThe General Assembly,\n\nRecalling its work,";
    expect(addresses(md, { isResolution: true }).map((a) => a.split(" ")[0])).toEqual(["annex/u1"]);
  });

  test("in a resolution, an unnumbered paragraph that ends a sentence ends the preamble", () => {
    const md = "The General Assembly,\n\nRecalling its resolutions,\n\nDecides to meet again.";
    expect(addresses(md, { isResolution: true }).map((a) => a.split(" ")[0])).toEqual(["preamble/1", "u1"]);
  });
});
