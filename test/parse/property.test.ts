/**
 * Property tests: fast-check builds random documents in UN layout from a model (numbered
 * paragraphs, lettered subparagraphs with roman items under a colon, footnotes, page breaks that
 * put a footnote block inside a paragraph, headings between paragraphs), renders them to
 * Markdown, and the parser must give back the model: every address, every text, every note.
 * The model is the trusted reference.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { readLabel, romanToNumber, toRoman } from "../../pipeline/parse/labels.ts";
import { Paragraph } from "../../schemas/index.ts";
import { parseMarkdown } from "./helpers.ts";

const SUP = "⁰¹²³⁴⁵⁶⁷⁸⁹";
const sup = (n: number) => [...String(n)].map((d) => SUP[Number(d)]).join("");

interface Item {
  address: string;
  label: string;
  text: string;
  note: string | null;
}

const word = fc.constantFrom(
  "States",
  "recalled",
  "the",
  "framework",
  "of",
  "responsible",
  "behaviour",
  "and",
  "stressed",
  "capacity-building",
  "measures",
  "cooperation",
  "security",
);
const sentence = fc.array(word, { minLength: 3, maxLength: 12 }).map((ws) => ws.join(" "));

const docModel = fc.record({
  paragraphs: fc.array(
    fc.record({
      text: sentence,
      heading: fc.option(fc.constantFrom("General matters", "Further work", "Purposes and principles"), {
        nil: undefined,
      }),
      note: fc.boolean(),
      pageBreak: fc.boolean(),
      subs: fc.array(fc.record({ text: sentence, note: fc.boolean(), items: fc.nat({ max: 3 }) }), {
        maxLength: 5,
      }),
    }),
    { minLength: 1, maxLength: 12 },
  ),
});

/** Render the model as a converted UN report would stand, and list what the parser must find. */
type DocModel = typeof docModel extends fc.Arbitrary<infer T> ? T : never;

function render(model: DocModel): { md: string; items: Item[] } {
  const out: string[] = [];
  const items: Item[] = [];
  let noteNo = 0;
  const noteLines: string[] = [];
  const flushNotes = () => {
    out.push(...noteLines.splice(0));
  };
  model.paragraphs.forEach((p, k) => {
    if (p.heading) {
      flushNotes();
      out.push(p.heading);
    }
    const num = String(k + 1);
    const chapeau = p.subs.length ? `${p.text}:` : `${p.text}.`;
    let mark = "";
    let note: string | null = null;
    if (p.note) {
      noteNo++;
      mark = sup(noteNo);
      note = `See document A/75/${800 + noteNo}, para. ${noteNo}.`;
      noteLines.push(`${mark} ${note}`);
    }
    if (p.pageBreak && !p.subs.length) {
      // The page ends inside the paragraph: first half, the page's notes, then the rest.
      const cut = chapeau.indexOf(" ", Math.floor(chapeau.length / 2));
      if (cut > 0) {
        out.push(`${num}. ${chapeau.slice(0, cut)}${mark}`);
        noteLines.push(`${sup(99)} A note of the page.`);
        flushNotes();
        out.push(chapeau.slice(cut + 1));
        items.push({ address: num, label: `${num}.`, text: chapeau, note });
        return;
      }
    }
    out.push(`${num}. ${chapeau}${mark}`);
    items.push({ address: num, label: `${num}.`, text: chapeau, note });
    p.subs.forEach((s, j) => {
      const letter = String.fromCharCode(97 + j);
      const last = j === p.subs.length - 1;
      const text = s.items ? `${s.text}:` : `${s.text}${last ? "." : ";"}`;
      let smark = "";
      let snote: string | null = null;
      if (s.note) {
        noteNo++;
        smark = sup(noteNo);
        snote = `Report of the Group, para. ${noteNo}.`;
        noteLines.push(`${smark} ${snote}`);
      }
      out.push(`(${letter}) ${text}${smark}`);
      items.push({ address: `${num}.${letter}`, label: `(${letter})`, text, note: snote });
      for (let r = 1; r <= s.items; r++) {
        const t = `item ${r} of ${letter};`;
        out.push(`(${toRoman(r)}) ${t}`);
        items.push({
          address: `${num}.${letter}.${toRoman(r)}`,
          label: `(${toRoman(r)})`,
          text: t,
          note: null,
        });
      }
    });
  });
  flushNotes();
  // The page notes (⁹⁹) stand in no text: give them a marker so they are referenced.
  const md = out.join("\n\n");
  return { md, items };
}

describe("parser properties", () => {
  test("a generated document parses back to its model", () => {
    fc.assert(
      fc.property(docModel, (model) => {
        const { md, items } = render(model);
        const parsed = parseMarkdown(md);
        const got = parsed.paragraphs.map((p) => ({
          address: p.address,
          label: p.label,
          text: p.text,
          note: p.footnotes.find((f) => f.mark !== "⁹⁹")?.text ?? null,
        }));
        expect(got).toEqual(items);
      }),
      { numRuns: 200 },
    );
  });

  test("the parser never throws and its output always validates, whatever the input", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string({ maxLength: 40 }),
            sentence,
            fc.constantFrom(
              "1.",
              "(a)",
              "(一)",
              "附件 A",
              "Annex",
              "¹ note",
              "*",
              "- (i) x",
              "[A/75/816](#)",
              "# H",
            ),
          ),
          { maxLength: 30 },
        ),
        (blocks) => {
          const md = blocks.join("\n\n");
          const parsed = parseMarkdown(md);
          for (const p of parsed.paragraphs) Paragraph.parse(p);
          expect(new Set(parsed.paragraphs.map((p) => p.id)).size).toBe(parsed.paragraphs.length);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("labels", () => {
  test.each([
    // [printed, style, normalised value]
    ["23. text", "number", "23"],
    ["23．text", null, null], // a full-width stop needs a space after it to be a label
    ["(f) text", "letter", "f"],
    ["（f） text", "letter", "f"],
    ["(ii) text", "roman", "ii"],
    ["(二) text", "cjk", "ii"],
    ["(十二) text", "cjk", "xii"],
    ["(i) text", "letter", "i"], // letter first; the structure decides if it is roman one
    ["(aa) text", "letter", "aa"],
    ["(3) text", "paren-number", "3"],
    ["建立信任措施 1. 提名", "number", "1"],
    ["建立信任措施 2 继续", "number", "2"],
    ["CBM 4. Encourage", "number", "4"],
    ["(截至 2023 年)", null, null],
    ["80/16. Title", null, null],
  ])("%j reads as %s %s", (text, style, value) => {
    const label = readLabel(text);
    expect(label?.style ?? null).toBe(style);
    expect(label?.value ?? null).toBe(value);
  });

  test("roman numerals round-trip from 1 to 399", () => {
    for (let n = 1; n < 400; n++) expect(romanToNumber(toRoman(n))).toBe(n);
  });
});
