/**
 * A citation a person typed ("A/75/816, annex I, para. 56", "A/75/816，附件一，第 56 段") read with
 * the same grammar as the build, resolved against the corpus, and either the cited paragraphs or
 * a precise account of what could not be found: `acquis cite` and the site's resolver both run
 * this lookup, so they answer alike.
 *
 * Decision: the lookup is pure (the command loads the data and prints; the page fetches and
 * draws); every outcome names the document, the part and the paragraph it looked for, and for a
 * missing paragraph lists what the document does have nearby, so a person can correct the
 * citation without opening the file.
 */

import type { CharterTarget, CitationStatus, DocTarget } from "../../schemas/index.ts";
import { odsUrl } from "../address/urls.ts";
import { type Found, findCitations } from "./find.ts";
import { pinpointEn } from "./format.ts";
import {
  type CiteDocument,
  type CiteParagraph,
  type CorpusIndex,
  resolveCharter,
  resolveDoc,
} from "./resolve.ts";
import type { TitleMatcher } from "./titles.ts";

/** One target of the typed citation and what became of it. */
export interface LookupResult<P extends CiteParagraph = CiteParagraph> {
  target: DocTarget | CharterTarget;
  status: CitationStatus;
  /** The cited paragraph when found. */
  paragraph: P | null;
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

export type Lookup<P extends CiteParagraph = CiteParagraph> =
  | { kind: "unparsed"; query: string; message: string }
  | { kind: "parsed"; query: string; raw: string; results: LookupResult<P>[] };

/**
 * The citation a person typed: the first the grammar finds that names a document or the Charter
 * (a reference to "the present report" means nothing outside a document). Null when none.
 */
export function typedCitation(query: string, titles: TitleMatcher): Found | null {
  return (
    findCitations(query, titles).find(
      (f) => f.kind === "charter" || (f.kind === "doc" && f.ref !== "self"),
    ) ?? null
  );
}

/** Read and resolve a typed citation. Never throws. */
export function lookupCitation<P extends CiteParagraph>(
  query: string,
  index: CorpusIndex<P, CiteDocument>,
): Lookup<P> {
  const lang = /[\u4e00-\u9fff]/.test(query) ? "zh" : "en";
  const found = typedCitation(query, index.titles);
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
  index: CorpusIndex<CiteParagraph, CiteDocument>,
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
function nearby(target: DocTarget, index: CorpusIndex<CiteParagraph, CiteDocument>): string[] {
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
function contents(id: string, index: CorpusIndex<CiteParagraph, CiteDocument>): string[] {
  const out: string[] = [];
  for (const p of index.byId.values()) {
    if (p.id.startsWith(`${id}/`)) out.push(p.address);
    if (out.length === 8) break;
  }
  return out;
}

/**
 * A target in words, as `acquis cite` and the site's resolver both say it: "A/75/816, annex I,
 * para. 56 (read as annex I, where its report sits)", "UN Charter, Article 2 (4)". A part the
 * citation did not write is said to be read, so an inference is never silent.
 */
export function targetText(t: DocTarget | CharterTarget): string {
  if ("article" in t) return `UN Charter, Article ${t.article}${t.para ? ` (${t.para})` : ""}`;
  return (
    [
      t.doc,
      ...(t.part.length ? [t.part[t.part.length - 1]] : []),
      ...(t.section ? [t.section] : []),
      ...(t.num.length ? [`para. ${pinpointEn(t.num)}`] : []),
    ].join(", ") + (t.partInferred ? ` (read as ${t.part.join(", ")}, where its report sits)` : "")
  );
}
