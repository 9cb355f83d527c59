/** The commands of `acquis`, in the order `acquis --help` lists them. Add yours here. */
import type { Command } from "./types.ts";

export const COMMANDS: Command[] = [];
