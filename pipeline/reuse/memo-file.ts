/**
 * The reuse memo (incremental.ts) as the sections of packs (pipeline/pack.ts) and back: the state
 * (rewritten at every build) and the two bases of postings (written once each, live.ts), which
 * the state names by id. Typed arrays are read back as views, without parsing; the links, the
 * records and the rest are JSON. Pure: the runner reads and writes the files.
 */
import type { Reuse } from "../../schemas/index.ts";
import type { Section } from "../pack.ts";
import { type FormulaTable, type KeyedRun, NO_RUNS } from "./formula-table.ts";
import type { AlignedDoc, DocSpan, ReuseMemo, StoredLink } from "./incremental.ts";
import type { LivePostings } from "./live.ts";
import type { Postings } from "./postings.ts";

/** The kind of pack a reuse memo is (pack.ts), and its layout's version; and its bases'. */
export const REUSE_MEMO = { kind: "acquis reuse memo", version: "4" } as const;
export const REUSE_BASE = { kind: "acquis reuse base", version: "1" } as const;

function postingSections(prefix: string, p: Postings): Record<string, Section> {
  return {
    [`${prefix}.hash`]: p.hash,
    [`${prefix}.start`]: p.start,
    [`${prefix}.post`]: p.post,
    [`${prefix}.df`]: p.df,
  };
}

function postingsFrom(s: Record<string, Section>, prefix: string): Postings | null {
  const u32 = (name: string) => {
    const v = s[`${prefix}.${name}`];
    return v instanceof Uint32Array ? v : null;
  };
  const hash = u32("hash");
  const start = u32("start");
  const post = u32("post");
  const df = u32("df");
  if (!hash || !start || !post || !df || start.length !== hash.length + 1 || df.length !== hash.length)
    return null;
  return { hash, start, post, df };
}

/** A base of postings as sections (its own pack, named by its id). */
export function baseSections(p: Postings): Record<string, Section> {
  return postingSections("base", p);
}

/** A base back from its sections. */
export function baseFromSections(s: Record<string, Section>): Postings | null {
  return postingsFrom(s, "base");
}

/** Live postings without their base (which has a pack of its own). */
function liveSections(prefix: string, l: LivePostings): Record<string, Section> {
  return {
    ...postingSections(`${prefix}.delta`, l.delta),
    [`${prefix}.toCurrent`]: l.toCurrent,
    [`${prefix}.dead`]: { json: { baseId: l.baseId, dead: [...l.dead], deadPostings: l.deadPostings } },
  };
}

function liveFrom(
  s: Record<string, Section>,
  prefix: string,
  base: (id: string) => Postings | null,
): LivePostings | null {
  const delta = postingsFrom(s, `${prefix}.delta`);
  const toCurrent = s[`${prefix}.toCurrent`];
  const meta = (
    s[`${prefix}.dead`] as { json?: { baseId: string; dead: Array<[number, number]>; deadPostings: number } }
  )?.json;
  if (!delta || !(toCurrent instanceof Int32Array) || !meta) return null;
  const b = base(meta.baseId);
  if (!b) return null;
  return {
    base: b,
    baseId: meta.baseId,
    toCurrent,
    dead: new Map(meta.dead),
    deadPostings: meta.deadPostings,
    delta,
  };
}

/** The memo as sections. */
export function memoSections(m: ReuseMemo): Record<string, Section> {
  const t = m.formulas;
  const runStart = new Uint32Array(t.runs.length + 1);
  let total = 0;
  t.runs.forEach((runs, p) => {
    runStart[p] = total;
    total += runs.length;
  });
  runStart[t.runs.length] = total;
  const runs = new Uint32Array(total * 3);
  let at = 0;
  for (const list of t.runs)
    for (const r of list) {
      runs[at++] = r.start;
      runs[at++] = r.end;
      runs[at++] = r.key;
    }
  return {
    meta: {
      json: {
        settings: m.settings,
        formulaDf: m.formulaDf,
        size: m.size,
        docs: m.docs,
        refs: [...m.refs],
        found: m.found,
        direct: [...m.direct],
        carried: [...m.carried],
        aligned: [...m.aligned],
      },
    },
    copyKey: m.copyKey,
    formulaWindows: m.formulaWindows,
    ...liveSections("shingles", m.shingles),
    ...liveSections("windows", m.windows),
    pairs: m.pairs,
    copies: m.copies,
    // The columns have room to grow past their keys (formula-table.ts): only the keys' part.
    "formulas.units": t.units.subarray(0, t.keyStart[t.keys]!),
    "formulas.keyStart": t.keyStart.subarray(0, t.keys + 1),
    "formulas.dfZh": t.dfZh.subarray(0, t.keys),
    "formulas.dfEn": t.dfEn.subarray(0, t.keys),
    "formulas.runStart": runStart,
    "formulas.runs": runs,
  };
}

/** The ids of the bases a memo's sections stand on (to read them before the memo). */
export function baseIdsOf(s: Record<string, Section>): string[] {
  return ["shingles", "windows"].flatMap((prefix) => {
    const id = (s[`${prefix}.dead`] as { json?: { baseId?: unknown } } | undefined)?.json?.baseId;
    return typeof id === "string" ? [id] : [];
  });
}

/**
 * The memo back from its sections and its bases (by id), or null when a section or a base is
 * missing or of another shape.
 */
export function memoFromSections(
  s: Record<string, Section>,
  base: (id: string) => Postings | null,
): ReuseMemo | null {
  const u32 = (name: string): Uint32Array | null => {
    const v = s[name];
    return v instanceof Uint32Array ? v : null;
  };
  const meta = (s.meta as { json?: Record<string, unknown> } | undefined)?.json;
  const units = s["formulas.units"];
  const keyStart = u32("formulas.keyStart");
  const dfZh = u32("formulas.dfZh");
  const dfEn = u32("formulas.dfEn");
  const runStart = u32("formulas.runStart");
  const runs = u32("formulas.runs");
  const copyKey = u32("copyKey");
  const formulaWindows = u32("formulaWindows");
  const shingles = liveFrom(s, "shingles", base);
  const windows = liveFrom(s, "windows", base);
  const pairs = u32("pairs");
  const copies = u32("copies");
  if (
    !meta ||
    !(units instanceof Int32Array) ||
    !keyStart ||
    !dfZh ||
    !dfEn ||
    !runStart ||
    !runs ||
    !copyKey ||
    !formulaWindows ||
    !shingles ||
    !windows ||
    !pairs ||
    !copies
  )
    return null;
  const size = meta.size;
  const docs = meta.docs as DocSpan[];
  if (
    typeof size !== "number" ||
    !Array.isArray(docs) ||
    !Array.isArray(meta.refs) ||
    runStart.length !== size + 1 ||
    copyKey.length !== size * 2 ||
    docs.some(
      (d) => d.first + d.count > size || typeof d.firstId !== "string" || typeof d.lastId !== "string",
    )
  )
    return null;
  const keys = keyStart.length - 1;
  if (
    keys < 0 ||
    dfZh.length !== keys ||
    dfEn.length !== keys ||
    keyStart[0] !== 0 ||
    keyStart[keys] !== units.length ||
    runStart[size] !== runs.length / 3
  )
    return null;
  for (let k = 0; k < keys; k++) if (keyStart[k]! > keyStart[k + 1]!) return null;
  // The columns are taken as read (views of the memo's bytes, written to in place by this build);
  // the lookup of keys by hash is made only if a new run needs a key (formula-table.ts).
  // Runs pushed, not set at their index: an array made at its length is holey, slower to read.
  const table: FormulaTable = { keys, units, keyStart, dfZh, dfEn, runs: [], byHash: null };
  for (let p = 0; p < size; p++) {
    const from = runStart[p]!;
    const to = runStart[p + 1]!;
    if (from === to) {
      table.runs.push(NO_RUNS);
      continue;
    }
    const out: KeyedRun[] = [];
    for (let r = from; r < to; r++) {
      const key = runs[3 * r + 2]!;
      if (key >= keys || r >= runs.length / 3) return null;
      out.push({ start: runs[3 * r]!, end: runs[3 * r + 1]!, key });
    }
    table.runs.push(out);
  }
  return {
    settings: meta.settings as string,
    formulaDf: meta.formulaDf as number,
    formulaWindows,
    size,
    docs,
    refs: new Map(meta.refs as Array<[string, string]>),
    copyKey,
    shingles,
    windows,
    pairs,
    copies,
    found: meta.found as StoredLink[],
    formulas: table,
    direct: new Map(meta.direct as Array<[string, { sig: string; record: Reuse }]>),
    carried: new Map(meta.carried as Array<[string, Reuse]>),
    aligned: new Map(meta.aligned as Array<[string, AlignedDoc]>),
  };
}
