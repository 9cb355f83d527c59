/**
 * Starting a worker thread and taking its one reply, for every worker of the build: the parse
 * pool (parse-worker.ts), the cold index and the words of a build after a change
 * (index/worker.ts), the reuse stage's cold part (reuse/worker.ts).
 *
 * Decision: a module of its own, importing nothing of the pipeline, so that a worker's module
 * graph is its own work's: these lived in parse-worker.ts, and every module that started a
 * worker imported the parser with them, which a compiled worker entry then loaded (micromark,
 * the schemas with zod: some 1.2 MB of chunks) before its first step.
 */
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type TransferListItem, Worker } from "node:worker_threads";

/**
 * A larger young generation than V8's default (16 MB semi-spaces on this Node): the parser makes
 * many short-lived objects (micromark's events, mdast nodes), and with the default a worker spent
 * a quarter of its time in scavenges at 200k paragraphs; at 96 MB, 120 documents of the 50k
 * corpus parsed on one worker in 2.0-2.1 s of CPU instead of 2.7-2.8 s. It costs 96 MB a worker.
 */
export const WORKER_LIMITS = { maxYoungGenerationSizeMb: 96 } as const;

/**
 * The URL a worker thread of `module` (its import.meta.url) starts from: compiled, the entry
 * `<compiled>` beside the chunk it was bundled into (pipeline/compile.ts names the entries); from
 * the sources, a bootstrap module that registers tsx's loader in the worker, then loads `module`.
 */
export function workerUrl(module: string, compiled: string): URL {
  if (!module.endsWith(".ts")) return new URL(`./${compiled}`, module);
  const require = createRequire(import.meta.url);
  const tsxDir = path.dirname(require.resolve("tsx/package.json"));
  const api = pathToFileURL(path.join(tsxDir, "dist/esm/api/index.mjs")).href;
  const self = pathToFileURL(fileURLToPath(module)).href;
  const code = `const { register } = await import(${JSON.stringify(api)}); register(); await import(${JSON.stringify(self)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}

/**
 * Run one worker thread of `module` (its import.meta.url; `compiled` as for workerUrl) to its end
 * and give back its one reply, or null where the worker could not start, failed or replied not ok.
 * A worker that fails is no error of the build: each caller computes the same on the main thread.
 */
export function replyOf<R extends { ok: boolean }>(
  module: string,
  compiled: string,
  data: unknown,
  transferList: TransferListItem[] = [],
): Promise<R | null> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(workerUrl(module, compiled), {
        workerData: data,
        transferList,
        resourceLimits: WORKER_LIMITS,
      });
    } catch {
      resolve(null);
      return;
    }
    let reply: R | null = null;
    worker.once("message", (m: R) => {
      reply = m;
    });
    worker.on("error", () => {});
    worker.on("exit", () => resolve(reply?.ok ? reply : null));
  });
}
