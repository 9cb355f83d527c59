import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // nodejieba and the seed build are shared work: forks keep native addons in their own process.
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
