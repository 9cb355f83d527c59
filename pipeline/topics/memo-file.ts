/**
 * The topics memo as a file's sections (pack.ts): the documents' keys, row counts and counts by
 * topic as JSON, and their rows' bytes one after the other, read back as views of the file's
 * bytes (no decoding, no parsing: the writer copies them into topics.json). Pure.
 */
import type { Section } from "../pack.ts";
import type { DocTags, TopicsMemo } from "./incremental.ts";

/** The kind of pack the memo is, and its layout's version. */
export const TOPICS_MEMO = { kind: "acquis topics memo", version: "1" } as const;

interface Meta {
  vocabulary: string;
  /** Per document: its key, rows, counts by topic, and the end of its bytes in `rows`. */
  docs: Array<[string, number, number[], number]>;
}

/** The memo as sections. */
export function topicsMemoSections(m: TopicsMemo): Record<string, Section> {
  const meta: Meta = { vocabulary: m.vocabulary, docs: [] };
  let size = 0;
  for (const t of m.docs.values()) size += t.json.length;
  const rows = new Uint8Array(size);
  let at = 0;
  for (const [key, t] of m.docs) {
    rows.set(t.json, at);
    at += t.json.length;
    meta.docs.push([key, t.rows, t.counts, at]);
  }
  return { meta: { json: meta }, rows };
}

/** The memo from its sections, or null when they are not of this layout's shape. */
export function topicsMemoFromSections(s: Record<string, Section>): TopicsMemo | null {
  const meta = (s.meta as { json?: Meta } | undefined)?.json;
  const rows = s.rows;
  if (!meta || typeof meta.vocabulary !== "string" || !Array.isArray(meta.docs)) return null;
  if (!(rows instanceof Uint8Array)) return null;
  const docs = new Map<string, DocTags>();
  let start = 0;
  for (const d of meta.docs) {
    if (!Array.isArray(d) || d.length !== 4) return null;
    const [key, n, counts, end] = d;
    if (typeof key !== "string" || !Number.isInteger(n) || !Array.isArray(counts)) return null;
    if (!Number.isInteger(end) || end < start || end > rows.length) return null;
    if (!counts.every((c) => Number.isInteger(c))) return null;
    docs.set(key, { json: rows.subarray(start, end), rows: n, counts });
    start = end;
  }
  return start === rows.length ? { vocabulary: meta.vocabulary, docs } : null;
}
