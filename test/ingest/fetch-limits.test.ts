/**
 * The limits of `acquis fetch`, against a server on 127.0.0.1 started here (no other network):
 * the bytes of a download (announced or counted as they come), the time of one document's
 * download with every retry, redirects (same host followed, another host refused unless allowed,
 * a loop named, a scheme other than http(s) refused), and the URL recorded in `source:` being the
 * one the document finally came from.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { fetchCommand, refusedRedirect } from "../../pipeline/commands/fetch.ts";
import { registry } from "../build/helpers.ts";
import { tempDir } from "./helpers.ts";

let server: Server;
let port = 0;
let pdf: Uint8Array;
const hits: Record<string, number> = {};

/** A small valid PDF of one numbered paragraph, made with pdf-lib. */
async function makePdf(): Promise<Uint8Array> {
  const { PDFDocument, StandardFonts } = await import("pdf-lib");
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([600, 840]).drawText("1. States agreed to cooperate.", { x: 70, y: 700, size: 10, font });
  return doc.save();
}

beforeAll(async () => {
  pdf = await makePdf();
  server = createServer((req, res) => {
    const route = new URL(req.url ?? "/", "http://x").pathname.split("/")[1] ?? "";
    hits[route] = (hits[route] ?? 0) + 1;
    const redirect = (to: string) => {
      res.writeHead(302, { location: to });
      res.end();
    };
    switch (route) {
      case "doc":
        res.writeHead(200, { "content-type": "application/pdf", "content-length": pdf.length });
        res.end(pdf);
        return;
      case "announced-large":
        // Announces 50 MB; the client must not wait for it.
        res.writeHead(200, { "content-type": "application/pdf", "content-length": 50 * 1024 * 1024 });
        res.write(pdf.subarray(0, 100));
        return;
      case "endless":
        // No length announced: a body that never ends, cut off by the byte limit.
        res.writeHead(200, { "content-type": "application/pdf" });
        {
          const chunk = new Uint8Array(64 * 1024);
          const pump = () => {
            while (res.write(chunk)) {}
            if (!res.destroyed) res.once("drain", pump);
          };
          pump();
        }
        return;
      case "trickle":
        // Headers at once, then a byte a second: only the time limits end it.
        res.writeHead(200, { "content-type": "application/pdf" });
        {
          const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write("%")), 1000);
        }
        return;
      case "same-host":
        return redirect(`http://127.0.0.1:${port}/doc/final.pdf`);
      case "other-host":
        return redirect(`http://localhost:${port}/doc/elsewhere.pdf`);
      case "loop-a":
        return redirect("/loop-b");
      case "loop-b":
        return redirect("/loop-a");
      case "to-file":
        return redirect("file:///etc/passwd");
      default:
        res.writeHead(500);
        res.end();
    }
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((ok) => server.close(ok));
});

/** Run `acquis fetch A/99/200 --lang en` in a fresh repository against one route. */
async function run(route: string, ...extra: string[]) {
  const cwd = tempDir();
  mkdirSync(resolve(cwd, "corpus"), { recursive: true });
  writeFileSync(resolve(cwd, "corpus/registry.yaml"), registry(["A/99/200"]));
  let out = "";
  const code = await fetchCommand.run(
    [
      "A/99/200",
      "--lang",
      "en",
      "--url-template",
      `http://127.0.0.1:${port}/${route}/{symbol}`,
      "--title",
      "Report on testing",
      "--date",
      "2024-01-01",
      "--body",
      "OEWG 2021-2025",
      "--timeout",
      "2000",
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
        out += t;
      },
      stderr: (t) => {
        out += t;
      },
    },
  );
  const file = resolve(cwd, "corpus/A-99-200/en.md");
  return { code, out, written: existsSync(file) ? readFileSync(file, "utf8") : null };
}

describe("acquis fetch: limits", () => {
  test("a body announced over --max-bytes is refused at once, and not retried", async () => {
    const r = await run("announced-large", "--max-bytes", "1");
    expect(r.code).toBe(1);
    expect(r.out).toMatch(
      /the document is 50\.0 MB \(as announced\), over the 1\.0 MB limit; not downloaded\. Raise it with --max-bytes/,
    );
    expect(hits["announced-large"]).toBe(1);
    expect(r.written).toBeNull();
  });

  test("a body that never ends is cut off at --max-bytes, never held whole", async () => {
    const r = await run("endless", "--max-bytes", "2");
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/larger than that, over the 2\.0 MB limit/);
  });

  test("a body that trickles ends at --deadline, every retry included, and says which limit", async () => {
    const r = await run(
      "trickle",
      "--timeout",
      "400",
      "--retries",
      "5",
      "--backoff",
      "50",
      "--deadline",
      "1",
    );
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/within the 1 s deadline \(--deadline\)/);
    expect(hits.trickle).toBeLessThan(6);
  });
});

describe("acquis fetch: redirects", () => {
  test("to the same host: followed, and source: records where the document came from", async () => {
    const r = await run("same-host");
    expect(r.code, r.out).toBe(0);
    expect(r.written).toContain(`source: http://127.0.0.1:${port}/doc/final.pdf\n`);
  });

  test("to another host: refused, naming the host and the flag that allows it", async () => {
    const r = await run("other-host");
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/redirects to another host, localhost; not followed\. .*--allow-host localhost/);
    expect(r.written).toBeNull();
    const allowed = await run("other-host", "--allow-host", "localhost");
    expect(allowed.code, allowed.out).toBe(0);
    expect(allowed.written).toContain(`source: http://localhost:${port}/doc/elsewhere.pdf\n`);
  });

  test.each([
    // One chain: loop-a -> loop-b -> loop-a, stopped before loop-b is asked again.
    {
      route: "loop-a",
      counted: "loop-b",
      expected: /redirects in a loop \(back to http:\/\/127\.0\.0\.1:\d+\/loop-b\)/,
    },
    {
      route: "to-file",
      counted: "to-file",
      expected: /redirects to file:\/\/\/etc\/passwd, whose scheme is not http or https/,
    },
  ])("$route: named, not retried", async ({ route, counted, expected }) => {
    const before = hits[counted] ?? 0;
    const r = await run(route, "--retries", "3");
    expect(r.code).toBe(1);
    expect(r.out).toMatch(expected);
    expect(r.out).not.toMatch(/\n\s+at /);
    expect(hits[counted]! - before).toBe(1);
  });

  test.each([
    // UN hosts may redirect among themselves; anything else needs --allow-host.
    {
      from: "https://documents.un.org/api",
      to: "https://daccess-ods.un.org/x.pdf",
      allow: [],
      refused: null,
    },
    { from: "https://undocs.org/A/1", to: "https://documents.un.org/x.pdf", allow: [], refused: null },
    {
      from: "https://documents.un.org/api",
      to: "https://un.org.example.com/x",
      allow: [],
      refused: "redirect refused",
    },
    { from: "http://mirror.test/a", to: "http://cdn.test/b", allow: ["cdn.test"], refused: null },
    { from: "http://mirror.test/a", to: "ftp://mirror.test/b", allow: [], refused: "unsupported scheme" },
  ])("$from -> $to: $refused", ({ from, to, allow, refused }) => {
    expect(refusedRedirect(new URL(from), new URL(to), allow)).toBe(refused);
  });
});
