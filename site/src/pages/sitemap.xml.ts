/** sitemap.xml: every page of the site, absolute URLs under the configured `site`. */

import {
  compareUrl,
  docBothUrl,
  docUrl,
  mapUrl,
  paraUrl,
  stateUrl,
  topicUrl,
} from "../../../core/address/urls.ts";
import { siteData } from "../../scripts/host.ts";
import { mapPairs } from "../lib/map.ts";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function GET({ site }: { site?: URL }): Response {
  const data = siteData();
  const base = (site ?? new URL("http://localhost:4321")).href.replace(/\/$/, "");
  const paths = [
    "/",
    "/search/",
    "/resolve/",
    "/symbols/",
    "/states/",
    "/map/",
    "/topics/",
    compareUrl(),
    ...(data.topics?.topics ?? []).map((t) => topicUrl(t.id)),
    ...data.documents.map((d) => docUrl(d.slug, d.lang)),
    ...[...data.bySlug.keys()].map(docBothUrl),
    ...[...data.byAddress.values()].map((e) => paraUrl(e.slug, e.address)),
    ...[...data.states.keys()].map(stateUrl),
    ...mapPairs(data).map((p) => mapUrl(p.fromSlug, p.toSlug, p.lang)),
  ];
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${paths
    .map((p) => `<url><loc>${esc(base + p)}</loc></url>`)
    .join("\n")}\n</urlset>\n`;
  return new Response(body, { headers: { "content-type": "application/xml" } });
}
