/**
 * The commands' one option reader (pipeline/commands/options.ts): every command reads
 * `--data dir` and `--data=dir` alike, says what a missing value should be, and keeps words that
 * begin with a single dash as words.
 */

import { describe, expect, test } from "vitest";
import { readOptions } from "../../pipeline/commands/options.ts";

const spec = {
  json: { type: "boolean" },
  data: { type: "string", value: "a directory" },
  limit: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

describe("readOptions", () => {
  test.each([
    { argv: ["--data", "d", "x"], values: { data: "d" }, words: ["x"] },
    { argv: ["--data=d", "x"], values: { data: "d" }, words: ["x"] },
    // An inline value may start with a dash; "-" alone is a value (standard input) or a word.
    { argv: ["--data=-d"], values: { data: "-d" }, words: [] },
    { argv: ["--data", "-"], values: { data: "-" }, words: [] },
    { argv: ["-"], values: {}, words: ["-"] },
    // Words that begin with one dash are words, whole.
    { argv: ["-5", "%"], values: {}, words: ["-5", "%"] },
    { argv: ["-abc"], values: {}, words: ["-abc"] },
    { argv: ["-h"], values: { help: true }, words: [] },
    { argv: ["关键", "--json", "基础设施"], values: { json: true }, words: ["关键", "基础设施"] },
    // After "--" everything is a word.
    { argv: ["--", "--json"], values: {}, words: ["--json"] },
  ])("$argv reads as options $values and words $words", ({ argv, values, words }) => {
    const read = readOptions(argv, spec);
    expect(read.error).toBeUndefined();
    if (read.error === undefined) {
      expect(read.values).toEqual(values);
      expect(read.words).toEqual(words);
    }
  });

  test.each([
    { argv: ["--frob"], error: "unknown option --frob" },
    { argv: ["x", "--frob=1"], error: "unknown option --frob" },
    { argv: ["--data"], error: "--data needs a directory" },
    // "--data --json" is a forgotten directory, not a directory named --json.
    { argv: ["--data", "--json"], error: "--data needs a directory" },
    { argv: ["--limit"], error: "--limit needs a value" },
    { argv: ["--json=yes"], error: "--json takes no value (not yes)" },
    // What the user typed is echoed, never acted on by the terminal.
    { argv: ["--\u001b[2J"], error: "unknown option --\u241b[2J" },
  ])("$argv is a usage error: $error", ({ argv, error }) => {
    expect(readOptions(argv, spec).error).toBe(error);
  });
});
