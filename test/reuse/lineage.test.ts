/**
 * The lineage's families (lineage.ts lineageOf) checked against their definition on random link
 * graphs: a family is a connected set of linked paragraphs (found here by walking the links, not
 * by union-find), families in the order of their earliest member, members in reading order with
 * their generations, each link and "also in" link in its family.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { byRank, type LineageFile, lineageOf } from "../../pipeline/reuse/lineage.ts";
import type { Paragraph, Reuse } from "../../schemas/index.ts";
import { paragraph } from "../factories.ts";

/** The families by their definition: components by a walk over the links, then sorted by rank. */
function referenceLineage(
  links: Reuse[],
  alsoIn: { from: string; to: string; score: number }[],
  byId: Map<string, Paragraph>,
  rankOf: (id: string) => number,
): LineageFile {
  const next = new Map<string, string[]>();
  const edge = (a: string, b: string) => next.set(a, [...(next.get(a) ?? []), b]);
  for (const l of links) {
    edge(l.from, l.to);
    edge(l.to, l.from);
  }
  const seen = new Set<string>();
  const components: string[][] = [];
  for (const start of next.keys()) {
    if (seen.has(start)) continue;
    const members: string[] = [];
    const stack = [start];
    seen.add(start);
    while (stack.length) {
      const id = stack.pop()!;
      members.push(id);
      for (const o of next.get(id)!)
        if (!seen.has(o)) {
          seen.add(o);
          stack.push(o);
        }
    }
    components.push(members.sort((a, b) => rankOf(a) - rankOf(b)));
  }
  components.sort((a, b) => rankOf(a[0]!) - rankOf(b[0]!));
  const familyOf = new Map<string, number>();
  components.forEach((c, f) => {
    for (const id of c) familyOf.set(id, f);
  });
  const sorted = [...links].sort((x, y) => rankOf(x.to) - rankOf(y.to) || rankOf(x.from) - rankOf(y.from));
  const generation = new Map<string, number>();
  for (const l of sorted)
    generation.set(l.to, Math.max(generation.get(l.to) ?? 0, (generation.get(l.from) ?? 0) + 1));
  const families: LineageFile["families"] = components.map((c, f) => ({
    id: f,
    lang: byId.get(c[0]!)!.lang,
    members: c.map((id) => ({
      id,
      doc: byId.get(id)!.doc,
      date: `date of ${byId.get(id)!.doc}`,
      generation: generation.get(id) ?? 0,
    })),
    links: sorted
      .filter((l) => familyOf.get(l.to) === f)
      .map((l) => ({ from: l.from, to: l.to, kind: l.kind, score: l.score, via: l.via })),
    alsoIn: [...alsoIn]
      .sort((x, y) => rankOf(x.to) - rankOf(y.to) || rankOf(x.from) - rankOf(y.from))
      .filter((a) => familyOf.get(a.to) === f),
  }));
  const paragraphs: Record<string, number> = {};
  for (const id of [...familyOf.keys()].sort()) paragraphs[id] = familyOf.get(id)!;
  return { schemaVersion: 1, families, paragraphs };
}

describe("lineageOf", () => {
  test("families are the linked paragraphs' connected sets, in reading order, as defined", () => {
    const graph = fc.record({
      // A reading order of 12 paragraphs (ranks are a permutation), and links between them.
      order: fc.shuffledSubarray(
        Array.from({ length: 12 }, (_, i) => i),
        { minLength: 12 },
      ),
      links: fc.array(fc.tuple(fc.nat(11), fc.nat(11), fc.integer({ min: 1, max: 99 })), { maxLength: 16 }),
      alsoIn: fc.array(fc.tuple(fc.nat(11), fc.nat(11)), { maxLength: 5 }),
      docs: fc.array(fc.constantFrom("A/1", "A/2", "A/3"), { minLength: 12, maxLength: 12 }),
    });
    fc.assert(
      fc.property(graph, ({ order, links, alsoIn, docs }) => {
        const paras = docs.map((doc, i) =>
          paragraph({ doc, lang: i % 3 ? "zh" : "en", text: `p${i}`, num: [String(i)] }),
        );
        const rank = new Map(paras.map((p, i) => [p.id, order[i]!]));
        const rankOf = (id: string) => rank.get(id)!;
        const byId = new Map(paras.map((p) => [p.id, p]));
        // Earlier to later, as the stage makes them; a paragraph never links to itself.
        const reuse: Reuse[] = links
          .filter(([a, b]) => a !== b)
          .map(([a, b, s]) => {
            const [from, to] = order[a]! < order[b]! ? [a, b] : [b, a];
            return {
              from: paras[from]!.id,
              to: paras[to]!.id,
              kind: "verbatim",
              score: s / 100,
              spans: [],
              length: 0,
              formula: false,
              diff: [],
              via: "direct",
            };
          });
        const also = alsoIn.map(([a, b]) => ({ from: paras[a]!.id, to: paras[b]!.id, score: 0.5 }));
        const got = lineageOf(reuse, also, byId, rankOf, (p) => `date of ${p.doc}`, 1);
        expect(got).toEqual(referenceLineage(reuse, also, byId, rankOf));
      }),
      { numRuns: 300 },
    );
  });

  test("byRank sorts by the first key, then the second, then keeps the given order", () => {
    const items = ["a", "b", "c", "d", "e"];
    const first = new Map([
      ["a", 2],
      ["b", 1],
      ["c", 2],
      ["d", 1],
      ["e", 2],
    ]);
    const second = new Map([
      ["a", 5],
      ["b", 0],
      ["c", 3],
      ["d", 0],
      ["e", 5],
    ]);
    expect(
      byRank(
        items,
        (x) => first.get(x)!,
        (x) => second.get(x)!,
      ),
    ).toEqual(["b", "d", "c", "a", "e"]);
  });
});
