/**
 * corpus/registry.yaml: every known document, and the bodies' names written in full. Validated
 * entry by entry, so that one bad entry costs only itself: the others still resolve citations.
 * Duplicate symbols keep the first entry. What is kept is core/data/registry.ts's decision,
 * shared with the site; this module reads the bytes and YAML with limits and puts each problem
 * at its line.
 */
import type { z } from "zod";
import { validateRegistry } from "../../core/data/registry.ts";
import type { Diagnostic, Registry } from "../../schemas/index.ts";
import { diag } from "../diagnostics.ts";
import { decodeCorpusFile } from "./decode.ts";
import { issuesToDiagnostics, parseYaml } from "./yaml.ts";

const BODY_HINT = "Each entry: body (as documents spell it), names {zh: [], en: []}.";
const HINT =
  "Each entry: symbol, type, title {zh, en}; optional date (YYYY-MM-DD), body, status, short {zh: [], en: []}, structure, note.";

/** The registry as read: `usable` is false when it could not be read as a whole (then it is empty). */
export interface RegistryRead {
  registry: Registry;
  diagnostics: Diagnostic[];
  /**
   * False when the file is missing or cannot be read as a whole (not UTF-8, not YAML, over a YAML
   * limit, not a `documents:` list): a build then publishes nothing, since every citation and
   * every document check would silently degrade. Bad entries only cost themselves.
   */
  usable: boolean;
}

/**
 * Read the registry from its bytes, exactly as the build does: decode, parse, validate entry by
 * entry. Every command that reads the registry goes through here, so a bad entry costs that
 * entry everywhere, with the same diagnostic.
 * @param bytes the file's bytes, or null when it does not exist
 * @param file repository-relative path, for diagnostics
 * @param limit size limit in bytes
 */
export function loadRegistry(bytes: Uint8Array | null, file: string, limit?: number): RegistryRead {
  if (bytes === null) return readRegistry(null, file);
  const decoded = decodeCorpusFile(bytes, file, limit);
  // An empty registry is a registry without entries: readRegistry says so once.
  const diagnostics = decoded.diagnostics.filter((d) => d.code !== "corpus/empty");
  const empty = decoded.diagnostics.some((d) => d.code === "corpus/empty");
  if (decoded.text === null && !empty) return { registry: { documents: [] }, diagnostics, usable: false };
  const read = readRegistry(decoded.text ?? "", file);
  return { ...read, diagnostics: [...diagnostics, ...read.diagnostics] };
}

/**
 * Read and validate the registry.
 * @param text the registry's text (LF line ends), or null when the file does not exist
 * @param file repository-relative path, for diagnostics
 */
export function readRegistry(text: string | null, file: string): RegistryRead {
  const empty: Registry = { documents: [] };
  if (text === null) {
    return {
      registry: empty,
      diagnostics: [
        diag(
          "corpus/registry-invalid",
          { file, line: 1 },
          "registry not found: citations cannot be resolved and documents cannot be checked against it",
          "Create it with a top-level `documents:` list, one entry per known document.",
        ),
      ],
      usable: false,
    };
  }
  const parsed = parseYaml(text, file, 0, "corpus/registry-invalid");
  if (parsed.diagnostics.length) return { registry: empty, diagnostics: parsed.diagnostics, usable: false };
  // What is kept is decided in core, for every reader; here each problem gets its line.
  const { registry, problems } = validateRegistry(parsed.value);
  const diagnostics: Diagnostic[] = [];
  const positioned = (issues: z.core.$ZodIssue[], hint: string) =>
    diagnostics.push(
      ...issuesToDiagnostics(issues, parsed.yaml, "corpus/registry-invalid", "registry", hint),
    );
  for (const p of problems) {
    if (p.kind === "shape") {
      diagnostics.push(
        diag(
          "corpus/registry-invalid",
          { file, line: 1 },
          "registry must be a mapping with a `documents:` list",
          HINT,
        ),
      );
      return { registry: empty, diagnostics, usable: false };
    }
    if (p.kind === "unknown-key")
      positioned(
        [
          {
            code: "unrecognized_keys",
            keys: [p.key],
            path: [],
            message: "",
            input: parsed.value as Record<string, unknown>,
          },
        ],
        HINT,
      );
    else if (p.kind === "bodies-shape")
      diagnostics.push(
        diag("corpus/registry-invalid", { file, line: 1 }, "registry: `bodies:` must be a list", BODY_HINT),
      );
    else if (p.kind === "entry")
      positioned(
        p.issues.map((issue) => ({ ...issue, path: [p.list, p.index, ...issue.path] })),
        p.list === "documents" ? HINT : BODY_HINT,
      );
    else {
      // The entry's key: `symbol`, or `id` for a document without one.
      const node = (parsed.yaml.doc.getIn(["documents", p.index, "symbol"], true) ??
        parsed.yaml.doc.getIn(["documents", p.index, "id"], true)) as { range?: number[] } | undefined;
      const pos = parsed.yaml.lines.linePos(node?.range?.[0] ?? 0);
      diagnostics.push(
        diag(
          "corpus/registry-duplicate",
          { file, line: pos.line, column: pos.col },
          `registry: ${p.symbol} is listed twice (entries ${p.first + 1} and ${p.index + 1}); the first is used`,
          "Merge the two entries into one.",
        ),
      );
    }
  }
  return { registry, diagnostics, usable: true };
}
