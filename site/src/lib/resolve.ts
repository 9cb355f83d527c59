/**
 * The site's citation resolver: a pasted citation (zh or en) read and resolved by the same code as
 * `acquis cite` (core/cite: the grammar, the registry's short titles, resolution with inferred
 * parts), over the files the build wrote for it (core/cite/resolver-files.ts), then turned into
 * what the page shows: where to go, or lines that say precisely what was found and what was not.
 *
 * Decisions:
 * - The first line says what of the citation was read and what was not, as `acquis cite` prints
 *   it ("read: A/78/265; not read: at 5").
 * - The page goes straight to the target only when the citation named exactly one, everything in
 *   it was read, and its part was written: a paragraph's page, or a whole part or document opened
 *   at its place on the document page. A part the citation left out is said ("Part inferred: …",
 *   as the CLI says it) and the paragraph offered as a link; anything unread keeps the page where
 *   it is with the words not read shown, so neither an inference nor a skipped word is silent.
 * Pure: the page script (site/src/scripts/resolve.ts) fetches and draws; tests feed the files
 * from memory.
 */
import { anchorOf } from "../../../core/address/address.ts";
import { docBothUrl, docUrl, paraUrl, paraUrlOfId } from "../../../core/address/urls.ts";
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
    const href = wholeHref(r);
    return [
      { text: where, href },
      // What a page holds, or why page words were not read.
      ...(r.message ? [{ text: r.message }] : []),
      ...(r.nearby.length
        ? [{ text: `Holds: ${r.nearby.join(", ")}${r.nearby.length === 8 ? ", …" : ""}` }]
        : []),
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
  return lines;
}

/**
 * Where a whole document ("A-78-265/zh") or part ("A-78-265/zh/annex/annex-b") is read: the
 * document's page, at the part's first paragraph.
 */
function wholeHref(r: LookupResult): string {
  const [slug = "", lang = "en", ...part] = (r.resolved ?? "").split("/");
  const first = r.nearby[0];
  return part.length
    ? `${docUrl(slug, lang as "zh" | "en")}${first ? `#${anchorOf(first)}` : ""}`
    : docBothUrl(slug);
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
  const go = !clean
    ? null
    : only.paragraph
      ? paraUrl(slugOf(only.paragraph.id), only.paragraph.address)
      : only.resolved
        ? wholeHref(only)
        : null;
  return { go, lines: [reading, ...lookup.results.flatMap(resultLines)] };
}
