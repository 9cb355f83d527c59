/**
 * A dist-like data directory from the real documents, parsed by the real parser: the seed
 * (corpus/A-78-265/zh.md) and A/RES/80/16 (English, read in place from ../shared/corpus-real).
 * Then every registered stage (pipeline/stages.ts: citations, reuse, search as they land) runs on
 * them and its files are written too. It stands in for `acquis build` in the site tests, so the site is tested on real text (page
 * weight, long documents, real footnotes) whether or not the build runner is wired yet.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { parseDocument } from "../../pipeline/parse/index.ts";
import { type BuildContext, STAGES } from "../../pipeline/stages.ts";
import { SCHEMA_VERSION, symbolSlug } from "../../schemas/common.ts";
import { type DocumentRecord, FrontMatter, type Paragraph, Registry } from "../../schemas/index.ts";
import { splitFrontMatter } from "../parse/helpers.ts";
import { realMeta } from "../real.ts";
import { repoRoot } from "./build-site.ts";

const SOURCES: Array<{ file: string; meta?: FrontMatter }> = [
  { file: "corpus/A-78-265/zh.md" },
  // Its front matter is the extractor's, not ours: supply ours, as `acquis import` would.
  { file: "../shared/corpus-real/A-RES-80-16.en.md", meta: realMeta("A/RES/80/16") },
];

/** Parse the real documents, run the registered stages, write what they export. */
export async function writeSeedData(
  dataDir: string,
): Promise<{ documents: DocumentRecord[]; paragraphs: Paragraph[]; files: string[] }> {
  const documents: DocumentRecord[] = [];
  const paragraphs: Paragraph[] = [];
  for (const s of SOURCES) {
    const src = readFileSync(path.resolve(repoRoot, s.file), "utf8");
    const { meta, body, firstLine } = splitFrontMatter(src);
    const fm = s.meta ?? FrontMatter.parse(meta);
    const parsed = parseDocument({ file: s.file, markdown: body, firstLine, meta: fm });
    documents.push({
      symbol: fm.symbol,
      slug: symbolSlug(fm.symbol),
      lang: fm.lang,
      title: fm.title,
      date: fm.date,
      type: fm.type,
      body: fm.body,
      status: fm.status,
      source: fm.source,
      file: s.file,
      hash: "0".repeat(64),
      paragraphs: parsed.paragraphs.length,
      parts: parsed.parts,
      headings: parsed.headings,
    });
    paragraphs.push(...parsed.paragraphs);
  }
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(
    path.join(dataDir, "documents.json"),
    JSON.stringify({ schemaVersion: SCHEMA_VERSION, documents }),
  );
  writeFileSync(
    path.join(dataDir, "paragraphs.jsonl"),
    paragraphs.map((p) => `${JSON.stringify(p)}\n`).join(""),
  );
  const registry = Registry.parse(
    YAML.parse(readFileSync(path.join(repoRoot, "corpus", "registry.yaml"), "utf8")),
  );
  const ctx: BuildContext = { documents, paragraphs, registry, workingPapers: [], outputs: {} };
  const files: string[] = [];
  for (const stage of STAGES) {
    const result = await stage.run(ctx);
    ctx.outputs[stage.name] = result.data;
    for (const [name, content] of Object.entries(result.files)) {
      mkdirSync(path.dirname(path.join(dataDir, name)), { recursive: true });
      writeFileSync(path.join(dataDir, name), content);
      files.push(name);
    }
  }
  return { documents, paragraphs, files };
}
