// The brochure page's few behaviours, in plain JavaScript: search the careers, say what is
// chosen, build a new preview when a choice changes (with progress), save the school's
// details as they are typed, check colours and the logo as they are chosen, and open
// preview pages large. Everything also works by submitting the forms.
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

  // Every change previews at once: the button is for pages without this script.
  document.getElementById("preview-button").hidden = true;
  document.getElementById("autosave-hint").hidden = false;

  // ---- Choose: search, say what is chosen, build on change ----
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

  function boxes() {
    return Array.from(choose.querySelectorAll("input[name=careers]:checked"));
  }
  function chosen() {
    return boxes().map((c) => c.value);
  }
  function titleOf(box) {
    return box.parentElement.querySelector(".title").textContent;
  }
  // What is chosen, in words, where it can be seen: above the list and beside the preview.
  function sayChosen() {
    const titles = boxes().map(titleOf);
    document.getElementById("chosen-count").textContent = `(${titles.length} chosen)`;
    const text = document.getElementById("chosen-text");
    text.textContent = "";
    if (titles.length) {
      const lead = document.createElement("strong");
      lead.textContent = "Chosen:";
      text.append(lead, ` ${titles.join(", ")}.`);
    } else {
      text.textContent = "No career chosen yet.";
    }
    document.getElementById("clear").hidden = !titles.length;
    document.getElementById("to-preview").hidden = !titles.length;
    document.getElementById("choice-careers").textContent =
      titles.length ? titles.join(", ") : "none chosen yet";
  }
  function sayLayout() {
    const data = new FormData(choose);
    const parts = [layout.selectedOptions[0].textContent.trim(),
      data.get("paper") === "a4" ? "A4" : "Letter"];
    const state = document.getElementById("state");
    if (state.value) parts.push(`${state.selectedOptions[0].textContent.trim()} pay`);
    if (data.get("bleed") === "on") parts.push("print-shop file");
    if (data.get("grayscale") === "on") parts.push("grey only");
    document.getElementById("choice-layout").textContent = parts.join(", ");
  }
  const clear = document.getElementById("clear");
  clear.hidden = !boxes().length;
  clear.addEventListener("click", () => {
    for (const box of boxes()) box.checked = false;
    sayChosen();
    search.focus(); // the button has just gone: focus goes where the next choice is made
    schedule();
  });
  const layout = document.getElementById("layout");
  layout.addEventListener("change", () => {
    document.getElementById("layout-hint").textContent = layout.selectedOptions[0].title;
  });

  choose.addEventListener("change", (e) => {
    if (e.target === search) return;
    sayChosen();
    sayLayout();
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
    say(reason(err), "problem-text");
  }
  function reason(err) {
    return err instanceof TypeError
      ? "The page cannot reach the brochure server. Is 'brochure serve' still running?"
      : err.message;
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

  // ---- Preview pages opened large: click or Enter, arrow keys, Escape ----
  const zoom = document.getElementById("zoom");
  const zoomTitle = document.getElementById("zoom-title");
  const zoomPicture = document.getElementById("zoom-picture");
  let zoomPages = [];
  let zoomAt = 0;
  function showPage(at) {
    zoomAt = (at + zoomPages.length) % zoomPages.length;
    const link = zoomPages[zoomAt];
    const small = link.querySelector("img");
    zoomTitle.textContent = small.alt;
    zoomPicture.alt = small.alt;
    zoomPicture.width = small.width * 4;
    zoomPicture.height = small.height * 4;
    zoomPicture.src = link.dataset.large;
    zoom.scrollTop = 0;
  }
  results.addEventListener("click", (e) => {
    const link = e.target.closest("a.page");
    if (!link || e.ctrlKey || e.metaKey || e.shiftKey) return; // a new tab, if asked for
    e.preventDefault();
    zoomPages = Array.from(results.querySelectorAll("a.page"));
    showPage(zoomPages.indexOf(link));
    zoom.showModal();
    document.getElementById("zoom-close").focus();
  });
  zoom.addEventListener("keydown", (e) => {
    if (e.key === "ArrowRight") showPage(zoomAt + 1);
    else if (e.key === "ArrowLeft") showPage(zoomAt - 1);
    else return;
    e.preventDefault();
  });
  document.getElementById("zoom-next").addEventListener("click", () => showPage(zoomAt + 1));
  document.getElementById("zoom-previous").addEventListener("click", () => showPage(zoomAt - 1));
  document.getElementById("zoom-close").addEventListener("click", () => zoom.close());
  zoom.addEventListener("click", (e) => { if (e.target === zoom) zoom.close(); }); // the backdrop
  zoom.addEventListener("close", () => {
    // Back to the page last shown, which may not be the one opened.
    const link = zoomPages[zoomAt];
    if (link && link.isConnected) link.focus();
  });

  // ---- Colours: contrast, and the nearest shade that passes (as the server works it out) ----
  const linear = (c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  const gamma = (c) => (c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055);
  const channels = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const hexOf = (rgb) => "#" + rgb.map((c) =>
    Math.round(Math.max(0, Math.min(1, c)) * 255).toString(16).padStart(2, "0")).join("");
  function luminance(hex) {
    const [r, g, b] = channels(hex).map(linear);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }
  function contrastWithWhite(hex) {
    return 1.05 / (luminance(hex) + 0.05);
  }
  function toOklch(hex) {
    const [r, g, b] = channels(hex).map(linear);
    const l = (0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b) ** (1 / 3);
    const m = (0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b) ** (1 / 3);
    const s = (0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b) ** (1 / 3);
    const a = 1.9779984951 * l - 2.4285922050 * m + 0.4505937099 * s;
    const bb = 0.0259040371 * l + 0.7827717662 * m - 0.8086757660 * s;
    const hue = ((Math.atan2(bb, a) * 180) / Math.PI + 360) % 360;
    return [0.2104542553 * l + 0.7936177850 * m - 0.0040720468 * s, Math.hypot(a, bb), hue];
  }
  function fromOklch(lightness, chroma, hue) {
    const a = chroma * Math.cos((hue * Math.PI) / 180);
    const b = chroma * Math.sin((hue * Math.PI) / 180);
    const l = (lightness + 0.3963377774 * a + 0.2158037573 * b) ** 3;
    const m = (lightness - 0.1055613458 * a - 0.0638541728 * b) ** 3;
    const s = (lightness - 0.0894841775 * a - 1.2914855480 * b) ** 3;
    return [4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s,
      -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s,
      -0.0041960563 * l - 0.7034186147 * m + 1.7076147010 * s];
  }
  function inGamut(lightness, chroma, hue) {
    let low = 0;
    let high = chroma;
    for (let i = 0; i < 24; i += 1) {
      const middle = (low + high) / 2;
      if (fromOklch(lightness, middle, hue).every((c) => c >= -1e-6 && c <= 1 + 1e-6)) low = middle;
      else high = middle;
    }
    return hexOf(fromOklch(lightness, low, hue).map((c) => gamma(Math.max(0, Math.min(1, c)))));
  }
  function darkerShade(hex, minimum) {
    if (contrastWithWhite(hex) >= minimum) return hex;
    let [lightness, chroma, hue] = toOklch(hex);
    if (chroma < 0.002) chroma = 0; // a grey: its hue is rounding noise
    let low = 0;
    let high = lightness;
    for (let i = 0; i < 30; i += 1) {
      const middle = (low + high) / 2;
      if (contrastWithWhite(inGamut(middle, chroma, hue)) >= minimum) low = middle;
      else high = middle;
    }
    return inGamut(low, chroma, hue);
  }
  window.brochureShade = darkerShade; // for the tests: the page and the server agree

  function normal(value) {
    const v = value.trim();
    if (/^#[0-9a-fA-F]{6}$/.test(v)) return v.toLowerCase();
    if (/^[0-9a-fA-F]{6}$/.test(v)) return "#" + v.toLowerCase();
    return null;
  }
  const shadeBox = document.getElementById("f-primary-shade");
  const useShade = document.getElementById("use-shade");
  useShade.hidden = false;
  const colourChecks = {};
  for (const input of brand.querySelectorAll("input[data-colour]")) {
    const picker = document.getElementById(input.id + "-picker");
    const sample = document.getElementById(input.id + "-sample");
    const note = document.getElementById(input.id + "-note");
    const isPrimary = input.dataset.colour === "primary";
    const error = document.getElementById(input.id + "-error");
    let refused = error.textContent ? input.value : null; // the value the server refused
    const update = () => {
      const hex = normal(input.value);
      if (hex) {
        picker.value = hex;
        // As it prints: white text on the main colour only where it can be read; the
        // accent as bullets and a rule on white paper.
        if (isPrimary) sample.style.background = hex;
        else for (const mark of sample.children) mark.style.background = hex;
      }
      note.className = "note";
      if (isPrimary) shadeBox.hidden = true;
      if (refused !== null && input.value !== refused) {
        refused = null;
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
      sample.firstElementChild.hidden = ratio < 4.5;
      let shown = ratio.toFixed(1); // as the saved file's check says it
      if (ratio < 4.5 && shown === "4.5") shown = "4.4";
      if (ratio < 4.5) {
        const shade = darkerShade(hex, 4.5);
        if (refused === null) {
          note.textContent = `White text on this colour: ${shown}:1. Too faint: it needs at least 4.5:1 to be read easily.`;
          note.classList.add("bad");
        } else {
          note.textContent = ""; // the server's message already says it
        }
        document.getElementById("f-primary-shade-value").textContent = shade;
        document.getElementById("f-primary-shade-sample").style.background = shade;
        useShade.textContent = `Use ${shade}`;
        useShade.dataset.shade = shade;
        shadeBox.hidden = false;
      } else {
        note.textContent = `White text on this colour: ${shown}:1. Easy to read.`;
        note.classList.add("good");
      }
    };
    colourChecks[input.id] = update;
    input.addEventListener("input", update);
    picker.addEventListener("input", () => { input.value = picker.value; update(); });
    update();
  }
  useShade.addEventListener("click", () => {
    const primary = document.getElementById("f-primary");
    primary.value = useShade.dataset.shade;
    colourChecks[primary.id]();
    primary.focus(); // the button has gone: focus goes to the colour it changed
    saveBrand(false, true);
  });

  // ---- The logo's type and size, before it is sent ----
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

  // ---- The school's details: saved as they are typed, once they are right ----
  const brandResult = document.getElementById("brand-result");
  const touched = new Set(); // fields left after a change: their mistakes are shown
  let saveTimer = null;
  let saving = 0; // the newest save: older answers are ignored
  let lastSaved = snapshot();
  function snapshot() {
    const data = new FormData(brand);
    data.delete("logo");
    return JSON.stringify(Array.from(data.entries())) + (logo.files.length ? "+logo" : "");
  }
  brand.addEventListener("input", (e) => {
    if (e.target === logo) return;
    clearTimeout(saveTimer);
    saveTimer = setTimeout(() => saveBrand(false), 800);
  });
  brand.addEventListener("change", (e) => {
    if (e.target.name) touched.add(e.target.name);
    clearTimeout(saveTimer);
    saveBrand(false);
  });
  brand.addEventListener("submit", (e) => {
    e.preventDefault();
    saveBrand(true);
  });

  function fieldOf(name) {
    return document.getElementById("f-" + name.replace(/\./g, "-"));
  }
  function showMistakes(messages, everything) {
    for (const error of brand.querySelectorAll(".field .error")) {
      if (error === logoError && !logo.validity.valid) continue;
      if (error.id === "f-primary-error" && !everything) continue; // the note speaks
      error.textContent = "";
      const input = document.getElementById(error.id.replace(/-error$/, ""));
      if (input) input.removeAttribute("aria-invalid");
      error.closest(".field").classList.remove("invalid");
    }
    const shown = [];
    for (const m of messages) {
      const input = m.field ? fieldOf(m.field) : null;
      if (!input) { shown.push(m); continue; }
      if (!everything && !touched.has(m.field)) continue;
      if (m.field === "primary" && !everything) continue;
      document.getElementById(input.id + "-error").textContent = m.inline;
      if (m.field === "primary") document.getElementById("f-primary-note").textContent = "";
      input.setAttribute("aria-invalid", "true");
      input.closest(".field").classList.add("invalid");
      shown.push(m);
    }
    return shown;
  }
  function result(node, focus) {
    brandResult.innerHTML = "";
    brandResult.appendChild(node);
    if (focus) (node.hasAttribute("tabindex") ? node : brandResult).focus();
  }
  function line(text, kind) {
    const p = document.createElement("p");
    p.className = kind;
    p.setAttribute("role", "status");
    p.textContent = text;
    return p;
  }

  async function saveBrand(explicit, force) {
    clearTimeout(saveTimer);
    if (!logo.validity.valid) {
      if (explicit) logo.focus();
      return;
    }
    const now = snapshot();
    if (!explicit && !force && now === lastSaved) return;
    const mine = ++saving;
    let answer;
    try {
      const response = await fetch("/api/brand", {
        method: "POST", headers: { "X-Brochure-Token": token }, body: new FormData(brand),
      });
      answer = await response.json();
      if (!response.ok) throw new Error(answer.error || "Your details could not be saved.");
    } catch (err) {
      if (mine === saving) result(line(reason(err), "problem-text"), explicit);
      return;
    }
    if (mine !== saving) return;
    if (!answer.saved) {
      const listed = showMistakes(answer.messages, explicit);
      if (explicit) {
        result(summaryOf(answer.messages), true);
      } else {
        const n = answer.messages.length;
        result(line(`Not saved yet: ${n === 1 ? "one thing" : n + " things"} to put right` +
          `${listed.length ? ", marked below" : ""}. The preview shows the details saved before.`,
          "unsaved"), false);
      }
      return;
    }
    lastSaved = now;
    showMistakes([], true);
    touched.clear();
    savedDetails(answer);
    result(line("Your details are saved. The preview shows them.", "saved"), explicit);
    if (chosen().length) startBuild();
  }
  function summaryOf(messages) {
    const box = document.createElement("div");
    box.className = "summary";
    box.id = "brand-summary";
    box.tabIndex = -1;
    box.setAttribute("role", "alert");
    const lead = document.createElement("p");
    const strong = document.createElement("strong");
    strong.textContent = "Your details were not saved.";
    lead.append(strong, messages.length === 1 ? " Put this right and save again:" : " Put these right and save again:");
    const list = document.createElement("ul");
    for (const m of messages) {
      const li = document.createElement("li");
      const input = m.field ? fieldOf(m.field) : null;
      if (input) {
        const a = document.createElement("a");
        a.href = "#" + input.id;
        a.textContent = m.sentence;
        li.appendChild(a);
      } else {
        li.textContent = m.sentence;
      }
      list.appendChild(li);
    }
    const after = document.createElement("p");
    after.textContent = "The preview shows the details saved before.";
    box.append(lead, list, after);
    return box;
  }
  function savedDetails(answer) {
    const school = answer.school || "";
    document.getElementById("school-now").textContent =
      school ? `${school}: change the details` : "Name, logo, colours and contact";
    document.getElementById("choice-school").textContent = school || "no school details yet";
    const logoNow = document.getElementById("logo-now");
    logoNow.hidden = !answer.logo;
    document.getElementById("remove-logo").checked = false;
    if (answer.logo) {
      let img = logoNow.querySelector("img");
      if (!img) {
        img = document.createElement("img");
        img.alt = "The saved logo";
        img.height = 48;
        logoNow.querySelector(".logo-now").prepend(img);
      }
      img.src = `/logo?saved=${Date.now()}`;
    }
    if (logo.files.length) {
      logo.value = ""; // saved: it need not be sent again
      lastSaved = snapshot();
    }
    const kept = brand.querySelector("input[name=pending_logo]");
    if (kept) {
      kept.remove();
      const note = document.getElementById("f-logo-kept");
      if (note) note.remove();
    }
  }

  // After a save without this script: show the result, or where the problems are.
  const summary = document.getElementById("brand-summary");
  if (summary) summary.focus();
  else if (brandResult.querySelector(".saved")) brandResult.focus();

  // A page opened with careers ticked previews them at once (unchanged ones are not rebuilt).
  if (chosen().length) startBuild();
})();
