/**
 * Lineage: the history of a passage across documents, exported as `lineage.json` so the site can
 * draw a paragraph's history on a timeline.
 *
 * Decision: families, not per-paragraph lists. A family is a connected set of paragraphs of one
 * language joined by reuse links (a 2015 norm, the 2021 reports that took it up, the annual
 * progress reports that repeat it). Each member carries its date and its generation (0 for a
 * paragraph that reuses nothing in the family, else one more than its deepest source), so a
 * timeline is x = date, rows by generation, an arrow per link. Per-paragraph ancestor lists
 * would repeat a family once per member (quadratic); a family is written once and every member
 * points at it.
 */
import type { LineageFile, Paragraph, Reuse } from "../../schemas/index.ts";

/** The shapes of `lineage.json`, declared in schemas/reuse.ts. */
export type { LineageFile } from "../../schemas/index.ts";
export type LineageFamily = LineageFile["families"][number];
export type LineageMember = LineageFamily["members"][number];
export type LineageLink = LineageFamily["links"][number];

/**
 * Group the links into families. `rankOf` gives a paragraph's reading rank, `dateOf` its date.
 * Deterministic: families in the order of their earliest member.
 */
export function lineageOf(
  links: Reuse[],
  alsoIn: { from: string; to: string; score: number }[],
  byId: Map<string, Paragraph>,
  rankOf: (id: string) => number,
  dateOf: (p: Paragraph) => string,
  schemaVersion: number,
): LineageFile {
  // Union-find over paragraph ids.
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    let c = x;
    while (c !== r) {
      const next = parent.get(c)!;
      parent.set(c, r);
      c = next;
    }
    return r;
  };
  const add = (x: string) => {
    if (!parent.has(x)) parent.set(x, x);
  };
  for (const l of links) {
    add(l.from);
    add(l.to);
    const a = find(l.from);
    const b = find(l.to);
    if (a !== b) parent.set(rankOf(a) < rankOf(b) ? b : a, rankOf(a) < rankOf(b) ? a : b);
  }
  const groups = new Map<string, string[]>();
  for (const id of parent.keys()) {
    const r = find(id);
    const list = groups.get(r);
    if (list) list.push(id);
    else groups.set(r, [id]);
  }
  const roots = byRank([...groups.keys()], (id) => rankOf(id));
  const familyOf = new Map<string, number>();
  roots.forEach((r, i) => {
    for (const id of groups.get(r)!) familyOf.set(id, i);
  });
  const families: LineageFamily[] = roots.map((r, i) => ({
    id: i,
    lang: byId.get(r)!.lang,
    members: [],
    links: [],
    alsoIn: [],
  }));
  const sorted = byRank(
    links,
    (l) => rankOf(l.to),
    (l) => rankOf(l.from),
  );
  const generation = new Map<string, number>();
  for (const l of sorted) {
    const g = (generation.get(l.from) ?? 0) + 1;
    if (g > (generation.get(l.to) ?? 0)) generation.set(l.to, g);
    families[familyOf.get(l.to)!]!.links.push({
      from: l.from,
      to: l.to,
      kind: l.kind,
      score: l.score,
      via: l.via,
    });
  }
  for (const r of roots) {
    const fam = families[familyOf.get(r)!]!;
    for (const id of byRank(groups.get(r)!, (id) => rankOf(id))) {
      const p = byId.get(id)!;
      fam.members.push({ id, doc: p.doc, date: dateOf(p), generation: generation.get(id) ?? 0 });
    }
  }
  for (const a of byRank(
    alsoIn,
    (x) => rankOf(x.to),
    (x) => rankOf(x.from),
  )) {
    const f = familyOf.get(a.to);
    if (f !== undefined) families[f]!.alsoIn.push(a);
  }
  const paragraphs: Record<string, number> = {};
  for (const id of [...familyOf.keys()].sort()) paragraphs[id] = familyOf.get(id)!;
  return { schemaVersion, families, paragraphs };
}

/**
 * `items` sorted by `first`, then `second` (stable, as Array.sort): each key is computed once an
 * item, where a comparator computed it twice a comparison (a rank is a lookup by id; the sorts of
 * a build's links made some 100 ms of a build after one change at 200k paragraphs).
 */
export function byRank<T>(items: readonly T[], first: (x: T) => number, second?: (x: T) => number): T[] {
  const a = Float64Array.from(items, first);
  const b = second ? Float64Array.from(items, second) : null;
  const idx = Array.from({ length: items.length }, (_, i) => i);
  idx.sort((x, y) => a[x]! - a[y]! || (b ? b[x]! - b[y]! : 0) || x - y);
  return idx.map((i) => items[i]!);
}
