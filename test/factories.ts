/**
 * Factories for table tests: each row states only what differs from a plain paragraph, the way
 * eyecite's tests build citations.
 */
import { addressOf, anchorOf, idOf } from "../core/address/address.ts";
import { symbolSlug } from "../schemas/common.ts";
import type { DocumentRecord, Paragraph } from "../schemas/index.ts";

let seq = 0;

/** A paragraph with sensible defaults; override what the test is about. */
export function paragraph(over: Partial<Paragraph> & { text: string }): Paragraph {
  const doc = over.doc ?? "A/78/265";
  const lang = over.lang ?? "zh";
  const part = over.part ?? [];
  const scope = over.scope ?? null;
  const num = over.num ?? [];
  const address = over.address ?? addressOf(part, scope, num, seq + 1);
  return {
    id: idOf(doc, lang, address),
    address,
    anchor: anchorOf(address),
    doc,
    lang,
    part,
    scope,
    num,
    label: "",
    footnotes: [],
    headings: [],
    parent: null,
    seq: seq++,
    source: { file: `corpus/${symbolSlug(doc)}/${lang}.md`, line: 1 },
    kind: "paragraph",
    flags: [],
    ...over,
  };
}

/** A document record with sensible defaults. */
export function documentRecord(over: Partial<DocumentRecord> & { symbol: string }): DocumentRecord {
  const lang = over.lang ?? "zh";
  return {
    slug: symbolSlug(over.symbol),
    lang,
    title: over.symbol,
    date: "2023-08-01",
    type: "report",
    body: "OEWG 2021-2025",
    status: "consensus",
    source: "test",
    file: `corpus/${symbolSlug(over.symbol)}/${lang}.md`,
    hash: "0".repeat(64),
    paragraphs: 0,
    parts: [[]],
    headings: [],
    ...over,
  };
}
