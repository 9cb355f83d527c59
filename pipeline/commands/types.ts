/** A subcommand of the `acquis` CLI. Commands print through `io`, so tests can capture them. */
export interface CommandIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when stderr (where progress goes) is a terminal: show progress; otherwise stay plain and quiet. */
  isTTY: boolean;
  /** Repository root (where corpus/ and dist/ live). */
  cwd: string;
  /** Standard input, for a command that can read its input there (`acquis search -`); absent in tests that give none. */
  stdin?: {
    /** True when standard input is a terminal: nothing is piped in. */
    isTTY: boolean;
    /** All of standard input, as UTF-8 text. */
    read(): Promise<string>;
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
