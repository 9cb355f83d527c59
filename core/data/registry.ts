/**
 * What a registry (corpus/registry.yaml) keeps, decided once for every reader: the build
 * (pipeline/load/registry.ts, which turns each problem into a diagnostic at its line), `acquis
 * cite` and `acquis import` (through the build's reader) and the site's citation resolver (through
 * `readRegistry` here). A registry that is not a `documents:` list is not read at all; otherwise
 * each entry is validated alone, so one bad entry costs only itself, and a symbol listed twice
 * keeps its first entry. Pure: the text comes from the caller.
 */
import YAML from "yaml";
import type { z } from "zod";
import { BodyEntry, type Registry, RegistryEntry } from "../../schemas/index.ts";

/** Something of the registry that was not kept, for the caller to report. */
export type RegistryProblem =
  /** Not a mapping with a `documents:` list: nothing is kept. */
  | { kind: "shape" }
  /** A top-level key other than `documents` and `bodies` (ignored). */
  | { kind: "unknown-key"; key: string }
  /** `bodies:` is not a list (ignored). */
  | { kind: "bodies-shape" }
  /** An entry of `documents` or `bodies` that breaks its schema (left out). */
  | { kind: "entry"; list: "documents" | "bodies"; index: number; issues: z.core.$ZodIssue[] }
  /** A symbol listed again (left out; the first is kept). */
  | { kind: "duplicate"; index: number; first: number; symbol: string };

/** Validate a registry's parsed YAML value, entry by entry. */
export function validateRegistry(value: unknown): { registry: Registry; problems: RegistryProblem[] } {
  const v = value as { documents?: unknown; bodies?: unknown } | null;
  if (!v || typeof v !== "object" || Array.isArray(v) || !Array.isArray(v.documents)) {
    return { registry: { documents: [] }, problems: [{ kind: "shape" }] };
  }
  const problems: RegistryProblem[] = [];
  for (const key of Object.keys(v)) {
    if (key !== "documents" && key !== "bodies") problems.push({ kind: "unknown-key", key });
  }
  const documents: Registry["documents"] = [];
  const seen = new Map<string, number>();
  v.documents.forEach((entry, index) => {
    const result = RegistryEntry.safeParse(entry);
    if (!result.success) {
      problems.push({ kind: "entry", list: "documents", index, issues: result.error.issues });
      return;
    }
    const first = seen.get(result.data.symbol);
    if (first !== undefined) {
      problems.push({ kind: "duplicate", index, first, symbol: result.data.symbol });
      return;
    }
    seen.set(result.data.symbol, index);
    documents.push(result.data);
  });
  const bodies: NonNullable<Registry["bodies"]> = [];
  if (v.bodies !== undefined && !Array.isArray(v.bodies)) problems.push({ kind: "bodies-shape" });
  (Array.isArray(v.bodies) ? v.bodies : []).forEach((entry, index) => {
    const result = BodyEntry.safeParse(entry);
    if (result.success) bodies.push(result.data);
    else problems.push({ kind: "entry", list: "bodies", index, issues: result.error.issues });
  });
  return { registry: bodies.length ? { documents, bodies } : { documents }, problems };
}

/**
 * The registry as the site's resolver reads it: the entries the build keeps, the others left
 * out. Throws when the text is not YAML or not a registry at all (the build refuses such a
 * registry before the site is built, with line and column).
 */
export function readRegistry(text: string): Registry {
  const doc = YAML.parseDocument(text, { merge: true });
  if (doc.errors.length)
    throw new Error(`the registry is not YAML: ${doc.errors[0]!.message.split("\n")[0]}`);
  const { registry, problems } = validateRegistry(doc.toJS());
  if (problems.some((p) => p.kind === "shape")) throw new Error("the registry is not a `documents:` list");
  return registry;
}
