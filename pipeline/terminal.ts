/**
 * Text for a terminal. Corpus text, file names and what a server answers can hold control
 * characters; a terminal obeys them: ESC starts sequences that retitle the window, move the
 * cursor or rewrite earlier lines, CR returns to the line's start and forges what follows, BEL
 * rings. Every command that prints such text prints it through `terminalSafe`, which shows each
 * control character as a visible stand-in instead, so nothing printed can act on the terminal
 * and the reader still sees that something was there.
 *
 * Decisions:
 * - Replaced, not dropped: C0 controls and DEL by their Unicode "control pictures" (ESC -> ␛,
 *   BEL -> ␇), C1 controls (U+0080-U+009F, which some terminals read as ESC sequences) by U+FFFD.
 *   Tab and line feed stay: they only lay text out.
 * - The data keeps the text as issued; only what is printed for people is changed. JSON output
 *   escapes C0 by itself; `jsonSafe` escapes DEL and C1 too, so the JSON stays the same value.
 * - The commands' own colours and progress line are added after this, never passed through it.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** `text` with every control character but tab and line feed shown as a visible stand-in. */
export function terminalSafe(text: string): string {
  return text.replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    if (code === 0x7f) return "\u2421";
    return "\ufffd";
  });
}

/** JSON text with DEL and C1 controls escaped too (JSON.stringify escapes only C0). */
export function jsonSafe(json: string): string {
  return json.replace(/[\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
