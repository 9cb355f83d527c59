/**
 * Writing into the corpus: the corpus file (front matter + Markdown) and the registry entry.
 *
 * Decisions:
 * - Front matter keys are written in the schema's order and validated before anything is written;
 *   the date is quoted so YAML keeps it a string.
 * - The registry is edited through the yaml package's Document API, so its comments, flow lists and
 *   order survive; an entry is added only when the symbol has none (an existing entry is the
 *   curators' and is never touched).
 */
import YAML from "yaml";
import { FrontMatter, isDocId, RegistryEntry } from "../../schemas/index.ts";

const KEY_ORDER = [
  "symbol",
  "lang",
  "title",
  "date",
  "type",
  "body",
  "status",
  "authors",
  "source",
  "sha256",
  "note",
] as const;

/** The corpus file for `meta` and `markdown`. Throws (zod) when the front matter is invalid. */
export function renderCorpusFile(meta: FrontMatter, markdown: string): string {
  const valid = FrontMatter.parse(meta);
  const doc = new YAML.Document();
  const map = doc.createNode({}) as YAML.YAMLMap;
  for (const k of KEY_ORDER) {
    const v = valid[k];
    if (v === undefined) continue;
    const node = doc.createNode(v) as YAML.Scalar | YAML.YAMLSeq;
    if (YAML.isScalar(node) && (k === "date" || k === "sha256")) node.type = "QUOTE_DOUBLE";
    if (YAML.isSeq(node)) node.flow = true;
    // A document without a UN symbol is keyed by its id, and written so.
    map.set(k === "symbol" && isDocId(valid.symbol) ? "id" : k, node);
  }
  doc.contents = map;
  const yaml = doc.toString({ lineWidth: 0 });
  return `---\n${yaml}---\n${markdown}`;
}

/** Split a corpus file into its front matter (parsed, unvalidated) and body; null if it has none. */
export function splitCorpusFile(text: string): { meta: unknown; body: string } | null {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(text.replace(/\r\n/g, "\n"));
  if (!m) return null;
  try {
    return { meta: YAML.parse(m[1]!), body: text.replace(/\r\n/g, "\n").slice(m[0].length) };
  } catch {
    return null;
  }
}

/**
 * Add `entry` to the registry text unless its symbol is there already. Returns the new text and
 * whether it was added. The entry is spliced in as text at the end of the `documents` list, so
 * every other byte of the file (comments, flow lists, spacing) stays as the curators wrote it.
 * Throws when the registry is not a mapping with a `documents` list.
 */
export function addRegistryEntry(
  registryText: string,
  entry: RegistryEntry,
): { text: string; added: boolean } {
  const valid = RegistryEntry.parse(entry);
  const doc = YAML.parseDocument(registryText);
  if (doc.errors.length) throw new Error(`registry.yaml: ${doc.errors[0]!.message}`);
  const list = doc.get("documents");
  if (!YAML.isSeq(list)) throw new Error("registry.yaml has no `documents` list");
  for (const item of list.items) {
    if (YAML.isMap(item) && (item.get("symbol") ?? item.get("id")) === valid.symbol)
      return { text: registryText, added: false };
  }
  const plain: Record<string, unknown> = {
    [isDocId(valid.symbol) ? "id" : "symbol"]: valid.symbol,
    type: valid.type,
  };
  if (valid.date) plain.date = valid.date;
  if (valid.body) plain.body = valid.body;
  if (valid.status) plain.status = valid.status;
  if (valid.authors) plain.authors = valid.authors;
  plain.title = valid.title;
  const entryDoc = new YAML.Document([plain]);
  const date = entryDoc.getIn([0, "date"], true);
  if (YAML.isScalar(date)) date.type = "QUOTE_DOUBLE";
  // Indent as the list's first item is indented (block lists only; a flow list is rewritten whole).
  const first = list.items[0] as YAML.Node | undefined;
  let indent = "  ";
  let at = registryText.length;
  if (first?.range && !list.flow) {
    const lineStart = registryText.lastIndexOf("\n", first.range[0]) + 1;
    const dash = registryText.slice(lineStart, first.range[0]).match(/^(\s*)-/);
    indent = dash ? dash[1]! : "";
    at = list.range ? list.range[2] : at;
  } else if (list.flow || !first) {
    list.flow = false;
    list.items.push(doc.createNode(plain));
    return { text: doc.toString({ lineWidth: 0 }), added: true };
  }
  const body = entryDoc
    .toString({ lineWidth: 0 })
    .trimEnd()
    .split("\n")
    .map((l) => indent + l)
    .join("\n");
  const before = registryText.slice(0, at).replace(/\n*$/, "\n");
  const after = registryText.slice(at);
  const rest = after.trim() ? after.replace(/^\n*/, "\n") : "";
  return { text: `${before}${indent}# added by acquis import\n${body}\n${rest}`, added: true };
}
