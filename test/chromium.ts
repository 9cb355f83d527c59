/**
 * Debian's Chromium as the tests and the benchmark drive it: the executable (CHROMIUM_PATH
 * overrides it) and the flags every launch needs here: headless, no sandbox (CI runs as root),
 * and nothing that reaches for the network, which these machines do not have.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
