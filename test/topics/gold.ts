/**
 * The hand-checked tagging table: which topics a reader looking for each topic would want to see
 * each paragraph under, decided by reading the paragraph (its words and the heading it sits
 * under), with the reason written down per row. Not a copy of the tagger's output: rows where
 * the tagger is wrong stay as read, and the precision and recall printed by gold.test.ts and by
 * `npm run bench -- --only topics` come from the differences.
 *
 * The rule followed: a paragraph is on a topic when it says something about it, in its own words
 * or by being part of a section on it (a paragraph of the capacity-building section is on
 * capacity-building); a passing name in a list counts; a false friend (sovereign equality alone,
 * "measures", military "capabilities", "attributes", humanitarian organizations, "entry into
 * force", a delegation's "interventions", "peaceful uses") does not; a paragraph filed under a
 * topic's heading that is plainly about something else is not on it.
 *
 * Sources: the seed (A/78/265 in Chinese, read in place from ../shared/seeds), the two real
 * English resolutions of ../shared/corpus-real, and our fixture position paper in both languages
 * (test/fixtures/topics/).
 */

/** Short names used in the rows, for the topic ids of corpus/topics.yaml. */
const IDS = {
  S: "sovereignty",
  NI: "non-intervention",
  DD: "due-diligence",
  UF: "use-of-force",
  IHL: "ihl",
  SR: "state-responsibility",
  CM: "countermeasures",
  PS: "peaceful-settlement",
  HR: "human-rights",
  CI: "critical-infrastructure",
  SC: "supply-chain",
  CBM: "confidence-building",
  POC: "points-of-contact",
  CB: "capacity-building",
  FM: "future-mechanism",
} as const;
type Short = keyof typeof IDS;

/** Where a row's paragraph is: the seed, a real resolution, or our fixture. */
export type GoldSource = "seed" | "A/RES/80/16" | "A/RES/80/22" | "fixture-en" | "fixture-zh";

export interface GoldRow {
  source: GoldSource;
  /** The paragraph's address in its document. */
  address: string;
  /** The topics it is on (ids). */
  topics: string[];
  /** Why, as read. */
  why: string;
}

const row = (source: GoldSource, address: string, topics: string, why: string): GoldRow => ({
  source,
  address,
  topics: topics
    .split(" ")
    .filter(Boolean)
    .map((t) => IDS[t as Short] ?? `unknown:${t}`),
  why,
});
const seed = (a: string, t: string, why: string) => row("seed", a, t, why);
const r16 = (a: string, t: string, why: string) => row("A/RES/80/16", a, t, why);
const r22 = (a: string, why: string) => row("A/RES/80/22", a, "", why);
const en = (a: string, t: string, why: string) => row("fixture-en", a, t, why);
const zh = (a: string, t: string, why: string) => row("fixture-zh", a, t, why);

export const GOLD: GoldRow[] = [
  // A/78/265 (zh), body
  seed(
    "1",
    "CBM CB FM",
    "quotes the 75/240 mandate: regular institutional dialogue, CBMs and capacity-building named",
  ),
  seed("2", "", "the working group's first report was issued: procedural"),
  seed("12", "", "intersessional meetings held: procedural"),
  seed("15", "", "adoption of the report: procedural"),
  // Annex, A. overview
  seed(
    "annex/1",
    "",
    "geopolitical environment, malicious use by State and non-State actors: threats, no topic",
  ),
  seed("annex/2", "", "recalls resolutions and earlier OEWG and GGE reports: no topic"),
  seed(
    "annex/3",
    "CBM CB",
    "recalls the framework: norms, 建立信任、建设能力 measures, international law; CBMs and capacity named in passing",
  ),
  seed("annex/4", "FM CBM CB", "mandate quoted: 定期机构对话, 建立信任措施和能力建设"),
  seed("annex/5", "CB CBM", "capacity-building is an important CBM"),
  seed("annex/6", "", "engagement with stakeholders: modalities, no topic"),
  seed("annex/7", "", "regional organizations' role in implementing the framework: no topic"),
  seed("annex/8", "", "women's participation, gender digital divide: no topic"),
  seed("annex/9", "", "what the second annual report is: no topic"),
  // B. threats
  seed("annex/10", "", "States discussed threats in general"),
  seed(
    "annex/11",
    "",
    "military ICT capabilities (能力, a false friend of capacity-building), conflicts: no listed topic",
  ),
  seed(
    "annex/12",
    "CI",
    "malicious activity against critical infrastructure and CII; 人道主义组织 is not IHL",
  ),
  seed("annex/13", "CI NI", "CI and CII targeted; activities aimed at 干涉国家内政"),
  seed(
    "annex/14",
    "NI",
    "covert influence campaigns to affect another State's processes: interference, though not named",
  ),
  seed("annex/15", "SC", "harmful hidden functions, integrity of the supply chain"),
  seed("annex/16", "", "irresponsible use of ICT capabilities: no topic"),
  seed("annex/17", "", "new technologies, attack surface, data security: no listed topic"),
  seed("annex/18", "", "gender perspective, digital divide: no topic"),
  seed("annex/19", "CBM", "the framework of voluntary norms, international law and 建立信任措施"),
  seed("annex/20", "CB", "need for cooperative measures and 能力建设举措"),
  seed("annex/21", "", "next step: continue exchanging views on threats"),
  seed("annex/22", "", "intersessional meeting on threats"),
  // C. norms
  seed("annex/23", "", "discussions of rules, norms and principles: no listed topic"),
  seed("annex/23.a", "", "mandate to develop norms"),
  seed("annex/23.b", "", "norms reduce risks, prevent conflict"),
  seed("annex/23.c", "CI", "protection of CI and CII"),
  seed("annex/23.d", "SC", "supply chain integrity, hidden functions"),
  seed("annex/23.e", "SC", "private sector and supply chain security, hidden functions"),
  seed("annex/23.f", "", "assist States to implement norms"),
  seed("annex/23.f.i", "CB", "national survey of implementation and 能力建设需要"),
  seed("annex/23.f.ii", "", "guidance or checklists on norms"),
  seed("annex/23.g", "", "focused discussion of norms"),
  seed("annex/23.h", "", "non-exhaustive list of proposals on norms"),
  seed("annex/24", "", "continue exchanging views on norms"),
  seed("annex/25", "CI SC", "next steps: protecting CI/CII; supply chain integrity and hidden functions"),
  seed("annex/26", "", "checklist on norm implementation"),
  seed("annex/27", "", "intersessional meeting on norms"),
  // D. international law
  seed("annex/28", "", "international law applies, the Charter: no listed topic"),
  seed("annex/29", "", "lead-in to the list of topics"),
  seed(
    "annex/29.a",
    "S NI PS SR DD HR",
    "list: 主权; 不干涉他国内政; 和平解决争端; 国家责任和应尽义务; 人权和基本自由",
  ),
  seed("annex/29.b", "", "lead-in quoting earlier reports"),
  seed("annex/29.b.i", "", "more legally binding obligations: no listed topic"),
  seed(
    "annex/29.b.ii",
    "IHL",
    "国际人道法 applies only in armed conflict; humanity, necessity, proportionality, distinction",
  ),
  seed("annex/30", "", "lead-in"),
  seed("annex/30.a", "S", "reaffirms 国家主权 (beside sovereign equality)"),
  seed("annex/30.b", "PS", "Charter Art. 2 (3) and 33 (1): disputes settled by peaceful means"),
  seed("annex/30.c", "UF", "Charter Art. 2 (4): threat or use of force"),
  seed("annex/30.d", "NI", "non-intervention in internal affairs"),
  seed("annex/31", "", "lead-in to proposals on international law"),
  seed("annex/31.a", "", "intersessional discussions on international law"),
  seed("annex/31.b", "", "national views on international law"),
  seed("annex/31.c", "CB", "capacity-building in international law"),
  seed("annex/32", "", "possible binding obligations, gaps"),
  seed("annex/33", "", "continue discussing international law"),
  seed("annex/34", "", "share national views on international law"),
  seed("annex/35", "", "intersessional meeting on international law"),
  seed("annex/36", "CB", "build capacity in international law, capacity-building principles"),
  // E. CBMs
  seed("annex/37", "CBM", "section on CBMs"),
  seed("annex/37.a", "CBM POC", "adopt the elements of the global POC directory (CBM section)"),
  seed("annex/37.b", "CBM POC", "the POC directory builds trust; global CBMs"),
  seed("annex/37.c", "CBM POC", "further CBMs based on the POC directory"),
  seed("annex/37.c.i", "CBM POC", "ping tests: communication checks of the directory, listed as a CBM"),
  seed("annex/37.c.ii", "CBM POC", "information sharing through the POC directory"),
  seed("annex/37.c.iii", "CBM POC", "tabletop exercises on the POC directory"),
  seed("annex/37.c.iv", "CBM POC", "meetings of POCs"),
  seed("annex/37.d", "CBM", "responsible disclosure of vulnerabilities, proposed in the CBM section"),
  seed("annex/37.e", "CBM", "exchange of national terminology, a transparency CBM"),
  seed("annex/37.f", "CBM", "confidence-building with regional organizations and stakeholders"),
  seed("annex/37.g", "CBM", "the OEWG itself is a CBM"),
  seed("annex/38", "CBM", "continue discussing CBMs"),
  seed("annex/39", "CBM POC", "establish the global POC directory (CBM section)"),
  seed("annex/40", "CBM POC", "operationalization of the POC directory"),
  seed(
    "annex/41",
    "CBM POC CB",
    "initial list of global CBMs; through capacity-building and the POC directory",
  ),
  seed("annex/42", "CBM", "exchange national views on terminology, transparency (CBM section)"),
  // F. capacity-building
  seed("annex/43", "CB", "section on capacity-building"),
  seed("annex/43.a", "CB", "capacity-building principles mainstreamed"),
  seed("annex/43.b", "CB", "South-South and triangular cooperation (capacity-building section)"),
  seed("annex/43.c", "CB", "targeted capacity-building, digital divide"),
  seed("annex/43.d", "CB", "coordination of capacity-building, the UN's role"),
  seed("annex/43.e", "CB", "funding for capacity-building"),
  seed("annex/43.f", "CB", "global cyber security cooperation portal, capacity-building repository"),
  seed("annex/43.g", "CB", "OEWG as a platform for capacity-building"),
  seed(
    "annex/43.h",
    "CB",
    "technical exchanges to strengthen States' capabilities (capacity-building section)",
  ),
  seed("annex/43.i", "CB", "stakeholders, training and research, capacity-building"),
  seed("annex/44", "CB", "continue exchanging views on capacity-building"),
  seed("annex/45", "CB", "UN entities' capacity-building programmes"),
  seed("annex/46", "CB", "mapping exercise of capacity-building programmes"),
  seed("annex/47", "CB", "the portal as a one-stop tool (capacity-building section)"),
  seed("annex/48", "CB", "global roundtable on capacity-building"),
  seed("annex/49", "CB", "e-learning course for diplomats (capacity-building section)"),
  seed("annex/50", "CB", "checklists to mainstream capacity-building principles"),
  seed("annex/51", "CB", "support capacity-building programmes"),
  // G. regular institutional dialogue
  seed("annex/52", "FM", "section on regular institutional dialogue"),
  seed("annex/52.a", "FM", "the OEWG as a mechanism for dialogue (RID section)"),
  seed("annex/52.b", "FM", "programme of action, other proposals for RID"),
  seed("annex/53", "FM", "options for a future RID mechanism"),
  seed("annex/54", "FM", "most effective format of RID"),
  seed("annex/55", "FM", "common elements of the future RID mechanism"),
  seed("annex/55.a", "FM", "single-track permanent mechanism"),
  seed("annex/55.b", "FM", "objective of the future mechanism"),
  seed("annex/55.c", "FM", "the future mechanism builds on the framework"),
  seed("annex/55.d", "FM", "an open, inclusive process (of the future mechanism)"),
  seed("annex/56", "FM", "consensus in establishing the future mechanism"),
  seed("annex/57", "FM", "stakeholders contribute to the future RID"),
  seed("annex/58", "FM", "focused discussions on RID and the PoA"),
  seed("annex/59", "FM", "sponsorship programmes for participation (RID section)"),
  seed("annex/60", "", "concluding observations: no topic"),
  // Annex A: the POC directory
  seed("annex/annex-a/2", "POC CBM", "the directory is itself a CBM"),
  seed(
    "annex/annex-a/3",
    "POC S PS NI",
    "the directory follows the principles of sovereignty, sovereign equality, peaceful settlement, non-interference",
  ),
  seed("annex/annex-a/5.b", "POC", "purposes of the directory: coordination in incidents"),
  seed("annex/annex-a/6", "POC", "access to and participation in the directory"),
  seed("annex/annex-a/9.b", "POC", "technical POCs"),
  seed(
    "annex/annex-a/10",
    "POC SR DD",
    "notifying a State its territory is used for a wrongful act does not make it responsible",
  ),
  seed("annex/annex-a/13", "POC CB", "dedicated capacity-building programme for the directory"),
  seed("annex/annex-a/13.a", "POC CB", "'POC 101' online tutorial (capacity-building)"),
  seed("annex/annex-a/14.d", "POC CB", "further capacity-building to participate in the directory"),
  seed("annex/annex-a/16", "POC", "review of the directory's functioning"),
  seed("annex/annex-a/appendix/u1", "POC", "inquiry procedure between POCs"),
  // Annex C: capacity-building principles
  seed("annex/annex-c/u1", "CB", "principles of capacity-building"),
  seed("annex/annex-c/u2", "CB", "capacity-building is a sustainable process"),
  seed("annex/annex-c/u3", "CB", "activities purpose-driven (capacity-building principles)"),
  seed("annex/annex-c/u4", "CB", "capacity-building activities neutral, transparent"),
  seed("annex/annex-c/u5", "CB S", "capacity-building respects the principle of State sovereignty"),
  seed("annex/annex-c/u6", "CB", "access to technologies (capacity-building principles)"),
  seed("annex/annex-c/u7", "CB", "national ownership (自主权, not sovereignty)"),
  seed("annex/annex-c/u8", "CB", "partners' shared responsibilities (not State responsibility)"),
  seed("annex/annex-c/u9", "CB", "confidentiality of national policies (capacity-building principles)"),
  seed("annex/annex-c/u10", "CB HR", "capacity-building respects human rights and fundamental freedoms"),
  seed("annex/annex-c/u11", "CB", "confidentiality of sensitive information (capacity-building principles)"),
  // Annex D: titles of working papers
  seed("annex/annex-d/e3", "", "international law and the Charter: no listed topic"),
  seed("annex/annex-d/e5", "", "Costa Rica on international law in cyberspace"),
  seed("annex/annex-d/e7", "", "a convention on international information security"),
  seed("annex/annex-d/e13", "FM", "Brazil on future regular institutional dialogue (定期举行机构对话)"),
  seed("annex/annex-d/e14", "POC CBM", "CBM No. 1 on a global POC directory"),
  seed("annex/annex-d/e15", "FM", "concept of regular institutional dialogue"),
  seed("annex/annex-d/e17", "FM", "scope and structure of the proposed programme of action"),
  seed("annex/annex-d/e46", "POC", "China's non-paper on the POC directory"),
  seed("annex/annex-d/e50", "CBM", "concept note on CBMs"),
  seed("annex/annex-d/e52", "CB", "Colombia's proposal on capacity-building"),
  seed(
    "annex/annex-d/e62",
    "CB",
    "cybersecurity capacity maturity model: capacity-building, words say 能力 only",
  ),
  seed("annex/annex-d/e63", "FM", "advancing the cyber programme of action"),
  seed("annex/annex-d/e71", "", "China on international rules for cyberspace"),
  seed("annex/annex-d/e72", "", "Global Data Security Initiative (title names no listed topic)"),
  seed("annex/annex-d/e75", "S", "China on the application of the principle of sovereignty"),
  // A/RES/80/16 (en, real)
  r16("u1", "", "report of the First Committee"),
  r16("preamble/1", "", "recalls resolutions and sessions"),
  r16("preamble/2", "", "recalls decisions"),
  r16("preamble/3", "", "final report considered"),
  r16("1", "", "endorses the final report"),
  r16("2", "FM", "operationalize the Global Mechanism"),
  r16("3", "CB", "the Global ICT Security Cooperation and Capacity-Building Portal"),
  r16("4", "", "agenda item"),
  // A/RES/80/22 (en, real): science and technology; "peaceful uses" is not peaceful settlement
  r22("u1", "report of the First Committee"),
  r22("preamble/1", "civilian and military applications"),
  r22("preamble/2", "keeping abreast of science and technology"),
  r22("preamble/3", "transfer of technologies for peaceful uses: not peaceful settlement"),
  r22("preamble/4", "exchange of technologies for peaceful uses"),
  r22("preamble/5", "rights of States regarding technologies for peaceful purposes"),
  r22("preamble/6", "IAEA, OPCW, BWC review"),
  r22("preamble/7", "Conference on Disarmament"),
  r22("preamble/8", "outer space (Peaceful Uses of Outer Space)"),
  r22("preamble/9", "CCW, emerging technologies"),
  r22("preamble/10", "ICT developments in the context of international security: no listed topic"),
  r22("preamble/11", "system-wide assessment"),
  r22("preamble/12", "Advisory Board on Disarmament Matters"),
  r22("1", "science for disarmament, verification"),
  r22("2", "vigilance, engaging experts"),
  r22("3", "takes note of the report"),
  r22("4", "requests a report"),
  r22("5", "Advisory Board"),
  r22("6", "events on science and technology"),
  r22("7", "agenda item"),
  // Our fixture, English
  en("1.1", "", "introduction; a delegation's 'interventions' are statements, not intervention"),
  en("1.2", "", "supports the framework of responsible State behaviour: not State responsibility"),
  en("2.1", "S", "sovereignty over ICT infrastructure"),
  en("2.2", "", "sovereign equality alone: a false friend of sovereignty, though under its heading"),
  en("2.3", "NI", "coercive interference in internal affairs"),
  en("2.4", "", "three interventions (statements) on the item, under the heading"),
  en("3.1", "UF", "use of force, armed attack, self-defence, Article 51"),
  en("3.2", "", "a treaty entered into force: not the use of force, though under its heading"),
  en("4.1", "IHL", "armed conflict, the principles of humanity, necessity, proportionality and distinction"),
  en("4.2", "", "humanitarian organizations as victims: not IHL, though under its heading"),
  en("5.1", "SR", "responsibility for an internationally wrongful act attributable to a State"),
  en("5.2", "SR", "attribution"),
  en("5.3", "", "'attributes' of technologies: not attribution, though under the heading"),
  en("5.4", "CM SR", "countermeasures against the responsible State"),
  en("5.5", "", "'measures' to protect networks: not countermeasures"),
  en("6.1", "DD", "knowingly allow their territory; due diligence"),
  en("7.1", "PS", "settle international disputes by peaceful means"),
  en("7.2", "", "technology for peaceful uses: not settlement, though under its heading"),
  en("8.1", "HR", "privacy and freedom of expression online"),
  en("9.1", "CI", "critical infrastructure"),
  en("9.2", "SC", "supply chain integrity, hidden functions"),
  en("10.1", "CBM", "confidence-building measures"),
  en("10.2", "POC", "nominated a point of contact to the global directory"),
  en("10.3", "POC CBM", "ping test and tabletop exercise: POC directory CBMs"),
  en("11.1", "CB", "capacity-building principles"),
  en("11.2", "", "military ICT capabilities: not capacity-building, though under its heading"),
  en("12.1", "FM", "permanent mechanism, programme of action"),
  en("12.2", "FM", "decisions of the future mechanism"),
  en("12.3", "", "thanks the Chair: no topic, though under the mechanism's heading"),
  // Our fixture, Chinese
  zh("@1/u1", "", "应当尽快 (not 应尽义务); 负责任国家行为 (not 国家责任)"),
  zh("@2/i", "S", "sovereignty over ICT facilities on its territory"),
  zh("@2/ii", "", "主权平等 alone: sovereign equality, under the sovereignty heading"),
  zh("@2/iii", "NI", "干涉他国内政"),
  zh("@3/i", "PS", "和平方式解决争端"),
  zh("@3/ii", "CI", "关键基础设施"),
  zh("@3/iii", "SC", "供应链 security; 合作措施 is not countermeasures"),
  zh("@3/iv", "CM", "反措施 must be proportionate: countermeasures named"),
  zh("@3/v", "SR", "归因 of ICT incidents"),
  zh("@4/i", "CB", "capacity-building respects ownership (自主权, not sovereignty)"),
  zh("@4/ii", "", "military ICT 能力: not capacity-building, though under its heading"),
  zh("@4/iii", "HR", "人权 in cyberspace (filed under the capacity-building heading, not about it)"),
  zh("@5/i", "FM", "常设机制, 行动纲领"),
  zh("@5/ii", "POC", "联络点名录 (filed under the mechanism heading, not about it)"),
  zh("@5/iii", "CBM", "建立信任措施; 人道主义组织 is not IHL (under the mechanism heading, not about it)"),
];
