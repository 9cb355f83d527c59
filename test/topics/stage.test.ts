/**
 * The topics stage, row by row: what a term, a false friend, a heading and a curator's override
 * each do, and what a bad vocabulary or override costs. Vocabularies are written inline, in our
 * own words.
 */
import { describe, expect, test } from "vitest";
import { readTopics } from "../../pipeline/load/topics.ts";
import { topicsStage } from "../../pipeline/topics/index.ts";
import { TopicsDataFile } from "../../schemas/index.ts";
import { paragraph } from "../factories.ts";

const VOCAB = `topics:
  - id: sovereignty
    name: { zh: 主权, en: Sovereignty }
    scope: State sovereignty.
    terms: { zh: [主权], en: [sovereignty] }
    not: { zh: [主权平等, 自主权], en: [sovereign equality] }
  - id: countermeasures
    name: { zh: 反措施, en: Countermeasures }
    scope: Countermeasures.
    terms: { zh: [反措施], en: ["countermeasure*"] }
  - id: capacity-building
    name: { zh: 能力建设, en: Capacity-building }
    scope: Capacity-building.
    terms: { zh: [能力建设], en: [capacity-building] }
  - id: confidence-building
    name: { zh: 建立信任措施, en: Confidence-building measures }
    scope: CBMs.
    terms: { zh: [建立信任措施, 信任措施], en: [confidence-building] }
`;

const vocab = (overrides = "") => {
  const r = readTopics(`${VOCAB}${overrides}`, "corpus/topics.yaml");
  expect(r.diagnostics).toEqual([]);
  return r.topics!;
};
const topicsOf = (text: string, over: Parameters<typeof paragraph>[0] = { text }) => {
  const out = topicsStage({ paragraphs: [paragraph({ ...over, text })], vocabulary: vocab() });
  return out.data.paragraphs[0]?.tags.map((t) => t.topic) ?? [];
};

describe("words", () => {
  test.each([
    // [text, topics, what the row shows]
    ["重申国家主权原则。", ["sovereignty"], "a term in Chinese"],
    ["重申主权平等原则。", [], "sovereign equality alone is a false friend"],
    [
      "重申国家主权和主权平等原则。",
      ["sovereignty"],
      "the false friend is set aside, the rest still matches",
    ],
    [
      "在充分承认国家自主权的情况下开展能力建设。",
      ["capacity-building"],
      "自主权 (ownership) is not sovereignty",
    ],
    ["The principle of sovereign equality applies.", [], "an English false friend"],
    ["State SOVEREIGNTY in cyberspace.", ["sovereignty"], "case is folded"],
    [
      "An injured State may take countermeasures.",
      ["countermeasures"],
      "a term ending in * takes any ending",
    ],
    ["States take measures to protect networks.", [], "'measures' is not countermeasures"],
    ["Capacity building is demand-driven.", ["capacity-building"], "a hyphen in a term matches a space"],
    ["各国采取了合作措施。", [], "措施 is not 反措施"],
    ["關鍵的能力建設。", ["capacity-building"], "traditional characters fold to simplified"],
  ])("%s -> %j (%s)", (text, topics) => {
    expect(topicsOf(text)).toEqual(topics);
  });

  test("a tag says which term matched and where, and a term inside a longer one adds no reason", () => {
    const text = "各国讨论建立信任措施。";
    const out = topicsStage({ paragraphs: [paragraph({ text })], vocabulary: vocab() });
    const tag = out.data.paragraphs[0]!.tags[0]!;
    expect(tag).toEqual({
      topic: "confidence-building",
      why: [{ from: "words", term: "建立信任措施", span: [4, 10] }],
    });
    expect(text.slice(4, 10)).toBe("建立信任措施");
  });
});

describe("headings", () => {
  test("a heading naming one topic tags the paragraphs under it, and says which heading", () => {
    const out = topicsStage({
      paragraphs: [paragraph({ text: "请秘书处编写报告。", headings: ["报告", "F. 能力建设"] })],
      vocabulary: vocab(),
    });
    expect(out.data.paragraphs[0]!.tags).toEqual([
      { topic: "capacity-building", why: [{ from: "heading", term: "能力建设", heading: "F. 能力建设" }] },
    ]);
  });
  test("a heading naming two topics tags nothing by itself", () => {
    expect(
      topicsOf("The Government made three statements.", {
        text: "",
        headings: ["2 Sovereignty and countermeasures"],
      }),
    ).toEqual([]);
  });
});

describe("curator overrides", () => {
  const p = paragraph({ doc: "A/1/1", lang: "en", address: "3", text: "Sovereignty and capacity-building." });
  const run = (overrides: string) =>
    topicsStage({ paragraphs: [p], vocabulary: vocab(`overrides:\n${overrides}`) });

  test("add and remove, each saying it came from a curator; the removed tag is kept for review", () => {
    const out = run(
      `  - paragraph: ${p.id}\n    add: [countermeasures]\n    remove: [sovereignty]\n    why: read in context\n`,
    );
    expect(out.diagnostics).toEqual([]);
    expect(out.data.paragraphs[0]!.tags).toEqual([
      { topic: "countermeasures", why: [{ from: "curator", note: "read in context" }] },
      { topic: "capacity-building", why: [{ from: "words", term: "capacity-building", span: [16, 33] }] },
    ]);
    expect(out.data.removed).toEqual([
      {
        paragraph: p.id,
        topic: "sovereignty",
        matched: [{ from: "words", term: "sovereignty", span: [0, 11] }],
        note: "read in context",
      },
    ]);
    expect(p.text).toBe("Sovereignty and capacity-building.");
  });

  test.each([
    // [override, code, line]
    ["  - paragraph: A-1-1/en/99\n    add: [sovereignty]\n    why: x\n", "topics/unknown-paragraph", 20],
    [`  - paragraph: A-1-1/en/3\n    add: [cyber-peace]\n    why: x\n`, "topics/unknown-topic", 20],
    [
      `  - paragraph: A-1-1/en/3\n    remove: [countermeasures]\n    why: x\n`,
      "topics/override-unneeded",
      20,
    ],
  ])("%j -> %s at its line", (override, code, line) => {
    const out = run(override);
    expect(out.diagnostics.map((d) => [d.code, d.file, d.line])).toEqual([
      [code, "corpus/topics.yaml", line],
    ]);
  });

  test("the output validates against its schema", () => {
    const out = run(`  - paragraph: ${p.id}\n    add: [countermeasures]\n    why: read in context\n`);
    expect(() => TopicsDataFile.parse({ schemaVersion: 4, ...out.data })).not.toThrow();
    expect(out.data.topics.find((t) => t.id === "countermeasures")?.paragraphs).toBe(1);
  });
});

describe("the vocabulary file", () => {
  test.each([
    // [text, message fragment, line]
    ["topics: 3\n", "`topics:` list", 1],
    [
      `${VOCAB}  - id: Bad Id\n    name: { zh: x, en: x }\n    scope: x\n    terms: { zh: [x] }\n`,
      "topics[4].id",
      19,
    ],
    [
      `${VOCAB}  - id: sovereignty\n    name: { zh: x, en: x }\n    scope: x\n    terms: { zh: [x] }\n`,
      "listed twice",
      19,
    ],
    [`${VOCAB}overrides:\n  - paragraph: x\n    why: nothing to do\n`, "must add or remove", 20],
    [`${VOCAB}colour: blue\n`, 'unknown key "colour"', 19],
  ])("%#: a problem is reported at its line", (text, message, line) => {
    const r = readTopics(text, "corpus/topics.yaml");
    const d = r.diagnostics.find((x) => x.message.includes(message));
    expect(d, JSON.stringify(r.diagnostics)).toBeDefined();
    expect(d!.line).toBe(line);
    expect(d!.level).toBe("error");
  });
  test("a bad topic costs only itself", () => {
    const r = readTopics(
      `${VOCAB}  - id: Bad Id\n    name: { zh: x, en: x }\n    scope: x\n    terms: { zh: [x] }\n`,
      "t.yaml",
    );
    expect(r.topics!.topics.map((t) => t.id)).toEqual([
      "sovereignty",
      "countermeasures",
      "capacity-building",
      "confidence-building",
    ]);
  });
});
