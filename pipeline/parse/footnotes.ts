/**
 * Footnote markers and definitions as a PDF conversion leaves them: superscript digits glued to
 * the text ("工作。¹", "framework,⁷") or an asterisk ("附件*"), and definitions as their own blocks
 * ("¹ 大会第 75/240 号决议。", "* 未经正式编辑发布。").
 */
import { fromSuperscript, toSuperscript } from "../../core/text/superscript.ts";

export interface MarkerRef {
  mark: string;
  n: number | null;
  /** Offset in the cleaned text just after which the marker stood. */
  at: number;
  /** Offset in the original block text, for columns. */
  sourceOffset: number;
}

/**
 * Remove footnote markers from `text`, returning the clean text and where each marker stood.
 * An asterisk counts as a marker only when it follows a word and the document defines asterisk
 * notes (`asterisk`), so a literal "*" elsewhere is kept.
 */
export function takeMarkers(text: string, asterisk: boolean): { text: string; refs: MarkerRef[] } {
  const refs: MarkerRef[] = [];
  let out = "";
  let last = 0;
  // GFM's "[^3]" is accepted too, and read as the superscript it stands for.
  const re = asterisk
    ? /[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\[\^\d{1,3}\]|(?<=[^\s*])\*(?=\s|$|[，。,.;；:：)）])/g
    : /[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\[\^\d{1,3}\]/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out += text.slice(last, m.index);
    // A space that only separated the marker from the next word ("段。¹⁰ 各国") is layout, but it is
    // also the document's own spacing: keep it.
    const mark = m[0].startsWith("[^") ? toSuperscript(m[0].slice(2, -1)) : m[0];
    refs.push({
      mark,
      n: mark === "*" ? null : Number(fromSuperscript(mark)),
      at: out.length,
      sourceOffset: m.index,
    });
    last = m.index + m[0].length;
  }
  out += text.slice(last);
  return { text: out, refs };
}

/** A footnote definition block: "¹ text", "⁴⁰ text". Returns null for anything else. */
export function readDefinition(text: string): { mark: string; n: number; body: string } | null {
  const m = /^([⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})[ \t\u3000]*(?=\S)/.exec(text);
  if (m) return { mark: m[1]!, n: Number(fromSuperscript(m[1]!)), body: text.slice(m[0].length) };
  // GFM footnote definitions, as some extractors write them: "[^1]: United Nations, Treaty Series…"
  const g = /^\[\^(\d{1,3})\]:[ \t]*(?=\S)/.exec(text);
  if (g) return { mark: toSuperscript(g[1]!), n: Number(g[1]), body: text.slice(g[0].length) };
  return null;
}
