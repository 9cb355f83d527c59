/**
 * References (pipeline/reuse/references.ts): the units of a citation or of a registered name are
 * marked wherever they stand, so that joined wording never runs through them.
 */
import { describe, expect, test } from "vitest";
import { tokenize } from "../../core/wording/tokens.ts";
import { MIN_NAME_UNITS, nameIndex, referenceMarks } from "../../pipeline/reuse/references.ts";

/** The text's units, with the marked ones in brackets: "[大会 第 75/240 号决议]". */
function marked(text: string, spans: [number, number][] = [], names: string[] = []): string {
  const t = tokenize(text);
  const mark = referenceMarks(t, spans, nameIndex(names));
  return Array.from(t.ids, (_, u) => {
    const s = text.slice(t.start[u]!, t.end[u]!);
    return mark?.[u] ? `[${s}]` : s;
  }).join("");
}

describe("referenceMarks", () => {
  test.each([
    {
      name: "a citation span marks the units it covers",
      text: "根据大会第 75/240 号决议设立",
      spans: [[2, 16]] as [number, number][],
      expected: "根据[大][会][第][75][240][号][决][议]设立",
    },
    {
      name: "a registered name, wherever it stands",
      text: "某某问题工作组第一届会议和某某问题工作组第二届会议",
      names: ["某某问题工作组"],
      expected: "[某][某][问][题][工][作][组]第一届会议和[某][某][问][题][工][作][组]第二届会议",
    },
    {
      name: "a name matches across width and spacing",
      text: "the Group of Experts on ＩＣＴ, in 2021",
      names: ["Group of Experts on ICT"],
      expected: "the[Group][of][Experts][on][ＩＣＴ]in2021",
    },
    {
      // "second APR" is two words: ordinary words elsewhere, so too short to mark.
      name: `a name under ${MIN_NAME_UNITS} units is not marked`,
      text: "the second APR was adopted",
      names: ["second APR"],
      expected: "thesecondAPRwasadopted",
    },
    {
      name: "a name cut short is not marked",
      text: "某某问题工作",
      names: ["某某问题工作组"],
      expected: "某某问题工作",
    },
  ])("$name", ({ text, spans, names, expected }) => {
    expect(marked(text, spans, names)).toBe(expected);
  });

  test("no citation and no name: no marks at all", () => {
    expect(referenceMarks(tokenize("各国继续讨论"), undefined, nameIndex([]))).toBeNull();
  });
});
