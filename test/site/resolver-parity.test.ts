/**
 * One grammar, one resolution: every hand-checked citation of test/cite/gold/ and every form of
 * the forms table (test/cite/forms/table.ts), pasted as written, gets the same answer from
 * `acquis cite --json` and from the site's resolver module (site/src/lib/resolve.ts) fed the JSON
 * files the site build writes for it: the same targets, the same words read and not read.
 *
 * The knowledge base both read is the one the gold sets were checked on: the seed, our fixtures
 * (with the forms table's national papers and compendium, and their registry entries) and, when ../shared/corpus-real is beside the repository, the two real resolutions. The CLI
 * reads it from disk as dist/data; the site's files are made from the same file contents by the
 * functions its pages call (loadSiteData, resolverIndex, resolverDocuments), then read back from
 * their JSON text.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import YAML from "yaml";
import { RESOLVER_INDEX_PATH, resolverDocumentPath } from "../../core/cite/resolver-files.ts";
import { citeCommand } from "../../pipeline/commands/cite.ts";
import { SCHEMA_VERSION } from "../../schemas/common.ts";
import { loadSiteData } from "../../site/src/lib/data.ts";
import { lookupPasted } from "../../site/src/lib/resolve.ts";
import { resolverDocuments, resolverIndex } from "../../site/src/lib/resolver-index.ts";
import { FORMS } from "../cite/forms/table.ts";
import { fixtures, loadGold } from "../cite/gold.ts";
import {
  type Corpus,
  formsRegistry,
  merge,
  NATIONAL_FIXTURES,
  NATIONAL_REGISTRY,
  nationalFixture,
  RES_80_16,
  RES_80_22,
  realResolution,
  repoRoot,
  seed,
} from "../cite/helpers.ts";

const shared = existsSync(resolve(repoRoot, RES_80_16));
if (!shared) {
  console.log(
    "resolver parity: ../shared/corpus-real is missing, so the A/RES/80/16 and A/RES/80/22 gold sets are left out (clone the shared folder beside the repository to check them)",
  );
}

const corpus: Corpus = merge(
  seed(),
  fixtures(),
  // The forms table's national papers and compendium (pages, sections, States).
  ...NATIONAL_FIXTURES.map(nationalFixture),
  ...(shared ? [realResolution(RES_80_16, "A/RES/80/16"), realResolution(RES_80_22, "A/RES/80/22")] : []),
);
const sets = ["A-78-265.zh", "fixtures", ...(shared ? ["A-RES-80-16.en", "A-RES-80-22.en"] : [])];

/** The pasted form of every gold line (misses too: they are citations a person writes) and every form. */
const pasted = [
  ...new Set([
    ...sets.flatMap((name) => {
      const gold = loadGold(name);
      return [...gold.expected, ...gold.misses].map((line) =>
        line.slice(line.indexOf(" | ") + 3, line.lastIndexOf(" => ")),
      );
    }),
    ...FORMS.map((row) => row.pasted),
  ]),
];

// The knowledge base as the build writes it.
const dir = mkdtempSync(join(tmpdir(), "acquis-parity-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const documentsText = JSON.stringify({ schemaVersion: SCHEMA_VERSION, documents: corpus.documents });
const paragraphsText = corpus.paragraphs.map((p) => `${JSON.stringify(p)}\n`).join("");
writeFileSync(join(dir, "documents.json"), documentsText);
writeFileSync(join(dir, "paragraphs.jsonl"), paragraphsText);
// The registry both read: the real one with the national fixtures' entries (the CLI reads it
// from corpus/registry.yaml under its working folder).
const registryYaml = YAML.parse(readFileSync(resolve(repoRoot, "corpus", "registry.yaml"), "utf8"));
registryYaml.documents.push(
  ...YAML.parse(readFileSync(resolve(repoRoot, NATIONAL_REGISTRY), "utf8")).documents,
);
mkdirSync(join(dir, "corpus"));
writeFileSync(join(dir, "corpus", "registry.yaml"), YAML.stringify(registryYaml));

// The resolver's files as the site build writes them, from the same contents.
const data = loadSiteData({
  documents: documentsText,
  paragraphs: paragraphsText,
  workingPapers: null,
  citations: null,
  reuse: null,
});
const files = new Map<string, string>([
  [RESOLVER_INDEX_PATH, JSON.stringify(resolverIndex(data, formsRegistry()))],
  ...resolverDocuments(data).map(
    (f) => [resolverDocumentPath(f.slug), JSON.stringify(f)] as [string, string],
  ),
]);
const source = {
  async get(path: string) {
    const text = files.get(path);
    if (text === undefined) throw new Error(`no resolver file ${path}`);
    return JSON.parse(text) as unknown;
  },
};

async function cli(query: string): Promise<unknown> {
  let out = "";
  await citeCommand.run([query, "--json", "--data", dir], {
    stdout: (t) => {
      out += t;
    },
    stderr: () => {},
    isTTY: false,
    cwd: dir,
  });
  return JSON.parse(out);
}

/** What both must agree on: every field of the lookup; of a found paragraph, its place. */
function answer(lookup: unknown): unknown {
  const l = lookup as { kind: string; results?: Array<{ paragraph: Record<string, unknown> | null }> };
  if (l.kind !== "parsed") return l;
  return {
    ...l,
    results: l.results!.map((r) => ({
      ...r,
      paragraph: r.paragraph && {
        id: r.paragraph.id,
        address: r.paragraph.address,
        part: r.paragraph.part,
        scope: r.paragraph.scope,
        num: r.paragraph.num,
        kind: r.paragraph.kind,
        parent: r.paragraph.parent,
        headings: r.paragraph.headings,
      },
    })),
  };
}

describe("the site's resolver and `acquis cite --json` agree", () => {
  test("on every hand-checked citation, pasted as written", async () => {
    expect(pasted.length).toBeGreaterThan(300);
    const outcomes = new Map<string, number>();
    for (const q of pasted) {
      const site = answer(await lookupPasted(q, source));
      expect(site, q).toEqual(answer(await cli(q)));
      const l = site as { kind: string; results?: Array<{ status: string }> };
      for (const o of l.results?.map((r) => r.status) ?? [l.kind])
        outcomes.set(o, (outcomes.get(o) ?? 0) + 1);
    }
    console.log(
      `resolver parity: ${pasted.length} citations, outcomes ${JSON.stringify(Object.fromEntries(outcomes))}`,
    );
    // The set exercises every road: found in the corpus, known only to the registry, unknown,
    // the Charter, and short forms that mean nothing pasted alone.
    for (const o of ["resolved", "not-in-corpus", "unknown-document", "external", "unparsed"]) {
      expect(outcomes.get(o) ?? 0, o).toBeGreaterThan(0);
    }
  });
});
