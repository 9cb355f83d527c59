/** robots.txt: everything may be read; the sitemap says where. */
export function GET({ site }: { site?: URL }): Response {
  const base = (site ?? new URL("http://localhost:4321")).href.replace(/\/$/, "");
  return new Response(`User-agent: *\nAllow: /\nSitemap: ${base}/sitemap.xml\n`, {
    headers: { "content-type": "text/plain" },
  });
}
