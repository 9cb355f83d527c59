/**
 * Memo pieces: the parts a memo (pipeline/build/memos.ts) is split into so that a build after one
 * change neither serialises, hashes nor writes again what it did not change. A piece is a pack
 * (pack.ts) of its own, named by its checksum; a memo file lists the pieces it stands on.
 *
 * Decisions:
 * - A piece is carried, not written, only when every object it holds is the very object a build
 *   read from that piece, in the same slots (`PieceOrigins`): the stage passed it on unchanged, so
 *   the bytes in the store are still its bytes. Nothing is compared or hashed to find that out;
 *   an object made anew, even an equal one, makes its piece be written again (named by the
 *   checksum of its new bytes: the same name when the bytes are the same, and a piece that packs
 *   to one this build read is not written again, memos.ts).
 * - Objects are grouped into pieces by a hash of their key (a document's version, a Chinese
 *   document's key) or by position where positions are stable (the index's files): a document
 *   added or removed moves only its own piece.
 * - Only a piece read by this process, from the store the memo is written to, checked (its
 *   stamp, else its checksum) and of the same code version can be carried; any other is
 *   written. Pure: the runner reads and writes the files.
 * - A piece may be read only when first needed (`PieceIn.sections`): only one whose stamp vouches
 *   for it (memos.ts), so that what is left unread is what was checked before. Should it still
 *   not read back as its name says (changed while the build ran), reading it throws
 *   `PieceUnreadable`, which its memo's user turns into a cold run, never half of one.
 */
import type { Section } from "./pack.ts";

/** A piece to keep: new sections to pack and write, or the name of one already in the store. */
export type PieceOut = { sections: Record<string, Section> } | { carried: string };

/** A piece as read back: its file's name and its sections. */
export interface PieceIn {
  name: string;
  /**
   * Its sections: read and checked when the memo was, or read when first called (a piece the
   * store's stamps vouch for); throws PieceUnreadable when the piece is not what its name says.
   */
  sections: () => Record<string, Section>;
}

/** A piece read late that did not read back as its name says (see the decisions above). */
export class PieceUnreadable extends Error {
  constructor(name: string) {
    super(`the memo piece ${name} changed or went missing while the build ran`);
  }
}

interface Origin {
  piece: string;
  slot: number;
  /** The code version the piece was read under. */
  version: string;
  /** How many slots the piece has, and how many of them hold an object. */
  slots: number;
  filled: number;
}

/** Where the objects read from pieces came from (see the decisions above). */
export class PieceOrigins<T extends object> {
  private readonly at = new WeakMap<T, Origin>();

  /** Note that `obj` was read from slot `slot` of `piece` (which has `slots` slots, `filled` of them set). */
  note(obj: T, piece: string, slot: number, version: string, slots: number, filled: number): void {
    this.at.set(obj, { piece, slot, version, slots, filled });
  }

  /**
   * The piece these slots were read from, exactly (every object from it, at its slot, the piece
   * holding no other), under this code version; null when they are not all one piece's.
   */
  carried(slots: ReadonlyArray<T | null | undefined>, version: string): string | null {
    let from: Origin | null = null;
    let filled = 0;
    for (let i = 0; i < slots.length; i++) {
      const obj = slots[i];
      if (!obj) continue;
      const o = this.at.get(obj);
      if (!o || o.slot !== i || o.version !== version || (from && o.piece !== from.piece)) return null;
      from ??= o;
      filled++;
    }
    return from && from.slots === slots.length && from.filled === filled ? from.piece : null;
  }
}

/** A typed column kept in a piece. */
export type Column = Uint8Array | Uint32Array | Int32Array;

/**
 * Entries grouped into `shards` groups by a hash of their key (`shardOf`; `keyOf` gives the part
 * of the key that decides), each group in the order of `entries`; the empty groups left out. A
 * memo's pieces are such groups: one is carried when its entries are the very ones read from a
 * piece (`PieceOrigins.carried`), else packed again.
 */
export function groupsByShard<V>(
  entries: Iterable<readonly [string, V]>,
  shards: number,
  keyOf: (key: string) => string = (key) => key,
): Array<Array<[string, V]>> {
  const groups: Array<Array<[string, V]>> = Array.from({ length: shards }, () => []);
  for (const [key, v] of entries) groups[shardOf(keyOf(key), shards)]!.push([key, v]);
  return groups.filter((g) => g.length > 0);
}

/** A 32-bit FNV-1a hash of a key, for grouping keys into pieces (stable across builds). */
export function shardOf(key: string, shards: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % shards;
}

/**
 * Byte parts as one section: a group's carried rows or lines, joined in order (the cite and topics
 * memos' pieces; a part is read only when its document has bytes to give).
 */
export function joinBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Groups of flat records (objects whose values are strings, numbers or other JSON) as one JSON
 * value that reads back faster than the records' own JSON: each distinct string once (`strings`),
 * each distinct list of keys and value types once (`shapes`), and a record as its shape's index
 * and its values, a string by its index (`rows`). Read back (`fromFlatTable`), a record is the one
 * its JSON gives, keys in the same order, a key whose value JSON leaves out (undefined) left out.
 * Decision: made for the cite memo's 28,000 diagnostics at 200k paragraphs (memo-file.ts), 9.6
 * MB of JSON whose decoding was 120-160 ms of every build; as a table, 35-45 ms (their file, code,
 * level and hint repeat: 2.3 million characters of strings instead of 9.6 MB).
 */
export interface FlatTable {
  strings: string[];
  shapes: Array<[keys: string[], types: string]>;
  rows: unknown[][][];
}

/** `groups` as a FlatTable (see above). */
export function flatTable(groups: ReadonlyArray<ReadonlyArray<object>>): FlatTable {
  const strings: string[] = [];
  const stringAt = new Map<string, number>();
  const shapes: FlatTable["shapes"] = [];
  const shapeAt = new Map<string, number>();
  const rows = groups.map((g) =>
    g.map((record) => {
      const keys: string[] = [];
      const values: unknown[] = [];
      let types = "";
      for (const [k, v] of Object.entries(record)) {
        if (v === undefined || typeof v === "function" || typeof v === "symbol") continue;
        keys.push(k);
        if (typeof v === "string") {
          let i = stringAt.get(v);
          if (i === undefined) {
            i = strings.push(v) - 1;
            stringAt.set(v, i);
          }
          types += "s";
          values.push(i);
        } else {
          types += "j";
          values.push(v);
        }
      }
      const shape = `${types}\u0000${keys.join("\u0000")}`;
      let s = shapeAt.get(shape);
      if (s === undefined) {
        s = shapes.push([keys, types]) - 1;
        shapeAt.set(shape, s);
      }
      return [s, ...values];
    }),
  );
  return { strings, shapes, rows };
}

/** The groups of records back from a FlatTable read back, or null when it is not one. */
export function fromFlatTable(t: unknown): Array<Array<Record<string, unknown>>> | null {
  if (!t || typeof t !== "object") return null;
  const { strings, shapes, rows } = t as Partial<FlatTable>;
  if (!Array.isArray(strings) || !Array.isArray(shapes) || !Array.isArray(rows)) return null;
  const ok = shapes.every(
    (s) =>
      Array.isArray(s) &&
      Array.isArray(s[0]) &&
      typeof s[1] === "string" &&
      s[0].length === s[1].length &&
      // Never a key that would set a record's prototype rather than a value of its own.
      s[0].every((k) => typeof k === "string" && k !== "__proto__") &&
      /^[sj]*$/.test(s[1]),
  );
  if (!ok) return null;
  const out: Array<Array<Record<string, unknown>>> = [];
  for (const g of rows) {
    if (!Array.isArray(g)) return null;
    const group: Array<Record<string, unknown>> = [];
    for (const row of g) {
      const shape = Array.isArray(row) ? shapes[row[0] as number] : undefined;
      if (!shape || row.length !== shape[0].length + 1) return null;
      const [keys, types] = shape;
      const record: Record<string, unknown> = {};
      for (let i = 0; i < keys.length; i++) {
        const v = row[i + 1];
        if (types.charCodeAt(i) === 0x73) {
          const s = strings[v as number];
          if (typeof s !== "string") return null;
          record[keys[i]!] = s;
        } else record[keys[i]!] = v;
      }
      group.push(record);
    }
    out.push(group);
  }
  return out;
}
