/**
 * The "cite" stage as the build runs it: the citations (every one a valid Citation, in reading
 * order, ids unique), who cites what and the counts, the same from one run to the next. Also
 * pins the public API of pipeline/cite.
 */
import { describe, expect, test } from "vitest";
import { GRAMMAR_VERSION } from "../../core/cite/version.ts";
import * as cite from "../../pipeline/cite/index.ts";
import { type CiteInput, citeStageMemo } from "../../pipeline/cite/stage.ts";
import { COMMANDS } from "../../pipeline/commands/index.ts";
import { Citation, SCHEMA_VERSION } from "../../schemas/index.ts";
import { fixture, loadRegistry, merge, seed } from "./helpers.ts";

function input(): CiteInput {
  const corpus = merge(seed(), fixture("en-report"), fixture("en-cited"), fixture("zh-notes"));
  return { ...corpus, registry: loadRegistry() };
}

describe("the cite stage", () => {
  test("has its command too", () => {
    expect(COMMANDS.map((c) => c.name)).toContain("cite");
  });

  const result = cite.citeStage(input());
  const citations = result.citations.map((c) => Citation.parse(c));

  test("writes one valid Citation a line, ids unique", () => {
    // 193 in the seed and 40 in our fixtures: the hand-checked sets.
    expect(citations.length).toBe(233);
    expect(new Set(citations.map((c) => c.id)).size).toBe(citations.length);
  });

  test("orders lines by citing document, then reading order", () => {
    const docs = citations.map((c) => c.from.split("/")[0]);
    expect([...new Set(docs)]).toEqual(["A-78-265", "A-99-200", "A-99-202"]);
    const firstSeed = citations
      .filter((c) => c.from.startsWith("A-78-265/"))
      .slice(0, 3)
      .map((c) => c.id);
    expect(firstSeed).toEqual(["A-78-265/zh/body#c1", "A-78-265/zh/1#c1", "A-78-265/zh/2#c1"]);
  });

  test("cited-by lists every resolved citation under its paragraph and every citation under its document", () => {
    const by = result.citedBy;
    expect(by.schemaVersion).toBe(SCHEMA_VERSION);
    const resolved = citations.filter((c) => c.resolved !== null);
    expect(Object.values(by.paragraphs).flat().length).toBe(resolved.length);
    expect(Object.values(by.documents).flat().length).toBe(citations.length);
    expect(by.paragraphs["A-78-265/zh/annex/23.a"]).toEqual([
      "A-78-265/zh/annex/24#c1",
      "A-78-265/zh/annex/27#c1",
    ]);
    expect(by.documents["A/75/816"]!.length).toBeGreaterThan(30);
    expect(Object.keys(by.documents)).toEqual([...Object.keys(by.documents)].sort());
  });

  test("the summary counts by status and via and lists the cited documents with their links", () => {
    const summary = result.summary;
    expect(summary.total).toBe(citations.length);
    expect(Object.values(summary.byStatus).reduce((a, b) => a + b, 0)).toBe(citations.length);
    expect(summary.documents.find((d) => d.symbol === "A/75/816")).toMatchObject({
      inCorpus: false,
      known: true,
      url: "https://undocs.org/en/A/75/816",
    });
    expect(summary.documents.find((d) => d.symbol === "A/78/265")).toMatchObject({
      inCorpus: true,
      url: null,
    });
  });

  test("reports diagnostics with file and line", () => {
    const codes = new Set(result.diagnostics.map((d) => d.code));
    expect(codes).toEqual(new Set(["cite/part-inferred", "cite/unknown-paragraph", "cite/quote-mismatch"]));
    for (const d of result.diagnostics) {
      expect(d.file).toMatch(/\.md$/);
      expect(d.line).toBeGreaterThan(0);
    }
  });

  test("the same input gives the same output", () => {
    expect(cite.citeStage(input())).toEqual(result);
  });
});

describe("the cite stage's memo and the grammar's version", () => {
  test("a memo kept by another grammar is not used, and the run says why", () => {
    const first = citeStageMemo(input(), null);
    const again = citeStageMemo(input(), first.memo);
    expect([again.mode, again.redone]).toEqual(["incremental", 0]);
    // The same memo as an older grammar would have written it: every document is extracted again.
    const older = { ...first.memo, context: first.memo.context.replace(/^grammar \d+:/, "grammar 0:") };
    const redo = citeStageMemo(input(), older);
    expect([redo.mode, redo.why]).toEqual(["cold", "the citation grammar changed"]);
    expect(redo.redone).toBe(first.redone);
    expect(redo.cited).toEqual(first.cited);
    expect(first.memo.context.startsWith(`grammar ${GRAMMAR_VERSION}:`)).toBe(true);
  });
});

describe("cited-by and the summary, made only when asked for", () => {
  const versionKey = (d: { symbol: string; lang: string }) => `${d.symbol}\u0000${d.lang}`;
  const first = citeStageMemo(input(), null);

  test("a run from the memo gives the same digests, and the same files when they are made", () => {
    const again = citeStageMemo(input(), first.memo);
    expect(again.redone).toBe(0);
    expect(again.cited.made).toEqual(first.cited.made);
    expect(again.cited.citedBy).toEqual(first.cited.citedBy);
    expect(again.cited.summary).toEqual(first.cited.summary);
    expect(first.cited.made.targets).toBe(first.cited.summary.documents.length);
  });

  test("the marks of one document fewer move both digests", () => {
    const whole = input();
    const citing = whole.documents.find((d) => first.memo.docs.get(versionKey(d))!.marks.length > 0)!;
    const less = { ...whole, documents: whole.documents.filter((d) => d !== citing) };
    const other = citeStageMemo(less, null).cited;
    expect(other.made.citedBy).not.toBe(first.cited.made.citedBy);
    expect(other.made.summary).not.toBe(first.cited.made.summary);
    expect(other.citedBy).not.toEqual(first.cited.citedBy);
  });

  test("a cited document the corpus no longer holds moves the summary's digest", () => {
    const whole = input();
    // Held, and cited by another document, whose citations then still name it.
    const held = first.cited.summary.documents
      .filter((d) => d.inCorpus)
      .map((d) => d.symbol)
      .find((symbol) =>
        [...first.memo.docs].some(
          ([key, d]) => !key.startsWith(`${symbol}\u0000`) && d.marks.some((m) => m.target.doc === symbol),
        ),
      )!;
    const documents = whole.documents.filter((d) => d.symbol !== held);
    const other = citeStageMemo({ ...whole, documents }, first.memo).cited;
    expect(other.made.summary).not.toBe(first.cited.made.summary);
    expect(other.summary.documents.find((d) => d.symbol === held)!.inCorpus).toBe(false);
    expect(other.made.targets).toBe(other.summary.documents.length);
  });
});

describe("the public API of pipeline/cite", () => {
  test("exports exactly these names", () => {
    expect(Object.keys(cite).sort()).toEqual([
      "checkQuote",
      "citeStage",
      "citedBy",
      "extractCitations",
      "findQuotes",
      "normaliseForQuote",
      "summarise",
    ]);
  });
});
