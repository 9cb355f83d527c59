/**
 * corpus/topics.yaml: the topic vocabulary and the curator's per-paragraph overrides, read with
 * positions so that every problem, and later every override the topics stage cannot apply, is
 * reported at its line.
 *
 * Decisions:
 * - Validated entry by entry, like the registry: a bad topic or override costs only itself.
 * - The file is optional: a corpus without it builds, untagged. A file that cannot be read as a
 *   whole (not UTF-8, not YAML, over a YAML limit, no `topics:` list) is an error, and nothing is
 *   tagged; the documents still build.
 * - Whether an override's paragraph exists is known only once the corpus is parsed: the topics
 *   stage checks it, at the line kept here.
 */
import type { z } from "zod";
import type { Diagnostic } from "../../schemas/index.ts";
import { Topic, TopicOverride } from "../../schemas/topics.ts";
import { diag } from "../diagnostics.ts";
import { decodeCorpusFile } from "./decode.ts";
import { issuesToDiagnostics, parseYaml } from "./yaml.ts";

/** Name of the vocabulary inside the corpus folder. */
export const TOPICS_FILE = "topics.yaml";

/** The vocabulary as read. */
export interface LoadedTopics {
  /** Repository-relative path, for diagnostics ("corpus/topics.yaml"). */
  file: string;
  topics: Topic[];
  /** Valid overrides, each with the line it starts at. */
  overrides: Array<TopicOverride & { line: number }>;
}

const HINT =
  "Each topic: id, name {zh, en}, scope, terms {zh: [], en: []}, optional not {zh: [], en: []}; each override: paragraph, add and/or remove (topic ids), why.";

/**
 * Read corpus/topics.yaml.
 * @param bytes the file's bytes, or null when the corpus has none
 * @param file repository-relative path, for diagnostics
 */
export function loadTopics(
  bytes: Uint8Array | null,
  file: string,
  limit?: number,
): { topics: LoadedTopics | null; diagnostics: Diagnostic[] } {
  if (bytes === null) return { topics: null, diagnostics: [] };
  const decoded = decodeCorpusFile(bytes, file, limit);
  if (decoded.text === null) return { topics: null, diagnostics: decoded.diagnostics };
  return readTopics(decoded.text, file, decoded.diagnostics);
}

/** Read the vocabulary from its text (LF line ends). */
export function readTopics(
  text: string,
  file: string,
  before: Diagnostic[] = [],
): { topics: LoadedTopics | null; diagnostics: Diagnostic[] } {
  const diagnostics = [...before];
  const parsed = parseYaml(text, file, 0, "topics/vocabulary-invalid");
  if (parsed.diagnostics.length)
    return { topics: null, diagnostics: [...diagnostics, ...parsed.diagnostics] };
  const value = parsed.value as Record<string, unknown> | null;
  if (!value || typeof value !== "object" || !Array.isArray(value.topics)) {
    diagnostics.push(
      diag(
        "topics/vocabulary-invalid",
        { file, line: 1 },
        "topics: the file must hold a `topics:` list",
        HINT,
      ),
    );
    return { topics: null, diagnostics };
  }
  const positioned = (issues: z.core.$ZodIssue[]) =>
    diagnostics.push(
      ...issuesToDiagnostics(issues, parsed.yaml, "topics/vocabulary-invalid", "topics", HINT),
    );
  for (const key of Object.keys(value))
    if (key !== "topics" && key !== "overrides")
      positioned([{ code: "unrecognized_keys", keys: [key], path: [], message: "", input: value }]);

  const lineOf = (path: (string | number)[]) => {
    const node = parsed.yaml.doc.getIn(path, true) as { range?: number[] } | undefined;
    return parsed.yaml.lines.linePos(node?.range?.[0] ?? 0).line;
  };
  const topics: Topic[] = [];
  const seen = new Set<string>();
  value.topics.forEach((raw, index) => {
    const r = Topic.safeParse(raw);
    if (!r.success) {
      positioned(r.error.issues.map((i) => ({ ...i, path: ["topics", index, ...i.path] })));
      return;
    }
    if (seen.has(r.data.id)) {
      diagnostics.push(
        diag(
          "topics/vocabulary-invalid",
          { file, line: lineOf(["topics", index]) },
          `topics: ${r.data.id} is listed twice; the first is used`,
          "Merge the two entries into one.",
        ),
      );
      return;
    }
    if (!r.data.terms.zh.length && !r.data.terms.en.length) {
      diagnostics.push(
        diag(
          "topics/vocabulary-invalid",
          { file, line: lineOf(["topics", index]) },
          `topics: ${r.data.id} has no term in either language; it could tag nothing`,
          HINT,
        ),
      );
      return;
    }
    seen.add(r.data.id);
    topics.push(r.data);
  });
  const overrides: LoadedTopics["overrides"] = [];
  const rawOverrides = value.overrides ?? [];
  if (!Array.isArray(rawOverrides)) {
    diagnostics.push(
      diag(
        "topics/vocabulary-invalid",
        { file, line: lineOf(["overrides"]) },
        "topics: `overrides:` must be a list",
        HINT,
      ),
    );
  } else {
    rawOverrides.forEach((raw, index) => {
      const r = TopicOverride.safeParse(raw);
      if (!r.success) {
        positioned(r.error.issues.map((i) => ({ ...i, path: ["overrides", index, ...i.path] })));
        return;
      }
      overrides.push({ ...r.data, line: lineOf(["overrides", index]) });
    });
  }
  if (!topics.length) return { topics: null, diagnostics };
  return { topics: { file, topics, overrides }, diagnostics };
}
