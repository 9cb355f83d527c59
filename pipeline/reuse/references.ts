/**
 * References: wording that points at a document instead of saying something of its own.
 * (A registered name weighs nothing towards a link, as formula units do not; a citation's words
 * are never joined wording. core/wording/align.ts.)
 *
 * Two paragraphs that cite the same report ("2021 年不限成员名额工作组报告第 56 段") or name the
 * same body by its full title share that wording, but a reader would not call it reuse of agreed
 * language. The units of a reference count as formula units (see core/wording/formula.ts): they neither make
 * a link nor lengthen one. What is a reference:
 *
 * - the words of an in-text citation, as the cite stage found them (its spans);
 * - a registered name wherever it occurs: every title and short name of `registry.yaml` of at
 *   least `MIN_NAME_UNITS` units (shorter ones, "second APR", are ordinary words too).
 *
 * Decision: names are matched on the same units as the alignment (core/wording/tokens.ts), so width, spacing
 * and punctuation do not hide a title and a mark lands on the units the passages count; a name
 * is looked up by its first unit, then checked unit by unit, which costs one map lookup per unit
 * of the corpus. The cite stage's TitleMatcher is not reused: it matches short titles only, on
 * purpose (a full title recurring as an agenda item must not cite), where here full titles and
 * bodies' names are what must count; the short titles it finds arrive as citation spans anyway.
 */
import { REF_CITATION, REF_NAME } from "../../core/wording/align.ts";
import { type Tokens, tokenize } from "../../core/wording/tokens.ts";

/** Fewest units of a name that is marked wherever it occurs. */
export const MIN_NAME_UNITS = 3;

/** Registered names by their first unit. */
export interface NameIndex {
  byFirst: Map<number, Int32Array[]>;
  /**
   * One bit per value of a first unit's low 16 bits: most units of the corpus start no name, and
   * a bit test turns them away before the map lookup (one lookup per unit of the corpus was a
   * second of the reuse stage at 200k paragraphs).
   */
  filter: Uint32Array;
}

/** Index names for `referenceMarks`. */
export function nameIndex(names: readonly string[]): NameIndex {
  const index = new Map<number, Int32Array[]>();
  const filter = new Uint32Array(2048);
  const seen = new Set<string>();
  for (const name of names) {
    const ids = tokenize(name).ids;
    if (ids.length < MIN_NAME_UNITS) continue;
    const key = ids.join(",");
    if (seen.has(key)) continue;
    seen.add(key);
    const list = index.get(ids[0]!);
    if (list) list.push(ids);
    else index.set(ids[0]!, [ids]);
    const low = ids[0]! & 0xffff;
    filter[low >>> 5]! |= 1 << (low & 31);
  }
  return { byFirst: index, filter };
}

/**
 * Mark a paragraph's reference units: `REF_CITATION` under a citation span (UTF-16 [start, end)
 * of its text), `REF_NAME` under a registered name (over a citation's mark: a short title the
 * cite stage read is a name too). Null when it has none.
 */
export function referenceMarks(
  t: Tokens,
  spans: readonly (readonly [number, number])[] | undefined,
  names: NameIndex,
): Uint8Array | null {
  let mark: Uint8Array | null = null;
  const n = t.ids.length;
  if (spans?.length) {
    mark = new Uint8Array(n);
    for (const [s, e] of spans)
      for (let u = 0; u < n; u++) if (t.start[u]! < e && t.end[u]! > s) mark[u] = REF_CITATION;
  }
  const { byFirst, filter } = names;
  if (byFirst.size)
    for (let u = 0; u < n; u++) {
      const id = t.ids[u]!;
      if (!((filter[(id & 0xffff) >>> 5]! >>> (id & 31)) & 1)) continue;
      const list = byFirst.get(id);
      if (!list) continue;
      for (const name of list) {
        if (u + name.length > n) continue;
        let k = 1;
        while (k < name.length && t.ids[u + k] === name[k]) k++;
        if (k < name.length) continue;
        mark ??= new Uint8Array(n);
        mark.fill(REF_NAME, u, u + name.length);
      }
    }
  return mark;
}
