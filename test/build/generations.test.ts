/**
 * Publishing a generation: `npm run build` builds the data and the site into a new generation and
 * publishes both in one step, so a build killed at any moment, in the data stage or the site
 * stage, leaves the previous generation published whole: every file of dist has the hash it had
 * in one complete build or the other, never a mix. Also: one build at a time per folder, a failed
 * site publishes nothing, the site reads the new generation's data, old generations are pruned.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { publishBuild } from "../../pipeline/build/index.ts";
import { generationsOf, publishedId } from "../../pipeline/generations.ts";
import { lockFileOf } from "../../pipeline/lock.ts";
import { repoRoot } from "../parse/helpers.ts";
import { doc, makeRepo, registry, writeFiles } from "./helpers.ts";

const bin = path.join(repoRoot, "bin/acquis.js");

/** Every file under `dir` (the published link followed) with its SHA-256, sorted by path. */
function hashes(dir: string, prefix = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    const abs = path.join(dir, name);
    if (statSync(abs).isDirectory()) Object.assign(out, hashes(abs, `${prefix}${name}/`));
    else out[`${prefix}${name}`] = createHash("sha256").update(readFileSync(abs)).digest("hex");
  }
  return out;
}

/** A corpus of two documents; `version` changes one paragraph of each, so every page differs. */
function corpus(version: "A" | "B"): Record<string, string> {
  const text = (symbol: string) =>
    `1. The ${version === "A" ? "first" : "revised"} paragraph of ${symbol}.\n\n2. States agreed to cooperate.\n`;
  return {
    "corpus/registry.yaml": registry(["A/1/1", "A/2/2"]),
    "corpus/A-1-1/en.md": doc("A/1/1", "en", text("A/1/1")),
    "corpus/A-2-2/en.md": doc("A/2/2", "en", text("A/2/2")),
  };
}

/** Run `acquis build` (what `npm run build` runs) in its own process group, so a kill takes Astro too. */
function startBuild(root: string, ...args: string[]): ChildProcess & { output: () => string } {
  const child = spawn(process.execPath, [bin, "build", ...args], { cwd: root, detached: true });
  let output = "";
  child.stdout!.on("data", (d) => {
    output += d;
  });
  child.stderr!.on("data", (d) => {
    output += d;
  });
  return Object.assign(child, { output: () => output });
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((r) =>
    child.exitCode !== null ? r(child.exitCode) : child.on("exit", (c) => r(c)),
  );

function killGroup(child: ChildProcess): Promise<number | null> {
  try {
    process.kill(-child.pid!, "SIGKILL");
  } catch {}
  return exited(child);
}

/** Wait until `check` holds (polling), or `ms` pass; returns whether it held. */
async function until(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return check();
}

/** The generations in `root`'s dist.generations now. */
function generationIds(root: string): Set<string> {
  const home = generationsOf(path.join(root, "dist")).home;
  return new Set(existsSync(home) ? readdirSync(home) : []);
}

/** A generation made since `before` has its data written: that build's site stage has begun. */
function siteStageBegun(root: string, before: Set<string>): boolean {
  const home = generationsOf(path.join(root, "dist")).home;
  return [...generationIds(root)].some(
    (id) => !before.has(id) && existsSync(path.join(home, id, "data", "manifest.json")),
  );
}

describe("a build killed at any moment leaves one generation published whole", () => {
  test("at least 22 kills at random points, 11 in the data stage, 11 in the site stage", {
    timeout: 1_200_000,
  }, async () => {
    const root = makeRepo(corpus("A"));
    /** A whole build: its files' hashes, and how long its data stage took (until the site began). */
    const full = async () => {
      const before = generationIds(root);
      const t = performance.now();
      const child = startBuild(root);
      await until(() => siteStageBegun(root, before) || child.exitCode !== null, 120_000);
      const dataMs = performance.now() - t;
      const code = await exited(child);
      expect(code, child.output()).toBe(0);
      return { files: hashes(path.join(root, "dist")), dataMs };
    };
    const first = await full();
    writeFiles(root, corpus("B"));
    const second = await full();
    const snapshots = { A: first.files, B: second.files };
    // Kills in the data stage land anywhere in the time it took here, so that on a quiet machine
    // and on a loaded one alike most of them fall before the data is written.
    const dataMs = Math.max(first.dataMs, second.dataMs);
    // The two generations differ page by page, and the site read its own generation's data.
    expect(snapshots.A["doc/A-1-1/en/index.html"]).not.toBe(snapshots.B["doc/A-1-1/en/index.html"]);
    const page = readFileSync(path.join(root, "dist/doc/A-1-1/en/index.html"), "utf8");
    expect(page).toContain("The revised paragraph of ");
    expect(page).not.toContain("The first paragraph of ");

    let published: "A" | "B" = "B";
    let killedData = 0;
    let killedSite = 0;
    let sawRefusal = false;
    // Runs go on until each stage has had its 11 kills: a build can finish, or reach its site,
    // before a kill meant for earlier lands; such a run still checks dist but counts for neither.
    for (let run = 0; (killedData < 11 || killedSite < 11) && run < 80; run++) {
      // Build the other version, so a kill leaves either what was published or the new one.
      const target = published === "A" ? "B" : "A";
      writeFiles(root, corpus(target));
      const before = generationIds(root);
      const child = startBuild(root, "--no-cache");
      const begun = () => siteStageBegun(root, before);
      if (killedData < 11 && (run % 2 === 0 || killedSite >= 11)) {
        // Data stage: anywhere from the start until its data is written.
        await until(() => begun() || child.exitCode !== null, Math.random() * dataMs);
        if (!begun() && child.exitCode === null) killedData++;
      } else {
        // Site stage: once the new generation's data is written, anywhere in Astro's run.
        expect(await until(begun, 120_000), child.output()).toBe(true);
        if (!sawRefusal) {
          // A second build of the same folder meanwhile is refused, plainly.
          const second = startBuild(root, "--no-site");
          expect(await exited(second)).toBe(1);
          expect(second.output()).toMatch(
            /dist is being built by acquis build \(pid \d+, since .+\): one build at a time per output folder/,
          );
          expect(second.output()).not.toMatch(/\n\s+at /);
          sawRefusal = true;
        }
        await new Promise((r) => setTimeout(r, Math.random() * 6000));
        if (child.exitCode === null) killedSite++;
      }
      await killGroup(child);
      const now = hashes(path.join(root, "dist"));
      const whole =
        JSON.stringify(now) === JSON.stringify(snapshots.A)
          ? "A"
          : JSON.stringify(now) === JSON.stringify(snapshots.B)
            ? "B"
            : null;
      expect(whole, `run ${run}: dist is neither generation whole`).not.toBeNull();
      published = whole!;
    }
    expect(killedData).toBe(11);
    expect(killedSite).toBe(11);
    expect(sawRefusal).toBe(true);

    // The next build takes over the dead builds' lock, removes their generations, publishes.
    const target = published === "A" ? "B" : "A";
    writeFiles(root, corpus(target));
    expect((await full()).files).toEqual(snapshots[target]);
    const g = generationsOf(path.join(root, "dist"));
    expect(readdirSync(g.home).length).toBeLessThanOrEqual(2);
    expect(existsSync(lockFileOf(path.join(root, "dist")))).toBe(false);
    expect(readdirSync(root).filter((n) => n.includes(".link-"))).toEqual([]);
  });
});

/** The processes whose parent is `pid` (Linux: read from /proc). */
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      // "pid (comm) state ppid ...": comm may hold spaces, so read after its closing parenthesis.
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid) out.push(Number(name));
    } catch {
      // Gone meanwhile.
    }
  }
  return out;
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe.runIf(existsSync("/proc"))("a build killed outright (SIGKILL) in its site stage", () => {
  test("its Astro notices and stops within seconds, and the next build publishes", {
    timeout: 600_000,
  }, async () => {
    const root = makeRepo(corpus("A"));
    const before = generationIds(root);
    const child = startBuild(root, "--no-cache");
    expect(await until(() => siteStageBegun(root, before), 120_000), child.output()).toBe(true);
    expect(await until(() => childrenOf(child.pid!).length > 0, 60_000), child.output()).toBe(true);
    const astro = childrenOf(child.pid!);
    // Let Astro get to work (its chunks, its pages), then kill the build alone: no handler runs,
    // and Astro, its child, is left to itself.
    await new Promise((r) => setTimeout(r, 1500));
    process.kill(child.pid!, "SIGKILL");
    await exited(child);
    const gone = await until(() => astro.every((pid) => !running(pid)), 5000);
    for (const pid of astro) if (running(pid)) process.kill(pid, "SIGKILL");
    expect(gone, "Astro outlived its build by more than 5 s").toBe(true);
    // The next build takes over what the killed one left, whole, without an unexpected error.
    writeFiles(root, corpus("B"));
    const next = startBuild(root);
    expect(await exited(next), next.output()).toBe(0);
    expect(next.output()).not.toMatch(/unexpected error|ENOTEMPTY/);
    expect(readFileSync(path.join(root, "dist/doc/A-1-1/en/index.html"), "utf8")).toContain(
      "The revised paragraph of ",
    );
  });
});

describe("publishing", () => {
  const quiet = { cache: "off" as const, threads: 1 };

  test("a site that fails publishes nothing: the previous generation stays, the new one is removed", async () => {
    const root = makeRepo(corpus("A"));
    const first = await publishBuild({ root, site: false, ...quiet });
    expect(first.published).not.toBeNull();
    const before = hashes(path.join(root, "dist"));
    writeFiles(root, corpus("B"));
    const failed = await publishBuild({
      root,
      ...quiet,
      buildSite: async (_dir, { log }) => ({ ok: false, pages: 0, error: "[ERROR] a page failed", log }),
    });
    expect(failed.published).toBeNull();
    expect(failed.refused).toBe("the site build failed: [ERROR] a page failed");
    expect(failed.before).toBe(first.published!.id);
    expect(hashes(path.join(root, "dist"))).toEqual(before);
    expect(readdirSync(generationsOf(path.join(root, "dist")).home)).toEqual([first.published!.id]);
  });

  test("a corpus that cannot be built publishes nothing and builds no site", async () => {
    const root = makeRepo(corpus("A"));
    const first = await publishBuild({ root, site: false, ...quiet });
    let siteRan = false;
    const result = await publishBuild({
      root,
      corpus: "corpsu",
      ...quiet,
      buildSite: async (_dir, { log }) => {
        siteRan = true;
        return { ok: true, pages: 0, error: null, log };
      },
    });
    expect(result.refused).toMatch(/the corpus folder corpsu was not found/);
    expect(siteRan).toBe(false);
    expect(publishedId(generationsOf(path.join(root, "dist")))).toBe(first.published!.id);
  });

  test("the site step gets the new generation, whose data is written, and the corpus's registry", async () => {
    const root = makeRepo(corpus("A"));
    let seen: { dir: string; registry: string; data: boolean } | null = null;
    const result = await publishBuild({
      root,
      ...quiet,
      buildSite: async (dir, { log, registry: reg }) => {
        seen = { dir, registry: reg, data: existsSync(path.join(dir, "data", "manifest.json")) };
        return { ok: true, pages: 0, error: null, log };
      },
    });
    expect(seen).toEqual({
      dir: result.published!.dir,
      registry: path.join(root, "corpus", "registry.yaml"),
      data: true,
    });
    // Published as a relative link, so the repository can move.
    expect(readlinkSync(path.join(root, "dist"))).toBe(path.join("dist.generations", result.published!.id));
  });

  test("a plain dist from before generations is adopted, then replaced in one step; other folders are refused", async () => {
    const root = makeRepo({ ...corpus("A"), "dist/data/manifest.json": "{}\n", "dist/index.html": "old\n" });
    const result = await publishBuild({ root, site: false, ...quiet });
    expect(result.published?.previous).toMatch(/-adopted$/);
    expect(lstatSync(path.join(root, "dist")).isSymbolicLink()).toBe(true);
    const other = makeRepo({ ...corpus("A"), "dist/notes.txt": "mine\n" });
    await expect(publishBuild({ root: other, site: false, ...quiet })).rejects.toThrow(
      /dist holds files that are not a build's output \(notes\.txt\)/,
    );
    expect(readFileSync(path.join(other, "dist/notes.txt"), "utf8")).toBe("mine\n");
  });
});
