/**
 * YAML with positions: parse a YAML text keeping node ranges (the `yaml` package's parseDocument
 * + LineCounter), and turn YAML syntax errors and zod issues into diagnostics that point at the
 * line of the offending key. Decision: a zod issue is reported where a person would fix it: the
 * value of a wrong key, the key itself when it is unknown, the enclosing mapping when a key is
 * missing.
 */
import { type Document, isAlias, isMap, isPair, isScalar, LineCounter, parseDocument, visit } from "yaml";
import type { z } from "zod";
import type { Diagnostic } from "../../schemas/index.ts";
import { type Code, diag } from "../diagnostics.ts";

/** A parsed YAML text with what is needed to report positions in the enclosing file. */
export interface PositionedYaml {
  doc: Document;
  lines: LineCounter;
  file: string;
  /** File line of the YAML text's first line, minus one (front matter: 1, the `---` line). */
  lineOffset: number;
}

/**
 * The most anchors (`&a`), aliases (`*a`) and merge keys (`<<: *a`) one YAML text may hold. A
 * front matter or a registry entry needs none; a few shared values are fine. The caps keep a
 * hostile file (aliases of aliases: a "billion laughs") from costing more than its own refusal.
 */
export const YAML_LIMITS = { anchors: 100, aliases: 100, mergeKeys: 100 } as const;

/** The first node over one of the caps, if any, and which. */
function overLimit(doc: Document): { what: string; limit: number; offset: number } | null {
  const counts = { anchors: 0, aliases: 0, mergeKeys: 0 };
  let over: { what: string; limit: number; offset: number } | null = null;
  const count = (kind: keyof typeof counts, what: string, range: readonly number[] | null | undefined) => {
    counts[kind]++;
    if (counts[kind] > YAML_LIMITS[kind]) over = { what, limit: YAML_LIMITS[kind], offset: range?.[0] ?? 0 };
  };
  visit(doc, {
    Node(_key, node) {
      if (isAlias(node)) count("aliases", "aliases (*name)", node.range);
      else if ("anchor" in node && node.anchor) count("anchors", "anchors (&name)", node.range);
      return over ? visit.BREAK : undefined;
    },
    Pair(_key, pair) {
      if (isScalar(pair.key) && pair.key.value === "<<")
        count("mergeKeys", "merge keys (<<)", pair.key.range);
      return over ? visit.BREAK : undefined;
    },
  });
  return over;
}

/**
 * Parse YAML text; syntax errors become diagnostics with `code`, and a text over YAML_LIMITS a
 * `corpus/yaml-limit` diagnostic at the first node over the cap. Never throws: what the YAML
 * library throws (nesting too deep, aliases that expand too far) is a diagnostic too.
 * @param text the YAML source
 * @param file repository-relative path of the file that holds it
 * @param lineOffset lines of the file before the YAML text
 */
export function parseYaml(
  text: string,
  file: string,
  lineOffset: number,
  code: Code,
): { yaml: PositionedYaml; value: unknown; diagnostics: Diagnostic[] } {
  const lines = new LineCounter();
  const where = (offset: number) => {
    const pos = lines.linePos(offset);
    return { file, line: pos.line + lineOffset, column: pos.col };
  };
  // Merge keys are read (YAML 1.1's `<<`), and capped like the aliases they need.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, merge: true });
  const diagnostics: Diagnostic[] = doc.errors.map((e) => {
    const first = e.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
    // The library reports nesting past the stack as a RangeError's message: say it for people.
    const message = /call stack/i.test(first) ? "nested too deeply to read" : first;
    return diag(
      code,
      where(e.pos[0]),
      `YAML: ${message}`,
      "Check indentation and quoting; quote values that contain ': ' or start with a special character.",
    );
  });
  const yaml = { doc, lines, file, lineOffset };
  if (diagnostics.length) return { yaml, value: undefined, diagnostics };
  const over = overLimit(doc);
  if (over) {
    return {
      yaml,
      value: undefined,
      diagnostics: [
        diag(
          "corpus/yaml-limit",
          where(over.offset),
          `YAML: more than ${over.limit} ${over.what}; the file was not read`,
          "Write the values out instead of sharing them with anchors and aliases.",
        ),
      ],
    };
  }
  try {
    return { yaml, value: doc.toJS(), diagnostics };
  } catch (e) {
    // The library's own guard: aliases whose expansion grows too large.
    return {
      yaml,
      value: undefined,
      diagnostics: [
        diag(
          "corpus/yaml-limit",
          where(0),
          `YAML: the aliases expand too far to read (${(e as Error).message}); the file was not read`,
          "Write the values out instead of sharing them with anchors and aliases.",
        ),
      ],
    };
  }
}

/** File position of a character offset in the YAML text. */
function at(y: PositionedYaml, offset: number): { file: string; line: number; column: number } {
  const pos = y.lines.linePos(offset);
  return { file: y.file, line: pos.line + y.lineOffset, column: pos.col };
}

/** The node at `path`, or the deepest existing ancestor, with how much of the path was found. */
function nodeAt(y: PositionedYaml, path: readonly PropertyKey[]): { node: unknown; depth: number } {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? y.doc.contents : y.doc.getIn(path.slice(0, depth) as unknown[], true);
    if (node && typeof node === "object" && "range" in node) return { node, depth };
  }
  return { node: null, depth: 0 };
}

/** Position of the key `key` in the mapping at `path`, if present. */
function keyPosition(y: PositionedYaml, path: readonly PropertyKey[], key: string) {
  const map = path.length ? y.doc.getIn(path as unknown[], true) : y.doc.contents;
  if (!isMap(map)) return null;
  for (const item of map.items) {
    if (isPair(item) && isScalar(item.key) && String(item.key.value) === key && item.key.range) {
      return at(y, item.key.range[0]);
    }
  }
  return null;
}

/** Where a node starts, or the start of the text. */
function startOf(y: PositionedYaml, node: unknown) {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range ? at(y, range[0]) : { file: y.file, line: y.lineOffset + 1, column: 1 };
}

/** "documents[3].title.zh" */
export function pathLabel(path: readonly PropertyKey[]): string {
  let s = "";
  for (const p of path) s += typeof p === "number" ? `[${p}]` : s ? `.${String(p)}` : String(p);
  return s;
}

/** A value shown in a message: short, JSON-quoted. */
function shown(value: unknown): string {
  const s = JSON.stringify(value) ?? String(value);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/**
 * Turn zod issues about the value of `y` into diagnostics at the offending key's line.
 * @param what how to name the text in messages ("front matter", "registry")
 * @param hint what to do, for every issue
 */
export function issuesToDiagnostics(
  issues: readonly z.core.$ZodIssue[],
  y: PositionedYaml,
  code: Code,
  what: string,
  hint: string,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const issue of issues) {
    const path = issue.path;
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const pos = keyPosition(y, path, key) ?? startOf(y, nodeAt(y, path).node);
        const where = path.length ? ` in ${pathLabel(path)}` : "";
        out.push(diag(code, pos, `${what}: unknown key "${key}"${where}`, hint));
      }
      continue;
    }
    const found = nodeAt(y, path);
    const label = pathLabel(path) || "(top level)";
    if (found.depth < path.length) {
      const parent = path.slice(0, -1);
      const where = parent.length ? ` in ${pathLabel(parent)}` : "";
      // A rule over several keys (symbol or id; authors of a national paper) says what is missing itself.
      const message = issue.code === "custom" ? issue.message : `"${String(path.at(-1))}" is missing${where}`;
      out.push(diag(code, startOf(y, found.node), `${what}: ${message}`, hint));
      continue;
    }
    const value = path.length ? y.doc.getIn(path as unknown[]) : y.doc.toJS();
    const expected =
      issue.code === "invalid_value"
        ? `one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`
        : issue.code === "invalid_type"
          ? `a value of type ${issue.expected}`
          : issue.message.replace(/^Invalid input: /, "");
    out.push(
      diag(code, startOf(y, found.node), `${what}: ${label} is ${shown(value)}, expected ${expected}`, hint),
    );
  }
  return out;
}
