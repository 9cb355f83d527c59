/**
 * Citations, the part the build and the browser share: the grammar that reads cross-references
 * in Chinese and English, their resolution against the corpus and the registry, the lookup of a
 * typed citation (`acquis cite` and the site's resolver), UN-style citations of a paragraph, and
 * the resolver's files. Extraction over a corpus, cited-by and the quotation check are the
 * build's (pipeline/cite).
 *
 * The grammar runs as eyecite's does: clean.ts (length-preserving folding) -> tokenize.ts
 * (bounded readers) -> find.ts (the rules; pinpoints in pins.ts; registry titles in titles.ts)
 * -> resolve.ts (targets and statuses); query.ts looks up a typed citation; format.ts writes
 * citations; resolver-files.ts ships what resolution reads to the browser. Every form read is in
 * GRAMMAR.md. Pure and browser-safe: no disk, no network, no Node modules.
 */
export { clean } from "./clean.ts";
export { type Found, findCitations } from "./find.ts";
export { type CiteTarget, citationsOf, citeEn, citeZh, partZh, pinpointEn } from "./format.ts";
export { type Pin, parsePins } from "./pins.ts";
export {
  type Lookup,
  type LookupResult,
  lookupCitation,
  type Reading,
  readingLine,
  readTyped,
  targetText,
} from "./query.ts";
export {
  buildIndex,
  type CiteDocument,
  type CiteParagraph,
  type CiteRegistryEntry,
  type CorpusIndex,
  type Resolution,
  resolveCharter,
  resolveDoc,
} from "./resolve.ts";
export {
  RESOLVER_FORMAT,
  RESOLVER_INDEX_PATH,
  Resolver,
  ResolverFormatError,
  readResolverDocument,
  resolverDocumentFiles,
  resolverDocumentPath,
  resolverIndexFile,
} from "./resolver-files.ts";
export { normaliseTitle, TitleMatcher } from "./titles.ts";
export { GRAMMAR_VERSION } from "./version.ts";
