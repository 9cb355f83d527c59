/**
 * The segmenter's image kept beside the memos (pipeline/index/jieba.ts segmenterAt): made once from
 * the dictionaries, read back after, and never used when it was made from anything else or
 * changed since: then it is made again.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, test } from "vitest";
import { cutWords, cutWordsByNodejieba, SEGMENTER_IMAGE, segmenterAt } from "../../pipeline/index/jieba.ts";
import { chineseRuns } from "../../pipeline/index/key-terms.ts";

const TEXT = "各国应当加强信息通信技术安全领域的合作建立信任措施关键基础设施的保护需要各国共同努力";

describe("the segmenter's image", () => {
  const dir = mkdtempSync(join(tmpdir(), "acquis-jieba-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const place = { dir, writable: true, version: "v1" };
  const file = join(dir, SEGMENTER_IMAGE);

  test("made once, then read back: the same cut as nodejieba either way", () => {
    const first = segmenterAt(place);
    expect(first.loaded).toBe("text, image written");
    expect(existsSync(file)).toBe(true);
    const again = segmenterAt(place);
    expect(again.loaded).toBe("image");
    const oracle = cutWordsByNodejieba(TEXT);
    expect(first.segmenter.cut(TEXT)).toEqual(oracle);
    expect(again.segmenter.cut(TEXT)).toEqual(oracle);
  });

  test("a damaged image is made again, never used", () => {
    segmenterAt(place);
    const bytes = readFileSync(file);
    // A byte of the body changed (a frequency, say): its digest no longer holds.
    const at = bytes.length - 100;
    bytes[at] = bytes[at]! ^ 1;
    writeFileSync(file, bytes);
    expect(segmenterAt(place).loaded).toBe("text, image written");
    expect(segmenterAt(place).loaded).toBe("image");
    writeFileSync(file, readFileSync(file).subarray(0, 1000));
    expect(segmenterAt(place).loaded).toBe("text, image written");
  });

  test("an image of other code is made again; a place that cannot be written keeps none", () => {
    segmenterAt(place);
    expect(segmenterAt({ ...place, version: "v2" }).loaded).toBe("text, image written");
    expect(segmenterAt({ ...place, version: "v2" }).loaded).toBe("image");
    expect(segmenterAt(place).loaded).toBe("text, image written");
    const other = mkdtempSync(join(tmpdir(), "acquis-jieba-"));
    expect(segmenterAt({ dir: other, writable: false, version: "v1" }).loaded).toBe("text");
    expect(existsSync(join(other, SEGMENTER_IMAGE))).toBe(false);
    rmSync(other, { recursive: true, force: true });
  });
});

describe("the cut of a text", () => {
  test("is its Chinese runs' cuts one after another (what the index after a change relies on)", () => {
    const piece = fc.constantFrom(
      "信息通信技术",
      "安全",
      "，",
      "。",
      "A/78/265",
      " ",
      "2025年",
      "关键基础设施",
      "的",
      "ICT",
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const text = pieces.join("");
        expect(cutWords(text)).toEqual(chineseRuns(text).flatMap((run) => cutWords(run)));
        expect(cutWords(text)).toEqual(cutWordsByNodejieba(text));
      }),
      { numRuns: 100 },
    );
  });
});
