/** One document's paragraph places, fetched by the resolver once it has read the citation. */
import type { ResolverDocumentFile } from "../../../../schemas/index.ts";
import { siteData } from "../../../scripts/host.ts";
import { resolverDocuments } from "../../lib/resolver-index.ts";

export function getStaticPaths() {
  return resolverDocuments(siteData()).map((file) => ({ params: { slug: file.slug }, props: { file } }));
}

export function GET({ props }: { props: { file: ResolverDocumentFile } }): Response {
  return new Response(JSON.stringify(props.file), { headers: { "content-type": "application/json" } });
}
