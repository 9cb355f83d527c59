/**
 * `acquis fetch --cited` against a loopback HTTP server started here, holding a few hundred
 * generated documents: most are PDFs with a UN cover (symbol, date, masthead, title), some are
 * missing (404), some slow, some slower than the timeout, some broken (truncated, an HTML page
 * served as the document), some fail once then answer, and a few fail at the network level
 * (a redirect loop, a redirect to a closed port). Every expected count is worked out from the
 * generator's own list, never written down.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { checkTemplate, fetchCommand, networkFailure } from "../../pipeline/commands/fetch.ts";
import { SCHEMA_VERSION } from "../../schemas/index.ts";
import { tempDir } from "./helpers.ts";

type Kind = "ok" | "missing" | "slow" | "timeout" | "truncated" | "html" | "flaky" | "loop" | "refused";

const N = 240;
/** The generated documents: a symbol and what the server does with it. */
const DOCS: { symbol: string; kind: Kind }[] = Array.from({ length: N }, (_, k) => {
  const n = k + 1;
  const kind: Kind =
    n === 17
      ? "loop"
      : n === 29
        ? "refused"
        : n % 10 === 3
          ? "missing"
          : n % 40 === 11
            ? "truncated"
            : n % 40 === 21
              ? "html"
              : n % 60 === 7
                ? "timeout"
                : n % 25 === 9
                  ? "slow"
                  : n % 50 === 13
                    ? "flaky"
                    : "ok";
  return { symbol: n % 4 === 0 ? `A/RES/98/${n}` : `A/98/${n}`, kind };
});
const bySymbol = new Map(DOCS.map((d) => [d.symbol, d]));
const FAILING: Kind[] = ["timeout", "truncated", "html", "loop", "refused"];

/** A one-page PDF in UN layout for `symbol`. */
async function pdfFor(symbol: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.TimesRoman);
  const p = doc.addPage([595, 842]);
  const line = (s: string, x: number, y: number) => p.drawText(s, { x, y, size: 10, font });
  line("United Nations", 70, 780);
  line(symbol, 400, 780);
  line("General Assembly", 70, 766);
  line("Distr.: General", 400, 766);
  line("2 March 2031", 400, 752);
  line("Original: English", 400, 738);
  line(`Report on the matters of document ${symbol}`, 70, 700);
  line("1. The working group met and agreed on the text before it.", 70, 670);
  return doc.save();
}

let server: Server;
let base = "";
let closedPort = 0;
const hits = new Map<string, number>();
/** Documents being answered now (a redirect chain is one document), and the most at once. */
const inFlight = new Set<string>();
let maxInFlight = 0;
/** When set, every document answers 503 (the server is down): an interrupted run. */
let down = false;
const pdfs = new Map<string, Uint8Array>();

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://x");
  const symbol = url.searchParams.get("s") ?? "";
  const doc = bySymbol.get(symbol);
  hits.set(symbol, (hits.get(symbol) ?? 0) + 1);
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  if (down) {
    res.writeHead(503).end("down");
    return;
  }
  if (!doc || doc.kind === "missing") {
    res.writeHead(404, { "content-type": "text/html" }).end("<html>Not found</html>");
    return;
  }
  if (doc.kind === "loop") {
    res.writeHead(302, { location: req.url }).end();
    return;
  }
  if (doc.kind === "refused") {
    res.writeHead(302, { location: `http://127.0.0.1:${closedPort}/gone` }).end();
    return;
  }
  if (doc.kind === "html") {
    res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><p>Please log in</p>");
    return;
  }
  if (doc.kind === "flaky" && hits.get(symbol) === 1) {
    res.writeHead(503).end("busy");
    return;
  }
  if (doc.kind === "slow") await sleep(150);
  if (doc.kind === "timeout") await sleep(1500);
  let pdf = pdfs.get(symbol);
  if (!pdf) {
    pdf = await pdfFor(symbol);
    pdfs.set(symbol, pdf);
  }
  if (res.destroyed) return;
  if (doc.kind === "truncated") {
    res.writeHead(200, { "content-type": "application/pdf" }).end(pdf.subarray(0, pdf.length >> 1));
    return;
  }
  res.writeHead(200, { "content-type": "application/pdf", "content-length": pdf.length }).end(pdf);
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const symbol = new URL(req.url ?? "/", "http://x").searchParams.get("s") ?? "";
    // A request the client gave up on (a timeout) stays open here until its sleep ends: it is not
    // one of the client's requests any more, so it is not counted.
    if (bySymbol.get(symbol)?.kind !== "timeout") inFlight.add(symbol);
    maxInFlight = Math.max(maxInFlight, inFlight.size);
    res.on("close", () => {
      inFlight.delete(symbol);
    });
    handle(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // A port nobody listens on: a redirect there is a refused connection.
  const probe = createServer();
  await new Promise<void>((ok) => probe.listen(0, "127.0.0.1", ok));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise((ok) => probe.close(ok));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((ok) => server.close(ok));
});

/** A temporary repository whose built citations name every generated document. */
function repo(docs = DOCS) {
  const cwd = tempDir("acquis-fetch-cited-");
  mkdirSync(resolve(cwd, "corpus"), { recursive: true });
  writeFileSync(resolve(cwd, "corpus/registry.yaml"), "documents: []\n");
  mkdirSync(resolve(cwd, "dist/data"), { recursive: true });
  writeFileSync(
    resolve(cwd, "dist/data/citations-summary.json"),
    JSON.stringify({
      schemaVersion: SCHEMA_VERSION,
      total: docs.length + 1,
      byStatus: { "not-in-corpus": docs.length + 1 },
      byVia: { text: docs.length + 1 },
      documents: [
        ...docs.map((d, k) => ({
          symbol: d.symbol,
          citations: 1 + (k % 5),
          inCorpus: false,
          known: false,
          url: null,
        })),
        { symbol: "UN Charter", citations: 3, inCorpus: false, known: true, url: null },
      ],
    }),
  );
  const run = async (isTTY: boolean, ...extra: string[]) => {
    let stdout = "";
    let stderr = "";
    const code = await fetchCommand.run(
      [
        "--cited",
        "--lang",
        "en",
        "--url-template",
        `${base}/access?s={symbol}&l={lang}`,
        "--timeout",
        "1000",
        "--retries",
        "1",
        "--backoff",
        "5",
        ...extra,
      ],
      {
        cwd,
        isTTY,
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
  const corpusFile = (symbol: string) => resolve(cwd, "corpus", symbol.replace(/\//g, "-"), "en.md");
  return { cwd, run, corpusFile };
}

const count = (kinds: Kind[]) => DOCS.filter((d) => kinds.includes(d.kind)).length;

describe("acquis fetch --cited against a loopback server of generated documents", () => {
  test("fetches what is there, two at a time; says what the server lacks and what failed, and why", async () => {
    hits.clear();
    maxInFlight = 0;
    const r = repo();
    const out = await r.run(false);
    expect(out.code).toBe(1);
    const fetched = count(["ok", "slow", "flaky"]);
    const missing = count(["missing"]);
    const failed = count(FAILING);
    expect(out.stdout).toContain(
      `${N} downloads: ${fetched} fetched, ${missing} not on the server, ${failed} failed`,
    );
    // Each failure named, with its reason.
    expect(out.stdout).toMatch(/failed: A\/98\/17 \(en\): .*redirects in a loop/);
    expect(out.stdout).toMatch(/failed: A\/98\/29 \(en\): .*connection was refused.*after 2 attempts/);
    expect(out.stdout).toMatch(/failed: A\/98\/7 \(en\): .*\(timeout\), after 2 attempts/);
    expect(out.stdout).toMatch(/failed: A\/98\/11 \(en\): .*truncated/);
    expect(out.stdout).toMatch(/failed: A\/98\/21 \(en\): .*HTML page/);
    // Two requests at a time, never more.
    expect(maxInFlight).toBe(2);
    // Imported under their own symbols, with the cover's date and title.
    for (const d of DOCS)
      expect(existsSync(r.corpusFile(d.symbol))).toBe(["ok", "slow", "flaky"].includes(d.kind));
    const one = readFileSync(r.corpusFile("A/98/1"), "utf8");
    expect(one).toContain('date: "2031-03-02"');
    expect(one).toContain("title: Report on the matters of document A/98/1");
    // The UN Charter is cited but is no document to fetch.
    expect(hits.has("UN Charter")).toBe(false);
    // No bar when stderr is not a terminal.
    expect(out.stderr).not.toContain("fetch --cited [");
  }, 180_000);

  test("resumes after an interruption: what was done is skipped, what failed is tried again", async () => {
    const docs = DOCS.slice(0, 40);
    const r = repo(docs);
    hits.clear();
    // The server goes down part-way: the first run ends with failures.
    let answered = 0;
    const onRequest = () => {
      answered++;
      if (answered > 24) down = true;
    };
    server.on("request", onRequest);
    const first = await r.run(false);
    server.off("request", onRequest);
    down = false;
    // The corpus grew: a build would write the citations again (the same ones here), newer than it.
    const summary = resolve(r.cwd, "dist/data/citations-summary.json");
    writeFileSync(summary, readFileSync(summary));
    expect(first.code).toBe(1);
    const state = JSON.parse(readFileSync(resolve(r.cwd, ".cache/fetch-cited.json"), "utf8")) as {
      items: Record<string, { status: string }>;
    };
    const done = Object.entries(state.items).filter(
      ([, v]) => v.status === "fetched" || v.status === "not on the server",
    );
    expect(done.length).toBeGreaterThan(0);
    hits.clear();
    const second = await r.run(false);
    // Nothing that was done is asked for again.
    for (const [k] of done) expect(hits.has(k.split("|")[0]!)).toBe(false);
    // Fetched documents are in the corpus now, so they are not planned; what the server lacked is
    // skipped as done.
    const lacked = done.filter(([, v]) => v.status === "not on the server").length;
    expect(lacked).toBeGreaterThan(0);
    expect(second.stdout).toContain(`${lacked} done on an earlier run`);
    expect(second.stdout).toContain(`${docs.length - (done.length - lacked)} downloads:`);
    const fetchedNow = docs.filter((d) => ["ok", "slow", "flaky"].includes(d.kind));
    for (const d of fetchedNow) expect(existsSync(r.corpusFile(d.symbol))).toBe(true);
  }, 120_000);

  test("--dry-run lists what it would fetch, most cited first, and asks the server nothing", async () => {
    hits.clear();
    const r = repo(DOCS.slice(0, 10));
    const out = await r.run(false, "--dry-run");
    expect(out.code).toBe(0);
    expect(out.stdout).toContain(
      "The corpus cites 11 documents (citations from dist/data); 10 of them lack a language asked (en): 10 downloads.",
    );
    expect(out.stdout.match(/would fetch/g)).toHaveLength(10);
    expect(out.stdout.indexOf("A/RES/98/4 (en), cited 4 times")).toBeLessThan(
      out.stdout.indexOf("A/98/1 (en), cited once"),
    );
    expect(hits.size).toBe(0);
  });

  test("a progress bar on a terminal", async () => {
    const r = repo(DOCS.slice(0, 4));
    const out = await r.run(true);
    expect(out.stderr).toContain("fetch --cited [");
    expect(out.stderr).toMatch(/\d\/4/);
  });

  test("without built citations, the corpus is read and cited in memory", async () => {
    const r = repo([]);
    writeFileSync(resolve(r.cwd, "dist/data/citations-summary.json"), "{}");
    mkdirSync(resolve(r.cwd, "corpus/A-98-999"), { recursive: true });
    writeFileSync(
      resolve(r.cwd, "corpus/A-98-999/en.md"),
      '---\nsymbol: A/98/999\nlang: en\ntitle: Citing report\ndate: "2031-05-01"\ntype: report\nbody: General Assembly\nstatus: other\nsource: written for the tests\n---\n1. As agreed in A/98/1 and in A/98/3, para. 2.\n',
    );
    const out = await r.run(false, "--dry-run");
    expect(out.code).toBe(0);
    expect(out.stdout).toContain("citations read from the corpus");
    expect(out.stdout).toContain("would fetch A/98/1 (en)");
    expect(out.stdout).toContain("would fetch A/98/3 (en)");
  });
});

describe("network failures are named", () => {
  test.each([
    { template: "ftp://ods.example/{symbol}", says: "unsupported scheme" },
    { template: "https://ods.example/access", says: "needs {symbol}" },
  ])("a template that cannot work is bad usage: $says", ({ template, says }) => {
    expect(checkTemplate(template)).toContain(says);
  });

  test.each([
    { cause: { code: "ECONNREFUSED" }, kind: "refused", retry: true },
    { cause: { code: "ECONNRESET" }, kind: "reset", retry: true },
    { cause: { code: "ENOTFOUND" }, kind: "host not found", retry: false },
    { cause: { message: "redirect count exceeded" }, kind: "redirect loop", retry: false },
    { cause: { message: "unknown scheme" }, kind: "unsupported scheme", retry: false },
  ])("$kind", ({ cause, kind, retry }) => {
    const e = Object.assign(new TypeError("fetch failed"), { cause });
    expect(networkFailure(e, false, 1000)).toMatchObject({ kind, retry });
  });

  test("a timeout is named as one", () => {
    expect(networkFailure(new Error("aborted"), true, 400)).toMatchObject({
      kind: "timeout",
      reason: expect.stringContaining("400 ms"),
    });
  });
});
