/**
 * The commands' one reader of options, over node:util's parseArgs (its tokens, not its strict
 * mode, whose messages are written for programmers: "Option '--data <value>' argument missing").
 * Every command then reads `--data dir` and `--data=dir` alike, says "--data needs a directory"
 * in its own words, and keeps a word that starts with one dash ("-" for standard input, "-5 %")
 * as a word: only "--name" and the short options a command declares are options.
 */

import { parseArgs } from "node:util";
import { terminalSafe } from "../terminal.ts";
import type { CommandIO } from "./types.ts";

/** One option: a flag, or one that takes a value (`value` says what, for messages). */
export type OptionSpec =
  | { type: "boolean"; short?: string }
  | { type: "string"; short?: string; value?: string };

export type OptionValues<S extends Record<string, OptionSpec>> = {
  [K in keyof S]?: S[K]["type"] extends "boolean" ? boolean : string;
};

/** The options read and the other words, or the message for a usage error. */
export type ReadOptions<S extends Record<string, OptionSpec>> =
  | { values: OptionValues<S>; words: string[]; error?: undefined }
  | { error: string };

/** Read `argv` against `spec`; the first problem found is the message. */
export function readOptions<S extends Record<string, OptionSpec>>(
  argv: readonly string[],
  spec: S,
): ReadOptions<S> {
  const { tokens } = parseArgs({
    args: [...argv],
    options: Object.fromEntries(
      Object.entries(spec).map(([name, o]) => [
        name,
        o.short ? { type: o.type, short: o.short } : { type: o.type },
      ]),
    ),
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const values: Record<string, string | boolean> = {};
  const words: string[] = [];
  const seen = new Set<number>();
  for (const t of tokens) {
    if (t.kind === "positional") words.push(t.value);
    if (t.kind !== "option") continue;
    const o = spec[t.name];
    if (!o) {
      // "-5" or "-x": a word that begins with a dash, kept whole (a group "-abc" is one word).
      if (!t.rawName.startsWith("--")) {
        if (!seen.has(t.index)) words.push(argv[t.index] as string);
        seen.add(t.index);
        continue;
      }
      return { error: `unknown option ${terminalSafe(t.rawName)}` };
    }
    if (o.type === "boolean") {
      if (t.value !== undefined)
        return { error: `${t.rawName} takes no value (not ${terminalSafe(t.value)})` };
      values[t.name] = true;
      continue;
    }
    // Without strict mode parseArgs takes the next argument whatever it is: "--data --json" would
    // read "--json" as the directory. A value that looks like an option is a missing value.
    const v = t.value;
    if (v === undefined || (!t.inlineValue && v.startsWith("-") && v !== "-"))
      return { error: `${t.rawName} needs ${o.value ?? "a value"}` };
    values[t.name] = v;
  }
  return { values: values as OptionValues<S>, words };
}

/** The options every command that reads a knowledge base takes: --json, --data <dir>, --help. */
export const READER_OPTIONS = {
  json: { type: "boolean" },
  data: { type: "string", value: "a directory" },
  help: { type: "boolean", short: "h" },
} as const satisfies Record<string, OptionSpec>;

/**
 * Bad usage, in three lines: what was wrong, the command's usage line, and where the rest is;
 * exit code 2. Not the whole help: printed after the one line that matters, a screen of options
 * pushed that line out of sight (a new user's trial).
 */
export function usageError(io: CommandIO, name: string, usage: string, message: string): number {
  io.stderr(usageErrorText(name, usage, message));
  return 2;
}

/** The text of a usage error: "acquis cite: <message>", the usage line, "Run `acquis cite --help` …". */
export function usageErrorText(name: string, usage: string, message: string): string {
  return `acquis ${name}: ${terminalSafe(message)}\n${usageLine(usage)}\nRun \`acquis ${name} --help\` for all options.\n`;
}

/** The first line of a command's help, "Usage: acquis cite "<citation>" [--json] [--data <dir>]". */
export function usageLine(usage: string): string {
  return usage.slice(0, usage.indexOf("\n") < 0 ? undefined : usage.indexOf("\n"));
}

/**
 * A command's arguments read against `spec` (which holds `help`): the options and words, or the
 * exit code when there is nothing more to do — 2 after a usage error, 0 after printing --help.
 */
export function readCommandLine<S extends Record<string, OptionSpec> & { help: OptionSpec }>(
  argv: readonly string[],
  spec: S,
  io: CommandIO,
  name: string,
  usage: string,
): { values: OptionValues<S>; words: string[]; exit?: undefined } | { exit: number } {
  const read = readOptions(argv, spec);
  if (read.error !== undefined) return { exit: usageError(io, name, usage, read.error) };
  if (read.values.help) {
    io.stdout(`${usage}\n`);
    return { exit: 0 };
  }
  return read;
}
