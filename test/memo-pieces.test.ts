/**
 * Memo pieces' helpers (pipeline/memo-pieces.ts): groups of flat records as a table, read back
 * as their JSON gives them, keys in order; anything that is not such a table reads back as none.
 * Entries grouped by a hash of their key.
 */
import { describe, expect, test } from "vitest";
import { flatTable, fromFlatTable, groupsByShard, shardOf } from "../pipeline/memo-pieces.ts";

/** Through JSON, as a memo's section is written and read. */
const viaJson = <T>(v: T): unknown => JSON.parse(JSON.stringify(v));

describe("a table of flat records", () => {
  const groups = [
    [
      { level: "warning", code: "cite/unknown-paragraph", file: "a.md", line: 3, column: 1, message: "m1" },
      { level: "warning", code: "cite/unknown-paragraph", file: "a.md", line: 4, column: 2, message: "m2" },
    ],
    [],
    [
      // Other keys, another order, a value JSON leaves out, a value JSON writes as null, nested.
      {
        code: "cite/part-inferred",
        level: "info",
        file: "b.md",
        line: 1,
        column: 1,
        message: "m1",
        hint: "h",
      },
      { level: "info", file: "b.md", page: 2, message: "m3", hint: undefined, score: Number.NaN, at: [1, 2] },
      { message: "a.md", line: -0, flag: true, none: null },
    ],
  ];

  test("reads back as the records' JSON gives them: keys in order, each string kept once", () => {
    const table = flatTable(groups);
    const back = fromFlatTable(viaJson(table));
    expect(JSON.stringify(back)).toBe(JSON.stringify(groups));
    expect(back).toEqual(viaJson(groups));
    // "a.md", "warning", "m1" among others, each once: a value and a key's name alike.
    expect(table.strings.filter((s) => s === "a.md")).toEqual(["a.md"]);
    expect(table.strings.filter((s) => s === "m1")).toEqual(["m1"]);
    expect(table.shapes.length).toBe(4);
  });

  test("what is not such a table reads back as none", () => {
    const good = viaJson(flatTable(groups)) as { strings: unknown[]; shapes: unknown[]; rows: unknown[][][] };
    expect(fromFlatTable(good)).not.toBeNull();
    const spoilt = (spoil: (t: typeof good) => void) => {
      const t = structuredClone(good);
      spoil(t);
      return fromFlatTable(t);
    };
    expect(fromFlatTable(null)).toBeNull();
    expect(fromFlatTable([])).toBeNull();
    expect(spoilt((t) => t.rows[0]![0]!.splice(0, 1, 99))).toBeNull(); // no such shape
    expect(spoilt((t) => t.rows[0]![0]!.push(1))).toBeNull(); // a value more than its keys
    expect(spoilt((t) => t.rows[0]![0]!.splice(1, 1, 9999))).toBeNull(); // no such string
    expect(spoilt((t) => t.rows.splice(0, 1, "x" as never))).toBeNull();
    expect(spoilt((t) => ((t.shapes[0] as [string[], string])[1] = "x"))).toBeNull();
    expect(spoilt((t) => ((t.shapes[0] as [string[], string])[0][0] = "__proto__"))).toBeNull();
    expect(spoilt((t) => (t.strings = {} as never))).toBeNull();
  });
});

describe("entries grouped by a hash of their key", () => {
  const entries = Array.from({ length: 200 }, (_, i) => [`doc-${i}\nv${i % 3}`, i] as const);

  test("each group holds the entries of one shard, in their order; the empty ones are left out", () => {
    const groups = groupsByShard(entries, 16);
    expect(groups.every((g) => g.length > 0)).toBe(true);
    expect(groups.flat().length).toBe(entries.length);
    const shards = groups.map((g) => shardOf(g[0]![0], 16));
    expect(shards).toEqual([...shards].sort((a, b) => a - b));
    for (const [i, g] of groups.entries()) {
      expect(g.every(([k]) => shardOf(k, 16) === shards[i])).toBe(true);
      expect(g.map(([, v]) => v)).toEqual([...g.map(([, v]) => v)].sort((a, b) => a - b));
    }
    // More shards than entries: only the shards some entry falls in.
    expect(groupsByShard(entries.slice(0, 3), 1024).flat()).toHaveLength(3);
  });

  test("by the part of the key `keyOf` gives", () => {
    const groups = groupsByShard(entries, 16, (k) => k.slice(k.indexOf("\n") + 1));
    // Three versions: at most three groups, each of one version.
    expect(groups.length).toBeLessThanOrEqual(3);
    for (const g of groups) expect(new Set(g.map(([k]) => k.split("\n")[1])).size).toBe(1);
  });
});
