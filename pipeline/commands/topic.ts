/**
 * `acquis topic <name> [--states CN,US,…] [--json]`: what is agreed on a topic and what each
 * State has said on it, newest first, from the built knowledge base (dist/data/topics.json).
 *
 * Decision: the view is core's (core/data/topics.ts), the one the site's topic and compare
 * pages show; this command only reads the files and prints it. Every paragraph comes with why it
 * carries the topic, since a tag is a reading aid drawn from words, not a legal classification.
 * Exit codes: 0 found, 1 nothing on the topic (or none of the States asked for), 2 bad usage,
 * unknown topic or no data.
 */
import { existsSync, realpathSync } from "node:fs";
import { resolve } from "node:path";
import { findTopic, type TopicParagraph, topicCitation, topicView, whyText } from "../../core/data/topics.ts";
import { jsonSafe, terminalSafe } from "../terminal.ts";
import { readDataDir } from "./data-host.ts";
import { READER_OPTIONS, readCommandLine, usageError as usage } from "./options.ts";
import type { Command, CommandIO } from "./types.ts";

const USAGE = `Usage: acquis topic <name> [--states CN,US,...] [--json] [--data <dir>]
       acquis topic            (lists the topics)

What the agreed texts (consensus and adopted) say on a topic, and what each
State says on it in its papers and its sections of compendia, newest first,
each paragraph with why it carries the topic (the term or heading that matched,
or a curator's note). <name> is the topic's id (due-diligence) or its name in
English or Chinese (Due diligence, 应尽义务). The vocabulary is
corpus/topics.yaml. A tag is a reading aid drawn from words, not a legal
classification.

  --states CN,US   only these States (ISO 3166-1 codes, or groups: EU, AFRICAN-UNION)
  --json           print {topic, agreed, states: [{code, name, paragraphs}],
                   other}, each paragraph {id, doc, date, address, text, why}
  --data <dir>     the built knowledge base (default: dist/data)

Exit codes: 0 found, 1 nothing tagged with it, 2 bad usage or unknown topic.`;

const usageError = (io: CommandIO, message: string): number => usage(io, "topic", USAGE, message);

const asJson = (t: TopicParagraph) => ({
  id: t.paragraph.id,
  doc: t.doc.symbol,
  lang: t.paragraph.lang,
  date: t.doc.date,
  address: t.paragraph.address,
  text: t.paragraph.text,
  why: t.tag.why,
});

const line = (t: TopicParagraph) =>
  `  ${topicCitation(t)} (${t.doc.date}) [${t.paragraph.lang}]  ${whyText(t.tag)}\n    ${terminalSafe(t.paragraph.text.replace(/\s+/g, " "))}\n`;

export const topicCommand: Command = {
  name: "topic",
  summary: "What is agreed on a topic and what each State says on it (--states to compare)",
  usage: USAGE,
  async run(argv: string[], io: CommandIO): Promise<number> {
    const read = readCommandLine(
      argv,
      {
        ...READER_OPTIONS,
        states: { type: "string", value: "codes, e.g. CN,US" },
      },
      io,
      "topic",
      USAGE,
    );
    if (read.exit !== undefined) return read.exit;
    const { words } = read;
    const json = read.values.json === true;
    const dataDir = read.values.data ?? "dist/data";
    let states: string[] | undefined;
    if (read.values.states !== undefined) {
      states = read.values.states
        .split(/[,\s]+/)
        .filter(Boolean)
        .map((s) => s.toUpperCase());
      const bad = states.filter((s) => !/^[A-Z][A-Z0-9-]{1,40}$/.test(s));
      if (bad.length) return usageError(io, `--states takes codes such as CN,US,EU; not ${bad.join(", ")}`);
    }
    const dir = resolve(io.cwd, dataDir);
    if (!existsSync(resolve(dir, "topics.json"))) {
      io.stderr(
        `acquis topic: ${dataDir}/topics.json is missing: build the knowledge base first (npm run build), with corpus/topics.yaml in the corpus.\n`,
      );
      return 2;
    }
    let kb: ReturnType<typeof readDataDir>;
    try {
      kb = readDataDir(realpathSync(dir), ["topics"]);
    } catch (e) {
      io.stderr(
        `acquis topic: the knowledge base in ${dataDir} could not be read: ${terminalSafe((e as Error).message)}\n`,
      );
      return 2;
    }
    const topics = kb.topics?.topics ?? [];
    const list = topics
      // "1 paragraphs" read as a typo to users trying the list; say the number as English says it.
      .map(
        (t) =>
          `  ${t.id.padEnd(24)} ${t.name.en} · ${t.name.zh} (${t.paragraphs} ${t.paragraphs === 1 ? "paragraph" : "paragraphs"})`,
      )
      .join("\n");
    if (!words.length) {
      if (json) io.stdout(`${jsonSafe(JSON.stringify(topics, null, 2))}\n`);
      else io.stdout(`Topics (corpus/topics.yaml):\n${list}\n`);
      return 0;
    }
    const name = words.join(" ");
    const topic = findTopic(topics, name);
    if (!topic) {
      io.stderr(`acquis topic: no topic is called “${terminalSafe(name)}”. The topics are:\n${list}\n`);
      return 2;
    }
    const view = topicView(kb, topic, states);
    const found = view.agreed.length + view.states.length + view.other.length;
    if (json) {
      io.stdout(
        `${jsonSafe(
          JSON.stringify(
            {
              topic: { id: topic.id, name: topic.name, scope: topic.scope },
              agreed: view.agreed.map(asJson),
              states: view.states.map((s) => ({
                code: s.code,
                name: s.name,
                paragraphs: s.paragraphs.map(asJson),
              })),
              other: view.other.map(asJson),
            },
            null,
            2,
          ),
        )}\n`,
      );
    } else {
      let out = `${topic.name.en} · ${topic.name.zh} (${topic.id})\n${topic.scope}\nA tag is a reading aid drawn from words, not a legal classification.\n\n`;
      out += `Agreed language (${view.agreed.length}), newest first:\n${view.agreed.map(line).join("") || "  none\n"}\n`;
      if (states)
        for (const code of states)
          if (!view.states.some((s) => s.code === code)) out += `${code}: no paragraph on this topic.\n`;
      for (const s of view.states)
        out += `${s.name.en} · ${s.name.zh} (${s.code}), ${s.paragraphs.length}:\n${s.paragraphs.map(line).join("")}\n`;
      if (view.other.length) out += `Other texts (${view.other.length}):\n${view.other.map(line).join("")}`;
      io.stdout(out);
    }
    return found ? 0 : 1;
  },
};
