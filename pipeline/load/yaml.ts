/**
 * YAML with positions: parse a YAML text keeping node ranges (the `yaml` package's parseDocument
 * + LineCounter), and turn YAML syntax errors and zod issues into diagnostics that point at the
 * line of the offending key. Decision: a zod issue is reported where a person would fix it: the
 * value of a wrong key, the key itself when it is unknown, the enclosing mapping when a key is
 * missing.
 */
import { type Document, isMap, isPair, isScalar, LineCounter, parseDocument } from "yaml";
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
 * Parse YAML text; syntax errors become diagnostics with `code`.
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
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const diagnostics: Diagnostic[] = doc.errors.map((e) => {
    const pos = lines.linePos(e.pos[0]);
    const first = e.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
    return diag(
      code,
      { file, line: pos.line + lineOffset, column: pos.col },
      `YAML: ${first}`,
      "Check indentation and quoting; quote values that contain ': ' or start with a special character.",
    );
  });
  const value = diagnostics.length ? undefined : doc.toJS();
  return { yaml: { doc, lines, file, lineOffset }, value, diagnostics };
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
