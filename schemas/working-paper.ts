/**
 * Lists of documents inside a document (the seed's annex D: working papers and who submitted
 * them), exported to `dist/data/working-papers.json` with States normalised to ISO 3166.
 */
import { z } from "zod";
import { Lang, SourcePosition } from "./common.ts";

export const State = z.object({
  /** ISO 3166-1 alpha-2 code, e.g. "VE". */
  code: z.string().regex(/^[A-Z]{2}$/),
  /** Names in both languages, from i18n-iso-countries (en) and the UN's Chinese short names (zh). */
  name: z.object({ zh: z.string(), en: z.string() }),
  /** The name as printed in the list ("委内瑞拉" and "委内瑞拉玻利瓦尔共和国" are one State). */
  printed: z.string(),
});
export type State = z.infer<typeof State>;

export const WorkingPaper = z.object({
  /** Stable id: "<doc slug>/<lang>/<part address>/wp<n>". */
  id: z.string(),
  /** Symbol of the listing document. */
  doc: z.string(),
  lang: Lang,
  /** 1-based position in the list as printed. */
  n: z.number().int().positive(),
  title: z.string(),
  /** The submitter line as printed: "多国(澳大利亚、哥伦比亚、萨尔瓦多、爱沙尼亚)". */
  submitter: z.string(),
  /** True when submitted by several States ("多国", "Multiple States", "joint"). */
  joint: z.boolean(),
  states: z.array(State),
  /** Names in the submitter line that could not be matched to a State; kept, and warned. */
  unmatched: z.array(z.string()),
  /** Id of the paragraph that holds this entry in paragraphs.jsonl. */
  paragraph: z.string(),
  source: SourcePosition,
});
export type WorkingPaper = z.infer<typeof WorkingPaper>;

export const WorkingPapersFile = z.object({
  schemaVersion: z.number().int(),
  papers: z.array(WorkingPaper),
});
export type WorkingPapersFile = z.infer<typeof WorkingPapersFile>;
