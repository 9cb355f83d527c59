// The acquis site: static Astro, reading dist/data (written by the pipeline) and writing pages to
// dist/ beside it. Decision: Astro must never wipe dist/data, so emptyOutDir is off and the build
// only adds files. ACQUIS_DIST points the build at another dist (tests and the benchmark build the
// site against fixture data under test-results/); ACQUIS_SITE_URL sets the absolute URL the
// sitemap uses.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "astro/config";

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(process.env.ACQUIS_DIST ?? path.join(here, "..", "dist"));
// Pages read the data through site/scripts/host.ts, which looks here.
process.env.ACQUIS_DIST = dist;

export default defineConfig({
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
