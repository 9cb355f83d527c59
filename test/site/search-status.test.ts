/**
 * The search page's status sentences (site/src/lib/search-status.ts): an English query on a
 * Chinese-only corpus says both that no word of it occurs and that the corpus holds only Chinese,
 * as `acquis search` does (the page once dropped the second; user trial).
 */
import { expect, test } from "vitest";
import { noneOccursStatus, onlyLanguageNote } from "../../site/src/lib/search-status.ts";

test("no word found on a corpus of the other language: both sentences, the language last", () => {
  const status = noneOccursStatus("“points of contact”", onlyLanguageNote("zh", "en"));
  expect(status).toMatch(/^None of the words of “points of contact” occurs in any paragraph of the corpus\./);
  expect(status).toContain(
    "The corpus holds only Chinese texts, so a query in English finds nothing here: search in Chinese.",
  );
});

test.each([
  { only: "en" as const, lang: "zh" as const, has: "holds only English texts, so a query in Chinese" },
  { only: null, lang: "en" as const, has: "" }, // both languages held: no note
])("language note for only=$only, query in $lang", ({ only, lang, has }) => {
  const note = onlyLanguageNote(only, lang);
  if (has) expect(note).toContain(has);
  else expect(note).toBe("");
});

test("without a language note, the none-found sentence stands alone", () => {
  expect(noneOccursStatus("“x”", "")).toBe("None of the words of “x” occurs in any paragraph of the corpus.");
});
