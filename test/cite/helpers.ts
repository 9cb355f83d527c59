/**
 * Corpora for the citation tests: the real seed (corpus/A-78-265/zh.md), the real resolution
 * A/RES/80/16 read in place from ../shared/corpus-real, our own fixtures under
 * test/fixtures/cite/, and the real registry. Each is parsed as the build runner parses it.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import YAML from "yaml";
import { addressOf } from "../../core/address/address.ts";
import type { Parsed } from "../../pipeline/parse/index.ts";
import { documentRecord as recordOf } from "../../pipeline/parse/record.ts";
import { symbolSlug } from "../../schemas/common.ts";
import { type DocumentRecord, FrontMatter, type Paragraph, Registry } from "../../schemas/index.ts";
import { documentRecord, paragraph } from "../factories.ts";
import { parseFile, parseMarkdown, repoRoot, sharedDir, splitFrontMatter } from "../parse/helpers.ts";

export { repoRoot, sharedDir };

/** The real registry, validated. */
export function loadRegistry(): Registry {
  return Registry.parse(YAML.parse(readFileSync(resolve(repoRoot, "corpus/registry.yaml"), "utf8")));
}

/** A corpus: document records and paragraphs, as the build hands them to stages. */
export interface Corpus {
  documents: DocumentRecord[];
  paragraphs: Paragraph[];
}

/** Turn one parse into the record and paragraphs the build would export. */
export function fromParsed(
  parsed: Parsed,
  meta: { symbol: string; lang: "zh" | "en"; type?: FrontMatter["type"] },
  file: string,
): Corpus {
  const record = documentRecord({
    symbol: meta.symbol,
    lang: meta.lang,
    type: meta.type ?? "report",
    file,
    paragraphs: parsed.paragraphs.length,
    parts: parsed.parts,
    headings: parsed.headings,
  });
  return { documents: [record], paragraphs: parsed.paragraphs };
}

/** Several corpora as one. */
export function merge(...parts: Corpus[]): Corpus {
  return { documents: parts.flatMap((c) => c.documents), paragraphs: parts.flatMap((c) => c.paragraphs) };
}

let seedCache: Corpus | null = null;
/** The seed, A/78/265 in Chinese. */
export function seed(): Corpus {
  seedCache ??= fromParsed(
    parseFile("corpus/A-78-265/zh.md"),
    { symbol: "A/78/265", lang: "zh" },
    "corpus/A-78-265/zh.md",
  );
  return seedCache;
}

/**
 * The national papers and the compendium of test/fixtures/parse/national/ the forms table cites
 * (our own words), each with the record the build writes (authors, sections, pages).
 */
export const NATIONAL_FIXTURES = ["zh-position", "en-decimal", "en-roman", "compendium-en", "compendium-zh"];

/** One national fixture, recorded as the build records it. */
export function nationalFixture(name: string): Corpus {
  const file = `test/fixtures/parse/national/${name}.md`;
  const meta = FrontMatter.parse(splitFrontMatter(readFileSync(resolve(repoRoot, file), "utf8")).meta);
  const parsed = parseFile(file);
  return { documents: [recordOf({ file, meta }, "0".repeat(64), parsed)], paragraphs: parsed.paragraphs };
}

/** The registry entries of the national fixtures (test/fixtures/cite/registry-national.yaml). */
export const NATIONAL_REGISTRY = "test/fixtures/cite/registry-national.yaml";

/** The real registry with the national fixtures' entries after it. */
export function formsRegistry(): Registry {
  const extra = Registry.parse(YAML.parse(readFileSync(resolve(repoRoot, NATIONAL_REGISTRY), "utf8")));
  const real = loadRegistry();
  return { ...real, documents: [...real.documents, ...extra.documents] };
}

let formsCache: Corpus | null = null;
/** What the forms table is looked up in: the seed and the national fixtures. */
export function formsCorpus(): Corpus {
  formsCache ??= merge(seed(), ...NATIONAL_FIXTURES.map(nationalFixture));
  return formsCache;
}

/** Paths of the real English resolutions, relative to the repository root (read in place, never copied). */
export const RES_80_16 = "../shared/corpus-real/A-RES-80-16.en.md";
export const RES_80_22 = "../shared/corpus-real/A-RES-80-22.en.md";

/** A real resolution in English, its third-party front matter replaced by ours. */
export function realResolution(path: string, symbol: string): Corpus {
  const src = readFileSync(resolve(repoRoot, path), "utf8");
  const { body } = splitFrontMatter(src);
  const meta = { symbol, lang: "en" as const, type: "resolution" as const };
  const file = path.split("/").pop()!;
  return fromParsed(
    parseMarkdown(body, { ...meta, title: `Resolution ${symbol}`, body: "General Assembly" }),
    meta,
    file,
  );
}

/** A/RES/80/16 in English. */
export function res8016(): Corpus {
  return realResolution(RES_80_16, "A/RES/80/16");
}

/** A fixture of ours, test/fixtures/cite/<name>.md, with its own front matter. */
export function fixture(name: string): Corpus {
  const path = `test/fixtures/cite/${name}.md`;
  const src = readFileSync(resolve(repoRoot, path), "utf8");
  const meta = splitFrontMatter(src).meta as {
    symbol: string;
    lang: "zh" | "en";
    type?: FrontMatter["type"];
  };
  return fromParsed(parseFile(path), meta, path);
}

/**
 * A one-paragraph document of our own for table rows: the paragraph `text` at `address` of
 * `doc` (footnotes optional).
 */
export function oneParagraph(over: Partial<Paragraph> & { text: string }): Corpus {
  const p = paragraph(over);
  const record = documentRecord({ symbol: p.doc, lang: p.lang, parts: [p.part], paragraphs: 1 });
  return { documents: [record], paragraphs: [p] };
}

/** Paragraphs for a synthetic cited document: `nums` at `part` of `doc`. */
export function citedDocument(
  doc: string,
  lang: "zh" | "en",
  parts: { part: string[]; nums: string[][]; text?: (n: string[]) => string }[],
): Corpus {
  const paragraphs: Paragraph[] = [];
  for (const { part, nums, text } of parts) {
    for (const num of nums) {
      paragraphs.push(
        paragraph({
          doc,
          lang,
          part,
          num,
          address: addressOf(part, null, num),
          parent: num.length > 1 ? null : null,
          text: text ? text(num) : `The words of this paragraph (${num.join(".")}).`,
        }),
      );
    }
  }
  const record = documentRecord({
    symbol: doc,
    lang,
    slug: symbolSlug(doc),
    parts: parts.map((p) => p.part),
    paragraphs: paragraphs.length,
  });
  return { documents: [record], paragraphs };
}
