/**
 * `acquis import --authors`: a code that is no State's and no known group's is kept as typed (a new
 * group is one line in pipeline/parse/authors.ts) but said at once, where it was typed; a trial
 * import of `--authors XX` passed without a word.
 */
import { describe, expect, test } from "vitest";
import { runCli } from "../../pipeline/cli.ts";
import { captureIO, makeRepo } from "../build/helpers.ts";

const PAPER = `<html><head><title>A paper</title></head><body>
<h1>A test position paper</h1>
<p>1. States should protect the infrastructure that serves the public.</p>
</body></html>`;

const importWith = async (authors: string) => {
  const root = makeRepo({ "corpus/registry.yaml": "documents: []\n", "paper.html": PAPER });
  const io = captureIO(root);
  const code = await runCli(
    [
      "import",
      "paper.html",
      "--id",
      "xx-2030-paper",
      "--authors",
      authors,
      "--lang",
      "en",
      "--date",
      "2030-01-01",
      "--body",
      "national",
      "--dry-run",
    ],
    io,
  );
  return { code, err: io.err };
};

describe("acquis import --authors", () => {
  test.each([
    { authors: "XX", unknown: ["XX"] },
    { authors: "CN,QQ", unknown: ["QQ"] },
    { authors: "EU,AFRICAN-UNION,AU", unknown: [] },
    { authors: "CN", unknown: [] },
  ])("--authors $authors: warned of $unknown, imported all the same", async ({ authors, unknown }) => {
    const r = await importWith(authors);
    expect(r.code).toBe(0);
    const warned = [...r.err.matchAll(/warning: --authors (\S+) is neither/g)].map((m) => m[1]);
    expect(warned).toEqual(unknown);
  });
});
