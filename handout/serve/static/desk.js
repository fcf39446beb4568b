// The one thing the desk does with JavaScript: when another handout is chosen, list its
// languages (and their states) without a reload. Without JavaScript, the library's links do it.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const handout = document.getElementById("handout");
  const language = document.getElementById("language");
  const state = document.getElementById("state");
  if (!handout || !language) return;
  const showState = () => {
    const option = language.selectedOptions[0];
    if (!state || !option) return;
    const value = option.dataset.state || "";
    state.textContent = "";
    const mark = document.createElement("span");
    mark.className = "state " + (value === "approved" ? "approved" : "draft");
    mark.textContent = value === "approved" ? "Approved" : "DRAFT";
    state.append(mark);
    if (value !== "approved") state.append(` (${value}): prints with a DRAFT mark`);
  };
  language.addEventListener("change", showState);
  handout.addEventListener("change", async () => {
    const wanted = handout.value;
    if (wanted === language.dataset.handout) return;  // the list is this handout's already
    const response = await fetch("/handouts", { headers: { Accept: "application/json" } });
    if (!response.ok || handout.value !== wanted) return;
    const entry = (await response.json()).find((e) => e.id === wanted);
    if (!entry) return;
    const before = language.value;
    language.replaceChildren(...entry.languages.filter((l) => !l.error).map((l) => {
      const option = new Option(`${l.name} (${l.language}) · ${l.state}`, l.language);
      option.dataset.state = l.state;
      return option;
    }));
    language.dataset.handout = wanted;
    if ([...language.options].some((o) => o.value === before)) language.value = before;
    showState();
  });
});
