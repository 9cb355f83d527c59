/**
 * A file of named sections, for what a build keeps for the next (the reuse and index stages'
 * memos): typed arrays kept as their bytes (read back as views, no parsing), everything else as
 * JSON, behind one header line that names the sections, the kind of file and its version, and
 * carries the SHA-256 of everything after it.
 *
 * Decision: a pack that does not read back exactly as written (another kind or version, a byte
 * changed by hand, a file cut short by a killed build) is not a pack: `unpack` returns null and
 * the caller starts cold. Pure: bytes in, bytes out; the runner reads and writes the files.
 *
 * Decision: the header gives every section's offset and length, so a pack can also be read by
 * range (`openPack`): the header line, then only the sections, or the parts of a section, a
 * reader asks for. That skips the checksum, so it is for a file the caller vouches for (its
 * stamp unchanged since this code wrote it); kind, version and bounds are still checked.
 */
import { JSON_BATCH, jsonParts, sha256, sha256Of } from "./hash.ts";

/** What a section can hold. */
export type Section = Uint8Array | Uint32Array | Int32Array | { json: unknown };

interface SectionHead {
  name: string;
  type: "u8" | "u32" | "i32" | "json";
  offset: number;
  length: number;
}

interface Header {
  kind: string;
  version: string;
  sha256: string;
  sections: SectionHead[];
}

const enc = new TextEncoder();
const dec = new TextDecoder();

function typeOf(s: Section): SectionHead["type"] {
  if (s instanceof Uint8Array) return "u8";
  if (s instanceof Uint32Array) return "u32";
  if (s instanceof Int32Array) return "i32";
  return "json";
}

/**
 * A JSON section's bytes: the UTF-8 of its JSON (nothing for undefined, which JSON does not
 * write), in parts of some 32k characters (hash.ts `jsonParts`). Decision: never the JSON whole,
 * nor its bytes in one buffer: the memos' sections of megabytes (the reuse memo's 2.8 MB, the
 * output memo's 1.8 MB) were each a string and a buffer of memory fresh from the system, whose
 * first touch costs (hash.ts); parts this size come from memory the process had already.
 */
function jsonBytes(value: unknown): Uint8Array[] {
  if (value === undefined) return [];
  const out: Uint8Array[] = [];
  let pending = "";
  for (const s of jsonParts(value)) {
    pending += s;
    if (pending.length >= JSON_BATCH) {
      out.push(enc.encode(pending));
      pending = "";
    }
  }
  if (pending) out.push(enc.encode(pending));
  return out;
}

/**
 * Pack sections into the chunks of one file: the header line, then each section's bytes, each
 * starting at a multiple of 8 from the end of the header line so typed arrays read back as views.
 */
export function pack(kind: string, version: string, sections: Record<string, Section>): Uint8Array[] {
  return packSummed(kind, version, sections).chunks;
}

/**
 * pack(), with the SHA-256 its header carries: a memo's piece is named by it (pipeline/build/memos.ts),
 * so a piece already in the store under that name need not be written again.
 */
export function packSummed(
  kind: string,
  version: string,
  sections: Record<string, Section>,
): { chunks: Uint8Array[]; sha256: string } {
  const heads: SectionHead[] = [];
  const bodies: Uint8Array[] = [];
  let offset = 0;
  for (const [name, s] of Object.entries(sections)) {
    const type = typeOf(s);
    const parts =
      type === "json"
        ? jsonBytes((s as { json: unknown }).json)
        : [
            new Uint8Array(
              (s as Uint8Array).buffer,
              (s as Uint8Array).byteOffset,
              (s as Uint8Array).byteLength,
            ),
          ];
    const pad = (8 - (offset % 8)) % 8;
    if (pad) bodies.push(new Uint8Array(pad));
    offset += pad;
    const length = parts.reduce((n, p) => n + p.length, 0);
    heads.push({ name, type, offset, length });
    bodies.push(...parts);
    offset += length;
  }
  const sum = sha256Of(bodies);
  const header: Header = { kind, version, sha256: sum, sections: heads };
  const line = enc.encode(`${JSON.stringify(header)}\n`);
  // The payload starts at a multiple of 8 too: the header line is padded with spaces.
  const pad = (8 - (line.length % 8)) % 8;
  const head = new Uint8Array(line.length + pad).fill(0x20);
  head.set(line.subarray(0, line.length - 1));
  head[head.length - 1] = 0x0a;
  return { chunks: [head, ...bodies], sha256: sum };
}

/**
 * The sections of a pack of this kind and version, or null when the bytes are not one (see the
 * module header). Typed arrays are views on `bytes` when aligned, copies otherwise.
 * @param vouched true when the caller knows these bytes are the ones it wrote (a file whose stamp
 *   has not moved since: host.ts `stampOf`): the checksum is then not computed again. Kind,
 *   version and every section's bounds are still checked.
 * @param sum when given, the checksum the header carries must start with it (a piece named by its
 *   checksum, memos.ts: a piece renamed by hand is not the one asked for)
 * @param copied true when `bytes` are a buffer the caller reuses once this returns (memos.ts
 *   `scratchReader`): typed arrays are then always copies, never views on it
 */
export function unpack(
  bytes: Uint8Array,
  kind: string,
  version: string,
  vouched = false,
  sum?: string,
  copied = false,
): Record<string, Section> | null {
  const nl = bytes.indexOf(0x0a);
  if (nl < 0) return null;
  let header: Header;
  try {
    header = JSON.parse(dec.decode(bytes.subarray(0, nl))) as Header;
  } catch {
    return null;
  }
  if (header.kind !== kind || header.version !== version || !Array.isArray(header.sections)) return null;
  if (sum !== undefined && !(typeof header.sha256 === "string" && header.sha256.startsWith(sum))) return null;
  const body = bytes.subarray(nl + 1);
  if (!vouched && sha256(body) !== header.sha256) return null;
  const out: Record<string, Section> = {};
  for (const s of header.sections) {
    if (s.offset + s.length > body.length) return null;
    const raw = body.subarray(s.offset, s.offset + s.length);
    if (s.type === "json") {
      try {
        out[s.name] = { json: JSON.parse(dec.decode(raw)) };
      } catch {
        return null;
      }
      continue;
    }
    const width = s.type === "u8" ? 1 : 4;
    const aligned = (raw.byteOffset % width === 0 && !copied ? raw : raw.slice()) as Uint8Array;
    const n = aligned.byteLength / width;
    out[s.name] =
      s.type === "u8"
        ? aligned
        : s.type === "u32"
          ? new Uint32Array(aligned.buffer, aligned.byteOffset, n)
          : new Int32Array(aligned.buffer, aligned.byteOffset, n);
  }
  return out;
}

/** A file read by range (host.ts `RangeFile`): fills `into` from `position`, false if cut short. */
export interface RangeSource {
  readonly size: number;
  read(position: number, into: Uint8Array): boolean;
}

/** A section of a pack opened by range: where its bytes lie in the file. */
export interface SectionAt {
  type: SectionHead["type"];
  /** From the start of the file. */
  offset: number;
  length: number;
}

/** A pack opened by range: its checksum and where each section lies. */
export interface OpenPack {
  sha256: string;
  sections: Map<string, SectionAt>;
}

/** The longest header line `openPack` reads: a pack's header names its sections, a few kB. */
const MAX_HEADER = 1 << 20;

/**
 * The header of a pack of this kind and version read from `file`, with every section's place in
 * it, or null when the file is not one (or a section lies past its end). Reads the header line
 * alone; the checksum is not computed (see the module header: for a vouched file only).
 */
export function openPack(file: RangeSource, kind: string, version: string): OpenPack | null {
  let line: Uint8Array | null = null;
  for (let want = 4096; !line; want *= 4) {
    const buf = new Uint8Array(Math.min(want, file.size));
    if (!file.read(0, buf)) return null;
    const nl = buf.indexOf(0x0a);
    if (nl >= 0) line = buf.subarray(0, nl);
    else if (buf.length === file.size || want >= MAX_HEADER) return null;
  }
  let header: Header;
  try {
    header = JSON.parse(dec.decode(line)) as Header;
  } catch {
    return null;
  }
  if (header.kind !== kind || header.version !== version || !Array.isArray(header.sections)) return null;
  const body = line.length + 1;
  const sections = new Map<string, SectionAt>();
  for (const s of header.sections) {
    if (!Number.isSafeInteger(s.offset) || !Number.isSafeInteger(s.length) || s.offset < 0 || s.length < 0)
      return null;
    if (body + s.offset + s.length > file.size) return null;
    sections.set(s.name, { type: s.type, offset: body + s.offset, length: s.length });
  }
  return { sha256: header.sha256, sections };
}

/**
 * A typed section of a pack opened by range, read whole (or null when it is not there, not of
 * that type, or cannot be read).
 */
export function readSection(file: RangeSource, at: SectionAt | undefined, type: "u32"): Uint32Array | null {
  if (!at || at.type !== type || at.length % 4) return null;
  const out = new Uint32Array(at.length / 4);
  return file.read(at.offset, new Uint8Array(out.buffer)) ? out : null;
}
