/** The commands of `acquis`, in the order `acquis --help` lists them. Add yours here. */
import { citeCommand } from "./cite.ts";
import type { Command } from "./types.ts";

export const COMMANDS: Command[] = [citeCommand];
