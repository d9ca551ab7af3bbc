// The career editor: find an occupation; write its record in a form whose lists can be
// added to, removed from and reordered by keyboard; each change is checked by the server
// with the command line's rules and previewed; Save writes the record into the project.
"use strict";

(function () {
  const token = document.querySelector('meta[name="brochure-token"]').content;

  // ---- Find an occupation ----
  const find = document.getElementById("ed-find");
  if (find) {
    const hits = document.getElementById("ed-hits");
    const count = document.getElementById("ed-find-count");
    let asked = 0;
    let timer = null;
    const search = async () => {
      const query = find.value.trim();
      const mine = ++asked;
      if (!query) { hits.innerHTML = ""; count.textContent = ""; return; }
      const response = await fetch(`/api/find?q=${encodeURIComponent(query)}`);
      const answer = await response.json();
      if (mine !== asked) return;
      hits.innerHTML = "";
      for (const hit of answer.hits) {
        const li = document.createElement("li");
        const words = document.createElement("div");
        const title = document.createElement("span");
        title.className = "ed-hit-title";
        title.textContent = hit.title;
        words.appendChild(title);
        if (hit.matched) {
          const also = document.createElement("span");
          also.className = "hint";
          also.textContent = ` also called ${hit.matched}`;
          words.appendChild(also);
        }
        if (hit.career) {
          const have = document.createElement("span");
          have.className = "hint";
          have.textContent = " · in your careers";
          words.appendChild(have);
        }
        li.appendChild(words);
        const link = document.createElement("a");
        link.className = "ed-button";
        if (hit.career) {
          link.href = hit.edit;
          link.textContent = "Edit this career";
        } else {
          link.href = hit.start;
          link.textContent = "Start this career";
        }
        link.setAttribute("aria-label", `${link.textContent}: ${hit.title}`);
        li.appendChild(link);
        hits.appendChild(li);
      }
      count.textContent = answer.hits.length
        ? `${answer.hits.length} found`
        : "Nothing found. Try another word for the job, or a shorter one.";
    };
    find.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(search, 150); });
    const start = new URLSearchParams(location.search).get("q");
    if (start) { find.value = start; search(); }
    find.focus();
    return;
  }

  // ---- The form ----
  const form = document.getElementById("ed-form");
  if (!form) return;
  const record = document.getElementById("ed-record");
  const draft = document.getElementById("ed-main").dataset.draft;
  const status = document.getElementById("ed-status");
  const pages = document.getElementById("ed-pages");
  const layout = document.getElementById("ed-layout");
  const lang = document.getElementById("ed-lang");
  const summary = document.getElementById("ed-summary");
  let checking = 0;
  let timer = null;
  let job = null;
  // A new record's empty fields are not marked as mistakes until the counsellor has been
  // to them or tries to save; a record opened to edit shows its mistakes at once.
  const touched = new WeakSet();
  let revealAll = form.dataset.original !== "";

  const kids = (el) => Array.from(el.querySelectorAll("[data-kind]"))
    .filter((c) => c.parentElement.closest("[data-kind]") === el);
  // A text field has its Spanish beside it ([data-lang=es]); the English is the field's own.
  const ownInput = (el, lang) => el.querySelector(lang ? "[data-lang=es]"
    : "input:not([data-lang]), textarea:not([data-lang])");
  const ownError = (el, lang) => Array.from(el.querySelectorAll(".ed-error"))
    .find((p) => p.closest("[data-kind]") === el && (p.dataset.lang || "") === (lang || ""));

  // Paths, ids and the names of the item buttons follow the items' order.
  function renumber(el, path) {
    el.dataset.path = path;
    if (el.dataset.kind === "value") {
      const id = "e-" + path.replace(/[.[]/g, "-").replace(/]/g, "");
      const es = ownInput(el, "es");
      if (es) {
        es.id = `${id}-es`;
        es.parentElement.querySelector("label").htmlFor = es.id;
        ownError(el, "es").id = `${id}-es-error`;
        es.setAttribute("aria-describedby", `${id}-es-error`);
      }
      const input = ownInput(el);
      const label = el.querySelector("label");
      const hint = el.querySelector(".hint");
      const error = ownError(el);
      input.id = id;
      label.htmlFor = id;
      error.id = `${id}-error`;
      if (hint) hint.id = `${id}-hint`;
      input.setAttribute("aria-describedby", (hint ? `${id}-hint ` : "") + `${id}-error`);
      return;
    }
    if (el.dataset.kind === "list") {
      const items = Array.from(el.querySelector(".ed-items").children);
      const noun = el.dataset.item;
      items.forEach((li, i) => {
        const inner = li.querySelector("[data-kind]");
        renumber(inner, `${path}[${i}]`);
        const label = inner.dataset.kind === "value" ? inner.querySelector("label") : null;
        if (label) {
          label.textContent = `${cap(noun)} ${i + 1}`;
          const es = inner.querySelector(".ed-es label");
          if (es) es.textContent = `${cap(noun)} ${i + 1}, in Spanish`;
        }
        else {
          inner.setAttribute("role", "group");
          inner.setAttribute("aria-label", `${cap(noun)} ${i + 1}`);
        }
        for (const button of li.querySelectorAll(":scope > .ed-item-tools button")) {
          const act = button.dataset.act;
          const words = { up: "Up", down: "Down", remove: "Remove" }[act];
          button.setAttribute("aria-label", `${words}: ${noun} ${i + 1}`);
          if (act === "up") button.disabled = i === 0;
          if (act === "down") button.disabled = i === items.length - 1;
        }
      });
      const add = el.querySelector(":scope > .ed-add");
      add.id = "e-" + path.replace(/[.[]/g, "-").replace(/]/g, "") + "-add";
      const most = Number(el.dataset.max);
      add.disabled = most > 0 && items.length >= most;
      return;
    }
    for (const child of kids(el)) {
      renumber(child, path ? `${path}.${child.dataset.name}` : child.dataset.name);
    }
  }
  const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);

  // The record as data: empty fields are left out, as in a file where they are not written.
  function collect(el) {
    if (el.dataset.kind === "value") {
      const raw = ownInput(el).value.trim();
      const inList = el.parentElement.classList.contains("ed-item");
      if (!raw) return inList ? "" : undefined;
      if (el.dataset.type === "integer" && /^-?\d+$/.test(raw)) return Number(raw);
      if (el.dataset.type === "number" && raw !== "" && !Number.isNaN(Number(raw))) return Number(raw);
      return raw;
    }
    if (el.dataset.kind === "list") {
      const items = Array.from(el.querySelector(".ed-items").children)
        .map((li) => collect(li.querySelector("[data-kind]")));
      const kept = items.map((v) => (v === undefined ? {} : v));
      return kept.length || "required" in el.dataset ? kept : undefined;
    }
    const out = {};
    const written = Array.from(el.querySelectorAll("input:not([data-lang]), textarea:not([data-lang])")).some((i) => i.value.trim());
    if ("optional" in el.dataset && !written) return undefined; // a group left empty is left out
    for (const child of kids(el)) {
      const v = collect(child);
      if (v !== undefined) out[child.dataset.name] = v;
    }
    const inList = el.parentElement.classList.contains("ed-item");
    const optional = "optional" in el.dataset;
    return Object.keys(out).length || inList || !optional ? out : undefined;
  }

  // The Spanish text in the record's shape; the server leaves out what is not written.
  function collectSpanish(el) {
    if (el.dataset.kind === "value") {
      const input = ownInput(el, "es");
      return input ? input.value.trim() : undefined;
    }
    if (el.dataset.kind === "list") {
      return Array.from(el.querySelector(".ed-items").children)
        .map((li) => collectSpanish(li.querySelector("[data-kind]")) ?? "");
    }
    const out = {};
    for (const child of kids(el)) {
      const v = collectSpanish(child);
      if (v !== undefined) out[child.dataset.name] = v;
    }
    return out;
  }

  // ---- Lists: add, remove, move ----
  form.addEventListener("click", (e) => {
    const button = e.target.closest("button[data-act]");
    if (!button) return;
    const list = button.closest("[data-kind=list]");
    touched.add(list);
    const items = list.querySelector(".ed-items");
    const act = button.dataset.act;
    if (act === "add") {
      const copy = list.querySelector(":scope > template").content.firstElementChild.cloneNode(true);
      items.appendChild(copy);
      renumber(record, "");
      const first = copy.querySelector("input, textarea");
      if (first) first.focus();
    } else {
      const li = button.closest(".ed-item");
      if (act === "remove") {
        const next = li.nextElementSibling || li.previousElementSibling;
        li.remove();
        renumber(record, "");
        (next ? next.querySelector("input, textarea") : list.querySelector(":scope > .ed-add")).focus();
        status.textContent = `Removed. ${items.children.length} left.`;
      } else if (act === "up" && li.previousElementSibling) {
        items.insertBefore(li, li.previousElementSibling);
        renumber(record, "");
        (button.disabled ? li.querySelector(":scope > .ed-item-tools [data-act=down]") : button).focus();
      } else if (act === "down" && li.nextElementSibling) {
        items.insertBefore(li.nextElementSibling, li);
        renumber(record, "");
        (button.disabled ? li.querySelector(":scope > .ed-item-tools [data-act=up]") : button).focus();
      }
      if (act !== "remove") {
        const index = Array.from(items.children).indexOf(li) + 1;
        status.textContent = `Moved to place ${index} of ${items.children.length}.`;
      }
    }
    schedule();
  });

  // ---- Check and preview on every change ----
  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(check, 500);
  }
  // A sentence's box grows with its text, so the whole sentence can be read.
  function grow(area) {
    if (!area || area.tagName !== "TEXTAREA") return;
    area.style.height = "auto";
    area.style.height = `${area.scrollHeight + 2}px`;
  }
  form.addEventListener("input", (e) => {
    grow(e.target);
    const el = e.target.closest("[data-kind]");
    if (el) touched.add(el);
    schedule();
  });
  form.addEventListener("focusout", (e) => {
    const el = e.target.closest("[data-kind=value]");
    if (el && !touched.has(el)) { touched.add(el); schedule(); }
  });
  layout.addEventListener("change", check);
  lang.addEventListener("change", check);

  async function send(url, extra) {
    const response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Brochure-Token": token },
      body: JSON.stringify({ draft, career: collect(record), spanish: collectSpanish(record),
        layout: layout.value, lang: lang.value, ...extra }),
    });
    let answer = {};
    try { answer = await response.json(); } catch (err) { /* an empty answer */ }
    return { response, answer };
  }

  function fieldAt(path) {
    let p = path;
    while (p) {
      const found = record.querySelector(`[data-path="${CSS.escape(p)}"]`);
      if (found) return found;
      p = p.includes("[") || p.includes(".")
        ? p.replace(/(\[\d+\]|\.[^.[\]]+)$/, "")
        : "";
    }
    return record;
  }

  function clearProblems() {
    for (const p of form.querySelectorAll(".ed-error")) p.textContent = "";
    for (const el of form.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
    for (const el of form.querySelectorAll(".ed-invalid")) el.classList.remove("ed-invalid");
  }

  function seen(el) {
    if (revealAll || touched.has(el)) return true;
    return Array.from(el.querySelectorAll("[data-kind]")).some((c) => touched.has(c));
  }

  // A problem in the Spanish text names its field "es:" and the field's name.
  const spanishAt = (path) => path.startsWith("es:");
  function showProblem(path, text, always) {
    const es = spanishAt(path) ? "es" : "";
    const el = fieldAt(es ? path.slice(3) : path);
    if (!always && !seen(el)) return el;
    const inEs = es && el.dataset.kind === "value" ? "es" : "";
    const error = el === record ? null : ownError(el, inEs);
    if (error) {
      const said = es && !inEs ? `In Spanish: ${text}` : text;
      error.textContent = error.textContent ? `${error.textContent} ${said}` : said;
      el.classList.add("ed-invalid");
      const input = el.dataset.kind === "value" ? ownInput(el, inEs) : null;
      if (input) input.setAttribute("aria-invalid", "true");
    }
    return el;
  }

  function showSummary(problems, heading) {
    summary.innerHTML = "";
    if (!problems.length) { summary.hidden = true; return; }
    const p = document.createElement("p");
    const strong = document.createElement("strong");
    strong.textContent = heading;
    p.appendChild(strong);
    summary.appendChild(p);
    const ul = document.createElement("ul");
    for (const problem of problems) {
      const li = document.createElement("li");
      const es = spanishAt(problem.field) ? "es" : "";
      const el = fieldAt(es ? problem.field.slice(3) : problem.field);
      const target = el.dataset.kind === "value" ? ownInput(el, es)
        : el.querySelector("input, textarea, .ed-add");
      const words = labelOf(el) + (es ? ", in Spanish" : "");
      if (target && target.id) {
        const a = document.createElement("a");
        a.href = `#${target.id}`;
        a.textContent = words ? `${words}: ${problem.text}` : problem.text;
        li.appendChild(a);
      } else {
        li.textContent = words ? `${words}: ${problem.text}` : problem.text;
      }
      ul.appendChild(li);
    }
    summary.appendChild(ul);
    summary.hidden = false;
  }

  function labelOf(el) {
    if (el === record) return "";
    const own = el.dataset.kind === "value" ? el.querySelector("label")
      : el.querySelector(":scope > legend");
    const words = own ? own.textContent.replace("(required)", "").trim() : "";
    const outer = el.parentElement.closest("[data-kind=list], fieldset[data-kind=group]");
    if (outer && outer !== el) {
      const above = outer.querySelector(":scope > legend");
      if (above && !words.startsWith(cap(outer.dataset.item || "-"))) return `${above.textContent.trim()} › ${words}`;
    }
    return words;
  }

  async function check() {
    clearTimeout(timer);
    const mine = ++checking;
    let result;
    try {
      result = await send("/api/editor/check", {});
    } catch (err) {
      status.textContent = "The page cannot reach the brochure server. Is 'brochure serve' still running?";
      return;
    }
    if (mine !== checking) return;
    const { response, answer } = result;
    clearProblems();
    if (!response.ok) {
      status.textContent = answer.error || "The record could not be checked.";
      return;
    }
    for (const problem of answer.problems) showProblem(problem.field, problem.text);
    if (!summary.hidden) showSummary(answer.problems, summary.dataset.heading || "");
    if (answer.problems.length) {
      status.textContent = answer.problems.length === 1
        ? "1 thing to put right before the preview: see the field marked in the form."
        : `${answer.problems.length} things to put right before the preview: see the fields marked in the form.`;
      return;
    }
    if (answer.job) {
      job = answer.job;
      status.textContent = "Building the preview…";
      pages.setAttribute("aria-busy", "true");
      poll(answer.job, mine);
    }
  }

  async function poll(id, mine) {
    const response = await fetch(`/api/editor/jobs/${id}`);
    const answer = await response.json();
    if (id !== job || mine !== checking) return;
    if (!answer.finished) { setTimeout(() => poll(id, mine), 300); return; }
    pages.removeAttribute("aria-busy");
    pages.innerHTML = "";
    if (answer.problems && answer.problems.length) {
      for (const problem of answer.problems) {
        const fields = problem.fields && problem.fields.length ? problem.fields : [problem.field];
        fields.forEach((f, i) => showProblem(f, i === 0 ? problem.text : "Too long for the layout: shorten this, or another field named beside the first.", true));
      }
      status.textContent = "The text does not fit this layout: shorten the field marked in the form, or choose another layout.";
    } else {
      status.textContent = `Preview of ${answer.pages.length} page${answer.pages.length === 1 ? "" : "s"}, as it will print.`;
    }
    const pdf = document.getElementById("ed-pdf");
    pdf.hidden = !answer.pdf;
    if (answer.pdf) pdf.querySelector("a").href = answer.pdf;
    const title = (lang.value === "es" && collectSpanish(record).title) || collect(record).title
      || "The career";
    answer.pages.forEach((page, i) => {
      const img = document.createElement("img");
      img.src = page.src;
      img.width = page.width / 2;
      img.height = page.height / 2;
      img.alt = `${title}, page ${i + 1} of ${answer.pages.length}`;
      pages.appendChild(img);
    });
  }

  // ---- Save ----
  async function save(replace) {
    const saved = document.getElementById("ed-saved");
    const ask = document.getElementById("ed-ask");
    ask.hidden = true;
    saved.textContent = "Saving…";
    let result;
    try {
      result = await send("/api/editor/save", { replace });
    } catch (err) {
      saved.textContent = "The page cannot reach the brochure server. Is 'brochure serve' still running?";
      return;
    }
    const { response, answer } = result;
    if (response.status === 409 && answer.ask) {
      saved.textContent = "";
      document.getElementById("ed-ask-text").textContent = answer.ask;
      ask.hidden = false;
      document.getElementById("ed-replace").focus();
      return;
    }
    if (!response.ok) {
      saved.textContent = "";
      revealAll = true;
      clearProblems();
      const problems = answer.problems || [{ field: "", text: answer.error || "The career could not be saved." }];
      for (const problem of problems) showProblem(problem.field, problem.text);
      summary.dataset.heading = "Not saved yet. Put these right, then save again:";
      showSummary(problems, summary.dataset.heading);
      summary.focus();
      return;
    }
    summary.hidden = true;
    saved.innerHTML = "";
    const p = document.createElement("p");
    p.className = "ed-ok";
    p.textContent = answer.message + " ";
    const back = document.createElement("a");
    back.href = "/";
    back.textContent = "Go to the brochures";
    p.appendChild(back);
    saved.appendChild(p);
    saved.focus();
    const id = document.getElementById("e-id");
    if (id) id.readOnly = true;
    if (answer.edit) history.replaceState(null, "", answer.edit);
  }
  form.addEventListener("submit", (e) => { e.preventDefault(); save(false); });
  document.getElementById("ed-replace").addEventListener("click", () => save(true));
  document.getElementById("ed-keep").addEventListener("click", () => {
    document.getElementById("ed-ask").hidden = true;
    document.getElementById("ed-saved").textContent = "Not saved. Change the file name to keep both.";
    const id = document.getElementById("e-id");
    if (id && !id.readOnly) id.focus();
  });

  // ---- O*NET's facts: added as drafts to rewrite, with O*NET's credit ----
  const onet = document.getElementById("ed-onet");
  function addItem(listPath, values) {
    const list = record.querySelector(`[data-path="${listPath}"]`);
    const add = list.querySelector(":scope > .ed-add");
    if (add.disabled) return null;
    add.click();
    const li = list.querySelector(".ed-items").lastElementChild;
    for (const [name, value] of Object.entries(values)) {
      const el = name ? li.querySelector(`[data-name="${name}"]`) : li.querySelector("[data-kind=value]");
      if (el && value !== null && value !== undefined) ownInput(el).value = value;
    }
    return li;
  }
  if (onet) {
    onet.addEventListener("click", (e) => {
      const button = e.target.closest("button[data-suggest]");
      if (!button) return;
      const text = button.dataset.text;
      const li = button.dataset.suggest === "duty"
        ? addItem("role.duties", { "": `DRAFT: ${text}` })
        : addItem("other_titles", { "": text });
      if (!li) { status.textContent = "That list is full: remove an item first."; return; }
      const sources = Array.from(record.querySelectorAll('[data-path^="sources["][data-name="name"] textarea, [data-path^="sources["][data-name="name"] input'));
      if (button.dataset.suggest === "duty" && !sources.some((s) => s.value.includes("O*NET"))) {
        addItem("sources", JSON.parse(onet.dataset.credit));
      }
      button.disabled = true;
      button.textContent = "Added";
      button.setAttribute("aria-label", `Added: ${text}`);
      grow(ownInput(li.querySelector("[data-kind=value]")));
      touched.add(li.querySelector("[data-kind]"));
      ownInput(li.querySelector("[data-kind=value]")).focus();
      schedule();
    });
  }

  renumber(record, "");
  for (const area of form.querySelectorAll("textarea")) grow(area);
  check();
})();
