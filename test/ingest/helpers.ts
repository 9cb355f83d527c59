/** Shared by the ingest tests: fixture originals made once per test file, and parse digests. */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Paragraph } from "../../schemas/index.ts";
import { parseMarkdown } from "../parse/helpers.ts";
import { MODELS, type Model, pagedHtml, printPdf } from "./layout.ts";

export { repoRoot, sharedDir } from "../parse/helpers.ts";

/** A fresh temporary folder. */
export function tempDir(prefix = "acquis-ingest-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

const pdfs = new Map<string, Uint8Array>();

/** The model printed to PDF by headless Chromium (made once per process). */
export function fixturePdf(lang: "en" | "zh"): Uint8Array {
  let bytes = pdfs.get(lang);
  if (!bytes) {
    const path = printPdf(pagedHtml(MODELS[lang]), tempDir(), `un-layout-${lang}`);
    bytes = new Uint8Array(readFileSync(path));
    pdfs.set(lang, bytes);
  }
  return bytes;
}

/** What a reader gets from a paragraph: its address, its text and its notes' texts. */
export interface Digest {
  address: string;
  text: string;
  notes: string[];
}

export const digest = (ps: readonly Paragraph[]): Digest[] =>
  ps.map((p) => ({ address: p.address, text: p.text, notes: p.footnotes.map((f) => f.text) }));

/** Parse converted Markdown as the fixture document (symbol A/99/200, a report). */
export function parseFixture(markdown: string, lang: "en" | "zh") {
  return parseMarkdown(markdown, { lang, symbol: "A/99/200", title: "Report on testing" });
}

/**
 * The paragraphs the model holds, worked out from the model itself (not from any converter): the
 * two halves of a cut paragraph joined, labels and markers taken out, notes looked up by marker.
 */
export function expectedParagraphs(m: Model): Digest[] {
  const notes = new Map(m.pages.flatMap((p) => p.notes.map((n) => [n.marker, n.text] as const)));
  const texts: string[] = [];
  for (const page of m.pages)
    for (const [k, text] of page.body.entries()) {
      const continuation = k === 0 && texts.length > 0 && /^([a-z]|落实|公众)/.test(text);
      if (continuation) texts[texts.length - 1] += (m.lang === "en" ? " " : "") + text;
      else texts.push(text);
    }
  const addresses = ["1", "2", "3", "3.a", "3.b", "3.b.i", "3.b.ii", "4", "5", "6"];
  const numbered = texts.filter((t) => /^(\d+\.|\([a-z]+\)|\([一二三]\)) /.test(t));
  return numbered.map((t, k) => ({
    address: addresses[k]!,
    text: t
      .replace(/^(\d+\.|\([a-z]+\)|\([一二三]\)) /, "")
      .replace(/\^(\d+|\*)/g, "")
      .trim(),
    notes: [...t.matchAll(/\^(\d+)/g)].map((x) => notes.get(x[1]!)!),
  }));
}
