/**
 * Golden fixtures: the citations (and diagnostics) of each of our fixtures,
 * test/fixtures/cite/<name>.md beside <name>.json, every field as the stage gives it. A change in
 * what the stage finds shows up as a diff; UPDATE=1 rewrites them on purpose (test/golden.ts).
 * The real seed is not here: its citations are checked against the hand-checked set
 * (test/cite/gold/, precision.test.ts), not against an echo of the output.
 */
import { describe, test } from "vitest";
import { extractCitations } from "../../pipeline/cite/extract.ts";
import { expectGolden } from "../golden.ts";
import { fixtures as allFixtures, FIXTURES } from "./gold.ts";
import { loadRegistry } from "./helpers.ts";

const registry = loadRegistry();
const fixtures = allFixtures();

const cases: [string, string, () => ReturnType<typeof extractCitations>][] = FIXTURES.map((name) => [
  name,
  `test/fixtures/cite/${name}.md`,
  () => extractCitations({ ...fixtures, registry }),
]);

describe("golden citations", () => {
  test.each(cases)("%s", (name, file, run) => {
    const result = run();
    const doc = result.index.docs;
    const symbol = [...doc.values()]
      .flatMap((m) => [...m.values()])
      .find((v) => v.record.file === file)!.record;
    const prefix = `${symbol.slug}/${symbol.lang}`;
    const actual = `${JSON.stringify(
      {
        citations: result.citations.filter((c) => c.from === prefix || c.from.startsWith(`${prefix}/`)),
        diagnostics: result.diagnostics.filter((d) => d.file === file),
      },
      null,
      2,
    )}\n`;
    expectGolden(`test/fixtures/cite/${name}.json`, actual);
  });
});
