/**
 * Handlers for articles and the chapters above them. An article is a part of its own
 * (`article/19`, `annex/article/19`): its numbered paragraphs are numbered in it (`article/19/2`
 * is paragraph 2 of article 19), its unnumbered ones counted in it (`article/1/u1`), and the zh/en
 * aligner never pairs paragraphs of two articles. A chapter is a heading above the articles: they
 * are numbered through the chapters, as conventions and the Charter number them, so the chapter
 * is on the heading path and not in the address.
 */
import { articlePart } from "../../../../core/address/address.ts";
import { isPartiesLine, isPreambleHeading } from "../articles.ts";
import { pushHeading } from "../outline.ts";
import { enterPart, type ParseState } from "../state.ts";
import { closeEntries } from "./lists.ts";
import type { Handler } from "./types.ts";

/**
 * "Article 19" opens article 19 in the part the articles stand in, ends the one before it and a
 * preamble; the heading path above the articles (title, chapter) stays.
 */
export const article: Handler<"article"> = (s, { n, text, refs, block }) => {
  const container = s.article ? s.article.container : [...s.part];
  // The articles stand under the document's headings, not under its preamble's.
  const outer = s.article
    ? s.article.outer
    : s.stack.filter((h) => !isPreambleHeading(h.text) && !isPartiesLine(h.text));
  closeEntries(s);
  enterPart(s, [...container, articlePart(n)]);
  s.stack = [...outer];
  s.article = { container, outer };
  pushHeading(s, text, "article", block, refs);
};

/** "Chapter II" closes the article being read: the chapter is a heading of the articles' part. */
export const chapter: Handler<"chapter"> = (s, { text, refs, block }) => {
  leaveArticle(s);
  pushHeading(s, text, "chapter", block, refs);
};

/** Back in the part the articles stand in, with the heading path above them. */
function leaveArticle(s: ParseState): void {
  if (!s.article) return;
  const { container, outer } = s.article;
  closeEntries(s);
  enterPart(s, container);
  s.stack = [...outer];
}
