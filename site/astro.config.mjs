// The acquis site: static Astro, reading <dist>/data (written by the pipeline) and writing pages
// beside it. `npm run build` (acquis build) builds the data and the site into a new generation
// folder and sets ACQUIS_DIST to it, so the pages read that generation's data, never the
// published one; the generation is published whole afterwards (pipeline/generations.ts). Tests
// and the benchmark point ACQUIS_DIST at fixture data under test-results/. ACQUIS_REGISTRY points
// at another registry (the citation resolver's short titles; default corpus/registry.yaml; the
// build sets it to its corpus's). ACQUIS_SITE_URL sets the absolute URL the sitemap uses.
import { lstatSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "astro/config";

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(process.env.ACQUIS_DIST ?? path.join(here, "..", "dist"));
// Pages read the data through site/scripts/host.ts, which looks here.
process.env.ACQUIS_DIST = dist;
// The citation resolver reads the registry's short titles as `acquis cite` does (host.ts).
process.env.ACQUIS_REGISTRY ??= path.join(here, "..", "corpus", "registry.yaml");

// A published dist is a link to a generation: pages written into it in place would stand beside
// data of another build, and a build killed half-way would leave the site half-written. Only
// `npm run build` writes a site there, through a fresh generation.
let published = false;
try {
  published = lstatSync(dist).isSymbolicLink();
} catch {}
if (published) {
  throw new Error(
    `${dist} is a published build: build the site with \`npm run build\`, which builds data and site together and publishes them whole, or set ACQUIS_DIST to a folder of your own holding data/.`,
  );
}

/**
 * Astro may not empty the output folder (its data/ is the pipeline's), so the site's own earlier
 * output is cleared first: everything but data/. A generation is a fresh folder, so this matters
 * only for folders reused by tests and the benchmark; never for a published dist (refused above).
 */
const cleanSiteOutput = {
  name: "acquis-clean-site-output",
  hooks: {
    "astro:build:start": () => {
      let entries = [];
      try {
        entries = readdirSync(dist);
      } catch {
        return;
      }
      for (const name of entries) {
        if (name !== "data") rmSync(path.join(dist, name), { recursive: true, force: true });
      }
    },
  },
};

export default defineConfig({
  integrations: [cleanSiteOutput],
  root: here,
  outDir: dist,
  site: process.env.ACQUIS_SITE_URL ?? "http://localhost:4321",
  trailingSlash: "always",
  build: { format: "directory", inlineStylesheets: "never" },
  devToolbar: { enabled: false },
  prefetch: false,
  vite: {
    // emptyOutDir false: data/ is the pipeline's. assetsInlineLimit 0: every script is a file of
    // our own origin, so the pages' Content-Security-Policy can forbid inline script outright.
    build: { emptyOutDir: false, assetsInlineLimit: 0 },
    cacheDir: path.join(here, ".astro", "vite"),
  },
});
