/**
 * The fidelity fixture: one report in UN layout, written for these tests in our own words (not UN
 * text), in English and Chinese. typeset.ts sets it with independent tools (groff -ms to PDF,
 * pandoc to DOCX and HTML, Chromium printing pandoc's HTML for Chinese PDF), and measure.ts
 * compares what `acquis import` reads back with the model itself.
 *
 * It carries what real documents carry and the importer has to undo: a cover block, a session line
 * and an agenda-item line set at normal spacing, an asterisk note on the agenda item, numbered
 * notes, subparagraphs, bullets, compounds that keep their hyphen (confidence-building, non-binding,
 * open-ended) and long words a typesetter divides at line ends.
 *
 * Markers in the text: "^1" for note 1, "^*" for the asterisk note.
 */
import { superscript } from "../../../pipeline/ingest/lines.ts";

/** One block of the model, in reading order. */
export type ModelBlock =
  /** A line of the head (session, agenda item, titles): printed one a line, never joined. */
  | { kind: "head"; text: string }
  /** A section heading ("I. Introduction", "A. Existing practices"). */
  | { kind: "heading"; text: string }
  /** A numbered paragraph or subparagraph: `label` as printed ("1.", "(a)"). */
  | { kind: "para"; label: string; text: string }
  /** A bulleted item (printed with a bullet; the corpus writes it as a "- " list item). */
  | { kind: "bullet"; text: string };

export interface FidelityModel {
  lang: "en" | "zh";
  symbol: string;
  /** The cover: masthead and symbol, distribution, date, original language. */
  cover: { masthead: string[]; date: string; isoDate: string; original: string };
  /** Job number printed in the footer of every page. */
  job: string;
  /** The title the cover carries (the last line of the head). */
  title: string;
  blocks: ModelBlock[];
  /** Note texts by marker ("*", "1", "2"...). */
  notes: Record<string, string>;
}

export const EN: FidelityModel = {
  lang: "en",
  symbol: "A/99/300",
  cover: {
    masthead: ["United Nations", "General Assembly"],
    date: "14 August 2031",
    isoDate: "2031-08-14",
    original: "English",
  },
  job: "31-14215",
  title: "Report of the working group on numbered paragraphs",
  blocks: [
    { kind: "head", text: "Ninety-ninth session" },
    { kind: "head", text: "Item 93 of the provisional agenda^*" },
    {
      kind: "head",
      text: "Developments in the field of document processing in the context of international cooperation",
    },
    { kind: "head", text: "Report of the working group on numbered paragraphs" },
    { kind: "heading", text: "I. Introduction" },
    {
      kind: "para",
      label: "1.",
      text: "By its resolution 97/41, the General Assembly decided to establish an open-ended working group on numbered paragraphs, with a mandate to examine how intergovernmental documents are drafted, numbered, translated and cited, and to make recommendations on the further development of these practices.^1",
    },
    {
      kind: "para",
      label: "2.",
      text: "The working group held its organizational session on 3 February 2031 and four substantive sessions thereafter, all of them in New York. Representatives of Member States, observers and invited stakeholders participated in its deliberations.",
    },
    {
      kind: "para",
      label: "3.",
      text: "The present report summarizes the discussions of the working group and sets out its conclusions and recommendations, which were adopted by consensus at its final meeting.^2",
    },
    { kind: "heading", text: "II. Discussions" },
    { kind: "heading", text: "A. Existing practices" },
    {
      kind: "para",
      label: "4.",
      text: "Delegations underlined that the numbering of paragraphs is indispensable for the unambiguous citation of agreed language, and that confidence-building in the drafting process depends on predictable and transparent conventions.",
    },
    {
      kind: "para",
      label: "5.",
      text: "Several delegations observed that documents are increasingly circulated in electronic formats, and that the conversion of printed documents into machine-readable text frequently introduces errors, including misplaced footnotes, broken words and paragraphs that are joined or divided incorrectly.^3",
    },
    { kind: "para", label: "6.", text: "States identified the following recurring difficulties:" },
    {
      kind: "para",
      label: "(a)",
      text: "Footnotes that are separated from the paragraphs to which they refer;^4",
    },
    {
      kind: "para",
      label: "(b)",
      text: "Paragraphs printed in two columns whose lines are read in the wrong order;",
    },
    {
      kind: "para",
      label: "(c)",
      text: "Words divided at the end of a line whose hyphens remain in the extracted text.",
    },
    {
      kind: "para",
      label: "7.",
      text: "Delegations further noted the importance of the following principles, which were characterized as non-binding:",
    },
    { kind: "bullet", text: "Faithfulness to the text as adopted;" },
    { kind: "bullet", text: "Transparency of every automated correction;" },
    {
      kind: "bullet",
      text: "Accessibility for all delegations, including smaller delegations with limited capacity.",
    },
    { kind: "heading", text: "B. Capacity-building" },
    {
      kind: "para",
      label: "8.",
      text: "Many delegations emphasized that capacity-building programmes should be demand-driven, tailored to specific needs and sustainable over time, and that international cooperation in this field should respect the principles of national ownership and mutual trust.^5",
    },
    {
      kind: "para",
      label: "9.",
      text: "The working group recognized the contributions of regional organizations, academic institutions and non-governmental organizations to the exchange of experiences and good practices in document management.",
    },
    { kind: "heading", text: "III. Conclusions and recommendations" },
    {
      kind: "para",
      label: "10.",
      text: "The working group recommends that the secretariat continue its work on the standardization of document formats, taking into account the views expressed by Member States during the sessions of the working group.^6",
    },
    { kind: "para", label: "11.", text: "The working group further recommends that States consider:" },
    {
      kind: "para",
      label: "(a)",
      text: "Establishing national points of contact for questions concerning the interoperability of document repositories;",
    },
    {
      kind: "para",
      label: "(b)",
      text: "Sharing, on a voluntary basis, information on their experiences with the automated processing of multilingual documentation.^7",
    },
    {
      kind: "para",
      label: "12.",
      text: "The working group decides to transmit the present report to the General Assembly for its consideration at its one hundredth session.^8",
    },
  ],
  notes: {
    "*": "A/99/150.",
    "1": "Resolution 97/41, para. 2.",
    "2": "A/99/120, annex, para. 14.",
    "3": "See the summary of the second substantive session, A/AC.401/2031/2, paras. 5-9.",
    "4": "A/98/211, para. 22 (b).",
    "5": "Resolution 96/18, para. 7.",
    "6": "A/99/120, annex, paras. 30 and 31.",
    "7": "A/AC.401/2031/INF/3.",
    "8": "Decision 98/512.",
  },
};

export const ZH: FidelityModel = {
  lang: "zh",
  symbol: "A/99/300",
  cover: {
    masthead: ["联合国", "大 会"],
    date: "2031 年 8 月 14 日",
    isoDate: "2031-08-14",
    original: "英文",
  },
  job: "31-14215",
  title: "编号段落问题工作组的报告",
  blocks: [
    { kind: "head", text: "第九十九届会议" },
    { kind: "head", text: "临时议程^* 项目 93" },
    { kind: "head", text: "国际合作背景下文件处理领域的发展" },
    { kind: "head", text: "编号段落问题工作组的报告" },
    { kind: "heading", text: "一. 导言" },
    {
      kind: "para",
      label: "1.",
      text: "大会第 97/41 号决议决定设立一个编号段落问题不限成员名额工作组，授权其审查政府间文件如何起草、编号、翻译和引用，并就这些做法的进一步发展提出建议。^1",
    },
    {
      kind: "para",
      label: "2.",
      text: "工作组于 2031 年 2 月 3 日举行了组织会议，此后举行了四届实质性会议，均在纽约举行。会员国、观察员和受邀利益攸关方的代表参加了工作组的审议。",
    },
    {
      kind: "para",
      label: "3.",
      text: "本报告概述了工作组的讨论情况，并列出工作组在最后一次会议上以协商一致方式通过的结论和建议。^2",
    },
    { kind: "heading", text: "二. 讨论情况" },
    { kind: "heading", text: "A. 现行做法" },
    {
      kind: "para",
      label: "4.",
      text: "各代表团强调，段落编号对于明确引用商定措辞不可或缺，起草过程中建立信任取决于可预测和透明的惯例。",
    },
    {
      kind: "para",
      label: "5.",
      text: "若干代表团指出，文件越来越多地以电子格式分发，而将印刷文件转换为机器可读文本时经常出错，包括脚注错位、词语断开以及段落被错误地合并或拆分。^3",
    },
    { kind: "para", label: "6.", text: "各国指出了以下反复出现的困难：" },
    { kind: "para", label: "(a)", text: "脚注与其所指的段落相分离；^4" },
    { kind: "para", label: "(b)", text: "分两栏印刷的段落，其各行被按错误的顺序读取；" },
    { kind: "para", label: "(c)", text: "在行末断开的词语，其连字符留在提取的文本中。" },
    { kind: "para", label: "7.", text: "各代表团还指出以下原则的重要性，这些原则被定性为不具约束力：" },
    { kind: "bullet", text: "忠实于所通过的案文；" },
    { kind: "bullet", text: "每一项自动更正都保持透明；" },
    { kind: "bullet", text: "所有代表团均可使用，包括能力有限的较小代表团。" },
    { kind: "heading", text: "B. 能力建设" },
    {
      kind: "para",
      label: "8.",
      text: "许多代表团强调，能力建设方案应当以需求为导向，适合具体需要并可长期持续，该领域的国际合作应当尊重国家自主和相互信任的原则。^5",
    },
    {
      kind: "para",
      label: "9.",
      text: "工作组肯定了区域组织、学术机构和非政府组织对交流文件管理经验和良好做法的贡献。",
    },
    { kind: "heading", text: "三. 结论和建议" },
    {
      kind: "para",
      label: "10.",
      text: "工作组建议秘书处继续开展文件格式标准化工作，同时考虑到会员国在工作组各届会议期间表达的意见。^6",
    },
    { kind: "para", label: "11.", text: "工作组还建议各国考虑：" },
    { kind: "para", label: "(a)", text: "就文件存储库的互操作性问题设立国家联络点；" },
    { kind: "para", label: "(b)", text: "在自愿基础上分享自动处理多语文件的经验信息。^7" },
    { kind: "para", label: "12.", text: "工作组决定将本报告转交大会第一百届会议审议。^8" },
  ],
  notes: {
    "*": "A/99/150。",
    "1": "第 97/41 号决议，第 2 段。",
    "2": "A/99/120，附件，第 14 段。",
    "3": "见第二届实质性会议摘要，A/AC.401/2031/2，第 5-9 段。",
    "4": "A/98/211，第 22(b)段。",
    "5": "第 96/18 号决议，第 7 段。",
    "6": "A/99/120，附件，第 30 和 31 段。",
    "7": "A/AC.401/2031/INF/3。",
    "8": "第 98/512 号决定。",
  },
};

export const FIDELITY_MODELS = { en: EN, zh: ZH } as const;

/**
 * The model as the corpus should hold it, written straight from the model (no converter involved):
 * one block a line, a note's definition right after the block that carries its marker, bullets as
 * "- " items. Parsing this gives the expected paragraphs.
 */
export function idealMarkdown(m: FidelityModel): string {
  const sup = (s: string) => s.replace(/\^(\d+)/g, (_x, d: string) => superscript(d)).replace(/\^\*/g, "*");
  const out: string[] = [];
  for (const b of m.blocks) {
    const text = b.kind === "para" ? `${b.label} ${b.text}` : b.text;
    out.push(b.kind === "bullet" ? `- ${sup(text)}` : sup(text));
    for (const marker of markersOf(b.text)) {
      const note = m.notes[marker]!;
      out.push(`${superscript(marker)} ${note}`);
    }
  }
  return `${out.join("\n\n")}\n`;
}

/** The note markers a model text carries, in order. */
export function markersOf(text: string): string[] {
  return [...text.matchAll(/\^(\d+|\*)/g)].map((x) => x[1]!);
}

/** The model text without markers. */
export const plainText = (text: string) => text.replace(/\^(\d+|\*)/g, "");
