/**
 * The site's data loader (site/src/lib/data.ts): it refuses data written for another contract
 * version, says which file and line break the contract, renders without the optional files, and
 * orders a paragraph's lineage in time.
 */
import { describe, expect, test } from "vitest";
import { adoptionStage } from "../../pipeline/states/adoption.ts";
import { SCHEMA_VERSION } from "../../schemas/common.ts";
import { type DataFiles, DataVersionError, lineageOf, loadSiteData } from "../../site/src/lib/data.ts";
import { mapPairs } from "../../site/src/lib/map.ts";
import { makeFixture } from "./fixture.ts";

function files(over: Partial<DataFiles> = {}): DataFiles {
  const f = makeFixture();
  const jsonl = (rows: unknown[]) => rows.map((r) => `${JSON.stringify(r)}\n`).join("");
  return {
    documents: JSON.stringify({ schemaVersion: SCHEMA_VERSION, documents: f.documents }),
    paragraphs: jsonl(f.paragraphs),
    workingPapers: JSON.stringify({ schemaVersion: SCHEMA_VERSION, papers: f.workingPapers }),
    citations: jsonl(f.citations),
    reuse: jsonl(f.reuse),
    ...over,
  };
}

describe("loadSiteData", () => {
  test("data written for another schemaVersion is refused with the way out", () => {
    const stale = files({ documents: JSON.stringify({ schemaVersion: SCHEMA_VERSION + 1, documents: [] }) });
    expect(() => loadSiteData(stale)).toThrow(DataVersionError);
    expect(() => loadSiteData(stale)).toThrow(
      new RegExp(
        `documents\\.json has schemaVersion ${SCHEMA_VERSION + 1}, the site reads ${SCHEMA_VERSION}: run the build again`,
      ),
    );
  });

  test("a JSON Lines header carrying only schemaVersion is checked and skipped", () => {
    const header = `${JSON.stringify({ schemaVersion: SCHEMA_VERSION })}\n`;
    const data = loadSiteData(files({ paragraphs: header + files().paragraphs }));
    expect(data.paragraphs).toHaveLength(makeFixture().paragraphs.length);
    expect(() => loadSiteData(files({ reuse: `${JSON.stringify({ schemaVersion: 99 })}\n` }))).toThrow(
      DataVersionError,
    );
  });

  test("a paragraph that breaks the contract is named by file and line", () => {
    const lines = files().paragraphs.split("\n");
    lines[2] = JSON.stringify({ ...JSON.parse(lines[2]!), lang: "fr" });
    expect(() => loadSiteData(files({ paragraphs: lines.join("\n") }))).toThrow(/paragraphs\.jsonl:3:/);
  });

  test("without citations and reuse, every index is empty and the site knows they were not computed", () => {
    const data = loadSiteData(files({ citations: null, reuse: null, workingPapers: null }));
    expect(data.has).toEqual({ citations: false, reuse: false, aligned: false, adoption: false });
    expect(data.adoptionByParagraph.size).toBe(0);
    // Without the lists of working papers, States come only from the documents themselves.
    const papers = [...data.states.values()].flatMap((e) => e.papers);
    expect([data.citations.length, data.reuse.length, papers.length]).toEqual([0, 0, 0]);
    expect(lineageOf(data, "A-78-265/en/annex/23.f.ii")).toEqual({ earlier: [], later: [] });
  });

  test("a State's entry gathers the papers it wrote or co-wrote and its sections of compendia", () => {
    const data = loadSiteData(files());
    const nz = data.states.get("NZ")!;
    expect(nz.state.name).toEqual({ en: "New Zealand", zh: "新西兰" });
    expect(nz.documents.map((v) => v.en?.symbol)).toEqual(["nz-2024-test-position"]);
    expect(nz.sections.map(({ doc, section }) => [doc.symbol, section.address, section.title])).toEqual([
      ["A/99/136", "annex/state-nz", "New Zealand"],
    ]);
    // A co-author of the joint paper, who also submitted working papers: both kinds on one entry.
    const au = data.states.get("AU")!;
    expect([au.documents.length, au.papers.length, au.sections.length]).toEqual([1, 1, 0]);
  });

  test.each([
    { id: "A-78-265/en/annex/23.f.ii", earlier: ["A-77-275/en/annex/5"], later: [] },
    { id: "A-77-275/en/annex/5", earlier: [], later: ["A-78-265/en/annex/23.f.ii"] },
    { id: "A-78-265/zh/annex/23.f.ii", earlier: ["A-77-275/zh/annex/5"], later: [] },
  ])("lineage of $id", ({ id, earlier, later }) => {
    const data = loadSiteData(files());
    const l = lineageOf(data, id);
    expect(l.earlier.map((s) => s.paragraph.id)).toEqual(earlier);
    expect(l.later.map((s) => s.paragraph.id)).toEqual(later);
  });

  test("the zh and en versions of a paragraph meet at one address", () => {
    const data = loadSiteData(files());
    const entry = data.byAddress.get("A-78-265/annex/23.f.ii");
    expect([entry?.zh?.id, entry?.en?.id]).toEqual([
      "A-78-265/zh/annex/23.f.ii",
      "A-78-265/en/annex/23.f.ii",
    ]);
  });
});

test("adoption links are found from either end: the State's paragraph and the agreed one", () => {
  const f = files();
  const adoption = adoptionStage(
    { ...makeFixture(), citations: [], registry: { documents: [] } },
    SCHEMA_VERSION,
  );
  const data = loadSiteData({ ...f, adoption: JSON.stringify(adoption.file) });
  expect(data.has.adoption).toBe(true);
  const agreed = data.adoptionByParagraph.get("A-77-275/en/annex/6") ?? [];
  expect(agreed.map((l) => [l.paper, l.direction, l.states, l.credit])).toEqual([
    ["A-99-136/en/annex/state-nz/2", "proposed", ["NZ"], "section"],
  ]);
  expect(data.adoptionByParagraph.get("A-99-136/en/annex/state-nz/2")).toEqual(agreed);
  const quote = data.adoptionByParagraph.get("A-78-265/en/annex/23") ?? [];
  expect(quote.map((l) => [l.direction, l.states])).toEqual([["quotes", ["AU", "NZ"]]]);
});

describe("mapPairs", () => {
  test("pairs documents by language, most links first, and keeps reuse inside one document", () => {
    const f = files();
    const inside = {
      from: "A-78-265/en/annex/23.f",
      to: "A-78-265/en/annex/23.f.ii",
      kind: "partial",
      score: 0.4,
      spans: [{ from: [0, 10], to: [0, 10] }],
      length: 5,
      formula: false,
      diff: [{ op: "equal", text: "States" }],
      via: "direct",
    };
    const data = loadSiteData({ ...f, reuse: `${f.reuse}${JSON.stringify(inside)}\n` });
    expect(mapPairs(data).map((p) => [p.fromSlug, p.toSlug, p.lang, p.links.length])).toEqual([
      ["A-77-275", "A-78-265", "en", 2],
      ["A-77-275", "A-78-265", "zh", 1],
      ["A-78-265", "nz-2024-test-position", "en", 1],
      ["A-78-265", "A-78-265", "en", 1],
      ["A-99-136", "A-77-275", "en", 1],
    ]);
  });
});
