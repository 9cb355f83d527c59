/**
 * The reuse stage's first part on a thread of its own: what detection reads of the texts alone
 * (detect.ts `shingleCorpus`: the units, the shingle index, the formula windows' counts and marks,
 * the units' weights) needs no citation, so a cold build starts it here right after parsing and
 * the cite stage runs on the main thread meanwhile (build/stages.ts). The reuse stage then starts
 * from it and aligns the candidate pairs.
 *
 * Decisions:
 * - Everything crosses the thread boundary as typed arrays, never as object graphs: the texts go
 *   in as one string with offsets (one copy, not a clone of every paragraph object), and the
 *   results come back by transfer (the ArrayBuffers change hands, nothing is copied). The
 *   per-paragraph arrays are packed into flat ones with offsets on the worker and handed out as
 *   views of them on the main thread, so the main thread allocates no array per paragraph either.
 * - Only cold, and only where the cold index also takes a worker (MIN_PARAGRAPHS, more than one
 *   core): a worker's start (tsx compiling its modules again) costs about a second.
 * - An optimisation only: when the worker cannot start or fails, the caller gets null and
 *   detection computes the same on the main thread. The output is the same bytes either way
 *   (test/reuse/worker.test.ts compares them).
 */
import { isMainThread, parentPort, workerData } from "node:worker_threads";
import type { FormulaRun } from "../../core/wording/formula.ts";
import type { Tokens } from "../../core/wording/tokens.ts";
import type { Lang, Paragraph } from "../../schemas/index.ts";
import { replyOf } from "../workers.ts";
import {
  DEFAULT_OPTIONS,
  type ReuseOptions,
  type Shingled,
  type ShingleSource,
  shingleCorpus,
} from "./detect.ts";

const ROLE = "acquis-reuse-worker";
const LANGS: readonly Lang[] = ["zh", "en"];

/** What the worker is given: every paragraph's text, language and whether it is a paragraph proper. */
interface Request {
  role: typeof ROLE;
  /** The texts of the paragraphs proper (others are empty), joined. */
  texts: string;
  /** Where each paragraph's text starts in `texts` (length n + 1). */
  textOff: Uint32Array;
  /** Index into LANGS of each paragraph's language. */
  lang: Uint8Array;
  /** 1 for a paragraph proper (kind "paragraph"), which alone can take part. */
  proper: Uint8Array;
  options: ReuseOptions;
}

/** Shingled, flat: each per-paragraph array is a range of one array (`off`, `runOff`). */
interface Packed {
  key: string;
  eligible: number;
  formulaDf: number;
  /** 1 where the paragraph takes part (its tokens are not null). */
  taking: Uint8Array;
  /** Each paragraph's units in ids, start, end, mark, frequent and weight (length n + 1). */
  off: Uint32Array;
  ids: Int32Array;
  start: Uint32Array;
  end: Uint32Array;
  mark: Uint8Array;
  frequent: Uint8Array;
  weight: Uint8Array;
  /** Each paragraph's formula runs in `runs`, three numbers a run (start, end, df) (length n + 1). */
  runOff: Uint32Array;
  runs: Uint32Array;
  rest: Pick<Shingled, "k" | "w" | "index" | "windows" | "formulaWindows">;
}

type Reply = { ok: true; packed: Packed } | { ok: false; error: string };

/**
 * Start computing what detection reads of the texts alone (Shingled, with the postings a cold
 * build's memo keeps) on a worker thread. The promise gives it, or null when the worker could not
 * (then detection computes it); it never rejects.
 */
export function startShingling(
  paragraphs: readonly ShingleSource[],
  options: ReuseOptions = DEFAULT_OPTIONS,
): Promise<Shingled | null> {
  const n = paragraphs.length;
  const textOff = new Uint32Array(n + 1);
  const lang = new Uint8Array(n);
  const proper = new Uint8Array(n);
  const parts: string[] = [];
  for (let p = 0; p < n; p++) {
    const para = paragraphs[p]!;
    lang[p] = LANGS.indexOf(para.lang);
    let length = 0;
    if (para.kind === "paragraph") {
      proper[p] = 1;
      parts.push(para.text);
      length = para.text.length;
    }
    textOff[p + 1] = textOff[p]! + length;
  }
  const request: Request = { role: ROLE, texts: parts.join(""), textOff, lang, proper, options };
  // A worker that fails is no error of the build: detection computes the same on the main thread.
  return replyOf<Reply>(import.meta.url, "reuse-worker.mjs", request, [
    textOff.buffer,
    lang.buffer,
    proper.buffer,
  ]).then((reply) => (reply?.ok ? unpack(reply.packed, n) : null));
}

/** Pack a Shingled into flat arrays (the worker's side). */
export function pack(s: Shingled): Packed {
  const n = s.tokens.length;
  const off = new Uint32Array(n + 1);
  const runOff = new Uint32Array(n + 1);
  const taking = new Uint8Array(n);
  for (let p = 0; p < n; p++) {
    const t = s.tokens[p];
    if (t) taking[p] = 1;
    off[p + 1] = off[p]! + (t ? t.ids.length : 0);
    runOff[p + 1] = runOff[p]! + 3 * s.formulaRuns[p]!.length;
  }
  const total = off[n]!;
  const ids = new Int32Array(total);
  const start = new Uint32Array(total);
  const end = new Uint32Array(total);
  const mark = new Uint8Array(total);
  const frequent = new Uint8Array(total);
  const weight = new Uint8Array(total);
  const runs = new Uint32Array(runOff[n]!);
  for (let p = 0; p < n; p++) {
    const t = s.tokens[p];
    if (!t) continue;
    const at = off[p]!;
    ids.set(t.ids, at);
    start.set(t.start, at);
    end.set(t.end, at);
    mark.set(s.formula[p]!, at);
    frequent.set(s.frequent[p]!, at);
    weight.set(s.weight[p]!, at);
    let r = runOff[p]!;
    for (const run of s.formulaRuns[p]!) {
      runs[r++] = run.start;
      runs[r++] = run.end;
      runs[r++] = run.df;
    }
  }
  const { k, w, index, windows, formulaWindows } = s;
  return {
    key: s.key,
    eligible: s.eligible,
    formulaDf: s.formulaDf,
    taking,
    off,
    ids,
    start,
    end,
    mark,
    frequent,
    weight,
    runOff,
    runs,
    rest: { k, w, index, windows, formulaWindows },
  };
}

/** Every ArrayBuffer a packed Shingled holds, each once (a transfer list names a buffer once). */
export function buffersOf(packed: Packed): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  const visit = (v: unknown): void => {
    if (ArrayBuffer.isView(v)) out.add(v.buffer as ArrayBuffer);
    else if (v && typeof v === "object") for (const x of Object.values(v)) visit(x);
  };
  visit(packed);
  return [...out];
}

/** A Shingled from its packed form: per-paragraph views of the flat arrays (the main thread's side). */
export function unpack(packed: Packed, n: number): Shingled | null {
  const { off, taking, runOff, runs } = packed;
  if (off.length !== n + 1) return null;
  const tokens: (Tokens | null)[] = new Array(n).fill(null);
  const formula: (Uint8Array | null)[] = new Array(n).fill(null);
  const frequent: (Uint8Array | null)[] = new Array(n).fill(null);
  const weight: (Uint8Array | null)[] = new Array(n).fill(null);
  const formulaRuns: FormulaRun[][] = new Array(n);
  for (let p = 0; p < n; p++) {
    const list: FormulaRun[] = [];
    for (let r = runOff[p]!; r < runOff[p + 1]!; r += 3)
      list.push({ start: runs[r]!, end: runs[r + 1]!, df: runs[r + 2]! });
    formulaRuns[p] = list;
    if (!taking[p]) continue;
    const a = off[p]!;
    const b = off[p + 1]!;
    tokens[p] = {
      ids: packed.ids.subarray(a, b),
      start: packed.start.subarray(a, b),
      end: packed.end.subarray(a, b),
    };
    formula[p] = packed.mark.subarray(a, b);
    frequent[p] = packed.frequent.subarray(a, b);
    weight[p] = packed.weight.subarray(a, b);
  }
  return {
    key: packed.key,
    tokens,
    eligible: packed.eligible,
    formulaDf: packed.formulaDf,
    formula,
    frequent,
    formulaRuns,
    weight,
    ...packed.rest,
  };
}

/** The paragraphs as the worker reads them, from the request. */
function sourcesOf(request: Request): ShingleSource[] {
  const { texts, textOff, lang, proper } = request;
  return Array.from(lang, (l, p) => ({
    kind: proper[p] ? "paragraph" : ("entry" as Paragraph["kind"]),
    lang: LANGS[l]!,
    text: texts.slice(textOff[p]!, textOff[p + 1]!),
  }));
}

// Worker side: compute, answer once (by transfer), and end.
if (!isMainThread && (workerData as { role?: string } | null)?.role === ROLE && parentPort) {
  const request = workerData as Request;
  let reply: Reply;
  let transfer: ArrayBuffer[] = [];
  try {
    const packed = pack(shingleCorpus(sourcesOf(request), request.options, true));
    transfer = buffersOf(packed);
    reply = { ok: true, packed };
  } catch (e) {
    reply = { ok: false, error: (e as Error).message };
  }
  parentPort.postMessage(reply, transfer);
}
