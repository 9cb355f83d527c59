/**
 * The reuse stage after a change (pipeline/reuse/incremental.ts) against a cold build of the same
 * corpus, over random sequences of edits on a small generated corpus: paragraphs rewritten,
 * added and removed, documents added, removed and redated, verbatim copies made and unmade,
 * citation spans moved, punctuation changed (units kept). After every edit the incremental result must equal the cold one in every
 * field, and so must what it keeps for the next build (no drift over a sequence).
 *
 * The corpus is drawn so that the thresholds the incremental run must track are crossed often:
 * a few phrases recur in many paragraphs (formula windows around the threshold of 4 paragraphs,
 * shingles around a lowered maxDf), and paragraphs are recombined from shared passages with edits.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
// The benchmarks' mulberry32: the corpus is a function of its seed.
import { prng as mulberry } from "../../bench/generate.ts";
import { shingleHash } from "../../core/wording/shingle.ts";
import { tokenize } from "../../core/wording/tokens.ts";
import { recordsSource } from "../../pipeline/build/write.ts";
import { sha256 } from "../../pipeline/hash.ts";
import { type PieceIn, shardOf } from "../../pipeline/memo-pieces.ts";
import { pack, packSummed, type Section, unpack } from "../../pipeline/pack.ts";
import { DEFAULT_OPTIONS, type ReuseOptions } from "../../pipeline/reuse/detect.ts";
import {
  type DirectRecord,
  type MemoInput,
  movedRefs,
  type ReuseMemo,
  reuseWithMemo,
} from "../../pipeline/reuse/incremental.ts";
import { compact, type LivePostings } from "../../pipeline/reuse/live.ts";
import {
  baseOfFile,
  baseSections,
  COLUMNS,
  DIRECT_PIECES,
  directPieces,
  memoFromPieces,
  memoPieces,
  memoSections,
  REUSE_BASE,
  REUSE_MEMO,
  recordJson,
} from "../../pipeline/reuse/memo-file.ts";
import type { DocumentRecord, Paragraph, Reuse } from "../../schemas/index.ts";
import { SCHEMA_VERSION } from "../../schemas/index.ts";
import { documentRecord, paragraph } from "../factories.ts";

/** 40 Han characters: random text over them shares no 5-character shingle by chance, often. */
const HAN = Array.from({ length: 40 }, (_, i) => String.fromCharCode(0x4e00 + i * 11));
const WORDS =
  "states agreed norms responsible behaviour cyberspace security capacity building confidence measures international law group report session open ended working voluntary framework critical infrastructure information communications technologies cooperation dialogue".split(
    " ",
  );

/** Random text: `n` characters of Chinese or `n` words of English. */
function random(rand: () => number, lang: "zh" | "en", n: number): string {
  if (lang === "zh") return Array.from({ length: n }, () => HAN[Math.floor(rand() * HAN.length)]).join("");
  return Array.from({ length: n }, () => WORDS[Math.floor(rand() * WORDS.length)]).join(" ");
}

/** A corpus as the test edits it: documents with their texts, dates and citation spans. */
interface Doc {
  symbol: string;
  lang: "zh" | "en";
  date: string;
  texts: string[];
  /** Citation spans by paragraph index. */
  refs: Map<number, [number, number][]>;
  /** Each paragraph's label (its id's last part), when not its position (1, 2, ...). */
  labels?: string[];
  /** Each paragraph's parent, by index, when not the generated one (see inputOf). */
  parents?: (number | null)[];
  /** Each paragraph's `seq`, when not its position. */
  seqs?: number[];
}

interface World {
  rand: () => number;
  docs: Doc[];
  /** Passages planted in a few paragraphs each (reuse), and short ones in many (formulas). */
  planted: Record<"zh" | "en", string[]>;
  formulas: Record<"zh" | "en", string[]>;
  next: number;
}

function text(w: World, lang: "zh" | "en"): string {
  const parts: string[] = [
    random(w.rand, lang, lang === "zh" ? 6 + Math.floor(w.rand() * 20) : 3 + Math.floor(w.rand() * 6)),
  ];
  if (w.rand() < 0.5) {
    let p = w.planted[lang][Math.floor(w.rand() * w.planted[lang].length)]!;
    // An edit now and then, so near copies and partial links appear.
    if (w.rand() < 0.4) {
      const at = Math.floor(w.rand() * p.length);
      p =
        lang === "zh"
          ? p.slice(0, at) + HAN[Math.floor(w.rand() * HAN.length)] + p.slice(at + 1)
          : `${p} ${WORDS[1]}`;
    }
    parts.push(p);
  }
  if (w.rand() < 0.5) parts.push(w.formulas[lang][Math.floor(w.rand() * w.formulas[lang].length)]!);
  if (w.rand() < 0.5) parts.push(random(w.rand, lang, lang === "zh" ? 10 : 4));
  return parts.join(lang === "zh" ? "，" : ", ");
}

function newDoc(w: World, lang: "zh" | "en"): Doc {
  const n = 3 + Math.floor(w.rand() * 12);
  const k = w.next++;
  return {
    symbol: `A/${70 + (k % 9)}/${100 + k}`,
    lang,
    date: `20${10 + Math.floor(w.rand() * 14)}-0${1 + Math.floor(w.rand() * 9)}-1${Math.floor(w.rand() * 9)}`,
    texts: Array.from({ length: n }, () => {
      // Now and then a copy of a paragraph of an earlier document: verbatim, or with one edit.
      const earlier = w.docs.filter((d) => d.lang === lang);
      const r = w.rand();
      if (earlier.length && r < 0.2) {
        const d = earlier[Math.floor(w.rand() * earlier.length)]!;
        const t = d.texts[Math.floor(w.rand() * d.texts.length)]!;
        return r < 0.1 ? t : `${t.slice(0, -3)}${lang === "zh" ? "另" : " other"}${t.slice(-2)}`;
      }
      return text(w, lang);
    }),
    refs: new Map(),
  };
}

/** A world of exactly these documents: nothing planted, no formulas drawn. */
function plainWorld(docs: World["docs"]): World {
  return { rand: mulberry(5), docs, planted: { zh: [], en: [] }, formulas: { zh: [], en: [] }, next: 0 };
}

function world(seed: number, docs: number): World {
  const rand = mulberry(seed);
  const w: World = {
    rand,
    docs: [],
    planted: {
      zh: Array.from({ length: 14 }, () => random(rand, "zh", 22 + Math.floor(rand() * 20))),
      en: Array.from({ length: 10 }, () => random(rand, "en", 7 + Math.floor(rand() * 6))),
    },
    formulas: {
      zh: Array.from({ length: 3 }, () => random(rand, "zh", 7 + Math.floor(rand() * 5))),
      en: Array.from({ length: 2 }, () => random(rand, "en", 3 + Math.floor(rand() * 2))),
    },
    next: 0,
  };
  for (let i = 0; i < docs; i++) {
    const d = newDoc(w, rand() < 0.7 ? "zh" : "en");
    w.docs.push(d);
    // A third of the documents are held in both languages, paragraph for paragraph: their
    // alignment pairs them, and links are carried from one language to the other.
    if (rand() < 0.35) {
      const other = d.lang === "zh" ? "en" : "zh";
      w.docs.push({ ...d, lang: other, texts: d.texts.map(() => text(w, other)), refs: new Map() });
    }
  }
  return w;
}

/** The stage input of a world: paragraphs in document order, records hashed on their content. */
function inputOf(w: World): MemoInput {
  const docs = [...w.docs].sort((a, b) => a.symbol.localeCompare(b.symbol) || a.lang.localeCompare(b.lang));
  const paragraphs: Paragraph[] = [];
  const documents: DocumentRecord[] = [];
  const references = new Map<string, [number, number][]>();
  for (const d of docs) {
    const ps: Paragraph[] = [];
    d.texts.forEach((t, i) => {
      const num = [d.labels?.[i] ?? String(i + 1)];
      const p = paragraph({ doc: d.symbol, lang: d.lang, num, text: t, seq: d.seqs?.[i] ?? i });
      // One paragraph in ten is a subparagraph of the one before (chapeau and item are never linked).
      if (!d.parents) ps.push(i % 10 === 3 ? { ...p, parent: ps[i - 1]!.id } : p);
      else ps.push(p);
    });
    // Parents named by index, once every paragraph has its id.
    d.parents?.forEach((at, i) => {
      if (at !== null && ps[i]) ps[i] = { ...ps[i]!, parent: ps[at]?.id ?? `${d.symbol}/missing` };
    });
    for (const [i, spans] of d.refs) if (ps[i]) references.set(ps[i]!.id, spans);
    paragraphs.push(...ps);
    documents.push(
      documentRecord({
        symbol: d.symbol,
        lang: d.lang,
        date: d.date,
        paragraphs: ps.length,
        hash: sha256(JSON.stringify([d.date, d.texts, d.labels, d.parents, d.seqs])),
      }),
    );
  }
  return { paragraphs, documents, references, names: [] };
}

/** One edit of a world, chosen and applied from random numbers. */
type Edit = [kind: number, a: number, b: number];

function apply(w: World, [kind, a, b]: Edit): void {
  const pick = (x: number) => w.docs[Math.floor(x * w.docs.length) % Math.max(1, w.docs.length)];
  const d = pick(a);
  switch (kind) {
    case 0: // rewrite one paragraph
      if (d?.texts.length) d.texts[Math.floor(b * d.texts.length)] = text(w, d.lang);
      break;
    case 1: // append a sentence to the last paragraph (the bench's edit)
      if (d?.texts.length) d.texts[d.texts.length - 1] += d.lang === "zh" ? "修改。" : " amended.";
      break;
    case 2: // add a paragraph
      d?.texts.splice(Math.floor(b * (d.texts.length + 1)), 0, text(w, d.lang));
      break;
    case 3: // remove a paragraph
      if (d && d.texts.length > 1) d.texts.splice(Math.floor(b * d.texts.length), 1);
      break;
    case 4: // a new document
      w.docs.push(newDoc(w, b < 0.6 ? "zh" : "en"));
      break;
    case 5: // a document removed
      if (w.docs.length > 2) w.docs.splice(Math.floor(a * w.docs.length) % w.docs.length, 1);
      break;
    case 6: // a document redated (reading order, hence the direction of links, moves)
      if (d) d.date = `20${10 + Math.floor(b * 14)}-05-05`;
      break;
    case 7: {
      // a verbatim copy of a paragraph of another document, in the same language
      const src = pick(b);
      if (d && src && src.lang === d.lang && src.texts.length)
        d.texts.push(src.texts[Math.floor(a * src.texts.length)]!);
      break;
    }
    case 8: // citation spans moved on a paragraph (its reference marks change, its text not)
      if (d?.texts.length) {
        const i = Math.floor(b * d.texts.length);
        const len = d.texts[i]!.length;
        const s = Math.floor(a * Math.max(1, len - 6));
        if (d.refs.has(i)) d.refs.delete(i);
        else d.refs.set(i, [[s, Math.min(len, s + 6)]]);
      }
      break;
    case 9: {
      // punctuation changed in a paragraph: its units stand, so do the keys of its formula
      // passages, but not their text (the formula list shows the first carrier's)
      const i = Math.floor(b * (d?.texts.length ?? 0));
      const t = d?.texts[i];
      if (d && t !== undefined)
        d.texts[i] = /[，,]/.test(t)
          ? t.replace(/，/g, "；").replace(/,/g, ";")
          : t.replace(/；/g, "，").replace(/;/g, ",");
      break;
    }
  }
}

function effective(l: LivePostings, n: number) {
  const p = compact(l, n, "").base.whole();
  return [Array.from(p.hash), Array.from(p.df), Array.from(p.post)];
}

/**
 * What a memo holds, in a form two memos can be compared in: sets sorted, ids (the corpus's, in
 * its numbering) for numbers.
 */
function canonical(m: ReuseMemo, ids: readonly string[]) {
  const pairs = (flat: Uint32Array) => {
    const out: string[] = [];
    for (let i = 0; i < flat.length; i += 2) out.push(`${ids[flat[i]!]}|${ids[flat[i + 1]!]}`);
    return out.sort();
  };
  return {
    formulaDf: m.formulaDf,
    size: m.size,
    docs: m.docs,
    pairs: pairs(m.pairs),
    copies: pairs(m.copies),
    found: m.found
      .map(
        (l) =>
          `${ids[l.from]}|${ids[l.to]}|${l.kind}|${l.score}|${l.copy}|${l.kept}|${JSON.stringify(l.passages)}`,
      )
      .sort(),
    copyKey: Array.from(m.copyKey),
    paraKey: Array.from(m.paraKey),
    // The postings as they stand (base less removed, plus added): the same, however kept.
    shingles: effective(m.shingles, m.size),
    windows: effective(m.windows, m.size),
    formulaWindows: Array.from(m.formulaWindows),
    formulaCounts: Array.from(m.formulaCounts),
    direct: [...m.direct].map(([key, d]) => `${key}|${d.sig}|${JSON.stringify(d.record)}`).sort(),
    formulaTexts: [...m.formulaTexts].sort(),
    // The formula list's counts by key, a key named by its units (the numbering of keys is the
    // order they were met in, which differs), the keys no paragraph carries left out.
    listCounts: listCountsByUnits(m, ids),
  };
}

function listCountsByUnits(m: ReuseMemo, ids: readonly string[]): string[] {
  const t = m.formulas;
  const c = m.listCounts;
  const out: string[] = [];
  for (let k = 0; k < t.keys; k++) {
    if (!c.carZh[k] && !c.carEn[k]) continue;
    const units = Array.from(t.units.subarray(t.keyStart[k], t.keyStart[k + 1]));
    const examples = Array.from(c.examples.subarray(3 * k, 3 * k + 3), (e) => (e < 0 ? "" : ids[e]));
    out.push(`${units}|${c.carZh[k]}|${c.carEn[k]}|${examples}`);
  }
  return out.sort();
}

/**
 * A record the memo carries as the bytes it was read from is those bytes' record: what is written
 * again as they are (memo-file.ts `directSections`) is what a record made anew writes.
 */
function bytesHold(m: ReuseMemo): void {
  for (const d of m.direct.values())
    if (d.bytes) expect(new TextDecoder().decode(d.bytes)).toBe(JSON.stringify(d.record));
}

/**
 * The memo with its bases of postings written as files and read back by range (memo-file.ts
 * `baseOfFile`), as the build after it reads the bases its stamps vouch for.
 */
function throughFiles(m: ReuseMemo): ReuseMemo {
  const reread = (l: LivePostings): LivePostings => {
    const chunks = pack(REUSE_BASE.kind, "test", baseSections(l.base.whole(), l.base.paragraphs));
    const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of chunks) {
      bytes.set(c, at);
      at += c.length;
    }
    const file = {
      size: bytes.length,
      read: (position: number, into: Uint8Array) => {
        into.set(bytes.subarray(position, position + into.length));
        return position + into.length <= bytes.length;
      },
    };
    // Block by block throughout: the blocks of these small bases would be read whole at once.
    return { ...l, base: baseOfFile(file, REUSE_BASE.kind, "test", Infinity)! };
  };
  const bases = new Map([m.shingles, m.windows].map((l) => [l.baseId, reread(l).base]));
  // The memo itself written and read back as a build does: its columns views of its bytes, its
  // records' bytes carried, its records' pieces carried or packed as memos.ts does.
  const bytes = new Uint8Array(Buffer.concat(pack(REUSE_MEMO.kind, "test", memoSections(m))));
  const pieces = memoPieces(m, "test").map((p): PieceIn => {
    if ("carried" in p) {
      piecesWritten.carried++;
      const kept = pieceStore.get(p.carried);
      expect(kept).toBeDefined();
      return { name: p.carried, sections: () => kept! };
    }
    piecesWritten.packed++;
    const packed = packSummed(REUSE_MEMO.kind, "piece", p.sections);
    const name = `reuse-${packed.sha256}`;
    pieceStore.set(name, unpack(new Uint8Array(Buffer.concat(packed.chunks)), REUSE_MEMO.kind, "piece")!);
    return { name, sections: () => pieceStore.get(name)! };
  });
  const read = memoFromPieces(
    unpack(bytes, REUSE_MEMO.kind, "test")!,
    pieces,
    "test",
    (id) => bases.get(id) ?? null,
  );
  expect(read).not.toBeNull();
  return read!;
}

/** The records' pieces throughFiles wrote, by name, and how many it carried and packed. */
const pieceStore = new Map<string, Record<string, Section>>();
const piecesWritten = { carried: 0, packed: 0 };

/** Settings that make the thresholds cross often in a corpus of a few hundred paragraphs. */
const TIGHT: ReuseOptions = { ...DEFAULT_OPTIONS, maxDf: 6 };

describe("the reuse stage after edits equals a cold build of the same corpus", () => {
  test.each([
    // Postings compacted into a new base at every build, and never (only base and delta).
    { name: "default settings", options: DEFAULT_OPTIONS, compactAt: 0 },
    { name: "default settings, postings never compacted", options: DEFAULT_OPTIONS, compactAt: Infinity },
    { name: "maxDf 6 (shingles cross it often)", options: TIGHT, compactAt: Infinity },
    { name: "maxDf 6, compacted at every build", options: TIGHT, compactAt: 0 },
    // Bases read by range, as a build reads those its stamps vouch for, and the memo through its file.
    {
      name: "maxDf 6, bases read by range, the memo through its file",
      options: TIGHT,
      compactAt: Infinity,
      byRange: true,
    },
  ])("$name: random sequences of edits", ({ options, compactAt, byRange }) => {
    let held = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 9 }),
            fc.double({ min: 0, max: 0.999, noNaN: true }),
            fc.double({ min: 0, max: 0.999, noNaN: true }),
          ),
          {
            minLength: 1,
            maxLength: 8,
          },
        ),
        (seed, edits) => {
          const w = world(seed, 12);
          let memo = reuseWithMemo(inputOf(w), SCHEMA_VERSION, null, options).memo;
          for (const edit of edits) {
            apply(w, edit);
            const input = inputOf(w);
            const inc = reuseWithMemo(
              input,
              SCHEMA_VERSION,
              byRange ? throughFiles(memo) : memo,
              options,
              compactAt,
            );
            const cold = reuseWithMemo(input, SCHEMA_VERSION, null, options);
            expect(inc.mode).toBe("incremental");
            expect(inc.result).toEqual(cold.result);
            // reuse.jsonl's source, hashed from the bytes of the records read from the memo, is
            // the cold build's, hashed from its records serialised (write.ts recordsSource).
            expect(recordsSource("reuse.jsonl", inc.result.reuse, recordJson)).toBe(
              recordsSource("reuse.jsonl", cold.result.reuse, () => undefined),
            );
            held += inc.result.reuse.filter((r) => recordJson(r)).length;
            const ids = input.paragraphs.map((p) => p.id);
            expect(canonical(inc.memo, ids)).toEqual(canonical(cold.memo, ids));
            bytesHold(inc.memo);
            memo = inc.memo;
          }
        },
      ),
      { numRuns: 40 },
    );
    // Through its file, the memo's records come with their bytes, and many are taken unchanged.
    if (byRange) expect(held).toBeGreaterThan(100);
    // ... and pieces of them were carried, not written again.
    if (byRange) expect(piecesWritten.carried).toBeGreaterThan(0);
    else expect(held).toBe(0);
  });

  test("a shingle crossing maxDf moves a pair of copies from the search to the copy pass and back", () => {
    // A and B carry the same paragraph; C, D, E carry it inside longer ones. With maxDf 6 its
    // shingles are rare while five paragraphs carry them (A-B is linked by the search), frequent
    // once F makes six (A-B is then linked by the verbatim-copy pass), rare again when F goes.
    // (Formulas are counted from 100 paragraphs here, so that the copies are not formulas.)
    const options = { ...TIGHT, formulaDf: 100 };
    const T = random(mulberry(3), "zh", 30);
    const base = (): World => ({
      rand: mulberry(5),
      docs: [
        { symbol: "A/1/1", lang: "zh", date: "2015-01-01", texts: [T], refs: new Map() },
        { symbol: "A/1/2", lang: "zh", date: "2016-01-01", texts: [T], refs: new Map() },
        ...["A/1/3", "A/1/4", "A/1/5"].map((symbol, i) => ({
          symbol,
          lang: "zh" as const,
          date: "2017-01-01",
          texts: [`${T}${random(mulberry(10 + i), "zh", 12)}`],
          refs: new Map(),
        })),
      ],
      planted: { zh: [], en: [] },
      formulas: { zh: [], en: [] },
      next: 0,
    });
    const w = base();
    const steps = [
      () =>
        w.docs.push({ symbol: "A/1/6", lang: "zh", date: "2018-01-01", texts: [`${T}另`], refs: new Map() }),
      () => w.docs.pop(),
    ];
    let memo = reuseWithMemo(inputOf(w), SCHEMA_VERSION, null, options).memo;
    const viaCopy = (m: ReuseMemo) => m.found.filter((l) => l.copy).length;
    const before = viaCopy(memo);
    for (const step of steps) {
      step();
      const inc = reuseWithMemo(inputOf(w), SCHEMA_VERSION, memo, options);
      const cold = reuseWithMemo(inputOf(w), SCHEMA_VERSION, null, options);
      expect(inc.result).toEqual(cold.result);
      const ids = inputOf(w).paragraphs.map((p) => p.id);
      expect(canonical(inc.memo, ids)).toEqual(canonical(cold.memo, ids));
      memo = inc.memo;
      if (step === steps[0]) expect(viaCopy(memo)).toBeGreaterThan(before);
    }
  });

  test("the corpus crosses the thresholds the incremental run tracks", () => {
    // Without links, formulas, copies and links carried across languages, the property above
    // would prove little.
    const w = world(7, 12);
    const r = reuseWithMemo(inputOf(w), SCHEMA_VERSION, null, TIGHT);
    expect(r.result.aligned.rows.length).toBeGreaterThan(5);
    expect(r.result.summary.byVia.aligned ?? 0).toBeGreaterThan(0);
    expect(r.result.summary.links).toBeGreaterThan(5);
    expect(r.result.formulas.formulas.length).toBeGreaterThan(3);
    expect(r.result.summary.byKind.verbatim ?? 0).toBeGreaterThan(0);
    expect(r.result.summary.byKind.near ?? 0).toBeGreaterThan(0);
    expect(r.result.summary.alsoIn).toBeGreaterThan(0);
    expect(r.result.formulaWindows.length).toBeGreaterThan(3);
  });

  test("paragraphs compared with a changed one take their formula marks from the windows over the threshold now", () => {
    // Three documents open with a phrase; a fourth makes its windows formulas (formulaDf 4) and
    // shares a passage with the first, next to the phrase: the link between them stands on the
    // passage, and the first's marks (read from the windows at or over the threshold after the
    // change, not before it) decide its passages and its formula flag.
    const options = { ...DEFAULT_OPTIONS, formulaDf: 4 };
    const phrase = random(mulberry(11), "zh", 10);
    const shared = random(mulberry(12), "zh", 30);
    const doc = (i: number): World["docs"][number] => ({
      symbol: `A/3/${i}`,
      lang: "zh",
      date: `201${i}-01-01`,
      texts: [
        `${phrase}${i === 1 || i === 4 ? shared : random(mulberry(20 + i), "zh", 30)}${random(mulberry(30 + i), "zh", 12)}`,
      ],
      refs: new Map(),
    });
    const w = plainWorld([doc(1), doc(2), doc(3)]);
    let memo = reuseWithMemo(inputOf(w), SCHEMA_VERSION, null, options).memo;
    expect(memo.formulaWindows.length).toBe(0);
    for (const [step, linked] of [
      [() => w.docs.push(doc(4)), true],
      [() => w.docs.pop(), false],
      [() => w.docs.push(doc(4)), true],
    ] as const) {
      step();
      const inc = reuseWithMemo(inputOf(w), SCHEMA_VERSION, memo, options);
      const cold = reuseWithMemo(inputOf(w), SCHEMA_VERSION, null, options);
      expect(inc.mode).toBe("incremental");
      expect(inc.result).toEqual(cold.result);
      // With the fourth document: the phrase is a formula, marked in the link that stands on the passage.
      expect(inc.result.reuse.some((r) => r.formula)).toBe(linked);
      expect(inc.result.formulas.formulas.length > 0).toBe(linked);
      memo = inc.memo;
    }
  });

  test("a window rising to the formula threshold joins the windows shipped to search, and leaves when it falls", () => {
    // The phrase opens three paragraphs; a fourth makes its windows formulas (formulaDf 4), and
    // removing it makes them rare again. The incremental run must follow without a recount.
    const options = { ...DEFAULT_OPTIONS, formulaDf: 4 };
    const phrase = random(mulberry(11), "zh", 8);
    const doc = (i: number): World["docs"][number] => ({
      symbol: `A/2/${i}`,
      lang: "zh",
      date: `201${i}-01-01`,
      texts: [`${phrase}${random(mulberry(20 + i), "zh", 20)}`],
      refs: new Map(),
    });
    const w = plainWorld([doc(1), doc(2), doc(3)]);
    const window = shingleHash(tokenize(phrase).ids, 0, options.zh.formulaWindow);
    const ships = (m: ReuseMemo) => m.formulaWindows.includes(window);
    let memo = reuseWithMemo(inputOf(w), SCHEMA_VERSION, null, options).memo;
    expect(ships(memo)).toBe(false);
    for (const [step, shipped] of [
      [() => w.docs.push(doc(4)), true],
      [() => w.docs.pop(), false],
    ] as const) {
      step();
      const inc = reuseWithMemo(inputOf(w), SCHEMA_VERSION, memo, options);
      const cold = reuseWithMemo(inputOf(w), SCHEMA_VERSION, null, options);
      expect(inc.mode).toBe("incremental");
      expect(inc.result.formulaWindows).toEqual(cold.result.formulaWindows);
      expect(ships(inc.memo)).toBe(shipped);
      memo = inc.memo;
    }
  });

  test("a formula's first carrier changed between its units: the list shows its text now, not the memo's", () => {
    // Four documents carry a phrase (formulaDf 4); the earliest carries it with a comma inside,
    // which is no unit, so the passage keeps its key and its units in that paragraph while its
    // text changes with the punctuation. The memo's texts are taken for carriers that stand only.
    const options = { ...DEFAULT_OPTIONS, formulaDf: 4 };
    const phrase = random(mulberry(11), "zh", 10);
    const split = (mark: string) => `${phrase.slice(0, 5)}${mark}${phrase.slice(5)}`;
    const doc = (i: number, carried: string): World["docs"][number] => ({
      symbol: `A/4/${i}`,
      lang: "zh",
      date: `201${i}-01-01`,
      texts: [`${random(mulberry(20 + i), "zh", 12)}${carried}${random(mulberry(30 + i), "zh", 12)}`],
      refs: new Map(),
    });
    const w = plainWorld([doc(1, split("，")), doc(2, phrase), doc(3, phrase), doc(4, phrase)]);
    let memo = reuseWithMemo(inputOf(w), SCHEMA_VERSION, null, options).memo;
    for (const mark of ["；", "，"]) {
      w.docs[0] = doc(1, split(mark));
      const inc = reuseWithMemo(inputOf(w), SCHEMA_VERSION, memo, options);
      const cold = reuseWithMemo(inputOf(w), SCHEMA_VERSION, null, options);
      expect(inc.mode).toBe("incremental");
      expect(inc.result.formulas.formulas.map((f) => f.text)).toContain(split(mark));
      expect(inc.result).toEqual(cold.result);
      memo = inc.memo;
    }
  });
});

/**
 * A changed document is compared paragraph by paragraph: its paragraphs whose own inputs did not
 * change (id, language, kind, text, enclosing paragraphs) stand as unchanged ones, so the run
 * touches only the others, unless the document's place in the reading order may have moved.
 * Each case checks the result and memo against a cold build, and how many paragraphs were
 * touched: a run that silently fell back to the whole document would touch them all.
 */
describe("a changed document is redone in proportion to the change inside it", () => {
  // No formulas (their windows crossing the threshold would touch paragraphs of their own).
  const options = { ...DEFAULT_OPTIONS, formulaDf: 100 };
  const zh = (seed: number, n = 30) => random(mulberry(seed), "zh", n);
  const en = (seed: number, n = 12) => random(mulberry(seed), "en", n);
  const labels = (n: number) => Array.from({ length: n }, (_, i) => String(i + 1));
  /** The id of paragraph `i` of document `d`, as inputOf makes it. */
  const id = (d: Doc, i: number) => inputOf(plainWorld([d])).paragraphs[i]!.id;
  /**
   * Two documents in both languages; the later one (A/5/2) reuses the earlier one's paragraphs
   * with an edit and a tail of its own, so links run between them and are carried across
   * languages; its paragraphs 3 and 4 are a chapeau's items (3 under 2, 4 under 3).
   */
  const fixture = (): { w: World; b: Doc } => {
    const a = (lang: "zh" | "en") =>
      Array.from({ length: 8 }, (_, i) => (lang === "zh" ? zh(100 + i) : en(100 + i)));
    const later = (lang: "zh" | "en") =>
      Array.from({ length: 10 }, (_, i) => {
        const src = a(lang)[i % 8]!;
        const own = lang === "zh" ? zh(200 + i, 12) : en(200 + i, 5);
        // Its English paragraphs are its own: the Chinese links are carried to them.
        if (i % 2 || lang === "en") return lang === "zh" ? zh(300 + i) : en(300 + i);
        return lang === "zh" ? `${src.slice(0, 10)}另${src.slice(11)}${own}` : `${src} ${own}`;
      });
    const doc = (symbol: string, date: string, lang: "zh" | "en", texts: string[]): Doc => ({
      symbol,
      lang,
      date,
      texts,
      refs: new Map(),
      labels: labels(texts.length),
      parents: texts.map((_, i) => (i === 3 ? 2 : i === 4 ? 3 : null)),
    });
    const b = doc("A/5/2", "2016-01-01", "zh", later("zh"));
    const w = plainWorld([
      doc("A/5/1", "2015-01-01", "zh", a("zh")),
      doc("A/5/1", "2015-01-01", "en", a("en")),
      b,
      doc("A/5/2", "2016-01-01", "en", later("en")),
    ]);
    return { w, b };
  };
  /** The run after `edit`, checked against a cold build; how many paragraphs it touched. */
  const touchedBy = (w: World, edit: () => void): number => {
    const memo = reuseWithMemo(inputOf(w), SCHEMA_VERSION, null, options).memo;
    edit();
    const input = inputOf(w);
    const inc = reuseWithMemo(input, SCHEMA_VERSION, memo, options);
    const cold = reuseWithMemo(input, SCHEMA_VERSION, null, options);
    expect(inc.mode).toBe("incremental");
    expect(inc.result).toEqual(cold.result);
    const ids = input.paragraphs.map((p) => p.id);
    expect(canonical(inc.memo, ids)).toEqual(canonical(cold.memo, ids));
    return inc.touched;
  };

  test("the fixture links the two documents, directly and across languages", () => {
    const r = reuseWithMemo(inputOf(fixture().w), SCHEMA_VERSION, null, options).result;
    expect(r.reuse.filter((x) => x.via === "direct").length).toBeGreaterThanOrEqual(5);
    expect(r.summary.byVia.aligned ?? 0).toBeGreaterThan(0);
  });

  test("one paragraph rewritten, or a sentence appended to the last: that paragraph alone", () => {
    let { w, b } = fixture();
    expect(touchedBy(w, () => (b.texts[6] = `${b.texts[6]!.slice(0, 10)}${zh(400)}`))).toBe(1);
    ({ w, b } = fixture());
    expect(touchedBy(w, () => (b.texts[9] += "修改。"))).toBe(1);
  });

  test("a paragraph inserted or removed: itself, or nothing, unless the others are renumbered", () => {
    let { w, b } = fixture();
    expect(
      touchedBy(w, () => {
        b.texts.splice(5, 0, zh(500));
        b.labels!.splice(5, 0, "5bis");
        b.parents!.splice(5, 0, null);
      }),
    ).toBe(1);
    ({ w, b } = fixture());
    expect(
      touchedBy(w, () => {
        b.texts.splice(5, 1);
        b.labels!.splice(5, 1);
        b.parents!.splice(5, 1);
      }),
    ).toBe(0);
    // Renumbered: the paragraphs after it have new ids, which links and records name.
    ({ w, b } = fixture());
    expect(
      touchedBy(w, () => {
        b.texts.splice(5, 0, zh(500));
        b.parents!.splice(5, 0, null);
        b.labels = labels(b.texts.length);
      }),
    ).toBe(6);
    ({ w, b } = fixture());
    expect(
      touchedBy(w, () => {
        b.texts.splice(5, 1);
        b.parents!.splice(5, 1);
        b.labels = labels(b.texts.length);
      }),
    ).toBe(4);
  });

  test("a paragraph's id changed: that paragraph", () => {
    const { w, b } = fixture();
    expect(touchedBy(w, () => (b.labels![6] = "6bis"))).toBe(1);
  });

  test("a paragraph's enclosing paragraphs changed: it and the paragraphs under it", () => {
    let { w, b } = fixture();
    expect(touchedBy(w, () => (b.parents![6] = 5))).toBe(1);
    // 4 carries 2's text, but is under 3, under 2: never linked to it. 3 moves under 0: 4 is
    // enclosed by 3 and 0 now, not by 2, and the two are linked, though neither's text changed.
    ({ w, b } = fixture());
    b.texts[4] = `${b.texts[2]}${zh(450, 10)}`;
    const linked = (r: Reuse) => r.from === id(b, 2) && r.to === id(b, 4);
    expect(reuseWithMemo(inputOf(w), SCHEMA_VERSION, null, options).result.reuse.some(linked)).toBe(false);
    expect(touchedBy(w, () => (b.parents![3] = 0))).toBe(2);
    expect(reuseWithMemo(inputOf(w), SCHEMA_VERSION, null, options).result.reuse.some(linked)).toBe(true);
  });

  test("another paragraph's citation spans moved with the change: it too", () => {
    const { w, b } = fixture();
    expect(
      touchedBy(w, () => {
        b.texts[6] += "修改。";
        b.refs.set(2, [[0, 6]]);
      }),
    ).toBe(2);
  });

  test("two paragraphs swapped: those out of order are redone, and the link between them turns", () => {
    const { w, b } = fixture();
    b.texts[7] = `${b.texts[1]}${zh(470, 10)}`;
    const swap = <T>(list: T[]) => ([list[1], list[7]] = [list[7]!, list[1]!]);
    const [first, second] = [id(b, 1), id(b, 7)];
    const linked = (from: string, to: string) =>
      reuseWithMemo(inputOf(w), SCHEMA_VERSION, null, options).result.reuse.some(
        (r) => r.from === from && r.to === to,
      );
    expect(linked(first, second)).toBe(true);
    const touched = touchedBy(w, () => {
      swap(b.texts);
      swap(b.labels!);
    });
    expect(linked(second, first)).toBe(true);
    expect(touched).toBeGreaterThanOrEqual(2);
    expect(touched).toBeLessThan(10);
  });

  test("the document redated, or its paragraphs out of order: the whole document", () => {
    let { w, b } = fixture();
    expect(touchedBy(w, () => (b.date = "2014-01-01"))).toBe(10);
    ({ w, b } = fixture());
    b.seqs = [0, 1, 2, 3, 4, 6, 5, 7, 8, 9];
    expect(touchedBy(w, () => (b.texts[9] += "修改。"))).toBe(10);
  });

  test("a document read together with another (same date, symbols that sort equal): the whole document", () => {
    // Their paragraphs are ordered together by seq: X's fifth paragraph comes after Y's fourth,
    // which it copies; three paragraphs put before Y's make the copy later, and the link turns.
    const copy = zh(700);
    const x: Doc = {
      symbol: "A/6/\u00e9",
      lang: "zh",
      date: "2016-01-01",
      texts: [zh(701), zh(702), zh(703), zh(704), zh(705), `${copy}${zh(706, 10)}`],
      refs: new Map(),
      labels: labels(6),
    };
    const y: Doc = {
      symbol: "A/6/e\u0301",
      lang: "zh",
      date: "2016-01-01",
      texts: [zh(711), zh(712), zh(713), `${copy}${zh(714, 10)}`],
      refs: new Map(),
      labels: labels(4),
    };
    const w = plainWorld([x, y]);
    const before = reuseWithMemo(inputOf(w), SCHEMA_VERSION, null, options).result.reuse;
    expect(before.map((r) => r.from.includes("e\u0301"))).toEqual([true]);
    expect(
      touchedBy(w, () => {
        y.texts.unshift(zh(720), zh(721), zh(722));
        y.labels = ["a", "b", "c", ...y.labels!];
      }),
    ).toBe(7);
  });
});

/**
 * The kept links' records are kept in pieces by a hash of their key (memo-file.ts): after an edit,
 * a piece is written again exactly when its records are not all the ones read from it, in the
 * same order (a record made anew, one added or gone, two swapped); every other piece is carried.
 * The formula table's key columns are one piece, carried while no key is added.
 */
describe("the reuse memo's pieces", () => {
  type Groups = Map<number, Array<[string, DirectRecord]>>;
  const groups = (direct: ReadonlyMap<string, DirectRecord>): Groups => {
    const out: Groups = new Map();
    for (const [key, d] of direct) {
      const g = shardOf(key, DIRECT_PIECES);
      out.set(g, [...(out.get(g) ?? []), [key, d]]);
    }
    return out;
  };

  test("after one edit, the pieces whose records moved are written again, the others carried", () => {
    let carried = 0;
    let packed = 0;
    let keysCarried = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const w = world(seed, 12);
      const memo = throughFiles(reuseWithMemo(inputOf(w), SCHEMA_VERSION, null, DEFAULT_OPTIONS).memo);
      const before = groups(memo.direct);
      const keysBefore = memo.formulas.keys;
      apply(w, [seed % 9, 0.37, 0.61]);
      const inc = reuseWithMemo(inputOf(w), SCHEMA_VERSION, memo, DEFAULT_OPTIONS);
      const after = groups(inc.memo.direct);
      const moved = [...after].filter(([g, list]) => {
        const was = before.get(g);
        return (
          !was || was.length !== list.length || list.some(([k, d], i) => was[i]![0] !== k || was[i]![1] !== d)
        );
      });
      const pieces = directPieces(inc.memo.direct, "test");
      expect(pieces).toHaveLength(after.size);
      expect(pieces.filter((p) => "sections" in p)).toHaveLength(moved.length);
      // Under another code version, nothing is carried.
      expect(memoPieces(inc.memo, "other").every((p) => "sections" in p)).toBe(true);
      // The key columns' piece is carried exactly when the edit added no key (keys are appended).
      const keys = memoPieces(inc.memo, "test")[0]!;
      expect("carried" in keys).toBe(inc.memo.formulas.keys === keysBefore);
      if ("carried" in keys) keysCarried++;
      carried += pieces.length - moved.length;
      packed += moved.length;
    }
    expect(carried).toBeGreaterThan(packed);
    expect(keysCarried).toBeGreaterThan(0);
  });

  test("a memo whose columns' pieces are not in their places does not read back", () => {
    const w = world(5, 12);
    const memo = throughFiles(reuseWithMemo(inputOf(w), SCHEMA_VERSION, null, DEFAULT_OPTIONS).memo);
    const pieces = memoPieces(memo, "test").map((p): PieceIn => {
      const name =
        "carried" in p ? p.carried : `reuse-${packSummed(REUSE_MEMO.kind, "piece", p.sections).sha256}`;
      return { name, sections: () => pieceStore.get(name)! };
    });
    // The key columns' piece, the large columns', the records': each the one throughFiles wrote,
    // the columns' packed again to the same.
    expect(pieces.length).toBeGreaterThan(1 + COLUMNS.length);
    expect(pieces.every((p) => pieceStore.has(p.name))).toBe(true);
    const s = unpack(
      new Uint8Array(Buffer.concat(pack(REUSE_MEMO.kind, "test", memoSections(memo)))),
      REUSE_MEMO.kind,
      "test",
    )!;
    const bases = (id: string) => [memo.shingles, memo.windows].find((l) => l.baseId === id)?.base ?? null;
    expect(memoFromPieces(s, pieces, "test", bases)).not.toBeNull();
    // copyKey's and paraKey's pieces swapped; a column's piece left out.
    const swapped = [pieces[0]!, pieces[2]!, pieces[1]!, ...pieces.slice(3)];
    expect(memoFromPieces(s, swapped, "test", bases)).toBeNull();
    expect(memoFromPieces(s, [pieces[0]!, ...pieces.slice(2)], "test", bases)).toBeNull();
  });
});

describe("the citing paragraphs' spans after a change (movedRefs)", () => {
  test("moves the ids whose spans changed, came or went, and leaves the memo's map as refsOf makes it", () => {
    const spans = fc.array(fc.tuple(fc.nat(9), fc.nat(9)), { maxLength: 2 });
    const ids = fc.constantFrom<string>("a", "b", "c", "d", "e");
    fc.assert(
      fc.property(fc.array(fc.tuple(ids, spans)), fc.array(fc.tuple(ids, spans)), (before, after) => {
        const key = (s: [number, number][] | undefined) => (s ?? []).map(([x, y]) => `${x}-${y}`).join(" ");
        const keys = (m: Map<string, [number, number][]>) =>
          new Map([...m].filter(([, s]) => s.length).map(([id, s]) => [id, key(s)]));
        const old = keys(new Map(before));
        const references = new Map<string, [number, number][]>(after);
        const expected = new Set(
          [...new Set([...old.keys(), ...references.keys()])].filter(
            (id) => (old.get(id) ?? "") !== key(references.get(id)),
          ),
        );
        const refs = new Map(old);
        expect(movedRefs(refs, references)).toEqual(expected);
        expect(new Map([...refs].sort())).toEqual(new Map([...keys(references)].sort()));
      }),
      { numRuns: 300 },
    );
  });
});
