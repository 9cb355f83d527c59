/**
 * Parsing on several threads: the build runner hands the documents that missed the cache to a
 * small pool of worker threads, each running parseDocument, and gets the results back in the
 * order asked. On 2 cores this halves the parse, which is most of a full build.
 *
 * Decisions:
 * - The worker is this same module, started from a tiny bootstrap that registers tsx first, so it
 *   runs the TypeScript sources as they are under `tsx` and vitest alike. Compiled (dist-cli/,
 *   pipeline/compile.ts), this module is bundled into a chunk and the worker is the compiled
 *   entry `parse-worker.mjs` beside it: no tsx, no compiling at the worker's start.
 * - Asked for entries (the build does), a worker hands back each parse as the parse cache's entry
 *   (build/entry.ts: validated, serialised, encoded) by transfer, not the parse's object graph by
 *   structured clone: the main thread reads it as it reads a cache hit and writes its bytes to
 *   the cache as they are. A parse that cannot be made an entry (a paragraph its schema refuses:
 *   a bug) comes back as the parse, for the main thread to fail on as it would without workers.
 * - How a worker is started from the sources or compiled, and a one-reply worker, are workers.ts's,
 *   which the other workers' starters import without this module's parser.
 * - Workers are an optimisation only: if one cannot start or dies, the documents it held are parsed
 *   on the main thread, and the output is the same either way (a test compares the bytes).
 */
import { isMainThread, parentPort, threadId, Worker, workerData } from "node:worker_threads";
import { entryBytes } from "./build/entry.ts";
import { type Parsed, type ParseInput, parseDocument } from "./parse/index.ts";
import { workerUrl } from "./workers.ts";

/**
 * One result: the parse, or its cache entry's bytes (build/entry.ts) when entries were asked for,
 * or the message of what the parser threw; `thread` is the worker's thread id (0: the main
 * thread), for tests that the pool really ran.
 */
export type ParseOutcome = (
  | { ok: true; parsed: Parsed; entry?: undefined }
  | { ok: true; entry: Uint8Array; parsed?: undefined }
  | { ok: false; error: string }
) & {
  thread?: number;
};

/** What a worker is asked: one document, and whether to hand back its entry's bytes. */
interface Request {
  index: number;
  input: ParseInput;
  entries: boolean;
}

const ROLE = "acquis-parse-worker";

/**
 * A parse worker's young generation: twice WORKER_LIMITS' (workers.ts). micromark's events for one document
 * (a token, two points and an event array per construct, four tokenizers deep) live until the
 * document's blocks are read; at 96 MB they outlived the young generation and were copied and
 * promoted, at 144 MB and more they die young. The 335 documents of the 50k bench corpus on one
 * worker (three rounds each): 5.0-6.3 s of CPU at 96 MB, 2.8-3.5 s at 144 MB, 2.6-3.6 s at 192 MB
 * (under a load average of 8-10). 192, for documents larger than the bench's; the parse workers
 * end before the stages start, so the build's peak is not theirs.
 */
export const PARSE_WORKER_LIMITS = { maxYoungGenerationSizeMb: 192 } as const;

/** Parse one document, never throwing. */
export function parseSafely(input: ParseInput): ParseOutcome {
  try {
    return { ok: true, parsed: parseDocument(input) };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

/** What a parse worker runs (workerUrl). */
const bootstrapUrl = (): URL => workerUrl(import.meta.url, "parse-worker.mjs");

/**
 * Parse every input on `threads` worker threads; results in input order. Falls back to the main
 * thread for whatever a worker could not do.
 * @param onDone called once per finished document with its outcome, in completion order: the
 *   caller's own work on a result (reading, caching) then runs while the workers parse on
 * @param options.entries hand back what a worker parsed as its cache entry's bytes (`entry`), not
 *   the parse; what the main thread parses itself comes back as the parse either way
 */
export async function parseInWorkers(
  inputs: readonly ParseInput[],
  threads: number,
  onDone: (index: number, outcome: ParseOutcome) => void = () => {},
  options: { entries?: boolean } = {},
): Promise<ParseOutcome[]> {
  const entries = options.entries ?? false;
  const results: Array<ParseOutcome | undefined> = new Array(inputs.length);
  let next = 0;
  // What onDone throws in a message handler would be an uncaught exception: kept, and thrown
  // from here once the workers are done, as it would have been without workers.
  let failure: { error: unknown } | null = null;
  const settle = (index: number, outcome: ParseOutcome) => {
    if (failure) return;
    try {
      onDone(index, outcome);
    } catch (error) {
      failure = { error };
    }
  };
  const runWorker = () =>
    new Promise<void>((resolve) => {
      let worker: Worker;
      try {
        worker = new Worker(bootstrapUrl(), {
          workerData: { role: ROLE },
          resourceLimits: PARSE_WORKER_LIMITS,
        });
      } catch {
        resolve();
        return;
      }
      let current = -1;
      const feed = () => {
        if (next >= inputs.length) {
          current = -1;
          void worker.terminate();
          return;
        }
        current = next++;
        const request: Request = { index: current, input: inputs[current]!, entries };
        worker.postMessage(request);
      };
      worker.on("message", (msg: { index: number; outcome: ParseOutcome } | "ready") => {
        if (msg === "ready") return feed();
        results[msg.index] = msg.outcome;
        // The worker's next document first, so that it parses while onDone's work runs here.
        feed();
        settle(msg.index, msg.outcome);
      });
      // A worker that fails leaves its document to the main thread; the others carry on.
      worker.on("error", () => {});
      worker.on("exit", () => resolve());
    });
  const n = Math.max(1, Math.min(threads, inputs.length));
  await Promise.all(Array.from({ length: n }, runWorker));
  if (failure) throw (failure as { error: unknown }).error;
  return inputs.map((input, i) => {
    const done = results[i];
    if (done) return done;
    const outcome = parseSafely(input);
    onDone(i, outcome);
    return outcome;
  });
}

// Worker side: answer parse requests until terminated.
if (!isMainThread && (workerData as { role?: string } | null)?.role === ROLE && parentPort) {
  const port = parentPort;
  port.on("message", (msg: Request) => {
    const outcome = parseSafely(msg.input);
    if (msg.entries && outcome.ok && outcome.parsed) {
      let entry: Uint8Array | null = null;
      try {
        entry = entryBytes(msg.input.file, outcome.parsed);
      } catch {
        // Left to the main thread, which fails on it as it would have without workers.
      }
      if (entry) {
        const reply: ParseOutcome = { ok: true, entry, thread: threadId };
        port.postMessage({ index: msg.index, outcome: reply }, [entry.buffer as ArrayBuffer]);
        return;
      }
    }
    port.postMessage({ index: msg.index, outcome: { ...outcome, thread: threadId } });
  });
  port.postMessage("ready");
}
