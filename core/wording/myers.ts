/**
 * The `diff` package's Myers diff (`diffArrays`, diff 9.0.0, lib/diff/base.js), step for step, on
 * ranges of two unit arrays: the same edit script, including which of several equally short
 * scripts it returns, without the package's per-call costs.
 *
 * Decision: the alignment (align.ts) diffs some 14k stretch pairs per 50k paragraphs, and the
 * package spends most of that time on its own bookkeeping, not on comparing units: each pair's
 * ids copied into fresh arrays, the best path of each diagonal kept in a JavaScript array indexed
 * by negative numbers (a dictionary, not an array, to the engine), a new object for every path
 * and every component, a value array sliced for each component. Here the paths live in typed
 * arrays indexed by diagonal plus an offset, the components in a typed-array pool, and the units
 * are read in place. Every choice is the package's own, in its order (the branch from the path
 * reaching further in the old text, ties to an insertion; the edge-of-graph bounds on the
 * diagonals, even where they leave diagonals of the other parity to be visited), because the
 * reuse stage's output depends on which alignment the diff returns (align.ts, the tie rule works
 * from it): test/core/wording/myers.test.ts checks every result against `diffArrays`.
 */
import type { UnitDiffOp } from "./align.ts";

const EQUAL = 0;
const ADDED = 1;
const REMOVED = 2;
/** No component (the package's `undefined` lastComponent). */
const NONE = -1;

// The component pool (a linked list per path, newest first, as the package's objects are) and
// the best path per diagonal, reused across calls and grown as needed.
let nodeCount = new Int32Array(4096);
let nodeKind = new Uint8Array(4096);
let nodePrev = new Int32Array(4096);
let nodes = 0;
let pathOld = new Int32Array(256);
let pathNode = new Int32Array(256);
let pathLive = new Uint8Array(256);

function node(count: number, kind: number, prev: number): number {
  if (nodes === nodeCount.length) {
    const grow = <T extends Int32Array | Uint8Array>(from: T, to: T): T => {
      to.set(from);
      return to;
    };
    nodeCount = grow(nodeCount, new Int32Array(nodes * 2));
    nodeKind = grow(nodeKind, new Uint8Array(nodes * 2));
    nodePrev = grow(nodePrev, new Int32Array(nodes * 2));
  }
  nodeCount[nodes] = count;
  nodeKind[nodes] = kind;
  nodePrev[nodes] = prev;
  return nodes++;
}

const NO_VALUE: readonly unknown[] = [];

/** The components ending at `last`, in order, as the package's change objects (counts, no values). */
function build(last: number): UnitDiffOp[] {
  const out: UnitDiffOp[] = [];
  for (let c = last; c !== NONE; c = nodePrev[c]!) {
    const kind = nodeKind[c]!;
    out.push({ count: nodeCount[c]!, added: kind === ADDED, removed: kind === REMOVED, value: NO_VALUE });
  }
  return out.reverse();
}

/**
 * `diffArrays(Array.from(a.subarray(a0, a1)), Array.from(b.subarray(b0, b1)), { maxEditLength })`,
 * with `value` left empty (read `count`): `a` is the old text (removed units), `b` the new (added
 * units). Undefined when no script of at most `maxEditLength` edits exists, as the package's.
 */
export function diffUnits(
  a: Int32Array,
  a0: number,
  a1: number,
  b: Int32Array,
  b0: number,
  b1: number,
  maxEditLength?: number,
): UnitDiffOp[] | undefined {
  const oldLen = a1 - a0;
  const newLen = b1 - b0;
  let maxEdit = newLen + oldLen;
  if (maxEditLength != null) maxEdit = Math.min(maxEdit, maxEditLength);
  // Diagonals read run from -(maxEdit + 1) to maxEdit + 1.
  const off = maxEdit + 1;
  const size = 2 * off + 1;
  if (pathLive.length < size) {
    const grown = Math.max(size, pathLive.length * 2);
    pathOld = new Int32Array(grown);
    pathNode = new Int32Array(grown);
    pathLive = new Uint8Array(grown);
  }
  pathLive.fill(0, 0, size);
  nodes = 0;

  /** The package's extractCommon: follow the snake from the path at diagonal d; returns newPos. */
  const extract = (d: number): number => {
    let oldPos = pathOld[d + off]!;
    let newPos = oldPos - d;
    const start = oldPos;
    while (newPos + 1 < newLen && oldPos + 1 < oldLen && a[a0 + oldPos + 1] === b[b0 + newPos + 1]) {
      newPos++;
      oldPos++;
    }
    if (oldPos > start) pathNode[d + off] = node(oldPos - start, EQUAL, pathNode[d + off]!);
    pathOld[d + off] = oldPos;
    return newPos;
  };

  pathOld[off] = -1;
  pathNode[off] = NONE;
  pathLive[off] = 1;
  let newPos = extract(0);
  if (pathOld[off]! + 1 >= oldLen && newPos + 1 >= newLen) return build(pathNode[off]!);
  let minDiagonal = Number.NEGATIVE_INFINITY;
  let maxDiagonal = Number.POSITIVE_INFINITY;
  for (let editLength = 1; editLength <= maxEdit; editLength++) {
    const top = Math.min(maxDiagonal, editLength);
    for (let d = Math.max(minDiagonal, -editLength); d <= top; d += 2) {
      const ri = d - 1 + off;
      const ai = d + 1 + off;
      const hasRemove = pathLive[ri] === 1;
      const removeOld = pathOld[ri]!;
      const removeNode = pathNode[ri]!;
      // The package clears the path it may branch from by removal: no one else reads it.
      if (hasRemove) pathLive[ri] = 0;
      const hasAdd = pathLive[ai] === 1;
      const addOld = pathOld[ai]!;
      let canAdd = false;
      if (hasAdd) {
        const addNew = addOld - d;
        canAdd = 0 <= addNew && addNew < newLen;
      }
      const canRemove = hasRemove && removeOld + 1 < oldLen;
      const at = d + off;
      if (!canAdd && !canRemove) {
        pathLive[at] = 0;
        continue;
      }
      // The package's addToPath: one more unit on the last component when it is of the same kind.
      let last: number;
      let kind: number;
      if (!canRemove || (canAdd && removeOld < addOld)) {
        last = pathNode[ai]!;
        kind = ADDED;
        pathOld[at] = addOld;
      } else {
        last = removeNode;
        kind = REMOVED;
        pathOld[at] = removeOld + 1;
      }
      pathNode[at] =
        last !== NONE && nodeKind[last] === kind
          ? node(nodeCount[last]! + 1, kind, nodePrev[last]!)
          : node(1, kind, last);
      pathLive[at] = 1;
      newPos = extract(d);
      const oldPos = pathOld[at]!;
      if (oldPos + 1 >= oldLen && newPos + 1 >= newLen) return build(pathNode[at]!);
      if (oldPos + 1 >= oldLen) maxDiagonal = Math.min(maxDiagonal, d - 1);
      if (newPos + 1 >= newLen) minDiagonal = Math.max(minDiagonal, d + 1);
    }
  }
  return undefined;
}
