/**
 * Markdown -> flat blocks. micromark (the tokenizer under remark-parse) gives the block structure
 * (paragraphs, list items, headings) as events with positions; this module reads the events
 * straight into one block per paragraph of source text, with the printed list marker read back
 * from the source (a UN document's printed numbers are what people cite).
 *
 * Decision: no mdast tree. The blocks are what remark-parse's tree flattened gave (text, positions,
 * markers, pages: a property test holds this reader to that one, `test/parse/blocks-reference.ts`),
 * but building the tree (mdast-util-from-markdown: a node, a position and a context object per
 * event, lists re-spliced) was a sixth of a parse worker's time for nodes read once and dropped.
 * The reader is mdast-util-from-markdown's compiler cut to what a block needs: a table of enter
 * and exit handlers keyed by token type over one state object, the same rules for which text
 * counts (data, escapes, line endings where a paragraph, heading or label may hold them, a hard
 * break as a line end, an image as its alt text, a link as its text, a link's URL and title not).
 *
 * Inline Markdown becomes plain text. The corpus is the text as issued, so micromark reads only the
 * inline syntax the corpus format defines on purpose (README, "The corpus"): a link's text without
 * its URL ([A/77/275](#) -> A/77/275), an autolink's URL without its angle brackets (the seed
 * writes "(<https://meetings.unoda.org/...>)" where the document prints the bare URL), a pair of
 * `**` on one line dropped as bold (boldDelimiter), an image's alt text (a converted figure), a backslash escape (what `acquis import` writes before a
 * character Markdown would eat), raw HTML kept as literal text (never interpreted, warned). Every
 * other inline construct is switched off, so its characters stay as printed: `*`/`_` emphasis
 * ("{{7*7}}", "__proto__"), inline code, character references ("&amp;"), a backslash
 * before a line end, and link definitions (which made "[^1]" a link reference and ate its
 * brackets).
 *
 * Page marks: `acquis import` writes where each page of a PDF begins as an HTML comment,
 * `<!-- page 58 -->`, on a line of its own between blocks or inline where a page turns inside a
 * paragraph. They are the corpus format's own (a reader of the Markdown never sees them, and the
 * converter escapes any "<" of the text, so a document's words can never form one): they are not
 * text, and become each block's `page` and `pageEnd`.
 */
import { parse, postprocess, preprocess } from "micromark";
import type { Construct, Event, Extension, Point, State, Token } from "micromark-util-types";

export interface Block {
  /** Plain text of the block, list marker of an ordered item included ("4. 裁军…"). */
  text: string;
  /** 1-based line in the Markdown input. */
  line: number;
  endLine: number;
  /** 1-based column of the first character of the text. */
  column: number;
  /** "bullet" for "- x" / "* x" list items, "heading" for "# x", else "text". */
  kind: "text" | "bullet" | "heading";
  /** The bullet character as printed ("-", "*", "+"), for bullet items. */
  bullet?: string;
  /** True when the block contained raw HTML (kept as literal text). */
  html?: boolean;
  /** The page of the original the block starts on, when the file marks pages. */
  page?: number;
  /** The page it ends on, when a page mark stands inside it. */
  pageEnd?: number;
}

/** A page mark: `<!-- page 58 -->`. */
export const PAGE_MARK = /^<!--\s*page\s+(\d{1,5})\s*-->$/;

/** What the flattening carries from block to block: the page now running. */
interface Flow {
  page?: number;
}

/** micromark constructs the corpus format does not define: read as the characters they are. */
export const DISABLED_CONSTRUCTS = [
  "attention",
  "characterReference",
  "codeText",
  "definition",
  "hardBreakEscape",
] as const;

declare module "micromark-util-types" {
  interface TokenTypeMap {
    /** A `**` bold delimiter of the corpus format (boldDelimiter). */
    acquisBoldSequence: "acquisBoldSequence";
  }
}

const ASTERISK = 42;
/** Longest text a `**` pair may hold: a bold run-in heading, never a paragraph. */
const MAX_BOLD = 500;

/**
 * `**` as the corpus format reads it: exactly two asterisks, paired with the next `**` on the
 * same line, are bold delimiters and leave the text; any other run of asterisks is text. This
 * replaces CommonMark emphasis (switched off: it ate "{{7*7}}" and "__proto__") and reads what
 * CommonMark did not close ("**访问权限和参与。**参与", bold ending on CJK punctuation). An
 * escaped asterisk ("\*\*", what `acquis import` writes for asterisks as printed) is text.
 */
const boldDelimiter: Construct = {
  name: "acquisBold",
  tokenize(effects, ok, nok) {
    const previous = this.previous;
    const start: State = (code) => {
      if (code !== ASTERISK || previous === ASTERISK) return nok(code);
      effects.enter("acquisBoldSequence");
      effects.consume(code);
      return second;
    };
    const second: State = (code) => {
      if (code !== ASTERISK) return nok(code);
      effects.consume(code);
      return after;
    };
    // A third asterisk makes the run text.
    const after: State = (code) => {
      if (code === ASTERISK) return nok(code);
      effects.exit("acquisBoldSequence");
      return ok(code);
    };
    return start;
  },
  // Pair delimiters in order on one line; an unpaired one goes back to being text. A paired one
  // has a token type mdast-util-from-markdown does not know, so it adds nothing to the text.
  resolveAll(events) {
    let open: number | null = null;
    const asText = (i: number) => {
      events[i]![1].type = "data";
    };
    for (let i = 0; i < events.length; i++) {
      const [kind, token] = events[i]!;
      if (kind !== "enter") continue;
      if (token.type === "lineEnding" && open !== null) {
        asText(open);
        open = null;
      }
      if (token.type !== "acquisBoldSequence") continue;
      if (open === null) open = i;
      else if (token.start.offset - events[open]![1].end.offset <= MAX_BOLD) open = null;
      else {
        asText(open);
        open = i;
      }
    }
    if (open !== null) asText(open);
    return events;
  },
};

/** The corpus format's syntax: CommonMark less the constructs it does not define, plus `**`. */
export const corpusExtension: Extension = {
  disable: { null: [...DISABLED_CONSTRUCTS] },
  text: { [ASTERISK]: boldDelimiter },
};

/** micromark's events for `markdown`, read with the corpus format's syntax. */
function events(markdown: string): Event[] {
  return postprocess(
    parse({ extensions: [corpusExtension] })
      .document()
      .write(preprocess()(markdown, undefined, true)),
  );
}

/**
 * Where text goes while the events are read, as mdast-util-from-markdown's stack does: a paragraph
 * or heading, a label (a link's text, an image's alt), a node whose text is not a block's (code,
 * HTML, a URL or title: kept or dropped at its exit), or a container (which holds no text).
 */
interface Sink {
  text: string;
  /** A line ending inside it is text (mdast's `canContainEols`: paragraph, heading, fragment). */
  eols: boolean;
  /**
   * Read as an image's alt text (mdast-util-to-string): HTML is text whatever it says, a hard
   * break is nothing. Otherwise as a block's text: a page mark turns the page, a break is "\n".
   */
  alt: boolean;
  /** For a link or image: its label's text once read. */
  isImage?: boolean;
}

/** A paragraph or heading being read. */
interface Open extends Sink {
  kind: "text" | "heading";
  start: Point;
  /** The page running where it starts. */
  first: number | undefined;
  /** The list marker it carries, as the first block of a list item. */
  item: string | null;
  html: boolean;
}

/**
 * A container's children as mdast would list them, for the list marker: a list item's first child
 * carries its item's marker; a block quote hands what it was handed to every child (as the tree
 * walk did); the root hands nothing.
 */
interface Container {
  kind: "root" | "quote" | "list";
  /** quote: the marker it was handed. list: the current item's marker. */
  item: string | null;
  /** list: children of the current item so far; -1 before the first item. */
  children: number;
  /** list: where the current item starts, for an empty item's block. */
  itemStart: Point | null;
}

/** The reader's one state object. */
interface ReadState {
  src: string;
  out: Block[];
  flow: Flow;
  sinks: Sink[];
  containers: Container[];
  /** The paragraph or heading being read. */
  block: Open | null;
  /** A hard break was just read: the line ending after it is not text again. */
  atHardBreak: boolean;
  /** Between a setext heading's text and its underline: that line ending is not text. */
  setextSlurp: boolean;
  /** A fenced code block's opening fence was read: its content follows. */
  codeInside: boolean;
  /** Whatever a handler of a code or HTML node or a definition began with: its start. */
  nodeStart: Point[];
}

type Handler = (s: ReadState, token: Token, event: Event) => void;

const top = (s: ReadState): Sink => s.sinks[s.sinks.length - 1]!;

/** A new child of the innermost container; returns the list marker it carries (see Container). */
function child(s: ReadState): string | null {
  const c = s.containers[s.containers.length - 1]!;
  if (c.kind === "quote") return c.item;
  if (c.kind === "list") return c.children++ === 0 ? c.item : null;
  return null;
}

/** A list item with no content is its marker alone (as the tree walk wrote it). */
function endItem(s: ReadState, list: Container): void {
  if (list.children !== 0 || list.itemStart === null) return;
  const pos = list.itemStart;
  const block: Block = {
    text: list.item ?? "",
    line: pos.line,
    endLine: pos.line,
    column: pos.column,
    kind: "text",
  };
  s.out.push(paged(block, s.flow.page, s.flow));
}

const pushSink = (s: ReadState): void => {
  s.sinks.push({ text: "", eols: true, alt: false });
};
const popSink = (s: ReadState): void => {
  s.sinks.pop();
};
const appendData: Handler = (s, token, event) => {
  top(s).text += event[2].sliceSerialize(token);
};

/** A paragraph or heading: its text is read into a sink of its own. */
const openBlock =
  (kind: Open["kind"]): Handler =>
  (s, token) => {
    const item = child(s);
    const open: Open = {
      text: "",
      eols: true,
      alt: false,
      kind,
      start: token.start,
      first: s.flow.page,
      item,
      html: false,
    };
    s.block = open;
    s.sinks.push(open);
  };

const closeBlock: Handler = (s, token) => {
  const open = s.sinks.pop() as Open;
  s.block = null;
  const block: Block = {
    text: open.text,
    line: open.start.line,
    endLine: token.end.line,
    column: open.start.column,
    kind: open.kind,
  };
  if (open.html) block.html = true;
  if (open.item !== null) {
    if (open.item === "-" || open.item === "*" || open.item === "+") {
      block.kind = "bullet";
      block.bullet = open.item;
    } else {
      block.text = `${open.item} ${block.text}`;
    }
  }
  s.out.push(paged(block, open.first, s.flow));
};

/** Code and HTML blocks: their text is the block; an HTML block that is a page mark turns the page. */
function openNode(s: ReadState, token: Token): void {
  child(s);
  s.nodeStart.push(token.start);
}

const closeNode = (s: ReadState, token: Token, value: string, html: boolean): void => {
  const start = s.nodeStart.pop()!;
  if (html) {
    const mark = PAGE_MARK.exec(value.trim());
    if (mark) {
      s.flow.page = Number(mark[1]);
      return;
    }
  }
  const block: Block = {
    text: value,
    line: start.line,
    endLine: token.end.line,
    column: start.column,
    kind: "text",
  };
  if (html) block.html = true;
  s.out.push(paged(block, s.flow.page, s.flow));
};

/** A link or an image: its label's text stands where it stands; the URL and title do not. */
const openLink =
  (isImage: boolean): Handler =>
  (s) => {
    s.sinks.push({ text: "", eols: false, alt: top(s).alt, isImage });
  };
const closeLink: Handler = (s) => {
  const link = s.sinks.pop()!;
  top(s).text += link.text;
};

/** Handlers by token type; a type with none (markers, prefixes, whitespace) adds nothing. */
const enter: Record<string, Handler> = Object.assign(Object.create(null), {
  paragraph: openBlock("text"),
  atxHeading: openBlock("heading"),
  setextHeading: openBlock("heading"),
  blockQuote(s) {
    const item = child(s);
    s.containers.push({ kind: "quote", item, children: 0, itemStart: null });
  },
  listOrdered: openList,
  listUnordered: openList,
  listItemPrefix(s, token) {
    const list = s.containers[s.containers.length - 1]!;
    endItem(s, list);
    list.item = readMarker(s.src, token.start.offset);
    list.children = 0;
    list.itemStart = token.start;
  },
  thematicBreak(s) {
    child(s);
  },
  codeFenced(s, token) {
    openNode(s, token);
    // The fence line's own text (info, meta) is not the code: the sink takes text once the
    // opening fence is read (codeFencedFence).
    s.sinks.push({ text: "", eols: false, alt: false });
    s.codeInside = false;
  },
  codeIndented(s, token) {
    openNode(s, token);
    pushSink(s);
  },
  htmlFlow(s, token) {
    openNode(s, token);
    pushSink(s);
  },
  definition(s, token) {
    openNode(s, token);
    pushSink(s);
  },
  codeFencedFenceInfo: pushSink,
  codeFencedFenceMeta: pushSink,
  htmlText: pushSink,
  link: openLink(false),
  image: openLink(true),
  label(s) {
    const owner = top(s);
    s.sinks.push({ text: "", eols: true, alt: owner.alt || owner.isImage === true });
  },
  resourceDestinationString: pushSink,
  resourceTitleString: pushSink,
  referenceString: pushSink,
} satisfies Record<string, Handler>);

function openList(s: ReadState): void {
  child(s);
  s.containers.push({ kind: "list", item: null, children: -1, itemStart: null });
}

const exit: Record<string, Handler> = Object.assign(Object.create(null), {
  paragraph: closeBlock,
  atxHeading: closeBlock,
  setextHeading(s, token, event) {
    s.setextSlurp = false;
    closeBlock(s, token, event);
  },
  setextHeadingText(s) {
    s.setextSlurp = true;
  },
  blockQuote(s) {
    s.containers.pop();
  },
  listOrdered: closeList,
  listUnordered: closeList,
  data: appendData,
  characterEscapeValue: appendData,
  autolinkProtocol: appendData,
  autolinkEmail: appendData,
  codeFlowValue: appendData,
  htmlFlowData: appendData,
  htmlTextData: appendData,
  lineEnding(s, token, event) {
    if (s.atHardBreak) {
      s.atHardBreak = false;
      return;
    }
    const sink = top(s);
    if (!s.setextSlurp && sink.eols) sink.text += event[2].sliceSerialize(token);
  },
  hardBreakTrailing(s) {
    const sink = top(s);
    if (!sink.alt) sink.text += "\n";
    s.atHardBreak = true;
  },
  codeFencedFence(s) {
    if (s.codeInside) return;
    top(s).eols = true;
    s.codeInside = true;
  },
  codeFencedFenceInfo: popSink,
  codeFencedFenceMeta: popSink,
  codeFenced(s, token) {
    const value = s.sinks.pop()!.text.replace(/^(\r?\n|\r)|(\r?\n|\r)$/g, "");
    s.codeInside = false;
    closeNode(s, token, value, false);
  },
  codeIndented(s, token) {
    closeNode(s, token, s.sinks.pop()!.text.replace(/(\r?\n|\r)$/g, ""), false);
  },
  htmlFlow(s, token) {
    closeNode(s, token, s.sinks.pop()!.text, true);
  },
  definition(s, token) {
    // Switched off (DISABLED_CONSTRUCTS); were it read, its source text would still be kept.
    s.sinks.pop();
    const start = s.nodeStart[s.nodeStart.length - 1]!;
    closeNode(s, token, s.src.slice(start.offset, token.end.offset), false);
  },
  htmlText(s) {
    const value = s.sinks.pop()!.text;
    const sink = top(s);
    if (!sink.alt) {
      // A page turning inside the paragraph: the page runs on, the mark is not text.
      const mark = PAGE_MARK.exec(value.trim());
      if (mark) {
        s.flow.page = Number(mark[1]);
        return;
      }
      if (s.block) s.block.html = true;
    }
    sink.text += value;
  },
  label(s) {
    const label = s.sinks.pop()!;
    top(s).text = label.text;
  },
  link: closeLink,
  image: closeLink,
  resourceDestinationString: popSink,
  resourceTitleString: popSink,
  referenceString: popSink,
} satisfies Record<string, Handler>);

function closeList(s: ReadState): void {
  const list = s.containers.pop()!;
  endItem(s, list);
}

/** Parse Markdown into flat blocks in reading order. */
export function toBlocks(markdown: string): Block[] {
  const s: ReadState = {
    src: markdown,
    out: [],
    flow: {},
    sinks: [{ text: "", eols: false, alt: false }],
    containers: [{ kind: "root", item: null, children: 0, itemStart: null }],
    block: null,
    atHardBreak: false,
    setextSlurp: false,
    codeInside: false,
    nodeStart: [],
  };
  const all = events(markdown);
  for (let i = 0; i < all.length; i++) {
    const event = all[i]!;
    const handler = (event[0] === "enter" ? enter : exit)[event[1].type];
    if (handler) handler(s, event[1], event);
  }
  return s.out;
}

/** Stamp a block with the page it starts on and, when a mark stood inside it, the page it ends on. */
function paged(block: Block, first: number | undefined, flow: Flow): Block {
  if (first !== undefined) block.page = first;
  if (flow.page !== undefined && flow.page !== first) {
    block.page ??= flow.page;
    if (flow.page !== block.page) block.pageEnd = flow.page;
  }
  return block;
}

/** The list marker as printed at `offset`: "4.", "12)", "-", "*". */
function readMarker(src: string, offset: number): string {
  const m = /^[ \t]*(\d{1,9}[.)]|[-*+])/.exec(src.slice(offset, offset + 16));
  return m?.[1] ?? "";
}
