/**
 * Scoring typed citations against the forms table (table.ts): each row's truth (what the citation
 * means) against what the lookup landed on and what it said it did not read.
 *
 * - precision: targets landed that the citation means / targets landed;
 * - recall: targets the citation means that were landed / targets it means;
 * - silently wrong: rows that landed somewhere, did not land exactly where the citation means,
 *   and said nothing was left unread: a confident wrong answer. It must be 0.
 *
 * Shared by test/cite/forms.test.ts (which asserts), bench/sections/cite.ts (which reports) and
 * the browser test (which pastes the same rows).
 */
import type { Lookup } from "../../../core/cite/query.ts";
import type { CharterTarget, DocTarget } from "../../../schemas/index.ts";
import type { FormRow } from "./table.ts";

/** A target in the table's words: "A/78/265 [annex*] 23.f.ii" (* part inferred), "UN Charter 2(3)". */
export function targetKey(t: DocTarget | CharterTarget): string {
  if ("article" in t) return `UN Charter ${t.article}${t.para ? `(${t.para})` : ""}`;
  const part = `${t.part.join(", ")}${t.partInferred ? "*" : ""}${t.scope ? ` @${t.scope}` : ""}`;
  const page = t.page ? ` p.${t.page.first}${t.page.last !== t.page.first ? `-${t.page.last}` : ""}` : "";
  return `${t.doc} [${part}]${t.section ? ` «${t.section}»` : ""} ${t.num.length ? t.num.join(".") : page ? "on" : "whole"}${page}`;
}

/** What a lookup landed on and what it said it did not read. */
export interface Got {
  targets: string[];
  unread: string[];
}

export function gotOf(lookup: Lookup): Got {
  return {
    targets: lookup.kind === "parsed" ? lookup.results.map((r) => targetKey(r.target)) : [],
    unread: lookup.unread.map((u) => u.text),
  };
}

/** One row scored. */
export interface RowScore {
  row: FormRow;
  got: Got;
  /** Landed targets the citation means. */
  hits: number;
  /** Landed somewhere wrong (or short) with nothing said. */
  silentlyWrong: boolean;
}

/** Multiset intersection size. */
function common(a: readonly string[], b: readonly string[]): number {
  const left = new Map<string, number>();
  for (const x of a) left.set(x, (left.get(x) ?? 0) + 1);
  let n = 0;
  for (const x of b) {
    const k = left.get(x) ?? 0;
    if (k > 0) {
      n++;
      left.set(x, k - 1);
    }
  }
  return n;
}

export function scoreRow(row: FormRow, got: Got): RowScore {
  const hits = common(row.means, got.targets);
  const exact = hits === row.means.length && hits === got.targets.length;
  return { row, got, hits, silentlyWrong: got.targets.length > 0 && !exact && got.unread.length === 0 };
}

/** The figures over a table. */
export interface Figures {
  rows: number;
  zh: number;
  en: number;
  landed: number;
  meant: number;
  hits: number;
  precision: number;
  recall: number;
  silentlyWrong: RowScore[];
  /** Rows where something was said not read. */
  said: number;
}

export function figures(scores: RowScore[]): Figures {
  const landed = scores.reduce((n, s) => n + s.got.targets.length, 0);
  const meant = scores.reduce((n, s) => n + s.row.means.length, 0);
  const hits = scores.reduce((n, s) => n + s.hits, 0);
  const zh = scores.filter((s) => /[\u4e00-\u9fff]/.test(s.row.pasted)).length;
  return {
    rows: scores.length,
    zh,
    en: scores.length - zh,
    landed,
    meant,
    hits,
    precision: landed ? hits / landed : 1,
    recall: meant ? hits / meant : 1,
    silentlyWrong: scores.filter((s) => s.silentlyWrong),
    said: scores.filter((s) => s.got.unread.length > 0).length,
  };
}

/** The figures in one line, as the README quotes them. */
export function figuresLine(f: Figures): string {
  return `${f.rows} forms (${f.zh} zh, ${f.en} en), ${f.meant} targets meant, ${f.landed} landed: precision ${f.precision.toFixed(3)}, recall ${f.recall.toFixed(3)}, silently wrong ${f.silentlyWrong.length}; ${f.said} rows say what they did not read`;
}
