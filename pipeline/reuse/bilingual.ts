/**
 * Bilingual alignment over the corpus: for every document held in both languages, its Chinese
 * and English paragraphs aligned by bitext.ts into rows for `aligned.json` (pairs, doubtful
 * pairs, paragraphs with no counterpart), each paragraph's partner in the other language for
 * carrying reuse links across, and diagnostics where the two versions part.
 *
 * Decisions:
 * - Alignment does not rest on equal addresses alone. A `u9` is a position: when one version
 *   prints a paragraph as two, every later `u` address of the other names another paragraph
 *   (the UDHR's English "u9" is article 1, its Chinese "u9" article 1's neighbour). Equal
 *   numbered addresses remain the strongest evidence, with lengths, headings and anchors beside
 *   them (bitext.ts).
 * - A pair below DOUBTFUL_BELOW is shown side by side but flagged and never claimed: it is not a
 *   partner for carrying reuse links, and it is warned about (`reuse/alignment-doubtful`), as is
 *   a paragraph with no counterpart (`reuse/structure-differs`) and one paragraph matched to two
 *   (`reuse/paragraph-split`): each is a structural call the aligner made, named by file and line.
 * - Only one-to-one pairs carry reuse links: a link into one of two paragraphs has no single
 *   paragraph to land on in the other language.
 * - Each document pair is aligned from its own paragraphs alone (`alignDocument`), so a cache can
 *   keep one result per pair of document versions.
 */
import type { AlignedFile, AlignedRow, Diagnostic, Paragraph } from "../../schemas/index.ts";
import { diag } from "../diagnostics.ts";
import { alignVersions, type BitextOptions, DEFAULT_BITEXT } from "./bitext.ts";

/** The shapes of `aligned.json`, declared in schemas/reuse.ts. */
export type { AlignedFile, AlignedRow } from "../../schemas/index.ts";

/** Confidence below which two paragraphs side by side are doubtful rather than a pair. */
export const DOUBTFUL_BELOW = 0.5;

/** How many diagnostics one document gets before the rest are summed up in one. */
const REPORT_LIMIT = 10;

/** One document's alignment: its rows and what to tell the corpus's keeper. */
export interface DocumentAlignment {
  rows: AlignedRow[];
  diagnostics: Diagnostic[];
}

const round = (x: number) => Math.round(x * 1000) / 1000;
const where = (p: Paragraph) => `${p.lang} ${p.address}`;

/**
 * Align one document's two versions, each in reading order (any order is sorted by `seq`).
 * Pure: the same paragraphs give the same rows.
 */
export function alignDocument(
  zhParagraphs: readonly Paragraph[],
  enParagraphs: readonly Paragraph[],
  options: BitextOptions = DEFAULT_BITEXT,
): DocumentAlignment {
  const zh = [...zhParagraphs].sort((a, b) => a.seq - b.seq);
  const en = [...enParagraphs].sort((a, b) => a.seq - b.seq);
  const doc = zh[0]?.doc ?? en[0]?.doc ?? "";
  const rows: AlignedRow[] = [];
  const notes: Diagnostic[] = [];
  for (const b of alignVersions(zh, en, options)) {
    const zs = b.zh.map((k) => zh[k]!);
    const es = b.en.map((k) => en[k]!);
    const status = !zs.length || !es.length ? "gap" : b.confidence < DOUBTFUL_BELOW ? "doubtful" : "pair";
    rows.push({
      doc,
      zh: zs.map((p) => p.id),
      en: es.map((p) => p.id),
      status,
      confidence: round(b.confidence),
      evidence: b.evidence,
    });
    const [first] = [...zs, ...es];
    if (status === "gap") {
      const other = zs.length ? "en" : "zh";
      notes.push(
        diag(
          "reuse/structure-differs",
          first!.source,
          `Paragraph ${first!.address} of ${doc} (${first!.lang}) has no counterpart in the ${other} version, so it is shown alone and no reuse is carried across for it.`,
          "Compare the two versions around it: one may hold a paragraph the other left out, or the conversion of one may have lost or split text.",
        ),
      );
    } else if (status === "doubtful") {
      notes.push(
        diag(
          "reuse/alignment-doubtful",
          first!.source,
          `${[...zs, ...es].map(where).join(" and ")} of ${doc} stand side by side, but the aligner is only ${Math.round(b.confidence * 100)} % sure they correspond, so they are not shown as a pair.`,
          "Check the two versions here: a paragraph split, merged or left out nearby, or lengths far from the usual ratio, make the pairing uncertain.",
        ),
      );
    } else if (zs.length + es.length > 2) {
      const [one, two] = zs.length === 1 ? [zs, es] : [es, zs];
      notes.push(
        diag(
          "reuse/paragraph-split",
          one[0]!.source,
          `Paragraph ${one[0]!.address} of ${doc} (${one[0]!.lang}) is printed as two paragraphs in the ${two[0]!.lang} version (${two.map((p) => p.address).join(" and ")}); it is paired with both.`,
          "Nothing to do if the versions are printed so; if a conversion split or joined the text, correct the corpus file.",
        ),
      );
    }
  }
  const diagnostics = notes.slice(0, REPORT_LIMIT);
  if (notes.length > REPORT_LIMIT) {
    const first = notes[REPORT_LIMIT]!;
    const pairs = rows.filter((r) => r.status === "pair").length;
    diagnostics.push(
      diag(
        "reuse/structure-differs",
        { file: first.file, line: first.line },
        `${notes.length - REPORT_LIMIT} more places where the two versions of ${doc} part (${notes.length} in all; ${pairs} of ${rows.length} rows are pairs).`,
        "The two versions' structures differ widely: check that both files are the same document and that their parts are headed alike.",
      ),
    );
  }
  return { rows, diagnostics };
}

/**
 * Align every document held in both languages. Returns the rows (documents in symbol order,
 * rows in reading order), each paragraph's partner in the other language (pairs of one
 * paragraph each only), and the diagnostics.
 */
export function alignLanguages(
  paragraphs: readonly Paragraph[],
  options: BitextOptions = DEFAULT_BITEXT,
): { rows: AlignedRow[]; partner: Map<string, string>; diagnostics: Diagnostic[] } {
  const byDoc = new Map<string, { zh: Paragraph[]; en: Paragraph[] }>();
  for (const p of paragraphs) {
    const entry = byDoc.get(p.doc) ?? { zh: [], en: [] };
    entry[p.lang].push(p);
    byDoc.set(p.doc, entry);
  }
  const rows: AlignedRow[] = [];
  const partner = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  for (const doc of [...byDoc.keys()].sort()) {
    const { zh, en } = byDoc.get(doc)!;
    if (!zh.length || !en.length) continue;
    const aligned = alignDocument(zh, en, options);
    rows.push(...aligned.rows);
    diagnostics.push(...aligned.diagnostics);
    for (const r of aligned.rows) {
      if (r.status !== "pair" || r.zh.length !== 1 || r.en.length !== 1) continue;
      partner.set(r.zh[0]!, r.en[0]!);
      partner.set(r.en[0]!, r.zh[0]!);
    }
  }
  return { rows, partner, diagnostics };
}

/** The `aligned.json` file for these rows. */
export function alignedFile(rows: AlignedRow[], schemaVersion: number): AlignedFile {
  return { schemaVersion, doubtfulBelow: DOUBTFUL_BELOW, rows };
}
