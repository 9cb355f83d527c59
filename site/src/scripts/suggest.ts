/**
 * Type-ahead on the site's search boxes (every `input[data-suggest]`): as one types, the
 * documents, States and topics whose symbol or name begins with it (core/search/suggest.ts over
 * /search/suggest.json); choosing one opens its page, and Enter without choosing searches as
 * before. The ARIA combobox pattern: the list is a listbox, arrows move through it, Escape
 * closes it, and the box says which option is active.
 *
 * Decision: nothing is fetched until a box gets focus, and MiniSearch comes in its own chunk
 * (a dynamic import), so a page that is only read pays nothing for it.
 */
import type MiniSearch from "minisearch";
import type { SuggestEntry, SuggestFile, Suggestion } from "../../../core/search/suggest.ts";

type Index = { suggest: (typed: string) => Suggestion[] };

let loading: Promise<Index> | null = null;

/** The suggestion index, loaded once per page. */
function load(): Promise<Index> {
  loading ??= Promise.all([
    import("../../../core/search/suggest.ts"),
    fetch("/search/suggest.json").then((r) => {
      if (!r.ok) throw new Error(`suggestions: HTTP ${r.status}`);
      return r.json() as Promise<SuggestFile>;
    }),
  ]).then(([m, file]) => {
    const index: MiniSearch<SuggestEntry> = m.suggestionIndex(file.entries);
    return { suggest: (typed: string) => m.suggest(index, typed, 8) };
  });
  return loading;
}

const KIND = { document: "Document", state: "State", topic: "Topic" } as const;

function wire(input: HTMLInputElement): void {
  const list = document.createElement("ul");
  list.id = `${input.id}-suggestions`;
  list.className = "suggestions";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", "Suggestions: documents, States, topics");
  list.hidden = true;
  input.after(list);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", list.id);
  input.autocomplete = "off";
  let items: Suggestion[] = [];
  let active = -1;

  const show = () => {
    list.replaceChildren(
      ...items.map((s, i) => {
        const li = document.createElement("li");
        li.id = `${list.id}-${i}`;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", String(i === active));
        const kind = document.createElement("span");
        kind.className = "kind";
        kind.textContent = KIND[s.kind];
        const label = document.createElement("span");
        label.className = "label";
        label.textContent = s.label;
        const detail = document.createElement("span");
        detail.className = "detail muted";
        detail.textContent = s.detail;
        li.append(kind, " ", label, detail);
        // mousedown, not click: the box keeps focus, and the page opens at once.
        li.addEventListener("mousedown", (e) => {
          e.preventDefault();
          location.assign(s.url);
        });
        return li;
      }),
    );
    list.hidden = items.length === 0;
    input.setAttribute("aria-expanded", String(items.length > 0));
    if (active >= 0) input.setAttribute("aria-activedescendant", `${list.id}-${active}`);
    else input.removeAttribute("aria-activedescendant");
  };
  const close = () => {
    items = [];
    active = -1;
    show();
  };

  input.addEventListener("focus", () => {
    load().catch(() => {});
  });
  input.addEventListener("input", async () => {
    const typed = input.value;
    // A pasted sentence is a search, not a name being typed.
    if (!typed.trim() || typed.length > 80) return close();
    let index: Index;
    try {
      index = await load();
    } catch {
      return close();
    }
    if (input.value !== typed) return;
    items = index.suggest(typed);
    active = -1;
    show();
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (!items.length) return;
      e.preventDefault();
      // Positions 0..n: the box itself, then each option; the arrows go round.
      const step = e.key === "ArrowDown" ? 1 : -1;
      active = ((active + 1 + step + items.length + 1) % (items.length + 1)) - 1;
      show();
    } else if (e.key === "Enter" && active >= 0) {
      e.preventDefault();
      location.assign((items[active] as Suggestion).url);
    } else if (e.key === "Escape" && items.length) {
      e.preventDefault();
      close();
    }
  });
  input.addEventListener("blur", close);
}

/** Give every `input[data-suggest]` of the page its type-ahead. */
export function wireSuggestions(): void {
  for (const input of document.querySelectorAll<HTMLInputElement>("input[data-suggest]")) wire(input);
}
