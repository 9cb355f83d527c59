/**
 * The `acquis` command: dispatch to the commands registered in pipeline/commands/index.ts.
 *
 *   acquis --help | acquis <command> --help | acquis help <command> | acquis --version
 *
 * Decision: the CLI owns only dispatch and the process (argv, streams, exit code); each command
 * prints through CommandIO, so tests run commands in-process and read what they print. Exit 2 is
 * bad usage (unknown command or option), as in most Unix tools. No stack trace reaches a user:
 * a failure no command foresaw is told in a line (commands/failure.ts), its stack logged.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describeFailure } from "./commands/failure.ts";
import { COMMANDS, type CommandEntry } from "./commands/index.ts";
import type { Command, CommandIO } from "./commands/types.ts";
import { terminalSafe } from "./terminal.ts";

/** What the CLI dispatches to: listed entries (loaded when run) or commands already loaded (tests). */
export type Listed = CommandEntry | Command;

/** The command behind a listed entry, loaded if it is not yet. */
function loaded(c: Listed): Promise<Command> {
  return "run" in c ? Promise.resolve(c) : c.load();
}

const here = path.dirname(fileURLToPath(import.meta.url));

function version(): string {
  try {
    return (JSON.parse(readFileSync(path.join(here, "../package.json"), "utf8")) as { version: string })
      .version;
  } catch {
    return "unknown";
  }
}

/** The text of `acquis --help`. */
export function helpText(commands: readonly Listed[] = COMMANDS): string {
  const width = Math.max(...commands.map((c) => c.name.length), 4);
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `acquis: a knowledge base of the agreed language of UN cyber diplomacy

Usage: acquis <command> [options]

Commands:
${lines.join("\n")}

Options:
  -h, --help     show this help, or a command's: acquis <command> --help
  -v, --version  print the version

Run from the repository root: commands read corpus/ and write dist/data/ there.
`;
}

/** Edit distance, to suggest the command a typo meant. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/**
 * Run the CLI.
 * @param argv arguments after the program name
 * @param io where to print, whether that is a terminal, and the working directory
 * @returns the exit code
 */
export async function runCli(
  argv: string[],
  io: CommandIO,
  commands: readonly Listed[] = COMMANDS,
): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.stderr(helpText(commands));
    return 2;
  }
  if (first === "--help" || first === "-h") {
    io.stdout(helpText(commands));
    return 0;
  }
  if (first === "--version" || first === "-v") {
    io.stdout(`${version()}\n`);
    return 0;
  }
  if (first === "help") {
    const target = rest[0] === undefined ? undefined : commands.find((c) => c.name === rest[0]);
    if (rest[0] === undefined) {
      io.stdout(helpText(commands));
      return 0;
    }
    if (target) {
      io.stdout(`${(await loaded(target)).usage}\n`);
      return 0;
    }
  }
  const command = commands.find((c) => c.name === first);
  if (!command) {
    const name = first === "help" ? (rest[0] ?? "") : first;
    const near = commands
      .map((c) => ({ c, d: distance(name, c.name) }))
      .filter((x) => x.d <= 2)
      .sort((a, b) => a.d - b.d)[0];
    const suggestion = near ? ` Did you mean "${near.c.name}"?` : "";
    // An unknown command gets the list of commands, which is what it lacks; an unknown option,
    // like a command's, the usage line and where the rest is, not the whole help.
    if (first.startsWith("-")) {
      io.stderr(
        `acquis: unknown option "${terminalSafe(first)}".\nUsage: acquis <command> [options]\nRun \`acquis --help\` for the commands and options.\n`,
      );
      return 2;
    }
    io.stderr(`acquis: unknown command "${terminalSafe(name)}".${suggestion}\n\n${helpText(commands)}`);
    return 2;
  }
  try {
    return await (await loaded(command)).run(rest, io);
  } catch (e) {
    // Each command turns bad input into messages; what still escapes is told plainly, no stack.
    io.stderr(`acquis ${command.name}: ${describeFailure(e, io.cwd)}\n`);
    return 1;
  }
}

/** Run as the program: real argv, streams and exit code. */
export async function main(argv = process.argv.slice(2)): Promise<void> {
  // Whatever escapes every handler (a rejection nobody awaited) ends the process with a plain
  // message, never Node's stack trace.
  const last = (e: unknown) => {
    process.stderr.write(`acquis: ${describeFailure(e)}\n`);
    process.exit(1);
  };
  process.on("uncaughtException", last);
  process.on("unhandledRejection", last);
  const code = await runCli(argv, {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    // Progress goes to stderr, so it is stderr being a terminal that matters.
    isTTY: Boolean(process.stderr.isTTY),
    cwd: process.cwd(),
    stdin: process.stdin,
  });
  process.exitCode = code;
  // Ended here rather than by the event loop running dry: a natural exit first tears down the
  // whole heap, some 1.5 GB after a build at 200k paragraphs (180 ms more than exit(), measured
  // on the bench child after one change). Every command has settled by now; the streams are
  // flushed first, so nothing written is lost.
  await new Promise<void>((resolve) => process.stdout.write("", () => resolve()));
  await new Promise<void>((resolve) => process.stderr.write("", () => resolve()));
  process.exit(code);
}

const entry = process.argv[1] ? path.resolve(process.argv[1]) : "";
if (entry === fileURLToPath(import.meta.url)) await main();
