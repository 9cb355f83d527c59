/**
 * Bilingual alignment: the zh and en versions of one paragraph share an address (doc, part,
 * scope, num), so they are one paragraph in two languages. This module pairs them for
 * `aligned.json` and warns (`reuse/structure-differs`) where a document's two versions do not
 * have the same paragraphs.
 *
 * Decision: pair by address only, never by text similarity. The address is what a diplomat
 * cites, it is language-neutral by construction (core/address/address.ts), and a paragraph missing
 * from one version is a structural fact worth a warning, not something to paper over by guessing
 * which other paragraph it "probably" is.
 */
import type { AlignedFile, Diagnostic, Paragraph } from "../../schemas/index.ts";
import { diag } from "../diagnostics.ts";

/** One paragraph in both languages. */
/** The shapes of `aligned.json`, declared in schemas/reuse.ts. */
export type { AlignedFile } from "../../schemas/index.ts";
export type AlignedPair = AlignedFile["pairs"][number];

/** How many single-language paragraphs of one document are reported one by one. */
const REPORT_LIMIT = 10;

/**
 * Pair the zh and en versions of every paragraph of every document held in both languages.
 * Returns the pairs (documents in symbol order, paragraphs in zh reading order), each id's
 * partner in the other language, and a warning per paragraph present in one version only.
 */
export function alignLanguages(paragraphs: Paragraph[]): {
  pairs: AlignedPair[];
  partner: Map<string, string>;
  diagnostics: Diagnostic[];
} {
  const byDoc = new Map<string, { zh: Paragraph[]; en: Paragraph[] }>();
  for (const p of paragraphs) {
    const entry = byDoc.get(p.doc) ?? { zh: [], en: [] };
    entry[p.lang].push(p);
    byDoc.set(p.doc, entry);
  }
  const pairs: AlignedPair[] = [];
  const partner = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  for (const doc of [...byDoc.keys()].sort()) {
    const { zh, en } = byDoc.get(doc)!;
    if (!zh.length || !en.length) continue;
    zh.sort((a, b) => a.seq - b.seq);
    en.sort((a, b) => a.seq - b.seq);
    const enByAddress = new Map(en.map((p) => [p.address, p]));
    const zhAddresses = new Set(zh.map((p) => p.address));
    for (const z of zh) {
      const e = enByAddress.get(z.address);
      if (!e) continue;
      pairs.push({ address: z.address, doc, zh: z.id, en: e.id });
      partner.set(z.id, e.id);
      partner.set(e.id, z.id);
    }
    const only = [
      ...zh.filter((p) => !enByAddress.has(p.address)).map((p) => ({ p, other: "en" })),
      ...en.filter((p) => !zhAddresses.has(p.address)).map((p) => ({ p, other: "zh" })),
    ];
    for (const { p, other } of only.slice(0, REPORT_LIMIT)) {
      diagnostics.push(
        diag(
          "reuse/structure-differs",
          p.source,
          `Paragraph ${p.address} of ${doc} is in the ${p.lang} version but not in the ${other} version, so it has no partner for reuse shown across languages.`,
          `Compare the numbering of the two versions around ${p.address}: one may have a paragraph split, merged or numbered differently.`,
        ),
      );
    }
    if (only.length > REPORT_LIMIT) {
      const first = only[REPORT_LIMIT]!.p;
      diagnostics.push(
        diag(
          "reuse/structure-differs",
          first.source,
          `${only.length - REPORT_LIMIT} more paragraphs of ${doc} are in one language version only (${only.length} in all, ${pairs.filter((x) => x.doc === doc).length} paired).`,
          "The two versions' structures differ widely: check that both files are the same document and that their parts are headed alike.",
        ),
      );
    }
  }
  return { pairs, partner, diagnostics };
}
