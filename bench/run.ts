/**
 * `npm run bench`: runs the benchmark sections and prints one Markdown report (also written to
 * bench/out/report.md), the figures the README quotes.
 *
 *   npm run bench                          every section at 10k, 50k and 200k paragraphs
 *   npm run bench -- --sizes 10k,50k       other sizes
 *   npm run bench -- --only parse          one section (repeat or comma-separate for several)
 *   npm run bench -- --timeout 900         stop any single child build after 900 s
 *
 * Sections are the modules in bench/sections/ (see bench/harness.ts for the interface): "parse"
 * and "corpus" first (the corpus report reads what the parse section built), the others in
 * alphabetical order. A section that fails is reported as failed; the others still run.
 */
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseSize } from "./generate.ts";
import { type BenchOptions, renderSection, repoRoot, type Section, type SectionResult } from "./harness.ts";

/** A section module: the new interface (`section`) or a `run(sizes?)` returning Markdown. */
interface SectionModule {
  section?: Section;
  run?: (sizes?: number[]) => string | Promise<string>;
}

/** Command-line options. */
export interface RunArgs {
  sizes: number[];
  sizesGiven: boolean;
  only: string[];
  timeoutSeconds: number;
}

/** Read the command line; throws with a usage message on anything unknown. */
export function parseArgs(argv: string[]): RunArgs {
  const args: RunArgs = {
    sizes: [10_000, 50_000, 200_000],
    sizesGiven: false,
    only: [],
    timeoutSeconds: 1200,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === "--sizes") {
      args.sizes = value().split(",").filter(Boolean).map(parseSize);
      args.sizesGiven = true;
    } else if (a === "--only") args.only.push(...value().split(",").filter(Boolean));
    else if (a === "--timeout") args.timeoutSeconds = Number(value());
    else
      throw new Error(
        `unknown option ${a}\nusage: npm run bench -- [--sizes 10k,50k,200k] [--only <section>] [--timeout <s>]`,
      );
  }
  if (!args.sizes.length || args.sizes.some((n) => !(n > 0))) throw new Error("--sizes needs positive sizes");
  if (!(args.timeoutSeconds > 0)) throw new Error("--timeout needs a positive number of seconds");
  return args;
}

/** Section names in run order: parse, corpus, then the rest alphabetically. */
export function sectionOrder(names: string[]): string[] {
  const first = ["parse", "corpus"];
  return [...first.filter((n) => names.includes(n)), ...names.filter((n) => !first.includes(n)).sort()];
}

async function main(): Promise<void> {
  let args: RunArgs;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error((e as Error).message);
    process.exit(2);
  }
  const outDir = path.join(repoRoot, "bench", "out");
  mkdirSync(outDir, { recursive: true });
  const sectionsDir = path.join(repoRoot, "bench", "sections");
  const available = readdirSync(sectionsDir)
    .filter((f) => f.endsWith(".ts"))
    .map((f) => f.slice(0, -3));
  const unknown = args.only.filter((n) => !available.includes(n));
  if (unknown.length) {
    console.error(`unknown section ${unknown.join(", ")}; sections: ${sectionOrder(available).join(", ")}`);
    process.exit(2);
  }
  const names = sectionOrder(args.only.length ? args.only : available);
  const opts: BenchOptions = {
    sizes: args.sizes,
    sizesGiven: args.sizesGiven,
    outDir,
    timeoutSeconds: args.timeoutSeconds,
    log: (m) => process.stderr.write(`[bench] ${m}\n`),
  };

  const cpu = cpus()[0]?.model ?? "unknown CPU";
  const head = [
    "# acquis benchmark",
    "",
    `${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC · Node ${process.version} · ${cpus().length} cores (${cpu}) · ${(totalmem() / 1024 ** 3).toFixed(0)} GB RAM · load average at start ${loadavg()
      .map((x) => x.toFixed(1))
      .join(" / ")} (the machine is shared: wall times carry others' load; CPU times less so)`,
  ];
  const parts: string[] = [head.join("\n")];
  for (const name of names) {
    opts.log(`section ${name}`);
    const t = performance.now();
    let text: string;
    try {
      const mod = (await import(pathToFileURL(path.join(sectionsDir, `${name}.ts`)).href)) as SectionModule;
      let result: SectionResult | string;
      if (mod.section) result = await mod.section.run(opts);
      else if (mod.run) result = await (args.sizesGiven ? mod.run(args.sizes) : mod.run());
      else throw new Error("exports neither `section` nor `run`");
      text = renderSection(result);
    } catch (e) {
      text = `## ${name}\n\nFailed: ${(e as Error).stack ?? String(e)}`;
    }
    text += `\n\n(section ${name}: ${((performance.now() - t) / 1000).toFixed(1)} s)`;
    parts.push(text);
    console.log(`${text}\n`);
    // Written after each section, so a long run leaves what it has measured so far.
    writeFileSync(path.join(outDir, "report.md"), `${parts.join("\n\n")}\n`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
