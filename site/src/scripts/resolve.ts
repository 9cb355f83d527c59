/**
 * The citation resolver page in the browser: read ?c= from the URL, look it up with the core
 * grammar and resolution over the files the build wrote (lib/resolve.ts), then go to the
 * paragraph, or say what was read, what was not, and precisely what is not there. Drawn with
 * textContent only.
 *
 * Decision: a citation submitted on the page is looked up in place (the URL gains ?c= through
 * history, so it stays shareable and Back returns to the previous answer) instead of reloading the
 * page and its script for each one; without scripts the form still submits ?c= as a plain GET.
 * The answer container carries the query it answers (`data-query`), so whoever waits for an answer
 * (a person's assistive technology, a test) knows which one is shown.
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

/** The citation in the page's URL. */
function queryOfUrl(): string {
  return new URLSearchParams(location.search).get("c") ?? "";
}

/** Look up `raw` and show the answer; go to its target when the answer says so. */
async function show(raw: string, input: HTMLInputElement, out: HTMLElement): Promise<void> {
  input.value = raw;
  if (!raw.trim()) {
    out.replaceChildren();
    out.dataset.query = raw;
    return;
  }
  let answer: ReturnType<typeof answerOf>;
  try {
    answer = answerOf(await lookupPasted(raw, { get: getJson }));
  } catch (e) {
    out.replaceChildren(line({ text: `The resolver's data could not be loaded: ${(e as Error).message}` }));
    out.dataset.query = raw;
    return;
  }
  // A later submission may have been answered first: show only the answer to what the box holds.
  if (input.value !== raw) return;
  out.replaceChildren(...answer.lines.map(line));
  out.dataset.query = raw;
  if (answer.go) location.replace(answer.go);
}

/** Wire the resolver page. */
export async function runResolvePage(): Promise<void> {
  const form = document.getElementById("resolve-form") as HTMLFormElement;
  const input = document.getElementById("c") as HTMLInputElement;
  const out = document.getElementById("resolve-result")!;
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const raw = input.value;
    history.pushState(null, "", `${location.pathname}?c=${encodeURIComponent(raw)}`);
    void show(raw, input, out);
  });
  window.addEventListener("popstate", () => void show(queryOfUrl(), input, out));
  await show(queryOfUrl(), input, out);
}
