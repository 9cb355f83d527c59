/**
 * Topics through a whole build and `acquis topic`: a small corpus in our own words (a consensus
 * report, two national papers, one joint), a vocabulary, a curator's override; what the build
 * writes and reports, and what the command prints.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { type BuildResult, build } from "../../pipeline/build/index.ts";
import { runCli } from "../../pipeline/cli.ts";
import { TopicsDataFile } from "../../schemas/index.ts";
import { captureIO, doc, makeRepo } from "../build/helpers.ts";

const VOCAB = `topics:
  - id: sovereignty
    name: { zh: 主权, en: Sovereignty }
    scope: State sovereignty.
    terms: { zh: [主权], en: [sovereignty] }
    not: { zh: [主权平等], en: [sovereign equality] }
  - id: due-diligence
    name: { zh: 应尽义务, en: Due diligence }
    scope: Due diligence.
    terms: { zh: [应尽义务], en: [due diligence] }
overrides:
  - paragraph: A-1-1/en/2
    add: [due-diligence]
    why: the paragraph states the due diligence norm without naming it
  - paragraph: A-1-1/en/9
    add: [sovereignty]
    why: a paragraph that does not exist
`;

const paper = (id: string, authors: string, date: string, text: string) =>
  `---\nid: ${id}\nlang: en\ntitle: Paper ${id}\ndate: "${date}"\ntype: position paper\nbody: A government\nstatus: national\nauthors: [${authors}]\nsource: written for the tests\n---\n${text}`;

const REGISTRY = `documents:
  - symbol: A/1/1
    type: report
    title: { en: A report }
  - id: cn-2030-paper
    type: position paper
    authors: [CN]
    title: { en: A paper }
  - id: ca-ch-2031-paper
    type: position paper
    authors: [CA, CH]
    title: { en: A joint paper }
`;

let root: string;
let result: BuildResult;
beforeAll(async () => {
  root = makeRepo({
    "corpus/registry.yaml": REGISTRY,
    "corpus/topics.yaml": VOCAB,
    "corpus/A-1-1/en.md": doc(
      "A/1/1",
      "en",
      "1. States reaffirmed State sovereignty in cyberspace.\n\n2. States should not knowingly allow their territory to be used for wrongful acts.\n\n3. The principle of sovereign equality applies.\n",
      { date: '"2029-07-01"' },
    ),
    "corpus/cn-2030-paper/en.md": paper(
      "cn-2030-paper",
      "CN",
      "2030-05-01",
      "1. Sovereignty extends to cyberspace.\n\n2. Capacity matters.\n",
    ),
    "corpus/ca-ch-2031-paper/en.md": paper(
      "ca-ch-2031-paper",
      "CA, CH",
      "2031-02-01",
      "1. Sovereignty is a rule in its own right.\n\n2. Due diligence is expected of States.\n",
    ),
  });
  result = await build({ root, out: "dist/data" });
});

const run = async (...argv: string[]) => {
  const io = captureIO(root);
  const code = await runCli(["topic", ...argv], io);
  return { code, ...io };
};

describe("the build", () => {
  test("writes topics.json, valid, with every tag's reasons", () => {
    const file = TopicsDataFile.parse(
      JSON.parse(readFileSync(path.join(root, "dist/data/topics.json"), "utf8")),
    );
    const tags = Object.fromEntries(file.paragraphs.map((p) => [p.paragraph, p.tags]));
    expect(tags["A-1-1/en/1"]).toEqual([
      { topic: "sovereignty", why: [{ from: "words", term: "sovereignty", span: [24, 35] }] },
    ]);
    expect(tags["A-1-1/en/2"]).toEqual([
      {
        topic: "due-diligence",
        why: [{ from: "curator", note: "the paragraph states the due diligence norm without naming it" }],
      },
    ]);
    expect(tags["A-1-1/en/3"]).toBeUndefined();
    expect(file.topics.map((t) => [t.id, t.paragraphs])).toEqual([
      ["sovereignty", 3],
      ["due-diligence", 2],
    ]);
  });
  test("an override of a paragraph that does not exist is an error at its line, and costs only itself", () => {
    const d = result.diagnostics.filter((x) => x.code.startsWith("topics/"));
    expect(d.map((x) => [x.code, x.level, x.file, x.line])).toEqual([
      ["topics/unknown-paragraph", "error", "corpus/topics.yaml", 15],
    ]);
    expect(d[0]!.message).toContain("A-1-1/en/9");
  });
});

describe("acquis topic", () => {
  test("--json: agreed language, and each State's paragraphs newest first, a joint paper under each author", async () => {
    const r = await run("sovereignty", "--json");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(out.agreed.map((p: { id: string }) => p.id)).toEqual(["A-1-1/en/1"]);
    expect(
      out.states.map((s: { code: string; paragraphs: Array<{ id: string }> }) => [
        s.code,
        s.paragraphs.map((p) => p.id),
      ]),
    ).toEqual([
      ["CA", ["ca-ch-2031-paper/en/1"]],
      ["CH", ["ca-ch-2031-paper/en/1"]],
      ["CN", ["cn-2030-paper/en/1"]],
    ]);
    expect(out.agreed[0].why).toEqual([{ from: "words", term: "sovereignty", span: [24, 35] }]);
  });
  test("--states narrows to the States asked for and says which have nothing", async () => {
    const r = await run("Due diligence", "--states", "cn,ca");
    expect(r.code).toBe(0);
    expect(r.out).toContain("CN: no paragraph on this topic.");
    expect(r.out).toContain("(CA), 1:");
    expect(r.out).not.toContain("(CH)");
    expect(r.out).toContain("curator: the paragraph states the due diligence norm");
  });
  test("--states takes a group's code (AFRICAN-UNION, not two letters) and --states=… alike", async () => {
    const r = await run("Due diligence", "--states=CN,AFRICAN-UNION");
    expect(r.code).toBe(0);
    expect(r.out).toContain("CN: no paragraph on this topic.");
    expect(r.out).toContain("AFRICAN-UNION: no paragraph on this topic.");
  });
  test("--states without codes is bad usage that says what it needs", async () => {
    const r = await run("Due diligence", "--states", "--json");
    expect(r.code).toBe(2);
    expect(r.err).toContain("--states needs codes, e.g. CN,US");
  });
  test("a name in Chinese finds the topic", async () => {
    const r = await run("应尽义务", "--json");
    expect(JSON.parse(r.out).topic.id).toBe("due-diligence");
  });
  test("an unknown topic is exit 2 with the list of topics", async () => {
    const r = await run("cyber peace");
    expect(r.code).toBe(2);
    expect(r.err).toContain("no topic is called “cyber peace”");
    expect(r.err).toContain("sovereignty");
  });
  test("no data is exit 2 with what to do", async () => {
    const r = await run("sovereignty", "--data", "nowhere");
    expect(r.code).toBe(2);
    expect(r.err).toContain("build the knowledge base first");
  });
});
