/**
 * `acquis state <code> [--json]`: one State's (or group's) papers, then the paragraphs of its
 * papers whose wording an agreed text later carries ("proposed before it was agreed") and those
 * that carry an agreed text's wording ("quotes agreed language"), with counts per year.
 *
 * Decision: the report is core/data/states.ts's `stateReport`, the one the State page shows, read
 * from the built knowledge base through the one reader (documents, paragraphs, working papers,
 * adoption.json); the command only prints it. Exit codes: 0 the State is known, 1 it is not,
 * 2 bad usage or no data.
 */
import { existsSync, realpathSync } from "node:fs";
import { resolve } from "node:path";
import { stateReport } from "../../core/data/states.ts";
import { type AdoptionRow, SCHEMA_VERSION, StateReport } from "../../schemas/index.ts";
import { jsonSafe, terminalSafe } from "../terminal.ts";
import { readDataDir } from "./data-host.ts";
import { READER_OPTIONS, readCommandLine, usageError as usage } from "./options.ts";
import type { Command, CommandIO } from "./types.ts";

const USAGE = `Usage: acquis state <code> [--json] [--data <dir>]

A State's (or group's) papers, then which of its paragraphs' wording reached
agreed texts and which quote them.

  <code>         ISO 3166-1 alpha-2 (CN, US, CH) or a group's code (EU, AFRICAN-UNION, ASEAN)
  --json         print the report as JSON (schemas/json/state-report.schema.json)
  --data <dir>   the built knowledge base (default: dist/data)

Its papers are the documents naming it among their authors (a joint paper
credits each), its sections of compendia, and the working papers the lists of
documents say it submitted. A link joins one of its paragraphs and a paragraph
of a consensus or adopted text that share wording (the reuse stage's links,
never those that share only formulas, citations or titles), read by date:
"proposed before it was agreed" when the paper is earlier, "quotes agreed
language" when the agreed text is. Shared wording is evidence of textual
origin, not of influence.

Exit codes: 0 the State is known; 1 it is not; 2 bad usage.`;

export const stateCommand: Command = {
  name: "state",
  summary: "A State's papers, and its wording that reached or quotes agreed texts",
  usage: USAGE,
  async run(argv: string[], io: CommandIO): Promise<number> {
    const read = readCommandLine(argv, READER_OPTIONS, io, "state", USAGE);
    if (read.exit !== undefined) return read.exit;
    const { words } = read;
    const json = read.values.json === true;
    const dataDir = read.values.data ?? "dist/data";
    if (words.length !== 1)
      return usageError(io, words.length ? "give one code" : "give the State's code, e.g. CN");
    const code = words[0]!.trim().toUpperCase();
    if (!/^[A-Z][A-Z0-9-]{1,40}$/.test(code))
      return usageError(io, `${terminalSafe(words[0]!)} is not a State's or group's code`);
    const dir = resolve(io.cwd, dataDir);
    if (!existsSync(resolve(dir, "documents.json"))) {
      io.stderr(
        `acquis state: no knowledge base in ${dataDir} (documents.json). Run \`npm run build\` first.\n`,
      );
      return 2;
    }
    let report: StateReport | null;
    try {
      // Read once through the link: a build publishing meanwhile cannot mix two generations.
      const kb = readDataDir(realpathSync(dir), ["workingPapers", "adoption"]);
      report = stateReport(kb, code, SCHEMA_VERSION);
      if (report && !kb.has.adoption)
        io.stderr("acquis state: adoption.json is not in this build (rebuild to compute it): papers only.\n");
    } catch (e) {
      io.stderr(
        `acquis state: the knowledge base in ${dataDir} could not be read: ${terminalSafe((e as Error).message)}\n`,
      );
      return 2;
    }
    if (!report) {
      io.stderr(`acquis state: no paper, section or working paper of ${code} in ${dataDir}.\n`);
      return 1;
    }
    StateReport.parse(report);
    // The texts are the corpus's: printed, they must not act on the terminal.
    if (json) io.stdout(`${jsonSafe(JSON.stringify(report, null, 2))}\n`);
    else io.stdout(terminalSafe(render(report)));
    return 0;
  },
};

const usageError = (io: CommandIO, message: string): number => usage(io, "state", USAGE, message);

function rowLines(rows: readonly AdoptionRow[]): string[] {
  if (!rows.length) return ["  none", ""];
  return rows.flatMap((r) => [
    `  ${r.paper.date}  ${r.paper.citation.en}${r.states.length > 1 ? ` (${r.states.join(", ")})` : ""}`,
    `  ${r.agreed.date}  ${r.agreed.citation.en}`,
    ...(r.shared.length
      ? r.shared.map((s) => `    shared: “${s}”`)
      : ["    shared wording found in the other language version"]),
    "",
  ]);
}

function countLine(counts: Record<string, number> | undefined): string {
  const e = Object.entries(counts ?? {});
  return e.length ? e.map(([y, n]) => `${y}: ${n}`).join(", ") : "none";
}

/** Plain-text rendering of a State's report. */
export function render(r: StateReport): string {
  const out = [`${r.state.name.en} · ${r.state.name.zh} (${r.state.code})`, ""];
  out.push("Papers");
  if (!r.papers.length) out.push("  none");
  for (const p of r.papers)
    out.push(
      `  ${p.date}  ${p.doc}  ${p.title} (${p.langs.join(", ")})${p.with.length ? ` with ${p.with.join(", ")}` : ""}`,
    );
  if (r.sections.length) {
    out.push("", "Sections of compendia");
    for (const s of r.sections) out.push(`  ${s.doc} (${s.lang}), ${s.title}`);
  }
  if (r.workingPapers.length) {
    out.push("", "Working papers listed");
    for (const w of r.workingPapers)
      out.push(`  ${w.doc} (${w.lang}), no. ${w.n}: ${w.title}${w.joint ? " (joint)" : ""}`);
  }
  if (!r.counts) {
    out.push("", "Adoption was not computed in this build.", "");
    return out.join("\n");
  }
  if (r.counts.paragraphs === 0) {
    out.push("", "None of its papers' texts is in the corpus: none of its wording can be traced.", "");
    return out.join("\n");
  }
  out.push(
    "",
    `Proposed before it was agreed: ${r.proposed.length} (its paper earlier; a consensus or adopted text later carries the wording)`,
    `  per year the agreed text was dated: ${countLine(r.counts.proposed)}`,
    "",
    ...rowLines(r.proposed),
    `Quotes agreed language: ${r.quotes.length} (the agreed text earlier; its paper carries the wording)`,
    `  per year of its paper: ${countLine(r.counts.quotes)}`,
    "",
    ...rowLines(r.quotes),
  );
  if (r.sameDate.length)
    out.push(`Same date, direction unknown: ${r.sameDate.length}`, "", ...rowLines(r.sameDate));
  out.push("Shared wording is evidence of textual origin, not of influence.", "");
  return out.join("\n");
}
