/** A subcommand of the `acquis` CLI. Commands print through `io`, so tests can capture them. */
export interface CommandIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when stderr (where progress goes) is a terminal: show progress; otherwise stay plain and quiet. */
  isTTY: boolean;
  /** Repository root (where corpus/ and dist/ live). */
  cwd: string;
  /**
   * Standard input as it arrives, for the commands that read it (`--batch`); absent when the
   * caller gives none (a test, an embedding), which those commands read as empty.
   */
  stdin?: AsyncIterable<string | Uint8Array>;
}

export interface Command {
  name: string;
  /** One line for `acquis --help`. */
  summary: string;
  /** Full usage text for `acquis <name> --help`. */
  usage: string;
  /** Returns the process exit code. */
  run(argv: string[], io: CommandIO): Promise<number>;
}
