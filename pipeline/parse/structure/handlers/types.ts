/** The shape of a handler: it receives the state and the classified block of its kind. */
import type { Classified, Kind } from "../classify.ts";
import type { ParseState } from "../state.ts";

/** Acts on one classified block of kind `K`, changing the parse state. */
export type Handler<K extends Kind> = (s: ParseState, c: Extract<Classified, { kind: K }>) => void;

/** One handler for every kind of block. */
export type Handlers = { [K in Kind]: Handler<K> };
