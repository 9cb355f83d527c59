/**
 * The compare view's choice of topic and States, in the browser: the page holds every topic's
 * columns, empty; this fetches the chosen topic's own page, fills the columns from its lists
 * (`data-compare-list`, the same paragraphs as the build rendered them, moved across as nodes,
 * never as HTML strings), shows the chosen topic and States and hides the rest, and keeps the
 * choice in the URL (?topic=…&states=CN,US) so a comparison can be shared. One request per topic
 * chosen, from the same static files; without this script each topic links to its page.
 */

/** Fill a topic's empty columns from its page; resolves when done, rejects with what failed. */
async function fill(sec: HTMLElement): Promise<void> {
  if (sec.dataset.filled === "yes") return;
  const href = sec.querySelector<HTMLAnchorElement>("h2 a")?.getAttribute("href");
  if (!href) throw new Error("the topic's page is not linked");
  const res = await fetch(href);
  if (!res.ok) throw new Error(`${href}: HTTP ${res.status}`);
  const page = new DOMParser().parseFromString(await res.text(), "text/html");
  for (const ul of sec.querySelectorAll<HTMLUListElement>("ul[data-fill]")) {
    const from = page.querySelector(`ul[data-compare-list="${CSS.escape(ul.dataset.fill ?? "")}"]`);
    if (from) ul.replaceChildren(...[...from.children].map((li) => document.importNode(li, true)));
  }
  sec.dataset.filled = "yes";
  for (const note of sec.querySelectorAll<HTMLElement>("[data-fill-note]")) note.hidden = true;
}

export function wireCompare(): void {
  const form = document.querySelector<HTMLFormElement>("form[data-compare]");
  if (!form) return;
  const select = form.querySelector<HTMLSelectElement>("select[name=topic]");
  const boxes = [...form.querySelectorAll<HTMLInputElement>("input[name=state]")];
  const status = document.querySelector<HTMLElement>("[data-compare-status]");
  const params = new URLSearchParams(location.search);
  const topic = params.get("topic");
  // What the address asked for and the page cannot show is said, not dropped without a word: a
  // shared link to ?states=CN,US where CN has no tagged paragraph showed "1 State" and nothing
  // about CN, which read as if CN had been compared and said nothing.
  let notHere: string[] = [];
  if (select && topic) {
    if ([...select.options].some((o) => o.value === topic)) select.value = topic;
    else notHere.push(`no topic “${topic}”, so the first is shown`);
  }
  const wanted = params.get("states") ?? params.getAll("state").join(",");
  if (wanted) {
    const set = new Set(
      wanted
        .split(",")
        .map((s) => s.trim().toUpperCase())
        .filter(Boolean),
    );
    for (const b of boxes) b.checked = set.has(b.value);
    const known = new Set(boxes.map((b) => b.value));
    const missing = [...set].filter((c) => !known.has(c));
    if (missing.length)
      notHere.push(
        `${missing.join(", ")}: none of ${missing.length === 1 ? "its paragraphs carries a topic in the corpus, so it is" : "their paragraphs carries a topic in the corpus, so they are"} not on this page`,
      );
  }
  const apply = async () => {
    const t = select?.value ?? "";
    const chosen = boxes.filter((b) => b.checked).map((b) => b.value);
    let failed = "";
    const sections = [...document.querySelectorAll<HTMLElement>("section.compare-topic")];
    for (const sec of sections) {
      sec.hidden = sec.dataset.topic !== t;
      for (const col of sec.querySelectorAll<HTMLElement>("section.compare-col")) {
        col.hidden = col.dataset.state !== "agreed" && !chosen.includes(col.dataset.state ?? "");
      }
    }
    const shown = sections.find((sec) => !sec.hidden);
    if (shown)
      await fill(shown).catch((e: Error) => {
        failed = `The topic's paragraphs could not be loaded (${e.message}); its page is linked below.`;
      });
    const q = new URLSearchParams();
    if (t) q.set("topic", t);
    if (chosen.length) q.set("states", chosen.join(","));
    history.replaceState(null, "", `${location.pathname}?${q}`);
    // Said once the columns are filled, so the status means what is on the screen.
    if (status)
      status.textContent = [
        `Showing ${chosen.length} State${chosen.length === 1 ? "" : "s"} beside the agreed language.`,
        ...notHere.map((n) => `${n[0]?.toUpperCase()}${n.slice(1)}.`),
        ...(failed ? [failed] : []),
      ].join(" ");
  };
  // Once the reader chooses on the page, the address's request is no longer what is shown.
  const chooseHere = () => {
    notHere = [];
    void apply();
  };
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    chooseHere();
  });
  form.addEventListener("change", chooseHere);
  void apply();
}
