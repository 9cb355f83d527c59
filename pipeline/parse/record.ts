/**
 * A parsed document's record in `documents.json`: its metadata, its outline, who wrote it, and the
 * sections that can be cited as a whole.
 *
 * Decision: sections are read back from the headings and paragraphs the parser already wrote (a
 * heading that opens a numbered section carries its key, a State's section is a part), so the
 * parse cache, which holds headings and paragraphs, holds everything a record needs.
 */

import { partAddress, sectionAddress, stateOfPart } from "../../core/address/address.ts";
import {
  type Author,
  type DocumentRecord,
  type FrontMatter,
  type Heading,
  type Pages,
  type Paragraph,
  type Section,
  symbolSlug,
} from "../../schemas/index.ts";
import { authorOf, readAuthors } from "./authors.ts";
import type { Parsed } from "./types.ts";

/** Widen `pages` to cover `p`. */
function cover(pages: Pages | undefined, p: Pages | undefined): Pages | undefined {
  if (!p) return pages;
  if (!pages) return { ...p };
  return { first: Math.min(pages.first, p.first), last: Math.max(pages.last, p.last) };
}

/**
 * The sections of one document version in reading order: every heading that opens a numbered
 * section, and every State's section. A section's pages run from its heading to the last
 * paragraph before the next heading of its level or above in its part (for a State's section, to
 * the end of its part).
 */
export function sectionsOf(headings: readonly Heading[], paragraphs: readonly Paragraph[]): Section[] {
  const out: Section[] = [];
  const taken = new Set<string>();
  headings.forEach((h, i) => {
    const state = h.role === "state" ? stateOfPart(h.part.at(-1)) : null;
    if (!h.section && !state) return;
    const partKey = h.part.join("\u0000");
    let address = state ? partAddress(h.part) : sectionAddress(h.part, h.section!);
    // The same key twice in one part (a paper that restarts its lettering): the later one is "~2".
    if (taken.has(address)) {
      let k = 2;
      while (taken.has(`${address}~${k}`)) k++;
      address = `${address}~${k}`;
    }
    taken.add(address);
    const end = state
      ? Number.POSITIVE_INFINITY
      : (headings
          .slice(i + 1)
          .find((n) => n.part.join("\u0000") === partKey && n.role !== "dateline" && n.depth <= h.depth)
          ?.source.line ?? Number.POSITIVE_INFINITY);
    let pages: Pages | undefined = h.page ? { first: h.page, last: h.page } : undefined;
    for (const p of paragraphs) {
      const inPart = state
        ? p.part.length >= h.part.length && h.part.every((x, k) => p.part[k] === x)
        : p.part.join("\u0000") === partKey;
      if (inPart && p.source.line > h.source.line && p.source.line < end) pages = cover(pages, p.pages);
    }
    const section: Section = {
      address,
      kind: state ? "state" : "numbered",
      part: h.part,
      key: state ? null : h.section!,
      label: h.label ?? "",
      title: h.text,
      anchor: h.anchor,
    };
    const author = state ? authorOf(state) : null;
    if (author) section.state = author;
    if (pages) section.pages = pages;
    out.push(section);
  });
  return out;
}

/** A document as loaded, as far as its record needs it. */
export interface RecordSource {
  file: string;
  meta: FrontMatter;
}

/**
 * The record of one parsed document in documents.json.
 * @param sections its sections when already known (the parse cache keeps them: build/entry.ts)
 */
export function documentRecord(
  doc: RecordSource,
  hash: string,
  parsed: Parsed,
  sections: Section[] = sectionsOf(parsed.headings, parsed.paragraphs),
): DocumentRecord {
  const m = doc.meta;
  const authors: Author[] = readAuthors(m.authors ?? []).authors;
  return {
    symbol: m.symbol,
    slug: symbolSlug(m.symbol),
    lang: m.lang,
    title: m.title,
    date: m.date,
    type: m.type,
    body: m.body,
    status: m.status,
    source: m.source,
    file: doc.file,
    hash,
    paragraphs: parsed.paragraphs.length,
    parts: parsed.parts,
    headings: parsed.headings,
    authors,
    sections,
  };
}
