/** The type-ahead's entries (site/src/lib/suggest.ts; topics from lib/topics.ts), indexed in the browser by core/search/suggest.ts. */
import { registry, siteData } from "../../../scripts/host.ts";
import { suggestFile } from "../../lib/suggest.ts";
import { topicSuggestions } from "../../lib/topics.ts";

export function GET(): Response {
  return new Response(JSON.stringify(suggestFile(siteData(), registry(), topicSuggestions(siteData()))), {
    headers: { "content-type": "application/json" },
  });
}
