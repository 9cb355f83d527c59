/**
 * Limits of an import, each on an original made here to break it: a PDF whose few kilobytes of
 * streams inflate to tens of megabytes, a DOCX whose zipped part does the same, a PDF with more
 * pages than allowed, a conversion past its deadline, an original over the size limit. Each is
 * refused with a message that names the limit and the flag that raises it; a long PDF reports
 * its progress page by page.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { deflateRawSync, deflateSync } from "node:zlib";
import { describe, expect, test } from "vitest";
import { runCli } from "../../pipeline/cli.ts";
import { convert, IngestError } from "../../pipeline/ingest/index.ts";
import { checkPdfStreams, checkZipEntries } from "../../pipeline/ingest/limits.ts";
import { captureIO, makeRepo, registry } from "../build/helpers.ts";

const MB = 1024 * 1024;

/** A PDF of `pages` pages of text, and one extra Flate stream inflating to `inflated` zero bytes. */
async function pdf(pages: number, inflated = 0): Promise<Uint8Array> {
  const { PDFDocument, PDFName, StandardFonts } = await import("pdf-lib");
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let n = 1; n <= pages; n++) {
    doc
      .addPage([600, 840])
      .drawText(`${n}. Paragraph ${n} of a test document.`, { x: 70, y: 700, size: 10, font });
  }
  if (inflated) {
    const stream = doc.context.stream(deflateSync(new Uint8Array(inflated)), {
      Filter: PDFName.of("FlateDecode"),
    });
    doc.catalog.set(PDFName.of("Bomb"), doc.context.register(stream));
  }
  return doc.save({ useObjectStreams: false });
}

/** A ZIP holding one deflated entry of `inflated` zero bytes (a DOCX's shape, for the limit's sake). */
function zip(name: string, inflated: number): Uint8Array {
  const data = deflateRawSync(new Uint8Array(inflated));
  const fname = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(8, 8); // deflate
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(inflated, 22);
  local.writeUInt16LE(fname.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(inflated, 24);
  central.writeUInt16LE(fname.length, 28);
  central.writeUInt32LE(0, 42); // local header at 0
  const cdOffset = local.length + fname.length + data.length;
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(1, 8);
  eocd.writeUInt16LE(1, 10);
  eocd.writeUInt32LE(central.length + fname.length, 12);
  eocd.writeUInt32LE(cdOffset, 16);
  return new Uint8Array(Buffer.concat([local, fname, data, central, fname, eocd]));
}

async function refusal(work: Promise<unknown>): Promise<IngestError> {
  const e = await work.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(IngestError);
  expect((e as IngestError).code).toBe("ingest/limit-exceeded");
  return e as IngestError;
}

describe("what compressed data inflates to is measured before any reader sees it", () => {
  test("a PDF whose streams inflate past the limit is refused; under it, the size is counted", async () => {
    const bytes = await pdf(1, 24 * MB);
    expect(bytes.length).toBeLessThan(200 * 1024);
    expect(() => checkPdfStreams(bytes, 8 * MB)).toThrow(/inflate to more than 8 MB.*--max-inflated/);
    expect(checkPdfStreams(bytes, 64 * MB)).toBeGreaterThanOrEqual(24 * MB);
    const e = await refusal(
      convert(bytes, { lang: "en", file: "bomb.pdf", limits: { maxInflatedBytes: 8 * MB } }),
    );
    expect(e.message).toMatch(/^bomb\.pdf: the PDF's compressed streams inflate to more than 8 MB/);
  });

  test("a DOCX whose zipped part inflates past the limit is refused before mammoth reads it", async () => {
    const bytes = zip("word/document.xml", 24 * MB);
    expect(() => checkZipEntries(bytes, 8 * MB)).toThrow(/the DOCX's zipped parts inflate to more than 8 MB/);
    expect(checkZipEntries(bytes, 64 * MB)).toBe(24 * MB);
    await refusal(
      convert(bytes, { lang: "en", file: "bomb.docx", format: "docx", limits: { maxInflatedBytes: 8 * MB } }),
    );
  });
});

describe("pages, time and progress", () => {
  test("a PDF over the page limit is refused before its pages are read", async () => {
    const e = await refusal(convert(await pdf(5), { lang: "en", file: "long.pdf", limits: { maxPages: 3 } }));
    expect(e.message).toMatch(/has 5 pages, over the limit of 3.*--max-pages/);
  });

  test("a conversion past its deadline stops, saying how far it got", async () => {
    const e = await refusal(
      convert(await pdf(5), { lang: "en", file: "slow.pdf", limits: { maxSeconds: 0 } }),
    );
    expect(e.message).toMatch(/took longer than 0 s.*--max-time/);
  });

  test("a PDF reports each page as it is read", async () => {
    const seen: Array<[number, number]> = [];
    const out = await convert(await pdf(4), {
      lang: "en",
      file: "four.pdf",
      onProgress: (done, total) => seen.push([done, total]),
    });
    expect(seen).toEqual([
      [1, 4],
      [2, 4],
      [3, 4],
      [4, 4],
    ]);
    expect(out.markdown).toContain("4. Paragraph 4 of a test document.");
  });
});

describe("acquis import names the limit and its flag, exit 1, no stack", () => {
  test.each([
    {
      name: "size",
      args: ["--max-bytes", String(1 / 1024)],
      expected:
        /original\.pdf is \d+\.\d KB, over the 1\.0 KB limit; it was not converted\. Raise the limit with --max-bytes/,
    },
    { name: "pages", args: ["--max-pages", "2"], expected: /has 3 pages, over the limit of 2/ },
    { name: "inflated", args: ["--max-inflated", "1"], expected: /inflate to more than 1 MB/ },
  ])("$name", async ({ args, expected }) => {
    const root = makeRepo({ "corpus/registry.yaml": registry(["A/1/1"]) });
    writeFileSync(path.join(root, "original.pdf"), await pdf(3, 2 * MB));
    const io = captureIO(root);
    const code = await runCli(
      [
        "import",
        "original.pdf",
        "--symbol",
        "A/1/1",
        "--lang",
        "en",
        "--title",
        "T",
        "--date",
        "2024-01-01",
        ...args,
      ],
      io,
    );
    expect(code).toBe(1);
    expect(io.err).toMatch(expected);
    expect(io.err).toContain("ingest/limit-exceeded");
    expect(io.err).not.toMatch(/\n\s+at /);
  });

  test("a limit that is not a positive number is bad usage", async () => {
    const io = captureIO(makeRepo({}));
    expect(
      await runCli(["import", "x.pdf", "--symbol", "A/1/1", "--lang", "en", "--max-pages", "-3"], io),
    ).toBe(2);
    expect(io.err).toMatch(/--max-pages takes a positive number, not -3/);
  });
});

describe("control characters in an original", () => {
  test.each([
    // A NUL would be refused by the build (Markdown turns it into U+FFFD): refused here, at its line.
    { text: "1. Te\u0000xt.\n", code: 1, diagnostic: "corpus/nul-character" },
    // Other controls are kept as issued, and warned as the build warns them.
    { text: "1. Te\u001bxt.\n", code: 0, diagnostic: "corpus/control-character" },
  ])("$diagnostic", async ({ text, code, diagnostic }) => {
    const root = makeRepo({ "corpus/registry.yaml": registry(["A/1/1"]) });
    writeFileSync(path.join(root, "original.txt"), text);
    const io = captureIO(root);
    const args = ["--symbol", "A/1/1", "--lang", "en", "--title", "T", "--date", "2024-01-01", "--body", "B"];
    expect(await runCli(["import", "original.txt", ...args], io)).toBe(code);
    expect(io.err).toMatch(new RegExp(`corpus/A-1-1/en\\.md\\n\\s*\\d+:\\d+\\s+\\S+\\s+.*${diagnostic}`));
  });
});
