/**
 * The site's topics without a browser: the topic views over the fixture data (what the topic and
 * compare pages show) and the type-ahead's topic entries.
 */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { suggest, suggestionIndex } from "../../core/search/suggest.ts";
import { readDataFiles } from "../../site/scripts/host.ts";
import { loadSiteData, type SiteData } from "../../site/src/lib/data.ts";
import { suggestFile } from "../../site/src/lib/suggest.ts";
import { topicSuggestions, topicViews } from "../../site/src/lib/topics.ts";
import { writeFixtureData } from "./fixture.ts";

let data: SiteData;
beforeAll(() => {
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), "acquis-topics-")), "data");
  writeFixtureData(dir);
  data = loadSiteData(readDataFiles(dir));
});

describe("topic views", () => {
  test("a joint paper's paragraph stands under each of its authors; agreed language apart", () => {
    const v = topicViews(data).get("sovereignty")!;
    const of = (code: string) =>
      v.states.find((s) => s.code === code)?.paragraphs.map((p) => p.paragraph.id) ?? [];
    // The joint paper by New Zealand and Australia: its paragraph stands under both.
    expect(of("AU")).toContain("nz-2024-test-position/en/@2/u1");
    expect(of("NZ")).toContain("nz-2024-test-position/en/@2/u1");
    expect(v.agreed.every((t) => t.doc.status === "consensus" || t.doc.status === "adopted")).toBe(true);
  });
  test("agreed language is newest first", () => {
    const v = topicViews(data).get("critical-infrastructure")!;
    expect(v.agreed.length).toBeGreaterThan(1);
    const dates = v.agreed.map((t) => t.doc.date);
    expect(dates).toEqual([...dates].sort().reverse());
  });
});

describe("type-ahead", () => {
  test("topics are found by id and by either name, and open the topic's page", () => {
    const file = suggestFile(data, { documents: [] }, topicSuggestions(data));
    const index = suggestionIndex(file.entries);
    expect(suggest(index, "due dil")[0]).toMatchObject({
      id: "topic:due-diligence",
      url: "/topics/due-diligence/",
    });
    expect(suggest(index, "应尽")[0]?.id).toBe("topic:due-diligence");
    expect(suggest(index, "capacity")[0]?.kind).toBe("topic");
  });
});
