/**
 * National papers, compendia and pages (#12), looked up as `acquis cite` looks them up over the
 * forms table's knowledge base (the seed, the national fixtures of test/fixtures/parse/national/
 * and their registry entries), and extracted by the build's cite stage: what each answer says, not
 * only where it lands (the forms table checks that).
 */
import { describe, expect, test } from "vitest";
import { lookupCitation } from "../../core/cite/query.ts";
import { buildIndex } from "../../core/cite/resolve.ts";
import { extractCitations } from "../../pipeline/cite/extract.ts";
import { formsCorpus, formsRegistry, merge, oneParagraph } from "./helpers.ts";

const index = buildIndex(formsCorpus().documents, formsCorpus().paragraphs, formsRegistry());

/** The one result of a lookup, with what was read and not read. */
function one(query: string) {
  const l = lookupCitation(query, index);
  if (l.kind !== "parsed") throw new Error(`${query}: not parsed`);
  expect(l.results, query).toHaveLength(1);
  const r = l.results[0]!;
  return {
    status: r.status,
    resolved: r.resolved,
    paragraph: r.paragraph?.id ?? null,
    message: r.message,
    nearby: r.nearby,
    read: l.read.map((x) => x.text),
    unread: l.unread.map((x) => x.text),
  };
}

describe("what a lookup says", () => {
  test.each([
    // A State with no section in the compendium: not found, naming the States that have one.
    [
      "A/99/136, China, para. 1",
      {
        status: "unknown-paragraph",
        message: "A/99/136 has no section of China; its States' sections are Germany, Japan and Kenya.",
      },
    ],
    // A paragraph missing in a State's section: the State by its name, what the section holds.
    [
      "A/99/136, Kenya, para. 2 (c)",
      { status: "unknown-paragraph", message: "A/99/136, annex, Kenya, para. 2 has (a) and (b); no (c)." },
    ],
    // A page is answered whole, with the paragraphs standing on it (para. 4 runs from p. 3 to p. 4).
    [
      "A/99/136, p. 3",
      {
        status: "resolved",
        resolved: "A-99-136/en/annex/state-de/4",
        paragraph: null,
        message: "Page 3 of A/99/136 holds annex, Germany, para. 4.",
        nearby: ["annex/state-de/4"],
      },
    ],
    // The Chinese version, for a citation written in Chinese.
    [
      "A/99/136，第 5 页",
      {
        status: "resolved",
        nearby: ["annex/state-ke/1", "annex/state-ke/2", "annex/state-ke/2.a", "annex/state-ke/2.b"],
      },
    ],
    // In a State's section only.
    [
      "A/99/136, Japan, p. 4",
      {
        status: "resolved",
        nearby: ["annex/state-jp/@A/u1", "annex/state-jp/@B/u1", "annex/state-jp/@B/u2"],
      },
    ],
    // Past the last page mark.
    [
      "A/99/136, p. 58",
      { status: "unknown-paragraph", message: "A/99/136 runs from p. 1 to p. 5; no p. 58." },
    ],
    // The seed records no pages: the page words are given back as not read, and why is said.
    [
      "A/78/265, p. 12",
      {
        status: "resolved",
        resolved: "A-78-265/zh",
        message: "A/78/265 has no page marks in the corpus, so p. 12 cannot be placed.",
        read: ["A/78/265"],
        unread: ["p. 12"],
      },
    ],
    // A document the corpus does not hold: no pages known either.
    ["A/75/816, pp. 12-13", { status: "not-in-corpus", read: ["A/75/816"], unread: ["pp. 12-13"] }],
    // A whole section, with what it holds (decimal paragraphs under its heading).
    [
      "section 2.2 of nz-2024-international-law-cyberspace",
      {
        status: "resolved",
        resolved: "nz-2024-international-law-cyberspace/en/@2.2",
        paragraph: null,
        nearby: ["2.2.1", "2.2.2", "2.2.3"],
      },
    ],
    // A section the paper lacks: the sections it has; an id keeps its lower case.
    [
      "nz-2024-international-law-cyberspace, section 5",
      {
        status: "unknown-paragraph",
        message:
          "nz-2024-international-law-cyberspace has no section 5; its sections are 1, 2, 2.1, 2.2, 3 and 4.",
      },
    ],
    // 第一部分第（一）节: the unnumbered paragraphs counted in it.
    [
      "《关于信息通信技术安全若干问题的立场文件》第一部分第（一）节",
      {
        status: "resolved",
        resolved: "cn-2024-ict-security-position/zh/@1.1",
        nearby: ["@1.1/u1", "@1.1/u2"],
      },
    ],
    // A State named in running words after a symbol is no State section: the words are not read.
    ["A/75/816, China stated", { status: "not-in-corpus", read: ["A/75/816"], unread: ["China stated"] }],
  ] as const)("%s", (query, expected) => {
    expect(one(query)).toMatchObject(expected);
  });
});

describe("the build's cite stage reads the same forms in a document", () => {
  test("a State's section and a page of the compendium, cited by a paper", () => {
    const citing = oneParagraph({
      doc: "A/99/900",
      lang: "en",
      num: ["1"],
      address: "1",
      text: "See A/99/136, Germany, para. 5, and A/99/136, p. 5.",
    });
    const corpus = merge(formsCorpus(), citing);
    const out = extractCitations({ ...corpus, registry: formsRegistry() });
    const mine = out.citations.filter((c) => c.from === "A-99-900/en/1");
    expect(mine.map((c) => [c.raw, c.status, c.resolved, "page" in c.target ? c.target.page : null])).toEqual(
      [
        ["A/99/136, Germany, para. 5", "resolved", "A-99-136/en/annex/state-de/5", null],
        ["A/99/136, p. 5", "resolved", "A-99-136/en/annex/state-ke/1", { first: 5, last: 5 }],
      ],
    );
  });
});
