/**
 * The end of a document: scopes settled now that every list is known, then every draft addressed
 * and turned into a paragraph of the data contract.
 *
 * Decisions: a part whose numbering restarted holds several lists, so its first list becomes
 * "list-1" only once the restart is seen; subparagraphs and source notes take their top
 * paragraph's scope. Unnumbered paragraphs are addressed by position in their numbered section
 * (`@2.2/u1`: the section's key is their scope), or in their part outside any
 * (`annex/annex-c/u4`), so a paragraph added to one section renumbers nothing in another; entries
 * by position in their part (`…/e3`), a source note by the item it sources (`…/1.b/source`). An
 * address taken twice gets "~2" and a warning, so ids stay unique.
 */

import { addressOf, anchorOf, idOf } from "../../../core/address/address.ts";
import type { Diagnostic, Heading, Lang, Paragraph } from "../../../schemas/index.ts";
import { diag } from "../../diagnostics.ts";
import type { Draft, ParseState, StructureOutput } from "./state.ts";

/** Settle scopes, address the drafts and return the stage's output. */
export function finish(s: ParseState): StructureOutput {
  const { drafts } = s;
  settleScopes(s);
  const { file, lineOffset, doc, lang } = s.input;
  const paragraphs = toParagraphs(drafts, { file, lineOffset, doc, lang }, s.diagnostics);
  const headings: Heading[] = s.headings.map(({ kind: _kind, ...h }) => h);
  const parts: string[][] = [];
  for (const p of s.parts) if (!parts.some((q) => q.join("/") === p.join("/"))) parts.push(p);
  return { paragraphs, headings, parts, diagnostics: s.diagnostics };
}

function settleScopes(s: ParseState): void {
  const { drafts } = s;
  for (const nb of s.numbering.values()) {
    for (const k of nb.mainDrafts) {
      const d = drafts[k]!;
      if (nb.sectionScoped && d.section !== null) d.scope = d.section;
      else if (nb.lists > 1) d.scope = "list-1";
    }
  }
  for (const d of drafts) {
    if (d.parent !== null && d.scope === null) d.scope = drafts[d.parent]!.scope;
  }
  // Subparagraphs inherit their top paragraph's scope even when it was set after them.
  for (const d of drafts) {
    if (d.kind === "paragraph" && d.num.length > 1) {
      let p = d.parent;
      while (p !== null && drafts[p]!.parent !== null && drafts[p]!.kind === "paragraph")
        p = drafts[p]!.parent;
      if (p !== null) d.scope = drafts[p]!.scope;
    }
  }
}

function toParagraphs(
  drafts: Draft[],
  ctx: { file: string; lineOffset: number; doc: string; lang: Lang },
  diagnostics: Diagnostic[],
): Paragraph[] {
  const ids: string[] = [];
  const seen = new Set<string>();
  const unnumbered = new Map<string, number>();
  const addresses: string[] = [];
  for (const d of drafts) {
    let address: string;
    if (d.kind === "source-note" && d.parent !== null) address = `${addresses[d.parent]}/source`;
    else if (d.kind === "entry")
      address = `${d.part.map((p) => p.toLowerCase().replace(/\s+/g, "-")).join("/")}/e${d.ordinal}`;
    else if (d.num.length) address = addressOf(d.part, d.scope, d.num);
    else {
      // Only under a numbered heading: a plain heading's words differ between languages and give
      // no address both versions share.
      d.scope = d.section;
      const key = `${d.part.join("/")}\u0000${d.section ?? ""}`;
      const n = (unnumbered.get(key) ?? 0) + 1;
      unnumbered.set(key, n);
      address = addressOf(d.part, d.section, [], n);
    }
    if (seen.has(address)) {
      let k = 2;
      while (seen.has(`${address}~${k}`)) k++;
      diagnostics.push(
        diag(
          "parse/numbering-irregular",
          { file: ctx.file, line: d.line + ctx.lineOffset, column: 1 },
          `Address ${address} is already taken by an earlier paragraph; this one becomes ${address}~${k}.`,
          "Check the numbering of the paragraphs around this line.",
        ),
      );
      address = `${address}~${k}`;
    }
    seen.add(address);
    addresses.push(address);
    ids.push(idOf(ctx.doc, ctx.lang, address));
  }
  return drafts.map((d, k) => ({
    id: ids[k]!,
    address: addresses[k]!,
    anchor: anchorOf(addresses[k]!),
    doc: ctx.doc,
    lang: ctx.lang,
    part: d.part,
    scope: d.scope,
    num: d.num,
    label: d.label,
    text: d.text,
    footnotes: d.footnotes,
    headings: d.headings,
    parent: d.parent === null ? null : ids[d.parent]!,
    seq: k,
    source: { file: ctx.file, line: d.line + ctx.lineOffset, endLine: d.endLine + ctx.lineOffset },
    kind: d.kind,
    flags: [...d.flags].sort(),
    ...(d.items.length ? { items: d.items } : {}),
    ...(d.pages ? { pages: d.pages } : {}),
  }));
}
