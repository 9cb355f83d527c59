/**
 * The real seed, A/78/265 (zh), parsed by the real parser: the reuse the issue names must be
 * found with the right kind, and every link the seed produces is kept in a golden fixture
 * (test/reuse/fixtures/seed-links.json) that was reviewed by eye. A change in what is linked
 * shows up as a diff of that file; UPDATE=1 rewrites it on purpose (test/golden.ts).
 */
import { describe, expect, test } from "vitest";
import { buildReuse } from "../../pipeline/reuse/index.ts";
import { SCHEMA_VERSION } from "../../schemas/index.ts";
import { expectGolden } from "../golden.ts";
import { seed, sides, viewOf } from "./helpers.ts";

const corpus = seed();
const byId = new Map(corpus.paragraphs.map((p) => [p.id, p]));
const result = buildReuse(corpus, SCHEMA_VERSION);
const views = result.reuse.map((r) => viewOf(r, byId));
const id = (address: string) => `A-78-265/zh/${address}`;
const link = (from: string, to: string) => views.find((v) => v.from === id(from) && v.to === id(to));

describe("the reuse the issue names in A/78/265", () => {
  test.each([
    // annex 38 and annex B measure 4 (c): the same words, "，" against ", ".
    { from: "annex/38", to: "annex/annex-b/4.c", kind: "verbatim" },
    // annex B 2 (c) repeated as 4 (b).
    { from: "annex/annex-b/2.c", to: "annex/annex-b/4.b", kind: "verbatim" },
    // annex 37 (c) (一)-(四) taken into annex B 1 (c) (一)-(四); (三) and (四) drop "全球".
    { from: "annex/37.c.i", to: "annex/annex-b/1.c.i", kind: "verbatim" },
    { from: "annex/37.c.ii", to: "annex/annex-b/1.c.ii", kind: "verbatim" },
    { from: "annex/37.c.iii", to: "annex/annex-b/1.c.iii", kind: "near" },
    { from: "annex/37.c.iv", to: "annex/annex-b/1.c.iv", kind: "near" },
    // The mandate of resolution 75/240, quoted in body para 1, annex para 4 and annex 23 (a).
    { from: "1", to: "annex/4", kind: "partial" },
    { from: "1", to: "annex/23.a", kind: "partial" },
    // The first sentence of annex 20, repeated to open annex 43 (h).
    { from: "annex/20", to: "annex/43.h", kind: "partial" },
  ])("$from -> $to is $kind", ({ from, to, kind }) => {
    expect(link(from, to)?.kind).toBe(kind);
  });

  test("annex 25 takes up annex 23 (c)'s critical-infrastructure wording: linked, though 23 (c) says 关键基础设施 five times", () => {
    // The alignment's tie rule pairs the repeated words where they join the wording after them.
    expect(link("annex/23.c", "annex/25")?.kind).toBe("partial");
  });

  test.each([
    // The Charter citations 第二条第三项 / 第四项 under a shared template of 10 characters.
    { from: "annex/30.b", to: "annex/30.c" },
    // 上文第 23(a)至(h)分段 under the seed's norms formula.
    { from: "annex/24", to: "annex/27" },
    // 大会第 75/240 号决议 and A/AC.292/2021/1: 14 characters left, one under what a link needs.
    { from: "12", to: "14" },
  ])("$from -> $to shares little beyond its citations: not linked", ({ from, to }) => {
    expect(link(from, to)).toBeUndefined();
  });

  test("the mandate in annex 23 (a) has one source: body para 1, the earliest carrier", () => {
    // Annex para 4 carries the same passage; it is kept as "also in" for the lineage, not exported.
    expect(link("annex/4", "annex/23.a")).toBeUndefined();
    const fam = result.lineage.families[result.lineage.paragraphs[id("annex/23.a")]!]!;
    expect(fam.alsoIn).toContainEqual(expect.objectContaining({ from: id("annex/4"), to: id("annex/23.a") }));
  });

  test("a partial link says how long the shared passage is and where it sits in each text", () => {
    const r = result.reuse.find((x) => x.from === id("annex/20") && x.to === id("annex/43.h"))!;
    const from = byId.get(r.from)!.text;
    const to = byId.get(r.to)!.text;
    expect(r.spans).toHaveLength(1);
    const [s] = r.spans;
    expect(from.slice(s!.from[0], s!.from[1])).toBe(to.slice(s!.to[0], s!.to[1]));
    expect(to.slice(s!.to[0], s!.to[1])).toMatch(/^与会国表示关切的是.*更容易受到攻击$/);
    expect(r.length).toBe(s!.to[1] - s!.to[0]);
  });

  test("the opening formula of four annex paragraphs links none of them by itself", () => {
    const openers = corpus.paragraphs.filter((p) =>
      p.text.startsWith("在不限成员名额工作组第四届和第五届会议以及非正式会议期间"),
    );
    expect(openers.length).toBe(4);
    const formula = result.formulas.formulas.find((f) =>
      f.text.includes("第四届和第五届会议以及非正式会议期间"),
    );
    expect(formula?.paragraphs).toBeGreaterThanOrEqual(4);
    for (const r of result.reuse) {
      const shared = viewOf(r, byId).shared.join("");
      // Whatever links two of these paragraphs shares more than the formula.
      if (openers.some((p) => p.id === r.from) && openers.some((p) => p.id === r.to)) {
        expect(
          shared.replace(/在不限成员名额工作组第四届和第五届会议以及非正式会议期间[，,]?/, "").length,
        ).toBeGreaterThan(20);
      }
    }
  });
});

describe("every link of the seed", () => {
  test("matches the reviewed golden fixture (UPDATE=1 rewrites it)", () => {
    // Compared as data, so the formatter may lay the file out as it likes.
    expectGolden("test/reuse/fixtures/seed-links.json", `${JSON.stringify(views, null, 2)}\n`, "json");
  });

  test("every diff gives back both paragraphs exactly, partial links too (removed wording as well as added)", () => {
    for (const r of result.reuse) {
      const { from, to } = sides(r.diff);
      expect(to).toBe(byId.get(r.to)!.text);
      expect(from).toBe(byId.get(r.from)!.text);
    }
  });

  test("links point from the earlier paragraph to the later one", () => {
    for (const r of result.reuse) expect(byId.get(r.from)!.seq).toBeLessThan(byId.get(r.to)!.seq);
  });

  test("no link joins a paragraph to its own parent, and source notes take no part", () => {
    for (const r of result.reuse) {
      expect(byId.get(r.to)!.parent).not.toBe(r.from);
      expect(byId.get(r.from)!.kind).toBe("paragraph");
      expect(byId.get(r.to)!.kind).toBe("paragraph");
    }
  });
});
