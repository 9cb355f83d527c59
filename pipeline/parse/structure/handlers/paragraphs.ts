/**
 * Handlers for paragraphs: numbered, subparagraphs, unnumbered (preambular or not), and the source
 * notes that follow a paragraph. Where a number or label goes is numbering.ts's call.
 */
import type { Paragraph } from "../../../../schemas/index.ts";
import { diag } from "../../../diagnostics.ts";
import { labelIsIrregular } from "../../labels.ts";
import { isPartiesLine, isPreambleHeading, opensLikePreamble, opensOperative } from "../articles.ts";
import { placeLabel, placeNumber } from "../numbering.ts";
import { addRefs, at, currentSection, newDraft, numberingOf, type ParseState } from "../state.ts";
import { closeNumberedSibling, closeSiblingHeading, guessed, itemsIn, type WithItems } from "./national.ts";
import type { Handler } from "./types.ts";

/**
 * Give draft `k` the bullet items its block carried on lines of their own ("States agreed:\n• …"),
 * and the markers of its text; the items stay open for bullets in the blocks after it.
 */
function withItems(s: ParseState, k: number, w: WithItems, block: Parameters<typeof addRefs>[3]): void {
  s.drafts[k]!.items = w.items.map((it, i) => ({ n: i + 1, ...it }));
  addRefs(s, w.refs, { draft: k }, block);
  s.items = w.items.length ? { draft: k } : null;
}

type Flags = Set<Paragraph["flags"][number]>;

/**
 * An unlabelled paragraph: an introduction, a bullet principle, addressed by position in its part
 * (`annex/annex-c/u4`). In a preamble, a preambular paragraph, numbered by position (`preamble/2`,
 * `annex/preamble/2` under a "Preamble" heading in an annex), until the first operative paragraph. It closes the previous paragraph's list.
 */
export const unnumbered: Handler<"unnumbered"> = (s, { text: raw, refs: rawRefs, block }) => {
  const w = itemsIn(raw, rawRefs, false);
  const text = w.text;
  let part = [...s.part];
  let num: string[] = [];
  const flags: Flags = new Set();
  // The first operative paragraph ends the preamble (articles.ts): "Now, therefore," / "因此现在……",
  // or a paragraph that ends a sentence where preambular ones end on a comma.
  const inPreamble = s.preamble.open && !s.article && (s.part.length === 0 || s.preamble.headed);
  if (inPreamble && s.preamble.open && opensOperative(text)) {
    s.preamble.open = false;
    if (opensLikePreamble(text) && s.preamble.count > 0)
      guessed(
        s,
        block,
        "a paragraph that opens as preambular ones do but ends a sentence, read as the first of the operative part",
      );
    // A "Preamble" heading heads the preamble only, not the operative part after it.
    s.stack = s.stack.filter((h) => !isPreambleHeading(h.text) && !isPartiesLine(h.text));
  }
  if (inPreamble && s.preamble.open) {
    s.preamble.count++;
    part = [...s.part, "preamble"];
    num = [String(s.preamble.count)];
    flags.add("preamble");
  }
  const k = newDraft(s, {
    part,
    scope: null,
    num,
    label: "",
    text,
    parent: null,
    block,
    kind: "paragraph",
    flags,
  });
  if (flags.has("preamble") && !s.parts.some((p) => p.join("/") === part.join("/"))) s.parts.push(part);
  withItems(s, k, w, block);
  s.levels = [];
  s.open = k;
};

/**
 * A bracketed reference after a paragraph sources it (annex B): addressed by the paragraph it
 * sources (`annex/annex-b/1.b/source`). It does not interrupt the list, and a page break after it
 * still belongs to the paragraph, which stays open.
 */
export const sourceNote: Handler<"sourceNote"> = (s, { owner, text, refs, block }) => {
  const k = newDraft(s, {
    part: [...s.part],
    scope: null,
    num: [],
    label: "",
    text,
    parent: owner,
    block,
    kind: "source-note",
  });
  addRefs(s, refs, { draft: k }, block);
};

/**
 * A numbered paragraph ("23."): placed in its part's numbering (a restart opens a scope, a repeat
 * is renumbered and warned), it opens a new list and ends a resolution's preamble.
 */
export const numbered: Handler<"numbered"> = (
  s,
  { label, body: raw, refs: rawRefs, block, guessed: why },
) => {
  if (why) guessed(s, block, why);
  closeNumberedSibling(s, Number(label.value), block);
  const w = itemsIn(raw, rawRefs, false);
  const body = w.text;
  s.preamble.open = false;
  const placed = placeNumber(s, Number(label.value), block);
  const flags: Flags = new Set();
  if (placed.renumbered) flags.add("renumbered");
  if (labelIsIrregular(label)) {
    s.diagnostics.push(
      diag(
        "parse/numbering-irregular",
        at(s, block.line, block.column),
        `Label "${label.printed}" lacks the full stop its siblings have; read as number ${label.value}.`,
        "Nothing to do unless the conversion dropped text here.",
      ),
    );
  }
  const k = newDraft(s, {
    part: [...s.part],
    scope: placed.scope,
    num: [String(placed.value)],
    label: label.printed,
    text: body,
    parent: null,
    block,
    kind: "paragraph",
    flags,
  });
  if (placed.scope === null) numberingOf(s, s.part).mainDrafts.push(k);
  withItems(s, k, w, block);
  s.levels = [{ style: "number", value: String(placed.value), draft: k }];
  s.open = k;
};

/**
 * A subparagraph ("(f)", "(ii)", "(一)") of the open paragraph: placed at the level of the open
 * list it continues, or a new level (numbering.ts); it shares its top paragraph's scope.
 */
export const subparagraph: Handler<"subparagraph"> = (
  s,
  { label, body: raw, refs: rawRefs, block, guessed: why },
) => {
  if (why) guessed(s, block, why);
  const w = itemsIn(raw, rawRefs, false);
  const body = w.text;
  const placed = placeLabel(s, label, block);
  const top = s.drafts[s.levels[0]!.draft]!;
  const flags: Flags = new Set();
  if (placed.renumbered) flags.add("renumbered");
  const k = newDraft(s, {
    part: [...s.part],
    scope: top.scope,
    num: placed.num,
    label: label.printed,
    text: body,
    parent: placed.parent,
    block,
    kind: "paragraph",
    flags,
  });
  s.levels[s.levels.length - 1]!.draft = k;
  withItems(s, k, w, block);
  s.open = k;
};

/**
 * A subparagraph label with no numbered paragraph open (a list directly under a heading): the
 * label's value is its number, and it opens a list of its own.
 */
export const looseItem: Handler<"looseItem"> = (
  s,
  { label, body: raw, refs: rawRefs, block, guessed: why },
) => {
  if (why) guessed(s, block, why);
  closeSiblingHeading(s, label.style);
  const w = itemsIn(raw, rawRefs, false);
  const body = w.text;
  // Such a list starts again under every heading: within a numbered section it is counted there
  // ("@2/a"), so two sections' (a) never share an address.
  const k = newDraft(s, {
    part: [...s.part],
    scope: currentSection(s),
    num: [label.value],
    label: label.printed,
    text: body,
    parent: null,
    block,
    kind: "paragraph",
  });
  withItems(s, k, w, block);
  s.levels = [{ style: "number", value: label.value, draft: k }];
  s.open = k;
};
