/** [start, end) ranges of a text: highlights, shared wording. */

/** Merge [start, end) ranges: sorted, overlaps joined. */
export function mergeRanges(ranges: Array<[number, number]>): Array<[number, number]> {
  const s = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Array<[number, number]> = [];
  for (const r of s) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

/**
 * The position in `spans` (sorted by `first`, the first holding 0) of the last span starting at
 * or before `n`: the document holding item n where documents are numbered runs of items (the
 * search engine's paragraphs, the index's rows, the reuse memo's old paragraphs). 0 when none is.
 */
export function spanHolding(spans: ArrayLike<{ first: number }>, n: number): number {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (spans[mid]!.first <= n) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
