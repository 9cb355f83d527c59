/**
 * Titles: documents cited by name ("《2021 年政府专家组报告》", "2021 年不限成员名额工作组报告第 56
 * 段", "the 2021 OEWG report"), matched against the registry's short titles.
 *
 * Decision: only the registry's `short` names are matched, never full titles: full titles recur
 * as agenda items and resolution titles shared by several documents and would cite by accident.
 * Matching ignores 《》, spaces, width and (for English) case; a trie walk bounded by the longest
 * title keeps it linear. The longest match wins, so "不限成员名额工作组第一次年度进展报告" is one title,
 * not a prefix plus "第一次年度进展报告".
 *
 * A national paper (an entry keyed by an id, not a UN symbol) is also matched by its full titles
 * and by its id ("cn-2024-ict-position"): a government's title names one paper, and people cite
 * such papers by title far more than by any short name. A paper the corpus holds but the registry
 * does not list (a `corpus/not-in-registry` warning) is matched by its id (`withHeldIds`): its id
 * is all a citation can name it by, and "not understood" would be wrong.
 *
 * The same trie reads the names of States (`states`), for a State's section of a compendium
 * ("A/76/136, Germany, para. 5"): the States the corpus knows as authors or as sections, so the
 * build, `acquis cite` and the site's resolver, which all see the same documents, read the same
 * names.
 */
import { isDocId } from "../../schemas/identity.ts";
import type { RegistryEntry } from "../../schemas/index.ts";
import { clean } from "./clean.ts";
import { isAlnum, type Read } from "./tokenize.ts";

/**
 * The registry's entries, and an entry with no titles for each national paper held (its id among
 * `held`) that the registry does not list, so that its id is read in citations.
 */
export function withHeldIds<E extends { symbol: string }>(
  entries: readonly E[],
  held: Iterable<string>,
): (E | { symbol: string; short: { zh: string[]; en: string[] } })[] {
  const listed = new Set(entries.map((e) => e.symbol));
  const extra = [...new Set(held)]
    .filter((s) => isDocId(s) && !listed.has(s))
    .sort()
    .map((symbol) => ({ symbol, short: { zh: [], en: [] } }));
  return [...entries, ...extra];
}

/** A State (or group) and the names it is cited by, in each language. */
export interface StateName {
  code: string;
  zh: string[];
  en: string[];
}

interface Node {
  next: Map<string, Node>;
  symbols?: string[];
}

/**
 * Lower-case an ASCII capital and read a typographic apostrophe as a straight one ("China’s" is
 * "China's"); leave every other character (and its string) as it is.
 */
function lower(c: string): string {
  if (c === "’" || c === "‘") return "'";
  return c >= "A" && c <= "Z" ? c.toLowerCase() : c;
}

/** Normal form of a title for matching: cleaned, lower-case, without spaces or 《》. */
export function normaliseTitle(title: string): string {
  return clean(title)
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/[\s《》]/g, "");
}

/** A registry of short titles that can be matched in running text. */
export class TitleMatcher {
  private readonly root: Node = { next: new Map() };
  private maxLen = 0;
  private readonly byTitle = new Map<string, string[]>();

  /** The names of States, when given: codes by name (see `StateName`). */
  readonly states: TitleMatcher | null;

  /** Every symbol (for the States' matcher, every State's code) that some title stands for. */
  readonly symbols = new Set<string>();

  /**
   * Build from the registry: every short title, zh and en, of every entry; a national paper's
   * titles and id too.
   * @param states the States whose names are read as sections of a compendium
   */
  constructor(
    registry: {
      documents: readonly (Pick<RegistryEntry, "symbol" | "short"> & { title?: RegistryEntry["title"] })[];
    },
    states: readonly StateName[] = [],
  ) {
    for (const entry of registry.documents) {
      this.symbols.add(entry.symbol);
      for (const t of [...entry.short.zh, ...entry.short.en]) this.add(t, entry.symbol);
      if (isDocId(entry.symbol)) {
        this.add(entry.symbol, entry.symbol);
        for (const t of [entry.title?.zh, entry.title?.en]) if (t) this.add(t, entry.symbol);
      }
    }
    this.states = states.length
      ? new TitleMatcher({
          documents: states.map((x) => ({ symbol: x.code, short: { zh: x.zh, en: x.en } })),
        })
      : null;
  }

  private add(title: string, symbol: string): void {
    const key = normaliseTitle(title);
    if (key.length === 0) return;
    const list = this.byTitle.get(key) ?? [];
    if (!list.includes(symbol)) list.push(symbol);
    this.byTitle.set(key, list);
    let node = this.root;
    for (const c of key) {
      let child = node.next.get(c);
      if (!child) {
        child = { next: new Map() };
        node.next.set(c, child);
      }
      node = child;
    }
    node.symbols = list;
    this.maxLen = Math.max(this.maxLen, key.length);
  }

  /** True when some title starts with this (cleaned) character: a cheap trigger test. */
  startsWith(c: string | undefined): boolean {
    return c !== undefined && this.root.next.has(lower(c));
  }

  /** `startsWith` of the UTF-16 code unit `code`, from a table: the grammar asks it of every character. */
  startsWithCode(code: number): boolean {
    this.first ??= this.firstTable();
    return this.first[code] === 1;
  }

  private first: Uint8Array | null = null;

  /**
   * The code units for which `startsWith` holds: each one-unit first character of a title, and
   * whatever `lower` folds onto one (an ASCII capital, a typographic apostrophe), each checked
   * with `startsWith` itself so the two always agree.
   */
  private firstTable(): Uint8Array {
    const table = new Uint8Array(0x10000);
    for (const key of this.root.next.keys()) {
      if (key.length !== 1) continue;
      for (const c of [key, key.toUpperCase(), "’", "‘"])
        if (c.length === 1 && this.startsWith(c)) table[c.charCodeAt(0)] = 1;
    }
    return table;
  }

  /** Symbols a whole title stands for (after normalisation), or []. */
  lookup(title: string): string[] {
    return this.byTitle.get(normaliseTitle(title)) ?? [];
  }

  /**
   * The longest title starting at `p` of the cleaned text, skipping spaces inside it. A title
   * that begins or ends with a letter or digit must stand as whole words there.
   */
  match(s: string, p: number): Read<string[]> | null {
    if (s[p] === " " || s[p] === undefined) return null;
    let node = this.root;
    let best: Read<string[]> | null = null;
    let q = p;
    const limit = Math.min(s.length, p + 2 * this.maxLen + 4);
    let last = "";
    while (q < limit) {
      const c = s[q]!;
      if (c === " ") {
        q++;
        continue;
      }
      const child = node.next.get(lower(c));
      if (!child) break;
      node = child;
      last = c;
      q++;
      if (node.symbols && !(isAlnum(last) && isAlnum(s[q]))) best = { end: q, value: node.symbols };
    }
    if (best && isAlnum(s[p]) && isAlnum(s[p - 1])) return null;
    return best;
  }
}
