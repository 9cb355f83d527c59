/**
 * The port of nodejieba's cut (pipeline/index/segmenter.ts) against nodejieba itself, the oracle:
 * the same words, in the same order, on real texts, on random texts, and on small dictionaries
 * made to show each rule of cppjieba's reading (ties, duplicates, user lines, separators, runes).
 * Any difference is a bug of the port.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { exactLog } from "../../pipeline/index/exact-log.ts";
import { cutWords, cutWordsByNodejieba, mainDictionary, USER_DICT } from "../../pipeline/index/jieba.ts";
import { Segmenter } from "../../pipeline/index/segmenter.ts";
import { has } from "../needs.ts";
import { repoRoot, sharedDir } from "../parse/helpers.ts";

interface NativeJieba {
  load(opts: { dict?: string; userDict?: string; idfDict?: string }): void;
  cut(text: string, useHMM?: boolean): string[];
}

const nodejieba = createRequire(import.meta.url)("nodejieba") as NativeJieba;
const NO_IDF = resolve(repoRoot, "pipeline/index/no-idf.utf8");

/** nodejieba loaded with the build's dictionaries (its own main one, the UN terms). */
function loadStandard(): void {
  nodejieba.load({ userDict: USER_DICT, idfDict: NO_IDF });
}

/** The texts whose cut differs: each with both cuts, so a failure shows the difference. */
function differences(port: Segmenter, texts: readonly string[]) {
  return texts
    .map((text) => ({ text, port: port.cut(text), nodejieba: nodejieba.cut(text, false) }))
    .filter((d) => d.port.join("\u0001") !== d.nodejieba.join("\u0001"));
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** The files' texts, one a paragraph (blank lines between), those with Chinese in them. */
function chineseParagraphs(files: readonly string[]): string[] {
  return files
    .flatMap((f) => readFileSync(f, "utf8").split(/\n\s*\n/))
    .filter((p) => /\p{Script=Han}/u.test(p));
}

describe("the port cuts as nodejieba, with nodejieba's dictionary and the UN terms", () => {
  let port: Segmenter;
  beforeAll(() => {
    loadStandard();
    port = new Segmenter(readFileSync(mainDictionary()), readFileSync(USER_DICT));
  });

  test("the repository's corpus and the test fixtures, paragraph by paragraph, whole", () => {
    const files = [
      ...filesUnder(resolve(repoRoot, "corpus")),
      ...filesUnder(resolve(repoRoot, "test/fixtures")).filter((f) => /\.(md|txt|json)$/.test(f)),
    ];
    const texts = chineseParagraphs(files);
    expect(texts.length).toBeGreaterThan(500);
    expect(differences(port, texts)).toEqual([]);
  });

  test.runIf(has("shared"))("the real seed and the real texts of ../shared", () => {
    const files = [...filesUnder(join(sharedDir, "seeds")), ...filesUnder(join(sharedDir, "corpus-real"))];
    const texts = chineseParagraphs(files);
    expect(texts.length).toBeGreaterThan(300);
    expect(differences(port, texts)).toEqual([]);
  });

  test("random texts over dictionary words, their pieces, rare and astral Han, separators", () => {
    const words = readFileSync(mainDictionary(), "utf8")
      .split("\n")
      .map((line) => line.split(" ")[0]!)
      .filter(Boolean);
    const unTerms = readFileSync(USER_DICT, "utf8")
      .split("\n")
      .map((line) => line.split(" ")[0]!)
      .filter(Boolean);
    // Indices, not constantFrom(...words): 349k arguments overflow the stack.
    const word = fc.nat({ max: words.length - 1 }).map((i) => words[i]!);
    const piece = fc.oneof(
      { weight: 6, arbitrary: word },
      { weight: 2, arbitrary: fc.constantFrom(...unTerms) },
      // A word's pieces: its prefixes and suffixes, where a walk from the middle goes astray.
      {
        weight: 3,
        arbitrary: fc.tuple(word, fc.nat(8)).map(([w, n]) => [...w].slice(n % 3).join("")),
      },
      {
        weight: 2,
        arbitrary: fc.tuple(word, fc.nat(8)).map(([w, n]) => [...w].slice(0, 1 + (n % 3)).join("")),
      },
      // Rare Han (extension A) and astral Han (extension B: two UTF-16 units, one rune).
      { weight: 1, arbitrary: fc.integer({ min: 0x3400, max: 0x4dbf }).map((c) => String.fromCodePoint(c)) },
      {
        weight: 1,
        arbitrary: fc.integer({ min: 0x20000, max: 0x2a6df }).map((c) => String.fromCodePoint(c)),
      },
      {
        weight: 2,
        arbitrary: fc.constantFrom(" ", "\t", "\n", "，", "。", "、", "；", "A", "z", "7", "-", "\u0000"),
      },
      { weight: 1, arbitrary: fc.constantFrom("\ud800", "\udfff") },
    );
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 30 }), (pieces) => {
        const text = pieces.join("");
        expect(port.cut(text)).toEqual(nodejieba.cut(text, false));
      }),
      { numRuns: 3000 },
    );
  });

  test("cutWords: the port's cut of the Chinese runs alone, as nodejieba cuts them", () => {
    const texts = [
      "各国应当加强合作，建立信任措施；联络点名录（2024 年）应当保持更新。",
      "关键信息基础设施、ICT 供应链和能力建设\n方面的合作",
      "一个字",
      "",
      ...chineseParagraphs([resolve(repoRoot, "corpus/A-78-265/zh.md")]),
    ];
    for (const text of texts) expect(cutWords(text), text).toEqual(cutWordsByNodejieba(text));
  });
});

/**
 * Small dictionaries, each loaded into nodejieba and the port: a rule of DictTrie's reading or of
 * the cut that the real dictionary does not show on its own.
 */
describe("small dictionaries read as cppjieba reads them", () => {
  const dir = mkdtempSync(join(tmpdir(), "acquis-segmenter-"));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    loadStandard();
  });

  /** The port and nodejieba on the same two dictionaries: the texts whose cut differs. */
  function compare(main: string, user: string, texts: readonly string[]) {
    writeFileSync(join(dir, "main.utf8"), main);
    writeFileSync(join(dir, "user.utf8"), user);
    nodejieba.load({ dict: join(dir, "main.utf8"), userDict: join(dir, "user.utf8"), idfDict: NO_IDF });
    const read = new Segmenter(Buffer.from(main), Buffer.from(user));
    // Its image read back (what a build after a change loads) cuts the same, and is the same image.
    const image = read.image();
    const back = new Segmenter(Buffer.from(main), { image });
    expect(Buffer.from(back.image()).equals(Buffer.from(image))).toBe(true);
    return [...differences(read, texts), ...differences(back, texts)];
  }

  test.each([
    // [f(甲), f(乙), f(甲乙), the sum]: f(甲乙) / sum = f(甲) / sum * f(乙) / sum exactly, so which
    // of 甲乙 and 甲|乙 wins is decided by the weights' last bits.
    [2, 11, 1, 22],
    [2, 22, 1, 44],
    [3, 22, 1, 66],
    [3, 118, 2, 177],
    [4, 22, 2, 44],
  ])("an exact tie (%i, %i, %i of %i) is cut as glibc's log decides it", (f1, f2, f3, sum) => {
    const w = (f: number, log: (x: number) => number) => log(f / sum);
    const wins = (log: (x: number) => number) => w(f3, log) > w(f1, log) + w(f2, log);
    // The case tells the two logs apart: Math.log decides it the other way.
    expect(wins(exactLog)).not.toBe(wins(Math.log));
    const main = `甲 ${f1} n\n乙 ${f2} n\n甲乙 ${f3} n\n丙 ${sum - f1 - f2 - f3} n\n`;
    expect(compare(main, "", ["甲乙", "丙甲乙甲乙"])).toEqual([]);
  });

  test("duplicates: the last definition wins, the user's after the main dictionary's", () => {
    const main = "甲乙 1 n\n甲 50 n\n乙 50 n\n甲乙 900 n\n丙丁 900 n\n丙 50 n\n丁 50 n\n戊 1 n\n";
    expect(compare(main, "丙丁 1 n\n", ["甲乙", "丙丁", "甲乙丙丁戊"])).toEqual([]);
  });

  test("user lines: one column and two weigh the median, three their own, others are ignored", () => {
    const main =
      "丙 1000 n\n丁 1000 n\n戊 1000 n\n己 1000 n\n丙丁 30 n\n戊己 30 n\n庚 5 n\n辛 7 n\n壬 400 n\n";
    const user = [
      "丁戊", // one column: the median weight
      "庚辛 nz", // two columns: the median weight
      "壬癸 3 n", // three: log(3 / sum)
      "子丑 5 n x", // four columns: ignored
      "", // empty: skipped
      " 寅卯 9 n", // a leading space: an empty word, ignored
      "辰巳  9 n", // two spaces: four columns, ignored
      "午未 0 n", // frequency 0: weight -Infinity, never chosen
      "申酉\r", // a line ending in CR: the CR is part of the word
    ].join("\n");
    const texts = ["丙丁戊己", "丁戊己", "庚辛壬癸", "子丑寅卯辰巳午未", "申酉\r申酉", "丁戊\r"];
    expect(compare(main, user, texts)).toEqual([]);
  });

  test("characters not in the dictionary, prefixes that are no word, separators, astral runes", () => {
    const main = "甲乙丙 20 n\n甲 10 n\n丁 10 n\n𠀀𠀁 30 n\n𠀀 2 n\n，， 50 x\nab 3 x\n";
    const texts = [
      "甲乙", // 甲乙 is only a prefix of 甲乙丙: 甲 then the unknown 乙
      "甲乙丙丁乙丙",
      "𠀀𠀁𠀀𠀂", // astral: one rune each, as in cppjieba
      "甲，，乙。丁 甲\t\n", // separators cut alone, even where the dictionary joins them
      "x\ud800y\udc00甲ab", // lone surrogates reach nodejieba as U+FFFD
    ];
    expect(compare(main, "", texts)).toEqual([]);
  });

  test("more lines than one in 8 bytes (the room made before reading) are all read, and the median is theirs", () => {
    // Single two-byte letters: 7 bytes a line, so the port grows its arrays while reading. A
    // quarter weigh 1, the rest 9: the median of the lines is 9, of lines and unused room lower.
    const letters = [0x430, 0x410, 0x3b1, 0xe0].flatMap((from) =>
      Array.from({ length: 25 }, (_, i) => String.fromCodePoint(from + i)),
    );
    const main = `${letters.map((c, i) => `${c} ${i % 4 === 1 ? 1 : 9} n\n`).join("")}гд 8 n\nàá 9 n\n`;
    expect(letters.length + 2).toBeGreaterThan(Buffer.byteLength(main) / 8);
    // вг weighs the median (9): вг|д beats в|гд (9 and 8); with a lower median, в|гд would win.
    // àá, the last line, read past the room made at first.
    const texts = ["вгд", "авгде", "àáâ", letters.join("")];
    expect(compare(main, "вг\n", texts)).toEqual([]);
    expect(new Segmenter(Buffer.from(main), Buffer.from("вг\n")).cut("вгдàá")).toEqual(["вг", "д", "àá"]);
  });

  test("a word longer than cppjieba's MAX_WORD_LENGTH (512) is never matched", () => {
    const main = `${"甲".repeat(513)} 1000000 n\n${"乙".repeat(512)} 1000000 n\n甲 1 n\n乙 1 n\n`;
    expect(compare(main, "", ["甲".repeat(600), "乙".repeat(600)])).toEqual([]);
  });

  test("what cppjieba does not read as the port would is refused when loading", () => {
    const user = Buffer.alloc(0);
    const refuse = (main: string | Buffer) => () => new Segmenter(Buffer.from(main), user);
    expect(refuse("甲 1 n\n乙 2\n")).toThrow(/3 columns/);
    expect(refuse("甲 1 n\n\n乙 2 n\n")).toThrow(/3 columns/);
    expect(refuse(Buffer.from([0xf8, 0x80, 0x20, 0x31, 0x20, 0x6e]))).toThrow(/not decodable/);
    expect(refuse("甲 0x10 n\n")).toThrow(/reads otherwise/);
    expect(refuse("甲 -3 n\n")).toThrow(/negative/);
    expect(refuse("")).toThrow(/empty/);
  });
});

describe("the segmenter read back from its image", () => {
  test("cuts the repository's corpus as nodejieba, and gives the image it was read from", () => {
    loadStandard();
    const main = readFileSync(mainDictionary());
    const read = new Segmenter(main, readFileSync(USER_DICT));
    const image = read.image();
    const back = new Segmenter(main, { image });
    expect(Buffer.from(back.image()).equals(Buffer.from(image))).toBe(true);
    const texts = chineseParagraphs([
      ...filesUnder(resolve(repoRoot, "corpus")),
      ...filesUnder(resolve(repoRoot, "test/fixtures")).filter((f) => /\.(md|txt|json)$/.test(f)),
    ]);
    expect(texts.length).toBeGreaterThan(500);
    expect(differences(back, texts)).toEqual([]);
  });

  test("an image cut short, too long, or of another main dictionary is refused", () => {
    const main = Buffer.from("甲乙 3 n\n甲 1 n\n乙 2 n\n丙丁 5 n\n");
    const read = new Segmenter(main, Buffer.from("甲乙丙 7 n\n"));
    const image = read.image();
    expect(new Segmenter(main, { image }).cut("甲乙丙丁甲乙丙")).toEqual(read.cut("甲乙丙丁甲乙丙"));
    const refuse = (m: Uint8Array, bytes: Uint8Array) => () => new Segmenter(m, { image: bytes });
    expect(refuse(main, image.subarray(0, image.length - 8))).toThrow(/segmenter image/);
    expect(refuse(main, Buffer.concat([image, Buffer.alloc(8)]))).toThrow(/segmenter image/);
    expect(refuse(main.subarray(0, 8), image)).toThrow(/not the main dictionary's/);
  });
});
