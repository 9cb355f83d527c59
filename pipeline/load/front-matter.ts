/**
 * Front matter: split the YAML block off a corpus file and validate it with the FrontMatter
 * schema, every problem a diagnostic at the line of the offending key. Decision: the body is
 * handed on exactly as it stands in the file (after LF normalisation), with the file line it
 * starts at, so the parser's positions are file positions.
 */
import { isMap, isScalar } from "yaml";
import { type Diagnostic, FrontMatter } from "../../schemas/index.ts";
import { diag } from "../diagnostics.ts";
import { controlCodePoints } from "./decode.ts";
import { issuesToDiagnostics, parseYaml } from "./yaml.ts";

/** A corpus file split into validated front matter and the Markdown body. */
export interface FrontMatterRead {
  /** The validated front matter, or null when it is missing or invalid. */
  meta: FrontMatter | null;
  /** The Markdown after the closing `---` line, as in the file. */
  body: string;
  /** 1-based file line where `body` starts. */
  firstLine: number;
  /** File line of each top-level key, for diagnostics about its value (e.g. "symbol" -> 2). */
  keyLines: Record<string, number>;
  diagnostics: Diagnostic[];
}

const FENCE = /^---[ \t]*$/;

const EXAMPLE =
  'Start the file with:\n---\nsymbol: A/78/265\nlang: zh\ntitle: ...\ndate: "2023-08-01"\ntype: report\nbody: OEWG 2021-2025\nstatus: consensus\nsource: ...\n---';

const HINT =
  "Front matter keys: symbol (or id, for a document without a UN symbol), lang (zh | en), title, date (YYYY-MM-DD), type, body, status, source; authors for a national paper; optional sha256, note.";

/**
 * Split and validate the front matter of a decoded corpus file (LF line ends).
 * @param text the file's text
 * @param file repository-relative path, for diagnostics
 */
export function readFrontMatter(text: string, file: string): FrontMatterRead {
  const lines = text.split("\n");
  if (!FENCE.test(lines[0] ?? "")) {
    return {
      meta: null,
      body: text,
      firstLine: 1,
      keyLines: {},
      diagnostics: [
        diag(
          "corpus/front-matter-missing",
          { file, line: 1 },
          `no front matter: the file must start with a line "---", found ${JSON.stringify((lines[0] ?? "").slice(0, 40))}`,
          EXAMPLE,
        ),
      ],
    };
  }
  const close = lines.findIndex((l, i) => i > 0 && FENCE.test(l));
  if (close < 0) {
    return {
      meta: null,
      body: "",
      firstLine: 1,
      keyLines: {},
      diagnostics: [
        diag(
          "corpus/front-matter-missing",
          { file, line: 1 },
          'front matter is never closed: no second line "---" after the first',
          "End the YAML block with a line holding only ---, then the document's text.",
        ),
      ],
    };
  }
  const yamlText = lines.slice(1, close).join("\n");
  const body = lines.slice(close + 1).join("\n");
  const firstLine = close + 2;
  const parsed = parseYaml(yamlText, file, 1, "corpus/front-matter-yaml");
  const keyLines: Record<string, number> = {};
  const contents = parsed.yaml.doc.contents;
  if (isMap(contents)) {
    for (const item of contents.items) {
      if (isScalar(item.key) && item.key.range) {
        keyLines[String(item.key.value)] = parsed.yaml.lines.linePos(item.key.range[0]).line + 1;
      }
    }
  }
  if (parsed.diagnostics.length) {
    return { meta: null, body, firstLine, keyLines, diagnostics: parsed.diagnostics };
  }
  if (parsed.value === null || typeof parsed.value !== "object" || Array.isArray(parsed.value)) {
    return {
      meta: null,
      body,
      firstLine,
      keyLines,
      diagnostics: [
        diag(
          "corpus/front-matter-invalid",
          { file, line: 2 },
          `front matter must be a mapping of keys to values, found ${parsed.value === null ? "nothing" : Array.isArray(parsed.value) ? "a list" : "a single value"}`,
          EXAMPLE,
        ),
      ],
    };
  }
  const result = FrontMatter.safeParse(parsed.value);
  if (result.success)
    return {
      meta: result.data,
      body,
      firstLine,
      keyLines,
      diagnostics: escapedControls(result.data, keyLines, file),
    };
  const isLang = (i: (typeof result.error.issues)[number]) => i.path[0] === "lang" && i.path.length === 1;
  const diagnostics = [
    ...issuesToDiagnostics(
      result.error.issues.filter(isLang),
      parsed.yaml,
      "corpus/unknown-language",
      "front matter",
      "acquis reads Chinese (zh) and English (en); name the file and the lang key alike.",
    ),
    ...issuesToDiagnostics(
      result.error.issues.filter((i) => !isLang(i)),
      parsed.yaml,
      "corpus/front-matter-invalid",
      "front matter",
      HINT,
    ),
  ];
  return { meta: null, body, firstLine, keyLines, diagnostics };
}

/**
 * Control characters a value holds once read as YAML: written as escapes ("\e", "\x1b", as
 * `acquis import` writes a title a conversion garbled), the file's own text has none, so the
 * file's check (decode.ts) cannot see them. The same warning, at the key's line: the value is kept
 * as it is, and shown neutralised on a terminal.
 */
function escapedControls(meta: FrontMatter, keyLines: Record<string, number>, file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [key, value] of Object.entries(meta)) {
    const strings =
      typeof value === "string"
        ? [value]
        : Array.isArray(value)
          ? value.filter((v) => typeof v === "string")
          : [];
    const found = [...new Set(strings.flatMap(controlCodePoints))];
    if (!found.length) continue;
    out.push(
      diag(
        "corpus/control-character",
        { file, line: keyLines[key] ?? 2 },
        `the front matter's ${key} holds ${found.length === 1 ? "a control character" : "control characters"} (${found.slice(0, 4).join(", ")}) once its YAML escapes are read; kept as it is, shown neutralised on a terminal`,
        "Remove the escape from the value unless the document as issued holds it: no UN text does; it comes from a broken conversion.",
      ),
    );
  }
  return out;
}
