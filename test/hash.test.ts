/**
 * SHA-256 of bytes and strings: a string hashed as its UTF-8, a long one in slices that give the
 * hash of the string whole (a surrogate pair across a slice's end kept whole).
 */
import { createHash } from "node:crypto";
import { describe, expect, test } from "vitest";
import { hashJson, hashString, sha256, sha256Of } from "../pipeline/hash.ts";

const pair = "\u{1F600}"; // two UTF-16 units
const strings = [
  "",
  "short",
  "a".repeat(1 << 16),
  // The pair's first half the last unit of the first slice, then of the second.
  `${"a".repeat((1 << 16) - 1)}${pair}${"b".repeat(1 << 16)}`,
  `${"中".repeat((1 << 17) - 2)}${pair}${"条".repeat(1000)}`,
  pair.repeat(1 << 17),
  `${"x".repeat(3 * (1 << 16) + 5)}${pair}`,
  // A lone surrogate at a slice's end: encoded as U+FFFD, whole or sliced.
  `${"a".repeat((1 << 16) - 1)}\ud800${"b".repeat(10)}`,
];
const whole = (...parts: Array<string | Uint8Array>) => {
  const h = createHash("sha256");
  for (const p of parts) h.update(typeof p === "string" ? Buffer.from(p, "utf8") : p);
  return h.digest("hex");
};

describe("a string hashed in slices", () => {
  test("gives the hash of the string whole: its UTF-8, a surrogate pair across a slice's end kept whole", () => {
    for (const s of strings) expect(hashString(createHash("sha256"), s).digest("hex")).toBe(whole(s));
  });
});

describe("sha256", () => {
  test("of strings long and short, and of bytes, in order: the hash of their UTF-8 bytes", () => {
    for (const s of strings) expect(sha256(s)).toBe(whole(s));
    const bytes = new TextEncoder().encode(`${"é".repeat(1 << 17)}${pair}`);
    expect(sha256("head", bytes, strings[4]!)).toBe(whole("head", bytes, strings[4]!));
    expect(sha256Of(["head", bytes, strings[4]!])).toBe(whole("head", bytes, strings[4]!));
    expect(sha256("ab")).not.toBe(sha256("a", "c"));
    expect(sha256()).toBe(whole());
  });
});

describe("a value hashed as its JSON", () => {
  const json = (v: unknown) =>
    hashString(createHash("sha256"), JSON.stringify(v) ?? "undefined").digest("hex");
  const parts = (v: unknown) => hashJson(createHash("sha256"), v).digest("hex");
  const withToJson = { toJSON: () => "own", a: 1 };
  const gone = { toJSON: () => undefined };
  const nullProto = Object.assign(Object.create(null) as Record<string, unknown>, {
    z: [1, undefined],
    a: "b",
  });
  const records = Array.from({ length: 5000 }, (_, i) => ({
    id: `r${i}`,
    text: i % 7 ? `条约 ${i} "quoted" \u2028 ${pair}` : `lone \ud800 ${i}`,
    n: i % 3 ? i / 3 : -0,
    gone: i % 5 ? undefined : () => 1,
    list: [i, null, undefined, Number.NaN],
  }));

  test("gives the digest of the whole JSON, for every kind of value JSON.stringify takes", () => {
    const values: unknown[] = [
      undefined,
      null,
      0,
      -0,
      Number.POSITIVE_INFINITY,
      "s",
      `${"中".repeat(1 << 16)}${pair}`,
      [],
      {},
      [undefined, () => 1, Symbol("s"), gone, withToJson, new Date(0), new Map([[1, 2]]), [1, [2]]],
      // biome-ignore lint/suspicious/noSparseArray: a hole is written as null
      [1, , 3],
      records,
      { families: records, count: 5000, none: undefined, fn: () => 1, gone, own: withToJson, 'k"\u2028': [] },
      { nested: { deep: records.slice(0, 10) }, list: records },
      { inner: { gone, none: undefined, fn: () => 1, own: withToJson, x: [1, undefined], y: { z: [gone] } } },
      [[1, [undefined]], { a: undefined }, nullProto],
      // Long arrays of small values, left-out ones among them: written in slices.
      Array.from({ length: 20000 }, (_, i) => [i, undefined, () => i, Symbol("s"), gone, `中${i}`][i % 6]),
      { list: Array.from({ length: 20000 }, (_, i) => (i % 1000 === 999 ? "x".repeat(40000) : i)) },
      nullProto,
      withToJson,
      new Date(0),
      Object.assign([1, 2], { extra: 3 }),
      new Uint8Array([1, 2]),
    ];
    for (const v of values) expect(parts(v)).toBe(json(v));
  });

  test("throws as JSON.stringify does on a cycle or a BigInt", () => {
    const cycle: Record<string, unknown> = { a: [] };
    (cycle.a as unknown[]).push(cycle);
    expect(() => parts(cycle)).toThrow(TypeError);
    expect(() => parts([{ n: 1n }])).toThrow(TypeError);
  });
});
