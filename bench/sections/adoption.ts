/**
 * Adoption (pipeline/states/adoption.ts) against planted truth: the reuse section's chain corpus
 * (bench/sections/reuse.ts: background text, passages planted from an earlier paragraph into a
 * later one with 0-10 % edits), with one document in four made a national paper by one State
 * and one in twelve a joint paper by two; the others are consensus reports. Documents are dated
 * one a day, so a plant from a national paper into a report is "proposed before it was agreed"
 * and one from a report into a national paper "quotes agreed language".
 *
 * Measured: recall (planted pairs between a State's paragraph and an agreed one, inside the
 * reuse targets, claimed), precision (claimed links that join a planted pair), the direction
 * right and every author credited among the true links found, and the adoption stage's own
 * time (the reuse stage's, which it reads, is the reuse section's figure). Run alone:
 * `npx tsx bench/sections/adoption.ts` (or `--sizes 10000`).
 */
import { pathToFileURL } from "node:url";
import { buildReuse } from "../../pipeline/reuse/index.ts";
import { adoptionStage } from "../../pipeline/states/adoption.ts";
import { type DocumentRecord, SCHEMA_VERSION } from "../../schemas/index.ts";
import type { BenchOptions, Row, Section, SectionResult } from "../harness.ts";
import { generateCorpus } from "./reuse.ts";

const STATES = ["CN", "US", "FR", "BR", "ZA", "IN", "JP"];

/** Make one document in four a State's paper (one in twelve a joint paper); the rest consensus. */
function assignAuthors(documents: DocumentRecord[]): void {
  for (const [d, doc] of documents.entries()) {
    if (d % 4 !== 1) continue;
    const codes = d % 12 === 1 ? ["CA", "CH"] : [STATES[d % STATES.length]!];
    doc.status = "national";
    doc.type = "position paper";
    doc.authors = codes.map((code) => ({ code, kind: "state", name: { en: code, zh: code } }));
  }
}

export interface AdoptionBenchRow {
  paragraphs: number;
  national: number;
  expected: number;
  /** Planted pairs (in target) that the reuse stage linked: what adoption can find at most. */
  linked: number;
  /** Of those, claimed. */
  found: number;
  claimed: number;
  recall: number;
  precision: number;
  direction: number;
  credit: number;
  proposed: number;
  quotes: number;
  reuseSeconds: number;
  adoptionSeconds: number;
  adoptionCpuSeconds: number;
}

/** Measure one size. */
export function adoptionBench(n: number): AdoptionBenchRow {
  const corpus = generateCorpus(n, 1);
  assignAuthors(corpus.documents);
  const docOf = new Map(corpus.documents.map((d) => [d.symbol, d]));
  const byId = new Map(corpus.paragraphs.map((p) => [p.id, p]));
  const isNational = (id: string) => docOf.get(byId.get(id)!.doc)!.status === "national";
  const t0 = performance.now();
  const reuse = buildReuse(
    { paragraphs: corpus.paragraphs, documents: corpus.documents },
    SCHEMA_VERSION,
  ).reuse;
  const t1 = performance.now();
  const cpu0 = process.cpuUsage();
  const file = adoptionStage(
    {
      documents: corpus.documents,
      paragraphs: corpus.paragraphs,
      workingPapers: [],
      reuse,
      citations: [],
      registry: { documents: [] },
    },
    SCHEMA_VERSION,
  ).file;
  const cpu = process.cpuUsage(cpu0);
  const t2 = performance.now();
  // A planted pair with one end a State's and the other agreed; its direction from the plant.
  const key = (a: string, b: string) => `${a}\u0000${b}`;
  const truth = new Map<string, { direction: "proposed" | "quotes"; states: string[]; inTarget: boolean }>();
  for (const p of corpus.truth) {
    const fromNational = isNational(p.from);
    if (fromNational === isNational(p.to)) continue;
    const paper = fromNational ? p.from : p.to;
    const agreed = fromNational ? p.to : p.from;
    const states = (docOf.get(byId.get(paper)!.doc)!.authors ?? []).map((a) => a.code).sort();
    truth.set(key(paper, agreed), {
      direction: fromNational ? "proposed" : "quotes",
      states,
      inTarget: p.edits <= 0.1 && p.length >= 30,
    });
  }
  const expected = [...truth.values()].filter((t) => t.inTarget).length;
  const linkedPairs = new Set(reuse.map((r) => key(r.from, r.to)));
  let linked = 0;
  for (const [k, t] of truth) {
    if (!t.inTarget) continue;
    const [paper, agreed] = k.split("\u0000") as [string, string];
    if (linkedPairs.has(key(paper, agreed)) || linkedPairs.has(key(agreed, paper))) linked++;
  }
  let found = 0;
  let trueClaims = 0;
  let outsideTarget = 0;
  let directionRight = 0;
  let creditRight = 0;
  for (const l of file.links) {
    const t = truth.get(key(l.paper, l.agreed));
    if (!t) continue;
    if (!t.inTarget) {
      outsideTarget++;
      continue;
    }
    found++;
    trueClaims++;
    if (l.direction === t.direction) directionRight++;
    if (l.states.join(",") === t.states.join(",")) creditRight++;
  }
  const counted = file.links.length - outsideTarget;
  return {
    paragraphs: n,
    national: corpus.paragraphs.filter((p) => docOf.get(p.doc)!.status === "national").length,
    expected,
    linked,
    found,
    claimed: file.links.length,
    recall: expected ? found / expected : 1,
    precision: counted ? trueClaims / counted : 1,
    direction: trueClaims ? directionRight / trueClaims : 1,
    credit: trueClaims ? creditRight / trueClaims : 1,
    proposed: file.links.filter((l) => l.direction === "proposed").length,
    quotes: file.links.filter((l) => l.direction === "quotes").length,
    reuseSeconds: (t1 - t0) / 1000,
    adoptionSeconds: (t2 - t1) / 1000,
    adoptionCpuSeconds: (cpu.user + cpu.system) / 1e6,
  };
}

const pct = (x: number) => `${(100 * x).toFixed(2)} %`;
const label = (n: number) => (n % 1000 === 0 ? `${n / 1000}k` : String(n));

export const section: Section = {
  name: "adoption",
  run(opts: BenchOptions): SectionResult {
    const rows: Row[] = opts.sizes.map((n) => {
      opts.log?.(`adoption: ${label(n)} paragraphs`);
      const r = adoptionBench(n);
      return {
        size: label(n),
        "State paragraphs": r.national,
        "planted (in target)": r.expected,
        claimed: `${r.claimed} (${r.proposed} proposed, ${r.quotes} quotes)`,
        recall: `${pct(r.recall)} (reuse linked ${r.linked}, adoption claimed ${r.found} of them)`,
        precision: pct(r.precision),
        "direction right": pct(r.direction),
        "authors credited": pct(r.credit),
        "adoption stage": `${r.adoptionSeconds.toFixed(2)} s (CPU ${r.adoptionCpuSeconds.toFixed(2)} s)`,
        "reuse stage": `${r.reuseSeconds.toFixed(1)} s`,
      };
    });
    return {
      title: "Adoption: a State's wording and the agreed texts (chain corpus, planted passages)",
      rows,
      notes: [
        "One document in four is a State's paper (one in twelve of all documents a joint paper of two), the rest consensus reports, dated one a day. Planted: passages of 30-150 characters copied with 0-10 % edits from an earlier paragraph into a later one; a plant between a State's paragraph and an agreed one is a true link, its direction given by which end the plant came from. Recall and precision count the plants inside the reuse targets (>= 30 characters, edits <= 10 %), as the reuse section does; a link to a plant outside them is not counted as false.",
      ],
    };
  },
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { renderSection } = await import("../harness.ts");
  const i = process.argv.indexOf("--sizes");
  const sizes = i > 0 ? process.argv[i + 1]!.split(",").map(Number) : [10_000, 50_000, 200_000];
  console.log(
    renderSection(
      section.run({
        sizes,
        sizesGiven: i > 0,
        outDir: "",
        timeoutSeconds: 0,
        log: (m) => console.error(m),
      }) as SectionResult,
    ),
  );
}
