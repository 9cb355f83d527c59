/**
 * How a reuse link reads on the paragraph and map pages (site/src/lib/reuse-labels.ts): a
 * verbatim link whose diff shows a difference says what differs, and a lineage diff between two
 * paragraphs of one date does not claim one is the earlier text (both found in a user trial).
 */
import { describe, expect, test } from "vitest";
import type { DiffOp } from "../../schemas/index.ts";
import { changesFrom, reuseKindLabel, verbatimDifferences } from "../../site/src/lib/reuse-labels.ts";

const eq = (text: string): DiffOp => ({ op: "equal", text });
const del = (text: string): DiffOp => ({ op: "delete", text });
const ins = (text: string): DiffOp => ({ op: "insert", text });

describe("reuseKindLabel", () => {
  test.each([
    // The seed's case: a Chinese comma printed as an English one and a space.
    {
      diff: [eq("实施"), del("，"), ins(", "), eq("包括")],
      label: "verbatim (punctuation and spacing differ)",
    },
    { diff: [eq("a"), del("."), ins(";"), eq("b")], label: "verbatim (punctuation differs)" },
    { diff: [eq("in"), del(" "), ins("  "), eq("force")], label: "verbatim (spacing differs)" },
    // Full-width digits fold to ASCII ones.
    { diff: [eq("第"), del("２０"), ins("20"), eq("段")], label: "verbatim (width differs)" },
    { diff: [del("States"), ins("states"), eq(" shall")], label: "verbatim (case differs)" },
    // Identical texts: the bare kind.
    { diff: [eq("the same text")], label: "verbatim" },
  ])("$label", ({ diff, label }) => {
    expect(reuseKindLabel({ kind: "verbatim", diff })).toBe(label);
  });

  test("near and partial read as their kind whatever the diff shows", () => {
    const diff = [eq("a"), del(","), ins("b")];
    expect(reuseKindLabel({ kind: "near", diff })).toBe("near");
    expect(reuseKindLabel({ kind: "partial", diff })).toBe("partial");
  });

  test("three differences are listed with commas and 'and'", () => {
    expect(verbatimDifferences([del("，Ａ"), ins(", A")])).toEqual(["punctuation", "spacing", "width"]);
  });
});

describe("changesFrom", () => {
  test.each([
    // Different dates: the earlier text by date.
    {
      from: { doc: "A/1", date: "2020-01-01" },
      to: { doc: "A/2", date: "2021-01-01" },
      same: false,
      has: "the earlier text",
    },
    // One document: by its place in it, and no claim of an earlier date.
    {
      from: { doc: "A/1", date: "2023-07-24" },
      to: { doc: "A/1", date: "2023-07-24" },
      same: true,
      has: "same document",
    },
    // Two documents of one date.
    {
      from: { doc: "A/1", date: "2023-07-24" },
      to: { doc: "A/2", date: "2023-07-24" },
      same: true,
      has: "same date",
    },
  ])("$from.doc $from.date -> $to.doc $to.date", ({ from, to, same, has }) => {
    const c = changesFrom(from, to);
    expect(c.same).toBe(same);
    expect(c.label).toContain(has);
    if (same) expect(c.label).not.toContain("the earlier text");
  });
});
