/**
 * SHA-256 in hex, for content keys and the manifest. Apart from host.ts (which re-exports it) so
 * that code which must not touch the disk can hash without importing the host.
 */
import { createHash } from "node:crypto";

/** Hex SHA-256 of some bytes (or of several parts, in order). */
export function sha256(...parts: Array<Uint8Array | string>): string {
  const h = createHash("sha256");
  for (const p of parts) h.update(p);
  return h.digest("hex");
}

/** Hex SHA-256 of a sequence of parts, in order (for sequences too long to spread). */
export function sha256Of(parts: Iterable<Uint8Array | string>): string {
  const h = createHash("sha256");
  for (const p of parts) h.update(p);
  return h.digest("hex");
}
