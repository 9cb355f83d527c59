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
