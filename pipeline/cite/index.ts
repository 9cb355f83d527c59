/**
 * Citations, the build's part: extraction over a corpus (every paragraph, footnote and source
 * note through the grammar), cited-by, the quotation check, and the stage that writes
 * citations.jsonl, cited-by.json and citations-summary.json. The grammar and resolution they run
 * are core/cite's, the same code the site's resolver and `acquis cite` run.
 * Pure: no disk, no network.
 */
export { type Extracted, type ExtractInput, extractCitations } from "./extract.ts";
export { checkQuote, findQuotes, normaliseForQuote } from "./quote.ts";
export { type CitationSummary, type CitedBy, citedBy, citeStage, summarise } from "./stage.ts";
