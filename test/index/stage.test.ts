/**
 * The "index" stage as the build runs it: files for search/, byte-identical output for the same
 * input, key terms from nodejieba.
 */
import { gunzipSync } from "node:zlib";
import { describe, expect, test } from "vitest";
import { indexStage } from "../../pipeline/index/stage.ts";
import { has } from "../needs.ts";
import { realCorpus } from "./helpers.ts";

describe.runIf(has("shared"))("the index stage on the real corpus", () => {
  test("writes search/index.json and content-hashed files, the same bytes on every run", async () => {
    const a = indexStage(realCorpus());
    const b = indexStage(realCorpus());
    expect(a.files["index.json"]).toBeDefined();
    expect(Object.keys(a.files)).toEqual(Object.keys(b.files));
    for (const [k, v] of Object.entries(a.files))
      expect(Buffer.from(v).equals(Buffer.from(b.files[k]!)), k).toBe(true);
    for (const name of Object.keys(a.files).filter((f) => f.endsWith(".gz"))) {
      expect(name).toMatch(/\.[0-9a-f]{10}\.(bin|json)\.gz$|^t-[0-9a-f]{10}\/\d+\.json\.gz$/);
    }
    expect(a.diagnostics).toEqual([]);
  });

  test("the seed's key terms include UN terms kept whole by the user dictionary", async () => {
    const r = indexStage(realCorpus());
    const m = JSON.parse(r.files["index.json"] as string) as { terms: string };
    const terms = JSON.parse(gunzipSync(r.files[m.terms] as Uint8Array).toString("utf8"));
    expect(terms["A/78/265|zh"]).toEqual(expect.arrayContaining(["信通技术", "不限成员名额工作组"]));
  });
});
