/**
 * Typeset the fidelity model (model.ts) with independent tools from Debian, at test and bench time:
 *
 * - English PDF: groff -ms -Tpdf, justified and hyphenated (or not), in one, two or three columns
 *   under a one-column head, footnotes at the foot of the page (or column), running header and
 *   footer with the symbol, job number and page number.
 * - DOCX and HTML: pandoc from Markdown, notes as Word footnotes / pandoc's note list.
 * - Chinese PDF: groff sets no Chinese, so Chromium prints pandoc's HTML (WenQuanYi Micro Hei),
 *   one or two columns, the symbol, job number and page number in the page margins, notes as
 *   endnotes with raised numbers (Chromium has no page footnotes).
 *
 * Nothing here is the importer's code: the fixtures are made by other programs, so the import is
 * measured on what they print, not on what we expect them to print.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CHROMIUM, CHROMIUM_FLAGS } from "../../chromium.ts";
import { type FidelityModel, markersOf } from "./model.ts";

/** The Debian packages each tool comes from, for the skip message. */
export const TOOL_PACKAGES = {
  groff: "groff",
  pandoc: "pandoc",
  chromium: "chromium fonts-wqy-microhei",
} as const;
export type Tool = keyof typeof TOOL_PACKAGES;

const found = new Map<Tool, boolean>();
/** True when the tool runs here. */
export function hasTool(tool: Tool): boolean {
  if (!found.has(tool)) {
    const cmd = tool === "chromium" ? CHROMIUM : tool;
    const r = spawnSync(cmd, ["--version"], { encoding: "utf8", timeout: 30_000 });
    let ok = r.status === 0;
    if (ok && tool === "chromium") {
      const fonts = spawnSync("fc-list", [], { encoding: "utf8" });
      ok = /wqy|WenQuanYi/i.test(fonts.stdout ?? "");
    }
    found.set(tool, ok);
  }
  return found.get(tool)!;
}

/** "install groff, pandoc (apt-get install groff pandoc)" for the tools missing, or "" when none is. */
export function missingTools(tools: readonly Tool[]): string {
  const missing = tools.filter((t) => !hasTool(t));
  if (!missing.length) return "";
  return `needs ${missing.join(", ")}: apt-get install ${missing.map((t) => TOOL_PACKAGES[t]).join(" ")}`;
}

/** One fixture: a name, its format and language, and its bytes. */
export interface Fixture {
  name: string;
  format: "pdf" | "docx" | "html";
  lang: "en" | "zh";
  /** How it was set, for the table. */
  setting: string;
  bytes: Uint8Array;
}

function run(cmd: string, args: string[], input?: string): Buffer {
  const r = spawnSync(cmd, args, { input, maxBuffer: 64 << 20, timeout: 120_000 });
  if (r.status !== 0)
    throw new Error(`${cmd} ${args.join(" ")} failed: ${r.stderr?.toString() || r.error?.message}`);
  return r.stdout;
}

// ---------------------------------------------------------------- groff -ms

/** Escape text for troff: a backslash, and a leading dot or apostrophe. */
const troff = (s: string) => s.replace(/\\/g, "\\e").replace(/^([.'])/, "\\&$1");

/** A text with its markers as ms footnote marks: "^1" -> \** (auto-numbered), "^*" -> a raised "*". */
function msMarks(text: string): string {
  return troff(text).replace(/\^\*/g, "\\*{*\\*}").replace(/\^\d+/g, "\\**");
}

function msNotes(m: FidelityModel, text: string): string[] {
  return markersOf(text).flatMap((k) => [k === "*" ? ".FS *" : ".FS", troff(m.notes[k]!), ".FE"]);
}

/** The model as a groff -ms source. */
export function msSource(m: FidelityModel, opts: { columns: 1 | 2 | 3; hyphenate: boolean }): string {
  const out: string[] = [
    `.\\" Fidelity fixture ${m.symbol}: typeset for acquis's import tests.`,
    ".nr PS 10",
    ".nr VS 12",
    ".nr PD 0.5v",
    ".nr PI 0",
    ".nr FPS 8",
    ".nr FVS 10",
    ".nr LL 6i",
    ".nr PO 1.1i",
    // ms resets hyphenation at each paragraph from the HY register.
    opts.hyphenate ? ".nr HY 6" : ".nr HY 0",
    `.ds LH ${m.symbol}`,
    ".ds CH",
    ".ds RH",
    `.ds LF ${m.job}`,
    ".ds CF",
    ".ds RF \\\\n%",
    ".LP",
    `${m.cover.masthead[0]}\\h'|4.3i'\\s+4${m.symbol}\\s-4`,
    ".br",
    `${m.cover.masthead[1]}\\h'|4.3i'Distr.: General`,
    ".br",
    `\\h'|4.3i'${m.cover.date}`,
    ".br",
    `\\h'|4.3i'Original: ${m.cover.original}`,
    ".sp 1",
  ];
  const heads = m.blocks.filter((b) => b.kind === "head");
  const notesAfterHead: string[] = [];
  out.push(".LP");
  heads.forEach((h, k) => {
    const bold = k >= 2;
    out.push(bold ? `.B "${msMarks(h.text).replace(/"/g, '""')}"` : msMarks(h.text));
    out.push(k < 2 ? ".br" : ".sp 0.5");
    notesAfterHead.push(...msNotes(m, h.text));
  });
  out.push(...notesAfterHead);
  if (opts.columns === 2) out.push(".2C");
  if (opts.columns === 3) out.push(".MC 1.9i 0.15i");
  for (const b of m.blocks) {
    if (b.kind === "head") continue;
    if (b.kind === "heading") out.push(".SH", troff(b.text));
    else if (b.kind === "para") {
      // Real tab characters: the label stands at the margin (a subparagraph's one tab in), the
      // text starts at the next tab stop, as UN print sets them.
      const label = b.label.startsWith("(") ? `\t${b.label}` : b.label;
      out.push(".LP", `${label}\t${msMarks(b.text)}`);
      out.push(...msNotes(m, b.text));
    } else {
      out.push(".IP \\(bu 0.3i", msMarks(b.text));
      out.push(...msNotes(m, b.text));
    }
  }
  return `${out.join("\n")}\n`;
}

/** The model set by groff -ms as a PDF. */
export function groffPdf(m: FidelityModel, opts: { columns: 1 | 2 | 3; hyphenate: boolean }): Uint8Array {
  return new Uint8Array(run("groff", ["-ms", "-Tpdf", "-Kutf8"], msSource(m, opts)));
}

// ---------------------------------------------------------------- pandoc

/** Escape what pandoc's Markdown would read as markup at the start of a block. */
function pandocText(text: string, notes: (k: string) => string): string {
  return text
    .replace(/([\\`*_[\]#<>])/g, "\\$1")
    .replace(/^(\d+)\.(\s)/, "$1\\.$2")
    .replace(/^\(([a-z]+|[ivx]+)\)/, "\\($1)")
    .replace(/\\\^(\d+|\\\*)/g, (_x, k: string) => notes(k.replace(/\\/g, "")))
    .replace(/\^(\d+|\\\*)/g, (_x, k: string) => notes(k.replace(/\\/g, "")));
}

/** The model as pandoc Markdown: cover lines, head lines, headings, paragraphs, bullets, notes. */
export function pandocSource(m: FidelityModel, opts: { columns?: 1 | 2 } = {}): string {
  const defs: string[] = [];
  const ids = new Map<string, string>();
  const ref = (k: string) => {
    if (!ids.has(k)) {
      const id = k === "*" ? "star" : `n${k}`;
      ids.set(k, id);
      defs.push(`[^${id}]: ${pandocText(m.notes[k]!, () => "")}`);
    }
    return `[^${ids.get(k)}]`;
  };
  const out: string[] = [
    m.cover.masthead[0]!,
    m.symbol,
    m.cover.masthead[1]!,
    "Distr.: General",
    m.cover.date,
    `Original: ${m.cover.original}`,
  ].map((l) => pandocText(l, ref));
  let inBody = false;
  for (const b of m.blocks) {
    if (b.kind !== "head" && !inBody) {
      inBody = true;
      if (opts.columns === 2) out.push("::: {.body}");
    }
    if (b.kind === "head") out.push(pandocText(b.text, ref));
    else if (b.kind === "heading") out.push(`## ${pandocText(b.text, ref)}`);
    else if (b.kind === "para") out.push(pandocText(`${b.label} ${b.text}`, ref));
    else out.push(`- ${pandocText(b.text, ref)}`);
  }
  if (opts.columns === 2) out.push(":::");
  return `${out.join("\n\n")}\n\n${defs.join("\n\n")}\n`;
}

/** pandoc Markdown -> DOCX. */
export function pandocDocx(m: FidelityModel): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), "acquis-fidelity-"));
  const out = join(dir, "out.docx");
  run("pandoc", ["-f", "markdown", "-t", "docx", "-o", out], pandocSource(m));
  return new Uint8Array(readFileSync(out));
}

/** pandoc Markdown -> a standalone HTML page. */
export function pandocHtml(m: FidelityModel, opts: { columns?: 1 | 2; css?: string } = {}): string {
  const args = ["-f", "markdown", "-t", "html5", "-s", "--metadata", `pagetitle=${m.symbol}`];
  if (opts.css) {
    const dir = mkdtempSync(join(tmpdir(), "acquis-fidelity-"));
    const head = join(dir, "head.html");
    writeFileSync(head, `<style>${opts.css}</style>\n`);
    args.push("-H", head);
  }
  return run("pandoc", args, pandocSource(m, opts)).toString("utf8");
}

// ---------------------------------------------------------------- Chromium (Chinese PDF)

function printCss(m: FidelityModel, columns: 1 | 2): string {
  return `
@page { size: A4; margin: 25mm 22mm 25mm 22mm;
  @top-left { content: "${m.symbol}"; font-size: 9pt }
  @bottom-left { content: "${m.job}"; font-size: 9pt }
  @bottom-right { content: counter(page); font-size: 9pt } }
html { font-family: "WenQuanYi Micro Hei", sans-serif; font-size: 10pt; line-height: 16pt }
body { margin: 0; max-width: none; padding: 0 }
header#title-block-header { display: none }
p { margin: 0 0 8pt 0; text-align: justify }
h2 { font-size: 10pt; margin: 12pt 0 8pt 0 }
ul { margin: 0 0 8pt 0; padding-left: 16pt }
li p { margin: 0 }
.body { column-count: ${columns}; column-gap: 12mm }
sup { font-size: 6pt; line-height: 0 }
.footnotes { font-size: 8pt; line-height: 11pt }
.footnotes hr { display: none }
.footnotes ol { list-style: none; padding: 0; margin: 0 }
.footnotes li { counter-increment: note }
.footnotes li p::before { content: counter(note); font-size: 6pt; vertical-align: super; margin-right: 3pt }
.footnote-back { display: none }`;
}

/** The model as a PDF printed by Chromium from pandoc's HTML. */
export function chromiumPdf(m: FidelityModel, columns: 1 | 2): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), "acquis-fidelity-"));
  const html = join(dir, "in.html");
  const pdf = join(dir, "out.pdf");
  writeFileSync(html, pandocHtml(m, { columns, css: printCss(m, columns) }));
  run(CHROMIUM, [...CHROMIUM_FLAGS, "--no-pdf-header-footer", `--print-to-pdf=${pdf}`, html]);
  return new Uint8Array(readFileSync(pdf));
}

// ---------------------------------------------------------------- the set

/** Every fixture the tools present here can make, with the tools each needs. */
export const FIXTURES: {
  name: string;
  lang: "en" | "zh";
  format: Fixture["format"];
  setting: string;
  tools: Tool[];
  make: (m: FidelityModel) => Uint8Array;
}[] = [
  {
    name: "en-html",
    lang: "en",
    format: "html",
    setting: "pandoc",
    tools: ["pandoc"],
    make: (m) => new TextEncoder().encode(pandocHtml(m)),
  },
  {
    name: "en-docx",
    lang: "en",
    format: "docx",
    setting: "pandoc, Word footnotes",
    tools: ["pandoc"],
    make: pandocDocx,
  },
  {
    name: "en-pdf",
    lang: "en",
    format: "pdf",
    setting: "groff -ms, one column, justified, hyphenated",
    tools: ["groff"],
    make: (m) => groffPdf(m, { columns: 1, hyphenate: true }),
  },
  {
    name: "en-pdf-nohyph",
    lang: "en",
    format: "pdf",
    setting: "groff -ms, one column, hyphenation off",
    tools: ["groff"],
    make: (m) => groffPdf(m, { columns: 1, hyphenate: false }),
  },
  {
    name: "en-pdf-2col",
    lang: "en",
    format: "pdf",
    setting: "groff -ms, one-column head over two columns, hyphenated",
    tools: ["groff"],
    make: (m) => groffPdf(m, { columns: 2, hyphenate: true }),
  },
  {
    name: "en-pdf-3col",
    lang: "en",
    format: "pdf",
    setting: "groff -ms, one-column head over three columns, hyphenated",
    tools: ["groff"],
    make: (m) => groffPdf(m, { columns: 3, hyphenate: true }),
  },
  {
    name: "zh-html",
    lang: "zh",
    format: "html",
    setting: "pandoc",
    tools: ["pandoc"],
    make: (m) => new TextEncoder().encode(pandocHtml(m)),
  },
  {
    name: "zh-docx",
    lang: "zh",
    format: "docx",
    setting: "pandoc, Word footnotes",
    tools: ["pandoc"],
    make: pandocDocx,
  },
  {
    name: "zh-pdf",
    lang: "zh",
    format: "pdf",
    setting: "Chromium printing pandoc's HTML, one column, endnotes",
    tools: ["pandoc", "chromium"],
    make: (m) => chromiumPdf(m, 1),
  },
  {
    name: "zh-pdf-2col",
    lang: "zh",
    format: "pdf",
    setting: "Chromium printing pandoc's HTML, one-column head over two columns, endnotes",
    tools: ["pandoc", "chromium"],
    make: (m) => chromiumPdf(m, 2),
  },
];
