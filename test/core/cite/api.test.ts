/** The public API of core/cite: what the build, the CLI and the browser may import from it. */
import { expect, test } from "vitest";
import * as cite from "../../../core/cite/index.ts";

test("core/cite exports exactly these names", () => {
  expect(Object.keys(cite).sort()).toEqual([
    "GRAMMAR_VERSION",
    "RESOLVER_FORMAT",
    "RESOLVER_INDEX_PATH",
    "Resolver",
    "ResolverFormatError",
    "TitleMatcher",
    "buildIndex",
    "citationsOf",
    "citeEn",
    "citeZh",
    "clean",
    "findCitations",
    "lookupCitation",
    "normaliseTitle",
    "parsePins",
    "partZh",
    "pinpointEn",
    "readResolverDocument",
    "readTyped",
    "readingLine",
    "resolveCharter",
    "resolveDoc",
    "resolverDocumentFiles",
    "resolverDocumentPath",
    "resolverIndexFile",
    "targetText",
  ]);
});
