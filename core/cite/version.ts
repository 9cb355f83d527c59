/**
 * The version of what the citation grammar reads. The cite stage's memo (pipeline/cite/stage.ts)
 * keeps a document's citations only while this is unchanged: a grammar that reads a new form (or
 * stops reading one) must extract every document again, though no file changed. Bump it with
 * any change to what find.ts and pins.ts read, and say what changed below.
 *
 * 1: the grammar of #12, #15 and #20.
 * 2: a part named again after a whole one ("article 2 and article 5, para. 1"), bare labels
 *    inside a list ("paras. 23 f and 24"), the citing document's own parts after 本决议 / 本公约
 *    … and its articles ("article 5 above"), citations in headings.
 * 3: a national paper's decimal paragraphs ("para. 2.2", "paras. 2.1-2.3", "para. 1.2 of <paper>");
 *    a paper held but not in the registry read by its id.
 */
export const GRAMMAR_VERSION = 3;
