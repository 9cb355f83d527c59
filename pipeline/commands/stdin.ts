/**
 * Standard input, read the two ways commands need it: line by line for batch mode (`acquis cite
 * --batch`, `acquis search --batch`), whole for a pasted draft (`acquis search -`).
 *
 * Decisions:
 * - One source shape for both (`Stdin`: the chunks as they arrive, and whether a terminal is
 *   attached): `process.stdin` is one as it stands, a test builds one from a string, and reading it
 *   whole is written on top of reading it as it arrives, so neither reader can drift from the other.
 * - Batch mode answers one line out per line in, an empty line included (it gets a record saying
 *   so), so a script can zip its inputs with the answers by position. Lines are answered as they
 *   arrive (a pipe held open by a script gets its answers at once), and the output is compact
 *   JSON, one record a line (JSON Lines).
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

/**
 * All of standard input as UTF-8 text ("" when there is none). Bytes are decoded as a stream, so
 * a character split between two chunks of a pipe comes out whole.
 */
export async function readStdin(io: CommandIO): Promise<string> {
  if (!io.stdin) return "";
  const decoder = new TextDecoder();
  let text = "";
  for await (const chunk of io.stdin) {
    text += typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
  }
  return text + decoder.decode();
}

/** A standard input holding `text` (a test's, an embedding's); `isTTY` as a terminal would say. */
export function stdinOf(text: string, isTTY = false): NonNullable<CommandIO["stdin"]> {
  return Object.assign(
    (async function* () {
      if (text) yield text;
    })(),
    { isTTY },
  );
}
