/**
 * Import fidelity per format (`npm run bench -- --only ingest`): the fidelity model (our own
 * words, en and zh) typeset by groff -ms, pandoc and Chromium, imported with `acquis import`, and
 * compared with the model itself (test/ingest/fidelity/). Sizes do not apply: the fixtures are
 * one document each. A fixture whose tool is missing is reported as skipped, with what to install.
 */
import { compare, importFixture } from "../../test/ingest/fidelity/measure.ts";
import { FIDELITY_MODELS } from "../../test/ingest/fidelity/model.ts";
import { FIXTURES, missingTools } from "../../test/ingest/fidelity/typeset.ts";
import type { Row, Section } from "../harness.ts";

export const section: Section = {
  name: "ingest",
  async run(opts) {
    const rows: Row[] = [];
    const skipped: string[] = [];
    for (const f of FIXTURES) {
      const missing = missingTools(f.tools);
      if (missing) {
        skipped.push(`${f.name}: ${missing}`);
        continue;
      }
      opts.log(`ingest: ${f.name}`);
      const model = FIDELITY_MODELS[f.lang];
      const bytes = f.make(model);
      const t = performance.now();
      const imported = await importFixture(model, bytes, `${f.name}.${f.format}`);
      const ms = performance.now() - t;
      const c = compare(model, imported.parsed, imported.text);
      rows.push({
        fixture: `${f.lang} ${f.format.toUpperCase()}`,
        "set by": f.setting,
        "paragraphs exact": `${c.paragraphsExact} / ${c.paragraphs}`,
        "notes attached": `${c.notesAttached} / ${c.notes}`,
        "page furniture left": c.furnitureLeft,
        "hyphenation errors": c.hyphenationErrors,
        "words lost": c.wordsLost,
        "import (ms)": Math.round(ms),
      });
    }
    return {
      title: "Import fidelity per format (fixtures typeset by groff, pandoc and Chromium)",
      rows,
      notes: [
        "One report of 20 paragraphs (numbered, subparagraphs, bullets) and 9 notes (one asterisk note on the agenda item), with a cover, running headers and footers; words a typesetter divides and compounds that keep their hyphen. Paragraphs exact: same address, same text; words lost: words (Chinese: characters) of the model missing from the import.",
        "Import time is wall time of one import on a shared machine; the first import of a format also loads its reader (pdfjs, mammoth) and, for the first PDF with line-end hyphens, the word list.",
        ...(skipped.length ? [`Skipped (tool missing): ${skipped.join("; ")}.`] : []),
      ],
    };
  },
};
