import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { shingleHash } from "../../core/wording/shingle.ts";
import {
  carriedInPlace,
  carriedRunColumns,
  emptyTable,
  type FormulaTable,
  formulaList,
  keyedRunsAt,
  keyOf,
  keyRuns,
  keyRunsOf,
  listCounts,
  NO_RUNS,
  recount,
  runColumns,
  runsAt,
} from "../../pipeline/reuse/formula-table.ts";

/** The list as the plain reading of formula-table.ts's rules gives it: every live key sorted. */
function reference(
  t: FormulaTable,
  lang: (p: number) => "zh" | "en",
  rank: Uint32Array,
  text: (p: number, s: number, e: number) => string,
  limit: number,
) {
  const keys = Array.from({ length: t.keys }, (_, k) => {
    const carriers = new Set<number>();
    const langs = new Set<string>();
    let first: { p: number; i: number } | null = null;
    Array.from({ length: t.runStart.length - 1 }, (_, p) => keyedRunsAt(t, p)).forEach((runs, p) => {
      runs.forEach((r, i) => {
        if (r.key !== k) return;
        carriers.add(p);
        langs.add(lang(p));
        if (!first || rank[p]! < rank[first.p]!) first = { p, i };
      });
    });
    const df = Math.max(langs.has("zh") ? t.dfZh[k]! : 0, langs.has("en") ? t.dfEn[k]! : 0);
    return { k, carriers: [...carriers], df, first: first as { p: number; i: number } | null };
  }).filter((x) => x.carriers.length);
  keys.sort((x, y) => y.df - x.df || y.carriers.length - x.carriers.length || x.k - y.k);
  let end = Math.min(limit, keys.length);
  const last = keys[end - 1];
  while (
    last &&
    end < keys.length &&
    keys[end]!.df === last.df &&
    keys[end]!.carriers.length === last.carriers.length
  )
    end++;
  const top = keys.slice(0, end).map((x) => {
    const run = keyedRunsAt(t, x.first!.p)[x.first!.i]!;
    return { ...x, text: text(x.first!.p, run.start, run.end), rank: rank[x.first!.p]! };
  });
  top.sort(
    (x, y) =>
      y.df - x.df ||
      y.carriers.length - x.carriers.length ||
      x.text.localeCompare(y.text) ||
      x.rank - y.rank ||
      x.first!.i - y.first!.i,
  );
  return top.slice(0, limit).map((x) => ({
    text: x.text,
    paragraphs: x.df,
    examples: x.carriers
      .sort((a, b) => rank[a]! - rank[b]!)
      .slice(0, 3)
      .map((p) => `p${p}`),
  }));
}

/** `t` as a memo reads it back: columns exactly as long as their keys, no lookup by hash yet. */
function readBack(t: FormulaTable): FormulaTable {
  return {
    ...t,
    units: t.units.slice(0, t.keyStart[t.keys]),
    keyStart: t.keyStart.slice(0, t.keys + 1),
    dfZh: t.dfZh.slice(0, t.keys),
    dfEn: t.dfEn.slice(0, t.keys),
    keyHash: t.keyHash.slice(0, t.keys),
    byHash: null,
  };
}

describe("formulaList", () => {
  it("lists what sorting every live key lists, ties at the limit included", () => {
    // Few distinct units and counts, so that places tie often, across the limit too.
    const para = fc.record({
      units: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 2, maxLength: 6 }),
      runs: fc.array(
        fc.record({
          start: fc.nat(4),
          len: fc.integer({ min: 1, max: 3 }),
          df: fc.integer({ min: 1, max: 4 }),
        }),
        {
          maxLength: 3,
        },
      ),
      zh: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(para, { maxLength: 30 }),
        fc.integer({ min: 0, max: 6 }),
        fc.nat(),
        (paras, limit, seed) => {
          const empty = emptyTable(paras.length);
          const lang = (p: number) => (paras[p]!.zh ? "zh" : "en") as "zh" | "en";
          const keyed = paras.map((x, p) => {
            const ids = Int32Array.from(x.units);
            const runs = x.runs
              .map((r) => ({ start: Math.min(r.start, ids.length - 1), end: 0, df: r.df }))
              .map((r, i) => ({ ...r, end: Math.min(ids.length, r.start + x.runs[i]!.len) }));
            return runs.length ? keyRuns(empty, ids, runs, lang(p)) : NO_RUNS;
          });
          const t = { ...empty, ...runColumns(paras.length, (p) => keyed[p]!) };
          const rank = Uint32Array.from(paras.keys(), (p) => (p * 7 + seed) % Math.max(1, paras.length));
          const text = (p: number, s: number, e: number) => paras[p]!.units.slice(s, e).join(",");
          const idOf = (p: number) => `p${p}`;
          expect(formulaList(t, listCounts(t, lang, rank), idOf, rank, text, limit)).toEqual(
            reference(t, lang, rank, text, limit),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it("a table grows past what it was read back with, and finds its old keys by their units", () => {
    const t = emptyTable(0);
    const a = keyOf(t, Int32Array.of(5, 6, 7), 0, 3);
    const read = readBack(t);
    expect(keyOf(read, Int32Array.of(1, 5, 6, 7), 1, 4)).toBe(a);
    const b = keyOf(read, Int32Array.of(8, 9), 0, 2);
    expect(b).toBe(a + 1);
    expect(read.keys).toBe(2);
    expect([...read.units.subarray(read.keyStart[b]!, read.keyStart[b + 1]!)]).toEqual([8, 9]);
    expect(read.dfZh[b]).toBe(0);
  });

  it("run columns hold each paragraph's runs, in order, and carry a range of them unchanged", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.nat(1000), { maxLength: 9 }).map((a) => a.slice(0, a.length - (a.length % 3)))),
        fc.array(fc.nat(), { maxLength: 5 }),
        (lists, picks) => {
          const t = {
            ...emptyTable(lists.length),
            ...runColumns(lists.length, (p) => Uint32Array.from(lists[p]!)),
          };
          expect(t.runStart.length).toBe(lists.length + 1);
          expect(t.runs.length).toBe(3 * t.runStart[lists.length]!);
          lists.forEach((l, p) => {
            expect([...runsAt(t, p)]).toEqual(l);
            expect(keyedRunsAt(t, p)).toEqual(
              Array.from({ length: l.length / 3 }, (_, i) => ({
                start: l[3 * i],
                end: l[3 * i + 1],
                key: l[3 * i + 2],
              })),
            );
          });
          // Renumbered as a build after a change does: some paragraphs' runs replaced, the rest
          // copied from the old columns at their old place.
          const n = lists.length + 1;
          const replaced = new Map(picks.map((x) => [x % n, Uint32Array.of(x, x + 1, x % 7)]));
          const next = runColumns(n, (p) => replaced.get(p) ?? (p > 0 ? runsAt(t, p - 1) : NO_RUNS));
          // The same, copied number by number from the old columns (a build after a change).
          const from = Int32Array.from({ length: n }, (_, p) => (replaced.has(p) || p === 0 ? -1 : p - 1));
          const carried = carriedRunColumns(t, from, replaced);
          expect([...carried.runStart]).toEqual([...next.runStart]);
          expect([...carried.runs]).toEqual([...next.runs]);
          for (let p = 0; p < n; p++)
            expect([...next.runs.subarray(3 * next.runStart[p]!, 3 * next.runStart[p + 1]!)]).toEqual([
              ...(replaced.get(p) ?? (p > 0 ? lists[p - 1]! : [])),
            ]);
        },
      ),
    );
  });

  it("carries runs from any old paragraphs, in stretches or not, as each paragraph's own would be", () => {
    const list = fc.array(fc.nat(50), { maxLength: 9 }).map((l) => l.slice(0, l.length - (l.length % 3)));
    fc.assert(
      fc.property(
        fc.array(list, { minLength: 1, maxLength: 12 }),
        fc.array(fc.integer({ min: -1, max: 11 }), { maxLength: 16 }),
        (lists, picks) => {
          const t = runColumns(lists.length, (p) => Uint32Array.from(lists[p]!));
          // Old paragraphs in any order: runs of consecutive ones, jumps back, repeats, fresh ones.
          const from = Int32Array.from(picks, (x) => (x < 0 ? -1 : x % lists.length));
          const fresh = new Map(
            picks.flatMap((x, p) => (x < 0 ? [[p, Uint32Array.of(p, p + 1, 7)] as const] : [])),
          );
          const carried = carriedRunColumns(t, from, fresh);
          const expected = runColumns(from.length, (p) =>
            from[p]! < 0 ? fresh.get(p)! : Uint32Array.from(lists[from[p]!]!),
          );
          expect([...carried.runStart]).toEqual([...expected.runStart]);
          expect([...carried.runs]).toEqual([...expected.runs]);
        },
      ),
    );
  });

  it("writes carried runs into the old columns only when nothing moves, and then as a copy would", () => {
    const list = fc.array(fc.nat(50), { maxLength: 9 }).map((l) => l.slice(0, l.length - (l.length % 3)));
    fc.assert(
      fc.property(
        fc.array(list, { minLength: 1, maxLength: 10 }),
        fc.array(fc.tuple(fc.nat(9), list), { maxLength: 4 }),
        fc.nat(3),
        (lists, changes, shape) => {
          // Paragraphs replaced by fresh runs (of any count, or the same count as they had),
          // sometimes with one more or one less paragraph, or one carried from another number.
          const n = lists.length + (shape === 1 ? 1 : 0) - (shape === 2 && lists.length > 1 ? 1 : 0);
          const fresh = new Map(
            changes.map(([p, r]) => {
              const at = p % n;
              const same = (lists[at] ?? []).map((x) => x + 1);
              return [at, Uint32Array.from(p % 2 ? r : same)] as const;
            }),
          );
          const from = Int32Array.from({ length: n }, (_, p) =>
            fresh.has(p) || p >= lists.length ? -1 : shape === 3 && p === 0 ? lists.length - 1 : p,
          );
          const table = () => runColumns(lists.length, (p) => Uint32Array.from(lists[p]!));
          const expected = carriedRunColumns(table(), from, fresh);
          const t = table();
          const before = { runStart: t.runStart, runs: [...t.runs] };
          const sameCounts = [...fresh].every(([p, r]) => r.length === (lists[p] ?? []).length);
          const identity = n === lists.length && from.every((o, p) => o === p || o === -1);
          const done = carriedInPlace(t, from, fresh);
          expect(done).toBe(identity && sameCounts);
          if (done) {
            expect(t.runStart).toBe(before.runStart);
            expect([...t.runStart]).toEqual([...expected.runStart]);
            expect([...t.runs]).toEqual([...expected.runs]);
          } else expect([...t.runs]).toEqual(before.runs);
        },
      ),
    );
  });

  it("recounts exactly the keys holding a changed window, however the changed hashes' low bits fall", () => {
    const w = { zh: 3, en: 2 };
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 2, maxLength: 7 }), { maxLength: 12 }),
        fc.array(fc.tuple(fc.nat(11), fc.nat(6), fc.boolean(), fc.boolean()), { maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 4 }),
        (units, picks, noise) => {
          // One key a list of units (a repeated list is the same key).
          const keys = [...new Map(units.map((u) => [u.join(","), u])).values()];
          const t = emptyTable(0);
          for (const u of keys) keyOf(t, Int32Array.from(u), 0, u.length);
          keys.forEach((_, k) => {
            t.dfZh[k] = k % 3 ? 7 : 0;
            t.dfEn[k] = k % 2 ? 0 : 9;
          });
          // Windows of the keys, some changed, some only sharing a changed hash's low bits (not
          // changed: the sieve lets them through, the set must not), and hashes of no key.
          const changed = new Set<number>(noise);
          for (const [k, s, zh, near] of picks) {
            const u = keys[k % Math.max(1, keys.length)];
            const width = zh ? w.zh : w.en;
            if (!u || u.length < width) continue;
            const h = shingleHash(Int32Array.from(u), s % (u.length - width + 1), width);
            changed.add(near ? (h ^ 0x40000000) >>> 0 : h);
          }
          const dfOf = (h: number) => (h % 13) + 1;
          const expected = { zh: [...t.dfZh.subarray(0, t.keys)], en: [...t.dfEn.subarray(0, t.keys)] };
          keys.forEach((u, k) => {
            const ids = Int32Array.from(u);
            for (const lang of ["zh", "en"] as const) {
              const width = w[lang];
              if (!expected[lang][k]) continue;
              const starts = Array.from({ length: Math.max(0, u.length - width + 1) }, (_, s) => s);
              if (!starts.some((s) => changed.has(shingleHash(ids, s, width)))) continue;
              expected[lang][k] = Math.min(...starts.map((s) => dfOf(shingleHash(ids, s, width))));
            }
          });
          recount(t, changed, w, dfOf);
          expect([...t.dfZh.subarray(0, t.keys)]).toEqual(expected.zh);
          expect([...t.dfEn.subarray(0, t.keys)]).toEqual(expected.en);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("keys runs over a table read back as one at a time does, through a lookup of their hashes alone", () => {
    const para = fc.record({
      units: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 3, maxLength: 8 }),
      runs: fc.array(fc.record({ start: fc.nat(6), len: fc.integer({ min: 1, max: 4 }), df: fc.nat(9) }), {
        maxLength: 3,
      }),
      zh: fc.boolean(),
    });
    const asRuns = (x: { units: number[]; runs: Array<{ start: number; len: number; df: number }> }) => {
      const ids = Int32Array.from(x.units);
      return x.runs.map((r) => {
        const start = Math.min(r.start, ids.length - 1);
        return { start, end: Math.min(ids.length, start + r.len), df: r.df };
      });
    };
    fc.assert(
      fc.property(fc.array(para, { maxLength: 20 }), fc.array(para, { maxLength: 8 }), (before, after) => {
        const t = emptyTable(0);
        for (const x of before) keyRuns(t, Int32Array.from(x.units), asRuns(x), x.zh ? "zh" : "en");
        const read = (): FormulaTable => readBack(t);
        const one = read();
        const many = read();
        const items = after.map((x) => ({
          ids: Int32Array.from(x.units),
          runs: asRuns(x),
          lang: (x.zh ? "zh" : "en") as "zh" | "en",
        }));
        const want = items.map((x) => [...keyRuns(one, x.ids, x.runs, x.lang)]);
        expect(keyRunsOf(many, items).map((r) => [...r])).toEqual(want);
        expect(many.keys).toBe(one.keys);
        for (const col of ["keyStart", "dfZh", "dfEn", "keyHash"] as const)
          expect([...many[col].subarray(0, many.keys)]).toEqual([...one[col].subarray(0, one.keys)]);
        expect([...many.units.subarray(0, many.keyStart[many.keys])]).toEqual([
          ...one.units.subarray(0, one.keyStart[one.keys]),
        ]);
        expect(many.byHash).toBeNull();
      }),
      { numRuns: 300 },
    );
  });
});
