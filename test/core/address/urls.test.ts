/**
 * The URLs acquis writes (core/address/urls.ts): the one ODS link, which the citations in
 * dist/data, the site and `acquis cite` share, and the site's page URLs.
 */
import { describe, expect, test } from "vitest";
import { docUrl, mapUrl, odsUrl, paraUrl, paraUrlOfId, stateUrl } from "../../../core/address/urls.ts";

describe("odsUrl", () => {
  test.each([
    // A symbol in the corpus or the registry: undocs.org in the language asked for.
    { symbol: "A/75/816", lang: "zh", url: "https://undocs.org/zh/A/75/816" },
    { symbol: "A/AC.292/2023/2/Rev.1", lang: "en", url: "https://undocs.org/en/A/AC.292/2023/2/Rev.1" },
    // A General Assembly decision is registered as A/DEC/<session>/<n>, which is no UN symbol:
    // undocs.org has nothing there, so there is no link (the citations' url is null).
    { symbol: "A/DEC/77/512", lang: "en", url: null },
    // Not a symbol at all: never a link made of what a record says.
    { symbol: "UN Charter", lang: "en", url: null },
    { symbol: "A/78/265?x=<script>", lang: "en", url: null },
    { symbol: "a/78/265", lang: "en", url: null },
  ])("$symbol ($lang)", ({ symbol, lang, url }) => {
    expect(odsUrl(symbol, lang)).toBe(url);
  });
});

describe("the site's page URLs", () => {
  test.each([
    { got: docUrl("A-78-265", "zh"), want: "/doc/A-78-265/zh/" },
    { got: paraUrl("A-78-265", "annex/23.f.ii"), want: "/p/A-78-265/annex/23.f.ii/" },
    // An id's language is not part of a paragraph page's URL: both versions share the page.
    { got: paraUrlOfId("A-78-265/zh/annex/annex-b/4.c"), want: "/p/A-78-265/annex/annex-b/4.c/" },
    { got: stateUrl("VE"), want: "/states/VE/" },
    { got: mapUrl("A-77-275", "A-78-265", "en"), want: "/map/A-77-275/A-78-265/en/" },
    // Each segment is encoded on its own: a slash in an address stays a path separator.
    { got: paraUrl("A-1-1", "annex/annex a/1"), want: "/p/A-1-1/annex/annex%20a/1/" },
  ])("$want", ({ got, want }) => {
    expect(got).toBe(want);
  });
});
