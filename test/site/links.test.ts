/**
 * Where a citation's link goes on the site (site/src/lib/links.ts): a whole part or section opens
 * the document page at its heading, as the resolver and `acquis cite` open it, not at its first
 * paragraph.
 */
import { expect, test } from "vitest";
import { SCHEMA_VERSION } from "../../schemas/common.ts";
import type { Citation } from "../../schemas/index.ts";
import { loadSiteData } from "../../site/src/lib/data.ts";
import { citeHref } from "../../site/src/lib/links.ts";
import { makeFixture } from "./fixture.ts";

const f = makeFixture();
const jsonl = (rows: unknown[]) => rows.map((r) => `${JSON.stringify(r)}\n`).join("");
const data = loadSiteData({
  documents: JSON.stringify({ schemaVersion: SCHEMA_VERSION, documents: f.documents }),
  paragraphs: jsonl(f.paragraphs),
  workingPapers: JSON.stringify({ schemaVersion: SCHEMA_VERSION, papers: f.workingPapers }),
  citations: jsonl(f.citations),
  reuse: jsonl(f.reuse),
});

/** A citation resolved to `resolved`, the rest as any resolved citation of A/78/265 has it. */
const to = (resolved: string, doc = "A/78/265"): Citation => ({
  ...f.citations.find((c) => c.via === "heading")!,
  target: { doc, part: [], scope: null, num: [], partInferred: false, section: null, page: null },
  resolved,
});

/** The anchor of a heading as the fixture's record holds it (not written here). */
const headingAnchor = (slug: string, lang: string, text: string) =>
  f.documents.find((d) => d.slug === slug && d.lang === lang)!.headings.find((h) => h.text === text)!.anchor;

test.each([
  // The annex's title heading, not its first paragraph (annex 23's anchor).
  { resolved: "A-78-265/en/annex", doc: "A/78/265", slug: "A-78-265", heading: "Annex" },
  { resolved: "A-78-265/zh/annex", doc: "A/78/265", slug: "A-78-265", heading: "附件" },
  // A State's section of a compendium: its heading (the section's anchor).
  { resolved: "A-99-136/en/annex/state-nz", doc: "A/99/136", slug: "A-99-136", heading: "New Zealand" },
])(
  "a citation of the part $resolved opens the document page at its heading",
  ({ resolved, doc, slug, heading }) => {
    const lang = resolved.split("/")[1]!;
    expect(citeHref(data, to(resolved, doc), "en")).toBe(
      `/doc/${slug}/${lang}/#${encodeURIComponent(headingAnchor(slug, lang, heading))}`,
    );
  },
);

test("a cited paragraph still opens its own page", () => {
  expect(citeHref(data, to("A-78-265/en/annex/23.f.ii"), "en")).toBe("/p/A-78-265/annex/23.f.ii/");
});
