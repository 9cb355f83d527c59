/**
 * `acquis fetch` against a real HTTP server on 127.0.0.1 started by the test (no other network):
 * success (then the cache), retries after server errors, and each failure a clear error with
 * nothing written: 404, a timeout, an HTML error page served instead of a PDF, a truncated PDF.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { fetchCommand, urlFor } from "../../pipeline/commands/fetch.ts";
import { has, once } from "../needs.ts";
import { fixturePdf, repoRoot, tempDir } from "./helpers.ts";

let server: Server;
let base = "";
const hits: Record<string, number> = {};
/** The PDF the server sends, printed by Chromium on first use: failures that send none need no browser. */
const pdf = once(() => fixturePdf("en"));
const chromium = has("chromium");

beforeAll(async () => {
  server = createServer((req, res) => {
    const route = new URL(req.url ?? "/", "http://x").pathname.split("/")[1] ?? "";
    hits[route] = (hits[route] ?? 0) + 1;
    switch (route) {
      case "ok":
      case "en":
        res.writeHead(200, { "content-type": "application/pdf", "content-length": pdf().length });
        res.end(pdf());
        return;
      case "flaky":
        if (hits[route]! <= 2) {
          res.writeHead(503, { "content-type": "text/plain" });
          res.end("busy");
        } else {
          res.writeHead(200, { "content-type": "application/pdf" });
          res.end(pdf());
        }
        return;
      case "missing":
      case "zh":
        res.writeHead(404, { "content-type": "text/html" });
        res.end("<html><body>Not found</body></html>");
        return;
      case "html":
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        res.end("<!DOCTYPE html><html><body><h1>Document not available</h1></body></html>");
        return;
      case "truncated":
        res.writeHead(200, { "content-type": "application/pdf" });
        res.end(pdf().subarray(0, pdf().length >> 1));
        return;
      case "slow":
        // Never answers: the client's timeout must end the wait.
        return;
      default:
        res.writeHead(500);
        res.end();
    }
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((ok) => server.close(ok));
});

/** A temporary repository with the real registry; run `acquis fetch` in it against one route. */
function repo() {
  const cwd = tempDir();
  mkdirSync(resolve(cwd, "corpus"), { recursive: true });
  writeFileSync(
    resolve(cwd, "corpus/registry.yaml"),
    readFileSync(resolve(repoRoot, "corpus/registry.yaml")),
  );
  const run = async (route: string, ...extra: string[]) => {
    let stdout = "";
    let stderr = "";
    const code = await fetchCommand.run(
      [
        "A/99/200",
        "--lang",
        "en",
        "--url-template",
        `${base}/${route}?s={symbol}&l={lang}`,
        "--title",
        "Report on testing",
        "--body",
        "OEWG 2021-2025",
        "--timeout",
        "400",
        "--retries",
        "1",
        "--backoff",
        "10",
        ...extra,
      ],
      {
        cwd,
        isTTY: false,
        stdout: (t) => {
          stdout += t;
        },
        stderr: (t) => {
          stderr += t;
        },
      },
    );
    return { code, stdout, stderr };
  };
  const nothingWritten = () => {
    expect(existsSync(resolve(cwd, "corpus/A-99-200"))).toBe(false);
    const cache = resolve(cwd, ".cache/originals");
    expect(existsSync(cache) ? readdirSync(cache) : []).toEqual([]);
  };
  return { cwd, run, nothingWritten };
}

describe("acquis fetch", () => {
  test.runIf(chromium)(
    "a document without a UN symbol: --id, from its --url, with its --authors",
    async () => {
      const cwd = tempDir();
      mkdirSync(resolve(cwd, "corpus"), { recursive: true });
      writeFileSync(resolve(cwd, "corpus/registry.yaml"), "documents: []\n");
      let stdout = "";
      let stderr = "";
      const io = {
        cwd,
        isTTY: false,
        stdout: (t: string) => {
          stdout += t;
        },
        stderr: (t: string) => {
          stderr += t;
        },
      };
      const code = await fetchCommand.run(
        [
          ...["--id", "nz-2024-test-position", "--url", `${base}/ok`, "--lang", "en", "--authors", "NZ"],
          ...["--title", "Position on testing", "--body", "Government of New Zealand", "--retries", "0"],
        ],
        io,
      );
      expect(stderr).toContain("imported under the id nz-2024-test-position, as asked");
      expect(code).toBe(0);
      expect(stdout).toContain("corpus/nz-2024-test-position/en.md written");
      const text = readFileSync(resolve(cwd, "corpus/nz-2024-test-position/en.md"), "utf8");
      expect(text).toMatch(/^---\nid: nz-2024-test-position\n/);
      expect(text).toContain(`source: ${base}/ok\n`);
      expect(text).toContain("authors: [ NZ ]");
      // Its pages are marked, as every PDF import's are.
      expect(text).toContain("<!-- page 1 -->");
    },
  );

  test.each([
    [["--id", "nz-2024-test-position", "A/99/200", "--url", "http://x/"], "give no symbol with it"],
    [["--id", "nz-2024-test-position", "--lang", "en"], "give its --url"],
    [["--id", "nz-2024-test-position", "--url", "http://x/", "--lang", "en,zh"], "give one language"],
    [["A/99/200", "--url", "http://x/", "--lang", "en"], "--url is for a document without a UN symbol"],
  ])("%j is bad usage: %s", async (argv, says) => {
    let stderr = "";
    const code = await fetchCommand.run(argv, {
      cwd: tempDir(),
      isTTY: false,
      stdout: () => {},
      stderr: (t) => {
        stderr += t;
      },
    });
    expect(code).toBe(2);
    expect(stderr).toContain(says);
  });
  test("the URL template takes the symbol and the language, encoded", () => {
    expect(urlFor("https://ods.example/access?s={symbol}&l={lang}&t=pdf", "A/75/816", "zh")).toBe(
      "https://ods.example/access?s=A%2F75%2F816&l=zh&t=pdf",
    );
  });

  test.runIf(chromium)(
    "success: the PDF is downloaded, cached, imported; a second fetch uses the cache",
    async () => {
      const r = repo();
      const out = await r.run("ok");
      expect(out.code).toBe(0);
      expect(out.stdout).toContain("corpus/A-99-200/en.md written");
      expect(readFileSync(resolve(r.cwd, "corpus/A-99-200/en.md"), "utf8")).toContain(
        `source: ${base}/ok?s=A%2F99%2F200&l=en`,
      );
      expect(existsSync(resolve(r.cwd, ".cache/originals/A-99-200.en.pdf"))).toBe(true);
      const before = hits.ok;
      const again = await r.run("ok");
      expect(again.code).toBe(0);
      expect(again.stderr).toContain("from the cache of originals");
      expect(hits.ok).toBe(before);
    },
  );

  test.runIf(chromium)(
    "the URL template can come from ACQUIS_ODS_URL; each language is fetched on its own",
    async () => {
      const r = repo();
      const saved = process.env.ACQUIS_ODS_URL;
      process.env.ACQUIS_ODS_URL = `${base}/{lang}?s={symbol}`;
      try {
        let stdout = "";
        let stderr = "";
        const code = await fetchCommand.run(
          [
            "A/99/200",
            "--lang",
            "en,zh",
            "--title",
            "Report on testing",
            "--body",
            "OEWG 2021-2025",
            "--retries",
            "0",
          ],
          {
            cwd: r.cwd,
            isTTY: false,
            stdout: (t) => {
              stdout += t;
            },
            stderr: (t) => {
              stderr += t;
            },
          },
        );
        // English is there; Chinese is not: exit 1, English written, nothing for Chinese.
        expect(code).toBe(1);
        expect(stdout).toContain("corpus/A-99-200/en.md written");
        expect(stderr).toContain(`${base}/zh?s=A%2F99%2F200: not found (404)`);
        expect(existsSync(resolve(r.cwd, "corpus/A-99-200/zh.md"))).toBe(false);
      } finally {
        if (saved === undefined) delete process.env.ACQUIS_ODS_URL;
        else process.env.ACQUIS_ODS_URL = saved;
      }
    },
  );

  test.runIf(chromium)("server errors are retried with backoff, then the download succeeds", async () => {
    const r = repo();
    const out = await r.run("flaky", "--retries", "3");
    expect(out.code).toBe(0);
    expect(out.stderr).toMatch(/503 .*retry 1 in 10 ms[\s\S]*retry 2 in 20 ms/);
  });

  test.each([
    // a document ODS does not have
    { route: "missing", says: "not found (404)" },
    // no answer in time, twice (one retry)
    { route: "slow", says: "within 400 ms (timeout), after 2 attempts" },
    // ODS's HTML error page with status 200
    { route: "html", says: "sent an HTML page (content-type text/html; charset=utf-8), not a PDF" },
    // the connection ends half-way through the PDF (printed by Chromium)
    ...(chromium ? [{ route: "truncated", says: "the PDF is truncated" }] : []),
  ])("$route: a clear error, nothing written", async ({ route, says }) => {
    const r = repo();
    const out = await r.run(route);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain(says);
    r.nothingWritten();
  });
});
