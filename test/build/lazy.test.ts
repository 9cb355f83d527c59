/**
 * The build after a change makes the paragraphs of the documents it reads only (build/cache.ts
 * `LazyCorpus`): those of the changed documents are parsed, the others stay in their parse cache
 * entries unless a stage reads them, and the stages that passed over every paragraph take the
 * runs the entries' headers give (paragraph-runs.ts). Every output file equals a cold build's, on
 * a corpus with list entries (the seed's annex D), a State's paper whose wording an agreed text
 * takes up (adoption), documents in two languages, and documents no change touches.
 */
import { readdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { documentsMade } from "../../pipeline/build/cache.ts";
import { type BuildResult, build } from "../../pipeline/build/index.ts";
import { paragraphAlone } from "../../pipeline/paragraph-runs.ts";
import { repoRoot } from "../parse/helpers.ts";
import { append, doc, makeRepo, sameAsCold } from "./helpers.ts";

const seedText = () => readFileSync(path.join(repoRoot, "corpus/A-78-265/zh.md"), "utf8");
const seedRegistry = () => readFileSync(path.join(repoRoot, "corpus/registry.yaml"), "utf8");

/** Paragraph texts of the seed's body, to plant in the other documents. */
function seedSentences(): string[] {
  return seedText()
    .split("\n\n")
    .map((b) => b.replace(/^\d+\.\s*/, "").trim())
    .filter((b) => b.length > 60 && b.length < 400 && !b.startsWith("---") && !/^[(（]/.test(b))
    .slice(5, 40);
}

/**
 * Documents that no change below touches nor links to, each of words of its own (no two
 * paragraphs share a word), each longer than an index chunk (32 rows) so that the chunk the
 * changed document stands in holds at most its neighbours.
 */
const QUIET = 6;
const QUIET_PARAGRAPHS = 40;
/** Word `n`: letters no other n gives. */
const word = (n: number): string => {
  let w = "";
  for (let k = n + 27; k > 0; k = Math.floor(k / 26)) w += String.fromCharCode(97 + (k % 26));
  return w;
};
const quietText = (i: number): string[] =>
  Array.from({ length: QUIET_PARAGRAPHS }, (_, j) =>
    Array.from({ length: 8 }, (_, k) => word((i * QUIET_PARAGRAPHS + j) * 8 + k)).join(" "),
  ).map((t) => `${t[0]!.toUpperCase()}${t.slice(1)}.`);

function files(): Record<string, string> {
  const s = seedSentences();
  const numbered = (xs: string[]) => `${xs.map((x, i) => `${i + 1}. ${x}`).join("\n\n")}\n`;
  const out: Record<string, string> = {
    "corpus/registry.yaml": seedRegistry(),
    "corpus/A-78-265/zh.md": seedText(),
    "corpus/A-79-10/zh.md": doc(
      "A/79/10",
      "zh",
      // The last paragraph, which the change below takes, cites a paragraph of a quiet document.
      numbered([s[0]!, "各方同意在下届会议上再次讨论A/81/3号文件第5段所述的各项建议。"]),
      {
        date: '"2024-07-01"',
      },
    ),
    "corpus/A-80-20/zh.md": doc("A/80/20", "zh", numbered([s[3]!, "工作组欢迎各国提交的书面意见。"]), {
      date: '"2025-07-01"',
    }),
    "corpus/A-80-20/en.md": doc(
      "A/80/20",
      "en",
      numbered(["The group welcomed the written contributions of States.", "States agreed to meet again."]),
      { date: '"2025-07-01"' },
    ),
    // A State's paper of May 2023 taking up a sentence the seed (August 2023) holds: adoption.
    "corpus/cn-2023-test-paper/zh.md": `---\nid: cn-2023-test-paper\nlang: zh\ntitle: 关于测试的立场文件\ndate: "2023-05-01"\ntype: position paper\nbody: Government of China\nstatus: national\nauthors: [CN]\nsource: written for the tests\n---\n${numbered([s[10]!, "我国主张各方加强对话与合作。"])}`,
  };
  // Two documents no change touches that take up a paragraph of one another (a reuse link kept,
  // and its ends named by id in every build): their paragraphs are not made either.
  const echo = quietText(QUIET).slice(0, 2);
  out["corpus/A-82-1/en.md"] = doc("A/82/1", "en", numbered([echo[0]!, quietText(QUIET + 1)[0]!]), {
    date: '"2026-08-01"',
  });
  out["corpus/A-82-2/en.md"] = doc("A/82/2", "en", numbered([quietText(QUIET + 2)[0]!, echo[0]!]), {
    date: '"2026-09-01"',
  });
  for (let i = 0; i < QUIET; i++)
    out[`corpus/A-81-${i + 1}/en.md`] = doc(`A/81/${i + 1}`, "en", numbered(quietText(i)), {
      date: `"2026-0${i + 1}-01"`,
    });
  return out;
}

/** Build into dist/data with the caches, and into cold/ without: every file the same bytes. */
async function bothWays(root: string): Promise<{ inc: BuildResult; cold: BuildResult; made: string[] }> {
  const before = documentsMade().length;
  const inc = await build({ root });
  const made = documentsMade().slice(before);
  const cold = await sameAsCold(root);
  return { inc, cold, made };
}

describe("a build after a change makes the paragraphs it reads only", () => {
  test("a Chinese document changed: no quiet document's paragraphs are made; the output a cold build's", async () => {
    const root = makeRepo(files());
    const first = await build({ root });
    expect(first.documents.length).toBe(7 + QUIET);
    // A sentence added to its last paragraph (as the bench changes a document): the paragraph
    // numbers stay, so every stage stays incremental.
    append(root, "corpus/A-79-10/zh.md", "会议记录另行分发。\n");
    const { inc, cold, made } = await bothWays(root);
    expect(inc.stats).toEqual({ parsed: 1, cached: 6 + QUIET });
    expect(inc.runs).toMatchObject({
      cite: { mode: "incremental" },
      reuse: { mode: "incremental" },
      index: { mode: "incremental" },
    });
    // What the stages read of the others: the seed's list entries (working papers), a formula's
    // examples, the Chinese index chunk the changed document stands in (a quiet neighbour there at
    // most). Never the other quiet documents', nor those of a link's ends (named by id from the
    // entries' headers: paragraph-runs.ts `idLookup`).
    const links = readFileSync(path.join(root, "dist/data/reuse.jsonl"), "utf8");
    expect(links).toMatch(/A-82-1\/en\/[^"]*","to":"A-82-2\/en\//i);
    expect(made.filter((f) => f.includes("A-82-"))).toEqual([]);
    // The citation into a quiet document resolves to its paragraph, read alone by its address.
    const citations = readFileSync(path.join(root, "dist/data/citations.jsonl"), "utf8");
    expect(citations).toMatch(/"from":"A-79-10\/zh\/2".*"resolved":"A-81-3\/en\/5","status":"resolved"/i);
    expect(made).not.toContain("corpus/A-81-3/en.md");
    expect(made.filter((f) => f.includes("A-81-")).length).toBeLessThanOrEqual(2);
    expect(made.length).toBeLessThan(6 + QUIET);
    expect(new Set(made).size).toBe(made.length);
    // A paragraph read alone (paragraph-runs.ts `paragraphAlone`) is the one a cold build gives,
    // and leaves its document unmade; a document asked for more than a few so is made whole.
    const quiet = cold.paragraphs.findIndex((p) => p.doc === "A/81/6");
    expect(made).not.toContain("corpus/A-81-6/en.md");
    const alone = paragraphAlone(inc.paragraphs);
    const madeBefore = documentsMade().length;
    for (const k of [0, 7, 39, 7]) expect(alone(quiet + k)).toEqual(cold.paragraphs[quiet + k]);
    expect(documentsMade().length).toBe(madeBefore);
    for (const k of [1, 2, 3]) expect(alone(quiet + k)).toEqual(cold.paragraphs[quiet + k]);
    expect(documentsMade().slice(madeBefore)).toEqual(["corpus/A-81-6/en.md"]);
    made.push("corpus/A-81-6/en.md");
    // The paragraphs the build gives still read as every paragraph, each document made when read.
    expect(inc.paragraphs.length).toBe(first.paragraphs.length);
    const before = documentsMade().length;
    expect(inc.paragraphs).toEqual(cold.paragraphs);
    expect(documentsMade().length - before).toBe(6 + QUIET - made.length);
  });
});

describe("an unchanged document's entry damaged by hand before a build after a change", () => {
  const entryOf = (root: string, file: string) => {
    const dir = path.join(root, ".cache/parse");
    const name = readdirSync(dir).find((f) =>
      readFileSync(path.join(dir, f), "latin1").includes(`"file":"${file}"`),
    );
    expect(name).toBeDefined();
    return path.join(dir, name!);
  };
  /** Bytes [start, end) of an entry's part `k` (0 the ids line, 1 the short form, 2 the piece): after the header's newline. */
  const partOf = (bytes: Buffer, k: number): [number, number] => {
    let start = bytes.indexOf(0x0a) + 1;
    for (let j = 0; j < k; j++) start = bytes.indexOf(0x0a, start) + 1;
    const end = k === 2 ? bytes.length : bytes.indexOf(0x0a, start) + 1;
    return [start, end];
  };

  // Each row: the document, the part of its entry a byte is changed in (its frame and header kept,
  // as a hand or a disk leaves them), and whether the stages read that part.
  test.each<[string, string, number, boolean]>([
    [
      "its piece of paragraphs.jsonl, which no stage reads, the last output's copy of it touched since: the document made anew when the piece is copied",
      "corpus/A-81-2/en.md",
      2,
      false,
    ],
    [
      "its ids line, which the reuse stage reads (a link's ends): the document parsed again",
      "corpus/A-82-2/en.md",
      0,
      true,
    ],
  ])("one byte of %s; the output a cold build's, the entry made anew", async (_, file, k, read) => {
    const root = makeRepo(files());
    await build({ root });
    const entry = entryOf(root, file);
    const sound = readFileSync(entry);
    const damaged = Buffer.from(sound);
    const [start, end] = partOf(damaged, k);
    // A letter of a text or an id changed to another: the same length, still JSON.
    const at = damaged.indexOf("A-8", start) + 2;
    expect(at > start && at < end).toBe(true);
    damaged[at] = damaged[at] === 0x37 ? 0x36 : 0x37;
    writeFileSync(entry, damaged);
    // The last output's paragraphs.jsonl touched (its stamp moved): the pieces are not copied from
    // it but read from the entries (cache.ts `piecesOf`).
    utimesSync(path.join(root, "dist/data/paragraphs.jsonl"), 1_000_000_000, 1_000_000_000);
    append(root, "corpus/A-79-10/zh.md", "会议记录另行分发。\n");
    const { made } = await bothWays(root);
    // Found where it was read, the document then made anew (parsed again): the ids line when the
    // stage asked for it, the piece as it was copied, after every stage (the last document made).
    expect(made).toContain(file);
    expect(made.at(-1) === file).toBe(!read);
    expect(readFileSync(entryOf(root, file))).toEqual(sound);
  });
});
