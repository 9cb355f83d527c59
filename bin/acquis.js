#!/usr/bin/env node
// The `acquis` bin: register tsx so the TypeScript sources run as they are (no build step), then
// hand over to pipeline/cli.ts. `npx acquis <command>` works in a checkout after `npm install`.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../pipeline/cli.ts");
await main(process.argv.slice(2));
