/**
 * The reuse memo (incremental.ts) as the sections of a pack (pipeline/pack.ts) and back: the
 * postings and the pairs as typed arrays, read back as views without parsing; the links, the
 * records and the rest as JSON. Pure: the runner reads and writes the file.
 */
import type { Reuse } from "../../schemas/index.ts";
import type { Section } from "../pack.ts";
import { type FormulaTable, indexKeys, type KeyedRun } from "./formula-table.ts";
import type { AlignedDoc, DocSpan, ReuseMemo, StoredLink } from "./incremental.ts";
import type { Postings } from "./postings.ts";

/** The kind of pack a reuse memo is (pack.ts), and its layout's version. */
export const REUSE_MEMO = { kind: "acquis reuse memo", version: "1" } as const;

function postingSections(prefix: string, p: Postings): Record<string, Section> {
  return {
    [`${prefix}.hash`]: p.hash,
    [`${prefix}.start`]: p.start,
    [`${prefix}.post`]: p.post,
    [`${prefix}.df`]: p.df,
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
        ids: m.ids,
        docs: m.docs,
        refs: m.refs,
        found: m.found,
        direct: [...m.direct],
        carried: [...m.carried],
        aligned: [...m.aligned],
      },
    },
    copyKey: m.copyKey,
    ...postingSections("shingles", m.shingles),
    ...postingSections("windows", m.windows),
    pairs: m.pairs,
    copies: m.copies,
    "formulas.units": Int32Array.from(t.units),
    "formulas.keyStart": Uint32Array.from(t.keyStart),
    "formulas.dfZh": Uint32Array.from(t.dfZh),
    "formulas.dfEn": Uint32Array.from(t.dfEn),
    "formulas.runStart": runStart,
    "formulas.runs": runs,
  };
}

/** The memo back from its sections, or null when a section is missing or of another shape. */
export function memoFromSections(s: Record<string, Section>): ReuseMemo | null {
  const u32 = (name: string): Uint32Array | null => {
    const v = s[name];
    return v instanceof Uint32Array ? v : null;
  };
  const postings = (prefix: string): Postings | null => {
    const hash = u32(`${prefix}.hash`);
    const start = u32(`${prefix}.start`);
    const post = u32(`${prefix}.post`);
    const df = u32(`${prefix}.df`);
    if (!hash || !start || !post || !df || start.length !== hash.length + 1 || df.length !== hash.length)
      return null;
    return { hash, start, post, df };
  };
  const meta = (s.meta as { json?: Record<string, unknown> } | undefined)?.json;
  const units = s["formulas.units"];
  const keyStart = u32("formulas.keyStart");
  const dfZh = u32("formulas.dfZh");
  const dfEn = u32("formulas.dfEn");
  const runStart = u32("formulas.runStart");
  const runs = u32("formulas.runs");
  const copyKey = u32("copyKey");
  const shingles = postings("shingles");
  const windows = postings("windows");
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
    !shingles ||
    !windows ||
    !pairs ||
    !copies
  )
    return null;
  const ids = meta.ids as string[];
  if (!Array.isArray(ids) || runStart.length !== ids.length + 1 || copyKey.length !== ids.length * 2)
    return null;
  const table: FormulaTable = {
    units: Array.from(units),
    keyStart: Array.from(keyStart),
    dfZh: Array.from(dfZh),
    dfEn: Array.from(dfEn),
    runs: Array.from({ length: ids.length }, (_, p) => {
      const out: KeyedRun[] = [];
      for (let r = runStart[p]!; r < runStart[p + 1]!; r++)
        out.push({ start: runs[3 * r]!, end: runs[3 * r + 1]!, key: runs[3 * r + 2]! });
      return out;
    }),
    byHash: new Map(),
  };
  indexKeys(table);
  return {
    settings: meta.settings as string,
    formulaDf: meta.formulaDf as number,
    ids,
    docs: meta.docs as DocSpan[],
    refs: meta.refs as string[],
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
