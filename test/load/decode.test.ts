/**
 * Bytes -> text: each row is a file's bytes and what decoding must say about it. The UTF-8 check
 * is also tested against the platform's own decoder (fast-check), which is the reference.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { decodeCorpusFile, firstInvalidUtf8, utf16WithoutBom } from "../../pipeline/load/decode.ts";

const enc = (s: string) => new TextEncoder().encode(s);
const bytes = (...parts: Array<string | number[]>) => {
  const chunks = parts.map((p) => (typeof p === "string" ? enc(p) : new Uint8Array(p)));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
};

describe("decodeCorpusFile", () => {
  test.each([
    // Plain UTF-8: the text as is, nothing to say.
    { name: "plain", input: bytes("---\n中文\n"), text: "---\n中文\n", codes: [] },
    // A BOM is removed (and warned), nothing else changes.
    { name: "BOM", input: bytes([0xef, 0xbb, 0xbf], "a\n"), text: "a\n", codes: ["corpus/bom"] },
    // CRLF and a lone CR become LF.
    { name: "CRLF", input: bytes("a\r\nb\r\nc\rd\n"), text: "a\nb\nc\nd\n", codes: ["corpus/crlf"] },
    // BOM and CRLF together.
    {
      name: "BOM+CRLF",
      input: bytes([0xef, 0xbb, 0xbf], "a\r\n"),
      text: "a\n",
      codes: ["corpus/bom", "corpus/crlf"],
    },
    // Empty, and white space only: no text.
    { name: "empty", input: bytes(), text: null, codes: ["corpus/empty"] },
    { name: "blank", input: bytes(" \r\n\t"), text: null, codes: ["corpus/crlf", "corpus/empty"] },
    // A BOM and nothing else is still empty.
    { name: "BOM only", input: bytes([0xef, 0xbb, 0xbf]), text: null, codes: ["corpus/bom", "corpus/empty"] },
    // UTF-16 is refused outright.
    { name: "UTF-16LE", input: bytes([0xff, 0xfe, 0x61, 0x00]), text: null, codes: ["corpus/invalid-utf8"] },
    // Invalid bytes are refused, never replaced.
    { name: "latin-1 byte", input: bytes("caf", [0xe9], "\n"), text: null, codes: ["corpus/invalid-utf8"] },
    // UTF-16 without a BOM: its zero bytes are named as UTF-16, not passed as NULs in UTF-8.
    {
      name: "UTF-16LE, no BOM",
      input: new Uint8Array(Buffer.from("---\n关键\n", "utf16le")),
      text: null,
      codes: ["corpus/invalid-utf8"],
    },
    // A NUL is refused (Markdown would make it U+FFFD); other controls are kept and warned.
    { name: "NUL", input: bytes("a\u0000b\n"), text: null, codes: ["corpus/nul-character"] },
    {
      name: "ESC and BEL",
      input: bytes("a\u001b[2Jb\u0007\n"),
      text: "a\u001b[2Jb\u0007\n",
      codes: ["corpus/control-character"],
    },
    {
      name: "C1 (CSI)",
      input: bytes("a\u009b2Jb\n"),
      text: "a\u009b2Jb\n",
      codes: ["corpus/control-character"],
    },
    // Tab and form-free text is nothing to say; a tab is layout.
    { name: "tab", input: bytes("a\tb\n"), text: "a\tb\n", codes: [] },
  ])("$name", ({ input, text, codes }) => {
    const got = decodeCorpusFile(input, "corpus/X/en.md");
    expect(got.text).toBe(text);
    expect(got.diagnostics.map((d) => d.code)).toEqual(codes);
    for (const d of got.diagnostics) expect(d.file).toBe("corpus/X/en.md");
  });

  test.each([
    // The position of the first bad byte: line, and column in characters (中 is one).
    { input: bytes([0x80]), line: 1, column: 1 },
    { input: bytes("ab", [0xc0, 0x80]), line: 1, column: 3 }, // overlong encoding of NUL
    { input: bytes("x\n中文", [0xe4, 0xb8], "\n"), line: 2, column: 3 }, // a truncated character
    { input: bytes("a\nb\n\n  ", [0xed, 0xa0, 0x80]), line: 4, column: 3 }, // an encoded surrogate
    { input: bytes([0xef, 0xbb, 0xbf], "a\n", [0xff]), line: 2, column: 1 }, // after a BOM
  ])("invalid UTF-8 is reported at line $line, column $column", ({ input, line, column }) => {
    const [d] = decodeCorpusFile(input, "f.md").diagnostics.filter((x) => x.code === "corpus/invalid-utf8");
    expect(d).toMatchObject({ level: "error", line, column });
  });

  test("a file over the limit is refused before decoding, the limit in the message", () => {
    const got = decodeCorpusFile(bytes("a".repeat(2048)), "f.md", 1024);
    expect(got.text).toBeNull();
    expect(got.diagnostics[0]).toMatchObject({ code: "corpus/too-large", level: "error" });
    expect(got.diagnostics[0]!.message).toMatch(/2\.0 KB, over the 1\.0 KB limit/);
  });

  test("the CRLF note counts the lines and points at the first", () => {
    const [d] = decodeCorpusFile(bytes("a\nb\r\nc\r\n"), "f.md").diagnostics;
    expect(d).toMatchObject({ code: "corpus/crlf", level: "info", line: 2 });
    expect(d!.message).toMatch(/^2 lines end with CRLF/);
  });
});

describe("UTF-16 without a byte-order mark", () => {
  test.each([
    {
      name: "little-endian front matter",
      input: Buffer.from("---\nsymbol: A/1/1\n", "utf16le"),
      order: "LE",
    },
    { name: "big-endian", input: Buffer.from("---\n中\n", "utf16le").swap16(), order: "BE" },
    // UTF-8 text, with or without CJK, never holds a zero byte on one side of every pair.
    { name: "UTF-8", input: Buffer.from("---\n中文 text\n"), order: null },
    // A stray NUL in UTF-8 is not UTF-16: it is reported as a NUL.
    { name: "one NUL", input: Buffer.from("ab\u0000cd"), order: null },
  ])("$name: $order", ({ input, order }) => {
    expect(utf16WithoutBom(new Uint8Array(input))).toBe(order);
  });
});

describe("firstInvalidUtf8 agrees with the platform's fatal UTF-8 decoder", () => {
  const fatal = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  const valid = (b: Uint8Array) => {
    try {
      fatal.decode(b);
      return true;
    } catch {
      return false;
    }
  };
  // Bytes biased towards the interesting ranges (lead bytes, continuation bytes, ASCII).
  const byte = fc.oneof(
    fc.integer({ min: 0, max: 0x7f }),
    fc.integer({ min: 0x80, max: 0xbf }),
    fc.integer({ min: 0xc0, max: 0xff }),
  );
  const arrays = fc.oneof(
    fc.array(byte, { maxLength: 24 }).map((a) => new Uint8Array(a)),
    fc.string({ unit: "binary", maxLength: 12 }).map((s) => new TextEncoder().encode(s)),
  );

  test("-1 exactly when the decoder accepts; otherwise everything before it is valid", () => {
    fc.assert(
      fc.property(arrays, (b) => {
        const at = firstInvalidUtf8(b);
        expect(at === -1).toBe(valid(b));
        if (at >= 0) expect(valid(b.subarray(0, at))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
