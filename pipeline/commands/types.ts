/** A subcommand of the `acquis` CLI. Commands print through `io`, so tests can capture them. */
export interface CommandIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when stderr (where progress goes) is a terminal: show progress; otherwise stay plain and quiet. */
  isTTY: boolean;
  /** Repository root (where corpus/ and dist/ live). */
  cwd: string;
  /**
   * Standard input, for the commands that read it (`--batch` line by line, `acquis search -`
   * whole; see stdin.ts): its chunks as they arrive, and whether it is a terminal (nothing piped
   * in). `process.stdin` is one as it stands. Absent when the caller gives none (a test, an
   * embedding), which those commands read as empty.
   */
  stdin?: AsyncIterable<string | Uint8Array> & {
    /** True when standard input is a terminal; Node leaves it undefined for a pipe or a file. */
    isTTY?: boolean;
  };
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
