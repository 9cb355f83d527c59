/** The type-ahead's entries (site/src/lib/suggest.ts), indexed in the browser by core/search/suggest.ts. */
import { registry, siteData } from "../../../scripts/host.ts";
import { suggestFile } from "../../lib/suggest.ts";

export function GET(): Response {
  return new Response(JSON.stringify(suggestFile(siteData(), registry())), {
    headers: { "content-type": "application/json" },
  });
}
