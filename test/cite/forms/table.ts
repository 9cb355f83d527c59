/**
 * Citations as people paste them, one form a row, in Chinese and English: written in our own
 * words after the kinds issue #15 lists (legal scholarship's "at [64]", ¶, "UN Doc.", a year in
 * brackets, lower case and full width, ranges, the abbreviations of negotiators, titles with a
 * year, pinpoints before a title, coordinated Charter articles) and the forms UN documents print.
 *
 * Each row says what the citation means (`means`, in the words of score.ts `targetKey`:
 * "A/78/265 [annex*] 23.f.ii", * marking a part the citation did not write and the lookup must
 * say it inferred), what the lookup must report as not read (`unread`) and, where the grammar
 * knowingly falls short of the meaning, what it lands on instead (`lands`), never silently.
 *
 * The knowledge base is the real seed (A/78/265 in Chinese, corpus/) and the real registry, with
 * the national papers and the compendium of test/fixtures/parse/national/ (our own words) and
 * their registry entries (test/fixtures/cite/registry-national.yaml): their paragraphs and the
 * seed's resolve, every other document is known to the registry only (or unknown). The seed
 * records no pages, so a page of it is said not read.
 * The seed holds: the main body u1, 1-16; the annex 1-60 (23 (a)-(h) with 23 (f) (i)-(ii), 29,
 * 30, 31, 37 (c) (i)-(iv), 43 (a)-(i), 52, 55 with subparagraphs); annex A 1-16 and its appendix;
 * annex B 1-4 with subparagraphs; annexes C and D unnumbered.
 */

/** One pasted citation and what must come of it. */
export interface FormRow {
  /** The citation as pasted. */
  pasted: string;
  /** What it means: every target, in order. [] when it names nothing a lookup can resolve. */
  means: string[];
  /** What the lookup lands on where it falls short of `means` (a known limit, said in `unread`). */
  lands?: string[];
  /** The stretches the lookup must say it did not read. */
  unread: string[];
  /** The form the row shows. */
  note: string;
}

/** A citation read whole. */
function read(pasted: string, means: string[], note: string): FormRow {
  return { pasted, means, unread: [], note };
}

/** A citation read in part: what is not read is said. */
function partly(
  pasted: string,
  what: { means: string[]; lands?: string[]; unread: string[] },
  note: string,
): FormRow {
  return { pasted, ...what, note };
}

const S = "A/78/265";
/** A Security Council resolution and an old-style Assembly resolution, neither held nor registered. */
const SC = "S/RES/2341(2017) [] whole";
const UDHR = "A/RES/217(III) [] whole";
/** A resolution the registry knows and the corpus does not hold; an article of it. */
const R = "A/RES/75/240";
const art = (article: string, para?: string) => `${R} [article ${article}] ${para ?? "whole"}`;
/** The compendium and the national papers of test/fixtures/parse/national/. */
const C = "A/99/136";
const CN = "cn-2024-ict-security-position";
const NZ = "nz-2024-international-law-cyberspace";
const NO = "no-2023-cyber-norms-views";
/** Targets in the seed's annex (written, or inferred with `*`). */
const annex = (nums: string[], inferred = false) =>
  nums.map((n) => `${S} [annex${inferred ? "*" : ""}] ${n}`);
const annexOf = (label: string, nums: string[]) => nums.map((n) => `${S} [annex, annex ${label}] ${n}`);

export const FORMS: FormRow[] = [
  // --- The issue's own examples.
  read("A/78/265 at [23(f)(ii)]", annex(["23.f.ii"], true), "legal scholarship's at [..], part inferred"),
  read("UN Doc A/78/265, annex, ¶ 23(f)(ii)", annex(["23.f.ii"]), "UN Doc and ¶"),
  read("A/78/265，附件，第23段(f)(二)", annex(["23.f.ii"]), "第23段(f)(二): labels after 段"),
  read("A/78/265 (2023), annex, para. 13", annex(["13"]), "a year in brackets after the symbol"),
  read("A/78/265, Annex, ¶¶ 23–25", annex(["23", "24", "25"]), "¶¶ and an en dash range"),
  read(
    "the second annual progress report of the OEWG, annex B, para. 1 (c) (ii)",
    annexOf("B", ["1.c.ii"]),
    "a title with its body, a lettered annex",
  ),
  read("a/78/265 annex para 23", annex(["23"]), "lower case, no punctuation"),
  read("2023 APR, para. 23(f)(ii)", annex(["23.f.ii"], true), "abbreviation with a year"),
  read("UNGA Res 70/237", ["A/RES/70/237 [] whole"], "UNGA Res"),
  read("A/75/816 at [64]", ["A/75/816 [annex I*] 64"], "at [64] of a document held only in the registry"),
  read(
    "paras. 64 and 65 of the 2021 report of the open-ended working group",
    ["A/75/816 [annex I*] 64", "A/75/816 [annex I*] 65"],
    "pinpoints before a title",
  ),
  read(
    "annex A to the second annual progress report",
    [`${S} [annex, annex A] whole`],
    "annex … to the title",
  ),
  read(
    "Article 2, paragraph 3, and Article 33, paragraph 1, of the Charter of the United Nations",
    ["UN Charter 2(3)", "UN Charter 33(1)"],
    "coordinated Charter articles",
  ),
  read("A/78/265 para 999", annex(["999"], true), "past the end: a target, said missing"),
  read("A/78/265, annex, para. 23 (f)(iii)", annex(["23.f.iii"]), "a subparagraph that does not exist"),
  read("A/78/265, para. 23 (f) (ii)", annex(["23.f.ii"], true), "the annex inferred and said"),
  read(
    "A/AC.292/2024/CRP.9, annex II",
    ["A/AC.292/2024/CRP.9 [annex II] whole"],
    "an unknown document's annex",
  ),

  // --- "at [..]" pinpoints.
  read("A/78/265 at [29(b)(i)]", annex(["29.b.i"], true), "at [..] with two labels"),
  read("A/78/265, annex, at [43(c)]", annex(["43.c"]), "at [..] after the annex"),
  read("A/78/265 at [23]–[25]", annex(["23", "24", "25"], true), "a range of bracketed paragraphs"),
  read("A/78/265 at [13], [14]", annex(["13", "14"], true), "a list of bracketed paragraphs"),
  read("UN Doc. A/78/265 at [60]", annex(["60"], true), "UN Doc. and at [..]"),
  read("A/76/135 at [71(c)]", ["A/76/135 [] 71.c"], "a report without an annex"),
  read("A/75/816 at [2(a)]", ["A/75/816 [annex I*] 2.a"], "at [2(a)]"),

  // --- ¶ and ¶¶.
  read("A/78/265, annex, ¶ 30(d)", annex(["30.d"]), "¶ with a label"),
  read("A/78/265 ¶ 7", annex(["7"], true), "¶ right after the symbol"),
  read("A/78/265, annex ¶¶ 52(a)-(b)", annex(["52.a", "52.b"]), "¶¶ with a range of labels"),
  read("¶ 12 of A/78/265", annex(["12"], true), "¶ before the document"),
  read("A/78/265, annex, ¶¶ 33, 34 and 35", annex(["33", "34", "35"]), "¶¶ with a list"),
  read("A/75/816, annex I, ¶ 56", ["A/75/816 [annex I] 56"], "¶ in annex I"),
  read("A/78/265, annex, ¶23", annex(["23"]), "¶ glued to its number"),

  // --- para, paras, paragraph(s): with or without full stop and spaces, any case.
  read("A/78/265, annex, para 23", annex(["23"]), "para without full stop"),
  read("A/78/265, annex, para.23", annex(["23"]), "para. without a space"),
  read("A/78/265, annex, paras.55-57", annex(["55", "56", "57"]), "paras. and a hyphen range"),
  read("A/78/265, annex, paragraph 43 (i)", annex(["43.i"]), "(i) after (h) is a letter"),
  read("A/78/265, annex, paragraphs 29 (a) and (b)", annex(["29.a", "29.b"]), "paragraphs … and (b)"),
  read("A/78/265, ANNEX, PARA. 31 (C)", annex(["31.c"]), "all capitals"),
  read("A/78/265, Annex, Para 24", annex(["24"]), "title case"),
  read("A/78/265, annex, paras. 23 to 25", annex(["23", "24", "25"]), "a range with to"),
  read("A/78/265, annex, paras 23 through 25", annex(["23", "24", "25"]), "a range with through"),
  read("A/78/265, annex, paras. 23—25", annex(["23", "24", "25"]), "a range with an em dash"),
  read("A/78/265, annex, paragraph 23 (a) to (c)", annex(["23.a", "23.b", "23.c"]), "a range of labels"),
  read(
    "A/78/265, annex, para. 37 (c) (i)–(iii)",
    annex(["37.c.i", "37.c.ii", "37.c.iii"]),
    "a range at the second level",
  ),
  read("A/78/265, annex, para. 23, subparagraph (f)", annex(["23.f"]), "subparagraph after the paragraph"),
  read("A/78/265, annex, para. 55, subparas. (a) and (b)", annex(["55.a", "55.b"]), "subparas. (a) and (b)"),
  read("A/78/265, annex, para. 23 (f) (ii) and para. 24", annex(["23.f.ii", "24"]), "two pinpoints joined"),
  read("A/78/265, annex, paras. 13, 14 and 15", annex(["13", "14", "15"]), "a list with commas"),
  read("A/78/265, annex A, para. 7 (a) (iii)", annexOf("A", ["7.a.iii"]), "annex A"),
  read("A/78/265, annex B, para. 4 (c)", annexOf("B", ["4.c"]), "annex B"),
  read("A/78/265, annex, para. 60.", annex(["60"]), "a closing full stop"),
  read("A/78/265, annex, para. 61", annex(["61"]), "one past the end"),
  read("A/78/265, annex, paragraph 23 (k) (iv)", annex(["23.k.iv"]), "a subparagraph that does not exist"),

  // --- OP and PP: a resolution's operative and preambular paragraphs.
  read("GA res. 70/237, OP 2", ["A/RES/70/237 [] 2"], "GA res. and OP"),
  read("A/RES/76/19, OP5", ["A/RES/76/19 [] 5"], "OP glued to its number"),
  read("resolution 76/19, PP3", ["A/RES/76/19 [preamble] 3"], "PP"),
  read("UNGA Res 75/240 op. 1", ["A/RES/75/240 [] 1"], "op. with a full stop"),
  read("A/RES/75/240, pp. 4", ["A/RES/75/240 [preamble] 4"], "pp. after a resolution"),
  read("OP5 of resolution 76/19", ["A/RES/76/19 [] 5"], "OP before the resolution"),
  read("resolution 76/19, PP3 and OP 5", ["A/RES/76/19 [preamble] 3", "A/RES/76/19 [] 5"], "PP then OP"),
  read("A/RES/76/19 OP5-7", ["A/RES/76/19 [] 5", "A/RES/76/19 [] 6", "A/RES/76/19 [] 7"], "an OP range"),
  read("resolution 75/240, operative paragraph 1", ["A/RES/75/240 [] 1"], "operative paragraph"),
  read("resolution 80/16, preambular paragraph 3", ["A/RES/80/16 [preamble] 3"], "preambular paragraph"),
  read("A/RES/76/19, operative paras. 1 and 2", ["A/RES/76/19 [] 1", "A/RES/76/19 [] 2"], "operative paras."),
  read("operative paragraph 5 of resolution 70/237", ["A/RES/70/237 [] 5"], "operative paragraph … of"),
  read("OP 2 of GA res. 70/237", ["A/RES/70/237 [] 2"], "OP … of GA res."),
  partly("A/78/265, OP 5", { means: [`${S} [] whole`], unread: ["OP 5"] }, "OP after a report is not read"),
  partly(
    "A/78/265, pp. 12-13",
    { means: [`${S} [] whole`], unread: ["pp. 12-13"] },
    "pp. after a report is pages: not read",
  ),

  // --- Security Council resolutions: the number and the year make the symbol, as UN documents
  // write it (S/RES/2341(2017)); none is in the corpus or the registry, so each is linked unchecked.
  read("resolution 2341 (2017)", [SC], "a Council resolution by number and year"),
  read("Security Council resolution 2341 (2017)", [SC], "with the Council named"),
  read("UN Security Council resolution 2341 (2017)", [SC], "UN Security Council"),
  read("UNSC res. 2341 (2017)", [SC], "UNSC res."),
  read("S.C. Res. 2341 (2017)", [SC], "S.C. Res., as law reviews write it"),
  read("S/RES/2341 (2017)", [SC], "the symbol with its year, spaced"),
  read("S/RES/2341(2017)", [SC], "the symbol as the UN writes it"),
  read("s/res/2341 (2017)", [SC], "the symbol typed in lower case"),
  read("安全理事会第 2341（2017）号决议", [SC], "安全理事会, full-width brackets"),
  read("安理会第2341(2017)号决议", [SC], "安理会, no spaces"),
  read("联合国安全理事会第 2341 (2017) 号决议", [SC], "联合国安全理事会"),
  read(
    "resolutions 2341 (2017) and 2286 (2016)",
    [SC, "S/RES/2286(2016) [] whole"],
    "two Council resolutions",
  ),
  read(
    "安全理事会第 2341（2017）号和第 2286（2016）号决议",
    [SC, "S/RES/2286(2016) [] whole"],
    "two Council resolutions, in Chinese",
  ),
  read(
    "paragraph 3 of Security Council resolution 2341 (2017)",
    ["S/RES/2341(2017) [] 3"],
    "a paragraph before",
  ),
  read("resolution 2341 (2017), para. 3", ["S/RES/2341(2017) [] 3"], "a paragraph after"),
  partly(
    "resolution 2341",
    { means: [SC], lands: [], unread: ["resolution 2341"] },
    "no year: no symbol, not read",
  ),
  partly(
    "cn-2099-test-paper, section 2.2",
    { means: [], unread: ["cn-2099-test-paper, section 2.2"] },
    "a national paper's id that neither the corpus nor the registry holds: not read, and said so",
  ),
  partly(
    "Security Council resolution 75/240",
    { means: [], unread: ["Security Council resolution 75/240"] },
    "an Assembly number after the Council: not read",
  ),
  partly(
    "General Assembly resolution 2341 (2017)",
    { means: [], unread: ["General Assembly resolution 2341 (2017)"] },
    "a year after the Assembly: not read",
  ),
  partly(
    "安理会第 75/240 号决议",
    { means: [], unread: ["安理会第 75/240 号决议"] },
    "an Assembly number after 安理会: not read",
  ),
  partly(
    "大会第 2341(2017) 号决议",
    { means: [], unread: ["大会第 2341(2017) 号决议"] },
    "a year after 大会: not read",
  ),
  partly(
    "decision 2341 (2017)",
    { means: [], unread: ["decision 2341 (2017)"] },
    "a year in brackets after a decision is no resolution",
  ),
  partly(
    "resolution 2341 (1899)",
    { means: [], unread: ["resolution 2341 (1899)"] },
    "a year before the Council's first: not read",
  ),
  partly(
    "paragraph 2341 (2017)",
    { means: [], unread: ["paragraph 2341 (2017)"] },
    "a year in brackets after a paragraph is no resolution",
  ),

  // --- Old-style General Assembly resolutions (sessions I to XXX): number, letter, session.
  read("resolution 217 A (III)", [UDHR], "the Universal Declaration's resolution"),
  read("General Assembly resolution 217 A (III)", [UDHR], "with the Assembly named"),
  read("A/RES/217 (III) A", [UDHR], "the symbol, the letter after the session"),
  read("A/RES/217(III)", [UDHR], "the symbol as registered"),
  read("第 217 A (III) 号决议", [UDHR], "in Chinese"),
  read("大会第217 A(III)号决议", [UDHR], "大会, no spaces"),
  read("resolution 2625 (XXV)", ["A/RES/2625(XXV) [] whole"], "no letter"),
  read("G.A. Res. 2625 (XXV)", ["A/RES/2625(XXV) [] whole"], "G.A. Res."),
  partly(
    "resolution 217 A (XXXI)",
    { means: [], unread: ["resolution 217 A (XXXI)"] },
    "a session past the old style's thirtieth: not read",
  ),
  partly(
    "Security Council resolution 217 (III)",
    { means: [], unread: ["Security Council resolution 217 (III)"] },
    "a session after the Council: not read",
  ),

  // --- UN Doc. and the symbol's prefixes.
  read("U.N. Doc. A/76/135, para. 71(c)", ["A/76/135 [] 71.c"], "U.N. Doc."),
  read("UN Doc. A/75/816, annex I, para. 56", ["A/75/816 [annex I] 56"], "UN Doc."),
  read("UN doc. A/78/265, annex, para. 3", annex(["3"]), "UN doc."),
  read("U.N. Doc A/70/174 (July 22, 2015), ¶ 13(a)", ["A/70/174 [] 13.a"], "U.N. Doc with a US date"),
  read("UN Document A/68/98, para. 19", ["A/68/98 [] 19"], "UN Document"),
  read("U.N. Doc. A/RES/70/237 (Dec. 23, 2015)", ["A/RES/70/237 [] whole"], "a shortened month"),
  read("Doc. A/78/265, annex, para. 20", annex(["20"]), "Doc. is noise"),
  read("document A/78/265, annex, para. 21", annex(["21"]), "document is noise"),

  // --- A year or date in brackets.
  read("A/76/135 (2021), para. 13", ["A/76/135 [] 13"], "a year"),
  read("A/70/174 (2015), paras. 13 (a) and (b)", ["A/70/174 [] 13.a", "A/70/174 [] 13.b"], "a year, a list"),
  read("A/78/265 (1 August 2023), annex, para. 5", annex(["5"]), "a date"),
  read("A/RES/76/19 (6 December 2021), OP 1", ["A/RES/76/19 [] 1"], "a date before OP"),
  read("resolution 70/237 (2015)", ["A/RES/70/237 [] whole"], "a resolution's year"),
  read("A/78/265 (2023)", [`${S} [] whole`], "a whole document with its year"),

  // --- Case and width.
  read("a/78/265, annex b, para. 2 (a)", annexOf("B", ["2.a"]), "lower-case symbol and annex letter"),
  read("A／78／265，附件，第 23 段", annex(["23"]), "full-width slashes"),
  read("Ａ/７８/２６５，附件，第２３段", annex(["23"]), "full-width letters and digits"),
  read("A/78/265，附件，第23（ｆ）（二）段", annex(["23.f.ii"]), "full-width brackets and letter"),
  read("a/res/76/19, op. 2", ["A/RES/76/19 [] 2"], "a resolution symbol in lower case"),
  read("A/ac.292/2023/inf/2", ["A/AC.292/2023/INF/2 [] whole"], "a committee symbol in lower case"),
  read("a/ac.292/2023/2/rev.1", ["A/AC.292/2023/2/Rev.1 [] whole"], "Rev. given back in the UN's case"),
  read("UNGA RES 70/237", ["A/RES/70/237 [] whole"], "capitals"),
  read("A/78/265, ANNEX A, PARA. 13 (G)", annexOf("A", ["13.g"]), "capitals in annex A"),

  // --- Ranges in Chinese.
  read("A/78/265，附件，第 23 至 25 段", annex(["23", "24", "25"]), "至"),
  read("A/78/265，附件，第 23-25 段", annex(["23", "24", "25"]), "a hyphen"),
  read("A/78/265，附件，第 23–25 段", annex(["23", "24", "25"]), "an en dash"),
  read("A/78/265，附件，第 23~25 段", annex(["23", "24", "25"]), "a tilde"),
  read("A/78/265，附件，第 43(a)至(d)段", annex(["43.a", "43.b", "43.c", "43.d"]), "labels with 至"),
  read(
    "A/78/265，附件，第 23 段(a)至(h)分段",
    annex(["23.a", "23.b", "23.c", "23.d", "23.e", "23.f", "23.g", "23.h"]),
    "段 then labels, 分段",
  ),
  read(
    "A/78/265，附件，第 37(c)(一)至(四)段",
    annex(["37.c.i", "37.c.ii", "37.c.iii", "37.c.iv"]),
    "Chinese numerals in a range",
  ),
  read(
    "A/78/265，附件 A，第 13(a)至(g)段",
    annexOf("A", ["13.a", "13.b", "13.c", "13.d", "13.e", "13.f", "13.g"]),
    "a range in annex A",
  ),

  // --- Chinese forms.
  read("A/78/265，附件，第 23(f)(二)段", annex(["23.f.ii"]), "as the UN prints it"),
  read("A/78/265，附件，第23(f)(二)段", annex(["23.f.ii"]), "no spaces"),
  read("A/78/265 号文件附件第 23 段", annex(["23"]), "号文件 then the annex"),
  read("A/78/265号文件，附件，第37(c)(四)段", annex(["37.c.iv"]), "号文件 and commas"),
  read("A/78/265，附件 B，第 1(c)(二)段", annexOf("B", ["1.c.ii"]), "附件 B"),
  read("A/78/265，附件A，第5(b)段", annexOf("A", ["5.b"]), "附件A without a space"),
  read("A/78/265，第 23 段", annex(["23"], true), "the annex inferred"),
  read("A/78/265，第 23(f)(二)段", annex(["23.f.ii"], true), "the annex inferred, with labels"),
  read("见 A/78/265，附件，第 13 段。", annex(["13"]), "见 is noise"),
  read("参见 A/78/265，附件，第 14 段", annex(["14"]), "参见 is noise"),
  read("第二次年度进展报告，第 23(f)(二)段", annex(["23.f.ii"], true), "a title"),
  read("《第二次年度进展报告》第 30(d)段", annex(["30.d"], true), "a title in 《》"),
  read(
    "不限成员名额工作组第二次年度进展报告（A/78/265），附件，第 40 段",
    annex(["40"]),
    "a title, its symbol in brackets, then pinpoints",
  ),
  read("2023 年年度进展报告，第 23 段", annex(["23"], true), "a title with a year"),
  read("2021 年政府专家组报告第 71 段(c)", ["A/76/135 [] 71.c"], "第 71 段(c)"),
  read("《2021 年政府专家组报告》，A/76/135，第 71(c)段", ["A/76/135 [] 71.c"], "title, symbol, pinpoint"),
  read("2021 年不限成员名额工作组报告第 56 段", ["A/75/816 [annex I*] 56"], "a title, annex I inferred"),
  read("A/78/265，附件，第 60 段", annex(["60"]), "the last paragraph"),
  read("A/78/265，附件，第 61 段", annex(["61"]), "past the end"),
  read("A/78/265，附件，第 23(f)(三)段", annex(["23.f.iii"]), "a subparagraph that does not exist"),
  read("A/78/265，附件，第 29(b)(一)和(二)段", annex(["29.b.i", "29.b.ii"]), "labels coordinated"),
  read("A/78/265，附件 B，第 2(a)段", annexOf("B", ["2.a"]), "annex B's item"),
  read("A/78/265，附件，第 52(a)和(b)分段", annex(["52.a", "52.b"]), "分段"),
  read("A/78/265，附件，第 43 段(a)至(c)分段", annex(["43.a", "43.b", "43.c"]), "段(a)至(c)分段"),
  read("A/78/265，附件，第 13 段和第 14 段", annex(["13", "14"]), "two pinpoints joined by 和"),
  read(
    "A/78/265，附件，第 13 段以及附件 A 第 5 段",
    [...annex(["13"]), ...annexOf("A", ["5"])],
    "以及 and another annex",
  ),
  read("A/75/816，附件一，第 56 段", ["A/75/816 [annex I] 56"], "附件一"),
  read("A/75/816，附件一，第 64 和 65 段", ["A/75/816 [annex I] 64", "A/75/816 [annex I] 65"], "和"),
  read("A/76/135，第 71(c)段", ["A/76/135 [] 71.c"], "a report's paragraph"),
  read("A/70/174，第 13(a)段", ["A/70/174 [] 13.a"], "the 2015 report"),
  read("《2015 年政府专家组报告》第 13 段", ["A/70/174 [] 13"], "a GGE report by title"),
  read("2013 年政府专家组报告，第 19 段", ["A/68/98 [] 19"], "the 2013 report by title"),
  read("第一次年度进展报告第 15(a)和(b)分段", ["A/77/275 [annex*] 15.a", "A/77/275 [annex*] 15.b"], "第一次"),
  read(
    "第三次年度进展报告，附件 C，第 2 段",
    ["A/79/214 [annex, annex C] 2"],
    "a lettered annex of a report",
  ),
  read(
    "A/77/275，国际法部分，建议采取的下一步行动，第 2 段",
    ["A/77/275 [annex*] «国际法部分，建议采取的下一步行动» 2"],
    "a section named in words",
  ),
  read(
    "A/78/265，国际法部分，建议的后续步骤，第 2 段",
    ["A/78/265 [annex*] «国际法部分，建议的后续步骤» 2"],
    "a section of the seed",
  ),

  // --- Resolutions and decisions in Chinese.
  read("大会第 70/237 号决议", ["A/RES/70/237 [] whole"], "大会第 … 号决议"),
  read("联合国大会第 70/237 号决议", ["A/RES/70/237 [] whole"], "联合国大会"),
  read("大会 76/19 号决议", ["A/RES/76/19 [] whole"], "大会 without 第"),
  read("第 76/19 号决议，执行部分第 2 段", ["A/RES/76/19 [] 2"], "执行部分"),
  read("大会第 76/19 号决议序言部分第 3 段", ["A/RES/76/19 [preamble] 3"], "序言部分"),
  read("第 75/240 号和第 76/19 号决议", ["A/RES/75/240 [] whole", "A/RES/76/19 [] whole"], "two numbers"),
  read(
    "第 70/237 和 76/19 号决议",
    ["A/RES/70/237 [] whole", "A/RES/76/19 [] whole"],
    "the kind distributes",
  ),
  read("大会第 77/512 号决定", ["A/DEC/77/512 [] whole"], "a decision"),
  read("A/RES/76/19，执行部分第 2 段", ["A/RES/76/19 [] 2"], "a symbol and 执行部分"),
  read("A/RES/76/19，序言部分第 3 段", ["A/RES/76/19 [preamble] 3"], "a symbol and 序言部分"),
  read("大会第 75/240 号决议，执行部分第 1 段", ["A/RES/75/240 [] 1"], "as footnotes print it"),

  // --- The Charter in Chinese.
  read("《联合国宪章》第二条第三项", ["UN Charter 2(3)"], "an article and its paragraph"),
  read(
    "《联合国宪章》第二条第三项和第三十三条第一项",
    ["UN Charter 2(3)", "UN Charter 33(1)"],
    "coordinated",
  ),
  read("联合国宪章第五十一条", ["UN Charter 51"], "without 《》"),
  read("《宪章》第二条第四项", ["UN Charter 2(4)"], "《宪章》"),
  read("《联合国宪章》第 2 条第 4 款", ["UN Charter 2(4)"], "digits and 款"),
  read(
    "《联合国宪章》第二条第三项和第四项",
    ["UN Charter 2(3)", "UN Charter 2(4)"],
    "two paragraphs of one article",
  ),

  // --- English titles.
  read("2021 GGE report, para. 13", ["A/76/135 [] 13"], "2021 GGE report"),
  read("2015 GGE, para. 13 (a)", ["A/70/174 [] 13.a"], "2015 GGE"),
  read(
    "the 2015 GGE report, paras. 28 (b) and (c)",
    ["A/70/174 [] 28.b", "A/70/174 [] 28.c"],
    "the before a title",
  ),
  read("2013 GGE report, para. 19", ["A/68/98 [] 19"], "2013 GGE report"),
  read("2010 GGE report, para. 18", ["A/65/201 [] 18"], "2010 GGE report"),
  read("2021 OEWG report, para. 56", ["A/75/816 [annex I*] 56"], "2021 OEWG report"),
  read("2022 APR, annex, para. 5", ["A/77/275 [annex] 5"], "2022 APR"),
  read("2024 APR, para. 10", ["A/79/214 [annex*] 10"], "2024 APR"),
  read(
    "first annual progress report, para. 15 (b) (i)",
    ["A/77/275 [annex*] 15.b.i"],
    "first annual progress report",
  ),
  read("third annual progress report, annex C, para. 2", ["A/79/214 [annex, annex C] 2"], "a lettered annex"),
  read("2023 OEWG report, annex A, para. 5 (d)", annexOf("A", ["5.d"]), "2023 OEWG report"),
  read("second APR, annex B, para. 3 (b)", annexOf("B", ["3.b"]), "second APR"),
  read(
    "the 2021 report of the Group of Governmental Experts, para. 71 (e)",
    ["A/76/135 [] 71.e"],
    "the title spelt out",
  ),

  // --- Pinpoints first, then the document.
  read("paragraph 56 of the 2021 OEWG report", ["A/75/816 [annex I*] 56"], "paragraph … of the title"),
  read("paras. 64 and 65 of the 2021 GGE report", ["A/76/135 [] 64", "A/76/135 [] 65"], "paras. … of"),
  read("paragraph 13 of document A/78/265", annex(["13"], true), "of document"),
  read("paragraph 13 contained in document A/78/265", annex(["13"], true), "contained in document"),
  read("para. 23 (f) (ii) of the annex to A/78/265", annex(["23.f.ii"]), "of the annex to"),
  read("paragraph 7 of annex A to document A/78/265", annexOf("A", ["7"]), "of annex A to document"),
  read(
    "paragraph 2 of annex B to the second annual progress report",
    annexOf("B", ["2"]),
    "of annex B to the title",
  ),
  read("paragraphs 1 to 3 of annex B to A/78/265", annexOf("B", ["1", "2", "3"]), "a range … of annex B to"),
  read("para. 5 of resolution 76/19", ["A/RES/76/19 [] 5"], "para. … of resolution"),
  read(
    "paragraph 2 of General Assembly resolution 75/240",
    ["A/RES/75/240 [] 2"],
    "of General Assembly resolution",
  ),
  read("paragraph 23 in A/78/265", annex(["23"], true), "in"),
  read(
    "para. 23, subparagraph (f) (ii) of the annex to A/78/265",
    annex(["23.f.ii"]),
    "subparagraph before of",
  ),
  read("annex C to document A/79/214", ["A/79/214 [annex, annex C] whole"], "annex … to document"),
  read("the annex to document A/80/257", ["A/80/257 [annex] whole"], "the annex to document"),
  read("annex I to A/80/257, para. 4", ["A/80/257 [annex, annex I] 4"], "annex I to …, para."),

  // --- The Charter in English.
  read("Article 2 (4) of the Charter", ["UN Charter 2(4)"], "Article 2 (4)"),
  read("Article 51 of the Charter of the United Nations", ["UN Charter 51"], "an article alone"),
  read("Articles 2 (4) and 51 of the UN Charter", ["UN Charter 2(4)", "UN Charter 51"], "Articles … and"),
  read("Art. 2(4) UN Charter", ["UN Charter 2(4)"], "Art. and UN Charter after it"),
  read("UN Charter, Art. 2(4)", ["UN Charter 2(4)"], "the Charter first"),
  read(
    "Charter of the United Nations, Article 33, paragraph 1",
    ["UN Charter 33(1)"],
    "the Charter's full name first",
  ),
  read("U.N. Charter art. 51", ["UN Charter 51"], "U.N. Charter"),
  read(
    "Article 2, paragraphs 3 and 4, of the Charter",
    ["UN Charter 2(3)", "UN Charter 2(4)"],
    "paragraphs 3 and 4",
  ),
  read("Articles 2, 33 and 51 of the Charter", ["UN Charter 2", "UN Charter 33", "UN Charter 51"], "a list"),
  read("Article 2(3) and (4) of the Charter", ["UN Charter 2(3)", "UN Charter 2(4)"], "(3) and (4)"),
  read("the Charter, Article 51", ["UN Charter 51"], "the Charter, Article"),
  read("United Nations Charter, Article 2 (3)", ["UN Charter 2(3)"], "United Nations Charter"),
  partly(
    "Article 33 of the draft convention",
    { means: [], unread: ["Article 33 of the draft convention"] },
    "another instrument's article",
  ),

  // --- Articles of a document (#20): several in one component, and written before the document.
  read("A/RES/75/240, articles 2 and 5", [art("2"), art("5")], "two articles"),
  read("A/RES/75/240, arts. 2-4", [art("2"), art("3"), art("4")], "a range of articles"),
  read("A/RES/75/240, articles 2 (3) and 5", [art("2", "3"), art("5")], "a paragraph of one, another whole"),
  read("A/RES/75/240，第二条和第五条", [art("2"), art("5")], "第二条和第五条"),
  read("A/RES/75/240，第二条至第四条", [art("2"), art("3"), art("4")], "第二条至第四条"),
  read("A/RES/75/240，第二条第三款、第五条", [art("2", "3"), art("5")], "第二条第三款、第五条"),
  read("article 19 of A/RES/75/240", [art("19")], "an article before its document"),
  read("article 19 (2) of A/RES/75/240", [art("19", "2")], "with its paragraph"),
  read("art. 19, para. 2, of A/RES/75/240", [art("19", "2")], "art. …, para. …, of"),
  read("articles 2 and 5 of resolution 75/240", [art("2"), art("5")], "several, before a resolution number"),
  read("article 3 of document A/RES/75/240", [art("3")], "of document"),
  read("A/RES/75/240 号决议第十九条", [art("19")], "号决议 then the article"),
  read("第 75/240 号决议第三条第一款", [art("3", "1")], "a resolution number, an article and its paragraph"),
  partly(
    "A/RES/75/240, articles 2 and 5, para. 1",
    { means: [art("2"), art("5")], unread: ["para. 1"] },
    "a paragraph after several articles could be either's: not read",
  ),
  read(
    "A/RES/75/240, article 2 and article 5, para. 1",
    [art("2"), art("5", "1")],
    "the article's word written again: the pinpoint is the second article's",
  ),
  read("A/RES/75/240, article 2 and article 5", [art("2"), art("5")], "each article with its word"),
  read(
    "A/RES/75/240, art. 2 and art. 5, para. 1",
    [art("2"), art("5", "1")],
    "abbreviated, the word written again",
  ),
  read(
    "article 2 and article 5, para. 1, of A/RES/75/240",
    [art("2"), art("5", "1")],
    "the same before the document",
  ),
  partly(
    "A/RES/75/240, article 2 and articles 5 and 6, para. 1",
    { means: [art("2"), art("5"), art("6")], unread: ["para. 1"] },
    "a pinpoint after a plural list could be any of the list's: not read",
  ),
  partly(
    "articles 2 and 5, para. 1, of A/RES/75/240",
    { means: [art("2"), art("5")], lands: [`${R} [] whole`], unread: ["articles 2 and 5, para. 1, of"] },
    "a paragraph after several articles before the document: the document only, the rest said",
  ),
  read(
    "A/RES/75/240，第二条和第五条第一款",
    [art("2"), art("5", "1")],
    "第一款 written after its own article",
  ),
  partly(
    "article 19 of the Covenant",
    { means: [], unread: ["article 19 of the Covenant"] },
    "an instrument the grammar does not know: its words given back, no article guessed",
  ),
  partly(
    "articles 2 and 5 of the draft convention",
    { means: [], unread: ["articles 2 and 5 of the draft convention"] },
    "another instrument's articles",
  ),
  partly(
    "article 19 of the Covenant, A/RES/75/240",
    { means: [`${R} [] whole`], unread: ["article 19 of the Covenant"] },
    "an article of a document the grammar does not know, then a symbol",
  ),

  // --- Several annexes, labels without brackets, paragraph numbers in Chinese numerals.
  read(
    "A/75/816, annexes I and II",
    ["A/75/816 [annex I] whole", "A/75/816 [annex II] whole"],
    "plural annexes",
  ),
  read(
    "A/75/816, annexes I, II and III",
    ["A/75/816 [annex I] whole", "A/75/816 [annex II] whole", "A/75/816 [annex III] whole"],
    "three annexes",
  ),
  read(
    "A/75/816, annexes I to III",
    ["A/75/816 [annex I] whole", "A/75/816 [annex II] whole", "A/75/816 [annex III] whole"],
    "a range of annexes",
  ),
  read(
    "A/78/265, annexes A-C",
    [...annexOf("A", ["whole"]), ...annexOf("B", ["whole"]), ...annexOf("C", ["whole"])],
    "lettered annexes, a range",
  ),
  read(
    "A/75/816，附件一和附件二",
    ["A/75/816 [annex I] whole", "A/75/816 [annex II] whole"],
    "附件一和附件二",
  ),
  read("A/75/816，附件一和二", ["A/75/816 [annex I] whole", "A/75/816 [annex II] whole"], "附件一和二"),
  read(
    "A/75/816，附件一至三",
    ["A/75/816 [annex I] whole", "A/75/816 [annex II] whole", "A/75/816 [annex III] whole"],
    "附件一至三",
  ),
  read("A/78/265，附件 A 和 B", [...annexOf("A", ["whole"]), ...annexOf("B", ["whole"])], "附件 A 和 B"),
  partly(
    "A/78/265, annexes A and B, para. 2",
    { means: [...annexOf("A", ["whole"]), ...annexOf("B", ["whole"])], unread: ["para. 2"] },
    "a paragraph after several annexes could be either's: not read",
  ),
  read(
    "A/78/265, annex A and annex B, para. 2",
    [...annexOf("A", ["whole"]), ...annexOf("B", ["2"])],
    "the annex's word written again: the pinpoint is the second annex's",
  ),
  read(
    "A/75/816, annex I and annex II",
    ["A/75/816 [annex I] whole", "A/75/816 [annex II] whole"],
    "two annexes, each with its word",
  ),
  partly(
    "A/75/816，附件一和附件二第 2 段",
    { means: ["A/75/816 [annex I] whole", "A/75/816 [annex II] whole"], unread: ["第 2 段"] },
    "a paragraph after two annexes in Chinese could be either's: not read",
  ),
  partly(
    "A/75/816, annex I and article 5",
    { means: ["A/75/816 [annex I] whole"], unread: ["article 5"] },
    "an annex, then a part of another kind: not joined",
  ),
  read(
    "annex B to A/78/265, para. 2",
    annexOf("B", ["2"]),
    "an annex before its document, a paragraph after",
  ),
  read("A/78/265 号文件附件 B 第 2 段", annexOf("B", ["2"]), "号文件 then the annex and its paragraph"),
  partly("A/78/265, annexes", { means: [`${S} [] whole`], unread: ["annexes"] }, "annexes with no label"),
  read("A/78/265, annex, para. 23 f ii", annex(["23.f.ii"]), "labels without brackets"),
  read("A/78/265, annex, para. 23 f", annex(["23.f"]), "one label without brackets"),
  read("A/78/265, annex, ¶ 23 f ii.", annex(["23.f.ii"]), "¶, labels without brackets, a full stop"),
  partly(
    "A/78/265, annex, para. 5 a list",
    { means: annex(["5"]), unread: ["a list"] },
    "a letter followed by a word may be a word: not read",
  ),
  read("A/78/265, annex, paras. 23 f and 24", annex(["23.f", "24"]), "a bare label, then the list goes on"),
  read(
    "A/78/265, annex, ¶¶ 23 f ii, 24 and 25",
    annex(["23.f.ii", "24", "25"]),
    "bare labels, then a comma and more numbers",
  ),
  partly(
    "A/78/265, annex, paras. 23 f and others",
    { means: annex(["23"]), unread: ["f and others"] },
    "a bare letter before words, not a number: not read",
  ),
  read("A/78/265，附件，第二十三段", annex(["23"]), "a paragraph number in Chinese numerals"),
  read("A/78/265，附件，第二十三和二十四段", annex(["23", "24"]), "two, in Chinese numerals"),
  read("A/78/265，附件，第二十三至二十五段", annex(["23", "24", "25"]), "a range in Chinese numerals"),
  read("A/78/265，附件，第二十三(f)段", annex(["23.f"]), "Chinese numerals with a label"),
  partly(
    "A/78/265，附件，第一段时间",
    { means: [`${S} [annex] whole`], unread: ["第一段时间"] },
    "段 as a measure word (a period of time) is no paragraph",
  ),
  partly(
    "A/78/265，附件，第二次会议",
    { means: [`${S} [annex] whole`], unread: ["第二次会议"] },
    "an ordinal that is no paragraph",
  ),

  // --- Noise around a citation.
  read("See A/78/265, annex, para. 13.", annex(["13"]), "See and a full stop"),
  read("Cf. A/78/265, annex, para. 14", annex(["14"]), "Cf."),
  read("(A/78/265, annex, para. 15)", annex(["15"]), "brackets around"),
  read("[A/78/265, annex, para. 16]", annex(["16"]), "square brackets around"),
  read("“A/78/265, annex, para. 17”", annex(["17"]), "quotation marks around"),
  read("see also A/78/265, annex, paras. 18 and 19;", annex(["18", "19"]), "see also, a semicolon"),
  read(
    "A/78/265, annex, para. 13; A/75/816, annex I, para. 56.",
    [...annex(["13"]), "A/75/816 [annex I] 56"],
    "two citations",
  ),
  read(
    "A/78/265, annex, para. 13 and A/76/135, para. 42",
    [...annex(["13"]), "A/76/135 [] 42"],
    "and between",
  ),
  read("e.g. A/78/265, annex, para. 20", annex(["20"]), "e.g."),
  read(
    "见 A/78/265，附件，第 13 段；另见 A/75/816，附件一，第 56 段。",
    [...annex(["13"]), "A/75/816 [annex I] 56"],
    "见 … 另见",
  ),

  // --- Whole parts and documents.
  read("A/78/265, annex B", [`${S} [annex, annex B] whole`], "a whole annex"),
  read("A/78/265，附件 C", [`${S} [annex, annex C] whole`], "附件 C"),
  read("A/78/265, annex", [`${S} [annex] whole`], "the annex"),
  read("A/78/265, annex A, appendix", [`${S} [annex, annex A, appendix] whole`], "an appendix"),
  read("A/78/265", [`${S} [] whole`], "the document"),
  read("A/AC.292/2023/INF/5", ["A/AC.292/2023/INF/5 [] whole"], "a compendium known to the registry"),
  read("A/12/345, para. 1", ["A/12/345 [] 1"], "an unknown document"),
  read("A/80/257, annex, para. 12", ["A/80/257 [annex] 12"], "the final report"),
  read("A/79/214, para. 40", ["A/79/214 [annex*] 40"], "the registry places the report"),
  read("A/77/275, annex, para. 15 (b)", ["A/77/275 [annex] 15.b"], "the first APR"),
  read(
    "A/76/135, paras. 71 (a)-(c)",
    ["A/76/135 [] 71.a", "A/76/135 [] 71.b", "A/76/135 [] 71.c"],
    "a range of labels",
  ),

  // --- What is not read is said.
  partly("A/78/265 at 5", { means: [`${S} [] whole`], unread: ["at 5"] }, "at 5 is a page"),
  partly("A/78/265, p. 12", { means: [`${S} [] whole`], unread: ["p. 12"] }, "a page"),
  partly(
    "A/78/265, annex, para. 23 (f) (ii) [emphasis added]",
    { means: annex(["23.f.ii"]), unread: ["emphasis added"] },
    "words after the citation",
  ),
  partly(
    "A/78/265, annex, para. 23, footnote 5",
    { means: annex(["23"]), unread: ["footnote 5"] },
    "a footnote",
  ),
  partly("ibid., para. 5", { means: [], unread: ["ibid., para. 5"] }, "ibid. means nothing pasted alone"),
  partly("同上，第 5 段", { means: [], unread: ["同上，第 5 段"] }, "同上 means nothing pasted alone"),
  partly("see annex B", { means: [], unread: ["annex B"] }, "the citing document's own annex"),
  partly(
    "paragraph 7 of the report",
    { means: [], unread: ["paragraph 7 of the report"] },
    "no document named",
  ),
  partly("上文第 5 段", { means: [], unread: ["上文第 5 段"] }, "上文: the citing document"),
  partly("本决议附件", { means: [], unread: ["本决议附件"] }, "本决议: the citing resolution's annex"),
  partly(
    "本公约第十九条",
    { means: [], unread: ["本公约第十九条"] },
    "本公约: the citing convention's article",
  ),
  partly("article 5 above", { means: [], unread: ["article 5 above"] }, "the citing document's own article"),
  partly(
    "paragraph 4 of the present declaration",
    { means: [], unread: ["paragraph 4 of the present declaration"] },
    "the present declaration: the citing document",
  ),
  partly(
    "A/78/265, annex, para. 23 (f) (ii), as quoted above",
    { means: annex(["23.f.ii"]), unread: ["as quoted above"] },
    "a comment after the citation",
  ),
  partly(
    "A/78/265, annex, para. 13 (2021 draft)",
    { means: annex(["13"]), unread: ["2021 draft"] },
    "a note in brackets",
  ),
  partly(
    "A/78/265 (annex B)",
    { means: annexOf("B", ["whole"]), lands: [`${S} [] whole`], unread: ["annex B"] },
    "an annex in brackets",
  ),
  partly(
    "the report of the working group, para. 5",
    { means: [], unread: ["report of the working group, para. 5"] },
    "a title the registry does not have",
  ),

  // --- A compendium's State sections and pages (test/fixtures/parse/national/compendium-*.md, A/99/136:
  // Germany paras 1-5 on pages 2-4, Japan sections A and B on page 4, Kenya paras 1-2 (b) on page 5).
  read("A/99/136, Germany, para. 5", [`${C} [annex, state DE] 5`], "a State's section by name"),
  read("A/99/136 (Germany), para. 5", [`${C} [annex, state DE] 5`], "the State in brackets"),
  read("A/99/136，德国，第 5 段", [`${C} [annex, state DE] 5`], "the State in Chinese"),
  read("A/99/136（德国），第 5 段", [`${C} [annex, state DE] 5`], "the State in full-width brackets"),
  read(
    "A/99/136, Germany, paras. 3 and 4",
    [`${C} [annex, state DE] 3`, `${C} [annex, state DE] 4`],
    "a list in a State's section",
  ),
  read("A/99/136, Kenya, para. 2 (a)", [`${C} [annex, state KE] 2.a`], "a subparagraph in a State's section"),
  read("A/99/136，肯尼亚，第 2(a) 段", [`${C} [annex, state KE] 2.a`], "a subparagraph, in Chinese"),
  read("A/99/136, Kenya", [`${C} [annex, state KE] whole`], "a State's whole section"),
  read("A/99/136，日本", [`${C} [annex, state JP] whole`], "a State's whole section, in Chinese"),
  read(
    "A/99/136, Japan, section B",
    [`${C} [annex, state JP @B] «section B» whole`],
    "a section in a State's section",
  ),
  read("A/99/136, China, para. 1", [`${C} [state CN] 1`], "a State without a section there: said not found"),
  read(
    "the test compendium, Germany, para. 2",
    [`${C} [annex, state DE] 2`],
    "a compendium by its short title",
  ),
  read(
    "国家文稿汇编，德国，第 2 段",
    [`${C} [annex, state DE] 2`],
    "a compendium by its Chinese short title",
  ),
  read("A/99/136 (DE), para. 5", [`${C} [annex, state DE] 5`], "a State by its ISO code, in brackets"),
  read("A/99/136, DE, para. 5", [`${C} [annex, state DE] 5`], "a State by its ISO code, between commas"),
  read("A/99/136 (KE)", [`${C} [annex, state KE] whole`], "a State's whole section by its code"),
  read(
    "A/99/136, the Federal Republic of Germany, para. 5",
    [`${C} [annex, state DE] 5`],
    "another spelling of a State's name, with the",
  ),
  read("A/99/136，中华人民共和国，第 1 段", [`${C} [state CN] 1`], "中华人民共和国 is 中国"),
  read(
    "A/99/136, the People's Republic of China, para. 1",
    [`${C} [state CN] 1`],
    "the People's Republic of China",
  ),
  partly(
    "A/99/136 (FR), para. 1",
    { means: [`${C} [] whole`], unread: ["FR), para. 1"] },
    "a code that is also a UN language code is not read",
  ),
  partly(
    "A/99/136 (XX), para. 1",
    { means: [`${C} [] whole`], unread: ["XX), para. 1"] },
    "a code no State the corpus knows has",
  ),
  partly(
    "A/99/136, De, para. 5",
    { means: [`${C} [] whole`], unread: ["De, para. 5"] },
    "a code not in capitals",
  ),
  partly(
    "A/99/136, Russia, para. 1",
    { means: [`${C} [state RU] 1`], lands: [`${C} [] whole`], unread: ["Russia, para. 1"] },
    "a State the corpus does not know, by any name",
  ),
  read("A/99/136, p. 3", [`${C} [] on p.3`], "a page"),
  read("A/99/136, pp. 3-4", [`${C} [] on p.3-4`], "pages"),
  read("A/99/136, page 2", [`${C} [] on p.2`], "page in full"),
  read("A/99/136，第 3 页", [`${C} [] on p.3`], "a page in Chinese"),
  read("A/99/136，第 3-4 页", [`${C} [] on p.3-4`], "pages in Chinese"),
  read("A/99/136，第3至4页", [`${C} [] on p.3-4`], "pages with 至"),
  read("A/99/136 at 5", [`${C} [] on p.5`], "at 5 where the document records pages"),
  read("A/99/136, Germany, p. 3", [`${C} [annex, state DE] on p.3`], "a page in a State's section"),
  read("A/99/136, p. 58", [`${C} [] on p.58`], "a page past the end: said not found"),

  // --- National papers by id, title and section (test/fixtures/parse/national/; their registry
  // entries in test/fixtures/cite/registry-national.yaml).
  read(`${CN}`, [`${CN} [] whole`], "a national paper by its id"),
  read(`${CN}, 2.1`, [`${CN} [] 2.1`], "a bare number after the id: the paragraph 2 (1)"),
  read(`${NZ}, 2.1`, [`${NZ} [ @2.1] «2.1» whole`], "a bare number with no such paragraph: section 2.1"),
  read("关于信息通信技术安全若干问题的立场文件", [`${CN} [] whole`], "a national paper by its Chinese title"),
  read("《关于信息通信技术安全若干问题的立场文件》第二部分", [`${CN} [ @2] «第二部分» whole`], "第二部分"),
  read(
    "《关于信息通信技术安全若干问题的立场文件》第一部分第（一）节",
    [`${CN} [ @1.1] «第一部分第（一）节» whole`],
    "第一部分第（一）节",
  ),
  read(
    "中国信通技术安全立场文件第二部分第 2 段",
    [`${CN} [ @2] «第二部分» 2`],
    "a paragraph of a part, by short title",
  ),
  read(
    "China's position paper on certain questions of ICT security, section 1.2",
    [`${CN} [ @1.2] «section 1.2» whole`],
    "an English title, a section",
  ),
  read(
    "China's ICT security paper, section 1.1",
    [`${CN} [ @1.1] «section 1.1» whole`],
    "a short title, a section",
  ),
  read(
    "section 2.2 of the application of international law to State activity in cyberspace",
    [`${NZ} [ @2.2] «section 2.2» whole`],
    "section … of a title",
  ),
  read(
    "The application of international law to State activity in cyberspace, section 3",
    [`${NZ} [ @3] «section 3» whole`],
    "a title, then a section",
  ),
  read(
    "New Zealand's 2024 position on international law, sect. 2.2.1",
    [`${NZ} [] «sect. 2.2.1» 2.2.1`],
    "sect. 2.2.1 is the paragraph numbered 2.2.1",
  ),
  read(`section 2.2 of ${NZ}`, [`${NZ} [ @2.2] «section 2.2» whole`], "section … of an id"),
  read(`${NZ}, section 5`, [`${NZ} [ @5] «section 5» whole`], "a section the paper lacks: said not found"),
  read(`${NO}, Part II`, [`${NO} [ @2] «Part II» whole`], "Part II"),
  read(`${NO}, sect. II.A`, [`${NO} [ @2.A] «sect. II.A» whole`], "sect. II.A"),
  read(`${NZ}, p. 3`, [`${NZ} [] on p.3`], "a page of a national paper"),
  read(`${CN}，第 2 页`, [`${CN} [] on p.2`], "a page of a national paper, in Chinese"),
  read("China’s ICT security paper, § 1.1", [`${CN} [ @1.1] «§ 1.1» whole`], "a typographic apostrophe, §"),
  read(`${NZ}, § 2.2`, [`${NZ} [ @2.2] «§ 2.2» whole`], "the section sign"),
];
