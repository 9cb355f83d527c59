/** The commands of `acquis`, in the order `acquis --help` lists them. Add yours here. */
import { buildCommand } from "./build.ts";
import { checkCommand } from "./check.ts";
import { citeCommand } from "./cite.ts";
import { fetchCommand } from "./fetch.ts";
import { importCommand } from "./import.ts";
import { searchCommand } from "./search.ts";
import { stateCommand } from "./state.ts";
import { topicCommand } from "./topic.ts";
import type { Command } from "./types.ts";

export const COMMANDS: Command[] = [
  buildCommand,
  checkCommand,
  citeCommand,
  importCommand,
  fetchCommand,
  searchCommand,
  topicCommand,
  stateCommand,
];
