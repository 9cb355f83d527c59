/**
 * The site step of a build: run `astro build` on site/ into a generation folder whose data/ the
 * build has just written (ACQUIS_DIST points the pages at it), as a child process.
 *
 * Decisions:
 * - Astro runs in a working folder of its own, site/.astro/build-<pid>/: it keeps its intermediate
 *   chunks in `<cwd>/.astro/` when the output folder is outside its working directory, and those
 *   chunks import packages, so they must sit under the repository's node_modules. One folder per
 *   build: with a shared one, two builds at once deleted each other's chunks. The folder is
 *   removed after the build, and a killed build's by the next one.
 * - Astro's output is kept whole in a log file; a person reads only its error lines, without
 *   stack frames (no stack trace reaches a user), and where the log is.
 * - Ctrl+C or a SIGTERM to the build stops Astro too, instead of leaving it writing. A build killed
 *   outright (SIGKILL, no handler runs) cannot stop it, so Astro watches its build: it runs with an
 *   IPC channel to the build, and a preloaded watchdog exits when that channel closes, which the
 *   kernel does when the build dies however it dies (a parent-pid poll would miss a build left a
 *   zombie). The channel is unref'd, so it never keeps a finished Astro alive.
 * - A killed build's working folder is removed by the next build when it can be: one an orphaned
 *   Astro is still writing (ENOTEMPTY) is left for a later build, with a one-line note.
 */
import { spawn } from "node:child_process";
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The site's Astro project (site/ beside pipeline/). */
export const SITE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "site");

/** Astro's working folders, one per build: site/.astro/build-<pid>. */
const WORK = path.join(SITE_ROOT, ".astro");

/** Whether a process with this id is running. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * What Astro's process loads first (`node --import`): exit when the build that started it is gone,
 * its IPC channel closed (see the module header). Exit code 129, as for a hang-up.
 */
export const WATCHDOG = `data:text/javascript,${encodeURIComponent(
  'process.on("disconnect", () => process.exit(129)); process.channel?.unref();',
)}`;

/**
 * A fresh working folder for this build's Astro; those of builds no longer running are removed,
 * or, when one cannot be yet, named in `notes`.
 */
function workFolder(notes: string[]): string {
  mkdirSync(WORK, { recursive: true });
  for (const name of readdirSync(WORK)) {
    const pid = Number(/^build-(\d+)$/.exec(name)?.[1]);
    if (!pid || pid === process.pid || alive(pid)) continue;
    try {
      rmSync(path.join(WORK, name), { recursive: true, force: true });
    } catch (e) {
      notes.push(
        `site/.astro/${name}, left by a killed build, is left for a later build: it could not be removed yet (${(e as NodeJS.ErrnoException).code ?? "an error"}), its Astro may still be writing it.`,
      );
    }
  }
  const dir = path.join(WORK, `build-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  return dir;
}

/** What the site step did. */
export interface SiteOutcome {
  ok: boolean;
  /** Pages Astro reported writing. */
  pages: number;
  /** Astro's error, for people: its error lines without stack frames; null when ok. */
  error: string | null;
  /** Where Astro's whole output was written. */
  log: string;
  /** One line for each leftover of a killed build that could not be removed yet. */
  notes?: string[];
}

/** Astro's lines that matter to a person when it fails: no stack frames, no blank lines. */
export function astroError(output: string): string {
  const lines = output
    .split("\n")
    // biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes from Astro
    .map((l) => l.replace(/\x1b\[[0-9;]*m/g, "").trimEnd())
    .filter((l) => l.trim() && !/^\s+at\s/.test(l) && !/^\s*Stack trace:?$/i.test(l));
  const from = lines.findIndex((l) => /error/i.test(l));
  return (from < 0 ? lines.slice(-8) : lines.slice(from, from + 8)).join("\n");
}

/** What the site step is given besides the generation's folder. */
export interface SiteStepOptions {
  /** File to write Astro's output to. */
  log: string;
  /** The registry the build read (the citation resolver's short titles). */
  registry: string;
  /** Called as Astro reports each page written, with the count so far. */
  onPage?: (pages: number) => void;
}

/** Build the site into `dir` (which holds data/). */
export function buildSite(
  dir: string,
  { log, registry, onPage = () => {} }: SiteStepOptions,
): Promise<SiteOutcome> {
  const astro = path.join(
    path.dirname(createRequire(import.meta.url).resolve("astro/package.json")),
    "astro.js",
  );
  return new Promise((resolve) => {
    const notes: string[] = [];
    const work = workFolder(notes);
    const child = spawn(process.execPath, ["--import", WATCHDOG, astro, "build", "--root", SITE_ROOT], {
      cwd: work,
      env: {
        ...process.env,
        ACQUIS_DIST: dir,
        ACQUIS_REGISTRY: registry,
        ASTRO_TELEMETRY_DISABLED: "1",
        NO_COLOR: "1",
      },
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    let output = "";
    let pages = 0;
    let pending = "";
    const read = (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      output += text;
      pending += text;
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) {
        // Astro lists every page it writes as "  ├─ /doc/A-78-265/zh/index.html (+3ms)".
        // biome-ignore lint/suspicious/noControlCharactersInRegex: Astro colours its output
        if (/[├└]─ \S/.test(line.replace(/\x1b\[[0-9;]*m/g, ""))) onPage(++pages);
      }
    };
    child.stdout!.on("data", read);
    child.stderr!.on("data", read);
    const stop = (signal: NodeJS.Signals) => {
      child.kill(signal);
      process.exit(signal === "SIGINT" ? 130 : 143);
    };
    const onInt = () => stop("SIGINT");
    const onTerm = () => stop("SIGTERM");
    process.once("SIGINT", onInt);
    process.once("SIGTERM", onTerm);
    let done = false;
    const finish = (code: number | null, spawnError?: Error) => {
      if (done) return;
      done = true;
      process.off("SIGINT", onInt);
      process.off("SIGTERM", onTerm);
      rmSync(work, { recursive: true, force: true });
      mkdirSync(path.dirname(log), { recursive: true });
      writeFileSync(log, output);
      const ok = code === 0 && !spawnError;
      resolve({
        ok,
        pages,
        error: ok ? null : spawnError ? `Astro could not start: ${spawnError.message}` : astroError(output),
        log,
        ...(notes.length ? { notes } : {}),
      });
    };
    child.on("error", (e) => finish(null, e));
    child.on("close", (code) => finish(code));
  });
}
