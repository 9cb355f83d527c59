/**
 * The real corpus for the search tests: the seed (corpus/A-78-265/zh.md) and the two English
 * resolutions read in place from ../shared/corpus-real, parsed as the build does, plus an
 * independent reference scan (NFKC + lower case, a plain indexOf) to measure recall against.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseDocument } from "../../pipeline/parse/index.ts";
import type { DocumentRecord, FrontMatter, Paragraph } from "../../schemas/index.ts";
import { documentRecord } from "../factories.ts";
import { repoRoot, sharedDir, splitFrontMatter } from "../parse/helpers.ts";
import { realMeta } from "../real.ts";

function parseWith(path: string, file: string, meta: FrontMatter | null) {
  const { meta: own, body, firstLine } = splitFrontMatter(readFileSync(path, "utf8"));
  const m = (meta ?? own) as FrontMatter;
  const parsed = parseDocument({ file, markdown: body, firstLine, meta: m });
  const record = documentRecord({
    symbol: m.symbol,
    lang: m.lang,
    date: m.date,
    type: m.type,
    body: m.body,
    status: m.status,
    title: m.title,
    paragraphs: parsed.paragraphs.length,
  });
  return { paragraphs: parsed.paragraphs, record };
}

let cached: { paragraphs: Paragraph[]; documents: DocumentRecord[] } | null = null;

/** Seed (zh) + A/RES/80/16 and A/RES/80/22 (en), parsed. */
export function realCorpus(): { paragraphs: Paragraph[]; documents: DocumentRecord[] } {
  if (cached) return cached;
  const docs = [
    parseWith(resolve(repoRoot, "corpus/A-78-265/zh.md"), "corpus/A-78-265/zh.md", null),
    parseWith(
      resolve(sharedDir, "corpus-real/A-RES-80-16.en.md"),
      "../shared/corpus-real/A-RES-80-16.en.md",
      realMeta("A/RES/80/16"),
    ),
    parseWith(
      resolve(sharedDir, "corpus-real/A-RES-80-22.en.md"),
      "../shared/corpus-real/A-RES-80-22.en.md",
      realMeta("A/RES/80/22"),
    ),
  ];
  cached = { paragraphs: docs.flatMap((d) => d.paragraphs), documents: docs.map((d) => d.record) };
  return cached;
}

/** Reference normalisation for recall: Unicode NFKC and lower case, nothing of ours. */
export const refNorm = (s: string) => s.normalize("NFKC").toLowerCase().replace(/\s+/g, " ");

/**
 * Ids of the paragraphs holding `phrase`, by a plain scan: NFKC + lower case on both sides, and
 * ASCII letters or digits at the phrase's edges must not continue a word in the text.
 */
export function scan(paragraphs: readonly Paragraph[], phrase: string): string[] {
  const p = refNorm(phrase).trim();
  const startWord = /^[a-z0-9]/.test(p);
  const endWord = /[a-z0-9]$/.test(p);
  const out: string[] = [];
  for (const para of paragraphs) {
    const t = refNorm(para.text);
    for (let at = t.indexOf(p); at >= 0; at = t.indexOf(p, at + 1)) {
      if (startWord && /[a-z0-9]/.test(t[at - 1] ?? "")) continue;
      if (endWord && /[a-z0-9]/.test(t[at + p.length] ?? "")) continue;
      out.push(para.id);
      break;
    }
  }
  return out.sort();
}
