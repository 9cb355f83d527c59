/**
 * CLI start-up: `acquis --help`, `acquis search 关键基础设施 --json` and `acquis cite` on the seed,
 * timed side by side with a bare `node -e 0` (target: within 2 times, median), through the bin as
 * a user runs it: compiled (pipeline/compile.ts), and, for comparison, from the sources with tsx.
 *
 * Decisions:
 * - Each command and `node -e 0` are run in turn, A B A B ..., after a warm-up of each, and the
 *   ratio is the median of the pairs' ratios: on a shared machine the speed drifts, and a pair
 *   run back to back sees the same drift. Wall time, each run a process of its own, as a user
 *   waits for it; the medians of each side are given too.
 * - The knowledge base is the seed's, built here into bench/out/cli-seed/data; the compiled CLI
 *   is compiled afresh into dist-cli/, as `npm run build` does. The first compiled `acquis cite`
 *   validates the data and keeps it (cite-data.ts): the warm-up pays for it, as a user's first
 *   call does once per build.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { build } from "../../pipeline/build/index.ts";
import { compileCli } from "../../pipeline/compile.ts";
import { type BenchOptions, type Row, repoRoot, type Section, type SectionResult } from "../harness.ts";

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** Wall time of one run of `args` under node, ms. */
function once(args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const t = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: repoRoot, stdio: "ignore", env });
  if (r.status !== 0 && r.status !== 1) throw new Error(`node ${args.join(" ")} exited ${r.status}`);
  return performance.now() - t;
}

/** A command against `node -e 0`, in turn: medians and the median of the pairs' ratios. */
function sideBySide(args: string[], runs: number): { ms: number; node: number; ratio: number } {
  once(args);
  once(["-e", "0"]);
  const a: number[] = [];
  const b: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < runs; i++) {
    const x = once(args);
    const y = once(["-e", "0"]);
    a.push(x);
    b.push(y);
    ratios.push(x / y);
  }
  return { ms: median(a), node: median(b), ratio: median(ratios) };
}

export const section: Section = {
  name: "cli",
  async run(opts: BenchOptions): Promise<SectionResult> {
    const data = path.join(opts.outDir, "cli-seed", "data");
    opts.log("cli: building the seed's knowledge base and compiling the CLI");
    await build({ root: repoRoot, out: data, cache: "off" });
    await compileCli(repoRoot);
    const rel = path.relative(repoRoot, data);
    const bin = path.join(repoRoot, "bin", "acquis.js");
    const commands: Array<[string, string[]]> = [
      ["acquis --help", ["--help"]],
      ["acquis search 关键基础设施 --json", ["search", "关键基础设施", "--json", "--data", rel]],
      [
        'acquis cite "A/78/265, annex, para. 23 (f) (ii)"',
        ["cite", "A/78/265, annex, para. 23 (f) (ii)", "--data", rel],
      ],
    ];
    const runs = 21;
    const rows: Row[] = [];
    for (const [label, argv] of commands) {
      opts.log(`cli: ${label}, ${runs} runs beside node -e 0`);
      const r = sideBySide([bin, ...argv], runs);
      rows.push({
        command: label,
        "compiled (median)": `${r.ms.toFixed(0)} ms`,
        "node -e 0 (median)": `${r.node.toFixed(0)} ms`,
        "ratio (median of pairs)": `${r.ratio.toFixed(2)} x`,
        target: "<= 2 x",
      });
    }
    // From the sources, as before the compiled CLI: tsx compiles every source at every start.
    opts.log("cli: search from the sources (tsx), for comparison");
    const tsx = sideBySide(
      ["--import", "tsx", path.join(repoRoot, "pipeline/cli.ts"), ...commands[1]![1]],
      7,
    );
    rows.push({
      command: `${commands[1]![0]}, from the sources (tsx)`,
      "compiled (median)": `${tsx.ms.toFixed(0)} ms`,
      "node -e 0 (median)": `${tsx.node.toFixed(0)} ms`,
      "ratio (median of pairs)": `${tsx.ratio.toFixed(2)} x`,
      target: "",
    });
    return {
      title: "CLI start-up beside a bare node (target: within 2 times, median)",
      rows,
      notes: [
        `Each command through bin/acquis.js on the seed's knowledge base, ${runs} runs in turn with \`node -e 0\` after a warm-up of each; wall time of the whole process. The ratio is the median of the ratios of the pairs (a pair sees the same load). The last row runs pipeline/cli.ts under tsx, as the bin did before the compiled CLI (7 pairs).`,
      ],
    };
  },
};
