/**
 * Authors of national papers: a State's ISO 3166-1 alpha-2 code, or a group of States by a code of
 * its own, each with its names in Chinese and English.
 *
 * Decision: States come from the table working papers are read with (states.ts: the UN's Member
 * and observer States, their UN short names); groups from the short table below, the groups that
 * speak in the OEWG and the First Committee. A code in neither is kept as written and warned, so a
 * new group is one line here, never a lost author.
 */
import type { Author } from "../../schemas/index.ts";
import { stateByCode } from "./states.ts";

/** Groups that table papers as one author: code, names, the names they are printed by. */
/**
 * A group's code is never a State's two letters: the African Union was once "AU", which is
 * Australia's, so Australia could not be named as an author (a test holds every code to this).
 */
export const GROUPS: ReadonlyArray<{ code: string; zh: string; en: string; also?: string[] }> = [
  { code: "EU", zh: "欧洲联盟", en: "European Union", also: ["欧盟"] },
  { code: "AFRICAN-UNION", zh: "非洲联盟", en: "African Union", also: ["非盟"] },
  { code: "ASEAN", zh: "东南亚国家联盟", en: "Association of Southeast Asian Nations", also: ["东盟"] },
  { code: "NAM", zh: "不结盟运动", en: "Non-Aligned Movement" },
  { code: "G77", zh: "七十七国集团", en: "Group of 77", also: ["Group of 77 and China"] },
  { code: "AFRICAN-GROUP", zh: "非洲国家组", en: "African Group", also: ["Group of African States"] },
  { code: "ARAB-GROUP", zh: "阿拉伯国家组", en: "Arab Group", also: ["Group of Arab States"] },
  { code: "CARICOM", zh: "加勒比共同体", en: "Caribbean Community" },
  { code: "OAS", zh: "美洲国家组织", en: "Organization of American States" },
  { code: "OSCE", zh: "欧洲安全与合作组织", en: "Organization for Security and Co-operation in Europe" },
];

const byCode = new Map(GROUPS.map((g) => [g.code, g]));
const byName = new Map<string, string>();
for (const g of GROUPS) for (const n of [g.zh, g.en, ...(g.also ?? [])]) byName.set(n.toLowerCase(), g.code);

/** The group a name is ("European Union", "欧盟"), as its code, or null. */
export function groupByName(name: string): string | null {
  return byName.get(name.trim().toLowerCase()) ?? null;
}

/** A State or group by its code, with its names, or null for a code in neither table. */
export function authorOf(code: string): Author | null {
  const group = byCode.get(code);
  if (group) return { code, kind: "group", name: { zh: group.zh, en: group.en } };
  if (!/^[A-Z]{2}$/.test(code)) return null;
  const state = stateByCode(code);
  return state ? { code: state.code, kind: "state", name: { ...state.name } } : null;
}

/** Resolve author codes in the order given; the codes known to neither table are returned apart. */
export function readAuthors(codes: readonly string[]): { authors: Author[]; unknown: string[] } {
  const authors: Author[] = [];
  const unknown: string[] = [];
  for (const code of codes) {
    const a = authorOf(code);
    if (a) {
      if (!authors.some((x) => x.code === a.code)) authors.push(a);
    } else unknown.push(code);
  }
  return { authors, unknown };
}
