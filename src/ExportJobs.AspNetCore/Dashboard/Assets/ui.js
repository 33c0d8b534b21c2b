// Shared pieces of the dashboard's views: DOM building, the status line, and the one date/number style of the page.

/** document.querySelector (or root.querySelector). */
export const $ = (selector, root = document) => root.querySelector(selector);

/**
 * Builds an element: attrs "class", "text", "on<event>" (a listener) and any attribute (null/undefined/false leave it
 * out, true sets it empty); children are nodes, strings or (nested) arrays of them, null/undefined skipped.
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child !== null && child !== undefined && child !== false) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Shows a message in the page's status line (#status, role=status); say("") clears it. */
export function say(message) {
  const line = document.getElementById("status");
  if (line) line.textContent = message || "";
}

/** Asks the page to refresh the open view now (the refresh loop in app.js; never two refreshes at once). */
export function requestRefresh() { document.dispatchEvent(new CustomEvent("exportjobs:refresh")); }

/** Opens a route ("#/", "#/jobs/{id}", "#/jobs/{id}/runs/{runId}", "#/new", "#/jobs/{id}/edit", …). */
export function navigate(hash) { location.hash = hash; }

/** Route hashes, ids encoded. */
export const routes = {
  list: () => "#/",
  job: (id) => `#/jobs/${encodeURIComponent(id)}`,
  run: (id, runId) => `#/jobs/${encodeURIComponent(id)}/runs/${encodeURIComponent(runId)}`,
  create: () => "#/new",
  edit: (id) => `#/jobs/${encodeURIComponent(id)}/edit`,
  duplicate: (id) => `#/jobs/${encodeURIComponent(id)}/duplicate`,
};

/** A status pill (success, failed, running, active, paused …). */
export const badge = (text, kind, testid) => el("span", { class: `badge ${kind}`, "data-testid": testid, text });

// ---- cron in words ----------------------------------------------------------------------------
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

/** A 5-field cron expression in words; falls back to the expression for shapes it does not know. */
export function cronInWords(cron) {
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

// ---- dates -------------------------------------------------------------------------------------
// The one date/time style of the page: the viewer's locale for the date and time, then the zone named once, as its
// IANA id in parentheses: the job's zone (schedules, next runs) or the viewer's own (runs). The format itself names no
// zone (no timeZoneName), so no moment reads "… UTC (UTC)". A zone the browser does not know falls back to the
// viewer's zone, and then that zone is the one named.
const formats = new Map();
function formatFor(zone) {
  const key = zone || "";
  if (!formats.has(key)) {
    const style = { weekday: "short", year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit" };
    let format = null;
    if (zone) { try { format = new Intl.DateTimeFormat(undefined, { ...style, timeZone: zone }); } catch { format = null; } }
    const named = format ? zone : null;
    format = format || new Intl.DateTimeFormat(undefined, style);
    formats.set(key, { format, zone: named || format.resolvedOptions().timeZone || "UTC" });
  }
  return formats.get(key);
}

/** A moment in the page's one style, in zone or the viewer's zone, named once: "Tue, Dec 1, 2026, 02:00:00 (Europe/Berlin)"; "—" for none. */
export function when(iso, zone) {
  if (!iso) return "—";
  const { format, zone: named } = formatFor(zone);
  return `${format.format(new Date(iso))} (${named})`;
}

/** A moment in the viewer's zone (runs). */
export const local = (iso) => when(iso, null);

/** The zone of jobs that name none: the host's ExportJobsOptions.TimeZone (UTC unless set), from the page. */
export const defaultTimeZone = document.body.dataset.defaultTimeZone || "UTC";

/** A moment in a job's zone (schedules, next runs; the host's default zone when the job names none). */
export const inZone = (iso, zone) => when(iso, zone || defaultTimeZone);

/** A <time> element showing a moment in the page's style, with the ISO value as its datetime and title. */
export const time = (iso, zone) => el("time", { datetime: iso || null, title: iso || null }, zone === undefined ? local(iso) : inZone(iso, zone));

// ---- numbers -----------------------------------------------------------------------------------
/** Bytes in B/KB/MB/GB/TB; "—" for none. */
export function size(bytes) {
  if (bytes === null || bytes === undefined) return "—";
  const units = ["B", "KB", "MB", "GB", "TB"];
  let value = bytes, unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

/** A count in the viewer's locale (1,234); "—" for none. */
export const count = (n) => (n === null || n === undefined ? "—" : Number(n).toLocaleString());

/** Seconds from a run's start to its end (null while it runs). */
export function seconds(run) {
  if (!run.completedAt || !run.startedAt) return null;
  return Math.max(0, (new Date(run.completedAt) - new Date(run.startedAt)) / 1000);
}

/** Seconds as "4.2 s" or "3 min 5 s". */
export function span(s) {
  if (s < 60) return `${s.toFixed(1)} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
  return `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`;
}

/** A run's duration ("running…" while it runs). */
export function duration(run) {
  const s = seconds(run);
  if (s === null) return run.status === "running" ? "running…" : "—";
  return span(s);
}
