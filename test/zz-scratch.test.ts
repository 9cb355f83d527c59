import { test } from "vitest";
import { alignVersions } from "../pipeline/reuse/bitext.ts";
import { tempDir } from "./ingest/helpers.ts";
import { parseSource } from "./parse/helpers.ts";
import { importUdhr } from "./real.ts";
import { cjkToNumber } from "../core/text/numerals.ts";
import type { Paragraph } from "../schemas/index.ts";
function art(h: string) { const en = /^Article (\d+)$/.exec(h); if (en) return Number(en[1]); const zh = /^第(.+)条$/.exec(h); return zh ? cjkToNumber(zh[1]!) : null; }
test("udhr", async () => {
  const ps: Record<string, Paragraph[]> = {};
  for (const { lang, file, text } of await importUdhr(tempDir("x-"))) ps[lang] = parseSource(text, file).paragraphs;
  const zh = ps.zh!, en = ps.en!;
  const key = (p: Paragraph, k: number) => `${art(p.headings.at(-1) ?? "") ?? "pre"}#${k}`;
  const gold = new Set<string>();
  const idx = (list: Paragraph[]) => { const c = new Map<string, number>(); return list.map((p) => { const a = String(art(p.headings.at(-1) ?? "") ?? "pre"); const k = c.get(a) ?? 0; c.set(a, k + 1); return `${a}#${k}`; }); };
  const kz = idx(zh), ke = idx(en);
  for (let i = 0; i < zh.length; i++) for (let j = 0; j < en.length; j++) if (kz[i] === ke[j] && !kz[i]!.startsWith("pre#7")) gold.add(`${i}|${j}`);
  console.log("gold", gold.size);
  const beads = alignVersions(zh, en);
  let right = 0, wrong = 0;
  for (const b of beads) { for (const i of b.zh) for (const j of b.en) { if (gold.has(`${i}|${j}`)) right++; else wrong++; }
    console.log(b.zh.map((i) => zh[i]!.address).join("+"), "<>", b.en.map((j) => en[j]!.address).join("+"), b.confidence.toFixed(3), b.evidence.join(","), b.en.length? en[b.en[0]!]!.text.slice(0,20):"", b.zh.length? zh[b.zh[0]!]!.text.slice(0,10):""); }
  console.log("right", right, "wrong", wrong);
});
