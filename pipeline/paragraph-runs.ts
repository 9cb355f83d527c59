/**
 * Runs of paragraphs: the stretches of the corpus's paragraph array whose paragraphs share a
 * document and a language, with what the stages' scans of the whole array read of them (the id
 * prefix, the order of `seq`, the working-paper entries, the parts). The parse writes a
 * document's runs into its cache entry (build/entry.ts), so that a build after a change knows
 * them for every document without making its paragraphs (build/cache.ts `LazyCorpus`).
 *
 * Decisions:
 * - A stage asks `knownRuns(paragraphs)`: the runs when the array is a lazy corpus's, which made
 *   them from the entries' headers; null otherwise, and the stage scans as it did. The cold
 *   build keeps its scans (it reads every paragraph anyway); the route from the runs serves the
 *   build after a change, where a scan would make every document's paragraphs for the few read.
 * - A run ends where the document or the language changes, as the stages' scans end them; the
 *   runs of two documents side by side that name the same document and language are one run
 *   (`joinRuns`), as a scan of the whole array would see them.
 * - The runs of an entry are trusted as its sections are: its CRC says they are the bytes the
 *   codec wrote; a document made later is checked against them (cache.ts), and one that does not
 *   fit fails the build rather than be read two ways.
 */
import type { Paragraph } from "../schemas/index.ts";

/** A run of paragraphs [from, to) of the array it was found in. */
export interface ParagraphRun {
  from: number;
  to: number;
  doc: string;
  lang: Paragraph["lang"];
  /** The first paragraph's id up to its second "/" included ("<slug>/<lang>/"), "" when none. */
  prefix: string;
  /** Every id of the run starts with `prefix`, and it is not "". */
  regular: boolean;
  firstId: string;
  lastId: string;
  firstSeq: number;
  lastSeq: number;
  /** Each paragraph's `seq` above the one before it. */
  ordered: boolean;
  /** How many of its paragraphs are list entries (kind "entry": working papers). */
  entries: number;
  /** Its paragraphs' parts, each with how many paragraphs have it (a part may come twice). */
  parts: Array<[readonly string[], number]>;
}

/** The id's "<slug>/<lang>/" (up to its second "/" included), "" when it has no second "/". */
export function idPrefix(id: string): string {
  const cut = id.indexOf("/", id.indexOf("/") + 1);
  return cut < 0 ? "" : id.slice(0, cut + 1);
}

/** The runs of `paragraphs`, found by reading each (the parse's, and the test of the others). */
export function scanRuns(paragraphs: readonly Paragraph[]): ParagraphRun[] {
  const runs: ParagraphRun[] = [];
  let run: ParagraphRun | null = null;
  let parts = new Map<string, [readonly string[], number]>();
  for (let i = 0; i < paragraphs.length; i++) {
    const p = paragraphs[i]!;
    if (!run || p.doc !== run.doc || p.lang !== run.lang) {
      if (run) run.parts = [...parts.values()];
      parts = new Map();
      const prefix = idPrefix(p.id);
      run = {
        from: i,
        to: i,
        doc: p.doc,
        lang: p.lang,
        prefix,
        regular: prefix !== "",
        firstId: p.id,
        lastId: p.id,
        firstSeq: p.seq,
        lastSeq: p.seq,
        ordered: true,
        entries: 0,
        parts: [],
      };
      runs.push(run);
    } else if (run.lastSeq >= p.seq) run.ordered = false;
    run.to = i + 1;
    run.lastId = p.id;
    run.lastSeq = p.seq;
    if (run.regular && !p.id.startsWith(run.prefix)) run.regular = false;
    if (p.kind === "entry") run.entries++;
    const key = p.part.join("\u0000");
    const seen = parts.get(key);
    if (seen) seen[1]++;
    else parts.set(key, [p.part, 1]);
  }
  if (run) run.parts = [...parts.values()];
  return runs;
}

/**
 * `next`'s runs moved by `offset` after `runs`, in place: its first run joined to the last one
 * when they name the same document and language (a scan of the whole array sees one run).
 */
export function joinRuns(runs: ParagraphRun[], next: readonly ParagraphRun[], offset: number): void {
  for (const [k, r] of next.entries()) {
    const moved = { ...r, from: r.from + offset, to: r.to + offset };
    const last = runs[runs.length - 1];
    if (k === 0 && last && last.to === moved.from && last.doc === r.doc && last.lang === r.lang) {
      runs[runs.length - 1] = {
        ...last,
        to: moved.to,
        regular: last.regular && r.regular && last.prefix === r.prefix,
        lastId: r.lastId,
        lastSeq: r.lastSeq,
        ordered: last.ordered && r.ordered && last.lastSeq < r.firstSeq,
        entries: last.entries + r.entries,
        parts: [...last.parts, ...r.parts],
      };
    } else runs.push(moved);
  }
}

const KNOWN = new WeakMap<readonly unknown[], readonly ParagraphRun[]>();

/** Name `runs` as the runs of `paragraphs` (a lazy corpus's array: cache.ts). */
export function registerRuns(paragraphs: readonly Paragraph[], runs: readonly ParagraphRun[]): void {
  KNOWN.set(paragraphs, runs);
}

/** The runs of `paragraphs` when they are known without reading them; null when they are not. */
export function knownRuns(paragraphs: readonly unknown[]): readonly ParagraphRun[] | null {
  return KNOWN.get(paragraphs) ?? null;
}

/**
 * Paragraph `p`'s language by its index: from the runs when they are known (one byte a paragraph,
 * filled run by run), so that a stage asking it of every paragraph makes none; else read.
 */
export function languageOf(paragraphs: readonly Paragraph[]): (p: number) => Paragraph["lang"] {
  const runs = knownRuns(paragraphs);
  if (!runs) return (p) => paragraphs[p]!.lang;
  const langs: Paragraph["lang"][] = [];
  const code = new Uint8Array(paragraphs.length);
  for (const r of runs) {
    let c = langs.indexOf(r.lang);
    if (c < 0) c = langs.push(r.lang) - 1;
    code.fill(c, r.from, r.to);
  }
  return (p) => langs[code[p]!]!;
}
