/**
 * Test fixtures in UN layout, written for these tests in our own words (not UN text), in English
 * and Chinese, rendered three ways from one model: a paged HTML page (which is also printed to PDF
 * with headless Chromium) and a DOCX (the docx package). Each has a cover block, running headers
 * and footers, footnotes (an asterisk note and numbered notes), a paragraph cut by a page's
 * footnote block and a paragraph cut by a bare page break.
 *
 * Markers in the model's text: "^1" for note 1, "^*" for the asterisk note.
 */

import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { Document, Footer, FootnoteReferenceRun, Header, Packer, PageBreak, Paragraph, TextRun } from "docx";
import { CHROMIUM, CHROMIUM_FLAGS } from "../chromium.ts";

export interface Page {
  header: string[];
  footer: string[];
  /** Body paragraphs; a paragraph cut by the page end is written as its two halves on two pages. */
  body: string[];
  notes: { marker: string; text: string }[];
}

export interface Model {
  lang: "zh" | "en";
  symbol: string;
  cover: string[][];
  pages: Page[];
}

const EN: Model = {
  lang: "en",
  symbol: "A/99/200",
  cover: [
    ["United Nations", "A/99/200"],
    ["General Assembly", "Distr.: General"],
    ["", "30 July 2030"],
    ["", "Original: English"],
  ],
  pages: [
    {
      header: [],
      footer: ["30-12345 (E) 010830", "*3012345*"],
      body: [
        "Ninety-ninth session",
        "Item 42 of the provisional agenda^*",
        "Developments in the field of testing",
        "I. Introduction",
        "1. By its resolution 98/12, the General Assembly decided to convene a working group to examine how the paragraphs of its documents are numbered, cited and found again by those who draft new texts.^1 The working group met twice.",
        "2. The working group held its first session in New York and its second session in Geneva, and heard the views of many delegations on the matter.",
      ],
      notes: [
        { marker: "*", text: "A/99/50." },
        { marker: "1", text: "A/75/816, annex I, para. 7." },
      ],
    },
    {
      header: ["A/99/200", ""],
      footer: ["30-12345", "2/4"],
      body: [
        "II. Rules, norms and principles",
        "3. States put forward the following non-exhaustive list of proposals:",
        "(a) Norms reduce risks to international peace and security;^2",
        "(b) States should consider:",
        "(i) Surveying their national implementation of the norms;",
        "(ii) Sharing the results of such surveys;",
        "4. States recognized that capacity-building is an important confidence-building measure and that the working group should take a balanced approach to the questions before it, including the question of how existing",
      ],
      notes: [{ marker: "2", text: "A/76/135, para. 9." }],
    },
    {
      header: ["", "A/99/200"],
      footer: ["3/4", "30-12345"],
      body: [
        "commitments are implemented by all States.",
        "5. The working group also noted that the full list of the documents before it, together with the statements made at its meetings and the contributions of stakeholders, is to be found on its website, which the secretariat keeps up to date for all delegations and for",
      ],
      notes: [],
    },
    {
      header: ["A/99/200", ""],
      footer: ["30-12345", "4/4"],
      body: [
        "the public at large.^3",
        "Recommended next steps",
        "6. States are encouraged to continue the exchange of views on these matters at future sessions.",
      ],
      notes: [{ marker: "3", text: "A/77/275, para. 11." }],
    },
  ],
};

const ZH: Model = {
  lang: "zh",
  symbol: "A/99/200",
  cover: [
    ["联合国", "A/99/200"],
    ["大 会", "Distr.: General"],
    ["", "30 July 2030"],
    ["", "Chinese"],
    ["", "Original: English"],
  ],
  pages: [
    {
      header: [],
      footer: ["30-12345 (C) 010830", "*3012345*"],
      body: [
        "第九十九届会议",
        "临时议程^* 项目 42",
        "测试领域的发展",
        "一. 导言",
        "1. 大会第 98/12 号决议决定召集一个工作组，审查本组织文件中的段落如何编号、如何被引用，以及起草新案文的人员如何再次找到这些段落。^1 工作组举行了两次会议。",
        "2. 工作组在纽约举行了第一届会议，在日内瓦举行了第二届会议，听取了许多代表团对此事的意见。",
      ],
      notes: [
        { marker: "*", text: "A/99/50。" },
        { marker: "1", text: "A/75/816，附件一，第 7 段。" },
      ],
    },
    {
      header: ["A/99/200", ""],
      footer: ["30-12345", "2/4"],
      body: [
        "二. 规则、规范和原则",
        "3. 各国提出了以下非详尽的提案清单：",
        "(a) 规范降低了国际和平与安全面临的风险；^2",
        "(b) 各国应考虑：",
        "(一) 调查本国执行规范的情况；",
        "(二) 分享此类调查的结果；",
        "4. 各国认识到，能力建设是一项重要的建立信任措施，工作组应当以平衡的方式处理其面前的各项问题，包括如何由所有国家",
      ],
      notes: [{ marker: "2", text: "A/76/135，第 9 段。" }],
    },
    {
      header: ["", "A/99/200"],
      footer: ["3/4", "30-12345"],
      body: [
        "落实现有承诺的问题。",
        "5. 工作组还指出，其面前所有文件的完整清单，连同在其会议上所作的发言和利益攸关方的投入，均可在其网站上查阅，秘书处为所有代表团和广大",
      ],
      notes: [],
    },
    {
      header: ["A/99/200", ""],
      footer: ["30-12345", "4/4"],
      body: ["公众不断更新该网站。^3", "建议的后续步骤", "6. 鼓励各国在今后的会议上继续就这些问题交换意见。"],
      notes: [{ marker: "3", text: "A/77/275，第 11 段。" }],
    },
  ],
};

export const MODELS = { en: EN, zh: ZH } as const;

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const supHtml = (s: string) => esc(s).replace(/\^(\d+|\*)/g, "<sup>$1</sup>");

/** Paged HTML in UN print layout: one fixed-size box per A4 page, header, body, notes, footer. */
export function pagedHtml(m: Model): string {
  const css = `
@page { size: A4; margin: 0 }
body { margin: 0; font-family: "Times New Roman", "Liberation Serif", "DejaVu Serif", "WenQuanYi Micro Hei", serif; }
.page { width: 210mm; height: 297mm; position: relative; page-break-after: always; overflow: hidden }
.running-header, .running-footer { position: absolute; left: 25mm; right: 25mm; font-size: 9pt; display: flex; justify-content: space-between }
.running-header { top: 12mm } .running-footer { bottom: 10mm }
.cover { font-size: 10pt; margin-bottom: 10mm; width: 100%; border-collapse: collapse } .cover td { padding: 0 } .cover td + td { text-align: right }
.text { position: absolute; top: 25mm; left: 25mm; right: 25mm; font-size: 10pt; line-height: 13pt }
.notes { position: absolute; bottom: 22mm; left: 25mm; right: 25mm; font-size: 8pt; line-height: 10pt }
p { margin: 0 0 6pt 0; text-align: justify }
.notes p { margin: 0 0 2pt 0 }
sup { font-size: 6.5pt; line-height: 0 }`;
  const pages = m.pages.map((p, k) => {
    const cover =
      k === 0
        ? `<table class="cover">${m.cover.map((row) => `<tr>${row.map((c) => `<td>${esc(c)}</td>`).join("")}</tr>`).join("")}</table>`
        : "";
    const header = p.header.length
      ? `<div class="running-header">${p.header.map((c) => `<span>${esc(c)}</span>`).join("")}</div>`
      : "";
    const notes = p.notes.length
      ? `<div class="notes">${p.notes.map((n) => `<p><sup>${esc(n.marker)}</sup> ${esc(n.text)}</p>`).join("")}</div>`
      : "";
    const footer = `<div class="running-footer">${p.footer.map((c) => `<span>${esc(c)}</span>`).join("")}</div>`;
    return `<div class="page">${header}<div class="text">${cover}${p.body.map((b) => `<p>${supHtml(b)}</p>`).join("\n")}</div>${notes}${footer}</div>`;
  });
  return `<!doctype html><html lang="${m.lang}"><head><meta charset="utf-8"><title>${esc(m.symbol)}</title><style>${css}</style></head><body>\n${pages.join("\n")}\n</body></html>\n`;
}

/** Print HTML to PDF with headless Chromium; returns the PDF's path. */
export function printPdf(html: string, dir: string, name: string): string {
  const htmlPath = join(dir, `${name}.html`);
  const pdfPath = join(dir, `${name}.pdf`);
  writeFileSync(htmlPath, html);
  const r = spawnSync(
    CHROMIUM,
    [...CHROMIUM_FLAGS, "--no-pdf-header-footer", `--print-to-pdf=${pdfPath}`, htmlPath],
    { encoding: "utf8", timeout: 60_000 },
  );
  if (r.status !== 0) throw new Error(`chromium failed: ${r.stderr || r.error}`);
  return pdfPath;
}

/** The model as a DOCX: running header and footer, real footnotes, a page break inside paragraph 4. */
export async function docxOf(m: Model): Promise<Buffer> {
  const notes: Record<number, { children: Paragraph[] }> = {};
  let nextId = 1;
  const idOf = new Map<string, number>();
  for (const p of m.pages)
    for (const n of p.notes) {
      if (n.marker === "*") continue; // Word numbers its notes; the asterisk note is left out.
      idOf.set(n.marker, nextId);
      notes[nextId++] = { children: [new Paragraph(n.text)] };
    }
  const runs = (text: string) =>
    text
      .split(/(\^\d+|\^\*)/)
      .filter((s) => s && s !== "^*")
      .map((s) => (s.startsWith("^") ? new FootnoteReferenceRun(idOf.get(s.slice(1))!) : new TextRun(s)));
  const paragraphs: Paragraph[] = [];
  const cover = m.cover.flat().filter(Boolean);
  for (const c of cover) paragraphs.push(new Paragraph(c));
  const bodies = m.pages.map((p) => p.body);
  for (let k = 0; k < bodies.length; k++) {
    const page = bodies[k]!;
    for (let j = 0; j < page.length; j++) {
      const text = page[j]!;
      const next = bodies[k + 1]?.[0];
      const cut = j === page.length - 1 && next !== undefined && isContinuation(next);
      if (j === 0 && k > 0 && isContinuation(text)) continue; // written with its first half
      if (cut)
        paragraphs.push(
          new Paragraph({
            children: [...runs(text), new PageBreak(), ...runs(`${m.lang === "en" ? " " : ""}${next}`)],
          }),
        );
      else paragraphs.push(new Paragraph({ children: runs(text) }));
    }
  }
  const doc = new Document({
    footnotes: notes,
    sections: [
      {
        headers: { default: new Header({ children: [new Paragraph(m.symbol)] }) },
        footers: { default: new Footer({ children: [new Paragraph("30-12345")] }) },
        children: paragraphs,
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** The model's second halves of cut paragraphs: they open a page mid-sentence. */
function isContinuation(text: string): boolean {
  return /^[a-z]/.test(text) || /^(落实|公众)/.test(text);
}
