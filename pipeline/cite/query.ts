/**
 * `acquis cite`: a citation a person typed ("A/75/816, annex I, para. 56", "A/75/816，附件一，第
 * 56 段") read with the same grammar as the build, resolved against the corpus, and either the
 * cited paragraphs or a precise account of what could not be found.
 *
 * Decision: the lookup is pure (the command loads the data and prints); every outcome names the
 * document, the part and the paragraph it looked for, and for a missing paragraph lists what the
 * document does have nearby, so a person can correct the citation without opening the file.
 */

import { odsUrl } from "../../core/address/urls.ts";
import type { CharterTarget, CitationStatus, DocTarget, Paragraph } from "../../schemas/index.ts";
import { findCitations } from "./find.ts";
import { type CorpusIndex, resolveCharter, resolveDoc } from "./resolve.ts";

/** One target of the typed citation and what became of it. */
export interface LookupResult {
  target: DocTarget | CharterTarget;
  status: CitationStatus;
  /** The cited paragraph when found. */
  paragraph: Paragraph | null;
  /** Id of a whole document or part when the citation names one. */
  resolved: string | null;
  /** What could not be found, in a sentence; null when found. */
  message: string | null;
  url: string | null;
  candidates: string[];
  /**
   * Labels of paragraphs near a missing one, in the same part ("78", "79", "80"); for a whole
   * document or part, the first paragraphs it holds.
   */
  nearby: string[];
}

export type Lookup =
  | { kind: "unparsed"; query: string; message: string }
  | { kind: "parsed"; query: string; raw: string; results: LookupResult[] };

/** Read and resolve a typed citation. Never throws. */
export function lookupCitation(query: string, index: CorpusIndex): Lookup {
  const lang = /[\u4e00-\u9fff]/.test(query) ? "zh" : "en";
  const found = findCitations(query, index.titles).find(
    (f) => f.kind === "charter" || (f.kind === "doc" && f.ref !== "self"),
  );
  if (!found) {
    return {
      kind: "unparsed",
      query,
      message:
        'No citation could be read. Write a symbol and a pinpoint, e.g. "A/75/816, annex I, para. 56" or "A/75/816，附件一，第 56 段".',
    };
  }
  const raw = query.slice(found.start, found.end);
  if (found.kind === "charter") {
    const r = resolveCharter(found.article, found.para);
    return {
      kind: "parsed",
      query,
      raw,
      results: [
        {
          ...r,
          paragraph: null,
          message: "The UN Charter is not a corpus document; acquis does not hold its text.",
          nearby: [],
        },
      ],
    };
  }
  if (found.kind !== "doc")
    return { kind: "unparsed", query, message: "A short form needs the citation it refers to." };
  const citing = { doc: "", lang, part: [] as string[] };
  const results = found.symbols
    .flatMap((symbol) => found.pins.map((pin) => ({ symbol, pin })))
    .slice(0, found.ref === "title" ? found.pins.length : undefined)
    .map(({ symbol, pin }) => {
      const symbols = found.ref === "title" ? found.symbols : [symbol];
      const r = resolveDoc(symbols, pin, citing, index);
      const paragraph = r.resolved ? (index.byId.get(r.resolved) ?? null) : null;
      return {
        target: r.target,
        status: r.status,
        paragraph,
        resolved: r.resolved,
        message: explain(r.status, r.target, r.problem, index),
        url:
          r.url ??
          (r.status === "resolved" || index.docs.has(r.target.doc) ? null : odsUrl(r.target.doc, lang)),
        candidates: r.candidates,
        nearby:
          r.status === "unknown-paragraph" && "num" in r.target
            ? nearby(r.target, index)
            : r.resolved && !paragraph
              ? contents(r.resolved, index)
              : [],
      };
    });
  return { kind: "parsed", query, raw, results };
}

function explain(
  status: CitationStatus,
  target: DocTarget | CharterTarget,
  problem: string | null,
  index: CorpusIndex,
): string | null {
  const doc = target.doc;
  switch (status) {
    case "resolved":
      return null;
    case "not-in-corpus":
      return `${doc} is known to the registry but not in the corpus, so its text is not here.`;
    case "unknown-document":
      return `${doc} is unknown: neither the corpus nor corpus/registry.yaml has it.`;
    case "unknown-paragraph":
      return index.docs.has(doc) ? `${doc} is in the corpus, but ${problem}.` : `${problem}.`;
    case "ambiguous":
      return `The citation could mean several paragraphs (${problem}); name the part.`;
    default:
      return problem;
  }
}

/** Paragraph labels near a missing one in the same part, and the part's first and last. */
function nearby(target: DocTarget, index: CorpusIndex): string[] {
  const versions = index.docs.get(target.doc);
  if (!versions) return [];
  const v = [...versions.values()][0]!;
  const top = v.paragraphs.filter(
    (p) =>
      p.parent === null &&
      p.num.length > 0 &&
      p.part.length === target.part.length &&
      p.part.every((x, k) => x === target.part[k]),
  );
  if (top.length === 0) return [];
  const n = Number(target.num[0]);
  const labels = top.map((p) => p.num.join("."));
  if (!Number.isFinite(n)) return labels.slice(0, 5);
  const idx = top.findIndex((p) => Number(p.num[0]) >= n);
  const at = idx < 0 ? top.length : idx;
  return labels.slice(Math.max(0, at - 3), at + 3);
}

/** The first paragraphs of a whole document or part, by address. */
function contents(id: string, index: CorpusIndex): string[] {
  const out: string[] = [];
  for (const p of index.byId.values()) {
    if (p.id.startsWith(`${id}/`)) out.push(p.address);
    if (out.length === 8) break;
  }
  return out;
}
