/**
 * The cite stage's memo (stage.ts) as the sections of a pack (pipeline/pack.ts) and back: every
 * document's citations.jsonl lines in one byte section, one line each, read back without parsing
 * a JSON array of strings; the rest (keys, the documents each one read, diagnostics) as JSON. Pure.
 */
import type { Diagnostic } from "../../schemas/index.ts";
import type { Section } from "../pack.ts";
import type { CiteMemo, CiteMemoDoc } from "./stage.ts";

/** The kind of pack a cite memo is, and its layout's version. */
export const CITE_MEMO = { kind: "acquis cite memo", version: "1" } as const;

const enc = new TextEncoder();
const dec = new TextDecoder();

/** One document's entry: version key, content key, reads, line count, diagnostics. */
type Row = [string, string, Array<[string, string]>, number, Diagnostic[]];

/** The memo as sections. */
export function citeMemoSections(m: CiteMemo): Record<string, Section> {
  const rows: Row[] = [];
  const lines: string[] = [];
  for (const [version, d] of m.docs) {
    rows.push([version, d.key, d.reads, d.lines.length, d.diagnostics]);
    for (const l of d.lines) lines.push(l);
  }
  // A citations.jsonl line holds no raw newline (JSON escapes it): "\n" separates them safely.
  return { meta: { json: { context: m.context, rows } }, lines: enc.encode(lines.join("\n")) };
}

/** The memo back from its sections, or null when they are not one. */
export function citeMemoFromSections(s: Record<string, Section>): CiteMemo | null {
  const meta = (s.meta as { json?: { context?: unknown; rows?: unknown } } | undefined)?.json;
  const blob = s.lines;
  if (!meta || typeof meta.context !== "string" || !Array.isArray(meta.rows) || !(blob instanceof Uint8Array))
    return null;
  const rows = meta.rows as Row[];
  const total = rows.reduce((n, r) => n + r[3], 0);
  const lines = total === 0 ? [] : dec.decode(blob).split("\n");
  if (lines.length !== total) return null;
  const docs = new Map<string, CiteMemoDoc>();
  let at = 0;
  for (const [version, key, reads, n, diagnostics] of rows) {
    docs.set(version, { key, reads, lines: lines.slice(at, at + n), diagnostics });
    at += n;
  }
  return { context: meta.context, docs };
}
