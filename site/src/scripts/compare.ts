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
  if (select && topic && [...select.options].some((o) => o.value === topic)) select.value = topic;
  const wanted = params.get("states") ?? params.getAll("state").join(",");
  if (wanted) {
    const set = new Set(wanted.split(",").map((s) => s.trim().toUpperCase()));
    for (const b of boxes) b.checked = set.has(b.value);
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
      status.textContent = `Showing ${chosen.length} State${chosen.length === 1 ? "" : "s"} beside the agreed language.`;
  };
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    apply();
  });
  form.addEventListener("change", apply);
  apply();
}
