/**
 * Fidelity of `acquis import` on documents typeset by independent tools (groff, pandoc, Chromium;
 * fidelity/typeset.ts): every paragraph exact, every note attached, no page furniture left, no
 * hyphenation error, no word lost, for each format and language. A fixture whose tool is not
 * installed is skipped, its name saying what to install; under ACQUIS_REQUIRE_ALL=1 (CI, which
 * installs them all) it fails instead.
 */
import { describe, expect, test } from "vitest";
import { REQUIRE_ALL } from "../needs.ts";
import { parseMarkdown } from "../parse/helpers.ts";
import { compare, importFixture } from "./fidelity/measure.ts";
import { FIDELITY_MODELS, idealMarkdown } from "./fidelity/model.ts";
import { FIXTURES, missingTools } from "./fidelity/typeset.ts";

describe("fidelity of acquis import on fixtures typeset by groff, pandoc and Chromium", () => {
  for (const f of FIXTURES) {
    const missing = missingTools(f.tools);
    // CI (ACQUIS_REQUIRE_ALL=1) installs every tool: there a missing one fails instead of skipping.
    test.skipIf(Boolean(missing) && !REQUIRE_ALL)(
      `${f.name}: ${f.setting}${missing ? ` (skipped: ${missing})` : ""}`,
      async () => {
        if (missing) throw new Error(`ACQUIS_REQUIRE_ALL=1, and this fixture ${missing}`);
        const model = FIDELITY_MODELS[f.lang];
        const imported = await importFixture(model, f.make(model), `${f.name}.${f.format}`);
        expect(imported.status).toBe("written");
        const row = compare(model, imported.parsed, imported.text);
        expect(row).toEqual({
          paragraphs: row.paragraphs,
          paragraphsExact: row.paragraphs,
          notes: row.notes,
          notesAttached: row.notes,
          furnitureLeft: 0,
          hyphenationErrors: 0,
          wordsLost: 0,
        });
        // 20 blocks, of which three bullets are items of the paragraph that introduces them.
        expect(row.paragraphs).toBe(17);
        expect(row.notes).toBe(9);
      },
    );
  }
});

describe("the fidelity measure counts what it should (it can fail)", () => {
  const model = FIDELITY_MODELS.en;
  const ideal = idealMarkdown(model);
  const measure = (markdown: string) => {
    const text = `---\nx: 1\n---\n${markdown}`;
    return compare(
      model,
      parseMarkdown(markdown, { symbol: model.symbol, lang: "en", title: model.title }),
      text,
    );
  };

  test("the model itself scores full marks", () => {
    expect(measure(ideal)).toMatchObject({
      paragraphsExact: 17,
      notesAttached: 9,
      furnitureLeft: 0,
      hyphenationErrors: 0,
      wordsLost: 0,
    });
  });

  test.each([
    // a word divided at a line end, its hyphen left in
    {
      damage: (s: string) => s.replace("recommendations on", "recom-mendations on"),
      field: "hyphenationErrors",
      value: 1,
    },
    // a compound's hyphen removed
    {
      damage: (s: string) => s.replace("confidence-building", "confidencebuilding"),
      field: "hyphenationErrors",
      value: 1,
    },
    // a running footer left in the text (the parser drops it again, so the paragraphs stay exact)
    {
      damage: (s: string) => s.replace("\n\nII. Discussions", "\n\n31-14215\n\nII. Discussions"),
      field: "furnitureLeft",
      value: 1,
    },
    // a word lost
    { damage: (s: string) => s.replace("substantive sessions", "sessions"), field: "wordsLost", value: 1 },
    // a note detached from its paragraph: its marker gone, its text after the next paragraph
    {
      damage: (s: string) =>
        s
          .replace("practices.¹\n\n¹ Resolution 97/41, para. 2.\n", "practices.\n")
          .replace("in its deliberations.\n", "in its deliberations.\n\n¹ Resolution 97/41, para. 2.\n"),
      field: "notesAttached",
      value: 8,
    },
  ])("$field", ({ damage, field, value }) => {
    const damaged = damage(ideal);
    expect(damaged).not.toBe(ideal);
    const row = measure(damaged) as unknown as Record<string, number>;
    expect(row[field]).toBe(value);
    // A damaged word is a damaged paragraph too.
    if (field === "hyphenationErrors" || field === "wordsLost") expect(row.paragraphsExact).toBeLessThan(20);
  });
});
