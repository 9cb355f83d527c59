/**
 * Cut a paragraph's (or footnote's) text into the pieces a page shows: plain text, the exact words
 * of each citation (to become a link), and footnote markers at their offsets.
 *
 * Decision: pages render these pieces as text nodes through Astro's escaping, never as HTML, so a
 * document whose text holds "<script>" shows those characters and runs nothing. Spans that
 * overlap an earlier citation are not linked (they are still listed under "What it cites").
 */

/** A piece of text to render. */
export type Segment<C> =
  | { kind: "text"; text: string }
  | { kind: "cite"; text: string; cite: C }
  | { kind: "mark"; mark: string };

/**
 * Split `text` by citation spans ([start, end) UTF-16 offsets) and footnote markers (`at`: the
 * offset just after which the marker stood). Every character of `text` is in exactly one piece,
 * in order: concatenating the text pieces gives `text` back.
 */
export function segment<C>(
  text: string,
  cites: ReadonlyArray<{ span: readonly [number, number]; cite: C }>,
  marks: ReadonlyArray<{ at: number; mark: string }> = [],
): Segment<C>[] {
  const kept: Array<{ start: number; end: number; cite: C }> = [];
  const sorted = [...cites]
    .filter((c) => c.span[0] >= 0 && c.span[1] <= text.length && c.span[0] < c.span[1])
    .sort((a, b) => a.span[0] - b.span[0] || b.span[1] - a.span[1]);
  let reach = 0;
  for (const c of sorted) {
    if (c.span[0] < reach) continue;
    kept.push({ start: c.span[0], end: c.span[1], cite: c.cite });
    reach = c.span[1];
  }
  const points = new Set<number>([0, text.length]);
  for (const k of kept) {
    points.add(k.start);
    points.add(k.end);
  }
  const clampedMarks = marks.map((m) => ({ at: Math.max(0, Math.min(text.length, m.at)), mark: m.mark }));
  for (const m of clampedMarks) points.add(m.at);
  const cuts = [...points].sort((a, b) => a - b);
  const out: Segment<C>[] = [];
  const emitMarks = (at: number) => {
    for (const m of clampedMarks) if (m.at === at) out.push({ kind: "mark", mark: m.mark });
  };
  emitMarks(0);
  for (let i = 0; i + 1 < cuts.length; i++) {
    const a = cuts[i]!;
    const b = cuts[i + 1]!;
    const piece = text.slice(a, b);
    const inside = kept.find((k) => k.start <= a && b <= k.end);
    if (piece)
      out.push(inside ? { kind: "cite", text: piece, cite: inside.cite } : { kind: "text", text: piece });
    emitMarks(b);
  }
  return out;
}

/**
 * The part [start, end) of a text with the citations and markers that stand in it, their offsets
 * moved to the part: a paragraph's bullet items are shown as a list, each item from its own part.
 * A citation that crosses the part's edge is left unlinked there (it is still listed).
 */
export function slice<C extends { span: readonly [number, number] }>(
  text: string,
  start: number,
  end: number,
  cites: readonly C[],
  marks: ReadonlyArray<{ at: number; mark: string }>,
): { text: string; cites: C[]; marks: Array<{ at: number; mark: string }> } {
  return {
    text: text.slice(start, end),
    cites: cites
      .filter((c) => c.span[0] >= start && c.span[1] <= end)
      .map((c) => ({ ...c, span: [c.span[0] - start, c.span[1] - start] as [number, number] })),
    marks: marks.filter((m) => m.at >= start && m.at <= end).map((m) => ({ ...m, at: m.at - start })),
  };
}
