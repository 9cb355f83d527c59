/**
 * DOCX -> blocks: mammoth turns the document body into HTML, then the HTML path reads it, so a
 * DOCX and the same text as HTML give the same corpus text. Word's running headers and footers
 * are not part of the body and mammoth leaves them out; Word's footnotes come back as a list at
 * the end, which the HTML path turns into definitions, each attached by the link from its marker
 * and numbered as Word prints it (mammoth's ids are Word's internal ones).
 */
import mammoth from "mammoth";
import { diag } from "../diagnostics.ts";
import { numberDocx } from "./docx-numbering.ts";
import { convertHtml } from "./html.ts";
import type { Converted, ConvertOptions } from "./types.ts";

/** Convert the bytes of a .docx file. Throws when they are not a readable DOCX. */
export async function convertDocx(bytes: Uint8Array, opts: ConvertOptions): Promise<Converted> {
  // Word's automatic numbering, which mammoth drops, written into the text first (docx-numbering.ts).
  // A file it cannot read is left to mammoth, which says why.
  const numbered = await numberDocx(bytes).catch(() => null);
  // mammoth's Node build reads a Buffer (its `arrayBuffer` input is for the browser build).
  const result = await mammoth.convertToHtml({ buffer: Buffer.from(numbered?.bytes ?? bytes) });
  const { title: _h1, ...converted } = convertHtml(result.value, {
    ...opts,
    noteNumbering: "by-reference-order",
  });
  // mammoth's <h1> is Word's "Heading 1", a style many UN and government files give their section
  // headings: it names no title, which is read from the head of the text as for PDF.
  if (numbered?.labels.length) {
    const n = numbered.labels.length;
    const shown = [...new Set(numbered.labels)].slice(0, 4).map((l) => `"${l}"`);
    converted.diagnostics.push(
      diag(
        "ingest/numbering-computed",
        { file: opts.file, line: 1 },
        `DOCX: ${n} number${n === 1 ? "" : "s"} of headings and paragraphs (${shown.join(", ")}${numbered.labels.length > shown.length ? ", …" : ""}) computed from Word's automatic numbering and written at the start of their text: Word showed them, the file did not hold them as text.`,
        "Compare a few with the document as Word shows it; where one differs, correct it in the corpus file.",
      ),
    );
  }
  for (const fmt of numbered?.unsupported ?? [])
    converted.diagnostics.push(
      diag(
        "ingest/numbering-unsupported",
        { file: opts.file, line: 1 },
        `DOCX: automatic numbering in Word's format "${fmt}" is not computed; those paragraphs are numbered by their place in their list, which may not be what Word shows.`,
        "Check those paragraphs' numbers against the document in Word and correct them in the corpus file.",
      ),
    );
  for (const m of result.messages) {
    if (m.type === "warning")
      converted.diagnostics.push(
        diag("ingest/artifact-dropped", { file: opts.file, line: 1 }, `DOCX: ${explain(m.message)}`),
      );
  }
  return converted;
}

/**
 * mammoth's warnings, said as what happened to the text. An unrecognised style only loses its
 * styling: mammoth writes the paragraph or run as a plain one, every character kept.
 */
export function explain(message: string): string {
  const style = /^Unrecognised (paragraph|run|table) style: (.*)$/s.exec(message);
  if (style) return `${style[1]} style ${style[2]} has no mapping: its text was kept, as plain text.`;
  if (/^An unrecognised element was ignored/.test(message)) return `${message} (left out).`;
  return message;
}
