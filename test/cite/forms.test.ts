/**
 * Citations as people paste them (forms/table.ts), looked up over the real seed and the real
 * registry as `acquis cite` looks them up: each row lands where the table says and says exactly
 * what it did not read. Over the whole table, precision and recall against what each citation
 * means are printed for the README, and the count of silently wrong answers (landed somewhere
 * wrong while saying everything was read) must be 0.
 */
import { describe, expect, test } from "vitest";
import { lookupCitation } from "../../core/cite/query.ts";
import { buildIndex } from "../../core/cite/resolve.ts";
import { figures, figuresLine, gotOf, type RowScore, scoreRow } from "./forms/score.ts";
import { FORMS } from "./forms/table.ts";
import { formsCorpus, formsRegistry } from "./helpers.ts";

const index = buildIndex(formsCorpus().documents, formsCorpus().paragraphs, formsRegistry());
const scores: RowScore[] = [];

describe("every pasted form lands where it means, or says what it did not read", () => {
  test.each(FORMS.map((row) => [row.pasted, row] as const))("%s", (_pasted, row) => {
    const got = gotOf(lookupCitation(row.pasted, index));
    scores.push(scoreRow(row, got));
    expect(got, row.note).toEqual({ targets: row.lands ?? row.means, unread: row.unread });
  });
});

describe("over the whole table", () => {
  test("at least 150 forms, in both languages", () => {
    const f = figures(
      FORMS.map((row) => scoreRow(row, { targets: row.lands ?? row.means, unread: row.unread })),
    );
    expect(f.rows).toBeGreaterThanOrEqual(150);
    expect(f.zh).toBeGreaterThanOrEqual(50);
    expect(f.en).toBeGreaterThanOrEqual(50);
  });

  test("no answer is silently wrong; the figures are printed for the README", () => {
    const f = figures(scores);
    console.log(`cite forms: ${figuresLine(f)}`);
    expect(f.rows).toBe(FORMS.length);
    expect(f.silentlyWrong.map((s) => s.row.pasted)).toEqual([]);
  });

  test("the count of silently wrong answers can fail: a lookup that drops a pinpoint unsaid is one", () => {
    const row = FORMS.find((r) => r.pasted === "A/78/265 at [23(f)(ii)]")!;
    // What the issue saw before: the document, and nothing said of "at [23(f)(ii)]".
    const before = scoreRow(row, { targets: ["A/78/265 [] whole"], unread: [] });
    expect(before.silentlyWrong).toBe(true);
    // The same answer with the pinpoint said not read is wrong but not silent.
    expect(scoreRow(row, { targets: ["A/78/265 [] whole"], unread: ["at [23(f)(ii)]"] }).silentlyWrong).toBe(
      false,
    );
  });
});
