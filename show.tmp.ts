import { parseFile } from "./test/parse/helpers.ts";
const p = parseFile(process.argv[2]!);
for (const h of p.headings) console.log("H", h.depth, h.part.join("|"), h.section ?? "", h.role ?? "", JSON.stringify(h.text), h.page ?? "");
for (const x of p.paragraphs) console.log(x.address.padEnd(14), (x.label||"").padEnd(5), JSON.stringify(x.headings), JSON.stringify(x.text).slice(0, 70), x.items ? JSON.stringify(x.items.map(i=>i.mark+i.n)) : "", x.pages ? `p${x.pages.first}-${x.pages.last}` : "", x.footnotes.map(f=>f.mark).join(""));
for (const d of p.diagnostics) console.log(d.line, d.code, d.message);
