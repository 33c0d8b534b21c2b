// The jobs list (#/): a dense table for many jobs, from ONE GET of the job list per refresh whatever the job count.
// Search (name or id), the status filter, the order and paging all work on that one answer, in the page: none of
// them asks the API again.
import { api, can } from "./api.js";
import { el, badge, local, inZone, defaultTimeZone, cronInWords, navigate, routes } from "./ui.js";
import { jobActions } from "./actions.js";

/** Rows per page. */
export const pageSize = 50;

/** The job's state badge (active, or paused with its reason). */
export function state(job) {
  return job.active
    ? badge("active", "active", "state")
    : badge(job.pausedReason ? `paused: ${job.pausedReason}` : "paused", "paused", "state");
}

const failing = (job) => !!job.lastRun && job.lastRun.status === "failed";
const running = (job) => !!job.lastRun && job.lastRun.status === "running";

/** The status filter's choices: what each keeps. */
export const filters = {
  all: { label: "All jobs", keep: () => true },
  failing: { label: "Failing (last run failed)", keep: failing },
  running: { label: "Running", keep: running },
  paused: { label: "Paused", keep: (job) => !job.active },
  active: { label: "Active", keep: (job) => job.active },
};

const byName = (a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
const rank = (job) => (failing(job) ? 0 : running(job) ? 1 : 2);
const time = (iso) => (iso ? new Date(iso).getTime() : Number.POSITIVE_INFINITY);

/** The orders: failing first (then running, then by name) is the default. */
export const orders = {
  failing: { label: "Failing first", compare: (a, b) => rank(a) - rank(b) || byName(a, b) },
  name: { label: "Name", compare: byName },
  next: { label: "Next run", compare: (a, b) => time(a.active ? a.nextRunAt : null) - time(b.active ? b.nextRunAt : null) || byName(a, b) },
  last: { label: "Last run (newest first)", compare: (a, b) => -(time(a.lastRun && a.lastRun.startedAt) - time(b.lastRun && b.lastRun.startedAt)) || byName(a, b) },
};

// What the user chose; kept while they visit a job and come back (this page's lifetime).
const view = { search: "", filter: "all", order: "failing", page: 0 };
const openErrors = new Set(); // the jobs whose last-run error the user expanded, kept open across refreshes

/** The jobs the current search and filter keep, in the current order. */
export function select(jobs, { search, filter, order }) {
  const needle = search.trim().toLowerCase();
  const keep = (filters[filter] || filters.all).keep;
  return jobs
    .filter((job) => keep(job) && (!needle || job.name.toLowerCase().includes(needle) || job.id.toLowerCase().includes(needle)))
    .sort((orders[order] || orders.failing).compare);
}

function lastRunCell(job) {
  const run = job.lastRun;
  if (!run) return el("td", { class: "last", "data-testid": "last-run", "data-label": "Last run" }, el("span", { class: "meta" }, "never"));
  const when = el("a", { href: routes.run(job.id, run.id), class: "when", title: run.startedAt }, local(run.startedAt));
  let error = null;
  if (run.error) {
    error = el("details", { class: "error", "data-testid": "last-run-error", open: openErrors.has(job.id) || null, ontoggle: (e) => { if (e.currentTarget.open) openErrors.add(job.id); else openErrors.delete(job.id); } },
      el("summary", { title: run.error }, run.error));
  }
  return el("td", { class: "last", "data-testid": "last-run", "data-label": "Last run" }, badge(run.status, run.status), " ", when, error);
}

function nextRunCell(job) {
  const zone = job.timeZone || defaultTimeZone;
  return el("td", { class: "next-run", "data-label": "Next run" },
    el("div", { "data-testid": "next-run" }, job.active
      ? el("time", { datetime: job.nextRunAt || null, title: job.nextRunAt || null }, inZone(job.nextRunAt, zone))
      : el("span", { class: "meta" }, "No runs while paused.")),
    el("div", { class: "meta schedule" }, cronInWords(job.schedule)));
}

function row(job) {
  return el("tr", { class: `job-row${failing(job) ? " is-failing" : ""}`, "data-job-id": job.id, "data-testid": "job" },
    el("th", { scope: "row", class: "name", "data-label": "Job" },
      el("a", { href: routes.job(job.id), "data-testid": "job-name" }, job.name),
      el("div", { class: "meta" }, `${job.format}${job.compress ? " + gzip" : ""} → ${job.destinationType}`)),
    el("td", { class: "state", "data-label": "State" }, state(job)),
    lastRunCell(job),
    nextRunCell(job),
    el("td", { class: "row-actions", "data-label": "Actions" }, jobActions(job)));
}

/** Mounts the list into root; answers the view ({ refresh }). */
export function mount(root) {
  let jobs = [];
  const search = el("input", { type: "search", id: "job-search", "data-testid": "search", placeholder: "Name or id", autocomplete: "off", value: view.search });
  const filter = el("select", { id: "job-filter", "data-testid": "filter" }, Object.entries(filters).map(([key, f]) => el("option", { value: key, selected: key === view.filter || null }, f.label)));
  const order = el("select", { id: "job-order", "data-testid": "order" }, Object.entries(orders).map(([key, o]) => el("option", { value: key, selected: key === view.order || null }, o.label)));
  const body = el("tbody");
  const summary = el("p", { class: "meta", "data-testid": "list-summary", "aria-live": "polite" });
  const previous = el("button", { type: "button", "data-action": "previous-page" }, "Previous page");
  const next = el("button", { type: "button", "data-action": "next-page" }, "Next page");
  const pageLabel = el("span", { "data-testid": "page" });
  const none = el("p", { id: "no-jobs", "data-testid": "no-jobs", hidden: true }, "No export jobs yet.");
  const table = el("table", { id: "jobs", class: "jobs-table", "data-testid": "jobs" },
    el("caption", { class: "visually-hidden" }, "Export jobs"),
    el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Job"), el("th", { scope: "col" }, "State"), el("th", { scope: "col" }, "Last run"), el("th", { scope: "col" }, "Next run (job's zone)"), el("th", { scope: "col" }, el("span", { class: "visually-hidden" }, "Actions")))),
    body);

  function draw() {
    const chosen = select(jobs, view);
    const pages = Math.max(1, Math.ceil(chosen.length / pageSize));
    view.page = Math.min(Math.max(0, view.page), pages - 1);
    const start = view.page * pageSize;
    const shown = chosen.slice(start, start + pageSize);
    body.replaceChildren(...shown.map(row));
    summary.textContent = chosen.length === jobs.length
      ? `${jobs.length} job${jobs.length === 1 ? "" : "s"}`
      : `${chosen.length} of ${jobs.length} jobs match`;
    pageLabel.textContent = `Page ${view.page + 1} of ${pages}`;
    previous.disabled = view.page === 0;
    next.disabled = view.page >= pages - 1;
    table.hidden = jobs.length === 0;
    none.hidden = jobs.length > 0;
    document.body.dataset.listShown = String(shown.length);
  }

  search.addEventListener("input", () => { view.search = search.value; view.page = 0; draw(); });
  filter.addEventListener("change", () => { view.filter = filter.value; view.page = 0; draw(); });
  order.addEventListener("change", () => { view.order = order.value; view.page = 0; draw(); });
  previous.addEventListener("click", () => { view.page--; draw(); });
  next.addEventListener("click", () => { view.page++; draw(); });

  root.replaceChildren(el("section", { id: "jobs-view", "aria-labelledby": "jobs-title" },
    el("div", { class: "list-head" },
      el("h2", { id: "jobs-title" }, "Export jobs"),
      can("edit") ? el("button", { type: "button", class: "primary", "data-action": "create", onclick: () => navigate(routes.create()) }, "New job") : null),
    el("div", { class: "toolbar", role: "search" },
      el("label", { for: "job-search" }, "Search"), search,
      el("label", { for: "job-filter" }, "Show"), filter,
      el("label", { for: "job-order" }, "Order"), order),
    summary,
    el("div", { class: "table-wrap" }, table),
    el("nav", { class: "pager", "aria-label": "Pages of jobs" }, previous, pageLabel, next),
    none));
  draw();
  return {
    async refresh() {
      jobs = await api("/");
      draw();
    },
  };
}
