/**
 * The agreed-language map: which documents reuse which, and for one pair, a flow picture from
 * the earlier document's paragraphs (left) to the later one's (right). Pure geometry from ids and
 * numbers; the page draws it as SVG.
 */
import type { Paragraph, Reuse } from "../../../schemas/index.ts";
import { type SiteData, slugOfId } from "./data.ts";

/** A pair of document versions joined by reuse links. */
export interface MapPair {
  fromSlug: string;
  toSlug: string;
  lang: "zh" | "en";
  links: Reuse[];
}

/**
 * Every (earlier doc, later doc, language) with at least one reuse link, most links first. A
 * document may pair with itself: inside one document, reuse runs from earlier paragraph to later.
 */
export function mapPairs(data: SiteData): MapPair[] {
  const pairs = new Map<string, MapPair>();
  for (const r of data.reuse) {
    const from = data.byId.get(r.from);
    const to = data.byId.get(r.to);
    if (!from || !to || from.lang !== to.lang) continue;
    const fromSlug = slugOfId(r.from);
    const toSlug = slugOfId(r.to);
    // Reuse inside one document (a report's annex quoting its own body) is a pair of its own.
    const key = `${fromSlug}|${toSlug}|${from.lang}`;
    const pair = pairs.get(key) ?? { fromSlug, toSlug, lang: from.lang, links: [] };
    pair.links.push(r);
    pairs.set(key, pair);
  }
  return [...pairs.values()].sort(
    (a, b) =>
      b.links.length - a.links.length || a.fromSlug.localeCompare(b.fromSlug) || a.lang.localeCompare(b.lang),
  );
}

export interface FlowLine {
  reuse: Reuse;
  from: Paragraph;
  to: Paragraph;
  y1: number;
  y2: number;
}

/**
 * Layout: the paragraphs that take part in a link, in reading order down each column, one row
 * (`step` px) each so their labels never overlap; a line per reuse link.
 */
export function flowLayout(
  data: SiteData,
  pair: MapPair,
  step = 18,
  top = 40,
): {
  left: Paragraph[];
  right: Paragraph[];
  yl: (i: number) => number;
  yr: (i: number) => number;
  lines: FlowLine[];
  height: number;
} {
  const fromIds = new Set(pair.links.map((r) => r.from));
  const toIds = new Set(pair.links.map((r) => r.to));
  const left = (data.byDoc.get(`${pair.fromSlug}/${pair.lang}`) ?? []).filter((p) => fromIds.has(p.id));
  const right = (data.byDoc.get(`${pair.toSlug}/${pair.lang}`) ?? []).filter((p) => toIds.has(p.id));
  const rows = Math.max(left.length, right.length, 1);
  // The shorter column is spread over the same height, so lines keep their slope readable.
  const spread = (n: number) => (n > 1 ? ((rows - 1) * step) / (n - 1) : 0);
  const yl = (i: number) => top + i * spread(left.length);
  const yr = (i: number) => top + i * spread(right.length);
  const li = new Map(left.map((p, i) => [p.id, i]));
  const ri = new Map(right.map((p, i) => [p.id, i]));
  const lines: FlowLine[] = [];
  for (const r of pair.links) {
    const a = li.get(r.from);
    const b = ri.get(r.to);
    if (a === undefined || b === undefined) continue;
    lines.push({ reuse: r, from: left[a]!, to: right[b]!, y1: yl(a), y2: yr(b) });
  }
  return { left, right, yl, yr, lines, height: top + (rows - 1) * step + 30 };
}
