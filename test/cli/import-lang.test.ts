/**
 * `acquis import --lang`: a text imported as a language its script plainly is not (--lang zh on an
 * English text, --lang en on a Chinese one), or whose language was told from a mixed script, is
 * imported all the same (a mixed paper exists) but warned, with the share of Chinese characters
 * seen and what to pass. A trial import of an English text with --lang zh passed without a word.
 * The texts are our own words.
 */
import { describe, expect, test } from "vitest";
import { runCli } from "../../pipeline/cli.ts";
import { hanShare } from "../../pipeline/commands/import.ts";
import { captureIO, makeRepo } from "../build/helpers.ts";

const EN = `A test report

1. States agreed that the norms apply to the use of technology by States.

2. States will meet again next year to take stock of what was done.
`;
const ZH = `测试报告

1. 各国同意，规范适用于国家对技术的使用。

2. 各国将于明年再次开会，评估已完成的工作。
`;
/** Chinese paragraphs, each followed by its English: a bilingual paper, about a fifth Han. */
const MIXED = `测试报告 A test report

1. 各国同意规范适用。States agreed that the norms apply to the use of technology by States.

2. 各国将再次开会。States will meet again next year to take stock of what was done.
`;

const importAs = async (text: string, lang?: "zh" | "en") => {
  const root = makeRepo({ "corpus/registry.yaml": "documents: []\n", "paper.txt": text });
  const io = captureIO(root);
  const code = await runCli(
    [
      "import",
      "paper.txt",
      "--symbol",
      "A/99/1",
      ...(lang ? ["--lang", lang] : []),
      "--title",
      "A test report",
      "--date",
      "2030-01-01",
      "--body",
      "General Assembly",
      "--dry-run",
    ],
    io,
  );
  return { code, err: io.err };
};

/** The share the warning must say, from the text itself: "0 %", "18 %". */
const pct = (text: string) => `${Math.round(hanShare(text) * 100)} %`;

describe("acquis import: the language against the text's script", () => {
  test.each([
    // Plainly the other language: warned, with the share and the flag to pass.
    {
      text: EN,
      lang: "zh",
      says: /reads as English: (\d+) % of its letters are Chinese characters.*--lang en/,
    },
    {
      text: ZH,
      lang: "en",
      says: /reads as Chinese: (\d+) % of its letters are Chinese characters.*--lang zh/,
    },
    // Told from a mixed script: the guess is said to be one.
    { text: MIXED, lang: undefined, says: /told from the text's script, which is mixed: (\d+) %/ },
  ] as const)(
    "$lang on a text that is not plainly it: imported, and warned",
    async ({ text, lang, says }) => {
      const r = await importAs(text, lang);
      expect(r.code).toBe(0);
      const m = says.exec(r.err.replace(/\s+/g, " "));
      expect(m).not.toBeNull();
      expect(`${m![1]} %`).toBe(pct(text));
      expect(r.err).toContain("ingest/lang-doubtful");
    },
  );

  test.each([
    { text: EN, lang: "en" },
    { text: ZH, lang: "zh" },
    // Plainly one script, the language told from it: nothing to question.
    { text: EN, lang: undefined },
    { text: ZH, lang: undefined },
  ] as const)("$lang on a text plainly in it: no warning", async ({ text, lang }) => {
    const r = await importAs(text, lang);
    expect(r.code).toBe(0);
    expect(r.err).not.toContain("ingest/lang-doubtful");
  });
});
