/**
 * Writes `schemas/json/<name>.schema.json` from the zod schemas, so users of `dist/data` can
 * validate what they read without TypeScript. Run by `npm run schemas`; a test checks the
 * committed files are current.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { jsonSchemas } from "./json.ts";

const out = join(dirname(fileURLToPath(import.meta.url)), "json");
mkdirSync(out, { recursive: true });
for (const [name, schema] of Object.entries(jsonSchemas())) {
  writeFileSync(join(out, `${name}.schema.json`), `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`schemas/json/${name}.schema.json`);
}
