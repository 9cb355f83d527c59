/**
 * The citation resolver page in the browser: read ?c= from the URL, parse it (lib/resolve.ts),
 * fetch the cited document's addresses, then go to the paragraph, or say precisely what is not
 * there. Drawn with textContent only.
 */

import { docBothUrl, docUrl, odsUrl, paraUrl } from "../../../core/address/urls.ts";
import { parseCitation, type ResolverDoc, resolveCitation } from "../lib/resolve.ts";

function line(text: string, href?: string): HTMLElement {
  const p = document.createElement("p");
  if (href) {
    const a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    p.append(a);
  } else p.textContent = text;
  return p;
}

/** Wire the resolver page. */
export async function runResolvePage(): Promise<void> {
  const raw = new URLSearchParams(location.search).get("c") ?? "";
  const input = document.getElementById("c") as HTMLInputElement;
  const out = document.getElementById("resolve-result")!;
  input.value = raw;
  if (!raw.trim()) return;
  const parsed = parseCitation(raw);
  const docs = new Map<string, ResolverDoc>();
  try {
    if (parsed) {
      const index = (await (await fetch("/resolve/index.json")).json()) as {
        docs: Array<Pick<ResolverDoc, "symbol" | "slug" | "langs">>;
      };
      const hit = index.docs.find((d) => d.symbol === parsed.symbol);
      if (hit) {
        const full = (await (
          await fetch(`/resolve/${encodeURIComponent(hit.slug)}.json`)
        ).json()) as ResolverDoc;
        docs.set(full.symbol, full);
      }
    }
  } catch (e) {
    out.replaceChildren(line(`The resolver index could not be loaded: ${(e as Error).message}`));
    return;
  }
  const r = resolveCitation(parsed, docs);
  switch (r.status) {
    case "found": {
      const target = paraUrl(r.slug, r.address);
      out.replaceChildren(line(r.inferred ? "Found (part inferred); opening…" : "Found; opening…", target));
      location.replace(target);
      return;
    }
    case "document":
      out.replaceChildren(
        line(`${r.symbol} is in the corpus; the citation names no paragraph.`),
        ...r.langs.map((l) => line(l === "zh" ? "中文" : "English", docUrl(r.slug, l))),
        ...(r.langs.length > 1 ? [line("Side by side", docBothUrl(r.slug))] : []),
      );
      return;
    case "ambiguous":
      out.replaceChildren(
        line(`${r.symbol}: several paragraphs match; choose one.`),
        ...r.addresses.map((a) => line(`${r.symbol} · ${a}`, paraUrl(r.slug, a))),
      );
      return;
    case "not-found":
      out.replaceChildren(line(`Not found: ${r.message}`), line(`Open ${r.symbol}`, docBothUrl(r.slug)));
      return;
    case "not-in-corpus": {
      const ods = odsUrl(r.symbol, /[\u4e00-\u9fff]/.test(raw) ? "zh" : "en");
      out.replaceChildren(
        line(`Not found: ${r.symbol} is not in the corpus.`),
        ...(ods ? [line(`Open ${r.symbol} on the UN Official Document System`, ods)] : []),
      );
      return;
    }
    case "unreadable":
      out.replaceChildren(line(r.message));
  }
}
