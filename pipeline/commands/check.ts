/**
 * `acquis check`: everything `acquis build` does except writing (the parse cache is read, never
 * written), so a corpus can be validated in CI or an editor without touching dist/.
 */
import { checkCommandUsage, runBuildCommand } from "./build.ts";
import type { Command } from "./types.ts";

export const checkCommand: Command = {
  name: "check",
  summary: "Validate the corpus and print diagnostics, writing nothing",
  usage: checkCommandUsage,
  run: (argv, io) => runBuildCommand("check", argv, io),
};
