/**
 * The commands of `acquis`, in the order `acquis --help` lists them. Add yours here.
 *
 * Decision: the list holds each command's name and summary and how to load it; the command's
 * module (its usage, its code and what that imports) is loaded only when that command runs, so
 * `acquis search` never loads the parser, pdf.js or the build runner, and `acquis --help` loads
 * none of them. The summary is written twice, here and in the command's module: a test
 * (test/cli/compiled.test.ts) fails until both say the same.
 */
import type { Command } from "./types.ts";

/** A command as listed: enough for `acquis --help`, and the loader of the rest. */
export interface CommandEntry {
  name: string;
  /** One line for `acquis --help`: the same as the loaded command's `summary`. */
  summary: string;
  load: () => Promise<Command>;
}

export const COMMANDS: CommandEntry[] = [
  {
    name: "build",
    summary: "Build the data and the site from the corpus and publish them together in dist/",
    load: async () => (await import("./build.ts")).buildCommand,
  },
  {
    name: "check",
    summary: "Validate the corpus and print diagnostics, writing nothing",
    load: async () => (await import("./check.ts")).checkCommand,
  },
  {
    name: "cite",
    summary: "Look up a citation (zh or en) and print the cited paragraph",
    load: async () => (await import("./cite.ts")).citeCommand,
  },
  {
    name: "import",
    summary: "Convert a PDF, DOCX, HTML or text original (or a folder of them) into corpus files",
    load: async () => (await import("./import.ts")).importCommand,
  },
  {
    name: "fetch",
    summary: "Download a document by symbol from the UN Official Document System and import it",
    load: async () => (await import("./fetch.ts")).fetchCommand,
  },
  {
    name: "search",
    summary: "Full-text search of paragraphs, zh and en (exact phrases with --phrase)",
    load: async () => (await import("./search.ts")).searchCommand,
  },
  {
    name: "state",
    summary: "A State's papers, and its wording that reached or quotes agreed texts",
    load: async () => (await import("./state.ts")).stateCommand,
  },
  {
    name: "topic",
    summary: "What is agreed on a topic and what each State says on it (--states to compare)",
    load: async () => (await import("./topic.ts")).topicCommand,
  },
];
