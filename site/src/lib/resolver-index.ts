/**
 * The citation resolver's files as the build writes them (pages/resolve/*.json.ts): the layout is
 * core's (core/cite/resolver-files.ts), the data the site's, and each file is checked against its
 * schema (schemas/resolver.ts) before it is written. Pure; runs at build time.
 */
import { resolverDocumentFiles, resolverIndexFile } from "../../../core/cite/resolver-files.ts";
import { type Registry, ResolverDocumentFile, ResolverIndexFile } from "../../../schemas/index.ts";
import type { SiteData } from "./data.ts";

/** `/resolve/index.json`. */
export function resolverIndex(data: Pick<SiteData, "documents">, registry: Registry): ResolverIndexFile {
  return ResolverIndexFile.parse(resolverIndexFile(data.documents, registry));
}

/** `/resolve/<slug>.json`, one per document. */
export function resolverDocuments(data: Pick<SiteData, "documents" | "paragraphs">): ResolverDocumentFile[] {
  return resolverDocumentFiles(data.documents, data.paragraphs).map((f) => ResolverDocumentFile.parse(f));
}
