/**
 * The topics stage as the build runs it (pipeline/topics/incremental.ts): topics.json made from
 * each document's rows, serialised when tagged, must be the very bytes the whole file gives through
 * its schema; a document kept from the memo is not read again. Documents and vocabulary are
 * written here, in our own words.
 */
import { describe, expect, test } from "vitest";
import { readTopics } from "../../pipeline/load/topics.ts";
import { topicsFileChunks, topicsStageMemo } from "../../pipeline/topics/incremental.ts";
import { topicsStage } from "../../pipeline/topics/stage.ts";
import type { Paragraph } from "../../schemas/index.ts";
import { SCHEMA_VERSION } from "../../schemas/index.ts";
import { TopicsDataFile } from "../../schemas/topics.ts";
import { documentRecord, paragraph } from "../factories.ts";

const VOCAB = `topics:
  - id: sovereignty
    name: { zh: 主权, en: Sovereignty }
    scope: State sovereignty.
    terms: { zh: [主权], en: [sovereignty] }
    not: { zh: [主权平等], en: [sovereign equality] }
  - id: capacity-building
    name: { zh: 能力建设, en: Capacity-building }
    scope: Capacity-building.
    terms: { zh: [能力建设], en: [capacity-building] }
overrides:
  - paragraph: A-80-2/en/2
    add: [sovereignty]
    why: The paragraph is about sovereignty in other words.
  - paragraph: A-80-2/en/1
    remove: [capacity-building]
    why: Named in passing.
`;

/** Three documents, one without any tagged paragraph, each paragraph numbered in its document. */
function corpus() {
  const texts: Array<[string, "zh" | "en", string[]]> = [
    ["A/79/1", "zh", ["重申国家主权原则。", "各国主权平等。", '加强能力建设，"合作"。']],
    ["A/80/1", "zh", ["天气很好。"]],
    ["A/80/2", "en", ["Capacity-building helps.", "States may act as they see fit.", "On sovereignty."]],
  ];
  const paragraphs: Paragraph[] = [];
  const documents = texts.map(([symbol, lang, list], d) => {
    for (const [i, text] of list.entries())
      paragraphs.push(paragraph({ doc: symbol, lang, address: String(i + 1), text }));
    return documentRecord({ symbol, lang, paragraphs: list.length, hash: String(d).repeat(64) });
  });
  return { documents, paragraphs };
}

const text = (chunks: Iterable<string | Uint8Array>) =>
  [...chunks].map((c) => (typeof c === "string" ? c : new TextDecoder().decode(c))).join("");

describe("topics.json from the documents' pieces", () => {
  const vocabulary = readTopics(VOCAB, "corpus/topics.yaml").topics!;

  test("is byte for byte the whole file through its schema, overrides and removals included", () => {
    const { documents, paragraphs } = corpus();
    const whole = topicsStage({ paragraphs, vocabulary });
    const run = topicsStageMemo({ documents, paragraphs, vocabulary }, null);
    expect(text(topicsFileChunks(run.tagged, SCHEMA_VERSION))).toBe(
      `${JSON.stringify(TopicsDataFile.parse({ schemaVersion: SCHEMA_VERSION, ...whole.data }))}\n`,
    );
    expect(run.tagged.diagnostics).toEqual(whole.diagnostics);
    expect(run.tagged.tagged).toBe(whole.data.paragraphs.length);
    expect(whole.data.removed.length).toBe(1);
  });

  test("a document kept from the memo is not read: its paragraphs may be gone from memory", () => {
    const { documents, paragraphs } = corpus();
    const first = topicsStageMemo({ documents, paragraphs, vocabulary }, null);
    // The first document's paragraphs replaced by ones that would tag differently: the memo's
    // tags stand, since its record (file and hash) says it is the same document.
    const spoiled = paragraphs.map((p, i) => (i < 3 ? { ...p, text: "能力建设" } : p));
    const again = topicsStageMemo({ documents, paragraphs: spoiled, vocabulary }, first.memo);
    expect(again.redone).toBe(1); // the overridden document alone
    expect(text(topicsFileChunks(again.tagged, SCHEMA_VERSION))).toBe(
      text(topicsFileChunks(first.tagged, SCHEMA_VERSION)),
    );
    // Its record changed (another hash): tagged anew from its paragraphs.
    const moved = documents.map((d, i) => (i === 0 ? { ...d, hash: "f".repeat(64) } : d));
    const fresh = topicsStageMemo({ documents: moved, paragraphs: spoiled, vocabulary }, first.memo);
    expect(fresh.redone).toBe(2);
    expect(text(topicsFileChunks(fresh.tagged, SCHEMA_VERSION))).not.toBe(
      text(topicsFileChunks(first.tagged, SCHEMA_VERSION)),
    );
  });

  test("an override naming a paragraph no document holds is reported, as the whole-corpus stage does", () => {
    const { documents, paragraphs } = corpus();
    const bad = readTopics(
      `${VOCAB}  - paragraph: A-80-2/zh/9\n    add: [sovereignty]\n    why: No such paragraph.\n`,
      "corpus/topics.yaml",
    ).topics!;
    const run = topicsStageMemo({ documents, paragraphs, vocabulary: bad }, null);
    expect(run.tagged.diagnostics.map((d) => d.code)).toEqual(
      topicsStage({ paragraphs, vocabulary: bad }).diagnostics.map((d) => d.code),
    );
    expect(run.tagged.diagnostics.map((d) => d.code)).toContain("topics/unknown-paragraph");
  });
});
