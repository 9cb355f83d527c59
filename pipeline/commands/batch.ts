/**
 * Batch mode, shared by `acquis cite --batch` and `acquis search --batch`: many inputs on
 * standard input, one a line, and one JSON line out for each line in, in the same order, so a
 * script resolving 500 citations pays the start-up and the loading of the data once.
 *
 * Decisions:
 * - One line out per line in, an empty line included (it gets a record saying so), so a script
 *   can zip its inputs with the answers by position.
 * - Lines are answered as they arrive (a pipe held open by a script gets its answers at once),
 *   and the output is compact JSON, one record a line (JSON Lines).
 */
import { createInterface } from "node:readline";
import { Readable } from "node:stream";
import type { CommandIO } from "./types.ts";

/**
 * Each line of standard input, without its line ending (CR LF or LF); an input without a final
 * newline still gives its last line. No standard input: no lines.
 */
export async function* stdinLines(io: CommandIO): AsyncGenerator<string> {
  if (!io.stdin) return;
  const rl = createInterface({ input: Readable.from(io.stdin), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of rl) yield line;
}
