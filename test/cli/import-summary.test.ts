/**
 * `acquis import`'s summary line names where its diagnostics went. They go to stderr and the
 * summary to stdout, so "(see above)" pointed at nothing once a dry run's preview or a redirect
 * put them elsewhere (found in a user trial).
 */
import { expect, test } from "vitest";
import { type ImportOutcome, reportImport } from "../../pipeline/commands/import.ts";
import { diag } from "../../pipeline/diagnostics.ts";

const capture = () => {
  const out = { stdout: "", stderr: "" };
  const io = {
    stdout: (t: string) => {
      out.stdout += t;
    },
    stderr: (t: string) => {
      out.stderr += t;
    },
    isTTY: false,
    cwd: ".",
  };
  return { out, io };
};

const outcome = (over: Partial<ImportOutcome>): ImportOutcome => ({
  status: "dry-run",
  file: "corpus/A-99-1/en.md",
  registryAdded: false,
  paragraphs: 3,
  hyphenation: [],
  diagnostics: [
    diag("ingest/hyphen-doubtful", { file: "corpus/A-99-1/en.md", line: 4 }, "a doubtful hyphen"),
  ],
  ...over,
});

test("a dry run's summary says its warnings are on stderr, not 'above'", () => {
  const { out, io } = capture();
  expect(reportImport(outcome({}), io)).toBe(0);
  expect(out.stderr).toContain("a doubtful hyphen");
  expect(out.stdout).toContain("would be written: 3 paragraphs, 1 warning (on stderr)");
  expect(out.stdout).not.toContain("above");
});

test("with --verbose the dropped lines are said to be listed on stderr", () => {
  const { out, io } = capture();
  const dropped = diag("ingest/artifact-dropped", { file: "corpus/A-99-1/en.md", line: 9 }, "page number");
  reportImport(outcome({ status: "written", diagnostics: [dropped] }), io, true);
  expect(out.stderr).toContain("page number");
  expect(out.stdout).toContain("1 line dropped as page furniture (listed on stderr)");
  expect(out.stdout).not.toContain("above");
});

test("numbers computed from Word's automatic numbering are said in the summary, without --verbose", () => {
  const { out, io } = capture();
  const computed = diag(
    "ingest/numbering-computed",
    { file: "paper.docx", line: 1 },
    'DOCX: 12 numbers of headings and paragraphs ("1.", "2.", "(a)", "(b)", …) computed from Word\'s automatic numbering and written at the start of their text: Word showed them, the file did not hold them as text.',
  );
  reportImport(outcome({ status: "written", diagnostics: [computed] }), io);
  expect(out.stdout).toContain(
    '\n  Numbering: 12 numbers of headings and paragraphs ("1.", "2.", "(a)", "(b)", …) computed',
  );
  // An info: not among the diagnostics printed without --verbose.
  expect(out.stderr).toBe("");
});
