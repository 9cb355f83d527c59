/** Pins the public API of pipeline/ingest: a change to it is a decision, made here on purpose. */
import { expect, test } from "vitest";
import * as ingest from "../../pipeline/ingest/index.ts";

test("pipeline/ingest exports exactly these names", () => {
  expect(Object.keys(ingest).sort()).toEqual(
    [
      // The defaults of an import's limits (pages, inflated bytes, time), for the CLI's help.
      "DEFAULT_IMPORT_LIMITS",
      "IngestError",
      "convert",
      "convertDocx",
      "convertHtml",
      "convertPdfPages",
      "convertPlainText",
      "decodeText",
      "detectFormat",
      "extractPdf",
    ].sort(),
  );
});

test.each([
  // told by the bytes, whatever the name
  { bytes: "%PDF-1.7\n...", name: "download.bin", expected: "pdf" },
  { bytes: "<!doctype html><html>", name: "page", expected: "html" },
  // told by the name when the bytes are text
  { bytes: "<p>Text</p>", name: "page.html", expected: "html" },
  { bytes: "1. Text.\n", name: "raw.txt", expected: "text" },
])("detectFormat: $name -> $expected", ({ bytes, name, expected }) => {
  expect(ingest.detectFormat(new TextEncoder().encode(bytes), name)).toBe(expected);
});

test("detectFormat: binary that is no known format is an IngestError naming its first bytes", () => {
  expect(() => ingest.detectFormat(new Uint8Array([0, 1, 2, 250]), "x.bin")).toThrow(
    /x\.bin is not a PDF.*00 01 02 fa/,
  );
});
