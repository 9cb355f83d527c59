/**
 * The forms table (test/cite/forms/table.ts) pasted into the site's resolver page in Chromium:
 * every form gets the answer `acquis cite --json` gives, as the page shows it (what was read and
 * not read, each target's lines and links) and where the page goes.
 *
 * One knowledge base for both: the real build runner builds the real corpus (the seed and the
 * registry) into test-results/site-resolver-forms/data, the CLI reads it there, and the site is
 * built against it with `astro build`, as `npm run build` does. The expected answer is drawn from
 * the CLI's JSON by the site's own answerOf, so a difference in the lookup shows up as a
 * difference on the page.
 */
import type { Server } from "node:http";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Lookup } from "../../core/cite/query.ts";
import { build } from "../../pipeline/build/index.ts";
import { citeCommand } from "../../pipeline/commands/cite.ts";
import { serve } from "../../site/scripts/serve.ts";
import { type Answer, answerOf } from "../../site/src/lib/resolve.ts";
import { FORMS } from "../cite/forms/table.ts";
import { has } from "../needs.ts";
import { launch } from "./browser.ts";
import { astroBuild, repoRoot } from "./build-site.ts";

const dist = path.join(repoRoot, "test-results", "site-resolver-forms");
const data = path.join(dist, "data");
const chromium = has("chromium");

let server: Server;
let base: string;
let context: BrowserContext;
let closeBrowser: () => Promise<void>;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  if (!chromium) return;
  const built = await build({ root: repoRoot, out: data, cache: "off", threads: 1 });
  if (built.summary.errors > 0)
    throw new Error(`the corpus built with errors: ${JSON.stringify(built.summary.byCode)}`);
  astroBuild(dist);
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

/** `acquis cite --json` over the built knowledge base. */
async function cli(query: string): Promise<Lookup> {
  let out = "";
  await citeCommand.run([query, "--json", "--data", data], {
    stdout: (t) => {
      out += t;
    },
    stderr: () => {},
    isTTY: false,
    cwd: repoRoot,
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
