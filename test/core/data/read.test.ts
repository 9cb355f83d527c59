/**
 * The one reader of dist/data (core/data/read.ts), which the site, `acquis cite` and any other
 * reader of a built knowledge base share: it refuses data of another contract version with the
 * way out, names the file and line of a record that breaks the contract, reads only the files
 * asked for, and says which optional files were there.
 */

import { describe, expect, test } from "vitest";
import {
  collectDataFiles,
  type DataFiles,
  DataVersionError,
  MissingDataError,
  readKnowledgeBase,
  readRegistry,
} from "../../../core/data/read.ts";
import { loadRegistry } from "../../../pipeline/load/index.ts";
import { SCHEMA_VERSION } from "../../../schemas/common.ts";
import { documentRecord, paragraph } from "../../factories.ts";

const jsonl = (rows: unknown[]) => rows.map((r) => `${JSON.stringify(r)}\n`).join("");
const paras = [
  paragraph({ num: ["1"], text: "各国重申。" }),
  paragraph({ num: ["2"], text: "各国同意。" }),
  paragraph({ num: ["3"], text: "各国决定。" }),
];
const files = (over: Partial<DataFiles> = {}): DataFiles => ({
  documents: JSON.stringify({
    schemaVersion: SCHEMA_VERSION,
    documents: [documentRecord({ symbol: "A/78/265", paragraphs: 3 })],
  }),
  paragraphs: jsonl(paras),
  ...over,
});

describe("readKnowledgeBase", () => {
  test("reads what the build wrote, validated", () => {
    const kb = readKnowledgeBase(files());
    expect(kb.documents.map((d) => d.symbol)).toEqual(["A/78/265"]);
    expect(kb.paragraphs.map((p) => p.id)).toEqual(paras.map((p) => p.id));
  });

  test.each([
    {
      reader: undefined,
      says: new RegExp(
        `documents\\.json has schemaVersion ${SCHEMA_VERSION + 1}, acquis reads ${SCHEMA_VERSION}: run the build again \\(npm run build\\)`,
      ),
    },
    { reader: "the site", says: new RegExp(`the site reads ${SCHEMA_VERSION}`) },
  ])("data of another contract version is refused with the way out ($reader)", ({ reader, says }) => {
    const stale = files({ documents: JSON.stringify({ schemaVersion: SCHEMA_VERSION + 1, documents: [] }) });
    expect(() => readKnowledgeBase(stale, reader ? { reader } : {})).toThrow(DataVersionError);
    expect(() => readKnowledgeBase(stale, reader ? { reader } : {})).toThrow(says);
  });

  test("a JSON Lines header carrying only schemaVersion is checked and skipped", () => {
    const header = `${JSON.stringify({ schemaVersion: SCHEMA_VERSION })}\n`;
    expect(readKnowledgeBase(files({ paragraphs: header + jsonl(paras) })).paragraphs).toHaveLength(3);
    const stale = `${JSON.stringify({ schemaVersion: 99 })}\n`;
    expect(() => readKnowledgeBase(files({ paragraphs: stale }))).toThrow(DataVersionError);
  });

  test.each([
    // A record that breaks the contract: its file and line.
    {
      paragraphs: jsonl([paras[0], { ...paras[1], lang: "fr" }]),
      says: /^dist\/data\/paragraphs\.jsonl:2: /,
    },
    // A line that is not JSON at all.
    { paragraphs: `${jsonl([paras[0]])}{"id":`, says: /^dist\/data\/paragraphs\.jsonl:2: not JSON/ },
  ])("a bad line is named: $says", ({ paragraphs, says }) => {
    expect(() => readKnowledgeBase(files({ paragraphs }))).toThrow(says);
  });

  test("optional files absent: empty lists, and `has` says they were not there", () => {
    const kb = readKnowledgeBase(files({ citations: null }));
    expect([kb.citations, kb.reuse, kb.workingPapers, kb.citationsSummary, kb.aligned, kb.adoption]).toEqual([
      [],
      [],
      [],
      null,
      [],
      null,
    ]);
    expect(kb.has).toEqual({ citations: false, reuse: false, aligned: false, adoption: false });
    expect(readKnowledgeBase(files({ citations: "", reuse: "", aligned: "" })).has).toEqual({
      citations: true,
      reuse: true,
      aligned: true,
      adoption: false,
    });
  });
});

describe("collectDataFiles", () => {
  test("asks the host only for the files wanted", () => {
    const asked: string[] = [];
    const got = collectDataFiles(
      (name) => {
        asked.push(name);
        return name === "documents.json" ? files().documents : null;
      },
      { want: [] },
    );
    expect(asked).toEqual(["documents.json", "paragraphs.jsonl"]);
    expect(got.paragraphs).toBe("");
    expect(got.citations).toBeNull();
  });

  test("without documents.json there is no knowledge base: the message names the folder and the way out", () => {
    expect(() => collectDataFiles(() => null, { where: "out/data" })).toThrow(MissingDataError);
    expect(() => collectDataFiles(() => null, { where: "out/data" })).toThrow(
      "out/data/documents.json is missing: build the knowledge base first (npm run build).",
    );
  });
});

describe("readRegistry", () => {
  test("short titles default to none; a bad entry costs that entry, as in the build; no registry at all is refused", () => {
    const r = readRegistry("documents:\n  - symbol: A/75/816\n    type: report\n    title: {}\n");
    expect(r.documents[0]?.short).toEqual({ zh: [], en: [] });
    const mixed = readRegistry(
      "documents:\n  - symbol: not a symbol\n    type: report\n    title: {}\n  - symbol: A/75/816\n    type: report\n    title: {}\n",
    );
    expect(mixed.documents.map((d) => d.symbol)).toEqual(["A/75/816"]);
    // The build's reader keeps exactly the same entries.
    const built = loadRegistry(
      new TextEncoder().encode(
        "documents:\n  - symbol: not a symbol\n    type: report\n    title: {}\n  - symbol: A/75/816\n    type: report\n    title: {}\n",
      ),
      "corpus/registry.yaml",
    );
    expect(built.registry).toEqual(mixed);
    expect(() => readRegistry("- A/75/816\n")).toThrow(/not a `documents:` list/);
    expect(() => readRegistry("documents: [\n")).toThrow(/not YAML/);
  });
});
