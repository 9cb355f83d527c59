/**
 * core/data/topics.ts: a topic named as people name it, whose paragraphs speak for which State,
 * and the view's order. Knowledge bases built inline from the factories, in our own words.
 */
import { describe, expect, test } from "vitest";
import type { KnowledgeBase } from "../../../core/data/read.ts";
import { findTopic, statesOf, type TopicInfo, topicView, whyText } from "../../../core/data/topics.ts";
import type { Author, DocumentRecord, Paragraph } from "../../../schemas/index.ts";
import { documentRecord, paragraph } from "../../factories.ts";

const topic = (id: string, en: string, zh: string): TopicInfo => ({
  id,
  name: { en, zh },
  scope: "",
  terms: { zh: [], en: [] },
  not: { zh: [], en: [] },
  paragraphs: 0,
});
const TOPICS = [
  topic("due-diligence", "Due diligence", "应尽义务"),
  topic("ihl", "International humanitarian law", "国际人道法"),
];
const author = (code: string, en: string): Author => ({ code, kind: "state", name: { en, zh: en } });

describe("findTopic", () => {
  test.each([
    ["due-diligence", "due-diligence"], // the id
    ["Due diligence", "due-diligence"], // the English name, any case
    ["due_diligence", "due-diligence"], // underscores for hyphens
    ["应尽义务", "due-diligence"], // the Chinese name
    ["ＩＨＬ", "ihl"], // full-width letters fold
    ["international humanitarian law", "ihl"],
    ["cyber peace", null], // nothing
  ])("%s -> %s", (name, id) => {
    expect(findTopic(TOPICS, name)?.id ?? null).toBe(id);
  });
});

describe("statesOf", () => {
  test("a national paper speaks for each of its authors", () => {
    const doc = documentRecord({
      symbol: "ca-ch-2031-x",
      status: "national",
      type: "position paper",
      authors: [author("CA", "Canada"), author("CH", "Switzerland")],
    });
    expect(statesOf(paragraph({ doc: doc.symbol, text: "x" }), doc).map((s) => s.code)).toEqual(["CA", "CH"]);
  });
  test("a compendium's paragraph speaks for its section's State only, the note before it for none", () => {
    const doc = documentRecord({
      symbol: "A/99/136",
      status: "other",
      type: "compendium",
      sections: [
        {
          address: "annex/state-de",
          kind: "state",
          part: ["annex", "state DE"],
          key: null,
          label: "",
          title: "Germany",
          anchor: "state-de",
          state: { code: "DE", kind: "state", name: { en: "Germany", zh: "德国" } },
        },
      ],
    });
    expect(
      statesOf(paragraph({ doc: doc.symbol, part: ["annex", "state DE"], text: "x" }), doc).map(
        (s) => s.code,
      ),
    ).toEqual(["DE"]);
    expect(statesOf(paragraph({ doc: doc.symbol, part: [], text: "x" }), doc)).toEqual([]);
  });
  test("a consensus report speaks for no State", () => {
    const doc = documentRecord({ symbol: "A/1/1" });
    expect(statesOf(paragraph({ doc: "A/1/1", text: "x" }), doc)).toEqual([]);
  });
});

describe("topicView", () => {
  const docs: DocumentRecord[] = [
    documentRecord({ symbol: "A/1/1", lang: "en", date: "2021-01-01" }),
    documentRecord({ symbol: "A/2/2", lang: "en", date: "2023-01-01", status: "adopted" }),
    documentRecord({ symbol: "A/3/3", lang: "en", date: "2024-01-01", status: "chair" }),
    documentRecord({
      symbol: "cn-2022-x",
      lang: "en",
      date: "2022-01-01",
      status: "national",
      type: "position paper",
      authors: [author("CN", "China")],
    }),
  ];
  const paras: Paragraph[] = docs.map((d) => paragraph({ doc: d.symbol, lang: "en", text: d.symbol }));
  const kb = {
    documents: docs,
    paragraphs: paras,
    topics: {
      schemaVersion: 4,
      topics: [],
      removed: [],
      paragraphs: paras.map((p) => ({
        paragraph: p.id,
        tags: [
          { topic: "ihl", why: [{ from: "words" as const, term: "IHL", span: [0, 3] as [number, number] }] },
        ],
      })),
    },
  } as unknown as KnowledgeBase;

  test("agreed language newest first, a State's paragraphs apart, other texts apart", () => {
    const v = topicView(kb, TOPICS[1]!);
    expect(v.agreed.map((t) => t.doc.symbol)).toEqual(["A/2/2", "A/1/1"]);
    expect(v.states.map((s) => [s.code, s.paragraphs.map((t) => t.doc.symbol)])).toEqual([
      ["CN", ["cn-2022-x"]],
    ]);
    expect(v.other.map((t) => t.doc.symbol)).toEqual(["A/3/3"]);
    expect(whyText(v.agreed[0]!.tag)).toBe("words: IHL");
  });
  test("asked for other States, the view holds none of CN's", () => {
    expect(topicView(kb, TOPICS[1]!, ["US"]).states).toEqual([]);
  });
});
