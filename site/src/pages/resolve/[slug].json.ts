/** One document's paragraph addresses, fetched by the resolver once it has read the symbol. */
import { SCHEMA_VERSION } from "../../../../schemas/common.ts";
import { siteData } from "../../../scripts/host.ts";
import type { ResolverDoc } from "../../lib/resolve.ts";
import { resolverDocs } from "../../lib/resolver-index.ts";

export function getStaticPaths() {
  return resolverDocs(siteData()).map((doc) => ({ params: { slug: doc.slug }, props: { doc } }));
}

export function GET({ props }: { props: { doc: ResolverDoc } }): Response {
  return new Response(JSON.stringify({ schemaVersion: SCHEMA_VERSION, ...props.doc }), {
    headers: { "content-type": "application/json" },
  });
}
