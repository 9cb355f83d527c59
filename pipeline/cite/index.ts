/**
 * Citations (issue 3): the grammar that reads cross-references in Chinese and English, their
 * resolution against the corpus and the registry, cited-by, the quotation check, and the stage.
 *
 * The grammar runs as eyecite's does: clean.ts (length-preserving folding) -> tokenize.ts
 * (bounded readers) -> find.ts (the rules; pinpoints in pins.ts) -> resolve.ts (targets and
 * statuses); extract.ts applies it to a corpus, stage.ts writes the files, query.ts serves
 * `acquis cite`.
 * Pure: no disk, no network.
 */
export { clean } from "./clean.ts";
export { type Extracted, type ExtractInput, extractCitations } from "./extract.ts";
export { type Found, findCitations } from "./find.ts";
export { type Pin, parsePins } from "./pins.ts";
export { type Lookup, lookupCitation } from "./query.ts";
export { checkQuote, findQuotes, normaliseForQuote } from "./quote.ts";
export { buildIndex, type CorpusIndex, resolveDoc } from "./resolve.ts";
export { type CitationSummary, type CitedBy, citedBy, citeStage, summarise } from "./stage.ts";
export { normaliseTitle, TitleMatcher } from "./titles.ts";
