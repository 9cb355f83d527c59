// The acquis site: static Astro, reading dist/data (written by the pipeline) and writing pages to
// dist/ beside it. Decision: Astro must never wipe dist/data, so emptyOutDir is off and the build
// only adds files. ACQUIS_DIST points the build at another dist (tests and the benchmark build the
// site against fixture data under test-results/); ACQUIS_REGISTRY at another registry (the
// citation resolver's short titles; default corpus/registry.yaml); ACQUIS_SITE_URL sets the
// absolute URL the sitemap uses.
import { readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "astro/config";

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(process.env.ACQUIS_DIST ?? path.join(here, "..", "dist"));
// Pages read the data through site/scripts/host.ts, which looks here.
process.env.ACQUIS_DIST = dist;
// The citation resolver reads the registry's short titles as `acquis cite` does (host.ts).
process.env.ACQUIS_REGISTRY ??= path.join(here, "..", "corpus", "registry.yaml");

/**
 * Since Astro may not empty dist/ (dist/data is the pipeline's), clear the site's own previous
 * output first: everything in dist/ except data/, so stale pages and hashed assets do not pile up.
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
    // emptyOutDir false: dist/data is the pipeline's. assetsInlineLimit 0: every script is a file
    // of our own origin, so the pages' Content-Security-Policy can forbid inline script outright.
    build: { emptyOutDir: false, assetsInlineLimit: 0 },
    cacheDir: path.join(here, ".astro", "vite"),
  },
});
