/**
 * PDF bytes -> positioned text items, with pdfjs-dist (legacy build, which runs on Node 20). This
 * is the only module that knows pdfjs; everything after it (pdf.ts) works on plain items, so the
 * layout rules are tested without a PDF.
 *
 * Decision: no file access here: the command reads the file and hands over the bytes. Fonts are not
 * loaded (text extraction needs only the character codes pdfjs maps to Unicode).
 */
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import type { PdfItem, PdfPage } from "./pdf.ts";

interface RawItem {
  str?: string;
  transform?: number[];
  width?: number;
  fontName?: string;
}

/** Extract every page's text items; throws when the bytes are not a readable PDF. */
export async function extractPdf(bytes: Uint8Array): Promise<PdfPage[]> {
  // pdfjs takes ownership of (and detaches) the buffer it is given: hand it a copy.
  const doc = await getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    verbosity: 0,
  }).promise;
  try {
    const pages: PdfPage[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const items: PdfItem[] = [];
      for (const raw of content.items as RawItem[]) {
        if (typeof raw.str !== "string" || !raw.transform || raw.str === "") continue;
        const [a, b, , , x, y] = raw.transform as [number, number, number, number, number, number];
        items.push({
          str: raw.str,
          x,
          y,
          width: raw.width ?? 0,
          size: Math.round(Math.hypot(a, b) * 100) / 100,
          font: raw.fontName ?? "",
        });
      }
      pages.push({ number: n, width: viewport.width, height: viewport.height, items });
      page.cleanup();
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}
