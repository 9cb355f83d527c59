/**
 * A dist-like data directory for the site, built from the test factories: the site is tested
 * against data we control, independent of how far the parser, citation, reuse and search stages
 * have got. The texts are written by us, in our own words; none is a real UN text.
 *
 * The fixture holds every kind of thing a page must show (a zh/en pair, an annex with nested
 * subparagraphs, footnotes, citations resolved and not, a quotation that does not match, reuse
 * with a diff, working papers by State) and one hostile document whose text is HTML and script:
 * the site must show those characters as text and never run them.
 *
 * `scale` adds synthetic paragraphs for the site build benchmark (bench/sections/site.ts).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { addressOf, anchorOf, idOf } from "../../core/address/address.ts";
import { buildSearchIndex } from "../../pipeline/index/build.ts";
import { loadTopics } from "../../pipeline/load/topics.ts";
import { sectionsOf } from "../../pipeline/parse/record.ts";
import { alignedFile, alignLanguages } from "../../pipeline/reuse/bilingual.ts";
import { formulaWindowsOf } from "../../pipeline/reuse/detect.ts";
import { adoptionStage } from "../../pipeline/states/adoption.ts";
import { topicsStage } from "../../pipeline/topics/stage.ts";
import { SCHEMA_VERSION, symbolSlug } from "../../schemas/common.ts";
import type {
  Citation,
  DocumentRecord,
  Footnote,
  Heading,
  Paragraph,
  Reuse,
  WorkingPaper,
} from "../../schemas/index.ts";
import { documentRecord } from "../factories.ts";

/** The hostile strings: each must reach the reader as visible text, inert. */
export const HOSTILE = {
  script: '<script>window.__pwned = "script"</script>',
  link: "[click me](javascript:window.__pwned='link')",
  img: '<img src="x" onerror="window.__pwned=\'img\'">',
} as const;

interface ParaSpec {
  part?: string[];
  num?: string[];
  label?: string;
  text: string;
  headings?: string[];
  footnotes?: Array<{ mark: string; text: string; at: number }>;
  scope?: string | null;
  items?: Paragraph["items"];
}

interface DocSpec {
  symbol: string;
  lang: "zh" | "en";
  title: string;
  date: string;
  type?: DocumentRecord["type"];
  body?: string;
  status?: DocumentRecord["status"];
  headings: Array<{ text: string; depth: number; part: string[]; before: number; role?: Heading["role"] }>;
  paras: ParaSpec[];
  authors?: DocumentRecord["authors"];
}

/** Turn a spec into the record and paragraphs the parser would export. */
function buildDoc(spec: DocSpec): { record: DocumentRecord; paragraphs: Paragraph[] } {
  const file = `corpus/${symbolSlug(spec.symbol)}/${spec.lang}.md`;
  const unnumbered = new Map<string, number>();
  let line = 10;
  const lineOfPara: number[] = [];
  const headingLines = new Map<number, number[]>();
  // Lay out lines so headings fall before the paragraph index they name.
  const paragraphs = spec.paras.map((p, i) => {
    for (const [hi, h] of spec.headings.entries()) {
      if (h.before === i) {
        line += 2;
        headingLines.set(hi, [line]);
      }
    }
    line += 2;
    lineOfPara.push(line);
    const part = p.part ?? [];
    const num = p.num ?? [];
    const key = `${part.join("|")}@${p.scope ?? ""}`;
    const ordinal = (unnumbered.get(key) ?? 0) + (num.length ? 0 : 1);
    unnumbered.set(key, ordinal);
    const address = addressOf(part, p.scope ?? null, num, ordinal);
    const id = idOf(spec.symbol, spec.lang, address);
    const footnotes: Footnote[] = (p.footnotes ?? []).map((f) => ({
      mark: f.mark,
      n: /^\d+$/.test(f.mark) ? Number(f.mark) : null,
      text: f.text,
      at: f.at,
      source: { file, line: line + 1 },
    }));
    const parentNum = num.length > 1 ? num.slice(0, -1) : null;
    const para: Paragraph = {
      id,
      address,
      anchor: anchorOf(address),
      doc: spec.symbol,
      lang: spec.lang,
      part,
      scope: p.scope ?? null,
      num,
      label: p.label ?? (num.length ? `${num[num.length - 1]}.` : ""),
      text: p.text,
      footnotes,
      headings: p.headings ?? [],
      parent: parentNum ? idOf(spec.symbol, spec.lang, addressOf(part, p.scope ?? null, parentNum)) : null,
      seq: i,
      source: { file, line },
      kind: "paragraph",
      flags: [],
      ...(p.items ? { items: p.items } : {}),
    };
    return para;
  });
  const headings: Heading[] = spec.headings.map((h, hi) => ({
    text: h.text,
    depth: h.depth,
    part: h.part,
    anchor: `h-${anchorOf(h.part.join("/") || "body")}-${hi}`,
    footnotes: [],
    source: { file, line: headingLines.get(hi)?.[0] ?? 1 },
    ...(h.role ? { role: h.role } : {}),
  }));
  const parts: string[][] = [];
  for (const p of paragraphs) {
    if (!parts.some((q) => q.join("|") === p.part.join("|"))) parts.push(p.part);
  }
  const record = documentRecord({
    symbol: spec.symbol,
    lang: spec.lang,
    title: spec.title,
    date: spec.date,
    type: spec.type ?? "report",
    body: spec.body ?? "OEWG 2021-2025",
    status: spec.status ?? "consensus",
    file,
    paragraphs: paragraphs.length,
    parts,
    headings,
    authors: spec.authors ?? [],
    // The sections as the parse stage reads them back from headings and paragraphs.
    sections: sectionsOf(headings, paragraphs),
  });
  return { record, paragraphs };
}

const A78_ZH: DocSpec = {
  symbol: "A/78/265",
  lang: "zh",
  title: "测试用工作组第二次进展报告",
  date: "2023-08-01",
  headings: [
    { text: "一. 引言", depth: 2, part: [], before: 0 },
    { text: "附件", depth: 1, part: ["annex"], before: 2 },
    { text: "C. 负责任国家行为的规范", depth: 2, part: ["annex"], before: 2 },
  ],
  paras: [
    { num: ["1"], text: "本报告是工作组的第二份进展报告，仅供测试使用。" },
    { num: ["2"], text: "第一份报告已经作为 A/77/275 号文件印发。" },
    {
      part: ["annex"],
      num: ["23"],
      text: "各国提出以下建议，供进一步讨论：",
      headings: ["C. 负责任国家行为的规范"],
    },
    {
      part: ["annex"],
      num: ["23", "f"],
      label: "(f)",
      text: "各国同意继续交流关于保护关键基础设施的做法。",
      headings: ["C. 负责任国家行为的规范"],
    },
    {
      part: ["annex"],
      num: ["23", "f", "ii"],
      label: "(二)",
      text: "各国重申关键基础设施保护的重要性，并同意在自愿基础上分享良好做法。",
      headings: ["C. 负责任国家行为的规范"],
      footnotes: [{ mark: "1", text: "《第一次进展报告》，A/77/275，附件，第 5 段。", at: 12 }],
    },
    {
      part: ["annex"],
      num: ["24"],
      text: "各国回顾，“各国应当合作防止有害做法”，并强调能力建设。",
      headings: ["C. 负责任国家行为的规范"],
    },
  ],
};

const A78_EN: DocSpec = {
  symbol: "A/78/265",
  lang: "en",
  title: "Test second progress report of the working group",
  date: "2023-08-01",
  headings: [
    { text: "I. Introduction", depth: 2, part: [], before: 0 },
    { text: "Annex", depth: 1, part: ["annex"], before: 2 },
    { text: "C. Norms of responsible State behaviour", depth: 2, part: ["annex"], before: 2 },
  ],
  paras: [
    { num: ["1"], text: "This report is the second progress report of the working group, for testing only." },
    { num: ["2"], text: "The first report was issued as document A/77/275." },
    {
      part: ["annex"],
      num: ["23"],
      text: "States put forward the following proposals for further discussion:",
      headings: ["C. Norms of responsible State behaviour"],
    },
    {
      part: ["annex"],
      num: ["23", "f"],
      label: "(f)",
      text: "States agreed to keep exchanging practice on protecting critical infrastructure.",
      headings: ["C. Norms of responsible State behaviour"],
    },
    {
      part: ["annex"],
      num: ["23", "f", "ii"],
      label: "(ii)",
      text: "States reaffirmed the importance of protecting critical infrastructure and agreed to share good practice on a voluntary basis.",
      headings: ["C. Norms of responsible State behaviour"],
    },
    {
      part: ["annex"],
      num: ["24"],
      text: "States recalled that “States should cooperate to prevent harmful practices” and stressed capacity-building.",
      headings: ["C. Norms of responsible State behaviour"],
    },
  ],
};

const A77_EN: DocSpec = {
  symbol: "A/77/275",
  lang: "en",
  title: "Test first progress report of the working group",
  date: "2022-08-08",
  headings: [{ text: "Annex", depth: 1, part: ["annex"], before: 0 }],
  paras: [
    { part: ["annex"], num: ["4"], text: "States noted an increasingly concerning threat landscape." },
    {
      part: ["annex"],
      num: ["5"],
      text: "States reaffirmed the importance of protecting critical infrastructure and agreed to share practice.",
    },
    {
      part: ["annex"],
      num: ["6"],
      text: "States should cooperate to prevent harmful practices in the use of technology.",
    },
    // Two closing paragraphs alike where the Chinese has one: the side-by-side page shows a
    // paragraph without counterpart and a doubtful pair.
    { part: ["annex"], text: "The Chair thanked the delegations for their constructive engagement." },
    { part: ["annex"], text: "The Chair thanked the secretariat for its constructive support." },
  ],
};

const A77_ZH: DocSpec = {
  symbol: "A/77/275",
  lang: "zh",
  title: "测试用工作组第一次进展报告",
  date: "2022-08-08",
  headings: [{ text: "附件", depth: 1, part: ["annex"], before: 0 }],
  paras: [
    { part: ["annex"], num: ["4"], text: "各国注意到威胁形势日益令人关切。" },
    { part: ["annex"], num: ["5"], text: "各国重申关键基础设施保护的重要性，并同意分享做法。" },
    { part: ["annex"], num: ["6"], text: "各国应当合作防止技术使用中的有害做法。" },
    { part: ["annex"], text: "主席感谢各方的建设性参与。" },
  ],
};

const HOSTILE_EN: DocSpec = {
  symbol: "A/RES/99/1",
  lang: "en",
  title: `Hostile test resolution ${HOSTILE.script}`,
  date: "2024-12-01",
  type: "resolution",
  body: "General Assembly",
  status: "adopted",
  headings: [{ text: `Heading ${HOSTILE.img}`, depth: 1, part: [], before: 0 }],
  paras: [
    { part: ["preamble"], num: ["1"], label: "", text: `Recalling ${HOSTILE.script} its earlier work,` },
    { num: ["1"], text: `Decides to read ${HOSTILE.link} as plain text;` },
    {
      num: ["2"],
      text: `Requests that ${HOSTILE.img} stays a string;`,
      footnotes: [{ mark: "1", text: `See ${HOSTILE.script} and ${HOSTILE.link}.`, at: 8 }],
    },
  ],
};

/** Everything the fixture exports, also handed to tests so they can assert against it. */
export interface FixtureData {
  documents: DocumentRecord[];
  paragraphs: Paragraph[];
  citations: Citation[];
  reuse: Reuse[];
  workingPapers: WorkingPaper[];
}

function citation(over: Partial<Citation> & Pick<Citation, "from" | "raw" | "span" | "target">): Citation {
  return {
    id: `${over.from}#c1`,
    via: "text",
    footnote: null,
    resolved: null,
    status: "resolved",
    candidates: [],
    url: null,
    quote: null,
    source: { file: "corpus/test.md", line: 1 },
    ...over,
  };
}

/** The national paper's section heading, which cites a part of an agreed text in its own words. */
export const NZ_HEADING = "2 Sovereignty (see A/78/265, annex)";

/** A national paper without a UN symbol, by two States: keyed by its id (our own words). */
const NATIONAL_EN: DocSpec = {
  symbol: "nz-2024-test-position",
  lang: "en",
  title: "Test position on international law in cyberspace",
  date: "2024-03-12",
  type: "position paper",
  body: "Governments of New Zealand and Australia",
  status: "national",
  authors: [
    { code: "NZ", kind: "state", name: { en: "New Zealand", zh: "新西兰" } },
    { code: "AU", kind: "state", name: { en: "Australia", zh: "澳大利亚" } },
  ],
  headings: [{ text: NZ_HEADING, depth: 3, part: [], before: 0 }],
  paras: [
    {
      scope: "2",
      text: "The co-authors consider, for testing only, that sovereignty applies to cyber infrastructure, where an operation causes:\nphysical damage;\na loss of function.",
      headings: [NZ_HEADING],
      items: [
        { n: 1, mark: "•", start: 120, end: 136 },
        { n: 2, mark: "•", start: 137, end: 156 },
      ],
    },
    {
      // Quotes the agreed language of A/78/265 (2023), a year later.
      scope: "2",
      text: "The co-authors note that States put forward the following proposals for further discussion, and support them, for testing only.",
      headings: [NZ_HEADING],
    },
  ],
};

/** A compendium with one State's section, a part of its own (our own words). */
const COMPENDIUM_EN: DocSpec = {
  symbol: "A/99/136",
  lang: "en",
  title: "Test compendium of national contributions",
  date: "2021-07-13",
  type: "compendium",
  body: "GGE 2019-2021",
  status: "other",
  headings: [
    { text: "Annex", depth: 1, part: ["annex"], before: 0 },
    { text: "New Zealand", depth: 1, part: ["annex", "state NZ"], before: 0, role: "state" },
  ],
  paras: [
    {
      part: ["annex", "state NZ"],
      num: ["1"],
      text: "New Zealand sets out its views for testing only.",
    },
    {
      // Its wording, which the consensus text of 2022 (A/77/275) carries later.
      part: ["annex", "state NZ"],
      num: ["2"],
      text: "In its view, for testing only, States should cooperate to prevent harmful practices in the use of technology.",
    },
  ],
};

/** Synthetic bulk paragraphs for the benchmark: `n` more paragraphs in a report of their own. */
function bulkDoc(n: number, index: number): DocSpec {
  return {
    symbol: `A/AC.999/${2000 + index}/1`,
    lang: index % 2 ? "en" : "zh",
    title: `Bulk test document ${index}`,
    date: `20${10 + (index % 15)}-01-01`,
    headings: [{ text: "Annex", depth: 1, part: ["annex"], before: 0 }],
    paras: Array.from({ length: n }, (_, i) => ({
      part: ["annex"],
      num: [String(i + 1)],
      text:
        index % 2
          ? `Paragraph ${i + 1} of bulk document ${index}: States reaffirmed the importance of protecting critical infrastructure, ${"and agreed to share good practice ".repeat(3)}`
          : `批量文件 ${index} 第 ${i + 1} 段：各国重申关键基础设施保护的重要性，并同意在自愿基础上分享良好做法。${"各国应当合作防止技术使用中的有害做法。".repeat(3)}`,
    })),
  };
}

/** Build the fixture in memory. `extraParagraphs` spreads that many more paragraphs over bulk documents. */
export function makeFixture(opts: { extraParagraphs?: number } = {}): FixtureData {
  const specs = [A77_EN, A77_ZH, A78_EN, A78_ZH, HOSTILE_EN, NATIONAL_EN, COMPENDIUM_EN];
  const extra = opts.extraParagraphs ?? 0;
  const perDoc = 100;
  for (let i = 0; i * perDoc < extra; i++) specs.push(bulkDoc(Math.min(perDoc, extra - i * perDoc), i));
  const built = specs.map(buildDoc);
  const documents = built
    .map((b) => b.record)
    .sort((a, b) => a.symbol.localeCompare(b.symbol) || a.lang.localeCompare(b.lang));
  const order = new Map(documents.map((d, i) => [`${d.symbol}|${d.lang}`, i]));
  const paragraphs = built
    .sort(
      (a, b) =>
        order.get(`${a.record.symbol}|${a.record.lang}`)! - order.get(`${b.record.symbol}|${b.record.lang}`)!,
    )
    .flatMap((b) => b.paragraphs);

  const zhFii = "A-78-265/zh/annex/23.f.ii";
  const citations: Citation[] = [
    citation({
      id: `${zhFii}#c1`,
      from: zhFii,
      via: "footnote",
      footnote: "1",
      raw: "A/77/275，附件，第 5 段",
      span: [10, 27],
      target: {
        doc: "A/77/275",
        part: ["annex"],
        scope: null,
        num: ["5"],
        partInferred: false,
        section: null,
        page: null,
      },
      resolved: "A-77-275/zh/annex/5",
      status: "resolved",
    }),
    citation({
      id: "A-78-265/en/2#c1",
      from: "A-78-265/en/2",
      raw: "A/77/275",
      span: [39, 47],
      target: {
        doc: "A/77/275",
        part: [],
        scope: null,
        num: [],
        partInferred: false,
        section: null,
        page: null,
      },
      resolved: null,
      status: "resolved",
    }),
    citation({
      id: "A-78-265/zh/2#c1",
      from: "A-78-265/zh/2",
      raw: "A/77/275",
      span: [9, 17],
      target: {
        doc: "A/77/275",
        part: [],
        scope: null,
        num: [],
        partInferred: false,
        section: null,
        page: null,
      },
      resolved: null,
      status: "resolved",
    }),
    citation({
      id: "A-78-265/en/1#c1",
      from: "A-78-265/en/1",
      raw: "second progress report",
      span: [20, 42],
      target: {
        doc: "A/75/816",
        part: ["annex I"],
        scope: null,
        num: ["7"],
        partInferred: false,
        section: null,
        page: null,
      },
      status: "not-in-corpus",
      url: "javascript:window.__pwned='url'",
    }),
    citation({
      id: "A-78-265/en/annex/24#c1",
      from: "A-78-265/en/annex/24",
      raw: "States should cooperate to prevent harmful practices",
      span: [15, 67],
      target: {
        doc: "A/77/275",
        part: ["annex"],
        scope: null,
        num: ["6"],
        partInferred: false,
        section: null,
        page: null,
      },
      resolved: "A-77-275/en/annex/6",
      status: "resolved",
      quote: {
        quote: "States should cooperate to prevent harmful practices",
        result: "mismatch",
        closest: "States should cooperate to prevent harmful practices in the use of technology.",
      },
    }),
  ];
  // A citation in a heading's own words is filed under the part the heading opens, at the
  // heading's line (pipeline/cite/extract.ts), and resolves to a whole part: the annex.
  const nz = documents.find((d) => d.symbol === "nz-2024-test-position")!;
  const raw = "A/78/265, annex";
  citations.push(
    citation({
      id: "nz-2024-test-position/en/body#c1",
      from: "nz-2024-test-position/en/body",
      via: "heading",
      raw,
      span: [NZ_HEADING.indexOf(raw), NZ_HEADING.indexOf(raw) + raw.length],
      target: {
        doc: "A/78/265",
        part: ["annex"],
        scope: null,
        num: [],
        partInferred: false,
        section: null,
        page: null,
      },
      resolved: "A-78-265/en/annex",
      status: "resolved",
      source: nz.headings[0]!.source,
    }),
  );
  // Fix spans so each points exactly at its raw text (the fixture is the spec of the contract).
  const byId = new Map(paragraphs.map((p) => [p.id, p]));
  for (const c of citations) {
    const p = byId.get(c.from);
    const host = c.via === "footnote" ? p?.footnotes.find((f) => f.mark === c.footnote)?.text : p?.text;
    const at = host?.indexOf(c.raw) ?? -1;
    if (at >= 0) c.span = [at, at + c.raw.length];
  }

  const reuse: Reuse[] = [
    {
      from: "A-77-275/en/annex/5",
      to: "A-78-265/en/annex/23.f.ii",
      kind: "near",
      score: 0.86,
      spans: [{ from: [0, 80], to: [0, 80] }],
      length: 12,
      formula: false,
      diff: [
        {
          op: "equal",
          text: "States reaffirmed the importance of protecting critical infrastructure and agreed to share ",
        },
        { op: "insert", text: "good " },
        { op: "equal", text: "practice" },
        { op: "insert", text: " on a voluntary basis" },
        { op: "equal", text: "." },
      ],
      via: "direct",
    },
    {
      from: "A-77-275/zh/annex/5",
      to: "A-78-265/zh/annex/23.f.ii",
      kind: "near",
      score: 0.84,
      spans: [{ from: [0, 20], to: [0, 20] }],
      length: 18,
      formula: false,
      diff: [
        { op: "equal", text: "各国重申关键基础设施保护的重要性，并同意" },
        { op: "insert", text: "在自愿基础上" },
        { op: "equal", text: "分享" },
        { op: "insert", text: "良好" },
        { op: "equal", text: "做法。" },
      ],
      via: "aligned",
    },
    {
      from: "A-77-275/en/annex/6",
      to: "A-78-265/en/annex/24",
      kind: "partial",
      score: 0.5,
      spans: [{ from: [0, 52], to: [15, 67] }],
      length: 8,
      formula: false,
      // Both whole texts, as the reuse stage gives a partial link: what the later one added
      // around the shared wording, and what it dropped.
      diff: [
        { op: "insert", text: "States recalled that “" },
        { op: "equal", text: "States should cooperate to prevent harmful practices" },
        { op: "delete", text: " in the use of technology." },
        { op: "insert", text: "” and stressed capacity-building." },
      ],
      via: "direct",
    },
  ];
  // A State's wording and the agreed texts: a compendium section's paragraph that a consensus
  // text carries later, and a national paper's paragraph that quotes a consensus text.
  const textOf = (id: string) => paragraphs.find((p) => p.id === id)?.text ?? "";
  const spanOf = (id: string, words: string): [number, number] => {
    const at = textOf(id).indexOf(words);
    if (at < 0) throw new Error(`fixture: ${id} does not hold “${words}”`);
    return [at, at + words.length];
  };
  const shared = (from: string, to: string, words: string, kind: Reuse["kind"]): Reuse => ({
    from,
    to,
    kind,
    score: 0.7,
    spans: [{ from: spanOf(from, words), to: spanOf(to, words) }],
    length: words.split(" ").length,
    formula: false,
    diff: [{ op: "equal", text: words }],
    via: "direct",
  });
  const nzSection = paragraphs.find((p) => p.doc === "A/99/136" && p.text.startsWith("In its view"))!.id;
  const nzPaper = paragraphs.find(
    (p) => p.doc === "nz-2024-test-position" && p.text.includes("support them"),
  )!.id;
  reuse.push(
    shared(
      nzSection,
      "A-77-275/en/annex/6",
      "States should cooperate to prevent harmful practices in the use of technology",
      "partial",
    ),
    shared(
      "A-78-265/en/annex/23",
      nzPaper,
      "States put forward the following proposals for further discussion",
      "partial",
    ),
  );

  const state = (code: string, en: string, zh: string, printed: string) => ({
    code,
    name: { en, zh },
    printed,
  });
  const workingPapers: WorkingPaper[] = [
    {
      id: "A-78-265/zh/annex/annex-d/wp1",
      doc: "A/78/265",
      lang: "zh",
      n: 1,
      title: "关于能力建设的工作文件",
      submitter: "多国(澳大利亚、哥伦比亚)",
      joint: true,
      states: [
        state("AU", "Australia", "澳大利亚", "澳大利亚"),
        state("CO", "Colombia", "哥伦比亚", "哥伦比亚"),
      ],
      unmatched: [],
      paragraph: "A-78-265/zh/annex/24",
      source: { file: "corpus/A-78-265/zh.md", line: 40 },
    },
    {
      id: "A-78-265/zh/annex/annex-d/wp2",
      doc: "A/78/265",
      lang: "zh",
      n: 2,
      title: `关于国际法的工作文件 ${HOSTILE.img}`,
      submitter: "委内瑞拉玻利瓦尔共和国",
      joint: false,
      states: [state("VE", "Venezuela", "委内瑞拉", "委内瑞拉玻利瓦尔共和国")],
      unmatched: [],
      paragraph: "A-78-265/zh/annex/24",
      source: { file: "corpus/A-78-265/zh.md", line: 41 },
    },
  ];

  return { documents, paragraphs, citations, reuse, workingPapers };
}

/**
 * Write a fixture as `dist/data` would hold it, with the search index the build writes (by the
 * build's own index writer). `optional: false` leaves out citations, reuse, the zh/en alignment
 * and the search index.
 */
export function writeFixtureData(
  dataDir: string,
  opts: { extraParagraphs?: number; optional?: boolean } = {},
): FixtureData {
  const data = makeFixture(opts);
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const jsonl = (rows: unknown[]) => rows.map((r) => `${JSON.stringify(r)}\n`).join("");
  const w = (name: string, text: string) => writeFileSync(path.join(dataDir, name), text);
  w("documents.json", JSON.stringify({ schemaVersion: SCHEMA_VERSION, documents: data.documents }));
  w("paragraphs.jsonl", jsonl(data.paragraphs));
  w("working-papers.json", JSON.stringify({ schemaVersion: SCHEMA_VERSION, papers: data.workingPapers }));
  if (opts.optional !== false) {
    // The documents held in both languages, aligned by the build's own aligner.
    w("aligned.json", JSON.stringify(alignedFile(alignLanguages(data.paragraphs).rows, SCHEMA_VERSION)));
    w("citations.jsonl", jsonl(data.citations));
    w("reuse.jsonl", jsonl(data.reuse));
    // Tagged by the build's own stage with the corpus's vocabulary.
    const vocabulary = loadTopics(
      readFileSync(fileURLToPath(new URL("../../corpus/topics.yaml", import.meta.url))),
      "corpus/topics.yaml",
    ).topics;
    const tagged = topicsStage({ paragraphs: data.paragraphs, vocabulary });
    w("topics.json", JSON.stringify({ schemaVersion: SCHEMA_VERSION, ...tagged.data }));
    // The build's own adoption stage over the fixture's links.
    const adoption = adoptionStage({ ...data, citations: [], registry: { documents: [] } }, SCHEMA_VERSION);
    w("adoption.json", JSON.stringify(adoption.file));
    // The formula windows travel with the index, as the build ships the reuse stage's.
    const index = buildSearchIndex(data.paragraphs, data.documents, {
      formulaWindows: formulaWindowsOf(data.paragraphs),
    });
    for (const [name, content] of Object.entries(index.files)) {
      const file = path.join(dataDir, "search", name);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, content);
    }
  }
  return data;
}
