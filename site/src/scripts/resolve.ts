/**
 * The citation resolver page in the browser: read ?c= from the URL, look it up with the core
 * grammar and resolution over the files the build wrote (lib/resolve.ts), then go to the
 * paragraph, or say what was read and precisely what is not there. Drawn with textContent only.
 */
import { type AnswerLine, answerOf, lookupPasted } from "../lib/resolve.ts";

function line({ text, href }: AnswerLine): HTMLElement {
  const p = document.createElement("p");
  if (href) {
    const a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    p.append(a);
  } else p.textContent = text;
  return p;
}

/** Fetch one of the resolver's files as JSON; a missing file is an error the page reports. */
async function getJson(path: string): Promise<unknown> {
  const res = await fetch(path);
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return res.json();
}

/** Wire the resolver page. */
export async function runResolvePage(): Promise<void> {
  const raw = new URLSearchParams(location.search).get("c") ?? "";
  const input = document.getElementById("c") as HTMLInputElement;
  const out = document.getElementById("resolve-result")!;
  input.value = raw;
  if (!raw.trim()) return;
  let answer: ReturnType<typeof answerOf>;
  try {
    answer = answerOf(await lookupPasted(raw, { get: getJson }));
  } catch (e) {
    out.replaceChildren(line({ text: `The resolver's data could not be loaded: ${(e as Error).message}` }));
    return;
  }
  out.replaceChildren(...answer.lines.map(line));
  if (answer.go) location.replace(answer.go);
}
