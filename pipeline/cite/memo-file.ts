/**
 * The cite stage's memo (stage.ts) as the sections of a pack (pipeline/pack.ts) and its pieces
 * (pipeline/memo-pieces.ts), and back. The memo file holds the context; the documents' entries
 * are grouped into pieces by a hash of their version key, each piece its documents'
 * citations.jsonl lines in one byte section, one line each (read back without parsing a JSON
 * array of strings), and their keys, reads and diagnostics as JSON.
 *
 * Decision: after one change, the stage passes the entries of the documents it did not extract
 * again on as the objects it read; a piece all of whose entries are such is carried as it
 * stands in the store (at 200k paragraphs the memo is 36 MB, most of it the lines and the
 * warnings of documents nothing changed). Pure.
 */
import type { Diagnostic } from "../../schemas/index.ts";
import { type PieceIn, PieceOrigins, type PieceOut, shardOf } from "../memo-pieces.ts";
import type { Section } from "../pack.ts";
import type { CiteMemo, CiteMemoDoc } from "./stage.ts";

/** The kind of pack a cite memo is, and its layout's version. */
export const CITE_MEMO = { kind: "acquis cite memo", version: "2" } as const;

/** How many pieces the documents' entries are grouped into. */
const PIECES = 32;

const enc = new TextEncoder();
const dec = new TextDecoder();

/** One document's entry: version key, content key, reads, line count, diagnostics. */
type Row = [string, string, Array<[string, string]>, number, Diagnostic[]];

/** Where each entry read back came from, to carry its piece when nothing in it changed. */
const origins = new PieceOrigins<CiteMemoDoc>();

/** The memo as sections and pieces; `version` is the running code's (pieces carried only within it). */
export function citeMemoSections(
  m: CiteMemo,
  version: string,
): { sections: Record<string, Section>; pieces: PieceOut[] } {
  const groups: Array<Array<[string, CiteMemoDoc]>> = Array.from({ length: PIECES }, () => []);
  for (const [key, d] of m.docs) groups[shardOf(key, PIECES)]!.push([key, d]);
  const pieces: PieceOut[] = [];
  for (const group of groups) {
    if (!group.length) continue;
    const carried = origins.carried(
      group.map(([, d]) => d),
      version,
    );
    if (carried) {
      pieces.push({ carried });
      continue;
    }
    const rows: Row[] = [];
    const lines: string[] = [];
    for (const [key, d] of group) {
      rows.push([key, d.key, d.reads, d.lines.length, d.diagnostics]);
      for (const l of d.lines) lines.push(l);
    }
    // A citations.jsonl line holds no raw newline (JSON escapes it): "\n" separates them safely.
    pieces.push({ sections: { rows: { json: rows }, lines: enc.encode(lines.join("\n")) } });
  }
  return { sections: { meta: { json: { context: m.context } } }, pieces };
}

/** The memo back from its sections and pieces, or null when they are not one. */
export function citeMemoFromSections(
  s: Record<string, Section>,
  pieces: readonly PieceIn[],
  version: string,
): CiteMemo | null {
  const meta = (s.meta as { json?: { context?: unknown } } | undefined)?.json;
  if (!meta || typeof meta.context !== "string") return null;
  const docs = new Map<string, CiteMemoDoc>();
  for (const piece of pieces) {
    // Every entry is needed (the stage checks each document's key and reads): every piece read.
    const sections = piece.sections();
    const rows = (sections.rows as { json?: unknown } | undefined)?.json;
    const blob = sections.lines;
    if (!Array.isArray(rows) || !(blob instanceof Uint8Array)) return null;
    const total = (rows as Row[]).reduce((n, r) => n + r[3], 0);
    const lines = total === 0 ? [] : dec.decode(blob).split("\n");
    if (lines.length !== total) return null;
    let at = 0;
    (rows as Row[]).forEach(([key, content, reads, n, diagnostics], slot) => {
      const entry: CiteMemoDoc = { key: content, reads, lines: lines.slice(at, at + n), diagnostics };
      origins.note(entry, piece.name, slot, version, rows.length, rows.length);
      docs.set(key, entry);
      at += n;
    });
  }
  return { context: meta.context, docs };
}
