/**
 * Pure readers of one line of text: what a heading, an annex title, a sentence end looks like in a
 * UN document, in Chinese and English. No state: the classifier combines them with what is open.
 */
import { cjkToNumber, toRoman } from "../labels.ts";

/** The heading of a restarted list of recommendations ("Recommended next steps"). */
export const NEXT_STEPS =
  /^(建议的后续步骤|建议采取的下一步行动|建议的下一步(行动)?|recommended next steps)$/i;
/** The heading of a list of documents (annex D's working papers). */
export const DOC_LIST = /(工作文件清单|文件清单|list of (the )?(working|position) papers|list of documents)/i;
/** A text that ends a sentence or a clause (closing quotes and brackets included). */
export const TERMINAL = /[。；：.;:!?！？”"’』」)）\]］]$/;
/** Chinese characters and the punctuation set with them. */
export const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’《》]/;

/**
 * Annex headings: "附件", "附件*", "附件一", "附件 A", "Annex", "Annex I", "ANNEX B". Returns the
 * annex's letter or roman numeral (upper case), null for an unlettered annex, undefined if the
 * text is not an annex heading.
 */
export function readAnnex(text: string): string | null | undefined {
  let m = /^附件\s*([一二三四五六七八九十]{1,3}|[A-Z]|\d{1,2})?$/.exec(text);
  if (m) {
    const v = m[1];
    if (!v) return null;
    const n = cjkToNumber(v);
    return n !== null ? toRoman(n).toUpperCase() : v;
  }
  m = /^annex\s*([IVXLC]{1,6}|[A-Z]|\d{1,2})?$/i.exec(text);
  if (m) return m[1] ? m[1].toUpperCase() : null;
  return undefined;
}

/** Appendix headings: "附录", "Appendix B", "……的附录", "Appendix to …". */
export function isAppendix(text: string): boolean {
  return (
    /^(附录|appendix)(\s+[A-Z0-9IVX]+)?$/i.test(text) || /的附录$/.test(text) || /^appendix to\b/i.test(text)
  );
}

/** Chapter headings: "一. 引言", "II. Conclusions". */
export function isChapter(text: string): boolean {
  return /^[一二三四五六七八九十]{1,3}\s*[.．、]\s*\S/.test(text) || /^[IVXL]{2,6}\.\s+\S/.test(text);
}

/** The letter of a section heading ("D. 国际法" -> "D"), or null. */
export function sectionLetter(text: string): string | null {
  const m = /^([A-Z])\s*[.．]\s*\S/.exec(text);
  return m ? m[1]! : null;
}
