/**
 * Parse stage: corpus Markdown -> paragraphs, headings, footnotes. (Being written; this entry
 * point's signature is the contract.)
 */
import type { Parsed, ParseInput } from "./types.ts";

export type { Parsed, ParseInput } from "./types.ts";

export function parseDocument(input: ParseInput): Parsed {
  void input;
  return { paragraphs: [], headings: [], parts: [[]], diagnostics: [] };
}
