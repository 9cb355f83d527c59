/**
 * The citation grammar as a spec: one behaviour a row, in Chinese and in English, each row
 * giving the text and what the grammar must find in it (see show.ts for the compact form:
 * document, then each pinpoint as part:section:number). Registry titles come from the real
 * corpus/registry.yaml.
 */
import { describe, expect, test } from "vitest";
import { findCitations } from "../../../core/cite/find.ts";
import { TitleMatcher } from "../../../core/cite/titles.ts";
import { loadRegistry } from "../../cite/helpers.ts";
import { foundString } from "./show.ts";

const titles = new TitleMatcher(loadRegistry());
const find = (text: string) => findCitations(text, titles).map(foundString);
const raws = (text: string) => findCitations(text, titles).map((f) => text.slice(f.start, f.end));

describe("UN symbols", () => {
  test.each([
    { input: "见 A/75/816。", expected: ["A/75/816 whole"] }, // plain symbol, closing 。 not part of it
    { input: "已作为 [A/77/275](#) 号文件印发", expected: ["A/77/275 whole"] }, // a Markdown link
    { input: "A/RES/76/19", expected: ["A/RES/76/19 whole"] }, // resolution symbol
    { input: "见 A/AC.292/2023/INF/2 号文件", expected: ["A/AC.292/2023/INF/2 whole"] }, // committee symbol
    { input: "A/AC.292/2023/2/Rev.1 号文件", expected: ["A/AC.292/2023/2/Rev.1 whole"] }, // Rev. suffix
    { input: "(A/AC.292/2023/L.1)", expected: ["A/AC.292/2023/L.1 whole"] }, // L. document in brackets
    { input: "A/AC.292/2023/CRP.1", expected: ["A/AC.292/2023/CRP.1 whole"] }, // conference room paper
    {
      input: "S/2021/123/Corr.1 and E/2020/4/Add.2.",
      expected: ["S/2021/123/Corr.1 whole", "E/2020/4/Add.2 whole"],
    }, // S/, E/, Corr./Add.; sentence stop dropped
    { input: "A/RES/78/265 is a 2024 resolution", expected: ["A/RES/78/265 whole"] }, // kept exact: not A/78/265
    { input: "annex I to document A/75/816, para. 56", expected: ["A/75/816 annex I:56"] }, // annex first, pinpoint after
    {
      input: "A/65/201、A/68/98、A/70/174 和 A/76/135。",
      expected: ["A/65/201 whole", "A/68/98 whole", "A/70/174 whole", "A/76/135 whole"],
    }, // a list of symbols
    { input: "(A/80/534, para. 7)", expected: ["A/80/534 7"] }, // symbol with an English pinpoint
    { input: "A/75/\n816, annex I", expected: ["A/75/816 annex I"] }, // a line break inside the symbol
    { input: "A/75 and 12/5/2020", expected: [] }, // too short for a symbol; a date is not a resolution
  ])("$input", ({ input, expected }) => expect(find(input)).toEqual(expected));
});

describe("resolutions and decisions written as numbers", () => {
  test.each([
    { input: "大会第 75/240 号决议决定", expected: ["A/RES/75/240 whole"] }, // a resolution
    { input: "根据大会第 77/512 号决定", expected: ["A/DEC/77/512 whole"] }, // a decision, registry convention A/DEC/
    {
      input: "大会第 75/564 和 77/512 号决定以及第 70/237 和 76/19 号决议。",
      expected: ["A/DEC/75/564 whole", "A/DEC/77/512 whole", "A/RES/70/237 whole", "A/RES/76/19 whole"],
    }, // the kind distributes over coordinated numbers
    {
      input: "回顾其 2020 年 12 月 31 日第 75/240 号和 2021 年 12 月 6 日第 76/19 号决议，",
      expected: ["A/RES/75/240 whole", "A/RES/76/19 whole"],
    }, // dated numbers, 决议 at the end
    { input: "联大第 75/240 号决议", expected: ["A/RES/75/240 whole"] }, // 联大 for 大会
    { input: "大会第76/19号决议", expected: ["A/RES/76/19 whole"] }, // no spaces
    { input: "大会第 75/240 号决议，执行部分第 1 段。", expected: ["A/RES/75/240 operative:1"] }, // operative paragraph
    {
      input: "Recalling its resolutions 75/240 of 31 December 2020 and 76/19 of 6 December 2021,",
      expected: ["A/RES/75/240 whole", "A/RES/76/19 whole"],
    }, // dates skipped
    {
      input: "its decisions 77/512 of 7 December 2022 and 78/541 of 22 December 2023",
      expected: ["A/DEC/77/512 whole", "A/DEC/78/541 whole"],
    },
    { input: "resolutions 70/237 and 76/19", expected: ["A/RES/70/237 whole", "A/RES/76/19 whole"] },
    { input: "decision 77/512", expected: ["A/DEC/77/512 whole"] },
    { input: "operative paragraph 1 of resolution 75/240", expected: ["A/RES/75/240 operative:1"] }, // pinpoint first
    { input: "paragraph 7 of General Assembly resolution 76/19", expected: ["A/RES/76/19 7"] },
    { input: "80/16. Open-ended working group", expected: [] }, // a number without "resolution" is not a citation
  ])("$input", ({ input, expected }) => expect(find(input)).toEqual(expected));
});

describe("pinpoints", () => {
  test.each([
    { input: "A/75/816，附件一，第 16 段", expected: ["A/75/816 annex I:16"] }, // 附件一 = annex I
    { input: "A/75/816，附件一，第 64 和 65 段", expected: ["A/75/816 annex I:64 annex I:65"] }, // a list: two targets
    { input: "A/77/275，第 15(b)(一)和(二)段", expected: ["A/77/275 15.b.i 15.b.ii"] }, // labels continue at their depth
    { input: "A/76/135，第 71(c)段", expected: ["A/76/135 71.c"] },
    { input: "A/76/135，第30(d)段", expected: ["A/76/135 30.d"] }, // no spaces
    { input: "A/75/816，附件二。", expected: ["A/75/816 annex II"] }, // a whole annex
    { input: "A/75/816 号文件附件一第 16 段", expected: ["A/75/816 annex I:16"] }, // pinpoints after 号文件
    { input: "见 A/77/275 号文件。", expected: ["A/77/275 whole"] }, // 号文件 without pinpoints is not part of the citation
    { input: "大会第 73/27 号决议附件所载的原则", expected: ["A/RES/73/27 annex"] }, // the annex of a resolution
    { input: "A/75/816, annex I, para. 56", expected: ["A/75/816 annex I:56"] }, // English
    { input: "A/76/135, paras. 64 and 65", expected: ["A/76/135 64 65"] },
    {
      input: "A/78/265, paragraph 23 (a) to (h)",
      expected: ["A/78/265 23.a 23.b 23.c 23.d 23.e 23.f 23.g 23.h"],
    }, // a range
    { input: "A/76/135, paragraph 15 (b) (i) and (ii)", expected: ["A/76/135 15.b.i 15.b.ii"] },
    { input: "A/76/135, paras. 64-66", expected: ["A/76/135 64 65 66"] }, // a numeric range
    { input: "resolution 75/240, operative paragraph 1", expected: ["A/RES/75/240 operative:1"] },
    { input: "resolution 80/16, preambular paragraph 3", expected: ["A/RES/80/16 preamble:3"] },
    { input: "BWC/CONF.IX/9, sect. II.E.", expected: ["BWC/CONF.IX/9 «sect. II.E»"] }, // a numbered section, kept in words
    { input: "A/75/816，\n附件一，第 16\n段", expected: ["A/75/816 annex I:16"] }, // PDF line breaks inside
    { input: "A/75/816，附件一，第 16 段", expected: ["A/75/816 annex I:16"] }, // full-width punctuation and spaces
  ])("$input", ({ input, expected }) => expect(find(input)).toEqual(expected));
});

describe("section-scoped pinpoints", () => {
  test.each([
    {
      input: "不限成员名额工作组第一次年度进展报告，A/77/275，国际法部分，建议采取的下一步行动，第 2 段。",
      expected: ["A/77/275 «国际法部分，建议采取的下一步行动»:2"],
    }, // section and next steps kept in words
    {
      input: "A/77/275，第 15(b)(一)和(二)段以及国际法部分，建议采取的下一步行动，第 2 段。",
      expected: ["A/77/275 15.b.i 15.b.ii «国际法部分，建议采取的下一步行动»:2"],
    }, // 以及 adds a pinpoint of the same document
    {
      input: "[不限成员名额工作组第一次年度进展报告，建立信任措施部分，建议的下一步，第 5 段]",
      expected: ["A/77/275 «建立信任措施部分，建议的下一步»:5"],
    }, // an annex B source note
    {
      input: "A/77/275，定期机构对话章节，建议采取的下一步行动，第 2 段",
      expected: ["A/77/275 «定期机构对话章节，建议采取的下一步行动»:2"],
    }, // 章节 for 部分
    {
      input: "A/77/275, section on international law, recommended next steps, para. 2",
      expected: ["A/77/275 «section on international law, recommended next steps»:2"],
    }, // English
  ])("$input", ({ input, expected }) => expect(find(input)).toEqual(expected));
});

describe("the UN Charter", () => {
  test.each([
    { input: "重申《联合国宪章》第二条第三项，其中规定", expected: ["Charter 2(3)"] }, // Article 2 (3)
    { input: "《联合国宪章》第三十三条第一项", expected: ["Charter 33(1)"] }, // Chinese numerals above ten
    { input: "《联合国宪章》第 51 条", expected: ["Charter 51"] }, // an article without paragraph
    { input: "《宪章》第二条第四项", expected: ["Charter 2(4)"] }, // the short name
    { input: "Article 33, paragraph 1, of the Charter", expected: ["Charter 33(1)"] },
    { input: "Article 2 (3) of the Charter of the United Nations", expected: ["Charter 2(3)"] },
    { input: "国际法，特别是《联合国宪章》，对于", expected: [] }, // the Charter named, no article: not a pinpoint
    { input: "Article 5 of the draft convention", expected: [] }, // another instrument's article
  ])("$input", ({ input, expected }) => expect(find(input)).toEqual(expected));
});

describe("references inside the citing document", () => {
  test.each([
    { input: "同时考虑到上文第 29(a)和(b)分段。", expected: ["self 29.a 29.b"] },
    {
      input: "同时考虑到上文第 23 段(a)至(h)分段。",
      expected: ["self 23.a 23.b 23.c 23.d 23.e 23.f 23.g 23.h"],
    }, // eight targets
    {
      input: "同时考虑到上文第 23(a)至(h)分段。",
      expected: ["self 23.a 23.b 23.c 23.d 23.e 23.f 23.g 23.h"],
    },
    { input: "包括在本报告第 37(b)和(c)分段的范围内", expected: ["self 37.b 37.c"] },
    { input: "继续进一步讨论第 52(a)和(b)分段中确定的建议", expected: ["self 52.a 52.b"] }, // no 上文
    { input: "本报告附件 A 所载题为", expected: ["self annex A"] },
    { input: "在这方面提出了一项建议，见附件 D。", expected: ["self annex D"] },
    { input: "讨论结果(见附件)。", expected: ["self annex"] }, // the whole annex
    { input: "see annex B", expected: ["self annex B"] },
    { input: "taking into account paragraph 29 (a) and (b) above", expected: ["self 29.a 29.b"] },
    { input: "paragraphs 64 and 65 of the present report", expected: ["self 64 65"] },
    { input: "paragraphs 1 to 3 of annex B", expected: ["self annex B:1 annex B:2 annex B:3"] }, // pinpoint, then the annex
    { input: "paragraph 2 of annex C to document A/79/214", expected: ["A/79/214 annex C:2"] }, // ... of another document
    { input: "在第 1 次会议上", expected: [] }, // 第 1 次 is a meeting, not a paragraph
    { input: "某公约第 5 段", expected: [] }, // a pinpoint of a document the grammar does not know is left alone
    { input: "回顾其第 3 段", expected: [] }, // "its paragraph 3": a document named earlier, not the citing one
    { input: "本决议附件所载的原则", expected: ["self annex"] }, // 本决议: the citing resolution's annex
    { input: "本决议第 5 段所述", expected: ["self 5"] }, // 本决议: its paragraph
    { input: "本公约第十九条第二款规定", expected: ["self article 19:2"] }, // 本公约: its article and paragraph
    { input: "本报告第二条和第五条", expected: ["self article 2 article 5"] }, // its articles, coordinated
    { input: "本报告", expected: [] }, // the citing document named, no pinpoint: no citation
    { input: "as provided in article 5 above", expected: ["self article 5"] }, // the citing document's article
    { input: "articles 2 and 5 of the present convention", expected: ["self article 2 article 5"] },
    { input: "art. 3, para. 2, below", expected: ["self article 3:2"] },
    { input: "paragraph 4 of the present declaration", expected: ["self 4"] }, // another noun for itself
    { input: "in annex II to the present report", expected: ["self annex II"] },
    { input: "article 19 of the Covenant", expected: [] }, // an instrument the grammar does not know
    { input: "the declaration annexed to the present resolution", expected: ["self annex"] },
    { input: "the principles annexed to resolution 75/240", expected: ["A/RES/75/240 annex"] },
    { input: "annexed to the letter dated 5 May", expected: [] }, // no document the grammar knows
    { input: "article 5 of this convention", expected: [] }, // "this" may point back at a document just named
  ])("$input", ({ input, expected }) => expect(find(input)).toEqual(expected));
});

describe("documents cited by title", () => {
  test.each([
    { input: "《2021 年政府专家组报告》，A/76/135，第 42 段", expected: ["A/76/135 42"] }, // title then symbol: one citation
    {
      input: "《2021 年不限成员名额工作组报告》，A/75/816，附件一，第 16 段",
      expected: ["A/75/816 annex I:16"],
    },
    { input: "[2021 年不限成员名额工作组报告，第 51 段]", expected: ["A/75/816 51"] }, // title only, via the registry
    {
      input: "应根据 2021 年不限成员名额工作组报告第 56 段所载的能力建设原则进行",
      expected: ["A/75/816 56"],
    }, // running text
    { input: "第一次年度进展报告第 15(a)和(b)分段", expected: ["A/77/275 15.a 15.b"] },
    { input: "核可的第一次年度进展报告(A/77/275)的基础上", expected: ["A/77/275 whole"] }, // title, symbol in brackets
    { input: "《2021 年不限成员名额工作组最后报告》(A/75/816，第 56 段)所商定", expected: ["A/75/816 56"] },
    { input: "《2021年政府专家组报告》", expected: ["A/76/135 whole"] }, // spacing ignored
    { input: "不限成员名额工作组第一次年度进展报告中", expected: ["A/77/275 whole"] }, // the longest title wins
    { input: "the 2021 OEWG report, para. 56", expected: ["A/75/816 56"] }, // English short title
    { input: "paras. 64 and 65 of the 2021 GGE report", expected: ["A/76/135 64 65"] },
    { input: "《行动纲领》的范围", expected: [] }, // a book title the registry does not know
    { input: "the 2021 OEWG reports", expected: [] }, // titles match whole words only
  ])("$input", ({ input, expected }) => expect(find(input)).toEqual(expected));
});

describe("forms people paste, as the grammar finds them (the forms table checks where they land)", () => {
  test.each([
    { input: "A/78/265 at [23(f)(ii)]", expected: ["A/78/265 23.f.ii"] }, // legal scholarship's at [..]
    { input: "A/78/265 at 5", expected: ["A/78/265 whole"] }, // at 5 is a page: not read
    { input: "UN Doc A/78/265, annex, ¶ 23(f)(ii)", expected: ["A/78/265 annex:23.f.ii"] }, // UN Doc and ¶
    { input: "A/78/265, Annex, ¶¶ 23–25", expected: ["A/78/265 annex:23 annex:24 annex:25"] }, // ¶¶ and a range
    { input: "a/78/265 annex para 23", expected: ["A/78/265 annex:23"] }, // lower case, in the UN's case
    { input: "A/78/265 (2023), annex, para. 13", expected: ["A/78/265 annex:13"] }, // a year in brackets
    { input: "A/78/265，附件，第23段(f)(二)", expected: ["A/78/265 annex:23.f.ii"] }, // 段 before the labels
    { input: "GA res. 70/237, OP 2", expected: ["A/RES/70/237 operative:2"] }, // OP after a resolution
    { input: "resolution 76/19, PP3 and OP 5", expected: ["A/RES/76/19 preamble:3 operative:5"] }, // PP then OP
    { input: "A/78/265, OP 5", expected: ["A/78/265 whole"] }, // OP after a report is not read
    { input: "联合国大会第 70/237 号决议", expected: ["A/RES/70/237 whole"] }, // the organ read with it
    { input: "annex A to the second annual progress report", expected: ["A/78/265 annex A"] }, // to the title
    {
      input: "Article 2, paragraph 3, and Article 33, paragraph 1, of the Charter of the United Nations",
      expected: ["Charter 2(3)", "Charter 33(1)"],
    }, // coordinated articles
    { input: "《联合国宪章》第二条第三项和第四项", expected: ["Charter 2(3)", "Charter 2(4)"] }, // two paragraphs
    {
      input: "para. 23, subparagraph (f) (ii) of the annex to A/78/265",
      expected: ["A/78/265 annex:23.f.ii"],
    },
  ])("$input", ({ input, expected }) => expect(find(input)).toEqual(expected));

  test.each([
    { input: "see UN Doc. A/76/135 (2021), para. 13.", raw: ["UN Doc. A/76/135 (2021), para. 13"] }, // the prefix and the year are read
    { input: "recalling UNGA Res 70/237 of 23 December 2015,", raw: ["UNGA Res 70/237 of 23 December 2015"] },
    {
      input: "Articles 2 (4) and 51 of the UN Charter apply",
      raw: ["Articles 2 (4) and 51 of the UN Charter", "Articles 2 (4) and 51 of the UN Charter"],
    },
  ])("raw: $input", ({ input, raw }) => expect(raws(input)).toEqual(raw));
});

describe("a footnote holding several citations", () => {
  test("each citation is found, in order", () => {
    const note =
      "《不限成员名额工作组第一次年度进展报告》，A/77/275，第 12 段；《2021 年不限成员名额工作组报告》，A/75/816，附件一，第 17 段。";
    expect(find(note)).toEqual(["A/77/275 12", "A/75/816 annex I:17"]);
    expect(raws(note)).toEqual([
      "《不限成员名额工作组第一次年度进展报告》，A/77/275，第 12 段",
      "《2021 年不限成员名额工作组报告》，A/75/816，附件一，第 17 段",
    ]);
  });
});

describe("short forms", () => {
  test.each([
    { input: "同上。", expected: ["ibid"] }, // ibid., resolved later through the citation before it
    { input: "同上，第 5 段。", expected: ["ibid 5"] }, // with a new pinpoint
    { input: "Ibid., para. 7.", expected: ["ibid 7"] },
    { input: "the above-mentioned resolution", expected: ["resolution"] },
    { input: "上述决议", expected: ["resolution"] },
    { input: "同上述", expected: [] }, // 同上 inside a longer word is not ibid
  ])("$input", ({ input, expected }) => expect(find(input)).toEqual(expected));
});

describe("raw and span", () => {
  test.each([
    { input: "根据大会第 77/512 号决定听取", raw: ["大会第 77/512 号决定"] }, // the words as written
    { input: "[on the report of the First Committee (A/80/534, para. 7)]", raw: ["A/80/534, para. 7"] },
    { input: "annex C to document A/79/214, as endorsed", raw: ["annex C to document A/79/214"] },
    { input: "contained in the annex to document A/80/257,", raw: ["the annex to document A/80/257"] },
    {
      input: "as set out in the annex to its resolution 79/237.",
      raw: ["the annex to its resolution 79/237"],
    },
    { input: "annex I to document A/75/816, para. 56.", raw: ["annex I to document A/75/816, para. 56"] }, // pinpoint after the document
  ])("$input", ({ input, raw }) => expect(raws(input)).toEqual(raw));
});
