/**
 * The site's topics: the type-ahead's topic entries and what the topic and compare pages show,
 * from topics.json through core's view (core/data/topics.ts), the one `acquis topic` prints.
 * Pure: the site's data in, page data out.
 */
import { compareUrl, topicUrl } from "../../../core/address/urls.ts";
import { type TopicInfo, type TopicView, topicView } from "../../../core/data/topics.ts";
import type { SuggestEntry } from "../../../core/search/suggest.ts";
import type { Tag } from "../../../schemas/index.ts";
import type { SiteData } from "./data.ts";

export { compareUrl, topicUrl };

/** Every topic of the build's vocabulary, in its order (none when topics.json is absent). */
export function topicsOf(data: Pick<SiteData, "topics">): TopicInfo[] {
  return data.topics?.topics ?? [];
}

const views = new WeakMap<SiteData, Map<string, TopicView>>();

/** Each topic's view, by id; computed once per build's data (every State page asks for it). */
export function topicViews(data: SiteData): Map<string, TopicView> {
  let v = views.get(data);
  if (!v) {
    v = new Map(topicsOf(data).map((t) => [t.id, topicView(data, t)]));
    views.set(data, v);
  }
  return v;
}

/** The type-ahead's topic entries: the id and both names find a topic's page. */
export function topicSuggestions(data: Pick<SiteData, "topics">): SuggestEntry[] {
  return topicsOf(data).map((t) => ({
    id: `topic:${t.id}`,
    kind: "topic",
    key: t.id,
    names: [t.name.en, t.name.zh],
    label: `${t.name.en} · ${t.name.zh}`,
    detail: `topic · ${t.paragraphs} paragraph${t.paragraphs === 1 ? "" : "s"}`,
    url: topicUrl(t.id),
  }));
}

const tagIndex = new WeakMap<SiteData, Map<string, Tag[]>>();

/** A paragraph's tags by its id (none when untagged or topics.json is absent). */
export function tagsOf(data: SiteData, id: string): Tag[] {
  let index = tagIndex.get(data);
  if (!index) {
    index = new Map((data.topics?.paragraphs ?? []).map((p) => [p.paragraph, p.tags]));
    tagIndex.set(data, index);
  }
  return index.get(id) ?? [];
}
