/**
 * The corpus as a whole: which files are documents (corpus/<slug>/<lang>.md), and the checks that
 * need more than one file: folder and file name agree with the front matter, no key+language
 * twice, no two folders that a case-insensitive file system would make one, every document known
 * to the registry, every author known. Decision: a check that fails leaves that document out (an
 * error) or only warns; it never costs another document anything.
 */
import type { Diagnostic, FrontMatter, Lang, Registry } from "../../schemas/index.ts";
import { isDocId, symbolSlug } from "../../schemas/index.ts";
import { diag } from "../diagnostics.ts";
import { readAuthors } from "../parse/authors.ts";

/** What a path inside the corpus folder is. */
export type CorpusEntry =
  | { kind: "document"; slug: string; lang: Lang }
  | { kind: "registry" }
  | { kind: "topics" }
  | { kind: "ignored" }
  | { kind: "bad"; diagnostic: Diagnostic };

/** Name of the registry inside the corpus folder. */
export const REGISTRY_FILE = "registry.yaml";

/**
 * Classify a file of the corpus folder.
 * @param rel path inside the corpus folder, "/"-separated ("A-78-265/zh.md")
 * @param file repository-relative path, for diagnostics ("corpus/A-78-265/zh.md")
 */
export function classifyCorpusPath(rel: string, file: string): CorpusEntry {
  const segs = rel.split("/");
  const name = segs.at(-1) ?? "";
  if (segs.length === 1 && name === REGISTRY_FILE) return { kind: "registry" };
  // The topic vocabulary (pipeline/load/topics.ts); named here to keep this module free of it.
  if (segs.length === 1 && name === "topics.yaml") return { kind: "topics" };
  if (!name.endsWith(".md") || segs.some((s) => s.startsWith("."))) return { kind: "ignored" };
  if (segs.length === 1) {
    if (/^readme\.md$/i.test(name)) return { kind: "ignored" };
    return {
      kind: "bad",
      diagnostic: diag(
        "corpus/path",
        { file, line: 1 },
        "a document directly in the corpus folder is not read: documents live in <corpus>/<slug>/<lang>.md",
        "Move it to the folder its key names: a symbol with / as - (A/78/265 -> A-78-265/zh.md), an id as it is (cn-2024-ict-position/zh.md).",
      ),
    };
  }
  if (segs.length > 2) {
    return {
      kind: "bad",
      diagnostic: diag(
        "corpus/path",
        { file, line: 1 },
        "a document in a nested folder is not read: documents live in <corpus>/<slug>/<lang>.md",
        "Move it up to <corpus>/<slug>/<lang>.md.",
      ),
    };
  }
  const lang = name.slice(0, -3);
  if (lang !== "zh" && lang !== "en") {
    return {
      kind: "bad",
      diagnostic: diag(
        "corpus/unknown-language",
        { file, line: 1 },
        `unknown language "${lang}": the file name must be the language, zh.md or en.md`,
        "acquis reads Chinese (zh) and English (en); rename the file, e.g. zh.md.",
      ),
    };
  }
  return { kind: "document", slug: segs[0]!, lang };
}

/** A document whose front matter is valid, as the cross-document checks see it. */
export interface Candidate {
  file: string;
  slug: string;
  /** The language its file name says. */
  lang: Lang;
  meta: FrontMatter;
  /** File line of each front matter key. */
  keyLines: Record<string, number>;
}

/** The front matter key a document is known by: "id" for a document without a UN symbol. */
function keyName(c: Candidate): "symbol" | "id" {
  return isDocId(c.meta.symbol) ? "id" : "symbol";
}

/**
 * Check candidates against their paths, each other and the registry.
 * @returns the files to leave out (an error was reported for each) and the diagnostics
 */
export function checkCorpus(
  candidates: readonly Candidate[],
  registry: Registry | null,
): { rejected: Set<string>; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const rejected = new Set<string>();
  const at = (c: Candidate, key: string) => ({ file: c.file, line: c.keyLines[key] ?? 1 });
  for (const c of candidates) {
    const want = symbolSlug(c.meta.symbol);
    const key = keyName(c);
    if (c.slug !== want) {
      rejected.add(c.file);
      diagnostics.push(
        diag(
          "corpus/path",
          at(c, key),
          `folder "${c.slug}" does not match the ${key === "id" ? "id" : "symbol"} ${c.meta.symbol}, whose folder is "${want}"`,
          `Move the file to ${want}/${c.lang}.md, or correct the ${key}.`,
        ),
      );
    }
    const { unknown } = readAuthors(c.meta.authors ?? []);
    for (const code of unknown) {
      diagnostics.push(
        diag(
          "corpus/unknown-author",
          at(c, "authors"),
          `author "${code}" is neither a State's ISO 3166-1 alpha-2 code nor a known group's code; it is kept, but links to no State page`,
          "Use the State's two-letter code (CN, DE, US…), or add the group to pipeline/parse/authors.ts.",
        ),
      );
    }
    if (c.lang !== c.meta.lang) {
      rejected.add(c.file);
      diagnostics.push(
        diag(
          "corpus/lang-mismatch",
          at(c, "lang"),
          `front matter says lang: ${c.meta.lang} but the file is named ${c.lang}.md`,
          `Rename the file to ${c.meta.lang}.md, or correct the lang key.`,
        ),
      );
    }
  }
  // A case-insensitive file system (macOS, Windows) would hold these two folders as one.
  const folders = new Map<string, Candidate>();
  for (const c of candidates) {
    if (rejected.has(c.file)) continue;
    const first = folders.get(c.slug.toLowerCase());
    if (first && first.slug !== c.slug) {
      rejected.add(c.file);
      diagnostics.push(
        diag(
          "corpus/folder-collision",
          at(c, keyName(c)),
          `folder "${c.slug}" differs from "${first.slug}" (${first.file}) only in case: a case-insensitive file system holds them as one folder; this document was left out`,
          "Check both keys: one is probably a typo of the other.",
        ),
      );
    } else if (!first) folders.set(c.slug.toLowerCase(), c);
  }
  const groups = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const key = `${c.meta.symbol}\u0000${c.meta.lang}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    // The copy at its own canonical path is the document; any other copy is the duplicate.
    const sorted = [...group].sort((a, b) => {
      const ca = rejected.has(a.file) ? 1 : 0;
      const cb = rejected.has(b.file) ? 1 : 0;
      return ca - cb || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
    });
    const kept = sorted[0]!;
    for (const c of sorted.slice(1)) {
      rejected.add(c.file);
      diagnostics.push(
        diag(
          "corpus/duplicate-document",
          at(c, keyName(c)),
          `${c.meta.symbol} (${c.meta.lang}) is already in ${kept.file}; this copy was left out`,
          "Keep one file per symbol and language: delete or merge this one.",
        ),
      );
    }
  }
  if (registry) {
    const known = new Set(registry.documents.map((d) => d.symbol));
    for (const c of candidates) {
      if (!known.has(c.meta.symbol)) {
        diagnostics.push(
          diag(
            "corpus/not-in-registry",
            at(c, keyName(c)),
            `${c.meta.symbol} is not in the registry; citations by its title will not resolve to it`,
            "Add an entry for it to corpus/registry.yaml (symbol, type, date, title, short titles).",
          ),
        );
      }
    }
  }
  return { rejected, diagnostics };
}
