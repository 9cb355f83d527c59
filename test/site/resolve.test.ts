/**
 * The site's citation resolver (site/src/lib/resolve.ts) over the files the build writes for it
 * (site/src/lib/resolver-index.ts): a pasted citation is read by the core grammar and resolved as
 * `acquis cite` resolves it, and the page goes to a paragraph only when the citation named it
 * whole; an inferred part is said. The files are fed from memory, as JSON, exactly as written.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { addressOf } from "../../core/address/address.ts";
import { CHARTER_URL } from "../../core/address/urls.ts";
import { citationsOf, toRoman } from "../../core/cite/format.ts";
import { RESOLVER_INDEX_PATH, resolverDocumentPath } from "../../core/cite/resolver-files.ts";
import type { DocumentRecord, Paragraph, Registry } from "../../schemas/index.ts";
import { type Answer, answerOf, lookupPasted, type ResolverSource } from "../../site/src/lib/resolve.ts";
import { resolverDocuments, resolverIndex } from "../../site/src/lib/resolver-index.ts";
import { documentRecord, paragraph } from "../factories.ts";

/** The resolver's files for a corpus, as the site writes them, read back from JSON text. */
function source(
  documents: DocumentRecord[],
  paragraphs: Paragraph[],
  registry: Registry,
): ResolverSource & { reads: string[] } {
  const files = new Map<string, string>([
    [RESOLVER_INDEX_PATH, JSON.stringify(resolverIndex({ documents }, registry))],
  ]);
  for (const f of resolverDocuments({ documents, paragraphs })) {
    files.set(resolverDocumentPath(f.slug), JSON.stringify(f));
  }
  const reads: string[] = [];
  return {
    reads,
    async get(path) {
      reads.push(path);
      const text = files.get(path);
      if (text === undefined) throw new Error(`no resolver file ${path}`);
      return JSON.parse(text);
    },
  };
}

const registry: Registry = {
  documents: [
    // Its report sits in its annex, as the real registry says.
    {
      symbol: "A/78/265",
      type: "report",
      title: {},
      short: { zh: ["第二次年度进展报告"], en: ["second annual progress report"] },
      structure: { reportIn: ["annex"] },
    },
    { symbol: "A/76/135", type: "report", title: {}, short: { zh: [], en: ["2021 GGE report"] } },
  ],
};

const ADDRESSES: Array<[string[], string[]]> = [
  [[], ["1"]],
  [[], ["2"]],
  [["annex"], ["23"]],
  [["annex"], ["23", "f"]],
  [["annex"], ["23", "f", "ii"]],
  [["annex"], ["24"]],
  [["annex", "annex A"], ["3"]],
  [["annex", "annex B"], ["3"]],
];
const PARTS = [[], ["annex"], ["annex", "annex A"], ["annex", "annex B"]];
/** The main body's paragraphs stand in section I, under its heading. */
const SECTION_I = "I. Introduction";
/** Headings as the parser records them: section I's, and annex B's title (depth 1). */
const heading = (text: string, depth: number, part: string[], anchor: string) => ({
  text,
  depth,
  part,
  anchor,
  footnotes: [],
  source: { file: "corpus/A-78-265/en.md", line: 1, column: 1 },
});
const corpus = (["zh", "en"] as const).map((lang) => ({
  record: documentRecord({
    symbol: "A/78/265",
    lang,
    parts: PARTS,
    paragraphs: ADDRESSES.length,
    headings: [
      { ...heading(SECTION_I, 3, [], "body-h2"), label: "I.", section: "1" },
      heading("Annex B", 1, ["annex", "annex B"], "annex-annex-b-h1"),
      heading("Initial list", 2, ["annex", "annex B"], "annex-annex-b-h2"),
    ],
    sections: [
      {
        address: "@1",
        kind: "numbered",
        part: [],
        key: "1",
        label: "I.",
        title: SECTION_I,
        anchor: "body-h2",
      },
    ],
  }),
  paragraphs: ADDRESSES.map(([part, num]) =>
    paragraph({
      doc: "A/78/265",
      lang,
      part,
      num,
      text: `Paragraph ${num.join(".")}.`,
      headings: part.length ? [] : [SECTION_I],
    }),
  ),
}));
const documents = corpus.map((c) => c.record);
const paragraphs = corpus.flatMap((c) => c.paragraphs);

async function answer(pasted: string, src = source(documents, paragraphs, registry)): Promise<Answer> {
  return answerOf(await lookupPasted(pasted, src));
}
const text = (a: Answer) => a.lines.map((l) => l.text).join("\n");

describe("a pasted citation", () => {
  test.each([
    { pasted: "A/78/265, annex, para. 23 (f) (ii)", go: "/p/A-78-265/annex/23.f.ii/" },
    { pasted: "A/78/265，附件，第 23(f)(二)段", go: "/p/A-78-265/annex/23.f.ii/" },
    // Full-width brackets and no spaces, as pasted from a Chinese document.
    { pasted: "A/78/265，附件，第23（f）（二）段", go: "/p/A-78-265/annex/23.f.ii/" },
    { pasted: "A/78/265, annex, annex A, para. 3", go: "/p/A-78-265/annex/annex-a/3/" },
    // The registry's short title stands for the symbol.
    { pasted: "second annual progress report, annex, para. 24", go: "/p/A-78-265/annex/24/" },
  ])("$pasted goes to its paragraph", async ({ pasted, go }) => {
    expect((await answer(pasted)).go).toBe(go);
  });

  test.each([
    // The part left out: the report sits in the annex (the registry), so annex 24 is meant.
    {
      pasted: "A/78/265, paragraph 24",
      says: "Part inferred: A/78/265, annex, para. 24 (read as annex",
      href: "/p/A-78-265/annex/24/",
    },
    // Not in the annex, so the main body's paragraph 1: nothing inferred, but the annex was tried first.
    { pasted: "A/78/265, para. 1", says: "A/78/265, para. 1", href: "/p/A-78-265/1/" },
  ])("$pasted: an inferred part is said before the page moves", async ({ pasted, says, href }) => {
    const a = await answer(pasted);
    expect(text(a)).toContain(says);
    expect(a.lines.some((l) => l.href === href)).toBe(true);
    if (says.startsWith("Part inferred")) expect(a.go).toBeNull();
  });

  test.each([
    // Paragraph 3 of which annex? Two have one: list them, never pick.
    {
      pasted: "A/78/265, para. 3",
      says: ["several paragraphs", "A-78-265/en/annex/annex-a/3", "A-78-265/en/annex/annex-b/3"],
    },
    // Past the end: where the part ends.
    {
      pasted: "A/78/265, annex, para. 99",
      says: [
        "Not found: A/78/265, annex, para. 99",
        "A/78/265, annex, runs from para. 23 to para. 24; no para. 99",
      ],
    },
    // Known to the registry only: the ODS link.
    {
      pasted: "A/76/135, para. 42",
      says: ["A/76/135 is known to the registry but not in the corpus", "UN Official Document System"],
    },
    { pasted: "A/12/345, para. 1", says: ["A/12/345 is unknown"] },
    { pasted: "the report, para. 42", says: ["No citation could be read"] },
    // Trying main: a number without its series, and a symbol with two digits swapped, were
    // answered without naming the document the registry holds.
    {
      pasted: "第 78/265 号文件附件第 23 段",
      says: [
        "gives a document's number without its series",
        "The registry knows A/78/265.",
        "A/78/265 号文件附件第 23 段",
      ],
    },
    { pasted: "A/78/256, annex, para. 23", says: ["A/78/256 is unknown", "Did you mean A/78/265?"] },
    // A part the document lacks is said to be lacking, not to hold no numbered paragraphs.
    { pasted: "A/78/265, annex C, para. 1", says: ["A/78/265 has no annex C; its parts are"] },
    {
      pasted: "A/78/265, anex, para. 23",
      says: ['not read: anex, para. 23 ("anex": did you mean "annex"?)'],
    },
    {
      pasted: "2021 GGE, para. 5",
      says: ['registered names with those words: "2021 GGE report" (A/76/135)'],
    },
    {
      pasted: "Security Council resolution 75/240, para. 2",
      says: ["names the Security Council with a General Assembly resolution's number"],
    },
  ])("$pasted says precisely what it found", async ({ pasted, says }) => {
    const a = await answer(pasted);
    expect(a.go).toBeNull();
    for (const s of says) expect(text(a)).toContain(s);
  });

  test("a Charter article, not a corpus document, links the Charter's text on un.org", async () => {
    // Trying main, the resolver said the Charter's text is not held, and offered nothing to open.
    const a = await answer("Charter, Article 2 (4)");
    expect(a.go).toBeNull();
    expect(text(a)).toContain("The UN Charter is not a corpus document");
    expect(a.lines).toContainEqual({ text: "Read the Charter on un.org", href: CHARTER_URL });
  });

  test.each([
    // The whole document: its page, and what it holds as people cite it, never by address.
    {
      pasted: "A/78/265",
      go: "/doc/A-78-265/",
      says: [
        "A/78/265",
        "Holds 8 paragraphs: main body, paras. 1-2; annex, paras. 23-24; annex, annex A, para. 3; annex, annex B, para. 3",
      ],
    },
    // A part with a title is opened at its heading, not at its first paragraph (annex-annex-b-3).
    {
      pasted: "A/78/265, annex, annex B",
      go: "/doc/A-78-265/en/#annex-annex-b-h1",
      says: ["annex B", "Holds 1 paragraph: annex, annex B, para. 3"],
    },
    // A part without a heading of its own: at its first paragraph, as before.
    { pasted: "A/78/265, annex, annex A", go: "/doc/A-78-265/en/#annex-annex-a-3", says: ["annex A"] },
    // A numbered section at its heading (the parser's Section `anchor`), not its paragraph 1.
    {
      pasted: "A/78/265, section 1",
      go: "/doc/A-78-265/en/#body-h2",
      says: ["Holds 2 paragraphs: main body, paras. 1-2"],
    },
  ])("$pasted opens the document page at its place", async ({ pasted, go, says }) => {
    const a = await answer(pasted);
    expect(a.go).toBe(go);
    for (const s of says) expect(text(a)).toContain(s);
  });

  test.each([
    // Read, then a page number: the words not read are said, and the page does not move.
    { pasted: "A/78/265, annex, para. 24 at 5", says: "read: A/78/265, annex, para. 24; not read: at 5" },
    { pasted: "A/78/265, annex, para. 24", says: "read: A/78/265, annex, para. 24" },
  ])("what was read and what was not is said first: $pasted", async ({ pasted, says }) => {
    const a = await answer(pasted);
    expect(a.lines[0]?.text).toBe(says);
    if (says.includes("not read")) expect(a.go).toBeNull();
    else expect(a.go).not.toBeNull();
  });

  test("the page fetches the index and only the files of the documents the citation names", async () => {
    const src = source(documents, paragraphs, registry);
    await lookupPasted("A/78/265, annex, para. 24", src);
    expect(src.reads).toEqual([RESOLVER_INDEX_PATH, "/resolve/A-78-265.json"]);
    const other = source(documents, paragraphs, registry);
    await lookupPasted("A/76/135, para. 42", other);
    expect(other.reads).toEqual([RESOLVER_INDEX_PATH]);
  });

  test("files of another layout are refused with the way out", async () => {
    const src = source(documents, paragraphs, registry);
    const stale: ResolverSource = {
      async get(path) {
        const f = (await src.get(path)) as Record<string, unknown>;
        return { ...f, format: 99 };
      },
    };
    await expect(lookupPasted("A/78/265, para. 1", stale)).rejects.toThrow(/format 99, .*rebuild the site/);
  });

  test("every citation the site prints goes back to its own paragraph (en and zh)", async () => {
    const part = fc.constantFrom<string[]>([], ["annex"], ["annex I"], ["annex", "annex A"], ["preamble"]);
    const num = fc.tuple(
      fc.integer({ min: 1, max: 120 }).map(String),
      fc.option(fc.constantFrom("a", "b", "c", "f", "k"), { nil: undefined }),
      fc.option(fc.integer({ min: 1, max: 12 }).map(toRoman), { nil: undefined }),
    );
    await fc.assert(
      fc.asyncProperty(part, num, async (p, [n, letter, roman]) => {
        const labels = [n, ...(letter ? [letter] : []), ...(letter && roman ? [roman] : [])];
        const address = addressOf(p, null, labels);
        const one = paragraph({ doc: "A/78/265", lang: "en", part: p, num: labels, text: "x" });
        const record = documentRecord({ symbol: "A/78/265", lang: "en", parts: [p] });
        const src = source([record], [one], { documents: [] });
        const printed = citationsOf({ doc: "A/78/265", part: p, scope: null, num: labels, address });
        for (const t of [printed.en, printed.zh]) {
          expect((await answer(t, src)).go, t).toBe(`/p/A-78-265/${address}/`);
        }
      }),
      { numRuns: 60 },
    );
  });

  test("a national paper's decimal paragraphs, registered or not, go back to their paragraph", async () => {
    const id = "xx-2024-test-paper";
    const num = fc.array(fc.integer({ min: 1, max: 30 }).map(String), { minLength: 2, maxLength: 3 });
    await fc.assert(
      fc.asyncProperty(num, fc.boolean(), async (labels, registered) => {
        const address = labels.join(".");
        const one = paragraph({ doc: id, lang: "en", num: labels, address, text: "x" });
        const record = documentRecord({ symbol: id, lang: "en", parts: [[]], type: "position paper" });
        const listed: Registry = {
          documents: registered
            ? [
                {
                  symbol: id,
                  type: "position paper",
                  title: { en: "A test paper" },
                  short: { zh: [], en: [] },
                },
              ]
            : [],
        };
        const src = source([record], [one], listed);
        const printed = citationsOf({ doc: id, part: [], scope: null, num: labels, address });
        expect(printed.en).toBe(`${id}, para. ${address}`);
        for (const t of [printed.en, printed.zh, `para. ${address} of ${id}`]) {
          expect((await answer(t, src)).go, t).toBe(`/p/${id}/${address}/`);
        }
      }),
      { numRuns: 40 },
    );
  });
});
