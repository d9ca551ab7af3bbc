// The brochure page's few behaviours, in plain JavaScript: search the careers, build a new
// preview when a choice changes (with progress), check colours and the logo as they are
// chosen. Everything also works by submitting the forms.
"use strict";

(function () {
  const choose = document.getElementById("choose");
  const brand = document.getElementById("brand");
  const status = document.getElementById("status");
  const bar = document.getElementById("progress");
  const results = document.getElementById("results");
  // Sent back with every change: the server takes changes only from the page it served.
  const token = document.querySelector('meta[name="brochure-token"]').content;
  let current = null; // the id of the newest build
  let timer = null;

  // ---- Choose: search, count, build on change ----
  const search = document.getElementById("search");
  const items = Array.from(document.querySelectorAll("#career-list li"));
  const others = document.getElementById("occupations");
  let asked = 0;
  let searchTimer = null;
  // Careers whose titles or code hold every word typed show at once; then the server adds
  // those it finds by the words people use (other titles, codes without the dash, plurals,
  // small typos) and offers occupations that have no record yet.
  function show(query, found, hits) {
    let shown = 0;
    for (const li of items) {
      const hit = !query || found.has(li.querySelector("input").value);
      li.hidden = !hit;
      if (hit) shown += 1;
    }
    const list = others.querySelector("ul");
    list.innerHTML = "";
    for (const h of hits.filter((h) => !h.career).slice(0, 5)) {
      const li = document.createElement("li");
      li.textContent = h.matched ? `${h.title} (also called ${h.matched}) ` : `${h.title} `;
      const a = document.createElement("a");
      a.href = h.start;
      a.textContent = "Start this career";
      a.setAttribute("aria-label", `Start this career: ${h.title}`);
      li.appendChild(a);
      list.appendChild(li);
    }
    others.hidden = !list.children.length;
    document.getElementById("no-match").hidden = shown > 0 || !others.hidden;
    document.getElementById("search-count").textContent =
      query ? `${shown} of ${items.length} careers match` : `${items.length} careers`;
  }
  function filter() {
    const query = search.value.trim();
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    const found = new Set(items.filter((li) => words.every((w) => li.dataset.search.includes(w)))
      .map((li) => li.querySelector("input").value));
    show(query, found, []);
    clearTimeout(searchTimer);
    if (query) searchTimer = setTimeout(() => ask(query, found), 120);
  }
  async function ask(query, found) {
    const mine = ++asked;
    let hits;
    try {
      const response = await fetch(`/api/find?q=${encodeURIComponent(query)}`);
      hits = (await response.json()).hits || [];
    } catch (err) {
      return; // the words typed still filter the list
    }
    if (mine !== asked || search.value.trim() !== query) return;
    for (const h of hits) if (h.career) found.add(h.career);
    show(query, found, hits);
  }
  search.addEventListener("input", filter);
  search.addEventListener("keydown", (e) => {
    if (e.key === "Enter") e.preventDefault(); // Enter searches; it does not submit
  });

  function chosen() {
    return Array.from(choose.querySelectorAll("input[name=careers]:checked")).map((c) => c.value);
  }
  function countChosen() {
    document.getElementById("chosen-count").textContent = `(${chosen().length} chosen)`;
  }
  document.getElementById("clear").addEventListener("click", () => {
    for (const box of choose.querySelectorAll("input[name=careers]:checked")) box.checked = false;
    countChosen();
    schedule();
  });
  const layout = document.getElementById("layout");
  layout.addEventListener("change", () => {
    document.getElementById("layout-hint").textContent = layout.selectedOptions[0].title;
  });

  choose.addEventListener("change", (e) => {
    if (e.target === search) return;
    countChosen();
    schedule();
  });
  choose.addEventListener("submit", (e) => {
    e.preventDefault();
    startBuild();
  });

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(startBuild, 350);
  }

  function say(text, kind) {
    status.innerHTML = "";
    const p = document.createElement("p");
    p.textContent = text;
    if (kind) p.className = kind;
    status.appendChild(p);
  }

  async function startBuild() {
    clearTimeout(timer);
    const careers = chosen();
    if (!careers.length) {
      current = null;
      bar.hidden = true;
      results.innerHTML = "";
      say("Tick one or more careers to see their pages here.", "hint");
      return;
    }
    const data = new FormData(choose);
    const body = {
      careers: careers,
      layout: data.get("layout"),
      paper: data.get("paper"),
      state: data.get("state") || null,
      bleed: data.get("bleed") === "on",
      grayscale: data.get("grayscale") === "on",
    };
    results.setAttribute("aria-busy", "true");
    say(`Building ${careers.length} brochure${careers.length === 1 ? "" : "s"}…`);
    bar.hidden = false;
    bar.max = careers.length + 2;
    bar.value = 0;
    let answer;
    try {
      const response = await fetch("/api/build", {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Brochure-Token": token },
        body: JSON.stringify(body),
      });
      answer = await response.json();
      if (!response.ok) throw new Error(answer.error || "The build could not start.");
    } catch (err) {
      failed(err);
      return;
    }
    current = answer.id;
    poll(answer.id);
  }

  function failed(err) {
    bar.hidden = true;
    results.removeAttribute("aria-busy");
    const text = err instanceof TypeError
      ? "The page cannot reach the brochure server. Is 'brochure serve' still running?"
      : err.message;
    say(text, "problem-text");
  }

  async function poll(id) {
    let job;
    try {
      const response = await fetch(`/api/jobs/${id}`);
      job = await response.json();
      if (!response.ok) throw new Error(job.error || "The build was lost.");
    } catch (err) {
      if (id === current) failed(err);
      return;
    }
    if (id !== current) return; // a newer choice has taken over
    bar.max = job.total;
    bar.value = job.done;
    if (!job.finished) {
      say(`${job.step}…`);
      setTimeout(() => poll(id), 250);
      return;
    }
    try {
      const response = await fetch(`/jobs/${id}/results`);
      if (!response.ok) throw new Error("The results could not be shown; preview again.");
      const html = await response.text();
      if (id !== current) return;
      results.innerHTML = html;
    } catch (err) {
      failed(err);
      return;
    }
    results.removeAttribute("aria-busy");
    bar.hidden = true;
    if (job.status === "done") say(job.step + ".");
    else if (job.status === "failed") say("The brochures could not be built: see below.", "problem-text");
  }

  // ---- Brand: colours and their contrast, the logo's type and size ----
  function luminance(hex) {
    const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
    const [r, g, b] = channels.map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }
  function contrastWithWhite(hex) {
    return 1.05 / (luminance(hex) + 0.05);
  }
  function normal(value) {
    const v = value.trim();
    if (/^#[0-9a-fA-F]{6}$/.test(v)) return v.toLowerCase();
    if (/^[0-9a-fA-F]{6}$/.test(v)) return "#" + v.toLowerCase();
    return null;
  }
  for (const input of brand.querySelectorAll("input[data-colour]")) {
    const picker = document.getElementById(input.id + "-picker");
    const sample = document.getElementById(input.id + "-sample");
    const note = document.getElementById(input.id + "-note");
    const isPrimary = input.dataset.colour === "primary";
    const error = document.getElementById(input.id + "-error");
    let saved = error.textContent ? input.value : null; // the value the server refused
    const update = () => {
      const hex = normal(input.value);
      if (hex) {
        picker.value = hex;
        sample.style.background = hex;
      }
      note.className = "note";
      if (saved !== null) {
        if (input.value === saved) return; // the server's message already says it
        saved = null;
        error.textContent = ""; // the note below speaks for the new value
        input.removeAttribute("aria-invalid");
      }
      if (!hex) {
        note.textContent = input.value.trim() ? "Write the colour as # and six digits or letters a–f, like #1d4e89." : "";
        if (input.value.trim()) note.classList.add("bad");
        return;
      }
      if (!isPrimary) { note.textContent = ""; return; }
      const ratio = contrastWithWhite(hex);
      let shown = ratio.toFixed(1); // as the saved file's check says it
      if (ratio < 4.5 && shown === "4.5") shown = "4.4";
      if (ratio < 4.5) {
        note.textContent = `White text on this colour: ${shown}:1. Too faint: it needs at least 4.5:1 to be read easily. Choose a darker colour.`;
        note.classList.add("bad");
      } else {
        note.textContent = `White text on this colour: ${shown}:1. Easy to read.`;
        note.classList.add("good");
      }
    };
    input.addEventListener("input", update);
    picker.addEventListener("input", () => { input.value = picker.value; update(); });
    update();
  }

  const logo = document.getElementById("f-logo");
  const logoError = document.getElementById("f-logo-error");
  logo.addEventListener("change", () => {
    const file = logo.files[0];
    let text = "";
    if (file && file.size > Number(logo.dataset.max)) {
      const mb = (file.size / 1e6).toFixed(1);
      text = `The file ${file.name} is ${mb} MB; a logo can be at most ${Number(logo.dataset.max) / 1e6} MB. Choose a smaller PNG or JPEG file.`;
    }
    logoError.textContent = text;
    logo.setCustomValidity(text);
    if (text) logo.setAttribute("aria-invalid", "true");
    else logo.removeAttribute("aria-invalid");
  });
  brand.addEventListener("submit", (e) => {
    if (!logo.validity.valid) {
      e.preventDefault();
      logo.focus();
    }
  });

  // Show where the saved details' problems are.
  const summary = document.getElementById("brand-summary");
  if (summary) summary.focus();

  // A page opened with careers ticked previews them at once (unchanged ones are not rebuilt).
  if (chosen().length) startBuild();
})();
