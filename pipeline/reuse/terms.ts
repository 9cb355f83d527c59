/**
 * Terms whose translation UN texts fix, as anchors for the zh/en aligner (anchors.ts): a
 * paragraph on capacity-building says 能力建设 in Chinese, one on women says 妇女. Where two
 * unnumbered paragraphs of like length could each be the counterpart, the terms they carry tell
 * them apart, as a reader of both languages would.
 *
 * Decisions:
 * - A short glossary of the field's fixed terms (UN cyber diplomacy, and the rights and bodies
 *   UN texts name), each with its English forms and its Chinese forms, read as one token
 *   ("term:capacity"). It is no dictionary: a word with several common translations ("work",
 *   "freedom") is left out, since a term found on one side only counts against a pair.
 * - English is matched by word, in lower case, with its inflections written into the pattern, all
 *   patterns in one regular expression (one pass over the text; at one place, the first of the
 *   glossary's patterns that matches wins, so longer terms stand first);
 *   Chinese by substring, longest form first, so 关键信息基础设施 is not also 关键基础设施.
 * - How often a term occurs in the document weighs it (bitext.ts): 合作 in every paragraph tells
 *   little, 勒索软件 in one tells much.
 */

/** [token, English pattern (a regular expression over lower-case text), Chinese forms]. */
export const GLOSSARY: readonly (readonly [string, string, readonly string[]])[] = [
  ["ict", "information and communications? technolog(?:y|ies)|icts?", ["信息和通信技术", "信通技术"]],
  ["capacity", "capacity[- ]building", ["能力建设"]],
  ["confidence", "confidence[- ]building", ["建立信任"]],
  ["ihl", "international humanitarian law", ["国际人道法", "国际人道主义法"]],
  ["intl-law", "international law", ["国际法"]],
  ["human-rights", "human rights?", ["人权"]],
  ["sovereignty", "sovereign(?:ty)?", ["主权"]],
  ["cii", "critical information infrastructures?", ["关键信息基础设施"]],
  ["ci", "critical infrastructures?", ["关键基础设施"]],
  ["poc", "points? of contact", ["联络点"]],
  ["developing", "developing countr(?:y|ies)", ["发展中国家"]],
  ["women", "wom[ae]n", ["妇女"]],
  ["gender", "gender", ["性别"]],
  ["private-sector", "private sector", ["私营部门"]],
  ["civil-society", "civil society", ["民间社会"]],
  ["ngo", "non-governmental organizations?", ["非政府组织"]],
  ["regional", "regional (?:and subregional )?organizations?", ["区域组织"]],
  ["sg", "secretary-general", ["秘书长"]],
  ["secretariat", "secretariat", ["秘书处"]],
  ["ga", "general assembly", ["大会"]],
  ["sc", "security council", ["安全理事会", "安理会"]],
  ["charter", "charter", ["宪章"]],
  ["un", "united nations", ["联合国"]],
  ["wg", "working group", ["工作组"]],
  ["experts", "group of (?:governmental )?experts", ["专家组"]],
  ["chair", "chair(?:person|man)?", ["主席"]],
  ["consensus", "consensus", ["协商一致"]],
  ["norms", "norms?", ["规范"]],
  ["rules", "rules?", ["规则"]],
  ["principles", "principles?", ["原则"]],
  ["behaviour", "responsible state behaviou?r", ["负责任国家行为"]],
  ["ransomware", "ransomware", ["勒索软件"]],
  ["malicious", "malicious", ["恶意"]],
  ["ai", "artificial intelligence", ["人工智能"]],
  ["cybercrime", "cybercrimes?", ["网络犯罪"]],
  ["terrorism", "terroris[mt]s?", ["恐怖"]],
  ["supply-chain", "supply chains?", ["供应链"]],
  ["vulnerability", "vulnerabilit(?:y|ies)", ["漏洞"]],
  ["cert", "(?:computer )?emergency response teams?|certs?|csirts?", ["应急响应小组", "应急小组"]],
  ["directory", "director(?:y|ies)", ["名录"]],
  ["due-diligence", "due diligence", ["应尽义务", "尽职调查", "审慎义务"]],
  ["disputes", "settlement of disputes", ["解决争端"]],
  ["force", "use of force", ["使用武力"]],
  ["attribution", "attribution", ["归因", "溯源"]],
  ["transparency", "transparen(?:cy|t)", ["透明"]],
  ["voluntary", "voluntar(?:y|ily)", ["自愿"]],
  ["binding", "binding", ["约束力"]],
  ["poa", "programme of action", ["行动纲领"]],
  ["member-states", "member states?", ["会员国"]],
  ["internet", "internet", ["互联网", "因特网"]],
  ["data", "data", ["数据"]],
  ["education", "education(?:al)?", ["教育"]],
  ["training", "training", ["培训"]],
  ["family", "famil(?:y|ies)", ["家庭"]],
  ["children", "child(?:ren|hood)?", ["儿童"]],
  ["marriage", "marri(?:age|ed)", ["婚"]],
  ["religion", "religio(?:n|us)", ["宗教"]],
  ["nationality", "nationality", ["国籍"]],
  ["property", "property", ["财产"]],
  ["asylum", "asylum", ["庇护"]],
  ["slavery", "slave(?:ry|s)?", ["奴隶"]],
  ["torture", "torture", ["酷刑"]],
  ["dignity", "dignity", ["尊严"]],
  ["peace", "peace(?:ful|fully)?", ["和平"]],
  ["development", "development", ["发展"]],
  ["trade-union", "trade unions?", ["工会"]],
  ["election", "elections?", ["选举"]],
];

/** Every English pattern in one alternation, one capturing group each: one pass over a text. */
const EN = new RegExp(
  GLOSSARY.map(([, pattern]) => `\\b(${pattern.replace(/\((?!\?)/g, "(?:")})\\b`).join("|"),
  "g",
);
/** Chinese forms, longest first, each with its token. */
const ZH = GLOSSARY.flatMap(([token, , forms]) => forms.map((form) => ({ token, form }))).sort(
  (a, b) => b.form.length - a.form.length,
);
const HAN = /\p{Script=Han}/u;

/** The glossary's tokens found in a text ("term:capacity"), once per occurrence. */
export function termsOf(text: string): string[] {
  const out: string[] = [];
  if (HAN.test(text)) {
    let rest = text;
    for (const { token, form } of ZH) {
      if (!rest.includes(form)) continue;
      const parts = rest.split(form);
      for (let k = 1; k < parts.length; k++) out.push(`term:${token}`);
      // Blank what was read, so a shorter form inside it is not read again.
      rest = parts.join("\u0000");
    }
    return out;
  }
  for (const m of text.toLowerCase().matchAll(EN)) {
    // The first group that took part names the term (the glossary's order: longer terms first).
    const k = m.findIndex((g, i) => i > 0 && g !== undefined);
    out.push(`term:${GLOSSARY[k - 1]![0]}`);
  }
  return out;
}
