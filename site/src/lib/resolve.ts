/**
 * The citation resolver's brain: read a pasted citation (zh or en) into symbol, part and paragraph
 * numbers, then find it among the addresses the site exported at build time.
 *
 * Decision: keep the grammar small (symbol + annex/appendix/preamble + paragraph numbers with
 * their subparagraph labels) and the answer precise: one paragraph, a list when several match
 * (never a guess), or a "not found" that says what is there instead. Browser-safe and pure; the
 * page script only fetches the index and shows the answer.
 */
import { addressOf } from "../../../core/address/address.ts";
import { fromRoman, fromZhNumeral, toRoman } from "../../../core/cite/format.ts";

/** What a pasted citation says. */
export interface ParsedCitation {
  symbol: string;
  part: string[];
  num: string[];
}

/** A document as the resolver knows it (one file per document, written at build time). */
export interface ResolverDoc {
  symbol: string;
  slug: string;
  langs: Array<"zh" | "en">;
  /** Every paragraph address in the document (union of its language versions). */
  addresses: string[];
}

export type Resolution =
  | { status: "found"; symbol: string; slug: string; address: string; inferred: boolean }
  | { status: "document"; symbol: string; slug: string; langs: Array<"zh" | "en"> }
  | { status: "ambiguous"; symbol: string; slug: string; addresses: string[] }
  | { status: "not-found"; symbol: string; slug: string; message: string }
  | { status: "not-in-corpus"; symbol: string }
  | { status: "unreadable"; message: string };

const SYMBOL = /[A-Z]{1,4}(?:\/[A-Za-z0-9.-]+)+/;

/** Normalise a sub-label: letters lower-case, Chinese numerals and roman numerals to roman. */
function subLabel(raw: string): string {
  const s = raw.trim();
  const zh = fromZhNumeral(s);
  if (zh) return toRoman(zh);
  return s.toLowerCase();
}

/**
 * Read a citation. Returns null when no UN symbol is in the text. Full-width punctuation is
 * folded first, so "A/78/265，附件，第 23(f)(二)段" and "A/78/265, annex, para. 23 (f) (ii)" read alike.
 */
export function parseCitation(input: string): ParsedCitation | null {
  const text = input.normalize("NFKC").replace(/\s+/g, " ").trim();
  const sym = SYMBOL.exec(text);
  if (!sym) return null;
  const symbol = sym[0].replace(/[.-]+$/, "");
  const rest = text.slice(sym.index + sym[0].length);
  const part: string[] = [];
  const partRe =
    /\b(annex)(?:\s+([IVXL]+|[A-Z])\b)?|\b(appendix)\b|\b(preamb(?:le|ular))\b|(附件)\s*([一二三四五六七八九十]+|[A-Z])?|(附录)|(序言)/gi;
  let firstNumAt = rest.length;
  // "23 (f) (ii)", "23(f)(二)", and the site's own address form "23.f.ii".
  const numRe = /(\d+)\s*((?:\(\s*[A-Za-z一二三四五六七八九十]+\s*\)\s*|\.[a-z]+\b)*)/;
  const numMatch = numRe.exec(rest);
  if (numMatch) firstNumAt = numMatch.index;
  for (const m of rest.matchAll(partRe)) {
    if ((m.index ?? 0) > firstNumAt) break;
    if (m[1]) part.push(m[2] ? `annex ${m[2].toUpperCase()}` : "annex");
    else if (m[3]) part.push("appendix");
    else if (m[4]) part.unshift("preamble");
    else if (m[5]) {
      const tail = m[6];
      const n = tail ? fromZhNumeral(tail) : null;
      part.push(!tail ? "annex" : n ? `annex ${toRoman(n).toUpperCase()}` : `annex ${tail.toUpperCase()}`);
    } else if (m[7]) part.push("appendix");
    else if (m[8]) part.unshift("preamble");
  }
  const num: string[] = [];
  if (numMatch) {
    num.push(numMatch[1]!);
    for (const sub of numMatch[2]!.matchAll(/\(\s*([^)]+?)\s*\)|\.([a-z]+)/g))
      num.push(subLabel(sub[1] ?? sub[2]!));
  }
  return { symbol, part, num };
}

/** The highest top-level paragraph number among addresses of one part (for "the last is ..."). */
function lastNumber(addresses: string[], partPrefix: string): number | null {
  let max: number | null = null;
  for (const a of addresses) {
    const rest = partPrefix ? (a.startsWith(`${partPrefix}/`) ? a.slice(partPrefix.length + 1) : null) : a;
    if (rest === null || rest.includes("/")) continue;
    const n = Number(rest.split(".")[0]);
    if (Number.isInteger(n) && (max === null || n > max)) max = n;
  }
  return max;
}

/** Resolve a read citation against the exported documents (`docs` keyed by symbol). */
export function resolveCitation(
  parsed: ParsedCitation | null,
  docs: ReadonlyMap<string, ResolverDoc>,
): Resolution {
  if (!parsed) {
    return {
      status: "unreadable",
      message: 'No UN document symbol found. Paste a citation such as "A/78/265, annex, para. 23 (f) (ii)".',
    };
  }
  const doc = docs.get(parsed.symbol);
  if (!doc) return { status: "not-in-corpus", symbol: parsed.symbol };
  const base = { symbol: doc.symbol, slug: doc.slug };
  if (!parsed.num.length) return { status: "document", ...base, langs: doc.langs };
  const address = addressOf(parsed.part, null, parsed.num);
  const all = new Set(doc.addresses);
  if (all.has(address)) return { status: "found", ...base, address, inferred: false };
  // The part was not written or not matched: look for the number in every part and scope.
  const tail = parsed.num.join(".");
  const candidates = doc.addresses.filter((a) => a === tail || a.endsWith(`/${tail}`));
  const partPrefix = parsed.part.length ? addressOf(parsed.part, null, ["x"]).slice(0, -2) : "";
  const inPart = candidates.filter((a) => !parsed.part.length || a.startsWith(`${partPrefix}/`));
  const pool = inPart.length ? inPart : parsed.part.length ? [] : candidates;
  if (pool.length === 1) return { status: "found", ...base, address: pool[0]!, inferred: true };
  if (pool.length > 1) return { status: "ambiguous", ...base, addresses: pool };
  const where = parsed.part.length ? `in ${parsed.part.join(", ")}` : "in the main text or any annex";
  const last = lastNumber(doc.addresses, partPrefix);
  const lastText =
    last === null ? "it has no numbered paragraphs there" : `its last numbered paragraph there is ${last}`;
  return {
    status: "not-found",
    ...base,
    message: `${doc.symbol} is in the corpus but has no paragraph ${parsed.num[0]}${parsed.num
      .slice(1)
      .map((n) => ` (${n})`)
      .join("")} ${where}; ${lastText}.`,
  };
}

export { fromRoman };
