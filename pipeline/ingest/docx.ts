/**
 * DOCX -> blocks: mammoth turns the document body into HTML, then the HTML path reads it, so a
 * DOCX and the same text as HTML give the same corpus text. Word's running headers and footers
 * are not part of the body and mammoth leaves them out; Word's footnotes come back as a list at
 * the end, which the HTML path turns into definitions, each attached by the link from its marker
 * and numbered as Word prints it (mammoth's ids are Word's internal ones).
 */
import mammoth from "mammoth";
import { diag } from "../diagnostics.ts";
import { convertHtml } from "./html.ts";
import type { Converted, ConvertOptions } from "./types.ts";

/** Convert the bytes of a .docx file. Throws when they are not a readable DOCX. */
export async function convertDocx(bytes: Uint8Array, opts: ConvertOptions): Promise<Converted> {
  // mammoth's Node build reads a Buffer (its `arrayBuffer` input is for the browser build).
  const result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
  const { title: _h1, ...converted } = convertHtml(result.value, {
    ...opts,
    noteNumbering: "by-reference-order",
  });
  // mammoth's <h1> is Word's "Heading 1", a style many UN and government files give their section
  // headings: it names no title, which is read from the head of the text as for PDF.
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
