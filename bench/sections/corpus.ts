/**
 * Corpus report: what a build produced, as numbers, so that a change that loses paragraphs,
 * citations or links shows up here: documents, paragraphs, working papers, citations by status,
 * reuse links by kind, planted reuse found (synthetic corpora: truth.json), and the search
 * index's size.
 *
 * Decision: read the built `dist/data`-shaped folders as they are (the real corpus's dist/data if
 * present, and bench/out/data-<n> that the parse section's full build wrote), never rebuild:
 * this section reports and costs nothing. A file that is missing (a stage not registered yet,
 * a build that timed out) is reported as missing, not as zero.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import {
  type BenchOptions,
  type Row,
  repoRoot,
  type Section,
  type SectionResult,
  sizeLabel,
} from "../harness.ts";

/** Lines of a JSONL file as objects, or null when the file is missing. */
function jsonl<T>(file: string): T[] | null {
  if (!existsSync(file)) return null;
  const out: T[] = [];
  for (const line of readFileSync(file, "utf8").split("\n")) if (line.trim()) out.push(JSON.parse(line) as T);
  return out;
}

/** Count values: "resolved 12, not-in-corpus 3", largest first. */
function counts(values: string[]): string {
  const m = new Map<string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return [...m]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([k, v]) => `${k} ${v}`)
    .join(", ");
}

/** Total bytes and files under a folder. */
function folderSize(dir: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) {
      const s = folderSize(p);
      bytes += s.bytes;
      files += s.files;
    } else {
      bytes += st.size;
      files++;
    }
  }
  return { bytes, files };
}

/** One row of the report for a built data folder; `truth` is the corpus's truth.json, if any. */
export function reportData(label: string, dataDir: string, truthFile?: string): Row {
  const missing = "(missing)";
  const documents = existsSync(path.join(dataDir, "documents.json"))
    ? (JSON.parse(readFileSync(path.join(dataDir, "documents.json"), "utf8")) as { documents: unknown[] })
        .documents.length
    : missing;
  const paragraphs = jsonl<{ id: string }>(path.join(dataDir, "paragraphs.jsonl"));
  const papersFile = path.join(dataDir, "working-papers.json");
  const papers = existsSync(papersFile)
    ? (JSON.parse(readFileSync(papersFile, "utf8")) as { papers: unknown[] }).papers.length
    : missing;
  const citations = jsonl<{ status: string }>(path.join(dataDir, "citations.jsonl"));
  const reuse = jsonl<{ from: string; to: string; kind: string }>(path.join(dataDir, "reuse.jsonl"));
  const searchDir = path.join(dataDir, "search");
  const index = existsSync(searchDir) ? folderSize(searchDir) : null;

  let planted = "";
  if (truthFile && existsSync(truthFile) && reuse) {
    const truth = (
      JSON.parse(readFileSync(truthFile, "utf8")) as { reuse: { from: string; to: string; rate: number }[] }
    ).reuse;
    const links = new Set(reuse.map((l) => `${l.from} ${l.to}`));
    const share = (rows: typeof truth) => {
      const found = rows.filter((t) => links.has(`${t.from} ${t.to}`)).length;
      return `${found}/${rows.length}`;
    };
    const rates = [...new Set(truth.map((t) => t.rate))].sort((a, b) => a - b);
    planted = `${share(truth)} (${rates.map((r) => `${r * 100} %: ${share(truth.filter((t) => t.rate === r))}`).join(", ")})`;
  }
  return {
    corpus: label,
    documents,
    paragraphs: paragraphs ? paragraphs.length : missing,
    "working papers": papers,
    "citations by status": citations
      ? `${citations.length}: ${counts(citations.map((c) => c.status))}`
      : missing,
    "reuse links by kind": reuse ? `${reuse.length}: ${counts(reuse.map((l) => l.kind))}` : missing,
    "planted reuse linked": planted || "-",
    "search index": index ? `${(index.bytes / 1e6).toFixed(1)} MB in ${index.files} files` : missing,
  };
}

export const section: Section = {
  name: "corpus",
  run(opts: BenchOptions): SectionResult {
    const rows: Row[] = [];
    const real = path.join(repoRoot, "dist/data");
    if (existsSync(path.join(real, "paragraphs.jsonl"))) rows.push(reportData("corpus/ (dist/data)", real));
    for (const n of [...opts.sizes].sort((a, b) => a - b)) {
      const dir = path.join(opts.outDir, `data-${n}`);
      if (existsSync(dir))
        rows.push(
          reportData(`synthetic ${sizeLabel(n)}`, dir, path.join(opts.outDir, `corpus-${n}`, "truth.json")),
        );
    }
    return {
      title: "Corpus report",
      rows: rows.length
        ? rows
        : [{ corpus: "no built data found: run `npm run build` or the parse section first" }],
      notes: [
        "Synthetic rows read bench/out/data-<n>, the parse section's full build. Planted reuse linked: truth.json pairs (earlier -> later paragraph) that reuse.jsonl links in that direction, in all and by edit rate; background paragraphs also share text by chance, so links outnumber plants. Citations: the synthetic text recombines the seed's, so it carries the seed's internal references (上文第 43 段, 附件 C), which the synthetic documents cannot resolve (unknown-paragraph).",
      ],
    };
  },
};
