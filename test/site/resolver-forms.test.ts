/**
 * The forms table (test/cite/forms/table.ts) pasted into the site's resolver page in Chromium:
 * every form gets the answer `acquis cite --json` gives, as the page shows it (what was read and
 * not read, each target's lines and links) and where the page goes.
 *
 * One knowledge base for both, the forms table's: the real build runner builds a corpus of the
 * seed and the national fixtures (test/fixtures/parse/national/, with their registry entries
 * after the real registry's), laid out under test-results/site-resolver-forms-corpus, into
 * test-results/site-resolver-forms/data; the CLI reads it there, and the site is built against it
 * with `astro build`, as `npm run build` does. The expected answer is drawn from
 * the CLI's JSON by the site's own answerOf, so a difference in the lookup shows up as a
 * difference on the page.
 */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import YAML from "yaml";
import type { Lookup } from "../../core/cite/query.ts";
import { build } from "../../pipeline/build/index.ts";
import { citeCommand } from "../../pipeline/commands/cite.ts";
import { FrontMatter, symbolSlug } from "../../schemas/index.ts";
import { serve } from "../../site/scripts/serve.ts";
import { type Answer, answerOf } from "../../site/src/lib/resolve.ts";
import { FORMS } from "../cite/forms/table.ts";
import { NATIONAL_FIXTURES, NATIONAL_REGISTRY } from "../cite/helpers.ts";
import { has } from "../needs.ts";
import { splitFrontMatter } from "../parse/helpers.ts";
import { launch } from "./browser.ts";
import { astroBuild, repoRoot } from "./build-site.ts";

const dist = path.join(repoRoot, "test-results", "site-resolver-forms");
const data = path.join(dist, "data");
// Outside dist: astro build empties its output folder, and the CLI reads the registry from here.
const root = path.join(repoRoot, "test-results", "site-resolver-forms-corpus");
const chromium = has("chromium");

let server: Server;
let base: string;
let context: BrowserContext;
let closeBrowser: () => Promise<void>;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  if (!chromium) return;
  layCorpus();
  const built = await build({ root, out: data, cache: "off", threads: 1 });
  if (built.summary.errors > 0)
    throw new Error(`the corpus built with errors: ${JSON.stringify(built.summary.byCode)}`);
  astroBuild(dist, { ACQUIS_REGISTRY: path.join(root, "corpus", "registry.yaml") });
  ({ server, url: base } = await serve(dist, 0));
  ({ context, close: closeBrowser } = await launch());
  page = await context.newPage();
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
});

afterAll(async () => {
  await closeBrowser?.();
  server?.close();
});

/** The forms table's corpus as a corpus folder: the seed, the national fixtures, both registries. */
function layCorpus(): void {
  const corpus = path.join(root, "corpus");
  rmSync(root, { recursive: true, force: true });
  mkdirSync(corpus, { recursive: true });
  cpSync(path.join(repoRoot, "corpus", "A-78-265"), path.join(corpus, "A-78-265"), { recursive: true });
  for (const name of NATIONAL_FIXTURES) {
    const file = path.join(repoRoot, "test", "fixtures", "parse", "national", `${name}.md`);
    const meta = FrontMatter.parse(splitFrontMatter(readFileSync(file, "utf8")).meta);
    mkdirSync(path.join(corpus, symbolSlug(meta.symbol)), { recursive: true });
    cpSync(file, path.join(corpus, symbolSlug(meta.symbol), `${meta.lang}.md`));
  }
  const real = YAML.parse(readFileSync(path.join(repoRoot, "corpus", "registry.yaml"), "utf8"));
  const extra = YAML.parse(readFileSync(path.join(repoRoot, NATIONAL_REGISTRY), "utf8"));
  real.documents.push(...extra.documents);
  writeFileSync(path.join(corpus, "registry.yaml"), YAML.stringify(real));
}

/** `acquis cite --json` over the built knowledge base. */
async function cli(query: string): Promise<Lookup> {
  let out = "";
  await citeCommand.run([query, "--json", "--data", data], {
    stdout: (t) => {
      out += t;
    },
    stderr: () => {},
    isTTY: false,
    cwd: root,
  });
  return JSON.parse(out) as Lookup;
}

/** Paste a citation into the resolver's box, submit, and read what the page shows or where it goes. */
async function paste(
  query: string,
  expected: Answer,
): Promise<{ go: string | null; lines: Answer["lines"] }> {
  // The page answers in place: after an answer that does not move, paste the next one there.
  if (new URL(page.url()).pathname !== "/resolve/") await page.goto(new URL("/resolve/", base).href);
  await page.fill("#c", query);
  await page.click("#resolve-form button");
  if (expected.go !== null) {
    const go = expected.go;
    await page.waitForURL((u) => `${u.pathname}${u.hash}` === go, { timeout: 10_000, waitUntil: "commit" });
    const u = new URL(page.url());
    return { go: `${u.pathname}${u.hash}`, lines: expected.lines };
  }
  await page.waitForFunction((q) => document.getElementById("resolve-result")?.dataset.query === q, query);
  // The URL says the citation shown, so the answer can be shared.
  expect(new URL(page.url()).searchParams.get("c")).toBe(query);
  const lines = await page.locator("#resolve-result p").evaluateAll((ps) =>
    ps.map((p) => {
      const a = p.querySelector("a");
      return a
        ? { text: a.textContent ?? "", href: a.getAttribute("href") ?? "" }
        : { text: p.textContent ?? "" };
    }),
  );
  return { go: null, lines };
}

describe.runIf(chromium)("the forms table pasted into the resolver page", () => {
  test("the knowledge base holds the national fixtures and reads their registry entries", async () => {
    // A title only the fixtures' registry entries give: a missing registry would answer "unparsed".
    const l = await cli("China's ICT security paper, section 1.1");
    expect(l.kind === "parsed" ? l.results.map((r) => [r.status, r.resolved]) : l.kind).toEqual([
      ["resolved", "cn-2024-ict-security-position/zh/@1.1"],
    ]);
  });

  test.each(FORMS.map((row) => [row.pasted] as const))(
    "%s: the answer acquis cite --json gives",
    async (q) => {
      const expected = answerOf(await cli(q));
      const shown = await paste(q, expected);
      expect(shown).toEqual({ go: expected.go, lines: expected.lines });
    },
  );

  test("no script error on the page", () => {
    expect(errors).toEqual([]);
  });
});
