/**
 * States named in a list of submitters ("多国(澳大利亚、哥伦比亚和爱沙尼亚)", "Canada and
 * Switzerland") -> ISO 3166-1 alpha-2 codes with zh and en names.
 *
 * Decision: a list is read by matching known State names greedily, longest first, at each
 * position, and only then looking at what separates them. Splitting first on 、/和/"and" would cut
 * names that contain the separator (塞浦路斯共和国, 圣多美和普林西比, Trinidad and Tobago). A run
 * that matches no State is kept as printed, up to the next separator, so nothing printed is lost.
 * The set of States and their Chinese forms come from core/data/state-names.ts; English names and spellings
 * from i18n-iso-countries plus the UN forms there.
 */
// The package's plain entry, not its Node entry, which registers all 78 languages it ships: some
// 27 ms of CPU at every start of a process or worker that parses, for the one language read here.
import countries from "i18n-iso-countries/index.js";
import en from "i18n-iso-countries/langs/en.json" with { type: "json" };
import { UN_STATES_EN, UN_STATES_ZH } from "../../core/data/state-names.ts";
import type { State } from "../../schemas/index.ts";

countries.registerLocale(en);

/** A State's code and the names shown for it. */
export interface StateInfo {
  /** ISO 3166-1 alpha-2. */
  code: string;
  name: { zh: string; en: string };
}

/** A name in a list that matched no State, with its offset in the text it was read from. */
export interface Unmatched {
  name: string;
  /** Offset (UTF-16 code units) of the name in the text given. */
  offset: number;
}

/** What a list of State names holds. */
export interface StateList {
  /** Matched States in printed order, each once (a repeated State keeps its first mention). */
  states: State[];
  unmatched: Unmatched[];
}

/** A submitter line read. */
export interface Submitter extends StateList {
  /** Several States: the line says so (多国, "Multiple States") or names more than one. */
  joint: boolean;
}

/**
 * Fold a text for matching without changing its length, so offsets in the folded text are offsets
 * in the original: full-width brackets and apostrophes to ASCII, Latin to lower case.
 */
function fold(s: string): string {
  let out = "";
  for (const ch of s) {
    const f = ch === "（" ? "(" : ch === "）" ? ")" : ch === "’" || ch === "‘" ? "'" : ch.toLowerCase();
    // A character whose lower case has another length (rare Latin letters) stays as it is.
    out += f.length === ch.length ? f : ch;
  }
  return out;
}

const INFO = new Map<string, StateInfo>();
/** First character of a folded name -> [name, code], longest names first. */
const BY_FIRST = new Map<string, Array<[string, string]>>();

function addName(name: string, code: string, owners: Map<string, Set<string>>): void {
  const key = fold(name.trim());
  if (!key) return;
  const set = owners.get(key) ?? new Set<string>();
  set.add(code);
  owners.set(key, set);
}

{
  const explicit = new Map<string, Set<string>>();
  const fromPackage = new Map<string, Set<string>>();
  const packageNames = countries.getNames("en", { select: "all" });
  for (const [code, zhNames] of Object.entries(UN_STATES_ZH)) {
    const enNames = UN_STATES_EN[code] ?? [];
    const pkgNames = packageNames[code] ?? [];
    const enShown = enNames[0] ?? pkgNames[0];
    if (!enShown || !zhNames[0]) throw new Error(`state table: no name for ${code}`);
    INFO.set(code, { code, name: { zh: zhNames[0], en: enShown } });
    for (const n of [...zhNames, ...enNames]) addName(n, code, explicit);
    for (const n of pkgNames) addName(n, code, fromPackage);
  }
  const lexicon = new Map<string, string>();
  for (const [key, codes] of explicit) {
    if (codes.size !== 1) throw new Error(`state table: ${key} names ${[...codes].join(", ")}`);
    lexicon.set(key, [...codes][0]!);
  }
  // The package's spellings add to ours, but one it gives to two States ("Congo") names neither.
  for (const [key, codes] of fromPackage) {
    if (!lexicon.has(key) && codes.size === 1) lexicon.set(key, [...codes][0]!);
  }
  for (const [key, code] of lexicon) {
    const first = key[0]!;
    const list = BY_FIRST.get(first) ?? [];
    list.push([key, code]);
    BY_FIRST.set(first, list);
  }
  for (const list of BY_FIRST.values())
    list.sort((a, b) => b[0].length - a[0].length || a[0].localeCompare(b[0]));
}

/** Every State known (UN Member and observer States), by code. */
export function allStates(): StateInfo[] {
  return [...INFO.values()].sort((a, b) => a.code.localeCompare(b.code));
}

/** A State by its ISO code, or undefined. */
export function stateByCode(code: string): StateInfo | undefined {
  return INFO.get(code.toUpperCase());
}

const isLatin = (ch: string | undefined): boolean => ch !== undefined && /[a-z]/i.test(ch);

/** The longest known name starting at `pos` of the folded text, as [length, code]. */
function matchAt(folded: string, pos: number): [number, string] | null {
  const list = BY_FIRST.get(folded[pos] ?? "");
  if (!list) return null;
  for (const [key, code] of list) {
    if (!folded.startsWith(key, pos)) continue;
    // A Latin name must end at a word boundary ("Niger" is not the start of "Nigeria").
    if (isLatin(key.at(-1)) && isLatin(folded[pos + key.length])) continue;
    // Chinese has no spaces: a name must end where the list goes on (中国台湾省 is not 中国).
    if (!endsItem(folded, pos + key.length)) continue;
    return [key.length, code];
  }
  return null;
}

/** Separators that never occur inside a State name. */
const HARD = /[、，,；;]/;
/** Words that join the last two names of a list; they do occur inside names (共和国, Trinidad and Tobago). */
const SOFT = /^(?:以及|及|和|与|and(?![a-z])|&)/;

/** Whether a list item can end at `end`: the text's end, a separator, a space or a bracket. */
function endsItem(folded: string, end: number): boolean {
  const ch = folded[end];
  return ch === undefined || HARD.test(ch) || /[\s()]/.test(ch) || softAt(folded, end) > 0;
}

/** Length of a soft separator (plus spaces after it) at `pos`, when a known name follows it. */
function softAt(folded: string, pos: number): number {
  const m = SOFT.exec(folded.slice(pos, pos + 4));
  if (!m) return 0;
  let end = pos + m[0].length;
  while (folded[end] === " ") end++;
  return matchAt(folded, end) ? end - pos : 0;
}

/**
 * Read a list of State names ("澳大利亚、哥伦比亚和爱沙尼亚", "Australia, Colombia and Estonia").
 * Names are matched longest first; separators (、 , ; and a final 和 / "and") are skipped between
 * names, never inside one. A run matching no State is kept in `unmatched`.
 */
export function matchStateList(text: string): StateList {
  const folded = fold(text);
  const states: State[] = [];
  const seen = new Set<string>();
  const unmatched: Unmatched[] = [];
  let pos = 0;
  while (pos < folded.length) {
    const ch = folded[pos]!;
    if (HARD.test(ch) || /\s/.test(ch)) {
      pos++;
      continue;
    }
    const hit = matchAt(folded, pos);
    if (hit) {
      const [len, code] = hit;
      if (!seen.has(code)) {
        seen.add(code);
        const info = INFO.get(code)!;
        states.push({ code, name: { ...info.name }, printed: text.slice(pos, pos + len) });
      }
      pos += len;
      continue;
    }
    // No State starts with 和/及/与 or the word "and": here one is a separator, whatever follows.
    const soft = SOFT.exec(folded.slice(pos, pos + 4));
    if (soft) {
      pos += soft[0].length;
      continue;
    }
    // No State here: keep the run up to the next separator that could end a name.
    let end = pos + 1;
    while (end < folded.length && !HARD.test(folded[end]!)) {
      if (softAt(folded, end) && (!isLatin(folded[end]) || /\s/.test(folded[end - 1] ?? ""))) break;
      end++;
    }
    const raw = text.slice(pos, end);
    const name = raw.trimEnd();
    unmatched.push({ name, offset: pos });
    pos = end;
  }
  return { states, unmatched };
}

/** "多国", "Multiple States", "Joint submission by": the line says several States submitted. */
const JOINT = /^(?:多国|multiple states|several states|joint(?: submission| proposal)?(?: by)?)\s*[:：]?\s*/i;

/**
 * Read a submitter line: "印度", "多国(澳大利亚、哥伦比亚、萨尔瓦多、爱沙尼亚)", "多国(加拿大和瑞士)",
 * "多国" alone, "Multiple States (Australia, Colombia and Estonia)", "Canada and Switzerland".
 * Offsets of unmatched names are offsets in `line`.
 */
export function parseSubmitter(line: string): Submitter {
  const lead = line.length - line.trimStart().length;
  let body = line.trim();
  let offset = lead;
  const joint = JOINT.exec(body);
  if (joint) {
    body = body.slice(joint[0].length);
    offset += joint[0].length;
  }
  // "多国(…)": the list is what the outer brackets hold (names may carry brackets of their own).
  const open = /^[(（]/.test(body);
  const close = /[)）]$/.test(body);
  if (joint && open && close) {
    body = body.slice(1, -1);
    offset += 1;
  }
  const list = matchStateList(body);
  const unmatched = list.unmatched.map((u) => ({ name: u.name, offset: u.offset + offset }));
  return {
    joint: joint !== null || list.states.length + list.unmatched.length > 1,
    states: list.states,
    unmatched,
  };
}
