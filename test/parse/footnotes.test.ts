/**
 * Footnotes as conversions leave them, one behaviour a row: where the note goes, what the text
 * keeps, and which diagnostic is raised.
 */
import { describe, expect, test } from "vitest";
import { parseMarkdown } from "./helpers.ts";

interface Row {
  name: string;
  md: string;
  /** address -> "mark text@at" for each note */
  notes: Record<string, string[]>;
  /** address -> text, where the text matters */
  texts?: Record<string, string>;
  codes: string[];
}

const rows: Row[] = [
  {
    name: "a superscript marker and its note after the paragraph",
    md: "1. States agreed.¹\n\n¹ A/75/816, para. 7.",
    notes: { "1": ["¹ A/75/816, para. 7.@14"] },
    codes: [],
  },
  {
    name: "GFM markers and definitions read as superscripts",
    md: "1. States agreed.[^2]\n\n[^2]: A/76/135, para. 42.",
    notes: { "1": ["² A/76/135, para. 42.@14"] },
    texts: { "1": "States agreed." },
    codes: [],
  },
  {
    name: "plain digits glued to punctuation are the marker when the note's number matches",
    md: "1. States took note of the report,3 with appreciation.\n\n³ A/80/237.",
    notes: { "1": ["³ A/80/237.@31"] },
    texts: { "1": "States took note of the report, with appreciation." },
    codes: ["parse/footnote-marker-inferred"],
  },
  {
    name: "a number that is part of the text is never taken for a marker",
    md: "1. Recalling resolution 75/240 and paragraph 3 of it.\n\n³ A/80/237.",
    notes: { "1": ["³ A/80/237.@50"] }, // kept, at the end of the text
    texts: { "1": "Recalling resolution 75/240 and paragraph 3 of it." },
    codes: ["parse/footnote-unreferenced"],
  },
  {
    name: "a marker with no note is warned and kept out of the text",
    md: "1. States agreed.⁴\n\n2. States disagreed.",
    notes: {},
    texts: { "1": "States agreed." },
    codes: ["parse/footnote-unresolved"],
  },
  {
    name: "numbering that restarts in an annex gives each note to its own marker",
    md: "1. Body text.¹\n\n¹ Body note.\n\nAnnex\n\n1. Annex text.¹\n\n¹ Annex note.",
    notes: { "1": ["¹ Body note.@10"], "annex/1": ["¹ Annex note.@11"] },
    codes: [],
  },
  {
    name: "a note cited twice before it (end notes) is attached at both places",
    md: "1. First mention.⁸\n\n2. Second mention.⁸\n\n⁸ E/CN.4/2001/26.",
    notes: { "1": ["⁸ E/CN.4/2001/26.@14"], "2": ["⁸ E/CN.4/2001/26.@15"] },
    codes: ["parse/footnote-repeated"],
  },
  {
    name: "two notes numbered alike on one page go to their markers in order",
    md: "1. First.¹\n\n2. Second.¹\n\n¹ Note one.\n\n¹ Note two.",
    notes: { "1": ["¹ Note one.@6"], "2": ["¹ Note two.@7"] },
    codes: [],
  },
  {
    name: "an asterisk marker on a heading, its note a '* ' line",
    md: "Annex*\n\n* Issued without formal editing.\n\n1. Text.",
    notes: {},
    codes: [],
  },
  {
    name: "notes on both pages of a page-broken paragraph stay with it, each at its marker",
    md: "1. The working group should take a balanced approach to the¹\n\n¹ First.\n\nquestions before it.²\n\n² Second.",
    notes: { "1": ["¹ First.@56", "² Second.@77"] },
    texts: { "1": "The working group should take a balanced approach to the questions before it." },
    codes: ["parse/page-break-stitched"],
  },
];

describe("footnotes", () => {
  test.each(rows)("$name", ({ md, notes, texts, codes }) => {
    const parsed = parseMarkdown(md);
    const got: Record<string, string[]> = {};
    for (const p of parsed.paragraphs) {
      if (p.footnotes.length) got[p.address] = p.footnotes.map((f) => `${f.mark} ${f.text}@${f.at}`);
    }
    expect(got).toEqual(notes);
    for (const [address, text] of Object.entries(texts ?? {})) {
      expect(parsed.paragraphs.find((p) => p.address === address)?.text).toBe(text);
    }
    expect(parsed.diagnostics.map((d) => d.code)).toEqual(codes);
  });

  test("an asterisk note is attached to the heading that carries the asterisk", () => {
    const parsed = parseMarkdown("Annex*\n\n* Issued without formal editing.\n\n1. Text.");
    expect(parsed.headings[0]!.footnotes.map((f) => f.text)).toEqual(["Issued without formal editing."]);
    expect(parsed.headings[0]!.text).toBe("Annex");
  });
});
