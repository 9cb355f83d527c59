/**
 * Pagefind, the reference the build's figures are read against: the same paragraphs indexed by
 * Pagefind (its Node API, one HTML page per document and language, as the search section
 * builds them), timed in the same run as our build, so a ratio holds when the machine's speed
 * does not (absolute times on these shared machines vary up to twice between runs).
 */
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import type { Paragraph } from "../schemas/index.ts";

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** One HTML page per document and language. */
export function pagefindPages(paragraphs: readonly Paragraph[]): Map<string, string> {
  const byDoc = new Map<string, Paragraph[]>();
  for (const p of paragraphs) {
    const k = `${p.doc.replace(/\//g, "-")}/${p.lang}`;
    const l = byDoc.get(k) ?? [];
    l.push(p);
    byDoc.set(k, l);
  }
  const out = new Map<string, string>();
  for (const [k, ps] of byDoc) {
    const lang = ps[0]?.lang === "zh" ? "zh-cn" : "en";
    const body = ps.map((p) => `<p id="${p.anchor}">${escapeHtml(p.text)}</p>`).join("\n");
    const title = escapeHtml(ps[0]?.doc ?? "");
    out.set(
      `/doc/${k}/`,
      `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${title}</title></head><body><main data-pagefind-body><h1>${title}</h1>\n${body}\n</main></body></html>`,
    );
  }
  return out;
}

/** The paragraphs of a built data folder. */
export function readParagraphs(dataDir: string): Paragraph[] {
  return readFileSync(path.join(dataDir, "paragraphs.jsonl"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Paragraph);
}

/** Index `paragraphs` with Pagefind into `outDir`: wall time (ms) and bytes written. */
export async function pagefindIndex(
  paragraphs: readonly Paragraph[],
  outDir: string,
): Promise<{ ms: number; bytes: number; pages: number }> {
  rmSync(outDir, { recursive: true, force: true });
  const pages = pagefindPages(paragraphs);
  const pf = await import("pagefind");
  const t = performance.now();
  const { index } = await pf.createIndex({});
  if (!index) throw new Error("pagefind: no index");
  for (const [url, content] of pages) await index.addHTMLFile({ url, content });
  await index.writeFiles({ outputPath: outDir });
  const ms = performance.now() - t;
  await pf.close();
  const bytes = Number(execFileSync("du", ["-sb", outDir]).toString().split("\t")[0]);
  return { ms, bytes, pages: pages.size };
}
