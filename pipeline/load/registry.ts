/**
 * corpus/registry.yaml: every known document, and the bodies' names written in full. Validated
 * entry by entry, so that one bad entry costs only itself: the others still resolve citations.
 * Duplicate symbols keep the first entry.
 */
import { BodyEntry, type Diagnostic, type Registry, RegistryEntry } from "../../schemas/index.ts";
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
  const value = parsed.value as { documents?: unknown; bodies?: unknown } | null;
  const diagnostics: Diagnostic[] = [];
  if (!value || typeof value !== "object" || Array.isArray(value) || !Array.isArray(value.documents)) {
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
  for (const key of Object.keys(value)) {
    if (key !== "documents" && key !== "bodies") {
      diagnostics.push(
        ...issuesToDiagnostics(
          [{ code: "unrecognized_keys", keys: [key], path: [], message: "", input: value }],
          parsed.yaml,
          "corpus/registry-invalid",
          "registry",
          HINT,
        ),
      );
    }
  }
  const documents: Registry["documents"] = [];
  const seen = new Map<string, number>();
  value.documents.forEach((entry, i) => {
    const result = RegistryEntry.safeParse(entry);
    if (!result.success) {
      const issues = result.error.issues.map((issue) => ({
        ...issue,
        path: ["documents", i, ...issue.path],
      }));
      diagnostics.push(
        ...issuesToDiagnostics(issues, parsed.yaml, "corpus/registry-invalid", "registry", HINT),
      );
      return;
    }
    const first = seen.get(result.data.symbol);
    if (first !== undefined) {
      const node = parsed.yaml.doc.getIn(["documents", i, "symbol"], true) as
        | { range?: number[] }
        | undefined;
      const pos = parsed.yaml.lines.linePos(node?.range?.[0] ?? 0);
      diagnostics.push(
        diag(
          "corpus/registry-duplicate",
          { file, line: pos.line, column: pos.col },
          `registry: ${result.data.symbol} is listed twice (entries ${first + 1} and ${i + 1}); the first is used`,
          "Merge the two entries into one.",
        ),
      );
      return;
    }
    seen.set(result.data.symbol, i);
    documents.push(result.data);
  });
  const bodies: NonNullable<Registry["bodies"]> = [];
  const bodyList = Array.isArray(value.bodies) ? value.bodies : [];
  if (value.bodies !== undefined && !Array.isArray(value.bodies))
    diagnostics.push(
      diag("corpus/registry-invalid", { file, line: 1 }, "registry: `bodies:` must be a list", BODY_HINT),
    );
  bodyList.forEach((entry, i) => {
    const result = BodyEntry.safeParse(entry);
    if (result.success) bodies.push(result.data);
    else
      diagnostics.push(
        ...issuesToDiagnostics(
          result.error.issues.map((issue) => ({ ...issue, path: ["bodies", i, ...issue.path] })),
          parsed.yaml,
          "corpus/registry-invalid",
          "registry",
          BODY_HINT,
        ),
      );
  });
  return { registry: bodies.length ? { documents, bodies } : { documents }, diagnostics, usable: true };
}
