/**
 * Topics: the reviewed vocabulary (corpus/topics.yaml) read into each paragraph's tags, each tag
 * with why. A tag is a reading aid drawn from words, not a legal classification.
 */
export { type CompiledTopic, compileTopics, matchTopics, type TermHit } from "./match.ts";
export { type Tagged, type TopicsInput, topicsStage } from "./stage.ts";
