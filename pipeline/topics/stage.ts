/**
 * The topics stage: paragraphs + the vocabulary and the curator's overrides -> each paragraph's
 * topics, every tag with why (`dist/data/topics.json`).
 *
 * Decisions:
 * - A pure function of its inputs (the paragraphs' text and heading paths, the vocabulary, the
 *   overrides): no other stage's output, no disk, no clock, so a cache may key it on those alone.
 * - A heading tags every paragraph under it: a paragraph under 能力建设 is read as part of
 *   capacity-building even when its own words only say 培训. The heading that matched is named.
 *   A heading that names several topics tags nothing by itself (measured on the gold table: a
 *   combined heading's paragraphs are each about one of them, and their words say which).
 * - Overrides are checked against the paragraphs as built: an unknown paragraph id or topic is an
 *   error at its line of corpus/topics.yaml, and costs only that override; one that changes
 *   nothing (adds what the words already give, removes what is not there) is a warning, since
 *   the vocabulary changed under it.
 * - Output order is paragraphs.jsonl's, tags in the vocabulary's order: the same input gives the
 *   same bytes.
 */
import type { Diagnostic, Paragraph } from "../../schemas/index.ts";
import type { RemovedTag, Tag, TaggedParagraph, TagReason, TopicsDataFile } from "../../schemas/topics.ts";
import { diag } from "../diagnostics.ts";
import type { LoadedTopics } from "../load/topics.ts";
import { type CompiledTopic, compileTopics, matchTopics } from "./match.ts";

/** What the stage reads. */
export interface TopicsInput {
  paragraphs: readonly Paragraph[];
  /** The vocabulary as loaded; null when the corpus has none (then nothing is tagged). */
  vocabulary: LoadedTopics | null;
}

/** What the stage gives: topics.json's content (without its version) and diagnostics. */
export interface Tagged {
  data: Omit<TopicsDataFile, "schemaVersion">;
  diagnostics: Diagnostic[];
}

/** A paragraph's overrides, as loaded. */
export type Overrides = LoadedTopics["overrides"];

/**
 * What tagging runs of paragraphs (one document's, or the whole corpus') shares: the vocabulary
 * compiled once, and the headings already read.
 */
export interface Tagger {
  vocab: LoadedTopics;
  compiled: CompiledTopic[];
  headingMatches: Map<string, ReturnType<typeof matchTopics>>;
}

/** A tagger for a vocabulary. */
export function taggerOf(vocab: LoadedTopics): Tagger {
  return { vocab, compiled: compileTopics(vocab.topics), headingMatches: new Map() };
}

/**
 * The overrides by paragraph, those naming a paragraph `has` does not know or a topic the
 * vocabulary does not hold reported and left out, in the file's order.
 */
export function checkOverrides(
  vocab: LoadedTopics,
  has: (id: string) => boolean,
  diagnostics: Diagnostic[],
): Map<string, Overrides> {
  const known = new Set(vocab.topics.map((t) => t.id));
  const overrides = new Map<string, Overrides>();
  for (const o of vocab.overrides) {
    const at = { file: vocab.file, line: o.line, column: 1 };
    if (!has(o.paragraph)) {
      diagnostics.push(
        diag(
          "topics/unknown-paragraph",
          at,
          `topics: no paragraph has the id ${o.paragraph}; the override is not applied`,
          "Copy the id from the paragraph's page or paragraphs.jsonl (<folder>/<lang>/<address>, e.g. A-78-265/zh/annex/30.a).",
        ),
      );
      continue;
    }
    const unknown = [...o.add, ...o.remove].filter((t) => !known.has(t));
    if (unknown.length) {
      diagnostics.push(
        diag(
          "topics/unknown-topic",
          at,
          `topics: the override of ${o.paragraph} names ${unknown.join(", ")}, not in the vocabulary; the override is not applied`,
          `Use a topic id of corpus/topics.yaml: ${[...known].join(", ")}.`,
        ),
      );
      continue;
    }
    overrides.set(o.paragraph, [...(overrides.get(o.paragraph) ?? []), o]);
  }
  return overrides;
}

/** What tagging a run of paragraphs gave. */
export interface TaggedRun {
  rows: TaggedParagraph[];
  /** How many of the rows carry each topic, in the vocabulary's order. */
  counts: number[];
  removed: RemovedTag[];
  diagnostics: Diagnostic[];
}

/** Tag a run of paragraphs, applying the curator's overrides of those it holds. */
export function tagRun(
  paragraphs: readonly Paragraph[],
  tagger: Tagger,
  overrides: ReadonlyMap<string, Overrides>,
): TaggedRun {
  const { vocab, compiled, headingMatches } = tagger;
  const out: TaggedRun = { rows: [], counts: vocab.topics.map(() => 0), removed: [], diagnostics: [] };
  for (const p of paragraphs) {
    const reasons = new Map<string, TagReason[]>();
    const give = (topic: string, r: TagReason) => reasons.set(topic, [...(reasons.get(topic) ?? []), r]);
    for (const [topic, hits] of matchTopics(compiled, p.text))
      for (const h of hits) give(topic, { from: "words", term: h.term, span: h.span });
    for (const heading of p.headings) {
      // Headings repeat over every paragraph under them: each is read once.
      let found = headingMatches.get(heading);
      if (!found) {
        found = matchTopics(compiled, heading);
        headingMatches.set(heading, found);
      }
      // A heading naming two topics ("Sovereignty and non-intervention") does not say which one
      // a paragraph under it is about: its paragraphs are tagged by their own words only.
      if (found.size !== 1) continue;
      for (const [topic, hits] of found)
        for (const h of hits) give(topic, { from: "heading", term: h.term, heading });
    }
    for (const o of overrides.get(p.id) ?? []) {
      const at = { file: vocab.file, line: o.line, column: 1 };
      for (const topic of o.add) {
        if (reasons.has(topic))
          out.diagnostics.push(
            diag(
              "topics/override-unneeded",
              at,
              `topics: ${o.paragraph} already carries ${topic} from its ${reasons.get(topic)![0]!.from === "words" ? "words" : "heading"}; the curator's reason is added to it`,
              "Remove the override if the vocabulary now finds the topic by itself.",
            ),
          );
        give(topic, { from: "curator", note: o.why });
      }
      for (const topic of o.remove) {
        const matched = reasons.get(topic);
        if (!matched) {
          out.diagnostics.push(
            diag(
              "topics/override-unneeded",
              at,
              `topics: ${o.paragraph} does not carry ${topic}; nothing to remove`,
              "Remove the override if the vocabulary no longer gives this topic.",
            ),
          );
          continue;
        }
        reasons.delete(topic);
        out.removed.push({ paragraph: p.id, topic, matched, note: o.why });
      }
    }
    if (!reasons.size) continue;
    const tags: Tag[] = [];
    vocab.topics.forEach((t, i) => {
      const why = reasons.get(t.id);
      if (!why) return;
      tags.push({ topic: t.id, why });
      out.counts[i]!++;
    });
    out.rows.push({ paragraph: p.id, tags });
  }
  return out;
}

/** The vocabulary as topics.json lists it, each topic with how many paragraphs carry it. */
export function topicsHead(vocab: LoadedTopics, counts: readonly number[]): TopicsDataFile["topics"] {
  return vocab.topics.map((t, i) => ({
    id: t.id,
    name: t.name,
    scope: t.scope,
    terms: t.terms,
    not: t.not,
    paragraphs: counts[i] ?? 0,
  }));
}

/** Tag every paragraph. */
export function topicsStage(input: TopicsInput): Tagged {
  const vocab = input.vocabulary;
  if (!vocab) return { data: { topics: [], paragraphs: [], removed: [] }, diagnostics: [] };
  const diagnostics: Diagnostic[] = [];
  const ids = new Set(input.paragraphs.map((p) => p.id));
  const overrides = checkOverrides(vocab, (id) => ids.has(id), diagnostics);
  const run = tagRun(input.paragraphs, taggerOf(vocab), overrides);
  diagnostics.push(...run.diagnostics);
  return {
    data: { topics: topicsHead(vocab, run.counts), paragraphs: run.rows, removed: run.removed },
    diagnostics,
  };
}
