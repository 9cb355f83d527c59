/** Compact, readable forms of grammar output for table tests: one string per found reference. */
import type { Found } from "../../../core/cite/find.ts";
import type { Pin } from "../../../core/cite/pins.ts";

/** "annex I:16", "operative:1", "«国际法部分，…»:2", "whole". */
export function pinString(p: Pin): string {
  const bits = [
    p.part,
    p.operative ? "operative" : null,
    p.section ? `«${p.section}»` : null,
    p.num.join(".") || null,
  ];
  return bits.filter((b) => b !== null).join(":") || "whole";
}

/** "A/75/816 annex I:16", "self 23.a 23.b", "Charter 2(3)", "ibid 5". */
export function foundString(f: Found): string {
  if (f.kind === "charter") return `Charter ${f.article}${f.para ? `(${f.para})` : ""}`;
  if (f.kind === "short") return [f.form, ...(f.pins ?? []).map(pinString)].join(" ");
  return [f.ref === "self" ? "self" : f.symbols.join("|"), ...f.pins.map(pinString)].join(" ");
}
