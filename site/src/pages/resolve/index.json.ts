/** The resolver's index: the registry's short titles and known structure, and the documents held. */
import { registry, siteData } from "../../../scripts/host.ts";
import { resolverIndex } from "../../lib/resolver-index.ts";

export function GET(): Response {
  return new Response(JSON.stringify(resolverIndex(siteData(), registry())), {
    headers: { "content-type": "application/json" },
  });
}
