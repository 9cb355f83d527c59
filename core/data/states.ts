/**
 * Which papers are a State's, and which texts are agreed: one answer for the adoption stage
 * (pipeline/states), the State pages and `acquis state`, so the three never count differently.
 *
 * A State's papers are the documents naming it among their `authors` (a joint paper credits each
 * author), its sections of compendia, and the documents held in the corpus that a list of working
 * papers (working-papers.json) says it submitted. An agreed text is one whose status is consensus
 * or adopted: a chair's summary, a draft or a national paper is not agreed language.
 *
 * Pure: records in, indexes out; runs in Node and in the browser.
 */

import type {
  AdoptionCredit,
  AdoptionEnd,
  AdoptionFile,
  AdoptionLink,
  AdoptionRow,
  DocStatus,
  DocumentRecord,
  Lang,
  Paragraph,
  Section,
  State,
  StateReport,
  WorkingPaper,
} from "../../schemas/index.ts";
import { citationsOf } from "../cite/format.ts";

/** The statuses of agreed language. */
export const AGREED_STATUSES: readonly DocStatus[] = ["consensus", "adopted"];

/** True for a consensus or adopted text. */
export function isAgreed(doc: Pick<DocumentRecord, "status">): boolean {
  return AGREED_STATUSES.includes(doc.status);
}

/** What is known of one State (or group of States) as an author. */
export interface StateEntry {
  state: State;
  /** Working papers it submitted, alone or jointly, from the lists of documents. */
  papers: WorkingPaper[];
  /**
   * Documents it wrote or co-wrote, or submitted as a working paper the corpus holds, each with
   * the languages held, newest first.
   */
  documents: Array<Partial<Record<Lang, DocumentRecord>>>;
  /** Its sections of compendia: the document version and the section. */
  sections: Array<{ doc: DocumentRecord; section: Section }>;
}

/** A title as compared with a list's entry: width, case, spaces and punctuation ignored. */
function titleKey(title: string): string {
  return title
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, "");
}

/**
 * The held documents a list of working papers names, by document key: a document (not agreed)
 * whose title is an entry's title, or whose key the entry prints.
 */
export function workingPaperDocuments(
  documents: readonly DocumentRecord[],
  workingPapers: readonly WorkingPaper[],
): Map<string, WorkingPaper[]> {
  const byTitle = new Map<string, string[]>();
  for (const d of documents) {
    if (isAgreed(d)) continue;
    const key = titleKey(d.title);
    if (!key) continue;
    const list = byTitle.get(key) ?? [];
    if (!list.includes(d.symbol)) list.push(d.symbol);
    byTitle.set(key, list);
  }
  const keys = [...new Set(documents.filter((d) => !isAgreed(d)).map((d) => d.symbol))];
  const out = new Map<string, WorkingPaper[]>();
  const add = (symbol: string, wp: WorkingPaper) => {
    const list = out.get(symbol) ?? [];
    if (!list.includes(wp)) list.push(wp);
    out.set(symbol, list);
  };
  for (const wp of workingPapers) {
    for (const symbol of byTitle.get(titleKey(wp.title)) ?? []) add(symbol, wp);
    // A symbol printed in the entry ("A/AC.290/2021/WP.1"): a key as printed, never a substring of a longer one.
    for (const symbol of keys) {
      const at = wp.title.indexOf(symbol);
      if (at >= 0 && !/[\w./-]/.test(wp.title[at + symbol.length] ?? "")) add(symbol, wp);
    }
  }
  return out;
}

/** Every State and group with its papers, keyed by code. */
export function statesOf(
  documents: readonly DocumentRecord[],
  workingPapers: readonly WorkingPaper[],
): Map<string, StateEntry> {
  const states = new Map<string, StateEntry>();
  const entry = (code: string, name: { zh: string; en: string }, printed: string): StateEntry => {
    let e = states.get(code);
    if (!e) {
      e = { state: { code, name, printed }, papers: [], documents: [], sections: [] };
      states.set(code, e);
    }
    return e;
  };
  const bySymbol = new Map<string, Partial<Record<Lang, DocumentRecord>>>();
  for (const d of documents) {
    const versions = bySymbol.get(d.symbol) ?? {};
    versions[d.lang] = d;
    bySymbol.set(d.symbol, versions);
  }
  for (const wp of workingPapers) {
    for (const s of wp.states) entry(s.code, s.name, s.printed).papers.push(wp);
  }
  for (const versions of bySymbol.values()) {
    const any = (versions.en ?? versions.zh)!;
    for (const a of any.authors ?? []) entry(a.code, a.name, a.name.en).documents.push(versions);
  }
  for (const [symbol, wps] of workingPaperDocuments(documents, workingPapers)) {
    const versions = bySymbol.get(symbol);
    if (!versions) continue;
    for (const s of wps.flatMap((wp) => wp.states)) {
      const e = entry(s.code, s.name, s.printed);
      if (!e.documents.includes(versions)) e.documents.push(versions);
    }
  }
  for (const d of documents) {
    for (const section of d.sections ?? []) {
      if (section.state)
        entry(section.state.code, section.state.name, section.state.name.en).sections.push({
          doc: d,
          section,
        });
    }
  }
  for (const e of states.values()) {
    e.documents.sort(
      (a, b) =>
        (b.en ?? b.zh)!.date.localeCompare((a.en ?? a.zh)!.date) ||
        (a.en ?? a.zh)!.symbol.localeCompare((b.en ?? b.zh)!.symbol),
    );
  }
  return states;
}

/** Who a paragraph is credited to, and why. */
export interface Credit {
  /** State or group codes, sorted. */
  states: string[];
  credit: AdoptionCredit;
}

/**
 * The function that says whose a paragraph is: its document's authors, else the State of the
 * compendium section it stands in, else the States a list says submitted its document; null
 * for a paragraph of an agreed text or of nobody's paper.
 */
export function creditor(
  documents: readonly DocumentRecord[],
  workingPapers: readonly WorkingPaper[],
): (p: Pick<Paragraph, "doc" | "lang" | "part">) => Credit | null {
  const byKey = new Map(documents.map((d) => [`${d.symbol}\u0000${d.lang}`, d]));
  const submitted = workingPaperDocuments(documents, workingPapers);
  const cache = new Map<string, Credit | null>();
  return (p) => {
    const doc = byKey.get(`${p.doc}\u0000${p.lang}`);
    if (!doc || isAgreed(doc)) return null;
    const part = p.part.join("\u0000");
    const key = `${p.doc}\u0000${p.lang}\u0000${part}`;
    if (cache.has(key)) return cache.get(key)!;
    let credit: Credit | null = null;
    const authors = doc.authors ?? [];
    if (authors.length) credit = { states: sorted(authors.map((a) => a.code)), credit: "author" };
    else {
      const section = (doc.sections ?? []).find(
        (s) =>
          s.kind === "state" &&
          s.state &&
          (part === s.part.join("\u0000") || part.startsWith(`${s.part.join("\u0000")}\u0000`)),
      );
      if (section?.state) credit = { states: [section.state.code], credit: "section" };
      else {
        const wps = submitted.get(doc.symbol);
        const codes = wps ? sorted(wps.flatMap((wp) => wp.states.map((s) => s.code))) : [];
        if (codes.length) credit = { states: codes, credit: "working paper" };
      }
    }
    cache.set(key, credit);
    return credit;
  };
}

function sorted(codes: string[]): string[] {
  return [...new Set(codes)].sort();
}

/** What a State's report reads: the validated knowledge base's parts it needs. */
export interface StateReportInput {
  documents: readonly DocumentRecord[];
  paragraphs: readonly Paragraph[];
  workingPapers: readonly WorkingPaper[];
  adoption: AdoptionFile | null;
}

/**
 * One State's report, as `acquis state` prints it and the State page shows it: its papers, then
 * the links of its paragraphs to agreed texts by direction; null when the corpus knows no such
 * State or group. `states` may be passed when the caller has it already.
 */
export function stateReport(
  input: StateReportInput,
  code: string,
  schemaVersion: number,
  states: Map<string, StateEntry> = statesOf(input.documents, input.workingPapers),
): StateReport | null {
  const entry = states.get(code);
  // With adoption computed, a State none of whose paragraphs shares wording has empty counts.
  const counts = input.adoption
    ? (input.adoption.states[code] ?? { paragraphs: 0, proposed: {}, quotes: {}, sameDate: {} })
    : null;
  if (!entry && !input.adoption?.states[code]) return null;
  const byId = new Map(input.paragraphs.map((p) => [p.id, p]));
  const end = (id: string, date: string): AdoptionEnd => {
    const p = byId.get(id);
    return {
      id,
      doc: p?.doc ?? id.slice(0, id.indexOf("/")),
      lang: p?.lang ?? (id.split("/")[1] === "zh" ? "zh" : "en"),
      citation: p ? citationsOf(p) : { en: id, zh: id },
      date,
    };
  };
  const rows = (direction: AdoptionLink["direction"]): AdoptionRow[] =>
    (input.adoption?.links ?? [])
      .filter((l) => l.direction === direction && l.states.includes(code))
      .map((l) => ({
        paper: end(l.paper, l.paperDate),
        agreed: end(l.agreed, l.agreedDate),
        states: l.states,
        credit: l.credit,
        shared: l.passages.map((p) => p.text),
        kind: l.kind,
        score: l.score,
        via: l.via,
      }))
      .sort((a, b) => {
        const [x, y] = direction === "quotes" ? [a.paper, b.paper] : [a.agreed, b.agreed];
        const [u, v] = direction === "quotes" ? [a.agreed, b.agreed] : [a.paper, b.paper];
        return x.date.localeCompare(y.date) || bySeq(byId, x.id, y.id) || bySeq(byId, u.id, v.id);
      });
  const name = entry?.state.name ?? { en: code, zh: code };
  return {
    schemaVersion,
    state: { code, name },
    papers: (entry?.documents ?? []).map((versions) => {
      const any = (versions.en ?? versions.zh)!;
      return {
        doc: any.symbol,
        title: any.title,
        date: any.date,
        langs: (["zh", "en"] as const).filter((l) => versions[l]),
        with: (any.authors ?? []).map((a) => a.code).filter((c) => c !== code),
      };
    }),
    sections: (entry?.sections ?? []).map(({ doc, section }) => ({
      doc: doc.symbol,
      lang: doc.lang,
      address: section.address,
      title: section.title,
    })),
    workingPapers: (entry?.papers ?? []).map((wp) => ({
      doc: wp.doc,
      lang: wp.lang,
      n: wp.n,
      title: wp.title,
      joint: wp.joint,
    })),
    proposed: rows("proposed"),
    quotes: rows("quotes"),
    sameDate: rows("same-date"),
    counts,
  };
}

/** Reading order of two paragraph ids (documents as documents.json orders them, then position). */
function bySeq(byId: Map<string, Paragraph>, a: string, b: string): number {
  const x = byId.get(a);
  const y = byId.get(b);
  if (x && y && x.doc === y.doc && x.lang === y.lang) return x.seq - y.seq;
  return a < b ? -1 : a > b ? 1 : 0;
}
