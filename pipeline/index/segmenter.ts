/**
 * nodejieba's cut without HMM (`cut(text, false)`), word for word, in TypeScript: it reads
 * nodejieba's own dictionary text and the UN user dictionary and never loads the native addon.
 *
 * Follows cppjieba v5.4.0 as nodejieba 3.5.8 vendors it (include/cppjieba/): Jieba::Cut ->
 * MixSegment::Cut with hmm false -> PreFilter (SegmentBase.hpp's SPECIAL_SEPARATORS) ->
 * MPSegment::Cut: DictTrie::Find (Trie::Find, MAX_WORD_LENGTH), CalcDP, CutByDag. The
 * dictionaries as DictTrie::Init reads them: LoadDict, CalcFreqSum, CalculateWeight,
 * SetStaticWordWeights (the minimum; the median for user words without a frequency),
 * LoadUserDict (InserUserDictNode), CreateTrie; limonp's Split and Unicode.hpp's DecodeUTF8ToRune.
 *
 * Decisions:
 * - Why a port: nodejieba's `load` builds cppjieba's segmenters and, apart, a TextRank extractor,
 *   so the 5 MB dictionary is parsed twice into tries of millions of small allocations: 3.3-4.1 s
 *   of CPU (1.1-1.2 s of it system time) on the 2-core machine of the bench, paid by every build
 *   in which a Chinese document changed and by every cold build's index worker. nodejieba stays
 *   installed: its dictionary is read from its package, and it is the oracle of the tests.
 * - Work in proportion to the text: loading reads each line's first character and frequency
 *   (what the sum, the minimum and the median need, and every check below), and notes each
 *   character's lines as runs of lines (the dictionary lists words by their first character: some
 *   20k runs for 349k lines); the words of a character go into the trie the first time a text
 *   holds it, their lines read again then. Every walk from a position starts at its own
 *   character, so the cut never meets a word of a character not yet built. After one Chinese
 *   document changed, only its characters' words are built; a cold build ends up building nearly
 *   all. Measured in the README.
 * - What loading keeps (the sum, the least weight, each character's runs and edges, the user
 *   words weighed) is small, and `image()` gives it as bytes (236 KB for nodejieba's dictionary)
 *   that `{ image }` reads back without reading a line: jieba.ts keeps it beside the memos, so
 *   the worker that cuts one changed paragraph does not read the 349k lines again. Measured,
 *   loading from the text took 120-155 ms of CPU and from the image 70-135 ms, the rest being
 *   the dictionary's bytes read and hashed and the trie's room (6 loads each, alternating,
 *   load average 5). Keeping each line's place and frequency instead (an 8 MB image) saved a
 *   fifth as much: reading and hashing it cost most of what it spared. Tried and left out: the
 *   trie's room made as tables are filled (blocks of 4 MB, nodes grown by doubling) rather than
 *   reserved at load: loading and one short cut took the same CPU either way (medians 116 ms,
 *   5 runs each alternating, load average 4), and cutting 59k paragraphs 6 % more.
 * - The trie: the root's children in a table by character; the edges (node, character) -> child
 *   below each first character in an open-addressing table of its own, sized from its words when
 *   they are put in, cut from one pool sized at load (`RuneTrie`). No string and no object a
 *   word, and a walk from each position as Trie::Find does it (the candidates in the same order).
 *   Building one changed document's characters' words (some 150k of the 349k at 200k paragraphs)
 *   took a median 0.76 s of CPU with one table for all, doubled as it filled, and 0.64 s so
 *   (loading and building, 10 runs alternating, load average 9-11).
 * - Characters are code points (cppjieba's runes): an astral Han character is two UTF-16 units
 *   in JS and one rune there. Lone surrogates become U+FFFD first, as Node's conversion of the
 *   string to UTF-8 makes them before nodejieba sees the text. The dictionaries' bytes are
 *   decoded by DecodeUTF8ToRune's own rules (lenient about continuation bytes).
 * - Weights are log(freq / sum) with a correctly rounded log (exact-log.ts), not Math.log: the
 *   dynamic programme keeps the first best path by a strict `>`, so a last-bit difference from
 *   glibc's log turns exact ties into other cuts. A correctly rounded log of a correctly rounded
 *   quotient is monotone in freq, so the minimum weight is the least frequency's and the median
 *   weight the median frequency's: neither needs every line's log.
 * - Duplicates: the last definition wins (main dictionary first, then the user's), as
 *   Trie::InsertNode overwrites; every line of the main dictionary counts in the sum and the
 *   minimum (an empty word too, never inserted). User lines: one column or two (word, tag) weigh
 *   the median; three (word, freq, tag) weigh log(atoi(freq) / sum); any other count is ignored,
 *   as an empty or undecodable word is by cppjieba. Empty lines are skipped.
 * - What cppjieba would not read as we do is refused when loading, never guessed and never left
 *   for a cut to meet (a cold build and a build after a change would then differ): a line of the
 *   main dictionary not in three columns (cppjieba aborts), a word it could not decode (it would
 *   reuse the line before's weight), a frequency not a plain decimal number (hex, inf, nan) or
 *   negative.
 */
import { exactLog } from "./exact-log.ts";

/** cppjieba's MAX_WORD_LENGTH: a word of the graph spans at most this many characters. */
const MAX_WORD_LENGTH = 512;
/** cppjieba's MIN_DOUBLE: the weight a position starts from, below any path. */
const MIN_DOUBLE = -3.14e100;
/**
 * Values by rune (DecodeUTF8ToRune's, up to 21 bits): the Basic Multilingual Plane's in a table,
 * the rest (rare astral characters) in a map. Tables of all 2^21 runes were 8 MB each, their
 * pages and the collections their size started paid by every load.
 */
class RuneTable {
  private readonly bmp = new Int32Array(0x10000);
  private readonly astral = new Map<number, number>();

  get(rune: number): number {
    return rune < 0x10000 ? this.bmp[rune]! : (this.astral.get(rune) ?? 0);
  }

  set(rune: number, value: number): void {
    if (rune < 0x10000) this.bmp[rune] = value;
    else this.astral.set(rune, value);
  }
}
const SPACE = 0x20;
const NEWLINE = 0x0a;

/** SPECIAL_SEPARATORS (" \t\n，。"): the text is cut in pieces between them, each alone. */
function isSeparator(rune: number): boolean {
  return rune === 0x20 || rune === 0x09 || rune === 0x0a || rune === 0xff0c || rune === 0x3002;
}

/**
 * The dictionary words as a trie of runes. Node 0 is the root, its children in a table by rune.
 * The words of one first rune have an open-addressing table of their own for the edges (node,
 * rune) -> child below it, sized when its words are put in (their runes are counted when the
 * dictionary is read): it never grows, and it is small, so putting the words in and walking
 * them stays in a few cache lines. One table for the whole trie, doubled as it filled, had every
 * edge placed again at each doubling and every probe land anywhere in tens of MB: those misses
 * were most of building a Chinese document's words. A slot's numbers sit side by side so a
 * probe reads one cache line. A node that ends a word has its weight.
 */
class RuneTrie {
  /** The root's child by rune; 0 when none (yet). */
  readonly rootChild = new RuneTable();
  /**
   * Each first rune's table of SLOT numbers a slot: parent, rune, child (0, as the root is no
   * one's child: empty). Table 0 is an empty one, for nodes that have none.
   */
  readonly tables: Int32Array[] = [new Int32Array(SLOT)];
  /**
   * Where the tables are cut from, sized for every first rune's when the dictionary is read
   * (`reserve`): one allocation, its pages touched only where tables are filled. A typed array
   * a table, or a pool doubled as it filled, cost more in the collector (each new buffer counts
   * as external memory, which starts collections) and in copying than the walks themselves.
   */
  private pool = new Int32Array(0);
  private used = 0;
  /** Per root child: its table's index in `tables`. */
  tableOf = new Int32Array(1 << 15);
  /** The table being filled by `step`: the current first rune's (`open`). */
  private table: Int32Array = this.tables[0]!;
  private mask = 0;
  weight = new Float64Array(1 << 15);
  isWord = new Uint8Array(1 << 15);
  size = 1;

  /** The child of `node` (not the root) by `rune` in `table` (its walk's), or 0 when there is none. */
  child(table: Int32Array, node: number, rune: number): number {
    const mask = (table.length >> 2) - 1;
    let slot = edgeHash(node, rune) & mask;
    for (;;) {
      const i = slot * SLOT;
      const c = table[i + 2]!;
      if (c === 0) return 0;
      if (table[i] === node && table[i + 1] === rune) return c;
      slot = (slot + 1) & mask;
    }
  }

  /**
   * The root's child by `rune`, made if there is none, with a table of room for `edges` edges
   * below it (kept under half full); later steps put edges in it.
   */
  open(rune: number, edges: number): number {
    let node = this.rootChild.get(rune);
    if (node === 0) {
      node = this.newNode();
      this.rootChild.set(rune, node);
      const slots = tableSlots(edges);
      this.tableOf[node] = this.tables.length;
      this.tables.push(this.pool.subarray(this.used * SLOT, (this.used + slots) * SLOT));
      this.used += slots;
    }
    this.table = this.tables[this.tableOf[node]!]!;
    this.mask = (this.table.length >> 2) - 1;
    return node;
  }

  /** Room for tables of `slots` slots in all (see `pool`) and for `nodes` nodes, none made yet. */
  reserve(slots: number, nodes: number): void {
    this.pool = new Int32Array(slots * SLOT);
    this.used = 0;
    if (this.weight.length < nodes) this.growNodes(nodes);
  }

  /** The child of `node` (not the root) by `rune`, made if there is none, in the open table. */
  step(node: number, rune: number): number {
    const table = this.table;
    let slot = edgeHash(node, rune) & this.mask;
    for (;;) {
      const i = slot * SLOT;
      const c = table[i + 2]!;
      if (c === 0) break;
      if (table[i] === node && table[i + 1] === rune) return c;
      slot = (slot + 1) & this.mask;
    }
    const child = this.newNode();
    const i = slot * SLOT;
    table[i] = node;
    table[i + 1] = rune;
    table[i + 2] = child;
    return child;
  }

  setWeight(node: number, weight: number): void {
    this.weight[node] = weight;
    this.isWord[node] = 1;
  }

  private newNode(): number {
    const node = this.size++;
    if (node >= this.weight.length) this.growNodes();
    return node;
  }

  private growNodes(length = this.weight.length * 2): void {
    this.weight = grownTo(this.weight, new Float64Array(length));
    this.isWord = grownTo(this.isWord, new Uint8Array(length));
    this.tableOf = grownTo(this.tableOf, new Int32Array(length));
  }
}

/** The slots of a table for `edges` edges: a power of two, kept under half full. */
function tableSlots(edges: number): number {
  let slots = 2;
  while (slots < edges * 2) slots *= 2;
  return slots;
}

/** `to` holding `from`'s values first. */
function grownTo<T extends Float64Array | Uint8Array | Int32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/** Numbers a slot of the edge table: parent, rune, child, and one unused (16 bytes, aligned). */
const SLOT = 4;

function edgeHash(node: number, rune: number): number {
  let h = Math.imul(node, 0x9e3779b1) ^ Math.imul(rune, 0x85ebca6b);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return (h ^ (h >>> 13)) >>> 0;
}

/**
 * DecodeUTF8ToRune over bytes[at, end): the rune in `decoded.rune`, its length returned (0: not
 * decodable). Continuation bytes are not checked, as there.
 */
function decodeRune(bytes: Uint8Array, at: number, end: number, decoded: { rune: number }): number {
  const b0 = bytes[at]!;
  const left = end - at;
  if (!(b0 & 0x80)) {
    decoded.rune = b0 & 0x7f;
    return 1;
  }
  if (b0 <= 0xdf && left > 1) {
    decoded.rune = ((b0 & 0x1f) << 6) | (bytes[at + 1]! & 0x3f);
    return 2;
  }
  if (b0 <= 0xef && left > 2) {
    decoded.rune = ((b0 & 0x0f) << 12) | ((bytes[at + 1]! & 0x3f) << 6) | (bytes[at + 2]! & 0x3f);
    return 3;
  }
  if (b0 <= 0xf7 && left > 3) {
    decoded.rune =
      ((b0 & 0x07) << 18) |
      ((bytes[at + 1]! & 0x3f) << 12) |
      ((bytes[at + 2]! & 0x3f) << 6) |
      (bytes[at + 3]! & 0x3f);
    return 4;
  }
  return 0;
}

/** A line's fields as limonp's Split(line, " ") makes them: [start, end) pairs, and their count. */
interface Fields {
  count: number;
  starts: number[];
  ends: number[];
}

/**
 * Split: a field ends at each space (empty fields kept), and the one after the last space only
 * if something follows it. Only the first three fields' bounds are kept; all are counted.
 */
function splitFields(bytes: Uint8Array, start: number, end: number, fields: Fields): void {
  fields.count = 0;
  let from = start;
  while (from < end) {
    let to = from;
    while (to < end && bytes[to] !== SPACE) to++;
    if (fields.count < 3) {
      fields.starts[fields.count] = from;
      fields.ends[fields.count] = to;
    }
    fields.count++;
    from = to + 1;
  }
}

/**
 * Where the line from `start` ends, as getline reads lines: at '\n' only, none after the last.
 * A loop of our own, not Buffer's indexOf: a call into native code a line cost more (36 against
 * 14 ms of CPU over the dictionary's 349k lines).
 */
function lineEnd(bytes: Uint8Array, start: number): number {
  let end = start;
  while (end < bytes.length && bytes[end] !== NEWLINE) end++;
  return end;
}

/**
 * Room for the lines of a dictionary of `bytes` bytes before any is read: one line in 8 bytes,
 * more than nodejieba's has (14 on average), grown if a dictionary has shorter lines. A first pass
 * counting the lines read every byte twice: loading nodejieba's dictionary took a median 132 ms
 * of CPU with it and 119 ms without (9 loads each, in turn, load average 4).
 */
function linesRoom(bytes: Uint8Array): number {
  return Math.max(16, bytes.length >> 3);
}

const utf8 = new TextDecoder();

function fieldText(bytes: Uint8Array, start: number, end: number): string {
  return utf8.decode(bytes.subarray(start, end));
}

/** atof's decimal prefix (leading white space, sign, digits, point, exponent); 0 when none. */
const DECIMAL_PREFIX = /^[ \t\n\v\f\r]*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/;
/** What atof reads and a decimal prefix does not: hex, infinity, nan. */
const NOT_DECIMAL = /^[ \t\n\v\f\r]*[+-]?(?:0[xX]|inf|nan)/i;

/** atof(field): digits alone read directly (the whole dictionary), the rest by its prefix. */
function atof(bytes: Uint8Array, start: number, end: number): number {
  let value = 0;
  let i = start;
  while (i < end && bytes[i]! >= 0x30 && bytes[i]! <= 0x39) value = value * 10 + (bytes[i++]! - 0x30);
  // Up to 15 digits every step above is exact; longer numbers go to the general reading.
  if (i === end && end > start && end - start <= 15) return value;
  const text = fieldText(bytes, start, end);
  if (NOT_DECIMAL.test(text)) throw new Error(`a frequency cppjieba reads otherwise: "${text}"`);
  const match = DECIMAL_PREFIX.exec(text);
  return match ? Number(match[1]) : 0;
}

/** atoi(field): leading white space, a sign, then digits up to the first other byte. */
function atoi(bytes: Uint8Array, start: number, end: number): number {
  const match = /^[ \t\n\v\f\r]*([+-]?\d+)/.exec(fieldText(bytes, start, end));
  const value = match ? Number(match[1]) : 0;
  if (Math.abs(value) > 2 ** 31 - 1) throw new Error(`a frequency beyond atoi's range: ${value}`);
  return value;
}

/**
 * The segmenter of a main dictionary and a user dictionary (their bytes, as the files hold them):
 * what nodejieba's `load({ dict, userDict })` makes of them for a cut without HMM.
 */
export class Segmenter {
  private readonly dictionary: Dictionary;
  /** Scratch of one cut, grown as needed: the text's runes, where each starts, the programme. */
  private runes = new Int32Array(256);
  private starts = new Int32Array(257);
  private best = new Float64Array(256);
  private ends = new Int32Array(256);
  private first = new Int32Array(256);

  /**
   * @param main the main dictionary's bytes
   * @param user the user dictionary's bytes, or `{ image }`: image() of a segmenter of this main
   *   dictionary (and a user dictionary), read back instead of reading the two dictionaries
   */
  constructor(main: Uint8Array, user: Uint8Array | { image: Uint8Array }) {
    this.dictionary = new Dictionary(main, user);
  }

  /**
   * The dictionaries as read (each line's place and frequency, the lists by first character, the
   * user words), before any word is built: what `{ image }` reads back without reading a line.
   */
  image(): Uint8Array {
    return this.dictionary.image();
  }

  /** nodejieba's `cut(text, false)`. */
  cut(text: string): string[] {
    const words: string[] = [];
    this.cutInto(text, words);
    return words;
  }

  /** cut(), its words appended to `words`. */
  cutInto(text: string, words: string[]): void {
    const s = wellFormed(text);
    const n = this.decode(s);
    // PreFilter: pieces between separators; a separator is a piece of its own.
    let begin = 0;
    while (begin < n) {
      let end = begin;
      while (end < n && !isSeparator(this.runes[end]!)) end++;
      if (end === begin) end++;
      this.cutPiece(s, begin, end, words);
      begin = end;
    }
  }

  /** The code points of `s` into `runes`, their UTF-16 starts into `starts` (and the end). */
  private decode(s: string): number {
    if (s.length > this.runes.length) this.reserve(s.length);
    const runes = this.runes;
    const starts = this.starts;
    let n = 0;
    for (let i = 0; i < s.length; n++) {
      const rune = s.codePointAt(i)!;
      runes[n] = rune;
      starts[n] = i;
      i += rune > 0xffff ? 2 : 1;
    }
    starts[n] = s.length;
    return n;
  }

  private reserve(length: number): void {
    this.runes = new Int32Array(length);
    this.starts = new Int32Array(length + 1);
    this.best = new Float64Array(length);
    this.ends = new Int32Array(length);
    this.first = new Int32Array(length);
  }

  /**
   * MPSegment::Cut on runes [begin, end): CalcDP from the right, walking the trie from each
   * position as Trie::Find lists the candidates (the position's own character first, word or
   * not, then longer words), strict `>` keeping the first best; then CutByDag from the left.
   */
  private cutPiece(s: string, begin: number, end: number, words: string[]): void {
    const { runes, best, ends, dictionary } = this;
    // Each position's first step, its character's words built if they are not yet: after this
    // the trie does not change under the walks below.
    const first = this.first;
    for (let i = begin; i < end; i++) first[i] = dictionary.rootChild(runes[i]!);
    const { trie, minWeight } = dictionary;
    const { weight, isWord, tableOf, tables } = trie;
    for (let i = end - 1; i >= begin; i--) {
      let node = first[i]!;
      const table = tables[tableOf[node]!]!;
      const own = node !== 0 && isWord[node] === 1 ? weight[node]! : minWeight;
      let bestWeight = MIN_DOUBLE;
      let bestEnd = i;
      // val = 0.0; val += the rest's weight (if any); val += the word's: the same sums in order.
      const single = (i + 1 < end ? best[i + 1]! : 0) + own;
      if (single > bestWeight) bestWeight = single;
      for (let j = i + 1; j < end && j - i + 1 <= MAX_WORD_LENGTH && node !== 0; j++) {
        node = trie.child(table, node, runes[j]!);
        if (node === 0 || isWord[node] !== 1) continue;
        const val = (j + 1 < end ? best[j + 1]! : 0) + weight[node]!;
        if (val > bestWeight) {
          bestWeight = val;
          bestEnd = j;
        }
      }
      best[i] = bestWeight;
      ends[i] = bestEnd;
    }
    for (let i = begin; i < end; i = ends[i]! + 1) {
      words.push(s.slice(this.starts[i]!, this.starts[ends[i]! + 1]!));
    }
  }
}

/** Lone surrogates as U+FFFD, as Node writes a string to UTF-8 for a native addon. */
function wellFormed(text: string): string {
  return /\p{Cs}/u.test(text) ? text.replace(/\p{Cs}/gu, "\uFFFD") : text;
}

/** Frequencies below this, whole, have their weight in a table (see Dictionary.weightOf). */
const SMALL_FREQ = 1 << 16;

/** A word of the user dictionary: its runes and weight, inserted after the main dictionary's. */
interface UserWord {
  runes: Int32Array;
  weight: number;
}

/**
 * DictTrie::Init's reading of the two dictionaries, each character's words put into the trie
 * the first time a text holds the character (see the header).
 */
class Dictionary {
  readonly trie = new RuneTrie();
  minWeight = 0;
  private readonly main: Uint8Array;
  private sum = 0;
  /**
   * Each line's frequency while the main dictionary is read (`lines` of them; the arrays have room
   * for more, see linesRoom): the median weight of user words needs them all. Dropped after.
   */
  private freq: Float64Array;
  private lines = 0;
  /**
   * Each first rune's lines as runs of lines one after another in the main dictionary: a run's
   * bytes [start, end) (end: where its last line ends), and the next run (+1) of the same rune, 0
   * ending the list. nodejieba's dictionary lists words by their first character, so a rune's
   * lines are mostly one run: some 20k runs for 349k lines, small enough to keep in an image.
   */
  private readonly runStart: number[] = [];
  private readonly runEnd: number[] = [];
  private readonly runNext: number[] = [];
  /** Per rune: the first and last run (+1) of its list; 0 when none. */
  private readonly firstRun = new RuneTable();
  private readonly lastRun = new RuneTable();
  /** Per first rune: its words' runes after the first, the most edges its table can need. */
  private readonly edgesBelow = new RuneTable();
  /** Runes whose words are not in the trie yet. */
  private readonly pending = new RuneTable();
  /** Every rune that has words, once. */
  private readonly firsts: number[] = [];
  private readonly userWords = new Map<number, UserWord[]>();
  private readonly fields: Fields = { count: 0, starts: [], ends: [] };
  private readonly decoded = { rune: 0 };
  private word = new Int32Array(64);
  /** The word before: its runes, and the node after each of them (the walk starts past them). */
  private previous = new Int32Array(64);
  private previousLength = 0;
  private path = new Int32Array(64);
  private readonly smallWeight = new Float64Array(SMALL_FREQ);
  private readonly smallKnown = new Uint8Array(SMALL_FREQ);
  private readonly otherWeight = new Map<number, number>();

  constructor(main: Uint8Array, user: Uint8Array | { image: Uint8Array }) {
    this.main = main;
    if ("image" in user) {
      this.freq = new Float64Array(0);
      this.readImage(user.image);
    } else {
      this.freq = new Float64Array(linesRoom(main));
      const least = this.readMain();
      if (!this.lines) throw new Error("the main dictionary is empty");
      this.minWeight = this.weightOf(least);
      this.readUser(user);
      this.freq = new Float64Array(0);
    }
    let slots = 0;
    let nodes = 1;
    for (const rune of this.firsts) {
      slots += tableSlots(this.edgesBelow.get(rune));
      nodes += 1 + this.edgesBelow.get(rune);
    }
    this.trie.reserve(slots, nodes);
  }

  /**
   * Segmenter.image(): the sum and least weight; each first rune, its edges and its runs; the
   * user words with their weights (ImageWriter's sections).
   */
  image(): Uint8Array {
    const out = new ImageWriter();
    out.f64(new Float64Array([this.sum, this.minWeight]));
    const runes: number[] = [];
    for (const rune of this.firsts) {
      runes.push(rune, this.edgesBelow.get(rune), 0);
      const counted = runes.length - 1;
      for (let run = this.firstRun.get(rune); run !== 0; run = this.runNext[run - 1]!) {
        runes.push(this.runStart[run - 1]!, this.runEnd[run - 1]!);
        runes[counted]!++;
      }
    }
    out.i32(Int32Array.from(runes));
    const words: number[] = [];
    const weights: number[] = [];
    for (const [first, list] of this.userWords)
      for (const w of list) {
        words.push(first, w.runes.length, ...w.runes);
        weights.push(w.weight);
      }
    out.i32(Int32Array.from(words));
    out.f64(Float64Array.from(weights));
    return out.bytes();
  }

  /**
   * image() read back. An image that does not hold its sections in full, or whose runs lie
   * outside the main dictionary, throws; one whose numbers were changed within those bounds is
   * not told apart here (jieba.ts keeps a digest of it and of what it was made from).
   */
  private readImage(bytes: Uint8Array): void {
    const at = new ImageReader(bytes);
    const [sum, minWeight] = at.f64();
    this.sum = sum!;
    this.minWeight = minWeight!;
    const runes = at.i32();
    const words = at.i32();
    const weights = at.f64();
    at.end();
    for (let k = 0; k < runes.length; ) {
      if (k + 3 > runes.length) throw new Error("a segmenter image whose runs are cut short");
      const rune = runes[k]!;
      const count = runes[k + 2]!;
      this.edgesBelow.set(rune, runes[k + 1]!);
      this.firsts.push(rune);
      this.pending.set(rune, 1);
      k += 3;
      if (!(count >= 0 && k + 2 * count <= runes.length))
        throw new Error("a segmenter image whose runs are cut short");
      for (const end = k + 2 * count; k < end; k += 2) {
        const start = runes[k]!;
        const stop = runes[k + 1]!;
        if (!(start >= 0 && start <= stop && stop <= this.main.length))
          throw new Error("a segmenter image whose runs are not the main dictionary's");
        this.addRun(rune, start, stop);
      }
    }
    for (let k = 0, w = 0; k < words.length; w++) {
      const first = words[k]!;
      const length = words[k + 1]!;
      if (!(length > 0 && k + 2 + length <= words.length && w < weights.length))
        throw new Error("a segmenter image whose user words are cut short");
      const list = this.userWords.get(first) ?? [];
      list.push({ runes: words.slice(k + 2, k + 2 + length), weight: weights[w]! });
      this.userWords.set(first, list);
      k += 2 + length;
    }
  }

  /** The root's child by `rune`, its words put into the trie first if they are not yet. */
  rootChild(rune: number): number {
    if (this.pending.get(rune) === 1) this.build(rune);
    return this.trie.rootChild.get(rune);
  }

  /**
   * LoadDict and CalcFreqSum (the sum in the lines' order, as there): each line checked, its
   * frequency kept, the line put in its first rune's runs. Returns the least frequency.
   */
  private readMain(): number {
    const bytes = this.main;
    let least = Number.POSITIVE_INFINITY;
    for (let line = 0, start = 0; start < bytes.length; line++) {
      const end = lineEnd(bytes, start);
      splitFields(bytes, start, end, this.fields);
      const { count, starts, ends } = this.fields;
      if (count !== 3)
        throw new Error(`a dictionary line not in 3 columns: "${fieldText(bytes, start, end)}"`);
      const length = this.decodeWord(bytes, starts[0]!, ends[0]!);
      if (length < 0) throw new Error(`a dictionary word not decodable: line at byte ${start}`);
      const freq = atof(bytes, starts[1]!, ends[1]!);
      if (!(freq >= 0)) throw new Error(`a negative frequency: line at byte ${start}`);
      if (line === this.freq.length) this.freq = grownTo(this.freq, new Float64Array(line * 2));
      this.freq[line] = freq;
      this.sum += freq;
      if (freq < least) least = freq;
      if (length > 0) {
        this.link(this.word[0]!, start, end);
        this.edgesBelow.set(this.word[0]!, this.edgesBelow.get(this.word[0]!) + length - 1);
      }
      start = end + 1;
      this.lines = line + 1;
    }
    return least;
  }

  /** The line [start, end) put in `rune`'s runs: the last one when it ends just before the line. */
  private link(rune: number, start: number, end: number): void {
    const last = this.lastRun.get(rune);
    if (last !== 0 && this.runEnd[last - 1]! + 1 === start) this.runEnd[last - 1] = end;
    else this.addRun(rune, start, end);
    this.markPending(rune);
  }

  private addRun(rune: number, start: number, end: number): void {
    this.runStart.push(start);
    this.runEnd.push(end);
    this.runNext.push(0);
    const run = this.runStart.length;
    const last = this.lastRun.get(rune);
    if (last === 0) this.firstRun.set(rune, run);
    else this.runNext[last - 1] = run;
    this.lastRun.set(rune, run);
  }

  /** `rune` has words to put in the trie (listed once in `firsts`). */
  private markPending(rune: number): void {
    if (this.pending.get(rune) === 0 && this.trie.rootChild.get(rune) === 0) this.firsts.push(rune);
    this.pending.set(rune, 1);
  }

  /** LoadUserDict: each line by InserUserDictNode, kept to be put in after the main words. */
  private readUser(bytes: Uint8Array): void {
    for (let start = 0; start < bytes.length; ) {
      const end = lineEnd(bytes, start);
      this.readUserLine(bytes, start, end);
      start = end + 1;
    }
  }

  private readUserLine(bytes: Uint8Array, start: number, end: number): void {
    if (end === start) return;
    splitFields(bytes, start, end, this.fields);
    const { count, starts, ends } = this.fields;
    if (count < 1 || count > 3) return;
    const length = this.decodeWord(bytes, starts[0]!, ends[0]!);
    if (length <= 0) return;
    const weight = count === 3 ? exactLog(atoi(bytes, starts[1]!, ends[1]!) / this.sum) : this.medianWeight();
    const first = this.word[0]!;
    const words = this.userWords.get(first) ?? [];
    words.push({ runes: this.word.slice(0, length), weight });
    this.edgesBelow.set(first, this.edgesBelow.get(first) + length - 1);
    this.userWords.set(first, words);
    this.markPending(first);
  }

  /** x[size / 2] of the main weights sorted: the median frequency's weight (see the header). */
  private medianWeight(): number {
    const sorted = this.freq.slice(0, this.lines).sort();
    return this.weightOf(sorted[sorted.length >> 1]!);
  }

  /** CalculateWeight's log(freq / sum), once a distinct frequency (5,088 for 349k words). */
  private weightOf(freq: number): number {
    if (freq < SMALL_FREQ && Number.isInteger(freq)) {
      if (this.smallKnown[freq] === 0) {
        this.smallWeight[freq] = exactLog(freq / this.sum);
        this.smallKnown[freq] = 1;
      }
      return this.smallWeight[freq]!;
    }
    const known = this.otherWeight.get(freq);
    if (known !== undefined) return known;
    const w = exactLog(freq / this.sum);
    this.otherWeight.set(freq, w);
    return w;
  }

  /** CreateTrie for the words of one first rune: the main dictionary's in order, then the user's. */
  private build(rune: number): void {
    this.pending.set(rune, 0);
    this.previousLength = 0;
    this.trie.open(rune, this.edgesBelow.get(rune));
    const main = this.main;
    // Each line of the rune's runs read again as readMain read it (and checked it): its word and
    // frequency.
    for (let run = this.firstRun.get(rune); run !== 0; run = this.runNext[run - 1]!) {
      const stop = this.runEnd[run - 1]!;
      for (let start = this.runStart[run - 1]!; ; ) {
        const end = lineEnd(main, start);
        splitFields(main, start, end, this.fields);
        const { starts, ends } = this.fields;
        const length = this.decodeWord(main, starts[0]!, ends[0]!);
        this.trie.setWeight(this.wordNode(length), this.weightOf(atof(main, starts[1]!, ends[1]!)));
        if (end >= stop) break;
        start = end + 1;
      }
    }
    for (const { runes, weight } of this.userWords.get(rune) ?? []) {
      if (runes.length > this.word.length) this.reserveWord(runes.length);
      this.word.set(runes);
      this.trie.setWeight(this.wordNode(runes.length), weight);
    }
  }

  /**
   * The trie node of the word in `word`, made as needed. The walk starts after the prefix this
   * word shares with the one before: nodejieba's dictionary lists words by their first character
   * and sorted within, so most of a word's path was walked by the line above.
   */
  private wordNode(length: number): number {
    const { word, previous, path } = this;
    const shared = Math.min(length, this.previousLength);
    let k = 0;
    while (k < shared && word[k] === previous[k]) k++;
    // Every word here starts with the rune whose table is open: its first step is the root's.
    if (k === 0) {
      path[0] = this.trie.rootChild.get(word[0]!);
      previous[0] = word[0]!;
      k = 1;
    }
    let node = path[k - 1]!;
    for (let i = k; i < length; i++) {
      node = this.trie.step(node, word[i]!);
      path[i] = node;
      previous[i] = word[i]!;
    }
    this.previousLength = length;
    return node;
  }

  /** The runes of bytes[start, end) into `word`: their count, -1 when not decodable. */
  private decodeWord(bytes: Uint8Array, start: number, end: number): number {
    if (end - start > this.word.length) this.reserveWord(end - start);
    let n = 0;
    for (let at = start; at < end; n++) {
      const length = decodeRune(bytes, at, end, this.decoded);
      if (length === 0) return -1;
      this.word[n] = this.decoded.rune;
      at += length;
    }
    return n;
  }

  private reserveWord(length: number): void {
    this.word = new Int32Array(length);
    const previous = new Int32Array(length);
    previous.set(this.previous);
    const path = new Int32Array(length);
    path.set(this.path);
    this.previous = previous;
    this.path = path;
  }
}

/**
 * Sections of numbers one after another, each its count (a 32-bit integer) then its numbers,
 * aligned on 8 bytes, so that a reader takes each as a view of the bytes, not a copy.
 */
class ImageWriter {
  private readonly parts: Array<Int32Array | Float64Array> = [];
  private size = 0;

  i32(values: Int32Array): void {
    this.head(values.length);
    this.parts.push(values);
    this.size += align8(values.byteLength);
  }

  f64(values: Float64Array): void {
    this.head(values.length);
    this.parts.push(values);
    this.size += values.byteLength;
  }

  private head(count: number): void {
    this.parts.push(new Int32Array([count, 0]));
    this.size += 8;
  }

  bytes(): Uint8Array {
    const out = new Uint8Array(this.size);
    let at = 0;
    for (const p of this.parts) {
      out.set(new Uint8Array(p.buffer, p.byteOffset, p.byteLength), at);
      at += align8(p.byteLength);
    }
    return out;
  }
}

function align8(n: number): number {
  return (n + 7) & ~7;
}

/** ImageWriter's sections read back in the same order; a section cut short throws. */
class ImageReader {
  private readonly bytes: Uint8Array;
  private at = 0;

  constructor(bytes: Uint8Array) {
    // Views need the buffer aligned: a Buffer cut from Node's pool may not be.
    this.bytes = bytes.byteOffset % 8 === 0 ? bytes : bytes.slice();
  }

  /** The next section of 32-bit integers. */
  i32(): Int32Array {
    const n = this.count(4);
    const out = new Int32Array(this.bytes.buffer, this.bytes.byteOffset + this.at, n);
    this.at += align8(n * 4);
    return out;
  }

  f64(): Float64Array {
    const n = this.count(8);
    const out = new Float64Array(this.bytes.buffer, this.bytes.byteOffset + this.at, n);
    this.at += n * 8;
    return out;
  }

  /** Every byte read. */
  end(): void {
    if (this.at !== this.bytes.length) throw new Error("a segmenter image longer than its sections");
  }

  private count(width: number): number {
    if (this.at + 8 > this.bytes.length) throw new Error("a segmenter image cut short");
    const n = new Int32Array(this.bytes.buffer, this.bytes.byteOffset + this.at, 1)[0]!;
    this.at += 8;
    if (n < 0 || this.at + n * width > this.bytes.length) throw new Error("a segmenter image cut short");
    return n;
  }
}
