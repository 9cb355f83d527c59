/**
 * PDF bytes -> positioned text items, with pdfjs-dist (legacy build, which runs on Node 20). This
 * is the only module that knows pdfjs; everything after it (pdf.ts) works on plain items, so the
 * layout rules are tested without a PDF.
 *
 * Decision: no file access here: the command reads the file and hands over the bytes. Fonts are not
 * loaded (text extraction needs only the character codes pdfjs maps to Unicode).
 */
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { beforeDeadline, tooManyPages, tooSlow } from "./limits.ts";
import type { PdfItem, PdfPage } from "./pdf.ts";

interface RawItem {
  str?: string;
  transform?: number[];
  width?: number;
  fontName?: string;
}

/** How far extraction may go, and who hears of its progress. */
export interface ExtractOptions {
  /** Most pages the PDF may have (LimitExceeded before any page is read). */
  maxPages?: number;
  /** Date.now() after which extraction stops with LimitExceeded; and the limit in seconds, for the message. */
  deadline?: { at: number; seconds: number };
  /** Called after each page, with its number and the page count. */
  onPage?: (done: number, total: number) => void;
}

/**
 * Extract every page's text items; throws when the bytes are not a readable PDF, and
 * LimitExceeded over the page limit or past the deadline (checked between pages and while
 * waiting on pdfjs).
 */
export async function extractPdf(bytes: Uint8Array, opts: ExtractOptions = {}): Promise<PdfPage[]> {
  const timed = <T>(work: Promise<T>): Promise<T> =>
    opts.deadline ? beforeDeadline(work, opts.deadline.at, opts.deadline.seconds) : work;
  // pdfjs takes ownership of (and detaches) the buffer it is given: hand it a copy.
  const task = getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    verbosity: 0,
  });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await timed(task.promise);
  } catch (e) {
    await task.destroy();
    throw e;
  }
  try {
    if (opts.maxPages !== undefined && doc.numPages > opts.maxPages)
      throw tooManyPages(doc.numPages, opts.maxPages);
    const pages: PdfPage[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      if (opts.deadline && Date.now() > opts.deadline.at)
        throw tooSlow(opts.deadline.seconds, `after ${n - 1} of ${doc.numPages} pages`);
      const page = await timed(doc.getPage(n));
      const viewport = page.getViewport({ scale: 1 });
      const content = await timed(page.getTextContent());
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
      opts.onPage?.(n, doc.numPages);
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}
