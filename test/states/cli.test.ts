/**
 * `acquis state`: the fixture corpus built into dist/data, then the command as a user runs it.
 */
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { stateCommand } from "../../pipeline/commands/state.ts";
import { StateReport } from "../../schemas/index.ts";
import { captureIO } from "../build/helpers.ts";
import { buildStatesFixture } from "./helpers.ts";

let root: string;

beforeAll(async () => {
  ({ root } = await buildStatesFixture("dist/data"));
}, 120_000);

async function run(...argv: string[]) {
  const io = captureIO(root);
  const code = await stateCommand.run(argv, io);
  return { code, out: io.out, err: io.err };
}

describe("acquis state", () => {
  test("a joint paper's author: its paper, then what the consensus text took from it, with both citations and the shared words", async () => {
    const { code, out } = await run("ca");
    expect(code).toBe(0);
    expect(out).toContain(
      "2021-03-01  ca-ch-2021-test-approach  A test approach to responsible behaviour (en) with CH",
    );
    expect(out).toContain("Proposed before it was agreed: 2");
    expect(out).toContain("per year the agreed text was dated: 2022: 2");
    expect(out).toContain("  2022-07-29  A/90/100, para. 2\n");
    expect(out).toContain(
      "    shared: “that regional organizations can help smaller States build the technical capacity needed to detect, analyse and respond to incidents affecting their essential services”",
    );
    expect(out).toContain("Quotes agreed language: 0");
    expect(out).toContain("Shared wording is evidence of textual origin, not of influence.");
  });

  test("--json prints the documented report: a quotation of agreed language, dated after it", async () => {
    const { code, out } = await run("NZ", "--json");
    expect(code).toBe(0);
    const report = StateReport.parse(JSON.parse(out));
    expect(report.proposed).toEqual([]);
    expect(
      report.quotes.map((r) => [r.paper.citation.en, r.agreed.citation.en, r.paper.date > r.agreed.date]),
    ).toEqual([["nz-2023-test-statement, para. 1", "A/90/100, para. 6", true]]);
    expect(report.counts?.quotes).toEqual({ "2023": 1 });
  });

  test("a State with a compendium section: the section is its paper", async () => {
    const report = StateReport.parse(JSON.parse((await run("JP", "--json")).out));
    expect(report.sections.map((s) => [s.doc, s.title])).toEqual([["A/91/50", "Japan"]]);
    expect(report.proposed.map((r) => [r.paper.id, r.credit])).toEqual([
      ["A-91-50/en/annex/state-jp/1", "section"],
    ]);
  });

  test.each([
    // A State the corpus does not know: exit 1, said on stderr.
    { argv: ["FR"], code: 1, err: /no paper, section or working paper of FR/ },
    // No code, two codes, a code that is no code: usage.
    { argv: [], code: 2, err: /give the State's code/ },
    { argv: ["CN", "US"], code: 2, err: /give one code/ },
    { argv: ["c;n"], code: 2, err: /is not a State's or group's code/ },
    { argv: ["CN", "--data", path.join("nowhere", "data")], code: 2, err: /no knowledge base in nowhere/ },
  ])("$argv: exit $code", async ({ argv, code, err }) => {
    const r = await run(...argv);
    expect(r.code).toBe(code);
    expect(r.err).toMatch(err);
  });
});
