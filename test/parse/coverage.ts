/**
 * The fidelity property of a parse: every character of a document's body stands in exactly one
 * paragraph, heading or footnote (or in a line dropped as page furniture, which a diagnostic
 * names), in the order of the body.
 *
 * Checked on the characters that are the document's: Markdown's own syntax is not (bullet markers
 * "-", "*", "+" at a line's start, "#" of a heading, backslash escapes, page marks
 * `<!-- page N -->`), nor is white space, which the parser normalises where it joins lines. "*" is
 * set aside on both sides: a note written as a "* …" bullet and a marker "*" are one character in
 * two roles. Two conditions together: the characters, counted, are the same on both sides; and each
 * paragraph, heading and note is found, in order, within the lines it says it came from.
 */
import type { Parsed } from "../../pipeline/parse/index.ts";

const SUP = "⁰¹²³⁴⁵⁶⁷⁸⁹";
const toSup = (digits: string) => [...digits].map((d) => SUP[Number(d)]).join("");

/** Marker bullets are Markdown's syntax; characters printed as bullets ("•", "▪") are the document's. */
const SYNTAX_MARKS = new Set(["-", "*", "+"]);

/** One character of the body with the line it stands on. */
interface Char {
  ch: string;
  line: number;
}

const squeeze = (s: string) => s.replace(/[\s\u3000*]+/gu, "");

/** The body's characters that belong to the document, each with its line (file lines). */
function bodyChars(markdown: string, firstLine: number): Char[] {
  const out: Char[] = [];
  markdown.split("\n").forEach((raw, i) => {
    const line = raw
      .replace(/<!--\s*page\s+\d{1,5}\s*-->/g, "")
      .replace(/^\s*(?:[-*+](?:\s+|$))+/, "")
      .replace(/^#{1,6}\s+/, "")
      .replace(/\[\^(\d{1,3})\]:?/g, (_m, d: string) => toSup(d))
      .replace(/\\([!-/:-@[-`{-~])/g, "$1");
    for (const ch of squeeze(line)) out.push({ ch, line: firstLine + i });
  });
  return out;
}

/** Insert marks into a text at their offsets (last first, so offsets stay right). */
function withMarks(text: string, marks: Array<{ at: number; mark: string }>): string {
  let out = text;
  for (const m of [...marks].sort((a, b) => b.at - a.at)) out = out.slice(0, m.at) + m.mark + out.slice(m.at);
  return out;
}

interface Unit {
  what: string;
  text: string;
  from: number;
  to: number;
}

/** The parse's units, each with its text as the body prints it and its lines. */
function units(parsed: Parsed): Unit[] {
  const out: Unit[] = [];
  const notes = new Map<string, Unit>();
  const note = (f: Parsed["paragraphs"][number]["footnotes"][number]) => {
    const key = `${f.source.line}|${f.mark}`;
    if (!notes.has(key))
      notes.set(key, {
        what: `note ${f.mark} at line ${f.source.line}`,
        text: `${f.mark}${f.text}`,
        from: f.source.line,
        to: f.source.endLine ?? f.source.line,
      });
  };
  for (const h of parsed.headings) {
    out.push({
      what: `heading "${h.text}"`,
      text: withMarks(h.text, h.footnotes),
      from: h.source.line,
      to: h.source.endLine ?? h.source.line,
    });
    h.footnotes.forEach(note);
  }
  for (const p of parsed.paragraphs) {
    const marks = [
      ...p.footnotes,
      ...(p.items ?? [])
        .filter((it) => !SYNTAX_MARKS.has(it.mark))
        .map((it) => ({ at: it.start, mark: it.mark })),
    ];
    out.push({
      what: `paragraph ${p.address}`,
      text: p.label + withMarks(p.text, marks),
      from: p.source.line,
      to: p.source.endLine ?? p.source.line,
    });
    p.footnotes.forEach(note);
  }
  for (const d of parsed.diagnostics) {
    if (d.code !== "parse/page-artifact") continue;
    const m = /^"(.*)" looks like/s.exec(d.message);
    if (m) out.push({ what: `dropped "${m[1]}"`, text: m[1]!, from: d.line, to: d.line });
  }
  return [...out, ...notes.values()];
}

/** Sorted characters of a string, as one string: equal for equal multisets. */
const sorted = (chars: string[]) => [...chars].sort().join("");

/**
 * What breaks the property, in words, or null when it holds.
 * @param markdown the body after the front matter
 * @param firstLine the file line the body starts at
 */
export function coverageProblem(markdown: string, firstLine: number, parsed: Parsed): string | null {
  const body = bodyChars(markdown, firstLine);
  const all = units(parsed);
  const got = all.flatMap((u) => [...squeeze(u.text)]);
  if (sorted(got) !== sorted(body.map((c) => c.ch))) {
    const want = new Map<string, number>();
    for (const c of body) want.set(c.ch, (want.get(c.ch) ?? 0) + 1);
    for (const ch of got) want.set(ch, (want.get(ch) ?? 0) - 1);
    const diff = [...want]
      .filter(([, n]) => n !== 0)
      .map(([ch, n]) => `${JSON.stringify(ch)} ${n > 0 ? `${n} lost` : `${-n} extra`}`);
    return `characters differ: ${diff.slice(0, 12).join(", ")}`;
  }
  for (const u of all) {
    const span = body.filter((c) => c.line >= u.from && c.line <= u.to).map((c) => c.ch);
    let k = 0;
    for (const ch of squeeze(u.text)) {
      while (k < span.length && span[k] !== ch) k++;
      if (k === span.length) return `${u.what} is not found in order in lines ${u.from}-${u.to}`;
      k++;
    }
  }
  return null;
}
