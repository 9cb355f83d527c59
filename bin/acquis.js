#!/usr/bin/env node
// The `acquis` bin. It runs the compiled CLI in dist-cli/ (written by `npm run build`, see
// pipeline/compile.ts), which starts in about the time node itself takes. Before the first build,
// or when a source is no longer what the compiled CLI was made from (an edit, a checkout), it
// runs the TypeScript sources through tsx instead, saying so in one line on stderr: never a stale
// build, never a silent slow start. Without either, it says what to run.
// Size and mtime are the cheap first look; a file whose size or mtime differs (a `touch`, a
// checkout restoring the same bytes) is hashed and compared with the hash recorded at compile
// time, so only a change of content costs the slow start, and only a differing file is hashed.
import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

/** Why the compiled CLI cannot be run (a sentence), or null when it can. */
function notCompiled() {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(`${root}dist-cli/stamp.json`, "utf8"));
  } catch {
    return "the CLI is not compiled yet";
  }
  for (const input of stamp.inputs) {
    let st;
    try {
      st = statSync(`${root}${input.path}`);
    } catch {
      return `${input.path} is gone since the CLI was compiled`;
    }
    if (st.size === input.size && st.mtimeMs === input.mtimeMs) continue;
    // A stamp from before hashes were recorded has none: a differing time then counts as a change.
    if (st.size !== input.size || typeof input.sha256 !== "string")
      return `${input.path} changed since the CLI was compiled`;
    let digest;
    try {
      digest = createHash("sha256")
        .update(readFileSync(`${root}${input.path}`))
        .digest("hex");
    } catch {
      return `${input.path} is unreadable since the CLI was compiled`;
    }
    if (digest !== input.sha256) return `${input.path} changed since the CLI was compiled`;
  }
  return null;
}

const why = notCompiled();
let main;
if (why === null) {
  ({ main } = await import("../dist-cli/cli.mjs"));
} else {
  let register;
  try {
    ({ register } = await import("tsx/esm/api"));
  } catch {
    process.stderr.write(
      `acquis: ${why}, and tsx is not installed to run the sources. Run \`npm install && npm run build\`.\n`,
    );
    process.exit(1);
  }
  process.stderr.write(
    `acquis: ${why}; running the sources with tsx (slower start). \`npm run build:cli\` compiles it.\n`,
  );
  register();
  ({ main } = await import("../pipeline/cli.ts"));
}
await main(process.argv.slice(2));
