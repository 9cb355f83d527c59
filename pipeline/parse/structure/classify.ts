/**
 * Classification: what kind of block this is, given what is open. Reads the state, never changes
 * it; the handlers (handlers/) act on the answer.
 *
 * Decision: an ordered table of rules, the first that recognises the block wins, as a tokenizer
 * tells the compiler which handler to call. The order is the precedence the real documents need:
 * footnote notes before anything (a note can look like a numbered line), part headings before
 * a list of documents (an annex ends the list), page artefacts before continuations, continuations
 * before headings (a line after a page break that ends no sentence is text, not a title). A new
 * layout is a new rule at its place in RULES and a handler of the same kind.
 */

import { STATE_PART } from "../../../core/address/address.ts";
import type { Block } from "../blocks.ts";
import { type MarkerRef, readDefinition, takeMarkers } from "../footnotes.ts";
import { type Label, nextValue, type OutlineLabel, readLabel, readOutlineLabel } from "../labels.ts";
import { isPartiesLine, readArticle, readChapter } from "./articles.ts";
import {
  continues,
  headingWords,
  isChapterStyle,
  isDateLine,
  isFrontLine,
  isOriginalLine,
  isPlaceLine,
  isZh,
  nameOnly,
  nextIsSibling,
  nextTextBlock,
  readBullet,
} from "./national.ts";
import { CJK, isAppendix, isChapter, readAnnex, sectionLetter, TERMINAL } from "./readers.ts";
import { continuesNumbering, type HeadingKind, isNational, type ParseState } from "./state.ts";

/** A block and its place in the document. */
interface At {
  block: Block;
  /** Index of the block in the input's blocks (handlers may look ahead). */
  index: number;
}

/** Text of a block with its footnote markers taken out, and where they stood. */
interface Marked {
  text: string;
  refs: MarkerRef[];
}

/** A labelled block: the label, the text after it, markers shifted to that text. */
interface Labelled {
  label: Label;
  body: string;
  refs: MarkerRef[];
  /** Why the line's role (paragraph, not heading) was guessed, for the handler to warn; else absent. */
  guessed?: string;
}

/** Every kind of block, with what its handler needs. */
export type Classified = At &
  (
    | {
        kind: "note";
        mark: string;
        /** The mark's number, null for "*". */
        n: number | null;
        body: string;
        /** A "*" note written as a bullet item ("* Issued without formal editing"). */
        asterisk: boolean;
      }
    | ({ kind: "part"; annex: string | null | undefined } & Marked)
    | ({ kind: "listNote" } & Marked)
    | ({ kind: "entry" } & Marked)
    | { kind: "artifact"; text: string }
    | ({ kind: "continuation"; target: number; cause: string } & Marked)
    | ({ kind: "heading"; heading: Exclude<HeadingKind, "part" | "article"> } & Marked)
    // Articles and the chapters above them (articles.ts).
    | ({ kind: "article"; n: string } & Marked)
    | ({ kind: "chapter"; n: string } & Marked)
    | ({ kind: "sourceNote"; owner: number } & Marked)
    | ({ kind: "unnumbered" } & Marked)
    | ({ kind: "numbered" } & Labelled)
    | ({ kind: "subparagraph" } & Labelled)
    | ({ kind: "looseItem" } & Labelled)
    // National papers and compendia (national.ts).
    | ({ kind: "stateSection"; code: string } & Marked)
    | ({ kind: "item"; target: number; mark: string } & Marked)
    | ({ kind: "dateline" } & Marked)
    | ({ kind: "numberedHeading"; label: OutlineLabel; guessed: string | null } & Marked)
    | {
        kind: "outlined";
        label: OutlineLabel;
        body: string;
        refs: MarkerRef[];
        text: string;
        guessed: string | null;
      }
  );

export type Kind = Classified["kind"];

/** What the rules read of a block, computed once. */
interface Reading extends At {
  /** The block's text, trimmed, markers still in. */
  raw: string;
  /** The text with markers taken out (untrimmed: marker offsets count from its start). */
  text: string;
  refs: MarkerRef[];
  /** `text` trimmed. */
  clean: string;
  /** The label `clean` starts with, whatever the block's kind. */
  printedLabel: Label | null;
  /** The paragraph label: none for a Markdown heading. */
  label: Label | null;
}

type Rule = (r: Reading, s: ParseState) => Classified | null;

/** Classify block `index`, a block whose text is not blank. */
export function classify(s: ParseState, index: number): Classified {
  const block = s.input.blocks[index]!;
  const raw = block.text.trim();
  const { text, refs } = takeMarkers(raw, s.asterisk);
  const clean = text.trim();
  const printedLabel = readLabel(clean);
  const r: Reading = {
    block,
    index,
    raw,
    text,
    refs,
    clean,
    printedLabel,
    label: block.kind === "heading" ? null : printedLabel,
  };
  for (const rule of RULES) {
    const c = rule(r, s);
    if (c) return c;
  }
  return paragraph(r);
}

/** A footnote note: "¹ text" or GFM "[^1]: text" (a Markdown heading never is one). */
const note: Rule = ({ block, index, raw }) => {
  if (block.kind === "heading") return null;
  const def = readDefinition(raw);
  return def
    ? { kind: "note", block, index, mark: def.mark, n: def.n, body: def.body.trim(), asterisk: false }
    : null;
};

/** "* text" is an asterisk's note only while a "*" marker waits for one. */
const asteriskNote: Rule = ({ block, index, raw }, s) =>
  block.kind === "bullet" && block.bullet === "*" && s.waiting.some((p) => p.ref.mark === "*")
    ? { kind: "note", block, index, mark: "*", n: null, body: raw, asterisk: true }
    : null;

/** Annex, nested annex, appendix. */
const part: Rule = ({ block, index, refs, clean }) => {
  if (block.kind === "bullet") return null;
  const annex = readAnnex(clean);
  if (annex === undefined && !isAppendix(clean)) return null;
  return { kind: "part", block, index, annex, text: clean, refs };
};

/** Inside a list of documents every block is an entry line, except a bracketed note before the first. */
const documentList: Rule = ({ block, index, refs, text, clean }, s) => {
  if (!s.entries.open) return null;
  if (/^[(（].*[)）]$/s.test(clean) && s.entries.count === 0 && !s.entries.waiting)
    return { kind: "listNote", block, index, text: clean, refs };
  // The text as read, markers out and their offsets into it: the handler cuts it into lines.
  return { kind: "entry", block, index, text, refs };
};

/**
 * "Article 19" / "第十九条" opens an article, "Chapter II" / "第二章" a chapter (articles.ts). Not a
 * bullet, and not inside a State's section of a compendium, whose outline is the paper's own.
 */
const unit: Rule = ({ block, index, clean, refs }, s) => {
  if (block.kind === "bullet" || s.part.some((p) => p.startsWith(STATE_PART))) return null;
  const article = readArticle(clean);
  if (article) return { kind: "article", block, index, n: article.n, text: clean, refs };
  const chapter = readChapter(clean);
  return chapter ? { kind: "chapter", block, index, n: chapter.n, text: clean, refs } : null;
};

/** Running headers, symbol lines, job numbers, page numbers. */
const artifact: Rule = ({ block, index, clean, printedLabel }, s) =>
  block.kind !== "bullet" && !printedLabel && isArtifact(s, clean)
    ? { kind: "artifact", block, index, text: clean }
    : null;

/**
 * After a page's footnotes or a running header, an unlabelled block continues the interrupted
 * paragraph when that one ends open; when it ends on a full stop, a Chinese block continues it
 * unless it reads as a heading (or the paragraph is preambular), an English one if it starts in
 * lower case.
 */
const afterNotes: Rule = ({ block, index, clean, text, refs, label }, s) => {
  // After bullet items a block is the next paragraph: items end without punctuation as a rule.
  if (label || !s.page.broken || s.open === null || block.kind === "heading" || s.items) return null;
  const prev = s.drafts[s.open]!;
  const prevText = prev.text.trim();
  const endsOpen = !TERMINAL.test(prevText) && !/[,，]$/.test(prevText);
  const lower = /^[a-z,;:)]/.test(clean);
  const hk = headingKind(s, clean, block);
  let continues: boolean;
  if (prev.kind !== "paragraph") continues = false;
  else if (endsOpen) continues = true;
  else if (s.input.lang === "zh") continues = hk === null && !prev.flags.has("preamble");
  else continues = lower;
  return continues
    ? { kind: "continuation", block, index, target: s.open, text: text.trim(), refs, cause: s.page.cause }
    : null;
};

/**
 * A bare page break (a blank line and nothing else) inside a sentence: the paragraph ends on a
 * word, not on punctuation, and what follows cannot start a paragraph of its own.
 */
const afterBreak: Rule = ({ block, index, clean, text, refs, label }, s) => {
  if (label || s.open === null || block.kind !== "text" || s.drafts[s.open]!.kind !== "paragraph" || s.items)
    return null;
  const prevText = s.drafts[s.open]!.text.trim();
  const endsOnWord = /[\p{L}\p{N}]$/u.test(prevText) && !/\n/.test(prevText);
  const hk = headingKind(s, clean, block);
  const continues =
    endsOnWord &&
    (s.input.lang === "zh"
      ? hk === null && s.drafts[s.open]!.num.length > 0
      : /^[a-z]/.test(clean) ||
        (hk === null && /\b(and|or|of|the|in|to|for|with|on|by|a|an|its|their|as)$/i.test(prevText)));
  return continues
    ? { kind: "continuation", block, index, target: s.open, text: text.trim(), refs, cause: "a page break" }
    : null;
};

/**
 * A heading, its kind refined by what follows. While a paragraph's list is open, a plain heading
 * whose next block (past notes and further plain headings) is a subparagraph is a heading inside
 * that paragraph (annex A, para. 13): the list goes on under it. A plain line right before a
 * chapter heading is the title the chapters sit under.
 */
const heading: Rule = ({ block, index, clean, refs, label }, s) => {
  if (label) return null;
  const hk = headingKind(s, clean, block);
  if (!hk || hk === "part" || hk === "article") return null;
  // The line under an article's or a chapter's heading is its title: it stays under that heading
  // ("Article 2" > "Use of terms"), never a document title that would close the path above it.
  let kind = s.unitTitle && hk === "title" ? "plain" : hk;
  const { blocks } = s.input;
  if (kind === "plain" && s.levels.length > 0) {
    for (let j = index + 1; j < blocks.length; j++) {
      const nb = blocks[j]!.text.trim();
      if (!nb || readDefinition(nb)) continue;
      const nl = readLabel(nb);
      if (nl && nl.style !== "number") kind = "inner";
      if (!nl && headingKind(s, nb, blocks[j]!) === "plain") continue;
      break;
    }
  }
  if (kind === "plain") {
    const nextText =
      blocks
        .slice(index + 1)
        .find((b) => b.text.trim() !== "")
        ?.text.trim() ?? "";
    if (isChapter(nextText) || /^I\.\s+\S/.test(nextText)) kind = "title";
  }
  return { kind: "heading", block, index, heading: kind, text: clean, refs };
};

/** A bracketed reference right after a paragraph, naming a paragraph or a report, sources it (annex B). */
const sourceNote: Rule = ({ block, index, clean, refs, label }, s) =>
  !label && /^[[［][^\n]*[\]］]$/.test(clean) && s.open !== null && /段|para|A\/|报告|report/i.test(clean)
    ? { kind: "sourceNote", block, index, owner: s.open, text: clean, refs }
    : null;

/**
 * A compendium's State section opens at a line that is a State's (or group's) name and nothing
 * else, in a compendium or where "[Original: …]" follows it.
 */
const stateSection: Rule = ({ block, index, clean, refs, printedLabel }, s) => {
  if (block.kind === "bullet" || printedLabel || s.entries.waiting) return null;
  if (!s.input.compendium) {
    const next = nextTextBlock(s.input.blocks, index);
    if (!next || !isOriginalLine(next.text)) return null;
  }
  const code = nameOnly(clean);
  return code ? { kind: "stateSection", block, index, code, text: clean, refs } : null;
};

/**
 * A bullet ("- x", "• x") right after a paragraph that introduces it (it ends with a colon or runs
 * on), or after another bullet of it, is an item of that paragraph. Bullets under a heading stay
 * paragraphs of their own (annex C's principles).
 */
const item: Rule = ({ block, index, raw, text, refs, label }, s) => {
  if (label || s.open === null) return null;
  const target = s.drafts[s.open]!;
  if (target.kind !== "paragraph") return null;
  const inList = s.items?.draft === s.open;
  let mark: string;
  let skip = 0;
  if (block.kind === "bullet") mark = block.bullet ?? "-";
  else {
    const b = readBullet(raw, inList);
    if (!b) return null;
    mark = b.mark;
    skip = b.length;
  }
  if (!inList && /[。.!?！？]["”’」』)）]*$/.test(target.text.trim())) return null;
  const body = text.slice(skip);
  return {
    kind: "item",
    block,
    index,
    target: s.open,
    mark,
    text: body,
    refs: refs.map((r) => ({ ...r, at: Math.max(0, r.at - skip) })),
  };
};

/**
 * Under a national paper's title (or a State's name in a compendium), before its first paragraph:
 * a date line, a place line beside one, "[Original: English]".
 */
const dateline: Rule = ({ block, index, clean, refs, label }, s) => {
  if (!s.front || label || block.kind === "bullet" || !isNational(s)) return null;
  if (isFrontLine(clean)) return { kind: "dateline", block, index, text: clean, refs };
  if (!isPlaceLine(clean)) return null;
  const prev = s.headings.at(-1);
  const next = nextTextBlock(s.input.blocks, index);
  const besideDate =
    (prev?.kind === "dateline" && isDateLine(prev.text)) || (next !== null && isDateLine(next.text));
  return besideDate ? { kind: "dateline", block, index, text: clean, refs } : null;
};

/**
 * A labelled line of a national paper: a heading when its words are short and unpunctuated and
 * what follows is not the next item of its list (national.ts); a paragraph numbered in the
 * outline's own terms ("2.1.3 States…", "五、各方…"); a paragraph numbered 1、. Other labels
 * ("1.", "(a)", "（一）") as paragraphs are the UN rules' (numbered, subparagraph).
 */
const outline: Rule = (r, s) => {
  const { block, index, clean, text, refs } = r;
  if (block.kind === "bullet" || !isNational(s)) return null;
  // "20 May 2024" starts like "2 Sovereignty": a date is the front's, never a label.
  if (isFrontLine(clean)) return null;
  const label = readOutlineLabel(clean);
  if (!label) return null;
  const rest = clean.slice(label.length);
  if (!rest.trim()) return null;
  const zh = isZh(rest, s.input.lang);
  const words = headingWords(rest, zh);
  const shift = text.length - text.trimStart().length + label.length;
  const shifted = refs.map((x) => ({ ...x, at: Math.max(0, x.at - shift) }));
  const next = nextTextBlock(s.input.blocks, index);
  // The next item of a list of short items that is already being read as paragraphs is one too.
  const open = s.open === null ? null : s.drafts[s.open]!;
  let afterSibling = open !== null && open.label !== "" && continues(open.label, label);
  let listNext = nextIsSibling(s.input.blocks, index, label);
  // Papers that number paragraphs "1." "2." number their headings so too ("2. Sovereignty"). A
  // short line whose number repeats or goes back on the paragraphs' ("2. Sovereignty" after
  // paragraph 2) is no paragraph, whatever follows; one after a paragraph that ends a sentence
  // ("1. States … ." then "2. Sovereignty") is not a list of short items going on.
  let flipped = false;
  if (label.style === "number" && words === "heading") {
    const n = Number(label.value);
    if (listNext && n !== 1 && !continuesNumbering(s, n)) listNext = false;
    if (afterSibling && /[。.!?！？]["”’」』)）]*$/.test(open!.text.trim())) {
      afterSibling = false;
      flipped = !listNext;
    }
  }
  if (
    block.kind === "heading" ||
    (words === "heading" && (isChapterStyle(label) || (!afterSibling && !listNext)))
  ) {
    let guessed =
      block.kind !== "heading" && next === null
        ? "a short labelled line at the end of the text, read as a heading with nothing under it"
        : null;
    // What follows settles it when it is numbered as under a heading (1, or this number again).
    const after = next && next.kind !== "heading" ? readOutlineLabel(next.text.trim()) : null;
    if (flipped && !(after?.style === "number" && (after.value === "1" || after.value === label.value)))
      guessed ??= `a short line numbered "${label.printed}" after a paragraph that ends its sentence, read as a heading, not as paragraph ${label.value}`;
    return { kind: "numberedHeading", block, index, label, text: clean, refs, guessed };
  }
  // A number with no full stop ("2 Sovereignty") labels only headings: a long line so numbered is
  // one, guessed.
  if (label.style === "bare" && words === "long")
    return {
      kind: "numberedHeading",
      block,
      index,
      label,
      text: clean,
      refs,
      guessed: `a line numbered like a section heading ("${label.printed} "), with no closing punctuation but longer than a heading (over ${zh ? 40 : 120} characters), read as a heading`,
    };
  const guessed =
    words === "long"
      ? `a labelled line without closing punctuation, too long for a heading (over ${zh ? 40 : 120} characters), read as a paragraph`
      : null;
  if (label.style === "decimal" || label.style === "cjk-comma")
    return { kind: "outlined", block, index, label, body: rest, refs: shifted, text: clean, guessed };
  if (label.style === "bare") return null;
  if (label.paragraph && !r.printedLabel)
    return {
      kind: "numbered",
      block,
      index,
      label: label.paragraph,
      body: rest,
      refs: shifted,
      ...(guessed ? { guessed } : {}),
    };
  // A label the UN rules read ("1.", "(a)"): they place it, as they would have; the guess is said.
  if (guessed && r.label) {
    const l = { block, index, ...labelled(r, r.label), guessed };
    if (r.label.style === "number" && !/^[(（]/.test(r.label.printed)) return { kind: "numbered", ...l };
    return s.levels.length === 0 ? { kind: "looseItem", ...l } : { kind: "subparagraph", ...l };
  }
  return null;
};

/** The label's body and its markers, offsets shifted by what the label took. */
function labelled({ text, refs }: Reading, label: Label): Labelled {
  const body = text.trim().slice(label.length);
  const shift = text.length - text.trimStart().length + label.length;
  return { label, body, refs: refs.map((r) => ({ ...r, at: Math.max(0, r.at - shift) })) };
}

/** "23." opens a numbered paragraph ("(1)" does not: it is a subparagraph label). */
const numbered: Rule = (r) =>
  r.label && r.label.style === "number" && !/^[(（]/.test(r.label.printed)
    ? { kind: "numbered", block: r.block, index: r.index, ...labelled(r, r.label) }
    : null;

/**
 * A subparagraph label with no numbered paragraph open: a list directly under a heading. Its next
 * item ("(b)" after "(a)") is one too, not a subparagraph of the first: an article's definitions
 * are "article 2 (b)", never "2 (a) (b)".
 */
const looseItem: Rule = (r, s) => {
  if (!r.label) return null;
  const item = { kind: "looseItem" as const, block: r.block, index: r.index, ...labelled(r, r.label) };
  if (s.levels.length === 0) return item;
  if (s.levels.length > 1) return null;
  const top = s.drafts[s.levels[0]!.draft];
  const previous = top && /^[(（]/.test(top.label) ? readLabel(top.label) : null;
  return previous &&
    previous.style === r.label.style &&
    nextValue(previous.style, previous.value) === r.label.value
    ? item
    : null;
};

/**
 * What no rule took: a subparagraph of the open paragraph if labelled; else an unnumbered
 * paragraph (a preambular paragraph, an introduction, a bullet principle).
 */
function paragraph(r: Reading): Classified {
  const { block, index, clean, refs, label } = r;
  if (label) return { kind: "subparagraph", block, index, ...labelled(r, label) };
  return { kind: "unnumbered", block, index, text: clean, refs };
}

/** The rules in order of precedence; a block none of them takes is a paragraph (`paragraph`). */
const RULES: Rule[] = [
  note,
  asteriskNote,
  part,
  stateSection,
  documentList,
  artifact,
  unit,
  item,
  outline,
  afterNotes,
  afterBreak,
  dateline,
  heading,
  sourceNote,
  numbered,
  looseItem,
];

/** Heading kind of a block, or null if it reads as a paragraph. */
export function headingKind(s: ParseState, text: string, block: Block): HeadingKind | null {
  const firstTitle = s.sincePart === 0 && !s.stack.some((h) => h.kind === "title");
  // A Markdown heading ("## II. Discussions", as `acquis import` writes an HTML or DOCX heading) is
  // a heading whatever its length or punctuation; its label still says which: a chapter or a
  // section, as the same line without the "#" would be.
  if (block.kind === "heading") return labelledKind(s, text) ?? (firstTitle ? "title" : "plain");
  if (block.kind === "bullet") return null;
  if (readAnnex(text) !== undefined || isAppendix(text)) return "part";
  if (/^(the general assembly|大会)\s*[,，]?$/i.test(text)) return "title";
  if (isPartiesLine(text)) return "inner";
  const zh = s.input.lang === "zh" || CJK.test(text.slice(0, 4));
  const max = zh ? 48 : 160;
  if (text.length === 0 || text.length > max || (zh && text.includes("\n"))) return null;
  if (TERMINAL.test(text) || /[，,；;]$/.test(text)) return null;
  if (/^[[［(（]/.test(text)) return null;
  if (zh && /[。；]/.test(text)) return null;
  if (!zh && /^[a-z]/.test(text)) return null;
  return labelledKind(s, text) ?? (firstTitle ? "title" : "plain");
}

/** A chapter ("II.", "二.") or section ("A.") heading by its label, or null for any other text. */
function labelledKind(s: ParseState, text: string): "chapter" | "section" | null {
  if (isChapter(text)) return "chapter";
  const letter = sectionLetter(text);
  if (!letter) return null;
  // "I." opens a chapter when no roman chapter or section came before it; otherwise it is a section.
  if (letter === "I" && s.chapterRoman === 0 && !s.stack.some((h) => h.kind === "section")) return "chapter";
  return "section";
}

/** Page furniture: a page number, a job number, a bar code, the symbol, a running header. */
function isArtifact(s: ParseState, text: string): boolean {
  const t = text.trim();
  if (/^(\d{1,3}(\s*\/\s*\d{1,3})?|\d{2}-\d{5}(\s*\([A-Z]\))?(\s+\d{6})?|\*\d{7}\*)$/.test(t)) return true;
  if (t === s.input.doc) return true;
  // A repeated title is a running header only where it cuts a sentence in two: a heading that
  // recurs between paragraphs ("Recommended next steps") is a heading.
  if (s.open === null) return false;
  const prev = s.drafts[s.open]!.text.trim();
  if (TERMINAL.test(prev) || /[,，]$/.test(prev)) return false;
  if (t.length < 20 || t.length > 160 || TERMINAL.test(t)) return false;
  const norm = (x: string) => x.toLowerCase().replace(/\s+/g, " ").trim();
  const nt = norm(t);
  if (norm(s.input.title).startsWith(nt)) return true;
  return s.headings.some((h) => norm(h.text).replace(/^\d+\/\d+\.\s*/, "") === nt);
}
