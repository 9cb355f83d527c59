/**
 * The stages after parsing, in the order data flows: corpus -> parse -> cite -> reuse -> index.
 * The build runner parses every document, then runs these in order; each gets what the parse
 * produced plus the outputs of earlier stages, and returns files for `dist/data/` and diagnostics.
 * A stage never reads a later stage's output and never touches the disk itself.
 */
import type { Diagnostic, DocumentRecord, Paragraph, Registry, WorkingPaper } from "../schemas/index.ts";
import { citeStage } from "./cite/stage.ts";
import { indexStage } from "./index/stage.ts";
import { reuseStage } from "./reuse/stage.ts";

export interface BuildContext {
  /** Every parsed document, sorted by symbol then language. */
  documents: DocumentRecord[];
  /** Every paragraph, documents in the order above, each document in reading order. */
  paragraphs: Paragraph[];
  registry: Registry;
  workingPapers: WorkingPaper[];
  /** What earlier stages handed on (`data`), by stage name. */
  outputs: Record<string, unknown>;
}

export interface StageResult {
  /** Files to write, relative to `dist/data/`; strings are written as UTF-8. */
  files: Record<string, string | Uint8Array>;
  diagnostics: Diagnostic[];
  /** Handed to later stages as `ctx.outputs[name]`. */
  data?: unknown;
}

export interface Stage {
  name: string;
  run(ctx: BuildContext): StageResult | Promise<StageResult>;
}

/** Registered stages. Add yours here, after the stages it reads from. */
export const STAGES: Stage[] = [citeStage, reuseStage, indexStage];
