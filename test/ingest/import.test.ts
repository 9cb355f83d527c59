/**
 * `acquis import` end to end in a temporary repository: the corpus file and its front matter, the
 * registry entry (the registry's comments and layout kept), the protection of edited files, and the
 * errors a person meets.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, test } from "vitest";
import YAML from "yaml";
import { importCommand } from "../../pipeline/commands/import.ts";
import { FrontMatter, Registry } from "../../schemas/index.ts";
import { has } from "../needs.ts";
import { fixturePdf, repoRoot, tempDir } from "./helpers.ts";
import { MODELS, pagedHtml } from "./layout.ts";

/** A temporary repository holding a copy of the real registry, and a way to run the command in it. */
function repo() {
  const cwd = tempDir();
  mkdirSync(resolve(cwd, "corpus"), { recursive: true });
  writeFileSync(
    resolve(cwd, "corpus/registry.yaml"),
    readFileSync(resolve(repoRoot, "corpus/registry.yaml")),
  );
  const run = async (...argv: string[]) => {
    let stdout = "";
    let stderr = "";
    const code = await importCommand.run(argv, {
      cwd,
      isTTY: false,
      stdout: (t) => {
        stdout += t;
      },
      stderr: (t) => {
        stderr += t;
      },
    });
    return { code, stdout, stderr };
  };
  const write = (name: string, data: string | Uint8Array) => {
    writeFileSync(resolve(cwd, name), data);
    return name;
  };
  const read = (name: string) => readFileSync(resolve(cwd, name), "utf8");
  return { cwd, run, write, read };
}

const FLAGS = [
  "--symbol",
  "A/99/200",
  "--title",
  "Report on testing",
  "--body",
  "OEWG 2021-2025",
  "--status",
  "consensus",
];
/** For originals without a cover block, which carry no date. */
const DATED = [...FLAGS, "--date", "2030-07-30"];

describe("acquis import", () => {
  test.runIf(has("chromium"))(
    "a PDF becomes corpus/<slug>/<lang>.md with valid front matter, the original's SHA-256, and a registry entry",
    async () => {
      const r = repo();
      const pdf = fixturePdf("en");
      const out = await r.run(r.write("un-layout.pdf", pdf), ...FLAGS, "--lang", "en");
      expect(out.code).toBe(0);
      expect(out.stdout).toContain(
        "corpus/A-99-200/en.md written: 10 paragraphs, parses without warnings; 7 lines dropped as page furniture (--verbose lists them); registry entry added.",
      );
      const text = r.read("corpus/A-99-200/en.md");
      const meta = FrontMatter.parse(YAML.parse(/^---\n([\s\S]*?)\n---\n/.exec(text)![1]!));
      expect(meta).toMatchObject({
        symbol: "A/99/200",
        lang: "en",
        date: "2030-07-30",
        type: "report",
        status: "consensus",
      });
      expect(meta.sha256).toBe(createHash("sha256").update(pdf).digest("hex"));
      expect(text).toContain("\n1. By its resolution 98/12,");
      const registry = Registry.parse(YAML.parse(r.read("corpus/registry.yaml")));
      expect(registry.documents.find((d) => d.symbol === "A/99/200")).toMatchObject({
        title: { en: "Report on testing" },
      });
    },
  );

  test("the registry gains only the new entry: every other line, comments included, is kept", async () => {
    const r = repo();
    const before = r.read("corpus/registry.yaml");
    await r.run(r.write("un-layout.html", pagedHtml(MODELS.zh)), ...FLAGS, "--lang", "zh");
    const after = r.read("corpus/registry.yaml");
    // Inserted at the end of the `documents:` list, before what follows it (the bodies' names).
    const inserted = / {2}# added by acquis import\n {2}- symbol: A\/99\/200\n(?: {4}.*\n)+/.exec(after);
    expect(inserted).not.toBeNull();
    expect(after.replace(inserted![0], "")).toBe(before);
    const registry = Registry.parse(YAML.parse(after));
    expect(registry.documents.at(-1)?.symbol).toBe("A/99/200");
    expect(registry.bodies).toEqual(Registry.parse(YAML.parse(before)).bodies);
  });

  test("a symbol already in the registry gives its defaults and leaves the registry untouched", async () => {
    const r = repo();
    const before = r.read("corpus/registry.yaml");
    const out = await r.run(
      r.write("t.html", "<p>1. Text.</p>"),
      "--symbol",
      "A/77/275",
      "--lang",
      "en",
      "--date",
      "2022-08-08",
    );
    expect(out.code).toBe(0);
    expect(r.read("corpus/registry.yaml")).toBe(before);
    expect(r.read("corpus/A-77-275/en.md")).toMatch(/^title: Report of the Open-ended working group/m);
  });

  test.runIf(has("chromium"))("importing the same original again changes nothing", async () => {
    const r = repo();
    const file = r.write("un-layout.pdf", fixturePdf("zh"));
    await r.run(file, ...FLAGS, "--lang", "zh");
    const first = r.read("corpus/A-99-200/zh.md");
    const again = await r.run(file, ...FLAGS, "--lang", "zh");
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("is up to date");
    expect(r.read("corpus/A-99-200/zh.md")).toBe(first);
  });

  test("an edited corpus file is never overwritten without --force", async () => {
    const r = repo();
    const file = r.write("t.html", "<p>1. First text.</p>");
    await r.run(file, ...DATED, "--lang", "en");
    const edited = `${r.read("corpus/A-99-200/en.md")}\n2. A paragraph added by hand.\n`;
    r.write("corpus/A-99-200/en.md", edited);
    const other = r.write("t2.html", "<p>1. Second text.</p>");
    const refused = await r.run(other, ...DATED, "--lang", "en");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("ingest/exists");
    expect(r.read("corpus/A-99-200/en.md")).toBe(edited);
    const forced = await r.run(other, ...DATED, "--lang", "en", "--force");
    expect(forced.code).toBe(0);
    expect(r.read("corpus/A-99-200/en.md")).toContain("1. Second text.");
  });

  test("an untouched import is replaced by a newer original (its own original, in the cache, converts to it)", async () => {
    const r = repo();
    await r.run(r.write("t.html", "<p>1. First text.</p>"), ...DATED, "--lang", "en");
    const out = await r.run(r.write("t2.html", "<p>1. Corrected text.</p>"), ...DATED, "--lang", "en");
    expect(out.code).toBe(0);
    expect(r.read("corpus/A-99-200/en.md")).toContain("1. Corrected text.");
  });

  test("a curator's correction to the front matter survives re-importing a newer original", async () => {
    const r = repo();
    await r.run(r.write("t.html", "<p>1. First text.</p>"), ...DATED, "--lang", "en");
    const path = "corpus/A-99-200/en.md";
    r.write(path, r.read(path).replace("title: Report on testing", "title: Report on testing (corrected)"));
    const out = await r.run(
      r.write("t2.html", "<p>1. Corrected text.</p>"),
      "--symbol",
      "A/99/200",
      "--lang",
      "en",
    );
    expect(out.code).toBe(0);
    expect(r.read(path)).toContain("title: Report on testing (corrected)\n");
    expect(r.read(path)).toContain("1. Corrected text.");
  });

  test("a hand-made corpus file (no recorded original) is not overwritten", async () => {
    const r = repo();
    mkdirSync(resolve(r.cwd, "corpus/A-99-200"), { recursive: true });
    r.write("corpus/A-99-200/en.md", "---\nsymbol: A/99/200\n---\nHand-made.\n");
    const out = await r.run(r.write("t.html", "<p>1. Text.</p>"), ...DATED, "--lang", "en");
    expect(out.code).toBe(1);
    expect(out.stderr).toContain("ingest/exists");
    expect(r.read("corpus/A-99-200/en.md")).toBe("---\nsymbol: A/99/200\n---\nHand-made.\n");
  });

  test.each([
    // a missing title names the flag to pass; nothing is written
    {
      argv: ["--symbol", "A/99/201", "--lang", "en", "--body", "X", "--date", "2030-01-01"],
      code: 1,
      says: "--title",
    },
    // a date that is not YYYY-MM-DD
    { argv: [...FLAGS, "--lang", "en", "--date", "30 July"], code: 1, says: "date" },
    // a language the corpus does not hold
    { argv: [...FLAGS, "--lang", "fr"], code: 2, says: "--lang zh or --lang en" },
    // a type outside the closed list
    { argv: [...FLAGS, "--lang", "en", "--date", "2030-01-01", "--type", "memo"], code: 1, says: "type" },
    // not a symbol
    {
      argv: ["--symbol", "hello", "--lang", "en"],
      code: 2,
      says: '--symbol "hello": expected a UN symbol such as "A/78/265"',
    },
  ])("refuses with a clear message: $says", async ({ argv, code, says }) => {
    const r = repo();
    const out = await r.run(r.write("t.html", "<p>1. Text.</p>"), ...argv);
    expect(out.code).toBe(code);
    expect(out.stderr).toContain(says);
    expect(existsSync(resolve(r.cwd, "corpus/A-99-200"))).toBe(false);
    expect(existsSync(resolve(r.cwd, "corpus/A-99-201"))).toBe(false);
  });

  test("a file of no supported format is refused, nothing written", async () => {
    const r = repo();
    const out = await r.run(
      r.write("t.bin", new Uint8Array([0, 1, 2, 3, 250, 251])),
      ...FLAGS,
      "--lang",
      "en",
    );
    expect(out.code).toBe(1);
    expect(out.stderr).toContain("ingest/unsupported-format");
    expect(existsSync(resolve(r.cwd, "corpus/A-99-200"))).toBe(false);
  });

  test("a PDF without text (a scan) is refused with a word on OCR, nothing written", async () => {
    const r = repo();
    const { PDFDocument } = await import("pdf-lib");
    const doc = await PDFDocument.create();
    doc.addPage([595, 842]);
    const out = await r.run(r.write("scan.pdf", await doc.save()), ...DATED, "--lang", "en");
    expect(out.code).toBe(1);
    expect(out.stderr).toContain("needs OCR");
    expect(existsSync(resolve(r.cwd, "corpus/A-99-200"))).toBe(false);
  });

  test.runIf(has("chromium"))("a truncated PDF is refused, nothing written", async () => {
    const r = repo();
    const pdf = fixturePdf("en");
    const out = await r.run(r.write("cut.pdf", pdf.subarray(0, pdf.length >> 1)), ...FLAGS, "--lang", "en");
    expect(out.code).toBe(1);
    expect(out.stderr).toContain("ingest/conversion-failed");
    expect(existsSync(resolve(r.cwd, "corpus/A-99-200"))).toBe(false);
  });
});

describe("acquis import reads the cover, and a folder", () => {
  const html = (lang: "en" | "zh") => pagedHtml(MODELS[lang]);

  test("--symbol that differs from the cover's symbol is an error; --force imports it, warned", async () => {
    const r = repo();
    const file = r.write("un-layout.html", html("en"));
    const refused = await r.run(
      file,
      ...DATED.map((a) => (a === "A/99/200" ? "A/99/201" : a)),
      "--lang",
      "en",
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      "--symbol A/99/201 differs from the symbol printed on the cover, A/99/200",
    );
    expect(refused.stderr).toContain("ingest/symbol-mismatch");
    expect(existsSync(resolve(r.cwd, "corpus/A-99-201"))).toBe(false);
    const forced = await r.run(
      file,
      ...DATED.map((a) => (a === "A/99/200" ? "A/99/201" : a)),
      "--lang",
      "en",
      "--force",
    );
    expect(forced.code).toBe(0);
    expect(forced.stderr).toMatch(/warning.*differs from the symbol printed on the cover/);
  });

  test("without flags, symbol, language, title, date and body are read from the document, and said", async () => {
    const r = repo();
    const out = await r.run(r.write("un-layout.html", html("zh")));
    expect(out.code).toBe(0);
    expect(out.stdout).toContain("corpus/A-99-200/zh.md written");
    expect(out.stdout).toContain(
      'Read from the document, not given: symbol A/99/200, language zh (from the text\'s script), title "测试领域的发展", date 2030-07-30, body "General Assembly" (the masthead\'s organ).',
    );
    const meta = FrontMatter.parse(
      YAML.parse(/^---\n([\s\S]*?)\n---\n/.exec(r.read("corpus/A-99-200/zh.md"))![1]!),
    );
    expect(meta).toMatchObject({
      symbol: "A/99/200",
      lang: "zh",
      title: "测试领域的发展",
      date: "2030-07-30",
    });
  });

  test("a folder: each file under its cover's symbol; a file that fails costs only itself", async () => {
    const r = repo();
    mkdirSync(resolve(r.cwd, "originals/more"), { recursive: true });
    r.write("originals/report.en.html", html("en"));
    r.write("originals/more/report.zh.html", html("zh"));
    // A PDF cut short after its first object: written by hand so the test needs no Chromium.
    r.write("originals/cut.pdf", "%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R");
    r.write("originals/no-cover.txt", "1. A text without a cover.\n");
    r.write("originals/.hidden.html", "<p>never read</p>");
    const out = await r.run("originals");
    expect(out.code).toBe(1);
    expect(out.stdout).toContain("4 files: 2 written, 0 up to date, 2 not imported.");
    expect(out.stdout).toMatch(/not imported: cut\.pdf.*could not be read as pdf/);
    expect(out.stdout).toContain("not imported: no-cover.txt: no document symbol on its cover.");
    expect(existsSync(resolve(r.cwd, "corpus/A-99-200/en.md"))).toBe(true);
    expect(existsSync(resolve(r.cwd, "corpus/A-99-200/zh.md"))).toBe(true);
  });

  test("a folder with --symbol is bad usage: each file has its own", async () => {
    const r = repo();
    mkdirSync(resolve(r.cwd, "originals"), { recursive: true });
    const out = await r.run("originals", "--symbol", "A/99/200");
    expect(out.code).toBe(2);
    expect(out.stderr).toContain("--symbol, --id, --title and --date are for one file");
  });

  test("a PDF whose page layout is not understood is not imported unless --force", async () => {
    const { PDFDocument, StandardFonts } = await import("pdf-lib");
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const p = doc.addPage([595, 842]);
    // Four narrow columns of justified-looking lines: more than the three columns acquis reads.
    const line = "States agreed on text here";
    for (let c = 0; c < 4; c++)
      for (let k = 0; k < 30; k++)
        p.drawText(`${line}${k}`, { x: 50 + c * 130, y: 780 - 12 * k, size: 8, font });
    const r = repo();
    const file = r.write("four.pdf", await doc.save());
    const refused = await r.run(file, ...DATED, "--lang", "en");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("ingest/layout-unclear");
    expect(refused.stderr).toContain("the layout is not understood: 4 columns side by side");
    expect(existsSync(resolve(r.cwd, "corpus/A-99-200"))).toBe(false);
    const forced = await r.run(file, ...DATED, "--lang", "en", "--force");
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain("layout not understood on page 1");
  });

  test("a national paper without a UN symbol: --id names its folder and front matter, --authors its authors", async () => {
    const r = repo();
    const paper = [
      "Position on testing in cyberspace",
      "",
      "12 March 2024",
      "",
      "2 Sovereignty",
      "",
      "Sovereignty applies to cyber infrastructure on a State's territory.",
      "",
    ].join("\n");
    const args = [
      "--title",
      "Position on testing in cyberspace",
      "--date",
      "2024-03-12",
      "--body",
      "Government of New Zealand",
      "--lang",
      "en",
    ];
    const out = await r.run(
      r.write("paper.txt", paper),
      "--id",
      "nz-2024-test-position",
      "--authors",
      "NZ",
      ...args,
    );
    expect(out.stderr).toBe("");
    expect(out.code).toBe(0);
    expect(out.stdout).toContain(
      "corpus/nz-2024-test-position/en.md written: 1 paragraph, parses without warnings",
    );
    const text = r.read("corpus/nz-2024-test-position/en.md");
    // Keyed by its id, a position paper by default, its authors named.
    expect(text).toMatch(/^---\nid: nz-2024-test-position\nlang: en\n/);
    expect(text).toContain("type: position paper\n");
    expect(text).toContain("status: national\nauthors: [ NZ ]\n");
    const meta = FrontMatter.parse(YAML.parse(/^---\n([\s\S]*?)\n---\n/.exec(text)![1]!));
    expect(meta).toMatchObject({ symbol: "nz-2024-test-position", authors: ["NZ"] });
    // The registry holds it by its id, with its authors.
    const entry = Registry.parse(YAML.parse(r.read("corpus/registry.yaml"))).documents.find(
      (d) => d.symbol === "nz-2024-test-position",
    );
    expect(entry).toMatchObject({
      type: "position paper",
      authors: ["NZ"],
      title: { en: "Position on testing in cyberspace" },
    });
    expect(r.read("corpus/registry.yaml")).toContain("  - id: nz-2024-test-position\n");
  });

  test("an HTML paper's title is its <h1>, and what --id gave is not said to be read", async () => {
    const r = repo();
    // A paper as a government site serves it: the page's <title> trails the site's name, the <h1>
    // is the paper's own title, and its sections open with numbered <h2>s.
    const page = [
      "<html><head><title>Paper on testing | Ministry of Tests</title></head><body>",
      "<h1>Test position paper on <em>ICT</em> security</h1>",
      "<h2>1 General</h2>",
      "<p>States test their networks in line with international law.</p>",
      "<h2>2 Sovereignty</h2>",
      "<p>Sovereignty applies to tests on a State's territory.</p>",
      "</body></html>",
    ].join("\n");
    const out = await r.run(
      r.write("paper.html", page),
      "--id",
      "no-2023-test-paper",
      "--authors",
      "NO",
      "--date",
      "2023-05-02",
      "--body",
      "Government of Norway",
    );
    expect(out.code).toBe(0);
    const meta = FrontMatter.parse(
      YAML.parse(/^---\n([\s\S]*?)\n---\n/.exec(r.read("corpus/no-2023-test-paper/en.md"))![1]!),
    );
    expect(meta.title).toBe("Test position paper on ICT security");
    expect(out.stdout).toContain(
      'Read from the document, not given: language en (from the text\'s script), title "Test position paper on ICT security".',
    );
  });

  test("without an <h1>, an HTML paper's title is its <title>", async () => {
    const r = repo();
    const page =
      "<html><head><title>Test paper on networks</title></head><body><h2>1 General</h2><p>States test.</p></body></html>";
    const out = await r.run(
      r.write("paper.html", page),
      "--id",
      "no-2023-other-paper",
      "--authors",
      "NO",
      ...["--date", "2023-05-02", "--body", "Government of Norway", "--lang", "en"],
    );
    expect(out.code).toBe(0);
    expect(r.read("corpus/no-2023-other-paper/en.md")).toContain("title: Test paper on networks\n");
  });

  test.each([
    // [flags, what the person reads]
    [
      ["--symbol", "A/99/200", "--id", "nz-2024-test-position"],
      "give --symbol (a UN symbol) or --id (a document without one), not both",
    ],
    [["--id", "NZ-2024-TEST"], '--id "NZ-2024-TEST": expected an id in lower case: nz-2024-test'],
    [["--id", "A/99/200"], 'expected an id; "A/99/200" is a UN symbol'],
    [["--symbol", "A/78/265/../.."], 'expected a UN symbol, whose segments are never "." or ".."'],
    [["--symbol", `A/${"1".repeat(300)}`], "of at most 100 characters (this one has 302)"],
    [
      ["--id", "nz-2024-test-position", "--authors", "New Zealand"],
      '--authors: "New Zealand" is not an author code',
    ],
  ])("%j is bad usage: %s", async (flags, says) => {
    const r = repo();
    const out = await r.run(r.write("paper.txt", "Text.\n"), ...flags, "--lang", "en");
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(says);
  });

  test("a national paper without its authors is not imported, and the message names --authors", async () => {
    const r = repo();
    const out = await r.run(
      r.write("paper.txt", "Sovereignty applies.\n"),
      "--id",
      "nz-2024-test-position",
      ...["--title", "Position", "--date", "2024-03-12", "--body", "Government", "--lang", "en"],
    );
    expect(out.code).toBe(1);
    expect(out.stderr).toContain("authors (--authors)");
    expect(existsSync(resolve(r.cwd, "corpus/nz-2024-test-position"))).toBe(false);
  });
});
