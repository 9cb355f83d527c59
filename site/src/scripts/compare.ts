/**
 * The compare view's choice of topic and States, in the browser: the page holds every topic's
 * paragraphs of every State; this shows the chosen topic and States and hides the rest, and keeps
 * the choice in the URL (?topic=…&states=CN,US) so a comparison can be shared. No request is made:
 * the page works from a static file server, and without this script it shows everything.
 */
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
  const apply = () => {
    const t = select?.value ?? "";
    const chosen = boxes.filter((b) => b.checked).map((b) => b.value);
    for (const sec of document.querySelectorAll<HTMLElement>("section.compare-topic")) {
      sec.hidden = sec.dataset.topic !== t;
      for (const col of sec.querySelectorAll<HTMLElement>("section.compare-col")) {
        col.hidden = col.dataset.state !== "agreed" && !chosen.includes(col.dataset.state ?? "");
      }
    }
    const q = new URLSearchParams();
    if (t) q.set("topic", t);
    if (chosen.length) q.set("states", chosen.join(","));
    history.replaceState(null, "", `${location.pathname}?${q}`);
    if (status)
      status.textContent = [
        `Showing ${chosen.length} State${chosen.length === 1 ? "" : "s"} beside the agreed language.`,
        ...notHere.map((n) => `${n[0]?.toUpperCase()}${n.slice(1)}.`),
      ].join(" ");
  };
  // Once the reader chooses on the page, the address's request is no longer what is shown.
  const chooseHere = () => {
    notHere = [];
    apply();
  };
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    chooseHere();
  });
  form.addEventListener("change", chooseHere);
  apply();
}
