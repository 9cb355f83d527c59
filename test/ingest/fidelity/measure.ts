/**
 * Fidelity of `acquis import` on the typeset fixtures: what came back against the model itself.
 *
 * The expected paragraphs are the parse of the model written straight as corpus Markdown
 * (model.ts, idealMarkdown); the actual ones are the parse of the corpus file the import wrote.
 * Every figure is counted, none is stored:
 * - paragraphs exact: expected paragraphs found at the same address with the same text;
 * - notes attached: expected notes (paragraphs' and headings') found on the same paragraph or heading;
 * - page furniture left: blocks of the corpus text that are a running header or footer, a page
 *   number or the job number, and job numbers anywhere in the text;
 * - hyphenation errors: English words whose hyphen differs from the model (kept where the model
 *   has none, or lost where it has one);
 * - words lost: words (Chinese: characters) of the model missing from the text, notes included.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { importOptions, importOriginal } from "../../../pipeline/commands/import.ts";
import type { Parsed } from "../../../pipeline/parse/types.ts";
import { parseMarkdown, parseSource } from "../../parse/helpers.ts";
import { tempDir } from "../helpers.ts";
import { type FidelityModel, idealMarkdown } from "./model.ts";

/** One row of the fidelity table. */
export interface FidelityRow {
  fixture: string;
  lang: "en" | "zh";
  format: string;
  setting: string;
  paragraphs: number;
  paragraphsExact: number;
  notes: number;
  notesAttached: number;
  furnitureLeft: number;
  hyphenationErrors: number;
  wordsLost: number;
  /** The import's own exit: "written", or why not. */
  status: string;
}

const meta = (m: FidelityModel) => ({
  symbol: m.symbol,
  lang: m.lang,
  title: m.title,
  date: m.cover.isoDate,
  type: "report" as const,
  body: "OEWG 2021-2025",
  status: "consensus" as const,
});

/** The paragraphs and headings the model holds. */
export function expected(m: FidelityModel): Parsed {
  return parseMarkdown(idealMarkdown(m), meta(m));
}

/** Import `bytes` as `acquis import` does, into a temporary repository; returns its parse. */
export async function importFixture(
  m: FidelityModel,
  bytes: Uint8Array,
  name: string,
): Promise<{ parsed: Parsed | null; status: string; text: string }> {
  const cwd = tempDir("acquis-fidelity-");
  mkdirSync(resolve(cwd, "corpus"), { recursive: true });
  writeFileSync(resolve(cwd, "corpus/registry.yaml"), "documents: []\n");
  const opts = importOptions({ ...meta(m), corpus: "corpus", cache: ".cache/originals" }, new Set(["force"]));
  if (typeof opts === "string") throw new Error(opts);
  const outcome = await importOriginal(bytes, name, opts, cwd);
  if (!outcome.text || outcome.status === "refused")
    return {
      parsed: null,
      status: `refused: ${outcome.diagnostics.map((d) => d.message).join("; ")}`,
      text: "",
    };
  return { parsed: parseSource(outcome.text, outcome.file), status: outcome.status, text: outcome.text };
}

/** Words of a text for counting: English words (inner hyphens kept), or Chinese characters. */
function words(text: string, lang: "en" | "zh"): string[] {
  if (lang === "zh") return [...text].filter((c) => /[\p{Script=Han}]/u.test(c));
  return text
    .split(/[\s\u00a0]+/)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ""))
    .filter(Boolean);
}

function allText(p: Parsed): string[] {
  return [
    ...p.paragraphs.flatMap((x) => [x.text, ...x.footnotes.map((f) => f.text)]),
    ...p.headings.flatMap((h) => [h.text, ...h.footnotes.map((f) => f.text)]),
  ];
}

/** Count what the import kept of the model. */
export function compare(
  m: FidelityModel,
  actual: Parsed | null,
  corpusText: string,
): Omit<FidelityRow, "fixture" | "lang" | "format" | "setting" | "status"> {
  const want = expected(m);
  const notes =
    want.paragraphs.reduce((n, p) => n + p.footnotes.length, 0) +
    want.headings.reduce((n, h) => n + h.footnotes.length, 0);
  const base = {
    paragraphs: want.paragraphs.length,
    notes,
  };
  if (!actual)
    return {
      ...base,
      paragraphsExact: 0,
      notesAttached: 0,
      furnitureLeft: 0,
      hyphenationErrors: 0,
      wordsLost: allText(want).flatMap((t) => words(t, m.lang)).length,
    };
  const byAddress = new Map(actual.paragraphs.map((p) => [p.address, p]));
  let exact = 0;
  let attached = 0;
  for (const p of want.paragraphs) {
    const got = byAddress.get(p.address);
    if (got?.text === p.text) exact++;
    for (const f of p.footnotes) if (got?.footnotes.some((g) => g.text === f.text)) attached++;
  }
  for (const h of want.headings)
    for (const f of h.footnotes) {
      const got = actual.headings.find((g) => g.text === h.text);
      if (got?.footnotes.some((g) => g.text === f.text)) attached++;
    }

  // Furniture: blocks of the corpus body that are a running header or footer or a page number.
  const body = corpusText.replace(/^---\n[\s\S]*?\n---\n/, "");
  const blocks = body.split(/\n{2,}/).map((b) => b.trim());
  const furniture = new Set([m.symbol, m.job]);
  let furnitureLeft = blocks.filter(
    (b) => furniture.has(b) || /^(?:-\s*)?\d{1,3}(?:\s*\/\s*\d{1,3})?(?:\s*-)?$/.test(b),
  ).length;
  furnitureLeft += (body.match(new RegExp(m.job.replace(/[-]/g, "\\-"), "g")) ?? []).length;
  furnitureLeft -= blocks.filter((b) => b === m.job).length; // counted once, not twice

  // Words: a multiset difference, model minus text; hyphenation errors apart.
  const have = new Map<string, number>();
  for (const w of allText(actual).flatMap((t) => words(t, m.lang))) have.set(w, (have.get(w) ?? 0) + 1);
  const modelWords = allText(want).flatMap((t) => words(t, m.lang));
  let lost = 0;
  let hyphenationErrors = 0;
  for (const w of modelWords) {
    const n = have.get(w) ?? 0;
    if (n > 0) {
      have.set(w, n - 1);
      continue;
    }
    // A model word with its hyphen lost ("confidencebuilding") is a hyphenation error, not a loss.
    const joined = w.replace(/-/g, "");
    if (w.includes("-") && (have.get(joined) ?? 0) > 0) {
      have.set(joined, have.get(joined)! - 1);
      hyphenationErrors++;
    } else lost++;
  }
  // A hyphen the model does not have ("rec-ommendations"): a word left over that joins to a
  // model word. Its two halves are not lost words.
  const modelSet = new Set(modelWords);
  for (const [w, n] of have) {
    if (n > 0 && w.includes("-") && modelSet.has(w.replace(/-/g, ""))) {
      hyphenationErrors += n;
      lost -= n;
    }
  }
  return {
    ...base,
    paragraphsExact: exact,
    notesAttached: attached,
    furnitureLeft,
    hyphenationErrors,
    wordsLost: Math.max(0, lost),
  };
}
