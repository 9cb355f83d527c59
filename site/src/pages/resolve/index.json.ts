/** The resolver's list of documents: symbol, slug and languages (addresses are per document). */
import { SCHEMA_VERSION } from "../../../../schemas/common.ts";
import { siteData } from "../../../scripts/host.ts";
import { resolverDocs } from "../../lib/resolver-index.ts";

export function GET(): Response {
  const docs = resolverDocs(siteData()).map(({ symbol, slug, langs }) => ({ symbol, slug, langs }));
  return new Response(JSON.stringify({ schemaVersion: SCHEMA_VERSION, docs }), {
    headers: { "content-type": "application/json" },
  });
}
