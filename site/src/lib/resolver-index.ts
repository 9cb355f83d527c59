/**
 * The small JSON the citation resolver fetches: the documents in the corpus and, per document,
 * every paragraph address. Written at build time by pages/resolve/*.json.ts. Pure.
 */
import type { SiteData } from "./data.ts";
import type { ResolverDoc } from "./resolve.ts";

/** One entry per document symbol, addresses of all its language versions merged. */
export function resolverDocs(data: SiteData): ResolverDoc[] {
  const docs = new Map<string, ResolverDoc>();
  for (const entry of data.byAddress.values()) {
    let d = docs.get(entry.symbol);
    if (!d) {
      const versions = data.bySymbol.get(entry.symbol) ?? {};
      d = {
        symbol: entry.symbol,
        slug: entry.slug,
        langs: (["zh", "en"] as const).filter((l) => versions[l]),
        addresses: [],
      };
      docs.set(entry.symbol, d);
    }
    d.addresses.push(entry.address);
  }
  for (const [symbol, versions] of data.bySymbol) {
    if (!docs.has(symbol)) {
      const any = (versions.en ?? versions.zh)!;
      docs.set(symbol, {
        symbol,
        slug: any.slug,
        langs: (["zh", "en"] as const).filter((l) => versions[l]),
        addresses: [],
      });
    }
  }
  return [...docs.values()].sort((a, b) => a.symbol.localeCompare(b.symbol));
}
