/**
 * English UN layout: our own fixtures (test/fixtures/parse/en-*.md) and the real General Assembly
 * resolution A/RES/80/16, read in place from ../shared/corpus-real (not committed).
 */
import { describe, expect, test } from "vitest";
import { parseDocument } from "../../pipeline/parse/index.ts";
import { has, once } from "../needs.ts";
import { readReal } from "../real.ts";
import { parseFile } from "./helpers.ts";

describe("an English report in UN layout (fixture)", () => {
  const parsed = parseFile("test/fixtures/parse/en-report.md");
  const at = (address: string) => parsed.paragraphs.find((p) => p.address === address);

  test.each([
    // [address, label as printed, first words] - one structure a row
    ["1", "1.", "By its resolution 98/12"], // body paragraph, link text kept without its target
    ["annex/3.b.i", "(i)", "Surveying their national"], // (i) after a chapeau ending in ":" opens a roman list
    ["annex/3.c", "(c)", "States stressed"], // (c) after (ii) returns to the letter list
    ["annex/3.i", "(i)", "States called for more"], // (i) after (h) is the letter i, not roman one
    ["annex/@B/next-steps/1", "1.", "States continue to exchange"], // next steps restart their numbering
    ["annex/@C/next-steps/1", "1.", "States continue focused"], // ... in each section
    ["annex/4", "4.", "States reaffirmed"], // ... and the main numbering resumes after them
    ["annex/annex-a/appendix/@list-1/2", "2.", "Provide as much"], // two procedures in one appendix
    ["annex/annex-a/appendix/@list-2/2", "2.", "Indicate an estimated"],
    ["annex/annex-b/1", "CBM 1.", "Nominate national points"], // a numbered measure
    ["annex/annex-b/1.b.ii", "(ii)", "Tabletop exercises"], // list items "- (ii)"
    ["annex/annex-b/1.a/source", "", "[2021 OEWG report, para. 51]"], // a source note
    ["annex/annex-c/u2", "", "Activities should have"], // bullet principles are unnumbered paragraphs
  ])("%s is labelled %j and starts “%s”", (address, label, words) => {
    const p = at(address);
    expect(p, address).toBeDefined();
    expect(p!.label).toBe(label);
    expect(p!.text.startsWith(words)).toBe(true);
  });

  test("a paragraph broken by a page's footnotes is one paragraph, its notes attached", () => {
    const p = at("annex/2")!;
    expect(p.text).toContain("the question of how existing commitments are implemented by all States.");
    expect(p.flags).toContain("stitched");
    expect(at("annex/1")!.footnotes.map((f) => f.text)).toEqual([
      "A/75/816, annex I, para. 7.",
      "A/76/135, paras. 64 and 65.",
    ]);
  });

  test("footnote numbering restarts in annex A and its note goes to annex A's paragraph", () => {
    expect(at("annex/annex-a/1")!.footnotes.map((f) => `${f.mark} ${f.text}`)).toEqual([
      "¹ A/76/135, para. 76.",
    ]);
  });

  test("an irregular label keeps its text, takes the next number and is warned", () => {
    const p = at("annex/4.b.ii")!;
    expect(p.label).toBe("(iii)");
    expect(p.flags).toContain("renumbered");
    expect(parsed.diagnostics.filter((d) => d.code === "parse/numbering-irregular")).toHaveLength(1);
  });

  test("the list of working papers gives one entry per title and submitter, blank line or not", () => {
    const entries = parsed.paragraphs.filter((p) => p.kind === "entry").map((p) => p.text);
    expect(entries).toEqual([
      "Working paper on a global directory of points of contact\nMultiple States (Canada, Chile and Switzerland)",
      "Position paper on the application of international law\nEstonia",
    ]);
  });

  test("headings of parts, chapters and sections form each paragraph's path", () => {
    expect(at("annex/3.a")!.headings).toEqual([
      "Progress report on discussions under agenda item 5",
      "B. Rules, norms and principles",
    ]);
    expect(at("1")!.headings).toEqual([
      "Report of the open-ended working group on testing",
      "I. Introduction",
    ]);
  });
});

describe("an English resolution (fixture)", () => {
  const parsed = parseFile("test/fixtures/parse/en-resolution.md");

  test("preambular paragraphs are numbered by position, operative ones as printed", () => {
    expect(parsed.paragraphs.map((p) => p.address)).toEqual(["preamble/1", "preamble/2", "1", "2", "3"]);
    expect(parsed.paragraphs[1]!.footnotes.map((f) => f.text)).toEqual(["A/99/100."]);
  });

  test("a running header inside an operative paragraph is dropped and warned, the paragraph whole", () => {
    const p = parsed.paragraphs.find((x) => x.address === "2")!;
    expect(p.text).toContain(
      "as endorsed by the General Assembly in its resolution 79/237, and in accordance",
    );
    expect(parsed.diagnostics.map((d) => d.code)).toContain("parse/page-artifact");
  });
});

describe.runIf(has("shared"))("A/RES/80/16, a real resolution read in place", () => {
  // Its front matter is the extractor's, not ours: we supply ours, as `acquis import` would.
  const real = once(() => {
    const { file, meta, body, firstLine } = readReal("A/RES/80/16");
    const parsed = parseDocument({ file, markdown: body, firstLine, meta });
    return { body, parsed, numbered: parsed.paragraphs.filter((p) => p.num.length) };
  });

  test("its three preambular and four operative paragraphs come out whole", () => {
    const { numbered } = real();
    expect(numbered.map((p) => p.address)).toEqual([
      "preamble/1",
      "preamble/2",
      "preamble/3",
      "1",
      "2",
      "3",
      "4",
    ]);
    expect(numbered[0]!.text.startsWith("Recalling its resolutions 75/240 of 31 December 2020")).toBe(true);
    expect(numbered[2]!.text.endsWith("as document A/AC.292/2025/INF/5/Rev.1,")).toBe(true);
    expect(numbered[6]!.text.endsWith("in the context of international security”.")).toBe(true);
  });

  test("operative paragraph 2 is whole across the page break", () => {
    const { numbered } = real();
    const p = numbered.find((x) => x.address === "2")!;
    expect(p.text).toContain(
      "as endorsed by the General Assembly in its resolution 79/237, and the additional elements",
    );
    expect(p.text.endsWith("from the open-ended working group to the Global Mechanism;")).toBe(true);
  });

  test("the running header is recognised as a page artifact, dropped from the text and warned", () => {
    const { parsed, numbered } = real();
    const warned = parsed.diagnostics.filter((d) => d.code === "parse/page-artifact");
    expect(warned).toHaveLength(1);
    expect(warned[0]!.message).toContain("Open-ended working group on security of and in the use of");
    expect(warned[0]!.level).toBe("warning");
    expect(numbered.some((p) => p.text.includes("in its Open-ended"))).toBe(false);
  });

  test("the bracketed line citing the First Committee's report is kept as a paragraph, not a heading", () => {
    const { parsed } = real();
    expect(
      parsed.paragraphs.some((p) => p.text === "[on the report of the First Committee (A/80/534, para. 7)]"),
    ).toBe(true);
  });

  test("no word is lost: every line of the body is in a paragraph or heading, but the header", () => {
    const { body, parsed } = real();
    const out = [
      ...parsed.paragraphs.map((p) => `${p.label} ${p.text}`),
      ...parsed.headings.map((h) => h.text),
    ].join("\n");
    const squash = (s: string) => s.replace(/\s+/g, "");
    for (const line of body.split("\n").filter((l) => l.trim())) {
      if (line.trim() === "Open-ended working group on security of and in the use of") continue;
      expect(squash(out)).toContain(squash(line));
    }
  });
});

describe("the Chinese and English versions of one document", () => {
  const zh = parseFile("test/fixtures/parse/pair-zh.md");
  const en = parseFile("test/fixtures/parse/pair-en.md");

  test("give every paragraph the same address in both languages", () => {
    expect(zh.paragraphs.map((p) => p.address)).toEqual(en.paragraphs.map((p) => p.address));
    expect(zh.paragraphs.length).toBeGreaterThan(15);
  });

  test("normalise (一) and (i) to the same number", () => {
    expect(zh.paragraphs.find((p) => p.label === "(二)")!.address).toBe("annex/3.b.ii");
    expect(en.paragraphs.find((p) => p.label === "(ii)")!.address).toBe("annex/3.b.ii");
  });

  test("scope the next steps of section B the same way", () => {
    const scoped = (d: typeof zh) =>
      d.paragraphs.filter((p) => p.scope === "B/next-steps").map((p) => p.address);
    expect(scoped(zh)).toEqual(["annex/@B/next-steps/1", "annex/@B/next-steps/2"]);
    expect(scoped(en)).toEqual(scoped(zh));
  });

  test("give ids that differ only by language", () => {
    const strip = (id: string) => id.replace(/\/(zh|en)\//, "/");
    expect(zh.paragraphs.map((p) => strip(p.id))).toEqual(en.paragraphs.map((p) => strip(p.id)));
  });
});

describe("a Chinese resolution (fixture)", () => {
  const parsed = parseFile("test/fixtures/parse/zh-resolution.md");

  test("preambular paragraphs after 大会， are numbered by position; operative ones as printed", () => {
    expect(parsed.paragraphs.map((p) => p.address)).toEqual(["preamble/1", "preamble/2", "1", "2", "3"]);
    expect(parsed.paragraphs[1]!.footnotes.map((f) => f.text)).toEqual(["A/99/100。"]);
  });
});
