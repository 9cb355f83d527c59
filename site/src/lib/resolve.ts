import { CHARTER_URL, paraUrl, paraUrlOfId } from "../../../core/address/urls.ts";
import { citationsOf } from "../../../core/cite/format.ts";
import { type Lookup, type LookupResult, readingLine, targetText } from "../../../core/cite/query.ts";
import { RESOLVER_INDEX_PATH, Resolver, resolverDocumentPath } from "../../../core/cite/resolver-files.ts";
import type { ResolverDocumentFile, ResolverIndexFile } from "../../../schemas/index.ts";

/** Where the resolver's files come from: `get("/resolve/index.json")` gives the parsed JSON. */
export interface ResolverSource {
  get(path: string): Promise<unknown>;
}

/** Look up a pasted citation over the site's resolver files, exactly as `acquis cite --json` does. */
export async function lookupPasted(query: string, source: ResolverSource): Promise<Lookup> {
  const resolver = new Resolver((await source.get(RESOLVER_INDEX_PATH)) as ResolverIndexFile);
  return resolver.lookup(
    query,
    async (slug) => (await source.get(resolverDocumentPath(slug))) as ResolverDocumentFile,
  );
}

/** A line of the answer; with `href`, a link. */
export interface AnswerLine {
  text: string;
  href?: string;
}

/** What the page does with a lookup: go to one paragraph, or show lines. */
export interface Answer {
  go: string | null;
  lines: AnswerLine[];
}

const slugOf = (id: string) => id.slice(0, id.indexOf("/"));

/** The lines of one target, in the order `acquis cite` prints them. */
function resultLines(r: LookupResult): AnswerLine[] {
  const t = r.target;
  const where = targetText(t);
  const inferred = "part" in t && t.partInferred;
  if (r.status === "resolved" && r.paragraph) {
    const p = r.paragraph;
    const c = citationsOf(p);
    const href = paraUrl(slugOf(p.id), p.address);
    return [
      ...(inferred ? [{ text: `Part inferred: ${where}` }] : []),
      { text: p.lang === "zh" ? c.zh : c.en, href },
      { text: p.lang === "zh" ? c.en : c.zh },
    ];
  }
  if (r.status === "resolved" && r.resolved) {
    return [
      ...(r.site ? [{ text: where, href: r.site }] : [{ text: where }]),
      // What a page holds, or why page words were not read.
      ...(r.message ? [{ text: r.message }] : []),
      // What it holds as people cite it ("annex, paras. 1-60"), as `acquis cite` says it.
      ...(r.holds ? [{ text: `Holds ${r.holds.en}` }] : []),
    ];
  }
  const lines: AnswerLine[] = [{ text: `Not found: ${where}` }, { text: r.message ?? r.status }];
  if (r.nearby.length) lines.push({ text: `Nearby: ${r.nearby.join(", ")}` });
  if (r.candidates.length) {
    lines.push({ text: "Candidates:" });
    for (const id of r.candidates) {
      // A candidate is a paragraph id, or a symbol when the citation named several documents.
      lines.push(/^[^/]+\/(zh|en)\//.test(id) ? { text: id, href: paraUrlOfId(id) } : { text: id });
    }
  }
  if (r.url) lines.push({ text: "Open it on the UN Official Document System", href: r.url });
  // The Charter is no corpus document and has no ODS symbol: its text on un.org, as the site's
  // citation links give it (lib/links.ts).
  if (r.status === "external") lines.push({ text: "Read the Charter on un.org", href: CHARTER_URL });
  return lines;
}

/** What the page shows for a lookup. */
export function answerOf(lookup: Lookup): Answer {
  const reading = { text: readingLine(lookup) };
  if (lookup.kind === "unparsed") return { go: null, lines: [reading, { text: lookup.message }] };
  const [only] = lookup.results;
  const clean =
    lookup.results.length === 1 &&
    lookup.unread.length === 0 &&
    only?.status === "resolved" &&
    !("part" in only.target && only.target.partInferred);
  // The lookup's own site address (core/address/urls.ts resolvedUrl, as `acquis cite` prints it):
  // a paragraph's page; a whole part or section at its heading on the document page.
  const go = clean ? only.site : null;
  return { go, lines: [reading, ...lookup.results.flatMap(resultLines)] };
}
