// The ExportJobs dashboard: plain browser JavaScript, no dependencies; talks to the REST API at data-api-base.
"use strict";
(() => {
  const apiBase = document.body.dataset.apiBase;
  const recentRuns = Number(document.body.dataset.recentRuns) || 30;
  // How often the open view refreshes itself while the page is visible (stopped while hidden): one GET of the job list
  // per interval on the list (whatever the job count), the job and its runs on a job's page.
  const refreshMs = Math.max(1000, Number(document.body.dataset.refreshMs) || 5000);
  const $ = (selector, root = document) => root.querySelector(selector);
  const statusLine = $("#status");
  let pollTimer = null;
  let refreshes = 0;

  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child !== null && child !== undefined) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  async function api(path, method = "GET") {
    const response = await fetch(apiBase + path, { method, headers: { Accept: "application/json" }, credentials: "same-origin" });
    const text = await response.text();
    const body = text ? JSON.parse(text) : null;
    if (!response.ok) {
      const detail = body && (body.detail || body.title) ? `${body.title || ""} ${body.detail || ""}`.trim() : response.statusText;
      throw new Error(`${method} ${path}: ${response.status} ${detail}`);
    }
    return body;
  }

  function say(message) { statusLine.textContent = message || ""; }

  // What the current user may do (GET {api}/capabilities); the API enforces it anyway. An API without the endpoint
  // (an older release) or an answer that is not 200: everything is shown, and the API's 403 says what is refused.
  let capabilities = null;
  async function loadCapabilities() {
    if (capabilities) return capabilities;
    try {
      capabilities = await api("/capabilities");
    } catch {
      capabilities = { read: true, operate: true, edit: true };
    }
    document.body.dataset.canOperate = String(!!capabilities.operate);
    document.body.dataset.canEdit = String(!!capabilities.edit);
    return capabilities;
  }

  // ---- formatting ------------------------------------------------------------------------------
  const days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
  const months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
  const pad = (n) => String(n).padStart(2, "0");
  const isNum = (s) => /^\d+$/.test(s);

  function list(values, names) {
    return values.split(",").map((v) => {
      if (/^\d+-\d+$/.test(v)) { const [a, b] = v.split("-").map(Number); return `${names ? names[a % names.length] : a} to ${names ? names[b % names.length] : b}`; }
      return isNum(v) ? (names ? names[Number(v) % names.length] : v) : v;
    }).join(", ");
  }

  // A 5-field cron expression in words; falls back to the expression for shapes it does not know.
  function cronInWords(cron) {
    const parts = String(cron).trim().split(/\s+/);
    if (parts.length !== 5) return cron;
    const [min, hour, dom, mon, dow] = parts;
    let time;
    if (min === "*" && hour === "*") time = "every minute";
    else if (/^\*\/\d+$/.test(min) && hour === "*") time = `every ${min.slice(2)} minutes`;
    else if (isNum(min) && hour === "*") time = `every hour at minute ${min}`;
    else if (isNum(min) && /^\*\/\d+$/.test(hour)) time = `every ${hour.slice(2)} hours at minute ${min}`;
    else if (isNum(min) && /^[\d,]+$/.test(hour)) time = "at " + hour.split(",").map((h) => `${pad(h)}:${pad(min)}`).join(", ");
    else return `cron ${cron}`;
    let when = "";
    if (dom === "*" && mon === "*" && dow === "*") when = time.startsWith("every") ? "" : "every day";
    else if (dom === "*" && mon === "*") when = `on ${list(dow, days)}`;
    else if (isNum(dom) && mon === "*" && dow === "*") when = `on day ${dom} of every month`;
    else if (mon !== "*" && dow === "*") when = `on day ${dom === "*" ? "every day" : dom} of ${list(mon, [""].concat(months))}`;
    else return `cron ${cron}`;
    const text = [time, when].filter(Boolean).join(" ");
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  // The one date/time style of the page: the viewer's locale, with the zone named; in the job's time zone (schedules,
  // next runs) or the viewer's own (runs). A zone the browser does not know falls back to the viewer's zone.
  const formats = new Map();
  function formatFor(zone) {
    const key = zone || "";
    if (!formats.has(key)) {
      const style = { weekday: "short", year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit", timeZoneName: "short" };
      let format;
      try { format = new Intl.DateTimeFormat(undefined, zone ? { ...style, timeZone: zone } : style); } catch { format = new Intl.DateTimeFormat(undefined, style); }
      formats.set(key, format);
    }
    return formats.get(key);
  }

  function when(iso, zone) {
    if (!iso) return "—";
    const text = formatFor(zone).format(new Date(iso));
    return zone ? `${text} (${zone})` : text;
  }

  const local = (iso) => when(iso, null);
  const inZone = (iso, zone) => when(iso, zone || "UTC");

  function size(bytes) {
    if (bytes === null || bytes === undefined) return "—";
    const units = ["B", "KB", "MB", "GB", "TB"];
    let value = bytes, unit = 0;
    while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
    return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
  }

  function seconds(run) {
    if (!run.completedAt) return null;
    return Math.max(0, (new Date(run.completedAt) - new Date(run.startedAt)) / 1000);
  }

  function duration(run) {
    const s = seconds(run);
    if (s === null) return run.status === "running" ? "running…" : "—";
    if (s < 60) return `${s.toFixed(1)} s`;
    return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
  }

  const badge = (text, kind, testid) => el("span", { class: `badge ${kind}`, "data-testid": testid, text });

  // ---- actions ---------------------------------------------------------------------------------
  async function act(button, path, message) {
    button.disabled = true;
    try {
      await api(path, "POST");
      say(message);
      await render();
    } catch (error) {
      say(error.message);
      button.disabled = false;
    }
  }

  function actions(job) {
    const id = encodeURIComponent(job.id);
    const operate = !capabilities || capabilities.operate;
    return el("div", { class: "actions" },
      !operate ? null : job.active
        ? el("button", { type: "button", "data-action": "pause", onclick: (e) => act(e.currentTarget, `/${id}/pause`, `Paused '${job.name}'.`) }, "Pause")
        : el("button", { type: "button", "data-action": "resume", onclick: (e) => act(e.currentTarget, `/${id}/resume`, `Resumed '${job.name}'.`) }, "Resume"),
      !operate ? null : el("button", { type: "button", class: "primary", "data-action": "run", onclick: (e) => act(e.currentTarget, `/${id}/trigger`, `Started a run of '${job.name}'.`) }, "Run now"),
      el("button", { type: "button", "data-action": "history", onclick: () => { location.hash = `#job/${id}`; } }, "Run history"));
  }

  function state(job) {
    return job.active
      ? badge("active", "active", "state")
      : badge(job.pausedReason ? `paused: ${job.pausedReason}` : "paused", "paused", "state");
  }

  function lastRun(job) {
    if (!job.lastRun) return el("div", { class: "meta", "data-testid": "last-run" }, "Last run: never");
    return el("div", { class: "meta", "data-testid": "last-run" }, "Last run: ", badge(job.lastRun.status, job.lastRun.status), " ", local(job.lastRun.startedAt));
  }

  // The list's schedule line: the schedule in words and the next run (the list response's nextRunAt), in the job's zone.
  function nextRun(job) {
    const zone = job.timeZone || "UTC";
    return el("div", { class: "meta" }, `${cronInWords(job.schedule)} (${zone})`,
      el("div", { "data-testid": "next-run" }, job.active ? ["Next run: ", el("time", { datetime: job.nextRunAt || null, title: job.nextRunAt || null }, inZone(job.nextRunAt, zone))] : "No runs while paused."));
  }

  // A job's page: the next five runs (GET …/schedule), asked again only when the job's schedule, state or next run changed.
  let scheduleCache = { key: null, box: null };
  async function nextRuns(job) {
    const key = `${job.id}|${job.version}|${job.active}|${job.nextRunAt}`;
    if (scheduleCache.key === key) return scheduleCache.box;
    const box = el("div", { class: "meta" });
    try {
      const schedule = await api(`/${encodeURIComponent(job.id)}/schedule`);
      box.append(`${cronInWords(schedule.schedule)} (${schedule.timeZone})`);
      scheduleCache = { key, box };
      if (job.active) {
        box.append(el("ol", { class: "next", "data-testid": "next-runs", "aria-label": "Next runs" },
          schedule.nextRuns.map((t) => el("li", { title: t }, inZone(t, schedule.timeZone)))));
      } else {
        box.append(el("div", {}, "No runs while paused."));
      }
    } catch (error) {
      box.append(`${cronInWords(job.schedule)} — ${error.message}`);
    }
    return box;
  }

  // ---- views -----------------------------------------------------------------------------------
  async function renderJobs() {
    const jobs = await api("/");
    const items = jobs.map((job) => el("li", { class: "job", "data-job-id": job.id, "data-testid": "job" },
      el("h2", {}, el("a", { href: `#job/${encodeURIComponent(job.id)}` }, job.name)),
      el("div", {}, state(job), " ", el("span", { class: "meta" }, `${job.format}${job.compress ? " + gzip" : ""} → ${job.destinationType}`)),
      nextRun(job),
      lastRun(job),
      actions(job)));
    $("#jobs").replaceChildren(...items);
    $("#no-jobs").hidden = jobs.length > 0;
  }

  function chart(runs) {
    const box = $("#chart");
    const data = runs.filter((r) => r.status !== "running").slice().reverse();
    if (data.length === 0) { box.replaceChildren(el("p", { class: "meta" }, "No finished runs yet.")); return; }
    const ns = "http://www.w3.org/2000/svg";
    const svg = (tag, attrs, text) => { const n = document.createElementNS(ns, tag); for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, String(v)); if (text) n.textContent = text; return n; };
    const W = 600, H = 180, pad = 28, step = (W - 2 * pad) / data.length;
    const anyRecords = data.some((r) => r.recordCount > 0);
    const maxRecords = Math.max(1, ...data.map((r) => r.recordCount || 0));
    const failMark = 8; // a run without records (a failure, an empty run) still draws a visible mark, in its status colour
    const maxSeconds = Math.max(0.001, ...data.map((r) => seconds(r) || 0));
    const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "Records (bars) and duration (line) of recent runs" });
    root.append(svg("line", { x1: pad, y1: H - pad, x2: W - pad, y2: H - pad, stroke: "#b8c0cc" }));
    const points = [];
    data.forEach((run, i) => {
      const x = pad + i * step;
      const failed = run.status === "failed";
      const h = Math.max(failed ? failMark : 0, ((run.recordCount || 0) / maxRecords) * (H - 2 * pad));
      const bar = svg("rect", { x: x + step * 0.15, y: H - pad - h, width: Math.max(2, step * 0.7), height: h, fill: failed ? "#c62828" : "#8fb8f5", "data-status": run.status });
      bar.append(svg("title", {}, `${local(run.startedAt)}: ${run.status}, ${run.recordCount ?? "no"} records, ${duration(run)}${failed && run.error ? ` — ${run.error}` : ""}`));
      root.append(bar);
      const y = H - pad - ((seconds(run) || 0) / maxSeconds) * (H - 2 * pad);
      points.push(`${x + step / 2},${y}`);
      root.append(svg("circle", { cx: x + step / 2, cy: y, r: 3, fill: "#9a6700" }));
    });
    root.append(svg("polyline", { points: points.join(" "), fill: "none", stroke: "#9a6700", "stroke-width": 2 }));
    root.append(svg("text", { x: 2, y: 14, "font-size": 11, fill: "#5b6475" }, anyRecords ? `${maxRecords} records` : "no records"));
    root.append(svg("text", { x: W - 2, y: 14, "font-size": 11, fill: "#9a6700", "text-anchor": "end" }, `${maxSeconds.toFixed(1)} s`));
    box.replaceChildren(root, el("div", { class: "legend" },
      el("span", {}, el("span", { class: "swatch records" }), "records"),
      el("span", {}, el("span", { class: "swatch failed" }), "failed run"),
      el("span", {}, el("span", { class: "swatch duration" }), "duration")));
  }

  async function renderJob(id) {
    const [job, runs] = await Promise.all([api(`/${encodeURIComponent(id)}`), api(`/${encodeURIComponent(id)}/runs?limit=${recentRuns}`)]);
    $("#job-detail").replaceChildren(el("div", { class: "job", "data-job-id": job.id, "data-testid": "job-detail" },
      el("h2", {}, job.name),
      job.description ? el("div", { class: "meta" }, job.description) : null,
      el("div", {}, state(job), " ", el("span", { class: "meta" }, `${job.format}${job.compress ? " + gzip" : ""} → ${job.destinationType}, mode ${job.mode}`)),
      await nextRuns(job),
      actions(job)));
    chart(runs);
    $("#runs tbody").replaceChildren(...runs.map((run) => el("tr", { "data-run-id": run.id, "data-testid": "run" },
      el("td", {}, local(run.startedAt)),
      el("td", {}, badge(run.status, run.status, "run-status")),
      el("td", {}, run.trigger),
      el("td", { class: "num" }, run.recordCount ?? "—"),
      el("td", { class: "num" }, size(run.fileSize)),
      el("td", { class: "num" }, duration(run)),
      el("td", { class: "path" }, run.destinationPath ?? "—"),
      el("td", { class: "error" }, run.error ?? ""))));
    $("#no-runs").hidden = runs.length > 0;
  }

  // One refresh at a time: a refresh asked for while one is under way runs once after it (never two at once), and the
  // next timed refresh is set only after the current one ended, only while the page is visible.
  let rendering = null;
  let again = false;
  async function render() {
    clearTimeout(pollTimer);
    pollTimer = null;
    if (rendering) { again = true; return rendering; }
    rendering = (async () => {
      const match = /^#job\/(.+)$/.exec(location.hash);
      $("#jobs-view").hidden = !!match;
      $("#job-view").hidden = !match;
      try {
        await loadCapabilities();
        if (match) await renderJob(decodeURIComponent(match[1])); else await renderJobs();
        document.body.dataset.ready = "true";
      } catch (error) {
        say(error.message);
      }
    })();
    await rendering;
    rendering = null;
    if (again) { again = false; return render(); }
    schedule();
    document.body.dataset.refreshes = String(++refreshes);
  }

  function schedule() {
    clearTimeout(pollTimer);
    pollTimer = null;
    const visible = document.visibilityState !== "hidden";
    document.body.dataset.polling = String(visible);
    if (visible) pollTimer = setTimeout(render, refreshMs);
  }

  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") { clearTimeout(pollTimer); pollTimer = null; document.body.dataset.polling = "false"; }
    else if (!rendering) render();
  });
  window.addEventListener("hashchange", () => { say(""); render(); });
  $("#refresh").addEventListener("click", () => { say(""); render(); });
  document.querySelectorAll("a.back, [data-testid=home]").forEach((a) => a.addEventListener("click", (e) => { e.preventDefault(); location.hash = ""; }));
  render();
})();
