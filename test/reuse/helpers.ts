/**
 * Shared helpers for the reuse tests: the real seed parsed as the build does, and a compact,
 * reviewable line per link (the form the golden fixture keeps).
 */

import { extractCitations } from "../../pipeline/cite/extract.ts";
import { referenceSpans, registeredNames } from "../../pipeline/reuse/stage.ts";
import type { Paragraph, Reuse } from "../../schemas/index.ts";
import { loadRegistry } from "../cite/helpers.ts";
import { documentRecord } from "../factories.ts";
import { parseFile } from "../parse/helpers.ts";

export { repoRoot } from "../parse/helpers.ts";

/**
 * The seed A/78/265 (zh), parsed by the real parser, with its document record, and what the
 * build hands the reuse stage besides: its in-text citations and the real registry's names.
 */
export function seed() {
  const parsed = parseFile("corpus/A-78-265/zh.md");
  const corpus = {
    paragraphs: parsed.paragraphs,
    documents: [
      documentRecord({ symbol: "A/78/265", date: "2023-08-01", paragraphs: parsed.paragraphs.length }),
    ],
  };
  const registry = loadRegistry();
  const { citations } = extractCitations({ ...corpus, registry });
  return { ...corpus, references: referenceSpans(citations), names: registeredNames(registry) };
}

/** A link as a reviewer reads it: addresses, kind, score, length, and the later text's spans. */
export interface LinkView {
  from: string;
  to: string;
  kind: Reuse["kind"];
  score: number;
  length: number;
  formula: boolean;
  via: Reuse["via"];
  /** The shared passages as they stand in the later paragraph. */
  shared: string[];
}

export function viewOf(r: Reuse, byId: Map<string, Paragraph>): LinkView {
  const to = byId.get(r.to)!;
  return {
    from: r.from,
    to: r.to,
    kind: r.kind,
    score: r.score,
    length: r.length,
    formula: r.formula,
    via: r.via,
    shared: r.spans.map((s) => to.text.slice(s.to[0], s.to[1])),
  };
}

/** The later text rebuilt from a diff (equal + insert) and the earlier one (equal + delete). */
export function sides(diff: Reuse["diff"]): { from: string; to: string } {
  return {
    from: diff
      .filter((d) => d.op !== "insert")
      .map((d) => d.text)
      .join(""),
    to: diff
      .filter((d) => d.op !== "delete")
      .map((d) => d.text)
      .join(""),
  };
}
