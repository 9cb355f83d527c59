/**
 * Tagging against the hand-checked table (gold.ts): precision and recall held to a floor, per
 * topic where the table has enough of it and overall. The seed and the real resolutions are read
 * in place from ../shared; without it only the fixture rows are scored, and the file says so.
 */
import { describe, expect, test } from "vitest";
import { has } from "../needs.ts";
import { GOLD } from "./gold.ts";
import { precision, recall, scoreGold } from "./score.ts";

/** The floors: what the vocabulary reaches today, less a margin for a reviewed change of terms. */
const OVERALL = { precision: 0.9, recall: 0.95 };
const PER_TOPIC = { precision: 0.6, recall: 0.8 };

describe("the gold table", () => {
  test("names only topics of the vocabulary, each row with a reason", () => {
    for (const r of GOLD) {
      expect(
        r.topics.filter((t) => t.startsWith("unknown:")),
        r.address,
      ).toEqual([]);
      expect(r.why.length, r.address).toBeGreaterThan(5);
    }
  });
  test("holds at least 150 rows, in both languages", () => {
    expect(GOLD.length).toBeGreaterThanOrEqual(150);
    expect(GOLD.filter((r) => r.source === "seed" || r.source === "fixture-zh").length).toBeGreaterThan(50);
    expect(GOLD.filter((r) => r.source !== "seed" && r.source !== "fixture-zh").length).toBeGreaterThan(50);
  });
});

describe("tagging on our fixtures alone", () => {
  test("every fixture row is found, and the false friends planted there are not all taken", () => {
    const s = scoreGold(false);
    expect(s.missing).toEqual([]);
    expect(s.rows).toBe(GOLD.filter((r) => r.source.startsWith("fixture")).length);
    expect(recall(s.overall)).toBeGreaterThanOrEqual(OVERALL.recall);
  });
});

describe.runIf(has("shared"))("tagging on the whole table (seed, real resolutions, fixtures)", () => {
  test("precision and recall stay above the floors, overall and per topic", () => {
    const s = scoreGold(true);
    expect(s.missing).toEqual([]);
    expect(s.rows).toBe(GOLD.length);
    const lines = [...s.byTopic].map(
      ([t, c]) =>
        `${t}: P ${precision(c).toFixed(3)} R ${recall(c).toFixed(3)} (tp ${c.tp}, fp ${c.fp}, fn ${c.fn})`,
    );
    console.log(
      `topics gold: ${s.rows} rows (zh ${s.zh}, en ${s.en}); P ${precision(s.overall).toFixed(3)} R ${recall(s.overall).toFixed(3)}\n${lines.join("\n")}`,
    );
    expect(precision(s.overall)).toBeGreaterThanOrEqual(OVERALL.precision);
    expect(recall(s.overall)).toBeGreaterThanOrEqual(OVERALL.recall);
    for (const [topic, c] of s.byTopic) {
      // A topic with fewer than 3 gold paragraphs is counted in the overall figure only.
      if (c.tp + c.fn < 3) continue;
      expect(precision(c), `${topic} precision`).toBeGreaterThanOrEqual(PER_TOPIC.precision);
      expect(recall(c), `${topic} recall`).toBeGreaterThanOrEqual(PER_TOPIC.recall);
    }
  });
});
