/**
 * Citations: how well the grammar reads what people write, the figures the README quotes.
 *
 * - Typed citations: the forms table (test/cite/forms/table.ts), each row looked up over the real
 *   seed and registry with the national fixtures and their registry entries, as `acquis cite`
 *   looks it up, scored against what the citation means
 *   (test/cite/forms/score.ts): precision, recall, and the answers that are silently wrong
 *   (landed somewhere wrong while saying everything was read), which must be 0.
 * - Citations in documents: every hand-checked set of test/cite/gold/, extracted by the cite
 *   stage and scored line by line (test/cite/gold.ts); the real resolutions' sets only when
 *   ../shared/corpus-real is beside the repository.
 * - The time a lookup takes (median and slowest over the table, lookups only, the index built once).
 *
 * Run alone: `npm run bench -- --only cite`. It builds nothing and takes a few seconds.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { lookupCitation } from "../../core/cite/query.ts";
import { buildIndex } from "../../core/cite/resolve.ts";
import { extractCitations } from "../../pipeline/cite/extract.ts";
import { figures, figuresLine, gotOf, scoreRow } from "../../test/cite/forms/score.ts";
import { FORMS } from "../../test/cite/forms/table.ts";
import { citationLine, goldSets, loadGold, score } from "../../test/cite/gold.ts";
import { formsCorpus, formsRegistry, loadRegistry, RES_80_16 } from "../../test/cite/helpers.ts";
import { type Row, repoRoot, type Section, type SectionResult } from "../harness.ts";

export const section: Section = {
  name: "cite",
  run(): SectionResult {
    const registry = loadRegistry();
    const rows: Row[] = [];
    const notes: string[] = [];

    // Typed citations.
    const forms = formsCorpus();
    const index = buildIndex(forms.documents, forms.paragraphs, formsRegistry());
    const times: number[] = [];
    const scores = FORMS.map((row) => {
      const t = performance.now();
      const lookup = lookupCitation(row.pasted, index);
      times.push(performance.now() - t);
      return scoreRow(row, gotOf(lookup));
    });
    const f = figures(scores);
    times.sort((a, b) => a - b);
    rows.push({
      set: `typed: the forms table (${f.rows} forms: ${f.zh} zh, ${f.en} en)`,
      citations: f.meant,
      found: f.landed,
      precision: f.precision.toFixed(3),
      recall: f.recall.toFixed(3),
      "silently wrong": f.silentlyWrong.length,
    });
    notes.push(`Typed: ${figuresLine(f)}.`);
    notes.push(
      `Lookup time over the table (index built once): median ${times[Math.floor(times.length / 2)]!.toFixed(2)} ms, slowest ${times[times.length - 1]!.toFixed(2)} ms.`,
    );
    for (const s of f.silentlyWrong)
      notes.push(`Silently wrong: ${s.row.pasted} -> ${s.got.targets.join("; ")}`);

    // Citations in documents: the hand-checked sets.
    const shared = existsSync(path.resolve(repoRoot, RES_80_16));
    if (!shared) notes.push("../shared/corpus-real is missing: the real resolutions' sets are left out.");
    let found = 0;
    let hits = 0;
    let gold = 0;
    for (const [label, name, corpus] of goldSets(shared)) {
      const lines = extractCitations({ ...corpus(), registry }).citations.map(citationLine);
      const g = loadGold(name);
      const s = score(lines, g);
      found += lines.length;
      hits += lines.length - s.extra.length;
      gold += g.expected.length;
      rows.push({
        set: `in documents: ${label}`,
        citations: g.expected.length,
        found: lines.length,
        precision: s.precision.toFixed(3),
        recall: s.recall.toFixed(3),
        "silently wrong": "",
      });
    }
    rows.push({
      set: "in documents: all hand-checked sets",
      citations: gold,
      found,
      precision: (found ? hits / found : 1).toFixed(3),
      recall: (gold ? hits / gold : 1).toFixed(3),
      "silently wrong": "",
    });
    return { title: "Citations: typed forms and hand-checked sets", rows, notes };
  },
};
