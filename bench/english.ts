/**
 * The varied English generator (issue 14): English paragraphs in UN report and resolution
 * layouts, from an inventory written for acquis in our own words (no UN text enters the
 * repository), large enough that two paragraphs share about as much wording as two paragraphs of
 * real UN English do (bench/self-similarity.ts measures it; the README gives the figures).
 *
 * Why beside the current generator (bench/generate.ts `EN`) and not instead of it: the current
 * one recombines a few dozen phrases, so at 200k paragraphs another paragraph often carries a
 * pasted sentence's words as closely as its source; its figures are kept as they were measured,
 * and this one is measured beside them.
 *
 * Decisions:
 * - Noun phrases are built from parts (determiner, adjective, head noun, a complement of one or
 *   two nouns), not drawn whole: real English rarely repeats a five-word run outside its agreed
 *   formulas, and a drawn whole phrase repeats every time it is drawn.
 * - Agreed formulas do recur, as in real text ("in accordance with international law"): a list of
 *   them, each sentence taking one at most, now and then.
 * - A document has terms of its own (three to six noun phrases drawn once for it) that its
 *   paragraphs come back to, as a report comes back to its subject.
 * - Paragraph layouts: a report's "Delegations noted ..." paragraph of one to three sentences, a
 *   resolution's preambular ("Recalling ..., ") and operative ("Requests the Secretary-General to
 *   ...;") paragraphs, and a list item.
 */

/** A random number in [0, 1): the generator's one PRNG. */
export type Rand = () => number;

const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;

const SUBJECTS = [
  "States",
  "Member States",
  "Several delegations",
  "Many delegations",
  "A number of States",
  "Some delegations",
  "One delegation",
  "A group of States",
  "The Chair",
  "The working group",
  "The committee",
  "The panel of experts",
  "Participants",
  "Regional organizations",
  "Observer delegations",
  "The secretariat",
  "Speakers",
  "Representatives of industry",
  "Small island developing States",
  "Least developed countries",
  "The meeting",
  "The co-facilitators",
  "Other delegations",
  "The rapporteur",
];

const REPORT_VERBS = [
  "noted",
  "stressed",
  "underlined",
  "observed",
  "pointed out",
  "acknowledged",
  "reiterated",
  "considered",
  "suggested",
  "proposed",
  "cautioned",
  "reported",
  "explained",
  "maintained",
  "questioned whether",
  "welcomed the view",
  "expressed concern",
  "drew attention to the fact",
  "recalled",
  "emphasized",
  "recognized",
  "agreed",
  "affirmed",
  "indicated",
];

const TRANSITIVE = [
  "welcomed",
  "supported",
  "called for",
  "encouraged",
  "highlighted",
  "reaffirmed",
  "underscored",
  "recommended",
  "endorsed",
  "took note of",
  "expressed support for",
  "requested",
  "examined",
  "discussed",
  "reviewed",
  "identified",
  "proposed",
  "described",
  "outlined",
  "shared experiences of",
  "looked forward to",
  "stressed the value of",
  "cautioned against",
  "drew attention to",
];

const PREAMBLE = [
  "Recalling",
  "Reaffirming",
  "Noting",
  "Noting with concern",
  "Noting with appreciation",
  "Welcoming",
  "Recognizing",
  "Emphasizing",
  "Stressing",
  "Bearing in mind",
  "Acknowledging",
  "Mindful of",
  "Convinced of",
  "Concerned about",
  "Underlining",
  "Taking note of",
  "Expressing concern at",
  "Considering",
];

const OPERATIVE = [
  "Decides to",
  "Requests the Secretary-General to",
  "Encourages Member States to",
  "Calls upon all States to",
  "Invites regional organizations to",
  "Urges States to",
  "Invites Member States to",
  "Requests the working group to",
  "Decides further to",
  "Encourages the continued efforts to",
  "Calls for efforts to",
  "Stresses the need to",
];

const INFINITIVES = [
  "strengthen",
  "promote",
  "support",
  "develop",
  "review",
  "consider",
  "establish",
  "facilitate",
  "enhance",
  "continue",
  "ensure",
  "examine",
  "improve",
  "maintain",
  "expand",
  "report on",
  "take stock of",
  "contribute to",
  "build on",
  "implement",
  "advance",
  "clarify",
  "assess",
  "coordinate",
];

const DETERMINERS = ["the", "the", "the", "these", "further", "all", "existing", "any", "national", "such"];

const ADJECTIVES = [
  "voluntary",
  "practical",
  "regional",
  "national",
  "international",
  "technical",
  "legal",
  "common",
  "collective",
  "open",
  "secure",
  "resilient",
  "peaceful",
  "responsible",
  "malicious",
  "critical",
  "essential",
  "sustainable",
  "inclusive",
  "transparent",
  "predictable",
  "effective",
  "targeted",
  "specific",
  "emerging",
  "existing",
  "potential",
  "broad",
  "early",
  "further",
  "concrete",
  "possible",
  "relevant",
  "multilateral",
  "bilateral",
  "regular",
  "permanent",
  "future",
  "digital",
  "public",
  "private",
  "coordinated",
  "tailored",
  "independent",
  "comprehensive",
  "additional",
  "gradual",
  "mutual",
  "adequate",
  "wider",
  "timely",
  "long-term",
  "cross-border",
  "sectoral",
];

const NOUNS = [
  "norms",
  "principles",
  "rules",
  "measures",
  "mechanisms",
  "capacities",
  "programmes",
  "frameworks",
  "guidelines",
  "commitments",
  "obligations",
  "responsibilities",
  "institutions",
  "incidents",
  "threats",
  "risks",
  "vulnerabilities",
  "infrastructure",
  "networks",
  "systems",
  "services",
  "technologies",
  "data",
  "supply chains",
  "software",
  "products",
  "operators",
  "authorities",
  "agencies",
  "teams",
  "experts",
  "partners",
  "stakeholders",
  "communities",
  "actors",
  "victims",
  "populations",
  "economies",
  "countries",
  "regions",
  "dialogue",
  "consultations",
  "cooperation",
  "assistance",
  "training",
  "exercises",
  "workshops",
  "surveys",
  "reports",
  "proposals",
  "views",
  "positions",
  "practices",
  "lessons",
  "experiences",
  "needs",
  "gaps",
  "priorities",
  "resources",
  "funding",
  "support",
  "coordination",
  "implementation",
  "accountability",
  "transparency",
  "attribution",
  "sovereignty",
  "jurisdiction",
  "due diligence",
  "self-defence",
  "humanitarian law",
  "human rights",
  "privacy",
  "stability",
  "security",
  "resilience",
  "trust",
  "confidence",
  "awareness",
  "education",
  "research",
  "innovation",
  "development",
  "growth",
  "access",
  "connectivity",
  "interoperability",
  "standards",
  "certification",
  "procurement",
  "disclosure",
  "notification",
  "response",
  "recovery",
  "prevention",
  "mitigation",
  "escalation",
  "misperception",
  "conflict",
  "disputes",
  "crime",
  "terrorism",
  "ransomware",
  "intrusions",
  "disruptions",
  "outages",
  "elections",
  "health care",
  "energy",
  "finance",
  "transport",
  "water",
  "telecommunications",
  "satellites",
  "cables",
  "platforms",
  "identity",
  "encryption",
  "tools",
  "capabilities",
  "doctrines",
  "strategies",
  "legislation",
  "regulation",
  "oversight",
];

const PREPOSITIONS = [
  "of",
  "of",
  "for",
  "on",
  "in",
  "against",
  "between",
  "among",
  "across",
  "within",
  "through",
];

/** Agreed formulas: the wording real texts do repeat; a sentence takes one now and then. */
const FORMULAS = [
  "in accordance with international law",
  "in accordance with the Charter of the United Nations",
  "on a voluntary and non-binding basis",
  "as appropriate",
  "within existing resources",
  "taking into account national circumstances",
  "in a manner consistent with their obligations",
  "building on the consensus reports",
  "without prejudice to future discussions",
  "at the request of the States concerned",
  "with the full and equal participation of women",
  "in an open, inclusive and transparent manner",
  "in line with national legislation",
  "through the exchange of information",
  "on the basis of consensus",
  "with a view to reducing tensions",
  "under the auspices of the United Nations",
  "at its next substantive session",
  "in the context of international security",
  "including through capacity-building",
];

const CONNECTIVES = [
  "while",
  "noting that",
  "and stressed that",
  "as",
  "given that",
  "since",
  "whereas",
  "adding that",
  "on the understanding that",
  "in so far as",
];

const MODALS = ["should", "could", "would", "might", "must", "can", "may"];

const PREDICATES = [
  "remained a priority",
  "required further attention",
  "was still uneven",
  "had grown in recent years",
  "deserved closer study",
  "varied from region to region",
  "was not yet well understood",
  "had improved markedly",
  "called for a common approach",
  "lay at the heart of the discussion",
  "depended on sustained funding",
  "was a shared responsibility",
];

const LIST_HEADS = [
  "Exchanging",
  "Developing",
  "Supporting",
  "Promoting",
  "Reviewing",
  "Strengthening",
  "Mapping",
  "Sharing",
];

/** A generated paragraph and the background it was made from (the formulas and terms it used). */
export interface English {
  text: string;
  sources: string[];
}

/**
 * A document's English: call it once per document; the function it returns writes one paragraph
 * each call. `depth` is the paragraph's depth (2 and 3: a list item).
 */
export function variedDocument(r: Rand): (depth: number) => English {
  const sources: string[] = [];
  const np = (): string => {
    const parts = [pick(r, DETERMINERS)];
    if (r() < 0.6) parts.push(pick(r, ADJECTIVES));
    parts.push(pick(r, NOUNS));
    if (r() < 0.55) {
      parts.push(pick(r, PREPOSITIONS));
      if (r() < 0.4) parts.push(pick(r, ADJECTIVES));
      parts.push(pick(r, NOUNS));
      if (r() < 0.2) parts.push("and", pick(r, NOUNS));
    }
    return parts.join(" ");
  };
  // The document's own terms, which its paragraphs come back to.
  const terms = Array.from({ length: 4 + Math.floor(r() * 5) }, () => np());
  // And sentence openings of its own (a subject and its verb), as a report's drafters keep to theirs.
  const openers = Array.from(
    { length: 3 + Math.floor(r() * 3) },
    () => `${pick(r, SUBJECTS)} ${pick(r, TRANSITIVE)}`,
  );
  const phrase = (): string => {
    if (r() < 0.35) {
      const t = Math.floor(r() * terms.length);
      sources.push(`term:${t}`);
      return terms[t] as string;
    }
    return np();
  };
  const formula = (): string => {
    if (r() >= 0.35) return "";
    const f = Math.floor(r() * FORMULAS.length);
    sources.push(`formula:${f}`);
    return ` ${FORMULAS[f]}`;
  };
  const tail = (): string => {
    const k = r();
    if (k < 0.25) return `, ${pick(r, CONNECTIVES)} ${phrase()} ${pick(r, PREDICATES)}`;
    if (k < 0.45) return ` and ${pick(r, TRANSITIVE)} ${phrase()}`;
    return "";
  };
  const reportSentence = (): string => {
    const k = r();
    const subject = pick(r, SUBJECTS);
    if (k < 0.25) return `${pick(r, openers)} ${phrase()}${formula()}${tail()}.`;
    if (k < 0.55) return `${subject} ${pick(r, TRANSITIVE)} ${phrase()}${formula()}${tail()}.`;
    if (k < 0.8)
      return `${subject} ${pick(r, REPORT_VERBS)} that ${phrase()} ${pick(r, MODALS)} ${pick(r, INFINITIVES)} ${phrase()}${formula()}.`;
    return `${subject} ${pick(r, REPORT_VERBS)} that ${phrase()} ${pick(r, PREDICATES)}${tail()}.`;
  };
  const cap = (s: string) => `${s[0]?.toUpperCase() ?? ""}${s.slice(1)}`;
  return (depth: number): English => {
    sources.length = 0;
    let text: string;
    const k = r();
    if (depth > 1) {
      text = `${pick(r, LIST_HEADS)} ${phrase()} ${pick(r, PREPOSITIONS)} ${phrase()}${formula()};`;
    } else if (k < 0.6) {
      const n = 1 + Math.floor(r() * 4);
      text = Array.from({ length: n }, reportSentence).join(" ");
    } else if (k < 0.8) {
      text = `${pick(r, PREAMBLE)} ${phrase()}${formula()}${tail()},`;
    } else {
      text = `${pick(r, OPERATIVE)} ${pick(r, INFINITIVES)} ${phrase()}${formula()}${r() < 0.5 ? `, and to ${pick(r, INFINITIVES)} ${phrase()}` : ""};`;
    }
    return { text: cap(text), sources: [...sources] };
  };
}
