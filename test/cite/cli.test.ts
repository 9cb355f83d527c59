/**
 * `acquis cite`: a person types a citation (zh or en) and gets the paragraph, or a precise
 * account of what could not be found. The knowledge base is written to a temporary directory
 * from the real seed plus a synthetic A/76/135 (our own words); the registry is the real one.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { citeCommand } from "../../pipeline/commands/cite.ts";
import { SCHEMA_VERSION } from "../../schemas/index.ts";
import { citedDocument, merge, repoRoot, seed } from "./helpers.ts";

const dir = mkdtempSync(join(tmpdir(), "acquis-cite-"));
const corpus = merge(
  seed(),
  citedDocument("A/76/135", "en", [
    { part: [], nums: [["42"], ["71"], ["71", "c"]], text: (n) => `Text of paragraph ${n.join(".")}.` },
  ]),
);
writeFileSync(join(dir, "paragraphs.jsonl"), corpus.paragraphs.map((p) => JSON.stringify(p)).join("\n"));
writeFileSync(
  join(dir, "documents.json"),
  JSON.stringify({ schemaVersion: SCHEMA_VERSION, documents: corpus.documents }),
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...argv: string[]) {
  let out = "";
  let err = "";
  const code = await citeCommand.run(argv, {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
    isTTY: false,
    cwd: repoRoot,
  });
  return { code, out, err };
}

describe("acquis cite", () => {
  test.each([
    {
      query: "A/78/265, annex, para. 23 (f) (ii)",
      code: 0,
      says: [
        "A/78/265, annex, para. 23 (f) (ii)\nA/78/265，附件，第 23(f)(二)段\nA-78-265/zh/annex/23.f.ii",
        "自愿参与制定和利用关于规范实施",
      ],
    }, // en query, zh paragraph: its citation to copy in both languages, then its id and text
    { query: "A/78/265，附件，第 23(f)(二)段", code: 0, says: ["A-78-265/zh/annex/23.f.ii"] }, // the same in Chinese
    { query: "A/76/135，第 71(c)段", code: 0, says: ["A-76-135/en/71.c", "Text of paragraph 71.c."] }, // zh query, only en held
    {
      query: "A/75/816, annex I, para. 56",
      code: 1,
      says: ["not in the corpus", "https://undocs.org/en/A/75/816"],
    }, // registry only: ODS link
    {
      query: "安理会第2341(2017)号决议，第 3 段",
      code: 1,
      says: ["S/RES/2341(2017), para. 3", "given unchecked", "https://undocs.org/zh/S/RES/2341(2017)"],
    }, // a Security Council resolution no registry lists: its symbol, linked and said unchecked
    { query: "A/78/265，附件，第二十三段", code: 0, says: ["A-78-265/zh/annex/23"] }, // Chinese numerals
    {
      query: "Security Council resolution 75/240",
      code: 1,
      says: ["not read: Security Council resolution 75/240"],
    }, // the Assembly's number after the Council: not read, never read without the organ
    { query: "A/75/816，附件一，第 56 段", code: 1, says: ["https://undocs.org/zh/A/75/816"] }, // link in the query's language
    {
      query: "A/78/265, annex, para. 99",
      code: 1,
      says: ["A/78/265, annex, runs from para. 1 to para. 60; no para. 99", "Nearby: 58, 59, 60"],
    }, // past the end: the part's range and what is nearby
    {
      query: "A/78/265, annex, para. 23 (k) (iv)",
      code: 1,
      says: ["Not found: A/78/265, annex, para. 23 (k) (iv)"],
    }, // the target in UN style
    { query: "A/12/345, para. 1", code: 1, says: ["A/12/345 is unknown"] }, // neither corpus nor registry
    {
      query: "2021 年不限成员名额工作组报告第 56 段",
      code: 1,
      says: ["A/75/816, annex I, para. 56 (read as annex I"],
    }, // a title, the part inferred
    {
      query: "A/78/265, annex B",
      code: 0,
      says: [
        "A-78-265/zh/annex/annex-b",
        "Holds 5 paragraphs, 18 subparagraphs and 12 source notes (35 in all): annex, annex B, paras. 1-4 and 1 unnumbered para.\nSite: /doc/A-78-265/zh/#annex-annex-b-h1\n",
      ],
    }, // a whole part: what it holds as people cite it, never by address, each kind counted so the sum is the build's count, and where the site shows it, at its heading
    { query: "hello world", code: 1, says: ["No citation could be read"] }, // nothing to look up
    {
      query: "Security Council resolution 75/240",
      code: 1,
      says: [
        "names the Security Council with a General Assembly resolution's number (75/240",
        "A/RES/75/240",
      ],
    }, // the Council's name before an Assembly number: read as neither, and said which to mend
    { query: "安理会第 75/240 号决议", code: 1, says: ["names the Security Council (安理会)"] },
    {
      query: "Charter, Article 2 (4)",
      code: 1,
      says: [
        "The UN Charter is not a corpus document",
        "The Charter on un.org: https://www.un.org/en/about-us/un-charter/full-text",
      ],
    }, // not held, and no ODS symbol: where to read it instead, as the site's resolver links it
    {
      query: "cn-2099-test-paper, section 2.2",
      code: 1,
      says: [
        '"cn-2099-test-paper" reads as a national paper\'s id, but neither the corpus nor its registry has a paper by that id',
      ],
    }, // an id the corpus does not hold: said as such, not "write a symbol", which a national paper lacks
    {
      query: "第 78/265 号文件附件第 23 段",
      code: 1,
      says: [
        '"第 78/265 号文件" gives a document\'s number without its series',
        "The registry knows A/78/265",
        'e.g. "A/78/265 号文件附件第 23 段"',
      ],
    }, // trying main: a number without its series was told "第 23 段 refers to the document it stands in"
    {
      query: "OEWG final report, para 5",
      code: 1,
      says: ['"2021 OEWG final report" (A/75/816), "2025 OEWG final report" (A/80/257)'],
    }, // a half-remembered name: the registered names holding its words, never one picked
    {
      query: "A/78/256, annex, para. 23",
      code: 1,
      says: ["A/78/256 is unknown", "Did you mean A/78/265?", "https://undocs.org/en/A/78/256"],
    }, // a mistyped symbol: the registered one a keystroke away is offered, the typed one still linked
    {
      query: "A/78/265, annex I, para. 23",
      code: 1,
      says: ["A/78/265 has no annex I; its parts are the main body, annex, annex A"],
    }, // trying main: "annex, annex I, has no numbered paragraphs" told of a part the report lacks
    {
      query: "A/78/265, anex, para. 23",
      code: 1,
      says: ['read: A/78/265; not read: anex, para. 23 ("anex": did you mean "annex"?)'],
    }, // a misspelt pinpoint word: the answer is the whole document, and the first line says why
  ])("$query", async ({ query, code, says }) => {
    const r = await run(query, "--data", dir);
    expect(r.code).toBe(code);
    for (const s of says) expect(r.out).toContain(s);
  });

  test("--json prints the lookup as data", async () => {
    const r = await run("A/76/135, para. 42", "--json", "--data", dir);
    expect(r.code).toBe(0);
    const lookup = JSON.parse(r.out);
    expect(lookup.kind).toBe("parsed");
    expect(lookup.results[0].status).toBe("resolved");
    expect(lookup.results[0].paragraph.id).toBe("A-76-135/en/42");
  });

  test("several targets: every one is shown, exit 1 when one is missing", async () => {
    const r = await run("A/76/135, paras. 42 and 43", "--data", dir);
    expect(r.code).toBe(1);
    expect(r.out).toContain("A-76-135/en/42");
    expect(r.out).toContain("Not found: A/76/135, para. 43");
  });

  test.each([
    { argv: [], says: "give the citation" }, // no citation
    { argv: ["A/76/135", "--frobnicate"], says: "unknown option --frobnicate" },
    { argv: ["A/76/135", "--data"], says: "--data needs a directory" },
    { argv: ["A/76/135", "--data", join(dir, "missing")], says: "Run `npm run build` first" }, // no knowledge base
  ])("bad usage exits 2: $says", async ({ argv, says }) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.err).toContain(says);
  });
});

describe("acquis cite: the site address", () => {
  test("from the site's root, or whole when ACQUIS_SITE_URL names the site; text and --json alike", async () => {
    const q = "A/78/265, annex, para. 23 (f) (ii)";
    const before = process.env.ACQUIS_SITE_URL;
    try {
      delete process.env.ACQUIS_SITE_URL;
      expect((await run(q, "--data", dir)).out).toContain("\nSite: /p/A-78-265/annex/23.f.ii/\n");
      process.env.ACQUIS_SITE_URL = "https://acquis.example.org/";
      expect((await run(q, "--data", dir)).out).toContain(
        "\nSite: https://acquis.example.org/p/A-78-265/annex/23.f.ii/\n",
      );
      const json = JSON.parse((await run(q, "--json", "--data", dir)).out);
      expect(json.results[0].site).toBe("https://acquis.example.org/p/A-78-265/annex/23.f.ii/");
    } finally {
      if (before === undefined) delete process.env.ACQUIS_SITE_URL;
      else process.env.ACQUIS_SITE_URL = before;
    }
  });
});
