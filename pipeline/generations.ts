/**
 * Generations: how a build publishes its data and its site together. The published folder
 * (`dist`) is a symbolic link to one generation, `dist.generations/<id>/`, which holds `data/`
 * and the site's pages side by side. A build makes a new generation beside the others, writes
 * everything into it, and publishes it by replacing the link with rename(2), which is atomic on
 * Linux: a reader (the server, `acquis search`) sees the old generation whole or the new one
 * whole, and a build killed at any moment leaves the previous generation published.
 *
 * Decisions:
 * - A link, not a directory swap: replacing a directory takes two renames (old out, new in), and
 *   between them there is no `dist`; replacing a link is one. The server resolves `dist/...` on
 *   each request, so it follows the link to whatever is published.
 * - The previous generation is kept until the next build, so a request that resolved the old link
 *   a moment before the swap still finds its files; older ones and those of killed builds are
 *   removed by the next build, under the output's lock (lock.ts).
 * - A `dist` that is a plain folder from before generations (it holds `data/manifest.json`) is
 *   adopted as a generation first; a `dist` holding anything else is refused, never replaced.
 */
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readlinkSync,
  renameSync,
  rmSync,
  symlinkSync,
} from "node:fs";
import path from "node:path";

/** The generations of one published folder. */
export interface Generations {
  /** The published folder (a link), absolute. */
  dist: string;
  /** The folder holding every generation, absolute (`<dist>.generations`). */
  home: string;
  /**
   * One line for each leftover this build could not remove yet (a killed build's generation that
   * a process still writes into): left for a later build, and said, never an error.
   */
  notes: string[];
}

/** A generation being built or published. */
export interface Generation {
  id: string;
  /** Absolute path of its folder. */
  dir: string;
}

/** The generations folder of a published folder: a sibling, `dist.generations`. */
export function generationsOf(dist: string): Generations {
  const abs = path.resolve(dist);
  return { dist: abs, home: `${abs}.generations`, notes: [] };
}

/** Ids sort by the time they were made: "20250101T120000-123Z-4242". */
function newId(): string {
  return `${new Date().toISOString().replace(/[-:]/g, "").replace(".", "-")}-${process.pid}`;
}

function isLink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

function exists(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

/** The id of the published generation, or null when `dist` is not a link into `home`. */
export function publishedId(g: Generations): string | null {
  if (!isLink(g.dist)) return null;
  const target = path.resolve(path.dirname(g.dist), readlinkSync(g.dist));
  return path.dirname(target) === g.home ? path.basename(target) : null;
}

/** Generation ids in `home`, oldest first. */
function ids(g: Generations): string[] {
  if (!existsSync(g.home)) return [];
  return readdirSync(g.home, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith("."))
    .map((e) => e.name)
    .sort();
}

/** A generation is whole when its data was written (the manifest is the data's last file). */
function whole(g: Generations, id: string): boolean {
  return existsSync(path.join(g.home, id, "data", "manifest.json"));
}

/** Point `dist` at generation `id` in one rename. */
function link(g: Generations, id: string): void {
  mkdirSync(path.dirname(g.dist), { recursive: true });
  const tmp = path.join(path.dirname(g.dist), `.${path.basename(g.dist)}.link-${process.pid}`);
  rmSync(tmp, { force: true });
  symlinkSync(path.relative(path.dirname(g.dist), path.join(g.home, id)), tmp);
  renameSync(tmp, g.dist);
}

/**
 * Why `dist` cannot be managed as generations, or null. Call before taking anything apart.
 */
export function unsafeDist(g: Generations): string | null {
  if (!exists(g.dist) || isLink(g.dist)) {
    if (isLink(g.dist) && publishedId(g) === null && existsSync(g.dist))
      return `${g.dist} is a link to a folder outside ${g.home}; a build replaces that link`;
    return null;
  }
  if (!lstatSync(g.dist).isDirectory()) return `${g.dist} is a file, not a folder`;
  if (existsSync(path.join(g.dist, "data", "manifest.json"))) return null;
  const entries = readdirSync(g.dist);
  if (entries.length === 0) return null;
  return `${g.dist} holds files that are not a build's output (${entries.slice(0, 3).join(", ")}); a build replaces it whole: move them elsewhere`;
}

/**
 * Bring the folder to a known state before a build (under the lock): adopt a plain `dist` from
 * before generations, re-link `dist` if a build was killed while adopting one, and remove every
 * generation but the published one and the one before it, and the links killed builds left.
 * @returns the published generation's id, or null when nothing is published yet
 */
export function prepare(g: Generations): string | null {
  mkdirSync(g.home, { recursive: true });
  if (exists(g.dist) && !isLink(g.dist)) {
    // A plain folder: adopt it whole if it is a build's output, else let an empty one go.
    if (existsSync(path.join(g.dist, "data", "manifest.json"))) {
      const id = `${newId()}-adopted`;
      renameSync(g.dist, path.join(g.home, id));
      link(g, id);
    } else rmSync(g.dist, { recursive: true });
  }
  if (!exists(g.dist) || (isLink(g.dist) && !existsSync(g.dist))) {
    // Killed between adopting a folder and linking it, or the link's target is gone: publish
    // the newest whole generation again.
    const last = ids(g)
      .filter((id) => whole(g, id))
      .at(-1);
    if (last) link(g, last);
    else rmSync(g.dist, { force: true });
  }
  const current = publishedId(g);
  prune(
    g,
    current,
    current === null
      ? null
      : (ids(g)
          .filter((id) => id < current)
          .at(-1) ?? null),
  );
  for (const name of readdirSync(path.dirname(g.dist))) {
    if (name.startsWith(`.${path.basename(g.dist)}.link-`))
      rmSync(path.join(path.dirname(g.dist), name), { force: true });
  }
  return current;
}

/** Remove every generation but `keep`. */
function prune(g: Generations, ...keep: Array<string | null>): void {
  for (const id of ids(g)) {
    if (!keep.includes(id)) removeLeftover(g, id);
  }
}

/**
 * Remove one generation that is not kept. A killed build's Astro may still be writing into its
 * generation for a moment (it stops once it notices its build is gone: site-build.ts), and a
 * folder being written cannot be removed whole (ENOTEMPTY): it is left for a later build, with a
 * note, since nothing reads it and the build itself is not at fault.
 */
function removeLeftover(g: Generations, id: string): void {
  try {
    rmSync(path.join(g.home, id), { recursive: true, force: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "an error";
    g.notes.push(
      `${path.basename(g.home)}/${id} is left for a later build: it could not be removed yet (${code}), a process may still be writing it.`,
    );
  }
}

/** Make the folder of a new generation. */
export function create(g: Generations): Generation {
  const id = newId();
  const dir = path.join(g.home, id);
  mkdirSync(dir, { recursive: true });
  return { id, dir };
}

/** Remove a generation that will not be published. */
export function discard(gen: Generation): void {
  rmSync(gen.dir, { recursive: true, force: true });
}

/**
 * Publish `gen`: replace the link in one rename, then remove every generation but the new one
 * and the one it replaced.
 * @returns the id of the generation it replaced, or null
 */
export function publish(g: Generations, gen: Generation): string | null {
  const previous = publishedId(g);
  link(g, gen.id);
  prune(g, gen.id, previous);
  return previous;
}

/**
 * The published folder that `dir` lies inside (a link to a generation, or a generation's own
 * folder), or null. Data written there in place would no longer match the site beside it.
 */
export function insidePublished(dir: string): string | null {
  let at = path.resolve(dir);
  for (;;) {
    if (path.basename(path.dirname(at)).endsWith(".generations")) return path.dirname(at);
    if (isLink(at)) {
      const g = generationsOf(at);
      if (publishedId(g) !== null) return at;
    }
    const up = path.dirname(at);
    if (up === at) return null;
    at = up;
  }
}
