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

/** What lineage reads of a paragraph: its document and language (assemble.ts gives them from the runs). */
export type Place = Pick<Paragraph, "doc" | "lang">;

/**
 * Group the links into families. `rankOf` gives a paragraph's reading rank, `dateOf` its date.
 * Deterministic: families in the order of their earliest member.
 */
export function lineageOf(
  links: Reuse[],
  alsoIn: { from: string; to: string; score: number }[],
  byId: Map<string, Place>,
  rankOf: (id: string) => number,
  dateOf: (p: Place) => string,
  schemaVersion: number,
): LineageFile {
  // Union-find over the linked paragraphs numbered as met (ids looked up once each, ranks read
  // once each): over the ids themselves, every step was a lookup in a map of strings, and every
  // union two lookups of a rank by id (some 0.1 s of a build after one change at 200k paragraphs).
  // The root of a family is its member of least rank, however the unions went.
  const slot = new Map<string, number>();
  const ids: string[] = [];
  const parent: number[] = [];
  const ranks: number[] = [];
  const slotOf = (id: string): number => {
    let i = slot.get(id);
    if (i === undefined) {
      i = ids.length;
      slot.set(id, i);
      ids.push(id);
      parent.push(i);
      ranks.push(rankOf(id));
    }
    return i;
  };
  const find = (x: number): number => {
    let r = x;
    while (parent[r] !== r) r = parent[r]!;
    for (let c = x; c !== r; ) {
      const next = parent[c]!;
      parent[c] = r;
      c = next;
    }
    return r;
  };
  // Each link's ends as slots, looked up once: the sort, the generations and the families below
  // read numbers, where each read the ids' maps again.
  const ends = new Int32Array(2 * links.length);
  for (let i = 0; i < links.length; i++) {
    const from = slotOf(links[i]!.from);
    const to = slotOf(links[i]!.to);
    ends[2 * i] = from;
    ends[2 * i + 1] = to;
    const a = find(from);
    const b = find(to);
    if (a === b) continue;
    if (ranks[a]! < ranks[b]!) parent[b] = a;
    else parent[a] = b;
  }
  const groups = new Map<number, number[]>();
  for (let i = 0; i < ids.length; i++) {
    const r = find(i);
    const list = groups.get(r);
    if (list) list.push(i);
    else groups.set(r, [i]);
  }
  const rankAt = (i: number) => ranks[i]!;
  const roots = byRank([...groups.keys()], rankAt);
  const familyAt = new Int32Array(ids.length);
  roots.forEach((r, f) => {
    for (const i of groups.get(r)!) familyAt[i] = f;
  });
  const families: LineageFamily[] = roots.map((r, i) => ({
    id: i,
    lang: byId.get(ids[r]!)!.lang,
    members: [],
    links: [],
    alsoIn: [],
  }));
  const sorted = byRank(
    upTo(links.length),
    (i) => ranks[ends[2 * i + 1]!]!,
    (i) => ranks[ends[2 * i]!]!,
  );
  const generation = new Int32Array(ids.length);
  for (const i of sorted) {
    const l = links[i]!;
    const to = ends[2 * i + 1]!;
    const g = generation[ends[2 * i]!]! + 1;
    if (g > generation[to]!) generation[to] = g;
    families[familyAt[to]!]!.links.push({
      from: l.from,
      to: l.to,
      kind: l.kind,
      score: l.score,
      via: l.via,
    });
  }
  // Members in reading order: every slot sorted once, then dealt out to its family, where each
  // family was sorted by itself (a sort and its arrays for each of some 7,000 families at 200k
  // paragraphs). The same order: by rank, then by slot, as a family's list is in slot order.
  for (const i of byRank(upTo(ids.length), rankAt)) {
    const id = ids[i]!;
    const p = byId.get(id)!;
    families[familyAt[i]!]!.members.push({ id, doc: p.doc, date: dateOf(p), generation: generation[i]! });
  }
  for (const a of byRank(
    alsoIn,
    (x) => rankOf(x.to),
    (x) => rankOf(x.from),
  )) {
    const i = slot.get(a.to);
    if (i !== undefined) families[familyAt[i]!]!.alsoIn.push(a);
  }
  const paragraphs: Record<string, number> = {};
  for (const id of [...ids].sort()) paragraphs[id] = familyAt[slot.get(id)!]!;
  return { schemaVersion, families, paragraphs };
}

/** 0 .. n - 1. */
function upTo(n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(i);
  return out;
}

/**
 * `items` sorted by `first`, then `second` (stable, as Array.sort): each key is computed once an
 * item, where a comparator computed it twice a comparison (a rank is a lookup by id; the sorts of
 * a build's links made some 100 ms of a build after one change at 200k paragraphs).
 */
export function byRank<T>(items: readonly T[], first: (x: T) => number, second?: (x: T) => number): T[] {
  // Filled by loops: Float64Array.from and Array.from with a mapping go by the iterator, some
  // times slower, in code that runs once a build (never optimized) at every build after a change.
  const n = items.length;
  const a = new Float64Array(n);
  const b = second ? new Float64Array(n) : null;
  const idx: number[] = [];
  for (let i = 0; i < n; i++) {
    a[i] = first(items[i]!);
    idx.push(i);
  }
  if (b) for (let i = 0; i < n; i++) b[i] = second!(items[i]!);
  idx.sort((x, y) => a[x]! - a[y]! || (b ? b[x]! - b[y]! : 0) || x - y);
  return idx.map((i) => items[i]!);
}
