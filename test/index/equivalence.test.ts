/**
 * The browser cuts exactly as the index was cut: the built index files are decoded back into
 * each paragraph's terms, and the browser's tokeniser (core/search/tokenize.ts, run here
 * in Node) is run over every indexed paragraph's text; the two must be the same sets.
 */
import { gunzipSync } from "node:zlib";
import { beforeAll, describe, expect, test } from "vitest";
import {
  bucketOf,
  type ChunkRow,
  decodeBucket,
  decodePostings,
  type Manifest,
} from "../../core/search/format.ts";
import { fold } from "../../core/search/normalize.ts";
import { terms, unigrams } from "../../core/search/tokenize.ts";
import { buildSearchIndex } from "../../pipeline/index/build.ts";
import type { Paragraph } from "../../schemas/index.ts";
import { has } from "../needs.ts";
import { realCorpus } from "./helpers.ts";

let paragraphs: Paragraph[];
let built: ReturnType<typeof buildSearchIndex>;
let m: Manifest;
/** Every indexed paragraph's row, read back from the text chunks, in paragraph order. */
let rows: ChunkRow[];

/** Build the real corpus's index with small buckets, and read its rows back. */
function buildIndex(): void {
  const corpus = realCorpus();
  paragraphs = corpus.paragraphs;
  built = buildSearchIndex(paragraphs, corpus.documents, { postingsPerBucket: 2000 });
  m = JSON.parse(built.files["index.json"] as string) as Manifest;
  rows = Object.entries(built.files)
    .filter(([p]) => p.startsWith(`${m.texts}/`))
    .sort((a, b) => Number(a[0].split("/")[1]!.split(".")[0]) - Number(b[0].split("/")[1]!.split(".")[0]))
    .flatMap(([, bytes]) => JSON.parse(gunzipSync(bytes as Uint8Array).toString("utf8")) as ChunkRow[]);
}

/** Paragraph number -> its terms, read back from every bucket file of one kind. */
function termsFromIndex(dir: "p" | "u", buckets: number): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  for (const [path, bytes] of Object.entries(built.files)) {
    if (!path.startsWith(`${dir}/`)) continue;
    const b = Number(path.slice(2, path.indexOf(".")));
    for (const [term, enc] of decodeBucket(new Uint8Array(gunzipSync(bytes as Uint8Array)))) {
      // Every term sits in the bucket its hash names: the browser looks for it there.
      expect(bucketOf(term, buckets)).toBe(b);
      for (const id of decodePostings(enc)) {
        let s = out.get(id);
        if (!s) {
          s = new Set();
          out.set(id, s);
        }
        s.add(term);
      }
    }
  }
  return out;
}

describe.runIf(has("shared"))("browser tokeniser against the built index, every paragraph", () => {
  beforeAll(buildIndex);

  test("the index holds every paragraph once, its text unchanged", () => {
    expect(rows.length).toBe(paragraphs.length);
    expect(rows.map((r) => r[5]).sort()).toEqual(paragraphs.map((p) => p.text).sort());
    expect(m.buckets).toBeGreaterThan(8); // several buckets, so the bucket check means something
  });

  test.each([
    ["p", "pairs and words", (t: string) => terms(fold(t))],
    ["u", "single characters", (t: string) => unigrams(fold(t))],
  ] as const)("%s: %s cut in the browser = cut in the index", (dir, _what, cut) => {
    const fromIndex = termsFromIndex(dir, dir === "p" ? m.buckets : m.unigramBuckets);
    let compared = 0;
    rows.forEach((row, id) => {
      const browser = new Set(cut(row[5]));
      expect([...(fromIndex.get(id) ?? [])].sort(), `paragraph ${id}`).toEqual([...browser].sort());
      compared++;
    });
    expect(compared).toBe(paragraphs.length);
  });

  test("a table of Chinese and English phrases cuts into terms the index holds for them", () => {
    const fromIndex = termsFromIndex("p", m.buckets);
    const all = new Set([...fromIndex.values()].flatMap((s) => [...s]));
    for (const phrase of [
      "信通技术",
      "不限成员名额工作组",
      "關鍵信息基礎設施",
      "information and communications technologies",
    ]) {
      for (const t of terms(fold(phrase))) expect(all.has(t), `${phrase}: ${t}`).toBe(true);
    }
  });
});
