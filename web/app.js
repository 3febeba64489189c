// The page of `lmacheck serve`: check files, hand them in with a token, and
// (for stewards) see a year's overview. Plain script, no framework, nothing
// loaded from elsewhere. The server's Content-Security-Policy is
// default-src 'self': no inline script, style or event handler anywhere.
//
// The report is the server's own HTML renderer (format=html, the same as
// `lmacheck validate --format html`). Its inline <style> would be blocked by
// the CSP (also inside an <iframe srcdoc>, which inherits the page's policy),
// so the page parses the report, keeps only its markup, and applies the
// report's style text as a constructed stylesheet in a shadow root, which CSP
// allows. The report's inline filter script is dropped and wired here instead.
"use strict";

(function () {
  // ---------------------------------------------------------------- texts
  // Every text of the page, in both languages. A text is a string or a
  // function of the message's parameters (for numbers and plurals).
  const plural = (n, one, many) => (n === 1 ? one : many);
  const TEXTS = {
    nl: {
      skip: "Naar de inhoud",
      title: "LMA-aanlevering controleren en inleveren",
      language: "Taal / Language",
      intro:
        "Kies of sleep het bestand van uw instelling of gemeente. U ziet meteen wat er niet klopt, met dezelfde controles als bij het inleveren. Er wordt niets opgeslagen tot u het bestand met uw token inlevert.",
      checkHeading: "1. Bestanden controleren",
      chooseFiles: "Bestanden kiezen",
      dropHint: "of sleep ze hierheen (.json, .xlsx, .ods). U kunt meer bestanden tegelijk kiezen.",
      dropHere: "Laat de bestanden hier los",
      chosenHeading: "Gekozen bestanden",
      validate: "Opnieuw controleren",
      clear: "Bestanden verwijderen",
      submitHeading: "2. Inleveren",
      submitIntro:
        "Met het token dat u van de LMA-beheerder kreeg, levert u de gekozen bestanden in. Een bestand zonder fouten wordt opgeslagen; een nieuwe versie vervangt de vorige (die blijft bewaard). Een bestand met fouten wordt afgewezen.",
      token: "Token",
      tokenHint:
        "Het token gaat alleen mee met de aanvragen aan deze server. Het komt niet in het adres of in een cookie.",
      rememberToken: "Token onthouden tot dit tabblad sluit",
      submit: "Inleveren",
      forgetToken: "Token wissen",
      storedHeading: "Opgeslagen",
      overviewHeading: "3. Jaaroverzicht (alleen beheerders)",
      overviewIntro:
        "Per jaar: welke gemeenten en instellingen hebben ingeleverd, wiens laatste poging is afgewezen en wie nog ontbreekt. Hiervoor is een beheerderstoken nodig (vul het hierboven in).",
      year: "Jaar",
      show: "Tonen",
      showAll: "alle inzenders",
      showMissing: "ontbreekt",
      showRejected: "afgewezen",
      showAccepted: "ingeleverd",
      showOverview: "Overzicht tonen",
      footer: "lmacheck: dezelfde controles en rapporten als lmacheck validate op de opdrachtregel.",
      fileSize: (p) => `${p.size} kB`,
      noFilesChosen: "Kies eerst een of meer bestanden.",
      checking: (p) => `Bezig met controleren van ${p.n} ${plural(p.n, "bestand", "bestanden")}…`,
      checked: (p) => `Controle klaar. ${p.summary}`,
      needToken: "Vul eerst uw token in.",
      submitting: (p) => `Bezig met inleveren van ${p.n} ${plural(p.n, "bestand", "bestanden")}…`,
      stored201: (p) =>
        `Ingeleverd: ${plural(p.n, "het bestand is", `alle ${p.n} bestanden zijn`)} opgeslagen. ${p.summary}`,
      stored422: (p) =>
        `Niet alles is opgeslagen: bestanden met fouten zijn afgewezen (zie het rapport hieronder), de andere zijn opgeslagen. ${p.summary}`,
      storedNone: "Er is niets opgeslagen.",
      needYear: "Vul een jaar in, bijvoorbeeld 2019.",
      overviewLoading: (p) => `Bezig met ophalen van het overzicht van ${p.year}…`,
      overviewShown: (p) =>
        `${p.year}: ${p.accepted} ingeleverd, ${p.rejected} afgewezen, ${p.missing} ontbreken (${p.total} inzenders).`,
      overviewEmpty: (p) => `Voor ${p.year} verwacht de referentielijst geen inzenders.`,
      error401: "Het token ontbreekt of is onbekend. Controleer het token en probeer het opnieuw.",
      error403Submit: "Dit token mag deze bestanden niet inleveren: ze horen bij een andere inzender.",
      error403Overview: "Alleen een beheerderstoken mag het jaaroverzicht zien.",
      error404: "Niet gevonden.",
      error408: "De server kreeg de aanvraag niet op tijd binnen. Probeer het opnieuw.",
      error413: "De bestanden zijn samen te groot voor de server. Lever ze in kleinere groepen in.",
      errorStatus: (p) => `De server kon de aanvraag niet afhandelen (HTTP ${p.status}).`,
      errorNetwork: "Geen verbinding met de server. Probeer het opnieuw.",
      errorUnexpected: "De server gaf een antwoord dat deze pagina niet kan tonen.",
      serverSays: (p) => `Melding van de server: ${p.message}`,
      noFindingsInFile: "Geen bevindingen in dit bestand.",
      colSubmitter: "Inzender",
      colName: "Naam",
      colKind: "Soort",
      colYear: "Jaar",
      colVersion: "Versie",
      colFile: "Bestand",
      colStatus: "Status",
      colErrors: "Fouten",
      colWarnings: "Waarschuwingen",
      colAcceptedAt: "Opgeslagen op",
      colLastAt: "Laatst ingeleverd op",
      colSha256: "SHA-256",
      kind_institution: "instelling",
      kind_municipality: "gemeente",
      status_accepted: "ingeleverd",
      status_rejected: "afgewezen bij laatste poging",
      status_missing: "ontbreekt",
    },
    en: {
      skip: "Skip to content",
      title: "Check and hand in LMA submissions",
      language: "Taal / Language",
      intro:
        "Choose or drop your institution's or municipality's file. You see at once what is wrong, with the same checks as when you hand it in. Nothing is stored until you hand the file in with your token.",
      checkHeading: "1. Check files",
      chooseFiles: "Choose files",
      dropHint: "or drop them here (.json, .xlsx, .ods). You can choose several files at once.",
      dropHere: "Drop the files here",
      chosenHeading: "Chosen files",
      validate: "Check again",
      clear: "Remove files",
      submitHeading: "2. Hand in",
      submitIntro:
        "With the token you received from the LMA data steward you hand in the chosen files. A file without errors is stored; a new version replaces the previous one (which is kept). A file with errors is rejected.",
      token: "Token",
      tokenHint: "The token only travels with the requests to this server. It never goes into the address or a cookie.",
      rememberToken: "Remember the token until this tab closes",
      submit: "Hand in",
      forgetToken: "Clear token",
      storedHeading: "Stored",
      overviewHeading: "3. Year overview (stewards only)",
      overviewIntro:
        "Per year: which municipalities and institutions have handed in, whose last attempt was rejected and who is still missing. This needs a steward's token (enter it above).",
      year: "Year",
      show: "Show",
      showAll: "all submitters",
      showMissing: "missing",
      showRejected: "rejected",
      showAccepted: "handed in",
      showOverview: "Show overview",
      footer: "lmacheck: the same checks and reports as lmacheck validate on the command line.",
      fileSize: (p) => `${p.size} kB`,
      noFilesChosen: "Choose one or more files first.",
      checking: (p) => `Checking ${p.n} ${plural(p.n, "file", "files")}…`,
      checked: (p) => `Check done. ${p.summary}`,
      needToken: "Enter your token first.",
      submitting: (p) => `Handing in ${p.n} ${plural(p.n, "file", "files")}…`,
      stored201: (p) => `Handed in: ${plural(p.n, "the file was", `all ${p.n} files were`)} stored. ${p.summary}`,
      stored422: (p) =>
        `Not everything was stored: files with errors were rejected (see the report below), the others were stored. ${p.summary}`,
      storedNone: "Nothing was stored.",
      needYear: "Enter a year, for example 2019.",
      overviewLoading: (p) => `Fetching the overview of ${p.year}…`,
      overviewShown: (p) =>
        `${p.year}: ${p.accepted} handed in, ${p.rejected} rejected, ${p.missing} missing (${p.total} submitters).`,
      overviewEmpty: (p) => `The reference list expects no submitters for ${p.year}.`,
      error401: "The token is missing or unknown. Check the token and try again.",
      error403Submit: "This token may not hand in these files: they belong to another submitter.",
      error403Overview: "Only a steward's token may see the year overview.",
      error404: "Not found.",
      error408: "The server did not receive the request in time. Please try again.",
      error413: "The files are too large together for the server. Hand them in in smaller groups.",
      errorStatus: (p) => `The server could not handle the request (HTTP ${p.status}).`,
      errorNetwork: "No connection to the server. Please try again.",
      errorUnexpected: "The server gave an answer this page cannot show.",
      serverSays: (p) => `The server says: ${p.message}`,
      noFindingsInFile: "No findings in this file.",
      colSubmitter: "Submitter",
      colName: "Name",
      colKind: "Kind",
      colYear: "Year",
      colVersion: "Version",
      colFile: "File",
      colStatus: "Status",
      colErrors: "Errors",
      colWarnings: "Warnings",
      colAcceptedAt: "Stored at",
      colLastAt: "Last handed in at",
      colSha256: "SHA-256",
      kind_institution: "institution",
      kind_municipality: "municipality",
      status_accepted: "handed in",
      status_rejected: "rejected last attempt",
      status_missing: "missing",
    },
  };
  const LANGUAGES = Object.keys(TEXTS);
  const LANG_KEY = "lmacheck.lang";
  const TOKEN_KEY = "lmacheck.token"; // sessionStorage only, and only when the user asks

  const state = {
    lang: "nl",
    files: [], // the File objects chosen or dropped last
    checkedOnce: false, // a validation report is on screen: redo it when the language changes
    checkRun: 0, // number of the latest validation; older answers are ignored
    checkAbort: null,
    yearTouched: false, // the user typed a year: do not overwrite it
    stored: null, // rows of the "stored" table, re-rendered on a language switch
    overview: null, // {year, rows} of the overview table
  };

  const $ = (id) => document.getElementById(id);

  function text(key, params) {
    const entry = TEXTS[state.lang][key] ?? TEXTS.nl[key] ?? key;
    return typeof entry === "function" ? entry(params || {}) : entry;
  }

  // ------------------------------------------------------------ messages
  // A status line remembers its key and parameters, so that a language
  // switch can say it again in the other language.
  const messages = new Map();

  function say(element, key, params, kind) {
    messages.set(element, { key, params, kind });
    renderMessage(element);
  }

  // A message built from several parts (e.g. our sentence plus the server's).
  function sayAll(element, parts, kind) {
    messages.set(element, { parts, kind });
    renderMessage(element);
  }

  function renderMessage(element) {
    const m = messages.get(element);
    if (!m) return;
    const parts = m.parts || [[m.key, m.params]];
    element.textContent = parts.map(([key, params]) => text(key, params)).join(" ");
    element.classList.toggle("error", m.kind === "error");
    element.classList.toggle("ok", m.kind === "ok");
  }

  function clearMessage(element) {
    messages.delete(element);
    element.textContent = "";
    element.classList.remove("error", "ok");
  }

  // ------------------------------------------------------------ language
  function initialLanguage() {
    try {
      const saved = localStorage.getItem(LANG_KEY);
      if (LANGUAGES.includes(saved)) return saved;
    } catch (e) {
      // storage can be off (privacy settings): Dutch, the default
    }
    return "nl";
  }

  function applyTexts() {
    document.documentElement.lang = state.lang;
    document.title = text("title") + " – lmacheck";
    for (const element of document.querySelectorAll("[data-text]")) {
      element.textContent = text(element.dataset.text);
    }
    for (const button of document.querySelectorAll("[data-lang]")) {
      button.setAttribute("aria-pressed", String(button.dataset.lang === state.lang));
    }
    for (const element of messages.keys()) renderMessage(element);
    renderFileList();
    renderStored();
    renderOverview();
  }

  function setLanguage(lang) {
    if (!LANGUAGES.includes(lang) || lang === state.lang) return;
    state.lang = lang;
    try {
      localStorage.setItem(LANG_KEY, lang);
    } catch (e) {
      // not remembered; the switch still works for this visit
    }
    applyTexts();
    // The report comes from the server in one language: ask again.
    if (state.checkedOnce && state.files.length > 0) validate();
  }

  // --------------------------------------------------------------- files
  function setFiles(fileList) {
    state.files = Array.from(fileList || []);
    renderFileList();
    if (state.files.length > 0) validate();
  }

  function renderFileList() {
    const list = $("file-list");
    list.replaceChildren(
      ...state.files.map((file) => {
        const item = document.createElement("li");
        const name = document.createElement("span");
        name.className = "file-name";
        name.textContent = file.name;
        const size = document.createElement("span");
        size.className = "file-size";
        size.textContent = text("fileSize", { size: Math.max(1, Math.ceil(file.size / 1024)).toLocaleString(state.lang) });
        item.append(name, " ", size);
        return item;
      })
    );
    $("chosen").hidden = state.files.length === 0;
  }

  function clearFiles() {
    if (state.checkAbort) state.checkAbort.abort();
    state.checkRun++;
    state.files = [];
    state.checkedOnce = false;
    $("file-input").value = "";
    renderFileList();
    clearMessage($("check-status"));
    hideReport($("check-report"));
    $("file-input").focus();
  }

  function setUpDropZone() {
    const zone = $("drop-zone");
    let depth = 0; // dragenter/dragleave also fire for the zone's children
    const hasFiles = (event) => event.dataTransfer && Array.from(event.dataTransfer.types || []).includes("Files");
    zone.addEventListener("dragenter", (event) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      depth++;
      zone.classList.add("dragging");
    });
    zone.addEventListener("dragleave", () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) zone.classList.remove("dragging");
    });
    zone.addEventListener("dragover", (event) => {
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = "copy";
    });
    zone.addEventListener("drop", (event) => {
      event.preventDefault();
      depth = 0;
      zone.classList.remove("dragging");
      if (event.dataTransfer && event.dataTransfer.files.length > 0) setFiles(event.dataTransfer.files);
    });
    // A file dropped next to the zone must not make the browser leave the page.
    for (const type of ["dragover", "drop"]) {
      window.addEventListener(type, (event) => {
        if (!zone.contains(event.target)) event.preventDefault();
      });
    }
  }

  // ---------------------------------------------------------------- HTTP
  function formWithFiles() {
    const form = new FormData();
    for (const file of state.files) form.append("file", file, file.name);
    return form;
  }

  function tokenValue() {
    return $("token-input").value.trim();
  }

  function request(path, options) {
    return fetch(path, {
      cache: "no-store",
      credentials: "omit", // no cookies: the token is the only credential
      referrerPolicy: "no-referrer",
      ...options,
    });
  }

  function authHeaders() {
    return { Authorization: "Bearer " + tokenValue() };
  }

  // The message parts for a failed request: our sentence for the status,
  // then the server's own message (from {"error": {"code", "message"}}).
  async function failureParts(response, forbiddenKey) {
    const byStatus = { 401: "error401", 403: forbiddenKey, 404: "error404", 408: "error408", 413: "error413" };
    const parts = [[byStatus[response.status] || "errorStatus", { status: response.status }]];
    try {
      const body = await response.json();
      const message = body && body.error && body.error.message;
      if (typeof message === "string" && message !== "") parts.push(["serverSays", { message }]);
    } catch (e) {
      // no JSON error body: our sentence alone
    }
    return parts;
  }

  function isHtml(response) {
    return (response.headers.get("Content-Type") || "").toLowerCase().startsWith("text/html");
  }

  // -------------------------------------------------------------- report
  // Everything in the report that could load, run or navigate is removed
  // before it reaches the page (the renderer produces none of it apart from
  // its <style> and <script>; this is defence in depth behind the CSP).
  const DROPPED_ELEMENTS = "script, style, title, link, meta, base, iframe, frame, object, embed, form, img, svg, math, template";
  const DROPPED_ATTRIBUTES = new Set(["style", "src", "srcset", "href", "action", "formaction", "xlink:href"]);

  function sanitize(root) {
    for (const element of root.querySelectorAll(DROPPED_ELEMENTS)) element.remove();
    for (const element of root.querySelectorAll("*")) {
      for (const attribute of Array.from(element.attributes)) {
        const name = attribute.name.toLowerCase();
        if (name.startsWith("on") || DROPPED_ATTRIBUTES.has(name)) element.removeAttribute(attribute.name);
      }
    }
  }

  // What the page adds to the report's own style inside the page: the
  // report's `body` rule does not apply in a shadow root, wide tables scroll
  // sideways on a phone, and the per-file grouping below needs a heading style.
  const REPORT_ADAPTER_CSS = `
    :host { display: block; font-family: system-ui, sans-serif; color: #1a1a1a; line-height: 1.4; }
    h1 { font-size: 1.3rem; margin: 0 0 0.2rem; }
    h2 { font-size: 1.15rem; margin-top: 1.5rem; }
    .table-scroll { overflow-x: auto; margin-bottom: 1rem; }
    .table-scroll table { margin-bottom: 0; }
    .table-scroll:focus-visible, input:focus-visible { outline: 3px solid #1d4ed8; outline-offset: 2px; }
    .file-findings { margin-top: 1.25rem; padding-top: 0.25rem; border-top: 2px solid #d0d0d0; }
    .file-findings > h3 { font-size: 1.1rem; overflow-wrap: anywhere; }
    .file-findings h4 { font-size: 1rem; margin: 0.75rem 0 0.4rem; }
    .group.error h4 { color: #8f1d17; }
    .group.warning h4 { color: #7a5200; }
    .group.info h4 { color: #0b5570; }
    .filter label { display: inline-block; margin: 0.2rem 1rem 0.2rem 0; }
    /* On a phone every row becomes a small card: "label  value" lines. */
    @media (max-width: 40rem) {
      table, tbody, tr, td { display: block; width: 100%; box-sizing: border-box; }
      thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
      tr { border: 1px solid #d0d0d0; border-radius: 0.3rem; margin-bottom: 0.75rem; padding: 0.25rem 0; }
      td, td.num { border: 0; padding: 0.15rem 0.5rem; text-align: left; display: grid;
                   grid-template-columns: 9.5em minmax(0, 1fr); gap: 0.5rem; }
      td::before { content: attr(data-label); font-weight: 600; color: #4a4a4a; font-size: 0.9em; }
      td:empty { display: none; }
      td > .status { justify-self: start; }
      table.findings td:first-child { white-space: normal; }
      table.findings td:nth-child(4) { min-width: 0; }
      code { overflow-wrap: anywhere; }
    }
  `;

  function stylesheet(cssText) {
    const sheet = new CSSStyleSheet();
    try {
      sheet.replaceSync(cssText);
    } catch (e) {
      // an unreadable style leaves the report unstyled, not unreadable
    }
    return sheet;
  }

  // The rows of the renderer's files table. Its columns (html_report.cpp):
  // file, status, errors, warnings, explained, infos, kind, submitter, year, ...
  // The submitter's code and the year come from the row's data attributes:
  // the cells show the name beside the code, in the report's language.
  function filesOfReport(root) {
    return Array.from(root.querySelectorAll("table.files tbody tr")).map((row) => {
      const cells = row.cells;
      const cellText = (i) => (cells[i] ? cells[i].textContent.trim() : "");
      return {
        file: cellText(0),
        status: cells[1] ? cells[1].querySelector(".status") : null,
        accepted: Boolean(cells[1] && cells[1].querySelector(".status.accepted")),
        submitter: row.dataset.submitter ?? "",
        year: row.dataset.year ?? "",
      };
    });
  }

  // The file a finding's location ("file", "file:line:column") belongs to:
  // the longest file name that the location starts with.
  function fileOfLocation(location, names) {
    let best = null;
    for (const name of names) {
      if ((location === name || location.startsWith(name + ":")) && (best === null || name.length > best.length)) {
        best = name;
      }
    }
    return best;
  }

  // The renderer groups findings by severity over all files; with more than
  // one file the page regroups the very same rows per file, then severity.
  function groupPerFile(root, files) {
    const groups = Array.from(root.querySelectorAll("div.group"));
    if (files.length < 2 || groups.length === 0) return;
    const names = files.map((f) => f.file);
    const perFile = new Map(names.map((name) => [name, []]));
    for (const group of groups) {
      const severity = Array.from(group.classList).find((c) => c !== "group") || "";
      const heading = group.querySelector("h3");
      const label = heading ? heading.textContent.replace(/\s*\(\d+\)\s*$/, "") : severity;
      const head = group.querySelector("table thead");
      const rowsOf = new Map();
      for (const row of group.querySelectorAll("table tbody tr")) {
        const location = row.cells[1] ? row.cells[1].textContent.trim() : "";
        const file = fileOfLocation(location, names);
        if (file === null) continue;
        if (!rowsOf.has(file)) rowsOf.set(file, []);
        rowsOf.get(file).push(row);
      }
      for (const [file, rows] of rowsOf) perFile.get(file).push({ severity, label, head, rows });
    }

    const sections = files.map((f, index) => {
      const section = document.createElement("section");
      section.className = "file-findings";
      const heading = document.createElement("h3");
      heading.id = "file-" + index;
      section.setAttribute("aria-labelledby", heading.id);
      const code = document.createElement("code");
      code.textContent = f.file;
      heading.append(code);
      if (f.status) heading.append(" ", f.status.cloneNode(true));
      section.append(heading);
      const found = perFile.get(f.file) || [];
      if (found.length === 0) {
        const none = document.createElement("p");
        none.className = "no-findings";
        none.textContent = text("noFindingsInFile");
        section.append(none);
      }
      for (const g of found) {
        const div = document.createElement("div");
        div.className = "group " + g.severity;
        const h4 = document.createElement("h4");
        h4.textContent = `${g.label} (${g.rows.length})`;
        const table = document.createElement("table");
        table.className = "findings";
        if (g.head) table.append(g.head.cloneNode(true));
        const body = document.createElement("tbody");
        body.append(...g.rows);
        table.append(body);
        div.append(h4, table);
        section.append(div);
      }
      return section;
    });
    groups[0].before(...sections);
    for (const group of groups) group.remove();
  }

  // Wide tables get a focusable box that scrolls sideways (keyboard too),
  // and every cell the name of its column, which a phone shows beside it.
  function wrapTables(root) {
    for (const table of root.querySelectorAll("table")) {
      const labels = Array.from(table.querySelectorAll("thead th")).map((th) => th.textContent.trim());
      for (const row of table.querySelectorAll("tbody tr")) {
        Array.from(row.cells).forEach((cell, i) => {
          if (labels[i]) cell.dataset.label = labels[i];
        });
      }
      const box = document.createElement("div");
      box.className = "table-scroll";
      box.tabIndex = 0;
      box.setAttribute("role", "region");
      const heading = table.previousElementSibling;
      if (heading && /^H[1-6]$/.test(heading.tagName)) box.setAttribute("aria-label", heading.textContent);
      table.before(box);
      box.append(table);
    }
  }

  // The renderer's severity filter (its own script is not run here).
  function wireFilter(root) {
    const filter = root.getElementById("filter");
    if (!filter) return;
    filter.hidden = false;
    filter.addEventListener("change", (event) => {
      const severity = event.target.value;
      if (!severity) return;
      for (const group of root.querySelectorAll("div.group." + CSS.escape(severity))) {
        group.hidden = !event.target.checked;
      }
    });
  }

  // The report's headings start at h1 (it is a document of its own); in the
  // page it sits under a section's h2, so screen readers get them two levels
  // deeper. The elements stay as they are, for the report's own style.
  function nestHeadings(root) {
    for (const heading of root.querySelectorAll("h1, h2, h3, h4, h5, h6")) {
      heading.setAttribute("aria-level", String(Math.min(6, Number(heading.tagName[1]) + 2)));
    }
  }

  // Puts a report (the HTML document the server rendered in lang) into
  // container; returns its summary sentence and its files table. The report
  // is parsed in a <template>: its content is inert (nothing in it loads or
  // runs, and its <style> is not applied, so the CSP has nothing to block).
  function showReport(container, html, lang) {
    const template = document.createElement("template");
    template.innerHTML = html;
    const content = template.content;
    const styleText = Array.from(content.querySelectorAll("style"))
      .map((s) => s.textContent)
      .join("\n");
    sanitize(content);

    const host = document.createElement("div");
    host.className = "report-host";
    host.lang = lang; // screen readers read it in its own language
    const root = host.attachShadow({ mode: "open" });
    root.adoptedStyleSheets = [stylesheet(styleText), stylesheet(REPORT_ADAPTER_CSS)];
    root.append(document.importNode(content, true));

    const files = filesOfReport(root);
    groupPerFile(root, files);
    wrapTables(root);
    wireFilter(root);
    nestHeadings(root);
    container.replaceChildren(host);
    container.hidden = false;
    const summary = root.querySelector(".summary");
    return { summary: summary ? summary.textContent.trim() : "", files };
  }

  function hideReport(container) {
    container.replaceChildren();
    container.hidden = true;
  }

  // Suggest the year of the files for the overview, unless the user chose one.
  function suggestYear(files) {
    if (state.yearTouched) return;
    const year = files.map((f) => f.year).find((y) => /^\d{4}$/.test(y));
    if (year) $("year-input").value = year;
  }

  function setBusy(region, busy, buttons) {
    region.setAttribute("aria-busy", String(busy));
    for (const button of buttons) button.disabled = busy;
  }

  // ------------------------------------------------------------ validate
  async function validate() {
    const status = $("check-status");
    const report = $("check-report");
    if (state.files.length === 0) {
      say(status, "noFilesChosen", null, "error");
      return;
    }
    if (state.checkAbort) state.checkAbort.abort();
    const run = ++state.checkRun;
    const abort = new AbortController();
    state.checkAbort = abort;
    const lang = state.lang;
    say(status, "checking", { n: state.files.length });
    setBusy(report, true, [$("validate-button")]);
    try {
      const response = await request(`/api/v1/validate?lang=${lang}&format=html`, {
        method: "POST",
        body: formWithFiles(),
        signal: abort.signal,
      });
      if (run !== state.checkRun) return;
      if (response.ok && isHtml(response)) {
        const html = await response.text();
        if (run !== state.checkRun) return;
        const shown = showReport(report, html, lang);
        state.checkedOnce = true;
        suggestYear(shown.files);
        say(status, "checked", { summary: shown.summary }, "ok");
      } else if (response.ok) {
        say(status, "errorUnexpected", null, "error");
      } else {
        sayAll(status, await failureParts(response, "errorStatus"), "error");
      }
    } catch (e) {
      if (run === state.checkRun && e.name !== "AbortError") say(status, "errorNetwork", null, "error");
    } finally {
      if (run === state.checkRun) setBusy(report, false, [$("validate-button")]);
    }
  }

  // -------------------------------------------------------------- submit
  async function submit(event) {
    event.preventDefault();
    const status = $("submit-status");
    const report = $("submit-report");
    if (state.files.length === 0) {
      say(status, "noFilesChosen", null, "error");
      $("file-input").focus();
      return;
    }
    if (tokenValue() === "") {
      say(status, "needToken", null, "error");
      $("token-input").focus();
      return;
    }
    const n = state.files.length;
    say(status, "submitting", { n });
    state.stored = null;
    renderStored();
    hideReport(report);
    setBusy(report, true, [$("submit-button")]);
    const lang = state.lang;
    try {
      const response = await request(`/api/v1/submissions?lang=${lang}&format=html`, {
        method: "POST",
        headers: authHeaders(),
        body: formWithFiles(),
      });
      if ((response.status === 201 || response.status === 422) && isHtml(response)) {
        const shown = showReport(report, await response.text(), lang);
        suggestYear(shown.files);
        say(status, response.status === 201 ? "stored201" : "stored422", { n, summary: shown.summary },
            response.status === 201 ? "ok" : "error");
        await loadStored(shown.files.filter((f) => f.accepted));
      } else if (response.ok) {
        say(status, "errorUnexpected", null, "error");
      } else {
        sayAll(status, await failureParts(response, "error403Submit"), "error");
      }
    } catch (e) {
      say(status, "errorNetwork", null, "error");
    } finally {
      setBusy(report, false, [$("submit-button")]);
    }
  }

  // One stored version, from whatever shape the list answer has.
  function storedRow(item) {
    const current = Array.isArray(item.versions)
      ? item.versions.find((v) => !v.superseded_at) || item.versions[item.versions.length - 1] || {}
      : item;
    return {
      submitter: item.submitter_id ?? item.submitter ?? "",
      year: item.reporting_year ?? item.year ?? "",
      version: current.version ?? item.current_version ?? "",
      file: current.file ?? "",
      sha256: current.sha256 ?? "",
      acceptedAt: current.accepted_at ?? "",
    };
  }

  function listOf(body, ...names) {
    if (Array.isArray(body)) return body;
    for (const name of names) if (body && Array.isArray(body[name])) return body[name];
    return [];
  }

  // What is stored now for the submitters and years that were just accepted.
  async function loadStored(acceptedFiles) {
    const keys = new Map();
    for (const f of acceptedFiles) {
      if (f.submitter && f.year) keys.set(`${f.submitter}/${f.year}`, f);
    }
    const rows = [];
    for (const f of keys.values()) {
      try {
        const query = new URLSearchParams({ submitter: f.submitter, year: f.year });
        const response = await request(`/api/v1/submissions?${query}`, { headers: authHeaders() });
        if (!response.ok) continue;
        for (const item of listOf(await response.json(), "submissions")) rows.push(storedRow(item));
      } catch (e) {
        // the report above already says what was stored; the table is a convenience
      }
    }
    state.stored = rows;
    renderStored();
  }

  function formatTime(value) {
    const date = new Date(value);
    if (value === "" || Number.isNaN(date.getTime())) return String(value);
    return date.toLocaleString(state.lang === "nl" ? "nl-NL" : "en-GB", { dateStyle: "medium", timeStyle: "medium" });
  }

  // Fills a table from column definitions [textKey, cell(row) -> string|Node].
  function fillTable(table, columns, rows) {
    const head = document.createElement("thead");
    const headRow = head.insertRow();
    for (const [key] of columns) {
      const th = document.createElement("th");
      th.scope = "col";
      th.textContent = text(key);
      headRow.append(th);
    }
    const body = document.createElement("tbody");
    for (const row of rows) {
      const tr = body.insertRow();
      for (const [key, cell, className] of columns) {
        const td = tr.insertCell();
        td.dataset.label = text(key); // shown beside the value on a phone
        if (className) td.className = className;
        const value = cell(row);
        td.append(value instanceof Node ? value : String(value ?? ""));
      }
    }
    table.replaceChildren(head, body);
  }

  function codeText(value) {
    const code = document.createElement("code");
    code.textContent = value;
    return code;
  }

  function renderStored() {
    const box = $("stored");
    if (!state.stored || state.stored.length === 0) {
      box.hidden = true;
      return;
    }
    fillTable(
      $("stored-table"),
      [
        ["colSubmitter", (r) => r.submitter],
        ["colYear", (r) => r.year],
        ["colVersion", (r) => r.version, "num"],
        ["colFile", (r) => codeText(r.file)],
        ["colAcceptedAt", (r) => formatTime(r.acceptedAt)],
        ["colSha256", (r) => codeText(r.sha256), "hash"],
      ],
      state.stored
    );
    box.hidden = false;
  }

  // ------------------------------------------------------------ overview
  // One submitter of the overview: accepted (counts of the stored version),
  // rejected (counts of the last, rejected attempt) or missing.
  function overviewRow(item) {
    const last = item.last_attempt || {};
    const counts = item.counts || last.counts || {};
    return {
      submitter: item.submitter_id ?? "",
      name: item.name ?? "",
      kind: item.kind ?? "",
      status: item.status ?? "missing",
      errors: counts.error ?? "",
      warnings: counts.warning ?? "",
      at: item.accepted_at ?? last.attempted_at ?? "",
      version: item.version ?? "",
    };
  }

  async function loadOverview(event) {
    event.preventDefault();
    const status = $("overview-status");
    const year = $("year-input").value.trim();
    if (!/^\d{4}$/.test(year)) {
      say(status, "needYear", null, "error");
      $("year-input").focus();
      return;
    }
    if (tokenValue() === "") {
      say(status, "needToken", null, "error");
      $("token-input").focus();
      return;
    }
    say(status, "overviewLoading", { year });
    setBusy($("overview"), true, [$("overview-button")]);
    try {
      const response = await request(`/api/v1/years/${year}/overview`, { headers: authHeaders() });
      if (response.ok) {
        const rows = listOf(await response.json(), "submitters", "rows", "entries").map(overviewRow);
        state.overview = { year, rows };
        renderOverview();
      } else {
        state.overview = null;
        renderOverview();
        sayAll(status, await failureParts(response, "error403Overview"), "error");
      }
    } catch (e) {
      say(status, "errorNetwork", null, "error");
    } finally {
      setBusy($("overview"), false, [$("overview-button")]);
    }
  }

  function statusCell(row) {
    const span = document.createElement("span");
    span.className = "badge status-" + row.status;
    span.textContent = text("status_" + row.status);
    return span;
  }

  function renderOverview() {
    const box = $("overview");
    const o = state.overview;
    if (!o) {
      box.hidden = true;
      return;
    }
    const count = (s) => o.rows.filter((r) => r.status === s).length;
    say(
      $("overview-status"),
      o.rows.length === 0 ? "overviewEmpty" : "overviewShown",
      { year: o.year, accepted: count("accepted"), rejected: count("rejected"), missing: count("missing"), total: o.rows.length },
      "ok"
    );
    const show = $("status-filter").value;
    const rows = show === "all" ? o.rows : o.rows.filter((r) => r.status === show);
    const columns = [
      ["colSubmitter", (r) => r.submitter],
      ["colKind", (r) => text("kind_" + r.kind)],
      ["colStatus", statusCell],
      ["colErrors", (r) => r.errors, "num"],
      ["colWarnings", (r) => r.warnings, "num"],
      ["colVersion", (r) => r.version, "num"],
      ["colLastAt", (r) => (r.at ? formatTime(r.at) : "")],
    ];
    if (o.rows.some((r) => r.name)) columns.splice(1, 0, ["colName", (r) => r.name]);
    fillTable($("overview-table"), columns, rows);
    box.hidden = false;
  }

  // --------------------------------------------------------------- token
  function setUpToken() {
    const input = $("token-input");
    const remember = $("remember-token");
    try {
      const saved = sessionStorage.getItem(TOKEN_KEY);
      if (saved) {
        input.value = saved;
        remember.checked = true;
      }
    } catch (e) {
      // no session storage: the token lives only in the field
    }
    const keep = () => {
      try {
        if (remember.checked && tokenValue() !== "") sessionStorage.setItem(TOKEN_KEY, tokenValue());
        else sessionStorage.removeItem(TOKEN_KEY);
      } catch (e) {
        // not remembered
      }
    };
    input.addEventListener("input", keep);
    remember.addEventListener("change", keep);
    $("forget-button").addEventListener("click", () => {
      input.value = "";
      remember.checked = false;
      keep();
      state.overview = null;
      state.stored = null;
      renderOverview();
      renderStored();
      clearMessage($("overview-status"));
      input.focus();
    });
  }

  // ---------------------------------------------------------------- start
  function start() {
    state.lang = initialLanguage();
    $("year-input").value = String(new Date().getFullYear() - 1);
    for (const button of document.querySelectorAll("[data-lang]")) {
      button.addEventListener("click", () => setLanguage(button.dataset.lang));
    }
    $("file-input").addEventListener("change", (event) => {
      setFiles(event.target.files);
      // Empty the input, so that choosing the same file again (after a drop
      // in between, or after fixing it) is a change too.
      event.target.value = "";
    });
    $("validate-button").addEventListener("click", validate);
    $("clear-button").addEventListener("click", clearFiles);
    $("submit-form").addEventListener("submit", submit);
    $("overview-form").addEventListener("submit", loadOverview);
    $("year-input").addEventListener("input", () => {
      state.yearTouched = true;
    });
    $("status-filter").addEventListener("change", renderOverview);
    setUpDropZone();
    setUpToken();
    applyTexts();
  }

  start();
})();
