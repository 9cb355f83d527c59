/**
 * Topics read from a built knowledge base: a topic named as people name it (its id, or its name
 * in either language), and its view: the agreed paragraphs on it and every State's paragraphs on
 * it, newest first. What `acquis topic` prints and the site's topic and compare pages show.
 *
 * Decisions:
 * - Agreed language is a consensus or adopted text's (status); a State's paragraphs are those of
 *   the papers it wrote or co-wrote (a joint paper counts for each author) and of its sections of
 *   compendia. Other texts (chair's summaries, drafts) are listed apart, so nothing tagged is
 *   hidden and nothing is passed off as agreed or national.
 * - Newest first by the document's date, then in reading order within a document.
 * - Pure: the knowledge base in, the view out; no Node modules (the site runs it at build time,
 *   and it could run in a browser).
 */
import type { DocumentRecord, Paragraph, Tag, TopicsDataFile } from "../../schemas/index.ts";
import { citationsOf } from "../cite/format.ts";
import { fold } from "../search/normalize.ts";
import type { KnowledgeBase } from "./read.ts";

/** One topic as topics.json describes it. */
export type TopicInfo = TopicsDataFile["topics"][number];

/** A tagged paragraph with its document and the tag's reasons. */
export interface TopicParagraph {
  paragraph: Paragraph;
  doc: DocumentRecord;
  tag: Tag;
}

/** A State (or group) and its paragraphs on a topic. */
export interface StateOnTopic {
  code: string;
  name: { zh: string; en: string };
  paragraphs: TopicParagraph[];
}

/** Everything tagged with one topic, sorted for reading. */
export interface TopicView {
  topic: TopicInfo;
  /** Consensus and adopted texts, newest first. */
  agreed: TopicParagraph[];
  /** Each State's paragraphs, States by code, each list newest first. */
  states: StateOnTopic[];
  /** Other texts (chair's summaries, drafts, notes), newest first. */
  other: TopicParagraph[];
}

/** The topic `name` means: its id, or its zh or en name, folded; null when none. */
export function findTopic(topics: readonly TopicInfo[], name: string): TopicInfo | null {
  const key = fold(name.trim()).replace(/[\s_]+/g, "-");
  return (
    topics.find((t) => t.id === key) ??
    topics.find(
      (t) => fold(t.name.en).replace(/\s+/g, "-") === key || fold(t.name.zh) === fold(name.trim()),
    ) ??
    null
  );
}

/** The States a paragraph speaks for: its paper's authors, or its compendium section's State. */
export function statesOf(
  p: Paragraph,
  doc: DocumentRecord,
): Array<{ code: string; name: { zh: string; en: string } }> {
  for (const s of doc.sections ?? []) {
    if (s.kind !== "state" || !s.state) continue;
    if (s.part.length <= p.part.length && s.part.every((x, k) => p.part[k] === x)) return [s.state];
  }
  if (doc.status === "national" || doc.type === "position paper") return (doc.authors ?? []).map((a) => a);
  return [];
}

const newestFirst = (a: TopicParagraph, b: TopicParagraph) =>
  b.doc.date.localeCompare(a.doc.date) ||
  (a.doc.symbol < b.doc.symbol ? -1 : a.doc.symbol > b.doc.symbol ? 1 : 0) ||
  (a.paragraph.lang < b.paragraph.lang ? -1 : a.paragraph.lang > b.paragraph.lang ? 1 : 0) ||
  a.paragraph.seq - b.paragraph.seq;

/**
 * A topic's view over a knowledge base (whose `topics` must be read).
 * @param states only these States' paragraphs (codes); all when absent
 */
export function topicView(kb: KnowledgeBase, topic: TopicInfo, states?: readonly string[]): TopicView {
  const byId = new Map(kb.paragraphs.map((p) => [p.id, p]));
  const docs = new Map(kb.documents.map((d) => [`${d.symbol}\u0000${d.lang}`, d]));
  const agreed: TopicParagraph[] = [];
  const other: TopicParagraph[] = [];
  const byState = new Map<string, StateOnTopic>();
  const want = states ? new Set(states) : null;
  for (const tp of kb.topics?.paragraphs ?? []) {
    const tag = tp.tags.find((t) => t.topic === topic.id);
    if (!tag) continue;
    const paragraph = byId.get(tp.paragraph);
    const doc = paragraph && docs.get(`${paragraph.doc}\u0000${paragraph.lang}`);
    if (!paragraph || !doc) continue;
    const entry: TopicParagraph = { paragraph, doc, tag };
    const speaks = statesOf(paragraph, doc);
    if (speaks.length) {
      for (const s of speaks) {
        if (want && !want.has(s.code)) continue;
        const st = byState.get(s.code) ?? { code: s.code, name: s.name, paragraphs: [] };
        st.paragraphs.push(entry);
        byState.set(s.code, st);
      }
    } else if (doc.status === "consensus" || doc.status === "adopted") agreed.push(entry);
    else other.push(entry);
  }
  const statesOut = [...byState.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  for (const s of statesOut) s.paragraphs.sort(newestFirst);
  return { topic, agreed: agreed.sort(newestFirst), states: statesOut, other: other.sort(newestFirst) };
}

/**
 * Where a tagged paragraph stands, as it is cited, in its own language: "A/78/265, annex, para. 29
 * (a)" or "A/78/265，附件，第 29(a)段". The topic and compare pages and `acquis topic` printed the
 * internal address ("A/78/265, annex/29.a"), which no one can paste into a text or a resolver.
 */
export function topicCitation(t: TopicParagraph): string {
  return citationsOf(t.paragraph)[t.paragraph.lang === "zh" ? "zh" : "en"];
}

/** A tag's reasons in a few words: "words: 主权; heading: D. 国际法; curator: …". */
export function whyText(tag: Tag): string {
  return tag.why
    .map((w) =>
      w.from === "words"
        ? `words: ${w.term}`
        : w.from === "heading"
          ? `heading: ${w.heading}`
          : `curator: ${w.note}`,
    )
    .join("; ");
}
