/**
 * The index memo (incremental.ts) as the sections of a pack (pipeline/pack.ts) and back: every
 * bucket's and chunk's gzip'd bytes in one section, read back as views; the rest as JSON. Pure.
 */
import type { Section } from "../pack.ts";
import type { BucketFile, IndexParts } from "./build.ts";
import type { IndexMemo } from "./incremental.ts";
import type { TermCounts } from "./key-terms.ts";

/** The kind of pack an index memo is, and its layout's version. */
export const INDEX_MEMO = { kind: "acquis index memo", version: "1" } as const;

/** The memo as sections. */
export function indexMemoSections(m: IndexMemo): Record<string, Section> {
  const { parts } = m;
  const files = [...parts.buckets, ...parts.unigramBuckets, ...parts.chunks];
  const sizes = files.map((f) => f?.gz.length ?? -1);
  const blob = new Uint8Array(sizes.reduce((s, n) => s + Math.max(0, n), 0));
  let at = 0;
  for (const f of files)
    if (f) {
      blob.set(f.gz, at);
      at += f.gz.length;
    }
  return {
    meta: {
      json: {
        settings: m.settings,
        keys: m.keys,
        hashes: m.hashes,
        tf: m.tf && [...m.tf].map(([k, v]) => [k, [...v]]),
        df: [...m.df],
        parts: {
          chunkSize: parts.chunkSize,
          rows: parts.rows,
          docs: parts.docs,
          terms: parts.terms,
          postings: parts.postings,
          unigramTerms: parts.unigramTerms,
          unigramPostings: parts.unigramPostings,
          keyTerms: parts.keyTerms ?? null,
        },
        files: {
          buckets: parts.buckets.length,
          unigramBuckets: parts.unigramBuckets.length,
          hashes: files.map((f) => f?.hash ?? ""),
          sizes,
        },
      },
    },
    blob,
  };
}

interface Meta {
  settings: string;
  keys: string[];
  hashes: string[];
  tf: Array<[string, Array<[string, number]>]> | null;
  df: Array<[string, number]>;
  parts: Omit<IndexParts, "buckets" | "unigramBuckets" | "chunks" | "keyTerms"> & {
    keyTerms: Record<string, string[]> | null;
  };
  files: { buckets: number; unigramBuckets: number; hashes: string[]; sizes: number[] };
}

/** The memo back from its sections, or null when they are not one. */
export function indexMemoFromSections(s: Record<string, Section>): IndexMemo | null {
  const meta = (s.meta as { json?: Meta } | undefined)?.json;
  const blob = s.blob;
  if (!meta || !(blob instanceof Uint8Array) || !meta.files || !meta.parts) return null;
  const { hashes, sizes, buckets, unigramBuckets } = meta.files;
  if (hashes.length !== sizes.length) return null;
  let at = 0;
  const files: Array<BucketFile | null> = sizes.map((n, i) => {
    if (n < 0) return null;
    const gz = blob.subarray(at, at + n);
    at += n;
    return { hash: hashes[i]!, gz };
  });
  if (at !== blob.length) return null;
  const tf: TermCounts | null = meta.tf && new Map(meta.tf.map(([k, v]) => [k, new Map(v)]));
  return {
    settings: meta.settings,
    keys: meta.keys,
    hashes: meta.hashes,
    tf,
    df: new Map(meta.df),
    parts: {
      ...meta.parts,
      keyTerms: meta.parts.keyTerms ?? undefined,
      buckets: files.slice(0, buckets),
      unigramBuckets: files.slice(buckets, buckets + unigramBuckets),
      chunks: files.slice(buckets + unigramBuckets) as BucketFile[],
    },
  };
}
