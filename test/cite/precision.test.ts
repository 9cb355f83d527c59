/**
 * Precision and recall on the hand-checked sets (test/cite/gold/): the real seed A/78/265 (zh),
 * the real resolution A/RES/80/16 (en, read in place from ../shared/corpus-real) and our own
 * fixtures. Both figures must stay at 1.0; the figures are printed for the README, together with
 * recall counting the known misses listed in the sets.
 */
import { describe, expect, test } from "vitest";
import { idOf, partAddress } from "../../core/address/address.ts";
import { extractCitations } from "../../pipeline/cite/extract.ts";
import { has } from "../needs.ts";
import { citationLine, goldSets, loadGold, score } from "./gold.ts";
import { loadRegistry, seed } from "./helpers.ts";

const registry = loadRegistry();

const sets = goldSets(has("shared"));

describe("precision and recall on the hand-checked sets", () => {
  const totals = { found: 0, hits: 0, gold: 0, misses: 0 };

  test.each(sets)("%s", (_label, name, corpus) => {
    const found = extractCitations({ ...corpus(), registry }).citations.map(citationLine);
    const gold = loadGold(name);
    const s = score(found, gold);
    totals.found += found.length;
    totals.hits += found.length - s.extra.length;
    totals.gold += gold.expected.length;
    totals.misses += gold.misses.length;
    console.log(
      `cite precision/recall ${name}: ${found.length} found, ${gold.expected.length} expected, precision ${s.precision.toFixed(3)}, recall ${s.recall.toFixed(3)}, recall counting ${gold.misses.length} known misses ${s.recallWithKnownMisses.toFixed(3)}`,
    );
    expect(s.extra, "found but not in the hand-checked set").toEqual([]);
    expect(s.missing, "in the hand-checked set but not found").toEqual([]);
    expect(s.precision).toBe(1);
    expect(s.recall).toBe(1);
  });

  test("the totals are printed for the README", () => {
    const precision = totals.hits / totals.found;
    const recall = totals.hits / totals.gold;
    console.log(
      `cite precision/recall overall: ${totals.found} citations, precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}, recall counting known misses ${(totals.hits / (totals.gold + totals.misses)).toFixed(3)}`,
    );
    expect(totals.found).toBeGreaterThan(200);
  });
});

describe("the real seed, beyond the set", () => {
  const { citations } = extractCitations({ ...seed(), registry });

  test("the 46 footnotes (43 on paragraphs, 3 on headings): each that cites yields citations of its owner", () => {
    const corpus = seed();
    const onParagraphs = corpus.paragraphs.flatMap((p) => p.footnotes.map((f) => ({ owner: p.id, f })));
    const onHeadings = corpus.documents[0]!.headings.flatMap((h) =>
      h.footnotes.map((f) => ({ owner: idOf("A/78/265", "zh", partAddress(h.part)), f })),
    );
    const notes = [...onParagraphs, ...onHeadings];
    expect([onParagraphs.length, onHeadings.length]).toEqual([43, 3]);
    const silent = notes.filter(({ owner, f }) => {
      const mine = citations.filter((c) => c.via === "footnote" && c.from === owner && c.footnote === f.mark);
      for (const c of mine) expect(f.text.slice(c.span[0], c.span[1])).toBe(c.raw);
      return mine.length === 0;
    });
    // Only the note "issued without formal editing" cites nothing.
    expect(silent.map(({ f }) => f.text)).toEqual(["未经正式编辑发布。"]);
  });

  test("every annex B source note yields a citation of the item it sources", () => {
    const notes = seed().paragraphs.filter((p) => p.kind === "source-note");
    expect(notes.length).toBe(12);
    for (const n of notes) {
      const mine = citations.filter((c) => c.via === "source-note" && c.from === n.parent);
      expect(mine.length, n.text).toBe(1);
    }
  });

  test("with the seed held alone, each citation's status, resolution, link and inferred part follow from its hand-checked target", () => {
    // What the set lists (document, part, pinpoint) decides the rest, by the rules the README
    // states, spelt out here independently of the code: a citation of the seed itself resolves to
    // the paragraph or part its target names; the Charter is external; any other document is not
    // in the corpus and links to its Chinese page on ODS (none for the registry's A/DEC/ numbers);
    // a part is inferred exactly when the words cite another document and name no annex.
    const idOfTarget = (part: string[], num: string[]) =>
      [
        "A-78-265/zh",
        ...part.map((p) => p.toLowerCase().replace(/ /g, "-")),
        ...(num.length ? [num.join(".")] : []),
      ].join("/");
    expect(citations).toHaveLength(loadGold("A-78-265.zh").expected.length);
    for (const c of citations) {
      const t = c.target;
      const line = citationLine(c);
      if ("article" in t) {
        expect({ status: c.status, resolved: c.resolved, url: c.url }, line).toEqual({
          status: "external",
          resolved: null,
          url: null,
        });
        continue;
      }
      const own = t.doc === "A/78/265";
      expect(
        {
          status: c.status,
          resolved: c.resolved,
          url: c.url,
          candidates: c.candidates,
          partInferred: t.partInferred,
          scope: t.scope,
        },
        line,
      ).toEqual({
        status: own ? "resolved" : "not-in-corpus",
        resolved: own ? idOfTarget(t.part, t.num) : null,
        url: own || t.doc.startsWith("A/DEC/") ? null : `https://undocs.org/zh/${t.doc}`,
        candidates: [],
        partInferred: !own && t.part.length > 0 && !/附件/.test(c.raw),
        scope: null,
      });
    }
    // 42 of the seed's own paragraphs and parts, 5 Charter articles, 28 parts inferred.
    expect(citations.filter((c) => c.status === "resolved")).toHaveLength(42);
    expect(citations.filter((c) => c.status === "external")).toHaveLength(5);
    expect(citations.filter((c) => "partInferred" in c.target && c.target.partInferred)).toHaveLength(28);
  });

  test("the seed's citations raise no diagnostic: every one resolves or is known", () => {
    expect(extractCitations({ ...seed(), registry }).diagnostics).toEqual([]);
  });

  test("every span of a text citation gives back its raw words", () => {
    const byId = new Map(seed().paragraphs.map((p) => [p.id, p]));
    for (const c of citations.filter((x) => x.via === "text")) {
      expect(byId.get(c.from)!.text.slice(c.span[0], c.span[1])).toBe(c.raw);
    }
  });
});
